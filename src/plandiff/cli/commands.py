"""The bodies of the commands that `plandiff COMMAND WORD...` runs without typer (log, show,
history, positions, report), and the helpers every command shares: open the repository, speak the
language, say things on standard error. No typer here: importing typer takes some 50 ms of CPU (a
bare Python 14), a sixth of such a command's time, before its parser is built. cli/app.py declares
their options and calls these; the quick path (cli/quick.py) calls them with the words and the
options' defaults."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plandiff.core.hidden_characters import make_visible
from plandiff.render import formats

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
TOP = 4  # the main changes a diff or a report leads with (--top)
# The variables of the options these commands share: typer reads them, so a run with one set goes
# through typer's parser.
OPTION_VARIABLES = ("PLANDIFF_MAX_BYTES", "PLANDIFF_MAX_NODES", "PLANDIFF_LANG", "PLANDIFF_DIGITS")


def stderr(message: str) -> None:
    """Print to standard error, hidden characters of quoted data (an imported text's) shown."""
    stream = sys.stderr
    stream.write(make_visible(message) + "\n")
    stream.flush()


def open_repository(root: Path | None, need: tuple[str, ...] | None = None, *,
                    limits: Any = None) -> Any:
    """Load the repository for a command, within `limits`, saying on standard error when it is
    the bundled corpus and which broken files were left out (with `need`, the versions the
    command reads)."""
    from plandiff import api

    loaded = api.load(root, need=need, limits=limits)
    for line in loaded.notices():
        stderr(line)
    return loaded


def limits(max_bytes: int | None, max_nodes: int | None) -> Any:
    from plandiff.repo.located_yaml import Limits

    return Limits.from_env(max_bytes, max_nodes)


def as_of(loaded: Any, day: str | None) -> tuple[Any, Any]:
    """The loaded repository as known on `day` (itself when None), and what that left out."""
    if day is None:
        return loaded, None
    from plandiff import api

    return api.as_of(loaded, api.parse_day(day, "--as-of"))


def speak(lang: str | None, digits: str | None) -> Any:
    """The Locale the views speak (an unknown language fails here, before anything is read);
    nothing is loaded for English."""
    from plandiff import i18n

    if (lang is None or lang.strip().lower() in ("", "en")) and digits is None:
        return i18n.ENGLISH
    return i18n.Locale.of(lang, digits)


def emit(text: str, output: Path | None) -> None:
    """Print, or write the file atomically (nothing is written when the command fails)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from plandiff.repo.writer import write_text_atomic

    write_text_atomic(output, text)
    stderr(f"wrote {output}")


# --- the commands ------------------------------------------------------------------------------


def report(base: str, head: str, output_format: str = "markdown", output: Path | None = None,
           top: int = TOP, day: str | None = None, root: Path | None = None,
           max_bytes: int | None = None, max_nodes: int | None = None, lang: str | None = None,
           digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff import api

    loaded, known = as_of(open_repository(root, (base, head), limits=limits(max_bytes, max_nodes)),
                          day)
    result = api.diff(loaded, base, head, known=known)
    emit(formats.text("report", output_format, result, loc=loc.with_plan(loaded.plan), top=top),
         output)


def history(subject: str, output_format: str = "terminal", by: str = "lineage",
            day: str | None = None, root: Path | None = None, max_bytes: int | None = None,
            max_nodes: int | None = None, lang: str | None = None,
            digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff.core.history import history as history_of
    from plandiff.core.problems import PlandiffError

    loaded, known = as_of(open_repository(root, (), limits=limits(max_bytes, max_nodes)), day)
    try:
        result = history_of(loaded.plan, subject)
    except PlandiffError as error:  # say which repository was searched
        from plandiff.repo.repository import describe

        raise PlandiffError(f"{error.message}, in {describe(loaded.root)}", error.hint,
                            name=error.name, suggestions=error.suggestions) from None
    dated = by == "date"
    if dated:
        from plandiff.core.chronology import history_by_date

        result = history_by_date(result)
    formats.write("history", output_format, result, lineage_beside=dated, as_of=known,
                  loc=loc.with_plan(loaded.plan))


def positions(term: str | None = None, every: bool = False, output_format: str = "terminal",
              day: str | None = None, root: Path | None = None, lang: str | None = None,
              digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff import api
    from plandiff.core.positions import positions_table

    loaded, known = as_of(api.load(root), day)
    table = positions_table(loaded.plan, term, history=every)
    formats.write("positions", output_format, table, as_of=known,
                  loc=loc.with_plan(loaded.plan))


def log(output_format: str = "terminal", by: str = "lineage", root: Path | None = None,
        max_bytes: int | None = None, max_nodes: int | None = None, lang: str | None = None,
        digits: str | None = None) -> None:
    loc = speak(lang, digits)
    loaded = open_repository(root, limits=limits(max_bytes, max_nodes))
    formats.write("log", output_format, loaded.plan, by=by, loc=loc.with_plan(loaded.plan))


def show(version: str, clause: str | None = None, output_format: str = "terminal",
         day: str | None = None, root: Path | None = None, max_bytes: int | None = None,
         max_nodes: int | None = None, lang: str | None = None, digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff.core.resolve import Resolver
    from plandiff.render import show as show_view
    from plandiff.repo.lookups import require_versions

    loaded, known = as_of(open_repository(root, (version,), limits=limits(max_bytes, max_nodes)),
                          day)
    if known is not None:
        known.require(version)
    require_versions(loaded, version)
    resolved = Resolver(loaded.plan).resolve(version)
    clauses = show_view.select(resolved, clause)
    formats.write("show", output_format, loaded.plan, resolved, clauses, as_of=known,
                  loc=loc.with_plan(loaded.plan))


# The commands the quick path runs: the words each takes (at least, at most).
PLAIN: dict[str, tuple[Callable[..., None], int, int]] = {
    "log": (log, 0, 0), "show": (show, 1, 2), "history": (history, 1, 1),
    "positions": (positions, 0, 1), "report": (report, 2, 2)}


def run_plain(args: list[str]) -> int | None:
    """`plandiff COMMAND WORD...` with no option: the command given its words and the default of
    every option, errors said as typer's path says them; the exit code. None when typer's parser
    must decide: a word too many or missing, or an option's variable set (typer reads it)."""
    found = PLAIN.get(args[0])
    words = args[1:]
    if found is None or not found[1] <= len(words) <= found[2] \
            or any(os.environ.get(name) for name in OPTION_VARIABLES):
        return None
    from plandiff.core.problems import PlandiffError, error_lines

    try:
        found[0](*words)
    except KeyboardInterrupt:  # as click does
        sys.stderr.write("Aborted!\n")
        return 1
    except Exception as error:  # a bug is said plainly too; PLANDIFF_DEBUG shows the traceback
        if os.environ.get("PLANDIFF_DEBUG") and not isinstance(error, PlandiffError):
            raise
        for line in error_lines(error):
            stderr(line)
        return EXIT_ERROR
    return EXIT_OK
