"""Independent witnesses (`copy_of`), hedged citations and disputes that are disputes (issue 22),
on a plan repository written for the test."""

from __future__ import annotations

import pytest

TERMS = """
cap:
  label: Troop cap
  type: quantity
  unit: personnel
"""
SOURCES = """
wire:
  outlet: Wire Agency
reprint:
  outlet: Local Paper
  copy_of: wire
other:
  outlet: Other Outlet
wire-2:
  outlet: wire  agency
anon-1:
  outlet: unknown
anon-2:
  outlet: unknown
"""
V1 = """
id: v1
title: First
date: 2025-01-01
coverage: full
status: leaked
clauses:
  - id: army
    text: The army is capped.
    terms: {cap: 600000}
    cites: [{source: wire}, {source: reprint}]
"""


@pytest.fixture
def repo(make_repo):
    def build(sources: str = SOURCES, **versions: str):
        files = {"plans/terms.yaml": TERMS, "plans/sources.yaml": sources, "plans/v1.yaml": V1}
        files.update({f"plans/{name}.yaml": text for name, text in versions.items()})
        return make_repo(files)
    return build


# --- the contract: copy_of, hedge, claims ---------------------------------------------------------


def test_copy_of_is_checked_and_located(run, repo) -> None:
    sources = SOURCES + """
loop-a:
  outlet: A
  copy_of: loop-b
loop-b:
  outlet: B
  copy_of: loop-a
self:
  outlet: S
  copy_of: self
typo:
  outlet: T
  copy_of: wrie
"""
    result = run("check", root=repo(sources))
    out = result.stdout
    assert result.exit_code == 1, out
    assert ("plans/sources.yaml:17:12: error: sources copy each other in a circle:"
            " `loop-a` → `loop-b` → `loop-a` [copy-cycle]") in out
    assert out.count("[copy-cycle]") == 1
    assert "plans/sources.yaml:23:12: error: source `self` is a copy of itself [copy-of-itself]" \
        in out
    assert ("plans/sources.yaml:26:12: error: source `typo`: `copy_of` names `wrie`, which is not"
            " a source [unknown-source] (did you mean `wire`?)") in out


def test_a_clean_copy_hedge_and_unknown_claim_pass_check(run, repo) -> None:
    v2 = """
    id: v2
    title: Second
    date: 2025-02-01
    parent: v1
    coverage: partial
    status: proposed
    clauses:
      - id: army
        text: Reports differ.
        terms:
          cap:
            disputed:
              - value: 800000
                cites: [{source: other, hedge: possible changes}]
              - unknown: drops the strict limit, names no figure
                cites: [{source: wire}]
        cites: [{source: other}]
    """
    result = run("check", root=repo(v2=v2))
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(("claim", "message"), [
    ("value: 800000\n                unknown: why", "gives both `value` and `unknown`"),
    ("note: nothing", "gives neither `value` nor `unknown`"),
])
def test_a_claim_gives_a_value_or_unknown(run, repo, claim: str, message: str) -> None:
    v2 = f"""
    id: v2
    title: Second
    date: 2025-02-01
    parent: v1
    coverage: partial
    status: proposed
    clauses:
      - id: army
        text: Reports differ.
        terms:
          cap:
            disputed:
              - value: 800000
                cites: [{{source: other}}]
              - {claim}
                cites: [{{source: wire}}]
        cites: [{{source: other}}]
    """
    result = run("check", root=repo(v2=v2))
    assert result.exit_code == 1
    assert message in result.stdout and "[claim-form]" in result.stdout
    assert "plans/v2.yaml:1" in result.stdout  # located in the file, at its line


def _claims_version(*claims: str) -> str:
    listed = "".join(f"              - {claim}\n" for claim in claims)
    return f"""
    id: v2
    title: Second
    date: 2025-02-01
    parent: v1
    coverage: partial
    status: proposed
    clauses:
      - id: army
        text: Reports differ.
        terms:
          cap:
            disputed:
{listed}        cites: [{{source: other}}]
    """


NO_FIGURE = "{unknown: 'drops the strict limit, names no figure', cites: [{source: wire}]}"


