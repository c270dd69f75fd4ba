"""Checks of what terms.yaml says for ranking key changes: a choice term's `order` and a term's
`salience` (whose red line it is, with a cited or an editorial reason)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from plandiff.core.model_errors import problem_at, suggest
from plandiff.core.models import Citation, Plan, TermType
from plandiff.core.problems import KeyPath, Problem

TERMS_FILE = "plans/terms.yaml"


def check_ranking_fields(plan: Plan, *, source_known: Callable[[str], bool]) -> list[Problem]:
    """Every problem of the `order` and `salience` fields of terms.yaml, located."""
    problems: list[Problem] = []
    parties = plan.positions.parties
    for term_id, term in plan.terms.items():
        if term.order is not None:
            problems.extend(_order_problems(term_id, term.type, term.order, term.choices or {}))
        for index, mark in enumerate(term.salience):
            where: KeyPath = (term_id, "salience", index)
            if not mark.cites and not mark.editorial:
                problems.append(problem_at(
                    TERMS_FILE, where, f"term `{term_id}`: the red line of {mark.party} has no"
                    " source for its reason", "uncited-salience",
                    "cite where the party states it (`cites:`), or mark the reason as the"
                    " editors' own with `editorial: true`"))
            if parties and mark.party not in parties:
                problems.append(problem_at(
                    TERMS_FILE, (*where, "party"), f"term `{term_id}`: unknown party"
                    f" `{mark.party}`", "unknown-party",
                    suggest(mark.party, parties) or "use a party code of positions.yaml's"
                    " `parties`"))
            problems.extend(_citation_problems(plan, (*where, "cites"), mark.cites,
                                               source_known))
    return problems


def salience_citations(plan: Plan) -> Iterable[tuple[KeyPath, Citation]]:
    """Every citation of a salience reason, with its key path in terms.yaml."""
    for term_id, term in plan.terms.items():
        for index, mark in enumerate(term.salience):
            for cite_index, cite in enumerate(mark.cites):
                yield (term_id, "salience", index, "cites", cite_index), cite


def _order_problems(term_id: str, kind: TermType, order: list[str],
                    choices: dict[str, str]) -> list[Problem]:
    if kind is not TermType.choice:
        return [problem_at(TERMS_FILE, (term_id, "order"), f"term `{term_id}`: `order` is only"
                           f" for choice terms, not {kind.value}", "bad-term")]
    problems = []
    seen: set[str] = set()
    for index, key in enumerate(order):
        if key not in choices:
            problems.append(problem_at(TERMS_FILE, (term_id, "order", index),
                                       f"term `{term_id}`: `{key}` in `order` is not one of its"
                                       " choices", "bad-term",
                                       suggest(key, choices) or "list keys of `choices`"))
        elif key in seen:
            problems.append(problem_at(TERMS_FILE, (term_id, "order", index),
                                       f"term `{term_id}`: `{key}` is twice in `order`",
                                       "bad-term"))
        seen.add(key)
    return problems


def _citation_problems(plan: Plan, path: KeyPath, cites: list[Citation],
                       source_known: Callable[[str], bool]) -> list[Problem]:
    return [problem_at(TERMS_FILE, (*path, index, "source"), f"unknown source `{cite.source}`",
                       "unknown-source", suggest(cite.source, plan.sources)
                       or "add it to plans/sources.yaml")
            for index, cite in enumerate(cites)
            if cite.source not in plan.sources and not source_known(cite.source)]
