"""`plandiff history` without colour is written without rich where rich would write the same
bytes (render/history.py on render/styled.py's writers), and prints what it printed when rich
drew every line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from freeze_corpus import FROZEN
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import cells
from plandiff.render.console import make_console as rich_console
from plandiff.render.styled import Columns, PlainConsole

ARABIC = Locale("ar")

# What `plandiff history` printed through rich alone (before its plain writer), at each width:
# regenerate with `pytest tests/test_plain_history.py --update-goldens` only when the words or
# the frozen corpus change on purpose, and read the diff.
GOLDEN = Path(__file__).parent / "fixtures" / "history_terminal.txt"
MARK = "##### "
RUNS = [[subject, *lang]
        for subject in ("armed-forces-cap", "ukraine-troop-cap", "russia-g8", "ceasefire")
        for lang in ([], ["--lang", "ar"])]
RUNS += [[subject, "--by", "date", *lang] for subject in ("ukraine-troop-cap", "ceasefire")
         for lang in ([], ["--lang", "ar"])]
RUNS += [["ceasefire", "--as-of", "2025-11-25"], ["ukraine-troop-cap", "--lang", "ar",
                                                  "--digits", "arab"]]
COLUMNS = [60, 80, 100, 200]


def _key(args: list[str], columns: int) -> str:
    return f"plandiff history {' '.join(args)}  (COLUMNS={columns})"


def _goldens() -> dict[str, str]:
    found: dict[str, str] = {}
    key = None
    for line in GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith(MARK):
            key = line[len(MARK):].rstrip("\n")
            found[key] = ""
        elif key is not None:
            found[key] += line
    return found


def test_history_prints_what_rich_printed(run, monkeypatch, update_goldens: bool) -> None:
    """Terms and clauses, tables and blocks, English and Arabic (its glued ids), by lineage and
    by date, as known on a day: the bytes of every width as rich wrote them."""
    printed = {}
    for columns in COLUMNS:
        monkeypatch.setenv("COLUMNS", str(columns))
        for args in RUNS:
            result = run("history", *args, root=FROZEN)
            assert result.exit_code == 0, result.stdout
            printed[_key(args, columns)] = result.stdout
    if update_goldens:
        GOLDEN.write_text("".join(f"{MARK}{key}\n{text}" for key, text in printed.items()),
                          encoding="utf-8")
    expected = _goldens()
    assert list(printed) == list(expected)
    for key, text in printed.items():
        assert text == expected[key], key
    assert any(line.startswith("version ") for text in printed.values()  # a table ...
               for line in text.splitlines())
    assert any(line.startswith("  text: ") for text in printed.values()  # ... and blocks
               for line in text.splitlines())


def _code_points() -> list[int]:
    return [point for first, last, _ in cells._WIDTHS for point in range(first, last + 1)]


def test_every_known_width_is_rich_s_in_every_unicode_version() -> None:
    """render/cells.py's widths are rich's for each of its characters, in every cell table rich
    ships (the UNICODE_VERSION it reads), and none is a character rich writes otherwise."""
    from rich._unicode_data import load
    from rich._unicode_data._versions import VERSIONS
    from rich.cells import get_character_cell_size

    from plandiff.core.hidden_characters import make_visible

    points = _code_points()
    assert len(points) == len(set(points))  # no range overlaps another
    assert cells.known_width("\u0628\u064e\u0651 中ｗ e\u0301") == 8
    for version in ("auto", *VERSIONS):
        load(version)  # each table, read once
        for point in points:
            char = chr(point)
            assert cells.known_width(char) == get_character_cell_size(char, version), \
                (hex(point), version)
    for point in points:
        char = chr(point)
        assert make_visible(char, one_line=True) == char and char.strip("\r\x07\x08\x0b\x0c")
    for char in "\t\n\x1b\u200b\u200d\ufe0f\u00ad\u202e\U0001f44d\u2028\U000e0001\ud800":
        assert cells.known_width(f"a{char}b") is None  # rich's to measure, or to write out


# Text as the views' lines hold it: Latin, Arabic with its marks and digits, combining marks,
# wide CJK characters, non-breaking spaces, the glue of render/history.py, long words; and, in
# some, characters only rich can measure or write (emoji, joiners, hidden characters, tabs).
KNOWN = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x2FF, exclude_characters="\x7f\xad",
                  exclude_categories=("Cc",)),
    st.sampled_from("سلامٌ عَلَيكم النسخة ٠١٢٣ ٬ ، ؟ 中文字 ｗｉｄｅ 한국어 é e\u0301 a\u0308"
                    " «» — ← ▏█\u00a0\ue000\u064e\u0651\u0670\u302a"),
    st.just(" "),
)
UNKNOWN = st.sampled_from("\t\x1b\u200b\u200d\ufe0f\u00ad\u202e\U0001f44d🇺🇦\u2028")
WORDS = st.text(KNOWN, max_size=30) | st.builds(
    lambda word, times: word * times, st.text(KNOWN, min_size=1, max_size=6),
    st.integers(10, 50))


def _rich_lines(text: str, width: int) -> str:
    from rich.text import Text

    out = io.StringIO()
    rich_console(width=width, color=False, file=out).print(
        Text(text), style="dim", soft_wrap=False, overflow="fold")
    return out.getvalue()


@settings(deadline=None, max_examples=400)
@given(WORDS, st.integers(1, 200))
@example("abc def", 4)  # a space kept at the end of a line that it fits
@example("中中中 x", 6)  # a space cut beyond the width, by cells
@example("\u0301abc de\u0301f", 3)  # a mark of no width first, then a folded word
@example("النسخة\ue000geneva  23 نوفمبر 2025", 40)
def test_fold_is_rich_s_wrap(text: str, width: int) -> None:
    from rich.text import Text

    lines = cells.fold(text, width)
    if lines is None:  # a character wider than the line: rich's to cut
        assert width == 1 and any(cells.known_width(char) == 2 for char in text)
        return
    console = rich_console(width=width, color=False, file=io.StringIO())
    assert lines == [line.plain for line in Text(text).wrap(console, width, overflow="fold")]
    assert "".join(line + "\n" for line in lines) == _rich_lines(text, width)


def _heads(loc: Locale, term: bool, parent: bool) -> list[str]:
    """A history's columns, as render_terminal names them."""
    return [loc._("version"), *((loc._("parent"),) if parent else ()), loc._("date"),
            *(() if term else ("§",)), loc._("value") if term else loc._("text"),
            loc._("change"), loc._("state"), loc._("sources"),
            *((loc._("first reported"),) if term else ())]


