"""Where plandiff keeps its caches (the output of `plandiff A B`, the repositories it read), and
whether it may: one definition for both. Imports nothing but `os`: the quick path reads it at
every start."""

from __future__ import annotations

import contextlib
import os
import stat
import sys

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs the quick path
if TYPE_CHECKING:
    from collections.abc import Callable
    from hashlib import blake2b as Blake2b

CACHE_ENV = "PLANDIFF_CACHE"
CACHE_DIR_ENV = "PLANDIFF_CACHE_DIR"
_OFF = frozenset({"0", "off", "no", "false"})


def enabled() -> bool:
    """False when PLANDIFF_CACHE turns the caches off (0, off, no, false)."""
    return os.environ.get(CACHE_ENV, "").strip().lower() not in _OFF


def cache_folder() -> str | None:
    """The user's plandiff cache folder (PLANDIFF_CACHE_DIR, else $XDG_CACHE_HOME/plandiff, else
    ~/.cache/plandiff), or None when that is not an absolute path."""
    chosen = os.environ.get(CACHE_DIR_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "plandiff")
    return chosen if os.path.isabs(chosen) else None


def hasher() -> Blake2b:
    """A fresh BLAKE2b hash of 20 bytes (without importing hashlib, which costs several ms)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover (every CPython build has it)
        from hashlib import blake2b
    return blake2b(digest_size=20)


class Uncacheable(Exception):
    """Something a key cannot vouch for: a symbolic link, a pipe, folders nested too deep."""


# The plandiff package, keyed as code: every file in it but compiled bytecode and the bundled
# corpus (which is keyed as plan files, when it is the repository read).
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SKIPPED = frozenset({"__pycache__", "_corpus"})
# The package digest the output cache's key worked out in this process, by package: the
# repository cache, keyed once a process, takes it rather than reading the package again.
made: dict[str, bytes] = {}
# The digest of a plans/ folder (by its real path) that the output cache's key worked out for the
# command now running: the repository cache's key takes it rather than reading every plan file
# again. Set and cleared around one command (cli/quick.py), so never older than that command.
plans_now: dict[str, bytes] = {}


def feed_tree(feed: Callable[[bytes], object], top: str, *, code: bool, by_stat: bool = False,
              depth: int = 0) -> int:
    """Every name, kind and byte under `top`, in name order (for the package: every file but
    bytecode and the bundled corpus). With `by_stat`, a file's size, times, inode and device
    stand for its bytes (the package's fingerprint, see known_package_digest). Returns the
    newest time (ns) a file fed by its stat was changed, 0 otherwise. Raises Uncacheable for a
    link, a pipe or a device."""
    newest = 0
    entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    for entry in entries:
        if code and entry.name in _SKIPPED:
            continue
        # the kind from the folder's listing (no stat of each file where the system gives it)
        name = entry.name.encode("utf-8", "surrogateescape")
        if entry.is_symlink():
            raise Uncacheable  # where a link leads can change without any byte here changing
        if entry.is_dir(follow_symlinks=False):
            if depth >= 4:
                raise Uncacheable
            feed(b"d" + len(name).to_bytes(4, "big") + name)
            newest = max(newest, feed_tree(feed, entry.path, code=code, by_stat=by_stat,
                                           depth=depth + 1))
        elif entry.is_file(follow_symlinks=False):
            if by_stat:
                info = entry.stat(follow_symlinks=False)
                feed(b"s" + len(name).to_bytes(4, "big") + name + repr((
                    info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino,
                    info.st_dev)).encode())
                newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
                continue
            # Every file of the package, whatever its kind: the compiled catalogs (.mo) too, or
            # a corrected and compiled translation was served in its old words from a cache.
            with open(entry.path, "rb") as stream:
                data = stream.read()
            feed(b"f" + len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big"))
            feed(data)
        else:
            raise Uncacheable
    feed(b"end")
    return newest


def package_digest(package: str = PACKAGE) -> bytes:
    """The digest of the code that reads and prints: the Python that runs it, every file of the
    package (core, render, the catalogs under locale/) and the installed distributions (their
    names carry their versions: rich, ruamel.yaml ...), worked out afresh. Raises OSError or
    Uncacheable."""
    digest = hasher()
    _interpreter(digest.update)
    feed_tree(digest.update, package, code=True)
    _distributions(digest.update)
    return digest.digest()


# A package digest is kept in PACKAGES under the package's fingerprint: the same walk with each
# file's size, modification and change times, inode and device in place of its bytes. Any write
# to a file sets its change time (which no program can set back) and a replaced file is another
# inode, so a fingerprint found again means the same bytes; as git does for files changed within
# its clock's resolution, no digest is kept while a file of the package changed in the last
# RACY_SECONDS (file systems whose clocks step by a second or two).
PACKAGES = "packages"
RACY_SECONDS = 3
_MAX_PACKAGES = 16


def known_package_digest(package: str = PACKAGE, *, plans: str | None = None) -> bytes:
    """package_digest, read back from the cache folder when no file of the package changed since
    it was worked out (a stat of each file instead of reading a megabyte of code at every run);
    never kept inside `plans` (the plans/ folder of the repository being read). Raises OSError
    or Uncacheable."""
    import time

    top = cache_folder()
    if top is None:
        return package_digest(package)
    folder = os.path.join(top, PACKAGES)
    fingerprint, newest = _fingerprint(package)
    name = fingerprint.hex()
    if private_folder(folder, create=False):
        try:
            with open(os.path.join(folder, name), "rb") as stream:
                kept = stream.read(41)
            if len(kept) == 40:
                return bytes.fromhex(kept.decode("ascii"))
        except (OSError, ValueError):
            pass  # none kept, or a damaged one: worked out afresh and kept again
    digest = package_digest(package)
    # A file written while it is read changes its times after the fingerprint was taken: that
    # fingerprint never comes back. One being written as the fingerprint is taken is recent.
    settled = newest < time.time_ns() - RACY_SECONDS * 1_000_000_000
    if settled and not inside(folder, plans) and private_folder(folder, create=True):
        with contextlib.suppress(OSError):
            write_entry(folder, name, digest.hex().encode("ascii"))
            prune(folder, _MAX_PACKAGES)
    return digest


def _fingerprint(package: str) -> tuple[bytes, int]:
    """The package's fingerprint, and the newest time (ns) one of its files changed."""
    digest = hasher()
    _interpreter(digest.update)
    place = os.path.realpath(package).encode("utf-8", "surrogateescape")
    digest.update(len(place).to_bytes(8, "big") + place)
    newest = feed_tree(digest.update, package, code=True, by_stat=True)
    _distributions(digest.update)
    return digest.digest(), newest


def _interpreter(feed: Callable[[bytes], object]) -> None:
    # The interpreter itself, whichever of its names ran it (a virtual environment's `python` and
    # `python3`, which the `plandiff` script names, are one interpreter).
    for part in (sys.version.encode(), os.path.realpath(sys.executable).encode(
            "utf-8", "surrogateescape")):
        feed(len(part).to_bytes(8, "big") + part)


def _distributions(feed: Callable[[bytes], object]) -> None:
    for place in sys.path:
        if place and os.path.isdir(place):
            names = sorted(name for name in os.listdir(place)
                           if name.endswith((".dist-info", ".egg-info", ".pth")))
            if names:  # a folder of no distributions (the script's, the working one) changes
                # nothing installed: `plandiff`, `python -m plandiff` and the API share entries
                feed(repr((place, names)).encode("utf-8", "surrogateescape"))


def inside(folder: str, plans: str | None) -> bool:
    """Whether `folder` is `plans` or in it (a cache folder is never one: what it keeps would
    change the files it is keyed by)."""
    if plans is None:
        return False
    real, plans = os.path.realpath(folder), os.path.realpath(plans)
    return real == plans or real.startswith(plans + os.sep)


def private_folder(folder: str, *, create: bool) -> bool:
    """Whether `folder` is a real folder of this user that no one else may use (made 0700 when
    asked), in a folder of this user that no one else may write to."""
    parent = os.path.dirname(folder)
    try:
        if create and not os.path.lexists(folder):
            if not os.path.lexists(parent):
                os.makedirs(parent, mode=0o700, exist_ok=True)
            if _owned(os.lstat(parent), 0o022):
                os.mkdir(folder, mode=0o700)
        if not _owned(os.lstat(parent), 0o022):
            return False  # another user could swap the folder for theirs
        info = os.lstat(folder)
    except OSError:
        return False
    if not _owned(info, 0):
        return False
    if info.st_mode & 0o077:
        if not create:
            return False
        try:  # ours, but left open by someone's umask: private before anything is written
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return True


def _owned(info: os.stat_result, forbidden: int) -> bool:
    """A real folder (not a link) of this user, without the `forbidden` mode bits."""
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and not info.st_mode & forbidden and mine


def write_entry(folder: str, name: str, *parts: bytes) -> None:
    """The `parts`, one after the other, as folder/name (never joined into one copy), whole or
    not at all: written to a new file only this user can read
    (0600, under a random name that is never followed if it is a link), then renamed into place.
    As tempfile.mkstemp does, without importing tempfile (shutil, random: some ms on every write).
    Raises OSError."""
    temporary = os.path.join(folder, f".entry.{os.getpid()}.{os.urandom(8).hex()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o600)
    try:
        with open(handle, "wb", buffering=0) as stream:
            for part in parts:
                view = memoryview(part)
                while view:  # a raw write may take less than it is given
                    written = stream.write(view)
                    if not written:
                        raise OSError("nothing written")
                    view = view[written:]
        os.replace(temporary, os.path.join(folder, name))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def prune(folder: str, keep: int) -> None:
    """Delete all but the newest `keep` entries of a cache folder (hidden files aside)."""
    entries = [entry for entry in os.scandir(folder) if not entry.name.startswith(".")]
    if len(entries) <= keep:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[:len(entries) - keep]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
