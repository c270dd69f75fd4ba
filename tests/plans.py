"""Building plans in memory for engine tests, without files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plandiff.core.model_build import validate_as
from plandiff.core.models import Plan, Source, Term, Version

TERMS = {
    "cap": Term(label="Troop cap", type="quantity", unit="personnel"),
    "nato": Term(label="NATO path", type="choice",
                 choices={"barred": "Barred", "consensus": "Up to consensus"}),
    "fund": Term(label="Fund", type="money", currency="USD"),
    "days": Term(label="Elections after signing", type="duration", unit="days"),
    "amnesty": Term(label="Amnesty", type="flag"),
    "signing": Term(label="Signing date", type="date"),
}
SOURCES = {"a": Source(outlet="Outlet A"), "b": Source(outlet="Outlet B")}


def clause(id: str, text: str | None = "Some text.", **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": id, "cites": [{"source": "a"}], **fields}
    if text is not None and not fields.get("removed"):
        data["text"] = text
    return data


def version(id: str, *clauses: dict[str, Any], parent: str | None = None,
            coverage: str = "full", day: int = 1) -> Version:
    return validate_as(Version, {
        "id": id, "title": id.upper(), "date": dt.date(2025, 1, day), "parent": parent,
        "coverage": coverage, "status": "proposed", "clauses": list(clauses),
    })


def plan(*versions: Version) -> Plan:
    return Plan(versions={v.id: v for v in versions}, terms=TERMS, sources=SOURCES)