def test_a_claim_that_gives_no_value_disputes_nothing(run, repo) -> None:
    # one source gives 800,000, another only says the old limit is dropped: not a conflict
    root = repo(v2=_claims_version("{value: 800000, cites: [{source: other}]}", NO_FIGURE))
    out = run("v1", "v2", root=root).stdout
    assert "Troop cap: 600,000 → 800,000 personnel (+200,000, +33.3%)" in out
    assert "disputed" not in out and "none" not in out
    import json

    data = json.loads(run("v1", "v2", "--format", "json", root=root).stdout)
    change = data["clauses"][0]["terms"][0]
    assert change["change"] == "changed" and change["new"] == 800000
    assert change["witnesses"]["new"] == {"independent": 1, "sources": ["other"]}
    shown = run("show", "v2", root=root).stdout
    assert "Troop cap: 800,000 personnel (other; 1 independent witness" in shown
    assert "disputed" not in shown


def test_two_claims_of_one_value_are_one_value_with_both_witnesses(run, repo) -> None:
    root = repo(v2=_claims_version("{value: 800000, cites: [{source: other}]}",
                                    "{value: 800000, cites: [{source: wire}, {source: reprint}]}"))
    out = run("v1", "v2", root=root).stdout
    assert "600,000 → 800,000 personnel (+200,000, +33.3%); independent witnesses: 1 → 2" in out
    assert "disputed" not in out


def test_a_claim_that_gives_no_value_is_listed_beside_a_conflict(run, repo) -> None:
    root = repo(v2=_claims_version("{value: 800000, cites: [{source: other}]}",
                            "{value: 700000, cites: [{source: anon-1}]}", NO_FIGURE))
    out = run("v1", "v2", root=root).stdout
    assert "disputed: 800,000 personnel" in out and "| unknown (wire" in out
    assert "none" not in out
    arabic = run("v1", "v2", "--lang", "ar", root=root).stdout
    assert "← تتضارب المصادر: 800,000 جندي" in arabic and "غير معروفة (wire" in arabic
    assert "متنازع عليه" not in arabic and "لا شيء" not in arabic
    import json

    data = json.loads(run("v1", "v2", "--format", "json", root=root).stdout)
    claims = data["clauses"][0]["terms"][0]["new"]["disputed"]
    assert claims[2]["unknown"] == "drops the strict limit, names no figure"
    assert "value" not in claims[2]


def test_fmt_puts_the_new_fields_in_the_contracts_order() -> None:
    from plandiff.repo.fmt import format_text

    sources = "wire:\n  note: n\n  copy_of: other\n  outlet: W\n"
    assert format_text(sources, "sources").text == \
        "wire:\n  outlet: W\n  copy_of: other\n  note: \"n\"\n"
    version = ("id: v1\ntitle: T\ndate: 2025-01-01\ncoverage: full\nstatus: leaked\nclauses:\n"
               "  - id: a\n    text: x\n    cites:\n      - hedge: expected\n        source: s\n"
               "        quote: q\n")
    assert "      - source: s\n        quote: \"q\"\n        hedge: expected\n" in \
        format_text(version, "version").text


# --- the views: witnesses and hedges, on a repository of our own -------------------------------

VIEW_TERMS = TERMS + """
days:
  label: Elections after signing
  type: duration
  unit: days
"""
V2 = """
id: v2
title: Second
date: 2025-02-01
parent: v1
coverage: partial
status: proposed
clauses:
  - id: army
    text: The army is capped higher.
    terms: {cap: 800000}
    cites: [{source: wire}, {source: other}]
  - id: polls
    text: Elections are expected within 100 days.
    terms: {days: 100}
    cites:
      - source: other
        quote: expected within 100 days
        hedge: expected
"""
POSITIONS = """
parties: {UA: Ukraine}
positions:
  - party: UA
    term: cap
    stance: accept
    value: 800000
    date: 2025-02-01
    at: v2
    text: Ukraine is said to accept a cap of 800,000.
    cites: [{source: other, hedge: possible changes}]
"""


@pytest.fixture
def views(make_repo):
    return make_repo({"plans/terms.yaml": VIEW_TERMS, "plans/sources.yaml": SOURCES,
                      "plans/v1.yaml": V1, "plans/v2.yaml": V2,
                      "plans/positions.yaml": POSITIONS})


