"""Pure: one term's value, or one clause's text, through every version in lineage order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plandiff.core.as_of import FirstReported, KnownOn, first_reported
from plandiff.core.diff import (
    Claim,
    TextChange,
    claims_first_reported,
    diff_text,
    movement,
    value_claims,
)
from plandiff.core.models import NUMERIC_TYPES, Clause, Plan, Source, Term, Version, citations_of
from plandiff.core.problems import PlandiffError
from plandiff.core.records import field, record
from plandiff.core.resolve import ResolvedClause, Resolver, lineage_order
from plandiff.core.suggestions import candidates, candidates_hint


@record
class HistoryPoint:
    version: Version
    state: str  # reported | carried (a listed clause that does not restate the term) | unreported
    #             (a clause the version does not list) | removed | absent
    clause_id: str | None
    reported_in: str | None  # for a term: the version that stated the value
    claims: tuple[Claim, ...] = ()  # a term's value; several when disputed; empty when not set
    text: str | None = None  # a clause's text
    number: int | str | None = None
    change: str | None = None  # against the parent: same | changed | set | unset | None (root)
    delta: float | None = None
    percent: float | None = None
    text_change: TextChange | None = None
    # The earliest citation of the value (of every claim, when disputed) or of the clause's text.
    first_reported: FirstReported | None = None
    # The sources citing the clause as this version stands for it (a clause's history), or the
    # removal (a term's "removed" point: a removal is a reported fact, cited as any other).
    sources: tuple[str, ...] = ()
    # The clause as this version has it (a clause's history): its translations name it in
    # another language.
    clause: Clause | None = field(default=None, compare=False, repr=False)

    @property
    def value(self) -> Any:
        """The term's value here: None when not set, a list of the claims' values when sources
        dispute it (each claim, with its sources, is in `claims`)."""
        if not self.claims:
            return None
        return self.claims[0].value if len(self.claims) == 1 else [c.value for c in self.claims]

    def __repr__(self) -> str:  # `version` is the whole version: kilobytes, not a summary
        shown = f"text={self.text!r}" if self.clause_id and not self.claims and self.text \
            else f"value={self.value!r}"
        return f"HistoryPoint({self.version.id!r}, {self.state!r}, {shown})"

    @property
    def carried_from(self) -> str | None:
        """The earlier version a value or text is carried from; None when this one states it."""
        if self.state in ("removed", "absent") or self.reported_in == self.version.id:
            return None
        return self.reported_in


@record
class History:
    kind: str  # term | clause
    subject: str
    label: str
    term: Term | None
    points: tuple[HistoryPoint, ...]
    as_of: KnownOn | None = None  # the plan as known on a date, when asked as of one
    # The bibliography, for the sources of the points (their outlets and dates).
    sources: Mapping[str, Source] = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        return f"History({self.kind!r}, {self.subject!r}, {len(self.points)} points)"

    @property
    def numeric(self) -> bool:
        return self.term is not None and self.term.type in NUMERIC_TYPES


def history(plan: Plan, subject: str) -> History:
    if subject in plan.terms:
        return term_history(plan, subject)
    if any(subject == c.id or subject == c.was for v in plan.versions.values() for c in v.clauses):
        return clause_history(plan, subject)
    found = candidates(subject, {**term_descriptions(plan), **clause_descriptions(plan)})
    raise PlandiffError(f"`{subject}` is neither a term in plans/terms.yaml nor a clause id",
                        candidates_hint(found, "`plandiff terms` lists every term,"
                                        " `plandiff show VERSION` every clause id"),
                        name=subject, suggestions=tuple(found))


def term_descriptions(plan: Plan) -> dict[str, list[str]]:
    """What a reader may call each term: its label (and translated labels), and the ids and
    titles of the clauses that set it."""
    described: dict[str, list[str]] = {}
    for term_id, term in plan.terms.items():
        labels = [getattr(t, "label", None) for t in (term.translations or {}).values()]
        described[term_id] = [term.label, *(label for label in labels if label)]
    for version in plan.versions.values():
        for clause in version.clauses:
            for term_id in clause.terms or {}:
                if term_id in described:
                    described[term_id] += [clause.id, *([clause.title] if clause.title else [])]
    return described


def clause_descriptions(plan: Plan) -> dict[str, list[str]]:
    """Each clause id with its titles in every version."""
    described: dict[str, list[str]] = {}
    for version in plan.versions.values():
        for clause in version.clauses:
            described.setdefault(clause.id, [])
            if clause.title:
                described[clause.id].append(clause.title)
    return dict(sorted(described.items()))


def _reported_here(version: Version, clause_id: str, term_id: str | None) -> bool:
    for clause in version.clauses:
        if clause.id == clause_id:
            return term_id is None or term_id in clause.terms or clause.removed
    return False


def term_history(plan: Plan, term_id: str, *, resolver: Resolver | None = None) -> History:
    """`resolver`: pass one to share its resolved versions across many histories (the site)."""
    term = plan.terms[term_id]
    resolver = resolver or Resolver(plan)
    points: dict[str, HistoryPoint] = {}
    for version_id in lineage_order(plan):
        version = plan.versions[version_id]
        resolved = resolver.resolve(version_id)
        holder = next((c for c in resolved.live() if term_id in c.clause.terms), None)
        parent = points.get(version.parent or "")
        if holder is None:
            change = "unset" if parent is not None and parent.claims else (
                None if parent is None else "same")
            gone = _find(resolved.clauses, parent.clause_id) if parent and parent.clause_id \
                else None
            if gone is not None and gone.removed:
                points[version_id] = HistoryPoint(version, "removed", gone.id, gone.reported_in,
                                                  change=change, sources=_cited_by(gone))
            else:
                points[version_id] = HistoryPoint(version, "absent", None, None, change=change)
            continue
        claims = value_claims(holder, term_id, plan.sources)
        reported = holder.reported and _reported_here(version, holder.id, term_id)
        state = "reported" if reported else "carried" if holder.reported else "unreported"
        change, delta, percent = _compare(term, parent, claims)
        points[version_id] = HistoryPoint(
            version, state, holder.id, version_id if reported else holder.stated_in(term_id),
            claims, change=change, delta=delta, percent=percent,
            first_reported=claims_first_reported(claims, plan.sources))
    return History("term", term_id, term.label, term, tuple(points.values()),
                   sources=plan.sources)


def _compare(term: Term, parent: HistoryPoint | None,
             claims: tuple[Claim, ...]) -> tuple[str | None, float | None, float | None]:
    if parent is None:
        return None, None, None
    if not parent.claims:
        return "set", None, None
    if [c.value for c in parent.claims] == [c.value for c in claims]:
        return "same", None, None
    if len(parent.claims) == 1 and len(claims) == 1:
        delta, percent, _ = movement(term, parent.claims[0].value, claims[0].value)
        return "changed", delta, percent
    return "changed", None, None


def _cited_by(clause: ResolvedClause) -> tuple[str, ...]:
    """The ids of the sources a clause cites, its disputed claims' included, in order."""
    return tuple(dict.fromkeys(cite.source for cite in citations_of(clause.clause)))


