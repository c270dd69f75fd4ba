"""The command line through typer's runner: outputs users rely on and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

LINEAGE = REPO / "tests" / "cases" / "lineage"


def test_short_form_is_diff(run) -> None:
    short, long = run("v1", "v2", root=LINEAGE), run("diff", "v1", "v2", root=LINEAGE)
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout


def test_summary_line_comes_first(run) -> None:
    first = run("v1", "v2", root=LINEAGE).stdout.splitlines()[0]
    assert first == ("v1 → v2: 1 added, 1 removed, 2 modified, 1 renamed, 0 renumbered,"
                     " 0 unchanged, 1 unreported; term values: 1 confirmed, 0 carried")


def test_all_lists_unreported_clauses(run) -> None:
    assert "quiet" not in run("v1", "v2", root=LINEAGE).stdout
    assert "? quiet" in run("v1", "v2", "--all", root=LINEAGE).stdout


def test_exit_code_option(run) -> None:
    assert run("v1", "v2", "--exit-code", root=LINEAGE).exit_code == 1
    assert run("v1", "v1", "--exit-code", root=LINEAGE).exit_code == 0


def test_unknown_version_lists_known_ids_and_the_closest(run) -> None:
    result = run("v1", "v22", root=LINEAGE)
    assert result.exit_code == 2
    assert "unknown version `v22`" in result.stderr
    assert "did you mean `v2`?" in result.stderr and "known versions: v1, v2" in result.stderr


def test_version_named_like_a_command_is_reachable_through_diff(run, make_repo) -> None:
    text = (LINEAGE / "plans" / "v1.yaml").read_text(encoding="utf-8")
    root = make_repo({
        "plans/terms.yaml": (LINEAGE / "plans" / "terms.yaml").read_text(encoding="utf-8"),
        "plans/sources.yaml": (LINEAGE / "plans" / "sources.yaml").read_text(encoding="utf-8"),
        "plans/log.yaml": text.replace("id: v1", "id: log"),
        "plans/v1.yaml": text,
    })
    result = run("diff", "log", "v1", root=root)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("log → v1:")


def test_json_is_the_contract_format(run) -> None:
    data = json.loads(run("v1", "v2", "--format", "json", root=LINEAGE).stdout)
    assert data["format"] == "plandiff.diff/1"
    assert set(data) >= {"base", "head", "summary", "clauses"}
    army = next(c for c in data["clauses"] if c["id"] == "army")
    assert army["terms"][0]["old"] == 600000
    assert army["terms"][0]["new"]["disputed"][0] == {
        "value": 800000, "sources": ["a"], "note": None, "delta": 200000, "percent": 33.33,
        "witnesses": {"independent": 1, "sources": ["a"]}, "hedged": False}
    money = next(c for c in data["clauses"] if c["id"] == "money")
    assert (money["terms"][0]["delta"], money["terms"][0]["percent"]) == (50000000000, 50.0)
    assert money["number"] == {"old": 4, "new": 7}


def test_term_and_topic_filters(run) -> None:
    out = run("v1", "v2", "--term", "fund", root=LINEAGE).stdout
    assert "money" in out and "army" not in out


def test_show_one_clause_and_unknown_clause(run) -> None:
    assert "Troop cap" in run("show", "v2", "army", root=LINEAGE).stdout
    missing = run("show", "v2", "armi", root=LINEAGE)
    assert missing.exit_code == 2 and "did you mean `army`?" in missing.stderr


def test_show_text_is_a_numbered_list(run) -> None:
    out = run("show", "v1", "--format", "text", root=LINEAGE).stdout
    assert "1. The army will be capped at 600,000." in out


def test_log_shows_the_lineage(run) -> None:
    out = run("log", root=LINEAGE).stdout
    assert "v1" in out and "└─ v2" in out
    data = json.loads(run("log", "--format", "json", root=LINEAGE).stdout)
    assert [v["id"] for v in data["versions"]] == ["v1", "v2"]


def test_root_from_environment_and_bad_root(run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLANDIFF_ROOT", str(LINEAGE))
    assert run("v1", "v2").exit_code == 0
    monkeypatch.setenv("PLANDIFF_ROOT", str(tmp_path))
    result = run("v1", "v2")
    assert result.exit_code == 2 and "not a plan repository" in result.stderr


def test_root_is_found_from_a_subfolder(run, monkeypatch) -> None:
    monkeypatch.chdir(LINEAGE / "plans")
    assert run("v1", "v2").stdout.startswith("v1 → v2:")


def test_version_flag_and_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "plandiff", "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith("plandiff ")


def test_bundled_corpus_is_used_outside_any_repository(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "plandiff", "log", "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path,
                            env={"PATH": "", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    ids = [v["id"] for v in json.loads(result.stdout)["versions"]]
    assert "v28" in ids and "geneva" in ids


def test_no_color_when_not_a_terminal(run) -> None:
    assert "\x1b[" not in run("v1", "v2", root=LINEAGE).stdout


def test_core_modules_import_neither_typer_nor_rich() -> None:
    code = ("import sys, plandiff.api, plandiff.core.diff, plandiff.core.validate,"
            " plandiff.core.resolve, plandiff.render.json, plandiff.render.markdown;"
            " print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_shell_completion_offers_version_ids() -> None:
    env = {"_PLANDIFF_COMPLETE": "complete_bash", "COMP_WORDS": "plandiff diff v2",
           "COMP_CWORD": "2", "PATH": "", "PLANDIFF_ROOT": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "plandiff"], capture_output=True, text=True,
                         env=env).stdout.split()
    assert out == ["v20", "v28"]


def test_unknown_term_filter_exits_2_with_the_closest_term(run) -> None:
    result = run("v28", "geneva", "--term", "troop-cap", "--exit-code")
    assert result.exit_code == 2, result.output
    assert "--term `troop-cap`" in result.stderr
    assert "did you mean `ukraine-troop-cap` or `ukraine-troop-cap-scope`?" in result.stderr
    assert result.stdout == ""


def test_unknown_topic_filter_exits_2_with_the_closest_topic(run) -> None:
    result = run("diff", "v28", "geneva", "--topic", "militry")
    assert result.exit_code == 2, result.output
    assert "--topic `militry`" in result.stderr and "did you mean `military`?" in result.stderr
    known = run("diff", "v28", "geneva", "--topic", "military", "--term", "ukraine-troop-cap")
    assert known.exit_code == 0, known.output


def test_the_entry_points_command_list_is_typers() -> None:
    """`plandiff A B` is rewritten to `diff` unless A is a command: the entry point's list (kept
    apart so start-up need not import typer) must name exactly typer's commands."""
    import typer.main

    from plandiff.cli.app import app
    from plandiff.cli.main import COMMANDS

    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    assert {c for c in COMMANDS if not c.startswith("-")} == set(root.commands)


