"""Writing files, for every command that writes one: guarded, and all of a command's files or none.

Guarded: a file plandiff picks inside a repository (`fmt`, `import`) is written only when it
resolves inside the root and is a regular file (or does not exist yet), so a symbolic link in
plans/ never carries a write out of the repository. A file you name (`-o FILE`) is written where
you name it, never through a symbolic link; a character device or a pipe (/dev/null, /dev/stdout)
is written in place, not replaced.

All or none: every file goes to a temporary file beside it (mode kept); then, one by one, each file
read earlier is checked to be unchanged and at once renamed into place; when a check or a rename
fails, the files already replaced get their old content back (unless edited again meanwhile).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from plandiff.core.problems import PlandiffError
from plandiff.core.records import record


@record(frozen=False)
class Unwritable(PlandiffError):
    """A path plandiff refuses to write; `reason` is the message without the path."""

    code: str = "unwritable"
    reason: str = ""


def _refuse(shown: str, reason: str, code: str, hint: str | None = None) -> Unwritable:
    return Unwritable(f"{shown}: {reason}", hint, code=code, reason=reason)


@record
class Stamp:
    """A file as it was read: replacing it is refused unless it is still so."""

    size: int
    mtime_ns: int
    inode: int
    digest: str


def stamp(status: os.stat_result, data: bytes) -> Stamp:
    """The stamp of a file whose status was taken before `data` was read from it."""
    return Stamp(status.st_size, status.st_mtime_ns, status.st_ino,
                 hashlib.sha256(data).hexdigest())


@record
class Planned:
    """One file to write. `root`: the repository the file must resolve inside (None for a path
    the user named); `expect`: the file must still be as it was read; `new`: it must not exist."""

    path: Path
    text: str
    root: Path | None = None
    expect: Stamp | None = None
    new: bool = False


def target_in_root(path: Path, root: Path, shown: str | None = None) -> Path:
    """The file that writing `path` replaces (a symbolic link inside the root is followed to its
    target). Raises PlandiffError when it resolves outside `root` or is not a regular file."""
    shown = shown or str(path)
    try:
        base = root.resolve()
        target = path.resolve()
        status = os.lstat(target) if target.exists() or target.is_symlink() else None
    except (OSError, ValueError, RuntimeError) as error:
        raise _refuse(shown, f"cannot be written: {_why(error)}", "unwritable") from None
    if base not in target.parents:
        if base not in Path(os.path.abspath(path)).parents:
            raise _refuse(shown, f"is not in the plan repository {base}; plandiff writes only"
                          " inside it", "outside-root", "give --root the repository it is in")
        raise _refuse(shown, "leads outside the repository root through a symbolic link;"
                      " plandiff writes only inside it", "outside-root",
                      "replace the link with the file itself")
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise _refuse(shown, f"is not a regular file ({_kind(status.st_mode)}); plandiff"
                      " replaces only regular files", "not-a-file",
                      "move it out of plans/, or give another path")
    return target


def named_target(path: Path, shown: str | None = None) -> tuple[Path, bool]:
    """Where writing a path the user named lands, and whether it is written in place (a character
    device or a pipe). Raises PlandiffError for a symbolic link to anything else, a folder, a
    socket or a block device."""
    shown = shown or str(path)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return path, False
    except (OSError, ValueError) as error:
        raise _refuse(shown, f"cannot be written: {_why(error)}", "unwritable") from None
    mode = status.st_mode
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except (OSError, ValueError):
            mode = 0
        if not _in_place(mode):
            raise _refuse(shown, "is a symbolic link; plandiff writes no file through a link",
                          "symlink", "give the path of the file itself, or leave out -o to print"
                          " to standard output")
    if _in_place(mode):
        return path, True
    if not stat.S_ISREG(mode):
        raise _refuse(shown, f"is not a regular file ({_kind(mode)}); plandiff replaces only"
                      " regular files, and writes in place only to character devices and pipes",
                      "not-a-file", "give another path")
    return path, False


def write_files(planned: Sequence[Planned]) -> None:
    """Write every planned file, or none. Raises PlandiffError saying why nothing was changed."""
    targets: list[tuple[Planned, Path, bool]] = []
    for item in planned:
        try:
            if item.root is not None:
                target, in_place = target_in_root(item.path, item.root), False
            else:
                target, in_place = named_target(item.path)
        except Unwritable as error:
            raise Unwritable(f"{error.message}; nothing was written", error.hint, code=error.code,
                             reason=error.reason) from None
        if item.new and (target.exists() or target.is_symlink()):
            raise PlandiffError(f"{item.path} exists",
                                "give another --id, or --force to replace it")
        targets.append((item, target, in_place))
    temporaries: list[tuple[Path, Path, int | None]] = []  # temporary, target, original mode
    originals: dict[Path, bytes | None] = {}
    texts: dict[Path, str] = {}
    try:
        for item, target, in_place in targets:
            if in_place:
                continue
            folder = target.parent
            if not folder.is_dir():
                raise PlandiffError(f"{item.path}: the folder {folder} does not exist",
                                    "create it first or choose another path")
            mode = _mode_of(target)
            if len(targets) > 1:  # to put back, should a later rename fail
                originals[target] = target.read_bytes() if mode is not None else None
            temporary = _temporary(folder, target.name, item.text, mode)
            temporaries.append((temporary, target, mode))
            texts[target] = item.text
        expected = {target: item for item, target, _ in targets if item.expect is not None}
        replaced: list[Path] = []
        try:
            for temporary, target, _ in temporaries:
                # Each file is checked right before its own replace, never all first: an edit
                # saved while the others are checked would otherwise be overwritten.
                if target in expected:
                    _still_as_read(expected[target], target)
                os.replace(temporary, target)
                replaced.append(target)
        except BaseException:
            for target in replaced:
                _restore(target, originals.get(target), written=texts[target])
            raise
        for item, target, in_place in targets:
            if in_place:
                _write_in_place(target, item.text)
    except OSError as error:
        where = getattr(error, "filename", None) or "the files"
        raise PlandiffError(f"cannot write {where}: {_why(error)}; nothing was changed",
                            "check that the folder is writable and has room") from None
    finally:
        for temporary, _, _ in temporaries:
            temporary.unlink(missing_ok=True)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write a file the user named (`-o FILE`): atomically, or in place for a device."""
    write_files([Planned(Path(path), text)])