def _find(clauses: dict[str, ResolvedClause], subject: str) -> ResolvedClause | None:
    """The first clause that is `subject` or continues it, through an index built once per
    version (the site asks this for every clause of every version)."""
    cached = _FOUND.get(id(clauses))
    if cached is None or cached[0] is not clauses:
        index: dict[str, ResolvedClause] = {}
        for clause in clauses.values():
            index.setdefault(clause.id, clause)
            for identity in clause.identities:
                index.setdefault(identity, clause)
        if len(_FOUND) > 64:
            _FOUND.clear()
        cached = _FOUND[id(clauses)] = (clauses, index)  # the dict is held, so its id stays its
    return cached[1].get(subject)


_FOUND: dict[int, tuple[dict[str, ResolvedClause], dict[str, ResolvedClause]]] = {}


def clause_history(plan: Plan, subject: str, *, resolver: Resolver | None = None) -> History:
    resolver = resolver or Resolver(plan)
    points: dict[str, HistoryPoint] = {}
    label = subject
    for version_id in lineage_order(plan):
        version = plan.versions[version_id]
        clause = _find(resolver.resolve(version_id).clauses, subject)
        parent = points.get(version.parent or "")
        if clause is None:
            points[version_id] = HistoryPoint(version, "absent", None, None)
            continue
        if clause.clause.title:
            label = clause.clause.title
        reported = clause.reported
        state = "removed" if clause.removed else "reported" if reported else "unreported"
        text = None if clause.removed else clause.clause.text
        change: str | None = None
        text_change = None
        if parent is not None:
            if parent.text is None and text is not None:
                change = "set"
            elif text is None and parent.text is not None:
                change = "unset"
            else:
                text_change = diff_text(parent.text, text)
                change = "changed" if text_change is not None else "same"
        first = None if text is None else first_reported(
            (cite.source for cite in clause.clause.cites), plan.sources)
        points[version_id] = HistoryPoint(
            version, state, clause.id, clause.reported_in, text=text,
            number=clause.clause.number, change=change, text_change=text_change,
            first_reported=first, sources=_cited_by(clause),
            clause=None if clause.removed else clause.clause)
    return History("clause", subject, label, None, tuple(points.values()),
                   sources=plan.sources)


def chart_series(result: History) -> list[tuple[str, float]]:
    """(label, value) bars for a numeric term: one per version, one per claim when disputed."""
    return [(label, value) for label, value, _hedged in chart_bars(result)]


def chart_bars(result: History) -> list[tuple[str, Any, bool]]:
    """`chart_series` with, for each bar, whether its sources only report the value (every
    citation hedged): a chart labels it 'reportedly', as the table beside it does."""
    bars: list[tuple[str, Any, bool]] = []
    for point in result.points:
        numeric = [c for c in point.claims if isinstance(c.value, (int, float))
                   and not isinstance(c.value, bool)]
        if len(point.claims) == 1 and numeric:
            carried = " (carried)" if point.carried_from else ""
            bars.append((point.version.id + carried, numeric[0].value, numeric[0].hedged))
        elif len(point.claims) > 1:
            carried = " (carried)" if point.carried_from else ""
            for claim in numeric:
                bars.append((f"{point.version.id}{carried} ({', '.join(claim.sources)})",
                             claim.value, claim.hedged))
    return bars
