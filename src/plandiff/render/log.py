"""The versions of a plan as a lineage tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.models import Plan, Version
from plandiff.resolve import lineage_order

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


def rows(plan: Plan) -> list[dict[str, Any]]:
    order = lineage_order(plan)
    depths = _depths(plan, order)
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


def to_data(plan: Plan) -> dict[str, Any]:
    return {"format": "plandiff.log/1", "versions": rows(plan)}


def _tree_prefix(depth: int) -> str:
    return "" if depth == 0 else "  " * (depth - 1) + "└─ "


def markdown(plan: Plan) -> str:
    from .markdown import code, escape

    lines = ["| Version | Date | Status | Coverage | Clauses | Parent | Title |",
             "|---|---|---|---|---:|---|---|"]
    for row in rows(plan):
        removed = f" (+{row['removed']} removed)" if row["removed"] else ""
        parent = code(row["parent"]) if row["parent"] else "—"
        lines.append(f"| {code(row['id'])} | {row['date']} | {row['status']} | {row['coverage']} |"
                     f" {row['clauses']}{removed} | {parent} | {escape(row['title'])} |")
    return "\n".join(lines) + "\n"


def terminal(plan: Plan, console: Console) -> None:
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    for column in ("version", "date", "status", "coverage", "clauses", "title"):
        table.add_column(column, justify="right" if column == "clauses" else "left",
                         no_wrap=column != "title")
    for row in rows(plan):
        removed = f" −{row['removed']}" if row["removed"] else ""
        table.add_row(_tree_prefix(row["depth"]) + row["id"], row["date"], row["status"],
                      row["coverage"], f"{row['clauses']}{removed}", row["title"])
    console.print(table)
