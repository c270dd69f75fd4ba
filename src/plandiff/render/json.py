"""The `plandiff.diff/1` JSON view of a PlanDiff."""

from __future__ import annotations

from typing import Any

from plandiff.core.diff import Claim, ClauseDiff, PlanDiff, TermChange
from plandiff.core.models import Citation, TermType, Version
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text, known, positions, values
from plandiff.render.json_shapes import source_info, value_json, witnesses_json

__all__ = ["source_info", "value_json", "witnesses_json"]

FORMAT = "plandiff.diff/1"


def version_info(version: Version) -> dict[str, Any]:
    return {
        "id": version.id,
        "title": version.title,
        "date": version.date.isoformat(),
        "coverage": version.coverage.value,
        "status": version.status.value,
        "parent": version.parent,
        "parties": list(version.parties),
    }


def _side(change: TermChange, claims: tuple[Claim, ...]) -> Any:
    return value_json(claims, change.claim_moves)


def term_change(loc: Locale, change: TermChange) -> dict[str, Any]:
    data: dict[str, Any] = {
        "term": change.term,
        "label": values.label(loc, change),
        "type": change.type.value,
        "change": change.change,
        "old": _side(change, change.old),
        "new": _side(change, change.new),
        "delta": change.delta,
        "percent": change.percent,
        "direction": change.direction,
        "stated_in": {"old": change.stated_in[0], "new": change.stated_in[1]},
        "carried_from": {"old": change.carried_from[0], "new": change.carried_from[1]},
        "witnesses": {side: None if found is None else witnesses_json(found.independent,
                                                                      found.sources)
                      for side, found in zip(("old", "new"), change.witnesses, strict=True)},
        "hedged": {"old": change.hedged[0], "new": change.hedged[1]},
        "first_reported": {"old": known.first_json(change.first_reported[0]),
                           "new": known.first_json(change.first_reported[1])},
    }
    if change.unit:
        data["unit"] = change.unit
    if change.currency:
        data["currency"] = change.currency
    if change.type is TermType.choice and change.choices is not None:
        labels = {key: loc.plain(*loc.choice_of(change, key, label))  # the English marked
                  for key, label in change.choices.items()}
        data["old_label"] = _choice_labels(change.old, labels)
        data["new_label"] = _choice_labels(change.new, labels)
    if not change.disputed:
        data["sources"] = {
            "old": list(change.old[0].sources) if change.old else [],
            "new": list(change.new[0].sources) if change.new else [],
        }
    return data


def _choice_labels(claims: tuple[Claim, ...], labels: dict[str, str]) -> Any:
    if not claims:
        return None
    if len(claims) == 1:
        return labels.get(claims[0].value) if isinstance(claims[0].value, str) else None
    return [labels.get(c.value) if isinstance(c.value, str) else None for c in claims]


def _cites(cites: list[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in cites))


def clause_diff(loc: Locale, item: ClauseDiff) -> dict[str, Any]:
    old_number, new_number = item.number
    old_cites, new_cites = item.cites
    old_reported, new_reported = item.reported_in
    text: dict[str, Any] = {
        "old": item.old.clause.text if item.old else None,
        "new": item.new.clause.text if item.new and not item.new.removed else None,
        "changed": item.text is not None,
    }
    if item.text is not None:
        text["cosmetic"] = item.text.cosmetic
        text["obligation"] = list(item.text.obligation)
        text["words"] = [{"op": op.op, "old": op.old, "new": op.new} for op in item.text.ops]
    return {
        "id": item.id,
        "change": item.change,
        "old_id": item.old_id,
        "title": item.title,
        "topic": item.topic,
        "number": {"old": old_number, "new": new_number},
        "terms": [term_change(loc, t) for t in item.terms],
        "kept_terms": [term_change(loc, t) for t in item.kept],
        "text": text,
        "cites": {"old": _cites(old_cites), "new": _cites(new_cites)},
        "quotes": {
            "old": [_quote(c) for c in old_cites if c.quote],
            "new": [_quote(c) for c in new_cites if c.quote],
        },
        "reported_in": {"old": old_reported, "new": new_reported},
    }


def _quote(cite: Citation) -> dict[str, Any]:
    return {"source": cite.source, "quote": cite.quote}


def to_data(result: PlanDiff, *, loc: Locale = ENGLISH) -> dict[str, Any]:
    """The diff as `plandiff.diff/1` data: ids and values as they are, labels in the language."""
    loc = loc.with_terms(result.terms, result.positions)
    return {
        "format": FORMAT,
        "base": version_info(result.base),
        "head": version_info(result.head),
        "summary": result.summary,
        "term_summary": result.kept_terms,
        "clauses": [clause_diff(loc, c) for c in result.clauses],
        "sources": {key: source_info(s) for key, s in result.sources.items()},
        "stances": positions.diff_json(loc, result),
        "ranking": ranking_json(loc, result),
    }


def ranking_json(loc: Locale, result: PlanDiff) -> list[dict[str, Any]]:
    """Every term change of the changed clauses, the main changes first, with every part of its
    rank (core/ranking.py) and its reason in words."""
    from plandiff.render import main_changes

    return [{
        "rank": index, "clause": item.clause.id, "term": item.term.term,
        "score": round(item.score, 4), "size": round(item.size, 4), "size_basis": item.basis,
        "red_lines": [{"party": r.party, "cited": r.cited} for r in item.red_lines],
        "stances": [{"party": m.party, "stance": m.stance.value,
                     "value": m.value.isoformat() if hasattr(m.value, "isoformat") else m.value,
                     "date": m.date.isoformat(), "toward": m.toward, "hedged": m.hedged}
                    for m in item.stances],
        "counted": {"size": round(item.size, 4),
                    "red_line": main_changes.RED_LINE if item.salient else 0,
                    "stance": item.stance_weight},
        "label": main_changes.reason(loc, item),  # the reason, in words (a label: in --lang)
    } for index, item in enumerate(result.ranking, 1)]


def render(result: PlanDiff, *, loc: Locale = ENGLISH) -> str:
    return json_text.dumps(to_data(result, loc=loc), indent=2) + "\n"
