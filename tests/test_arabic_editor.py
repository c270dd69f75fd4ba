"""The Arabic an Arabic newsroom would publish (issue 23, item 2; ../shared/arabic-glossary.md):
counted nouns and units agree with their number in all six CLDR plural forms, terms are «شروط»,
sources that disagree «تتضارب المصادر», money in words («100 مليار دولار»), one digit system per
line with «٪». Each test fails on the wording the edition printed before."""

from __future__ import annotations

import gettext
import re

import pytest

from conftest import REPO, git

MO = REPO / "src" / "plandiff" / "locale" / "ar" / "LC_MESSAGES" / "plandiff.mo"
COUNTS = (0, 1, 2, 3, 11, 100)


def _catalog() -> gettext.GNUTranslations:
    with open(MO, "rb") as handle:
        return gettext.GNUTranslations(handle)


@pytest.fixture
def arabic():  # type: ignore[no-untyped-def]
    from plandiff.i18n import Locale

    return Locale.of("ar")


@pytest.fixture
def arabic_digits():  # type: ignore[no-untyped-def]
    from plandiff.i18n import Locale

    return Locale.of("ar", "arab")


# The glossary's table (§2), for 0, 1, 2, 3, 11 and 100: one and two carry no digit.
UNITS = {
    "personnel": ("0 جندي", "جندي واحد", "جنديان", "3 جنود", "11 جنديًا", "100 جندي"),
    "days": ("0 يوم", "يوم واحد", "يومان", "3 أيام", "11 يومًا", "100 يوم"),
    "months": ("0 شهر", "شهر واحد", "شهران", "3 أشهر", "11 شهرًا", "100 شهر"),
    "years": ("0 سنة", "سنة واحدة", "سنتان", "3 سنوات", "11 سنة", "100 سنة"),
    "points": ("لا نقاط", "نقطة واحدة", "نقطتان", "3 نقاط", "11 نقطة", "100 نقطة"),
}


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_a_unit_agrees_with_its_number(arabic, unit: str) -> None:
    from plandiff.core.models import Term, TermType
    from plandiff.render import values

    term = Term(label="x", type=TermType.quantity, unit=unit)
    shown = tuple(values.value(arabic, term, count) for count in COUNTS)
    assert shown == UNITS[unit]  # was «15 سنوات», «30 يوم», «600,000 فرد»


def test_the_catalog_counts_clauses_in_six_forms() -> None:
    catalog = _catalog()
    shown = [catalog.ngettext("{count} clause", "{count} clauses", n).format(count=n)
             for n in COUNTS]
    # was «1 بند», «2 بندان» ({count} before the dual), «0 بند»
    assert shown == ["لا بنود", "بند واحد", "بندان", "3 بنود", "11 بندًا", "100 بند"]


def test_a_signed_day_count_agrees_with_its_number(arabic) -> None:
    from plandiff.core.models import Term, TermType
    from plandiff.render import values

    term = Term(label="x", type=TermType.date)
    shown = [values.movement_text(arabic, term, n, None) for n in (1, 2, 3, 11, 100)]
    # a signed delta shows its digit: 1 and 2 take the singular; was «+3 يومًا»
    assert shown == ["+1 يوم", "+2 يوم", "+3 أيام", "+11 يومًا", "+100 يوم"]


@pytest.mark.parametrize(("amount", "shown"), [
    (1_000_000_000, "مليار دولار"),
    (2_000_000_000, "ملياري دولار"),
    (3_000_000_000, "3 مليارات دولار"),
    (11_000_000_000, "11 مليار دولار"),
    (100_000_000_000, "100 مليار دولار"),
    (1_500_000_000, "1.5 مليار دولار"),
    (3, "3 دولارات"),
    (11, "11 دولارًا"),
])
def test_money_is_written_in_words(arabic, amount: int, shown: str) -> None:
    from plandiff.core.models import Term, TermType
    from plandiff.render import values

    term = Term(label="x", type=TermType.money, currency="USD")
    assert values.value(arabic, term, amount) == shown  # was «100 مليار US$»


