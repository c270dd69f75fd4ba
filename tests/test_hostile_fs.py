"""Hostile input, the file system: links out of the root, pipes, devices, huge files, names no file
system takes, files edited while a command runs. Every command that reads or writes is tried on
each class; each refuses with a message, exits 2 (`check` 1, `textconv` 0 with a note), writes
nothing it should not and never hangs."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS, REPO

IMPORT_LINEAGE = REPO / "tests" / "cases" / "import-lineage"
MESSY = "id:   keys\ntitle:   'Keys'\n"  # what `fmt` would rewrite, were it let through


class Hung(BaseException):
    """Not an OSError, nor an Exception: no handler of plandiff's may take it for a read error."""


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A pipe opened for reading or writing blocks for ever: fail instead of hanging the suite."""

    def stop(*_: object) -> None:
        raise Hung("the command blocked (a pipe or a device was opened)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _snapshot(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            found[str(path)] = "->" + os.readlink(path)
        elif stat.S_ISREG(mode):
            found[str(path)] = f"{mode:o}:" + hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path)] = f"{mode:o}"
    return found


def _mknod(path: Path, kind: int, device: tuple[int, int]) -> None:
    try:
        os.mknod(path, kind | 0o666, os.makedev(*device))
    except (PermissionError, AttributeError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")


@pytest.fixture
def root(make_repo, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANDIFF_MAX_BYTES", str(CAP))  # see CAP
    return make_repo(LINEAGE_PLANS)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the repository root, standing for ~/.ssh and the like."""
    folder = tmp_path.parent / f"{tmp_path.name}-outside"
    folder.mkdir()
    return folder


# --- 1. writers: a file plandiff picks inside the repository ------------------------------------

VICTIMS: dict[str, Callable[[Path, Path], None]] = {}


