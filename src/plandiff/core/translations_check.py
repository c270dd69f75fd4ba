"""Pure checks of translated content: no empty rendering, nothing that translates a field or a
choice the object does not have. (Hidden characters are found by validate's one walk over every
string of every file, translations included.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plandiff.core.model_errors import problem_at, suggest
from plandiff.core.models import Plan
from plandiff.core.problems import KeyPath, Problem

_EMPTY_HINT = "write the translation, or leave the field out: views then show the English, marked"


def check_translations(plan: Plan, files: Mapping[str, str], *, terms_file: str,
                       positions_file: str) -> list[Problem]:
    """Every translation of the plan: terms, versions and their clauses, positions. `files` maps
    each version id to its file."""
    problems: list[Problem] = []
    for term_id, term in plan.terms.items():
        for lang, rendering in term.translations.items():
            where: KeyPath = (term_id, "translations", lang)
            problems.extend(_texts(terms_file, where, rendering, ("label", "unit")))
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
    for version_id, version in plan.versions.items():
        file = files[version_id]
        for lang, version_rendering in version.translations.items():
            where = ("translations", lang)
            problems.extend(_texts(file, where, version_rendering, ("title", "summary")))
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
            if position_rendering.issue is not None and position.issue is None:
                problems.append(problem_at(positions_file, (*where, "issue"), f"position"
                                           f" {index + 1} is about a term, not an issue in words:"
                                           " it has no `issue` to translate",
                                           "translation-of-nothing",
                                           "delete the translated `issue`; the term's label is"
                                           " translated in plans/terms.yaml"))
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
