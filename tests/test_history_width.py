"""`plandiff history` fits the terminal (issue 24, item 17): a table only when every row fits on
one line, else one block a version; a clause's history has its sources, a removal its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import LINEAGE_PLANS
from freeze_corpus import FROZEN

WIDTH = 100  # the `run` fixture's COLUMNS
LONG = ("The army will be capped at 600,000 personnel in peacetime and in war, with every branch"
        " counted, reservists included, and the cap is written into the constitution, reviewed"
        " by a joint commission every year and enforced by inspections on either side.")


def _root(make_repo) -> Path:
    files = dict(LINEAGE_PLANS)
    files["plans/terms.yaml"] += "amnesty-flag:\n  label: Full amnesty\n  type: flag\n"
    files["plans/v1.yaml"] = files["plans/v1.yaml"].replace(
        "    text: Everyone gets amnesty.\n",
        "    text: Everyone gets amnesty.\n    terms: {amnesty-flag: true}\n").replace(
        "    text: The army will be capped at 600,000.\n", f"    text: {LONG}\n")
    return make_repo(files)


def _fits(text: str) -> None:
    long = [line for line in text.splitlines() if cell_len(line) > WIDTH]
    assert not long, "\n".join(long)


@pytest.mark.slow  # about 130 runs of the command line
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_history_of_the_frozen_corpus_fits_100_columns(run, lang: str) -> None:
    import plandiff

    plan = plandiff.open_plan(FROZEN).plan
    subjects = [*plan.terms, *sorted({c.id for v in plan.versions.values() for c in v.clauses
                                      if not c.removed})]
    for subject in subjects:
        for by in ("lineage", "date"):
            result = run("history", subject, "--by", by, "--lang", lang, root=FROZEN)
            assert result.exit_code == 0, result.output
            _fits(result.stdout)


def test_a_clause_history_with_long_text_is_a_block_a_version_with_its_sources(run,
                                                                                make_repo) -> None:
    result = run("history", "army", root=_root(make_repo))
    assert result.exit_code == 0, result.output
    _fits(result.stdout)
    lines = result.stdout.splitlines()
    # One block a version: its facts on a line, the text wrapped under it, then the sources; a
    # row is never five lines of folded cells beside each other.
    v1 = lines.index(next(line for line in lines if line.startswith("v1  ")))
    assert lines[v1].split() == ["v1", "2025-01-01", "1", "—", "reported"]
    block = lines[v1 + 1:lines.index(next(line for line in lines if line.startswith("v2  ")))]
    assert " ".join(" ".join(block).split()).startswith("text: The army will be capped")
    assert "reviewed by a joint commission" in " ".join(" ".join(block).split())
    assert block[-1].split() == ["sources:", "a"]


def test_a_removal_shows_its_sources_in_every_history_view(run, make_repo) -> None:
    root = _root(make_repo)
    clause = run("history", "amnesty", root=root).stdout  # short: a table, as it fits
    assert clause.splitlines()[1].split()[-1] == "sources"
    assert [line.split()[-1] for line in clause.splitlines()[2:]] == ["a", "b"]  # b: removal
    term = run("history", "amnesty-flag", root=root).stdout
    v2 = next(line for line in term.splitlines() if line.startswith("v2 "))
    assert "removed" in v2 and v2.split()[-2:] == ["b", "—"], term  # then: first reported
    markdown = run("history", "amnesty", "--format", "markdown", root=root).stdout
    assert "| Version | Date | § | Text | Change from parent | State | Sources | First" in markdown
    assert next(row for row in markdown.splitlines() if row.startswith("| `v2`")).endswith(
        "| removed | `b` | — |")
    term_md = run("history", "amnesty-flag", "--format", "markdown", root=root).stdout
    assert next(row for row in term_md.splitlines() if row.startswith("| `v2`")).endswith(
        "| removed | `b` | — |")
    data = json.loads(run("history", "amnesty", "--format", "json", root=root).stdout)
    assert [p["sources"] for p in data["points"]] == [["a"], ["b"]]
    data = json.loads(run("history", "amnesty-flag", "--format", "json", root=root).stdout)
    assert [p["sources"] for p in data["points"]] == [["a"], ["b"]]
