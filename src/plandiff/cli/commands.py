"""The bodies of the commands the quick path runs without typer (diff, report, history,
positions, log, show, terms), and the helpers every command shares: open the repository, speak the
language, say things on standard error. No typer here: importing typer takes some 75 ms of CPU (a
bare Python 14), more than such a command's own work once the repository cache is warm. cli/app.py
declares their options and calls these; the quick path (cli/quick.py) calls them with the values
cli/options.py parsed, under the names typer gives them."""

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


def as_of_day(loaded: Any, day: str | None) -> tuple[Any, Any]:
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


def split(values: list[str] | None) -> frozenset[str] | None:
    """The ids of repeated, comma-separated --term or --topic values; None when none is given."""
    if not values:
        return None
    return frozenset(v.strip() for item in values for v in item.split(",") if v.strip())


def diff(base: str, head: str, output_format: str = "terminal", show_all: bool = False,
         term: list[str] | None = None, topic: list[str] | None = None, exit_code: bool = False,
         top: int = TOP, as_of: str | None = None, root: Path | None = None,
         max_bytes: int | None = None, max_nodes: int | None = None, lang: str | None = None,
         digits: str | None = None) -> int:
    """Say how the clauses moved from BASE to HEAD; the exit code (1 for a change, with
    --exit-code)."""
    loc = speak(lang, digits)
    from plandiff import api
    from plandiff.core.diff import DiffOptions

    loaded, known = as_of_day(open_repository(root, (base, head),
                                              limits=limits(max_bytes, max_nodes)), as_of)
    result = api.diff(loaded, base, head,
                      options=DiffOptions(terms=split(term), topics=split(topic)), known=known)
    formats.write("diff", output_format, result, show_all=show_all,
                  loc=loc.with_plan(loaded.plan), top=top)
    return EXIT_FOUND if exit_code and result.has_changes else EXIT_OK


def report(base: str, head: str, output_format: str = "markdown", output: Path | None = None,
           top: int = TOP, as_of: str | None = None, root: Path | None = None,
           max_bytes: int | None = None, max_nodes: int | None = None, lang: str | None = None,
           digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff import api

    loaded, known = as_of_day(open_repository(root, (base, head),
                                              limits=limits(max_bytes, max_nodes)), as_of)
    result = api.diff(loaded, base, head, known=known)
    emit(formats.text("report", output_format, result, loc=loc.with_plan(loaded.plan), top=top),
         output)


def history(subject: str, output_format: str = "terminal", by: str = "lineage",
            as_of: str | None = None, root: Path | None = None, max_bytes: int | None = None,
            max_nodes: int | None = None, lang: str | None = None,
            digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff.core.history import history as history_of
    from plandiff.core.problems import PlandiffError

    loaded, known = as_of_day(open_repository(root, (), limits=limits(max_bytes, max_nodes)),
                              as_of)
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


def positions(term: str | None = None, history: bool = False, output_format: str = "terminal",
              as_of: str | None = None, root: Path | None = None, lang: str | None = None,
              digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff.core.positions import positions_table

    loaded, known = as_of_day(open_repository(root), as_of)
    table = positions_table(loaded.plan, term, history=history)
    formats.write("positions", output_format, table, as_of=known,
                  loc=loc.with_plan(loaded.plan))


def log(output_format: str = "terminal", by: str = "lineage", root: Path | None = None,
        max_bytes: int | None = None, max_nodes: int | None = None, lang: str | None = None,
        digits: str | None = None) -> None:
    loc = speak(lang, digits)
    loaded = open_repository(root, limits=limits(max_bytes, max_nodes))
    formats.write("log", output_format, loaded.plan, by=by, loc=loc.with_plan(loaded.plan))


def show(version: str, clause: str | None = None, output_format: str = "terminal",
         as_of: str | None = None, root: Path | None = None, max_bytes: int | None = None,
         max_nodes: int | None = None, lang: str | None = None, digits: str | None = None) -> None:
    loc = speak(lang, digits)
    from plandiff.core.resolve import Resolver
    from plandiff.render import show as show_view
    from plandiff.repo.lookups import require_versions

    loaded, known = as_of_day(open_repository(root, (version,),
                                              limits=limits(max_bytes, max_nodes)), as_of)
    if known is not None:
        known.require(version)
    require_versions(loaded, version)
    resolved = Resolver(loaded.plan).resolve(version)
    clauses = show_view.select(resolved, clause)
    formats.write("show", output_format, loaded.plan, resolved, clauses, as_of=known,
                  loc=loc.with_plan(loaded.plan))


def terms(output_format: str = "terminal", root: Path | None = None,
          max_bytes: int | None = None, max_nodes: int | None = None, lang: str | None = None,
          digits: str | None = None) -> None:
    loc = speak(lang, digits)
    loaded = open_repository(root, limits=limits(max_bytes, max_nodes))
    formats.write("terms", output_format, loaded.plan, loc=loc.with_plan(loaded.plan))


# The bodies, by command (the keys of options.COMMANDS).
BODIES: dict[str, Callable[..., int | None]] = {
    "diff": diff, "report": report, "history": history, "positions": positions, "log": log,
    "show": show, "terms": terms}


def run(command: str, values: dict[str, Any]) -> int:
    """The command's body given the values of its parameters (as cli/options.py parsed them),
    errors said as typer's path says them (app.handle_errors); the exit code."""
    from plandiff.core.problems import PlandiffError, error_lines

    try:
        code = BODIES[command](**values)
    except KeyboardInterrupt:  # as click does
        sys.stderr.write("Aborted!\n")
        return 1
    except Exception as error:  # a bug is said plainly too; PLANDIFF_DEBUG shows the traceback
        if os.environ.get("PLANDIFF_DEBUG") and not isinstance(error, PlandiffError):
            raise
        for line in error_lines(error):
            stderr(line)
        return EXIT_ERROR
    return code or EXIT_OK
