"""Plain-text formatting of term values and their changes, shared by every view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from plandiff import i18n
from plandiff.core.diff import NOT_KNOWN, Claim, ClauseDiff, PlanDiff, TermChange, TextChange
from plandiff.core.models import Term, TermType
from plandiff.i18n import _, ngettext
from plandiff.i18n import content as tr

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))


def number(value: float) -> str:
    """600000 -> '600,000'; 19.004 -> '19.004': every decimal the file states, none it does not."""
    if not i18n.english():
        return i18n.number(value)
    if isinstance(value, float) and not value.is_integer():
        from decimal import Decimal

        return format(Decimal(repr(value)), ",f")
    return f"{int(value):,}"


def signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + number(abs(value))


def money(amount: float, currency: str | None) -> str:
    symbol = _CURRENCY_SYMBOLS.get(currency or "", "")
    if not i18n.english():
        return _money(amount, currency)
    prefix = symbol or (f"{currency} " if currency else "")
    for scale, word in _SCALES:
        if abs(amount) >= scale and (amount / scale * 100).is_integer():
            return f"{prefix}{number(amount / scale)} {word}"
    return f"{prefix}{number(amount)}"


def _money(amount: float, currency: str | None) -> str:
    """An amount in another language, as its press writes it: the scale word agreeing with the
    number and the currency's name after it ('100 مليار دولار', '3 مليارات دولار')."""
    count = i18n.plural_count(amount)
    for scale, word in _SCALES:
        if abs(amount) >= scale and (amount / scale * 100).is_integer():
            shown = _scaled(word, i18n.plural_count(amount / scale)).format(
                amount=number(amount / scale))
            # after a scale word the currency stays singular: «3 مليارات دولار»
            return f"{shown} {_currency(currency, 100)}".strip() if currency else shown
    shown = number(amount)
    if not currency:
        return shown
    return _currency(currency, count, shown)


def _scaled(word: str, count: int) -> str:
    if word == "trillion":
        return ngettext("{amount} trillion", "{amount} trillion", count)
    if word == "billion":
        return ngettext("{amount} billion", "{amount} billion", count)
    return ngettext("{amount} million", "{amount} million", count)


def _currency(code: str | None, count: int, amount: str | None = None) -> str:
    """A currency's name in words, agreeing with `count` (the symbol where plandiff knows no
    name): «دولار», or with the amount «3 دولارات»."""
    if code == "USD":
        text = i18n.npgettext("currency", "{amount} US dollar", "{amount} US dollars", count)
    elif code == "EUR":
        text = i18n.npgettext("currency", "{amount} euro", "{amount} euros", count)
    elif code == "GBP":
        text = i18n.npgettext("currency", "{amount} pound sterling", "{amount} pounds sterling",
                              count)
    else:
        text = "{amount} " + i18n.currency_symbol(code or "")
    if amount is None:  # the name alone, after a scale word
        return text.replace("{amount}", "").strip()
    return text.format(amount=amount)


def _with_unit(text: str, unit: str | None, value: float) -> str:
    if not unit:
        return text
    if unit in ("percent", "%"):
        return text + ("%" if i18n.english() else i18n.percent_sign())
    if not i18n.english():
        return f"{text} {unit}"
    if value == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{text} {unit}"


def value(term: Term | TermChange, raw: Any, *, with_unit: bool = True) -> str:
    """A term value for people: '600,000 personnel', '$100 billion', 'Up to NATO consensus'."""
    if raw is None:
        return i18n.pgettext("value", "none")
    if raw is NOT_KNOWN:
        return _("unknown")
    kind = term.type
    if kind is TermType.money and _numeric(raw):
        return money(raw, term.currency)
    if kind in (TermType.quantity, TermType.duration) and _numeric(raw):
        if with_unit and not i18n.english() and (counted := _counted(term.unit, raw)):
            return counted
        return _with_unit(number(raw), _unit(term) if with_unit else None, raw)
    if kind is TermType.choice and isinstance(raw, str):
        label = (term.choices or {}).get(raw)
        if not i18n.english():
            label, ok = tr.choice_of(term, raw, label)
            return tr.plain(label or raw, ok or label is None)
        return label or raw
    if kind is TermType.flag and isinstance(raw, bool):
        return _("yes") if raw else _("no")
    if isinstance(raw, dt.date):
        return raw.isoformat() if i18n.english() else i18n.date(raw)
    return str(raw)


