"""Chronological order: versions by date, lineage order breaking ties. Lineage order alone lists
a leak of 2 December after a version of 23 December when they sit on different branches, so
that an older figure reads as the latest."""

from __future__ import annotations

from plandiff.core.history import History
from plandiff.core.models import Plan
from plandiff.core.records import replace
from plandiff.core.resolve import lineage_order

ORDERS = ("lineage", "date")


def by_date(plan: Plan) -> list[str]:
    """Version ids by date; versions of one date in lineage order (parents first)."""
    return sorted(lineage_order(plan), key=lambda version_id: plan.versions[version_id].date)


def history_by_date(result: History) -> History:
    """The same history with its points by date (a stable sort of the lineage order)."""
    return replace(result, points=tuple(sorted(result.points, key=lambda p: p.version.date)))
