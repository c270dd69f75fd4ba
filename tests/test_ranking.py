"""Ranked key changes (issue 27, item 3): a change's rank is the size of its move, plus 0.5 on a
term that terms.yaml marks a red line for a party and 0.5 more when the move goes toward or away
from a party's stated position (docs/reports.md). On a repository written for these tests."""

from __future__ import annotations

import json

import pytest

TERMS = """
    cap:
      label: Troop cap
      type: quantity
      unit: personnel
      salience:
        - party: UA
          reason: The editors' judgement for this test.
          editorial: true
    fund:
      label: Fund
      type: money
      currency: USD
    nato:
      label: NATO path
      type: choice
      choices: {barred: Barred, neutral: Neutral, consensus: Up to consensus, member: Member}
    """
FILES = {
    "plans/sources.yaml": """
        wire: {outlet: Wire, date: 2025-01-01}
        """,
    "plans/v1.yaml": """
        id: v1
        title: First
        date: 2025-01-01
        coverage: full
        status: proposed
        clauses:
          - id: army
            text: The army is capped at 600,000.
            terms: {cap: 600000}
            cites: [{source: wire}]
          - id: money
            text: A fund of 100.
            terms: {fund: 100}
            cites: [{source: wire}]
          - id: alliance
            text: No NATO.
            terms: {nato: barred}
            cites: [{source: wire}]
        """,
    "plans/v2.yaml": """
        id: v2
        title: Second
        date: 2025-01-05
        parent: v1
        coverage: full
        status: proposed
        clauses:
          - id: army
            text: The army is capped at 630,000.
            terms: {cap: 630000}
            cites: [{source: wire}]
          - id: money
            text: A fund of 300.
            terms: {fund: 300}
            cites: [{source: wire}]
          - id: alliance
            text: NATO by consensus.
            terms: {nato: consensus}
            cites: [{source: wire}]
        """,
}
PARTIES = """
    parties: {UA: Ukraine, RU: Russia}
    positions:
    """
UA_WANTS_MORE = """
      - party: UA
        term: cap
        stance: demand
        value: 800000
        date: 2025-01-02
        text: Ukraine wants 800,000.
        cites: [{source: wire}]
    """