def test_money_in_the_terminal_history(run) -> None:  # the chart keeps whole amounts
    out = run("history", "frozen-assets-reconstruction", "--lang", "ar").output
    assert "100 مليار دولار" in out and "US$" not in out


def test_percentages_take_the_arabic_sign_with_arabic_digits(run) -> None:
    out = run("v28", "geneva", "--lang", "ar", "--digits", "arab").output
    line = next(line for line in out.splitlines() if "عدد نقاط الخطة" in line)
    assert "−٣٢٫١٪" in line and "%" not in line  # was «−٣٢٫١%»
    assert "٢٨ ← ١٩ نقطة" in line  # 19 is "many": «نقطة», not «نقاط»


def test_translated_titles_speak_the_editions_digits(run) -> None:
    out = run("v28", "geneva", "--lang", "ar", "--digits", "arab").output
    base = out.splitlines()[1]
    # one digit system per line: was «خطة النقاط الـ28 المسربة (٢٠ نوفمبر ٢٠٢٥…»
    assert "خطة النقاط الـ٢٨ المسربة (٢٠ نوفمبر ٢٠٢٥" in base
    assert "v28" in base  # the id keeps its digits


def test_the_diff_says_terms_sources_disagree_and_became(run) -> None:
    out = run("v28", "geneva", "--lang", "ar").output
    head = out.splitlines()[0]
    # «label: count» keeps number and noun apart (was «0 مضاف، 1 محذوف»); terms are شروط
    # the labels agree with the clauses they count (feminine: «البنود» is a non-human plural)
    assert head.startswith("من النسخة v28 إلى النسخة geneva: مضافة: 0، محذوفة: 1، معدّلة: 5،"
                           " أُعيدت تسميتها: 0، أُعيد ترقيمها: 0، دون تغيير: 1، غير مذكورة: 22؛")
    assert "قيم الشروط: مؤكَّدة: 1، موروثة: 2" in head and "قيم البنود" not in out
    # one source gives the scope, two give none: not a conflict (test_witnesses has one)
    assert "سقف في زمن السلم فقط" in out and "تتضارب المصادر" not in out
    assert "متنازع عليه" not in out and "لا شيء" not in out
    assert "بالوسائل العسكرية: نعم (قيمة جديدة)" in out and "حُدّد بـ" not in out
    assert "§6 (في النسخة v28)" in out
    assert "لم تَرِد منذ النسخة" in run("v28", "berlin", "--lang", "ar").output


def test_carried_values_are_inherited_not_quoted(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run("history", "frozen-assets-reconstruction", "--lang", "ar").output
    # «منقولة من» echoes «نقلًا عن» (quoting a source)
    assert "100 مليار دولار (موروثة من النسخة v28)" in out and "منقولة" not in out


def _msgstrs() -> str:
    from babel.messages.pofile import read_po

    with open(MO.with_suffix(".po"), "rb") as handle:
        catalog = read_po(handle, locale="ar")
    found = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found.extend(s for s in strings if s)
    return "\n".join(found)


def test_the_word_list_of_arabic_md_is_the_catalogs() -> None:
    """docs/arabic.md lists the edition's vocabulary: each word is the catalog's, and none of
    the words it says are wrong is."""
    text = (REPO / "docs" / "arabic.md").read_text(encoding="utf-8")
    table = text[text.index("## Word list"):text.index("## Translating plandiff's words")]
    rows = [line.split("|")[1:4] for line in table.splitlines()
            if line.startswith("| ") and not line.startswith("| English")]
    assert len(rows) >= 15
    strings = _msgstrs()
    for _english, arabic, wrong in rows:
        for word in (w.strip() for w in arabic.replace("/", "،").split("،")):
            assert word in strings, f"docs/arabic.md lists «{word}», which the catalog never prints"
        if wrong.strip():  # as a whole word («أكّدته» is not «أكّدتها»)
            found = re.search(rf"(?<!\w){re.escape(wrong.strip())}(?!\w)", strings)
            assert found is None, f"the catalog still prints «{wrong.strip()}»"


def test_translating_md_names_files_that_exist() -> None:
    """docs/translating.md (referenced by babel.cfg, by check's hints and by the catalog test):
    every file of the repository it names is there."""
    text = (REPO / "docs" / "translating.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:src|tests)/[a-z0-9_/.]+\.(?:py|po))`", text))
    assert {"src/plandiff/i18n/__init__.py", "src/plandiff/i18n/words.py"} <= named
    for path in named:
        assert (REPO / path).exists(), path
    assert (REPO / "babel.cfg").read_text(encoding="utf-8").count("docs/translating.md") == 1


