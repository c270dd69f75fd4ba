"""Pure: independent witnesses of a value (sources counted by original outlet, copies followed)
and the checks of `copy_of` in the bibliography."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from plandiff.core.model_errors import problem_at, suggest
from plandiff.core.models import Claim, Disputed, Plan, Source, all_hedged
from plandiff.core.problems import KeyPath, Problem
from plandiff.core.records import record

SOURCES_FILE = "plans/sources.yaml"
UNKNOWN_OUTLET = "unknown"


@record
class Witnesses:
    """The sources behind a value and how many independent witnesses they are: distinct
    original outlets, once every copy is followed to the source it copies."""

    independent: int
    sources: tuple[str, ...]


def original(sources: Mapping[str, Source], source_id: str) -> str:
    """The source that `source_id` copies, through every `copy_of` link; itself when it copies
    none. A chain that loops or leads to no source (which `check` reports) stops where it
    breaks."""
    source = sources.get(source_id)
    if source is None or source.copy_of is None:  # the common case: no copy to follow
        return source_id
    seen = {source_id}
    current = source_id
    while True:
        source = sources.get(current)
        target = source.copy_of if source is not None else None
        if target is None or target in seen or target not in sources:
            return current
        seen.add(target)
        current = target


def outlet_key(sources: Mapping[str, Source], source_id: str) -> str:
    """Who witnesses what `source_id` says: its original's outlet (case and spacing ignored), or
    the original source itself when its outlet is "unknown" or it is not in the bibliography."""
    first = original(sources, source_id)
    source = sources.get(first)
    outlet = " ".join(source.outlet.split()).casefold() if source is not None else ""
    if not outlet or outlet == UNKNOWN_OUTLET:
        return f"source:{first}"
    return f"outlet:{outlet}"



def witnesses(sources: Mapping[str, Source], cited: Iterable[str]) -> Witnesses:
    """The witnesses of a value cited by the sources `cited` (ids, in order; repeats once)."""
    if isinstance(sources, Bibliography):
        return sources.witnesses(tuple(cited))
    ids = tuple(dict.fromkeys(cited))
    return Witnesses(len({outlet_key(sources, s) for s in ids}), ids)


class Bibliography(dict[str, Source]):
    """A copy of a bibliography that works out each source's outlet key once: a diff of a large
    version asks for the witnesses of the same few sources hundreds of thousands of times. Made
    for one computation over one plan (a dict, so that looking a source up costs no more)."""

    __slots__ = ("_keys", "_remembered", "_witnesses")

    def __init__(self, sources: Mapping[str, Source]) -> None:
        super().__init__(sources)
        self._keys: dict[str, str] = {}
        self._witnesses: dict[tuple[str, ...], Witnesses] = {}
        self._remembered: dict[Hashable, Any] = {}

    def remembered(self, key: Hashable, work: Callable[[], Any]) -> Any:
        """What `work` gives, worked out once for `key` over this bibliography (the sources
        never change while it lives)."""
        if key not in self._remembered:
            self._remembered[key] = work()
        return self._remembered[key]

    def witnesses(self, cited: tuple[str, ...]) -> Witnesses:
        """witnesses(self, cited), worked out once for each list of citations: the clauses of a
        large version cite the same few sources over and over."""
        known = self._witnesses.get(cited)
        if known is None:
            ids = tuple(dict.fromkeys(cited))
            known = self._witnesses[cited] = Witnesses(len({self.outlet(s) for s in ids}), ids)
        return known

    def outlet(self, source_id: str) -> str:
        """outlet_key(self, source_id), worked out once."""
        key = self._keys.get(source_id)
        if key is None:
            key = self._keys[source_id] = outlet_key(self, source_id)
        return key


def is_copy(sources: Mapping[str, Source], source_id: str) -> bool:
    source = sources.get(source_id)
    return source is not None and source.copy_of is not None


# --- check ---------------------------------------------------------------------------------------


def check_copies(sources: Mapping[str, Source], *,
                 source_known: Callable[[str], bool] = lambda _: False) -> list[Problem]:
    """Every `copy_of` names another source of the bibliography, and no chain of copies loops.
    `source_known(id)`: a source whose definition could not be read (not reported missing)."""
    problems: list[Problem] = []
    for source_id, source in sources.items():
        target = source.copy_of
        if target is None:
            continue
        where = (source_id, "copy_of")
        if target == source_id:
            problems.append(problem_at(SOURCES_FILE, where, f"source `{source_id}` is a copy of"
                                       " itself", "copy-of-itself",
                                       "name the source it reprints or translates, or remove"
                                       " `copy_of`"))
        elif target not in sources and not source_known(target):
            problems.append(problem_at(SOURCES_FILE, where, f"source `{source_id}`: `copy_of`"
                                       f" names `{target}`, which is not a source",
                                       "unknown-source", suggest(target, sources)
                                       or "add the original to plans/sources.yaml"))
    reported: set[str] = set()
    for source_id in sources:
        chain = _loop_from(sources, source_id)
        if chain is None or reported & set(chain):
            continue
        reported |= set(chain)
        problems.append(problem_at(SOURCES_FILE, (chain[0], "copy_of"),
                                   "sources copy each other in a circle: "
                                   + " → ".join(f"`{s}`" for s in (*chain, chain[0])),
                                   "copy-cycle", "one of them must be the original: remove its"
                                   " `copy_of`"))
    return problems


def _loop_from(sources: Mapping[str, Source], start: str) -> tuple[str, ...] | None:
    """The loop of two or more sources that the copy chain from `start` runs into, starting
    with the member that comes first in the file; None when it reaches an original."""
    order = {source_id: index for index, source_id in enumerate(sources)}
    path: list[str] = []
    current: str | None = start
    while current is not None and current in sources and current not in path:
        path.append(current)
        current = sources[current].copy_of
    if current is None or current not in path:
        return None
    loop = path[path.index(current):]
    if len(loop) < 2:
        return None  # a source copying itself is reported on its own
    first = min(range(len(loop)), key=lambda i: order[loop[i]])
    return tuple(loop[first:] + loop[:first])


# --- check --strict: disputes that are not disputes between witnesses ---------------------------


def check_disputes(plan: Plan, files: Mapping[str, str]) -> list[Problem]:
    """Warnings for `check --strict` on every disputed term value: two claims that share an
    original outlet (one witness cannot dispute itself), a claim resting only on hedged citations,
    and a claim whose one witness is a copy (cite the original, or say why it is absent)."""
    problems: list[Problem] = []
    for version_id, version in plan.versions.items():
        file = files.get(version_id)
        if file is None:
            continue
        for index, clause in enumerate(version.clauses):
            for term_id, value in clause.terms.items():
                if isinstance(value, Disputed) and is_conflict(value.disputed):
                    path = ("clauses", index, "terms", term_id, "disputed")
                    problems.extend(_dispute_warnings(plan.sources, file, path, term_id,
                                                      value.disputed))
    return problems


def is_conflict(claims: list[Claim]) -> bool:
    """True when two claims give different values: only then is a dispute a conflict between
    witnesses (core.diff.rival_claims prints the others as one value)."""
    given = [claim.value for claim in claims if claim.unknown is None]
    return any(not same_value(value, given[0]) for value in given[1:])


def same_value(first: object, second: object) -> bool:
    """Two claims give the same value: equal and of one type (`True` is not `1`)."""
    return type(first) is type(second) and first == second


def _dispute_warnings(sources: Mapping[str, Source], file: str, path: KeyPath, term_id: str,
                      claims: list[Claim]) -> list[Problem]:
    problems: list[Problem] = []
    keys = [{outlet_key(sources, c.source): c.source for c in claim.cites} for claim in claims]
    for later in range(len(claims)):
        for earlier in range(later):
            shared = [key for key in keys[later] if key in keys[earlier]]
            if not shared:
                continue
            named = ", ".join(_outlet_name(sources, keys[earlier][k]) for k in shared)
            problems.append(problem_at(
                file, (*path, later), f"claims {earlier + 1} and {later + 1} of the dispute on"
                f" `{term_id}` share an original outlet ({named}): a witness does not dispute"
                " itself", "dispute-shared-outlet", "keep the claim that outlet makes, or say"
                " which of its reports is the later one in a note", severity="warning"))
    for number, claim in enumerate(claims):
        where = (*path, number)
        if all_hedged(claim.cites):
            problems.append(problem_at(
                file, where, f"claim {number + 1} of the dispute on `{term_id}` rests only on"
                " hedged citations", "dispute-hedged-side", "a report of what may happen"
                " is not a rival value: cite a settled report, or record it elsewhere",
                severity="warning"))
        cited = list(dict.fromkeys(c.source for c in claim.cites))
        if len(keys[number]) == 1 and all(is_copy(sources, s) for s in cited):
            problems.append(problem_at(
                file, where, f"claim {number + 1} of the dispute on `{term_id}` has one witness,"
                f" {', '.join(f'`{s}`' for s in cited)}, a copy of"
                f" `{original(sources, cited[0])}`", "dispute-copy-only",
                "cite the original it copies", severity="warning"))
    return problems


def _outlet_name(sources: Mapping[str, Source], source_id: str) -> str:
    first = original(sources, source_id)
    source = sources.get(first)
    return f"{source.outlet}, `{first}`" if source is not None else f"`{first}`"
