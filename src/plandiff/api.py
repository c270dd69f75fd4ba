"""The library's front door: open a plan repository and ask it for diffs, without printing."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from .diff import DiffOptions, PlanDiff, diff_versions
from .problems import UnknownVersion
from .resolve import Resolver
from .store import LoadedPlan, find_root, load_plan


def open_plan(root: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> LoadedPlan:
    """Find the repository (as git finds `.git`) and load it; raises InvalidPlan on errors."""
    return load_plan(find_root(root, cwd))


def require_versions(loaded: LoadedPlan, *version_ids: str) -> None:
    known = loaded.plan.versions
    for version_id in version_ids:
        if version_id not in known:
            close = difflib.get_close_matches(version_id, list(known), n=1, cutoff=0.5)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise UnknownVersion(
                f"unknown version `{version_id}` in {loaded.root.path}",
                f"{hint}known versions: {', '.join(sorted(known)) or '(none)'}",
            )


def diff(loaded: LoadedPlan, base: str, head: str, *,
         options: DiffOptions | None = None) -> PlanDiff:
    require_versions(loaded, base, head)
    return diff_versions(loaded.plan, base, head, options=options, resolver=Resolver(loaded.plan))
