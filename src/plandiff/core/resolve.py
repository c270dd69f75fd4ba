"""Pure resolution of a version: lineage, partial coverage and the clause set it stands for."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from plandiff.core.models import (
    Clause,
    ClauseTranslation,
    Coverage,
    Plan,
    Version,
    all_hedged,
)
from plandiff.core.models import replace as copy_with
from plandiff.core.problems import UnknownVersion
from plandiff.core.records import field, record, replace


@record
class Stated:
    """Where a term value comes from: the version whose clause last stated it, and the sources
    that clause cites (a disputed value's claims carry their own)."""

    version: str
    sources: tuple[str, ...]
    hedged: bool = False  # every citation of that clause is hedged


_NOTHING: Mapping[str, Stated] = MappingProxyType({})


@record
class ResolvedClause:
    """A clause as a version stands for it."""

    clause: Clause
    reported_in: str  # the version that last listed this clause
    reported: bool  # listed by the version itself (False: carried over, unreported)
    identities: frozenset[str]  # its id and every id it continues through `was`
    # For each term of `clause`, the version that stated the value: its own (reported) or an
    # ancestor's (carried, because the listing clause did not mention the term).
    stated: Mapping[str, Stated] = field(default_factory=lambda: _NOTHING, compare=False)

    def stated_in(self, term_id: str) -> str:
        where = self.stated.get(term_id)
        return where.version if where is not None else self.reported_in

    def carried_from(self, term_id: str, version_id: str) -> str | None:
        """The version a term value is carried from, seen from `version_id` (None: stated there)."""
        where = self.stated_in(term_id)
        return where if where != version_id else None

    @property
    def id(self) -> str:
        return self.clause.id

    @property
    def removed(self) -> bool:
        return self.clause.removed


@record
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
        effective, stated = clause, _own_statements(clause, version.id)
        if previous is not None:
            partial = version.coverage is Coverage.partial
            effective, stated = _carry_over(clause, previous, stated, merge_terms=partial)
        resolved = ResolvedClause(effective, version.id, True, identities, stated)
        displaced = inherited.get(clause.id)
        if previous is not None and displaced is not None and displaced is not previous \
                and displaced.removed:
            clauses.pop(clause.id, None)  # an id dropped earlier, now reused by a rename
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


def _own_statements(clause: Clause, version_id: str) -> Mapping[str, Stated]:
    if not clause.terms:
        return _NOTHING
    sources = tuple(dict.fromkeys(cite.source for cite in clause.cites))
    where = Stated(version_id, sources, all_hedged(clause.cites))
    return MappingProxyType(dict.fromkeys(clause.terms, where))


def _carry_over(clause: Clause, previous: ResolvedClause, stated: Mapping[str, Stated], *,
                merge_terms: bool) -> tuple[Clause, Mapping[str, Stated]]:
    """A listed clause replaces its predecessor, but the descriptive fields it omits carry over,
    and in a partial version so do the terms it does not report (reports are partial within a
    clause too; `null` states that a term no longer has a value), each with where it was stated."""
    if clause.removed:
        return clause, stated
    before = previous.clause
    updates: dict[str, object] = {}
    if merge_terms and before.terms and not before.removed:
        merged = {**before.terms, **clause.terms}
        if merged != clause.terms:
            updates["terms"] = merged
            carried = {t: previous.stated.get(t) or Stated(previous.reported_in, _sources(before),
                                                            all_hedged(before.cites))
                       for t in before.terms if t not in clause.terms}
            stated = MappingProxyType({t: carried.get(t) or stated[t] for t in merged})
    if clause.title is None and before.title is not None:
        updates["title"] = before.title
    if clause.topic is None and before.topic is not None:
        updates["topic"] = before.topic
    translations = _carried_translations(clause, before)
    if translations != clause.translations:
        updates["translations"] = translations
    return (copy_with(clause, **updates) if updates else clause), stated


def _carried_translations(clause: Clause, before: Clause) -> dict[str, ClauseTranslation]:
    """A title's translations carry over with the title (omitted, or stated the same); a text's
    never carry to a text stated differently, since they translate the old wording: that language
    then simply has none. The clause's own translations win, field by field."""
    same_title = clause.title is None or clause.title == before.title
    same_text = clause.text == before.text
    if not before.translations or not (same_title or same_text):
        return clause.translations
    merged = dict(clause.translations)
    for lang, old in before.translations.items():
        own = merged.get(lang) or ClauseTranslation()
        title = own.title if own.title is not None else old.title if same_title else None
        text = own.text if own.text is not None else old.text if same_text else None
        if (title, text) != (own.title, own.text):
            merged[lang] = ClauseTranslation(title=title, text=text)
    return merged


def _sources(clause: Clause) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cite.source for cite in clause.cites))


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
