"""Pure checks of plans/positions.yaml: its shape, and its references to parties, terms,
versions and sources."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from plandiff.core.model_build import validate as validate_model
from plandiff.core.model_errors import (
    hidden_detail,
    problem_at,
    pydantic_problems,
    short_key,
    suggest,
    type_name,
)
from plandiff.core.models import (
    PARTY_PATTERN,
    Citation,
    Plan,
    Position,
    Positions,
    PositionsTranslation,
    field_names,
)
from plandiff.core.problems import KeyPath, Problem
from plandiff.core.term_values import check_value

POSITIONS_FILE = "plans/positions.yaml"
PARTY_CODE = re.compile(PARTY_PATTERN)
_TOP_KEYS = ("parties", "translations", "positions")


def load_positions(raw: Any) -> tuple[Positions | None, list[Problem]]:
    """The positions file modelled, or None when it cannot be; every problem of its shape."""
    file = POSITIONS_FILE
    if raw is None:
        return Positions(), []
    if not isinstance(raw, dict):
        return None, [problem_at(file, (), f"the positions file must be a mapping with `parties`"
                                 f" and `positions`, not {type_name(raw)}", "not-a-mapping",
                                 "see docs/format.md, \"Positions\"")]
    if "clauses" in raw or "id" in raw:
        return None, [problem_at(file, (), "plans/positions.yaml holds the parties' positions,"
                                 " but this file looks like a version file",
                                 "positions-file-is-a-version",
                                 "rename it and its `id` (for instance to positions-talks.yaml)")]
    problems: list[Problem] = []
    for key in raw:
        if key not in _TOP_KEYS:
            problems.append(problem_at(file, (key,), f"unknown field {short_key(key)}",
                                       "unknown-field", suggest(key, _TOP_KEYS)
                                       or "known fields: parties, translations, positions"))
    parties = _parties(raw.get("parties"), problems)
    translations = _translations(raw.get("translations"), problems)
    positions: list[Position] = []
    listed = raw.get("positions")
    if listed is not None and not isinstance(listed, list):
        problems.append(problem_at(file, ("positions",), "`positions` should be a list, not"
                                   f" {type_name(listed)}", "wrong-type"))
        listed = None
    complete = True
    for index, item in enumerate(listed or ()):
        where: KeyPath = ("positions", index)
        if not isinstance(item, dict):
            problems.append(problem_at(file, where, f"a position must be a mapping of fields, not"
                                       f" {type_name(item)}", "wrong-type"))
            complete = False
            continue
        position, error = validate_model(Position, item)
        if position is not None:
            positions.append(position)
        else:
            complete = False
            for problem in pydantic_problems(file, item, error, Position):
                hint = problem.hint
                if problem.code == "unknown-field" and "cites" in problem.keypath:
                    hint = suggest(problem.keypath[-1], field_names(Citation)) or (
                        "known fields: " + ", ".join(field_names(Citation)))
                problems.append(Problem(problem.file, f"position {index + 1}: {problem.message}",
                                        problem.code, problem.severity, hint,
                                        (*where, *problem.keypath)))
    if not complete or parties is None or translations is None:
        return None, problems
    return Positions(parties=parties, positions=positions, translations=translations), problems


def _translations(raw: Any, problems: list[Problem]) -> dict[str, PositionsTranslation] | None:
    """The parties' names in other languages: `translations: {ar: {parties: {RU: ...}}}`."""
    if raw is None:
        return {}
    positions, error = validate_model(Positions, {"translations": raw})
    if positions is not None:
        return positions.translations
    for problem in pydantic_problems(POSITIONS_FILE, {"translations": raw}, error, Positions):
        problems.append(problem)
    return None


def _parties(raw: Any, problems: list[Problem]) -> dict[str, str] | None:
    file = POSITIONS_FILE
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(problem_at(file, ("parties",), "`parties` should be a mapping of party"
                                   f" codes to names, not {type_name(raw)}", "wrong-type",
                                   "write `RU: Russia`, one party a line"))
        return None
    parties = {}
    for code, name in raw.items():
        if not isinstance(code, str) or not PARTY_CODE.fullmatch(code) or len(code) > 40:
            problems.append(problem_at(file, ("parties", code), f"party code {short_key(code)} is"
                                       " not a code of capital letters, digits and hyphens"
                                       f"{hidden_detail(code)}", "bad-party-code",
                                       "use an ISO 3166 alpha-2 code (RU, UA, US) or a short"
                                       " group code (EU, NATO, E3)"))
            continue
        if not isinstance(name, str) or not name.strip():
            problems.append(problem_at(file, ("parties", code), f"party `{code}` needs a name, not"
                                       f" {type_name(name)}", "wrong-type",
                                       f"write `{code}: ` and the party's name in words"))
            continue
        parties[code] = name
    return parties


