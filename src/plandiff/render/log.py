"""The versions of a plan as a lineage tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.core.models import Plan, Version
from plandiff.core.resolve import lineage_order
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text

if TYPE_CHECKING:
    from rich.console import Console


def _depths(plan: Plan, order: list[str]) -> dict[str, int]:
    depths: dict[str, int] = {}
    for version_id in order:
        parent = plan.versions[version_id].parent
        depths[version_id] = depths.get(parent, -1) + 1 if parent in depths else 0
    return depths


def _counts(version: Version) -> tuple[int, int]:
    listed = sum(not c.removed for c in version.clauses)
    removed = sum(c.removed for c in version.clauses)
    return listed, removed


def rows(plan: Plan, *, by: str = "lineage") -> list[dict[str, Any]]:
    """One row per version, in lineage order (parents before children) or, `by="date"`, in
    chronological order; `depth` is the version's depth in the lineage either way."""
    order = lineage_order(plan)
    depths = _depths(plan, order)
    if by == "date":
        from plandiff.core.chronology import by_date

        order = by_date(plan)
    result = []
    for version_id in order:
        version = plan.versions[version_id]
        listed, removed = _counts(version)
        result.append({
            "id": version.id, "title": version.title, "date": version.date.isoformat(),
            "parent": version.parent, "status": version.status.value,
            "coverage": version.coverage.value, "parties": list(version.parties),
            "clauses": listed, "removed": removed, "depth": depths[version_id],
        })
    return result


def to_data(plan: Plan, *, by: str = "lineage") -> dict[str, Any]:
    return {"format": "plandiff.log/1", "order": by, "versions": rows(plan, by=by)}


def _tree_prefix(depth: int) -> str:
    return "" if depth == 0 else "  " * (depth - 1) + "└─ "


def _shown(loc: Locale, plan: Plan, row: dict[str, Any]) -> dict[str, Any]:
    """A row's words in the language (its ids as they are, its counts in the language's
    digits)."""
    version = plan.versions[row["id"]]
    return {**row, "title": loc.plain_field(version, "title"),
            "date": loc.date(version.date),
            "status": loc.pgettext("status", row["status"]),
            "coverage": loc.pgettext("coverage", row["coverage"]),
            "clauses": loc.count(row["clauses"]),
            "removed": loc.count(row["removed"]) if row["removed"] else 0}


def markdown(plan: Plan, *, by: str = "lineage", loc: Locale = ENGLISH) -> str:
    from plandiff.render.markup import code, escape

    head = [loc._("Version"), loc._("Date"), loc._("Status"), loc._("Coverage"),
            loc._("Clauses"), loc._("Parent"), loc._("Title")]
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|---|---:|---|---|"]
    for row in (_shown(loc, plan, r) for r in rows(plan, by=by)):
        removed = (" " + loc._("(+{count} removed)").format(count=row["removed"])
                   if row["removed"] else "")
        parent = code(row["parent"]) if row["parent"] else "—"
        lines.append(f"| {code(row['id'])} | {row['date']} | {row['status']} |"
                     f" {row['coverage']} | {row['clauses']}{removed} | {parent} |"
                     f" {escape(row['title'])} |")
    return "\n".join(lines) + "\n"


def terminal(plan: Plan, console: Console, *, by: str = "lineage", loc: Locale = ENGLISH) -> None:
    """A lineage tree; by date, a list with each version's parent beside it instead."""
    from plandiff.render.styled import Columns

    dated = by == "date"
    table = Columns()  # rich's Table without box or edges, or the same lines written plainly
    columns = ("version", "date", *(("parent",) if dated else ()), "status", "coverage",
               "clauses", "title")
    names = {"version": loc._("version"), "date": loc._("date"), "parent": loc._("parent"),
             "status": loc._("status"), "coverage": loc._("coverage"),
             "clauses": loc._("clauses"), "title": loc._("title")}
    for column in columns:
        table.add_column(names[column], justify="right" if column == "clauses" else "left",
                         no_wrap=column != "title")
    for row in (_shown(loc, plan, r) for r in rows(plan, by=by)):
        removed = f" −{row['removed']}" if row["removed"] else ""
        lineage = [row["parent"] or "—"] if dated else []
        # A row opens with a word of the language («└─ النسخة v28»): a bidi terminal lays out
        # a line that begins with a Latin id left to right.
        shown = loc.pgettext("version row", "{version}").format(version=row["id"])
        table.add_row(shown if dated else _tree_prefix(row["depth"]) + shown, row["date"],
                      *lineage, row["status"], row["coverage"], f"{row['clauses']}{removed}",
                      row["title"])
    console.print(table)


def to_json(plan: Plan, *, by: str = "lineage") -> str:
    return json_text.dumps(to_data(plan, by=by), indent=2) + "\n"
