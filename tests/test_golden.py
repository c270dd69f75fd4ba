"""Golden cases: each tests/cases/<name>/ holds plans and the expected output of commands.

Regenerate with `pytest tests/test_golden.py --update-goldens`, then review the diff like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from freeze_corpus import FROZEN

CASES = REPO / "tests" / "cases"


def _runs() -> list[tuple[str, dict]]:
    found = []
    for case_file in sorted(CASES.glob("*/case.yaml")):
        spec = YAML(typ="safe").load(case_file.read_text(encoding="utf-8"))
        for run_spec in spec["runs"]:
            found.append((case_file.parent.name, run_spec))
    return found


@pytest.mark.parametrize(
    ("case", "spec"), _runs(), ids=[f"{c}:{s['output']}" for c, s in _runs()]
)
def test_golden(case: str, spec: dict, run, update_goldens: bool) -> None:
    case_dir = CASES / case
    # The corpus case runs on the frozen copy (tests/freeze_corpus.py): a new version added to
    # plans/ moves none of its outputs until that copy is refreshed on purpose.
    root = FROZEN if (case_dir / "corpus").exists() else case_dir
    # `{case}` in an argument is the case's folder (for commands that read a file, like import).
    result = run(*(str(a).replace("{case}", str(case_dir)) for a in spec["args"]), root=root)
    expected_exit = spec.get("exit", 0)
    if spec.get("stderr") == "only":
        output = result.stderr
    else:
        output = result.stdout + (result.stderr if spec.get("stderr") else "")
    output = output.replace(str(root), "{root}")  # messages name the repository they read
    golden = case_dir / spec["output"]
    if update_goldens:
        golden.write_text(output, encoding="utf-8")
    assert result.exit_code == expected_exit, output
    assert golden.exists(), f"{golden} is missing: run pytest with --update-goldens"
    assert output == golden.read_text(encoding="utf-8")


def test_every_case_has_runs() -> None:
    assert _runs(), "no golden cases found"


def _unused(path: Path) -> bool:
    return path.name not in {"case.yaml", "corpus"} and path.is_file()