def victim(name: str) -> Callable[[Callable[[Path, Path], None]], Callable[[Path, Path], None]]:
    def register(make: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
        VICTIMS[name] = make
        return make
    return register


@victim("link-out")
def _link_out(path: Path, outside: Path) -> None:
    (outside / "authorized_keys").write_text(MESSY, encoding="utf-8")
    path.symlink_to(outside / "authorized_keys")


@victim("link-out-dangling")
def _link_dangling(path: Path, outside: Path) -> None:
    path.symlink_to(outside / "created-by-plandiff")


@victim("link-out-relative")
def _link_relative(path: Path, outside: Path) -> None:
    (outside / "authorized_keys").write_text(MESSY, encoding="utf-8")
    path.symlink_to(os.path.relpath(outside / "authorized_keys", path.parent))


@victim("link-chain-out")
def _link_chain(path: Path, outside: Path) -> None:
    (outside / "authorized_keys").write_text(MESSY, encoding="utf-8")
    hop = path.parent / ".hop"
    hop.symlink_to(outside / "authorized_keys")
    path.symlink_to(hop)


@victim("link-to-device")
def _link_device(path: Path, outside: Path) -> None:
    # A node of its own, never the system's /dev/null: a writer that regressed would replace it.
    _mknod(outside / "null", stat.S_IFCHR, (1, 3))
    path.symlink_to(outside / "null")


@victim("fifo")
def _fifo(path: Path, outside: Path) -> None:
    os.mkfifo(path)


@victim("char-device")
def _device(path: Path, outside: Path) -> None:
    _mknod(path, stat.S_IFCHR, (1, 3))  # /dev/null's numbers: harmless if it were written


@victim("folder")
def _folder(path: Path, outside: Path) -> None:
    path.mkdir()
    (path / "inside.yaml").write_text(MESSY, encoding="utf-8")


WRITERS = {
    "fmt": lambda root, name: ["fmt", "--root", str(root)],
    "fmt FILE": lambda root, name: ["fmt", "--root", str(root), str(root / "plans" / name)],
}


@pytest.mark.parametrize("kind", sorted(VICTIMS))
@pytest.mark.parametrize("name", ["keys.yaml", "terms.yaml", "sources.yaml"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_no_writer_goes_through_a_link_out_of_the_root_or_over_a_special_file(
        run, root: Path, outside: Path, command: str, name: str, kind: str) -> None:
    shutil.copytree(IMPORT_LINEAGE / "seeds", root / "seeds")
    path = root / "plans" / name
    if path.exists():
        path.unlink()
    VICTIMS[kind](path, outside)
    (root / "plans" / "v1.yaml").write_text(LINEAGE_PLANS["plans/v1.yaml"] + "\n\n\n")  # to fmt
    before, away = _snapshot(root), _snapshot(outside)
    result = run(*WRITERS[command](root, name))
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code == 2, result.output
    assert f"plans/{name}" in result.stderr
    assert _snapshot(root) == before
    assert _snapshot(outside) == away


@pytest.mark.parametrize("kind", sorted(VICTIMS))
@pytest.mark.parametrize("name", ["v3.yaml", "sources.yaml"])
def test_import_writes_through_no_link_out_of_the_root_nor_over_a_special_file(
        run, root: Path, outside: Path, monkeypatch, name: str, kind: str) -> None:
    # `import` reads the whole repository first, which refuses such files; here one appears
    # between that reading and the write, and the writer refuses it on its own.
    import plandiff.importer.run as importer

    shutil.copytree(IMPORT_LINEAGE / "seeds", root / "seeds")
    real = importer.write_all
    seen: dict[str, dict[str, str]] = {}

    def meanwhile(files, **kwargs):
        path = root / "plans" / name
        if path.exists():
            path.unlink()
        VICTIMS[kind](path, outside)
        seen["root"], seen["outside"] = _snapshot(root), _snapshot(outside)
        return real(files, **kwargs)

    monkeypatch.setattr(importer, "write_all", meanwhile)
    result = run("import", str(root / "seeds" / "article.md"), "--parent", "v2", "--id", "v3",
                 "--date", "2025-03-01", "--force", root=root)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code == 2, result.output
    assert f"plans/{name}" in result.stderr and "nothing was written" in result.stderr
    assert _snapshot(root) == seen["root"] and _snapshot(outside) == seen["outside"]


@pytest.mark.parametrize("new_id", ["terms", "sources", "positions"])
def test_import_never_takes_the_registry_or_the_bibliography_for_a_version(
        run, root: Path, new_id: str) -> None:
    shutil.copytree(IMPORT_LINEAGE / "seeds", root / "seeds")
    before = _snapshot(root)
    result = run("import", str(root / "seeds" / "article.md"), "--parent", "v2", "--id", new_id,
                 "--force", root=root)
    assert result.exit_code == 2, result.output
    assert f"plans/{new_id}.yaml" in result.stderr
    assert _snapshot(root) == before


def test_the_whole_plans_folder_linked_out_of_the_root_is_not_written(
        run, root: Path, outside: Path) -> None:
    shutil.move(root / "plans", outside / "plans")
    (outside / "plans" / "v1.yaml").write_text(MESSY, encoding="utf-8")
    (root / "plans").symlink_to(outside / "plans")
    away = _snapshot(outside)
    for args in (["fmt"], ["fmt", str(root / "plans" / "v1.yaml")]):
        result = run(*args, root=root)
        assert result.exit_code == 2, result.output
        assert "outside the repository root" in result.stderr
    assert _snapshot(outside) == away


def test_fmt_through_a_link_inside_the_root_formats_the_target_and_keeps_its_mode(
        run, root: Path) -> None:
    (root / "drafts").mkdir()
    target = root / "drafts" / "v9.yaml"
    target.write_text("id:   v9\ntitle: 'x'\n", encoding="utf-8")
    target.chmod(0o640)
    (root / "plans" / "v9.yaml").symlink_to(Path("..") / "drafts" / "v9.yaml")
    result = run("fmt", str(root / "plans" / "v9.yaml"), root=root)
    assert result.exit_code == 0, result.output
    assert (root / "plans" / "v9.yaml").is_symlink()
    assert target.read_text(encoding="utf-8") == "id: v9\ntitle: x\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_import_keeps_the_mode_of_sources_yaml(run, make_repo) -> None:
    root = make_repo({})
    shutil.copytree(IMPORT_LINEAGE / "plans", root / "plans", dirs_exist_ok=True)
    shutil.copytree(IMPORT_LINEAGE / "seeds", root / "seeds")
    sources = root / "plans" / "sources.yaml"
    sources.chmod(0o600)
    result = run("import", str(root / "seeds" / "article.md"), "--parent", "v2", "--id", "v3",
                 "--date", "2025-03-01", root=root)
    assert result.exit_code == 0, result.output
    assert "registered source" in result.stderr
    assert stat.S_IMODE(sources.stat().st_mode) == 0o600


# --- 1 and 13. writers: a file you name (-o) ----------------------------------------------------

NAMED = {
    "report": lambda root, out: ["report", "v1", "v2", "-o", str(out), "--root", str(root)],
    "report html": lambda root, out: ["report", "v1", "v2", "-f", "html", "-o", str(out),
                                      "--root", str(root)],
    "schema": lambda root, out: ["schema", "terms", "-o", str(out)],
}
REFUSED_OUTPUTS: dict[str, Callable[[Path, Path], Path]] = {}


def refused_output(name: str) -> Callable[[Callable[[Path, Path], Path]], Callable[[Path, Path],
                                                                                     Path]]:
    def register(make: Callable[[Path, Path], Path]) -> Callable[[Path, Path], Path]:
        REFUSED_OUTPUTS[name] = make
        return make
    return register


@refused_output("link-to-file")
def _out_link_file(folder: Path, outside: Path) -> Path:
    (outside / "authorized_keys").write_text("ssh-ed25519 AAAA me\n", encoding="utf-8")
    (folder / "out").symlink_to(outside / "authorized_keys")
    return folder / "out"


@refused_output("link-dangling")
def _out_link_dangling(folder: Path, outside: Path) -> Path:
    (folder / "out").symlink_to(outside / "created-by-plandiff")
    return folder / "out"


@refused_output("link-to-folder")
def _out_link_folder(folder: Path, outside: Path) -> Path:
    (folder / "out").symlink_to(outside)
    return folder / "out"


@refused_output("folder")
def _out_folder(folder: Path, outside: Path) -> Path:
    (folder / "out").mkdir()
    return folder / "out"


@refused_output("fifo-without-reader")
def _out_fifo(folder: Path, outside: Path) -> Path:
    os.mkfifo(folder / "out")
    return folder / "out"


@refused_output("socket")
def _out_socket(folder: Path, outside: Path) -> Path:
    path = folder / "out"
    if len(str(path)) > 100:
        pytest.skip("the path is too long for a socket")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


@refused_output("block-device")
def _out_block(folder: Path, outside: Path) -> Path:
    _mknod(folder / "out", stat.S_IFBLK, (7, 200))
    return folder / "out"


@pytest.mark.parametrize("kind", sorted(REFUSED_OUTPUTS))
@pytest.mark.parametrize("command", sorted(NAMED))
def test_an_output_is_never_written_through_a_link_nor_over_a_special_file(
        run, root: Path, outside: Path, tmp_path: Path, command: str, kind: str) -> None:
    folder = tmp_path / "out-folder"
    folder.mkdir()
    out = REFUSED_OUTPUTS[kind](folder, outside)
    before, away = _snapshot(folder), _snapshot(outside)
    result = run(*NAMED[command](root, out))
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code == 2, result.output
    assert str(out) in result.stderr
    assert _snapshot(folder) == before and _snapshot(outside) == away


@pytest.mark.parametrize("device", ["char-device", "link-to-char-device"])
@pytest.mark.parametrize("command", sorted(NAMED))
def test_an_output_to_a_character_device_is_written_in_place(
        run, root: Path, outside: Path, tmp_path: Path, command: str, device: str) -> None:
    # `-o /dev/null` as a node of its own (the same numbers), never the system's: a regression
    # would replace the device with a regular file, as root.
    node = outside / "null"
    _mknod(node, stat.S_IFCHR, (1, 3))
    out = node
    if device == "link-to-char-device":  # like /dev/stdout, a link to a device
        out = tmp_path / "stdout"
        out.symlink_to(node)
    result = run(*NAMED[command](root, out))
    assert result.exit_code == 0, result.output
    assert node.is_char_device()
    assert out.is_char_device() and (device == "char-device" or out.is_symlink())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in outside.iterdir()] == ["null"]


@pytest.mark.parametrize("command", sorted(NAMED))
def test_an_output_to_a_pipe_with_a_reader_is_written_in_place(
        run, root: Path, tmp_path: Path, command: str) -> None:
    out = tmp_path / "pipe"
    os.mkfifo(out)
    # The read end is open before the command runs (as a shell's pipe is), and drained by a
    # thread, since a report is larger than a pipe's buffer.
    descriptor = os.open(out, os.O_RDONLY | os.O_NONBLOCK)
    received: list[bytes] = []
    done = threading.Event()

    def drain() -> None:
        while True:
            finished = done.is_set()  # before the read: then an empty read is the end
            try:
                chunk = os.read(descriptor, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                received.append(chunk)
            elif finished and chunk == b"":
                return
            else:
                done.wait(0.01)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        result = run(*NAMED[command](root, out))
    finally:
        done.set()
        reader.join()
        os.close(descriptor)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(out.lstat().st_mode)
    assert len(b"".join(received)) > 100


@pytest.mark.parametrize("command", sorted(NAMED))
def test_an_output_over_a_regular_file_keeps_its_mode(run, root: Path, tmp_path: Path,
                                                      command: str) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = run(*NAMED[command](root, out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# --- 16. site: folders never replaced, --force or not --------------------------------------------


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={"HOME": str(folder), "PATH": os.environ.get("PATH", "/usr/bin:/bin")})


SITE_TARGETS: dict[str, Callable[[Path, Path], Path]] = {
    "the root": lambda root, outside: root,
    "a folder holding the root": lambda root, outside: root.parent,
    ".git": lambda root, outside: root / ".git",
    "inside .git": lambda root, outside: root / ".git" / "refs",
    "plans": lambda root, outside: root / "plans",
    "seeds": lambda root, outside: root / "seeds",
    "a folder of the repository": lambda root, outside: root / "docs",
    "another git repository": lambda root, outside: outside / "clone",
    "another clone's .git": lambda root, outside: outside / "clone" / ".git",
    "a bare repository": lambda root, outside: outside / "bare.git",
    "another plan repository": lambda root, outside: outside / "tracker",
    "a symbolic link": lambda root, outside: outside / "link",
}


@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
@pytest.mark.parametrize("target", sorted(SITE_TARGETS))
def test_site_never_replaces_a_repository_its_metadata_or_a_folder_it_did_not_write(
        run, root: Path, outside: Path, target: str, force: bool) -> None:
    _git(root, "init", "-q")
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("a source", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "format.md").write_text("# the docs", encoding="utf-8")
    (outside / "clone").mkdir()
    _git(outside / "clone", "init", "-q")
    (outside / "clone" / "notes.txt").write_text("mine", encoding="utf-8")
    _git(outside, "init", "-q", "--bare", "bare.git")
    (outside / "tracker" / "plans").mkdir(parents=True)
    (outside / "link").symlink_to(outside / "clone")
    out = SITE_TARGETS[target](root, outside)
    before, away = _snapshot(root), _snapshot(outside)
    result = run("site", str(out), *(["--force"] if force else []), root=root)
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert _snapshot(root) == before and _snapshot(outside) == away


# --- 11 and the rest: readers ------------------------------------------------------------------

SOURCES: dict[str, Callable[[Path, Path], None]] = {}


def hostile(name: str) -> Callable[[Callable[[Path, Path], None]], Callable[[Path, Path], None]]:
    def register(make: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
        SOURCES[name] = make
        return make
    return register


@hostile("link-to-dev-zero")
def _zero(path: Path, outside: Path) -> None:
    path.symlink_to("/dev/zero")


@hostile("link-out")
def _secret(path: Path, outside: Path) -> None:
    (outside / "secret.yaml").write_text("password: hunter2\n", encoding="utf-8")
    path.symlink_to(outside / "secret.yaml")


@hostile("fifo")
def _pipe(path: Path, outside: Path) -> None:
    os.mkfifo(path)


@hostile("folder")
def _dir(path: Path, outside: Path) -> None:
    path.mkdir()


# The plan files of a repository may hold so many bytes in all (PLANDIFF_MAX_BYTES, lowered to
# CAP by the `root` fixture): a file over it is refused unread.
CAP = 1_000_000


@hostile("over-the-cap")
def _huge(path: Path, outside: Path) -> None:
    path.write_text("id: v1\nnote: " + "x" * CAP + "\n", encoding="utf-8")


@pytest.fixture
def no_dev_zero(monkeypatch) -> None:
    """Reading /dev/zero never ends (2.6 GB in 5 s): opening it fails the test at once."""
    import io

    real_io, real_os = io.open, os.open

    def refuse(path: object) -> None:
        if isinstance(path, (str, os.PathLike)) and os.path.realpath(path) == "/dev/zero":
            raise Hung(f"{path} (/dev/zero) was opened")

    def io_open(file: object, *args: object, **kwargs: object) -> object:
        refuse(file)
        return real_io(file, *args, **kwargs)  # type: ignore[call-overload]

    def os_open(path: object, *args: object, **kwargs: object) -> int:
        refuse(path)
        return real_os(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(os, "open", os_open)


READERS = {
    "check": ["check"], "log": ["log"], "diff": ["diff", "v1", "v2"], "show": ["show", "v1"],
    "history": ["history", "cap"], "report": ["report", "v1", "v2"], "fmt": ["fmt", "--check"],
}


@pytest.mark.parametrize("kind", sorted(SOURCES))
@pytest.mark.parametrize("name", ["v1.yaml", "terms.yaml"])
@pytest.mark.parametrize("command", sorted(READERS))
def test_every_reader_refuses_a_special_or_outside_plan_file(
        run, root: Path, outside: Path, no_dev_zero: None, command: str, name: str,
        kind: str) -> None:
    path = root / "plans" / name
    path.unlink()
    SOURCES[kind](path, outside)
    before = _snapshot(root)
    result = run(*READERS[command], root=root)
    assert "Traceback" not in result.output and "internal error" not in result.output
    if command == "check":
        assert result.exit_code == 1, result.output
    elif result.exit_code == 0:  # a command that can do without a broken version file says so
        assert name.startswith("v") and f"{name} has 1 error(s) and is left out" in result.stderr
    else:
        assert result.exit_code == 2, result.output
    assert f"plans/{name}" in result.output
    assert "hunter2" not in result.output
    assert _snapshot(root) == before


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_textconv_reads_under_the_same_rules(run, root: Path, outside: Path, tmp_path: Path,
                                             no_dev_zero: None, kind: str) -> None:
    path = tmp_path / "given.yaml"  # git passes a path outside the root
    SOURCES[kind](path, outside)
    result = run("textconv", str(path), root=root)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"(plandiff textconv: cannot read {path}: ")
    assert len(result.stdout) < 300 and "hunter2" not in result.stdout


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_textconv_reads_the_registry_under_the_same_rules(run, root: Path, outside: Path,
                                                          no_dev_zero: None, kind: str) -> None:
    terms = root / "plans" / "terms.yaml"
    registry = terms.read_text(encoding="utf-8").replace("Troop cap", "Troop cap hunter2")
    terms.unlink()
    SOURCES[kind](terms, outside)
    if kind == "link-out":  # a registry that would be shown, were it read
        (outside / "secret.yaml").write_text(registry, encoding="utf-8")
    elif kind == "over-the-cap":
        terms.write_text(registry + "#" + "x" * CAP + "\n", encoding="utf-8")
    result = run("textconv", str(root / "plans" / "v1.yaml"), root=root)
    assert result.exit_code == 0, result.output
    assert "army" in result.stdout and len(result.stdout) < 10_000
    assert "hunter2" not in result.stdout


# --- 12. a source's file: that no file system takes -----------------------------------------------


@pytest.mark.parametrize("file", ['"seeds/a\\0b.txt"', '"\\0"', "seeds/" + "a" * 300,
                                  "seeds/" + "a/" * 3000 + "x.txt", '"seeds/a\\nb.txt"'],
                         ids=["nul", "only-nul", "long-name", "long-path", "newline"])
def test_check_reports_a_source_file_no_file_system_takes(run, root: Path, file: str) -> None:
    sources = root / "plans" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + f"c:\n  outlet: C\n  file: {file}\n",
                       encoding="utf-8")
    result = run("check", root=root)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code == 1, result.output
    assert "plans/sources.yaml:10:9: error: source `c`: file" in result.stdout
    assert "[bad-source-file]" in result.stdout
    # Only check reads source files; the others refuse a control character in any field.
    diff = run("diff", "v1", "v2", root=root)
    assert "Traceback" not in diff.output
    assert diff.exit_code == (2 if "\\" in file else 0), diff.output


# --- 14. ids: a full match, no trailing newline -------------------------------------------------


@pytest.mark.parametrize("new_id", ["v3\n", "v3\r", "v3\n\n", "\nv3", "v3 ", "V3", "x" * 121])
def test_import_refuses_an_id_that_is_not_a_slug(run, root: Path, new_id: str) -> None:
    shutil.copytree(IMPORT_LINEAGE / "seeds", root / "seeds")
    before = _snapshot(root)
    result = run("import", str(root / "seeds" / "article.md"), "--parent", "v2", "--id", new_id,
                 root=root)
    assert result.exit_code == 2, result.output
    assert "is not a valid version id" in result.stderr
    assert _snapshot(root) == before


@pytest.mark.parametrize("where", ["terms.yaml", "sources.yaml", "choice", "version", "clause",
                                   "was", "cites"])
def test_check_refuses_an_id_ending_in_a_newline(run, root: Path, where: str,
                                                 tmp_path: Path) -> None:
    plans = root / "plans"
    edits = {
        # a new id that nothing cites: only its own shape can refuse it
        "terms.yaml": ("terms.yaml", "cap:\n", '"extra\\n": {label: X, type: text}\ncap:\n'),
        "sources.yaml": ("sources.yaml", "b:\n", '"c\\n": {outlet: C}\nb:\n'),
        "choice": ("terms.yaml", "    barred: Barred", '    "barred\\n": Barred'),
        "version": ("v1.yaml", "id: v1\n", 'id: "v1\\n"\n'),
        "clause": ("v1.yaml", "  - id: quiet\n", '  - id: "quiet\\n"\n'),
        "was": ("v2.yaml", "    was: nato-old\n", '    was: "nato-old\\n"\n'),
        "cites": ("v2.yaml", "cites: [{source: b}]\n  - id: amnesty",
                  'cites: [{source: "b\\n"}]\n  - id: amnesty'),
    }
    name, old, new = edits[where]
    text = (plans / name).read_text(encoding="utf-8")
    assert old in text
    (plans / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run("check", root=root)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    if name != "terms.yaml" or where != "choice":
        assert "is not a slug [not-a-slug]" in result.stdout
    out = tmp_path / "site"
    assert run("site", str(out), root=root).exit_code == 2
    assert not out.exists()


@pytest.mark.parametrize("code", ["US\\n", "US\\r", "\\nUS", "us", "US "])
def test_check_refuses_a_party_code_that_is_not_one(run, root: Path, code: str) -> None:
    (root / "plans" / "positions.yaml").write_text(
        f'parties:\n  "{code}": United States\n  UA: Ukraine\npositions: []\n', encoding="utf-8")
    result = run("check", root=root)
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert "plans/positions.yaml:2:" in result.stdout and "[bad-party-code]" in result.stdout


# --- 15. import: numbers too large for a plan ---------------------------------------------------


@pytest.mark.parametrize("digits", [16, 101, 308, 309, 400, 5000])
@pytest.mark.parametrize("form", ["{n} troops", "${n}", "{n} days", "{n}%", "{n}.5 million"])
def test_import_leaves_a_huge_number_for_review(run, root: Path, digits: int, form: str) -> None:
    (root / "seeds").mkdir()
    article = root / "seeds" / "huge.md"
    number = "9" * digits
    article.write_text(f"1. The army is capped at {form.format(n=number)} in peacetime.\n"
                       "2. Ukraine's membership of NATO is left to consensus.\n",
                       encoding="utf-8")
    result = run("import", str(article), "--parent", "v2", "--id", "v3", "--date", "2025-03-01",
                 root=root)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exit_code in (0, 1), result.output
    assert "which plandiff cannot read" in result.stderr  # left for review, not guessed
    check = run("check", root=root)
    assert "number-too-large" not in check.stdout and "bad-value" not in check.stdout


# --- 7 and 17. fmt: an edit made while it runs, and all or nothing --------------------------------


def _messy_repo(make_repo) -> Path:
    return make_repo({f"plans/{name}.yaml": f"id:   {name}\ntitle: 'T'\n"
                      for name in ("a1", "a2", "a3")})


@pytest.mark.parametrize("edit", ["content", "same-size", "touch", "replaced", "deleted",
                                  "made-a-link-out"])
@pytest.mark.parametrize("which", ["a1", "a3"])
def test_fmt_refuses_a_file_edited_while_it_runs_and_writes_nothing(
        run, make_repo, monkeypatch, outside: Path, edit: str, which: str) -> None:
    import plandiff.repo.fmt as fmt

    root = _messy_repo(make_repo)
    path = root / "plans" / f"{which}.yaml"
    real = fmt.write_changed

    def meanwhile(results, where):  # an editor saves the file between the read and the write
        if edit == "content":
            path.write_text("id: a9\ntitle: edited by hand\n", encoding="utf-8")
        elif edit == "same-size":
            stamp = path.stat()
            path.write_text(path.read_text(encoding="utf-8").replace("T", "U"), encoding="utf-8")
            os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        elif edit == "touch":
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        elif edit == "replaced":
            other = path.with_name("new")
            other.write_bytes(path.read_bytes())
            os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
            os.replace(other, path)
        elif edit == "deleted":
            path.unlink()
        else:
            (outside / "keys").write_text("x", encoding="utf-8")
            path.unlink()
            path.symlink_to(outside / "keys")
        return real(results, where)

    monkeypatch.setattr(fmt, "write_changed", meanwhile)
    result = run("fmt", root=root)
    assert result.exit_code == 2, result.output
    assert f"{which}.yaml" in result.stderr and "nothing was" in result.stderr
    after = _snapshot(root)
    for name in ("a1", "a2", "a3"):
        if name != which:
            assert (root / "plans" / f"{name}.yaml").read_text() == f"id:   {name}\ntitle: 'T'\n"
    assert not [p for p in after if Path(p).name.startswith(".")]
    if edit == "made-a-link-out":
        assert (outside / "keys").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("failing", ["rename", "temporary", "fsync"])
def test_fmt_writes_all_files_or_none(run, make_repo, monkeypatch, failing: str) -> None:
    import tempfile

    import plandiff.repo.writer as files

    root = _messy_repo(make_repo)
    before = _snapshot(root)
    real_replace, real_mkstemp, real_fsync = os.replace, tempfile.mkstemp, os.fsync
    calls = {"n": 0}

    def later(real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == 3:  # the first two files went well; the third fails
                raise OSError(28, "No space left on device")
            return real(*args, **kwargs)
        return call

    if failing == "rename":
        monkeypatch.setattr(files.os, "replace", later(real_replace))
    elif failing == "temporary":
        monkeypatch.setattr(files.tempfile, "mkstemp", later(real_mkstemp))
    else:
        monkeypatch.setattr(files.os, "fsync", later(real_fsync))
    result = run("fmt", root=root)
    assert result.exit_code == 2, result.output
    assert "nothing was changed" in result.stderr
    assert _snapshot(root) == before


# --- 17. --root before the shortcut, review of linked folders, quotes of readable versions -------


@pytest.mark.parametrize("args", [["--root", "{root}", "v1", "v2"], ["--root={root}", "v1", "v2"],
                                  ["--root", "{root}", "diff", "v1", "v2"],
                                  ["--root", "{root}", "v1", "v2", "-f", "json"],
                                  ["--root", "{root}", "log"]])
def test_global_options_come_before_the_command_or_the_shortcut(root: Path, args: list[str],
                                                                tmp_path: Path) -> None:
    argv = [a.format(root=root) for a in args]
    result = subprocess.run([sys.executable, "-m", "plandiff", *argv], capture_output=True,
                            text=True, cwd=tmp_path.parent, env={**os.environ, "NO_COLOR": "1"},
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "v1" in result.stdout


@pytest.mark.parametrize("link", ["plans/drafts", "seeds/linked", "seeds", "plans/v9.yaml"])
def test_working_tree_review_lists_a_linked_folder_as_a_link(run, root: Path, outside: Path,
                                                             link: str) -> None:
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("text", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "b")
    (root / "inside").mkdir()
    (root / "inside" / "v9.yaml").write_text("id: v9\n", encoding="utf-8")
    path = root / link
    if path.exists():
        shutil.rmtree(path)
    path.symlink_to(root / "inside" / ("v9.yaml" if link.endswith(".yaml") else ""))
    result = run("review", "main", root=root)
    assert result.exit_code == 1, result.output
    assert f"{link}: error: a symbolic link in the plan repository" in result.stdout


def test_quotes_of_readable_versions_are_checked_when_another_is_unreadable(
        run, root: Path) -> None:
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text("The army will be capped.", encoding="utf-8")
    sources = root / "plans" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "  url: https://example.org/a\n", "  url: https://example.org/a\n  file: seeds/a.txt\n"),
        encoding="utf-8")
    v1 = root / "plans" / "v1.yaml"
    v1.write_text(v1.read_text(encoding="utf-8").replace('quote: "capped"', 'quote: "invented"'),
                  encoding="utf-8")
    (root / "plans" / "v3.yaml").write_bytes(b"id: v3\ntitle: caf\xe9\n")
    result = run("check", root=root)
    assert result.exit_code == 1
    assert "plans/v3.yaml:2:" in result.stdout and "not UTF-8" in result.stdout
    assert "plans/v1.yaml:12:" in result.stdout
    assert "error: quote does not occur in seeds/a.txt (source `a`)" in result.stdout


@pytest.mark.parametrize("name", ["../escaped.html", "{tmp}/escaped.html", "a/../../escaped.html"])
def test_site_writes_no_page_outside_its_folder(tmp_path: Path, name: str) -> None:
    from plandiff.core.problems import PlandiffError
    from plandiff.repo.site_folder import MARKER, write_site

    name = name.format(tmp=tmp_path)
    out = tmp_path / "site"
    with pytest.raises(PlandiffError, match="leads out of the site"):
        write_site({"index.html": "x", name: "escaped", MARKER: ""}, out)
    assert not out.exists() and not (tmp_path / "escaped.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_fmt_files_of_another_repository_or_of_none_are_refused(run, root: Path, outside: Path,
                                                                 monkeypatch) -> None:
    (outside / "plans").mkdir()
    other = outside / "plans" / "v9.yaml"
    other.write_text(MESSY, encoding="utf-8")
    loose = outside / "loose.yaml"
    loose.write_text(MESSY, encoding="utf-8")
    monkeypatch.chdir(root)
    result = run("fmt", str(other))  # the repository here is root, not outside
    assert result.exit_code == 2, result.output
    assert "is not in the plan repository" in result.stderr
    shutil.rmtree(outside / "plans")
    monkeypatch.chdir(outside.parent)
    monkeypatch.setenv("PLANDIFF_ROOT", "")
    result = run("fmt", str(loose))
    assert result.exit_code == 2, result.output
    assert loose.read_text(encoding="utf-8") == MESSY
