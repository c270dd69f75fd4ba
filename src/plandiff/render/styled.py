"""Lines with styles for the terminal views, written without rich when rich would write the same
bytes, through rich otherwise.

Importing rich costs a first `plandiff A B` some 15–60 ms; on a pipe without colour it prints
each line as it is, followed by a line feed. So a view builds `Styled` lines (rich's Text calls,
recorded) and prints them on the console `make_console` gives: a `PlainConsole` when rich would
use no colour and no terminal codes, which writes a line itself when nothing in it is for rich to
change (no hidden character for VisibleConsole to write out, no tab to expand, no line break) and
hands anything else to a rich console made on first need; rich's own console otherwise.
tests/test_plain_output.py compares the two on generated lines.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from plandiff.core import hidden_characters

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

# What rich's Text drops from the strings it is given (rich.control.strip_control_codes).
_STRIPPED = dict.fromkeys((7, 8, 11, 12, 13))
_Op = tuple[Any, ...]


class Styled:
    """A line as rich's Text builds it (`Styled("a", style="dim").append("b", style="bold")`,
    `a + b`, `sep.join(parts)`): its plain text, and the calls that make the same Text again."""

    __slots__ = ("_ops", "plain")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text.translate(_STRIPPED)
        self._ops: list[_Op] = [("new", text, style)]

    def append(self, text: str, style: str | None = None) -> Styled:
        self._ops.append(("append", text, style))
        self.plain += text.translate(_STRIPPED)
        return self

    def __add__(self, other: Styled) -> Styled:
        result = self._copy()
        result._ops.append(("add", other._copy()))
        result.plain += other.plain
        return result

    def join(self, parts: Iterable[Styled]) -> Styled:
        kept = [part._copy() for part in parts]
        result = Styled.__new__(Styled)
        result._ops = [("join", self._copy(), kept)]
        result.plain = self.plain.join(part.plain for part in kept)
        return result

    def __bool__(self) -> bool:
        return bool(self.plain)

    def __len__(self) -> int:
        return len(self.plain)

    def __repr__(self) -> str:
        return f"Styled({self.plain!r})"

    def _copy(self) -> Styled:
        copy = Styled.__new__(Styled)
        copy._ops, copy.plain = list(self._ops), self.plain
        return copy

    def to_rich(self) -> Text:
        """The rich Text these calls make."""
        from rich.text import Text

        text = Text()
        for op in self._ops:
            if op[0] == "new":
                text = Text(op[1], style=op[2])
            elif op[0] == "append":
                text.append(op[1], style=op[2])
            elif op[0] == "add":
                text = text + op[1].to_rich()
            else:  # join
                text = op[1].to_rich().join(part.to_rich() for part in op[2])
        return text

    def __rich__(self) -> Text:  # a rich console prints a Styled as its Text
        return self.to_rich()


class Columns:
    """A table as `plandiff log` and `plandiff history` draw it: rich's Table(box=None,
    show_edge=False, pad_edge=False, header_style="bold"), its columns added with a justification
    and whether they wrap, its rows as strings (each with a style, or none); `to_rich` makes that
    Table."""

    __slots__ = ("columns", "rows", "styles")

    def __init__(self) -> None:
        self.columns: list[tuple[str, str, bool]] = []
        self.rows: list[tuple[str, ...]] = []
        self.styles: list[str | None] = []

    def add_column(self, header: str, *, justify: str = "left", no_wrap: bool = False) -> None:
        self.columns.append((header, justify, no_wrap))

    def add_row(self, *cells: str, style: str | None = None) -> None:
        self.rows.append(cells)
        self.styles.append(style)

    def to_rich(self) -> Table:
        from rich.table import Table

        table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
        for header, justify, no_wrap in self.columns:
            table.add_column(header, justify=justify, no_wrap=no_wrap)  # type: ignore[arg-type]
        for cells, style in zip(self.rows, self.styles, strict=True):
            table.add_row(*cells, style=style)
        return table

    def __rich__(self) -> Table:  # a rich console prints it as its Table
        return self.to_rich()

    def natural_width(self, count: int | None = None) -> int:
        """The cells rich gives this table (or its first `count` columns) when nothing in it
        wraps or is cut: each column as wide as its widest cell, one space on each side of a
        column but the table's edges."""
        count = len(self.columns) if count is None else count
        table = [tuple(header for header, _, _ in self.columns), *self.rows]
        return sum(max(cell_width(cells[index]) for cells in table)
                   for index in range(count)) + 2 * max(count - 1, 0)

    def plain_lines(self, width: int) -> list[str] | None:
        """The lines rich prints for this table on a console `width` cells wide, when they can
        be told without it: every cell of characters whose width is known (render/cells.py),
        none that rich would trim (trailing spaces in a right-justified column), the whole
        within `width` (nothing wraps). None otherwise."""
        from plandiff.render.cells import known_width

        count = len(self.columns)
        if not count or any(len(cells) != count for cells in self.rows):
            return None
        table = [tuple(header for header, _, _ in self.columns), *self.rows]
        sizes = [[known_width(cell) for cell in cells] for cells in table]
        if any(size is None for cell_sizes in sizes for size in cell_sizes):
            return None
        # rich pads each column by one space on each side, but the table's outer edges.
        pads = [(0 if index == 0 else 1, 0 if index == count - 1 else 1)
                for index in range(count)]
        widths = [max(cell_sizes[index] or 0 for cell_sizes in sizes) + sum(pads[index]) or 1
                  for index in range(count)]
        if sum(widths) > width:
            return None
        lines = []
        for cells, cell_sizes in zip(table, sizes, strict=True):
            line = []
            for (_, justify, _), cell, size, (left, right), column in zip(
                    self.columns, cells, cell_sizes, pads, widths, strict=True):
                room = " " * (column - left - right - (size or 0))
                if justify == "right":
                    if cell != cell.rstrip():
                        return None
                    shown = room + cell
                elif justify == "left":
                    shown = cell + room
                else:
                    return None
                line.append(" " * left + shown + " " * right)
            lines.append("".join(line))
        return lines


