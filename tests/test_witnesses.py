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


def test_an_unknown_claim_is_not_printed_as_none(run, repo) -> None:
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
                cites: [{source: other}]
              - unknown: drops the strict limit, names no figure
                cites: [{source: wire}]
        cites: [{source: other}]
    """
    root = repo(v2=v2)
    out = run("v1", "v2", root=root).stdout
    assert "| unknown (wire" in out and "none" not in out
    import json

    data = json.loads(run("v1", "v2", "--format", "json", root=root).stdout)
    claims = data["clauses"][0]["terms"][0]["new"]["disputed"]
    assert claims[1]["unknown"] == "drops the strict limit, names no figure"
    assert "value" not in claims[1]


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
