"""Views of check problems: one line each, JSON, or GitHub workflow annotations."""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.core.hidden_characters import make_visible
from plandiff.core.problems import Problem
from plandiff.render import json_text


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def workflow_command(command: str, message: str, **properties: str | int | None) -> str:
    """One GitHub workflow command (`::error file=…,line=…::message`) on one line: data and
    property values escaped as GitHub's toolkit does, so no value can end the line, start another
    command or add a property; hidden characters shown as ⟨U+202E⟩. `None` properties are left
    out. The one way plandiff writes an annotation."""
    props = ",".join(f"{name}={_github_escape(make_visible(str(value)), property_value=True)}"
                     for name, value in properties.items() if value is not None)
    return f"::{command}{' ' if props else ''}{props}::{_github_escape(make_visible(message))}"


def render(problems: Sequence[Problem], output_format: str = "text", *,
           checked: str | None = None, root: str | None = None) -> str:
    """`checked` says what was read (in the text's last line); `root` is the repository (JSON)."""
    if output_format == "json":
        return json_text.dumps({
            "format": "plandiff.check/1",
            **({"root": make_visible(root)} if root is not None else {}),
            "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
            "problems": [{
                "file": make_visible(p.file), "line": p.line, "column": p.column,
                "severity": p.severity, "code": p.code, "message": make_visible(p.message),
                "hint": make_visible(p.hint) if p.hint else p.hint,
            } for p in problems],
        }, indent=2) + "\n"
    if output_format == "github":
        lines = [workflow_command(p.severity, p.message + (f" ({p.hint})" if p.hint else ""),
                                  file=p.file, line=p.line, col=p.column,
                                  title=f"plandiff {p.code}") for p in problems]
        return "\n".join(lines) + ("\n" if lines else "")
    lines = [p.format() for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    where = f" (checked {make_visible(checked, one_line=True)})" if checked else ""
    if problems:
        lines.append(f"{errors} error(s), {warnings} warning(s){where}")
    else:
        lines.append(f"ok: no problems found{where}")
    return "\n".join(lines) + "\n"
