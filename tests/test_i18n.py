"""The Arabic edition's user interface (issue 19): catalogs complete and current, `--lang ar` on
the views, right to left in HTML, content marked where it falls back to English."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS, REPO

SRC = REPO / "src" / "plandiff"
PO = SRC / "locale" / "ar" / "LC_MESSAGES" / "plandiff.po"
MO = PO.with_suffix(".mo")
BADGE = "[بالإنجليزية]"


def _extracted() -> set[tuple[str | None, str]]:
    """The messages of the code as it is now, extracted as `pybabel extract -F babel.cfg`."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(REPO / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(SRC), method_map, options_map):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def _catalog():  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with open(PO, "rb") as handle:
        return read_po(handle, locale="ar")


def test_every_message_has_an_arabic_translation() -> None:
    missing = []
    for message in _catalog():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings) or message.fuzzy:
            missing.append(message.id)
    assert not missing, f"untranslated in {PO.name}: {missing}"


def test_the_catalog_is_up_to_date_with_the_code() -> None:
    in_catalog = {(m.context, m.id if isinstance(m.id, str) else m.id[0])
                  for m in _catalog() if m.id}
    in_code = _extracted()
    assert not in_code - in_catalog, ("messages missing from the catalog (run pybabel extract"
                                      f" and update, docs/translating.md): {in_code - in_catalog}")
    assert not in_catalog - in_code, f"messages no code uses any more: {in_catalog - in_code}"


def test_the_compiled_catalog_matches_the_po() -> None:
    with open(MO, "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in _catalog():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            got = compiled.npgettext(message.context, *message.id, 3) if message.context else (
                compiled.ngettext(*message.id, 3))
            assert got == message.string[3], f"{MO.name} is stale (pybabel compile): {message.id}"
        else:
            got = (compiled.pgettext(message.context, message.id) if message.context
                   else compiled.gettext(message.id))
            assert got == message.string, f"{MO.name} is stale (pybabel compile): {message.id}"


def test_no_message_hides_inside_an_f_string() -> None:
    """pybabel cannot see `_()` inside an f-string's braces: such a message would never be
    extracted nor translated."""
    hidden = re.compile(r"""\bf["'].*\{[^{}\n]*\b(?:_|ngettext|pgettext)\(\s*["']""")
    found = [f"{path.relative_to(REPO)}:{number}"
             for path in SRC.rglob("*.py")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if hidden.search(line)]
    assert not found, found


def test_every_vocabulary_word_is_a_message() -> None:
    from plandiff.core.diff import ClauseDiff  # noqa: F401  (ChangeKind's module)
    from plandiff.core.models import Coverage, Reliability, StanceKind, Status

    messages = _extracted()
    for context, enum in (("status", Status), ("coverage", Coverage),
                          ("reliability", Reliability), ("stance", StanceKind),
                          ("stance-past", StanceKind)):
        for member in enum:
            assert (context, member.value) in messages, (context, member.value)
    for kind in ("added", "removed", "modified", "renamed", "renumbered", "unchanged",
                 "unreported"):
        assert ("change", kind) in messages


def test_the_report_reads_in_arabic(run) -> None:
    result = run("report", "v28", "geneva", "--lang", "ar")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith('<div dir="rtl">\n\n# تقرير التغييرات: من `v28` إلى `geneva`\n')
    for heading in ("## النسخ", "## الخلاصة", "## أبرز 4 تغييرات", "## تغييرات رئيسية أخرى",
                    "## البنود المعدّلة",
                    "## المصادر", "## المنهجية"):
        assert f"\n{heading}\n" in text
    # The army cap: its Arabic label, 600,000 → 800,000 in reading order, and its sources.
    cap = next(line for line in text.splitlines()
               if line.startswith("- **سقف عديد القوات المسلحة الأوكرانية: 600,000 ← "
                                  "بحسب التقارير، 800,000 جندي"))
    assert "+33.3%" in cap
    assert "### ~ معدّل: `armed-forces-cap` — سقف عديد القوات المسلحة الأوكرانية" in text
    assert "[^ki1]" in text and "\n[^ki1]: المصدر `ki1`:" in text
    # A quote stays in its own words, labelled with its language; never translated.
    assert "“The size of the Ukrainian Armed Forces will be limited to 600,000 personnel.”" in text
    assert "(بالإنجليزية)" in text


def _untranslated_words(text: str) -> list[str]:
    """Latin words left in a line of plandiff's own words: what remains after taking out ids
    (code spans, footnote references and lines), English content (badged), quotes and URLs."""
    left = []
    for line in text.splitlines():
        if line.startswith("[^") or BADGE.replace("[", "\\[").replace("]", "\\]") in line:
            continue
        line = re.sub(r"`[^`]*`|\[\^[^\]]*\]|<https?://[^>]*>|“[^”]*”", " ", line)
        left += re.findall(r"[A-Za-z]{3,}", line)
    return left


