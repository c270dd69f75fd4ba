"""The term registry: checking a value against its term's type."""

from __future__ import annotations

import datetime as dt
import math
import re

from plandiff.core.models import Term, TermType
from plandiff.core.records import record
from plandiff.core.suggestions import did_you_mean

_NUMBER_WITH_SUFFIX = re.compile(
    r"^\s*([0-9][0-9,._ ]*)\s*([kKmMbB]|bn|million|billion|thousand)?\s*$"
)
# Larger numbers are typos, and would overflow the percentages of a diff.
MAX_MAGNITUDE = 10**15
_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000,
    "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000,
}


@record
class ValueProblem:
    """Why a value does not fit its term, and what to write instead."""

    message: str
    hint: str | None = None


def _numeric_hint(value: str) -> str | None:
    match = _NUMBER_WITH_SUFFIX.match(value)
    if not match:
        return None
    digits = re.sub(r"[,_ ]", "", match.group(1))
    try:
        number = float(digits)
    except ValueError:
        return None
    suffix = (match.group(2) or "").lower()
    number *= _MULTIPLIERS.get(suffix, 1)
    as_int = int(number)
    shown = as_int if as_int == number else number
    return f"write {shown}, not {value}"


def check_value(term_id: str, term: Term, value: object) -> ValueProblem | None:
    """Why `value` does not fit `term`, or None when it fits. `None` (no value) always fits."""
    if value is None:
        return None
    kind = term.type
    if kind in (TermType.quantity, TermType.money, TermType.duration):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = _numeric_hint(value) if isinstance(value, str) else None
            return ValueProblem(
                f"term `{term_id}` is a {kind.value}: expected a number, got {_describe(value)}",
                hint or "write a plain number; the unit comes from terms.yaml",
            )
        if not math.isfinite(value):
            return ValueProblem(f"term `{term_id}` is a {kind.value}: {value} is not a finite"
                                " number", "write a plain number")
        if value < 0:
            return ValueProblem(f"term `{term_id}` is a {kind.value}: {value} is negative")
        if value > MAX_MAGNITUDE:
            return ValueProblem(f"term `{term_id}` is a {kind.value}: {value:.3g} is larger than"
                                f" {MAX_MAGNITUDE:.0e}, the largest value plandiff accepts",
                                "check the number of digits")
        return None
    if kind is TermType.flag:
        if not isinstance(value, bool):
            return ValueProblem(
                f"term `{term_id}` is a flag: expected true or false, got {_describe(value)}"
            )
        return None
    if kind is TermType.date:
        if isinstance(value, dt.date):
            return None
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return ValueProblem(
            f"term `{term_id}` is a date: expected an ISO date, got {_describe(value)}",
            "write it as YYYY-MM-DD",
        )
    if kind is TermType.choice:
        choices = term.choices or {}
        if not isinstance(value, str) or value not in choices:
            hint = did_you_mean(value, choices)
            known = ", ".join(choices) or "(none defined)"
            return ValueProblem(
                f"term `{term_id}` is a choice: {_describe(value)} is not one of {known}", hint
            )
        return None
    if not isinstance(value, str):
        return ValueProblem(f"term `{term_id}` is text: expected a string, got {_describe(value)}")
    return None


def check_term_definition(term: Term) -> list[str]:
    """Problems with a term's own definition."""
    problems = []
    if term.type is TermType.choice and not term.choices:
        problems.append("a choice term needs `choices` (key: label)")
    if term.type is not TermType.choice and term.choices:
        problems.append(f"`choices` is only for choice terms, not {term.type.value}")
    if term.type is TermType.money and not term.currency:
        problems.append("a money term needs `currency` (an ISO code such as USD)")
    if term.type is TermType.duration and term.unit not in ("days", "weeks", "months", "years"):
        problems.append("a duration term needs `unit`: days, weeks, months or years")
    return problems


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__}"
