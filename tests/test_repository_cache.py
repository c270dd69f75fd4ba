"""The repository cache: a repository read back from it is the one read from its files, and it is
never stale: each ingredient of the key changed in turn (one byte of a plan file, plandiff's code,
a catalog, the installed distributions, the limits) gives a fresh read. A truncated or garbled
entry is replaced, nothing is written inside plans/, and a folder that cannot be used is skipped."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import LINEAGE
from plandiff.core import models
from plandiff.core.models import Model, dump, field_names
from plandiff.repo import cache_folder
from plandiff.repo import repository_cache as cache
from plandiff.repo.located_yaml import Limits
from plandiff.repo.repository import find_root, load_plan

STALE = "served from the repository cache"


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(folder))
    monkeypatch.delenv("PLANDIFF_CACHE", raising=False)
    monkeypatch.delenv("PLANDIFF_ROOT", raising=False)
    monkeypatch.setattr(cache, "_code_digests", {})
    return folder / cache.SUBFOLDER


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(LINEAGE / "plans", root / "plans")
    return root


def entries(cached: Path) -> list[Path]:
    return sorted(p for p in cached.iterdir() if not p.name.startswith(".")) \
        if cached.is_dir() else []


def title(root: Path, **limits: int) -> str:
    loaded = load_plan(find_root(root, limits=Limits(**limits) if limits else None))
    return str(loaded.plan.versions["v1"].title)


def fields(tagged: dict[str, list[object]]) -> dict[str, object]:
    """A model as an entry keeps it (`{"$m:Class": [its fields in order]}`), by field name."""
    [(tag, values)] = tagged.items()
    return dict(zip(getattr(models, tag.removeprefix("$m:"))._fields, values, strict=True))


def put(tagged: dict[str, list[object]], name: str, value: object) -> None:
    """Set one field of a model as an entry keeps it."""
    [(tag, values)] = tagged.items()
    values[getattr(models, tag.removeprefix("$m:"))._fields.index(name)] = value


def version_v1(payload: dict[str, object]) -> dict[str, list[object]]:
    return fields(payload["plan"])["versions"]["v1"]  # type: ignore[arg-type, index, no-any-return]


def mark_stale(cached: Path) -> None:
    """Rewrite the one entry so that a read from it shows: a valid entry, with v1 retitled."""
    [entry] = entries(cached)
    head, _, body = entry.read_bytes().partition(b"\n")
    payload = json.loads(body)
    put(version_v1(payload), "title", STALE)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    key = head.split(b" ")[1].decode()
    entry.write_bytes(cache._header(key, body) + body)


def test_a_read_from_the_cache_is_the_read_from_the_files(cached, repo: Path, monkeypatch) -> None:
    fresh = load_plan(find_root(repo))
    assert len(entries(cached)) == 1
    assert cached.stat().st_mode & 0o777 == 0o700
    assert entries(cached)[0].stat().st_mode & 0o077 == 0
    monkeypatch.setattr("plandiff.repo.repository.read_repository",
                        lambda root: pytest.fail("read from the files, not from the cache"))
    again = load_plan(find_root(repo))
    assert again.plan == fresh.plan
    assert dump(again.plan) == dump(fresh.plan)
    assert (again.files, again.problems, again.folders) == \
        (fresh.files, fresh.problems, fresh.folders)
    assert again.root == fresh.root


def test_the_corpus_reads_back_with_every_type_and_field_it_set(cached) -> None:
    root = find_root(Path(__file__).resolve().parent.parent)
    fresh, again = load_plan(root), load_plan(root)
    assert len(entries(cached)) == 1

    def same(one: object, other: object) -> None:
        assert type(one) is type(other)
        if isinstance(one, Model):
            assert getattr(one, "has_value", None) == getattr(other, "has_value", None)
            for name in field_names(one):
                same(getattr(one, name), getattr(other, name))
        elif isinstance(one, dict):
            assert list(one) == list(other)  # type: ignore[arg-type]
            for key in one:
                same(one[key], other[key])  # type: ignore[index]
        elif isinstance(one, (list, tuple)):
            assert len(one) == len(other)  # type: ignore[arg-type]
            for a, b in zip(one, other, strict=True):  # type: ignore[call-overload]
                same(a, b)
        else:
            assert one == other

    same(fresh.plan, again.plan)


def test_one_byte_of_a_plan_file_gives_a_fresh_read(cached, repo: Path) -> None:
    assert title(repo) != STALE
    mark_stale(cached)
    assert title(repo) == STALE  # the entry is read
    path = repo / "plans" / "v2.yaml"
    path.write_bytes(path.read_bytes().replace(b"800,000.", b"800,000!"))  # one byte
    assert title(repo) != STALE
    assert len(entries(cached)) == 2
    path.write_bytes(path.read_bytes() + b"# a comment: the same data\n")
    assert title(repo) != STALE
    assert len(entries(cached)) == 3


def test_an_edit_while_it_is_read_is_not_kept(cached, repo: Path, monkeypatch) -> None:
    from plandiff.repo import repository

    read = repository.read_repository

    def edit_meanwhile(root):  # type: ignore[no-untyped-def]
        raw = read(root)
        path = repo / "plans" / "v2.yaml"
        path.write_bytes(path.read_bytes().replace(b"800,000.", b"800,000!"))
        return raw

    monkeypatch.setattr(repository, "read_repository", edit_meanwhile)
    title(repo)
    assert not entries(cached)


def test_a_file_added_to_plans_gives_a_fresh_read(cached, repo: Path) -> None:
    title(repo)
    mark_stale(cached)
    (repo / "plans" / "notes.txt").write_text("not a plan file, but in plans/\n")
    assert title(repo) != STALE


@pytest.mark.parametrize("probe", ["core/zz_probe.py", "locale/ar/LC_MESSAGES/plandiff.mo"])
def test_the_package_code_and_catalogs_give_a_fresh_read(cached, repo: Path, tmp_path: Path,
                                                         monkeypatch, probe: str) -> None:
    assert Path(cache.PACKAGE) == Path(cache.__file__).parent.parent  # plandiff itself
    package = tmp_path / "plandiff"
    shutil.copytree(cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", str(package))
    title(repo)
    mark_stale(cached)
    assert title(repo) == STALE
    path = package / probe
    path.write_bytes((path.read_bytes() if path.exists() else b"") + b"\0")
    monkeypatch.setattr(cache, "_code_digests", {})  # a new process
    monkeypatch.setattr(cache_folder, "made", {})
    assert title(repo) != STALE


def test_the_installed_distributions_give_a_fresh_read(cached, repo: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    site = tmp_path / "site"
    (site / "pydantic-2.0.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    title(repo)
    mark_stale(cached)
    assert title(repo) == STALE
    (site / "pydantic-2.0.0.dist-info").rename(site / "pydantic-2.0.1.dist-info")
    monkeypatch.setattr(cache, "_code_digests", {})  # a new process
    monkeypatch.setattr(cache_folder, "made", {})
    assert title(repo) != STALE


def test_the_limits_give_a_fresh_read(cached, repo: Path) -> None:
    title(repo)
    mark_stale(cached)
    assert title(repo) == STALE
    assert title(repo, max_nodes=1_000_000) != STALE


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other key", "one byte"])
def test_a_damaged_entry_is_ignored_and_replaced(cached, repo: Path, damage: str) -> None:
    fresh = title(repo)
    [entry] = entries(cached)
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[:len(data) // 2], "garbage": os.urandom(4096),
                       "empty": b"", "other key": data.replace(entry.name.encode(), b"0" * 40),
                       "one byte": data.replace(b'"First"', b'"Firsz"'),  # still valid JSON
                       }[damage])
    assert title(repo) == fresh
    assert entry.read_bytes() == data  # replaced by a sound one


def test_nothing_is_written_inside_plans(cached, repo: Path, monkeypatch) -> None:
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(repo / "plans" / "cache"))
    title(repo)
    title(repo)
    assert not (repo / "plans" / "cache" / cache.SUBFOLDER).exists() \
        or not any((repo / "plans" / "cache" / cache.SUBFOLDER).iterdir())
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(repo / "plans"))
    title(repo)
    assert not (repo / "plans" / cache.SUBFOLDER).exists() \
        or not any((repo / "plans" / cache.SUBFOLDER).iterdir())
    shutil.rmtree(repo / "plans" / "cache", ignore_errors=True)
    shutil.rmtree(repo / "plans" / cache.SUBFOLDER, ignore_errors=True)
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before


def test_a_cache_that_cannot_be_written_is_skipped(cached, repo: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", str(blocker / "cache"))
    assert title(repo) == "First"
    monkeypatch.setenv("PLANDIFF_CACHE_DIR", "relative/cache")
    assert title(repo) == "First"
    assert not (Path.cwd() / "relative").exists()


def test_a_folder_others_can_write_to_is_not_used(cached, repo: Path) -> None:
    cached.parent.mkdir(mode=0o777)
    cached.parent.chmod(0o777)
    assert title(repo) == "First"
    assert not cached.exists()
    cached.mkdir(mode=0o700)  # private itself, but in a folder anyone could swap it out of
    assert title(repo) == "First"
    assert not any(cached.iterdir())


def test_a_folder_of_another_user_is_not_used(cached, repo: Path) -> None:
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("only root can give a folder to another user")
    cached.mkdir(parents=True, mode=0o700)
    os.chown(cached, 65534, 65534)
    assert title(repo) == "First"
    assert not any(cached.iterdir())


def test_off_with_plandiff_cache_0(cached, repo: Path, monkeypatch) -> None:
    monkeypatch.setenv("PLANDIFF_CACHE", "0")
    title(repo)
    assert not cached.exists()


def test_a_repository_with_errors_or_links_is_not_kept(cached, repo: Path) -> None:
    (repo / "notes.txt").write_text("a note\n")
    (repo / "plans" / "notes.txt").symlink_to(repo / "notes.txt")  # not read, but can change
    title(repo)
    assert not cached.exists()
    (repo / "plans" / "notes.txt").unlink()
    (repo / "plans" / "v9.yaml").write_text("id: v9\n")  # an error: no title, date ...
    with pytest.raises(Exception, match="v9"):
        title(repo)
    assert not entries(cached)


def test_the_bundled_corpus_is_kept_too(cached, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = find_root(None)
    assert root.packaged
    fresh = load_plan(root)
    assert len(entries(cached)) == 1
    assert load_plan(root).plan == fresh.plan


def test_the_commands_print_the_same_from_the_cache(cached, run, repo: Path) -> None:
    for args in (("log",), ("show", "v2"), ("history", "cap"), ("positions",),
                 ("report", "v1", "v2"), ("diff", "v1", "v2")):
        first = run(*args, root=repo)
        second = run(*args, root=repo)
        assert (first.exit_code, first.output) == (second.exit_code, second.output), args
    assert len(entries(cached)) == 1


def test_a_read_from_the_cache_imports_no_checks_and_no_pydantic(cached, repo: Path) -> None:
    """What the cache saves is the YAML and the validation: a process that reads the repository
    from the cache imports neither the checks nor pydantic (nor does one that reads valid files:
    the fast builder decides them)."""
    import subprocess
    import sys

    script = ("import sys\n"
              "from plandiff.repo.repository import find_root, load_plan\n"
              f"loaded = load_plan(find_root({str(repo)!r}))\n"
              "print(loaded.plan.versions['v1'].title, 'plandiff.core.validate' in sys.modules,"
              " sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n")
    env = {**os.environ, "PLANDIFF_CACHE_DIR": str(cached.parent),
           "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    first, second = (subprocess.run([sys.executable, "-c", script], capture_output=True,
                                    text=True, check=True, env=env).stdout for _ in range(2))
    title_of_v1, _, rest = first.partition(" True ")  # read from the files and validated
    assert rest == "[]\n", first
    assert second == f"{title_of_v1} False []\n"


@pytest.mark.parametrize("change", ["unknown field", "missing field", "not a mapping",
                                    "no model fits"])
def test_an_entry_of_another_shape_is_read_afresh(cached, repo: Path, change: str) -> None:
    """An entry whose digest holds but whose plan the models do not fit (as a plandiff that
    kept other fields would write it) is read afresh from the files, never half rebuilt."""
    fresh = title(repo)
    [entry] = entries(cached)
    head, _, body = entry.read_bytes().partition(b"\n")
    payload = json.loads(body)
    version = version_v1(payload)
    put(version, "title", STALE)
    clauses = fields(version)["clauses"]
    if change == "unknown field":
        next(iter(clauses[0].values())).append(3)  # type: ignore[index]
    elif change == "missing field":
        next(iter(version.values())).pop()
    elif change == "not a mapping":
        clauses[0] = ["army"]  # type: ignore[index]
    else:  # a term value that is a mapping neither a dispute nor `unknown:` fits
        put(clauses[0], "terms", {"cap": {"value": 1}})  # type: ignore[index]
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    key = head.split(b" ")[1].decode()
    entry.write_bytes(cache._header(key, body) + body)
    assert title(repo) == fresh


def test_an_entry_is_written_whole_from_its_parts(tmp_path: Path) -> None:
    """An entry is written from its parts (the header, the body) without joining them into one
    copy of the body, whole or not at all, readable by this user alone."""
    parts = [b"head\n", os.urandom(1 << 20), b"", b"tail"]
    cache_folder.write_entry(str(tmp_path), "entry", *parts)
    assert (tmp_path / "entry").read_bytes() == b"".join(parts)
    assert (tmp_path / "entry").stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["entry"]  # no temporary file left


def test_written_null_and_absent_values_read_back_as_they_were(cached, repo: Path) -> None:
    """`value: null` (the source says there is none) and no value at all read back from an
    entry as they were read from the files: has_value, dates and enums with them."""
    fresh = load_plan(find_root(repo))
    again = load_plan(find_root(repo))
    assert len(entries(cached)) == 1
    claims = [(c.value, c.has_value) for c in fresh.plan.versions["v2"].clauses[0].terms["cap"]
              .disputed]
    assert (None, True) in claims
    assert [(c.value, c.has_value) for c in again.plan.versions["v2"].clauses[0].terms["cap"]
            .disputed] == claims
    assert again.plan.versions["v2"].date == fresh.plan.versions["v2"].date
    assert type(again.plan.versions["v2"].date) is type(fresh.plan.versions["v2"].date)
    for one, other in zip(fresh.plan.terms.values(), again.plan.terms.values(), strict=True):
        assert type(one.type) is type(other.type) and one.type == other.type


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_repository_with_a_pipe_or_a_linked_folder_is_not_kept(cached, repo: Path) -> None:
    """A pipe or a link to a folder in plans/ (told from the folder's listing, without a stat of
    each file) is nothing a key can vouch for: read afresh every time, never kept."""
    os.mkfifo(repo / "plans" / "feed")
    title(repo)
    assert not entries(cached)
    (repo / "plans" / "feed").unlink()
    (repo / "elsewhere").mkdir()
    (repo / "plans" / "more").symlink_to(repo / "elsewhere", target_is_directory=True)
    title(repo)
    assert not entries(cached)
    (repo / "plans" / "more").unlink()
    title(repo)
    assert len(entries(cached)) == 1
