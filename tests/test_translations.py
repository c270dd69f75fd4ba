"""Translated content (`translations: {LANG: {...}}`): the contract, its checks located at
file:line:col, carrying over through partial versions, the helper views use, and the corpus's
Arabic renderings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from plandiff.api import open_plan
from plandiff.core.model_build import validate_as
from plandiff.core.models import Clause, Position, Positions, Term, Version
from plandiff.core.resolve import Resolver
from plandiff.core.translations import (
    candidates,
    languages,
    quote_language,
    translated,
    translated_choice,
    translated_party,
    translated_text_change,
)
from plandiff.repo.fmt import format_text

TERMS = """
cap:
  label: Troop cap
  type: quantity
  unit: personnel
  translations:
    ar:
      label: سقف عديد الجيش
      unit: فرد
nato:
  label: NATO path
  type: choice
  choices: {barred: Barred, consensus: Up to consensus}
  translations:
    ar:
      label: طريق الناتو
      choices: {barred: ممنوع}
"""
SOURCES = """
a:
  outlet: Outlet A
"""
V1 = """
id: v1
title: First
date: 2025-01-01
coverage: full
status: leaked
summary: The first draft.
translations:
  ar:
    title: الأولى
    summary: المسودة الأولى.
clauses:
  - id: army
    title: The army
    text: The army is capped at 600,000.
    terms: {cap: 600000}
    cites:
      - source: a
    translations:
      ar:
        title: الجيش
        text: يحدد سقف الجيش عند 600,000.
  - id: nato
    title: NATO
    text: Ukraine stays out of NATO.
    terms: {nato: barred}
    cites:
      - source: a
    translations:
      ar:
        title: الناتو
        text: تبقى أوكرانيا خارج الناتو.
  - id: amnesty
    title: Amnesty
    text: Everyone is pardoned.
    cites:
      - source: a
    translations:
      ar:
        title: العفو
        text: يُعفى عن الجميع.
"""
# A partial revision: the army clause restates a new text without a title; the NATO clause
# restates the same text under the same title; the amnesty clause is not reported.
V2 = """
id: v2
title: Second
date: 2025-02-01
parent: v1
coverage: partial
status: proposed
clauses:
  - id: army
    text: The army is capped at 800,000.
    terms: {cap: 800000}
    cites:
      - source: a
  - id: nato
    title: NATO
    text: Ukraine stays out of NATO.
    cites:
      - source: a
"""
POSITIONS = """
parties:
  RU: Russia
  UA: Ukraine
translations:
  ar:
    parties: {RU: روسيا}
positions:
  - party: RU
    issue: Buffer zones
    stance: demand
    date: 2025-01-05
    text: Russia wants buffer zones.
    cites:
      - source: a
    translations:
      ar:
        text: تريد روسيا مناطق عازلة.
        issue: المناطق العازلة
