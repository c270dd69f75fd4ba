"""The bench generator writes valid repositories; the quick `plandiff A B` acts as typer does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plandiff.cli.main import main

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate import generate  # noqa: E402  (bench/ is not a package)


def test_a_generated_repository_checks_clean_and_diffs(tmp_path: Path, run) -> None:
    counts = generate(tmp_path, 300)
    assert sum(counts.values()) == 300
    assert (tmp_path / "sources").is_dir()
    check = run("check", root=tmp_path)
    assert check.exit_code == 0, check.stdout
    assert "no problems found" in check.stdout
    diff = run("base", "head", root=tmp_path)
    assert diff.exit_code == 0
    summary = diff.stdout.splitlines()[0]
    for kind in ("added", "removed", "modified", "renamed"):
        count = int(summary.split(f" {kind}")[0].rsplit(" ", 1)[-1])
        assert count > 0, (kind, summary)


def test_a_generated_repository_splits_into_agreements_of_bounded_files(tmp_path: Path) -> None:
    counts = generate(tmp_path, 1000, per_file=100)
    assert max(counts.values()) <= 100
    assert {"base", "head", "update", "a001-base", "a001-head", "a001-update"} <= set(counts)


def test_plain_diff_prints_what_typer_prints(run, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    expected = run("v28", "geneva")
    import plandiff.cli.app

    def parsed(*_: object) -> None:
        pytest.fail("`plandiff A B` went through typer")

    monkeypatch.setattr(plandiff.cli.app, "run", parsed)
    main(["v28", "geneva"])
    assert capsys.readouterr().out == expected.stdout


@pytest.mark.parametrize("case", ["unknown-version", "invalid-repository"])
def test_plain_diff_fails_as_typer_does(case: str, run, make_repo,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if case == "invalid-repository":
        monkeypatch.chdir(make_repo({"plans/terms.yaml": "{}\n", "plans/sources.yaml": "{}\n",
                                     "plans/v1.yaml": "id: v1\ntitle: 3\n"}))
    else:
        monkeypatch.chdir(REPO)
    expected = run("v1" if case == "invalid-repository" else "v28", "nope")
    with pytest.raises(SystemExit) as raised:
        main(["v1" if case == "invalid-repository" else "v28", "nope"])
    assert raised.value.code == expected.exit_code == 2
    assert capsys.readouterr().err == expected.stderr


def test_options_and_other_commands_go_through_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    import plandiff.cli.app

    seen: list[list[str]] = []
    monkeypatch.setattr(plandiff.cli.app, "run", seen.append)
    for args in (["v28", "geneva", "--nope"], ["check"], ["diff", "-f", "JSON", "v28", "geneva"]):
        main(args)
    monkeypatch.setenv("_PLANDIFF_COMPLETE", "complete_bash")
    main(["v28", "geneva"])
    assert len(seen) == 4


def test_the_slow_inputs_of_the_benchmark_are_what_its_rows_say(tmp_path: Path, run) -> None:
    from hostile import edited_source, unknown_keys

    keys = run("check", root=unknown_keys(tmp_path / "keys", 50))
    assert keys.exit_code == 1 and keys.stdout.count("[unknown-field]") == 50
    root = edited_source(tmp_path / "review", 20)
    review = run("review", "HEAD~1", "HEAD", root=root)
    assert review.exit_code == 0 and "No problems found." in review.stdout
    from plandiff.repo.review import _added_lines

    old, new = (subprocess.run(["git", "-C", str(root), "show", f"{rev}:seeds/article.txt"],
                               capture_output=True, check=True).stdout
                for rev in ("HEAD~1", "HEAD"))
    assert len(_added_lines(old, new)) == 20  # every paragraph rewritten (blank lines are kept)
    from hostile import nul_seed, unknown_sources

    cited = run("check", root=unknown_sources(tmp_path / "sources", 30)).stdout
    assert cited.count("[unknown-source]") == 30 and "did you mean `source-00000`?" in cited
    nul = run("review", "HEAD~1", "HEAD", root=nul_seed(tmp_path / "nul", 1))
    assert nul.exit_code == 1
    assert "seeds/zeros.txt:1:1: error: the change adds the control character U+0000" in nul.stdout


@pytest.mark.parametrize(("preset", "expected"), [(None, "__all__"), ("logfire", "logfire")])
def test_the_command_line_skips_the_search_for_pydantic_plugins_unless_told(
        preset: str | None, expected: str) -> None:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    script = ("import os, sys\nsys.argv = ['plandiff', '--help']\n"
              "from plandiff.cli.main import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('plugins:', os.environ.get('PYDANTIC_DISABLE_PLUGINS'))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == f"plugins: {expected}"


@pytest.mark.parametrize("args", [["log"], ["show", "geneva"], ["show", "geneva", "amnesty"],
                                  ["history", "armed-forces-cap"], ["positions"],
                                  ["positions", "armed-forces-cap"], ["report", "v28", "geneva"],
                                  ["show", "nope"], ["history", "nope"], ["report", "v28"]])
def test_plain_commands_print_what_typer_prints(args: list[str], run,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`plandiff COMMAND WORD...` with no option runs the command's function without typer's
    parser: the same output, messages and exit code (or typer's, when a word is missing)."""
    monkeypatch.chdir(REPO)
    expected = run(*args)
    import plandiff.cli.app

    parsed: list[list[str]] = []
    monkeypatch.setattr(plandiff.cli.app, "run", parsed.append)
    code = 0
    try:
        main(args)
    except SystemExit as raised:
        code = int(raised.code or 0)
    out, err = capsys.readouterr()
    if args == ["report", "v28"]:  # HEAD missing: typer's parser says so
        assert parsed == [args]
        return
    assert not parsed, "went through typer's parser"
    assert (code, out, err) == (expected.exit_code, expected.stdout, expected.stderr)


