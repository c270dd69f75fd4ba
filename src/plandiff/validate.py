"""Pure checks of the contract: raw YAML data in, a Plan and every problem out."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .characters import BIDI as _BIDI
from .characters import INVISIBLE as _INVISIBLE
from .models import SLUG_PATTERN, Citation, Clause, Disputed, Plan, Source, Term, Version
from .normalize import normalize, quote_occurs
from .problems import KeyPath, Problem
from .registry import check_term_definition, check_value

TERMS_FILE = "plans/terms.yaml"
SOURCES_FILE = "plans/sources.yaml"
_SLUG = re.compile(SLUG_PATTERN)

_VERSION = TypeAdapter(Version)
_TERM = TypeAdapter(Term)
_SOURCE = TypeAdapter(Source)


def _problem(file: str, keypath: KeyPath, message: str, code: str, hint: str | None = None,
             severity: str = "error") -> Problem:
    return Problem(file, message, code, severity, hint, keypath)  # type: ignore[arg-type]


def _suggest(name: object, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


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


def _pydantic_problems(file: str, data: Any, error: ValidationError, model: type) -> list[Problem]:
    grouped: dict[KeyPath, list[dict[str, Any]]] = {}
    for details in error.errors():
        item: dict[str, Any] = dict(details)
        loc: tuple[Any, ...] = tuple(item["loc"])
        path = _existing_prefix(data, loc)
        if item["type"] in ("missing", "extra_forbidden") and len(path) == len(loc):
            path = path[:-1] if item["type"] == "missing" else path
        grouped.setdefault(path, []).append(item)
    problems = []
    for path, items in grouped.items():
        for chosen in _dedupe(items):
            problems.append(_describe_error(file, data, path, chosen, model))
    return problems


def _dedupe(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Union members each report a failure for the same value; one message per value is enough."""
    direct = [i for i in items if i["type"] in ("missing", "extra_forbidden")]
    if direct:
        return direct
    return items[:1]


_FIELDS_BY_NAME = {
    "version": set(Version.model_fields),
    "clause": set(Clause.model_fields),
}


def _describe_error(file: str, data: Any, path: KeyPath, item: dict[str, Any],
                    model: type) -> Problem:
    kind = item["type"]
    loc = tuple(item["loc"])
    field = str(loc[-1]) if loc else ""
    if kind == "missing":
        return _problem(file, path, f"missing required field `{field}`", "missing-field",
                        f"add `{field}:` (see docs/format.md)")
    if kind == "extra_forbidden":
        known = _known_fields(path, model)
        hint = _suggest(field, known) or f"known fields: {', '.join(sorted(known))}"
        return _problem(file, path, f"unknown field `{field}`", "unknown-field", hint)
    try:
        value = _value_at(data, path)
    except (KeyError, IndexError, TypeError):
        value = None
    shown = _short(value)
    name = next((str(k) for k in reversed(path) if isinstance(k, str)), "value")
    if kind == "invalid_key" or (loc and loc[-1] == "[key]"):
        key = loc[-2] if loc and loc[-1] == "[key]" else loc[-1] if loc else value
        return _problem(file, path, f"key {_short_key(key)} should be text, not"
                        f" {_type_name(key)}", "bad-key",
                        "use a field name or id; put it in quotes if it must look like this")
    if kind == "string_pattern_mismatch":
        return _problem(file, path, f"`{name}` {shown} is not a slug{_hidden_detail(value)}",
                        "not-a-slug", _slug_hint(value))
    if kind == "enum":
        expected = item.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        return _problem(file, path, f"`{name}` {shown} is not one of {expected}", "bad-value",
                        _suggest(value, options) if isinstance(value, str) else None)
    if kind.startswith("date"):
        return _problem(file, path, f"`{name}` {shown} is not a valid date", "bad-date",
                        "write an ISO date, YYYY-MM-DD")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _problem(file, path, f"`{name}` should be a mapping, not {_type_name(value)}",
                        "wrong-type")
    if kind == "list_type":
        return _problem(file, path, f"`{name}` should be a list, not {_type_name(value)}",
                        "wrong-type")
    if kind == "too_short":
        return _problem(file, path, f"`{name}` needs at least {item['ctx'].get('min_length')}"
                        " item(s)", "too-short")
    if kind in ("string_type", "int_type", "bool_type", "float_type"):
        wanted = {"string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
                  "float_type": "a number"}[kind]
        quote_hint = "put it in quotes to make it text" if kind == "string_type" else None
        return _problem(file, path, f"`{name}` should be {wanted}, not {_type_name(value)}"
                        f" {shown}".rstrip(), "wrong-type", quote_hint)
    return _problem(file, path, f"`{name}`: {item['msg'].lower()}", "invalid")


