"""Pure: a table of rows with its columns described, as `plandiff export` writes it."""

from __future__ import annotations

from typing import Any

from plandiff.core.records import field, record


@record
class Column:
    name: str
    description: str
    type: str = "TEXT"  # an SQLite type; "" keeps each value as it is (numbers, text, yes/no)
    references: str | None = None  # "table.column"


@record
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    pk: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    search: tuple[str, ...] = ()  # columns of the full-text index
    indexes: tuple[tuple[str, ...], ...] = ()

    def row_values(self, row: dict[str, Any]) -> list[Any]:
        return [row.get(column.name) for column in self.columns]