# --- the report on GitHub and in HTML (issue 23, item 3) ---------------------------------------


def _github(text: str) -> str:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    return str(cmarkgfm.github_flavored_markdown_to_html(
        text, options=Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_UNSAFE))


def test_the_arabic_report_is_right_to_left_on_github(run) -> None:
    text = run("report", "v28", "geneva", "--lang", "ar").output
    assert text.startswith('<div dir="rtl">\n\n# تقرير التغييرات')
    rendered = _github(text)
    inside = rendered[:rendered.index("</div>")]
    assert inside.startswith('<div dir="rtl">\n<h1>') and "<table>" in inside
    # footnotes: each opens with an Arabic word, so GitHub's dir=auto reads it right to left
    notes = rendered[rendered.index('<section class="footnotes"'):]
    paragraphs = re.findall(r"<li id=\"fn-[^\"]+\">\n<p>(.{7})", notes)
    assert paragraphs and all(p.startswith("المصدر ") for p in paragraphs), paragraphs[:3]
    english = run("report", "v28", "geneva").output
    assert not english.startswith("<div")  # the English report is as it was


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_sources_heading_heads_the_footnotes(run, lang: str) -> None:
    """GitHub (and the HTML report) render footnotes at the very end: the sources heading comes
    last, so that it heads them, after the methods (it stood empty, the footnotes under the
    methods)."""
    text = run("report", "v28", "geneva", "--lang", lang).output
    sources, methods = ("المصادر", "المنهجية") if lang == "ar" else ("Sources", "Methods")
    rendered = _github(text)
    heading = f"<h2>{sources}</h2>\n"
    assert rendered.index(f"<h2>{methods}</h2>") < rendered.index(heading)
    after = rendered[rendered.index(heading) + len(heading):].removeprefix("</div>\n")
    assert after.startswith('<section class="footnotes"'), after[:80]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_html_reports_sources_heading_heads_the_footnotes(run, tmp_path, lang: str) -> None:
    page = tmp_path / "report.html"
    assert run("report", "v28", "geneva", "--lang", lang, "-f", "html", "-o",
               str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    sources = "المصادر" if lang == "ar" else "Sources"
    after = html[html.index(f"<h2>{sources}</h2>\n") + len(f"<h2>{sources}</h2>\n"):]
    assert after.startswith('<hr class="footnotes-sep" />'), after[:80]


@pytest.mark.slow
def test_the_arabic_report_on_github_lays_out_right_to_left_in_chromium(run, tmp_path) -> None:
    """cmark-gfm's HTML (as GitHub renders it, GitHub adding dir=auto to blocks) in Chromium:
    the heading, the tables and the lists run right to left; looked at by eye too."""
    from browser import directions, screenshot

    rendered = _github(run("report", "v28", "geneva", "--lang", "ar").output)
    rendered = re.sub(r"<(p|li|h[1-6]|td|th)>", r'<\1 dir="auto">', rendered)
    page = tmp_path / "github.html"
    page.write_text('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>'
                    + rendered + "</body></html>", encoding="utf-8")
    assert directions(page, ["h1", "table", "ul", ".footnotes li p"]) == ["rtl"] * 4
    screenshot(page, tmp_path / "github.png", "1200,1400")
    assert (tmp_path / "github.png").stat().st_size > 10_000


# --- stances as sentences (issue 23, item 2; glossary §4) --------------------------------------


def test_a_clitic_preposition_joins_its_object(arabic) -> None:
    from plandiff.render.values import govern

    assert govern(arabic, "تطالب بـ", "العفو الشامل") == ("تطالب", "بالعفو الشامل")
    assert govern(arabic, "تطالب بـ", "600 ألف جندي") == ("تطالب", "بـ600 ألف جندي")
    assert govern(arabic, "لـ", "الولايات المتحدة") == ("", "للولايات المتحدة")  # not «لـال»
    assert govern(arabic, "تتمسك بـ", "[بالإنجليزية] Talks") == (
        "تتمسك", "بما يلي: [بالإنجليزية] Talks")
    assert govern(arabic, "تقبل", "نعم") == ("تقبل", "نعم")


def test_positions_name_what_each_party_wants(run) -> None:
    out = run("positions", "--lang", "ar").output
    # was «تطالب بـ —», «تطالب بـ تسحب أوكرانيا قواتها منه», «تتمسك بـ تنطلق», «ترفض نعم»
    assert "بـ " not in out and "بـ —" not in out
    assert "ترفض نعم" not in out and "تقبل نعم" not in out and "تقترح نعم" not in out
    assert "مطلب بشأن سقف عديد القوات المسلحة الأوكرانية، لم تحدد مضمونه" in out
    assert "تطالب بانسحاب القوات الأوكرانية من بقية منطقة دونيتسك" in out
    assert "تتمسك بانطلاق المحادثات بشأن الأراضي من خط التماس" in out
    assert "ترفض العفو الشامل عن جميع أطراف النزاع  " in out
    # a stance only reported says so after what it governs (glossary: «… (بحسب التقارير)»)
    assert "تقبل تخليها عن استعادة الأراضي المحتلة بالوسائل العسكرية (بحسب التقارير)  " \
        in out
    assert "بحسب التقارير تقبل" not in out
    assert "تقبل 800 ألف جندي" in out  # prose, «600 ألف جندي» as seed 001 writes it
    assert "ترفض القوات الأوروبية في أوكرانيا بعد وقف إطلاق النار، أيًّا كانت صيغته" in out
    assert "الولايات المتحدة: تأييد العفو الشامل عن جميع أطراف النزاع؛" in out


def test_positions_table_holds_nouns_and_says_no_value(run) -> None:
    out = run("positions", "--lang", "ar", "--format", "markdown").output
    assert "| روسيا | مطلب | دون قيمة محددة |" in out  # was «| روسيا | تطالب بـ | — |»
    assert "| تطالب بـ |" not in out


def test_the_diffs_stances_govern_their_values(run) -> None:
    out = run("v28", "geneva", "--lang", "ar").output
    assert "* سقف عديد القوات المسلحة الأوكرانية: الولايات المتحدة باتت " in out
    assert "تقبل 800 ألف جندي (بحسب التقارير)  (23 نوفمبر 2025، النسخة geneva)" in out
    assert "    سابقًا: اقترحت 600 ألف جندي (20 نوفمبر 2025، النسخة v28)" in out
    assert "ترفض العفو الشامل عن جميع أطراف النزاع  (23 نوفمبر 2025، النسخة e3)" in out
    # a choice after its label: two terms share «انطلاق المحادثات…»
    assert ("* الجزء الذي تسيطر عليه أوكرانيا من منطقة دونيتسك: الترويكا الأوروبية"
            " تقترح انطلاق المحادثات بشأن الأراضي من خط التماس") in out
    assert "— نعم" not in out and "ترفض:" not in out and "تقبل:" not in out


def test_the_main_changes_reasons_read_as_arabic(run) -> None:
    out = run("v28", "geneva", "--lang", "ar").output
    # was «للطرف الترويكا الأوروبية…، نعم», «يرفضه الطرف», «salience في terms.yaml», «خطًا»
    assert "للطرف" not in out and "الطرف الترويكا" not in out and "، نعم (" not in out
    assert ("يبتعد عمّا ترفضه الترويكا الأوروبية: العفو الشامل"
            " عن جميع أطراف النزاع (ملف positions.yaml، 23 نوفمبر 2025)") in out
    assert "يقترب من موقف أوكرانيا بحسب التقارير (قبول: إخضاع عضوية أوكرانيا" in out
    assert "(بحسب الحقل salience في ملف terms.yaml، موثّق بمصدر)" in out
    assert "salience في terms.yaml" not in out and "خطًّا أحمر" in out and "خطًا" not in out


def test_the_history_chart_marks_carried_values_in_arabic(run) -> None:
    out = run("history", "ukraine-troop-cap", "--lang", "ar").output
    assert "(carried)" not in out
    assert "النسخة florida (موروثة)  " in out  # the line opens with an Arabic word


def test_review_names_the_working_tree_in_arabic(run, make_repo) -> None:
    root = make_repo({"plans/v1.yaml": """
        id: v1
        title: One
        date: 2025-11-20
        status: leaked
        coverage: full
        clauses: []
        """})
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "base"]):
        git(root, *args)
    out = run("review", "main", "--lang", "ar", root=root).output
    assert "من main إلى شجرة العمل" in out and "working tree" not in out
    markdown = run("review", "main", "--lang", "ar", "--format", "markdown", root=root).output
    assert "من `main` إلى شجرة العمل" in markdown and "working tree" not in markdown