def _hidden_detail(value: object) -> str:
    """`: it holds ...` naming the invisible or bidirectional-control characters in a value."""
    if not isinstance(value, str):
        return ""
    found = _BIDI.findall(value) + _INVISIBLE.findall(value)
    if not found:
        return ""
    names = ", ".join(dict.fromkeys(_char_name(ch) for ch in found))
    return f": it holds the invisible character(s) {names}"


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '').lower()}".rstrip()


def _slug_hint(value: object) -> str:
    if _hidden_detail(value):
        return "retype the id; invisible characters make two ids look the same"
    return "use lowercase letters, digits and hyphens; start with a letter or digit"


def _short_key(key: object) -> str:
    text = repr(key)
    return text if len(text) <= 40 else text[:40] + "…"


def _known_fields(path: KeyPath, model: type) -> set[str]:
    if model is Version:
        if "claims" in path or "disputed" in path:
            return {"value", "cites", "note"}
        if "cites" in path:
            return set(Citation.model_fields)
        if "clauses" in path:
            return _FIELDS_BY_NAME["clause"]
        return _FIELDS_BY_NAME["version"]
    return set(model.model_fields)  # type: ignore[attr-defined]


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return ""
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else repr(value)
    return f"({text[:40]}…)" if len(text) > 40 else f"({text})"


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "empty", dt.datetime: "a date with a time",
            dt.date: "a date", tuple: "a list"}.get(type(value), type(value).__name__)


# --- the whole repository -----------------------------------------------------------------------


def build_plan(data: Mapping[str, Any], *, unreadable: Iterable[str] = (),
               ) -> tuple[Plan | None, list[Problem]]:
    """Validate every file's shape and the references between them.

    `data` maps each file's display path (`plans/terms.yaml`, `plans/v28.yaml`, ...) to its parsed
    YAML; a file that could not be parsed is absent, and `unreadable` names the version ids (file
    stems) of those, so that references to them are not reported as dangling. Returns the plan
    (None when a file could not be modelled) and every problem found.
    """
    problems: list[Problem] = []
    # A registry or bibliography that could not be read is unknown, not empty: checking clauses
    # against it would only repeat its own error once for every term or source.
    terms_known = TERMS_FILE in data and isinstance(data[TERMS_FILE], (dict, type(None)))
    sources_known = SOURCES_FILE in data and isinstance(data[SOURCES_FILE], (dict, type(None)))
    terms = _load_mapping_file(TERMS_FILE, data.get(TERMS_FILE), _TERM, "term", problems)
    for term_id, term in terms.items():
        for message in check_term_definition(term):
            problems.append(_problem(TERMS_FILE, (term_id,), f"term `{term_id}`: {message}",
                                     "bad-term"))
    sources = _load_mapping_file(SOURCES_FILE, data.get(SOURCES_FILE), _SOURCE, "source",
                                 problems)
    versions: dict[str, Version] = {}
    files: dict[str, str] = {}
    broken: set[str] = set(unreadable)  # stems of version files that could not be modelled
    complete = not unreadable
    for file, raw in data.items():
        if file in (TERMS_FILE, SOURCES_FILE):
            continue
        stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if not isinstance(raw, dict):
            problems.append(_not_a_mapping(file, raw, "a version file"))
            complete = False
            broken.add(stem)
            continue
        try:
            version = _VERSION.validate_python(raw)
        except ValidationError as error:
            problems.extend(_pydantic_problems(file, raw, error, Version))
            complete = False
            broken.add(stem)
            if isinstance(raw.get("id"), str):
                broken.add(raw["id"])
            continue
        if version.id != stem:
            problems.append(_problem(file, ("id",), f"id `{version.id}` differs from the file name"
                                     f" `{stem}`", "id-mismatch",
                                     f"rename the file to {version.id}.yaml or set id: {stem}"))
        if version.id in versions:
            problems.append(_problem(file, ("id",), f"version `{version.id}` is defined twice"
                                     f" (also in {files[version.id]})", "duplicate-version"))
            continue
        versions[version.id] = version
        files[version.id] = file
    plan = Plan(versions=versions, terms=terms, sources=sources)
    problems.extend(check_references(plan, files, unknown=Unknown(
        versions=frozenset(broken),
        terms=_broken_ids(data.get(TERMS_FILE), terms) if terms_known else None,
        sources=_broken_ids(data.get(SOURCES_FILE), sources) if sources_known else None)))
    if not terms_known or not sources_known:
        complete = False
    if not complete or any(p.file in (TERMS_FILE, SOURCES_FILE) and p.severity == "error"
                           and p.code in ("not-a-mapping",) for p in problems):
        return None, problems
    return plan, problems


