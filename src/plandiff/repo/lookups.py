"""Looking up what a caller names in a loaded repository: versions and diff filters, with the
closest known name when it is a typo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff.core.problems import PlandiffError, UnknownVersion
from plandiff.core.suggestions import closest
from plandiff.repo.repository import LoadedPlan, describe

if TYPE_CHECKING:
    from plandiff.core.diff import DiffOptions


def require_versions(loaded: LoadedPlan, *version_ids: str) -> None:
    known = loaded.plan.versions
    for version_id in version_ids:
        if version_id not in known:
            close = closest(version_id, known)
            hint = f"did you mean `{close}`? " if close else ""
            raise UnknownVersion(
                f"unknown version `{version_id}` in {describe(loaded.root)}",
                f"{hint}known versions: {', '.join(sorted(known)) or '(none)'}",
                name=version_id, suggestions=(close,) if close else (),
            )


def require_filters(loaded: LoadedPlan, options: DiffOptions, *,
                    names: tuple[str, str] = ("--term", "--topic")) -> None:
    """An unknown term or topic filter is a typo, not a filter that matches nothing: a diff
    filtered by it would say, wrongly, that nothing changed. `names`: how the caller calls the
    two filters (the command line's options by default)."""
    plan = loaded.plan
    topics = sorted({c.topic for v in plan.versions.values() for c in v.clauses if c.topic})
    from plandiff.core.history import term_descriptions
    from plandiff.core.suggestions import candidates, candidates_hint

    for option, asked, known, where in (
            (names[0], options.terms, sorted(plan.terms), "plans/terms.yaml"),
            (names[1], options.topics, topics, "any clause")):
        for name in sorted(asked or ()):
            if name in known:
                continue
            if option == names[0]:  # a term: by its id, label or the clauses that carry it
                found = candidates(name, term_descriptions(plan))
                hint = candidates_hint(found, f"known: {', '.join(known)}" if len(known) <= 12
                                       else "`plandiff terms` lists every term")
            else:
                close = closest(name, known)
                found = [close] if close else []
                hint = f"did you mean `{close}`?" if close else f"known: {', '.join(known)}"
            raise PlandiffError(f"{option} `{name}`: no such {option.lstrip('-')} in {where} of"
                                f" {describe(loaded.root)}", hint, name=name,
                                suggestions=tuple(found))
