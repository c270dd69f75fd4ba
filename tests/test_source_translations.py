"""Sources' outlets and titles in other languages (`plans/sources.yaml`, `translations:`): the
contract, its checks, and the Arabic views that use them (issue 23, an editor's read-through)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plandiff.api import open_plan
from plandiff.repo.fmt import format_text

SOURCES = """
wire:
  outlet: Reuters
  title: Ukraine talks move to Geneva
  date: 2025-11-23
  language: en
  translations:
    ar:
      outlet: رويترز
      title: محادثات أوكرانيا تنتقل إلى جنيف
plain:
  outlet: Kyiv Independent
  title: The 28-point plan, explained
  language: en
"""
TERMS = """
cap:
  label: Troop cap
  type: quantity
  unit: personnel
  translations:
    ar:
      label: سقف عديد الجيش
      unit: جندي
"""
V1 = """
id: v1
title: First
date: 2025-01-01
coverage: full
status: leaked
translations:
  ar:
    title: الأولى
clauses:
  - id: army
    title: The army
    text: The army is capped at 600,000.
    terms: {cap: 600000}
    cites:
      - source: wire
        quote: capped at 600,000
      - source: plain
    translations:
      ar:
        title: الجيش
        text: يحدد سقف الجيش عند 600,000.
"""


@pytest.fixture
def repo(make_repo):
    def build(sources: str = SOURCES, v1: str = V1) -> Path:
        return make_repo({"plans/terms.yaml": TERMS, "plans/sources.yaml": sources,
                          "plans/v1.yaml": v1})

    return build


def _problems(run, root: Path) -> list[str]:
    result = run("check", root=root)
    return [line for line in result.stdout.splitlines()
            if ": error: " in line or ": warning: " in line]


# --- the contract ---------------------------------------------------------------------------


def test_a_source_s_rendering_loads_and_the_old_form_still_does(repo) -> None:
    sources = open_plan(repo()).plan.sources
    assert sources["wire"].translations["ar"].outlet == "رويترز"
    assert sources["wire"].translations["ar"].title == "محادثات أوكرانيا تنتقل إلى جنيف"
    assert sources["plain"].translations == {}  # a bibliography without translations loads


def test_fmt_puts_a_source_s_translations_after_note_and_its_fields_in_order() -> None:
    text = format_text("a:\n  translations:\n    ar:\n      translated_from: en-0123456789ab\n"
                       "      title: عنوان\n      outlet: رويترز\n  note: A note.\n"
                       "  outlet: Reuters\n  title: A title\n", "sources").text
    assert text == ("a:\n  outlet: Reuters\n  title: A title\n  note: A note.\n  translations:\n"
                    "    ar:\n      outlet: رويترز\n      title: عنوان\n"
                    "      translated_from: en-0123456789ab\n")


def test_the_schema_describes_a_source_s_translations(run) -> None:
    schema = json.loads(run("schema", "sources").stdout)["$defs"]
    assert set(schema["SourceTranslation"]["properties"]) == {"outlet", "title",
                                                              "translated_from"}
    assert "never the source's headline" in " ".join(
        schema["SourceTranslation"]["description"].split())
    assert schema["SourceTranslation"]["additionalProperties"] is False


def test_an_unknown_field_in_a_source_s_rendering_names_the_closest(run, repo) -> None:
    root = repo(SOURCES.replace("      outlet: رويترز", "      outlit: رويترز"))
    assert [p for p in _problems(run, root) if "error" in p] == [
        "plans/sources.yaml:8:7: error: source `wire`: unknown field `outlit` [unknown-field]"
        " (did you mean `outlet`?)"]


def test_a_source_s_rendering_is_checked_like_every_other(run, repo) -> None:
    root = repo(SOURCES.replace("      outlet: رويترز", "      outlet: ' '")
                .replace("title: محادثات أوكرانيا", "title: 28 محادثات أوكرانيا"))
    errors = [p for p in _problems(run, root) if "error" in p]
    assert errors == [
        "plans/sources.yaml:8:15: error: the translated `outlet` is empty [empty-translation]"
        " (write the translation, or leave the field out: views then show the English, marked)",
        "plans/sources.yaml:9:14: error: the translated `title` states 28, which the English and"
        " the terms do not [translation-number] (render the English's numbers: a translation is"
        " never cited, so it states no fact of its own)"]


def test_a_source_without_a_title_has_none_to_translate(run, repo) -> None:
    root = repo(SOURCES.replace("  title: Ukraine talks move to Geneva\n", ""))
    assert [p for p in _problems(run, root) if "error" in p] == [
        "plans/sources.yaml:8:14: error: source `wire` has no `title` to translate"
        " [translation-of-nothing] (delete the translated `title`, or give the source a"
        " `title:` in English)"]