def _counted(unit: str | None, value: float) -> str | None:
    """A number with its unit agreeing with it, for the units plandiff's catalog knows ('800 ألف
    جندي' is the plan file's business; «30 يومًا», «3 أيام», «15 سنة»), else None: the plan
    file's translated unit is then put after the number as it is."""
    message = _UNITS.get(unit or "")
    if message is None:
        return None
    return i18n.npgettext("unit", *message, i18n.plural_count(value)).format(count=number(value))


_UNITS = {
    "personnel": ("{count} personnel", "{count} personnel"),
    "days": ("{count} day", "{count} days"),
    "months": ("{count} month", "{count} months"),
    "years": ("{count} year", "{count} years"),
    "points": ("{count} point", "{count} points"),
}


def _unit(term: Term | TermChange) -> str | None:
    if i18n.english() or not term.unit or _is_percent(term.unit):
        return term.unit
    unit, ok = tr.unit_of(term)
    return tr.plain(unit, ok)


def label(change: TermChange) -> str:
    """A term's label in the active language (the English badged where it has none)."""
    if i18n.english():
        return change.label
    return tr.plain(*tr.term_label(change.term, change.label))


def _numeric(raw: Any) -> bool:
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def _is_percent(unit: str | None) -> bool:
    return unit in ("percent", "%")


def movement_text(change: TermChange | Term, moved: float | None, percent: float | None) -> str:
    """'+200,000, +33.3%'; '−$50 billion, −33.3%'; '−10 percentage points, −20.0%'; '+3 days'."""
    if moved is None:
        return ""
    if change.type is TermType.date:
        # a signed delta shows its digit, so 1 and 2 take the singular in Arabic («+2 يوم»)
        return ngettext("{count} days", "{count} days", i18n.plural_count(moved)).format(
            count=signed(moved))
    if change.type is TermType.money:
        shown = ("+" if moved > 0 else "−" if moved < 0 else "±") + money(abs(moved),
                                                                          change.currency)
    elif _is_percent(change.unit) and not i18n.english():
        shown = ngettext("{count} percentage point", "{count} percentage points",
                         int(abs(moved)) if float(moved).is_integer() else 2
                         ).format(count=signed(moved))
    elif _is_percent(change.unit):
        shown = f"{signed(moved)} percentage point" + ("" if abs(moved) == 1 else "s")
    else:
        shown = signed(moved)
    if percent is not None and not i18n.english():
        shown += _(", ") + ("+" if percent >= 0 else "−") + i18n.percent(abs(percent))
    elif percent is not None:
        shown += f", {'+' if percent >= 0 else '−'}{abs(percent):.1f}%"
    return shown


def delta(change: TermChange) -> str:
    """How a changed term moved, or '' when it is not measured."""
    return movement_text(change, change.delta, change.percent)


def claims(change: TermChange, side: tuple[Claim, ...]) -> str:
    """One side of a term change; disputed sides list every claim with its sources (and, against
    one known value, how each claim moved from it)."""
    if not side:
        return _("not set")
    if len(side) == 1:
        return value(change, side[0].value)
    # Moves go with the new value: against a disputed old side, term_line puts them after it.
    moves = change.claim_moves if len(change.claim_moves) == len(side) and (
        side is change.new) else ()
    parts = []
    semicolon = _("; ")
    for index, claim in enumerate(side):
        details = [_(", ").join(claim.sources)] if claim.sources else []
        if moves and (shown := movement_text(change, *moves[index])):
            details.insert(0, shown)
        text = reported(value(change, claim.value), claim.hedged)
        parts.append(f"{text} ({semicolon.join(details)})" if details else text)
    return _("disputed: {claims}").format(claims=" | ".join(parts))


