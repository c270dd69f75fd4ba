"""What `plandiff A B` (and any view command the quick path runs, cli/quick.py) printed, kept
outside the repository and served again only for the same inputs: the same bytes in every file
and folder of plans/, the same plandiff package (code and compiled catalogs) and installed
packages, the same arguments, environment, working directory and terminal. Anything else (a file
edited, added or removed, an option, another terminal width) is another key, so a cached answer
is never stale. Kept light: it runs before anything heavy is imported. Outside a plan repository
the corpus bundled with plandiff is the repository: its plans/ is keyed as any other, and the
notice that it is in use is kept with the output.

PLANDIFF_CACHE=0 turns it off; PLANDIFF_CACHE_DIR moves it (default: $XDG_CACHE_HOME/plandiff or
~/.cache/plandiff). It is never written inside the repository's plans/.
"""

from __future__ import annotations

import os
import stat
import sys

from plandiff.repo import cache_folder as folders
from plandiff.repo.cache_folder import (
    PACKAGE,
    Uncacheable,
    enabled,
    feed_tree,
    known_package_digest,
    prune,
    write_entry,
)
from plandiff.repo.cache_folder import cache_folder as folder
from plandiff.repo.cache_folder import hasher as _hasher

FORMAT = b"plandiff-output-cache/2"
MAX_ENTRIES = 256


def find_root() -> tuple[str, bool] | None:
    """The repository `plandiff A B` reads (store.find_root without --root) and whether it is
    the corpus bundled with plandiff (read when no plans/ is found), or None for a PLANDIFF_ROOT
    that holds no plans/ and for another user's plans/."""
    explicit = os.environ.get("PLANDIFF_ROOT") or None
    if explicit is not None:
        path = os.path.expanduser(explicit)
        return (os.path.realpath(path), False) if os.path.isdir(os.path.join(path, "plans")) \
            else None
    folder = os.path.realpath(os.getcwd())
    while True:
        if os.path.isdir(os.path.join(folder, "plans")):
            # Another user's plans/ is refused by the command itself: nothing to serve.
            try:
                owner = os.stat(os.path.join(folder, "plans")).st_uid
            except OSError:
                return None
            return (folder, False) if not hasattr(os, "getuid") or owner == os.getuid() \
                else None
        parent = os.path.dirname(folder)
        if parent == folder:
            bundled = bundled_root()
            return None if bundled is None else (bundled, True)
        folder = parent


def bundled_root() -> str | None:
    """Where the corpus bundled with plandiff is (repository.packaged_corpus, without pathlib):
    the package's _corpus/, or in a source checkout the checkout itself; None when missing."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for place, marker in ((os.path.join(package, "_corpus"), None),
                          (os.path.dirname(os.path.dirname(package)), "pyproject.toml")):
        if os.path.isdir(os.path.join(place, "plans")) and (
                marker is None or os.path.isfile(os.path.join(place, marker))):
            return os.path.realpath(place)
    return None


def key(args: list[str]) -> tuple[str, str, str, bool] | None:
    """(the key of this run, its repository root, the digest of its plans/ alone, whether that
    is the bundled corpus), or None when it cannot be cached."""
    if not enabled():
        return None
    found = find_root()
    if found is None or folder() is None:
        return None
    root, bundled = found
    digest = _hasher()
    feed = digest.update
    try:
        for part in (FORMAT, sys.version.encode(), sys.executable.encode(),
                     os.getcwd().encode("utf-8", "surrogateescape"), root.encode(
                         "utf-8", "surrogateescape"), b"bundled" if bundled else b"found",
                     repr(args).encode("utf-8", "surrogatepass"),
                     repr(sorted(os.environ.items())).encode("utf-8", "surrogatepass"),
                     _terminal().encode()):
            feed(len(part).to_bytes(8, "big") + part)
        # The whole package (core, render, the catalogs under locale/), not cli/ alone, and the
        # installed distributions; the repository cache takes it too (`made`).
        code = folders.made[PACKAGE] = known_package_digest(
            PACKAGE, plans=os.path.join(root, "plans"))
        feed(code)
        plans = plans_digest(root)
    except (OSError, Uncacheable):
        return None
    if plans is None:
        return None
    feed(plans.encode())
    return digest.hexdigest(), root, plans, bundled


def plans_digest(root: str) -> str | None:
    """The digest of every name and byte under the root's plans/, or None when it cannot vouch
    for them (a link, a pipe, folders nested too deep)."""
    digest = _hasher()
    try:
        feed_tree(digest.update, os.path.join(root, "plans"), code=False)
    except (OSError, Uncacheable):
        return None
    return digest.hexdigest()


def _terminal() -> str:
    """What the terminal view depends on besides the environment."""
    stream = sys.stdout
    tty = stream.isatty()
    size = ""
    if tty:
        try:
            size = repr(os.get_terminal_size(stream.fileno()))
        except OSError:
            size = "?"
    return f"{tty} {size} {getattr(stream, 'encoding', None)} {getattr(stream, 'errors', None)}"


def read(entry: str) -> tuple[str, str] | None:
    """What was written to standard error, then to standard output, under this key; or None."""
    where = _usable_folder(create=False)
    if where is None:
        return None
    try:
        with open(os.path.join(where, entry), "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 2 or fields[0] != FORMAT or not fields[1].isdigit() \
            or int(fields[1]) > len(body):
        return None
    split = int(fields[1])
    return (body[:split].decode("utf-8", "surrogatepass"),
            body[split:].decode("utf-8", "surrogatepass"))


def write(entry: str, root: str, text: str, errors: str = "") -> None:
    """Keep `errors` (written to standard error before any output) and `text` (standard output)
    under this key; quietly nothing when the folder cannot be used."""
    where = _usable_folder(create=True)
    if where is None:
        return
    if folders.inside(where, os.path.join(root, "plans")):
        return  # never inside the repository's plans/
    said = errors.encode("utf-8", "surrogatepass")
    try:
        write_entry(where, entry, b"%s %d\n" % (FORMAT, len(said)), said,
                    text.encode("utf-8", "surrogatepass"))
        prune(where, MAX_ENTRIES)
    except OSError:
        return


def _usable_folder(*, create: bool) -> str | None:
    """The cache folder, when it is a real folder of this user that others cannot write to."""
    where = folder()
    if where is None:
        return None
    try:
        if create and not os.path.lexists(where):
            os.makedirs(where, mode=0o700, exist_ok=True)
        info = os.lstat(where)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022 or (
            hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return None
    return where


class Tee:
    """A stream that writes through to another and keeps what it wrote."""

    def __init__(self, stream: object) -> None:
        self._stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self._stream.write(text)  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