def test_every_formats_choice_is_the_registrys() -> None:
    """The `--format` choices of each command are the views render/formats.py registers."""
    from plandiff.cli import app as cli
    from plandiff.render.formats import formats

    for kind, choices in (("diff", cli.DiffFormat), ("report", cli.ReportFormat),
                          ("history", cli.DiffFormat), ("log", cli.DiffFormat),
                          ("positions", cli.DiffFormat), ("show", cli.ShowFormat),
                          ("review", cli.ReviewFormat)):
        assert tuple(c.value for c in choices) == formats(kind), kind


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                    reason="giving a folder to another user needs root")
def test_a_plans_folder_of_another_user_above_is_refused(run, monkeypatch, tmp_path: Path) -> None:
    """A shared parent folder (/tmp, a team drive): anyone can leave a plans/ above another
    user's work. Found by walking up, it is refused; given by --root, it is read."""
    import shutil

    import plandiff

    shared = tmp_path / "shared"
    shutil.copytree(LINEAGE / "plans", shared / "plans")
    os.chown(shared / "plans", 4242, -1)
    work = shared / "mine"
    work.mkdir()
    monkeypatch.chdir(work)
    for args in (["v1", "v2"], ["log"], ["check"]):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert f"{shared / 'plans'} belongs to another user (uid 4242)" in result.stderr
        assert f"give --root {shared}" in result.stderr
    with pytest.raises(plandiff.PlandiffError, match="belongs to another user"):
        plandiff.open_plan()
    assert run("log", root=shared).exit_code == 0
    assert plandiff.open_plan(shared).root == shared.resolve()
    os.chown(shared / "plans", os.getuid(), -1)
    assert run("v1", "v2").exit_code == 0
    assert plandiff.open_plan().root == shared.resolve()  # the API says which root it read