# --- English marked, ids inside Arabic lines (issue 23, items 2 and 3) -------------------------


def test_show_marks_english_reasons_and_opens_lines_with_arabic(run) -> None:
    out = run("show", "berlin", "--lang", "ar").output
    # the reason a value is no longer known is plan data in English: marked (was bare)
    assert "لم تَرِد القيمة منذ النسخة berlin ([بالإنجليزية] The reports" in out
    geneva = run("show", "geneva", "--lang", "ar").output
    assert "\nالبند framework  بنية الإطار المعدل  مذكور\n" in geneva  # was «framework  …»
    assert '    المصدر lig2: "reduced to 19 points' in geneva  # was «[lig2]: …»
    assert "(بصيغة غير مؤكدة: [بالإنجليزية] «بعض التغييرات المحتملة»" in geneva
    lines = [line.strip() for line in geneva.splitlines() if line.strip()]
    assert not [line for line in lines if line[0].isascii() and line[0].isalpha()]
    assert not [line for line in lines if line.startswith("[") and not line.startswith("[بال")]


def test_the_diff_names_each_clause_before_its_id(run) -> None:
    out = run("v28", "geneva", "--lang", "ar").output
    assert "\n~ البند framework  بنية الإطار المعدل  معدّل\n" in out
    assert "\n- البند amnesty  عفو شامل  §26  محذوف\n" in out


