"""Pure: read the values of a clause's typed terms from a point's text, or say why not."""

from __future__ import annotations

import re
from collections.abc import Mapping

from plandiff.core.models import Term, TermType
from plandiff.core.records import field, record
from plandiff.importer.choices import ChoiceReading, read_choices
from plandiff.importer.numbers import UNIT_WORDS, Found, find_values, prepare

# Exact conversions only: a month is not a fixed number of days, so that is left to a person.
_CONVERSIONS = {("weeks", "days"): 7, ("years", "months"): 12}
_KIND_OF = {TermType.money: "money", TermType.duration: "duration", TermType.date: "date"}
READABLE = frozenset({TermType.quantity, TermType.money, TermType.duration, TermType.date})


@record(frozen=False)
class TermReading:
    """What a point's text says about a set of terms."""

    values: dict[str, object] = field(default_factory=dict)  # term id -> value read
    notes: dict[str, str] = field(default_factory=dict)  # term id -> what a reviewer must do
    unread: list[str] = field(default_factory=list)  # flag, text, a choice not named: not read
    leftovers: list[Found] = field(default_factory=list)  # values that no term took


def _candidates(term: Term, found: list[Found]) -> tuple[list[Found], list[Found]]:
    """(values that fit the term, values of its kind that do not quite fit)."""
    if term.type is TermType.quantity:
        if term.unit == "percent":
            return [f for f in found if f.kind == "percent"], []
        if term.unit in UNIT_WORDS:
            fits = [f for f in found if f.kind == "quantity" and f.unit == term.unit]
            return fits, [f for f in found if f.kind == "quantity" and f.unit != term.unit]
        return [], [f for f in found if f.kind == "quantity"]
    kind = _KIND_OF[term.type]
    same_kind = [f for f in found if f.kind == kind]
    if term.type is TermType.money:
        fits = [f for f in same_kind if term.currency in (None, f.currency)]
    elif term.type is TermType.duration:
        fits = [f for f in same_kind if f.unit == term.unit
                or (f.unit, term.unit) in _CONVERSIONS]
    else:
        fits = same_kind
    return fits, [f for f in same_kind if f not in fits]


def _value(term: Term, item: Found) -> object:
    factor = _CONVERSIONS.get((item.unit or "", term.unit or ""))
    if factor and isinstance(item.value, (int, float)):
        return item.value * factor
    return item.value


def read_terms(text: str, terms: Mapping[str, Term]) -> TermReading:
    """Read each of `terms` from `text`. A value is taken only when the text gives exactly one
    reading of the term's kind and unit; anything else becomes a note for the reviewer. The old
    value of a change the text states ("from 28 points to 19") is not a reading."""
    found, unreadable = find_values(text)
    found = [f for f in found if not f.former]
    reading = TermReading()
    used: set[int] = set()
    choices = read_choices(text, terms)
    qualifier = _qualifier(text, found)
    for term_id, term in terms.items():
        if term_id in choices:
            _take_choice(reading, term_id, term, choices[term_id], qualifier)
            continue
        if term.type not in READABLE:
            reading.unread.append(term_id)
            continue
        fits, near = _candidates(term, found)
        bare = [f for f in found if f.kind == "number" or (f.kind == "quantity" and f.unit is None)]
        values = {repr(_value(term, f)) for f in fits}
        if len(values) == 1:
            reading.values[term_id] = _value(term, fits[0])
            used.update(id(f) for f in fits)
            rough = [f.text for f in fits if f.approximate]
            if rough:
                reading.notes[term_id] = f"the text gives an approximate figure ({rough[0]!r})"
        elif len(values) > 1:
            shown = ", ".join(repr(f.text) for f in fits)
            reading.notes[term_id] = f"the text gives several values ({shown}): choose one"
        elif near:
            reading.notes[term_id] = (f"the text says {near[0].text!r}, which does not fit the term"
                                      f" ({_describe(term)}): convert it or choose another term")
        elif unreadable:
            reading.notes[term_id] = (f"the text says {unreadable[0].text!r}, which plandiff"
                                      " cannot read: fill in the value")
        elif len(bare) == 1 and term.type is TermType.quantity:
            reading.values[term_id] = bare[0].value
            used.add(id(bare[0]))
            reading.notes[term_id] = f"read from {bare[0].text!r}, which states no unit: confirm"
        else:
            reading.notes[term_id] = "the text gives no value for it"
    _refuse_shared_values(reading, terms, found, prepare(text))
    reading.leftovers = [f for f in found if id(f) not in used and f.kind != "number"]
    return reading


# Words that make a choice depend on a time or a condition: "no NATO for 20 years, then consensus".
_CONDITION = re.compile(r"\b(?:then|until|unless|provided|as long as|on condition|only if|"
                        r"if and when|once|subject to)\b", re.IGNORECASE)


def _qualifier(text: str, found: list[Found]) -> str | None:
    """The words of `text` that qualify what it says with a duration or a condition, if any."""
    durations = [f.text for f in found if f.kind == "duration"]
    if durations:
        return durations[0]
    condition = _CONDITION.search(text)
    return condition.group(0) if condition else None


