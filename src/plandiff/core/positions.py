"""Pure: who wants what. Each party's stated positions on each term, the latest draft beside
them, where the sides stand apart or together, and the stances stated between two versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from plandiff.core.models import (
    Disputed,
    NoLongerKnown,
    Plan,
    Position,
    Source,
    StanceKind,
    Term,
    Version,
    all_hedged,
)
from plandiff.core.problems import PlandiffError
from plandiff.core.records import field, record
from plandiff.core.resolve import Resolver, lineage_order
from plandiff.core.witnesses import witnesses

# Present and past forms of each kind of stance, for sentences ("Russia demands ...").
VERBS: dict[StanceKind, tuple[str, str]] = {
    StanceKind.demand: ("demands", "demanded"),
    StanceKind.offer: ("offers", "offered"),
    StanceKind.proposal: ("proposes", "proposed"),
    StanceKind.red_line: ("insists on", "insisted on"),
    StanceKind.accept: ("accepts", "accepted"),
    StanceKind.reject: ("rejects", "rejected"),
}


@record
class Subject:
    """What positions are about: a term of the registry, or an issue in words."""

    term: str | None
    issue: str | None
    label: str
    definition: Term | None = None

    @property
    def key(self) -> str:
        return self.term if self.term is not None else f"issue: {self.issue}"


@record
class Stance:
    """One recorded position, with its party's name and its place in the file."""

    position: Position
    party_name: str
    index: int
    witnesses: int = 0  # independent witnesses of its sources (core.witnesses)

    @property
    def hedged(self) -> bool:
        """Every citation of the stance is hedged: it is reported, not settled."""
        return all_hedged(self.position.cites)

    @property
    def party(self) -> str:
        return self.position.party

    @property
    def date(self) -> dt.date:
        return self.position.date

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.position.cites))

    def same_line(self, other: Stance) -> bool:
        """The same kind of stance on the same value (a restatement)."""
        a, b = self.position, other.position
        return (a.stance is b.stance and a.has_value == b.has_value
                and (not a.has_value or same_value(a.value, b.value)))


@record
class DraftValue:
    """What a draft says on a term: the clause that sets it, and whether the draft reports it."""

    version: Version
    clause_id: str
    value: Any  # a plain value, Disputed or NoLongerKnown
    reported: bool  # stated by the version itself (False: carried from `stated_in`)
    stated_in: str  # the version whose clause last stated the value

    @property
    def plain(self) -> bool:
        return not isinstance(self.value, (Disputed, NoLongerKnown))


@record
class Agreement:
    """Where the parties' latest stances on one subject stand.

    `status`: `converged` (every party names the same value), `apart` (they name different
    values, or one rejects what another wants), `one-party`, `unclear` (some name no value, so
    they cannot be compared) or `none`. `groups` are the wanted values with the parties that
    want each; `rejects` what each rejecting party refuses (None: any value); `no_value` the
    parties whose stance names no value. `meets` and `misses` compare the latest draft with each
    party's line (a party in neither cannot be compared).
    """

    status: str
    groups: tuple[tuple[Any, tuple[str, ...]], ...] = ()
    rejects: tuple[tuple[str, Any], ...] = ()
    no_value: tuple[str, ...] = ()
    meets: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()


@record
class SubjectPositions:
    subject: Subject
    latest: tuple[Stance, ...]  # each party's latest stance, by party order
    history: tuple[Stance, ...]  # every stance, oldest first
    draft: DraftValue | None
    agreement: Agreement


@record
class PositionsTable:
    parties: dict[str, str]
    draft: Version | None  # the latest draft, beside the parties
    subjects: tuple[SubjectPositions, ...]
    history: bool  # the whole history was asked for
    sources: dict[str, Source] = field(default_factory=dict)


@record
class StanceChange:
    """A party's last stance on a subject stated between two versions: `new` (it had none as of
    the earlier version), `changed` (another stance or value than it had then, `before`) or
    `restated`."""

    stance: Stance
    subject: Subject
    change: str
    before: Stance | None


# --- the table ---------------------------------------------------------------------------------


def stances(plan: Plan) -> list[Stance]:
    """Every position, oldest first (same date: file order)."""
    names = plan.positions.parties
    listed = [Stance(p, names.get(p.party, p.party), i,
                     witnesses(plan.sources, (c.source for c in p.cites)).independent)
              for i, p in enumerate(plan.positions.positions)]
    return sorted(listed, key=lambda s: (s.date, s.index))


def subject_of(plan: Plan, position: Position) -> Subject:
    if position.term is not None:
        term = plan.terms.get(position.term)
        return Subject(position.term, None, term.label if term else position.term, term)
    return Subject(None, position.issue, position.issue or "")


def latest_draft(plan: Plan) -> Version | None:
    """The newest version by date (the last in lineage order among the newest)."""
    order = {v: i for i, v in enumerate(lineage_order(plan))}
    newest = sorted(plan.versions.values(), key=lambda v: (v.date, order.get(v.id, 0)))
    return newest[-1] if newest else None


def draft_value(resolver: Resolver, version: Version, term_id: str) -> DraftValue | None:
    for clause in resolver.resolve(version.id).live():
        if term_id in clause.clause.terms:
            stated_in = clause.stated_in(term_id)
            return DraftValue(version, clause.id, clause.clause.terms[term_id],
                              clause.reported and stated_in == version.id, stated_in)
    return None


