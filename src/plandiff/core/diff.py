"""Pure diff of two resolved versions: alignment by identity, change kinds, deltas, word diffs."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from plandiff.core import models
from plandiff.core.as_of import FirstReported, KnownOn, first_reported
from plandiff.core.models import (
    CHANGE_KINDS,
    NUMERIC_TYPES,
    ChangeKind,
    Citation,
    Clause,
    Coverage,
    Disputed,
    NoLongerKnown,
    Plan,
    Source,
    Term,
    TermType,
    Version,
    all_hedged,
    citations_of,
)
from plandiff.core.positions import StanceChange, stance_changes
from plandiff.core.ranking import RankedChange, rank_changes
from plandiff.core.records import field, record
from plandiff.core.resolve import ResolvedClause, ResolvedVersion, Resolver
from plandiff.core.witnesses import Bibliography, Witnesses, same_value, witnesses

# --- results -----------------------------------------------------------------------------------


@record
class Claim:
    """One value of a term side, with the sources that support it (one claim unless disputed).
    `value` is NOT_KNOWN where the side says its earlier value can no longer be assumed."""

    value: Any
    sources: tuple[str, ...] = ()
    note: str | None = None
    hedged: bool = False  # every citation of it is hedged: reported, not settled
    independent: int | None = None  # independent witnesses of `sources` (None: not counted)

    @property
    def known(self) -> bool:
        return self.value is not NOT_KNOWN

    def __repr__(self) -> str:
        extra = "".join(f", {name}={value!r}" for name, value in (
            ("note", self.note), ("hedged", self.hedged or None),
            ("independent", self.independent)) if value is not None)
        return f"Claim({self.value!r}, sources={self.sources!r}{extra})"


class _NotKnown:
    """The value of a term that a report made unknown (`{unknown: why}`); `note` says why."""

    def __repr__(self) -> str:
        return "NOT_KNOWN"


NOT_KNOWN: Any = _NotKnown()

# What a term change says. The first five are changes; the last two are kept values.
TERM_CHANGES = ("added", "removed", "changed", "disputed", "unknown")
TERM_KEPT = ("confirmed", "carried")


@record
class TermChange:
    term: str
    label: str
    type: TermType
    change: str  # one of TERM_CHANGES or TERM_KEPT
    old: tuple[Claim, ...]  # empty when the side does not set the term
    new: tuple[Claim, ...]
    unit: str | None = None
    currency: str | None = None
    choices: dict[str, str] | None = None
    delta: float | None = None
    percent: float | None = None
    direction: str | None = None  # raised | lowered | earlier | later
    # A dispute against one known value: how each claim of the disputed side moved from it.
    claim_moves: tuple[tuple[float | None, float | None], ...] = ()
    # The version whose clause stated each side's value, and (when that is not the side's own
    # version) the version it is carried from; None where the side does not set the term.
    stated_in: tuple[str | None, str | None] = (None, None)
    carried_from: tuple[str | None, str | None] = (None, None)
    # The independent witnesses of each side (every claim's sources together); None where the
    # side does not set the term or the bibliography was not given.
    witnesses: tuple[Witnesses | None, Witnesses | None] = (None, None)
    # Each side's earliest citation (its source's date and id): when the value was first reported.
    first_reported: tuple[FirstReported | None, FirstReported | None] = (None, None)

    @property
    def hedged(self) -> tuple[bool, bool]:
        """Whether each side is only reported: every claim of it rests on hedged citations."""
        return (bool(self.old) and all(c.hedged for c in self.old),
                bool(self.new) and all(c.hedged for c in self.new))

    @property
    def disputed(self) -> bool:
        return len(self.old) > 1 or len(self.new) > 1

    def __repr__(self) -> str:
        def side(claims: tuple[Claim, ...]) -> Any:
            return claims[0].value if len(claims) == 1 else [c.value for c in claims] or None

        return (f"TermChange({self.term!r}, {self.change!r}, old={side(self.old)!r},"
                f" new={side(self.new)!r})")

    @property
    def magnitude(self) -> float:
        """How far the term moved, for ranking key changes (choices and flags count as 100%)."""
        if self.percent is not None:
            return abs(self.percent)
        if self.delta is not None:
            return abs(self.delta)
        percents = [abs(p) for _, p in self.claim_moves if p is not None]
        if percents:
            return max(percents)
        return 100.0

    @property
    def numeric(self) -> bool:
        """True when the change is measured: a delta, or deltas of disputed claims."""
        return self.delta is not None or any(d is not None for d, _ in self.claim_moves)


@record
class WordOp:
    op: str  # equal | delete | insert | replace
    old: str
    new: str


@record
class TextChange:
    old: str | None
    new: str | None
    ops: tuple[WordOp, ...]
    cosmetic: bool  # only white space, punctuation or case differ
    obligation: tuple[str, ...] = ()  # e.g. "weakened: will → may"


@record
class ClauseDiff:
    id: str
    change: ChangeKind
    old_id: str | None
    old: ResolvedClause | None
    new: ResolvedClause | None
    terms: tuple[TermChange, ...] = ()
    text: TextChange | None = None
    # Terms whose value did not change, on a clause the head lists: each either confirmed (the
    # head states the same value anew) or carried (the head does not mention it).
    kept: tuple[TermChange, ...] = ()

    @property
    def number(self) -> tuple[int | str | None, int | str | None]:
        return (self.old.clause.number if self.old else None,
                self.new.clause.number if self.new else None)

    @property
    def title(self) -> str | None:
        for side in (self.new, self.old):
            if side is not None and side.clause.title:
                return side.clause.title
        return None

    @property
    def topic(self) -> str | None:
        for side in (self.new, self.old):
            if side is not None and side.clause.topic:
                return side.clause.topic
        return None

    @property
    def cites(self) -> tuple[list[Citation], list[Citation]]:
        return (list(self.old.clause.cites) if self.old else [],
                list(self.new.clause.cites) if self.new else [])

    @property
    def reported_in(self) -> tuple[str | None, str | None]:
        return (self.old.reported_in if self.old else None,
                self.new.reported_in if self.new else None)


@record
class PlanDiff:
    base: Version
    head: Version
    clauses: tuple[ClauseDiff, ...]
    terms: dict[str, Term] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    # The parties' stances stated between the two versions: never a change of the draft.
    stances: tuple[StanceChange, ...] = ()
    # The plan as known on a date, when the diff was asked as of one (`KnownOn.date`).
    as_of: KnownOn | None = None
    # The parties' names (plans/positions.yaml), for the views to name them in a language.
    positions: models.Positions | None = None

    def __repr__(self) -> str:  # the fields hold the whole plan: kilobytes, not a summary
        changed = {kind: count for kind, count in self.summary.items() if count}
        return f"PlanDiff({self.base.id!r} → {self.head.id!r}, {changed})"
    # Every term change of the changed clauses, the main changes first (core/ranking.py).
    ranking: tuple[RankedChange, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(c.change for c in self.clauses)
        return {kind: counts.get(kind, 0) for kind in _SUMMARY_ORDER}

    @property
    def kept_terms(self) -> dict[str, int]:
        """Unchanged term values of the clauses the head lists: confirmed anew, or carried."""
        counts = Counter(t.change for c in self.clauses for t in c.kept)
        return {kind: counts.get(kind, 0) for kind in TERM_KEPT}

    @property
    def changed(self) -> list[ClauseDiff]:
        return [c for c in self.clauses if c.change not in ("unchanged", "unreported")]

    @property
    def has_changes(self) -> bool:
        return bool(self.changed)


_SUMMARY_ORDER: tuple[ChangeKind, ...] = (
    "added", "removed", "modified", "renamed", "renumbered", "unchanged", "unreported",
)
assert set(_SUMMARY_ORDER) == set(CHANGE_KINDS)


@record
class DiffOptions:
    terms: frozenset[str] | None = None  # keep only clauses that touch these terms
    topics: frozenset[str] | None = None  # keep only clauses with these topics


# --- the diff ------------------------------------------------------------------------------------


def diff_versions(plan: Plan, base_id: str, head_id: str, *,
                  options: DiffOptions | None = None, resolver: Resolver | None = None) -> PlanDiff:
    resolver = resolver or Resolver(plan)
    base = resolver.resolve(base_id)
    head = resolver.resolve(head_id)
    return diff_resolved(plan, base, head, options=options)


def diff_resolved(plan: Plan, base: ResolvedVersion, head: ResolvedVersion, *,
                  options: DiffOptions | None = None) -> PlanDiff:
    options = options or DiffOptions()
    sides = _Sides(base.id, head.id, Bibliography(plan.sources))
    results = [
        _diff_pair(plan, old, new, head.version.coverage, sides)
        for old, new in align(base, head)
    ]
    kept = [r for r in results if r is not None and _wanted(r, options)]
    used_sources = {
        cite.source
        for result in kept
        for side in (result.old, result.new) if side is not None
        for cite in citations_of(side.clause)
    } | {  # carried values are shown with the sources of the version that stated them
        source
        for result in kept
        for side in (result.old, result.new) if side is not None
        for stated in side.stated.values()
        for source in stated.sources
    }
    return PlanDiff(
        base=base.version,
        head=head.version,
        clauses=tuple(kept),
        terms=dict(plan.terms),
        sources={s: plan.sources[s] for s in sorted(used_sources) if s in plan.sources},
        stances=stance_changes(plan, base.version, head.version, terms=options.terms,
                               topics=options.topics),
        positions=plan.positions,
        ranking=rank_changes(plan, kept, head.version.date),
    )


def align(base: ResolvedVersion,
          head: ResolvedVersion) -> list[tuple[ResolvedClause | None, ResolvedClause | None]]:
    """Pairs of clauses with the same identity, by id and `was` links, never by position.

    Head order first, then base clauses that the head does not hold, in base order.
    """
    base_by_identity: dict[str, ResolvedClause] = {}
    holders: dict[str, list[ResolvedClause]] = {}  # identity -> base clauses holding it, in order
    for clause in base.clauses.values():
        for identity in clause.identities:
            base_by_identity.setdefault(identity, clause)
            holders.setdefault(identity, []).append(clause)
    matched: set[str] = set()
    pairs: list[tuple[ResolvedClause | None, ResolvedClause | None]] = []
    for clause in head.clauses.values():
        old = base.clauses.get(clause.id)
        was = clause.clause.was
        if was and was in base_by_identity and (old is None or was not in old.identities):
            # A `was` link outranks an id that an unrelated (e.g. long removed) clause held.
            old = next((c for c in holders[was] if c.id not in matched), old)
        if old is None or old.id in matched:
            old = next((base_by_identity[i] for i in sorted(clause.identities)
                        if i in base_by_identity and base_by_identity[i].id not in matched), None)
        if old is None:
            # The base may continue a head clause (diffing backwards in time).
            old = next((c for c in holders.get(clause.id, ()) if c.id not in matched), None)
        if old is not None:
            matched.add(old.id)
        pairs.append((old, clause))
    pairs.extend((clause, None) for clause in base.clauses.values() if clause.id not in matched)
    return pairs


@record
class _Sides:
    base: str
    head: str
    bibliography: Bibliography  # the plan's sources, each one's outlet worked out once


def _diff_pair(plan: Plan, old: ResolvedClause | None, new: ResolvedClause | None,
               head_coverage: Coverage, sides: _Sides) -> ClauseDiff | None:
    old_live = old if old is not None and not old.removed else None
    new_live = new if new is not None and not new.removed else None
    if old_live is None and new_live is None:
        return None  # in neither version
    clause_id = (new or old).id  # type: ignore[union-attr]
    old_id = old.id if old is not None and new is not None and old.id != new.id else None

    def diff_terms(old_side: ResolvedClause | None,
                   new_side: ResolvedClause | None) -> tuple[TermChange, ...]:
        return term_changes(plan.terms, old_side, new_side, sides.base, sides.head,
                            sides.bibliography)[0]

    # The terms a removed clause takes with it: worked out only for a removal.
    if new is not None and new.removed:
        dropped = diff_terms(old_live, None) if old_live is not None else ()
        return ClauseDiff(clause_id, "removed", old_id, old_live, new, terms=dropped)
    if new is None:
        if head_coverage is Coverage.partial:
            return ClauseDiff(clause_id, "unreported", None, old_live, None)
        dropped = diff_terms(old_live, None) if old_live is not None else ()
        return ClauseDiff(clause_id, "removed", None, old_live, None, terms=dropped)
    if old_live is None:
        return ClauseDiff(clause_id, "added", None, None, new, terms=diff_terms(None, new))
    terms, kept = term_changes(plan.terms, old_live, new, sides.base, sides.head,
                               sides.bibliography)
    text = diff_text(old_live.clause.text, new.clause.text)
    if not new.reported:
        return ClauseDiff(clause_id, "unreported", old_id, old_live, new, terms, text)
    if old_id is not None:
        kind: ChangeKind = "renamed"
    elif terms or text is not None:
        kind = "modified"
    elif _renumbered(old_live.clause, new.clause):
        kind = "renumbered"
    else:
        kind = "unchanged"
    return ClauseDiff(clause_id, kind, old_id, old_live, new, terms, text, kept)


def _renumbered(old: Clause, new: Clause) -> bool:
    # An unknown number (a partial version that does not report it) is not a renumbering.
    return old.number is not None and new.number is not None and old.number != new.number


def _wanted(result: ClauseDiff, options: DiffOptions) -> bool:
    if options.topics is not None and result.topic not in options.topics:
        return False
    if options.terms is not None:
        sides = [s.clause for s in (result.old, result.new) if s is not None]
        if not any(options.terms & set(c.terms) for c in sides):
            return False
    return True


# --- terms ---------------------------------------------------------------------------------------


def claims_of(value: Any, fallback_sources: tuple[str, ...], *, hedged: bool = False,
              sources: Mapping[str, Source] | None = None) -> tuple[Claim, ...]:
    """A term value as claims: one, or one per claim of a dispute (each with its own sources
    and hedge). `fallback_sources` and `hedged`: the citations of the clause that stated a value
    that is not disputed. With the bibliography (`sources`), each claim counts its independent
    witnesses."""
    if isinstance(value, Disputed):
        return rival_claims(tuple(_claim(c, sources) for c in value.disputed), sources)
    count = witnesses(sources, fallback_sources).independent if sources is not None else None
    if isinstance(value, NoLongerKnown):
        return (Claim(NOT_KNOWN, fallback_sources, value.unknown, hedged, count),)
    return (Claim(value, fallback_sources, None, hedged, count),)


def _claim(claim: models.Claim, bibliography: Mapping[str, Source] | None) -> Claim:
    """A disputed claim: its value, or NOT_KNOWN (with why, then its note) where the source gives
    none (`unknown: why`)."""
    sources = tuple(dict.fromkeys(x.source for x in claim.cites))
    hedged = all_hedged(claim.cites)
    count = witnesses(bibliography, sources).independent if bibliography is not None else None
    if claim.unknown is None:
        return Claim(claim.value, sources, claim.note, hedged, count)
    why = claim.unknown if claim.note is None else f"{claim.unknown}; {claim.note}"
    return Claim(NOT_KNOWN, sources, why, hedged, count)


def rival_claims(claims: tuple[Claim, ...],
                 bibliography: Mapping[str, Source] | None) -> tuple[Claim, ...]:
    """A dispute's claims as the views print them. A dispute is a conflict between witnesses:
    while fewer than two distinct values are given, the claims are that one value, stated by the
    sources of the claims that give it (a claim that gives no value, `unknown:`, disputes
    nothing, and two claims of the same value are one value with both witnesses). Claims that
    do conflict are kept as written; so are claims none of which gives a value."""
    given = [claim for claim in claims if claim.known]
    if not given or any(not same_value(given[0].value, c.value) for c in given[1:]):
        return claims
    if len(given) == 1 and len(claims) == 1:
        return claims
    sources = tuple(dict.fromkeys(s for claim in given for s in claim.sources))
    notes = [claim.note for claim in given if claim.note]
    count = witnesses(bibliography, sources).independent if bibliography is not None else None
    return (Claim(given[0].value, sources, "; ".join(notes) or None,
                  all(claim.hedged for claim in given), count),)


def claims_first_reported(claims: tuple[Claim, ...],
                          sources: Mapping[str, Source] | None) -> FirstReported | None:
    """A value's first report: the earliest dated source of any of its claims."""
    if sources is None or not claims:
        return None
    cited = claims[0].sources if len(claims) == 1 else \
        tuple(s for claim in claims for s in claim.sources)
    if isinstance(sources, Bibliography):
        known: FirstReported | None = sources.remembered(
            ("first reported", cited), lambda: first_reported(cited, sources))
        return known
    return first_reported(cited, sources)


