"""Term-level provenance: every value a view prints is stated by its version or visibly carried.

The plan repository of tests/cases/provenance was written for these tests: `revision` restates the
army clause's text and its cap but not its scope (carried from `draft`), confirms the fund and
makes the profit share no longer known; `talks` restates the scope and carries the cap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from plandiff.core.diff import diff_versions
from plandiff.core.resolve import Resolver
from plandiff.repo.repository import find_root, load_plan

CASE = REPO / "tests" / "cases" / "provenance"


@pytest.fixture(scope="module")
def plan():
    return load_plan(find_root(CASE)).plan


def test_resolution_records_the_version_that_stated_each_value(plan) -> None:
    resolver = Resolver(plan)
    army = resolver.resolve("revision").clauses["army"]
    assert army.stated_in("army-cap") == "revision"
    assert army.stated_in("army-scope") == "draft"
    assert army.carried_from("army-scope", "revision") == "draft"
    assert army.carried_from("army-cap", "revision") is None
    assert army.stated["army-scope"].sources == ("wire",)  # the stating version's sources
    later = resolver.resolve("talks").clauses["army"]
    assert later.stated_in("army-cap") == "revision"
    assert later.stated_in("army-scope") == "talks"
    unreported = resolver.resolve("talks").clauses["fund"]
    assert unreported.stated_in("fund") == "revision"


def test_every_resolved_value_of_the_corpus_is_stated_by_its_version_or_an_ancestor() -> None:
    """Whatever versions plans/ holds: the version named as stating a value lists that term in
    the clause, with that value, and is the version itself or one of its ancestors."""
    corpus = load_plan(find_root(REPO)).plan
    resolver = Resolver(corpus)
    for version_id in corpus.versions:
        lineage = {version_id}
        parent = corpus.versions[version_id].parent
        while parent is not None and parent not in lineage:
            lineage.add(parent)
            parent = corpus.versions[parent].parent
        for clause in resolver.resolve(version_id).live():
            for term_id, value in clause.clause.terms.items():
                stated_in = clause.stated_in(term_id)
                assert stated_in in lineage, (version_id, clause.id, term_id)
                stating = [c for c in corpus.versions[stated_in].clauses
                           if c.id in clause.identities and term_id in c.terms]
                assert stating and stating[0].terms[term_id] == value, (
                    version_id, clause.id, term_id, stated_in)


def test_show_labels_a_carried_value_and_names_its_sources(run) -> None:
    out = run("show", "revision", "army", root=CASE).stdout
    assert "Army cap: 600,000 personnel; 1 independent witness — first reported 5 Mar 2026 by" \
        " Daily paper\n" in out
    assert ("When the cap applies: At all times (carried from draft) — sources of draft: wire"
            " (1 independent witness)" in out)


def test_show_json_gives_each_clause_a_stated_in_map(run) -> None:
    data = json.loads(run("show", "revision", "-f", "json", root=CASE).stdout)
    army = next(c for c in data["clauses"] if c["id"] == "army")
    assert army["stated_in"] == {"army-cap": "revision", "army-scope": "draft"}
    assert "wire" in data["sources"]  # the carried value's source is listed too
    fund = next(c for c in data["clauses"] if c["id"] == "fund")
    assert fund["terms"]["profit-share"] == {"unknown": fund["terms"]["profit-share"]["unknown"]}


def test_diff_counts_carried_and_confirmed_values_apart_and_lists_carried_with_all(run) -> None:
    out = run("draft", "revision", root=CASE).stdout
    first = out.splitlines()[0]
    assert first.endswith("; term values: 1 confirmed, 1 carried")
    assert "Reconstruction fund: €50 billion (confirmed by revision)" in out
    assert "When the cap applies" not in out  # carried: counted, listed only with --all
    everything = run("draft", "revision", "--all", root=CASE).stdout
    assert "When the cap applies: At all times (carried from draft)" in everything
    assert "carried values: wire (draft)" in everything


def test_a_carried_old_side_is_labelled_in_a_change(run) -> None:
    out = run("revision", "talks", root=CASE).stdout
    assert "When the cap applies: At all times (carried from draft) → In peacetime only" in out


def test_diff_json_terms_carry_stated_in(run) -> None:
    data = json.loads(run("draft", "revision", "-f", "json", root=CASE).stdout)
    assert data["term_summary"] == {"confirmed": 1, "carried": 1}
    army = next(c for c in data["clauses"] if c["id"] == "army")
    [cap] = army["terms"]
    assert cap["stated_in"] == {"old": "draft", "new": "revision"}
    [scope] = army["kept_terms"]
    assert scope["change"] == "carried"
    assert scope["stated_in"] == {"old": "draft", "new": "draft"}
    assert scope["carried_from"] == {"old": None, "new": "draft"}
    assert scope["sources"]["new"] == ["wire"]


def test_no_longer_known_shows_since_when_in_every_view(run) -> None:
    out = run("draft", "revision", root=CASE).stdout
    assert "Investor's share of profits: 50% → not reported since revision" in out
    data = json.loads(run("draft", "revision", "-f", "json", root=CASE).stdout)
    fund = next(c for c in data["clauses"] if c["id"] == "fund")
    share = next(t for t in fund["terms"] if t["term"] == "profit-share")
    assert share["change"] == "unknown" and share["new"]["unknown"].startswith("the report")
    later = json.loads(run("history", "profit-share", "-f", "json", root=CASE).stdout)
    by_version = {p["version"]["id"]: p for p in later["points"]}
    assert by_version["talks"]["stated_in"] == "revision"
    assert by_version["talks"]["value_is"] == "carried"
    assert "unknown" in by_version["talks"]["value"]
    assert "not reported since revision" in run("show", "talks", "fund", root=CASE).stdout


def test_history_says_whether_each_value_was_reported_or_carried(run) -> None:
    data = json.loads(run("history", "army-scope", "-f", "json", root=CASE).stdout)
    kinds = {p["version"]["id"]: (p["value_is"], p["stated_in"]) for p in data["points"]}
    assert kinds == {"draft": ("reported", "draft"), "revision": ("carried", "draft"),
                     "talks": ("reported", "talks")}


def test_strict_check_lists_restated_clauses_that_carry_terms(run) -> None:
    result = run("check", "--strict", root=CASE)
    assert result.exit_code == 1
    assert ("plans/revision.yaml:9:11: warning: clause `army` is restated but carries"
            " `army-scope` (from `draft`) [carried-terms]") in result.stdout
    assert run("check", root=CASE).exit_code == 0  # a warning, not an error


def test_review_lists_what_a_restated_clause_carries(run, tmp_path: Path) -> None:
    from plandiff.i18n import ENGLISH
    from plandiff.render.review import change_lines

    result = diff_versions(load_plan(find_root(CASE)).plan, "draft", "revision")
    army = next(c for c in result.clauses if c.id == "army")
    assert ("When the cap applies: At all times (carried from draft); independent witnesses: 1"
            in change_lines(ENGLISH, army))


def test_textconv_says_a_partial_version_carries_what_it_does_not_list(run) -> None:
    out = run("textconv", str(CASE / "plans" / "revision.yaml"), root=CASE).stdout
    assert "not listed here are carried from draft" in out
    assert "Investor's share of profits: no longer known (the report says" in out


# --- the corpus: no value without its version's citation or a carried label -----------------


@pytest.mark.parametrize("version", ["e3", "geneva", "berlin"])
def test_corpus_show_labels_every_value_its_version_does_not_state(run, version: str) -> None:
    corpus = load_plan(find_root(REPO)).plan
    resolved = Resolver(corpus).resolve(version)
    lines = run("show", version, root=REPO).stdout.splitlines()
    for clause in resolved.live():
        for term_id in clause.clause.terms:
            where = clause.carried_from(term_id, version)
            if where is None:
                continue
            label = corpus.terms[term_id].label
            assert any(x.strip().startswith(f"{label}:") and
                       (f"(carried from {where})" in x or f"not reported since {where}" in x)
                       for x in lines), (version, clause.id, term_id)


@pytest.mark.slow
def test_site_grid_marks_carried_cells_apart_with_a_legend(run, tmp_path: Path) -> None:
    from browser import load, text_of

    out = tmp_path / "site"
    assert run("site", str(out), root=CASE).exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<td class="carried">' in page and 'id="grid-legend"' in page
    dom, console = load(out / "index.html")
    text = text_of(dom)
    assert "At all times (carried from draft )" in text  # text_of spaces each element
    assert "carried: the version does not state it" in text
    assert not console, console
    version_page = text_of(load(out / "versions" / "revision.html")[0])
    assert ("At all times (carried from draft ; its sources: wire ; 1 independent witness)"
            in version_page)


# --- a rename onto an id the parent still holds -------------------------------------------------

_TWO_CLAUSES = """
    id: v1
    title: One
    date: 2025-01-01
    coverage: full
    status: leaked
    clauses:
      - id: army
        text: Army capped.
        terms: {cap: 600000}
        cites: [{source: a}]
      - id: nato
        text: No NATO.
        cites: [{source: a}]
