"""The one registry of output formats: for each kind of result, the views that write it. The
commands take their `--format` choices from it, the quick `plandiff A B` path and the Python API
render through it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

TERMINAL = "terminal"

# kind -> format -> "module:function". A terminal view draws on a console (given as its last
# positional argument); every other view returns its text.
VIEWS: dict[str, dict[str, str]] = {
    "diff": {TERMINAL: "plandiff.render.terminal:render",
             "markdown": "plandiff.render.markdown:render",
             "json": "plandiff.render.json:render"},
    "report": {"markdown": "plandiff.render.report:render_markdown",
               "html": "plandiff.render.html:render"},
    "history": {TERMINAL: "plandiff.render.history:render_terminal",
                "markdown": "plandiff.render.history:render_markdown",
                "json": "plandiff.render.history:render_json"},
    "log": {TERMINAL: "plandiff.render.log:terminal",
            "markdown": "plandiff.render.log:markdown",
            "json": "plandiff.render.log:to_json"},
    "show": {TERMINAL: "plandiff.render.show:terminal",
             "markdown": "plandiff.render.show:markdown",
             "json": "plandiff.render.show:to_json",
             "text": "plandiff.render.show:text"},
    "positions": {TERMINAL: "plandiff.render.positions:terminal",
                  "markdown": "plandiff.render.positions:markdown",
                  "json": "plandiff.render.positions:to_json"},
    "review": {TERMINAL: "plandiff.render.review:terminal",
               "markdown": "plandiff.render.review:markdown",
               "github": "plandiff.render.review:github"},
}


def formats(kind: str) -> tuple[str, ...]:
    """The formats a kind of result can be written in, the first being the default."""
    return tuple(VIEWS[kind])


def view(kind: str, name: str) -> Callable[..., Any]:
    module, _, function = VIEWS[kind][name].partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), function)
    return found


def _accepted(function: Callable[..., Any], options: dict[str, Any]) -> dict[str, Any]:
    """The options a view takes (`show_all` means nothing to JSON, which lists everything)."""
    if not options:
        return options
    import inspect

    parameters = inspect.signature(function).parameters
    return {key: value for key, value in options.items() if key in parameters}


def text(kind: str, name: str, *args: Any, console: Any = None, **options: Any) -> str:
    """The output of a view as text; a terminal view draws on `console` (plain text when None)."""
    function = view(kind, name)
    options = _accepted(function, options)
    if name != TERMINAL:
        written: str = function(*args, **options)
        return written
    import io

    from plandiff.render.terminal import make_console

    buffer = io.StringIO()
    function(*args, console or make_console(width=100, color=False, file=buffer), **options)
    return buffer.getvalue()


def write(kind: str, name: str, *args: Any, **options: Any) -> None:
    """Write a view to standard output: a terminal view through the terminal's console."""
    function = view(kind, name)
    options = _accepted(function, options)
    if name == TERMINAL:
        from plandiff.render.terminal import make_console

        function(*args, make_console(), **options)
    else:
        sys.stdout.write(function(*args, **options))
