"""Docs cannot drift: every command and option of the CLI appears in docs/."""

from __future__ import annotations

import typer.main

from conftest import REPO
from plandiff.cli import app


def _docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))


def test_every_command_and_option_is_documented() -> None:
    docs = _docs()
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    missing = []
    for name, command in root.commands.items():
        if f"plandiff {name}" not in docs:
            missing.append(f"plandiff {name}")
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-") and option not in docs:
                    missing.append(f"plandiff {name} {option}")
    assert not missing, f"undocumented in docs/: {missing}"


def test_readme_quick_start_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ci.strip().splitlines()[-1]
    assert test_command in readme


def test_readme_sample_is_what_plandiff_v28_geneva_prints(run) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    marker = "`plandiff v28 geneva`, pasted from a real run:\n\n```\n"
    start = readme.index(marker) + len(marker)
    sample = readme[start:readme.index("\n```", start)]
    assert run("v28", "geneva", root=REPO).stdout.rstrip("\n") == sample
