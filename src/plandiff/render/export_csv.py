"""Pure: the export's tables as CSV files: one tidy (long) file per table, and per numeric term
a wide file of date × value that Datawrapper and Flourish draw as a line chart as it is.

The dialect is RFC 4180 (comma, double quotes where needed, CRLF line ends), in UTF-8 without a
byte-order mark: what Datawrapper, Flourish, pandas, R and spreadsheets' "import" read without
an option. Numbers are plain (no thousands separators, a point for decimals), dates ISO, flags
`true`/`false`, empty cells empty.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from plandiff.core.models import NUMERIC_TYPES, Plan
from plandiff.core.tables import Table

CHARTS = "charts"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_rows(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()


def files(plan: Plan, tables: list[Table]) -> dict[str, str]:
    """Relative path -> CSV text: `TABLE.csv` for each table, `charts/TERM.csv` for each numeric
    term."""
    out = {f"{table.name}.csv": write_rows([c.name for c in table.columns],
                                           [table.row_values(row) for row in table.rows])
           for table in tables}
    by_name = {table.name: table for table in tables}
    for term_id, term in plan.terms.items():
        if term.type in NUMERIC_TYPES:
            out[f"{CHARTS}/{term_id}.csv"] = chart(plan, term_id, by_name["term_values"],
                                                  by_name["claims"])
    return out


def series_name(plan: Plan, term_id: str) -> str:
    """'Cap on Ukraine's armed forces (personnel)': the label and the unit of the chart's line."""
    term = plan.terms[term_id]
    unit = term.unit or term.currency
    return f"{term.label} ({unit})" if unit else term.label


def chart(plan: Plan, term_id: str, values: Table, claims: Table) -> str:
    """One row per version that gives the term a number, by date (versions of one date in lineage
    order): `date`, then the value; where sources disagree, the value is empty and each claim
    has its own column, named by its sources."""
    rows = [r for r in values.rows if r["term"] == term_id]
    disputes: dict[str, list[dict[str, Any]]] = {}
    for claim in claims.rows:
        if claim["term"] == term_id:
            disputes.setdefault(claim["version"], []).append(claim)
    name = series_name(plan, term_id)
    extra: list[str] = []  # a column per distinct set of sources that make a claim
    for version_claims in disputes.values():
        for claim in version_claims:
            if claim["sources"] not in extra:
                extra.append(claim["sources"])
    order = {row["version"]: index for index, row in enumerate(values.rows)}
    table = []
    for row in sorted(rows, key=lambda r: (r["date"], order[r["version"]])):
        line: list[Any] = [row["date"], _number(row["value"])]
        by_sources = {c["sources"]: _number(c["value"]) for c in disputes.get(row["version"], [])}
        line += [by_sources.get(sources) for sources in extra]
        if any(value is not None for value in line[1:]):
            table.append(line)
    header = ["date", name, *(f"{name}: claim of {sources}" for sources in extra)]
    return write_rows(header, table)


def _number(value: Any) -> Any:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