"""
_TERMS = """
    cap:
      label: Troop cap
      type: quantity
      unit: personnel
"""
_SOURCES = """
    a:
      outlet: Outlet A
"""


def _renaming(coverage: str, new_id: str = "nato") -> str:
    return f"""
    id: v2
    title: Two
    date: 2025-01-02
    parent: v1
    coverage: {coverage}
    status: leaked
    clauses:
      - id: {new_id}
        was: army
        text: Army capped lower.
        terms: {{cap: 50000}}
        cites: [{{source: a}}]
    """


@pytest.mark.parametrize("coverage", ["partial", "full"])
def test_a_rename_onto_an_id_the_parent_holds_is_refused_never_silent(
        run, make_repo, coverage: str) -> None:
    root = make_repo({"plans/terms.yaml": _TERMS, "plans/sources.yaml": _SOURCES,
                      "plans/v1.yaml": _TWO_CLAUSES, "plans/v2.yaml": _renaming(coverage)})
    check = run("check", root=root)
    assert check.exit_code == 1
    assert ("plans/v2.yaml:9:10: error: clause `nato` continues `army`, but `v1` still holds"
            " another clause `nato`") in check.stdout
    for command in (["v1", "v2"], ["show", "v2"]):
        result = run(*command, root=root)
        assert result.exit_code == 2 and "rename-collision" in result.output, command
    # history reads no one version: it runs without v2, and says so (issue 15, item 14)
    history = run("history", "cap", root=root)
    assert history.exit_code == 0
    assert "plandiff: warning: plans/v2.yaml has 1 error(s) and is left out" in history.stderr


def test_a_rename_to_a_fresh_id_shows_the_change(run, make_repo) -> None:
    root = make_repo({"plans/terms.yaml": _TERMS, "plans/sources.yaml": _SOURCES,
                      "plans/v1.yaml": _TWO_CLAUSES,
                      "plans/v2.yaml": _renaming("partial", new_id="army-size")})
    assert run("check", root=root).exit_code == 0
    out = run("v1", "v2", root=root).stdout
    assert "Troop cap: 600,000 → 50,000 personnel" in out and "renamed from army" in out


def test_a_rename_may_reuse_an_id_dropped_earlier(run, make_repo) -> None:
    dropped = _TWO_CLAUSES + """
      - id: nato-old
        text: Old.
        cites: [{source: a}]
    """
    removal = """
    id: v15
    title: Between
    date: 2025-01-02
    parent: v1
    coverage: partial
    status: leaked
    clauses:
      - id: nato
        removed: true
        cites: [{source: a}]
    """
    renaming = _renaming("partial").replace("parent: v1", "parent: v15")
    root = make_repo({"plans/terms.yaml": _TERMS, "plans/sources.yaml": _SOURCES,
                      "plans/v1.yaml": dropped, "plans/v15.yaml": removal,
                      "plans/v2.yaml": renaming})
    assert run("check", root=root).exit_code == 0
    out = run("v15", "v2", root=root).stdout
    assert "Troop cap: 600,000 (carried from v1) → 50,000 personnel" in out
    assert "renamed from army" in out


def test_a_mapping_term_value_names_its_two_forms(run, make_repo) -> None:
    bad = _TWO_CLAUSES.replace("terms: {cap: 600000}", "terms: {cap: {unknwn: gone}}")
    root = make_repo({"plans/terms.yaml": _TERMS, "plans/sources.yaml": _SOURCES,
                      "plans/v1.yaml": bad})
    out = run("check", root=root).stdout
    assert ("term `cap` is a mapping with 'unknwn', which is neither `disputed:` nor `unknown:`"
            " [bad-term-value] (did you mean `unknown`?)") in out
    assert "missing required field" not in out


def test_a_disputed_value_has_one_json_shape_in_every_view(run) -> None:
    """diff, show, history and positions write a disputed value alike: {"disputed": [{"value",
    "sources", "note"}, ...]} (show adds each claim's cites, a diff each claim's movement)."""
    from conftest import LINEAGE

    diff = json.loads(run("v1", "v2", "-f", "json", root=LINEAGE).stdout)
    side = next(t["new"] for c in diff["clauses"] for t in c["terms"] if t["term"] == "cap")
    show = json.loads(run("show", "v2", "army", "-f", "json", root=LINEAGE).stdout)
    shown = show["clauses"][0]["terms"]["cap"]
    history = json.loads(run("history", "cap", "-f", "json", root=LINEAGE).stdout)
    told = next(p["value"] for p in history["points"] if p["version"]["id"] == "v2")
    for value in (side, shown, told):
        assert [set(c) >= {"value", "sources", "note"} for c in value["disputed"]] == [True, True]
        assert [c["sources"] for c in value["disputed"]] == [["a"], ["b"]]
    assert "cites" in shown["disputed"][0]
