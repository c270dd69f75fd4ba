"""What the project offers git and GitHub: a textconv driver and the pull-request workflow."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_textconv_shows_clauses_and_terms(run) -> None:
    out = run("textconv", str(REPO / "plans" / "v28.yaml")).stdout
    assert out.startswith("version v28 — ")
    assert "[6] armed-forces-cap" in out
    assert "Cap on Ukraine's armed forces: 600,000 personnel" in out


def test_textconv_passes_a_broken_file_through(run, tmp_path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    result = run("textconv", str(broken))
    assert result.exit_code == 0 and result.stdout == "id: [unclosed\n"


def test_workflow_is_valid_for_github() -> None:
    result = subprocess.run(
        [shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema"),
         "--builtin-schema", "vendor.github-workflows",
         str(REPO / ".github" / "workflows" / "plandiff.yml")],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_check_and_review_and_keeps_one_comment() -> None:
    text = (REPO / ".github" / "workflows" / "plandiff.yml").read_text(encoding="utf-8")
    assert "plandiff check" in text and "plandiff review" in text
    assert "<!-- plandiff-review -->" in text
    assert '"plans/**"' in text and '"seeds/**"' in text
