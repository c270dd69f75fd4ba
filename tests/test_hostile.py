"""Hostile and broken input: every command answers with located messages, exit 2, and writes
nothing. The golden cases `tests/cases/bad-*` hold one input per class of problem."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import REPO

CASES = sorted(p for p in (REPO / "tests" / "cases").glob("bad-*") if p.is_dir())
# Problems only `check` finds: it alone reads the sources' local files.
CHECK_ONLY = {"quote-not-found", "bad-source-file", "unused-source"}


def _snapshot(root: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[str(path)] = "->" + os.readlink(path)
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("args", [["log"], ["diff", "v1", "v2"], ["show", "v1"],
                                  ["show", "v2", "--format", "json"]])
def test_every_command_refuses_bad_input_alike(run, case: Path, args: list[str]) -> None:
    before = _snapshot(case)
    checked = run("check", root=case)
    assert checked.exit_code == 1, checked.stdout
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line
              and not any(f"[{code}]" in line for code in CHECK_ONLY)]
    result = run(*args, root=case)
    assert "Traceback" not in result.output
    broken = {line.split(":")[0] for line in errors}
    needed = {f"plans/{version}.yaml" for version in args[1:] if not version.startswith("-")}
    if errors and result.exit_code == 0:
        # diff and show run when the broken files are none they read (issue 15), naming each.
        assert args[0] in ("diff", "show") and "plans/terms.yaml" not in broken
        assert not broken & needed and "plans/sources.yaml" not in broken, result.output
        for file in broken:
            assert f"plandiff: warning: {file} has " in result.stderr
    elif errors:
        assert result.exit_code == 2, result.output
        for line in errors:
            assert line in result.stderr
        assert result.stdout == ""
    else:
        assert result.exit_code in (0, 2), result.output
    assert _snapshot(case) == before


def test_a_file_over_the_size_cap_is_refused_unread(run, make_repo) -> None:
    from plandiff.yamlfile import MAX_FILE_BYTES

    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n"})
    (root / "plans" / "big.yaml").write_text("note: " + "x" * MAX_FILE_BYTES + "\n")
    result = run("check", root=root)
    assert result.exit_code == 1
    assert ("plans/big.yaml: error: the file is larger than 1,048,576 bytes, the limit for a plan"
            " file [file-too-large]") in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_plans_is_not_opened(run, make_repo) -> None:
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n"})
    os.mkfifo(root / "plans" / "pipe.yaml")
    result = run("check", root=root)  # opening the pipe would block for ever
    assert result.exit_code == 1
    assert "plans/pipe.yaml: error: is not a regular file" in result.stdout


def test_a_plan_file_linked_from_outside_the_root_is_not_read(run, make_repo, tmp_path) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.yaml"
    secret.write_text("password: hunter2\n")
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n"})
    (root / "plans" / "v1.yaml").symlink_to(secret)
    result = run("check", root=root)
    assert result.exit_code == 1
    assert "plans/v1.yaml: error: is a symlink to a file outside the repository root" \
        in result.stdout
    assert "hunter2" not in result.stdout and "password" not in result.stdout


def test_the_alias_bomb_is_refused_before_it_expands() -> None:
    from plandiff.problems import InvalidPlan
    from plandiff.yamlfile import Document, parse_document

    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
        for i in range(9))
    with pytest.raises(InvalidPlan) as raised:
        parse_document(Document(Path("x.yaml"), "x.yaml", bomb))
    assert raised.value.problems[0].code == "yaml-alias"
