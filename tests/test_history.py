"""`plandiff history`: a term or a clause through every version, disputes and unreported ones."""

from __future__ import annotations

import json

from conftest import LINEAGE


def test_army_cap_history_lists_every_version_with_its_value(run, corpus) -> None:
    data = json.loads(run("history", "ukraine-troop-cap", "--format", "json", root=corpus).stdout)
    points = {p["version"]["id"]: p for p in data["points"]}
    assert points["v28"]["value"] == 600000 and points["v28"]["state"] == "reported"
    assert points["e3"]["delta"] == 200000
    assert points["geneva"]["value"] == 800000 and points["geneva"]["state"] == "reported"
    assert points["florida"]["state"] == "unreported"
    assert points["florida"]["reported_in"] == "geneva"
    assert list(points)[:2] == ["miami-oct", "v28"]


def test_terminal_has_a_bar_chart_and_markdown_a_mermaid_chart(run, corpus) -> None:
    terminal = run("history", "ukraine-troop-cap", root=corpus).stdout
    assert "█" in terminal and "600,000 personnel" in terminal
    markdown = run("history", "ukraine-troop-cap", "--format", "markdown", root=corpus).stdout
    assert "```mermaid\nxychart-beta" in markdown
    assert "bar [600000, 800000" in markdown


def test_clause_history_follows_renames(run) -> None:
    out = run("history", "amnesty", "--format", "json", root=LINEAGE).stdout
    states = [p["state"] for p in json.loads(out)["points"]]
    assert states == ["reported", "removed"]
    renamed = json.loads(run("history", "nato-old", "--format", "json", root=LINEAGE).stdout)
    assert [p["clause"] for p in renamed["points"]] == ["nato-old", "nato"]


def test_unknown_subject_suggests_the_closest(run) -> None:
    result = run("history", "ukraine-troop-caps")
    assert result.exit_code == 2 and "did you mean `ukraine-troop-cap`?" in result.stderr
    typo = run("history", "armi", root=LINEAGE)
    assert typo.exit_code == 2 and "did you mean `army`?" in typo.stderr
    assert f", in {LINEAGE}" in typo.stderr  # the repository searched