def test_the_report_names_parties_and_marks_topics(run) -> None:
    out = run("report", "v28", "geneva", "--lang", "ar").output
    # was «| الأطراف | US, RU | US, UA |» and «الموضوع: process.»
    assert "| الأطراف | الولايات المتحدة، روسيا | الولايات المتحدة، أوكرانيا |" in out
    assert "الموضوع: `process`." in out and "الموضوع: process" not in out
    show = run("show", "berlin", "--lang", "ar", "--format", "markdown").output
    assert "ألمانيا" in show and "DE" not in show.split("\n\n")[1]  # CLDR names the country


def test_the_html_reports_quotes_each_on_its_line(run) -> None:
    out = run("report", "v28", "geneva", "--lang", "ar", "--format", "html").output
    # one source's quotes, each on a line of its own with its language (were one line)
    assert ('(بالإنجليزية)<br />\n<span dir="ltr" lang="en">“Ukraine agrees to enshrine in its'
            ' constitution that it will not join NATO”</span> (بالإنجليزية)<br />') in out
    assert "” — <span" not in out


def test_translated_word_diffs_speak_the_editions_digits(run) -> None:
    out = run("v28", "geneva", "--lang", "ar", "--digits", "arab").output
    line = next(line for line in out.splitlines() if "النص: [-لا يجوز أن يتجاوز" in line)
    # was «٢٠ نوفمبر» on one line and «600,000» in the text diff under it
    assert "بـ٨٠٠ ألف جندي،" in line and re.search(r"[0-9]", line) is None


def test_arabic_headlines_are_quoted_in_guillemets(run) -> None:
    out = run("report", "v28", "geneva", "--lang", "ar").output
    assert "«واشنطن وموسكو تُسرّعان نحو تسوية كبرى" in out and "“واشنطن" not in out
    assert "“واشنطن وموسكو" in run("report", "v28", "geneva").output  # English as it was


def test_the_terms_unit_column_names_the_currency(run) -> None:
    out = run("terms", "--lang", "ar").output
    assert "USD" not in out and "دولار" in out  # was «USD» beside Arabic labels
    assert "USD" in run("terms").output


