"""Pure: which changes of a diff matter most. A term change's rank is the size of its move (0 to
1), plus, on a term that terms.yaml marks a red line for a party (`salience`), 0.5 for the red
line and 0.5 more when the move goes toward or away from a party's stated position
(positions.yaml). A term without salience ranks by the size of its move alone. docs/reports.md
states the rule; every part of it is kept here, so that a reason can name where it comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from plandiff.core.models import (
    NUMERIC_TYPES,
    Plan,
    Position,
    StanceKind,
    Term,
    TermType,
    all_hedged,
)
from plandiff.core.records import record

if TYPE_CHECKING:
    from plandiff.core.diff import ClauseDiff, TermChange

RED_LINE = 0.5  # a term that terms.yaml marks a red line for a party
STANCE = 0.5  # ... whose change moves toward or away from a party's stated position
UNMEASURED = 0.5  # the size of a move no scale measures: half of the whole
YEAR = 365  # days: a date that moves a year or more has moved the whole scale
TOP = 4  # how many main changes the report and the terminal diff lead with


@record
class RedLine:
    """A party for which terms.yaml marks the term a red line; `cited`: the salience entry cites
    the party's statement (else its reason is the editors', `editorial: true`)."""

    party: str
    party_name: str
    cited: bool


@record
class StanceMove:
    """How the change moves against one party's latest stated position on the term (stated on or
    before the head version's date): toward it, or away from it."""

    party: str
    party_name: str
    stance: StanceKind
    value: Any
    date: dt.date
    toward: bool
    hedged: bool = False  # every citation of the position is hedged: reported, not settled


@record
class RankedChange:
    """One term change of a diff, with its rank and every part of it."""

    clause: ClauseDiff
    term: TermChange
    size: float  # 0 to 1
    basis: str  # relative | days | scale | flag | set | dropped | unmeasured
    red_lines: tuple[RedLine, ...]
    stances: tuple[StanceMove, ...]

    @property
    def salient(self) -> bool:
        return bool(self.red_lines)

    @property
    def stance_weight(self) -> float:
        return STANCE if self.salient and self.stances else 0.0

    @property
    def score(self) -> float:
        return self.size + (RED_LINE if self.salient else 0.0) + self.stance_weight


def rank_changes(plan: Plan, clauses: Iterable[ClauseDiff], head_date: dt.date
                 ) -> tuple[RankedChange, ...]:
    """Every term change of the changed clauses, highest rank first (ties: the larger move, then
    the diff's order)."""
    parties = plan.positions.parties
    latest = _latest_positions(plan.positions.positions, head_date)
    found: list[tuple[float, float, int, RankedChange]] = []
    for item in clauses:
        if item.change in ("unchanged", "unreported"):
            continue
        for change in item.terms:
            term = plan.terms.get(change.term)
            if term is None:
                continue
            size, basis = move_size(term, change)
            red_lines = tuple(RedLine(mark.party, parties.get(mark.party, mark.party),
                                      bool(mark.cites) and not mark.editorial)
                              for mark in term.salience)
            moves = tuple(_stance_moves(term, change, latest.get(change.term, ()), parties))
            ranked = RankedChange(item, change, size, basis, red_lines, moves)
            found.append((-ranked.score, -size, len(found), ranked))
    return tuple(entry[3] for entry in sorted(found, key=lambda entry: entry[:3]))


def move_size(term: Term, change: TermChange) -> tuple[float, str]:
    """How far a term moved, from 0 to 1, and what measured it."""
    if change.change == "added":
        return 1.0, "set"
    if change.change == "removed":
        return 1.0, "dropped"
    if change.change == "changed":
        old, new = change.old[0].value, change.new[0].value
        if term.type in NUMERIC_TYPES:
            if change.percent is not None:
                return min(abs(change.percent) / 100, 1.0), "relative"
            return (1.0, "relative") if change.delta else (0.0, "relative")
        if term.type is TermType.date and change.delta is not None:
            return min(abs(change.delta) / YEAR, 1.0), "days"
        if term.type is TermType.flag:
            return 1.0, "flag"
        steps = scale_distance(term, old, new)
        if steps is not None:
            return steps, "scale"
        return UNMEASURED, "unmeasured"
    if change.change == "disputed":
        percents = [abs(p) for _, p in change.claim_moves if p is not None]
        if percents:
            return min(max(percents) / 100, 1.0), "relative"
    return UNMEASURED, "unmeasured"


def scale_distance(term: Term, old: Any, new: Any) -> float | None:
    """The distance between two choices on the term's own ordered scale (`order`), as a share of
    the whole scale; None where the term has no order or a choice is off it."""
    order = term.order or []
    if len(order) < 2 or old not in order or new not in order:
        return None
    return abs(order.index(old) - order.index(new)) / (len(order) - 1)


def _latest_positions(positions: Iterable[Position], day: dt.date
                      ) -> dict[str, list[Position]]:
    """Each party's latest position with a value on each term, stated on or before `day`."""
    latest: dict[tuple[str, str], Position] = {}
    for position in positions:
        if position.term is None or not position.has_value or position.date > day:
            continue
        key = (position.term, position.party)
        if key not in latest or latest[key].date <= position.date:
            latest[key] = position
    by_term: dict[str, list[Position]] = {}
    for (term_id, _party), position in sorted(latest.items()):
        by_term.setdefault(term_id, []).append(position)
    return by_term


def _stance_moves(term: Term, change: TermChange, positions: Iterable[Position],
                  parties: Mapping[str, str]) -> Iterable[StanceMove]:
    old = _single(change.old)
    new = _single(change.new)
    for position in positions:
        before, after = _distance(term, old, position.value), _distance(term, new, position.value)
        if (before is None and after is None) or before == after:
            continue
        if before is None:  # a value set: toward when it is the party's
            if after != 0:
                continue
            closer = True
        elif after is None:  # a value dropped: away when it was the party's
            if before != 0:
                continue
            closer = False
        else:
            closer = after < before
        if position.stance is StanceKind.reject:
            closer = not closer  # nearer to what a party refuses is farther from the party
        yield StanceMove(position.party, parties.get(position.party, position.party),
                         position.stance, position.value, position.date, closer,
                         all_hedged(position.cites))


_NONE = object()


def _single(claims: tuple[Any, ...]) -> Any:
    if len(claims) != 1 or not claims[0].known:
        return _NONE
    return claims[0].value


def _distance(term: Term, value: Any, target: Any) -> float | None:
    """How far a value is from a stated one: in its unit, in steps of the ordered scale, or 0
    (the same) and 1 (different) where nothing measures it; None for no single value."""
    if value is _NONE or value is None:
        return None
    if term.type in NUMERIC_TYPES and _number(value) and _number(target):
        return float(abs(value - target))
    steps = scale_distance(term, value, target)
    if steps is not None:
        return steps
    return 0.0 if value == target else 1.0


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
