"""Every view in English and in Arabic, byte for byte (issue 23): the safety net under the views.

Each output (diff, report, history, show, log, positions, review, a site page) is pinned in both
languages on the shipped corpus as frozen for the tests (tests/fixtures/corpus/, refreshed on
purpose by `python tests/freeze_corpus.py`, so a new version in plans/ moves none), so a change
to how a view is built that changes a byte of either language shows up here. Regenerate with
`pytest tests/test_views.py --update-goldens` and review the diff like code (an Arabic wording
change is expected to show up here too).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from freeze_corpus import FROZEN
from plandiff.cli.app import app

GOLDENS = REPO / "tests" / "views"
LANGS = ("en", "ar")

# name -> (arguments, extension of the golden)
COMMANDS: dict[str, tuple[list[str], str]] = {
    "diff": (["diff", "v28", "geneva"], "txt"),
    "diff-all": (["diff", "v28", "v20", "--all"], "txt"),
    "diff-markdown": (["diff", "v28", "geneva", "--format", "markdown"], "md"),
    "diff-json": (["diff", "v28", "geneva", "--format", "json"], "json"),
    "report": (["report", "v28", "geneva"], "md"),
    "report-html": (["report", "v28", "geneva", "--format", "html"], "html"),
    "history-term": (["history", "ukraine-troop-cap"], "txt"),
    "history-term-markdown": (["history", "ukraine-troop-cap", "--format", "markdown"], "md"),
    "history-term-json": (["history", "ukraine-troop-cap", "--format", "json"], "json"),
    "history-clause": (["history", "territory"], "txt"),
    "history-clause-markdown": (["history", "territory", "--format", "markdown"], "md"),
    "show": (["show", "geneva"], "txt"),
    "show-markdown": (["show", "geneva", "--format", "markdown"], "md"),
    "show-json": (["show", "geneva", "--format", "json"], "json"),
    "log": (["log"], "txt"),
    "log-markdown": (["log", "--format", "markdown"], "md"),
    "positions": (["positions"], "txt"),
    "positions-history": (["positions", "--history"], "txt"),
    "positions-markdown": (["positions", "--format", "markdown"], "md"),
    "positions-json": (["positions", "--format", "json"], "json"),
}
# Arabic-Indic digits, on the views that print the most numbers.
DIGITS = ("diff", "report", "history-term", "positions")
SITE_PAGES = ("index.html", "versions/geneva.html", "diffs/v28..geneva.html",
              "terms/ukraine-troop-cap.html", "clauses/territory.html", "positions.html",
              "sources.html", "subjects.html", "cards/ukraine-troop-cap.html", "feed.xml")
# A site as known on a date, its Arabic twin in Arabic-Indic digits: the as-of header, the digits
# of every page piece (dates, counts, values) and what a later version takes away.
SITE_AS_OF = "2025-12-01"
SITE_AS_OF_PAGES = ("index.html", "versions/geneva.html", "terms/ukraine-troop-cap.html",
                    "clauses/territory.html", "positions.html", "sources.html",
                    "cards/ukraine-troop-cap.html", "feed.xml")


def _invoke(args: list[str], root: Path) -> str:
    result = CliRunner().invoke(app, [*args, "--root", str(root)], catch_exceptions=False,
                                env={"PLANDIFF_ROOT": "", "NO_COLOR": "1", "COLUMNS": "100",
                                     "PLANDIFF_LANG": "", "PLANDIFF_DIGITS": ""})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _check(name: str, output: str, update: bool) -> None:
    golden = GOLDENS / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run pytest with --update-goldens"
    assert output == golden.read_text(encoding="utf-8"), f"{name} changed"


def _runs() -> list[tuple[str, list[str]]]:
    found = []
    for name, (args, ext) in COMMANDS.items():
        for lang in LANGS:
            found.append((f"{name}.{lang}.{ext}", [*args, "--lang", lang]))
        if name in DIGITS:
            found.append((f"{name}.ar-arab.{ext}", [*args, "--lang", "ar", "--digits", "arab"]))
    return found


@pytest.mark.parametrize(("name", "args"), _runs(), ids=[n for n, _ in _runs()])
def test_view(name: str, args: list[str], update_goldens: bool) -> None:
    _check(name, _invoke(args, FROZEN), update_goldens)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus under git with one commit that moves a term and drops a citation."""
    root = tmp_path_factory.mktemp("review")
    shutil.copytree(FROZEN / "plans", root / "plans")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    version = root / "plans" / "geneva.yaml"
    text = version.read_text(encoding="utf-8")
    assert "800000" in text
    version.write_text(text.replace("800000", "850000", 1), encoding="utf-8")
    _git(root, "commit", "-q", "-am", "change")
    return root


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("fmt", "ext"), [("terminal", "txt"), ("markdown", "md")])
def test_review(reviewed: Path, lang: str, fmt: str, ext: str, update_goldens: bool) -> None:
    output = _invoke(["review", "HEAD~1", "HEAD", "--format", fmt, "--lang", lang], reviewed)
    _check(f"review-{fmt}.{lang}.{ext}", output.replace(str(reviewed), "{root}"), update_goldens)


