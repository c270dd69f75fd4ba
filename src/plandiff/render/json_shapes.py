"""The JSON shapes every JSON view shares (diff, show, history, positions): a term value, a
source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plandiff.core.diff import Claim
from plandiff.core.models import Source


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
