"""The library's front door: open a plan repository (a folder, or files in memory) and ask it for
diffs, histories and checks, without printing; render a result in a format. See docs/api.md."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plandiff.core.problems import PlandiffError, Problem
from plandiff.core.records import replace
from plandiff.core.resolve import ResolvedVersion, Resolver, lineage_order
from plandiff.repo.located_yaml import Limits
from plandiff.repo.repository import (
    LoadedPlan,
    check_repository,
    find_root,
    inspect_repository,
    load_plan,
)

# The diff (core/diff.py, difflib, the ranking) and the as-of filter are imported where they are
# used: `plandiff log` needs neither.
if TYPE_CHECKING:
    from plandiff.core.as_of import KnownOn
    from plandiff.core.diff import DiffOptions, PlanDiff
    from plandiff.core.history import History
    from plandiff.core.models import Plan
    from plandiff.core.positions import PositionsTable


def load(root: str | os.PathLike[str] | None = None, *, cwd: Path | None = None,
         need: Iterable[str] | None = None, limits: Limits | None = None) -> LoadedPlan:
    """Find the repository (as git finds `.git`) and load it within `limits` (default: from the
    environment); raises InvalidPlan on errors.

    With `need` (the version ids the caller reads), broken version files that those versions do
    not build on are left out rather than fatal; `LoadedPlan.notices()` says which.
    """
    return load_plan(find_root(root, cwd, limits=limits), need=need)


def diff(loaded: LoadedPlan, base: str, head: str, *,
         options: DiffOptions | None = None, known: KnownOn | None = None) -> PlanDiff:
    """`known`: the plan as known on a date (`as_of`); `loaded` must then be its plan."""
    from plandiff.core.diff import diff_versions
    from plandiff.repo.lookups import require_filters, require_versions

    if known is not None:
        known.require(base, head)
    require_versions(loaded, base, head)
    if options is not None:
        require_filters(loaded, options)
    result = diff_versions(loaded.plan, base, head, options=options,
                           resolver=Resolver(loaded.plan))
    return replace(result, as_of=known) if known is not None else result


def as_of(loaded: LoadedPlan, day: dt.date | str | None) -> tuple[LoadedPlan, KnownOn | None]:
    """The repository as known on `day` (itself when `day` is None), and what that left out."""
    if day is None:
        return loaded, None
    from plandiff.core.as_of import known_on

    known = known_on(loaded.plan, parse_day(day))
    return replace(loaded, plan=known.plan), known


def parse_day(day: dt.date | str, what: str = "the date") -> dt.date:
    """A date, or an ISO date string (PlandiffError when it is not one)."""
    if isinstance(day, dt.date):
        return day
    try:
        return dt.date.fromisoformat(day.strip())
    except (ValueError, AttributeError):
        raise PlandiffError(f"{what} {day!r} is not a date", "write it as YYYY-MM-DD",
                            name=str(day)) from None


# --- the public API ------------------------------------------------------------------------------


class PlanRepository:
    """A plan repository, loaded and validated: its versions, diffs and histories."""

    def __init__(self, loaded: LoadedPlan, known: KnownOn | None = None) -> None:
        self.loaded = loaded
        self.known = known  # set on a repository as known on a date (`as_of`)
        self._resolver = Resolver(loaded.plan)

    def as_of(self, day: dt.date | str) -> PlanRepository:
        """The repository as known on `day`: only citations of sources published on or before
        it count (sources without a date are kept and counted in `known.undated`); versions,
        clauses and values first reported later are absent, listed in `known.hidden`."""
        loaded, known = as_of(self.loaded, day)
        return PlanRepository(loaded, known)

    @property
    def plan(self) -> Plan:
        """The validated data: versions by id, the term registry, the bibliography."""
        plan: Plan = self.loaded.plan
        return plan

    @property
    def root(self) -> Path | None:
        """The folder read (the one holding plans/; the bundled corpus's when none was found),
        as the command line names it; None for files given in memory."""
        root = self.loaded.root
        from plandiff.repo.memory import MEMORY

        return None if root.path == MEMORY else Path(root.path)

    @property
    def versions(self) -> list[str]:
        """Version ids in lineage order (parents before children, siblings by date)."""
        return lineage_order(self.plan)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.loaded.problems if p.severity == "warning"]

    def diff(self, base: str, head: str, *, terms: Iterable[str] | None = None,
             topics: Iterable[str] | None = None) -> PlanDiff:
        """How the clauses moved from `base` to `head` (raises UnknownVersion, or PlandiffError
        for a term or topic the repository does not know)."""
        from plandiff.core.diff import DiffOptions, diff_versions
        from plandiff.repo.lookups import require_filters, require_versions

        options = DiffOptions(terms=frozenset(terms) if terms is not None else None,
                              topics=frozenset(topics) if topics is not None else None)
        if self.known is not None:
            self.known.require(base, head)
        require_versions(self.loaded, base, head)
        require_filters(self.loaded, options, names=("term", "topic"))
        result = diff_versions(self.plan, base, head, options=options, resolver=self._resolver)
        return replace(result, as_of=self.known) if self.known is not None else result

    def history(self, subject: str) -> History:
        """A term's value, or a clause's text, through every version."""
        from plandiff.core.history import history

        result = history(self.plan, subject)
        return replace(result, as_of=self.known) if self.known is not None else result

    def positions(self, term: str | None = None, *, history: bool = False) -> PositionsTable:
        """Who wants what: each party's stated position on each term (or on `term`), beside
        the latest draft; every stated position with `history`."""
        from plandiff.core.positions import positions_table

        if term is not None:
            from plandiff.core.diff import DiffOptions
            from plandiff.repo.lookups import require_filters

            require_filters(self.loaded, DiffOptions(terms=frozenset({term})),
                            names=("term", "topic"))
        return positions_table(self.plan, term, history=history, resolver=self._resolver)

    def resolve(self, version: str) -> ResolvedVersion:
        """The clauses a version stands for, each saying where its values were stated."""
        from plandiff.repo.lookups import require_versions

        if self.known is not None:
            self.known.require(version)
        require_versions(self.loaded, version)
        return self._resolver.resolve(version)


class BundledCorpusWarning(UserWarning):
    """`open_plan()` found no plans/ folder and read the corpus that ships with plandiff."""


def open_plan(root: str | os.PathLike[str] | None = None, *,
              files: Mapping[str, bytes] | None = None, limits: Limits | None = None,
              verify: bool = False, bundled: bool = False) -> PlanRepository:
    """Open a plan repository: the folder `root` (found as git finds `.git` when omitted, else
    the corpus bundled with plandiff, with a BundledCorpusWarning; `bundled=True` asks for that
    corpus), or `files`, a mapping of relative paths (`plans/terms.yaml`, `plans/v1.yaml`,
    `seeds/a.txt`, …) to bytes, read without touching the disk. Raises InvalidPlan, listing
    every error, when the repository does not pass `check`'s errors (`verify`: quotes are
    verified against local source files too)."""
    if bundled:
        if root is not None or files is not None:
            raise PlandiffError("open_plan: `bundled=True` reads the corpus that ships with"
                                " plandiff; give no root or files with it")
        from plandiff.repo.repository import Root, packaged_corpus

        return PlanRepository(load_plan(Root(packaged_corpus(), packaged=True,
                                             limits=limits or Limits.from_env()), verify=verify))
    if files is not None:
        from plandiff.repo.memory import memory_root, read_files, source_reader

        raw = read_files(files, limits)
        return PlanRepository(load_plan(memory_root(limits), raw=raw, verify=verify,
                                        sources=source_reader(files)))
    found = find_root(root, limits=limits)
    if found.packaged:
        import warnings

        warnings.warn(f"no plans/ folder at or above {Path.cwd()}: reading the corpus bundled"
                      " with plandiff (pass bundled=True to ask for it, or a root)",
                      BundledCorpusWarning, stacklevel=2)
    return PlanRepository(load_plan(found, verify=verify))


def check(root: str | os.PathLike[str] | None = None, *,
          files: Mapping[str, bytes] | None = None, strict: bool = False) -> list[Problem]:
    """Every problem `plandiff check` finds, located (file, line, column, code, hint)."""
    if files is not None:
        from plandiff.repo.memory import memory_root, read_files, source_reader

        loaded = inspect_repository(memory_root(), raw=read_files(files), strict=strict,
                                    sources=source_reader(files))
        return loaded.problems
    return check_repository(find_root(root), strict=strict)


# The kind of result each type is, as render/formats.py names it (a PlanDiff is also a report).
_KINDS = {"PlanDiff": "diff", "History": "history", "PositionsTable": "positions",
          "ReviewResult": "review", "ResolvedVersion": "show", "Plan": "log",
          "PlanRepository": "log"}


def render_result(result: Any, format: str = "terminal", *, lang: str = "en",
                  digits: str | None = None, plan: Plan | None = None, report: bool = False,
                  width: int = 100, show_all: bool = False) -> str:
    """Any result the command line renders, as text, in the language `lang` ('en', 'ar') with
    `digits` ('latn', 'arab'): a `PlanDiff` (a diff, or with `report=True` the change report),
    a `History`, a `PositionsTable`, a `ReviewResult`, a `ResolvedVersion` (show: give `plan`) or
    the repository itself or its `plan` (log). `format` is one of the kind's formats in
    render/formats.py, the registry the commands use (`terminal` is plain text, no colour).
    `plan` gives the plan's names in the language where the result does not carry them (party
    names; a diff carries its terms)."""
    from plandiff.i18n import Locale
    from plandiff.render import formats

    name = type(result).__name__
    kind = "report" if report and name == "PlanDiff" else _KINDS.get(name, "")
    known = formats.formats(kind) if kind else ()
    if format not in known:
        raise PlandiffError(f"no `{format}` view of a {'report' if kind == 'report' else name}",
                            f"formats: {', '.join(known) or 'none'}")
    if isinstance(result, PlanRepository):
        result = result.plan
    args: tuple[Any, ...] = (result,)
    if kind == "show":
        if plan is None:
            raise PlandiffError("a ResolvedVersion renders with its plan",
                                "render_result(repo.resolve(version), plan=repo.plan)")
        args = (plan, result, list(result.clauses.values()))
    loc = Locale.of(lang, digits)
    names = plan if plan is not None else result if kind == "log" else None
    if names is not None:
        loc = loc.with_plan(names)
    console = None
    if format == formats.TERMINAL:
        import io

        from plandiff.render.terminal import make_console

        buffer = io.StringIO()
        console = make_console(width=width, color=False, file=buffer)
        formats.text(kind, format, *args, console=console, show_all=show_all, loc=loc)
        return buffer.getvalue()
    return formats.text(kind, format, *args, show_all=show_all, loc=loc)
