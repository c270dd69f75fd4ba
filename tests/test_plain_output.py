"""The terminal views' lines written without rich (render/styled.py) are the bytes rich writes:
the plain writer is used only where that holds, and hands every other line to rich."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO
from plandiff.render.console import make_console as rich_console
from plandiff.render.styled import Columns, PlainConsole, Styled, plain_line, plain_possible

# Every kind of text the data can hold: Arabic (with its marks and digits), wide and combining
# characters, emoji, tabs, line breaks, the hidden characters VisibleConsole writes out, the
# control codes rich's Text drops, long words.
ALPHABET = st.one_of(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")),
    st.sampled_from("سلامٌ عَلَيكم ٠١٢٣ ٬ ، ؟ 中文字 ｗｉｄｅ 한국어"
                    " é e\u0301 a\u0308 🇺🇦 👍🏽 ∞ → «»"),
    st.sampled_from("\t\n\r\x1b\x07\x08\x0b\x0c\x7f\x85\u200b\u200d\u00ad\u202e\u2066\ufeff"
                    "\u2028\ud800"),
    st.just(" "),
)
TEXT = st.text(ALPHABET, max_size=40) | st.builds(
    lambda word, times: word * times, st.text(ALPHABET, min_size=1, max_size=8),
    st.integers(20, 60))  # long words, wider than any console
STYLE = st.sampled_from(["", "bold", "dim", "red strike", "bold magenta", "green", "cyan"])


@st.composite
def lines(draw: st.DrawFn, depth: int = 0) -> Styled:
    """A line built as the views build theirs: Styled(...), .append, +, and a separator's join."""
    line = Styled(draw(TEXT), style=draw(STYLE))
    for _ in range(draw(st.integers(0, 3))):
        step = draw(st.sampled_from(["append", "add", "join"] if depth < 2 else ["append"]))
        if step == "append":
            line.append(draw(TEXT), style=draw(STYLE) or None)
        elif step == "add":
            line = line + draw(lines(depth + 1))
        else:
            parts = draw(st.lists(lines(depth + 1), max_size=3))
            line = line + Styled(draw(TEXT), style=draw(STYLE)).join(parts)
    return line


WIDTHS = [None, 8, 40, 80, 100, 200]


def both(printed: list[tuple[list[Styled], str]], width: int | None) -> tuple[str, str]:
    """What rich's console writes and what the plain console writes, for the same prints."""
    rich_out, plain_out = io.StringIO(), io.StringIO()
    rich = rich_console(width=width, color=False, file=rich_out)
    plain = PlainConsole(width=width, color=False, file=plain_out)
    for objects, sep in printed:
        rich.print(*objects, sep=sep)
        plain.print(*objects, sep=sep)
    return rich_out.getvalue(), plain_out.getvalue()


@settings(deadline=None)
@given(st.lists(st.tuples(st.lists(lines(), max_size=4), st.sampled_from([" ", "\n"])),
                min_size=1, max_size=5), st.sampled_from(WIDTHS))
@example([([Styled("سطر عربي طويل " * 30, style="dim")], "\n")], 80)
@example([([Styled("a\tb"), Styled("x" * 300)], "\n")], 80)
def test_the_plain_writer_writes_what_rich_writes(printed, width) -> None:
    rich, plain = both(printed, width)
    assert plain == rich


# Each class of character the plain writer must leave to rich: rich writes it otherwise than as it
# is, so a rule that let it through would write other bytes (the test above would find them too).
TO_RICH = ["\t", "\x1b", "\x85", "\x9b", "\x00", "\u200b", "\u00ad", "\u202e", "\u2066",
           "\ufeff", "\u2028", "\ud800"]


@pytest.mark.parametrize("char", TO_RICH, ids=[f"U+{ord(c):04X}" for c in TO_RICH])
def test_what_rich_writes_otherwise_goes_to_rich(char: str) -> None:
    line = Styled(f"before {char} after", style="bold")
    rich, plain = both([([line], " ")], 80)
    assert rich != line.plain + "\n"  # rich changes it: written as it is, it would differ
    assert not plain_line(line.plain)
    assert plain == rich


def test_the_plain_console_is_rich_s_for_anything_else() -> None:
    import copy

    out = io.StringIO()
    plain = PlainConsole(width=60, color=False, file=out)
    assert plain.width == 60  # rich's console, made on first need, answers
    plain.print(Styled("kept"), end="")  # an option: rich prints it
    assert out.getvalue() == "kept"
    assert isinstance(copy.copy(plain), PlainConsole)


def test_the_views_parameters_are_read_as_inspect_reads_them() -> None:
    import inspect

    from plandiff.render import formats

    def every_kind(a, /, b, *rest, c=1, **more):  # type: ignore[no-untyped-def]
        return a

    views = [formats.view(kind, name) for kind in formats.VIEWS for name in formats.VIEWS[kind]]
    for function in [*views, every_kind, print]:
        assert formats.parameter_names(function) == tuple(inspect.signature(function).parameters)


def test_what_rich_drops_is_dropped() -> None:
    line = Styled("a\rb\x07c").append("\x08d\x0b\x0ce")
    assert line.plain == line.to_rich().plain == "abcde"
    assert both([([line], " ")], 80)[0] == "abcde\n"


