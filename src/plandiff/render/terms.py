"""The term registry as a reader looks terms up: id, label, unit, and the clauses that set it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff import i18n
from plandiff.core.models import Plan
from plandiff.core.term_index import TermEntry, term_index
from plandiff.i18n import _, pgettext
from plandiff.i18n import content as tr
from plandiff.render import json_text

if TYPE_CHECKING:
    from rich.console import Console


def _label(plan: Plan, entry: TermEntry) -> str:
    """The label in the active language (the English one, badged, where none is written)."""
    text, ok = tr.field(plan.terms[entry.id], "label")
    text = text or entry.label
    return text if ok or i18n.english() else f"{tr.badge()} {text}"


def _unit(plan: Plan, entry: TermEntry) -> str:
    """The unit (or currency) in the active language; a term without one: its type."""
    term = plan.terms[entry.id]
    if term.unit:
        text, _ok = tr.field(term, "unit")
        return text or term.unit
    if term.currency:
        return term.currency
    return {"quantity": pgettext("term type", "quantity"), "money": pgettext("term type", "money"),
            "duration": pgettext("term type", "duration"), "date": pgettext("term type", "date"),
            "choice": pgettext("term type", "choice"), "flag": pgettext("term type", "flag"),
            "text": pgettext("term type", "text")}.get(entry.type, entry.type)


def to_data(plan: Plan) -> dict[str, Any]:
    return {"format": "plandiff.terms/1", "terms": [
        {"id": e.id, "label": e.label, "type": e.type, "unit": e.unit,
         "clauses": list(e.clauses), "versions": list(e.versions),
         **({} if i18n.english() else {"label_translated": _label(plan, e)})}
        for e in term_index(plan)]}


def to_json(plan: Plan) -> str:
    return json_text.dumps(to_data(plan), indent=2) + "\n"


def _headings() -> tuple[str, str, str, str]:
    return (_("term"), _("label"), _("unit"), _("set by clauses"))


def terminal(plan: Plan, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    from plandiff.core.hidden_characters import make_visible

    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for heading in _headings():
        table.add_column(heading, overflow="fold")
    for entry in term_index(plan):
        table.add_row(*(Text(make_visible(cell, one_line=True)) for cell in (
            entry.id, _label(plan, entry), _unit(plan, entry),
            ", ".join(entry.clauses) or "—")))
    console.print(table)


def markdown(plan: Plan) -> str:
    from plandiff.render.markdown import code, escape

    lines = ["| " + " | ".join(_headings()) + " |", "|---|---|---|---|"]
    for entry in term_index(plan):
        clauses = ", ".join(code(c) for c in entry.clauses) or "—"
        lines.append(f"| {code(entry.id)} | {escape(_label(plan, entry))} |"
                     f" {escape(_unit(plan, entry))} | {clauses} |")
    return "\n".join(lines) + "\n"
