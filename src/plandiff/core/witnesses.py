"""Pure: independent witnesses of a value (sources counted by original outlet, copies followed)
and the checks of `copy_of` in the bibliography."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from plandiff.core.model_errors import problem_at, suggest
from plandiff.core.models import Source
from plandiff.core.problems import Problem

SOURCES_FILE = "plans/sources.yaml"
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True)
class Witnesses:
    """The sources behind a value and how many independent witnesses they are: distinct
    original outlets, once every copy is followed to the source it copies."""

    independent: int
    sources: tuple[str, ...]


def original(sources: Mapping[str, Source], source_id: str) -> str:
    """The source that `source_id` copies, through every `copy_of` link; itself when it copies
    none. A chain that loops or leads to no source (which `check` reports) stops where it
    breaks."""
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
    ids = tuple(dict.fromkeys(cited))
    return Witnesses(len({outlet_key(sources, s) for s in ids}), ids)


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