def _site(out: Path, *args: str) -> Path:
    result = CliRunner().invoke(app, ["site", str(out), "--root", str(FROZEN), *args],
                                catch_exceptions=False,
                                env={"PLANDIFF_ROOT": "", "NO_COLOR": "1", "PLANDIFF_LANG": "",
                                     "PLANDIFF_DIGITS": ""})
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("site") / "out", "--lang", "ar")


@pytest.fixture(scope="module")
def site_as_of(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("site-as-of") / "out", "--lang", "ar", "--digits", "arab",
                 "--as-of", SITE_AS_OF)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", SITE_PAGES)
def test_site_page(site: Path, page: str, lang: str, update_goldens: bool) -> None:
    path = site / page if lang == "en" else site / "ar" / page
    _check(f"site/{lang}/{page.replace('/', '--')}", path.read_text(encoding="utf-8"),
           update_goldens)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", SITE_AS_OF_PAGES)
def test_site_page_as_of(site_as_of: Path, page: str, lang: str, update_goldens: bool) -> None:
    path = site_as_of / page if lang == "en" else site_as_of / "ar" / page
    name = "en" if lang == "en" else "ar-arab"
    _check(f"site-as-of/{name}/{page.replace('/', '--')}", path.read_text(encoding="utf-8"),
           update_goldens)


def test_no_import_circle_inside_render() -> None:
    """render/ imports form no circle (a view's helpers sit below the views that share them)."""
    import grimp

    # As import-linter counts them (pyproject): an import for type checking only is no circle.
    graph = grimp.build_graph("plandiff", cache_dir=None, exclude_type_checking_imports=True)
    render = {m for m in graph.modules if m.startswith("plandiff.render.")}
    edges = {m: graph.find_modules_directly_imported_by(m) & render for m in render}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import circle: {' -> '.join((*path, module))}"
        if module in done:
            return
        for imported in sorted(edges[module]):
            visit(imported, (*path, module))
        done.add(module)

    for module in sorted(render):
        visit(module, ())


def test_one_result_renders_the_same_whatever_ran_before() -> None:
    """A view's language is its Locale, not something a render before it left behind."""
    from plandiff import api
    from plandiff.core.positions import positions_table
    from plandiff.i18n import Locale
    from plandiff.render import formats

    loaded = api.load(REPO)
    result = api.diff(loaded, "v28", "geneva")
    table = positions_table(loaded.plan, None)
    arabic = Locale.of("ar").with_plan(loaded.plan)
    others = (Locale.of("en"), Locale.of("ar", "arab").with_plan(loaded.plan), Locale.of("ar"))

    def every_view(loc: Locale) -> list[str]:
        return [formats.text("diff", name, result, loc=loc) for name in formats.formats("diff")
                ] + [formats.text("positions", name, table, loc=loc)
                     for name in formats.formats("positions")]

    first = every_view(arabic)
    for other in others:
        every_view(other)
    assert every_view(arabic) == first
    assert first[0].startswith("من النسخة v28 إلى النسخة geneva")