def value_claims(side: ResolvedClause, term_id: str,
                 bibliography: Mapping[str, Source] | None = None) -> tuple[Claim, ...]:
    """The claims of a term's value in a resolved clause, with the sources, hedge and witnesses
    of the clause that stated it."""
    where = side.stated.get(term_id)
    if where is not None:
        cited, hedged = where.sources, where.hedged
    else:
        cited = tuple(dict.fromkeys(c.source for c in side.clause.cites))
        hedged = all_hedged(side.clause.cites)
    return claims_of(side.clause.terms[term_id], cited, hedged=hedged, sources=bibliography)


def _same(old: tuple[Claim, ...], new: tuple[Claim, ...]) -> bool:
    return [c.value for c in old] == [c.value for c in new]


def term_changes(registry: dict[str, Term], old: ResolvedClause | None,
                 new: ResolvedClause | None, base_id: str, head_id: str,
                 bibliography: Mapping[str, Source] | None = None,
                 ) -> tuple[tuple[TermChange, ...], tuple[TermChange, ...]]:
    """The term changes between two sides of a clause, and the terms it keeps (confirmed by the
    head, or carried), each side saying which version stated its value and (with the
    bibliography) its witnesses and when it was first reported."""
    old_terms = old.clause.terms if old is not None else {}
    new_terms = new.clause.terms if new is not None else {}
    changes: list[TermChange] = []
    kept: list[TermChange] = []
    for term_id in dict.fromkeys([*old_terms, *new_terms]):
        in_old, in_new = term_id in old_terms, term_id in new_terms
        old_claims = value_claims(old, term_id, bibliography) if old is not None and in_old \
            else ()
        new_claims = value_claims(new, term_id, bibliography) if new is not None and in_new \
            else ()
        old_stated = old.stated_in(term_id) if old is not None and in_old else None
        new_stated = new.stated_in(term_id) if new is not None and in_new else None
        if _same(old_claims, new_claims):
            if new is None or not new.reported or (base_id == head_id
                                                   and old_stated == new_stated):
                continue  # a clause the head does not list, or the same statement twice
            if new_stated != head_id:
                kind = "carried"
            elif old_stated != new_stated:
                kind = "confirmed"
            else:
                continue
        elif not in_old:
            kind = "added"
        elif not in_new:
            kind = "removed"
        elif (len(new_claims) == 1 and not new_claims[0].known
              and all(c.known for c in old_claims)):
            kind = "unknown"
        elif len(old_claims) > 1 or len(new_claims) > 1:
            kind = "disputed"
        else:
            kind = "changed"
        term = registry.get(term_id) or Term(label=term_id, type=TermType.text)
        delta, percent, direction = None, None, None
        claim_moves: tuple[tuple[float | None, float | None], ...] = ()
        if kind == "changed":
            delta, percent, direction = movement(term, old_claims[0].value, new_claims[0].value)
        elif kind == "disputed" and len(old_claims) == 1:
            claim_moves = tuple(movement(term, old_claims[0].value, c.value)[:2]
                                for c in new_claims)
        elif kind == "disputed" and len(new_claims) == 1:
            claim_moves = tuple(movement(term, c.value, new_claims[0].value)[:2]
                                for c in old_claims)
        change = TermChange(
            term=term_id, label=term.label, type=term.type, change=kind,
            old=old_claims, new=new_claims, unit=term.unit, currency=term.currency,
            choices=dict(term.choices) if term.choices else None,
            delta=delta, percent=percent, direction=direction, claim_moves=claim_moves,
            stated_in=(old_stated, new_stated),
            carried_from=(old_stated if old_stated not in (None, base_id) else None,
                          new_stated if new_stated not in (None, head_id) else None),
            witnesses=(_side_witnesses(old_claims, bibliography),
                       _side_witnesses(new_claims, bibliography)),
            first_reported=(claims_first_reported(old_claims, bibliography),
                            claims_first_reported(new_claims, bibliography)),
        )
        (kept if kind in TERM_KEPT else changes).append(change)
    return tuple(changes), tuple(kept)


