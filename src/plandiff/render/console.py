"""The rich console of every terminal view: it prints plan data as text, never as markup or as
terminal control sequences."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from plandiff.core.hidden_characters import HIDDEN, make_visible


def make_console(*, width: int | None = None, color: bool | None = None,
                 file: IO[str] | None = None) -> Console:
    """A console that honours NO_COLOR and turns colour off when not writing to a terminal."""
    import os

    if width is None and file is None and not sys.stdout.isatty() and "COLUMNS" not in os.environ:
        width = 200  # piped output: wrap no table at 80 columns
    return VisibleConsole(file=file, width=width, highlight=False, emoji=False, soft_wrap=True,
                          no_color=None if color is None else not color,
                          force_terminal=color if color else None)


class VisibleConsole(Console):
    """A console that reads no markup in strings (a title `[/b]` or `[link=…]` prints as it is
    written) and writes every hidden character of what it prints as ⟨U+001B⟩: an ANSI escape, a
    bidirectional control or a lone surrogate in the data can neither steer the terminal nor
    crash the output. Text is made visible before it is laid out, so tables size and wrap what
    they show; Rich's own styles and control codes pass, since they are never text."""

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(make_visible(text), **options)

    def render(self, renderable: RenderableType,
               options: ConsoleOptions | None = None) -> Iterable[Segment]:
        if isinstance(renderable, Text):
            renderable = visible_text(renderable)
        for segment in super().render(renderable, options):
            text, style, control = segment
            if control is None and text and HIDDEN.search(text):  # a renderable of another kind
                segment = Segment(make_visible(text), style, control)
            yield segment


def visible_text(text: Text) -> Text:
    """A copy of a rich Text with its hidden characters written out, each in the styles it had."""
    plain = text.plain
    if not HIDDEN.search(plain):
        return text
    shown = text.blank_copy()
    last = 0
    for match in HIDDEN.finditer(plain):
        shown.append_text(text[last:match.start()])
        piece = Text(make_visible(match.group()))
        for span in text.spans:
            if span.start <= match.start() < span.end:
                piece.stylize(span.style)
        shown.append_text(piece)
        last = match.end()
    shown.append_text(text[last:])
    return shown
