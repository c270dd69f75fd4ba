"""Edge: build the static site in memory, then swap it into OUT whole (or leave OUT untouched)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from plandiff import __version__
from plandiff.core.problems import PlandiffError

MARKER = ".plandiff-site"


def check_base_url(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(
            ch.isspace() or ch in "\"'<>" for ch in url):
        raise PlandiffError(f"--base-url {url!r} is not an absolute http(s) URL",
                            "write it like https://example.org/tracker/")
    return url


_MARKER_LIST = ("The files it wrote, each with its SHA-256 (any other file, or a change, and it"
                " asks for --force):")


def marker_text(pages: dict[str, str], *, marker: str = MARKER,
                command: str = "plandiff site") -> str:
    """The marker of a folder plandiff wrote: who wrote it, and every file with its digest. A
    marker alone (planted in docs/, say) never makes a folder replaceable: its files must match."""
    lines = [f"Written by plandiff {__version__} (`{command}`); safe to replace.", _MARKER_LIST]
    lines += [f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}  {name}"
              for name, text in sorted(pages.items()) if name != marker]
    return "\n".join(lines) + "\n"


def written_by_plandiff(folder: Path, marker: str = MARKER) -> bool:
    """Whether `folder` holds just what its marker lists, unchanged: no other file, no link."""
    marker_path = folder / marker
    try:
        if marker_path.is_symlink() or not marker_path.is_file():
            return False
        listed = {}
        for line in marker_path.read_text(encoding="utf-8").splitlines()[2:]:
            digest, _, name = line.partition("  ")
            if len(digest) != 64 or not name:
                return False
            listed[name] = digest
        if not listed:
            return False
        for base, folders, files in os.walk(folder):
            for name in folders:
                if (Path(base) / name).is_symlink():
                    return False
            for name in files:
                path = Path(base) / name
                relative = path.relative_to(folder).as_posix()
                if relative == marker:
                    continue
                if path.is_symlink() or relative not in listed or \
                        hashlib.sha256(path.read_bytes()).hexdigest() != listed[relative]:
                    return False
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return True


def refuse_protected(out: Path, target: Path, protect: Path | None) -> None:
    """Folders never replaced, force or not: git metadata, the plan repository, its plans/ and
    seeds/, any folder that holds one of them or another git repository."""
    for folder in (target, *target.parents):
        if folder.name == ".git" or _is_git_metadata(folder):
            raise PlandiffError(f"{out}: inside a git repository's metadata ({folder});"
                                " refusing to replace it", "choose another output folder")
    if protect is not None:
        root = protect.resolve()
        if target == root or target in root.parents:
            raise PlandiffError(f"{out}: is the plan repository or holds it; refusing to replace"
                                " it", "choose another output folder, for instance `site/`")
        for guarded in (root / "plans", root / "seeds"):
            if target == guarded or target in guarded.parents:
                raise PlandiffError(f"{out}: refusing to replace the plan repository's files",
                                    "choose another output folder, for instance `site/`")
            if guarded in target.parents:  # would be read as part of the plan, or its seeds
                raise PlandiffError(f"{out}: refusing to write among the plan repository's"
                                    f" files ({guarded.name}/)", "choose a path outside"
                                    f" {guarded.name}/, for instance `site/`")
    if target.is_dir() and ((target / ".git").exists() or (target / ".git").is_symlink()
                            or (target / "plans").is_dir()):
        raise PlandiffError(f"{out}: holds a git or plan repository; refusing to replace it",
                            "choose another output folder")


def _is_git_metadata(folder: Path) -> bool:
    """A git directory (a `.git` folder, or a bare repository) by its layout."""
    try:
        return ((folder / "HEAD").is_file() and (folder / "objects").is_dir()
                and (folder / "refs").is_dir())
    except OSError:
        return False


def write_site(pages: dict[str, str], out: Path, *, force: bool = False,
               protect: Path | None = None, marker: str = MARKER,
               command: str = "plandiff site") -> None:
    """Write every page into a temporary folder beside OUT, then move it into place. OUT, when it
    exists, must be empty or a folder `command` wrote (it holds `marker`, which this writes too),
    unless `force`; `protect` (the plan repository) may never be replaced, force or not."""
    pages = {**pages, marker: marker_text(pages, marker=marker, command=command)}
    out = Path(out)
    target = out.resolve()
    refuse_protected(out, target, protect)
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise PlandiffError(f"{out}: exists and is not a folder", "choose another path")
        if any(out.iterdir()) and not written_by_plandiff(out, marker):
            if not force:
                raise PlandiffError(f"{out}: the folder is not empty and was not written by"
                                    f" `{command}`, or a file in it was added or changed since"
                                    f" (its {marker} lists what it wrote)",
                                    "choose an empty or new folder, or pass --force to replace"
                                    " everything in it")
            if protect is not None and protect.resolve() in target.parents:
                raise PlandiffError(f"{out}: a folder of the plan repository that `{command}`"
                                    " did not write; --force replaces such a folder only"
                                    " outside the repository", "choose an empty or new folder,"
                                    " for instance `site/`")
    parent = target.parent
    if not parent.is_dir():
        raise PlandiffError(f"{out}: the folder {parent} does not exist",
                            "create it first or choose another path")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise PlandiffError(f"{out}: cannot write: {error.strerror or error}") from None
    old: Path | None = None
    try:
        inside = staging.resolve()
        for relative, text in pages.items():
            path = staging / relative
            if inside not in path.resolve().parents:  # page names come from ids: never leave
                raise PlandiffError(f"{out}: page name {relative!r} leads out of the site",
                                    "this is a bug in plandiff site")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        os.chmod(staging, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.replace(target, old / "site")
        os.replace(staging, target)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None and (old / "site").exists() and not target.exists():
            os.replace(old / "site", target)  # put the previous site back
        if isinstance(error, OSError):
            raise PlandiffError(f"{out}: cannot write: {error.strerror or error}") from None
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
