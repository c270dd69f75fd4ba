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
    """A table when it fits the console whole; narrower, a block of lines per term (`_stacked`):
    the table folded its ids mid-word («ukraine-troop-» / «cap») down columns of padding."""
    from plandiff.core.hidden_characters import make_visible
    from plandiff.render.styled import cell_width

    # Right to left, the label (words of the language) leads and the id is never folded: a
    # bidi terminal lays out a line that begins with a Latin id, or a piece of one, left to right.
    order = (1, 0, 2, 3) if loc.rtl else (0, 1, 2, 3)
    headings = _headings(loc)
    rows = [tuple(make_visible(cell, one_line=True) for cell in (
        entry.id, _label(loc, plan, entry), _unit(loc, plan, entry),
        ", ".join(entry.clauses) or "—")) for entry in term_index(plan)]
    natural = sum(max(cell_width(row[i]) for row in (headings, *rows)) for i in range(4)) + 6
    if natural > console.width:
        _stacked(loc, rows, headings, console)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for i in order:
        table.add_column(headings[i], overflow="fold")
    for row in rows:
        table.add_row(*(Text(row[i]) for i in order))
    console.print(table)


def _stacked(loc: Locale, rows: list[tuple[str, ...]], headings: tuple[str, ...],
             console: Console) -> None:
    """Each term as its label with its id beside it («سقف عديد القوات …  (ukraine-troop-cap)»,
    as `positions` heads a term), then its unit and its clauses, each named as the table's
    header names it, on lines of their own when they do not fit one: never an id cut."""
    from plandiff.render.styled import Styled, cell_width

    width = console.width
    for term, label, unit, clauses in rows:
        fields = [f"{headings[2]}: {unit}", f"{headings[3]}: {clauses}"]
        if cell_width(label) + cell_width(term) + 4 <= width:
            console.print(Styled(label, style="bold").append(f"  ({term})", style="dim"))
        else:  # the id on a line of its own, never wrapped by the terminal in its middle
            console.print(Styled(label, style="bold"))
            fields.insert(0, f"{headings[0]}: {term}")
        lines: list[str] = []
        for field in fields:
            if lines and cell_width(lines[-1]) + cell_width(field) + 4 <= width:
                lines[-1] += "  " + field
            else:
                lines.append(field)
        for line in lines:
            console.print(Styled("  " + line, style="dim"))


def markdown(plan: Plan, *, loc: Locale = ENGLISH) -> str:
    from plandiff.render.markup import code, escape

    lines = ["| " + " | ".join(_headings(loc)) + " |", "|---|---|---|---|"]
    for entry in term_index(plan):
        clauses = ", ".join(code(c) for c in entry.clauses) or "—"
        lines.append(f"| {code(entry.id)} | {escape(_label(loc, plan, entry))} |"
                     f" {escape(_unit(loc, plan, entry))} | {clauses} |")
    return "\n".join(lines) + "\n"
