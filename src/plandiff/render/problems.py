"""Views of check problems: one line each, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from plandiff.problems import Problem


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render(problems: Sequence[Problem], output_format: str = "text", *,
           checked: str | None = None, root: str | None = None) -> str:
    """`checked` says what was read (in the text's last line); `root` is the repository (JSON)."""
    if output_format == "json":
        return json.dumps({
            "format": "plandiff.check/1",
            **({"root": root} if root is not None else {}),
            "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
            "problems": [{
                "file": p.file, "line": p.line, "column": p.column, "severity": p.severity,
                "code": p.code, "message": p.message, "hint": p.hint,
            } for p in problems],
        }, indent=2, ensure_ascii=False) + "\n"
    if output_format == "github":
        lines = []
        for p in problems:
            props = [f"file={_github_escape(p.file, property_value=True)}"]
            if p.line is not None:
                props.append(f"line={p.line}")
            if p.column is not None:
                props.append(f"col={p.column}")
            props.append(f"title={_github_escape('plandiff ' + p.code, property_value=True)}")
            message = p.message + (f" ({p.hint})" if p.hint else "")
            lines.append(f"::{p.severity} {','.join(props)}::{_github_escape(message)}")
        return "\n".join(lines) + ("\n" if lines else "")
    lines = [p.format() for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    where = f" (checked {checked})" if checked else ""
    if problems:
        lines.append(f"{errors} error(s), {warnings} warning(s){where}")
    else:
        lines.append(f"ok: no problems found{where}")
    return "\n".join(lines) + "\n"