def check_positions(plan: Plan, *, term_known: Any = None, source_known: Any = None,
                    version_known: Any = None) -> list[Problem]:
    """References of each position: a known party, a term from the registry (its value typed by
    it) or an issue in words, a known version in `at`, cited sources that exist (hidden
    characters: validate.hidden_character_problems, for every file). The `*_known` callables say
    that an id is defined in a file that could not be read, so it is neither confirmed nor
    reported."""
    file = POSITIONS_FILE
    problems: list[Problem] = []
    parties = plan.positions.parties
    for index, position in enumerate(plan.positions.positions):
        where: KeyPath = ("positions", index)
        label = f"position {index + 1}"
        if position.party not in parties:
            problems.append(problem_at(file, (*where, "party"), f"{label}: unknown party"
                                       f" `{position.party}`", "unknown-party",
                                       suggest(position.party, parties)
                                       or "add it under `parties:` at the top of the file"))
        if (position.term is None) == (position.issue is None):
            problems.append(problem_at(file, where, f"{label}: give either `term` (a term id from"
                                       " terms.yaml) or `issue` (in words, where no term fits),"
                                       " not both or neither", "position-subject"))
        elif position.issue is not None and not position.issue.strip():
            problems.append(problem_at(file, (*where, "issue"), f"{label}: `issue` is empty",
                                       "position-subject", "say in a few words what it is about"))
        if position.issue is not None and position.has_value:
            problems.append(problem_at(file, (*where, "value"), f"{label}: a value needs a term;"
                                       " a position on an issue says it in `text`",
                                       "value-without-term",
                                       "set `term:` to the term it is about, or drop `value:`"))
        if position.term is not None:
            term = plan.terms.get(position.term)
            if term is None and not (term_known and term_known(position.term)):
                problems.append(problem_at(file, (*where, "term"), f"{label}: unknown term"
                                           f" `{position.term}`", "unknown-term",
                                           suggest(position.term, plan.terms)
                                           or "define it in plans/terms.yaml"))
            elif term is not None and position.has_value:
                found = check_value(position.term, term, position.value)
                if found is not None:
                    problems.append(problem_at(file, (*where, "value"), f"{label}:"
                                               f" {found.message}", "bad-term-value", found.hint))
        if position.at is not None and position.at not in plan.versions \
                and not (version_known and version_known(position.at)):
            problems.append(problem_at(file, (*where, "at"), f"{label}: `at` names"
                                       f" `{position.at}`, which is not a version in plans/",
                                       "unknown-version", suggest(position.at, plan.versions)
                                       or "give the id of a version file, or leave `at` out"))
        if not position.text.strip():
            problems.append(problem_at(file, (*where, "text"), f"{label}: `text` is empty",
                                       "no-text", "say the position in your own words"))
        if not position.cites:
            problems.append(problem_at(file, where, f"{label} cites no source", "uncited-position",
                                       "add `cites:` with the source that reports it"))
        for cite_index, cite in enumerate(position.cites):
            path = (*where, "cites", cite_index)
            if cite.source not in plan.sources and not (source_known
                                                        and source_known(cite.source)):
                problems.append(problem_at(file, (*path, "source"), f"{label}: unknown source"
                                           f" `{cite.source}`", "unknown-source",
                                           suggest(cite.source, plan.sources)
                                           or "add it to plans/sources.yaml"))
    return problems


def position_citations(plan: Plan) -> Iterable[tuple[KeyPath, Citation]]:
    """Every citation of the positions file, with its key path (for quote checks)."""
    for index, position in enumerate(plan.positions.positions):
        for cite_index, cite in enumerate(position.cites):
            yield ("positions", index, "cites", cite_index), cite
