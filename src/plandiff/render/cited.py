"""The sources each side of a clause diff cites: its own citations and its terms' claims."""

from __future__ import annotations

from collections.abc import Sequence

from plandiff.core.diff import ClauseDiff, TermChange
from plandiff.core.models import Disputed
from plandiff.render import values


def side_sources(item: ClauseDiff) -> tuple[list[str], list[str]]:
    """Source ids of the old and the new side, in order of first citation: the clause's `cites`,
    then those of the disputed claims it states itself, which a reader must be able to look up
    too (a carried disputed value's sources go with the carried values)."""
    sides = []
    for side in (item.old, item.new):
        ids: list[str] = []
        if side is not None:
            ids += [c.source for c in side.clause.cites]
            for term_id, value in side.clause.terms.items():
                if isinstance(value, Disputed) and side.stated_in(term_id) == side.reported_in:
                    ids += [c.source for claim in value.disputed for c in claim.cites]
        sides.append(list(dict.fromkeys(ids)))
    return sides[0], sides[1]


def carried_sources(changes: Sequence[TermChange]) -> dict[str, list[str]]:
    """The sources of carried values by the version that stated them, disputed ones included."""
    found = values.carried_sources(list(changes))
    for change in changes:
        for which in (0, 1):
            version = change.carried_from[which]
            claims = change.new if which else change.old
            if version is None or len(claims) < 2:
                continue  # single values: values.carried_sources has them
            listed = found.setdefault(version, [])
            listed += [s for claim in claims for s in claim.sources if s not in listed]
    return found
