"""Pure checks of translated content: no empty rendering, nothing that translates a field or a
choice the object does not have, no number that the English does not state. (Hidden characters
are found by validate's one walk over every string of every file, translations included.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plandiff.core.model_errors import problem_at, suggest
from plandiff.core.models import Disputed, Plan
from plandiff.core.problems import KeyPath, Problem
from plandiff.core.translation_numbers import unstated_numbers
from plandiff.core.witnesses import SOURCES_FILE

_EMPTY_HINT = "write the translation, or leave the field out: views then show the English, marked"


def check_translations(plan: Plan, files: Mapping[str, str], *, terms_file: str,
                       positions_file: str, sources_file: str = SOURCES_FILE) -> list[Problem]:
    """Every translation of the plan: terms, versions and their clauses, positions, sources.
    `files` maps each version id to its file."""
    problems: list[Problem] = []
    for term_id, term in plan.terms.items():
        for lang, rendering in term.translations.items():
            where: KeyPath = (term_id, "translations", lang)
            problems.extend(_texts(terms_file, where, rendering, ("label", "unit", "description")))
            problems.extend(_numbers(terms_file, where, rendering, ("label", "unit", "description"),
                                     (term.label, term.unit, term.description)))
            if rendering.unit is not None and term.unit is None:
                problems.append(problem_at(terms_file, (*where, "unit"), f"term `{term_id}` has"
                                           " no unit to translate", "translation-of-nothing",
                                           "delete the translated `unit`, or give the term a"
                                           " `unit:`"))
            choices = term.choices or {}
            for key, label in rendering.choices.items():
                path = (*where, "choices", key)
                if key not in choices:
                    problems.append(problem_at(terms_file, path, f"term `{term_id}` has no choice"
                                               f" `{key}` to translate", "unknown-choice",
                                               suggest(key, choices) or (
                                                   "its choices: " + ", ".join(choices)
                                                   if choices else "the term has no choices")))
                problems.extend(_text(terms_file, path, label, f"label of choice `{key}`"))
                problems.extend(_number_problems(terms_file, path, label,
                                                 (choices.get(key), term.description), ()))
    for version_id, version in plan.versions.items():
        file = files[version_id]
        for lang, version_rendering in version.translations.items():
            where = ("translations", lang)
            problems.extend(_texts(file, where, version_rendering, ("title", "summary")))
            problems.extend(_numbers(file, where, version_rendering, ("title", "summary"),
                                     (version.title, version.summary)))
            if version_rendering.summary is not None and version.summary is None:
                problems.append(problem_at(file, (*where, "summary"), f"version `{version_id}`"
                                           " has no summary to translate",
                                           "translation-of-nothing",
                                           "delete the translated `summary`, or write the"
                                           " version's `summary:`"))
        for index, clause in enumerate(version.clauses):
            for lang, clause_rendering in clause.translations.items():
                where = ("clauses", index, "translations", lang)
                problems.extend(_texts(file, where, clause_rendering, ("title", "text")))
                problems.extend(_numbers(file, where, clause_rendering, ("title", "text"),
                                         (clause.title, clause.text, str(clause.number or "")),
                                         _term_values(clause.terms.values())))
                if clause.removed and clause_rendering.text is not None:
                    problems.append(problem_at(file, (*where, "text"), f"clause `{clause.id}` is"
                                               " removed: it has no text to translate",
                                               "translation-of-nothing",
                                               "delete the translated `text`"))
    positions = plan.positions
    for lang, names in positions.translations.items():
        for code, name in names.parties.items():
            at: KeyPath = ("translations", lang, "parties", code)
            if code not in positions.parties:
                problems.append(problem_at(positions_file, at, f"party `{code}` is not under"
                                           " `parties:`, so its name cannot be translated",
                                           "unknown-party", suggest(code, positions.parties)
                                           or "add the party under `parties:` first"))
            problems.extend(_text(positions_file, at, name, f"name of party `{code}`"))
    for index, position in enumerate(positions.positions):
        for lang, position_rendering in position.translations.items():
            where = ("positions", index, "translations", lang)
            problems.extend(_texts(positions_file, where, position_rendering, ("text", "issue")))
            problems.extend(_numbers(positions_file, where, position_rendering, ("text", "issue"),
                                     (position.text, position.issue),
                                     (position.value,) if position.has_value else ()))
            if position_rendering.issue is not None and position.issue is None:
                problems.append(problem_at(positions_file, (*where, "issue"), f"position"
                                           f" {index + 1} is about a term, not an issue in words:"
                                           " it has no `issue` to translate",
                                           "translation-of-nothing",
                                           "delete the translated `issue`; the term's label is"
                                           " translated in plans/terms.yaml"))
    for source_id, source in plan.sources.items():
        for lang, source_rendering in source.translations.items():
            where = (source_id, "translations", lang)
            problems.extend(_texts(sources_file, where, source_rendering, ("outlet", "title")))
            problems.extend(_numbers(sources_file, where, source_rendering, ("outlet", "title"),
                                     (source.outlet, source.title)))
            if source_rendering.title is not None and source.title is None:
                problems.append(problem_at(sources_file, (*where, "title"), f"source"
                                           f" `{source_id}` has no `title` to translate",
                                           "translation-of-nothing",
                                           "delete the translated `title`, or give the source"
                                           " a `title:` in English"))
    return problems


def _texts(file: str, where: KeyPath, rendering: Any, fields: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    for field in fields:
        problems.extend(_text(file, (*where, field), getattr(rendering, field)))
    return problems


def _text(file: str, path: KeyPath, text: str | None, what: str | None = None) -> list[Problem]:
    if text is None or text.strip():
        return []
    return [problem_at(file, path, f"the translated {what or f'`{path[-1]}`'} is empty",
                       "empty-translation", _EMPTY_HINT)]


# --- upkeep: renderings missing, or written for English that has changed since --------------

_CLAUSE_FIELDS = ("title", "text")
_VERSION_FIELDS = ("title", "summary")
_TERM_FIELDS = ("label", "unit", "choices", "description")
_POSITION_FIELDS = ("text", "issue")


def check_translation_upkeep(plan: Plan, files: Mapping[str, str], *, terms_file: str,
                             positions_file: str, sources_file: str = SOURCES_FILE,
                             strict: bool = False) -> list[Problem]:
    """Warnings for the languages the plan is translated into (any `translations:` key): a
    term, version, clause, position, party name or source (its outlet and title, as views in
    that language show them) with English that has no rendering in one of
    them (`missing-translation`), and a rendering whose `translated_from` no longer matches the
    English it renders (`stale-translation`: the English changed after it was written). With
    `strict`, also a rendering that records nothing (`unrecorded-translation`)."""
    from plandiff.core.translations import SOURCE_LANGUAGE, languages

    langs = [lang for lang in languages(plan) if lang != SOURCE_LANGUAGE]
    if not langs:
        return []
    carried = _carried_renderings(plan)
    problems: list[Problem] = []

    def visit(file: str, where: KeyPath, what: str, obj: Any, fields: tuple[str, ...],
              inherited: Mapping[str, Any] | None = None) -> None:
        for lang in langs:
            rendering = obj.translations.get(lang)
            shown = rendering if rendering is not None else (inherited or {}).get(lang)
            problems.extend(_upkeep(file, where, what, obj, lang, rendering, shown, fields,
                                    strict))

    for term_id, term in plan.terms.items():
        visit(terms_file, (term_id,), f"term `{term_id}`", term, _TERM_FIELDS)
    for version_id, version in plan.versions.items():
        file = files[version_id]
        visit(file, (), f"version `{version_id}`", version, _VERSION_FIELDS)
        for index, clause in enumerate(version.clauses):
            if clause.removed:
                continue
            visit(file, ("clauses", index), f"clause `{clause.id}` of `{version_id}`", clause,
                  _CLAUSE_FIELDS, carried.get((version_id, clause.id)))
    positions = plan.positions
    if positions.parties:
        visit(positions_file, (), "the parties' names", positions, ("parties",))
    for index, position in enumerate(positions.positions):
        visit(positions_file, ("positions", index), f"position {index + 1}", position,
              _POSITION_FIELDS)
    for source_id, source in plan.sources.items():
        for lang in langs:
            rendering = source.translations.get(lang)
            problems.extend(_upkeep(sources_file, (source_id,), f"source `{source_id}`", source,
                                    lang, rendering, rendering, _source_fields(source, lang),
                                    strict))
    return problems


def _source_fields(source: Any, lang: str) -> tuple[str, ...]:
    """What a view in `lang` shows of a source, so what it needs rendered: the outlet unless it
    is `unknown` (each view words that in its own language), the title unless the source's own
    headline, in that very language, stands in its place."""
    fields: tuple[str, ...] = ("outlet",) if source.outlet.strip().lower() != "unknown" else ()
    if not (source.headline and (source.language or "").lower() == lang):
        fields += ("title",)
    return fields


def _upkeep(file: str, where: KeyPath, what: str, obj: Any, lang: str, rendering: Any,
            shown: Any, fields: tuple[str, ...], strict: bool) -> list[Problem]:
    from plandiff.core.translations import english_of, fingerprint, untranslated

    problems: list[Problem] = []
    missing = untranslated(obj, shown, fields)
    if missing:
        problems.append(problem_at(
            file, where, f"{what} has no `{lang}` rendering of " + ", ".join(
                f"`{name}`" for name in missing) + ": views in that language show the English,"
            " marked", "missing-translation",
            f"write it under `translations: {lang}:` (docs/translating.md)", severity="warning"))
    if rendering is None:
        return problems
    english = english_of(obj, rendering)
    if not english:
        return problems
    now = fingerprint(english)
    at: KeyPath = (*where, "translations", lang)
    if rendering.translated_from is not None and rendering.translated_from != now:
        problems.append(problem_at(
            file, (*at, "translated_from"), f"the `{lang}` rendering of {what} was translated"
            " from English that has changed since (" + ", ".join(
                f"`{name}`" for name in sorted(english)) + ")", "stale-translation",
            f"bring the translation up to date with the English, then set `translated_from:"
            f" {now}`", severity="warning"))
    elif rendering.translated_from is None and strict:
        problems.append(problem_at(
            file, at, f"the `{lang}` rendering of {what} does not record the English it was"
            " translated from, so a change of the English cannot be noticed",
            "unrecorded-translation", f"if it renders today's English, add `translated_from:"
            f" {now}`", severity="warning"))
    return problems


def _carried_renderings(plan: Plan) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The renderings a listed clause of a partial version has through resolution (a title's
    carries with the title, a text's with the very same text): a clause is not missing what it
    inherits. Empty where the lineage cannot be resolved (check reports why elsewhere)."""
    from plandiff.core.resolve import Resolver

    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    resolver = Resolver(plan)
    for version_id, version in plan.versions.items():
        if not any(c.translations for c in version.clauses) and version.coverage.value == "full":
            continue
        try:
            resolved = resolver.resolve(version_id)
        except Exception:  # a broken lineage: check names it; nothing is inherited here
            continue
        for item in resolved.clauses.values():
            if item.reported_in == version_id:
                found[(version_id, item.clause.id)] = item.clause.translations
    return found

