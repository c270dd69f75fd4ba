"""Where plandiff keeps its caches (the output of `plandiff A B`, the repositories it read), and
whether it may: one definition for both. Imports nothing but `os`: the quick path reads it at
every start."""

from __future__ import annotations

import contextlib
import os

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs the quick path
if TYPE_CHECKING:
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


def write_entry(folder: str, name: str, data: bytes) -> None:
    """`data` as folder/name, whole or not at all: written to a new file only this user can read
    (0600, under a random name that is never followed if it is a link), then renamed into place.
    As tempfile.mkstemp does, without importing tempfile (shutil, random: some ms on every write).
    Raises OSError."""
    temporary = os.path.join(folder, f".entry.{os.getpid()}.{os.urandom(8).hex()}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o600)
    try:
        with open(handle, "wb") as stream:
            stream.write(data)
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