def positions_table(plan: Plan, term: str | None = None, *, history: bool = False,
                    resolver: Resolver | None = None) -> PositionsTable:
    """For each subject with a position (or the one term asked for): each party's latest stance,
    every stance when `history`, the latest draft's value and where the sides stand."""
    if term is not None and term not in plan.terms:
        from plandiff.core.model_errors import suggest

        raise PlandiffError(f"`{term}` is not a term in plans/terms.yaml",
                            suggest(term, plan.terms) or "`plandiff positions` lists the terms"
                            " that parties have taken positions on")
    resolver = resolver or Resolver(plan)
    draft = latest_draft(plan)
    everything = stances(plan)
    by_subject: dict[str, list[Stance]] = {}
    subjects: dict[str, Subject] = {}
    for stance in everything:
        subject = subject_of(plan, stance.position)
        subjects.setdefault(subject.key, subject)
        by_subject.setdefault(subject.key, []).append(stance)
    if term is not None:
        keys = [term]
        subjects.setdefault(term, Subject(term, None, plan.terms[term].label, plan.terms[term]))
    else:
        terms = [t for t in plan.terms if t in by_subject]
        unknown = [k for k in by_subject if k not in plan.terms and subjects[k].term is not None]
        issues = [k for k in by_subject if subjects[k].term is None]
        keys = terms + unknown + issues
    party_order = {code: i for i, code in enumerate(plan.positions.parties)}
    rows = []
    for key in keys:
        subject = subjects[key]
        listed = by_subject.get(key, [])
        latest: dict[str, Stance] = {}
        for stance in listed:
            latest[stance.party] = stance
        ordered = tuple(sorted(latest.values(),
                               key=lambda s: (party_order.get(s.party, len(party_order)),
                                              s.party)))
        value = (draft_value(resolver, draft, subject.term)
                 if draft is not None and subject.term is not None else None)
        rows.append(SubjectPositions(subject, ordered, tuple(listed) if history else ordered,
                                     value, agreement(ordered, value)))
    cited = {s for row in rows for stance in row.history for s in stance.sources}
    return PositionsTable(dict(plan.positions.parties), draft, tuple(rows), history,
                          {s: plan.sources[s] for s in sorted(cited) if s in plan.sources})


def agreement(latest: Iterable[Stance], draft: DraftValue | None) -> Agreement:
    latest = list(latest)
    if not latest:
        return Agreement("none")
    groups: list[tuple[Any, list[str]]] = []
    rejects: list[tuple[str, Any]] = []
    no_value: list[str] = []
    for stance in latest:
        position = stance.position
        if position.stance is StanceKind.reject:
            rejects.append((stance.party, position.value if position.has_value else None))
        elif not position.has_value:
            no_value.append(stance.party)
        else:
            for value, parties in groups:
                if same_value(value, position.value):
                    parties.append(stance.party)
                    break
            else:
                groups.append((position.value, [stance.party]))
    wanted = [value for value, _ in groups]
    clash = len(groups) > 1 or any(
        (value is None and any(w is not None for w in wanted))
        or (value is not None and any(same_value(value, w) for w in wanted))
        for _, value in rejects)
    if len(latest) == 1:
        status = "one-party"
    elif clash:
        status = "apart"
    elif len(groups) == 1 and not rejects and not no_value:
        status = "converged"
    else:
        status = "unclear"
    meets: list[str] = []
    misses: list[str] = []
    if draft is not None and draft.plain:
        for value, parties in groups:
            (meets if same_value(value, draft.value) else misses).extend(parties)
        for party, value in rejects:
            hit = draft.value is not None if value is None else same_value(value, draft.value)
            (misses if hit else meets).append(party)
    return Agreement(status, tuple((v, tuple(p)) for v, p in groups), tuple(rejects),
                     tuple(no_value), tuple(meets), tuple(misses))


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return str(a) == str(b)
    return bool(a == b)


# --- stances between two versions ---------------------------------------------------------------


def stance_changes(plan: Plan, base: Version, head: Version, *,
                   terms: frozenset[str] | None = None,
                   topics: frozenset[str] | None = None) -> tuple[StanceChange, ...]:
    """Each party's last stance on each subject stated after the earlier of two versions and up
    to the later one (by date), with how it differs from the party's stance as of the earlier
    version (`before`). With `terms`, only stances on those terms; with `topics`, only stances on
    terms that a clause with one of those topics sets, in any version."""
    if not plan.positions.positions:
        return ()
    if topics is not None:
        topical = {t for v in plan.versions.values() for c in v.clauses if c.topic in topics
                   for t in c.terms}
        terms = frozenset(topical if terms is None else topical & terms)
    low, high = sorted((base.date, head.date))
    before: dict[tuple[str, str], Stance] = {}
    last: dict[tuple[str, str], tuple[Stance, Subject]] = {}
    for stance in stances(plan):
        subject = subject_of(plan, stance.position)
        key = (stance.party, subject.key)
        if stance.date <= low:
            before[key] = stance
        elif stance.date <= high and (terms is None or subject.term in terms):
            last[key] = (stance, subject)
    found = []
    for key, (stance, subject) in last.items():
        earlier = before.get(key)
        change = "new" if earlier is None else "restated" if stance.same_line(earlier) \
            else "changed"
        found.append(StanceChange(stance, subject, change, earlier))
    return tuple(sorted(found, key=lambda c: (c.stance.date, c.stance.index)))
