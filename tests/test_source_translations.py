"""Sources' outlets and titles in other languages (`plans/sources.yaml`, `translations:`): the
contract, its checks, and the Arabic views that use them (issue 23, an editor's read-through)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git
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


# --- the views --------------------------------------------------------------------------------

V2 = """
id: v2
title: Second
date: 2025-02-01
parent: v1
coverage: full
status: leaked
translations:
  ar:
    title: الثانية
clauses:
  - id: army
    title: The army
    text: The army is capped at 800,000.
    terms: {cap: 800000}
    cites:
      - source: wire
    translations:
      ar:
        title: الجيش
        text: يحدد سقف الجيش عند 800,000.
"""


@pytest.fixture
def two(make_repo) -> Path:
    return make_repo({"plans/terms.yaml": TERMS, "plans/sources.yaml": SOURCES,
                      "plans/v1.yaml": V1, "plans/v2.yaml": V2})


def test_arabic_terminal_names_the_outlet_as_arabic_papers_write_it(run, two) -> None:
    shown = run("show", "v1", "--lang", "ar", root=two).stdout
    assert "ورد أول مرة بتاريخ 23 نوفمبر 2025 في «رويترز»" in shown
    assert "Reuters" not in shown


def test_arabic_footnotes_give_the_outlet_and_a_labelled_translated_title(run, two) -> None:
    notes = run("diff", "v1", "v2", "--lang", "ar", "--format", "markdown", root=two).stdout
    assert ("[^wire]: المصدر `wire`: «رويترز»، \\[ترجمة\\] محادثات أوكرانيا تنتقل إلى جنيف، 23"
            " نوفمبر 2025") in notes
    # a translation is never quoted as if it were the headline
    assert "«محادثات" not in notes and "“محادثات" not in notes and "Reuters" not in notes
    # no rendering: the English outlet, marked, and the English title as today
    assert ("[^plain]: المصدر `plain`: \\[بالإنجليزية\\] Kyiv Independent، “The 28-point plan,"
            " explained”") in notes
    listed = run("show", "v1", "--lang", "ar", "--format", "markdown", root=two).stdout
    assert "- المصدر `wire` «رويترز»: “capped at 600,000” (بالإنجليزية)" in listed
    assert "- المصدر `plain` \\[بالإنجليزية\\] Kyiv Independent" in listed


def test_english_views_are_unchanged_by_the_renderings(run, two) -> None:
    notes = run("diff", "v1", "v2", "--format", "markdown", root=two).stdout
    assert "[^wire]: `wire`: Reuters, “Ukraine talks move to Geneva”, 2025-11-23" in notes
    shown = run("show", "v1", root=two).stdout
    assert "first reported 23 Nov 2025 by Reuters" in shown
    assert not any("\u0600" <= ch <= "\u06ff" for ch in notes + shown)


def test_the_arabic_sources_page_labels_the_translated_title(two) -> None:
    from plandiff.i18n import Locale
    from plandiff.render.site import build_page

    plan = open_plan(two).plan
    page = build_page(plan, "sources.html", Locale.of("ar"))
    wire = page[page.index('id="source-wire"'):]
    wire = wire[:wire.index("</section>")]
    assert "<h2>رويترز <code>wire</code></h2>" in wire
    assert '<p><span class="meta">[ترجمة]</span> محادثات أوكرانيا تنتقل إلى جنيف</p>' in wire
    assert "Reuters" not in wire and "«محادثات" not in wire
    plain = page[page.index('id="source-plain"'):]
    assert '[بالإنجليزية] <span dir="ltr" lang="en">Kyiv Independent</span>' in plain[:300]
    english = build_page(plan, "sources.html")
    assert "<h2>Reuters <code>wire</code></h2>" in english
    assert "<p>“Ukraine talks move to Geneva”</p>" in english


# --- upkeep ----------------------------------------------------------------------------------


def _stamp(**english: str) -> str:
    from plandiff.core.translations import fingerprint

    return fingerprint(english)


def test_check_warns_of_a_source_without_its_rendering(run, repo) -> None:
    warnings = [p for p in _problems(run, repo()) if "translation" in p]
    assert warnings == [
        "plans/sources.yaml:10:1: warning: source `plain` has no `ar` rendering of `outlet`,"
        " `title`: views in that language show the English, marked [missing-translation] (write"
        " it under `translations: ar:` (docs/translating.md))"]


def test_check_warns_when_the_english_outlet_changed_after_the_arabic(run, repo) -> None:
    recorded = _stamp(outlet="Reuters", title="Ukraine talks move to Geneva")
    current = SOURCES.replace("      title: محادثات أوكرانيا تنتقل إلى جنيف\n",
                              "      title: محادثات أوكرانيا تنتقل إلى جنيف\n"
                              f"      translated_from: {recorded}\n")
    assert not [p for p in _problems(run, repo(current)) if "stale" in p]
    changed = current.replace("  outlet: Reuters", "  outlet: Reuters (AP text)")
    stale = [p for p in _problems(run, repo(changed)) if "stale" in p]
    now = _stamp(outlet="Reuters (AP text)", title="Ukraine talks move to Geneva")
    assert stale == [
        "plans/sources.yaml:10:24: warning: the `ar` rendering of source `wire` was translated"
        " from English that has changed since (`outlet`, `title`) [stale-translation] (bring the"
        f" translation up to date with the English, then set `translated_from: {now}`)"]


def test_an_unknown_outlet_and_a_headline_in_the_language_need_no_rendering(run, repo) -> None:
    seed = ("seed:\n  outlet: unknown\n  title: A description\n  headline: عنوان المقال\n"
            "  language: ar\n  file: seeds/a.txt\n")
    root = repo(SOURCES.replace("plain:", seed + "plain:"))
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("عنوان المقال\n\nنص.\n", encoding="utf-8")
    assert not [p for p in _problems(run, root) if "`seed`" in p]


def test_review_lists_a_changed_source_rendering(run, repo) -> None:
    root = repo()

    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    page = root / "plans" / "sources.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("outlet: رويترز",
                                                             "outlet: وكالة رويترز"),
                    encoding="utf-8")
    result = run("review", "main", root=root)
    assert "sources.yaml: wire.translations.ar.outlet: 'رويترز' → 'وكالة رويترز'" in (
        result.stdout), result.stdout
    assert "source `plain` has no `ar` rendering" in result.stdout


def test_export_gives_each_source_s_rendering_a_column(run, two, tmp_path) -> None:
    import csv

    folder = tmp_path / "csv"
    assert run("export", "--csv", str(folder), root=two).exit_code == 0
    with (folder / "sources.csv").open(encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["wire"]["outlet_ar"] == "رويترز"
    assert rows["wire"]["title_ar"] == "محادثات أوكرانيا تنتقل إلى جنيف"
    assert rows["plain"]["outlet_ar"] == "" and rows["wire"]["outlet"] == "Reuters"