@st.composite
def histories(draw: st.DrawFn) -> tuple[Locale, list[str], list[list[str]], list[bool],
                                        list[bool], bool, bool]:
    """A history's head and rows as render_terminal builds them (cells of any text, empty ones,
    dim and absent rows), in English or Arabic."""
    loc = draw(st.sampled_from([ENGLISH, ARABIC]))
    term, parent = draw(st.booleans()), draw(st.booleans())
    head = _heads(loc, term, parent)
    cell = WORDS | st.just("") if draw(st.integers(0, 4)) else st.text(KNOWN | UNKNOWN,
                                                                         max_size=20)
    version = st.builds(lambda text: loc.pgettext("version row", "{version}").format(
        version=text), st.text(KNOWN, min_size=1, max_size=12).filter(str.strip))
    rows = [[draw(version), *(draw(cell) for _ in head[1:])]
            for _ in range(draw(st.integers(1, 8)))]
    dim = [draw(st.booleans()) for _ in rows]
    absent = [draw(st.booleans()) for _ in rows]
    return loc, head, rows, dim, absent, term, parent


def _both_blocks(history: tuple, width: int) -> tuple[str, str, bool]:
    """What `_blocks` writes through rich's console and through the plain one, and whether the
    plain console wrote it all itself (rich never made)."""
    from plandiff.render.history import _blocks

    loc, head, rows, dim, absent, term, parent = history
    long = [head.index(loc._("value") if term else loc._("text")), head.index(loc._("sources")),
            *((len(head) - 1,) if term else ())]
    rich_out, plain_out = io.StringIO(), io.StringIO()
    plain = PlainConsole(width=width, color=False, file=plain_out)
    for console in (rich_console(width=width, color=False, file=rich_out), plain):
        _blocks(loc, console, head, rows, dim, absent, long=long, parent=1 if parent else None)
    return rich_out.getvalue(), plain_out.getvalue(), plain._console is None