def test_no_english_is_left_in_the_arabic_report(run) -> None:
    from plandiff.repo.repository import find_root, load_plan

    text = run("report", "v28", "geneva", "--lang", "ar").output
    text = re.sub(r"</?(details|summary|code)>|<div dir=\"rtl\">|</div>", " ", text)
    plan = load_plan(find_root(REPO)).plan
    names = [*plan.sources, *plan.versions,
             *(c.id for v in plan.versions.values() for c in v.clauses),
             *(c.topic or "" for v in plan.versions.values() for c in v.clauses)]
    # Ids and topics (slugs, shown as written) and the tool's own name.
    allowed = {w for name in names for w in re.findall(r"[A-Za-z]+", name)} | {"plandiff",
                                                                                "GitHub"}
    # The main changes' reasons name the files and fields they come from, as written.
    allowed |= {"terms", "positions", "yaml", "salience", "order", "docs", "reports", "md"}
    left = set(_untranslated_words(text)) - allowed
    assert not left, left


def test_the_terminal_prints_the_same_in_arabic(run) -> None:
    result = run("v28", "geneva", "--lang", "ar")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("من النسخة v28 إلى النسخة geneva: ")
    assert ("~ البند armed-forces-cap  سقف عديد القوات المسلحة الأوكرانية  §6 (في النسخة v28)  معدّل"
            in lines)
    assert any(line.strip().startswith("سقف عديد القوات المسلحة الأوكرانية: 600,000 ← "
                                       "بحسب التقارير، 800,000")
               for line in lines)
    # Terminals run their own bidi: lines stay in logical order, with no isolate characters.
    assert not re.search("[\u2066-\u2069\u202a-\u202e]", result.output)