def carried(version: str | None) -> str:
    """The label a value carried from an earlier version always wears, right after the value."""
    return _(" (carried from {version})").format(version=version) if version else ""


def side(change: TermChange, which: int, *, shown: str | None = None) -> str:
    """One side of a term change (0 old, 1 new) as people read it, saying where a value is
    carried from and since when a value is no longer known."""
    claims_ = change.new if which else change.old
    if len(claims_) == 1 and not claims_[0].known:
        return _("not reported since {version}").format(version=change.stated_in[which])
    text = shown if shown is not None else claims(change, claims_)
    if len(claims_) == 1:
        text = reported(text, claims_[0].hedged)
    return text + carried(change.carried_from[which])


def reported(text: str, hedged: bool) -> str:
    """A value that its sources only report (every citation hedged): 'reportedly 800,000'."""
    return _("reportedly {value}").format(value=text) if hedged else text


def reported_verb(verb: str, hedged: bool) -> str:
    """A stance's verb where every citation of it is hedged: 'reportedly accepts'."""
    return _("reportedly {verb}").format(verb=verb) if hedged else verb


def witness_note(independent: int) -> str:
    """'2 independent witnesses' (see core.witnesses)."""
    return ngettext("{count} independent witness", "{count} independent witnesses",
                    independent).format(count=count(independent))


def witnessed(sources: tuple[str, ...] | list[str], independent: int) -> str:
    """A value's or stance's sources with its count of independent witnesses: 'ki1, seed-001
    (2 independent witnesses)'."""
    if not sources:
        return _("none")
    return _("{sources} ({witnesses})").format(sources=_(", ").join(sources),
                                               witnesses=witness_note(independent))


def claim_sources(sources: tuple[str, ...] | list[str], independent: int | None) -> str:
    """A disputed claim's sources inside its parentheses: 'ki1, seed-001; 2 independent
    witnesses'."""
    listed = _(", ").join(sources)
    if independent is None or not sources:
        return listed
    return _("{sources}; {witnesses}").format(sources=listed, witnesses=witness_note(independent))


def witness_count(claims_: tuple[Claim, ...]) -> str:
    """The independent witnesses of one side: '2', or one count per claim of a dispute
    ('2 | 1'); '' when not counted or the side gives no value."""
    if not claims_ or any(c.independent is None for c in claims_) or (
            len(claims_) == 1 and not claims_[0].known):
        return ""
    return " | ".join(count(c.independent or 0) for c in claims_)


def witnesses(change: TermChange) -> str:
    """'; independent witnesses: 3 → 2' after a term line: how many independent witnesses (see
    core.witnesses) stand behind each value the line prints, old then new."""
    if change.change in ("confirmed", "carried", "added"):
        sides = [change.new]
    elif change.change == "removed":
        sides = [change.old]
    else:
        sides = [change.old, change.new]
    counts = [witness_count(side_) for side_ in sides if side_]
    if not any(counts):
        return ""
    counts = [shown or "—" for shown in counts]  # a side no longer known has no value to witness
    if len(counts) == 2:
        shown = _("{old} → {new}").format(old=counts[0], new=counts[1])
    else:
        shown = counts[0]
    return _("; independent witnesses: {counts}").format(counts=shown)


def term_line(change: TermChange) -> str:
    """A term change as one line, with the independent witnesses of each value: 'Cap on
    Ukraine's armed forces: 600,000 → 800,000 personnel (+200,000, +33.3%); independent
    witnesses: 3 → 2'."""
    return _term_line(change) + witnesses(change)