def _term_values(values: Any) -> list[Any]:
    """Every value a clause's terms state, each claim of a disputed one included."""
    found: list[Any] = []
    for value in values:
        if isinstance(value, Disputed):
            found += [claim.value for claim in value.disputed]
        else:
            found.append(value)
    return found


def _numbers(file: str, where: KeyPath, rendering: Any, fields: tuple[str, ...],
             english: tuple[str | None, ...], values: Any = ()) -> list[Problem]:
    problems: list[Problem] = []
    for field in fields:
        problems.extend(_number_problems(file, (*where, field), getattr(rendering, field),
                                         english, values))
    return problems


def _number_problems(file: str, path: KeyPath, text: str | None, english: tuple[str | None, ...],
                     values: Any) -> list[Problem]:
    """A translation states no number of its own: each one must be in the English it renders or
    in the values beside it (digits of either system; `800 ألف` renders 800,000)."""
    if not text:
        return []
    unstated = unstated_numbers(text, english, values)
    if not unstated:
        return []
    shown = ", ".join(dict.fromkeys(unstated))
    return [problem_at(file, path, f"the translated `{path[-1]}` states {shown}, which the"
                       " English and the terms do not", "translation-number",
                       "render the English's numbers: a translation is never cited, so it"
                       " states no fact of its own")]
