"""`plandiff import`: parsing numbered texts, reading values, aligning, writing a checked draft."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from plandiff.core.models import Term
from plandiff.core.resolve import Resolver
from plandiff.importer.extract import read_terms
from plandiff.importer.numbers import find_values
from plandiff.importer.points import parse
from plandiff.repo import writer as plandiff_files
from plandiff.repo.repository import find_root, load_plan

LINEAGE = REPO / "tests" / "cases" / "import-lineage"
ARTICLE = LINEAGE / "seeds" / "article.md"


# --- finding the points ----------------------------------------------------------------------


def test_every_numbering_form_is_a_point() -> None:
    text = "\n".join([
        "# Headline", "", "An intro paragraph.", "",
        "1. First.", "2) Second", "   continues here.", "(3) Third.", "Point 4: Fourth.",
        "٥. خامس.", "6- Sixth.", "", "## 7. Heading", "- bullet one", "- bullet two", "",
        "8. The parties agree on:", "- a ceasefire;", "- an exchange.", "",
        "A closing paragraph.",
    ])
    parsed = parse(text)
    assert [p.number for p in parsed.points] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert parsed.points[1].text == "Second continues here."
    assert parsed.points[4].text == "خامس."
    assert (parsed.points[6].title, parsed.points[6].text) == ("Heading", "bullet one bullet two")
    assert parsed.points[7].title is None
    assert parsed.points[7].text == "The parties agree on: a ceasefire; an exchange."
    assert parsed.title == "Headline"
    assert parsed.summary == "An intro paragraph. A closing paragraph."


def test_an_inline_list_in_a_flattened_article_is_split_into_points() -> None:
    text = (REPO / "seeds" / "000_3cedcce601628530.txt").read_text(encoding="utf-8")
    parsed = parse(text)
    assert [p.number for p in parsed.points] == [1, 2, 3, 4]
    assert parsed.points[0].text == "وقف الحرب الروسية الأوكرانية."
    assert len(parsed.outside) == 2


def test_decimals_and_years_do_not_start_points() -> None:
    parsed = parse("1.5 million people fled.\n2025. A year of talks.\n1. The only point.")
    assert [(p.number, p.text) for p in parsed.points] == [(1, "The only point.")]


# --- reading values ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "value", "unit"), [
    ("capped at 800,000 personnel", "quantity", 800000, "personnel"),
    ("capped at 800 thousand troops", "quantity", 800000, "personnel"),
    ("يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي", "quantity", 800000, "personnel"),
    ("بـ ٦٠٠ ألف جندي", "quantity", 600000, "personnel"),
    ("армия 800 тыс. военнослужащих", "quantity", 800000, "personnel"),
    ("a fund of $150 billion", "money", 150000000000, "USD"),
    ("US$100 billion of frozen assets", "money", 100000000000, "USD"),
    ("one hundred and fifty billion dollars", "money", 150000000000, "USD"),
    ("150 مليار دولار", "money", 150000000000, "USD"),
    ("€5m", "money", 5000000, "EUR"),
    ("elections within 120 days", "duration", 120, "days"),
    ("a 100-day deadline", "duration", 100, "days"),
    ("for ten years", "duration", 10, "years"),
    ("خلال 100 يوم", "duration", 100, "days"),
    ("half, that is 50% of the profits", "percent", 50, "percent"),
    ("by 27 November 2025", "date", dt.date(2025, 11, 27), None),
    ("November 27, 2025", "date", dt.date(2025, 11, 27), None),
    ("27 نوفمبر 2025", "date", dt.date(2025, 11, 27), None),
    ("2 декабря 2025 г.", "date", dt.date(2025, 12, 2), None),
    ("2 грудня 2025 року", "date", dt.date(2025, 12, 2), None),
    ("a plan of 19 points", "quantity", 19, "points"),
])
def test_values_are_read_with_their_units(text: str, kind: str, value: object,
                                          unit: str | None) -> None:
    found, unreadable = find_values(text)
    assert [(f.kind, f.value) for f in found] == [(kind, value)]
    assert (found[0].currency if kind == "money" else found[0].unit) == unit
    assert unreadable == []


@pytest.mark.parametrize("text", ["hundreds of thousands of troops", "ستمائة ألف جندي",
                                  "several billion dollars"])
def test_numbers_that_cannot_be_read_are_reported_not_guessed(text: str) -> None:
    found, unreadable = find_values(text)
    assert found == []
    assert unreadable


@pytest.mark.parametrize(("text", "value"), [
    ("the framework was trimmed from 28 points to 19", 19),
    ("cut to 19 points from 28", 19),
    ("cut to 19 from 28 points", 19),
    ("19 points, down from 28", 19),
    ("28 → 19 points", 19),
    ("تقليص الخطة من 28 بندا إلى 19 بندا", 19),
    ("сокращение с 28 до 19 пунктов", 19),
    ("скорочення з 28 до 19 пунктів", 19),
])
def test_a_change_stated_in_the_text_gives_its_new_value(text: str, value: int) -> None:
    points = Term(label="points", type="quantity", unit="points")
    reading = read_terms(text, {"count": points})
    assert reading.values == {"count": value}, reading.notes


def test_from_before_a_date_or_a_lone_figure_is_no_change() -> None:
    assert read_terms("an army of 800,000 troops from 2026", {"cap": CAP}).values == {
        "cap": 800000}
    found, _ = find_values("in force from 1 January 2026 until 2027-01-01")
    assert not any(f.former for f in found)
    found, _ = find_values("800,000 troops withdrawn from 20 villages")
    assert not any(f.former for f in found)


CAP = Term(label="cap", type="quantity", unit="personnel")
FUND = Term(label="fund", type="money", currency="USD")
DAYS = Term(label="days", type="duration", unit="days")


def test_terms_take_the_one_value_of_their_kind_and_unit() -> None:
    reading = read_terms("A fund of $150 billion; elections within 3 weeks; 700,000 troops.",
                         {"cap": CAP, "fund": FUND, "days": DAYS})
    assert reading.values == {"cap": 700000, "fund": 150000000000, "days": 21}
    assert reading.notes == {}


def test_an_ambiguous_or_unreadable_value_becomes_a_note() -> None:
    reading = read_terms("A fund of $150 billion or $100 billion; elections within 4 months;"
                         " hundreds of thousands of troops.", {"cap": CAP, "fund": FUND,
                                                               "days": DAYS})
    assert reading.values == {}
    assert "several values" in reading.notes["fund"]
    assert "4 months" in reading.notes["days"] and "convert" in reading.notes["days"]
    assert "cannot read" in reading.notes["cap"]


def test_one_figure_that_fits_two_terms_is_left_to_the_reviewer() -> None:
    other = Term(label="other fund", type="money", currency="USD")
    reading = read_terms("$150 billion of frozen assets go to reconstruction.",
                         {"fund": FUND, "other": other, "cap": CAP})
    assert "fund" not in reading.values and "other" not in reading.values
    # Each note names both candidate terms, so either comment alone says what to choose between.
    both = "fits 2 terms, `fund` and `other`: assign it to the right one"
    assert both in reading.notes["fund"] and both in reading.notes["other"]


def test_an_approximate_figure_is_taken_and_marked_but_a_bound_is_not() -> None:
    assert "approximate" in read_terms("around 800,000 troops", {"cap": CAP}).notes["cap"]
    assert read_terms("no more than 800,000 troops", {"cap": CAP}).notes == {}


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def lineage(tmp_path: Path) -> Path:
    shutil.copytree(LINEAGE / "plans", tmp_path / "plans")
    shutil.copytree(LINEAGE / "seeds", tmp_path / "seeds")
    return tmp_path


def _import(run, root: Path, *extra: str, file: str | None = None):
    return run("import", file or str(root / "seeds" / "article.md"), "--parent", "v2",
               "--id", "v3", "--date", "2025-03-01", *extra, root=root)


def test_import_writes_a_draft_that_passes_check_and_registers_its_source(run, lineage) -> None:
    sources_before = (lineage / "plans" / "sources.yaml").read_text(encoding="utf-8")
    result = _import(run, lineage)
    assert result.exit_code == 0, result.stderr
    assert "wrote plans/v3.yaml" in result.stderr
    assert "registered source `article` in plans/sources.yaml" in result.stderr
    draft = (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    assert draft == (LINEAGE / "draft.yaml").read_text(encoding="utf-8")
    sources = (lineage / "plans" / "sources.yaml").read_text(encoding="utf-8")
    assert sources.startswith(sources_before)
    assert "file: seeds/article.md" in sources
    check = run("check", root=lineage)
    assert check.exit_code == 0, check.stdout
    diff = run("diff", "v2", "v3", root=lineage)
    assert "Troop cap: disputed: 800,000 personnel" in diff.stdout
    assert "→ 700,000 personnel" in diff.stdout
    assert "Elections after signing: 100 → 120 days" in diff.stdout


def test_import_keeps_the_comments_of_sources_yaml(run, lineage) -> None:
    path = lineage / "plans" / "sources.yaml"
    path.write_text("# The bibliography.\n" + path.read_text(encoding="utf-8") + "# the end\n",
                    encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert _import(run, lineage).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)


def test_a_second_import_reuses_the_source_and_needs_force(run, lineage) -> None:
    assert _import(run, lineage).exit_code == 0
    sources = (lineage / "plans" / "sources.yaml").read_text(encoding="utf-8")
    again = _import(run, lineage)
    assert again.exit_code == 2
    assert "exists" in again.stderr and "--force" in again.stderr
    forced = _import(run, lineage, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "registered source" not in forced.stderr
    assert (lineage / "plans" / "sources.yaml").read_text(encoding="utf-8") == sources


def test_dry_run_prints_the_draft_and_writes_nothing(run, lineage) -> None:
    before = sorted(p.name for p in (lineage / "plans").iterdir())
    result = _import(run, lineage, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == (LINEAGE / "draft.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (lineage / "plans").iterdir()) == before


def test_partial_import_leaves_out_what_the_text_does_not_report(run, lineage) -> None:
    result = _import(run, lineage, "--partial")
    assert result.exit_code == 0, result.stderr
    draft = (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    assert "coverage: partial" in draft and "new-one" not in draft
    assert run("check", root=lineage).exit_code == 0


def test_partial_is_the_default_and_the_header_says_so(run, lineage) -> None:
    # Most leaks are partial: forgetting a flag must not list every clause the text leaves out as
    # removed, each "cited" by the text's silence (issue 15, item 3).
    default = _import(run, lineage, "--dry-run")
    assert default.stdout == _import(run, lineage, "--dry-run", "--partial").stdout
    assert "coverage: partial" in default.stdout and "removed: true" not in default.stdout
    assert "# A partial version (the default)" in default.stdout
    assert "new-one  " in default.stderr and "carried over: partial" in default.stderr
    diff = run("diff", "v2", "v3", root=lineage)  # not written: v3 is unknown
    assert diff.exit_code == 2


def test_full_is_an_explicit_choice_and_lists_the_rest_as_removed(run, lineage) -> None:
    result = _import(run, lineage, "--full")
    assert result.exit_code == 0, result.stderr
    draft = (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    assert draft == (LINEAGE / "draft-full.yaml").read_text(encoding="utf-8")
    assert "# A full version (--full)" in draft and "coverage: full" in draft
    assert "listed as removed: --full" in result.stderr
    diff = run("diff", "v2", "v3", root=lineage).stdout
    assert "1 removed" in diff


def test_text_from_outside_seeds_cites_a_source_without_a_file(run, lineage, tmp_path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        result = _import(run, lineage, file=str(outside))
    finally:
        outside.unlink()
    assert result.exit_code == 0, result.stderr
    sources = (lineage / "plans" / "sources.yaml").read_text(encoding="utf-8")
    assert "file:" not in sources.split(f"{tmp_path.name}-outside")[-1]
    assert "has no local file" in result.stderr
    assert run("check", root=lineage).exit_code == 0


def test_standard_input(run, lineage, monkeypatch) -> None:
    from typer.testing import CliRunner

    from plandiff.cli.app import app
    from plandiff.cli.main import rewrite

    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, rewrite([
        "import", "-", "--parent", "v2", "--id", "v3", "--date", "2025-03-01", "--dry-run",
        "--root", str(lineage)]), input=ARTICLE.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.stderr
    assert "source: v3-text" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--parent", "nope", "--id", "v3"], "unknown version `nope`"),
    (["--parent", "v2", "--id", "Bad Id"], "is not a valid version id"),
    (["--parent", "v2", "--id", "v3", "--date", "1 March"], "is not a date"),
    (["--parent", "v2", "--id", "v1"], "exists"),
    (["--parent", "v2", "--id", "v3", "--outlet", "Wire\nService"], "--outlet holds a line break"),
    (["--parent", "v2", "--id", "v3", "--outlet", "\u202eWire"], "invisible control character"),
    (["--parent", "v2", "--id", "v3", "--outlet", " "], "--outlet is empty"),
])
def test_bad_arguments_exit_2_and_write_nothing(run, lineage, args, message) -> None:
    before = {p.name: p.read_bytes() for p in (lineage / "plans").iterdir()}
    result = run("import", str(ARTICLE), *args, root=lineage)
    assert result.exit_code == 2
    assert message in result.stderr
    assert {p.name: p.read_bytes() for p in (lineage / "plans").iterdir()} == before


def test_a_text_without_points_or_not_utf8_is_refused(run, lineage) -> None:
    empty = lineage / "seeds" / "empty.txt"
    empty.write_text("Just a paragraph, no list.\n", encoding="utf-8")
    result = _import(run, lineage, file=str(empty))
    assert result.exit_code == 2 and "no numbered points found" in result.stderr
    latin = lineage / "seeds" / "latin.txt"
    latin.write_bytes(b"1. ok\n2. caf\xe9\n")
    result = _import(run, lineage, file=str(latin))
    assert result.exit_code == 2 and "latin.txt:2:7: not UTF-8" in result.stderr
    assert not (lineage / "plans" / "v3.yaml").exists()


def test_a_failed_write_leaves_no_file_changed(run, lineage, monkeypatch) -> None:
    sources = (lineage / "plans" / "sources.yaml").read_bytes()
    real_replace = os.replace

    def failing(source, target):
        if str(target).endswith("sources.yaml"):
            raise OSError(28, "No space left on device", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(plandiff_files.os, "replace", failing)
    result = _import(run, lineage)
    assert result.exit_code == 2
    assert "nothing was changed" in result.stderr
    assert not (lineage / "plans" / "v3.yaml").exists()
    assert (lineage / "plans" / "sources.yaml").read_bytes() == sources
    assert [p.name for p in (lineage / "plans").iterdir() if p.name.startswith(".")] == []


_OUTLINE = """\
id: outline
title: The four tracks as clauses
date: 2025-10-26
coverage: partial
status: proposed
clauses:
"""
_TRACKS = (("ceasefire", "The plan is to end the war between Russia and Ukraine.",
            "1- وقف الحرب الروسية الأوكرانية."),
           ("security-guarantees", "The plan sets out security guarantees.",
            "2- الضمانات الأمنية المتبادلة."),
           ("non-aggression-agreement", "The plan reshapes the security arrangements of Europe.",
            "3- إعادة هندسة الأمن الأوروبي."),
           ("russia-reintegration", "The plan settles the future relations of the United States"
            " with Russia and with Ukraine.", "4- تنظيم مستقبل العلاقات الأمريكية مع موسكو وكييف."))


def test_an_arabic_article_aligns_through_the_quotes_of_the_parent(run, tmp_path) -> None:
    # seed-000 lists the four Miami tracks inline, in Arabic; a parent whose clauses are in
    # English but cite those Arabic words is aligned through them, as the aligner compares them
    # too. (The corpus's miami-oct now records the tracks as one outline clause, so the parent
    # is written here.)
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    outline = _OUTLINE + "".join(
        f"  - id: {clause_id}\n    text: {text}\n    cites:\n      - source: seed-000\n"
        f'        quote: "{quote}"\n' for clause_id, text, quote in _TRACKS)
    (tmp_path / "plans" / "outline.yaml").write_text(outline, encoding="utf-8")
    result = run("import", str(tmp_path / "seeds" / "000_3cedcce601628530.txt", ),
                 "--parent", "outline", "--id", "miami-oct-ar", "--partial", "--date",
                 "2025-11-19", root=tmp_path)
    assert result.exit_code == 0, result.stderr
    draft = (tmp_path / "plans" / "miami-oct-ar.yaml").read_text(encoding="utf-8")
    ids = [line.split(": ")[1] for line in draft.splitlines() if line.startswith("  - id: ")]
    assert ids == ["ceasefire", "security-guarantees", "non-aggression-agreement",
                   "russia-reintegration"]
    assert "registered source" not in result.stderr  # seed-000 is already in sources.yaml
    assert "source: seed-000" in draft
    assert run("check", root=tmp_path).exit_code == 0


def test_a_new_point_in_another_script_is_named_by_its_concepts() -> None:
    from plandiff.importer.draft import slug

    taken: set[str] = {"ceasefire"}
    assert slug("Прекращение огня вступает в силу", 20, taken) == "ceasefire-2"
    assert slug("يخصص صندوق لإعادة إعمار المدن", 6, taken) == "assets-reconstruction"
    # The parties alone say nothing about a point: it keeps its number.
    assert slug("Украина и Россия", 3, taken) == "point-3"
    assert slug("Ukraine stays non-nuclear", 11, taken) == "ukraine-stays-non-nuclear"


@pytest.mark.parametrize("article", ["v20-ar.md", "v20-ru.md", "v20-en.md"])
def test_an_article_written_by_someone_else_imports_into_a_checked_draft(run, tmp_path,
                                                                         article) -> None:
    # The 20-point framework as an Arabic, a Russian and an English outlet reported it (held-out
    # texts, tests/cases/import-heldout*), imported against the leaked 28-point plan it revises.
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    source = next(REPO.glob(f"tests/cases/import-heldout*/{article}"))
    shutil.copy(source, tmp_path / "seeds" / article)
    result = run("import", str(tmp_path / "seeds" / article), "--parent", "v28", "--id", "leak",
                 "--date", "2025-12-24", root=tmp_path)
    assert result.exit_code == 0, result.stderr
    table = result.stderr.splitlines()
    assert any(line.split()[:2] == ["1", "sovereignty"] for line in table)
    assert any(line.split()[:2] == ["4", "armed-forces-cap"] for line in table)
    assert run("check", root=tmp_path).exit_code == 0
    _accept_weak_match(tmp_path / "plans" / "leak.yaml", "armed-forces-cap")
    assert run("check", root=tmp_path).exit_code == 0
    diff = run("diff", "v28", "leak", root=tmp_path).stdout
    assert "Cap on Ukraine's armed forces: 600,000 → 800,000 personnel" in diff


def _accept_weak_match(draft: Path, clause_id: str) -> None:
    """What a reviewer does to accept a weak match: give the drafted clause the matched id."""
    text = draft.read_text(encoding="utf-8")
    if f"\n  - id: {clause_id}\n" in text:  # matched well: nothing to accept
        return
    found = re.search(rf"# REVIEW: weak match with `{clause_id}`.*\n  - id: (\S+)\n", text)
    assert found, f"no weak match with {clause_id} in the draft"
    draft.write_text(text.replace(f"  - id: {found[1]}\n", f"  - id: {clause_id}\n", 1),
                     encoding="utf-8")


def test_a_weak_match_never_replaces_a_clause_until_it_is_accepted(run, tmp_path) -> None:
    # issue 24, item 18: a weak match was written under the matched id, so accepting the draft
    # replaced that clause's text (a demilitarised zone matched onto `territory` would have
    # overwritten it).
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    article = tmp_path / "seeds" / "leak.md"
    article.write_text("1. A demilitarised zone of 15 kilometres is set up on each side.\n"
                       "2. Ukraine's armed forces are capped at 800,000 personnel.\n",
                       encoding="utf-8")
    for coverage in ("--partial", "--full"):
        result = run("import", str(article), "--parent", "v28", "--id", "leak", coverage,
                     "--date", "2025-12-24", "--force", root=tmp_path)
        assert result.exit_code == 0, result.stderr
        draft = (tmp_path / "plans" / "leak.yaml").read_text(encoding="utf-8")
        weak = [line for line in result.stderr.splitlines() if "weak: confirm" in line]
        assert weak, result.stderr
        for line in weak:  # the table names the clause; the draft writes a new id
            matched = line.split()[1]
            assert "drafted as" in line and f"\n  - id: {matched}\n    text: A demil" not in draft
            assert f"weak match with `{matched}`" in draft
            if coverage == "--full":  # still listed, so the full version does not drop it
                assert f"to accept it, give that point `id: {matched}`" in draft
        assert run("check", root=tmp_path).exit_code == 0


def test_a_partial_report_numbered_1_to_n_does_not_renumber_the_plan(run, tmp_path) -> None:
    # Outlets list the changes of a revision as 1..6 in their own order: those are not the plan's
    # numbers, so the draft leaves `number:` unknown (and asks), and the diff shows no renumbering.
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    article = tmp_path / "seeds" / "geneva-en.md"
    shutil.copy(REPO / "tests" / "cases" / "import-heldout-partial" / "geneva-en.md", article)
    result = run("import", str(article), "--parent", "v28", "--id", "leak", "--partial",
                 "--date", "2025-11-23", root=tmp_path)
    assert result.exit_code == 0, result.stderr
    draft = (tmp_path / "plans" / "leak.yaml").read_text(encoding="utf-8")
    assert not re.search(r"^ *number:", draft, re.MULTILINE)
    assert "the text lists this as its point 4: give `number:`" in draft
    assert run("check", root=tmp_path).exit_code == 0
    _accept_weak_match(tmp_path / "plans" / "leak.yaml", "armed-forces-cap")
    diff = run("diff", "v28", "leak", root=tmp_path).stdout
    assert " 0 renumbered" in diff and "→ §" not in diff
    assert "Cap on Ukraine's armed forces: 600,000 → 800,000 personnel" in diff


def test_numbers_are_the_plans_unless_they_only_count_a_short_list() -> None:
    from plandiff.importer.draft import list_positions

    parent = Resolver(load_plan(find_root(REPO)).plan).resolve("v28")
    assert list_positions([1, 2, 3], parent)
    assert not list_positions([3, 7, 12], parent)  # the plan's own point numbers
    assert not list_positions(list(range(1, 29)), parent)  # the whole plan


# --- the layout of what import writes (issue 15, item 5) --------------------------------------


def _import_golden_drafts() -> list[tuple[str, str]]:
    """(case, output) of every golden run of `import` whose output is a draft."""
    from ruamel.yaml import YAML

    found = []
    for case_file in sorted((REPO / "tests" / "cases").glob("import-*/case.yaml")):
        spec = YAML(typ="safe").load(case_file.read_text(encoding="utf-8"))
        found += [(case_file.parent.name, r["output"]) for r in spec["runs"]
                  if r["args"][0] == "import" and r["output"].endswith(".yaml")]
    return found


@pytest.mark.parametrize(("case", "output"), _import_golden_drafts())
def test_every_import_golden_draft_is_in_fmts_layout(case: str, output: str) -> None:
    from plandiff.repo.fmt import format_text

    text = (REPO / "tests" / "cases" / case / output).read_text(encoding="utf-8")
    assert format_text(text, "version").text == text


def test_import_and_fmt_share_one_key_order() -> None:
    from plandiff.importer import layout
    from plandiff.repo import fmt

    assert layout.KEY_ORDERS is fmt.KEY_ORDERS


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path


def test_imports_of_held_out_articles_pass_fmt_check_untouched(run, corpus) -> None:
    # Held-out articles in three scripts imported (and written) into one copy of the corpus, each
    # registering a source: the drafts and sources.yaml then pass `fmt --check` as they are.
    names = ("v20-en.md", "v28-ar.md", "berlin-ru.md")
    for n, article in enumerate(next(REPO.glob(f"tests/cases/import-heldout*/{name}"))
                                for name in names):
        shutil.copy(article, corpus / "seeds" / article.name)
        result = run("import", str(corpus / "seeds" / article.name), "--parent", "v28",
                     "--id", f"leak-{n}", "--date", "2025-12-24", root=corpus)
        assert result.exit_code == 0, result.stderr
    check = run("fmt", "--check", root=corpus)
    assert check.exit_code == 0, check.stdout + check.stderr


def test_import_touches_only_what_it_adds_to_sources_yaml_and_keeps_its_mode(run, corpus,
                                                                             tmp_path) -> None:
    # The corpus's sources.yaml holds long `url:` values that fmt puts on their own line; import
    # once rewrote them all (and the file's mode).
    path = corpus / "plans" / "sources.yaml"
    path.chmod(0o600)
    before = path.read_bytes()
    article = corpus / "seeds" / "article.md"
    shutil.copy(ARTICLE, article)
    result = run("import", str(article), "--parent", "v28", "--id", "leak", root=corpus)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before):].decode("utf-8").startswith("\narticle:\n")
    assert path.stat().st_mode & 0o777 == 0o600
    assert run("fmt", "--check", root=corpus).exit_code == 0


def test_import_keeps_the_byte_order_mark_and_line_ends_of_sources_yaml(run, lineage) -> None:
    path = lineage / "plans" / "sources.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    assert _import(run, lineage).exit_code == 0
    after = path.read_bytes()
    assert after.startswith(before)
    assert b"\r\narticle:\r\n" in after and b"\n" not in after.replace(b"\r\n", b"")
    assert run("check", root=lineage).exit_code == 0


def test_a_replaced_draft_keeps_its_mode(run, lineage) -> None:
    assert _import(run, lineage).exit_code == 0
    draft = lineage / "plans" / "v3.yaml"
    draft.chmod(0o640)
    assert _import(run, lineage, "--force").exit_code == 0
    assert draft.stat().st_mode & 0o777 == 0o640


# --- the new source and the version's header (issue 15, item 8) -------------------------------

LEAK = """The points of the new draft, as reported:

