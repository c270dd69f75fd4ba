"""Pure: every term of the registry with the clauses that set it, for `plandiff terms`."""

from __future__ import annotations

from plandiff.core.models import Plan
from plandiff.core.records import record
from plandiff.core.resolve import lineage_order


@record
class TermEntry:
    id: str
    label: str
    type: str
    unit: str | None  # a quantity's or duration's unit, a money term's currency
    clauses: tuple[str, ...]  # the ids of the clauses that set it, in the order first set
    versions: tuple[str, ...]  # the versions that state it, in lineage order


def term_index(plan: Plan) -> list[TermEntry]:
    """The registry's terms in its order, each with the clauses and versions that state it."""
    clauses: dict[str, dict[str, None]] = {term_id: {} for term_id in plan.terms}
    versions: dict[str, dict[str, None]] = {term_id: {} for term_id in plan.terms}
    for version_id in lineage_order(plan):
        for clause in plan.versions[version_id].clauses:
            for term_id in clause.terms or {}:
                if term_id in clauses:
                    clauses[term_id][clause.id] = None
                    versions[term_id][version_id] = None
    return [TermEntry(term_id, term.label, term.type.value, term.unit or term.currency,
                      tuple(clauses[term_id]), tuple(versions[term_id]))
            for term_id, term in plan.terms.items()]
