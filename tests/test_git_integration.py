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


def _workflow() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((REPO / ".github" / "workflows" / "plandiff.yml").read_text(
        encoding="utf-8"))


def _step(workflow: dict, name: str) -> dict:
    steps = workflow["jobs"]["review"]["steps"]
    return next(s for s in steps if s.get("name", "").startswith(name))


def test_workflow_runs_check_and_review_and_keeps_one_comment() -> None:
    workflow = _workflow()
    paths = workflow["on"]["pull_request"]["paths"]
    assert "plans/**" in paths and "seeds/**" in paths
    assert "plandiff check" in _step(workflow, "Check")["run"]
    assert "plandiff review" in _step(workflow, "Review")["run"]


def test_every_action_the_workflow_uses_is_pinned_by_commit() -> None:
    """A tag (`@v4`) can be moved to other code by whoever controls the action; a commit SHA
    cannot. Each `uses:` names a full 40-digit SHA, with the version it was taken from beside it."""
    import re

    text = (REPO / ".github" / "workflows" / "plandiff.yml").read_text(encoding="utf-8")
    uses = [line.strip() for line in text.splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert len(uses) == len(re.findall(r"\buses:", text)) >= 3
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+(\.\d+)*", line), line


def test_workflow_installs_plandiff_from_outside_the_pull_requests_checkout() -> None:
    # `python -m pip` in the checkout would import a `pip/` that the pull request adds.
    script = _step(_workflow(), "Install")["run"].splitlines()
    install = next(i for i, line in enumerate(script) if "pip install" in line)
    assert script[install].split()[:4] == ["python", "-P", "-m", "pip"]
    assert 'cd "$RUNNER_TEMP"' in script[:install]


def test_workflow_updates_its_own_comment_whatever_check_and_review_find() -> None:
    workflow = _workflow()
    for name in ("Check", "Review"):  # each records its status and lets the comment be written
        step = _step(workflow, name)
        assert "set +e" in step["run"] and "exit 0" in step["run"]
    comment = _step(workflow, "Post or update")
    assert comment["if"].startswith("always() && ")
    script = comment["with"]["script"]
    assert 'c.user.login === "github-actions[bot]"' in script
    assert "c.body.startsWith(marker" in script and "plandiff-review workflow:" in script
    failing = _step(workflow, "Fail")["if"]
    assert "steps.check.outputs.status != '0'" in failing
    assert "steps.review.outputs.status != '0'" in failing


def test_the_review_docs_say_to_protect_the_workflow_file() -> None:
    text = (REPO / "docs" / "review.md").read_text(encoding="utf-8")
    section = text[text.index("### Protect the workflow itself"):]
    assert "`CODEOWNERS`" in section and "/.github/ @your-org/maintainers" in section
    assert "Require review from Code Owners" in section and "A required workflow" in section
