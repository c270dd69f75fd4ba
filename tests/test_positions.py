"""Who wants what: positions.yaml, `plandiff positions`, the diff's stance section and the site's
page, on a repository written here, and the corpus's stances pinned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import dump_dom, text_of
from conftest import REPO

TERMS = """
    cap:
      label: Cap on the army
      type: quantity
      unit: personnel
    path:
      label: Path to the alliance
      type: choice
      choices:
        barred: Barred
        open: Open
"""
SOURCES = """
    wire:
      outlet: A wire service
      date: 2025-02-01
      file: seeds/wire.txt
"""
WIRE = "The north wants the army capped at 500,000. The south offers 700,000 and no more."
V1 = """
    id: v1
    title: First draft
    date: 2025-01-01
    coverage: full
    status: proposed
    clauses:
      - id: army
        topic: military
        text: The army is capped at 600,000.
        terms:
          cap: 600000
        cites:
          - source: wire
"""
V2 = """
    id: v2
    title: Second draft
    date: 2025-03-01
    parent: v1
    coverage: partial
    status: proposed
    clauses:
      - id: army
        text: The army is capped at 600,000.
        terms:
          cap: 600000
        cites:
          - source: wire
"""
POSITIONS = """
    parties:
      NO: The north
      SO: The south
    positions:
      - party: NO
        term: cap
        stance: demand
        value: 500000
        date: 2025-02-01
        at: v1
        text: The north wants the army capped at 500,000.
        cites:
          - source: wire
            quote: "The north wants the army capped at 500,000."
      - party: SO
        term: cap
        stance: offer
        value: 700000
        date: 2025-02-02
        text: The south offers 700,000 at most.
        cites:
          - source: wire
            quote: "The south offers 700,000 and no more."
"""


@pytest.fixture
def two_sides(make_repo) -> Path:
    """A repository written here: two versions with the same cap, and the stances of two parties
    on that term between them."""
    return make_repo({"plans/terms.yaml": TERMS, "plans/sources.yaml": SOURCES,
                      "plans/v1.yaml": V1, "plans/v2.yaml": V2,
                      "plans/positions.yaml": POSITIONS, "seeds/wire.txt": WIRE})


def test_stances_of_two_parties_on_one_term_show_in_positions(run, two_sides) -> None:
    result = run("positions", "cap", root=two_sides)
    assert result.exit_code == 0, result.output
    assert "The north  demands    500,000 personnel  2025-02-01, at v1  wire" in result.stdout
    assert "The south  offers     700,000 personnel  2025-02-02  wire" in result.stdout
    assert "latest draft v2: 600,000 personnel (army, reported)" in result.stdout
    assert ("sides apart: The north: 500,000 personnel; The south: 700,000 personnel"
            in result.stdout)
    data = json.loads(run("positions", "-f", "json", root=two_sides).stdout)
    assert data["format"] == "plandiff.positions/1"
    (cap,) = data["subjects"]
    assert [(s["party"], s["stance"], s["value"], s["date"]) for s in cap["stances"]] == [
        ("NO", "demand", 500000, "2025-02-01"), ("SO", "offer", 700000, "2025-02-02")]
    assert cap["stances"][0]["quotes"] == [{"source": "wire",
                                            "quote": "The north wants the army capped at 500,000."}]
    assert cap["draft"]["version"] == "v2" and cap["draft"]["value"] == 600000
    assert cap["sides"]["status"] == "apart" and cap["sides"]["draft_misses"] == ["NO", "SO"]
    markdown = run("positions", "cap", "-f", "markdown", root=two_sides).stdout
    assert "| The north | demands | 500,000 personnel | 2025-02-01 at `v1` |" in markdown
    assert "[^wire]: `wire`: A wire service" in markdown


def test_the_diff_reports_stances_in_their_own_section_never_as_a_change(run, two_sides) -> None:
    result = run("v1", "v2", root=two_sides)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("v1 → v2: 0 added, 0 removed, 0 modified")
    section = result.stdout[result.stdout.index("Stances stated after 2025-01-01 and up to"
                                                " 2025-03-01"):]
    assert "* The north demands: Cap on the army — 500,000 personnel  (2025-02-01, at v1)" \
        in section
    assert "* The south offers: Cap on the army — 700,000 personnel  (2025-02-02)" in section
    # A stance is no change of the draft: the versions do not differ.
    assert run("v1", "v2", "--exit-code", root=two_sides).exit_code == 0
    data = json.loads(run("v1", "v2", "-f", "json", root=two_sides).stdout)
    assert data["summary"]["modified"] == 0
    assert [(s["party"], s["change"], s["value"]) for s in data["stances"]] == [
        ("NO", "new", 500000), ("SO", "new", 700000)]
    markdown = run("v1", "v2", "-f", "markdown", root=two_sides).stdout
    assert "## Stances stated after 2025-01-01 and up to 2025-03-01" in markdown
    assert "- **The south offers: Cap on the army — 700,000 personnel** (2025-02-02)." \
        in markdown
    # Filters keep the stances on the terms they keep.
    assert "The north demands" in run("v1", "v2", "--term", "cap", root=two_sides).stdout
    assert "Stances" not in run("v1", "v2", "--term", "path", root=two_sides).stdout
    assert "Stances" not in run("v1", "v2", "--topic", "economy", root=two_sides).stdout
    assert "The south offers" in run("v1", "v2", "--topic", "military", root=two_sides).stdout
    # Only the stances stated between the two versions' dates.
    assert "Stances" not in run("v1", "v1", root=two_sides).stdout


def test_a_changed_stance_says_what_it_was(run, two_sides) -> None:
    positions = two_sides / "plans" / "positions.yaml"
    positions.write_text(positions.read_text(encoding="utf-8").replace(
        "date: 2025-02-01\n    at: v1", "date: 2024-12-01\n    at: v1") + """
  - party: "NO"
    term: cap
    stance: accept
    value: 700000
    date: 2025-02-10
    text: The north accepts 700,000.
    cites:
      - source: wire