def _broken_ids(raw: Any, loaded: Mapping[str, Any]) -> frozenset[str]:
    """Ids defined in a registry file whose definitions could not be modelled."""
    if not isinstance(raw, dict):
        return frozenset()
    return frozenset(str(key) for key in raw if key not in loaded)


def _not_a_mapping(file: str, raw: Any, what: str) -> Problem:
    if raw is None:
        return _problem(file, (), "the file is empty", "empty-file",
                        f"write {what} as a YAML mapping (see docs/format.md)")
    return _problem(file, (), f"{what} must be a mapping of fields, not {_type_name(raw)}",
                    "not-a-mapping", "see docs/format.md for the layout")


def _load_mapping_file(file: str, raw: Any, adapter: TypeAdapter[Any], what: str,
                       problems: list[Problem]) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(_not_a_mapping(file, raw, f"the {what} file"))
        return {}
    loaded = {}
    model = Term if what == "term" else Source
    for key, value in raw.items():
        if not isinstance(key, str) or not _SLUG.match(key):
            problems.append(_problem(file, (key,), f"{what} id {_short_key(key)} is not a slug"
                                     f"{_hidden_detail(key)}", "not-a-slug", _slug_hint(key)))
            continue
        if not isinstance(value, dict):
            problems.append(_problem(file, (key,), f"{what} `{key}` must be a mapping of fields,"
                                     f" not {_type_name(value)}", "wrong-type"))
            continue
        try:
            loaded[key] = adapter.validate_python(value)
        except ValidationError as error:
            for problem in _pydantic_problems(file, value, error, model):
                problems.append(Problem(problem.file, f"{what} `{key}`: {problem.message}",
                                        problem.code, problem.severity, problem.hint,
                                        (key, *problem.keypath)))
    return loaded


@dataclass(frozen=True)
class Unknown:
    """What could not be read, so references into it are neither confirmed nor reported:
    version ids, term and source ids whose definitions are broken, or (None) every term or
    source, when the whole registry or bibliography could not be read."""

    versions: frozenset[str] = frozenset()
    terms: frozenset[str] | None = frozenset()
    sources: frozenset[str] | None = frozenset()

    def term(self, term_id: str) -> bool:
        return self.terms is None or term_id in self.terms

    def source(self, source_id: str) -> bool:
        return self.sources is None or source_id in self.sources


def check_references(plan: Plan, files: Mapping[str, str], *,
                     unknown: Unknown = Unknown()) -> list[Problem]:
    """Parents, lineage cycles, `was` links, sources, terms and their values, citations."""
    problems: list[Problem] = []
    for version_id, version in plan.versions.items():
        file = files[version_id]
        if version.parent is not None and version.parent not in plan.versions \
                and version.parent not in unknown.versions:
            problems.append(_problem(file, ("parent",), f"parent `{version.parent}` is not a"
                                     " version in plans/", "unknown-parent",
                                     _suggest(version.parent, plan.versions)))
        problems.extend(_check_clauses(plan, version, file, unknown))
    problems.extend(_check_cycles(plan, files))
    problems.extend(_check_was_links(plan, files, unknown.versions))
    return problems


def _check_cycles(plan: Plan, files: Mapping[str, str]) -> list[Problem]:
    problems = []
    on_cycle = _versions_on_cycles(plan)
    for version_id in plan.versions:
        if version_id not in on_cycle:
            continue
        chain = [version_id]
        current = plan.versions[version_id].parent
        while current != version_id and current is not None:
            chain.append(current)
            current = plan.versions[current].parent
        shown = " → ".join([*chain, version_id])
        problems.append(_problem(files[version_id], ("parent",), f"lineage cycle: {shown}",
                                 "lineage-cycle", "a version cannot descend from itself"))
    return problems


def _versions_on_cycles(plan: Plan) -> set[str]:
    """The versions whose parent chain comes back to them, in one walk over all versions."""
    walking, done = 1, 2
    state: dict[str, int] = {}
    on_cycle: set[str] = set()
    for start in plan.versions:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in plan.versions and current not in state:
            state[current] = walking
            path.append(current)
            current = plan.versions[current].parent
        if current is not None and state.get(current) == walking:
            on_cycle.update(path[path.index(current):])
        for version_id in path:
            state[version_id] = done
    return on_cycle


