"""The third pass over the corpus (issue 22, item 4): each fix pinned as the fact it states, on the
corpus and on a copy with a newly reported version added (the `corpus` fixture), never as a count
of the corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plandiff.api import open_plan
from plandiff.core.models import Clause, Disputed

POSSIBLE_CHANGES = "التغييرات المحتملة"


@pytest.fixture
def plan(corpus: Path) -> Any:
    return open_plan(corpus).plan


def _listed(plan: Any, version_id: str, clause_id: str) -> Clause:
    """The clause as the version's own file lists it (nothing carried in)."""
    return next(c for c in plan.versions[version_id].clauses if c.id == clause_id)


def _json(run, corpus: Path, *args: str) -> Any:
    result = run(*args, "--format", "json", root=corpus)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- geneva: the army cap -----------------------------------------------------------------------


def test_geneva_army_cap_is_800000_not_disputed(run, corpus: Path) -> None:
    diff = _json(run, corpus, "diff", "v28", "geneva")
    clause = next(c for c in diff["clauses"] if c["id"] == "armed-forces-cap")
    cap = next(t for t in clause["terms"] if t["term"] == "ukraine-troop-cap")
    assert (cap["old"], cap["new"], cap["delta"]) == (600000, 800000, 200000)
    assert cap["change"] != "disputed"


def test_geneva_army_cap_rests_on_ki1_and_seed_001_only(plan) -> None:
    clause = _listed(plan, "geneva", "armed-forces-cap")
    assert clause.terms["ukraine-troop-cap"] == 800000
    assert {cite.source for cite in clause.cites} == {"ki1", "seed-001"}


def test_cal_and_rbc1_witness_that_the_blanket_cap_goes_not_a_rival_figure(plan) -> None:
    scope = _listed(plan, "geneva", "armed-forces-cap").terms["ukraine-troop-cap-scope"]
    assert isinstance(scope, Disputed)
    peacetime = [c for c in scope.disputed if c.value == "peacetime"]
    dropped = [c for c in scope.disputed if c.unknown is not None]
    assert [c.source for c in peacetime[0].cites] == ["ki1"]
    assert {c.source for c in dropped[0].cites} == {"cal", "rbc1"}
    assert not any(c.value is None and c.unknown is None for c in scope.disputed)  # never "none"
    rbc1 = [c.quote or "" for c in dropped[0].cites if c.source == "rbc1"]
    assert "No limits for Ukraine's army" not in rbc1  # the headline, not the body


def test_seed_001_reports_the_geneva_changes_as_possible(plan) -> None:
    for clause in plan.versions["geneva"].clauses:
        for cite in clause.cites:
            if cite.source == "seed-001":
                assert cite.hedge and POSSIBLE_CHANGES in cite.hedge, clause.id


# --- v28 point 17 and the elections quote -----------------------------------------------------


def test_v28_point_17_names_start_i_and_the_2010_treaty_is_a_gloss(plan) -> None:
    clause = _listed(plan, "v28", "arms-control")
    assert clause.number == 17
    assert clause.terms["arms-control-treaty"] == "start-i"
    assert "gloss" in (clause.note or "")
    fakti = [cite for cite in clause.cites if cite.source == "fak"]
    assert fakti and "2010" in (fakti[0].note or "")


def test_fakti_bg_is_cited_where_it_carries_the_text(plan) -> None:
    assert plan.sources["fak"].url.startswith("https://fakti.bg/en/")
    elections = _listed(plan, "v28", "elections")
    assert "Ukraine will hold elections 100 days" in [c.quote for c in elections.cites
                                                     if c.source == "fak"]
    notes = " ".join(plan.sources[s].note or "" for s in ("fak", "wtn", "pravda-newstart"))
    assert "not found" not in notes


# --- show: a partial version's numbering --------------------------------------------------------


def test_show_miami_dec_does_not_print_v28s_numbers_as_its_own(run, corpus: Path) -> None:
    out = run("show", "miami-dec", root=corpus).stdout
    assert "\n25. elections" not in out
    assert "elections  Elections in Ukraine  §25 (in v28)" in out
    data = _json(run, corpus, "show", "miami-dec")
    elections = next(c for c in data["clauses"] if c["id"] == "elections")
    assert elections["number"] is None
    assert elections["numbered_in"] == {"version": "v28", "number": 25}
    v28 = _json(run, corpus, "show", "v28")
    assert next(c for c in v28["clauses"] if c["id"] == "elections")["number"] == 25
