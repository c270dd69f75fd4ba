"""Pure checks of the contract: raw YAML data in, a Plan and every problem out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from plandiff.core import hidden_characters as hidden
from plandiff.core import suggestions
from plandiff.core.hidden_characters import findings, is_web_url
from plandiff.core.lineage import check_cycles, check_rename_collisions, check_was_links
from plandiff.core.model_build import validate as validate_model
from plandiff.core.model_errors import (
    hidden_detail,
    problem_at,
    pydantic_problems,
    short_key,
    slug_hint,
    suggest,
    type_name,
)
from plandiff.core.models import (
    Citation,
    Claim,
    Disputed,
    NoLongerKnown,
    Plan,
    Positions,
    Source,
    Term,
    Version,
    is_slug,
)
from plandiff.core.positions_check import (
    POSITIONS_FILE,
    check_positions,
    load_positions,
    position_citations,
)
from plandiff.core.problems import KeyPath, Problem
from plandiff.core.quote_normalization import normalize, quote_occurs
from plandiff.core.records import record
from plandiff.core.salience import check_ranking_fields, salience_citations
from plandiff.core.term_values import check_term_definition, check_value
from plandiff.core.translations_check import check_translations
from plandiff.core.witnesses import check_copies

TERMS_FILE = "plans/terms.yaml"
SOURCES_FILE = "plans/sources.yaml"

# --- the whole repository -----------------------------------------------------------------------


def build_plan(data: Mapping[str, Any], *, unreadable: Iterable[str] = (),
               ) -> tuple[Plan | None, list[Problem]]:
    """Validate every file (see build_plans); the plan is None when a file could not be
    modelled."""
    plan, _, problems = build_plans(data, unreadable=unreadable)
    return plan, problems


def build_plans(data: Mapping[str, Any], *, unreadable: Iterable[str] = (),
                ) -> tuple[Plan | None, Plan, list[Problem]]:
    """Validate every file's shape and the references between them.

    `data` maps each file's display path (`plans/terms.yaml`, `plans/v28.yaml`, ...) to its parsed
    YAML; a file that could not be parsed is absent, and `unreadable` names the version ids (file
    stems) of those, so that references to them are not reported as dangling. Returns the plan
    (None when a file could not be modelled), the plan of every file that could be (to check the
    quotes of each readable version even when another is broken) and every problem found.
    "Did you mean" is computed for the first unknown names only (suggestions.COMPARISONS).
    """
    with suggestions.budget():
        return _build_plans(data, unreadable)


def _build_plans(data: Mapping[str, Any], unreadable: Iterable[str],
                 ) -> tuple[Plan | None, Plan, list[Problem]]:
    problems: list[Problem] = []
    for file, raw in data.items():
        problems.extend(hidden_character_problems(file, raw))
    # A registry or bibliography that could not be read is unknown, not empty: checking clauses
    # against it would only repeat its own error once for every term or source.
    terms_known = TERMS_FILE in data and isinstance(data[TERMS_FILE], (dict, type(None)))
    sources_known = SOURCES_FILE in data and isinstance(data[SOURCES_FILE], (dict, type(None)))
    terms = _load_mapping_file(TERMS_FILE, data.get(TERMS_FILE), Term, "term", problems)
    for term_id, term in terms.items():
        for message in check_term_definition(term):
            problems.append(problem_at(TERMS_FILE, (term_id,), f"term `{term_id}`: {message}",
                                       "bad-term"))
    sources = _load_mapping_file(SOURCES_FILE, data.get(SOURCES_FILE), Source, "source",
                                 problems)
    versions: dict[str, Version] = {}
    files: dict[str, str] = {}
    broken: set[str] = set(unreadable)  # stems of version files that could not be modelled
    complete = not unreadable
    for file, raw in data.items():
        if file in (TERMS_FILE, SOURCES_FILE, POSITIONS_FILE):
            continue
        stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if not isinstance(raw, dict):
            problems.append(_not_a_mapping(file, raw, "a version file"))
            complete = False
            broken.add(stem)
            continue
        version, error = validate_model(Version, raw)
        if version is None:
            problems.extend(_term_keys_misplaced(pydantic_problems(file, raw, error, Version),
                                                 terms))
            complete = False
            broken.add(stem)
            if isinstance(raw.get("id"), str):
                broken.add(raw["id"])
            continue
        if version.id != stem:
            problems.append(problem_at(file, ("id",), f"id `{version.id}` differs from the file"
                                       f" name `{stem}`", "id-mismatch",
                                       f"rename the {'file' if '.' in file else 'folder'} to"
                                       f" {version.id}{'.yaml' if '.' in file else '/'} or set"
                                       f" id: {stem}"))
        if version.id in versions:
            problems.append(problem_at(file, ("id",), f"version `{version.id}` is defined twice"
                                       f" (also in {files[version.id]})", "duplicate-version"))
            continue
        versions[version.id] = version
        files[version.id] = file
    positions, found = load_positions(data.get(POSITIONS_FILE))
    problems.extend(found)
    plan = Plan(versions=versions, terms=terms, sources=sources,
                positions=positions or Positions())
    unknown = Unknown(
        versions=frozenset(broken),
        terms=_broken_ids(data.get(TERMS_FILE), terms) if terms_known else None,
        sources=_broken_ids(data.get(SOURCES_FILE), sources) if sources_known else None)
    problems.extend(check_references(plan, files, unknown=unknown))
    problems.extend(check_positions(plan, term_known=unknown.term, source_known=unknown.source,
                                    version_known=unknown.versions.__contains__))
    problems.extend(check_ranking_fields(plan, source_known=unknown.source))
    problems.extend(check_translations(plan, files, terms_file=TERMS_FILE,
                                       positions_file=POSITIONS_FILE))
    if positions is None:
        complete = False
    if not terms_known or not sources_known:
        complete = False
    if not complete or any(p.file in (TERMS_FILE, SOURCES_FILE) and p.severity == "error"
                           and p.code in ("not-a-mapping",) for p in problems):
        return None, plan, problems
    return plan, plan, problems


def _term_keys_misplaced(problems: list[Problem], terms: Mapping[str, Term]) -> list[Problem]:
    """A clause field named like a term is a term written one level too high: say so."""
    said = []
    for problem in problems:
        path = problem.keypath
        if (problem.code == "unknown-field" and len(path) == 3 and path[0] == "clauses"
                and path[2] in terms):
            problem = Problem(problem.file, f"`{path[2]}` is a term: it belongs under `terms:`",
                              problem.code, problem.severity,
                              "indent it under the clause's `terms:`"
                              f" (`terms: {{{path[2]}: ...}}`)",
                              path, problem.line, problem.column)
        said.append(problem)
    return said


def _broken_ids(raw: Any, loaded: Mapping[str, Any]) -> frozenset[str]:
    """Ids defined in a registry file whose definitions could not be modelled."""
    if not isinstance(raw, dict):
        return frozenset()
    return frozenset(str(key) for key in raw if key not in loaded)


def _not_a_mapping(file: str, raw: Any, what: str) -> Problem:
    if raw is None:
        return problem_at(file, (), "the file is empty", "empty-file",
                          f"write {what} as a YAML mapping (see docs/format.md)")
    return problem_at(file, (), f"{what} must be a mapping of fields, not {type_name(raw)}",
                      "not-a-mapping", "see docs/format.md for the layout")


def _load_mapping_file(file: str, raw: Any, model: type[Term] | type[Source], what: str,
                       problems: list[Problem]) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(_not_a_mapping(file, raw, f"the {what} file"))
        return {}
    loaded = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not is_slug(key):
            problems.append(problem_at(file, (key,), f"{what} id {short_key(key)} is not a slug"
                                       f"{hidden_detail(key)}", "not-a-slug", slug_hint(key)))
            continue
        if not isinstance(value, dict):
            problems.append(problem_at(file, (key,), f"{what} `{key}` must be a mapping of fields,"
                                       f" not {type_name(value)}", "wrong-type"))
            continue
        built, error = validate_model(model, value)
        if built is not None:
            loaded[key] = built
        else:
            for problem in pydantic_problems(file, value, error, model):
                problems.append(Problem(problem.file, f"{what} `{key}`: {problem.message}",
                                        problem.code, problem.severity, problem.hint,
                                        (key, *problem.keypath)))
    return loaded


@record
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


NOTHING_UNKNOWN = Unknown()


def check_references(plan: Plan, files: Mapping[str, str], *,
                     unknown: Unknown = NOTHING_UNKNOWN) -> list[Problem]:
    """Parents, lineage cycles, `was` links, sources, terms and their values, citations."""
    problems: list[Problem] = check_copies(plan.sources, source_known=unknown.source)
    for version_id, version in plan.versions.items():
        file = files[version_id]
        if version.parent is not None and version.parent not in plan.versions \
                and version.parent not in unknown.versions:
            problems.append(problem_at(file, ("parent",), f"parent `{version.parent}` is not a"
                                       " version in plans/", "unknown-parent",
                                       suggest(version.parent, plan.versions)))
        problems.extend(_check_clauses(plan, version, file, unknown))
    problems.extend(check_cycles(plan, files))
    problems.extend(check_was_links(plan, files, unknown.versions))
    problems.extend(check_rename_collisions(plan, files))
    return problems

def _check_clauses(plan: Plan, version: Version, file: str,
                   unknown: Unknown) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, clause in enumerate(version.clauses):
        where = ("clauses", index)
        if clause.id in seen:
            problems.append(problem_at(file, (*where, "id"), f"clause id `{clause.id}` is used"
                                       f" twice (first as clause {seen[clause.id] + 1})",
                                       "duplicate-clause",
                                       "clause ids are unique within a version"))
        else:
            seen[clause.id] = index
        if not clause.cites:
            code, message = ("uncited-removal", f"clause `{clause.id}` is removed without a"
                             " citation") if clause.removed else (
                             "uncited-clause", f"clause `{clause.id}` cites no source")
            problems.append(problem_at(file, where, message, code,
                                       "add `cites:` with the source that reports it"))
        if not clause.removed and not (clause.text or "").strip():
            problems.append(problem_at(file, where, f"clause `{clause.id}` has no text", "no-text",
                                       "describe the clause in `text:` (your own words)"))
        problems.extend(_check_citations(plan, file, (*where, "cites"), clause.cites, unknown))
        for term_id, value in clause.terms.items():
            path = (*where, "terms", term_id)
            term = plan.terms.get(term_id)
            if term is None and unknown.term(term_id):
                continue
            if term is None:
                problems.append(problem_at(file, path, f"unknown term `{term_id}`", "unknown-term",
                                           suggest(term_id, plan.terms)
                                           or "define it in plans/terms.yaml"))
                continue
            if isinstance(value, Disputed):
                for claim_index, claim in enumerate(value.disputed):
                    claim_path = (*path, "disputed", claim_index)
                    problems.extend(_claim_form(file, claim_path, claim))
                    if claim.has_value:
                        problems.extend(_value_problems(file, (*claim_path, "value"), term_id,
                                                        term, claim.value))
                    problems.extend(_check_citations(plan, file, (*claim_path, "cites"),
                                                     claim.cites, unknown))
            elif not isinstance(value, NoLongerKnown):
                problems.extend(_value_problems(file, path, term_id, term, value))
    return problems


def _claim_form(file: str, path: KeyPath, claim: Claim) -> list[Problem]:
    """A claim gives a value (`null`: the source says there is none) or says why it gives none
    (`unknown: why`), never both or neither."""
    if claim.has_value and claim.unknown is not None:
        return [problem_at(file, (*path, "unknown"), "a disputed claim gives both `value` and"
                           " `unknown`", "claim-form", "keep `value` when the source gives one,"
                           " else `unknown: why`")]
    if not claim.has_value and claim.unknown is None:
        return [problem_at(file, path, "a disputed claim gives neither `value` nor `unknown`",
                           "claim-form", "write `value: X` (`null` only when the source says"
                           " there is none) or `unknown: why` (the source gives no value)")]
    return []


def _value_problems(file: str, path: KeyPath, term_id: str, term: Term,
                    value: Any) -> list[Problem]:
    problem = check_value(term_id, term, value)
    if problem is None:
        return []
    return [problem_at(file, path, problem.message, "bad-term-value", problem.hint)]


def _check_citations(plan: Plan, file: str, path: KeyPath, cites: list[Citation],
                     unknown: Unknown) -> list[Problem]:
    problems = []
    for index, cite in enumerate(cites):
        if cite.source not in plan.sources and not unknown.source(cite.source):
            problems.append(problem_at(file, (*path, index, "source"), f"unknown source"
                                       f" `{cite.source}`", "unknown-source",
                                       suggest(cite.source, plan.sources)
                                       or "add it to plans/sources.yaml"))
    return problems


# --- hidden characters and URLs, in every string of every file ----------------------------------

# Fields that hold a paragraph: tab and line feed are fine there, and nowhere else.
PARAGRAPH_FIELDS = frozenset({"text", "summary", "note", "quote", "description", "unknown",
                              "reason"})
# Fields whose value must be a slug: the slug check refuses (and names) any other character.
_SLUG_FIELDS = frozenset({"id", "was", "parent", "source"})


def hidden_character_problems(file: str, raw: Any) -> list[Problem]:
    """Every string value of a file's data, as decoded (so `"\\u202e"` and `"\\e[2K"` count),
    checked for hidden characters; and a source's `url` for being one web URL. Keys are ids or
    field names, which the slug and field checks refuse when they hold anything else (a key with a
    lone surrogate is beyond pydantic, which reports no place for it: that is said here)."""
    problems: list[Problem] = []
    _walk(file, raw, (), problems)
    return problems


def _walk(file: str, raw: Any, path: KeyPath, problems: list[Problem]) -> None:
    # Every character NOTABLE finds is unprintable (tests/test_hostile_text.py checks each), so the
    # common case, a printable string, costs one call to str.isprintable and no search; an ASCII
    # key holds no surrogate.
    if isinstance(raw, str):
        if (not raw.isprintable() and hidden.NOTABLE.search(raw)) or (path and path[-1] == "url"):
            problems.extend(_string_problems(file, raw, path))
        return
    if isinstance(raw, dict):
        for key, value in raw.items():
            if isinstance(key, str) and not key.isascii() and hidden.SURROGATE.search(key):
                problems.extend(_surrogate_in_key(file, key, (*path, key)))
            if key in _SLUG_FIELDS:
                continue
            if isinstance(value, str):
                if (not value.isprintable() and hidden.NOTABLE.search(value)) or key == "url":
                    problems.extend(_string_problems(file, value, (*path, key)))
            elif isinstance(value, (dict, list)):
                _walk(file, value, (*path, key), problems)
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            if isinstance(value, (str, dict, list)):
                _walk(file, value, (*path, index), problems)


def _string_problems(file: str, raw: str, path: KeyPath) -> list[Problem]:
    paragraph = (bool(path) and path[-1] in PARAGRAPH_FIELDS
                 and not (len(path) > 1 and path[-2] in ("choices", "terms")))
    problems = [problem_at(file, path, f"{finding.what} in {_field_name(path)}"
                           + (f" ({finding.why})" if finding.why else ""), finding.code,
                           finding.hint, severity=finding.severity)
                for finding in findings(raw, one_line=not paragraph)]
    if (file == SOURCES_FILE and len(path) == 2 and path[1] == "url" and not is_web_url(raw)
            and not any(p.severity == "error" for p in problems)):
        problems.append(problem_at(file, path, f"source `{path[0]}`: `url` {_short_text(raw)} is"
                                   " not one http(s) URL", "bad-url",
                                   "write one URL starting with https:// (spaces as %20), or"
                                   " null"))
    return problems


def _surrogate_in_key(file: str, key: object, path: KeyPath) -> list[Problem]:
    if not isinstance(key, str) or not hidden.SURROGATE.search(key):
        return []
    finding = next(f for f in findings(key) if f.code == "lone-surrogate")
    return [problem_at(file, path, f"{finding.what} in the key {short_key(key)} ({finding.why})",
                       finding.code, finding.hint)]


def _field_name(path: KeyPath) -> str:
    if len(path) > 1 and path[-2] == "choices":
        return f"the label of choice `{path[-1]}`"
    if len(path) > 1 and path[-2] == "terms":
        return f"the value of term `{path[-1]}`"
    field = next((key for key in reversed(path) if isinstance(key, str)), None)
    return f"`{field}`" if field is not None else "the value"


def _short_text(text: str) -> str:
    shown = repr(text)
    return shown if len(shown) <= 60 else shown[:60] + "…"


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
            shown = source.file if len(source.file) <= 200 else source.file[:200] + "…"
            problems.append(problem_at(SOURCES_FILE, (source_id, "file"), f"source `{source_id}`:"
                                       f" file {shown!r}: {why}", "bad-source-file",
                                       "give a path relative to the root, inside it, to a text"
                                       " file"))
            normalized[source_id] = None
        else:
            normalized[source_id] = normalize(text)
    for source_id, source in plan.sources.items():
        haystack = normalized.get(source_id)
        if haystack is not None and source.headline is not None \
                and not quote_occurs(source.headline, haystack):
            problems.append(problem_at(SOURCES_FILE, (source_id, "headline"), f"the headline of"
                                       f" `{source_id}` does not occur in {source.file}",
                                       "headline-not-found",
                                       "copy the headline verbatim from the source file"))
    cited: set[str] = set()
    for version_id, version in plan.versions.items():
        file = files.get(version_id)
        if file is None:
            continue
        for path, cite in _all_citations(version):
            cited.add(cite.source)
            haystack = normalized.get(cite.source)
            if haystack is None or cite.quote is None:
                continue
            if not quote_occurs(cite.quote, haystack):
                problems.append(problem_at(file, (*path, "quote"), f"quote does not occur in"
                                           f" {plan.sources[cite.source].file} (source"
                                           f" `{cite.source}`)", "quote-not-found",
                                           "copy the quote verbatim from the source file"))
    for path, cite in position_citations(plan):
        cited.add(cite.source)
        haystack = normalized.get(cite.source)
        if haystack is not None and cite.quote is not None \
                and not quote_occurs(cite.quote, haystack):
            problems.append(problem_at(POSITIONS_FILE, (*path, "quote"), f"quote does not occur"
                                       f" in {plan.sources[cite.source].file} (source"
                                       f" `{cite.source}`)", "quote-not-found",
                                       "copy the quote verbatim from the source file"))
    for path, cite in salience_citations(plan):
        cited.add(cite.source)
        haystack = normalized.get(cite.source)
        if haystack is not None and cite.quote is not None \
                and not quote_occurs(cite.quote, haystack):
            problems.append(problem_at(TERMS_FILE, (*path, "quote"), f"quote does not occur"
                                       f" in {plan.sources[cite.source].file} (source"
                                       f" `{cite.source}`)", "quote-not-found",
                                       "copy the quote verbatim from the source file"))
    for source_id in plan.sources if report_unused else ():
        if source_id not in cited:
            problems.append(problem_at(SOURCES_FILE, (source_id,), f"source `{source_id}` is never"
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
