"""The edge to git: plan files at a revision, read with plumbing commands only.

Nothing is checked out and nothing from the repository runs: `git ls-tree` and `git cat-file`
apply no filters, drivers or hooks. Symbolic links and submodules are never followed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from plandiff.core.problems import PlandiffError
from plandiff.core.records import field, record

PLAN_FOLDERS = ("plans", "seeds")
_GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}


@record(frozen=False)
class Snapshot:
    """The plan files of one revision (or of the working tree), by path relative to the root."""

    label: str
    files: dict[str, bytes] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)  # symbolic links met, never followed
    submodules: list[str] = field(default_factory=list)  # gitlinks (mode 160000), never read
    # Files left unread because they pass the byte limit (alone or with the files before them):
    # path -> (size, git object id or None in the working tree).
    unread: dict[str, tuple[int, str | None]] = field(default_factory=dict)


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    env = {**os.environ, **_GIT_ENV}
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True,
                                env=env, check=False, timeout=120)
    except FileNotFoundError:
        raise PlandiffError("git is not installed", "install git to use plandiff review") from None
    except subprocess.TimeoutExpired:
        raise PlandiffError(f"git {args[0]} took too long") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PlandiffError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return result.stdout


def repository_prefix(root: Path) -> tuple[Path, str]:
    """The git top level holding `root`, and `root`'s path inside it ('' or 'sub/dir/')."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
    except PlandiffError:
        raise PlandiffError(f"{root} is not inside a git repository",
                            "run plandiff review in a clone of the plan repository") from None
    top_path = Path(top).resolve()
    relative = root.resolve().relative_to(top_path).as_posix()
    return top_path, "" if relative == "." else relative + "/"


def resolve_revision(top: Path, revision: str) -> str:
    if not revision or revision.startswith("-") or any(ch in revision for ch in "\0\n"):
        raise PlandiffError(f"not a revision: {revision!r}")
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}").decode().strip()
    except PlandiffError:
        close = _closest_ref(top, revision)
        raise PlandiffError(f"unknown revision `{revision}` in {top}",
                            (f"did you mean `{close}`? " if close else "")
                            + "give a branch, tag or commit that exists in this clone"
                            " (fetch it first in CI)") from None


def _closest_ref(top: Path, revision: str) -> str | None:
    """The branch or tag a mistyped revision most likely meant."""

    try:
        names = _git(top, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags",
                     "refs/remotes").decode("utf-8", "replace").split()
    except PlandiffError:
        return None
    from plandiff.core.suggestions import closest

    return closest(revision, names)


def at_revision(top: Path, prefix: str, revision: str, *,
                max_bytes: int | None = None) -> Snapshot:
    """The files under plans/ and seeds/ at `revision`; at most `max_bytes` of them in all are
    read (the rest are listed in `unread`, never loaded)."""
    commit = resolve_revision(top, revision)
    snapshot = Snapshot(revision)
    paths = [prefix + folder for folder in PLAN_FOLDERS]
    listing = _git(top, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *paths)
    blobs: list[tuple[str, str]] = []
    left = max_bytes
    for entry in filter(None, listing.split(b"\0")):
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, sha, size = meta.decode().split()
        path = raw_path.decode("utf-8", "surrogateescape")[len(prefix):]
        if kind == "commit":
            snapshot.submodules.append(path)
            continue
        if kind != "blob":
            continue
        if mode == "120000":
            snapshot.links.append(path)
            continue
        if left is not None:
            if int(size) > left:
                snapshot.unread[path] = (int(size), sha)
                left = -1  # files after one that passed the limit are not read either
                continue
            left -= int(size)
        blobs.append((path, sha))
    if blobs:
        request = "".join(f"{sha}\n" for _, sha in blobs).encode()
        output = _git(top, "cat-file", "--batch", data=request)
        position = 0
        for path, _sha in blobs:
            header_end = output.index(b"\n", position)
            length = int(output[position:header_end].split()[2])
            start = header_end + 1
            snapshot.files[path] = output[start:start + length]
            position = start + length + 1
    return snapshot


def working_tree(root: Path, *, max_bytes: int | None = None) -> Snapshot:
    """The plan files of the working tree, as a commit of it would hold them: a symbolic link,
    to a file or to a folder, is listed as a link and never followed (git stores the link, not
    what it points to); a folder holding `.git` is a submodule, listed and not read. At most
    `max_bytes` in all are read, as at a revision."""
    snapshot = Snapshot("working tree")
    left = max_bytes
    for folder in PLAN_FOLDERS:
        base = root / folder
        if base.is_symlink():
            snapshot.links.append(folder)
            continue
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            if Path(dirpath) != base and ".git" in (*dirnames, *filenames):
                snapshot.submodules.append(Path(dirpath).relative_to(root).as_posix())
                dirnames[:] = []
                continue
            dirnames.sort()
            linked = [d for d in dirnames if (Path(dirpath) / d).is_symlink()]
            snapshot.links += [(Path(dirpath) / d).relative_to(root).as_posix() for d in linked]
            dirnames[:] = [d for d in dirnames if d != ".git" and d not in linked]
            for name in sorted(filenames):
                path = Path(dirpath) / name
                relative = path.relative_to(root).as_posix()
                if path.is_symlink():
                    snapshot.links.append(relative)
                elif path.is_file():
                    size = path.stat().st_size
                    if left is not None:
                        if size > left:
                            snapshot.unread[relative] = (size, None)
                            left = -1
                            continue
                        left -= size
                    snapshot.files[relative] = path.read_bytes()
    return snapshot
