"""`plandiff site`: every internal link resolves, hostile text stays text, OUT is replaced whole,
and the pages render in a real browser without a console message."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import load, screenshot, text_of
from conftest import LINEAGE_PLANS, REPO
from plandiff.repo.repository import find_root, load_plan

CORPUS_VERSIONS = ("miami-oct", "v28", "e3", "geneva", "florida", "moscow", "berlin", "miami-dec",
                   "v20")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def _read(path: Path) -> str:
    """A page's text as a reader sees it (text_of joins the pieces of inline markup with spaces)."""
    return re.sub(r"\( | (?=[,.;)])", lambda m: m.group().strip(),
                  text_of(path.read_text(encoding="utf-8")))


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _walk(site: Path) -> tuple[list[str], set[Path]]:
    """Broken internal links, and the pages reachable from index.html."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "data"):
                continue
            if parts.scheme or parts.netloc or link.startswith("/"):
                broken.append(f"{page.relative_to(site)}: {link} is not relative")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target not in pages and not target.is_file():  # the feed, the JSON
                broken.append(f"{page.relative_to(site)}: {link} (no such page)")
            elif (target in pages and parts.fragment
                  and unquote(parts.fragment) not in pages[target].ids):
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    reachable, todo = set(), [(site / "index.html").resolve()]
    while todo:
        page = todo.pop()
        if page in reachable or page not in pages:
            continue
        reachable.add(page)
        for link in pages[page].links:
            parts = urlsplit(link)
            if not parts.scheme and parts.path:
                todo.append((page.parent / unquote(parts.path)).resolve())
    return broken, reachable


def _site(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    from typer.testing import CliRunner

    from plandiff.cli.app import app

    out = tmp_path_factory.mktemp("site") / "out"
    result = CliRunner().invoke(app, ["site", str(out), "--root", str(root)],
                                catch_exceptions=False, env={"PLANDIFF_ROOT": "", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The site of the corpus, and of the corpus with a new version added."""
    return _site(tmp_path_factory, corpus)


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped corpus only, for the (slow) browser tests."""
    return _site(tmp_path_factory, REPO)


def test_corpus_site_has_every_page_and_every_internal_link_resolves(corpus_site: Path,
                                                                     corpus: Path) -> None:
    site = corpus_site
    plan = load_plan(find_root(corpus)).plan
    for version in (*CORPUS_VERSIONS, *plan.versions):
        assert (site / "versions" / f"{version}.html").is_file()
    edges = {p.name for p in (site / "diffs").iterdir()}
    lineage = {f"{v.parent}..{v.id}.html" for v in plan.versions.values() if v.parent}
    full = {v.id for v in plan.versions.values() if v.coverage.value == "full"}
    assert {"v28..geneva.html", "geneva..florida.html", "miami-dec..v20.html",
            "v28..v20.html"} <= edges  # lineage edges, and the two full texts
    assert lineage <= edges  # one page per lineage edge; the others compare two full texts
    assert all(set(e.removesuffix(".html").split("..")) <= full for e in edges - lineage)
    for page in ("index.html", "sources.html", "subjects.html",
                 "terms/ukraine-troop-cap.html", "clauses/armed-forces-cap.html"):
        assert (site / page).is_file(), page
    broken, reachable = _walk(site)
    assert not broken, broken[:20]
    assert reachable == {p.resolve() for p in site.rglob("*.html")}  # nothing orphaned


def test_index_shows_the_timeline_and_the_positions_grid(corpus_site: Path) -> None:
    index = (corpus_site / "index.html").read_text(encoding="utf-8")
    text = _read(corpus_site / "index.html")
    assert text.index("miami-oct") < text.index("v28") < text.index("v20")
    assert "Principal positions" in text and "Cap on Ukraine's armed forces" in text
    assert "800,000 personnel" in text
    assert "unreported" in text and "clause removed" in text
    assert '<th scope="col">' in index and '<th scope="row">' in index
    assert '<html lang="en">' in index


def test_version_page_lists_resolved_clauses_with_lineage_and_rtl_quotes(
        corpus_site: Path) -> None:
    page = (corpus_site / "versions" / "geneva.html").read_text(encoding="utf-8")
    text = _read(corpus_site / "versions" / "geneva.html")
    assert "Parent: v28" in text and "Children: florida" in text
    assert "unreported: number and text as last reported in v28" in text
    assert '<span dir="rtl" lang="ar">' in page
    assert 'id="clause-amnesty"' in page  # removed in geneva, with the report of its removal


def test_term_page_charts_every_claim_as_svg(corpus_site: Path) -> None:
    page = (corpus_site / "terms" / "ukraine-troop-cap.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page
    assert "600,000 personnel" in page and "800,000 personnel" in page


def test_sources_page_says_which_clauses_cite_each_source(corpus_site: Path) -> None:
    page = (corpus_site / "sources.html").read_text(encoding="utf-8")
    assert 'id="source-seed-001"' in page
    assert 'href="versions/geneva.html#clause-armed-forces-cap"' in page
    assert "reliability: low" in page


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & [x](javascript:alert(3))'


def _hostile_repo(make_repo) -> Path:
    h = HOSTILE.replace("'", "''")
    files = {
        "plans/terms.yaml": f"""
            cap:
              label: 'Cap {h}'
              type: quantity
              unit: personnel
            nato:
              label: NATO path
              type: choice
              choices:
                barred: 'Barred {h}'
                consensus: Up to consensus
            """,
        "plans/sources.yaml": f"""
            a:
              outlet: 'Outlet {h}'
              title: 'Title {h}'
              url: 'https://example.org/a?q="><script>alert(4)</script>'
              note: 'Note {h}'
            b:
              outlet: Outlet B
              url: 'javascript:alert(5)'
            """,
        "plans/v1.yaml": f"""
            id: v1
            title: 'Version {h}'
            date: 2025-01-01
            coverage: full
            status: leaked
            summary: 'Summary {h}'
            clauses:
              - id: army
                number: '1 {h}'
                title: 'Army {h}'
                topic: 'topic {h}'
                text: 'Text {h}'
                terms: {{cap: 600000, nato: barred}}
                cites: [{{source: a, quote: 'Quote {h}', note: 'cite note {h}'}}]
            """,
        "plans/v2.yaml": f"""
            id: v2
            title: Second
            date: 2025-02-01
            parent: v1
            coverage: full
            status: proposed
            clauses:
              - id: army
                number: 1
                text: 'Changed {h}'
                terms:
                  cap:
                    disputed:
                      - value: 800000
                        cites: [{{source: a}}]
                      - value: null
                        note: 'Claim note {h}'
                        cites: [{{source: b, quote: 'B quote {h}'}}]
                cites: [{{source: a}}]
            """,
    }
    return make_repo(files)


def test_markup_in_plan_texts_shows_as_text_on_every_page(run, make_repo,
                                                          tmp_path: Path) -> None:
    from plandiff.render.site import SiteOptions, build
    from plandiff.repo.repository import Root, inspect_repository
    from plandiff.repo.site_folder import write_site

    root = _hostile_repo(make_repo)
    # `check` refuses both URLs (so `site` does too); the pages must hold against them anyway.
    checked = run("check", root=root)
    assert checked.exit_code == 1 and checked.stdout.count("[bad-url]") == 2, checked.stdout
    out = tmp_path / "site"
    write_site(build(inspect_repository(Root(root)).plan, SiteOptions()), out, protect=root)
    pages = list(out.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        parsed = _parse(page)
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "img", "iframe", "object", "embed"), (page, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (page, tag, name)
                assert not (value or "").lower().startswith("javascript:"), (page, tag, value)
    version = text_of((out / "versions" / "v1.html").read_text(encoding="utf-8"))
    for label in ("Version", "Summary", "Army", "Text", "Outlet", "Quote", "Cap", "Barred"):
        assert f"{label} {HOSTILE}" in version, label
    sources = (out / "sources.html").read_text(encoding="utf-8")
    assert f"Title {HOSTILE}" in text_of(sources) and f"Note {HOSTILE}" in text_of(sources)
    assert "javascript:alert(5)" in text_of(sources)  # shown, never linked
    diff = text_of((out / "diffs" / "v1..v2.html").read_text(encoding="utf-8"))
    assert "<script>alert(1)</script>" in diff and "onerror=alert(2)" in diff
    index = text_of((out / "index.html").read_text(encoding="utf-8"))
    assert f"Version {HOSTILE}" in index and f"Cap {HOSTILE}" in index


def test_pure_builder_makes_a_page_per_version_edge_term_and_clause(make_repo) -> None:
    from plandiff import api
    from plandiff.render.site import build

    pages = build(api.load(make_repo(LINEAGE_PLANS)).plan)
    assert {"index.html", "sources.html", "subjects.html", "versions/v1.html",
            "versions/v2.html", "diffs/v1..v2.html", "terms/cap.html", "terms/nato.html",
            "clauses/nato.html", "clauses/nato-old.html", "clauses/new-one.html"} <= set(pages)
    # the grid is chosen from the data: the lineage repository gets its own terms
    assert "Troop cap" in text_of(pages["index.html"])


def test_base_url_gives_canonical_links_and_the_csp_still_forbids_loading(run, make_repo,
                                                                          tmp_path: Path) -> None:
    root = make_repo(LINEAGE_PLANS)
    out = tmp_path / "site"
    assert run("site", str(out), "--base-url", "https://news.example/tracker/",
               root=root).exit_code == 0
    page = (out / "versions" / "v2.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://news.example/tracker/versions/v2.html">' in page
    assert "default-src 'none'" in page
    bad = run("site", str(tmp_path / "other"), "--base-url", "javascript:alert(1)", root=root)
    assert bad.exit_code == 2 and "--base-url" in bad.output
    assert not (tmp_path / "other").exists()


def test_output_folder_is_replaced_whole_and_foreign_folders_are_refused(
        run, make_repo, tmp_path: Path) -> None:
    root = make_repo(LINEAGE_PLANS)
    out = tmp_path / "site"
    assert run("site", str(out), root=root).exit_code == 0
    (root / "plans" / "v2.yaml").unlink()  # a version that the next site no longer has a page of
    assert run("site", str(out), root=root).exit_code == 0  # our own site: replaced whole
    assert not (out / "versions" / "v2.html").exists() and (out / "index.html").is_file()
    (out / "CNAME").write_text("news.example", encoding="utf-8")  # a file plandiff did not write
    added = run("site", str(out), root=root)
    assert added.exit_code == 2 and "--force" in added.output
    assert (out / "CNAME").is_file()

    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    refused = run("site", str(foreign), root=root)
    assert refused.exit_code == 2 and "--force" in refused.output
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
    inside = run("site", str(foreign), "--force", root=root)  # the repository's own docs/
    assert inside.exit_code == 2 and "outside the repository" in inside.stderr
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"
    outside = tmp_path.parent / f"{tmp_path.name}-www"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    assert run("site", str(outside), "--force", root=root).exit_code == 0
    assert not (outside / "keep.txt").exists() and (outside / "index.html").is_file()

    guarded = run("site", str(root / "plans"), "--force", root=root)
    assert guarded.exit_code == 2 and (root / "plans" / "v1.yaml").is_file()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert not leftovers, leftovers


def test_a_failed_build_leaves_the_existing_site_untouched(run, make_repo,
                                                           tmp_path: Path) -> None:
    root = make_repo(LINEAGE_PLANS)
    out = tmp_path / "site"
    assert run("site", str(out), root=root).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "plans" / "v2.yaml").write_text("id: v2\ntitle: [broken\n", encoding="utf-8")
    result = run("site", str(out), root=root)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_error_while_writing_restores_nothing_half_written(monkeypatch, tmp_path: Path) -> None:
    from plandiff.core.problems import PlandiffError
    from plandiff.repo.site_folder import MARKER, write_site

    out = tmp_path / "site"
    write_site({"index.html": "old", MARKER: ""}, out)
    real = Path.write_text

    def failing(self: Path, text: str, *args, **kwargs) -> int:
        if self.name == "b.html":
            raise OSError(28, "No space left on device")
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(PlandiffError, match="No space left"):
        write_site({"index.html": "new", "a.html": "a", "b.html": "b", MARKER: ""}, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# --- in a real browser ------------------------------------------------------------------------


def _shots() -> Path | None:
    folder = os.environ.get("PLANDIFF_SCREENSHOTS")
    return Path(folder) if folder else None


@pytest.mark.slow
def test_index_and_a_diff_page_render_in_chromium_without_console_messages(
        shipped_site: Path, tmp_path: Path) -> None:
    dom, console = load(shipped_site / "index.html")
    text = text_of(dom)
    assert "The plan, version by version" in text and "Principal positions" in text
    assert "Barred: enshrined in Ukraine's constitution and NATO's statutes" in text
    assert not console, console

    dom, console = load(shipped_site / "diffs" / "v28..geneva.html")
    text = text_of(dom)
    assert "Change report: v28 → geneva" in text
    assert "600,000 → reportedly 800,000 personnel" in text  # ki1 relays the FT: hedged
    assert "يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي" in text
    assert not console, console

    shots = _shots() or tmp_path
    screenshot(shipped_site / "index.html", shots / "site-index.png", size="1400,2400")
    screenshot(shipped_site / "diffs" / "v28..geneva.html", shots / "site-diff.png")
    assert (shots / "site-index.png").stat().st_size > 10_000


@pytest.mark.slow
def test_console_check_does_see_a_blocked_resource(shipped_site: Path, tmp_path: Path) -> None:
    """The control for the test above: the same CSP blocking an outside image is reported."""
    page = tmp_path / "blocked.html"
    index = (shipped_site / "index.html").read_text(encoding="utf-8")
    page.write_text(index.replace("<main", '<img src="https://example.org/x.png" alt=""><main', 1),
                    encoding="utf-8")
    _, console = load(page)
    assert any("Content Security Policy" in line for line in console), console


def test_the_grid_shows_the_positions_that_moved_most_in_any_repository(corpus: Path) -> None:
    from plandiff.render.site import build

    plan = load_plan(find_root(corpus)).plan
    index = build(plan)["index.html"]
    grid = index[index.index('class="grid"'):]
    grid = grid[:grid.index("</table>")]
    assert "Cap on Ukraine" in grid  # moved in most versions: 600,000, 800,000, disputed...
    assert "Full amnesty" not in grid  # set once and dropped: on its own page only


def test_a_planted_marker_replaces_no_folder_of_the_repository(run, make_repo) -> None:
    # issue 24, item 24: a `.plandiff-site` file planted in docs/ (by a pull request, say) let
    # `plandiff site docs` replace the docs without --force.
    from plandiff.repo.site_folder import MARKER

    root = make_repo(LINEAGE_PLANS)
    docs = root / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Our guide\n", encoding="utf-8")
    (docs / MARKER).write_text("Written by plandiff 0.1.0 (`plandiff site`); safe to replace.\n",
                               encoding="utf-8")
    result = run("site", str(docs), root=root)
    assert result.exit_code == 2 and "--force" in result.output
    assert (docs / "guide.md").read_text(encoding="utf-8") == "# Our guide\n"


@pytest.mark.parametrize("inside", ["plans/sub", "seeds/sub", "seeds/sub/deeper"])
def test_site_never_writes_into_plans_or_seeds(run, make_repo, inside: str) -> None:
    root = make_repo(LINEAGE_PLANS)
    (root / "seeds").mkdir(exist_ok=True)
    result = run("site", str(root / inside), "--force", root=root)
    assert result.exit_code == 2 and "refusing to write among the plan repository's files" in \
        result.stderr
    assert not (root / inside).exists()
