"""The public Python API: docs/api.md's examples run as doctests, and what they promise."""

from __future__ import annotations

import doctest

import pytest

import plandiff
from conftest import LINEAGE_PLANS, REPO
from freeze_corpus import FROZEN


def test_the_examples_in_docs_api_md_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # On the frozen copy of the corpus (tests/freeze_corpus.py), like every docs sample: a new
    # version in plans/ moves none of the outputs the page shows.
    monkeypatch.chdir(FROZEN)
    monkeypatch.delenv("PLANDIFF_ROOT", raising=False)
    failures, tried = doctest.testfile(str(REPO / "docs" / "api.md"), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried > 10 and failures == 0


def test_a_repository_in_memory_reads_as_the_same_files_on_disk(make_repo) -> None:
    files = {path: text.encode("utf-8") for path, text in LINEAGE_PLANS.items()}
    on_disk = plandiff.open_plan(make_repo(LINEAGE_PLANS))
    in_memory = plandiff.open_plan(files=files)
    for fmt in ("terminal", "markdown", "json"):
        assert plandiff.render_result(in_memory.diff("v1", "v2"), fmt) == \
            plandiff.render_result(on_disk.diff("v1", "v2"), fmt)


@pytest.mark.parametrize("path", ["/etc/passwd", "../plans/x.yaml", "plans/../../x.yaml"])
def test_a_repository_in_memory_has_no_outside(path: str) -> None:
    files = {path: b"id: x\n", **{p: t.encode() for p, t in LINEAGE_PLANS.items()}}
    with pytest.raises(plandiff.PlandiffError, match="relative path inside it"):
        plandiff.open_plan(files=files)


def test_check_in_memory_locates_problems_like_on_disk(make_repo) -> None:
    broken = dict(LINEAGE_PLANS)
    broken["plans/v2.yaml"] = broken["plans/v2.yaml"] + "bogus: 1\n"
    on_disk = [(p.file, p.line, p.code) for p in plandiff.check(make_repo(broken))]
    in_memory = [(p.file, p.line, p.code)
                 for p in plandiff.check(files={k: v.encode() for k, v in broken.items()})]
    assert in_memory == on_disk and ("plans/v2.yaml", in_memory[0][1], "unknown-field") in in_memory


def test_importing_plandiff_loads_nothing_heavy() -> None:
    import subprocess
    import sys

    code = ("import sys, plandiff; print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " ('pydantic', 'rich', 'typer', 'ruamel', 'typing')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_one_rule_says_which_files_are_plan_files() -> None:
    from plandiff.repo.repository import plan_file

    assert plan_file("plans/terms.yaml") == ("registry", "plans/terms.yaml")
    assert plan_file("plans/v1.yaml") == ("version", "plans/v1.yaml")
    assert plan_file("plans/v1.yml") == ("version", "plans/v1.yml")
    assert plan_file("plans/treaty/ch-01.yaml") == ("chapter", "plans/treaty")
    for other in ("plans/terms.yml", "plans/.hidden.yaml", "plans/.git/x.yaml", "seeds/a.yaml",
                  "plans/notes.txt", "plans/a/b/c.yaml", "plans/a.b/c.yaml"):
        assert plan_file(other) is None, other


def test_the_byte_limit_holds_in_memory_as_on_disk(make_repo) -> None:
    from plandiff.repo.located_yaml import Limits
    from plandiff.repo.repository import Root, inspect_repository

    limits = Limits(max_bytes=600)  # terms and sources fit, v1 does not, v2 is never read
    files = {path: text.encode() for path, text in LINEAGE_PLANS.items()}
    on_disk = inspect_repository(Root(make_repo(LINEAGE_PLANS), limits=limits), verify=False)
    from plandiff.repo.memory import memory_root, read_files

    memory = inspect_repository(memory_root(limits), raw=read_files(files, limits), verify=False)
    shown = [(p.file, p.code, p.message) for p in on_disk.problems]
    assert [code for _, code, _ in shown].count("too-large") == 2  # v1 over it, v2 not read
    assert [(p.file, p.code, p.message) for p in memory.problems] == shown


# --- issue 24, item 15: what a new user of the library tripped on --------------------------------


def test_results_have_short_reprs_and_points_a_value() -> None:
    repo = plandiff.open_plan(REPO)
    diff = repo.diff("v28", "geneva")
    assert len(repr(diff)) < 200 and repr(diff).startswith("PlanDiff('v28' → 'geneva', {")
    history = repo.history("ukraine-troop-cap")
    assert repr(history) == f"History('term', 'ukraine-troop-cap', {len(history.points)} points)"
    first = next(point for point in history.points if point.version.id == "v28")
    assert first.value == 600000 and repr(first) == "HistoryPoint('v28', 'reported', value=600000)"
    assert all(len(repr(point)) < 200 for point in history.points)
    assert plandiff.HistoryPoint is type(first) and plandiff.Claim is type(first.claims[0])


def test_open_plan_says_when_it_reads_the_bundled_corpus(tmp_path, monkeypatch) -> None:
    import warnings

    monkeypatch.chdir(tmp_path)  # no plans/ here or above
    monkeypatch.delenv("PLANDIFF_ROOT", raising=False)
    with pytest.warns(plandiff.BundledCorpusWarning, match="bundled with plandiff"):
        found = plandiff.open_plan()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        asked = plandiff.open_plan(bundled=True)
    assert asked.versions == found.versions and "v28" in asked.versions
    with pytest.raises(plandiff.PlandiffError, match="bundled=True"):
        plandiff.open_plan(REPO, bundled=True)


def test_the_package_is_typed_and_exports_its_limits() -> None:
    from importlib.resources import files

    assert files("plandiff").joinpath("py.typed").is_file()
    limits = plandiff.Limits(max_bytes=10_000_000, max_nodes=100_000)
    assert plandiff.open_plan(REPO, limits=limits).versions