def _side_witnesses(claims: tuple[Claim, ...],
                    bibliography: Mapping[str, Source] | None) -> Witnesses | None:
    if not claims or bibliography is None:
        return None
    if len(claims) == 1:
        return witnesses(bibliography, claims[0].sources)
    return witnesses(bibliography, [s for claim in claims for s in claim.sources])


def movement(term: Term, old: Any, new: Any) -> tuple[float | None, float | None, str | None]:
    """Delta, percent and direction of a numeric or date change."""
    if old is NOT_KNOWN or new is NOT_KNOWN:
        return None, None, None
    if term.type in NUMERIC_TYPES and _is_number(old) and _is_number(new):
        delta = exact_difference(new, old)
        percent = round(delta / old * 100, 2) if old else None
        direction = "raised" if delta > 0 else "lowered" if delta < 0 else None
        return _tidy(delta), percent, direction
    if term.type is TermType.date:
        old_date, new_date = _as_date(old), _as_date(new)
        if old_date and new_date:
            days = (new_date - old_date).days
            return days, None, "later" if days > 0 else "earlier" if days < 0 else None
    return None, None, None


def exact_difference(new: float, old: float) -> float:
    """`new - old` as the decimals the file states give it: 50.0004 - 50 is 0.0004, where binary
    floating point gives 0.00039999999999906777."""
    if isinstance(new, int) and isinstance(old, int):
        return new - old
    from decimal import Decimal

    return float(Decimal(repr(new)) - Decimal(repr(old)))


