"""Pure: a plan as it was known on a date, from its sources' publication dates, and when each
value was first reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from plandiff.core.models import (
    Citation,
    Claim,
    Clause,
    Coverage,
    Disputed,
    Plan,
    Position,
    Positions,
    Source,
    Version,
    citations_of,
    replace,
)
from plandiff.core.problems import UnknownVersion
from plandiff.core.records import record


@record
class FirstReported:
    """The earliest citation of a value: its source's date (None when no cited source has a
    date) and the source."""

    date: dt.date | None
    source: str | None  # None: known only from a version's or a position's own date


def first_reported(source_ids: Iterable[str],
                   sources: Mapping[str, Source]) -> FirstReported | None:
    """The earliest dated source among `source_ids`; the first one named when none is dated;
    None when there is none."""
    named = list(dict.fromkeys(source_ids))
    dated = [(sources[s].date, index, s) for index, s in enumerate(named)
             if s in sources and sources[s].date is not None]
    if dated:
        day, _, source = min(dated)
        return FirstReported(day, source)
    return FirstReported(None, named[0]) if named else None


@record
class NotYetReported:
    """Something the plan holds that no source published on or before the date reported: a
    version (clause and term None), a clause of a version, one term value (or one disputed
    claim of it), or a party's position (`version` is then the party, `clause` its subject)."""

    kind: str  # version | clause | value | position
    version: str
    clause: str | None = None
    term: str | None = None
    first: FirstReported | None = None  # when it was first reported, after the date
    terms: tuple[str, ...] = ()  # a clause's terms

    def touches(self, subject: str) -> bool:
        """Whether it is, or holds, the term or clause `subject`."""
        return subject in (self.clause, self.term) or subject in self.terms


@record
class KnownOn:
    """A plan as known on `date`: only citations of sources published on or before it count.
    Citations of sources without a date are kept, counted (`undated`) and said so; a version
    none of whose cited sources has a date is known from its own date (`dated_by_version`)."""

    date: dt.date
    plan: Plan
    hidden: tuple[NotYetReported, ...] = ()
    undated: tuple[str, ...] = ()  # sources without a date cited by what is kept
    undated_citations: int = 0
    partial: tuple[str, ...] = ()  # full versions of which only part was reported by the date
    dated_by_version: tuple[str, ...] = ()

    @property
    def hidden_versions(self) -> dict[str, NotYetReported]:
        return {h.version: h for h in self.hidden if h.kind == "version"}

    def require(self, *version_ids: str) -> None:
        """Raise UnknownVersion naming a version first reported after the date."""
        for version_id in version_ids:
            found = self.hidden_versions.get(version_id)
            if found is None:
                continue
            raise UnknownVersion(
                f"version `{version_id}` was not yet reported on {self.date.isoformat()}:"
                f" {_first_words(found.first)}",
                f"versions known on {self.date.isoformat()}: "
                + (", ".join(sorted(self.plan.versions)) or "(none)"),
                name=version_id)


def _first_words(first: FirstReported | None) -> str:
    if first is None or first.date is None:
        return "no source dated on or before that day reports it"
    if first.source is None:
        return f"no source it cites gives a date, and it is dated {first.date.isoformat()}"
    return f"first reported {first.date.isoformat()} by {first.source}"


class _Sieve:
    """Which citations count on the date, counting those of sources without a date."""

    def __init__(self, plan: Plan, day: dt.date) -> None:
        self.sources = plan.sources
        self.day = day
        self.undated: dict[str, None] = {}
        self.undated_citations = 0

    def date(self, cite: Citation) -> dt.date | None:
        source = self.sources.get(cite.source)
        return source.date if source is not None else None

    def known(self, cite: Citation) -> bool:
        day = self.date(cite)
        return day is None or day <= self.day

    def keep(self, cites: Iterable[Citation]) -> list[Citation]:
        kept = [c for c in cites if self.known(c)]
        for cite in kept:
            if self.date(cite) is None:
                self.undated.setdefault(cite.source)
                self.undated_citations += 1
        return kept

    def first(self, cites: Iterable[Citation]) -> FirstReported | None:
        return first_reported((c.source for c in cites), self.sources)


