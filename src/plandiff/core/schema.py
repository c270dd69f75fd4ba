"""JSON Schema of the plan files, generated from the models (`plandiff schema`)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from plandiff.core.contract import Positions, Slug, Source, Term, Version

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("version", "terms", "sources", "positions")
_ABOUT = {
    "version": ("plandiff version file",
                "A reported version of a plan: plans/<id>.yaml. Term values are checked against"
                " the term registry (plans/terms.yaml) by `plandiff check`, not by this schema;"
                " nor are references between files or quotes."),
    "terms": ("plandiff term registry",
              "plans/terms.yaml: every typed term that a clause may set, by id."),
    "sources": ("plandiff bibliography",
                "plans/sources.yaml: every source that a clause may cite, by id."),
    "positions": ("plandiff positions",
                  "plans/positions.yaml: the parties by code, and each party's stated positions on"
                  " terms (or issues in words), dated and cited. Parties, terms, values, versions"
                  " and sources are checked by `plandiff check`, not by this schema."),
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of plan file: `version`, `terms`, `sources` or
    `positions`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    model: Any = {"version": Version, "terms": dict[Slug, Term],
                  "sources": dict[Slug, Source], "positions": Positions}[kind]
    generated = _strict_keys(TypeAdapter(model).json_schema())
    title, description = _ABOUT[kind]
    return {"$schema": DIALECT, "title": title, "description": description, **{
        key: value for key, value in generated.items() if key not in ("title", "description")}}


def render(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def _strict_keys(node: Any) -> Any:
    """pydantic writes a mapping with slug keys as `patternProperties`, which lets any other key
    through; say instead that every key is a slug (`propertyNames`) and every value fits."""
    if isinstance(node, list):
        return [_strict_keys(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _strict_keys(value) for key, value in node.items()}
    patterns = node.get("patternProperties")
    if isinstance(patterns, dict) and len(patterns) == 1 and "additionalProperties" not in node:
        (pattern, value), = patterns.items()
        names = {**node.pop("propertyNames", {}), "pattern": pattern}
        del node["patternProperties"]
        node["propertyNames"] = names
        node["additionalProperties"] = value
    return node
