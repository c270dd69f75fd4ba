"""The N main changes of a diff (core/ranking.py), each with a one-line reason that names the
fields it comes from: terms.yaml's `salience` and `order`, the move's size, positions.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff.core.models import StanceKind, TermType
from plandiff.core.ranking import RED_LINE, STANCE, TOP, RankedChange, StanceMove
from plandiff.render import values

if TYPE_CHECKING:
    from rich.console import Console

    from plandiff.core.diff import PlanDiff
    from plandiff.i18n import Locale

__all__ = ["RED_LINE", "STANCE", "TOP", "heading", "main", "reason", "terminal"]


def main(result: PlanDiff, top: int = TOP) -> tuple[RankedChange, ...]:
    return result.ranking[:max(top, 0)]


def heading(loc: Locale, count: int) -> str:
    return loc.ngettext("The main change", "The {count} main changes", count).format(
        count=values.count(loc, count))


def _decimal(loc: Locale, value: float) -> str:
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return shown if loc.english else loc.digits_in(shown)


def _party(loc: Locale, code: str, name: str) -> str:
    return name if loc.english else loc.party(code, name)


def _names(loc: Locale, names: list[str]) -> str:
    return loc.and_list(names)


def _salience(loc: Locale, item: RankedChange) -> str:
    if not item.red_lines:
        return loc._("no salience in terms.yaml: ranked by the size of the move alone")
    cited = [_party(loc, r.party, r.party_name) for r in item.red_lines if r.cited]
    editorial = [_party(loc, r.party, r.party_name) for r in item.red_lines if not r.cited]
    parts = []
    if cited:
        parts.append(loc.ngettext("a red line for {parties} (terms.yaml salience, cited)",
                                  "a red line for {parties} (terms.yaml salience, cited)",
                                  len(cited)).format(parties=_names(loc, cited)))
    if editorial:
        parts.append(loc.ngettext("a red line for {parties} (terms.yaml salience, editorial)",
                                  "a red line for {parties} (terms.yaml salience, editorial)",
                                  len(editorial)).format(parties=_names(loc, editorial)))
    return loc._("; ").join(parts)


def _size(loc: Locale, item: RankedChange) -> str:
    size = _decimal(loc, item.size)
    change = item.term
    if item.basis == "relative":
        percents = [p for _, p in change.claim_moves if p is not None]
        percent = change.percent if change.percent is not None else (
            max(percents, key=abs) if percents else None)
        if percent is None:
            return loc._("a move from nothing (size {size})").format(size=size)
        shown = f"{abs(percent):.1f}%" if loc.english else loc.percent(abs(percent))
        return loc._("a move of {percent} of the old value (size {size})").format(
            percent=shown, size=size)
    if item.basis == "days":
        days = abs(int(change.delta or 0))
        return loc.ngettext("a move of {count} day (size {size})",
                            "a move of {count} days (size {size})", days).format(
            count=values.count(loc, days), size=size)
    if item.basis == "scale":
        return loc._("a move along the term's ordered scale (terms.yaml order; size {size})"
                     ).format(size=size)
    return {
        "flag": loc._("a flag turned (size {size})"),
        "set": loc._("a value set where there was none (size {size})"),
        "dropped": loc._("a value no longer set (size {size})"),
    }.get(item.basis, loc._("a change that no scale measures (no order in terms.yaml; size"
                            " {size})")).format(size=size)


def _stance(loc: Locale, item: RankedChange, move: StanceMove) -> str:
    from plandiff.render.positions import named_flag

    party = _party(loc, move.party, move.party_name)
    shown = values.value(loc, item.term, move.value)
    named = (named_flag(loc, values.label(loc, item.term), move.value, shown)
             if item.term.type is TermType.flag and isinstance(move.value, bool) else
             values.value(loc, item.term, move.value, prose=True))
    day = move.date.isoformat() if loc.english else loc.date(move.date)
    if move.stance is StanceKind.reject and move.hedged:
        text = (loc._("moves away from what {party} reportedly rejects, {value} (positions.yaml,"
                      " {date})")
                if move.toward else
                loc._("moves toward what {party} reportedly rejects, {value} (positions.yaml,"
                      " {date})"))
        return text.format(party=party, value=shown, date=day, object=named)
    if move.stance is StanceKind.reject:
        text = (loc._("moves away from what {party} rejects, {value} (positions.yaml, {date})")
                if move.toward else
                loc._("moves toward what {party} rejects, {value} (positions.yaml, {date})"))
        return text.format(party=party, value=shown, date=day, object=named)
    kind = {
        StanceKind.demand: loc._("demand"), StanceKind.offer: loc._("offer"),
        StanceKind.proposal: loc._("proposal"), StanceKind.red_line: loc._("red line"),
        StanceKind.accept: loc._("acceptance"),
    }.get(move.stance, move.stance.value)
    if move.hedged:  # every citation of the stance is hedged: reported, not stated
        text = (loc._("moves toward the reported {stance} of {party}, {value} (positions.yaml,"
                      " {date})")
                if move.toward else
                loc._("moves away from the reported {stance} of {party}, {value}"
                      " (positions.yaml, {date})"))
    else:
        text = (loc._("moves toward the stated {stance} of {party}, {value} (positions.yaml,"
                      " {date})")
                if move.toward else
                loc._("moves away from the stated {stance} of {party}, {value} (positions.yaml,"
                      " {date})"))
    return text.format(party=party, stance=kind, value=shown, date=day, object=named,
                       to_party=values.to_name(loc, party))


def reason(loc: Locale, item: RankedChange) -> str:
    """'a red line for Ukraine (terms.yaml salience, cited); a move of 33.3% of the old value
    (size 0.33); moves toward the stated offer of Ukraine, …; score 1.83'."""
    parts = [_salience(loc, item), _size(loc, item)]
    if item.salient:
        parts += [_stance(loc, item, move) for move in item.stances]
    parts.append(loc._("score {score}").format(score=_decimal(loc, item.score)))
    return loc._("; ").join(parts)


def rule(loc: Locale) -> str:
    """The rule, in one line, for the head of the list."""
    # every digit of the line in one system («من ٠ إلى ١»، «٠٫٥»)
    return loc.digits_in(loc._(
        "Ranked by the size of each move (0 to 1), plus {red} on a term that terms.yaml"
        " marks a red line for a party and {stance} more when the move goes toward or"
        " away from a party's stated position (docs/reports.md).").format(
        red=_decimal(loc, RED_LINE), stance=_decimal(loc, STANCE)))


def terminal(loc: Locale, result: PlanDiff, console: Console, top: int = TOP) -> None:
    from plandiff.core.hidden_characters import make_visible
    from plandiff.render.styled import Styled

    shown = main(result, top)
    if not shown:
        return
    console.print()
    console.print(Styled(heading(loc, len(shown)) + loc._(":"), style="bold"))
    console.print(Styled("  " + rule(loc), style="dim"))
    for index, item in enumerate(shown, 1):
        line = Styled(f"  {values.count(loc, index)}. ")
        line.append(make_visible(values.term_line(loc, item.term)), style="bold")
        line.append(loc.pgettext("a line's clause", "  [{id}]").format(id=item.clause.id))
        console.print(line)
        console.print(Styled("     " + make_visible(reason(loc, item)), style="dim"))