def test_a_clause_history_is_told_in_its_arabic_renderings(run) -> None:
    out = run("history", "territory", "--lang", "ar").output
    # was «[بالإنجليزية] Territory (territory)» and every text in English, though each version's
    # clause has an Arabic rendering
    assert out.startswith("الأراضي (territory)\n")
    assert "  النص:    يُعترف بالقرم ولوهانسك ودونيتسك أراضي روسية" in out
    assert "[بالإنجليزية]" not in out
    markdown = run("history", "territory", "--lang", "ar", "-f", "markdown").output
    assert markdown.startswith('<div dir="rtl">\n\n# تاريخ البند: الأراضي (`territory`)')
    assert "| `v28` | 20 نوفمبر 2025 | 21 | يُعترف بالقرم" in markdown
    assert "Crimea" not in markdown


def test_arabic_quotations_take_the_arabic_press_marks_and_english_ones_keep_theirs(run) -> None:
    # glossary: «» for Arabic quotations in the Arabic edition; an English quote keeps "…"/“…”
    terminal = run("show", "geneva", "--lang", "ar").output
    assert "«يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي»" in terminal
    assert '"يُقتصر' not in terminal
    markdown = run("show", "geneva", "--lang", "ar", "-f", "markdown").output
    assert "«يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي»" in markdown
    assert "“would limit Ukraine's peacetime military" in markdown
    report = run("report", "v28", "geneva", "--lang", "ar").output
    assert "«يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي»" in report
    english = run("show", "geneva").output
    assert '"يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي"' in english


def test_a_terms_history_describes_its_value_in_the_feminine(run, monkeypatch) -> None:
    # «القيمة» is feminine: «جديدة، مذكورة، غير مذكورة (موروثة من النسخة …)», not «جديد، مذكور»
    monkeypatch.setenv("COLUMNS", "120")
    out = run("history", "ukraine-troop-cap", "--lang", "ar").output
    assert "النسخة v28  20 نوفمبر 2025  جديدة  مذكورة" in out
    assert "دون تغيير  غير مذكورة (موروثة من النسخة geneva)" in out
    assert "كما هو" not in out and "  مذكور\n" not in out


def test_a_reported_value_reads_as_the_glossary_writes_it(run) -> None:
    # glossary: «بحسب التقارير، …» (with its comma), not «بحسب التقارير 800,000» run together
    out = run("v28", "geneva", "--lang", "ar").output
    assert "600,000 ← بحسب التقارير، 800,000 جندي" in out


def test_a_stance_without_a_value_is_a_demand_about_its_subject(run) -> None:
    """«روسيا تطالب بطريق أوكرانيا إلى حلف الناتو، دون تحديد قيمة» read as Russia wanting
    Ukraine a NATO path: the party has a demand about the subject, its content unsaid."""
    diff = run("diff", "miami-oct", "v28", "--lang", "ar").output
    assert ("* لروسيا مطلب بشأن طريق أوكرانيا إلى حلف الناتو، لم تحدد مضمونه"
            "  (19 نوفمبر 2025)") in diff
    later = run("diff", "geneva", "berlin", "--lang", "ar").output
    assert "* أصبح لأوكرانيا مطلب بشأن شكل الضمانة الأمنية الأمريكية، لم تحدد مضمونه" in later
    table = run("positions", "--lang", "ar").output
    assert "مطلب بشأن طريق أوكرانيا إلى حلف الناتو، لم تحدد مضمونه" in table
    assert "دون تحديد قيمة" not in diff + later + table.split("مواقف الأطراف")[0]


def test_a_party_that_accepts_a_term_without_a_value_accepts_the_thing(run) -> None:
    """«روسيا قبول بشأن طريق أوكرانيا إلى الاتحاد الأوروبي، لم تحدد مضمونه» said its content was
    unsaid, where the party (reportedly) accepts the path itself: «تقبل طريق…»."""
    table = run("positions", "--lang", "ar").output
    assert "روسيا  تقبل طريق أوكرانيا إلى الاتحاد الأوروبي (بحسب التقارير)" in table
    assert "قبول بشأن" not in table