""", encoding="utf-8")
    out = run("v1", "v2", root=two_sides).stdout
    assert "* The north now accepts: Cap on the army — 700,000 personnel  (2025-02-10)" in out
    assert "before: demanded: Cap on the army — 500,000 personnel (2024-12-01, at v1)" in out
    history = run("positions", "cap", "--history", root=two_sides).stdout
    assert history.index("demands    500,000") < history.index("accepts    700,000")
    assert "sides converged: The north and The south: 700,000 personnel" in run(
        "positions", root=two_sides).stdout


def test_a_repository_without_positions_still_loads(run, make_repo) -> None:
    root = make_repo({"plans/terms.yaml": TERMS, "plans/sources.yaml": SOURCES,
                      "plans/v1.yaml": V1, "plans/v2.yaml": V2, "seeds/wire.txt": WIRE})
    assert run("check", root=root).exit_code == 0
    assert "Stances" not in run("v1", "v2", root=root).stdout
    assert json.loads(run("v1", "v2", "-f", "json", root=root).stdout)["stances"] == []
    result = run("positions", root=root)
    assert result.exit_code == 0 and "No positions are recorded" in result.stdout


BAD = """
    parties:
      NO: The north
    positions:
      - party: NOR
        term: cap
        stance: demand
        value: lots
        date: 2025-02-01
        at: v9
        text: The north wants it.
        cites:
          - source: wire
            quote: "words the wire never wrote"
      - party: NO
        issue: The whole deal
        stance: reject
        value: 3
        date: 2025-02-01
        text: The north rejects it.