def known_on(plan: Plan, day: dt.date) -> KnownOn:
    """The plan as known on `day`. A version is known when one of its citations is (a version
    none of whose cited sources has a date: when its own date is on or before `day`); a clause
    when one of its citations is; a term value or a disputed claim when one of the citations it
    rests on is. Full versions known only in part count as partial, so that what was not yet
    reported carries over as unreported rather than reading as dropped."""
    sieve = _Sieve(plan, day)
    hidden: list[NotYetReported] = []
    known_versions: dict[str, Version] = {}
    dated_by_version: list[str] = []
    for version in plan.versions.values():
        cites = [c for clause in version.clauses for c in citations_of(clause)]
        dates = [d for c in cites if (d := sieve.date(c)) is not None]
        if dates:
            seen = min(dates) <= day
        else:
            seen = version.date <= day
            dated_by_version.append(version.id)
        if not seen:
            first = sieve.first(cites) if dates else FirstReported(version.date, None)
            hidden.append(NotYetReported("version", version.id, first=first))
        else:
            known_versions[version.id] = version
    versions: dict[str, Version] = {}
    partial: list[str] = []
    for version_id, version in known_versions.items():
        clauses: list[Clause] = []
        before = len(hidden)
        for clause in version.clauses:
            kept = _clause(clause, version_id, sieve, hidden)
            if kept is not None:
                clauses.append(kept)
        lost = len(hidden) > before  # a clause or a value of it not yet reported
        updates: dict[str, object] = {"parent": _known_parent(plan, version, known_versions)}
        if clauses != version.clauses:
            updates["clauses"] = clauses
        if lost and version.coverage is Coverage.full:
            updates["coverage"] = Coverage.partial
            partial.append(version_id)
        versions[version_id] = replace(version, **updates)
    positions = _positions(plan.positions, sieve, versions, hidden)
    known = replace(plan, versions=versions, positions=positions)
    return KnownOn(day, known, tuple(hidden), tuple(sorted(sieve.undated)), sieve.undated_citations,
                   tuple(partial), tuple(dated_by_version))


def _clause(clause: Clause, version_id: str, sieve: _Sieve,
            hidden: list[NotYetReported]) -> Clause | None:
    """The clause as known (itself when nothing of it is later), or None when nothing is."""
    every = citations_of(clause)
    if every and not any(sieve.known(c) for c in every):
        hidden.append(NotYetReported("clause", version_id, clause.id, first=sieve.first(every),
                                     terms=tuple(clause.terms)))
        return None
    own = sieve.keep(clause.cites)
    terms: dict[str, object] = {}
    changed = len(own) != len(clause.cites)
    for term_id, value in clause.terms.items():
        if isinstance(value, Disputed):
            claims: list[Claim] = []
            for claim in value.disputed:
                kept = sieve.keep(claim.cites)
                if kept:
                    claims.append(claim if len(kept) == len(claim.cites)
                                  else replace(claim, cites=kept))
                else:
                    hidden.append(NotYetReported("value", version_id, clause.id, term_id,
                                                 sieve.first(claim.cites)))
            changed = changed or claims != list(value.disputed)
            if claims:
                # One claim left is still a claim with its own sources, not the clause's.
                terms[term_id] = value if claims == list(value.disputed) else \
                    Disputed(disputed=claims)
        elif own or not clause.cites:
            terms[term_id] = value
        else:  # the value rests on the clause's citations, all of them later
            hidden.append(NotYetReported("value", version_id, clause.id, term_id,
                                         sieve.first(clause.cites)))
            changed = True
    if not changed:
        return clause
    return replace(clause, cites=own, terms=terms)


def _known_parent(plan: Plan, version: Version, known: Mapping[str, Version]) -> str | None:
    """The nearest ancestor known on the date (a parent reported later is skipped)."""
    parent = version.parent
    seen: set[str] = set()
    while parent is not None and parent not in known and parent not in seen:
        seen.add(parent)
        above = plan.versions.get(parent)
        parent = above.parent if above is not None else None
    return parent if parent in known else None


def _positions(positions: Positions, sieve: _Sieve, versions: Mapping[str, Version],
               hidden: list[NotYetReported]) -> Positions:
    kept: list[Position] = []
    for position in positions.positions:
        cites = position.cites
        if position.date > sieve.day or (cites and not any(sieve.known(c) for c in cites)):
            first = sieve.first(cites) if cites else FirstReported(position.date, None)
            if position.date > sieve.day:
                first = FirstReported(position.date, None)
            hidden.append(NotYetReported("position", position.party, position.subject,
                                         first=first))
            continue
        own = sieve.keep(cites)
        updates: dict[str, object] = {}
        if len(own) != len(cites):
            updates["cites"] = own
        if position.at is not None and position.at not in versions:
            updates["at"] = None
        kept.append(replace(position, **updates) if updates else position)
    if len(kept) == len(positions.positions) and all(
            a is b for a, b in zip(kept, positions.positions, strict=True)):
        return positions
    return replace(positions, positions=kept)
