"""Docs cannot drift: every command and option of the CLI appears in docs/."""

from __future__ import annotations

import re

import typer.main

import docs_samples
from conftest import REPO
from plandiff.cli.app import app


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


def test_every_sample_in_the_docs_is_what_plandiff_prints() -> None:
    """README.md and docs/ show real output: `python tests/docs_samples.py` regenerates it."""
    drifted = [d for path in docs_samples.documents()
               for d in docs_samples.refresh(path, check=True)]
    assert not drifted, "run `python tests/docs_samples.py`, then review the diff: " + str(drifted)


def test_the_sample_check_sees_a_drifted_sample_and_the_refresh_fixes_it(tmp_path) -> None:
    page = tmp_path / "page.md"
    stale = "Intro.\n\n<!-- sample head=2: plandiff schema terms -->\n```\n{ stale }\n```\nEnd.\n"
    page.write_text(stale, encoding="utf-8")
    assert docs_samples.refresh(page, check=True) == [f"{page}:3: plandiff schema terms"]
    assert page.read_text(encoding="utf-8") == stale  # --check changes nothing
    docs_samples.refresh(page, check=False)
    fresh = page.read_text(encoding="utf-8")
    assert fresh.startswith("Intro.\n\n<!-- sample head=2: plandiff schema terms -->\n```\n{\n")
    assert fresh.endswith("\n```\nEnd.\n")
    assert docs_samples.refresh(page, check=True) == []


def test_a_sample_may_show_the_end_of_an_output(tmp_path) -> None:
    page = tmp_path / "page.md"
    page.write_text("<!-- sample tail=2: plandiff schema terms -->\n```\n```\n", encoding="utf-8")
    docs_samples.refresh(page, check=False)
    assert page.read_text(encoding="utf-8") == (
        "<!-- sample tail=2: plandiff schema terms -->\n```\n  }\n}\n```\n")


def test_every_command_has_its_help_in_cli_md() -> None:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    cli_md = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^<!-- sample: plandiff (\S+) --help -->$", cli_md, flags=re.M))
    assert shown == set(root.commands)


def test_readme_leads_with_the_main_job() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "<!-- sample: plandiff v28 geneva -->" in readme
