"""The shipped corpus (plans/, seeds/): key facts pinned through the JSON output and the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from plandiff.api import open_plan

SEEDS = sorted(path.name for path in (REPO / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def plan() -> Any:
    return open_plan(REPO).plan


def _diff(run, base: str, head: str) -> dict[str, Any]:
    result = run("diff", base, head, "--format", "json", root=REPO)
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


def _clause(diff: dict[str, Any], clause_id: str) -> dict[str, Any]:
    return next(c for c in diff["clauses"] if c["id"] == clause_id)


def _term(clause: dict[str, Any], term_id: str) -> dict[str, Any]:
    return next(t for t in clause["terms"] if t["term"] == term_id)


def test_check_is_clean_with_every_seed_quote_verified(run) -> None:
    result = run("check", "--format", "json", root=REPO)
    report = json.loads(result.stdout)
    assert result.exit_code == 0, result.stdout
    assert report["errors"] == 0 and report["warnings"] == 0


def test_every_seed_article_is_cited_by_some_clause(plan) -> None:
    cited_files = {
        Path(plan.sources[cite.source].file).name
        for version in plan.versions.values()
        for clause in version.clauses
        for cite in clause.cites
        if plan.sources[cite.source].file
    }
    assert SEEDS and set(SEEDS) <= cited_files


def test_every_clause_of_every_version_cites_a_source(plan) -> None:
    uncited = [f"{v.id}:{c.id}" for v in plan.versions.values() for c in v.clauses if not c.cites]
    assert uncited == []


def test_log_runs_from_the_october_outline_to_the_20_point_framework(run) -> None:
    rows = json.loads(run("log", "--format", "json", root=REPO).stdout)["versions"]
    parents = {row["id"]: row["parent"] for row in rows}
    chain, node = [], "v20"
    while node:
        chain.append(node)
        node = parents[node]
    assert chain == ["v20", "miami-dec", "berlin", "moscow", "florida", "geneva", "v28",
                     "miami-oct"]
    assert parents["e3"] == "v28"


def test_v28_to_geneva_cap_is_disputed_between_800000_and_no_limit(run) -> None:
    cap = _term(_clause(_diff(run, "v28", "geneva"), "armed-forces-cap"), "ukraine-troop-cap")
    assert cap["change"] == "disputed" and cap["old"] == 600000
    claims = {claim["value"]: claim for claim in cap["new"]["disputed"]}
    assert set(claims) == {800000, None}
    assert {"ki1", "seed-001"} <= set(claims[800000]["sources"])
    assert {"cal", "rbc1"} <= set(claims[None]["sources"])
    assert claims[800000]["value"] - cap["old"] == 200000
    assert claims[800000].get("delta", 200000) == 200000


def test_v28_to_geneva_drops_the_amnesty_on_a_cited_report(run) -> None:
    amnesty = _clause(_diff(run, "v28", "geneva"), "amnesty")
    assert amnesty["change"] == "removed" and amnesty["cites"]["new"] == ["112"]


def test_v28_to_v20_army_cap_is_the_same_clause_renumbered_and_raised(run) -> None:
    cap = _clause(_diff(run, "v28", "v20"), "armed-forces-cap")
    assert cap["change"] == "modified" and cap["old_id"] is None
    assert cap["number"] == {"old": 6, "new": 4}
    term = _term(cap, "ukraine-troop-cap")
    assert (term["old"], term["new"], term["delta"], term["direction"]) == (
        600000, 800000, 200000, "raised")


def test_v28_to_v20_amnesty_is_gone(run) -> None:
    amnesty = _clause(_diff(run, "v28", "v20"), "amnesty")
    assert amnesty["change"] == "removed"
    assert _term(amnesty, "amnesty")["old"] is True


def test_v28_to_v20_elections_move_from_100_days_to_as_soon_as_possible(run) -> None:
    elections = _clause(_diff(run, "v28", "v20"), "elections")
    timing = _term(elections, "elections-timing")
    assert (timing["old"], timing["new"]) == ("fixed-deadline", "as-soon-as-possible")
    assert _term(elections, "elections-deadline")["old"] == 100


def test_v28_to_v20_nato_renunciation_is_dropped_with_a_citation(run) -> None:
    nato = _clause(_diff(run, "v28", "v20"), "nato-membership")
    assert nato["change"] == "removed"
    assert nato["cites"]["new"], "the removal must cite the report of the drop"
    assert _term(nato, "ukraine-nato-membership")["old"] == "barred"


def test_v28_to_v20_point_count_falls_from_28_to_20(run) -> None:
    count = _term(_clause(_diff(run, "v28", "v20"), "framework"), "point-count")
    assert (count["old"], count["new"], count["delta"]) == (28, 20, -8)


def test_v28_numbers_its_28_points_and_v20_its_20(plan) -> None:
    for version_id, points in (("v28", 28), ("v20", 20)):
        numbers = sorted(c.number for c in plan.versions[version_id].clauses
                         if c.number is not None and not c.removed)
        assert numbers == list(range(1, points + 1)), version_id
