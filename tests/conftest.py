"""Shared fixtures: a CLI runner and a way to write small plan repositories."""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from plandiff.cli.app import app
from plandiff.cli.main import rewrite

# CI tries the same examples on every run, so that a red run is a reproducible failure and not a
# draw; a developer's run explores new ones and keeps those that fail in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
LINEAGE = REPO / "tests" / "cases" / "lineage"


def git(root: Path, *args: str) -> None:
    """Run git in `root` as a test author, with no user configuration (HOME is the root)."""
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})
LINEAGE_PLANS = {f"plans/{p.name}": p.read_text(encoding="utf-8")
                 for p in sorted((LINEAGE / "plans").glob("*.yaml"))}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite the expected outputs under tests/cases/ from this run.")


@pytest.fixture(scope="session", params=["corpus", "corpus+new-version"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root of the shipped corpus, and of a copy with a newly reported version added (the
    walkthrough's, from docs/corpus.md): tests of the corpus pin facts that must hold in both."""
    if request.param == "corpus":
        return REPO
    from walkthrough import with_new_version

    return with_new_version(tmp_path_factory.mktemp("corpus-plus"))


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _private_cache(_session_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """plandiff keeps its output and the repositories it read in a cache: never the user's own in
    tests, but one for the whole session, so that the tests that read the same repository (the
    corpus above all) read and validate its files once (the repository cache)."""
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(_session_cache))
    # The package digest the output cache's key made is this process's: each test starts anew.
    from plandiff.repo import cache_folder

    monkeypatch.setattr(cache_folder, "made", {})


@pytest.fixture(autouse=True)
def _browser_knows_the_test(request: pytest.FixtureRequest) -> Iterator[None]:
    import browser

    browser.RUNNING = request.node
    yield
    browser.RUNNING = None


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Run the CLI as a user would (`plandiff A B` included), without colour, at a fixed width."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("PLANDIFF_ROOT", raising=False)
    runner = CliRunner()

    def invoke(*args: str, root: Path | None = None):
        argv = list(args)
        if root is not None:
            argv += ["--root", str(root)]
        return runner.invoke(app, rewrite(argv), catch_exceptions=False)

    return invoke


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write files (path -> YAML text, dedented) under a fresh root and return the root."""

    def write(files: dict[str, str]) -> Path:
        for relative, text in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        (tmp_path / "plans").mkdir(exist_ok=True)
        return tmp_path

    return write


@pytest.fixture
def hostile_report(make_repo, run, tmp_path: Path) -> Callable[..., Path]:
    """The HTML report of the lineage plans with `text` (and optionally `title`) put into a clause
    that v2 adds; returns the page's path."""

    def build(text: str, title: str | None = None) -> Path:
        files = dict(LINEAGE_PLANS)
        heading = f"    title: {title!r}\n" if title else ""
        files["plans/v2.yaml"] = files["plans/v2.yaml"].replace(
            "    text: Brand new clause.", f"{heading}    text: >-\n      {text}")
        page = tmp_path / "report.html"
        result = run("report", "v1", "v2", "-f", "html", "-o", str(page), root=make_repo(files))
        assert result.exit_code == 0, result.output
        return page

    return build

