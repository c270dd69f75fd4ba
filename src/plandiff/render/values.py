"""Plain-text formatting of term values and their changes, shared by every view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from plandiff.diff import Claim, TermChange, TextChange
from plandiff.models import Term, TermType

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))


def number(value: float) -> str:
    """600000 -> '600,000'; 33.333 -> '33.33'."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + number(abs(value))


def money(amount: float, currency: str | None) -> str:
    symbol = _CURRENCY_SYMBOLS.get(currency or "", "")
    prefix = symbol or (f"{currency} " if currency else "")
    for scale, word in _SCALES:
        if abs(amount) >= scale and (amount / scale * 100).is_integer():
            return f"{prefix}{number(amount / scale)} {word}"
    return f"{prefix}{number(amount)}"


def _with_unit(text: str, unit: str | None, value: float) -> str:
    if not unit:
        return text
    if unit in ("percent", "%"):
        return f"{text}%"
    if value == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{text} {unit}"


def value(term: Term | TermChange, raw: Any, *, with_unit: bool = True) -> str:
    """A term value for people: '600,000 personnel', '$100 billion', 'Up to NATO consensus'."""
    if raw is None:
        return "none"
    kind = term.type
    if kind is TermType.money and _numeric(raw):
        return money(raw, term.currency)
    if kind in (TermType.quantity, TermType.duration) and _numeric(raw):
        return _with_unit(number(raw), term.unit if with_unit else None, raw)
    if kind is TermType.choice and isinstance(raw, str):
        label = (term.choices or {}).get(raw)
        return label or raw
    if kind is TermType.flag and isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def _numeric(raw: Any) -> bool:
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def _is_percent(unit: str | None) -> bool:
    return unit in ("percent", "%")


def movement_text(change: TermChange | Term, moved: float | None, percent: float | None) -> str:
    """'+200,000, +33.3%'; '−$50 billion, −33.3%'; '−10 percentage points, −20.0%'; '+3 days'."""
    if moved is None:
        return ""
    if change.type is TermType.date:
        return f"{signed(moved)} days"
    if change.type is TermType.money:
        shown = ("+" if moved > 0 else "−" if moved < 0 else "±") + money(abs(moved),
                                                                          change.currency)
    elif _is_percent(change.unit):
        shown = f"{signed(moved)} percentage point" + ("" if abs(moved) == 1 else "s")
    else:
        shown = signed(moved)
    if percent is not None:
        shown += f", {'+' if percent >= 0 else '−'}{abs(percent):.1f}%"
    return shown


def delta(change: TermChange) -> str:
    """How a changed term moved, or '' when it is not measured."""
    return movement_text(change, change.delta, change.percent)


def claims(change: TermChange, side: tuple[Claim, ...]) -> str:
    """One side of a term change; disputed sides list every claim with its sources (and, against
    one known value, how each claim moved from it)."""
    if not side:
        return "not set"
    if len(side) == 1:
        return value(change, side[0].value)
    moves = change.claim_moves if len(change.claim_moves) == len(side) else ()
    parts = []
    for index, claim in enumerate(side):
        details = [", ".join(claim.sources)] if claim.sources else []
        if moves and (shown := movement_text(change, *moves[index])):
            details.insert(0, shown)
        text = value(change, claim.value)
        parts.append(f"{text} ({'; '.join(details)})" if details else text)
    return "disputed: " + " | ".join(parts)


def term_line(change: TermChange) -> str:
    """'Cap on Ukraine's armed forces: 600,000 → 800,000 personnel (+200,000, +33.3%)'."""
    label = change.label
    if change.change == "added":
        return f"{label}: set to {claims(change, change.new)}"
    if change.change == "removed":
        return f"{label}: no longer set (was {claims(change, change.old)})"
    if change.change == "changed" and change.type in (TermType.quantity, TermType.duration):
        old, new = change.old[0].value, change.new[0].value
        if _numeric(old) and _numeric(new):
            moved = delta(change)
            suffix = f" ({moved})" if moved else ""
            shown_old = value(change, old) if _is_percent(change.unit) else number(old)
            return f"{label}: {shown_old} → {value(change, new)}{suffix}"
    moved = delta(change)
    suffix = f" ({moved})" if moved else ""
    return f"{label}: {claims(change, change.old)} → {claims(change, change.new)}{suffix}"


def version_line(version: Any) -> str:
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
