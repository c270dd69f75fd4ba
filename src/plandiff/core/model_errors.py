"""Pure: a problem located at a key path, a "did you mean", and pydantic's validation errors in
plain words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from plandiff.core import hidden_characters
from plandiff.core.models import (
    Citation,
    Clause,
    ClauseTranslation,
    Position,
    Positions,
    PositionsTranslation,
    PositionTranslation,
    Source,
    SourceTranslation,
    Term,
    TermTranslation,
    Version,
    VersionTranslation,
    field_names,
)
from plandiff.core.problems import KeyPath, Problem
from plandiff.core.suggestions import did_you_mean

if TYPE_CHECKING:
    from pydantic import ValidationError


def problem_at(file: str, keypath: KeyPath, message: str, code: str, hint: str | None = None,
               severity: str = "error") -> Problem:
    return Problem(file, message, code, severity, hint, keypath)  # type: ignore[arg-type]


def suggest(name: object, known: Iterable[str]) -> str | None:
    return did_you_mean(name, known)


# --- pydantic errors in plain words -------------------------------------------------------------


def _existing_prefix(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """The part of pydantic's `loc` that names real keys (it adds union member tags)."""
    node, path = data, []
    for key in loc:
        in_map = isinstance(node, dict) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if in_map or in_list:
            node = node[key]
        else:
            break
        path.append(key)
    return tuple(path)


def _value_at(data: Any, path: KeyPath) -> Any:
    for key in path:
        data = data[key]
    return data


def pydantic_problems(file: str, data: Any, error: ValidationError, model: type) -> list[Problem]:
    grouped: dict[KeyPath, list[dict[str, Any]]] = {}
    bad_mappings: dict[KeyPath, dict[Any, Any]] = {}
    for details in error.errors():
        if details["type"] == "string_unicode":
            continue  # a lone surrogate: validate's check of every string locates it
        item: dict[str, Any] = dict(details)
        loc: tuple[Any, ...] = tuple(item["loc"])
        form_path, form = _term_form(data, loc)
        if form is not None:
            member = next((m for k, m in _TERM_FORMS.items() if k in form), None)
            if member is None:
                bad_mappings[form_path] = form
                continue
            if member not in loc:
                continue  # another form of term value: its complaints would only confuse
            loc = tuple(k for k in loc if k != member)
        path = _existing_prefix(data, loc)
        if item["type"] in ("missing", "extra_forbidden") and len(path) == len(loc):
            path = path[:-1] if item["type"] == "missing" else path
        grouped.setdefault(path, []).append(item)
    problems = [_bad_term_mapping(file, path, form) for path, form in bad_mappings.items()]
    for path, items in grouped.items():
        for error_item in _dedupe(items):
            problems.append(_describe_error(file, data, path, error_item, model))
    return problems


_TERM_FORMS = {"disputed": "Disputed", "unknown": "NoLongerKnown"}


def _term_form(data: Any, loc: tuple[Any, ...]) -> tuple[KeyPath, dict[Any, Any] | None]:
    """Where `loc` runs through a term value written as a mapping (clauses.N.terms.ID), that
    mapping and its path; pydantic tags each union member it tried in `loc`."""
    if len(loc) < 5 or loc[0] != "clauses" or loc[2] != "terms":
        return (), None
    path = tuple(loc[:4])
    try:
        value = _value_at(data, path)
    except (KeyError, IndexError, TypeError):
        return (), None
    return (path, value) if isinstance(value, dict) else ((), None)


