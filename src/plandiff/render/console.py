"""The rich console of every terminal view: it prints plan data as text, never as markup or as
terminal control sequences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from plandiff.characters import make_visible


class VisibleConsole(Console):
    """A console that reads no markup in strings (a title `[/b]` or `[link=…]` prints as it is
    written) and writes every hidden character of what it prints as ⟨U+001B⟩: an ANSI escape, a
    bidirectional control or a lone surrogate in the data can neither steer the terminal nor
    crash the output. Rich's own styles and control codes pass, since they are never text."""

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, **options)

    def render(self, renderable: RenderableType,
               options: ConsoleOptions | None = None) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            text, style, control = segment
            if control is None and text:
                shown = make_visible(text)
                if shown != text:
                    segment = Segment(shown, style, control)
            yield segment