def test_a_refusal_of_any_value_refuses_any_form(run) -> None:
    """«ترفض … أيًّا كانت القيمة», «ترفض أي قيمة»: what is refused is a form, not a value."""
    table = run("positions", "--lang", "ar").output
    assert "ترفض القوات الأوروبية في أوكرانيا بعد وقف إطلاق النار، أيًّا كانت صيغته" in table
    assert "؛ روسيا: رفض أي صيغة\n" in table
    assert "القيمة" not in "".join(line for line in table.splitlines() if "ترفض" in line)


def test_a_removal_names_the_source_that_reports_it(run) -> None:
    """«أفاد بالحذف 112» read as a count: the source reports the clause's removal, named as a
    source, and the clause is named as a clause with its title in «»."""
    diff = run("v28", "geneva", "--lang", "ar").output
    assert "    المصادر: أفاد بحذفه المصدر 112 (في النسخة geneva)\n" in diff
    report = run("report", "v28", "geneva", "--lang", "ar").output
    assert "- حُذف: البند `amnesty` «عفو شامل» (أفاد بحذفه المصدر `112`)\n" in report
    assert "المصادر: أفاد بحذفه المصدر [^112] (في النسخة `geneva`).\n" in report
    assert "أفاد بالحذف" not in diff + report


def test_a_flag_set_or_dropped_is_said_in_words(run) -> None:
    """«أُلغيت القيمة (كانت نعم)» cancelled a «yes»; «— أصبح: نعم» left «أصبح» without a
    subject: a flag dropped is dropped from the text, a value set is a new value."""
    diff = run("v28", "geneva", "--lang", "ar").output
    assert "العفو الشامل عن جميع أطراف النزاع: أُسقط من النص (كان واردًا)؛" in diff
    assert ("تخلي أوكرانيا عن استعادة الأراضي المحتلة بالوسائل العسكرية: نعم (قيمة جديدة)؛"
            in diff)
    assert "كانت نعم" not in diff and "أصبح:" not in diff


def test_ids_inside_arabic_lines_follow_an_arabic_noun(run) -> None:
    """«[nato-membership]», «(armed-forces-cap، مذكور)», «أحدث مسودة v20:», «مصادر v28:»,
    «أول ورود: 21 نوفمبر 2025، ap-hutchpost»: an id is named by its noun (glossary §1)."""
    diff = run("v28", "geneva", "--lang", "ar").output
    assert "حظر انضمام" in diff and "  (البند nato-membership)\n" in diff
    assert "[nato-membership]" not in diff
    report = run("report", "v28", "geneva", "--lang", "ar").output
    assert "؛ المصادر المستقلة: 1** (البند `amnesty`)" in report
    table = run("positions", "--lang", "ar").output
    assert "  أحدث مسودة، النسخة v20: 800,000 جندي (البند armed-forces-cap، مذكور) — " in table
    assert "بجانب أحدث مسودة، النسخة v20 — " in table
    show = run("show", "geneva", "--lang", "ar").output
    assert "(موروثة من النسخة v28) — مصادر النسخة v28: ap-hutchpost" in show
    history = run("history", "ukraine-troop-cap", "--lang", "ar").output
    assert "  أول ورود: 21 نوفمبر 2025 في المصدر ap-hutchpost\n" in history
    undated = run("history", "amnesty", "--lang", "ar").output
    assert re.search(r"أول ورود: في المصدر [a-z0-9-]+، دون تاريخ", undated)
    assert "تاريخ مجهول" not in undated


def test_a_clause_history_says_each_fact_in_words(run) -> None:
    """«—  ليس في هذه النسخة», a bare «7» between the date and the state (read as a count),
    «كما هو», «غير مذكور (من النسخة geneva)»."""
    out = run("history", "nato-membership", "--lang", "ar").output
    assert "النسخة miami-oct  26 أكتوبر 2025  لم يَرِد في هذه النسخة\n" in out
    assert "النسخة v28  20 نوفمبر 2025  §7  جديد  مذكور\n" in out
    assert "  دون تغيير  غير مذكور (موروث من النسخة geneva)\n" in out
    assert "كما هو" not in out and "—  " not in out and "ليس في هذه النسخة" not in out
    arab = run("history", "nato-membership", "--lang", "ar", "--digits", "arab").output
    assert "النسخة v28  ٢٠ نوفمبر ٢٠٢٥  §٧  جديد  مذكور\n" in arab