def _bad_term_mapping(file: str, path: KeyPath, value: dict[Any, Any]) -> Problem:
    keys = ", ".join(short_key(k) for k in value) or "no key"
    close = next((hint for k in value if (hint := suggest(k, _TERM_FORMS))), None)
    return problem_at(file, path, f"term `{path[-1]}` is a mapping with {keys}, which is neither"
                      " `disputed:` nor `unknown:`", "bad-term-value",
                      close or "write a plain value, `disputed:` with the claims, or `unknown:`"
                      " with why the earlier value no longer holds")


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Union members each report a failure for the same value; one message per value is enough."""
    direct = [i for i in items if i["type"] in ("missing", "extra_forbidden")]
    if direct:
        return direct
    return items[:1]


_FIELDS_BY_NAME = {
    "version": set(field_names(Version)),
    "clause": set(field_names(Clause)),
}


def _describe_error(file: str, data: Any, path: KeyPath, item: dict[str, Any],
                    model: type) -> Problem:
    kind = item["type"]
    loc = tuple(item["loc"])
    field = str(loc[-1]) if loc else ""
    if kind == "missing":
        return problem_at(file, path, f"missing required field `{field}`", "missing-field",
                        f"add `{field}:` (see docs/format.md)")
    if kind == "extra_forbidden":
        known = _known_fields(path, model)
        hint = suggest(field, known) or f"known fields: {', '.join(sorted(known))}"
        return problem_at(file, path, f"unknown field `{field}`", "unknown-field", hint)
    try:
        value = _value_at(data, path)
    except (KeyError, IndexError, TypeError):
        value = None
    shown = _short(value)
    name = next((str(k) for k in reversed(path) if isinstance(k, str)), "value")
    if kind == "string_pattern_mismatch" and len(loc) >= 3 and loc[-1] == "[key]" \
            and loc[-3] == "translations":
        return problem_at(file, path, f"language {short_key(loc[-2])} is not a lowercase"
                          f" language code{hidden_detail(loc[-2])}", "bad-language",
                          "use a BCP 47 code in lowercase: ar, fr, pt-br")
    if kind in ("string_pattern_mismatch", "string_too_long") and loc and loc[-1] == "language":
        return problem_at(file, path, f"`language` {shown} is not a language code"
                          f"{hidden_detail(value)}", "bad-language",
                          "use a BCP 47 code: ar, en, pt-BR")
    if kind == "invalid_key" or (loc and loc[-1] == "[key]"):
        key = loc[-2] if loc and loc[-1] == "[key]" else loc[-1] if loc else value
        return problem_at(file, path, f"key {short_key(key)} should be text, not"
                        f" {type_name(key)}", "bad-key",
                        "use a field name or id; put it in quotes if it must look like this")
    if kind == "string_pattern_mismatch":
        return problem_at(file, path, f"`{name}` {shown} is not a slug{hidden_detail(value)}",
                        "not-a-slug", slug_hint(value))
    if kind == "enum":
        expected = item.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        return problem_at(file, path, f"`{name}` {shown} is not one of {expected}", "bad-value",
                        suggest(value, options) if isinstance(value, str) else None)
    if kind.startswith("date"):
        return problem_at(file, path, f"`{name}` {shown} is not a valid date", "bad-date",
                        "write an ISO date, YYYY-MM-DD")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return problem_at(file, path, f"`{name}` should be a mapping, not {type_name(value)}",
                        "wrong-type")
    if kind == "list_type":
        return problem_at(file, path, f"`{name}` should be a list, not {type_name(value)}",
                        "wrong-type")
    if kind == "too_short":
        return problem_at(file, path, f"`{name}` needs at least {item['ctx'].get('min_length')}"
                        " item(s)", "too-short")
    if kind in ("string_type", "int_type", "bool_type", "float_type"):
        wanted = {"string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
                  "float_type": "a number"}[kind]
        quote_hint = "put it in quotes to make it text" if kind == "string_type" else None
        return problem_at(file, path, f"`{name}` should be {wanted}, not {type_name(value)}"
                        f" {shown}".rstrip(), "wrong-type", quote_hint)
    return problem_at(file, path, f"`{name}`: {item['msg'].lower()}", "invalid")


def hidden_detail(value: object) -> str:
    """`: it holds ...` naming the invisible or bidirectional-control characters in a value."""
    if not isinstance(value, str):
        return ""
    found = hidden_characters.HIDDEN.findall(value)
    if not found:
        return ""
    names = ", ".join(dict.fromkeys(_char_name(ch) for ch in found))
    return f": it holds the invisible character(s) {names}"


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '').lower()}".rstrip()


def slug_hint(value: object) -> str:
    if hidden_detail(value):
        return "retype the id; invisible characters make two ids look the same"
    return "use lowercase letters, digits and hyphens; start with a letter or digit"


def short_key(key: object) -> str:
    text = repr(key)
    return text if len(text) <= 40 else text[:40] + "…"


_TRANSLATION_MODELS: dict[type, type] = {
    Term: TermTranslation, Position: PositionTranslation, Positions: PositionsTranslation,
    Source: SourceTranslation,
}


def _known_fields(path: KeyPath, model: type) -> set[str]:
    if len(path) >= 3 and path[-3] == "translations":  # (..., translations, LANG, field)
        owner: type = _TRANSLATION_MODELS.get(model, model)
        if model is Version:
            owner = ClauseTranslation if "clauses" in path[:-3] else VersionTranslation
        return set(field_names(owner))
    if model is Version:
        if "claims" in path or "disputed" in path:
            return {"value", "cites", "note"}
        if "cites" in path:
            return set(field_names(Citation))
        if len(path) >= 4 and path[2] == "terms":
            return set(_TERM_FORMS)
        if "clauses" in path:
            return _FIELDS_BY_NAME["clause"]
        return _FIELDS_BY_NAME["version"]
    return set(field_names(model))


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return ""
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else repr(value)
    return f"({text[:40]}…)" if len(text) > 40 else f"({text})"


def type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "empty", dt.datetime: "a date with a time",
            dt.date: "a date", tuple: "a list"}.get(type(value), type(value).__name__)