"""


def test_check_validates_positions_with_located_messages(run, two_sides) -> None:
    (two_sides / "plans" / "positions.yaml").write_text(
        BAD.replace("\n    ", "\n").lstrip("\n"), encoding="utf-8")
    result = run("check", root=two_sides)
    assert result.exit_code == 1
    out = result.stdout
    assert ("plans/positions.yaml:4:12: error: position 1: unknown party `NOR` [unknown-party]"
            " (did you mean `NO`?)") in out
    assert "plans/positions.yaml:7:12: error: position 1: term `cap` is a quantity: expected a" \
        " number, got the string 'lots' [bad-term-value]" in out
    assert "plans/positions.yaml:9:9: error: position 1: `at` names `v9`, which is not a version" \
        " in plans/ [unknown-version] (give the id of a version file, or leave `at` out)" in out
    assert "plans/positions.yaml:13:16: error: quote does not occur in seeds/wire.txt" in out
    assert "plans/positions.yaml:17:12: error: position 2: a value needs a term" in out
    assert "plans/positions.yaml:14:5: error: position 2 cites no source [uncited-position]" in out
    # The commands that read the plan refuse it, naming the same problems.
    refused = run("positions", root=two_sides)
    assert refused.exit_code == 2 and "unknown-party" in refused.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("parties: {north: The north}\n", "party code 'north' is not a code of capital letters"),
    ("positions:\n  - party: NO\n    stance: maybe\n", "`stance` ('maybe') is not one of"),
    ("positions:\n  - {party: NO, stance: demand, date: 2025-01-01, text: t,"
     " cites: [{sorce: a}]}\n", "unknown field `sorce`"),
    ("id: positions\ntitle: T\nclauses: []\n", "but this file looks like a version file"),
    ("parties: [NO]\n", "`parties` should be a mapping of party codes to names"),
])
def test_bad_positions_files_are_refused_with_a_reason(run, two_sides, text, message) -> None:
    (two_sides / "plans" / "positions.yaml").write_text(text, encoding="utf-8")
    result = run("check", root=two_sides)
    assert result.exit_code == 1 and message in result.stdout, result.stdout
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_the_who_wants_what_page_in_chromium(run, two_sides, tmp_path) -> None:
    positions = two_sides / "plans" / "positions.yaml"
    positions.write_text(positions.read_text(encoding="utf-8").replace(
        "NO: The north", "NO: The north <img src=x onerror=\"document.title='pwned'\">"),
        encoding="utf-8")
    out = tmp_path / "site"
    assert run("site", str(out), root=two_sides).exit_code == 0
    dom = dump_dom(out / "positions.html")
    text = text_of(dom)
    assert "Who wants what" in text
    assert "demands 500,000 personnel 2025-02-01 at v1 · wire" in text
    assert "offers 700,000 personnel 2025-02-02 · wire" in text
    assert "apart: The north" in text and "<img" not in dom.split("<body")[1]
    assert "pwned" not in dom.split("<body")[0]
    term = text_of(dump_dom(out / "terms" / "cap.html")).replace(" .", ".").replace(" :", ":")
    assert "Each party's line" in term
    assert "The south 2025-02-02: offers 700,000 personnel. The south offers 700,000 at most." \
        in term
    assert "“The south offers 700,000 and no more.”" in term
    index = text_of(dump_dom(out / "index.html"))
    assert "Who wants what" in index  # in the navigation of every page


# --- the corpus -------------------------------------------------------------------------------


def _subject(data: dict, term: str) -> dict:
    return next(s for s in data["subjects"] if s["term"] == term)


def _by_party(subject: dict) -> dict:
    return {s["party"]: s for s in subject["stances"]}


def test_the_corpus_has_dated_cited_stances_on_the_cap_nato_and_territory(run) -> None:
    data = json.loads(run("positions", "-f", "json", root=REPO).stdout)
    cap = _by_party(_subject(data, "ukraine-troop-cap"))
    assert cap["RU"]["stance"] == "demand" and not cap["RU"]["has_value"]
    assert "seed-000" in cap["RU"]["sources"]
    assert (cap["UA"]["stance"], cap["UA"]["value"], cap["UA"]["at"]) == ("accept", 800000,
                                                                          "geneva")
    assert (cap["EU"]["value"], cap["EU"]["date"]) == (800000, "2025-12-15")
    assert _subject(data, "ukraine-troop-cap")["draft"]["value"] == 800000
    nato = _by_party(_subject(data, "ukraine-nato-membership"))
    assert (nato["UA"]["stance"], nato["UA"]["value"]) == ("offer", "renounced-for-guarantees")
    assert (nato["US"]["value"], nato["E3"]["value"]) == ("consensus", "consensus")
    assert nato["RU"]["stance"] == "demand"
    land = _by_party(_subject(data, "donetsk-held-area"))
    assert (land["RU"]["stance"], land["RU"]["value"], land["RU"]["date"]) == (
        "demand", "ukraine-withdraws", "2025-12-02")
    assert (land["UA"]["stance"], land["UA"]["value"]) == ("red-line", "line-of-contact")
    # The US's latest line: at Berlin, Ukraine must leave Donetsk (dh, from an unnamed official).
    assert (land["US"]["value"], land["US"]["at"], land["US"]["hedged"]) == (
        "ukraine-withdraws", "berlin", True)
    forces = _by_party(_subject(data, "european-forces-in-ukraine"))
    assert forces["RU"]["stance"] == "reject" and not forces["RU"]["has_value"]
    for term in ("frozen-assets-treatment", "amnesty", "us-guarantee-form",
                 "nato-troops-in-ukraine", "elections-deadline"):
        assert _subject(data, term)["stances"], term
    for subject in data["subjects"]:
        for stance in subject["stances"]:
            assert stance["sources"] and stance["date"], stance


def test_florida_moscow_reports_russias_demands_as_stances_not_draft_changes(run) -> None:
    data = json.loads(run("florida", "moscow", "-f", "json", root=REPO).stdout)
    clauses = {c["id"]: c for c in data["clauses"]}
    assert clauses["territory"]["change"] == "unreported"
    assert "european-forces" not in clauses
    stances = {(s["party"], s["subject"]["term"]): s for s in data["stances"]}
    territory = stances[("RU", "donetsk-held-area")]
    assert (territory["change"], territory["before"]["date"]) == ("restated", "2025-11-30")
    assert stances[("RU", "european-forces-in-ukraine")]["stance"] == "reject"


def test_moscow_berlin_no_longer_moves_one_value_from_russia_to_europe(run) -> None:
    data = json.loads(run("moscow", "berlin", "-f", "json", root=REPO).stdout)
    assert "european-forces" not in {c["id"] for c in data["clauses"]}  # a stance, not a clause
    territory = next(c for c in data["clauses"] if c["id"] == "territory")
    assert territory["change"] == "unreported"
    assert ("EU", "european-forces-in-ukraine", "new") in {
        (s["party"], s["subject"]["term"], s["change"]) for s in data["stances"]}


def test_miami_oct_v28_writes_the_outline_out_instead_of_modifying_four_tracks(run) -> None:
    data = json.loads(run("miami-oct", "v28", "-f", "json", root=REPO).stdout)
    changes = {c["id"]: c["change"] for c in data["clauses"]}
    assert [k for k, v in changes.items() if v == "modified"] == ["framework"]
    for point in ("ceasefire", "security-guarantees", "non-aggression-agreement",
                  "russia-reintegration"):
        assert changes[point] == "added"


def test_textconv_shows_each_stance_for_git_diff(run, two_sides) -> None:
    out = run("textconv", str(two_sides / "plans" / "positions.yaml"), root=two_sides).stdout
    assert "NO demand — Cap on the army: 500,000 personnel · 2025-02-01 at v1" in out
    assert '    cites wire "The south offers 700,000 and no more."' in out


def test_review_checks_positions_and_does_not_take_them_for_a_version(run, make_repo) -> None:
    import subprocess

    from conftest import LINEAGE_PLANS

    root = make_repo(LINEAGE_PLANS)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                            "HOME": str(root), "PATH": "/usr/bin:/bin"})

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    (root / "plans" / "positions.yaml").write_text(
        "parties: {UA: Ukraine}\npositions:\n  - party: RU\n    term: cap\n    stance: demand\n"
        "    value: 500000\n    date: 2025-01-02\n    text: Russia wants 500,000.\n"
        "    cites: [{source: a}]\n", encoding="utf-8")
    result = run("review", "HEAD", root=root)
    assert result.exit_code == 1, result.output
    assert "plans/positions.yaml:3:12: error: position 1: unknown party `RU`" in result.stdout
    assert "0 version file(s) changed" in result.stdout


def test_an_unknown_term_is_refused_with_the_closest_one(run, two_sides) -> None:
    result = run("positions", "caps", root=two_sides)
    assert result.exit_code == 2
    assert "`caps` is not a term in plans/terms.yaml" in result.stderr
    assert "did you mean `cap`?" in result.stderr


def test_a_value_the_latest_draft_carries_says_where_from(run, two_sides) -> None:
    v2 = two_sides / "plans" / "v2.yaml"
    v2.write_text(v2.read_text(encoding="utf-8").replace("    terms:\n      cap: 600000\n", ""),
                  encoding="utf-8")
    out = run("positions", "cap", root=two_sides).stdout
    assert "latest draft v2: 600,000 personnel (army, carried from v1)" in out
    data = json.loads(run("positions", "cap", "-f", "json", root=two_sides).stdout)
    assert data["subjects"][0]["draft"]["stated_in"] == "v1"
    assert data["subjects"][0]["draft"]["reported"] is False


def test_a_broken_positions_file_is_left_out_of_a_diff_with_a_warning(run, two_sides) -> None:
    positions = two_sides / "plans" / "positions.yaml"
    positions.write_text(positions.read_text(encoding="utf-8").replace("party: SO", "party: XX"),
                         encoding="utf-8")
    result = run("v1", "v2", root=two_sides)
    assert result.exit_code == 0, result.output
    assert "plans/positions.yaml has 1 error(s) and is left out" in result.stderr
    assert "Stances" not in result.stdout
    refused = run("positions", root=two_sides)
    assert refused.exit_code == 2 and "unknown party `XX`" in refused.stderr
