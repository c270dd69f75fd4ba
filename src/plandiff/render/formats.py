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
    "terms": {TERMINAL: "plandiff.render.terms:terminal",
              "markdown": "plandiff.render.terms:markdown",
              "json": "plandiff.render.terms:to_json"},
    "review": {TERMINAL: "plandiff.render.review:terminal",
               "markdown": "plandiff.render.review:markdown",
               "github": "plandiff.render.review:github"},
}


# The kinds whose terminal view prints only render/styled's lines and tables: written without
# rich when rich would write them as they are (render/styled.py); the other views use rich.
PLAIN = frozenset({"diff", "show", "positions", "log", "history"})


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
    parameters = parameter_names(function)
    return {key: value for key, value in options.items() if key in parameters}


def parameter_names(function: Callable[..., Any]) -> tuple[str, ...]:
    """The names `inspect.signature(function).parameters` lists, read from a plain function's
    code without importing inspect (with ast, dis and tokenize, some 3 ms of every view)."""
    code = getattr(function, "__code__", None)
    if code is None or hasattr(function, "__wrapped__"):
        import inspect

        return tuple(inspect.signature(function).parameters)
    names, positional = code.co_varnames, code.co_argcount
    keywords = positional + code.co_kwonlyargcount
    rest = names[keywords:keywords + 1] if code.co_flags & 0x04 else ()  # *args
    more = names[keywords + len(rest):keywords + len(rest) + 1] if code.co_flags & 0x08 else ()
    return (*names[:positional], *rest, *names[positional:keywords], *more)


def text(kind: str, name: str, *args: Any, console: Any = None, **options: Any) -> str:
    """The output of a view as text; a terminal view draws on `console` (plain text when None).
    `as_of` (a KnownOn; a diff or a history carries its own): the view opens with what "as
    known on" its date means for it."""
    known, scope = _as_of(kind, args, options.pop("as_of", None))
    loc = _locale(options)  # the header's language, whether or not the view takes one
    function = view(kind, name)
    options = _accepted(function, options)
    if name != TERMINAL:
        written: str = function(*args, **options)
        return _directed(kind, name, _with_as_of(name, written, known, scope, loc), loc)
    import io

    from plandiff.render.styled import make_console

    buffer = io.StringIO()
    console = console or make_console(width=100, color=False, file=buffer, plain=kind in PLAIN)
    _print_as_of(console, known, scope, loc)
    function(*args, console, **options)
    return buffer.getvalue()


def write(kind: str, name: str, *args: Any, **options: Any) -> None:
    """Write a view to standard output: a terminal view through the terminal's console."""
    known, scope = _as_of(kind, args, options.pop("as_of", None))
    loc = _locale(options)  # the header's language, whether or not the view takes one
    function = view(kind, name)
    options = _accepted(function, options)
    if name == TERMINAL:
        from plandiff.render.styled import make_console

        console = make_console(plain=kind in PLAIN)
        _print_as_of(console, known, scope, loc)
        function(*args, console, **options)
    else:
        sys.stdout.write(_directed(kind, name, _with_as_of(
            name, function(*args, **options), known, scope, loc), loc))


def _directed(kind: str, name: str, written: str, loc: Any) -> str:
    """Markdown in a right-to-left language inside `<div dir="rtl">`, which GitHub keeps: its
    paragraphs, lists and tables then lay out right to left (the report places its own). A
    hidden marker that opens the text (review's, which bots look for first) stays first."""
    if name != "markdown" or kind == "report" or not loc.rtl:
        return written
    marker = ""
    if written.startswith("<!--"):
        marker, _newline, written = written.partition("\n")
        marker += "\n"
    return marker + '<div dir="rtl">\n\n' + written.rstrip("\n") + "\n\n</div>\n"


# --- "as known on DATE": one header for every view but the report, which places its own --------


class _Scope:
    """What of a KnownOn a view names: the hidden parts of these versions, of this subject."""

    def __init__(self, versions: tuple[str, ...] | None = None,
                 subject: str | None = None) -> None:
        self.versions, self.subject = versions, subject


def _as_of(kind: str, args: tuple[Any, ...], given: Any) -> tuple[Any, _Scope]:
    """The KnownOn a view is written under, and what of it the view names."""
    if kind == "report":
        return None, _Scope()
    known = given if given is not None else getattr(args[0], "as_of", None) if args else None
    if known is None:
        return None, _Scope()
    first = args[0]
    if kind == "diff":
        return known, _Scope((first.base.id, first.head.id))
    if kind == "show" and len(args) > 1:
        return known, _Scope((args[1].id,))
    if kind == "history":
        return known, _Scope(subject=first.subject)
    return known, _Scope()


def _locale(options: dict[str, Any]) -> Any:
    """The language a view is written in (English when the call gives none)."""
    from plandiff.i18n import ENGLISH

    return options.get("loc", ENGLISH)


def _print_as_of(console: Any, known: Any, scope: _Scope, loc: Any) -> None:
    if known is None:
        return
    from plandiff.core.hidden_characters import make_visible
    from plandiff.render import known as words
    from plandiff.render.styled import Styled

    for line in words.header(loc, known, scope.versions, scope.subject):
        console.print(Styled(make_visible(line), style="bold"))
    console.print()


def _with_as_of(name: str, written: str, known: Any, scope: _Scope, loc: Any) -> str:
    if known is None:
        return written
    from plandiff.render import known as words

    if name == "json":
        import json

        from plandiff.render import json_text

        data = json.loads(written)
        first = {k: v for k, v in data.items() if k == "format"}
        rest = {k: v for k, v in data.items() if k != "format"}
        as_of = words.to_json(known, scope.versions, scope.subject)
        return json_text.dumps({**first, "as_of": as_of, **rest}, indent=2,
                               default=str) + "\n"
    lines = words.header(loc, known, scope.versions, scope.subject)
    if name == "markdown":
        from plandiff.render import markdown as md

        block = "".join(f"> {md.escape(line)}\n>\n" for line in lines).rstrip(">\n") + "\n\n"
        head, _newline, body = written.partition("\n")
        if head.startswith("# "):  # under the title
            return f"{head}\n\n{block}{body.lstrip(chr(10))}"
        return block + written
    return "".join(line + "\n" for line in lines) + "\n" + written
