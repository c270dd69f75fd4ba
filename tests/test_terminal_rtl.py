"""Arabic terminal lines read right to left (issue 23, item 3; ../shared/arabic-glossary.md,
"Latin ids"): a bidi terminal lays out a line by its first strong character, so no line of an
Arabic view may begin with a Latin id or word («v28  20 نوفمبر 2025» was laid out left to right).
An Arabic word leads instead («النسخة v28»), without isolate characters."""

from __future__ import annotations

import json
import re
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


# --- narrow consoles: nothing cut, no line of padding (issue 23, item 3) ----------------------

NARROW_VIEWS = (("log",), ("log", "--by", "date"), ("positions",), ("positions", "--history"),
                ("terms",))


def screen_rows(line: str, width: int) -> list[str]:
    """The rows a terminal `width` cells wide shows for a line (it wraps at the edge)."""
    from rich.cells import cell_len

    rows, row, used = [], "", 0
    for char in line:
        size = cell_len(char)
        if used + size > width:
            rows.append(row)
            row, used = "", 0
        row, used = row + char, used + size
    return [*rows, row]


def padding(row: str) -> int:
    """The cells of a row that are padding: runs of two spaces or more."""
    return sum(len(run) for run in re.findall(r" {2,}", row))


def test_screen_rows_and_padding() -> None:
    assert screen_rows("abcdef", 4) == ["abcd", "ef"]
    assert padding("  روسيا" + " " * 47 + "  تطالب ب") == 51
    assert padding("a b  c") == 2


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("command", NARROW_VIEWS, ids=" ".join)
def test_a_narrow_terminal_gets_every_id_and_date_whole_and_little_padding(
        run, monkeypatch, command, width, lang) -> None:
    """`log` cut its ids, dates and statuses with an ellipsis at 60 and 80 columns («26 أكتوبر …»,
    «متفق ع…», «miami-d…», «2025-10-…»), in both languages; `positions` padded every line to a
    54-cell party column, so that a row of the screen held a party's name and nothing else;
    `terms` folded its ids mid-word down columns of padding."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*command, "--lang", lang, root=FROZEN)
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    padded = [row for line in result.output.splitlines() for row in screen_rows(line, width)
              if padding(row) * 2 > width]
    assert not padded, "\n".join(padded)
    if command[0] in ("log", "terms"):  # every id whole (`terms` folded «ukraine-troop-» «cap»)
        data = json.loads(run(command[0], "--format", "json", root=FROZEN).stdout)
        for item in data["versions" if command[0] == "log" else "terms"]:
            assert re.search(rf"(?<![\w-]){re.escape(item['id'])}(?![\w-])", result.output)


def test_a_wide_log_is_still_a_table(run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = run("log", "--lang", "ar", root=FROZEN).output.splitlines()
    assert lines[0].split() == ["النسخة", "التاريخ", "الحالة", "التغطية", "البنود", "العنوان"]
