"""Arabic terminal lines read right to left (issue 23, item 3; ../shared/arabic-glossary.md,
"Latin ids"): a bidi terminal lays out a line by its first strong character, so no line of an
Arabic view may begin with a Latin id or word («v28  20 نوفمبر 2025» was laid out left to right).
An Arabic word leads instead («النسخة v28»), without isolate characters."""

from __future__ import annotations

import unicodedata

import pytest

from freeze_corpus import FROZEN

COMMANDS = (
    ("history", "ukraine-troop-cap"),  # a term's history
    ("history", "territory"),  # a clause's history
    ("history", "ukraine-troop-cap", "--by", "date"),  # each version's parent beside it
    ("history", "framework"),  # a clause cited by nine sources: its list wraps at 80 and 60
    ("show", "v28"),
    ("show", "geneva"),  # hedged citations, a source without an outlet
    ("log",),
    ("log", "--by", "date"),
    ("terms",),
    ("positions",),
    ("v28", "geneva"),  # the numbered main changes, the clauses under them
)


def first_strong(line: str) -> str | None:
    """'L' or 'R' by the line's first strong character (neutral and weak ones skipped: spaces,
    digits, punctuation, tree and box-drawing characters); None when it has none."""
    for char in line:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


def test_first_strong_reads_past_indentation_and_tree_characters() -> None:
    assert first_strong("    └─ v28  20 نوفمبر 2025") == "L"
    assert first_strong("  └─ النسخة v28  20 نوفمبر 2025") == "R"
    assert first_strong("  1. 28 ← 19") is None


# 80: the history's block layout; 60: its lines wrap, never between «النسخة» and the id
@pytest.mark.parametrize("width", ["200", "80", "60"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_arabic_terminal_line_begins_with_a_latin_word(run, monkeypatch, command, width) -> None:
    monkeypatch.setenv("COLUMNS", width)
    result = run(*command, "--lang", "ar", root=FROZEN)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines
    latin = [line for line in lines if first_strong(line) == "L"]
    assert not latin, "\n".join(latin)
    assert not any(char in result.output for char in "\u2066\u2067\u2068\u2069")  # no isolates


@pytest.mark.parametrize("width", ["80", "60"])
def test_a_wrapped_list_of_source_ids_goes_on_with_an_arabic_word(run, monkeypatch,
                                                                  width) -> None:
    """A long list of source ids wraps: each line after the first opens with «و» (the list is
    Arabic's, «a و b و c»), never with an id, which a bidi terminal laid out left to right."""
    monkeypatch.setenv("COLUMNS", width)
    lines = run("history", "framework", "--lang", "ar", root=FROZEN).output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("  المصادر: menafn-mint"))
    listed = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        listed.append(line)
    assert len(listed) > 1  # it wraps (was «           statement-reuters، lgr، seed-001…»)
    assert all(line.strip().startswith("و ") for line in listed[1:]), "\n".join(listed)
    assert " ".join(line.strip() for line in listed).endswith("و mint و seed-002")