def _take_choice(reading: TermReading, term_id: str, term: Term, choice: ChoiceReading,
                 qualifier: str | None = None) -> None:
    """A choice the text names alone is read (and marked: the words may say something else in
    context), unless the text qualifies it with a duration or a condition ("for 20 years, then
    consensus" is not plain `consensus`); otherwise the term is unread, with a note when the text
    names several choices."""
    labels = term.choices or {}
    if choice.key is not None and qualifier is not None:
        reading.unread.append(term_id)
        reading.notes[term_id] = (f"the text names `{choice.key}` ({labels[choice.key]}) but"
                                  f" qualifies it ({qualifier!r}): not read as the bare choice;"
                                  " set the value, or `{unknown: why}`, by hand")
        return
    if choice.key is not None:
        words = choice.named[0][1]
        reading.values[term_id] = choice.key
        reading.notes[term_id] = (f"read from the words {words!r} (`{choice.key}`:"
                                  f" {labels[choice.key]}): confirm")
        return
    reading.unread.append(term_id)
    if choice.named:
        shown = ", ".join(f"`{key}` ({words!r})" for key, words in choice.named)
        reading.notes[term_id] = f"the text names several of its choices, {shown}: choose one"


def _refuse_shared_values(reading: TermReading, terms: Mapping[str, Term],
                          found: list[Found], prepared: str = "") -> None:
    """One figure that would fill two terms (say two amounts in dollars) goes to the one term
    whose label's words stand beside it ("$150 billion of frozen Russian assets": the frozen-assets
    term); where no one term does, it is a guess for at least one of them: leave all of them to
    the reviewer."""
    takers: dict[int, list[str]] = {}
    for term_id in list(reading.values):
        if terms[term_id].type not in READABLE:
            continue
        fits, _ = _candidates(terms[term_id], found)
        bare = [f for f in found if f.kind == "number" or (f.kind == "quantity" and f.unit is None)]
        for item in fits or bare[:1]:
            takers.setdefault(id(item), []).append(term_id)
    for item in found:
        shared = takers.get(id(item), [])
        if len(shared) < 2:
            continue
        beside = _named_beside(item, shared, terms, prepared)
        if beside is not None:
            for term_id in shared:
                if term_id != beside:
                    reading.values.pop(term_id, None)
                    reading.notes[term_id] = (f"the figure {item.text!r} went to `{beside}`,"
                                              " whose words stand beside it: confirm")
            continue
        candidates = [f"`{t}`" for t in shared]
        listed = ", ".join(candidates[:-1]) + f" and {candidates[-1]}"
        for term_id in shared:
            reading.values.pop(term_id, None)
            reading.notes[term_id] = (f"the text gives one figure ({item.text!r}) that fits"
                                      f" {len(shared)} terms, {listed}: assign it to the right"
                                      " one")


_STOP = frozenset({"with", "into", "from", "that", "this", "their", "ukraine", "ukraine's",
                   "russia", "russia's", "the", "and", "for", "after", "before"})


def _named_beside(item: Found, shared: list[str], terms: Mapping[str, Term],
                  prepared: str) -> str | None:
    """The one term of `shared` with more of its label's and id's words within a sentence of
    the figure than any other, or None."""
    if not prepared:
        return None
    near = set(re.findall(r"[\w'-]+", prepared[max(0, item.start - 80):item.end + 80].lower()))
    scores = {}
    for term_id in shared:
        term = terms[term_id]
        words = {w for w in re.findall(r"[\w'-]+", f"{term.label} {term_id.replace('-', ' ')}"
                                       .lower()) if len(w) > 3 and w not in _STOP}
        scores[term_id] = len(words & near)
    best = max(scores.values())
    leaders = [term_id for term_id, score in scores.items() if score == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else None


def _describe(term: Term) -> str:
    if term.type is TermType.money:
        return f"money in {term.currency}" if term.currency else "money"
    if term.unit:
        return f"{term.type.value} in {term.unit}"
    return str(term.type.value)


def term_kind(term: Term) -> str | None:
    """The kind of value a term holds, as `found_kind` names it: "money:USD", "duration:days"."""
    if term.type is TermType.money:
        return f"money:{term.currency or ''}"
    if term.type is TermType.quantity:
        return "percent:percent" if term.unit == "percent" else f"quantity:{term.unit or ''}"
    if term.type is TermType.duration:
        return f"duration:{term.unit or ''}"
    if term.type is TermType.date:
        return "date:"
    return None


def found_kind(item: Found) -> str:
    if item.kind == "money":
        return f"money:{item.currency or ''}"
    return f"{item.kind}:{item.unit or ''}"


def text_kinds(text: str) -> frozenset[str]:
    """The kinds of value a text gives (bare numbers aside)."""
    found, _ = find_values(text)
    return frozenset(found_kind(f) for f in found if f.kind != "number")