def _tidy(number: float) -> float:
    return int(number) if float(number).is_integer() else number


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- text ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_PUNCTUATION = re.compile(r"[^\w\s]")
_STRONG = {"shall", "must", "will", "agrees", "undertakes", "commits", "guarantees"}
_WEAK = {"may", "should", "could", "might", "can", "expects", "expected", "seeks", "aims"}
MAX_WORD_DIFF_TOKENS = 4000
REWRITE_RATIO = 0.4


def _fold(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text).casefold().split())


def diff_text(old: str | None, new: str | None) -> TextChange | None:
    """Word-level diff; None when the texts are equal or a side does not give text."""
    if old is None or new is None or old == new:
        return None
    old_words, new_words = _TOKEN.findall(old), _TOKEN.findall(new)
    cosmetic = _fold(old) == _fold(new)
    ops = _word_ops(old_words, new_words)
    return TextChange(old, new, ops, cosmetic, _obligation_shifts(ops))


def _word_ops(old: Sequence[str], new: Sequence[str]) -> tuple[WordOp, ...]:
    if len(old) + len(new) > MAX_WORD_DIFF_TOKENS:
        # Very long texts: one replacement, so a diff never costs quadratic time.
        return (WordOp("replace", " ".join(old), " ".join(new)),)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < REWRITE_RATIO:
        # A rewrite, not an edit: interleaved fragments would be harder to read than both texts.
        return (WordOp("replace", " ".join(old), " ".join(new)),)
    return tuple(
        WordOp(tag, " ".join(old[i1:i2]), " ".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _modals(words: str) -> tuple[set[str], set[str]]:
    tokens = {_PUNCTUATION.sub("", w).casefold() for w in words.split()}
    return tokens & _STRONG, tokens & _WEAK


def _obligation_shifts(ops: Sequence[WordOp]) -> tuple[str, ...]:
    shifts = []
    for op in ops:
        if op.op == "equal":
            continue
        old_strong, old_weak = _modals(op.old)
        new_strong, new_weak = _modals(op.new)
        if old_strong and new_weak and not new_strong:
            shifts.append(f"weakened: {'/'.join(sorted(old_strong))} →"
                          f" {'/'.join(sorted(new_weak))}")
        elif old_weak and new_strong and not old_strong:
            shifts.append(f"strengthened: {'/'.join(sorted(old_weak))} →"
                          f" {'/'.join(sorted(new_strong))}")
        elif old_strong - new_strong and not new_strong and op.op == "delete":
            shifts.append(f"weakened: {'/'.join(sorted(old_strong))} removed")
    return tuple(dict.fromkeys(shifts))