def ancestors(plan: Plan, version_id: str) -> list[str]:
    """The parent chain of a version, nearest first, stopping at a cycle or a missing parent."""
    chain: list[str] = []
    seen = {version_id}
    current = plan.versions[version_id].parent
    while current is not None and current in plan.versions and current not in seen:
        chain.append(current)
        seen.add(current)
        current = plan.versions[current].parent
    return chain


def _check_was_links(plan: Plan, files: Mapping[str, str],
                     unknown_versions: frozenset[str] = frozenset()) -> list[Problem]:
    problems = []
    held_by_lineage = _ids_of_ancestors(plan)
    for version_id, version in plan.versions.items():
        lineage = ancestors(plan, version_id)
        top = plan.versions[lineage[-1]] if lineage else version
        if top.parent is not None and top.parent in unknown_versions:
            continue  # an ancestor could not be read: its clauses are unknown
        earlier = held_by_lineage[version_id]
        for index, clause in enumerate(version.clauses):
            if clause.was is None:
                continue
            if clause.was == clause.id:
                problems.append(_problem(files[version_id], ("clauses", index, "was"),
                                         f"clause `{clause.id}` says it `was` itself",
                                         "self-was", "remove `was:`"))
            elif clause.was not in earlier:
                hint = _suggest(clause.was, earlier) or (
                    "`was` names a clause id of an ancestor version" if lineage
                    else "`was` needs a parent version that holds that clause")
                problems.append(_problem(files[version_id], ("clauses", index, "was"),
                                         f"clause `{clause.id}` continues `{clause.was}`, which no"
                                         " ancestor version holds", "unknown-was", hint))
        if version.parent is not None and version.parent in plan.versions:
            inherited = earlier
            for index, clause in enumerate(version.clauses):
                if clause.removed and clause.id not in inherited and clause.was is None:
                    problems.append(_problem(
                        files[version_id], ("clauses", index, "id"),
                        f"clause `{clause.id}` is marked removed but no ancestor version holds it",
                        "unknown-removed", _suggest(clause.id, inherited)))
    return problems


def _ids_of_ancestors(plan: Plan) -> dict[str, frozenset[str]]:
    """For each version, the clause ids (and `was` ids) that its ancestors hold: each version's
    set is its parent's plus the parent's own, so a long lineage costs no more than its ids."""
    held: dict[str, frozenset[str]] = {}
    for version_id in plan.versions:
        chain = [version_id, *ancestors(plan, version_id)]
        # From the oldest version not yet known down to this one.
        pending = []
        for link in chain:
            if link in held:
                break
            pending.append(link)
        for link in reversed(pending):
            parent_id = plan.versions[link].parent
            if parent_id is None or parent_id not in plan.versions:
                held[link] = frozenset()
                continue
            if parent_id not in held:  # a cycle (reported on its own): count what it holds
                held[link] = frozenset(_ids(plan, ancestors(plan, link)))
                continue
            held[link] = held[parent_id] | _ids(plan, [parent_id])
    return held


def _ids(plan: Plan, version_ids: Iterable[str]) -> set[str]:
    clauses = [c for v in version_ids for c in plan.versions[v].clauses]
    return {c.id for c in clauses} | {c.was for c in clauses if c.was}


def _check_clauses(plan: Plan, version: Version, file: str,
                   unknown: Unknown) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, clause in enumerate(version.clauses):
        where = ("clauses", index)
        if clause.id in seen:
            problems.append(_problem(file, (*where, "id"), f"clause id `{clause.id}` is used twice"
                                     f" (first as clause {seen[clause.id] + 1})",
                                     "duplicate-clause",
                                     "clause ids are unique within a version"))
        else:
            seen[clause.id] = index
        if not clause.cites:
            code, message = ("uncited-removal", f"clause `{clause.id}` is removed without a"
                             " citation") if clause.removed else (
                             "uncited-clause", f"clause `{clause.id}` cites no source")
            problems.append(_problem(file, where, message, code,
                                     "add `cites:` with the source that reports it"))
        if not clause.removed and not (clause.text or "").strip():
            problems.append(_problem(file, where, f"clause `{clause.id}` has no text", "no-text",
                                     "describe the clause in `text:` (your own words)"))
        problems.extend(_check_citations(plan, file, (*where, "cites"), clause.cites, unknown))
        for term_id, value in clause.terms.items():
            path = (*where, "terms", term_id)
            term = plan.terms.get(term_id)
            if term is None and unknown.term(term_id):
                continue
            if term is None:
                problems.append(_problem(file, path, f"unknown term `{term_id}`", "unknown-term",
                                         _suggest(term_id, plan.terms)
                                         or "define it in plans/terms.yaml"))
                continue
            if isinstance(value, Disputed):
                for claim_index, claim in enumerate(value.disputed):
                    claim_path = (*path, "disputed", claim_index)
                    problems.extend(_value_problems(file, (*claim_path, "value"), term_id, term,
                                                    claim.value))
                    problems.extend(_check_citations(plan, file, (*claim_path, "cites"),
                                                     claim.cites, unknown))
            else:
                problems.extend(_value_problems(file, path, term_id, term, value))
        for field in ("text", "title", "note"):
            problems.extend(_hidden_characters(file, (*where, field), getattr(clause, field)))
    for field in ("title", "summary", "note"):
        problems.extend(_hidden_characters(file, (field,), getattr(version, field)))
    return problems