# A temporary file of write_files: `.NAME.PID.XXXXXXXX.tmp` (older runs: `.NAME.XXXXXXXX.tmp`).
_TEMPORARY = re.compile(r"\.(?P<name>.+?)\.(?:(?P<pid>[0-9]+)\.)?[a-z0-9_]{8}\.tmp")
# A run that is still writing its files renames them within moments; one older than this was
# left by a run that was killed (or lost its machine) between writing and renaming.
STALE_AFTER_SECONDS = 600


def remove_leftover_temporaries(folders: Sequence[Path], *, now: float | None = None
                                ) -> list[Path]:
    """Delete the temporary files that an interrupted run of plandiff left in `folders`: those
    of a process that no longer runs, or older than STALE_AFTER_SECONDS. Returns what was
    removed; a file that cannot be removed is left."""
    now = time.time() if now is None else now
    removed = []
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMPORARY.fullmatch(entry.name)
            try:
                if match is None or not entry.is_file(follow_symlinks=False):
                    continue
                old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS
                pid = match["pid"]
                if old or (pid is not None and not _running(int(pid))):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's process, or no such number
        return True
    return True


# --- helpers ------------------------------------------------------------------------------------


def _in_place(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a file"


def _why(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _mode_of(target: Path) -> int | None:
    """The permission bits of the file being replaced, None when there is none yet."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        return None


def _temporary(folder: Path, name: str, text: str, mode: int | None) -> Path:
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=".tmp",
                                         dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, default_mode() if mode is None else mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _still_as_read(item: Planned, target: Path) -> None:
    """Refuse when the file changed since it was read (an editor saved it meanwhile)."""
    expect = item.expect
    assert expect is not None
    try:
        status = os.stat(target)
        data = target.read_bytes() if stat.S_ISREG(status.st_mode) else b""
    except OSError:
        status, data = None, b""
    if status is None or stamp(status, data) != expect:
        raise PlandiffError(f"{item.path}: changed while plandiff was formatting it; nothing"
                            " was written", "run the command again")


def _restore(target: Path, original: bytes | None, *, written: str) -> None:
    """Put back what `target` held before plandiff replaced it with `written`, unless it was
    edited again since (that edit is newer than both)."""
    try:
        if target.read_bytes() != written.encode("utf-8"):
            return
    except OSError:
        return
    if original is None:
        target.unlink(missing_ok=True)
        return
    mode = _mode_of(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.",
                                         suffix=".tmp", dir=target.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(original)
    os.chmod(temporary, default_mode() if mode is None else mode)
    os.replace(temporary, target)


def _write_in_place(target: Path, text: str) -> None:
    """Write to a character device or a pipe: opened without creating or truncating anything,
    and without waiting for ever on a pipe nobody reads."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(target, flags)
    except OSError as error:
        raise PlandiffError(f"{target}: cannot write: {_why(error)}",
                            "a pipe needs a reader; give a file instead") from None
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        status = os.fstat(descriptor)
        if not _in_place(status.st_mode):  # swapped for something else since it was checked
            raise PlandiffError(f"{target}: changed while plandiff was writing; nothing was"
                                " written", "run the command again")
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n", closefd=False) as stream:
            stream.write(text)
    finally:
        os.close(descriptor)


def default_mode() -> int:
    """The mode a new file gets from open() under the current umask (mkstemp's is 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
