"""The cache of `plandiff A B`: the same bytes with it and without it, before and after any file
is edited, added or removed; never kept inside plans/."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import LINEAGE, REPO
from plandiff.cli import output_cache as cache
from plandiff.cli import quick
from plandiff.repo import cache_folder, repository_cache


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(folder))
    monkeypatch.delenv("PLANDIFF_CACHE", raising=False)
    monkeypatch.delenv("PLANDIFF_ROOT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


def outputs(cached: Path) -> list[Path]:
    """The entries of the output cache (repositories/ holds the repository cache's)."""
    return [p for p in cached.iterdir() if p.is_file()] if cached.exists() else []


def diff(capsys: pytest.CaptureFixture[str], base: str, head: str, *,
         cache_on: bool = True, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setenv("PLANDIFF_CACHE", "1" if cache_on else "0")
    capsys.readouterr()
    code = quick.plain_diff(base, head)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_repeated_run_prints_the_same_bytes_from_the_cache(cached, capsys, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    without = diff(capsys, "v28", "geneva", cache_on=False, monkeypatch=monkeypatch)
    assert not cached.exists()
    first = diff(capsys, "v28", "geneva", monkeypatch=monkeypatch)
    assert len(outputs(cached)) == 1
    monkeypatch.setattr(quick, "_diff", lambda base, head: pytest.fail("not served from cache"))
    second = diff(capsys, "v28", "geneva", monkeypatch=monkeypatch)
    assert without == first == second
    assert without[0] == 0 and "v28 → geneva" in without[1]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(LINEAGE / "plans", root / "plans")
    chapter = root / "plans" / "v3"
    chapter.mkdir()
    (chapter / "version.yaml").write_text("id: v3\ntitle: Third\ndate: 2025-03-01\nparent: v2\n"
                                          "coverage: partial\nstatus: proposed\n")
    (chapter / "01.yaml").write_text("clauses:\n  - id: army\n    text: The army is capped.\n"
                                     "    terms: {cap: 700000}\n    cites: [{source: a}]\n")
    monkeypatch.chdir(root)
    return root


EDITS = {
    "plans/terms.yaml": ("Troop cap", "Cap on troops"),
    "plans/sources.yaml": ("a:", "renamed-a:"),  # every citation of `a` now dangles
    "plans/v1.yaml": ("600000", "650000"),
    "plans/v2.yaml": ("Brand new clause.", "A brand new clause."),
    "plans/v3/version.yaml": ("Third", "The third"),
    "plans/v3/01.yaml": ("700000", "750000"),
}


@pytest.mark.parametrize("edited", list(EDITS))
@pytest.mark.parametrize("versions", [("v1", "v2"), ("v2", "v3")])
def test_after_an_edit_of_any_file_the_answer_is_the_uncached_one(
        cached, capsys, monkeypatch, repo: Path, edited: str, versions: tuple[str, str]) -> None:
    before = diff(capsys, *versions, monkeypatch=monkeypatch)
    assert before == diff(capsys, *versions, cache_on=False, monkeypatch=monkeypatch)
    assert before == diff(capsys, *versions, monkeypatch=monkeypatch)  # served from the cache
    path = repo / edited
    old, new = EDITS[edited]
    path.write_text(path.read_text().replace(old, new))
    after = diff(capsys, *versions, monkeypatch=monkeypatch)
    assert after == diff(capsys, *versions, cache_on=False, monkeypatch=monkeypatch)
    assert after == diff(capsys, *versions, monkeypatch=monkeypatch)
    if edited.startswith(("plans/terms", "plans/sources")) or versions == (
            ("v1", "v2") if edited in ("plans/v1.yaml", "plans/v2.yaml") else ("v2", "v3")):
        assert after != before, "the edit should change this diff"


@pytest.mark.parametrize("change", ["add", "remove", "chapter"])
def test_adding_or_removing_a_file_is_another_key(cached, capsys, monkeypatch, repo: Path,
                                                  change: str) -> None:
    before = diff(capsys, "v1", "v3", monkeypatch=monkeypatch)
    if change == "add":  # a second v1: the repository is now invalid
        shutil.copy(repo / "plans" / "v1.yaml", repo / "plans" / "v1.yml")
    elif change == "remove":
        (repo / "plans" / "v3" / "01.yaml").unlink()
    else:
        (repo / "plans" / "v3" / "02.yaml").write_text(
            "clauses:\n  - id: nato\n    text: Changed.\n    cites: [{source: b}]\n")
    after = diff(capsys, "v1", "v3", monkeypatch=monkeypatch)
    assert after != before
    assert after == diff(capsys, "v1", "v3", cache_on=False, monkeypatch=monkeypatch)


def test_the_environment_and_the_code_are_in_the_key(cached, monkeypatch, repo: Path) -> None:
    first = cache.key(["diff", "v1", "v2"])
    assert first is not None and first == cache.key(["diff", "v1", "v2"])
    assert cache.key(["diff", "v2", "v1"]) != first
    monkeypatch.setenv("COLUMNS", "60")
    assert cache.key(["diff", "v1", "v2"]) != first
    monkeypatch.delenv("COLUMNS")
    code = cache.os.path.join(cache.os.path.dirname(cache.__file__), "zz_test_probe.py")
    Path(code).write_text("# a change to plandiff's own code\n")
    try:
        assert cache.key(["diff", "v1", "v2"]) != first
    finally:
        Path(code).unlink()
    assert cache.key(["diff", "v1", "v2"]) == first


def test_nothing_is_kept_for_links_errors_or_when_off(cached, capsys, monkeypatch,
                                                      repo: Path) -> None:
    code, _, err = diff(capsys, "v1", "nope", monkeypatch=monkeypatch)
    assert code == 2 and "unknown version" in err
    assert not outputs(cached)  # a failure is never kept
    diff(capsys, "v1", "v2", cache_on=False, monkeypatch=monkeypatch)
    assert not outputs(cached)
    (repo / "plans" / "v4.yaml").symlink_to(repo / "plans" / "v1.yaml")
    assert cache.key(["diff", "v1", "v2"]) is None


def test_the_cache_is_never_written_into_plans(cached, capsys, monkeypatch, repo: Path) -> None:
    inside = repo / "plans" / ".cache"
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(inside))
    before = sorted(p.name for p in (repo / "plans").iterdir())
    result = diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert result[0] == 0
    assert not inside.exists() or not any(inside.iterdir())
    assert sorted(p.name for p in (repo / "plans").iterdir() if p.name != ".cache") == before


def test_a_cache_folder_others_can_write_to_is_not_used(cached, capsys, monkeypatch,
                                                        repo: Path) -> None:
    cached.mkdir(mode=0o777)
    cached.chmod(0o777)
    diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert not any(cached.iterdir())


def test_an_edit_while_it_runs_is_not_kept(cached, capsys, monkeypatch, repo: Path) -> None:
    run = quick._diff

    def edit_meanwhile(base: str, head: str) -> int:
        code = run(base, head)
        path = repo / "plans" / "v2.yaml"
        path.write_text(path.read_text().replace("Brand new clause.", "Edited meanwhile."))
        return code

    monkeypatch.setattr(quick, "_diff", edit_meanwhile)
    assert diff(capsys, "v1", "v2", monkeypatch=monkeypatch)[0] == 0
    assert not outputs(cached)


@pytest.mark.parametrize("args", [["v1", "v2"], ["diff", "v2", "v3"], ["v1", "v9"],
                                  ["diff", "v1", "v2", "--format", "json"], ["log"],
                                  ["show", "v3"], ["check"], ["history", "cap"]])
def test_every_command_prints_the_same_bytes_with_and_without_the_cache(
        cached, repo: Path, args: list[str]) -> None:
    import os
    import subprocess
    import sys

    def run(cache: str) -> tuple[int, bytes, bytes]:
        env = {**os.environ, "PLANDIFF_CACHE": cache, "PLANDIFF_CACHE_DIR": str(cached)}
        done = subprocess.run([sys.executable, "-m", "plandiff", *args], cwd=repo, env=env,
                              capture_output=True, check=False)
        return done.returncode, done.stdout, done.stderr

    without = run("0")
    assert run("1") == without  # filled (or, for the others, not used)
    assert run("1") == without  # read back
    assert run("0") == without


def test_the_language_is_part_of_the_key(cached, capsys, monkeypatch) -> None:
    """PLANDIFF_LANG and PLANDIFF_DIGITS change what `plandiff A B` prints: an English run
    never serves an Arabic one from the cache, nor the other way round."""
    monkeypatch.chdir(REPO)
    english = diff(capsys, "v28", "geneva", monkeypatch=monkeypatch)
    monkeypatch.setenv("PLANDIFF_LANG", "ar")
    arabic = diff(capsys, "v28", "geneva", monkeypatch=monkeypatch)
    monkeypatch.setenv("PLANDIFF_DIGITS", "arab")
    digits = diff(capsys, "v28", "geneva", monkeypatch=monkeypatch)
    assert english[1].startswith("v28 → geneva: ")
    assert arabic[1].startswith("من النسخة v28 إلى النسخة geneva: ")
    assert "٦٠٠٬٠٠٠ ← بحسب التقارير، ٨٠٠٬٠٠٠ جندي" in digits[1]
    assert "600,000 ← بحسب التقارير، 800,000 جندي" in arabic[1]
    assert len(outputs(cached)) == 3
    monkeypatch.setattr(quick, "_diff", lambda base, head: pytest.fail("not served from cache"))
    assert diff(capsys, "v28", "geneva", monkeypatch=monkeypatch) == digits
    monkeypatch.delenv("PLANDIFF_DIGITS")
    assert diff(capsys, "v28", "geneva", monkeypatch=monkeypatch) == arabic
    monkeypatch.delenv("PLANDIFF_LANG")
    assert diff(capsys, "v28", "geneva", monkeypatch=monkeypatch) == english


def test_an_english_run_after_an_arabic_one_is_english(cached, capsys, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    english = diff(capsys, "v28", "geneva", cache_on=False, monkeypatch=monkeypatch)
    monkeypatch.setenv("PLANDIFF_LANG", "ar")
    diff(capsys, "v28", "geneva", cache_on=False, monkeypatch=monkeypatch)
    monkeypatch.delenv("PLANDIFF_LANG")
    assert diff(capsys, "v28", "geneva", cache_on=False, monkeypatch=monkeypatch) == english


def test_the_key_hashes_the_whole_package_with_its_catalogs(cached, monkeypatch) -> None:
    """Since the code moved into plandiff/cli/, the key must still cover render/, core/ and the
    message catalogs under locale/ (an edited view or translation changes what is printed)."""
    monkeypatch.chdir(REPO)
    seen: list[str] = []
    real = cache_folder.feed_tree

    def spy(feed, top, *, code, by_stat=False, depth=0):  # type: ignore[no-untyped-def]
        if code and depth == 0 and not by_stat:
            seen.append(top)
        return real(feed, top, code=code, by_stat=by_stat, depth=depth)

    monkeypatch.setattr(cache_folder, "feed_tree", spy)
    assert cache.key(["diff", "v28", "geneva"]) is not None
    package = Path(seen[0])
    assert (package / "render").is_dir() and (package / "locale" / "ar").is_dir()


# --- one test per ingredient of the key (issue 24, item 11): each fails if it is left out --------


ARGS = ["diff", "v1", "v2"]


def entry(args: list[str]) -> str:
    """The entry's name: the digest of every ingredient (not the plans digest kept beside it)."""
    found = cache.key(args)
    assert found is not None
    return found[0]


def test_the_arguments_are_in_the_key(cached, repo: Path) -> None:
    assert entry(ARGS) == entry(list(ARGS))
    assert entry(["diff", "v2", "v1"]) != entry(ARGS)
    assert entry([*ARGS, "--all"]) != entry(ARGS)


def test_the_environment_is_in_the_key(cached, monkeypatch, repo: Path) -> None:
    before = entry(ARGS)
    monkeypatch.setenv("PLANDIFF_LANG", "ar")
    assert entry(ARGS) != before
    monkeypatch.delenv("PLANDIFF_LANG")
    assert entry(ARGS) == before


class _Terminal:
    """A standard output that is a terminal, of the size `os.get_terminal_size` says."""

    encoding = "utf-8"
    errors = "strict"

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1


def test_the_terminal_is_in_the_key(cached, monkeypatch, repo: Path) -> None:
    # The same environment (no COLUMNS), another window: Rich wraps to the window's width.
    monkeypatch.delenv("COLUMNS", raising=False)
    keys = [entry(ARGS)]
    monkeypatch.setattr(cache.sys, "stdout", _Terminal())
    for columns, lines in ((80, 24), (200, 50)):
        size = cache.os.terminal_size((columns, lines))
        monkeypatch.setattr(cache.os, "get_terminal_size", lambda fd=1, size=size: size)
        keys.append(entry(ARGS))
    before, narrow, wide = keys
    assert len({before, narrow, wide}) == 3


def test_the_installed_packages_are_in_the_key(cached, monkeypatch, repo: Path,
                                               tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    (site / "rich-13.0.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    before = entry(ARGS)
    (site / "rich-13.0.0.dist-info").rename(site / "rich-14.0.0.dist-info")  # an upgrade
    assert entry(ARGS) != before


def test_the_code_is_in_the_key(cached, repo: Path) -> None:
    before = entry(ARGS)
    probe = Path(cache.__file__).parent.parent / "render" / "zz_test_probe_code.py"
    probe.write_text("# a view edited\n", encoding="utf-8")
    try:
        edited = entry(ARGS)
        probe.write_text("# a view edited again\n", encoding="utf-8")
        assert len({before, edited, entry(ARGS)}) == 3
    finally:
        probe.unlink()
    assert entry(ARGS) == before


def test_the_compiled_catalogs_are_in_the_key(cached, repo: Path) -> None:
    # After a translation is corrected and compiled, the cached run printed the old Arabic: the
    # key left out every file but .py, .css, .js, .json and .html.
    before = entry(ARGS)
    probe = (Path(cache.__file__).parent.parent / "locale" / "ar" / "LC_MESSAGES"
             / "zz_test_probe.mo")
    probe.write_bytes(b"\xde\x12\x04\x95 old words")
    try:
        compiled = entry(ARGS)
        probe.write_bytes(b"\xde\x12\x04\x95 new words")  # corrected and compiled again
        assert len({before, compiled, entry(ARGS)}) == 3
    finally:
        probe.unlink()
    assert entry(ARGS) == before


def test_the_plan_files_are_in_the_key(cached, repo: Path) -> None:
    before = entry(ARGS)
    path = repo / "plans" / "v1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("600000", "650000"),
                    encoding="utf-8")
    assert entry(ARGS) != before


# --- outside a plan repository: the corpus bundled with plandiff (issue 25, item 2) ---------------


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a corpus standing in for the one bundled with plandiff, and a working directory
    with no plans/ at or above it."""
    from plandiff.repo import repository

    corpus = tmp_path / "bundled"
    shutil.copytree(LINEAGE / "plans", corpus / "plans")
    monkeypatch.setattr(repository, "packaged_corpus", lambda: corpus)
    monkeypatch.setattr(cache, "bundled_root", lambda: str(corpus))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert not any((folder / "plans").is_dir() for folder in (elsewhere, *elsewhere.parents))
    return corpus


def test_outside_a_repository_the_bundled_corpus_is_served_from_the_cache(
        cached, capsys, monkeypatch, bundled: Path) -> None:
    without = diff(capsys, "v1", "v2", cache_on=False, monkeypatch=monkeypatch)
    assert without[0] == 0 and "reading the corpus bundled with plandiff" in without[2]
    first = diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert len(outputs(cached)) == 1
    run = quick._diff
    monkeypatch.setattr(quick, "_diff", lambda base, head: pytest.fail("not served from cache"))
    assert diff(capsys, "v1", "v2", monkeypatch=monkeypatch) == first == without
    # One byte of the bundled corpus edited: a fresh answer, never the kept one.
    path = bundled / "plans" / "v1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("600000", "650000"),
                    encoding="utf-8")
    monkeypatch.setattr(quick, "_diff", run)
    edited = diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert edited != without and "650" in edited[1]
    assert edited == diff(capsys, "v1", "v2", cache_on=False, monkeypatch=monkeypatch)


def test_the_bundled_corpus_and_the_package_are_in_its_key(cached, bundled: Path) -> None:
    before = entry(ARGS)
    assert cache.key(ARGS)[1:] == (str(bundled), cache.plans_digest(str(bundled)), True)
    probe = Path(cache.__file__).parent.parent / "core" / "zz_test_probe_bundled.py"
    probe.write_text("# the code that reads the bundled corpus, edited\n", encoding="utf-8")
    try:
        assert entry(ARGS) != before
    finally:
        probe.unlink()
    assert entry(ARGS) == before
    (bundled / "plans" / "v9.yaml").write_text("id: v9\n", encoding="utf-8")
    assert entry(ARGS) != before


def test_the_bundled_corpus_is_found_as_the_command_finds_it() -> None:
    from plandiff.repo.repository import packaged_corpus

    assert cache.bundled_root() == str(packaged_corpus().resolve())


def test_a_miss_reads_the_package_once(cached, capsys, monkeypatch) -> None:
    """The output cache's key and the repository cache's both cover the package: a first
    `plandiff A B` reads and hashes it once, not once for each (some 4 ms of every miss)."""
    monkeypatch.chdir(REPO)
    monkeypatch.setattr(repository_cache, "_code_digests", {})  # a new process
    calls: list[str] = []
    real = cache_folder.package_digest

    def counted(package: str = cache_folder.PACKAGE) -> bytes:
        calls.append(package)
        return real(package)

    monkeypatch.setattr(cache_folder, "package_digest", counted)
    code, out, _ = diff(capsys, "v28", "geneva", monkeypatch=monkeypatch)
    assert code == 0 and "v28 → geneva" in out
    assert calls == [cache_folder.PACKAGE]
    assert len(outputs(cached)) == 1 and list((cached / repository_cache.SUBFOLDER).iterdir())


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the plandiff package, as a digest reads it (no bytecode, no bundled corpus)."""
    copy = tmp_path / "plandiff"
    shutil.copytree(cache_folder.PACKAGE, copy,
                    ignore=shutil.ignore_patterns("__pycache__", "_corpus"))
    return copy


def test_an_unchanged_package_is_not_read_again(cached, package: Path, monkeypatch) -> None:
    """Its digest is kept under its files' sizes, times and inodes: a later process finds it
    there instead of reading a megabyte of code at every run."""
    monkeypatch.setattr(cache_folder, "RACY_SECONDS", 0)  # the copy was made just now
    first = cache_folder.known_package_digest(str(package))
    assert first == cache_folder.package_digest(str(package))
    monkeypatch.setattr(cache_folder, "package_digest", lambda *_: pytest.fail("read again"))
    assert cache_folder.known_package_digest(str(package)) == first


@pytest.mark.parametrize("edit", ["same size", "longer", "new file", "removed", "replaced"])
def test_a_package_edited_after_its_digest_was_kept_is_read_again(
        cached, package: Path, monkeypatch, edit: str) -> None:
    monkeypatch.setattr(cache_folder, "RACY_SECONDS", 0)
    first = cache_folder.known_package_digest(str(package))
    path = package / "core" / "diff.py"
    data = path.read_bytes()
    time.sleep(0.02)  # past the file system clock's step: the edit's times are later ones
    if edit == "same size":
        with path.open("r+b") as stream:  # in place: the same inode
            stream.write(b"#" + data[1:2])
    elif edit == "longer":
        path.write_bytes(data + b"\n")
    elif edit == "new file":
        (package / "core" / "zz_probe.py").write_bytes(b"")
    elif edit == "removed":
        path.unlink()
    else:  # another file of the same bytes renamed into place
        (package / "core" / "diff.py.new").write_bytes(data)
        os.replace(package / "core" / "diff.py.new", path)
    fresh = cache_folder.known_package_digest(str(package))
    assert fresh == cache_folder.package_digest(str(package))
    assert (fresh != first) == (edit != "replaced")


def test_a_package_changed_moments_ago_is_not_kept(cached, package: Path) -> None:
    """A file system whose clock steps by a second could give an edit made within that second
    the times of the fingerprint before it: nothing is kept until the package has settled."""
    assert cache_folder.known_package_digest(str(package)) == \
        cache_folder.package_digest(str(package))
    assert not (cached / cache_folder.PACKAGES).exists() or not any(
        (cached / cache_folder.PACKAGES).iterdir())


@pytest.mark.parametrize("damage", ["garbage", "short", "open to others"])
def test_a_damaged_or_unsafe_package_entry_is_not_believed(
        cached, package: Path, monkeypatch, damage: str) -> None:
    monkeypatch.setattr(cache_folder, "RACY_SECONDS", 0)
    right = cache_folder.known_package_digest(str(package))
    folder = cached / cache_folder.PACKAGES
    [entry] = folder.iterdir()
    if damage == "open to others":  # another user could have written it
        entry.write_bytes(b"0" * 40)
        folder.chmod(0o777)
    else:
        entry.write_bytes(b"zz" * 20 if damage == "garbage" else b"0" * 39)
    assert cache_folder.known_package_digest(str(package)) == right


def test_a_folder_of_no_distributions_on_the_path_is_not_in_the_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `plandiff`, `python -m plandiff` and a script using the API put different folders first
    # on sys.path (the script's, the working one); they hold nothing installed, so the three
    # share the cache. A folder that holds a distribution is another environment.
    first = cache_folder.package_digest()
    plain = tmp_path / "scripts"
    plain.mkdir()
    monkeypatch.syspath_prepend(str(plain))
    assert cache_folder.package_digest() == first
    (plain / "other-1.0.dist-info").mkdir()
    assert cache_folder.package_digest() != first


def test_a_miss_hashes_plans_once_for_both_keys(cached, capsys, monkeypatch, repo: Path) -> None:
    """The repository cache's key takes the digest of plans/ that the output cache's key made
    for the same command (a 50,000-clause pair: 60 MB hashed once less), and only for that
    command: a later read in the same process hashes plans/ afresh."""
    calls: list[str] = []
    real = repository_cache.plans_digest

    def counted(plans: str) -> bytes:
        calls.append(plans)
        return real(plans)

    monkeypatch.setattr(repository_cache, "plans_digest", counted)
    code, out, _ = diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert code == 0 and out
    assert len(calls) == 1  # once more after the read, to check nothing changed meanwhile
    assert len(outputs(cached)) == 1 and list((cached / repository_cache.SUBFOLDER).iterdir())
    assert not cache_folder.plans_now
    from plandiff.repo.repository import find_root, load_plan

    load_plan(find_root(repo))
    assert len(calls) == 2  # the key of that read: hashed, not taken from the command before


def test_an_edit_after_the_key_is_made_is_kept_by_neither_cache(cached, capsys, monkeypatch,
                                                                repo: Path) -> None:
    """plans/ edited after the output cache's key hashed it, before the files are read: the
    answer is the edited files', and neither cache keeps it under the key of the files before
    (put back as they were, they read as they are)."""
    make_key = cache.key
    path = repo / "plans" / "v2.yaml"
    before = path.read_bytes()

    def edit_after_the_key(args: list[str]):  # type: ignore[no-untyped-def]
        found = make_key(args)
        path.write_bytes(before.replace(b"Brand new clause.", b"Edited meanwhile."))
        return found

    monkeypatch.setattr(cache, "key", edit_after_the_key)
    code, out, _ = diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert code == 0 and "Edited meanwhile." in out
    assert not outputs(cached)
    monkeypatch.setattr(cache, "key", make_key)
    path.write_bytes(before)
    code, out, _ = diff(capsys, "v1", "v2", monkeypatch=monkeypatch)
    assert code == 0 and "Brand new clause." in out and "Edited meanwhile." not in out
    from plandiff.repo.repository import find_root, load_plan

    texts = [c.text for c in load_plan(find_root(repo)).plan.versions["v2"].clauses]
    assert "Brand new clause." in texts and "Edited meanwhile." not in texts


def test_two_names_of_one_interpreter_share_the_repository_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A virtual environment's `python` and `python3` are links to one interpreter: `python -m
    # plandiff` and the `plandiff` script (which names python3) read one repository entry.
    import sys

    first = cache_folder.package_digest()
    other_name = tmp_path / "python3"
    other_name.symlink_to(sys.executable)
    monkeypatch.setattr(sys, "executable", str(other_name))
    assert cache_folder.package_digest() == first


# --- every view command, not `plandiff A B` alone ----------------------------------------------

VIEWS = [["log"], ["log", "--by", "date"], ["show", "v2"], ["show", "v3", "army", "-f", "json"],
         ["history", "cap"], ["history", "army", "--lang", "ar"], ["positions"],
         ["terms", "-f", "markdown"], ["report", "v1", "v2"], ["diff", "v1", "v2", "-f", "json"],
         ["diff", "v2", "v3", "--all", "--top", "2"]]


def quick_run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int | None, str, str]:
    capsys.readouterr()
    code = quick.run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
def test_every_view_repeated_prints_the_same_bytes_from_the_cache(
        cached, capsys, monkeypatch, repo: Path, args: list[str]) -> None:
    from plandiff.cli import commands

    monkeypatch.setenv("PLANDIFF_CACHE", "0")
    without = quick_run(capsys, args)
    assert without[0] == 0 and without[1], without
    monkeypatch.setenv("PLANDIFF_CACHE", "1")
    first = quick_run(capsys, args)
    assert len(outputs(cached)) == 1
    monkeypatch.setattr(commands, "run", lambda *_: pytest.fail("not served from the cache"))
    assert quick_run(capsys, args) == first == without


def test_the_same_options_written_otherwise_share_an_entry(cached, capsys, monkeypatch,
                                                           repo: Path) -> None:
    from plandiff.cli import commands

    first = quick_run(capsys, ["log", "-f", "json"])
    monkeypatch.setattr(commands, "run", lambda *_: pytest.fail("not served from the cache"))
    assert quick_run(capsys, ["log", "--format=json"]) == quick_run(capsys, ["log", "-fjson"]) \
        == first
    assert len(outputs(cached)) == 1


def test_a_view_after_an_edit_prints_the_edited_files(cached, capsys, repo: Path) -> None:
    before = quick_run(capsys, ["log"])
    path = repo / "plans" / "v3" / "version.yaml"
    path.write_text(path.read_text().replace("Third", "The third, renamed"))
    after = quick_run(capsys, ["log"])
    assert "The third, renamed" in after[1] and "The third, renamed" not in before[1]


def test_a_view_that_writes_a_file_or_fails_is_not_kept(cached, capsys, repo: Path,
                                                       tmp_path: Path) -> None:
    written = tmp_path / "report.md"
    for _ in range(2):  # written by each run, never served instead
        written.unlink(missing_ok=True)
        assert quick_run(capsys, ["report", "v1", "v2", "-o", str(written)])[0] == 0
        assert written.read_text().startswith("#")
    assert quick_run(capsys, ["log", "--root", str(repo)])[0] == 0  # keyed for the found root
    assert quick_run(capsys, ["diff", "v1", "v2", "--exit-code"])[0] == 1  # changes: exit 1
    assert quick_run(capsys, ["show", "v9"])[0] == 2  # an unknown version
    assert not outputs(cached)