def _value_problems(file: str, path: KeyPath, term_id: str, term: Term,
                    value: Any) -> list[Problem]:
    problem = check_value(term_id, term, value)
    if problem is None:
        return []
    return [_problem(file, path, problem.message, "bad-term-value", problem.hint)]


def _check_citations(plan: Plan, file: str, path: KeyPath, cites: list[Citation],
                     unknown: Unknown) -> list[Problem]:
    problems = []
    for index, cite in enumerate(cites):
        if cite.source not in plan.sources and not unknown.source(cite.source):
            problems.append(_problem(file, (*path, index, "source"), f"unknown source"
                                     f" `{cite.source}`", "unknown-source",
                                     _suggest(cite.source, plan.sources)
                                     or "add it to plans/sources.yaml"))
        problems.extend(_hidden_characters(file, (*path, index, "quote"), cite.quote))
    return problems


def _hidden_characters(file: str, path: KeyPath, text: str | None) -> list[Problem]:
    if not text:
        return []
    problems = []
    bidi = _BIDI.search(text)
    if bidi:
        problems.append(_problem(file, path, f"bidirectional control character"
                                 f" U+{ord(bidi.group()):04X} in the text (it can make text display"
                                 " differently from what it says)", "bidi-control",
                                 "delete it; right-to-left text needs no control characters"))
    invisible = _INVISIBLE.search(text)
    if invisible:
        problems.append(_problem(file, path, f"invisible character U+{ord(invisible.group()):04X}"
                                 " in the text", "invisible-character",
                                 "delete it unless the language needs it", severity="warning"))
    return problems


# --- quotes ---------------------------------------------------------------------------------


def verify_quotes(plan: Plan, files: Mapping[str, str],
                  read_source: Callable[[str], tuple[str | None, str | None]], *,
                  report_unused: bool = False) -> list[Problem]:
    """Every quote of a source with a local file must occur in that file after normalisation.

    `read_source(relative_path)` returns (text, None) or (None, why it cannot be read); each
    source file is read and normalised once.
    """
    problems: list[Problem] = []
    normalized: dict[str, str | None] = {}
    for source_id, source in plan.sources.items():
        if source.file is None:
            continue
        text, why = read_source(source.file)
        if text is None:
            problems.append(_problem(SOURCES_FILE, (source_id, "file"), f"source `{source_id}`:"
                                     f" file {source.file!r}: {why}", "bad-source-file",
                                     "give a path relative to the root, inside it, to a text file"))
            normalized[source_id] = None
        else:
            normalized[source_id] = normalize(text)
    cited: set[str] = set()
    for version_id, version in plan.versions.items():
        file = files[version_id]
        for path, cite in _all_citations(version):
            cited.add(cite.source)
            haystack = normalized.get(cite.source)
            if haystack is None or cite.quote is None:
                continue
            if not quote_occurs(cite.quote, haystack):
                problems.append(_problem(file, (*path, "quote"), f"quote does not occur in"
                                         f" {plan.sources[cite.source].file} (source"
                                         f" `{cite.source}`)", "quote-not-found",
                                         "copy the quote verbatim from the source file"))
    for source_id in plan.sources if report_unused else ():
        if source_id not in cited:
            problems.append(_problem(SOURCES_FILE, (source_id,), f"source `{source_id}` is never"
                                     " cited", "unused-source", severity="warning"))
    return problems


def _all_citations(version: Version) -> Iterable[tuple[KeyPath, Citation]]:
    for index, clause in enumerate(version.clauses):
        for cite_index, cite in enumerate(clause.cites):
            yield ("clauses", index, "cites", cite_index), cite
        for term_id, value in clause.terms.items():
            if isinstance(value, Disputed):
                for claim_index, claim in enumerate(value.disputed):
                    for cite_index, cite in enumerate(claim.cites):
                        yield ("clauses", index, "terms", term_id, "disputed", claim_index,
                               "cites", cite_index), cite
