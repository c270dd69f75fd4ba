"""Where plandiff keeps its caches (the output of `plandiff A B`, the repositories it read), and
whether it may: one definition for both. Imports nothing but `os`: the quick path reads it at
every start."""

from __future__ import annotations

import contextlib
import os
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


def feed_tree(feed: Callable[[bytes], object], top: str, *, code: bool, depth: int = 0) -> None:
    """Every name, kind and byte under `top`, in name order (for the package: every file but
    bytecode and the bundled corpus). Raises Uncacheable for a link, a pipe or a device."""
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
            feed_tree(feed, entry.path, code=code, depth=depth + 1)
        elif entry.is_file(follow_symlinks=False):
            # Every file of the package, whatever its kind: the compiled catalogs (.mo) too, or
            # a corrected and compiled translation was served in its old words from a cache.
            with open(entry.path, "rb") as stream:
                data = stream.read()
            feed(b"f" + len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big"))
            feed(data)
        else:
            raise Uncacheable
    feed(b"end")


def package_digest(package: str = PACKAGE) -> bytes:
    """The digest of the code that reads and prints: the Python that runs it, every file of the
    package (core, render, the catalogs under locale/) and the installed distributions (their
    names carry their versions: rich, ruamel.yaml ...), worked out afresh. Raises OSError or
    Uncacheable."""
    digest = hasher()
    # The interpreter itself, whichever of its names ran it (a virtual environment's `python` and
    # `python3`, which the `plandiff` script names, are one interpreter).
    for part in (sys.version.encode(), os.path.realpath(sys.executable).encode(
            "utf-8", "surrogateescape")):
        digest.update(len(part).to_bytes(8, "big") + part)
    feed_tree(digest.update, package, code=True)
    for place in sys.path:
        if place and os.path.isdir(place):
            names = sorted(name for name in os.listdir(place)
                           if name.endswith((".dist-info", ".egg-info", ".pth")))
            if names:  # a folder of no distributions (the script's, the working one) changes
                # nothing installed: `plandiff`, `python -m plandiff` and the API share entries
                digest.update(repr((place, names)).encode("utf-8", "surrogateescape"))
    return digest.digest()


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
