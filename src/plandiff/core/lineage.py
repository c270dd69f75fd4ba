"""Pure: the lineage checks of a plan: cycles of parents, and `was` links and removals that
name a clause no ancestor holds."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping

from plandiff.core.model_errors import problem_at, suggest
from plandiff.core.models import Plan
from plandiff.core.problems import Problem


def check_cycles(plan: Plan, files: Mapping[str, str]) -> list[Problem]:
    problems = []
    on_cycle = versions_on_cycles(plan)
    for version_id in plan.versions:
        if version_id not in on_cycle:
            continue
        chain = [version_id]
        current = plan.versions[version_id].parent
        while current != version_id and current is not None:
            chain.append(current)
            current = plan.versions[current].parent
        shown = " → ".join([*chain, version_id])
        problems.append(problem_at(files[version_id], ("parent",), f"lineage cycle: {shown}",
                                   "lineage-cycle", "a version cannot descend from itself"))
    return problems


def versions_on_cycles(plan: Plan) -> set[str]:
    """The versions whose parent chain comes back to them, in one walk over all versions."""
    walking, done = 1, 2
    state: dict[str, int] = {}
    on_cycle: set[str] = set()
    for start in plan.versions:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in plan.versions and current not in state:
            state[current] = walking
            path.append(current)
            current = plan.versions[current].parent
        if current is not None and state.get(current) == walking:
            on_cycle.update(path[path.index(current):])
        for version_id in path:
            state[version_id] = done
    return on_cycle


def ancestors(plan: Plan, version_id: str) -> list[str]:
    """The parent chain of a version, nearest first, stopping at a cycle or a missing parent."""
    chain: list[str] = []
    seen = {version_id}
    current = plan.versions[version_id].parent
    while current is not None and current in plan.versions and current not in seen:
        chain.append(current)
        seen.add(current)
        current = plan.versions[current].parent
    return chain


def _walk_up(plan: Plan, start: str, known: Container[str]) -> tuple[list[str], str | None]:
    """The parent chain from `start`, nearest first, up to a version in `known`, a parent that is
    not in the plan, or a loop; and where the walk stopped (None at a root)."""
    path: list[str] = []
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current in plan.versions and current not in known \
            and current not in seen:
        path.append(current)
        seen.add(current)
        current = plan.versions[current].parent
    return path, current


def chain_ends(plan: Plan) -> dict[str, str | None]:
    """For each version, where its parent chain ends: None, the id of a parent that is not in the
    plan, or (on a cycle) a version of the cycle. One walk over all versions."""
    ends: dict[str, str | None] = {}
    for start in plan.versions:
        path, current = _walk_up(plan, start, ends)
        end = ends[current] if current is not None and current in ends else current
        for version_id in path:
            ends[version_id] = end
    return ends


def check_was_links(plan: Plan, files: Mapping[str, str],
                    unknown_versions: frozenset[str] = frozenset()) -> list[Problem]:
    problems = []
    held_by_lineage = ids_of_ancestors(plan)
    ends = chain_ends(plan)
    for version_id, version in plan.versions.items():
        if ends[version_id] in unknown_versions:
            continue  # an ancestor could not be read: its clauses are unknown
        has_ancestor = version.parent in plan.versions and version.parent != version_id
        earlier = held_by_lineage[version_id]
        for index, clause in enumerate(version.clauses):
            if clause.was is None:
                continue
            if clause.was == clause.id:
                problems.append(problem_at(files[version_id], ("clauses", index, "was"),
                                           f"clause `{clause.id}` says it `was` itself",
                                           "self-was", "remove `was:`"))
            elif clause.was not in earlier:
                hint = suggest(clause.was, earlier) or (
                    "`was` names a clause id of an ancestor version" if has_ancestor
                    else "`was` needs a parent version that holds that clause")
                problems.append(problem_at(files[version_id], ("clauses", index, "was"),
                                           f"clause `{clause.id}` continues `{clause.was}`,"
                                           " which no ancestor version holds", "unknown-was",
                                           hint))
        if version.parent is not None and version.parent in plan.versions:
            inherited = earlier
            for index, clause in enumerate(version.clauses):
                if clause.removed and clause.id not in inherited and clause.was is None:
                    problems.append(problem_at(
                        files[version_id], ("clauses", index, "id"),
                        f"clause `{clause.id}` is marked removed but no ancestor version holds it",
                        "unknown-removed", suggest(clause.id, inherited)))
    return problems


def ids_of_ancestors(plan: Plan) -> dict[str, frozenset[str]]:
    """For each version, the clause ids (and `was` ids) that its ancestors hold: each version's
    set is its parent's plus the parent's own, so a long lineage costs no more than its ids."""
    held: dict[str, frozenset[str]] = {}
    for version_id in plan.versions:
        pending, _ = _walk_up(plan, version_id, held)
        for link in reversed(pending):  # from the oldest not yet known down to this one
            parent_id = plan.versions[link].parent
            if parent_id is None or parent_id not in plan.versions:
                held[link] = frozenset()
                continue
            if parent_id not in held:  # a cycle (reported on its own): count what it holds
                held[link] = frozenset(_ids(plan, ancestors(plan, link)))
                continue
            held[link] = held[parent_id] | _ids(plan, [parent_id])
    return held


def _ids(plan: Plan, version_ids: Iterable[str]) -> set[str]:
    clauses = [c for v in version_ids for c in plan.versions[v].clauses]
    return {c.id for c in clauses} | {c.was for c in clauses if c.was}


def check_rename_collisions(plan: Plan, files: Mapping[str, str]) -> list[Problem]:
    """A clause that continues another through `was` under an id that the parent still holds
    for a different, live clause: one id would name two clauses, and one of them would vanish
    from every view."""
    from plandiff.core.resolve import Resolver

    resolver = Resolver(plan)
    problems = []
    for version_id in resolvable(plan):
        version = plan.versions[version_id]
        parent_id = version.parent
        if parent_id is None:
            continue
        inherited = None  # the parent resolved only for a version that renames a clause
        for index, clause in enumerate(version.clauses):
            if clause.was is None or clause.was == clause.id:
                continue
            if inherited is None:
                inherited = resolver.resolve(parent_id).clauses
            continued = inherited.get(clause.was) or next(
                (c for c in inherited.values() if clause.was in c.identities), None)
            holder = inherited.get(clause.id)
            if continued is None or holder is None or holder is continued or holder.removed:
                continue
            problems.append(problem_at(
                files[version_id], ("clauses", index, "was"),
                f"clause `{clause.id}` continues `{clause.was}`, but `{parent_id}` still holds"
                f" another clause `{clause.id}`: one id cannot name two clauses",
                "rename-collision",
                f"give the continuing clause an id of its own, or drop `was: {clause.was}` if"
                f" it updates `{clause.id}`"))
    return problems


def resolvable(plan: Plan) -> list[str]:
    """The versions whose whole lineage is in the plan and free of cycles (an unreadable or
    missing ancestor ends a chain short of a root)."""
    ends = chain_ends(plan)
    return [v for v in plan.versions if ends[v] is None]


def check_carried_terms(plan: Plan, files: Mapping[str, str]) -> list[Problem]:
    """Warnings (for `check --strict`): a clause that a version restates with new text while it
    carries terms from an ancestor, so that a reviewer decides for each term whether the new
    report still supports it."""
    from plandiff.core.resolve import Resolver

    resolver = Resolver(plan)
    problems = []
    for version_id in resolvable(plan):
        version = plan.versions[version_id]
        resolved = resolver.resolve(version_id)
        for index, clause in enumerate(version.clauses):
            held = resolved.clauses.get(clause.id)
            if clause.removed or not clause.text or held is None or held.reported_in != version_id:
                continue
            carried = [(t, held.stated_in(t)) for t in held.clause.terms
                       if held.stated_in(t) != version_id]
            if not carried:
                continue
            shown = ", ".join(f"`{t}` (from `{v}`)" for t, v in carried)
            problems.append(problem_at(
                files[version_id], ("clauses", index, "text"),
                f"clause `{clause.id}` is restated but carries {shown}", "carried-terms",
                "decide each: restate the value if the report gives it, or write"
                " `{unknown: why}` if the report no longer supports it", severity="warning"))
    return problems