"""


@pytest.fixture
def repo(make_repo):
    def build(**overrides: str) -> Path:
        files = {"plans/terms.yaml": TERMS, "plans/sources.yaml": SOURCES, "plans/v1.yaml": V1,
                 "plans/v2.yaml": V2, "plans/positions.yaml": POSITIONS}
        files.update({f"plans/{k.replace('_yaml', '.yaml')}": v for k, v in overrides.items()})
        return make_repo(files)

    return build


# --- the contract ---------------------------------------------------------------------------


def test_a_repository_with_translations_checks_clean(run, repo) -> None:
    result = run("check", root=repo())
    assert result.exit_code == 0, result.stdout


def test_translations_load_into_the_models(repo) -> None:
    plan = open_plan(repo()).plan
    assert plan.terms["nato"].translations["ar"].choices == {"barred": "ممنوع"}
    assert plan.versions["v1"].translations["ar"].summary == "المسودة الأولى."
    assert plan.versions["v1"].clauses[0].translations["ar"].text == "يحدد سقف الجيش عند 600,000."
    assert plan.positions.translations["ar"].parties == {"RU": "روسيا"}
    assert plan.positions.positions[0].translations["ar"].issue == "المناطق العازلة"
    assert languages(plan) == ("ar",)


def test_fmt_puts_translations_after_note_and_their_fields_in_order() -> None:
    text = ("id: army\ntranslations:\n  ar:\n    text: نص\n    title: عنوان\nnote: A note.\n"
            "text: Text.\ncites:\n  - source: a\n")
    clause = format_text(f"id: v\nclauses:\n  - {text.replace(chr(10), chr(10) + '    ')}",
                         "version").text
    assert clause.index("note:") < clause.index("translations:")
    assert clause.index("title: عنوان") < clause.index("text: نص")
    term = format_text("cap:\n  translations:\n    ar:\n      unit: فرد\n      label: سقف\n"
                       "  label: Cap\n  type: quantity\n  unit: personnel\n", "terms").text
    assert term == ("cap:\n  label: Cap\n  type: quantity\n  unit: personnel\n  translations:\n"
                    "    ar:\n      label: سقف\n      unit: فرد\n")
    positions = format_text("positions: []\ntranslations:\n  ar:\n    parties: {RU: روسيا}\n"
                            "parties: {RU: Russia}\n", "positions").text
    assert positions.index("parties:") < positions.index("translations:") \
        < positions.index("positions:")


def test_the_schema_describes_translations(run) -> None:
    schema = json.loads(run("schema", "terms").stdout)
    term = schema["$defs"]["Term"]["properties"]["translations"]
    assert term["propertyNames"]["pattern"] == "^[a-z]{2,3}(-[a-z0-9]{2,8})*$"
    assert set(schema["$defs"]["TermTranslation"]["properties"]) == {"label", "unit", "choices",
                                                                     "description",
                                                                     "translated_from"}
    version = json.loads(run("schema", "version").stdout)["$defs"]
    assert set(version["ClauseTranslation"]["properties"]) == {"title", "text", "translated_from"}
    assert set(version["VersionTranslation"]["properties"]) == {"title", "summary",
                                                                "translated_from"}
    assert version["ClauseTranslation"]["additionalProperties"] is False


# --- check: every problem located -------------------------------------------------------------


def _errors(run, root: Path) -> list[str]:
    result = run("check", root=root)
    assert result.exit_code == 1, result.stdout
    # (renderings the fixture leaves out are warned of as missing: tests/test_translation_upkeep)
    return [line for line in result.stdout.splitlines() if (": error: " in line
            or ": warning: " in line) and "[missing-translation]" not in line]


def test_unknown_translated_field_names_the_closest(run, repo) -> None:
    root = repo(v1_yaml=V1.replace("        title: الجيش", "        titel: الجيش"))
    assert _errors(run, root) == [
        "plans/v1.yaml:20:9: error: unknown field `titel` [unknown-field] (did you mean `title`?)"]


def test_unknown_translated_field_lists_the_fields_a_translation_has(run, repo) -> None:
    root = repo(v1_yaml=V1.replace("    summary: المسودة الأولى.", "    text: المسودة الأولى."))
    assert _errors(run, root) == [
        "plans/v1.yaml:10:5: error: unknown field `text` [unknown-field] (known fields: summary,"
        " title, translated_from)"]


def test_unknown_field_in_a_term_or_position_translation(run, repo) -> None:
    root = repo(terms_yaml=TERMS.replace("      unit: فرد", "      units: فرد"),
                positions_yaml=POSITIONS.replace("        issue: المناطق", "        isue: المناطق"))
    assert _errors(run, root) == [
        "plans/positions.yaml:18:9: error: position 1: unknown field `isue` [unknown-field]"
        " (did you mean `issue`?)",
        "plans/terms.yaml:8:7: error: term `cap`: unknown field `units` [unknown-field]"
        " (did you mean `unit`?)"]



def test_the_parties_names_translation_is_checked_like_the_rest(run, repo) -> None:
    names = "    parties: {RU: روسيا}"
    wrong = "    partys: {RU: روسيا}\n  Ar-x:\n" + names
    root = repo(positions_yaml=POSITIONS.replace(names, wrong))
    assert _errors(run, root) == [
        "plans/positions.yaml:6:5: error: unknown field `partys` [unknown-field] (did you mean"
        " `parties`?)",
        "plans/positions.yaml:7:3: error: language 'Ar-x' is not a lowercase language code"
        " [bad-language] (use a BCP 47 code in lowercase: ar, fr, pt-br)"]

def test_a_language_code_must_be_lowercase_bcp47(run, repo) -> None:
    root = repo(v1_yaml=V1.replace("  ar:\n    title: الأولى", "  AR:\n    title: الأولى"))
    assert _errors(run, root) == [
        "plans/v1.yaml:8:3: error: language 'AR' is not a lowercase language code [bad-language]"
        " (use a BCP 47 code in lowercase: ar, fr, pt-br)"]


def test_longer_language_codes_are_accepted(run, repo) -> None:
    root = repo(v1_yaml=V1.replace("  ar:\n    title: الأولى", "  pt-br:\n    title: Primeira"))
    assert run("check", root=root).exit_code == 0


def test_an_empty_translation_is_refused(run, repo) -> None:
    root = repo(v1_yaml=V1.replace("        title: الجيش", "        title: ' '"),
                terms_yaml=TERMS.replace("{barred: ممنوع}", "{barred: ''}"))
    assert _errors(run, root) == [
        "plans/terms.yaml:16:25: error: the translated label of choice `barred` is empty"
        " [empty-translation] (write the translation, or leave the field out: views then show"
        " the English, marked)",
        "plans/v1.yaml:20:16: error: the translated `title` is empty [empty-translation] (write"
        " the translation, or leave the field out: views then show the English, marked)"]


def test_a_choice_the_term_lacks_is_refused_with_the_closest(run, repo) -> None:
    root = repo(terms_yaml=TERMS.replace("{barred: ممنوع}", "{bared: ممنوع}"))
    assert _errors(run, root) == [
        "plans/terms.yaml:16:24: error: term `nato` has no choice `bared` to translate"
        " [unknown-choice] (did you mean `barred`?)"]


def test_a_unit_or_summary_that_does_not_exist_cannot_be_translated(run, repo) -> None:
    root = repo(terms_yaml=TERMS.replace("      label: طريق الناتو", "      label: طريق الناتو\n"
                                         "      unit: مرحلة"),
                v2_yaml=V2.replace("status: proposed", "status: proposed\ntranslations:\n  ar:\n"
                                   "    summary: ملخص"))
    assert _errors(run, root) == [
        "plans/terms.yaml:16:13: error: term `nato` has no unit to translate"
        " [translation-of-nothing] (delete the translated `unit`, or give the term a `unit:`)",
        "plans/v2.yaml:9:14: error: version `v2` has no summary to translate"
        " [translation-of-nothing] (delete the translated `summary`, or write the version's"
        " `summary:`)"]


def test_hidden_characters_in_a_translation_are_caught(run, repo) -> None:
    root = repo(v1_yaml=V1.replace("        text: تبقى أوكرانيا", "        text: \"\u202eتبقى"
                                   " أوكرانيا").replace("الناتو.\n", "الناتو.\"\n", 1))
    assert _errors(run, root) == [
        "plans/v1.yaml:31:15: error: bidirectional control character U+202E in `text` (it can"
        " make text display differently from what it says) [bidi-control] (delete it;"
        " right-to-left text needs no control characters)"]


def test_a_removed_clause_has_no_text_to_translate(run, repo) -> None:
    removed = ("  - id: amnesty\n    removed: true\n    cites:\n      - source: a\n"
               "    translations:\n      ar:\n        title: العفو\n        text: نص\n")
    root = repo(v2_yaml=V2 + removed)
    assert _errors(run, root) == [
        "plans/v2.yaml:25:15: error: clause `amnesty` is removed: it has no text to translate"
        " [translation-of-nothing] (delete the translated `text`)"]


def test_party_names_must_translate_known_parties(run, repo) -> None:
    root = repo(positions_yaml=POSITIONS.replace("{RU: روسيا}", "{RU: روسيا, UK: بريطانيا}"))
    assert _errors(run, root) == [
        "plans/positions.yaml:6:30: error: party `UK` is not under `parties:`, so its name cannot"
        " be translated [unknown-party] (add the party under `parties:` first)"]


def test_a_position_on_a_term_has_no_issue_to_translate(run, repo) -> None:
    root = repo(positions_yaml=POSITIONS.replace("    issue: Buffer zones\n", "    term: cap\n"))
    assert _errors(run, root) == [
        "plans/positions.yaml:18:16: error: position 1 is about a term, not an issue in words: it"
        " has no `issue` to translate [translation-of-nothing] (delete the translated `issue`;"
        " the term's label is translated in plans/terms.yaml)"]


# --- resolution: what carries over ------------------------------------------------------------


def _resolved(root: Path, version: str, clause: str) -> Clause:
    return Resolver(open_plan(root).plan).resolve(version).clauses[clause].clause


def test_a_title_translation_carries_with_the_title_but_a_text_translation_does_not(
        repo) -> None:
    army = _resolved(repo(), "v2", "army")
    assert army.title == "The army"
    assert army.translations["ar"].title == "الجيش"
    assert army.translations["ar"].text is None  # the text changed: the old rendering is wrong
    assert translated(army, "text", "ar") == ("The army is capped at 800,000.", False)


def test_the_same_text_under_the_same_title_keeps_both_translations(repo) -> None:
    nato = _resolved(repo(), "v2", "nato")
    assert (nato.translations["ar"].title, nato.translations["ar"].text) == (
        "الناتو", "تبقى أوكرانيا خارج الناتو.")


def test_a_new_title_drops_the_old_title_translation(repo) -> None:
    root = repo(v2_yaml=V2.replace("    title: NATO\n", "    title: The alliance\n"))
    nato = _resolved(root, "v2", "nato")
    assert nato.translations["ar"].title is None
    assert nato.translations["ar"].text == "تبقى أوكرانيا خارج الناتو."


def test_a_clause_s_own_translation_wins_field_by_field(repo) -> None:
    own = ("    translations:\n      ar:\n        text: يحدد سقف الجيش عند 800,000.\n")
    root = repo(v2_yaml=V2.replace("      - source: a\n  - id: nato", f"      - source: a\n{own}"
                                   "  - id: nato"))
    army = _resolved(root, "v2", "army")
    assert (army.translations["ar"].title, army.translations["ar"].text) == (
        "الجيش", "يحدد سقف الجيش عند 800,000.")


def test_an_unreported_clause_keeps_its_translations(repo) -> None:
    resolved = Resolver(open_plan(repo()).plan).resolve("v2").clauses["amnesty"]
    assert not resolved.reported
    assert resolved.clause.translations["ar"].text == "يُعفى عن الجميع."


def test_translations_never_make_a_clause_modified(run, repo) -> None:
    root = repo(v2_yaml=V2.replace("    title: NATO\n", "    title: NATO\n    translations:\n"
                                   "      ar:\n        text: نص آخر تماماً\n"))
    diff = json.loads(run("diff", "v1", "v2", "--format", "json", root=root).stdout)
    nato = next(c for c in diff["clauses"] if c["id"] == "nato")
    assert nato["change"] == "unchanged"


# --- the helper for views -----------------------------------------------------------------------


TERM = validate_as(Term, {"label": "Cap", "type": "choice", "choices": {"a": "A", "b": "B"},
                            "translations": {"ar": {"label": "سقف", "choices": {"a": "أ"}},
                                             "pt": {"label": "Teto"}}})


def test_translated_gives_the_translation_or_the_english_marked_as_such() -> None:
    assert translated(TERM, "label", "ar") == ("سقف", True)
    assert translated(TERM, "label", "fr") == ("Cap", False)
    assert translated(TERM, "label", "en") == ("Cap", False)
    assert translated(TERM, "unit", "ar") == (None, False)
    assert translated_choice(TERM, "a", "ar") == ("أ", True)
    assert translated_choice(TERM, "b", "ar") == ("B", False)


def test_a_regional_code_falls_back_to_its_language() -> None:
    assert candidates("pt-BR") == ("pt-br", "pt")
    assert translated(TERM, "label", "pt-br") == ("Teto", True)


def test_translated_works_on_each_kind_and_treats_blank_as_missing() -> None:
    clause = validate_as(Clause, {"id": "c", "text": "Text", "translations": {
        "ar": {"title": "عنوان", "text": " "}}})
    assert translated(clause, "text", "ar") == ("Text", False)
    assert translated(clause, "title", "ar") == ("عنوان", True)
    version = validate_as(Version, {"id": "v", "title": "V", "date": "2025-01-01",
                                      "coverage": "full", "status": "leaked"})
    assert translated(version, "title", "ar") == ("V", False)
    position = validate_as(Position, {"party": "RU", "stance": "demand", "date": "2025-01-01",
                                        "text": "Wants", "translations": {"ar": {"text": "يريد"}}})
    assert translated(position, "text", "ar") == ("يريد", True)
    positions = validate_as(Positions, {"parties": {"RU": "Russia", "UA": "Ukraine"},
                                          "translations": {"ar": {"parties": {"RU": "روسيا"}}}})
    assert translated_party(positions, "RU", "ar") == ("روسيا", True)
    assert translated_party(positions, "UA", "ar") == ("Ukraine", False)


# --- the corpus ---------------------------------------------------------------------------------


def test_every_term_of_the_corpus_has_arabic_labels() -> None:
    plan = open_plan(REPO).plan
    for term_id, term in plan.terms.items():
        assert translated(term, "label", "ar")[1], term_id
        for key in term.choices or {}:
            assert translated_choice(term, key, "ar")[1], (term_id, key)
        if term.unit is not None:
            assert translated(term, "unit", "ar")[1], (term_id, "unit")


def test_every_version_and_clause_of_the_corpus_has_arabic_titles_and_texts() -> None:
    """A version added to plans/ needs its Arabic too: `translations: {ar: ...}` (docs/corpus.md,
    "Adding a newly reported version")."""
    plan = open_plan(REPO).plan
    for version in plan.versions.values():
        assert translated(version, "title", "ar")[1], version.id
        if version.summary is not None:
            assert translated(version, "summary", "ar")[1], version.id
        for clause in version.clauses:
            where = (version.id, clause.id)
            if clause.title is not None:
                assert translated(clause, "title", "ar")[1], where
            if not clause.removed:
                assert translated(clause, "text", "ar")[1], where


def test_every_position_and_party_of_the_corpus_has_arabic() -> None:
    positions = open_plan(REPO).plan.positions
    for code in positions.parties:
        assert translated_party(positions, code, "ar")[1], code
    for index, position in enumerate(positions.positions):
        assert translated(position, "text", "ar")[1], index
        if position.issue is not None:
            assert translated(position, "issue", "ar")[1], index


def _strip_translations(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("translations", None)
        for value in node.values():
            _strip_translations(value)
    elif isinstance(node, list):
        for item in node:
            _strip_translations(item)


@pytest.fixture(scope="module")
def untranslated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus with every translation taken out."""
    import shutil

    root = tmp_path_factory.mktemp("untranslated")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "plans").mkdir()
    yaml = YAML()  # round trip: the order of terms and clauses is kept
    for path in sorted((REPO / "plans").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        _strip_translations(data)
        with (root / "plans" / path.name).open("w", encoding="utf-8") as out:
            yaml.dump(data, out)
    return root


@pytest.mark.parametrize("args", [
    ("diff", "v28", "geneva"), ("diff", "v28", "v20", "--format", "json"),
    ("report", "v28", "e3"), ("show", "geneva", "--format", "json"),
    ("history", "ukraine-troop-cap", "--format", "json"),
])
def test_a_repository_without_translations_loads_and_diffs_unchanged(run, untranslated,
                                                                     args) -> None:
    assert "translations" not in (untranslated / "plans" / "v28.yaml").read_text("utf-8")
    bare, full = run(*args, root=untranslated), run(*args, root=REPO)
    assert bare.exit_code == full.exit_code == 0, bare.stdout
    assert bare.stdout.replace(str(untranslated), "{root}") == \
        full.stdout.replace(str(REPO), "{root}")


# --- data for right-to-left views: Arabic word diffs, quotes' languages -------------------------


def _clause(text: str, arabic: str | None) -> Clause:
    translations = {"ar": {"text": arabic}} if arabic is not None else {}
    return validate_as(Clause, {"id": "c", "text": text, "translations": translations})


def test_the_arabic_word_diff_gives_old_and_new_words_in_reading_order() -> None:
    old = _clause("The army is capped at 600,000.", "يحدد سقف الجيش عند 600,000 فرد.")
    new = _clause("The army is capped at 800,000 in peacetime.",
                  "يحدد سقف الجيش عند 800,000 فرد في زمن السلم.")
    change, is_translation = translated_text_change(old, new, "ar")
    assert is_translation and change is not None
    assert [(op.op, op.old, op.new) for op in change.ops] == [
        ("equal", "يحدد سقف الجيش عند", "يحدد سقف الجيش عند"),
        ("replace", "600,000 فرد.", "800,000 فرد في زمن السلم."),
    ]
    # reading order: joining the new side of every op gives the new text, word for word
    assert " ".join(op.new for op in change.ops if op.new) == new.translations["ar"].text


def test_a_missing_or_lagging_translation_falls_back_to_the_english_diff() -> None:
    old = _clause("The army is capped at 600,000.", "يحدد سقف الجيش عند 600,000.")
    new = _clause("The army is capped at 800,000.", None)
    change, is_translation = translated_text_change(old, new, "ar")
    assert not is_translation and change is not None and change.new == new.text
    lagging = _clause("The army is capped at 800,000.", "يحدد سقف الجيش عند 600,000.")
    change, is_translation = translated_text_change(old, lagging, "ar")
    assert not is_translation and change is not None and change.new == lagging.text
    same = _clause("The army is capped at 600,000.", "يحدد سقف الجيش عند 600,000.")
    assert translated_text_change(old, same, "ar") == (None, True)


def test_a_quote_s_language_is_its_source_s() -> None:
    plan = open_plan(REPO).plan
    cite = plan.versions["v28"].clauses[0].cites[0]
    assert quote_language(plan.sources, cite) == plan.sources[cite.source].language


_SCRIPTS = {"ar": "[\u0600-\u06ff]", "ru": "[\u0400-\u04ff]", "uk": "[\u0400-\u04ff]"}


def test_every_quote_of_the_corpus_is_in_the_script_of_its_source_s_language() -> None:
    """An Arabic edition labels each quote with its source's language and never translates it:
    the label must be right."""
    import re

    from plandiff.core.models import Disputed

    plan = open_plan(REPO).plan
    cites = [cite for version in plan.versions.values() for clause in version.clauses
             for cite in [*clause.cites, *(c for value in clause.terms.values()
                                            if isinstance(value, Disputed)
                                            for claim in value.disputed for c in claim.cites)]]
    cites += [cite for position in plan.positions.positions for cite in position.cites]
    for cite in (c for c in cites if c.quote):
        language = quote_language(plan.sources, cite)
        assert language is not None, cite.source
        script = _SCRIPTS.get(language, "[A-Za-z]")
        assert re.search(script, cite.quote), (cite.source, language, cite.quote)


# --- a translation states no number of its own (issue 24, item 2) ---------------------------


@pytest.mark.parametrize("rendering", ["يحدد سقف الجيش عند 950,000.",
                                       "يحدد سقف الجيش عند ٩٥٠٬٠٠٠.",
                                       "يحدد سقف الجيش عند ٩٥٠ ألف.",
                                       "يحدد سقف الجيش عند 600 ألف بعد 3 سنوات."])
def test_a_number_the_english_and_the_terms_do_not_state_is_an_error(run, repo,
                                                                      rendering: str) -> None:
    checked = run("check", root=repo(v1_yaml=V1.replace("text: يحدد سقف الجيش عند 600,000.",
                                                        f"text: {rendering}")))
    assert checked.exit_code == 1, checked.stdout
    assert "plans/v1.yaml:21:15: error: the translated `text` states " in checked.stdout
    assert "which the English and the terms do not [translation-number]" in checked.stdout


@pytest.mark.parametrize("rendering", ["يحدد سقف الجيش عند ٦٠٠٬٠٠٠.",
                                       "يحدد سقف الجيش عند 600 ألف.",
                                       "يحدد سقف الجيش عند ٦٠٠ ألف جندي.", "يحدد سقف الجيش."])
def test_the_english_numbers_in_either_digits_or_in_thousands_pass(run, repo,
                                                                    rendering: str) -> None:
    checked = run("check", root=repo(v1_yaml=V1.replace("text: يحدد سقف الجيش عند 600,000.",
                                                        f"text: {rendering}")))
    assert checked.exit_code == 0, checked.stdout


def test_a_position_translation_states_no_value_of_its_own(run, repo) -> None:
    positions = POSITIONS.replace("text: تريد روسيا مناطق عازلة.",
                                  "text: تريد روسيا مناطق عازلة بعمق ١٠٠ كيلومتر.")
    checked = run("check", root=repo(positions_yaml=positions))
    assert checked.exit_code == 1
    assert "the translated `text` states 100, which the English" in checked.stdout