def cell_width(text: str) -> int:
    """The cells rich gives `text` on a terminal: told without rich for the characters whose
    width is known (render/cells.py), by rich for any other."""
    from plandiff.render.cells import known_width

    cells = known_width(text)
    if cells is not None:
        return cells
    from rich.cells import cell_len

    return cell_len(text)


def make_console(*, width: int | None = None, color: bool | None = None,
                 file: IO[str] | None = None, plain: bool = True) -> Any:
    """The console of a terminal view: rich's (render/console.make_console), or when `plain` (a
    view that prints Styled lines) a PlainConsole that writes what rich would write, when rich
    would use neither colour nor terminal codes."""
    if plain and plain_possible(file, color):
        return PlainConsole(width=width, color=color, file=file)
    from plandiff.render.console import make_console as rich_console

    return rich_console(width=width, color=color, file=file)


def plain_possible(file: IO[str] | None, color: bool | None) -> bool:
    """Whether rich, given this file, would write no colour and no terminal codes: not asked for
    colour, and not a terminal by rich's own rules (TTY_COMPATIBLE, FORCE_COLOR, isatty), nor a
    notebook or a Windows console (rich draws on those its own way). In doubt: no."""
    if color or sys.platform == "win32":
        return False
    import builtins

    environ = os.environ
    if hasattr(builtins, "get_ipython") or environ.get("DATABRICKS_RUNTIME_VERSION"):
        return False
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force == ""
    isatty = getattr(sys.stdout if file is None else file, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:  # closed: rich takes it for no terminal
        return True


def plain_line(text: str) -> bool:
    """Whether rich prints this text as it is: nothing that VisibleConsole writes out (a hidden
    character), no tab (rich expands it to spaces) and no line break."""
    return text.isprintable() or hidden_characters.NOTABLE.search(text) is None


class PlainConsole:
    """`print` of a console that writes no colour and never wraps (soft_wrap, as make_console's
    rich console): Styled lines that rich would print as they are are written directly, anything
    else by a rich console made on first need, to the same file. Any other attribute is the rich
    console's."""

    def __init__(self, *, width: int | None = None, color: bool | None = None,
                 file: IO[str] | None = None) -> None:
        self._options: dict[str, Any] = {"width": width, "color": color, "file": file}
        self._file = file
        self._console: Console | None = None

    def rich(self) -> Console:
        if self._console is None:
            from plandiff.render.console import make_console as rich_console

            self._console = rich_console(**self._options)
        return self._console

    def print(self, *objects: Any, sep: str = " ", end: str = "\n", **options: Any) -> None:
        text = None if options or sep not in (" ", "\n") or end != "\n" else \
            self._plain(objects, sep)
        if text is None:
            self.rich().print(*objects, sep=sep, end=end, **options)
            return
        file = sys.stdout if self._file is None else self._file
        try:
            file.write(text)
            file.flush()  # as rich does after each print
        except UnicodeEncodeError:  # rich says how to fix it (PYTHONIOENCODING)
            self.rich().print(*objects, sep=sep, end=end)
        except BrokenPipeError:
            self.rich().on_broken_pipe()

    def _plain(self, objects: tuple[Any, ...], sep: str) -> str | None:
        """What rich would write for these objects, when this console can tell; else None."""
        if len(objects) == 1 and type(objects[0]) is Columns:
            width = self._width()
            lines = None if width is None else objects[0].plain_lines(width)
            return None if lines is None else "".join(line + "\n" for line in lines)
        if all(type(item) is Styled and plain_line(item.plain) for item in objects):
            return sep.join(item.plain for item in objects) + "\n"
        return None

    @property
    def width(self) -> int:
        """The console's width: its own when it can tell, rich's console's otherwise."""
        width = self._width()
        return self.rich().width if width is None else width

    def _width(self) -> int | None:
        """The width rich's console would have (render/console.make_console), or None when only
        rich can tell (a COLUMNS that is not a number, a terminal)."""
        width = self._options["width"]
        if width is not None:
            return int(width)
        columns = os.environ.get("COLUMNS")
        if columns is None:  # make_console's width for a pipe; a terminal's is its window's
            return 200 if self._file is None and not sys.stdout.isatty() else None
        return int(columns) if columns.isdigit() else None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # its own, not yet set (a copy being made): never rich's
            raise AttributeError(name)
        return getattr(self.rich(), name)
