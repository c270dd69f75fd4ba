"""`--as-of DATE` (issue 27): only citations of sources published on or before the date count;
what was first reported later is absent and said so; undated sources are counted and named."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import plandiff
from plandiff.core.as_of import FirstReported, first_reported, known_on

# Written for these tests: v1 (full) is reported on 20 Nov, except its amnesty clause (25 Nov);
# v2 revises it, its NATO clause reported on 23 Nov (one claim of a dispute only on 25 Nov), its
# army clause only on 25 Nov; v3 is first reported on 30 Nov. `nodate` gives no date.
FILES = {
    "plans/terms.yaml": """
        cap: {label: Troop cap, type: quantity, unit: personnel}
        nato:
          label: NATO path
          type: choice
          choices: {barred: Barred, consensus: Up to consensus}
        amnesty: {label: Amnesty, type: flag}
        """,
    "plans/sources.yaml": """
        early: {outlet: Early Outlet, date: 2025-11-20}
        mid: {outlet: Mid Outlet, date: 2025-11-23}
        late: {outlet: Late Outlet, date: 2025-11-25}
        latest: {outlet: Latest Outlet, date: 2025-11-30}
        nodate: {outlet: Undated Outlet, date: null}
        """,
    "plans/v1.yaml": """
        id: v1
        title: First
        date: 2025-11-19
        coverage: full
        status: leaked
        clauses:
          - id: army
            text: The army is capped at 600,000.
            terms: {cap: 600000}
            cites: [{source: early}]
          - id: nato
            text: Ukraine does not join NATO.
            terms: {nato: barred}
            cites: [{source: early}, {source: nodate}]
          - id: amnesty
            text: Everyone is amnestied.
            terms: {amnesty: true}
            cites: [{source: late}]
        """,
    "plans/v2.yaml": """
        id: v2
        title: Second
        date: 2025-11-22
        parent: v1
        coverage: partial
        status: proposed
        clauses:
          - id: army
            text: The army is capped at 800,000.
            terms: {cap: 800000}
            cites: [{source: late}]
          - id: nato
            text: NATO membership is up to its members.
            terms:
              nato:
                disputed:
                  - value: consensus
                    cites: [{source: mid}]
                  - value: barred
                    cites: [{source: late}]
            cites: [{source: mid}]
        """,
    "plans/v3.yaml": """
        id: v3
        title: Third
        date: 2025-11-29
        parent: v2
        coverage: partial
        status: proposed
        clauses:
          - id: army
            text: The army is capped at 900,000.
            terms: {cap: 900000}
            cites: [{source: latest}]
        """,
    "plans/positions.yaml": """
        parties: {RU: Russia, UA: Ukraine}
        positions:
          - party: UA
            term: cap
            stance: demand
            value: 800000
            date: 2025-11-21
            text: Ukraine wants 800,000.
            cites: [{source: early}]
          - party: RU
            term: cap
            stance: demand
            value: 600000
            date: 2025-11-24
            text: Russia wants 600,000.
            cites: [{source: late}]
        """,
}


@pytest.fixture
def root(make_repo):
    return make_repo(FILES)


def test_the_earlier_value_shows_and_the_later_version_is_absent(run, root) -> None:
    shown = run("history", "cap", "--as-of", "2025-11-24", "-f", "json", root=root)
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    points = {p["version"]["id"]: p for p in data["points"]}
    assert set(points) == {"v1", "v2"}  # v3 was first reported on 30 Nov
    assert points["v2"]["value"] == 600000  # the army clause of v2 came out on 25 Nov
    assert data["as_of"]["date"] == "2025-11-24"
    later = json.loads(run("history", "cap", "--as-of", "2025-11-26", "-f", "json",
                           root=root).output)
    assert {p["version"]["id"]: p["value"] for p in later["points"]}["v2"] == 800000


def test_a_version_first_reported_later_is_named_when_asked_for(run, root) -> None:
    result = run("diff", "v1", "v3", "--as-of", "2025-11-24", root=root)
    assert result.exit_code == 2
    assert "version `v3` was not yet reported on 2025-11-24: first reported 2025-11-30 by" \
        " latest" in result.output
    assert "Traceback" not in result.output
    assert run("show", "v3", "--as-of", "2025-11-29", root=root).exit_code == 2
    assert run("show", "v3", "--as-of", "2025-11-30", root=root).exit_code == 0


def test_the_header_says_as_known_on_and_names_what_was_not_yet_reported(run, root) -> None:
    result = run("diff", "v1", "v2", "--as-of", "2025-11-24", root=root)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("As known on 24 Nov 2025: only sources published on or before that"
                          " day count.")
    assert "Not yet reported on 24 Nov 2025, so absent: version v3 (first reported 30 Nov 2025" \
        " by Latest Outlet)." in out
    assert "Not yet reported on 24 Nov 2025: clause army of v2 (first reported 25 Nov 2025 by" \
        " Late Outlet)." in out
    assert "Not yet reported on 24 Nov 2025: nato in clause nato of v2 (first reported 25 Nov" \
        " 2025 by Late Outlet)." in out
    # v1 is a full text, but its amnesty clause came out later: it counts as partial, the
    # clause as unreported, never as dropped.
    assert "v1 is a full text, but only part of it was reported by 24 Nov 2025" in out
    assert "v1 → v2: 0 added, 0 removed, 1 modified" in out
    # The dispute had one claim on the day: the one that was reported.
    assert "NATO path: Barred → Up to consensus" in out


def test_a_source_without_a_date_is_counted_and_named(run, root) -> None:
    for command in (("diff", "v1", "v2"), ("show", "v1"), ("history", "nato"), ("positions",),
                    ("report", "v1", "v2")):
        result = run(*command, "--as-of", "2025-11-24", root=root)
        assert result.exit_code == 0, (command, result.output)
        assert "Unknown date: 1 cited source gives no publication date (nodate). 1 citation" \
            " is counted as of unknown date and kept." in result.output, command
    data = json.loads(run("show", "v1", "--as-of", "2025-11-24", "-f", "json",
                          root=root).output)
    assert data["as_of"]["unknown_date_sources"] == ["nodate"]


def test_positions_first_reported_later_are_left_out(run, root) -> None:
    data = json.loads(run("positions", "--as-of", "2025-11-24", "-f", "json", root=root).output)
    text = json.dumps(data)
    assert "Ukraine wants 800,000." in text and "Russia wants 600,000." not in text
    assert {"kind": "position", "party": "RU", "subject": "cap",
            "first_reported": {"date": "2025-11-25", "source": "late"}} \
        in data["as_of"]["not_yet_reported"]


def test_every_command_takes_as_of_and_refuses_a_non_date(run, root, tmp_path) -> None:
    site = run("site", str(tmp_path / "site"), "--as-of", "2025-11-24", root=root)
    assert site.exit_code == 0, site.output
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "As known on 24 Nov 2025" in index
    assert not (tmp_path / "site" / "versions" / "v3.html").exists()
    report = run("report", "v1", "v2", "--as-of", "2025-11-24", root=root)
    assert "> As known on 24 Nov 2025" in report.output
    bad = run("diff", "v1", "v2", "--as-of", "24/11/2025", root=root)
    assert bad.exit_code == 2
    assert "--as-of '24/11/2025' is not a date" in bad.output


def test_the_api_takes_a_date(root) -> None:
    repo = plandiff.open_plan(root).as_of(dt.date(2025, 11, 24))
    assert repo.versions == ["v1", "v2"]
    assert repo.diff("v1", "v2").as_of is repo.known
    with pytest.raises(plandiff.PlandiffError, match="not yet reported on 2025-11-24"):
        repo.diff("v1", "v3")
    assert plandiff.open_plan(root).as_of("2025-11-30").versions == ["v1", "v2", "v3"]


def test_the_filter_is_a_pure_function_of_the_plan_and_the_date(root) -> None:
    plan = plandiff.open_plan(root).plan
    known = known_on(plan, dt.date(2025, 11, 20))
    assert set(known.plan.versions) == {"v1"}
    assert [c.id for c in known.plan.versions["v1"].clauses] == ["army", "nato"]
    assert known.plan.versions["v1"].coverage.value == "partial"
    assert known.partial == ("v1",)
    assert plan.versions["v1"].coverage.value == "full"  # the plan given is untouched
    every = known_on(plan, dt.date(2025, 12, 31))
    assert every.plan.versions == plan.versions and every.hidden == ()


def test_first_reported_is_the_earliest_dated_citation(root) -> None:
    sources = plandiff.open_plan(root).plan.sources
    assert first_reported(["late", "nodate", "early"], sources) == \
        FirstReported(dt.date(2025, 11, 20), "early")
    assert first_reported(["nodate"], sources) == FirstReported(None, "nodate")
    assert first_reported([], sources) is None


# --- first reported (issue 27, item 2) -----------------------------------------------------------


def test_every_value_carries_its_earliest_citation(run, root) -> None:
    history = json.loads(run("history", "nato", "-f", "json", root=root).output)
    firsts = {p["version"]["id"]: p["first_reported"] for p in history["points"]}
    # v1 cites an undated source beside `early`: the earliest dated citation is the one.
    assert firsts["v1"] == {"date": "2025-11-20", "source": "early"}
    # a dispute was first reported when its earliest claim was
    assert firsts["v2"] == {"date": "2025-11-23", "source": "mid"}
    diff = json.loads(run("diff", "v1", "v3", "-f", "json", root=root).output)
    army = next(t for c in diff["clauses"] for t in c["terms"] if t["term"] == "cap")
    assert army["first_reported"] == {"old": {"date": "2025-11-20", "source": "early"},
                                      "new": {"date": "2025-11-30", "source": "latest"}}
    shown = json.loads(run("show", "v1", "-f", "json", root=root).output)
    assert shown["clauses"][0]["first_reported"] == {"cap": {"date": "2025-11-20",
                                                             "source": "early"}}


def test_show_and_history_say_when_a_value_was_first_reported(run, root, tmp_path) -> None:
    shown = run("show", "v2", root=root).output
    cap = next(line for line in shown.splitlines() if line.strip().startswith("Troop cap:"))
    assert cap.strip().startswith("Troop cap: 800,000 personnel")
    assert cap.endswith(" — first reported 25 Nov 2025 by Late Outlet")
    nato = next(line for line in shown.splitlines() if line.strip().startswith("NATO path:"))
    assert "Up to consensus (mid" in nato and "first reported 23 Nov 2025 by Mid Outlet)" in nato
    assert nato.index("Mid Outlet") < nato.index("| Barred (late") \
        < nato.index("first reported 25 Nov 2025 by Late Outlet)")
    history = run("history", "cap", root=root).output
    assert "first reported" in history  # a column's head, or a block's label
    assert "20 Nov 2025," in history  # then the source's id (the column may fold it)
    markdown = run("history", "cap", "-f", "markdown", root=root).output
    assert "| First reported |" in markdown and "| 30 Nov 2025, latest |" in markdown
    assert run("site", str(tmp_path / "site"), root=root).exit_code == 0
    page = (tmp_path / "site" / "terms" / "cap.html").read_text(encoding="utf-8")
    assert "First reported" in page and "25 Nov 2025, late" in page