def test_the_html_report_is_right_to_left(run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert run("report", "v28", "geneva", "--lang", "ar", "-f", "html", "-o",
               str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "Noto Naskh Arabic" in html  # a system font stack; nothing fetched
    assert "unicode-bidi: isolate" in html  # ids in <code> isolated
    # An English quote is isolated left to right inside the right-to-left page.
    assert '<span dir="ltr" lang="en">“The size of the Ukrainian Armed Forces' in html


def test_arabic_markdown_survives_githubs_renderer(run) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    text = run("report", "v28", "geneva", "--lang", "ar").output
    rendered = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_FOOTNOTES)
    assert "<h1>تقرير التغييرات: من <code>v28</code> إلى <code>geneva</code></h1>" in rendered
    refs = set(re.findall(r"\[\^([a-z0-9-]+)\](?!:)", text))
    for ref in refs:  # every source the text cites keeps its footnote
        assert f'id="fn-{ref}"' in rendered, ref


def test_arabic_indic_digits_when_asked(run) -> None:
    text = run("report", "v28", "geneva", "--lang", "ar", "--digits", "arab").output
    assert "٦٠٠٬٠٠٠ ← بحسب التقارير، ٨٠٠٬٠٠٠ جندي" in text
    assert "`v28`" in text and "[^seed-001]" in text  # ids keep their digits


def test_a_repository_without_arabic_content_works_in_arabic(run, make_repo) -> None:
    root = make_repo(LINEAGE_PLANS)
    result = run("v1", "v2", "--lang", "ar", root=root)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("من النسخة v1 إلى النسخة v2: ")  # the interface in Arabic
    assert f"{BADGE} First" in result.output  # the content in English, marked
    report = run("report", "v1", "v2", "--lang", "ar", root=root).output
    assert report.startswith("<div dir=\"rtl\">\n\n# تقرير التغييرات")
    assert "\\[بالإنجليزية\\] First" in report  # escaped brackets in Markdown


def test_an_unknown_language_is_a_clear_error(run) -> None:
    result = run("v28", "geneva", "--lang", "xx")
    assert result.exit_code == 2
    assert "no messages in language 'xx'" in result.output


def test_english_output_is_unchanged_after_an_arabic_run(run) -> None:
    english = run("v28", "geneva").output
    run("v28", "geneva", "--lang", "ar")
    assert run("v28", "geneva").output == english


def _plandiff(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PLANDIFF_CACHE": "0", **env}
    environment.pop("PLANDIFF_ROOT", None)
    return subprocess.run([sys.executable, "-m", "plandiff", *args], capture_output=True,
                          text=True, env=environment, cwd=REPO, check=False)


def test_the_quick_path_speaks_plandiff_lang() -> None:
    quick = _plandiff("v28", "geneva", PLANDIFF_LANG="ar")
    full = _plandiff("diff", "v28", "geneva", "--lang", "ar")
    assert quick.returncode == full.returncode == 0, quick.stderr
    assert quick.stdout == full.stdout
    assert quick.stdout.startswith("من النسخة v28 إلى النسخة geneva")


def test_english_runs_load_no_catalog_nor_babel() -> None:
    code = ("import sys; from plandiff.__main__ import main; main(['v28', 'geneva']);"
            " import plandiff.cli.app, plandiff.render.report, plandiff.render.markdown;"
            " from plandiff import i18n;"
            " print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'),"
            " sorted(i18n._CATALOGS) or None)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, "NO_COLOR": "1", "PLANDIFF_CACHE": "0"},
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[] None"


def test_review_speaks_arabic_and_says_its_problems_are_in_english(run, make_repo) -> None:
    from test_review import edit, git

    root = make_repo(LINEAGE_PLANS)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    edit(root, "v1.yaml", "terms: {cap: 600000}", "terms: {cap: 650000}")
    git(root, "commit", "-q", "-am", "change")
    result = run("review", "HEAD~1", "HEAD", "--lang", "ar", root=root)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("مراجعة plandiff من HEAD~1 إلى HEAD: ")
    assert f"v1 · army · {BADGE} Troop cap: 600,000 ← 650,000" in result.stdout
    assert "المشكلات (الرسائل بالإنجليزية):" in result.stdout
    comment = run("review", "HEAD~1", "HEAD", "--lang", "ar", "-f", "markdown", root=root)
    assert "## مراجعة plandiff: من `HEAD~1` إلى `HEAD`" in comment.stdout


def test_show_log_and_history_in_arabic(run) -> None:
    show = run("show", "geneva", "--lang", "ar").output
    assert show.startswith("النسخة geneva — تعديلات جنيف (الولايات المتحدة وأوكرانيا)"
                           " (23 نوفمبر 2025")
    assert '"reduced to 19 points from the original 28" (بالإنجليزية)' in show
    log = run("log", "--lang", "ar").output
    assert log.split()[0] == "النسخة" and "خطة النقاط الـ28 المسربة" in log
    history = run("history", "ukraine-troop-cap", "--lang", "ar", "-f", "markdown").output
    assert history.startswith('<div dir="rtl">\n\n'
                              '# تاريخ الشرط: سقف عديد القوات المسلحة الأوكرانية')
    assert "| `v28` | 20 نوفمبر 2025 | 600,000 جندي |" in history
    clause = run("history", "armed-forces-cap", "--lang", "ar").output
    # the clause's Arabic rendering (was its English, marked)
    assert clause.startswith("حجم القوات المسلحة الأوكرانية (armed-forces-cap)")
    assert "لا يجوز أن يتجاوز عديد القوات المسلحة الأوكرانية" in clause


def test_positions_in_arabic(run) -> None:
    text = run("positions", "ukraine-troop-cap", "--lang", "ar").output
    assert text.startswith("ماذا يريد كل طرف: آخر موقف معلن لكل طرف\n")
    # Geneva is hedged: «بحسب التقارير» before the verb, which then governs its value in prose
    assert "أوكرانيا" in text and "تقبل 800 ألف جندي (بحسب التقارير)" in text
    markdown = run("positions", "--lang", "ar", "-f", "markdown").output
    assert markdown.startswith('<div dir="rtl">\n\n# ماذا يريد كل طرف\n')


def test_json_keeps_ids_and_values_and_labels_speak_the_language(run) -> None:
    import json

    english = json.loads(run("v28", "geneva", "-f", "json").output)
    arabic = json.loads(run("v28", "geneva", "-f", "json", "--lang", "ar").output)

    def neutral(data: object) -> object:  # everything but the labels
        if isinstance(data, dict):
            return {k: neutral(v) for k, v in data.items() if "label" not in k}
        if isinstance(data, list):
            return [neutral(v) for v in data]
        return data

    assert neutral(english) == neutral(arabic)
    cap = next(t for c in arabic["clauses"] for t in c["terms"]
               if t["term"] == "ukraine-troop-cap")
    assert cap["label"] == "سقف عديد القوات المسلحة الأوكرانية"


def test_the_compiled_catalog_ships_in_the_wheel() -> None:
    """Hatch builds the wheel from the files git tracks (and .gitignore leaves in): the .mo must
    be one of them (a fresh virtual environment with the wheel was checked by hand, see
    docs/arabic.md)."""
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", str(MO.relative_to(REPO))],
                             cwd=REPO, capture_output=True, text=True, check=False)
    assert tracked.returncode == 0, tracked.stderr
    ignored = subprocess.run(["git", "check-ignore", "-q", str(MO.relative_to(REPO))], cwd=REPO,
                             check=False)
    assert ignored.returncode == 1  # not ignored


def test_the_markdown_diff_in_arabic(run) -> None:
    text = run("v28", "geneva", "-f", "markdown", "--lang", "ar").output
    assert text.startswith('<div dir="rtl">\n\n# التغييرات من `v28` إلى `geneva`\n')
    assert "### ~ معدّل: `armed-forces-cap` — سقف عديد القوات المسلحة الأوكرانية" in text
    assert "(استخدم `--all`)" in text


def test_a_language_lasts_one_command(run, tmp_path: Path) -> None:
    """`site` without --lang after an Arabic command writes the English site (the language is
    reset after each command, whatever the next command's options)."""
    run("v28", "geneva", "--lang", "ar")
    assert run("site", str(tmp_path / "out")).exit_code == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and not (tmp_path / "out" / "ar").exists()
    assert "<h1>The plan, version by version</h1>" in index