def test_plain_commands_leave_what_cli_options_does_not_decide_to_typer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import plandiff.cli.app

    seen: list[list[str]] = []
    monkeypatch.setattr(plandiff.cli.app, "run", seen.append)
    main(["show", "geneva", "--format", "yaml"])
    monkeypatch.setenv("PLANDIFF_MAX_BYTES", "lots")  # --max-bytes's variable: typer judges it
    main(["log"])
    assert seen == [["show", "geneva", "--format", "yaml"], ["log"]]


@pytest.mark.parametrize("args", [["log"], ["history", "armed-forces-cap"], ["history", "nope"]])
def test_plain_commands_import_no_typer(args: list[str]) -> None:
    """The quick path runs the command's body without typer (importing it and building its
    parser was a sixth of a small command's time or more), errors included."""
    import os

    script = ("import sys\nfrom plandiff.cli.main import main\ncode = 0\ntry:\n"
              f"    main({args!r})\nexcept SystemExit as done:\n    code = done.code\n"
              "print('typer:', 'typer' in sys.modules, 'click:', 'click' in sys.modules, code)")
    env = {**os.environ, "PLANDIFF_CACHE": "0"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=True, cwd=REPO)
    code = 2 if args[-1] == "nope" else 0
    assert result.stdout.splitlines()[-1] == f"typer: False click: False {code}"


def test_where_the_time_of_a_command_goes_names_every_phase_and_adds_up(tmp_path: Path) -> None:
    """bench/run.py says where the CPU time of a command's warm run and cache-off run goes: each
    phase named, the parts adding up to the run's measured time (within the rounding of each to
    whole milliseconds), the importing to its shares; and the most a repository cache can save
    from the same figures."""
    import re

    import run as bench

    found = bench.breakdowns(Path(sys.executable), REPO, tmp_path, 1, (["log"],))
    paragraph = bench.describe_breakdown(["log"], found["log"])
    runs = dict(re.findall(r"(Warm|Cache off)\b.*?: (-?\d+ ms = .*?own work -?\d+ ms)\.",
                           paragraph))
    phases = {"Warm": ["Python's start", "importing", "the repository cache's key",
                       "reading the entry back", "the command's own work"],
              "Cache off": ["Python's start", "importing", "the repository cache's key",
                            "reading the YAML and validating", "the command's own work"]}
    assert set(runs) == set(phases), paragraph
    figure = re.compile(r"^(.+?) (-?\d+) ms(?:, the most [\w, ]+)?(?: \((.*)\))?$")
    for name, text in runs.items():
        whole, _, listed = text.partition(" ms = ")
        parts = [figure.match(part) for part in listed.split(" + ")]
        assert all(parts), text
        assert [part[1] for part in parts if part] == phases[name], text
        assert abs(sum(int(part[2]) for part in parts if part) - int(whole)) <= len(parts) / 2
        for part in parts:
            if part is None or part[3] is None:
                continue
            shares = [figure.match(share) for share in re.split(r"; |, (?=validating)", part[3])]
            assert all(shares), part[3]
            expected = list(bench.IMPORT_GROUPS) if part[1] == "importing" else [
                "reading", "validating"]
            assert [share[1] for share in shares if share] == expected, part[3]
            assert abs(sum(int(share[2]) for share in shares if share) - int(part[2])) \
                <= len(shares) / 2, part[3]
    off = found["log"]["off"]
    assert off.reading > 0 and 0 < bench.bound(off) < 1
    goal = bench.bound_goal("`plandiff log`", found["log"])
    assert goal.value.startswith(f"{bench.bound(off):.2f}×") and goal.passed is not None
    assert f"{bench.bound(off):.2f}× at best" in paragraph