def _term_line(change: TermChange) -> str:
    label_ = label(change)
    if change.change == "confirmed":
        return _("{label}: {value} (confirmed by {version})").format(
            label=label_, value=side(change, 1), version=change.stated_in[1])
    if change.change == "carried":
        return _("{label}: {value}").format(label=label_, value=side(change, 1))
    if change.change == "added":
        return _("{label}: set to {value}").format(label=label_, value=side(change, 1))
    if change.change == "removed":
        return _("{label}: no longer set (was {value})").format(label=label_, value=side(change, 0))
    moved = delta(change) or _moves_from_claims(change)  # after the new value, never inside the old
    suffix = f" ({moved})" if moved else ""
    old_shown = None
    if change.change == "changed" and change.type in (TermType.quantity, TermType.duration):
        old, new = change.old[0].value, change.new[0].value
        if _numeric(old) and _numeric(new):
            old_shown = value(change, old) if _is_percent(change.unit) else number(old)
    return _("{label}: {old} → {new}{moved}").format(
        label=label_, old=side(change, 0, shown=old_shown), new=side(change, 1), moved=suffix)


def kept_shown(item: ClauseDiff, *, show_all: bool) -> tuple[TermChange, ...]:
    """The unchanged terms a view lists under a clause: confirmations always, carried values
    with --all (the summary counts them)."""
    if item.change == "removed":
        return ()
    return tuple(t for t in item.kept if show_all or t.change == "confirmed")


def kept_summary(result: PlanDiff) -> str:
    """'term values: 1 confirmed, 2 carried': of the clauses the head lists, the unchanged values
    it states again and those it only inherits; '' when there are none."""
    counts = result.kept_terms
    if not any(counts.values()):
        return ""
    return _("term values: {confirmed} confirmed, {carried} carried").format(
        confirmed=count(counts["confirmed"]), carried=count(counts["carried"]))


def count(value: int) -> str:
    """A count in the active language's digits."""
    return str(value) if i18n.english() else i18n.digits(str(value))


def carried_sources(changes: tuple[TermChange, ...] | list[TermChange]) -> dict[str, list[str]]:
    """The sources of carried values, by the version that stated them."""
    found: dict[str, list[str]] = {}
    for change in changes:
        for which in (0, 1):
            version = change.carried_from[which]
            claims_ = change.new if which else change.old
            if version is None or not claims_ or len(claims_) > 1:
                continue  # a disputed side names its sources in its claims
            found.setdefault(version, [])
            for source in claims_[0].sources:
                if source not in found[version]:
                    found[version].append(source)
    return found


def _moves_from_claims(change: TermChange) -> str:
    """How one new value moved from each claim of a disputed old side: '+50,000, +6.2% from
    800,000'."""
    if len(change.new) != 1 or len(change.old) < 2 or len(change.claim_moves) != len(change.old):
        return ""
    parts = [_("{move} from {value}").format(move=shown,
                                             value=value(change, claim.value, with_unit=False))
             for claim, move in zip(change.old, change.claim_moves, strict=True)
             if (shown := movement_text(change, *move))]
    return _("; ").join(parts)


def version_line(version: Any) -> str:
    if not i18n.english():
        return _("{id} — {title} ({date}, {status}, {coverage})").format(
            id=version.id, title=tr.plain_field(version, "title"), date=i18n.date(version.date),
            status=i18n.pgettext("status", version.status.value),
            coverage=i18n.pgettext("coverage", version.coverage.value))
    return (f"{version.id} — {version.title} ({version.date.isoformat()}, {version.status.value},"
            f" {version.coverage.value})")


def word_diff(change: TextChange, *, same: Callable[[str], str], deleted: Callable[[str], str],
              inserted: Callable[[str], str]) -> str:
    """A word-level diff as one line, each run of words wrapped by the view's own markup."""
    parts = []
    for op in change.ops:
        if op.op == "equal":
            parts.append(same(op.old))
            continue
        if op.old:
            parts.append(deleted(op.old))
        if op.new:
            parts.append(inserted(op.new))
    return " ".join(p for p in parts if p)
