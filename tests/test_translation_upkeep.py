"""Translation upkeep (issue 23, item 4): `check` warns of a rendering that is missing or that was
written for English that has changed since (a stale translation: `translated_from` records the
English it renders); `review` lists them in the files a change touches."""

from __future__ import annotations

from conftest import REPO, git
from plandiff.core.model_build import validate_as
from plandiff.core.models import Clause
from plandiff.core.translations import english_of, fingerprint

TERMS = """
cap:
  label: Troop cap
  type: quantity
  unit: personnel
  translations:
    ar:
      label: سقف عديد الجيش
      unit: جندي
      translated_from: {cap}
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
translations:
  ar:
    title: الأولى
    translated_from: {version}
clauses:
  - id: army
    title: The army
    text: {text}
    terms: {{cap: 600000}}
    cites:
      - source: a
    translations:
      ar:
        title: الجيش
        text: يحدد سقف الجيش عند 600,000.
        translated_from: {army}
  - id: amnesty
    title: Amnesty
    text: Everyone is pardoned.
    cites:
      - source: a
"""
ARMY = "The army is capped at 600,000."


def _stamp(**english: str) -> str:
    return fingerprint(english)


def _files(text: str = ARMY, army: str | None = None) -> dict[str, str]:
    army = army or _stamp(title="The army", text=ARMY)
    return {
        "plans/terms.yaml": TERMS.format(cap=_stamp(label="Troop cap", unit="personnel")),
        "plans/sources.yaml": SOURCES,
        "plans/v1.yaml": V1.format(version=_stamp(title="First"), text=text, army=army),
    }


def test_the_fingerprint_is_of_the_english_a_rendering_renders() -> None:
    clause = validate_as(Clause, {"id": "x", "title": "T", "text": "Words.",
                                    "translations": {"ar": {"text": "كلمات."}}})
    english = english_of(clause, clause.translations["ar"])
    assert english == {"text": "Words."}  # the title is not translated, so not recorded
    assert fingerprint(english).startswith("en-") and len(fingerprint(english)) == 15
    assert fingerprint(english) != fingerprint({"text": "Words!"})


def test_check_warns_of_a_missing_rendering(run, make_repo) -> None:
    root = make_repo(_files())
    result = run("check", root=root)
    assert result.exit_code == 0, result.output  # a warning: the views mark the English
    line = next(line for line in result.output.splitlines() if "missing-translation" in line
                and line.startswith("plans/v1.yaml"))  # (source `a`'s outlet too: its own test)
    assert line.startswith("plans/v1.yaml:22:5: warning: clause `amnesty` of `v1` has no `ar`"
                           " rendering of `title`, `text`")
    assert "army" not in result.output  # translated and current


def test_check_warns_of_a_stale_rendering_and_gives_the_new_fingerprint(run, make_repo) -> None:
    root = make_repo(_files(text="The army is capped at 800,000."))
    result = run("check", root=root)
    assert result.exit_code == 0, result.output
    now = _stamp(title="The army", text="The army is capped at 800,000.")
    stale = next(line for line in result.output.splitlines() if "stale-translation" in line)
    assert stale.startswith("plans/v1.yaml:21:26: warning: the `ar` rendering of clause `army`"
                            " of `v1` was translated from English that has changed since")
    assert f"set `translated_from: {now}`" in stale
    assert run("check", "--strict", root=make_repo(_files(text="The army is capped at 800,000.",
                                                          army=now))).output.count(
        "stale-translation") == 0


def test_strict_check_asks_for_what_a_rendering_was_translated_from(run, make_repo) -> None:
    files = _files()
    files["plans/v1.yaml"] = files["plans/v1.yaml"].replace(
        "        translated_from: " + _stamp(title="The army", text=ARMY) + "\n", "")
    root = make_repo(files)
    assert "unrecorded-translation" not in run("check", root=root).output
    strict = run("check", "--strict", root=root).output
    assert ("plans/v1.yaml:18:7: warning: the `ar` rendering of clause `army` of `v1` does not"
            " record the English it was translated from") in strict
    assert f"add `translated_from: {_stamp(title='The army', text=ARMY)}`" in strict


def test_a_repository_without_translations_gets_no_upkeep_warnings(run, make_repo) -> None:
    from conftest import LINEAGE_PLANS

    output = run("check", "--strict", root=make_repo(LINEAGE_PLANS)).output
    assert "translation" not in output


def test_review_lists_a_translation_left_stale_by_a_change(run, make_repo) -> None:
    root = make_repo(_files())

    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    page = root / "plans" / "v1.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("600,000.", "800,000.", 1),
                    encoding="utf-8")
    result = run("review", "main", root=root)
    assert "stale-translation" in result.output, result.output
    assert "the `ar` rendering of clause `army` of `v1` was translated from English" in (
        result.output)


def test_every_rendering_of_the_corpus_records_current_english(run) -> None:
    output = run("check", "--strict", root=REPO).output
    for code in ("missing-translation", "stale-translation", "unrecorded-translation"):
        assert code not in output, code


def test_the_schema_publishes_translated_from() -> None:
    text = (REPO / "docs" / "schema" / "version.schema.json").read_text(encoding="utf-8")
    assert "translated_from" in text and "^en-[0-9a-f]{12}$" in text


def test_fmt_keeps_translated_from_last() -> None:
    from plandiff.repo.fmt import KEY_ORDERS

    for kind in ("version", "clause", "term", "position", "positions", "source"):
        assert KEY_ORDERS[f"translation-of-{kind}"][-1] == "translated_from"



def test_a_headline_must_be_the_sources_own_words(run, make_repo) -> None:
    files = _files()
    files["plans/sources.yaml"] = ("a:\n  outlet: Outlet A\n  title: A description\n"
                                   "  headline: عنوان لم يرد\n  language: ar\n"
                                   "  file: seeds/a.txt\n")
    files["seeds/a.txt"] = "عنوان المقال\n\nنص المقال.\n"
    result = run("check", root=make_repo(files))
    assert result.exit_code == 1
    assert ("plans/sources.yaml:4:13: error: the headline of `a` does not occur in seeds/a.txt"
            " [headline-not-found]") in result.output
    files["plans/sources.yaml"] = files["plans/sources.yaml"].replace("عنوان لم يرد",
                                                                      "عنوان المقال")
    assert "headline-not-found" not in run("check", root=make_repo(files)).output


def test_a_terms_description_is_translated_and_kept_up_to_date(run, make_repo) -> None:
    """`translations.ar.description` renders the term's `description`: missing, it is warned of;
    written, it is part of what the rendering was translated from."""
    files = _files()
    described = TERMS.replace("  unit: personnel\n",
                              "  unit: personnel\n  description: The most troops it may have.\n")
    files["plans/terms.yaml"] = described.format(cap=_stamp(label="Troop cap", unit="personnel"))
    output = run("check", root=make_repo(files)).output
    assert "term `cap` has no `ar` rendering of `description`" in output
    stamp = _stamp(label="Troop cap", unit="personnel", description="The most troops it may have.")
    files["plans/terms.yaml"] = described.replace(
        "      translated_from:", "      description: أكبر عدد من الجنود يجوز له.\n"
        "      translated_from:").format(cap=stamp)
    result = run("check", "--strict", root=make_repo(files))
    assert "`cap`" not in result.output, result.output