Kyiv, 2 December 2025. A new version of the framework was shown to reporters on Tuesday.

1. Ukraine's army may number no more than 700,000 troops.
2. Ukraine's membership of NATO is left to the consensus of the alliance's members.

Officials declined to comment.
"""


def test_a_lead_in_ending_with_a_colon_is_no_title_and_no_summary() -> None:
    parsed = parse(LEAK)
    assert parsed.title is None
    assert parsed.summary == ("Kyiv, 2 December 2025. A new version of the framework was shown to"
                              " reporters on Tuesday. Officials declined to comment.")


def test_a_markdown_heading_before_the_list_is_the_title_even_after_a_paragraph() -> None:
    parsed = parse("Kyiv, 2 December 2025 (Reuters)\n# The new draft, point by point\n"
                   "Reporters have seen it.\n\n1. A point.\n\n## Reactions\nNone so far.\n")
    assert parsed.title == "The new draft, point by point"
    assert parsed.summary == ("Kyiv, 2 December 2025 (Reuters) Reporters have seen it."
                              " None so far.")


@pytest.mark.parametrize(("text", "expected"), [
    (LEAK, "en"),
    ("Ukraine army capped at 800k. NATO: up to allies. Vote within 100 days of signing.", "en"),
    ("Die Streitkräfte der Ukraine werden auf 600.000 Soldaten begrenzt.", None),
    ("Ukraine: army capped at 800k; NATO membership up to the allies; elections after the"
     " signing.", "en"),
    ("Les forces armées de l'Ukraine sont limitées à 600 000 hommes, et les élections ont lieu"
     " dans cent jours.", None),
    ("Численность армии Украины ограничивается 800 тысячами.", "ru"),
    ("Чисельність збройних сил України обмежується 800 тисячами.", "uk"),
    ("يقتصر عديد القوات المسلحة الأوكرانية على 800 ألف.", "ar"),
])
def test_the_language_is_told_by_the_script_and_for_latin_letters_by_english_words(
        text: str, expected: str | None) -> None:
    from plandiff.importer.source import language

    assert language(text) == expected


def _entry(root: Path, source_id: str) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((root / "plans" / "sources.yaml").read_text(
        encoding="utf-8"))[source_id]


def test_a_new_source_gets_the_language_date_and_outlet_of_the_text(run, lineage) -> None:
    (lineage / "seeds" / "leak.md").write_text(LEAK, encoding="utf-8")
    result = run("import", str(lineage / "seeds" / "leak.md"), "--parent", "v2", "--id", "v3",
                 "--outlet", "Example Wire", root=lineage)
    assert result.exit_code == 0, result.stderr
    entry = _entry(lineage, "leak")
    assert (entry["outlet"], entry["language"], entry["date"], entry["title"]) == (
        "Example Wire", "en", dt.date(2025, 12, 2), None)
    assert "Confirm the date (read from '2 December 2025' in the text)" in " ".join(
        entry["note"].split())
    assert "Fill in the title and url." in " ".join(entry["note"].split())
    draft = (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    # The version's date defaults to its source's, marked for review; today only without one.
    assert re.search(r"^date: 2025-12-02 +# REVIEW: the date of its source `leak`", draft,
                     re.MULTILINE)
    assert "summary: >-\n  Kyiv, 2 December 2025. A new version" in draft
    assert "title: Imported draft of v3" in draft  # the lead-in is not a headline
    assert run("check", root=lineage).exit_code == 0


def test_source_date_overrides_the_date_read_and_applies_only_to_a_new_source(run,
                                                                               lineage) -> None:
    (lineage / "seeds" / "leak.md").write_text(LEAK, encoding="utf-8")
    result = run("import", str(lineage / "seeds" / "leak.md"), "--parent", "v2", "--id", "v3",
                 "--source-date", "2025-12-03", root=lineage)
    assert result.exit_code == 0, result.stderr
    assert _entry(lineage, "leak")["date"] == dt.date(2025, 12, 3)
    assert "date: 2025-12-03" in (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    # The source is registered now: a second import cites it and says the options were not used.
    again = run("import", str(lineage / "seeds" / "leak.md"), "--parent", "v2", "--id", "v4",
                "--outlet", "Other", "--source-date", "2025-12-05", root=lineage)
    assert again.exit_code == 0, again.stderr
    assert "--outlet and --source-date not applied: source `leak` is already in" in again.stderr
    assert _entry(lineage, "leak")["date"] == dt.date(2025, 12, 3)
    bad = run("import", str(lineage / "seeds" / "leak.md"), "--parent", "v2", "--id", "v5",
              "--source-date", "2 Dec", root=lineage)
    assert bad.exit_code == 2 and "--source-date '2 Dec' is not a date" in bad.stderr


# --- choice terms (issue 15, item 7) ------------------------------------------------------------

NATO = Term(label="NATO path", type="choice", choices={
    "barred": "Barred: enshrined in the constitution", "consensus": "Up to the consensus of NATO",
    "renounced-for-guarantees": "Dropped for guarantees"})
ELECTIONS = Term(label="timing", type="choice", choices={
    "fixed-deadline": "Within a fixed deadline", "as-soon-as-possible": "As soon as possible"})


@pytest.mark.parametrize(("text", "term", "value"), [
    ("Membership is left to the consensus of the allies.", NATO, "consensus"),
    ("Ukraine's NATO membership is barred for good.", NATO, "barred"),
    ("Elections are held as soon as possible after signing.", ELECTIONS, "as-soon-as-possible"),
    ("Elections are held within a fixed deadline.", ELECTIONS, "fixed-deadline"),
])
def test_a_choice_the_text_names_by_its_key_words_or_label_is_read_and_marked(
        text: str, term: Term, value: str) -> None:
    reading = read_terms(text, {"t": term})
    assert reading.values == {"t": value}
    assert reading.notes["t"].startswith("read from the words") and "confirm" in reading.notes["t"]


@pytest.mark.parametrize(("text", "note"), [
    ("Membership is not up to the consensus of the allies.", None),  # a negation before it
    ("Membership is barred, unless a consensus of the allies lifts the bar.", "several"),
    ("Membership stays on the table.", None),
])
def test_a_choice_named_after_a_negation_or_with_another_is_left_to_the_reviewer(
        text: str, note: str | None) -> None:
    reading = read_terms(text, {"t": NATO})
    assert reading.values == {} and reading.unread == ["t"]
    assert (note in reading.notes["t"]) if note else "t" not in reading.notes


def test_words_that_several_choices_of_a_clause_share_name_none_of_them() -> None:
    # "line of contact" is a choice of one territorial term and words of another's labels: in a
    # clause holding both, it tells nothing (the corpus's v28 text once read as such).
    held = Term(label="held", type="choice", choices={"line-of-contact": "Talks from the line",
                                                      "unresolved": "Left unresolved"})
    line = Term(label="line", type="choice", choices={
        "frozen-on-contact-line": "Frozen along the line of contact", "unresolved": "Open"})
    reading = read_terms("Kherson is frozen along the line of contact.", {"held": held,
                                                                          "line": line})
    assert reading.values == {"line": "frozen-on-contact-line"}


def test_carried_terms_of_a_restated_clause_are_each_named_for_review(run, lineage) -> None:
    # Issue 13: the draft restates `money` (the point's text) but gives only the fund: the
    # deadline it does not state is carried from v2, never silently.
    text = ARTICLE.read_text(encoding="utf-8").replace(
        ", and elections are held within 120 days.", ".")
    (lineage / "seeds" / "article.md").write_text(text, encoding="utf-8")
    result = _import(run, lineage)
    assert result.exit_code == 0, result.stderr
    draft = (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    assert ("# REVIEW: term `days` (Elections after signing): the text gives no value for it;"
            " carried from `v2` (100): confirm, restate or mark `{unknown: why}`") in draft
    assert "fund: 150000000000" in draft
    # The reviewer's way to say the old deadline can no longer be assumed passes check.
    path = lineage / "plans" / "v3.yaml"
    path.write_text(draft.replace("      fund: 150000000000",
                                  "      fund: 150000000000\n      days: {unknown: not stated}"),
                    encoding="utf-8")
    assert run("check", root=lineage).exit_code == 0


def test_a_full_import_keeps_an_unread_value_that_is_no_longer_known(run, lineage) -> None:
    v2 = lineage / "plans" / "v2.yaml"
    v2.write_text(v2.read_text(encoding="utf-8").replace(
        "terms: {nato: consensus}", "terms: {nato: {unknown: a later report}}"), encoding="utf-8")
    text = ARTICLE.read_text(encoding="utf-8").replace("left to the consensus of", "left to")
    (lineage / "seeds" / "article.md").write_text(text, encoding="utf-8")
    result = _import(run, lineage, "--full")
    assert result.exit_code == 0, result.stderr
    draft = (lineage / "plans" / "v3.yaml").read_text(encoding="utf-8")
    assert "\n        unknown: a later report\n" in draft
    assert run("check", root=lineage).exit_code == 0


def test_a_close_call_is_flagged_even_above_the_weak_line(run, corpus) -> None:
    # Issue 15: a match that another clause nearly equals was written unflagged when it scored 50
    # or more. The terse English v20 gives its army point to v28's NATO-troops clause at 51.1,
    # the army-cap clause close behind (47.1): both are named for the reviewer.
    article = corpus / "seeds" / "v20-brief-en.md"
    shutil.copy(REPO / "tests" / "cases" / "import-heldout-2" / "v20-brief-en.md", article)
    result = run("import", str(article), "--parent", "v28", "--id", "leak", "--dry-run",
                 root=corpus)
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stderr.splitlines() if line.startswith("4 "))
    assert row.split()[1:3] == ["nato-troops", "51.1"]
    assert row.endswith("close call: confirm (next: armed-forces-cap)")
    assert ("# REVIEW: close call: `nato-troops` (51.1), `armed-forces-cap` close behind (47.1):"
            " confirm which clause it continues, or give it a new id") in result.stdout


# --- issue 24, item 18: what import misread in a new leaked text -----------------------------


def test_a_choice_qualified_by_a_duration_or_a_condition_is_flagged_not_read() -> None:
    path = Term(label="Ukraine's path to NATO", type="choice",
                choices={"barred": "Barred", "consensus": "Up to the consensus of NATO members"})
    qualified = read_terms("No NATO membership for 20 years, then it is up to the consensus of"
                           " NATO members.", {"nato": path})
    assert "nato" not in qualified.values and "nato" in qualified.unread
    assert "qualifies it ('20 years')" in qualified.notes["nato"]
    conditioned = read_terms("Membership is up to the consensus of NATO members once the war has"
                             " ended.", {"nato": path})
    assert "nato" not in conditioned.values and "('once')" in conditioned.notes["nato"]
    plain = read_terms("Membership is up to the consensus of NATO members.", {"nato": path})
    assert plain.values == {"nato": "consensus"}


def test_money_beside_frozen_assets_goes_to_the_frozen_assets_term() -> None:
    frozen = Term(label="Frozen Russian assets put into US-led reconstruction", type="money",
                  currency="USD")
    europe = Term(label="Europe's added contribution to reconstruction", type="money",
                  currency="USD")
    reading = read_terms("$150 billion of frozen Russian assets will be invested in US-led"
                         " reconstruction.", {"frozen": frozen, "europe": europe})
    assert reading.values == {"frozen": 150_000_000_000}
    assert "went to `frozen`" in reading.notes["europe"]
