"""Pure resolution of a version: lineage, partial coverage and the clause set it stands for."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .models import Clause, Coverage, Plan, Version
from .problems import UnknownVersion


@dataclass(frozen=True)
class ResolvedClause:
    """A clause as a version stands for it."""

    clause: Clause
    reported_in: str  # the version that last listed this clause
    reported: bool  # listed by the version itself (False: carried over, unreported)
    identities: frozenset[str]  # its id and every id it continues through `was`

    @property
    def id(self) -> str:
        return self.clause.id

    @property
    def removed(self) -> bool:
        return self.clause.removed


@dataclass(frozen=True)
class ResolvedVersion:
    version: Version
    clauses: dict[str, ResolvedClause]  # in the version's order

    @property
    def id(self) -> str:
        return self.version.id

    def live(self) -> list[ResolvedClause]:
        return [c for c in self.clauses.values() if not c.removed]


class Resolver:
    """Resolves versions of one plan, each once."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._cache: dict[str, ResolvedVersion] = {}

    def version(self, version_id: str) -> Version:
        try:
            return self.plan.versions[version_id]
        except KeyError:
            raise UnknownVersion(f"unknown version `{version_id}`") from None

    def resolve(self, version_id: str) -> ResolvedVersion:
        # Iterative over the lineage so a long chain of versions cannot exhaust the stack.
        chain: list[str] = []
        current: str | None = version_id
        while current is not None and current not in self._cache and current not in chain:
            chain.append(current)
            current = self.version(current).parent
        for link in reversed(chain):
            parent_id = self.version(link).parent
            parent = self._cache.get(parent_id) if parent_id is not None else None
            self._cache[link] = _resolve_one(self.version(link), parent)
        return self._cache[version_id]


def _resolve_one(version: Version, parent: ResolvedVersion | None) -> ResolvedVersion:
    inherited = parent.clauses if parent is not None else {}
    by_identity = _identity_index(inherited)
    if version.coverage is Coverage.partial:
        clauses = {
            key: replace(clause, reported=False) for key, clause in inherited.items()
        }
    else:
        clauses = {}
    renames: dict[str, str] = {}
    for clause in version.clauses:
        previous = inherited.get(clause.was or "") or inherited.get(clause.id)
        if previous is None and clause.was:
            previous = by_identity.get(clause.was)
        identities = frozenset({clause.id}) | (previous.identities if previous else frozenset())
        effective = clause
        if previous is not None:
            partial = version.coverage is Coverage.partial
            effective = _carry_over(clause, previous.clause, merge_terms=partial)
        resolved = ResolvedClause(effective, version.id, True, identities)
        if previous is not None and previous.id != clause.id and previous.id in clauses \
                and previous.id not in renames:
            renames[previous.id] = clause.id  # takes its predecessor's place, applied once below
            clauses[previous.id] = resolved
        else:
            if clause.id in renames:  # an old id used again: settle the renames before reusing it
                clauses = {renames.get(key, key): value for key, value in clauses.items()}
                renames = {}
            clauses[clause.id] = resolved
    if renames:
        clauses = {renames.get(key, key): value for key, value in clauses.items()}
    return ResolvedVersion(version, clauses)


def _carry_over(clause: Clause, previous: Clause, *, merge_terms: bool) -> Clause:
    """A listed clause replaces its predecessor, but the descriptive fields it omits carry over,
    and in a partial version so do the terms it does not report (reports are partial within a
    clause too; `null` states that a term no longer has a value)."""
    if clause.removed:
        return clause
    updates: dict[str, object] = {}
    if merge_terms and previous.terms and not previous.removed:
        merged = {**previous.terms, **clause.terms}
        if merged != clause.terms:
            updates["terms"] = merged
    if clause.title is None and previous.title is not None:
        updates["title"] = previous.title
    if clause.topic is None and previous.topic is not None:
        updates["topic"] = previous.topic
    return clause.model_copy(update=updates) if updates else clause


def _identity_index(clauses: dict[str, ResolvedClause]) -> dict[str, ResolvedClause]:
    index: dict[str, ResolvedClause] = {}
    for clause in clauses.values():
        for identity in clause.identities:
            index.setdefault(identity, clause)
    return index


def lineage_order(plan: Plan) -> list[str]:
    """Versions in lineage order (parents before children), siblings by date then id."""
    children: dict[str | None, list[str]] = {}
    for version in plan.versions.values():
        parent = version.parent if version.parent in plan.versions else None
        children.setdefault(parent, []).append(version.id)
    for kids in children.values():
        kids.sort(key=lambda v: (plan.versions[v].date, v))
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        current = stack.pop()
        if current in order:
            continue
        order.append(current)
        stack.extend(reversed(children.get(current, [])))
    order.extend(sorted(v for v in plan.versions if v not in order))  # cycles, reported by check
    return order