@settings(deadline=None, max_examples=300)
@given(histories(), st.integers(40, 200))
def test_the_plain_blocks_write_what_rich_writes(history: tuple, width: int) -> None:
    rich, plain, alone = _both_blocks(history, width)
    assert plain == rich
    texts = [*history[1], *(cell for row in history[2] for cell in row)]
    if all(cells.known_width(text) is not None for text in texts):
        assert alone  # nothing left to rich


@settings(deadline=None, max_examples=300)
@given(histories(), st.integers(40, 200))
def test_the_plain_history_table_writes_what_rich_writes(history: tuple, width: int) -> None:
    _loc, head, rows, dim, _absent, _term, _parent = history
    table = Columns()
    for column in head:
        table.add_column(column, no_wrap=True)
    for row, faint in zip(rows, dim, strict=True):
        table.add_row(*row, style="dim" if faint else None)
    rich_out, plain_out = io.StringIO(), io.StringIO()
    rich_console(width=width, color=False, file=rich_out).print(table.to_rich())
    plain = PlainConsole(width=width, color=False, file=plain_out)
    plain.print(table)
    assert plain_out.getvalue() == rich_out.getvalue()
    texts = [*head, *(cell for row in rows for cell in row)]
    if table.natural_width() <= width and all(cells.known_width(t) is not None for t in texts):
        assert plain._console is None


def _subjects() -> list[str]:
    from plandiff import api

    plan = api.load(FROZEN).plan
    return [*plan.terms, *sorted({clause.id for version in plan.versions.values()
                                  for clause in version.clauses})]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_history_of_the_frozen_corpus_is_written_plainly(lang: str) -> None:
    """Each term's and clause's history, by lineage and by date, at widths from 40 to 200: the
    plain console writes rich's bytes, and all of them itself."""
    from plandiff import api
    from plandiff.core.chronology import history_by_date
    from plandiff.core.history import history
    from plandiff.render.history import render_terminal

    plan = api.load(FROZEN).plan
    loc = Locale(lang).with_plan(plan)
    for index, subject in enumerate(_subjects()):
        result = history(plan, subject)
        dated = index % 3 == 0
        if dated:
            result = history_by_date(result)
        for width in (40, 57, 80, 100, 133, 200)[index % 2::2]:
            rich_out, plain_out = io.StringIO(), io.StringIO()
            plain = PlainConsole(width=width, color=False, file=plain_out)
            for console in (rich_console(width=width, color=False, file=rich_out), plain):
                render_terminal(result, console, lineage_beside=dated, loc=loc)
            assert plain_out.getvalue() == rich_out.getvalue(), (subject, width)
            assert plain._console is None, (subject, width)


def test_history_imports_no_rich_without_colour(tmp_path) -> None:
    """`plandiff history` on the bundled corpus (a term, a clause, in Arabic), its output piped
    and without colour, imports no rich; with colour, rich draws it."""
    code = ("import sys, runpy; sys.argv = ['plandiff', 'history', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('plandiff', run_name='__main__')\n"
            "finally:\n    print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'),"
            " file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE",
                                                            "PLANDIFF_ROOT", "NO_COLOR")}
    env["PLANDIFF_CACHE"] = "0"
    for args in (["armed-forces-cap"], ["ukraine-troop-cap"], ["ukraine-troop-cap", "--lang",
                                                              "ar"], ["ceasefire"]):
        for columns in ("60", "200"):
            done = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path,
                                  capture_output=True, text=True, check=True,
                                  env={**env, "COLUMNS": columns})
            assert done.stdout.count("\n") > 5
            assert done.stderr.splitlines()[-1] == "[]", (args, columns, done.stderr)
    colour = subprocess.run([sys.executable, "-c", code, "ukraine-troop-cap"], cwd=tmp_path,
                            capture_output=True, text=True, check=True,
                            env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" in colour.stdout
    assert "rich.console" in colour.stderr.splitlines()[-1]