def test_a_site_page_renders_the_same_whatever_ran_before() -> None:
    """A site page's language is its Locale: one page rendered twice in Arabic, with English,
    Arabic-Indic and other views rendered between, gives the same bytes, those the site holds."""
    from plandiff import api
    from plandiff.i18n import ENGLISH, Locale
    from plandiff.render import formats
    from plandiff.render.site import SiteOptions, build, build_page

    plan = api.load(FROZEN).plan
    options = SiteOptions(languages=("en", "ar"))
    arabic = Locale.of("ar")
    first = {page: build_page(plan, page, arabic, options) for page in SITE_PAGES}
    for page in SITE_PAGES:
        build_page(plan, page, ENGLISH, options)
        build_page(plan, page, Locale.of("ar", "arab"), options)
    formats.text("diff", "terminal", api.diff(api.load(FROZEN), "v28", "geneva"), loc=ENGLISH)
    build(plan, SiteOptions(languages=("en", "ar"), digits="arab"))
    for page in SITE_PAGES:
        again = build_page(plan, page, arabic, options)
        assert again == first[page], page
        golden = GOLDENS / "site" / "ar" / page.replace("/", "--")
        assert again == golden.read_text(encoding="utf-8"), page
    assert all('<html lang="ar" dir="rtl">' in text for text in first.values() if "<html" in text)


def test_the_as_of_header_speaks_the_views_language() -> None:
    """"As known on DATE" opens a view in the view's language (it printed the language a command
    had set before, English from the Python API)."""
    import plandiff
    from plandiff.i18n import Locale

    known = "As known on {date}: only sources published on or before that day count."
    opening = Locale.of("ar")._(known).partition("{date}")[0]
    assert opening and opening != known.partition("{date}")[0]
    repo = plandiff.open_plan(FROZEN).as_of("2025-12-01")
    for fmt, options in (("terminal", {}), ("markdown", {}), ("markdown", {"report": True})):
        shown = plandiff.render_result(repo.diff("v28", "geneva"), fmt, lang="ar", **options)
        assert opening in shown and "As known on" not in shown, (fmt, options)
        english = plandiff.render_result(repo.diff("v28", "geneva"), fmt, **options)
        assert "As known on 1 Dec 2025" in english and opening not in english


def test_every_view_is_one_function_of_its_locale() -> None:
    """No Arabic twin of a view (`*_translated`) in render/, and no language kept in module
    state (issue 23): the views read their Locale, never a language set before them."""
    import re

    import plandiff.i18n

    render = REPO / "src" / "plandiff" / "render"
    twins = [f"{path.name}: {name}" for path in sorted(render.glob("*.py"))
             for name in re.findall(r"^\s*def (\w*_translated)\b",
                                    path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert not twins, twins
    assert not [path.name for path in render.glob("*translated*.py")]
    assert not (REPO / "src" / "plandiff" / "i18n" / "content.py").exists()
    for name in ("activate", "deactivate", "speaking", "current", "use_plan", "use_terms",
                 "english", "language", "_state"):
        assert not hasattr(plandiff.i18n, name), name
    uses = [f"{path.relative_to(REPO)}:{number}"
            for path in sorted((REPO / "src" / "plandiff").rglob("*.py"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\bi18n\.(?!ENGLISH\b|Locale\b|LANGUAGES\b|RTL\b)\w+\(", line)]
    assert not uses, uses


def test_render_result_speaks_every_view_as_the_command_line(reviewed: Path) -> None:
    """plandiff.render_result renders every kind of result the command line renders, in the
    language asked for, byte for byte as the command prints it."""
    import plandiff
    from plandiff.repo.review import review

    repo = plandiff.open_plan(REPO)
    cases = [
        ("diff", repo.diff("v28", "geneva"), {}),
        ("report", repo.diff("v28", "geneva"), {"report": True}),
        ("history-term", repo.history("ukraine-troop-cap"), {}),
        ("positions", repo.positions(), {"plan": repo.plan}),
        ("show", repo.resolve("geneva"), {"plan": repo.plan}),
        ("log", repo, {}),
    ]
    for name, result, options in cases:
        args, _ext = COMMANDS[name]
        fmt = "markdown" if name == "report" else "terminal"
        for lang in LANGS:
            shown = plandiff.render_result(result, fmt, lang=lang, **options)
            assert shown == _invoke([*args, "--lang", lang], REPO), (name, lang)
    checked = review(reviewed, "HEAD~1", "HEAD")
    assert plandiff.render_result(checked, "markdown", lang="ar") == _invoke(
        ["review", "HEAD~1", "HEAD", "--format", "markdown", "--lang", "ar"], reviewed)