def test_a_styled_line_is_the_rich_text_it_replays() -> None:
    from rich.text import Text

    summary = Styled("v1 → v2: ", style="bold") + Styled(", ").join(
        [Styled("1 added", style="green"), Styled("0 removed", style="dim")])
    summary.append("; kept", style="dim")
    expected = Text("v1 → v2: ", style="bold") + Text(", ").join(
        [Text("1 added", style="green"), Text("0 removed", style="dim")])
    expected.append("; kept", style="dim")
    text = summary.to_rich()
    assert text.plain == summary.plain == "v1 → v2: 1 added, 0 removed; kept"
    assert (text.style, text.spans) == (expected.style, expected.spans)


# Cells: the characters the plain table writes itself, with spaces where rich could trim them;
# in some tables, others it must leave to rich (wide, combining, Arabic, hidden, tabs).
NARROW = st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x24F),
                   st.sampled_from("└─ —–−…«»’“” →·§‰"), st.just(" "))
OTHER = st.sampled_from("ابت٢\u064e\u0651 中ｗ e\u0301 \t\u200b\u202e\x1b\u00ad")


@st.composite
def tables(draw: st.DrawFn) -> Columns:
    cell = st.text(NARROW | OTHER if draw(st.integers(0, 3)) == 0 else NARROW, max_size=25)
    table = Columns()
    count = draw(st.integers(1, 6))
    for _ in range(count):
        table.add_column(draw(cell), justify=draw(st.sampled_from(["left", "right"])),
                         no_wrap=draw(st.booleans()))
    for _ in range(draw(st.integers(0, 6))):
        table.add_row(*(draw(cell) for _ in range(count)))
    return table


def _table(*rows: tuple[str, str]) -> Columns:
    table = Columns()
    table.add_column(rows[0][0], justify="right", no_wrap=True)
    table.add_column(rows[0][1])
    for row in rows[1:]:
        table.add_row(*row)
    return table


@settings(deadline=None, max_examples=300)
@given(tables(), st.sampled_from([12, 40, 80, 100, 200]))
@example(_table(("h", "x"), ("ab ", "y")), 80)  # rich trims a right-justified cell
@example(_table(("h", "x"), ("\u0628\u064e", "y")), 80)  # a mark of no width (render/cells.py)
def test_the_plain_table_writes_what_rich_writes(table: Columns, width: int) -> None:
    rich_out, plain_out = io.StringIO(), io.StringIO()
    rich_console(width=width, color=False, file=rich_out).print(table.to_rich())
    PlainConsole(width=width, color=False, file=plain_out).print(table)
    assert plain_out.getvalue() == rich_out.getvalue()


def test_a_table_that_fits_is_written_plainly() -> None:
    """The log of the corpus is what the plain table writes itself (not a test of rich alone)."""
    table = Columns()
    for header, justify in (("version", "left"), ("clauses", "right"), ("title", "left")):
        table.add_column(header, justify=justify, no_wrap=header != "title")
    table.add_row("v28", "29", "The leaked 28-point plan")
    table.add_row("  └─ e3", "14 −2", "The European counter-proposal – «E3»")
    lines = table.plain_lines(80)
    assert lines == ["version  clauses  title                               ",
                     "v28           29  The leaked 28-point plan            ",
                     "  └─ e3    14 −2  The European counter-proposal – «E3»"]
    rich_out = io.StringIO()
    rich_console(width=80, color=False, file=rich_out).print(table.to_rich())
    assert rich_out.getvalue() == "".join(line + "\n" for line in lines)
    assert table.plain_lines(40) is None  # wider than the console: rich wraps the title


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


ENVIRONMENTS = [{}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "1"},
                {"TTY_COMPATIBLE": "0"}, {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
                {"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, {"TERM": "dumb"}]


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("color", [None, False, True])
@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=str)
def test_plain_only_where_rich_writes_no_codes(monkeypatch, tty, color, environment) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    stream = _Stream(tty)
    console = rich_console(color=color, file=stream)
    console.print(Styled("bold words", style="bold red"))
    if plain_possible(stream, color):
        assert stream.getvalue() == "bold words\n"  # what the plain writer would write
        assert not console.is_terminal and console.color_system is None


@pytest.mark.parametrize("args", [["v28", "geneva"], ["show", "geneva"], ["positions"],
                                  ["log"]])
def test_the_plain_views_import_no_rich_without_colour(tmp_path, args: list[str]) -> None:
    """`plandiff A B`, `show`, `positions` and `log` on the bundled corpus, their output piped
    and without colour, import no rich (the caches off: the view itself runs)."""
    code = (f"import sys, runpy; sys.argv = ['plandiff', *{args!r}]\n"
            "try:\n    runpy.run_module('plandiff', run_name='__main__')\n"
            "finally:\n    print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'),"
            " file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE",
                                                            "PLANDIFF_ROOT")}
    for language in ("en", "ar"):  # Arabic letters and marks measured by render/cells.py
        done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                              text=True, check=True,
                              env={**env, "PLANDIFF_CACHE": "0", "PLANDIFF_LANG": language})
        assert done.stdout.count("\n") > 5
        assert done.stderr.splitlines()[-1] == "[]", done.stderr
    if args == ["v28", "geneva"]:  # nor inspect (and ast, dis, tokenize) to read a signature
        check = code.replace("m.split('.')[0] == 'rich'", "m == 'inspect'")
        done = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True,
                              text=True, check=True, env={**env, "PLANDIFF_CACHE": "0"})
        assert done.stderr.splitlines()[-1] == "[]", done.stderr
    colour = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=True, env={**env, "PLANDIFF_CACHE": "0",
                                                        "FORCE_COLOR": "1"})
    assert "rich.console" in colour.stderr.splitlines()[-1]  # colour: rich draws it
