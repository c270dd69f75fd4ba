"""The library's front door: open a plan repository and ask it for diffs, without printing."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

from plandiff.core.diff import DiffOptions, PlanDiff, diff_versions
from plandiff.core.problems import PlandiffError, UnknownVersion
from plandiff.core.resolve import Resolver
from plandiff.repo.located_yaml import Limits
from plandiff.repo.repository import LoadedPlan, describe, find_root, load_plan


def open_plan(root: str | os.PathLike[str] | None = None, *, cwd: Path | None = None,
              need: Iterable[str] | None = None, limits: Limits | None = None) -> LoadedPlan:
    """Find the repository (as git finds `.git`) and load it within `limits` (default: from the
    environment); raises InvalidPlan on errors.

    With `need` (the version ids the caller reads), broken version files that those versions do
    not build on are left out rather than fatal; `LoadedPlan.notices()` says which.
    """
    return load_plan(find_root(root, cwd, limits=limits), need=need)


def require_versions(loaded: LoadedPlan, *version_ids: str) -> None:
    known = loaded.plan.versions
    for version_id in version_ids:
        if version_id not in known:
            close = difflib.get_close_matches(version_id, list(known), n=1, cutoff=0.5)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise UnknownVersion(
                f"unknown version `{version_id}` in {describe(loaded.root)}",
                f"{hint}known versions: {', '.join(sorted(known)) or '(none)'}",
            )


def closest(name: str, known: list[str]) -> str | None:
    """The known name a typo most likely meant: the closest spelling, else one that contains it."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    if close:
        return close[0]
    containing = [k for k in known if name and name in k]
    return containing[0] if len(containing) == 1 else None


def require_filters(loaded: LoadedPlan, options: DiffOptions) -> None:
    """An unknown `--term` or `--topic` is a typo, not a filter that matches nothing: a diff
    filtered by it would say, wrongly, that nothing changed."""
    plan = loaded.plan
    topics = sorted({c.topic for v in plan.versions.values() for c in v.clauses if c.topic})
    for option, asked, known, where in (
            ("--term", options.terms, sorted(plan.terms), "plans/terms.yaml"),
            ("--topic", options.topics, topics, "any clause")):
        for name in sorted(asked or ()):
            if name in known:
                continue
            close = closest(name, known)
            shown = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
            raise PlandiffError(f"{option} `{name}`: no such {option[2:]} in {where} of"
                                f" {describe(loaded.root)}",
                                f"did you mean `{close}`?" if close
                                else f"known: {shown or '(none)'}")


def diff(loaded: LoadedPlan, base: str, head: str, *,
         options: DiffOptions | None = None) -> PlanDiff:
    require_versions(loaded, base, head)
    if options is not None:
        require_filters(loaded, options)
    return diff_versions(loaded.plan, base, head, options=options, resolver=Resolver(loaded.plan))