def _ranking(run, root) -> list[dict]:
    result = run("diff", "v1", "v2", "-f", "json", root=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["ranking"]


def _repo(make_repo, *, positions: str = "", terms: str = TERMS):
    return make_repo({**FILES, "plans/terms.yaml": terms,
                      "plans/positions.yaml": PARTIES + positions})


def test_a_small_move_on_a_red_line_alone_ranks_below_a_large_move(run, make_repo) -> None:
    ranking = _ranking(run, _repo(make_repo))
    assert [r["term"] for r in ranking] == ["fund", "cap", "nato"]
    fund, cap = ranking[0], ranking[1]
    assert fund["score"] == 1.0 and fund["red_lines"] == []
    assert cap["score"] == pytest.approx(0.05 + 0.5)
    assert cap["counted"] == {"size": 0.05, "red_line": 0.5, "stance": 0.0}
    assert fund["label"] == ("no salience in terms.yaml: ranked by the size of the move alone;"
                              " a move of 200.0% of the old value (size 1); score 1")


def test_a_red_line_moved_toward_a_stated_position_outranks_a_large_move(run,
                                                                        make_repo) -> None:
    ranking = _ranking(run, _repo(make_repo, positions=UA_WANTS_MORE))
    assert [r["term"] for r in ranking][:2] == ["cap", "fund"]
    cap = ranking[0]
    assert cap["score"] == pytest.approx(0.05 + 0.5 + 0.5)
    assert cap["stances"] == [{"party": "UA", "stance": "demand", "value": 800000,
                               "date": "2025-01-02", "toward": True, "hedged": False}]
    assert cap["label"] == (
        "a red line for Ukraine (terms.yaml salience, editorial); a move of 5.0% of the old value"
        " (size 0.05); moves toward the stated demand of Ukraine, 800,000 personnel"
        " (positions.yaml, 2025-01-02); score 1.05")


def test_a_position_only_reported_is_a_reported_one_in_the_reason(run, make_repo) -> None:
    hedged = UA_WANTS_MORE.replace("cites: [{source: wire}]",
                                   "cites: [{source: wire, hedge: according to an unnamed aide}]")
    cap = _ranking(run, _repo(make_repo, positions=hedged))[0]
    assert cap["stances"][0]["hedged"] is True
    assert "moves toward the reported demand of Ukraine, 800,000 personnel" in cap["label"]
    assert "stated demand" not in cap["label"]


def test_a_stated_position_does_not_count_on_a_term_without_salience(run, make_repo) -> None:
    plain = TERMS.replace("      salience:\n        - party: UA\n"
                          "          reason: The editors' judgement for this test.\n"
                          "          editorial: true\n", "")
    ranking = _ranking(run, _repo(make_repo, positions=UA_WANTS_MORE, terms=plain))
    cap = next(r for r in ranking if r["term"] == "cap")
    assert cap["score"] == pytest.approx(0.05) and cap["counted"]["stance"] == 0.0
    assert cap["label"].startswith("no salience in terms.yaml: ranked by the size of the move"
                                    " alone;")


def test_an_ordered_choice_measures_its_move_on_its_own_scale(run, make_repo) -> None:
    unordered = {r["term"]: r for r in _ranking(run, _repo(make_repo))}
    assert unordered["nato"]["size"] == 0.5 and unordered["nato"]["size_basis"] == "unmeasured"
    ordered = TERMS + "  order: [barred, neutral, consensus, member]\n"
    ranked = {r["term"]: r for r in _ranking(run, _repo(make_repo, terms=ordered))}
    assert ranked["nato"]["size"] == pytest.approx(2 / 3, abs=1e-4)  # two steps of three
    assert ranked["nato"]["size_basis"] == "scale"


def test_report_and_terminal_diff_lead_with_the_main_changes(run, make_repo) -> None:
    root = _repo(make_repo, positions=UA_WANTS_MORE)
    report = run("report", "v1", "v2", "--top", "2", root=root).output
    main = report.split("## The 2 main changes", 1)[1].split("## ", 1)[0]
    assert "1. **Troop cap: 600,000 → 630,000 personnel" in main
    assert "2. **Fund: " in main and "NATO path" not in main
    assert "## Other key changes" in report  # then the rest
    terminal = run("diff", "v1", "v2", root=root).output
    assert "The 3 main changes:" in terminal
    assert terminal.index("1. Troop cap") < terminal.index("2. Fund") < terminal.index("~ army")
    assert "The" not in run("diff", "v1", "v2", "--top", "0", root=root).output.split("\n")[3]


@pytest.mark.parametrize(("entry", "code"), [
    ("        - party: UA\n          reason: No source.\n", "uncited-salience"),
    ("        - party: XX\n          reason: Who?\n          editorial: true\n", "unknown-party"),
    ("        - party: UA\n          reason: R.\n          cites: [{source: nowhere}]\n",
     "unknown-source"),
])
def test_check_refuses_a_salience_without_reason_party_or_source(run, make_repo, entry,
                                                                  code) -> None:
    terms = TERMS.replace("      salience:\n        - party: UA\n"
                          "          reason: The editors' judgement for this test.\n"
                          "          editorial: true\n", "      salience:\n" + entry)
    result = run("check", root=_repo(make_repo, terms=terms))
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.output and "plans/terms.yaml:" in result.output


def test_check_refuses_an_order_outside_the_choices(run, make_repo) -> None:
    terms = TERMS + "  order: [barred, neutral, joined]\n"
    result = run("check", root=_repo(make_repo, terms=terms))
    assert result.exit_code == 1
    assert "`joined` in `order` is not one of its choices" in result.output