def test_a_stated_position_is_the_partys_with_lam_joined(run, arabic) -> None:
    """«يقترب من موقف الترويكا الأوروبية (…) المعلن» put the adjective after the party's
    parenthesis: «الموقف المعلن لـ…», «لـ» joined to an Arabic name, never to a Latin one."""
    from plandiff.render import values

    out = run("v28", "geneva", "--lang", "ar").output
    assert "يقترب من الموقف المعلن للترويكا الأوروبية (اقتراح:" in out
    assert "يبتعد عن الموقف المعلن للولايات المتحدة (اقتراح:" in out
    assert "الأوروبية المعلن" not in out and "المتحدة المعلن" not in out
    assert values.to_name(arabic, "روسيا") == "لروسيا"
    assert values.to_name(arabic, "الولايات المتحدة") == "للولايات المتحدة"
    assert values.to_name(arabic, "e3") == "للطرف e3"


def test_the_reports_unchanged_values_take_one_colon(run) -> None:
    """«لم تتغير هذه القيم: قيم الشروط: مؤكَّدة: 1، موروثة: 2» had three colons in a row."""
    report = run("report", "v28", "geneva", "--lang", "ar").output
    assert ("في البنود التي تسردها النسخة `geneva` قيم لم تتغير: مؤكَّدة 1، وموروثة 2 (" in report)
    assert "لم تتغير هذه القيم" not in report


def test_the_sides_of_a_term_are_one_structure(run) -> None:
    """«مواقف الأطراف: متباعدة: الولايات المتحدة: تأييد العفو…؛ الترويكا الأوروبية (…) ترفض
    العفو…» mixed «party: noun» and «party verb»: each item is «الطرف: مصدر»."""
    table = run("positions", "--lang", "ar").output
    assert ("الولايات المتحدة: تأييد العفو الشامل عن جميع أطراف النزاع؛ الترويكا الأوروبية:"
            " رفض العفو الشامل عن جميع أطراف النزاع") in table
    sides = [line for line in table.splitlines() if "مواقف الأطراف:" in line]
    assert sides and not any("ترفض" in line for line in sides)


def test_arabic_digits_hold_for_a_whole_line(run) -> None:
    """`--digits arab` left «(من 0 إلى 1)» beside «٠٫٥» and «§26» Latin in an Arabic line."""
    out = run("v28", "geneva", "--lang", "ar", "--digits", "arab").output
    assert "رُتّبت بحسب حجم كل تغيير (من ٠ إلى ١)، يُضاف إليه ٠٫٥ " in out
    assert "  §٦ (في النسخة v28)  معدّل" in out
    assert not re.search(r"§[0-9]", out)
    show = run("show", "geneva", "--lang", "ar", "--digits", "arab").output
    assert "§١ (في النسخة v28)" in show and not re.search(r"§[0-9]", show)


def test_a_citation_without_a_quote_says_so(run) -> None:
    """A bare «المصدر liga» under a clause read as a label with nothing after it."""
    out = run("show", "v28", "--lang", "ar").output
    assert "    المصدر liga (دون اقتباس)\n" in out
    assert "    المصدر liga\n" not in out


def test_an_id_in_the_arabic_html_report_has_no_padding(run) -> None:
    """«( nato-membership )», «ملاحظة v28 :»: the code box's padding stood between an id and the
    brackets or colon around it; the English report keeps its style."""
    arabic = run("report", "v28", "geneva", "--lang", "ar", "--format", "html").output
    style = arabic[arabic.index("<style>"):arabic.index("</style>")]
    assert re.search(r"html\[dir=rtl\] code \{[^}]*padding: 0;", style)
    assert "(البند <code>amnesty</code>)" in arabic
    english = run("report", "v28", "geneva", "--format", "html").output
    assert "padding: 0;" not in english[english.index("<style>"):english.index("</style>")]