def _json(run, *args, root):
    import json

    result = run(*args, "--format", "json", root=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_reprint_is_one_witness_and_two_outlets_are_two(run, views) -> None:
    out = run("v1", "v2", root=views).stdout
    # v1: the wire story and the paper that reprints it; v2: the wire and another outlet
    assert ("Troop cap: 600,000 → 800,000 personnel (+200,000, +33.3%);"
            " independent witnesses: 1 → 2") in out
    data = _json(run, "diff", "v1", "v2", root=views)
    cap = next(t for c in data["clauses"] for t in c["terms"] if t["term"] == "cap")
    assert cap["witnesses"] == {"old": {"independent": 1, "sources": ["wire", "reprint"]},
                                "new": {"independent": 2, "sources": ["wire", "other"]}}
    show = _json(run, "show", "v1", root=views)
    assert show["clauses"][0]["witnesses"]["cap"] == {"independent": 1,
                                                      "sources": ["wire", "reprint"]}
    assert "Troop cap: 600,000 personnel; 1 independent witness" in run("show", "v1",
                                                                         root=views).stdout
    assert data["sources"]["reprint"]["copy_of"] == "wire"
    assert data["sources"]["wire"]["copy_of"] is None
    history = _json(run, "history", "cap", root=views)
    assert [p["witnesses"]["independent"] for p in history["points"]] == [1, 2]
    assert "`wire`, `other` (2 independent witnesses)" in run(
        "history", "cap", "--format", "markdown", root=views).stdout


def test_the_same_outlet_twice_is_one_witness_and_unknown_outlets_are_each_their_own() -> None:
    from plandiff.core.models import Source
    from plandiff.core.witnesses import witnesses

    sources = {"a": Source(outlet="Wire Agency"), "b": Source(outlet="wire  agency"),
               "c": Source(outlet="unknown"), "d": Source(outlet="unknown"),
               "e": Source(outlet="X", copy_of="f"), "f": Source(outlet="unknown", copy_of="e")}
    assert witnesses(sources, ["a", "b"]).independent == 1
    assert witnesses(sources, ["c", "d"]).independent == 2
    assert witnesses(sources, ["c", "c"]).independent == 1
    assert witnesses(sources, ["e", "f"]).independent == 2  # a loop (check says so) still counts


def test_a_value_whose_only_citation_is_hedged_is_reported_in_every_view(run, views, tmp_path,
                                                                         monkeypatch) -> None:
    said = "reportedly 100 days"
    assert f"Elections after signing: set to {said}; independent witnesses: 1" in \
        run("v1", "v2", root=views).stdout
    assert said in run("diff", "v1", "v2", "--format", "markdown", root=views).stdout
    page = tmp_path / "report.html"
    assert run("report", "v1", "v2", "-f", "html", "-o", str(page), root=views).exit_code == 0
    assert said in page.read_text(encoding="utf-8")
    shown = run("show", "v2", root=views).stdout
    assert f"Elections after signing: {said}" in shown
    assert '[other]: "expected within 100 days" (hedged: expected)' in shown  # and why
    assert said in run("show", "v2", "--format", "markdown", root=views).stdout
    monkeypatch.setenv("COLUMNS", "200")  # the terminal's table, on one line
    assert said in run("history", "days", root=views).stdout
    assert said in run("history", "days", "--format", "markdown", root=views).stdout
    site = tmp_path / "site"
    assert run("site", str(site), root=views).exit_code == 0
    assert said in (site / "versions" / "v2.html").read_text(encoding="utf-8")
    sources_page = (site / "sources.html").read_text(encoding="utf-8")
    assert 'A copy of <a href="sources.html#source-wire"' in sources_page
    data = _json(run, "diff", "v1", "v2", root=views)
    polls = next(t for c in data["clauses"] for t in c["terms"] if t["term"] == "days")
    cap = next(t for c in data["clauses"] for t in c["terms"] if t["term"] == "cap")
    assert polls["hedged"] == {"old": False, "new": True}
    assert cap["hedged"] == {"old": False, "new": False}
    assert _json(run, "show", "v2", root=views)["clauses"][1]["hedged"] == {"days": True}
    assert _json(run, "history", "days", root=views)["points"][1]["hedged"] is True
    arabic = run("v1", "v2", "--lang", "ar", root=views).stdout
    assert "بحسب التقارير" in arabic


def test_a_stance_resting_on_hedged_citations_is_reportedly_accepted(run, views,
                                                                    tmp_path) -> None:
    assert "Ukraine reportedly accepts: Troop cap — 800,000 personnel" in \
        run("v1", "v2", root=views).stdout
    assert "reportedly accepts" in run("positions", root=views).stdout
    assert "reportedly accepts" in run("positions", "--format", "markdown", root=views).stdout
    stance = _json(run, "positions", root=views)["subjects"][0]["stances"][0]
    assert stance["hedged"] is True
    assert stance["witnesses"] == {"independent": 1, "sources": ["other"]}
    assert _json(run, "diff", "v1", "v2", root=views)["stances"][0]["hedged"] is True
    site = tmp_path / "site"
    assert run("site", str(site), root=views).exit_code == 0
    assert "reportedly accepts" in (site / "positions.html").read_text(encoding="utf-8")


# --- check --strict: disputes that are not disputes between witnesses ---------------------------


def _dispute(first: str, second: str) -> str:
    return f"""
    id: v2
    title: Second
    date: 2025-02-01
    parent: v1
    coverage: partial
    status: proposed
    clauses:
      - id: army
        text: Reports differ.
        terms:
          cap:
            disputed:
              - value: 800000
                cites: [{first}]
              - value: 750000
                cites: [{second}]
        cites: [{{source: other}}]
    """


def test_strict_warns_when_a_disputes_sides_share_an_original_outlet(run, repo) -> None:
    root = repo(v2=_dispute("{source: wire}", "{source: reprint}"))
    assert run("check", root=root).exit_code == 0  # a warning, only with --strict
    result = run("check", "--strict", root=root)
    assert result.exit_code == 1
    assert ("plans/v2.yaml:15:13: warning: claims 1 and 2 of the dispute on `cap` share an"
            " original outlet (Wire Agency, `wire`): a witness does not dispute itself"
            " [dispute-shared-outlet]") in result.stdout
    # the same outlet under two source ids is one witness too
    shared = run("check", "--strict", root=repo(v2=_dispute("{source: wire}",
                                                            "{source: wire-2}")))
    assert "[dispute-shared-outlet]" in shared.stdout
    apart = run("check", "--strict", root=repo(v2=_dispute("{source: wire}", "{source: other}")))
    assert "dispute-" not in apart.stdout


def test_strict_warns_of_a_hedged_side_and_of_a_side_that_is_one_copy(run, repo) -> None:
    result = run("check", "--strict", root=repo(v2=_dispute(
        "{source: other, hedge: expected}", "{source: reprint}")))
    out = result.stdout
    assert "claim 1 of the dispute on `cap` rests only on hedged citations" \
           " [dispute-hedged-side]" in out
    assert "claim 2 of the dispute on `cap` has one witness, `reprint`, a copy of `wire`" \
           " [dispute-copy-only]" in out
    assert "[dispute-shared-outlet]" not in out


def test_strict_says_nothing_of_a_dispute_that_is_no_conflict(run, repo) -> None:
    # one value, hedged, beside a claim that gives none: printed as that value, not a dispute
    root = repo(v2=_claims_version("{value: 800000, cites: [{source: other, hedge: expected}]}",
                                   NO_FIGURE))
    assert "dispute-" not in run("check", "--strict", root=root).stdout


def test_a_bibliography_that_remembers_outlets_counts_as_the_plain_one() -> None:
    """The diff counts witnesses through a Bibliography, which works out each source's outlet
    once: every count, and the ids it keeps, are those of the plain mapping (copies followed,
    a loop stopped, unknown outlets and unknown sources each their own witness)."""
    import itertools

    from plandiff.core.models import Source
    from plandiff.core.witnesses import Bibliography, witnesses

    sources = {
        "wire": Source(outlet="Wire Agency"), "reprint": Source(outlet="Paper", copy_of="wire"),
        "again": Source(outlet="Other", copy_of="reprint"), "wire-2": Source(outlet="wire  agency"),
        "anon-1": Source(outlet="unknown"), "anon-2": Source(outlet="Unknown"),
        "loop-a": Source(outlet="A", copy_of="loop-b"), "loop-b": Source(outlet="B",
                                                                          copy_of="loop-a"),
    }
    remembering = Bibliography(sources)
    ids = [*sources, "missing"]
    for count in range(1, 4):
        for cited in itertools.permutations(ids, count):
            assert witnesses(remembering, cited) == witnesses(sources, cited), cited
            assert witnesses(remembering, [*cited, *cited]) == witnesses(sources, cited)
    assert witnesses(remembering, ["wire", "reprint", "again", "wire-2"]).independent == 1
    assert dict(remembering) == sources
