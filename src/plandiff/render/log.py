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


# The fewest cells the title column of `log`'s table is given: narrower, its titles would wrap
# a word or two a line down a column of padding, and rich would cut the other columns.
_TITLE_ROOM = 24


def terminal(plan: Plan, console: Console, *, by: str = "lineage", loc: Locale = ENGLISH) -> None:
    """A lineage tree; by date, a list with each version's parent beside it instead. A table
    when it fits the console with room for its titles to wrap (`_TITLE_ROOM`); narrower, a
    block of lines per version (`_stacked`), since a table would cut its ids, dates and
    statuses («26 أكتوبر …») or wrap its titles down a column of padding."""
    from plandiff.render.styled import Columns, cell_width

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
    shown_rows = [_shown(loc, plan, r) for r in rows(plan, by=by)]
    for row in shown_rows:
        lineage = [row["parent"] or "—"] if dated else []
        table.add_row(_first_cell(loc, row, dated), row["date"], *lineage, row["status"],
                      row["coverage"], _clauses(row), row["title"])
    width = console.width
    titles = max((cell_width(word) for row in shown_rows for word in row["title"].split()),
                 default=0)
    if table.natural_width() <= width or \
            table.natural_width(len(columns) - 1) + 2 + max(titles, _TITLE_ROOM) <= width:
        console.print(table)
        return
    for line in _stacked(shown_rows, names, dated=dated, width=width, loc=loc):
        console.print(line)


def _first_cell(loc: Locale, row: dict[str, Any], dated: bool) -> str:
    # A row opens with a word of the language («└─ النسخة v28»): a bidi terminal lays out
    # a line that begins with a Latin id left to right.
    shown = loc.pgettext("version row", "{version}").format(version=row["id"])
    return shown if dated else _tree_prefix(row["depth"]) + shown


def _clauses(row: dict[str, Any]) -> str:
    return f"{row['clauses']} −{row['removed']}" if row["removed"] else f"{row['clauses']}"


def _stacked(shown_rows: list[dict[str, Any]], names: dict[str, str], *, dated: bool,
             width: int, loc: Locale) -> list[Any]:
    """One block per version: the version and its date on the tree's line, its title under it,
    then its fields, each named as the table's header names it («الحالة: مقترحة»); the title and
    the fields wrap between words, never inside an id, a date or a status."""
    from plandiff.render.styled import Styled, cell_width

    lines: list[Any] = []
    for row in shown_rows:
        first = _first_cell(loc, row, dated)
        lines.append(Styled(first + "  " + row["date"]))
        lead = cell_width(first) - cell_width(first.lstrip(" └─")) if not dated else 0
        indent = " " * min(lead + 2, width // 3)
        room = max(width - len(indent), 1)
        for part in _wrap(row["title"].split(), room, " "):
            lines.append(Styled(indent + part))
        fields = [f"{names['parent']}: {row['parent'] or '—'}"] if dated else []
        fields += [f"{names['status']}: {row['status']}",
                   f"{names['coverage']}: {row['coverage']}",
                   f"{names['clauses']}: {_clauses(row)}"]
        for part in _wrap(fields, room, "  "):
            lines.append(Styled(indent + part, style="dim"))
    return lines


def _wrap(words: list[str], room: int, sep: str) -> list[str]:
    """Words packed greedily into lines of at most `room` cells (a longer word alone)."""
    from plandiff.render.styled import cell_width

    lines: list[str] = []
    for word in words:
        if lines and cell_width(lines[-1]) + len(sep) + cell_width(word) <= room:
            lines[-1] += sep + word
        else:
            lines.append(word)
    return lines


def to_json(plan: Plan, *, by: str = "lineage") -> str:
    return json_text.dumps(to_data(plan, by=by), indent=2) + "\n"
