"""Hostile and broken input: every command answers with located messages, exit 2, and writes
nothing. The golden cases `tests/cases/bad-*` hold one input per class of problem."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS, REPO

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


def test_plan_files_over_the_byte_limit_are_refused_unread_with_the_option_named(
        run, make_repo) -> None:
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n"})
    (root / "plans" / "big.yaml").write_text("note: " + "x" * 5000 + "\n")
    result = run("check", "--max-bytes", "4000", root=root)
    assert result.exit_code == 1
    assert ("plans/big.yaml: error: the plan files hold more than 4,000 bytes in all, the limit"
            " for one repository [too-large] (raise it with --max-bytes N (or"
            " PLANDIFF_MAX_BYTES=N) if the files are meant to be this large)") in result.stdout
    raised = run("check", "--max-bytes", "6000", root=root)
    assert "too-large" not in raised.stdout and "[missing-field]" in raised.stdout


def test_a_large_version_file_loads_under_the_default_limits(run, make_repo) -> None:
    from plandiff.repo.located_yaml import DEFAULT_MAX_BYTES

    long_text = "The parties agree. " * 150_000  # 2.8 MB: refused by the old 1 MiB cap
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "s: {outlet: x}\n",
                      "plans/v1.yaml": "id: v1\ntitle: T\ndate: 2025-01-01\ncoverage: full\n"
                                       "status: leaked\nclauses:\n  - id: a\n    text: "
                                       + long_text + "\n    cites: [{source: s}]\n"})
    assert (root / "plans" / "v1.yaml").stat().st_size < DEFAULT_MAX_BYTES
    result = run("show", "v1", "--format", "json", root=root)
    assert result.exit_code == 0, result.output
    assert "The parties agree." in result.stdout


VALUES = "id: v1\nnote: [" + ", ".join(["1"] * 300) + "]\n"


@pytest.mark.parametrize("text", [
    VALUES,  # a flow list: read by the fast path, counted
    "%YAML 1.2\n---\n" + VALUES,  # a directive: the pure loader, which counts as it composes
    "id: v1\nnote:\n" + "".join(f"  - item {i}\n" for i in range(300)),  # block style
], ids=["fast", "pure", "block"])
def test_plan_files_over_the_value_limit_are_refused_with_the_option_named(
        run, make_repo, text: str) -> None:
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n",
                      "plans/v1.yaml": text})
    result = run("check", "--max-nodes", "100", root=root)
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "[too-many-values]" in line)
    assert line.startswith("plans/v1.yaml:"), line  # with the line and column where it passed
    assert ("error: the plan files hold more than 100 YAML values in all, the limit for one"
            " repository [too-many-values] (raise it with --max-nodes N (or"
            " PLANDIFF_MAX_NODES=N) if the files are meant to be this large)") in line
    raised = run("check", "--max-nodes", "1000", root=root)
    assert "too-many-values" not in raised.stdout


def test_the_limits_add_up_over_the_files_of_a_repository(run, make_repo, monkeypatch) -> None:
    version = "id: {0}\ntitle: T\ndate: 2025-01-01\ncoverage: full\nstatus: leaked\n"
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n",
                      "plans/v1.yaml": version.format("v1"), "plans/v2.yaml": version.format("v2")})
    # each file alone holds 11 values (a mapping of 5 pairs), the two together 22
    monkeypatch.setenv("PLANDIFF_MAX_NODES", "20")
    result = run("log", root=root)
    assert result.exit_code == 2
    assert "plans/v2.yaml:" in result.stderr and "[too-many-values]" in result.stderr
    monkeypatch.setenv("PLANDIFF_MAX_NODES", "24")  # the two registries are one value each
    assert run("log", root=root).exit_code == 0
    (root / "plans" / "v3.yaml").write_text(version.format("v3"), encoding="utf-8")
    monkeypatch.setenv("PLANDIFF_MAX_NODES", "20")
    checked = run("check", root=root)  # a file after the one that passed it is not read, and said
    assert ("plans/v3.yaml: error: not read: the files read before it passed a limit (the plan"
            " files hold more than 20 YAML values") in checked.stdout


@pytest.mark.parametrize("value", ["lots", "0"])
def test_a_bad_limit_is_a_clear_error(run, make_repo, monkeypatch, value: str) -> None:
    root = make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n"})
    monkeypatch.setenv("PLANDIFF_MAX_NODES", value)
    result = run("log", root=root)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "PLANDIFF_MAX_NODES" in result.stderr or "--max-nodes" in result.stderr


def test_the_fast_and_the_pure_loader_count_the_same_values() -> None:
    from plandiff.repo import fast_yaml as fastyaml
    from plandiff.repo.located_yaml import MAX_DEPTH, Budget, Document, Limits, parse_document

    text = (REPO / "plans" / "v28.yaml").read_text(encoding="utf-8")
    fast = Budget(Limits())
    parse_document(Document(Path("v.yaml"), "v.yaml", text), fast)
    pure = Budget(Limits())
    parse_document(Document(Path("v.yaml"), "v.yaml", "%YAML 1.2\n---\n" + text), pure)
    assert fastyaml.load_counted(text, max_depth=MAX_DEPTH)[1] > 100
    assert fast.nodes_left == pure.nodes_left
    assert fastyaml.node_bound(text) >= Limits().max_nodes - fast.nodes_left


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
    from plandiff.core.problems import InvalidPlan
    from plandiff.repo.located_yaml import Document, parse_document

    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
        for i in range(9))
    with pytest.raises(InvalidPlan) as raised:
        parse_document(Document(Path("x.yaml"), "x.yaml", bomb))
    assert raised.value.problems[0].code == "yaml-alias"


@pytest.mark.parametrize("literal", ["0x" + "f" * 260, "0x" + "a" * 300, "0x" + "f" * 84,
                                     "0o" + "7" * 112, "0b" + "1" * 333, "-0x" + "f" * 84,
                                     "1" + "_0" * 100])
@pytest.mark.parametrize("field", ["number", "terms"])
def test_an_integer_is_limited_by_its_value_in_any_base(run, make_repo, literal: str,
                                                        field: str) -> None:
    # 16**84 > 10**100: every literal here is a value of 101 or more decimal digits, whatever
    # its base; a hex of 260 letters made every command die of an OverflowError in float().
    plans = dict(LINEAGE_PLANS)
    old = "terms: {cap: 600000}" if field == "terms" else "number: 2\n"
    new = f"terms: {{cap: {literal}}}" if field == "terms" else f"number: {literal}\n"
    plans["plans/v1.yaml"] = plans["plans/v1.yaml"].replace(old, new)
    root = make_repo(plans)
    for args in (["check"], ["diff", "v1", "v2"], ["show", "v1"]):
        result = run(*args, root=root)
        assert "internal error" not in result.output and "Traceback" not in result.output
        assert result.exit_code == (1 if args == ["check"] else 2), result.output
        assert "[number-too-large]" in result.output


def test_an_integer_of_ordinary_size_reads_in_any_base(run, make_repo) -> None:
    plans = dict(LINEAGE_PLANS)
    plans["plans/v1.yaml"] = plans["plans/v1.yaml"].replace("terms: {cap: 600000}",
                                                            "terms: {cap: 0x927C0}")
    root = make_repo(plans)
    assert run("check", root=root).exit_code == 0
    assert "600,000 personnel" in run("show", "v1", root=root).stdout
