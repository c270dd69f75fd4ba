"""The term registry as a reader looks terms up: id, label, unit, and the clauses that set it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.core.models import Plan
from plandiff.core.term_index import TermEntry, term_index
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text

if TYPE_CHECKING:
    from rich.console import Console

def _label(loc: Locale, plan: Plan, entry: TermEntry) -> str:
    """The label in the language (the English one, badged, where none is written)."""
    return loc.plain_field(plan.terms[entry.id], "label") or entry.label


def _unit(loc: Locale, plan: Plan, entry: TermEntry) -> str:
    """The unit (or currency) in the language; a term without one: its type."""
    term = plan.terms[entry.id]
    if term.unit:
        return loc.plain_field(term, "unit") or term.unit
    if term.currency:
        return currency_name(loc, term.currency)
    return type_name(loc, entry.type)


def currency_name(loc: Locale, code: str) -> str:
    """A unit column's currency: its code in English ('USD'), its name in another language
    («دولار», as the Arabic press writes the unit), else the code."""
    names = {  # written out, so that the catalog's extraction sees every message
        "USD": loc.pgettext("currency name", "USD"),
        "EUR": loc.pgettext("currency name", "EUR"),
        "GBP": loc.pgettext("currency name", "GBP"),
    }
    return names.get(code, code)


def type_name(loc: Locale, term_type: str) -> str:
    """A term's type ('quantity', 'choice', ...) in the language."""
    names = {  # written out, so that the catalog's extraction sees every message
        "quantity": loc.pgettext("term type", "quantity"),
        "money": loc.pgettext("term type", "money"),
        "duration": loc.pgettext("term type", "duration"),
        "date": loc.pgettext("term type", "date"),
        "choice": loc.pgettext("term type", "choice"),
        "flag": loc.pgettext("term type", "flag"),
        "text": loc.pgettext("term type", "text")}
    return names.get(term_type, term_type)


def _headings(loc: Locale) -> tuple[str, str, str, str]:
    return (loc._("term"), loc._("label"), loc._("unit"), loc._("set by clauses"))


def to_data(plan: Plan) -> dict[str, Any]:
    return {"format": "plandiff.terms/1", "terms": [
        {"id": e.id, "label": e.label, "type": e.type, "unit": e.unit,
         "clauses": list(e.clauses), "versions": list(e.versions)}
        for e in term_index(plan)]}


def to_json(plan: Plan) -> str:
    return json_text.dumps(to_data(plan), indent=2) + "\n"


def terminal(plan: Plan, console: Console, *, loc: Locale = ENGLISH) -> None:
    from rich.table import Table
    from rich.text import Text

    from plandiff.core.hidden_characters import make_visible

    # Right to left, the label (words of the language) leads and the id is never folded: a
    # bidi terminal lays out a line that begins with a Latin id, or a piece of one, left to right.
    order = (1, 0, 2, 3) if loc.rtl else (0, 1, 2, 3)
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    headings = _headings(loc)
    for i in order:
        table.add_column(headings[i], overflow="fold")
    for entry in term_index(plan):
        cells = (entry.id, _label(loc, plan, entry), _unit(loc, plan, entry),
                 ", ".join(entry.clauses) or "—")
        table.add_row(*(Text(make_visible(cells[i], one_line=True)) for i in order))
    console.print(table)


def markdown(plan: Plan, *, loc: Locale = ENGLISH) -> str:
    from plandiff.render.markup import code, escape

    lines = ["| " + " | ".join(_headings(loc)) + " |", "|---|---|---|---|"]
    for entry in term_index(plan):
        clauses = ", ".join(code(c) for c in entry.clauses) or "—"
        lines.append(f"| {code(entry.id)} | {escape(_label(loc, plan, entry))} |"
                     f" {escape(_unit(loc, plan, entry))} | {clauses} |")
    return "\n".join(lines) + "\n"
