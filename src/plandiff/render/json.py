"""The `plandiff.diff/1` JSON view of a PlanDiff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plandiff import i18n
from plandiff.core.diff import Claim, ClauseDiff, PlanDiff, TermChange
from plandiff.core.models import Citation, Source, TermType, Version
from plandiff.i18n import content as tr
from plandiff.render import json_text, positions, values

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


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def value_json(claims: tuple[Claim, ...],
               moves: tuple[tuple[float | None, float | None], ...] = ()) -> Any:
    """The one JSON shape of a term value, in every JSON view: the plain value; `{"unknown":
    why}`; or `{"disputed": [{"value", "sources", "note", "witnesses", "hedged"}, ...]}` (a claim
    that gives no value has `unknown` instead of `value`; against one known value, a diff adds
    each claim's `delta` and `percent`); None when the side does not set the term."""
    if not claims:
        return None
    if len(claims) == 1:
        return _plain(claims[0].value) if claims[0].known else {"unknown": claims[0].note}
    listed = []
    for index, claim in enumerate(claims):
        item: dict[str, Any] = (
            {"value": _plain(claim.value), "sources": list(claim.sources), "note": claim.note}
            if claim.known else {"unknown": claim.note, "sources": list(claim.sources)})
        if claim.independent is not None:
            item["witnesses"] = witnesses_json(claim.independent, claim.sources)
        item["hedged"] = claim.hedged
        if len(moves) == len(claims):
            item["delta"], item["percent"] = moves[index]
        listed.append(item)
    return {"disputed": listed}


def witnesses_json(independent: int, sources: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """`{"independent": N, "sources": [...]}`: a value's sources and how many independent
    witnesses they are (distinct original outlets, copies followed)."""
    return {"independent": independent, "sources": list(sources)}


def _side(change: TermChange, claims: tuple[Claim, ...]) -> Any:
    return value_json(claims, change.claim_moves)


def term_change(change: TermChange) -> dict[str, Any]:
    data: dict[str, Any] = {
        "term": change.term,
        "label": values.label(change),
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
    }
    if change.unit:
        data["unit"] = change.unit
    if change.currency:
        data["currency"] = change.currency
    if change.type is TermType.choice and change.choices is not None:
        labels = change.choices
        if not i18n.english():  # labels in the chosen language, the English marked
            labels = {key: tr.plain(*tr.choice_of(change, key, label))
                      for key, label in labels.items()}
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


def clause_diff(item: ClauseDiff) -> dict[str, Any]:
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
        "terms": [term_change(t) for t in item.terms],
        "kept_terms": [term_change(t) for t in item.kept],
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


def source_info(source: Source) -> dict[str, Any]:
    return {
        "outlet": source.outlet,
        "title": source.title,
        "date": source.date.isoformat() if source.date else None,
        "url": source.url,
        "file": source.file,
        "language": source.language,
        "reliability": source.reliability.value if source.reliability else None,
        "copy_of": source.copy_of,
    }


def to_data(result: PlanDiff) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "base": version_info(result.base),
        "head": version_info(result.head),
        "summary": result.summary,
        "term_summary": result.kept_terms,
        "clauses": [clause_diff(c) for c in result.clauses],
        "sources": {key: source_info(s) for key, s in result.sources.items()},
        "stances": positions.diff_json(result),
    }


def render(result: PlanDiff) -> str:
    return json_text.dumps(to_data(result), indent=2) + "\n"
