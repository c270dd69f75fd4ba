"""`plandiff site OUT --lang ar`: the English pages, their Arabic twins under ar/, linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import LINEAGE_PLANS, REPO
from plandiff.cli.app import app
from plandiff.repo.repository import find_root, load_plan
from test_site import _parse, _walk


def _build(out: Path, root: Path, *args: str) -> Path:
    result = CliRunner().invoke(app, ["site", str(out), "--root", str(root), *args],
                                catch_exceptions=False, env={"PLANDIFF_ROOT": "", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("site") / "out", REPO, "--lang", "ar")


def test_every_page_has_an_arabic_twin_linked_both_ways(bilingual: Path) -> None:
    plan = load_plan(find_root(REPO)).plan
    english = {p.relative_to(bilingual) for p in bilingual.rglob("*.html")
               if p.relative_to(bilingual).parts[0] != "ar"}
    arabic = {p.relative_to(bilingual / "ar") for p in (bilingual / "ar").rglob("*.html")}
    assert english == arabic
    for version in plan.versions:
        assert Path("versions", f"{version}.html") in arabic
    assert {Path("index.html"), Path("diffs/v28..v20.html"),
            Path("terms/ukraine-troop-cap.html")} <= arabic
    for relative in english:
        page = (bilingual / relative).read_text(encoding="utf-8")
        twin = (bilingual / "ar" / relative).read_text(encoding="utf-8")
        assert '<html lang="en">' in page and '<html lang="ar" dir="rtl">' in twin
        depth = "../" * (len(relative.parts) - 1)
        path = relative.as_posix()
        assert f'<link rel="alternate" hreflang="ar" href="{depth}ar/{path}">' in page
        assert (f'<link rel="alternate" hreflang="en" href="../{depth}{relative.as_posix()}">'
                in twin)
        if relative.parts[0] == "cards":  # sized for an iframe: no navigation, no switch
            continue
        assert 'hreflang="ar" lang="ar">العربية</a>' in page  # the switch
        assert 'hreflang="en" lang="en">English</a>' in twin
    broken, reachable = _walk(bilingual)
    assert not broken, broken[:20]
    assert reachable == {p.resolve() for p in bilingual.rglob("*.html")}


def test_the_english_pages_are_the_english_site_plus_the_switch(bilingual: Path,
                                                                tmp_path: Path) -> None:
    alone = _build(tmp_path / "en", REPO)
    switch = re.compile(r'<link rel="alternate"[^>]*>\n|<li class="lang">.*?</li>')
    for page in alone.rglob("*.html"):
        relative = page.relative_to(alone)
        assert switch.sub("", (bilingual / relative).read_text(encoding="utf-8")) == \
            page.read_text(encoding="utf-8"), relative


def test_arabic_pages_read_in_arabic(bilingual: Path) -> None:
    index = (bilingual / "ar" / "index.html").read_text(encoding="utf-8")
    assert "<h1>الخطة نسخةً بعد نسخة</h1>" in index
    assert "<title>التسلسل الزمني لنسخ الخطة</title>" in index
    report = (bilingual / "ar" / "diffs" / "v28..v20.html").read_text(encoding="utf-8")
    assert "تقرير التغييرات: من <code>v28</code> إلى <code>v20</code>" in report
    assert "سقف عديد القوات المسلحة الأوكرانية: 600,000 ← 800,000 جندي" in report
    term = (bilingual / "ar" / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert "<h1>سقف عديد القوات المسلحة الأوكرانية</h1>" in term
    assert "Skip to content" not in index and "انتقل إلى المحتوى" in index
    version = (bilingual / "ar" / "versions" / "geneva.html").read_text(encoding="utf-8")
    # An English quote is isolated left to right, its marks inside, and labelled; an Arabic
    # quote keeps its right-to-left span.
    assert ('<span dir="ltr" lang="en">“reduced to 19 points from the original 28”</span>'
            " (بالإنجليزية)") in version
    assert '<span dir="rtl" lang="ar">' in version


def test_a_site_without_arabic_content_marks_the_english(make_repo, tmp_path: Path) -> None:
    out = _build(tmp_path / "out", make_repo(LINEAGE_PLANS), "--lang", "ar")
    page = (out / "ar" / "versions" / "v1.html").read_text(encoding="utf-8")
    assert '<span class="badge-en">[بالإنجليزية]</span> <span lang="en" dir="ltr">First</span>' \
        in page
    assert "<title>v1 — [بالإنجليزية] First</title>" in page


@pytest.mark.slow
def test_arabic_pages_render_right_to_left_in_chromium(bilingual: Path, tmp_path: Path) -> None:
    from browser import load, screenshot

    for relative in ("index.html", "diffs/v28..v20.html"):
        page = bilingual / "ar" / relative
        dom, errors = load(page)
        assert not errors, errors
        assert 'dir="rtl"' in dom
        shot = tmp_path / (relative.replace("/", "-") + ".png")
        screenshot(page, shot, "1200,1600")
        assert shot.stat().st_size > 10_000  # looked at by eye: see CHANGELOG (issue 19)
    assert _parse(bilingual / "ar" / "index.html").ids


def test_markup_in_translations_shows_as_text_on_every_arabic_page(make_repo,
                                                                   tmp_path: Path) -> None:
    from browser import text_of
    from plandiff.render.site import SiteOptions, build
    from plandiff.repo.repository import Root, inspect_repository
    from plandiff.repo.site_folder import write_site
    from test_site import HOSTILE, _hostile_repo

    root = _hostile_repo(make_repo)
    v1 = root / "plans" / "v1.yaml"
    h = HOSTILE.replace("'", "''")
    v1.write_text(v1.read_text(encoding="utf-8").replace(
        "    cites: [{source: a, quote:",
        f"    translations: {{ar: {{title: 'جيش {h}', text: 'نص {h}'}}}}\n"
        "    cites: [{source: a, quote:"), encoding="utf-8")
    assert "translations" in v1.read_text(encoding="utf-8")
    out = tmp_path / "site"
    plan = inspect_repository(Root(root)).plan
    write_site(build(plan, SiteOptions(languages=("en", "ar"))), out, protect=root)
    pages = list((out / "ar").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        for tag, attrs in _parse(page).tags:
            assert tag not in ("script", "img", "iframe", "object", "embed"), (page, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (page, tag, name)
                assert not (value or "").lower().startswith("javascript:"), (page, tag, value)
    version = text_of((out / "ar" / "versions" / "v1.html").read_text(encoding="utf-8"))
    assert f"جيش {HOSTILE}" in version and f"نص {HOSTILE}" in version
    assert f"Version {HOSTILE}" in version  # the untranslated title, as text, marked


# --- right to left everywhere a reader looks (issue 23, item 3) -------------------------------

PAGES_AT_1200 = ("index.html", "positions.html", "subjects.html", "sources.html",
                 "versions/geneva.html", "diffs/v28..geneva.html", "diffs/v28..v20.html",
                 "terms/ukraine-troop-cap.html", "terms/ukraine-nato-membership.html",
                 "terms/frozen-assets-reconstruction.html", "clauses/territory.html")


@pytest.mark.slow
@pytest.mark.parametrize("relative", PAGES_AT_1200)
def test_nothing_is_cut_off_at_1200_pixels(bilingual: Path, relative: str) -> None:
    """In Chromium, 1200 pixels wide: no grid wider than the page (the Arabic grids were cut off at
    the left edge), no chart label cut at its edge or drawn over a bar or another label (the SVG
    inherited right to left: labels cut to one letter, values over the bars)."""
    from browser import overflowing

    assert overflowing(bilingual / "ar" / relative) == []


def test_charts_lay_themselves_out_left_to_right_and_mirror(bilingual: Path) -> None:
    page = (bilingual / "ar" / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    chart = page[page.index('aria-labelledby="chart-title"'):page.index("</svg>")]
    assert "direction: ltr" in chart
    # labels on the right of the bars, which grow leftwards from x = width - 230 (the width
    # gives the values' labels the room their words take)
    width = re.search(r'viewBox="0 0 (\d+) \d+"', chart)
    assert width is not None
    edge = int(width.group(1)) - 230 + 8
    first_label = re.search(r'<text x="([\d.]+)" y="18" text-anchor="(\w+)"', chart)
    assert first_label is not None and float(first_label.group(1)) == edge
    assert f'<text x="{edge:.1f}" y="18" text-anchor="start">v28</text>' in chart
    assert re.search(r'<text x="[\d.]+" y="18" text-anchor="start" direction="rtl">600,000 جندي'
                     r"</text>", chart)


def test_the_version_strip_runs_right_to_left(bilingual: Path) -> None:
    for lang, first_is_left in (("", True), ("ar/", False)):
        page = (bilingual / f"{lang}terms/ukraine-nato-membership.html").read_text(
            encoding="utf-8")
        strip = page[page.index('aria-labelledby="strip-title"'):]
        xs = {name: int(x) for x, name in re.findall(r'<text x="(\d+)" y="50"[^>]*>([\w-]+)<',
                                                       strip[:strip.index("</svg>")])}
        assert (xs["miami-oct"] < xs["v20"]) is first_is_left, lang


def test_hreflang_links_are_absolute_with_a_base_url_and_name_a_default(
        tmp_path: Path) -> None:
    out = _build(tmp_path / "out", REPO, "--lang", "ar", "--base-url",
                 "https://example.org/plans/")
    for page in (out / "ar" / "terms" / "ukraine-troop-cap.html",
                 out / "terms" / "ukraine-troop-cap.html"):
        links = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">',
                           page.read_text(encoding="utf-8"))
        assert links == [
            ("en", "https://example.org/plans/terms/ukraine-troop-cap.html"),
            ("ar", "https://example.org/plans/ar/terms/ukraine-troop-cap.html"),
            ("x-default", "https://example.org/plans/terms/ukraine-troop-cap.html")]


def test_without_a_base_url_hreflang_stays_relative_with_a_default(bilingual: Path) -> None:
    page = (bilingual / "ar" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', page) == [
        ("en", "../index.html"), ("ar", "index.html"), ("x-default", "../index.html")]


def test_ids_never_break_mid_word_in_arabic_pages(bilingual: Path) -> None:
    page = (bilingual / "ar" / "index.html").read_text(encoding="utf-8")
    assert "html[dir=rtl] code { white-space: nowrap;" in page
    english = (bilingual / "index.html").read_text(encoding="utf-8")
    assert "white-space: nowrap; overflow-wrap: normal" not in english  # English unchanged


def test_arabic_seed_articles_show_their_own_headline(bilingual: Path) -> None:
    """Seeds 002–004 have real Arabic headlines: shown in Arabic; the English page labels the
    English title as a translated description, the Arabic page needs no gloss of an Arabic
    headline. A seed without one (001) shows its title as a description (English) or its
    rendering labelled as a translation (Arabic), never quoted nor tagged Arabic as if it were the
    headline."""
    for lang, label in (("", "Translated description: "), ("ar/", "[ترجمة]</span> ")):
        page = (bilingual / f"{lang}sources.html").read_text(encoding="utf-8")
        start = page.index('id="source-seed-003"')
        seed3 = page[start:page.index("</section>", start)]
        assert ('<span dir="rtl" lang="ar">إدارة ترامب “تعمل سرا مع روسيا لصياغة خطة سلام جديدة'
                " في أوكرانيا”</span>") in seed3
        assert ("Translated description: " in seed3) == (lang == "")
        assert "Trump administration" not in seed3 or lang == ""
        seed1 = page[page.index('id="source-seed-001"'):][:600]
        assert label in seed1
        assert "“Moscow talks" not in seed1 and 'lang="ar">“Moscow' not in seed1
        assert "«محادثات موسكو" not in seed1


def test_english_notes_and_term_types_are_never_left_unmarked(bilingual: Path) -> None:
    """The plan's notes exist in English only: on an Arabic page every one (of a citation, a
    party's position, a claim, a value no longer known) is marked «[بالإنجليزية]» and isolated
    left to right; a term's type is in Arabic (issue 23: English left unmarked)."""
    from plandiff.i18n import Locale

    arabic = Locale.of("ar")
    unmarked = re.compile(r'<span class="meta">\((?!<span class="en-fallback">)[A-Za-z]')
    for page in sorted((bilingual / "ar").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = unmarked.search(text)
        assert found is None, (page, text[found.start():found.start() + 120] if found else "")
    term = (bilingual / "ar" / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    kind = arabic.pgettext("term type", "quantity")
    assert kind != "quantity" and arabic._("type: {type}").format(type=kind) in term
    subjects = (bilingual / "ar" / "subjects.html").read_text(encoding="utf-8")
    assert "<td>choice</td>" not in subjects
    assert f"<td>{arabic.pgettext('term type', 'choice')}</td>" in subjects
    english = (bilingual / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert "type: quantity" in english and "[بالإنجليزية]" not in english


def test_arabic_pages_quote_arabic_headlines_name_issues_and_currencies(bilingual: Path) -> None:
    """Issue 23: an Arabic headline in «» on an Arabic page (was “”), the positions page's issue
    rows in their Arabic rendering (were marked English though positions.yaml has one), and the
    terms table's unit column in words (was «USD»)."""
    sources = (bilingual / "ar" / "sources.html").read_text(encoding="utf-8")
    seed2 = sources[sources.index('id="source-seed-002"'):][:900]
    assert '«<span dir="rtl" lang="ar">واشنطن وموسكو تُسرّعان نحو تسوية كبرى' in seed2
    english = (bilingual / "sources.html").read_text(encoding="utf-8")
    assert '“<span dir="rtl" lang="ar">واشنطن وموسكو' in english  # English quotes as it did
    positions = (bilingual / "ar" / "positions.html").read_text(encoding="utf-8")
    assert '<th scope="row">قيود على قوات الناتو في أوروبا الشرقية<' in positions
    assert "Limits on NATO forces in eastern Europe" not in positions
    subjects = (bilingual / "ar" / "subjects.html").read_text(encoding="utf-8")
    assert "<td>USD</td>" not in subjects and "<td>دولار</td>" in subjects


def test_arabic_stance_cells_never_leave_a_preposition_hanging(bilingual: Path) -> None:
    """A stance cell's verb governs its value («تطالب بانسحاب…»); one without a value names its
    kind («مطلب»), never «تطالب بـ» alone; the sources page names an issue in Arabic."""
    for page in ("positions.html", "terms/donetsk-held-area.html",
                 "terms/ukraine-troop-cap.html"):
        text = (bilingual / "ar" / page).read_text(encoding="utf-8")
        assert 'class="verb">تطالب بـ<' not in text and 'بـ</span>' not in text, page
    grid = (bilingual / "ar" / "positions.html").read_text(encoding="utf-8")
    assert ('<span class="verb">تطالب</span> <strong>بانسحاب القوات الأوكرانية من بقية منطقة'
            ' دونيتسك</strong>') in grid
    sources = (bilingual / "ar" / "sources.html").read_text(encoding="utf-8")
    assert "· قيود على قوات الناتو في أوروبا الشرقية<" in sources
    assert "Limits on NATO forces" not in sources


# --- ids, outlets and issues in Arabic words (issue 23, item 3: the site read by an editor) -----


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from freeze_corpus import FROZEN

    return _build(tmp_path_factory.mktemp("frozen") / "out", FROZEN, "--lang", "ar")


@pytest.fixture(scope="module")
def frozen_as_of(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from freeze_corpus import FROZEN

    return _build(tmp_path_factory.mktemp("as-of") / "out", FROZEN, "--lang", "ar",
                  "--as-of", "2025-12-01")


def test_source_links_are_isolated_and_never_break_on_arabic_pages(frozen: Path) -> None:
    """A source id is a link: kept whole (`seed-` / `001` broke over two lines of the positions
    page, in both languages) and, on an Arabic page, isolated left to right."""
    page = (frozen / "ar" / "positions.html").read_text(encoding="utf-8")
    # (its tooltip names the outlet in Arabic: an unknown one says so, not `unknown`)
    assert ('<a href="sources.html#source-seed-001" title="وسيلة الإعلام غير معروفة" class="id"'
            ' dir="ltr">seed-001</a>') in page
    assert "code, .id { white-space: nowrap; }" in page
    english = (frozen / "positions.html").read_text(encoding="utf-8")
    assert '<a href="sources.html#source-seed-001" title="unknown" class="id">seed-001</a>' \
        in english


def test_ids_inside_arabic_words_are_isolated(frozen: Path) -> None:
    """An id inside an Arabic phrase shared with the terminal is isolated («<bdi>», glossary):
    «(armed-forces-cap، مذكور)» read in a scrambled order; the same in a history's state
    column, a version page's badge and its topic."""
    positions = (frozen / "ar" / "positions.html").read_text(encoding="utf-8")
    assert '800,000 جندي (البند <bdi class="id">armed-forces-cap</bdi>، مذكور)' in positions
    assert '<th scope="col">أحدث مسودة (<bdi class="id">v20</bdi>)</th>' in positions
    term = (frozen / "ar" / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    # a term's value is feminine («القيمة»): «غير مذكورة (موروثة من النسخة …)»
    assert ('<td class="unreported">غير مذكورة (موروثة من النسخة <bdi class="id">geneva</bdi>)'
            '</td>') in term
    version = (frozen / "ar" / "versions" / "geneva.html").read_text(encoding="utf-8")
    assert ('<span class="state unreported">غير مذكور: الرقم والنص كما وردا آخر مرة في النسخة'
            ' <bdi class="id">v28</bdi></span>') in version
    assert 'الموضوع: <bdi class="id">security</bdi>' in version
    english = (frozen / "positions.html").read_text(encoding="utf-8")
    assert "800,000 personnel (armed-forces-cap, reported)" in english
    assert "<bdi" not in english


def test_the_as_of_header_names_a_source_without_outlet_by_its_id(frozen_as_of: Path) -> None:
    """An unknown outlet is not quoted as if it were one («في «seed-001»»): the source is named
    by its id, as an id; the versions not yet reported are isolated too."""
    page = (frozen_as_of / "ar" / "index.html").read_text(encoding="utf-8")
    header = page[page.index('<aside class="as-of">'):page.index("</aside>")]
    assert "«seed-001»" not in header
    assert 'في المصدر <bdi class="id">seed-001</bdi>)' in header
    assert 'النسخ <bdi class="id">berlin</bdi> (ورد أول مرة بتاريخ' in header
    english = (frozen_as_of / "index.html").read_text(encoding="utf-8")
    assert "moscow (first reported 3 Dec 2025 by seed-001)" in english


def test_the_positions_page_names_issues_in_arabic(frozen: Path) -> None:
    """An issue (a position on no term) has an Arabic rendering: its row says it, not the English
    marked; an issue without one is marked and isolated left to right."""
    page = (frozen / "ar" / "positions.html").read_text(encoding="utf-8")
    assert '<th scope="row">قيود على قوات الناتو في أوروبا الشرقية</th>' in page
    assert "[بالإنجليزية] Limits on NATO forces" not in page
    sources = (frozen / "ar" / "sources.html").read_text(encoding="utf-8")
    assert "روسيا · قيود على قوات الناتو في أوروبا الشرقية</a>" in sources
    assert 'روسيا · <bdi class="id">ukraine-troop-cap</bdi></a>' in sources


def test_the_change_report_isolates_the_ids_and_files_its_words_name(frozen: Path,
                                                                     run) -> None:
    """A ranking reason's «ملف positions.yaml، 23 نوفمبر 2025» read «23 positions.yaml» on the
    site's and the HTML report's Arabic pages: each id and file named bare is isolated there;
    English pages unchanged."""
    fragment = 'الحلف؛ ملف <bdi class="id">positions.yaml</bdi>، 23 نوفمبر 2025)'
    site = (frozen / "ar" / "diffs" / "v28..geneva.html").read_text(encoding="utf-8")
    assert fragment in site
    assert "html[dir=rtl] bdi.id { white-space: nowrap; }" in site
    result = run("report", "v28", "geneva", "--format", "html", "--lang", "ar")
    assert fragment in result.stdout
    english = run("report", "v28", "geneva", "--format", "html").stdout
    assert "<bdi" not in english and "positions.yaml, 2025-11-23)" in english


def test_arabic_quotations_take_the_arabic_press_marks(frozen: Path) -> None:
    """plandiff's own marks around an Arabic quotation on an Arabic page are «», as the seeds
    print them; an English quote keeps “…” inside its left-to-right span; English pages keep
    “…” around Arabic."""
    page = (frozen / "ar" / "sources.html").read_text(encoding="utf-8")
    assert '«<span dir="rtl" lang="ar">1- وقف الحرب الروسية الأوكرانية.</span>»' in page
    english = (frozen / "sources.html").read_text(encoding="utf-8")
    assert '“<span dir="rtl" lang="ar">1- وقف الحرب الروسية الأوكرانية.</span>”' in english


_ISOLATING = ("code", "bdi", "svg", "style", "title", "script", "textarea")
# Latin words an Arabic page may print bare: the tool's name, formats, the language switch.
_BARE_LATIN = {"plandiff", "JSON", "Atom", "iframe", "English"}


def _bare_latin(text: str) -> list[str]:
    """Latin words on a page outside anything that isolates them (code, bdi, an element with
    dir="ltr", a link's address)."""
    from html.parser import HTMLParser

    void = {"br", "img", "meta", "link", "input", "hr", "wbr", "rect", "circle", "path", "line"}

    class Bare(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[tuple[str, dict[str, str | None]]] = []
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in void:
                self.stack.append((tag, dict(attrs)))

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            pass  # <rect/>: nothing inside

        def handle_endtag(self, tag: str) -> None:
            while self.stack and self.stack.pop()[0] != tag:
                pass

        def handle_data(self, data: str) -> None:
            if any(t in _ISOLATING or a.get("dir") == "ltr" for t, a in self.stack):
                return
            if self.stack and self.stack[-1][0] == "a" and data.startswith("http"):
                return
            self.found += [w for w in re.findall(r"[A-Za-z][\w.-]*", data)
                           if w not in _BARE_LATIN]

    parser = Bare()
    parser.feed(text)
    return parser.found


def test_no_latin_word_is_left_bare_on_arabic_site_pages(frozen: Path) -> None:
    """Every id, code, outlet and English word on an Arabic page is isolated, a version's
    parties are named («الولايات المتحدة، روسيا», were «US, RU») and a removed clause's title is
    its Arabic rendering (was its English, unmarked), change reports included."""
    index = (frozen / "ar" / "index.html").read_text(encoding="utf-8")
    assert "<td>الولايات المتحدة، روسيا</td>" in index
    report = (frozen / "ar" / "diffs" / "v28..e3.html").read_text(encoding="utf-8")
    assert ("حُذف: البند <code>no-further-expansion</code> «لا غزو للجيران ولا توسع إضافياً"
            " لحلف الناتو»") in report
    for page in sorted((frozen / "ar").rglob("*.html")):
        found = _bare_latin(page.read_text(encoding="utf-8"))
        assert found == [], (page.relative_to(frozen), found[:12])


EVERY_KIND = ("index.html", "positions.html", "sources.html", "subjects.html",
              "versions/geneva.html", "diffs/v28..geneva.html", "terms/ukraine-troop-cap.html",
              "terms/ukraine-nato-membership.html", "clauses/territory.html",
              "cards/ukraine-troop-cap.html")


@pytest.mark.slow
@pytest.mark.parametrize("width", [1200, 390])
@pytest.mark.parametrize("relative", EVERY_KIND)
@pytest.mark.parametrize("lang", ["ar/", ""])
def test_every_kind_of_page_reads_whole_on_a_desktop_and_a_phone(
        frozen: Path, lang: str, relative: str, width: int) -> None:
    """In Chromium, 1200 and 390 pixels wide: no id broken over two lines (the positions page's
    `seed-` / `001`, a table's `gene` / `va`), the page no wider than the window (the report's
    tables, the embed box), no caption cut at the window's edge, no word of the menu broken
    («المصا» / «در», `Tim` / `elin` / `e`). The English site had the same faults on a phone."""
    from browser import layout_faults

    assert layout_faults(frozen / lang / relative, width) == []


def test_the_arabic_feed_titles_open_with_an_arabic_word(frozen: Path) -> None:
    """A feed reader lays an entry's title out by its first strong letter: «v20 — إطار…» read
    left to right; «النسخة v20 — …» reads right to left. English unchanged."""
    feed = (frozen / "ar" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>النسخة v20 — إطار النقاط الـ20</title>" in feed
    assert "<title>v20 —" not in feed
    english = (frozen / "feed.xml").read_text(encoding="utf-8")
    assert "<title>v20 — " in english


def test_a_term_page_gives_the_terms_description_in_arabic(bilingual: Path) -> None:
    """Was «[بالإنجليزية] The maximum size of…»: a term's description has its Arabic rendering
    (`translations.ar.description`), shown unmarked; the English page keeps the English."""
    arabic = (bilingual / "ar" / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert "الحد الأقصى لعديد القوات المسلحة الأوكرانية" in arabic
    assert "The maximum size of" not in arabic
    english = (bilingual / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert "The maximum size of Ukraine" in english


def test_a_sources_heading_and_counts_read_in_arabic(frozen: Path) -> None:
    """«يستشهد به (6):» had no subject, «وسيلة الإعلام غير معروفة seed-000» opened a heading with
    a phrase, «وتُورَث 22 أخرى… وتوسم غير مذكورة» broke agreement."""
    sources = (frozen / "ar" / "sources.html").read_text(encoding="utf-8")
    assert "<h2>المصدر <code>seed-000</code> (وسيلة الإعلام غير معروفة)</h2>" in sources
    assert re.search(r"<p>البنود التي تستشهد به \(\d+\):</p>", sources)
    assert "<p>يستشهد به" not in sources
    geneva = (frozen / "ar" / "versions" / "geneva.html").read_text(encoding="utf-8")
    assert re.search(r"وترث \d+ بندًا آخر من نسخ سابقة تُوسم بأنها <em>غير مذكورة</em>\.", geneva)
    assert "وتُورَث" not in geneva
