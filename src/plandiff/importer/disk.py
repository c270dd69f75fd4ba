"""The edge of `plandiff import`: reading the text, placing its source, writing files atomically."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from plandiff.core.problems import PlandiffError
from plandiff.repo.located_yaml import MAX_FILE_BYTES
from plandiff.repo.repository import Root


def read_input(file: str) -> tuple[str, Path | None]:
    """The text to import and its path (None for standard input, `-`). UTF-8, BOM accepted."""
    if file == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        path = None
    else:
        path = Path(file).expanduser()
        try:
            if path.is_dir():
                raise PlandiffError(f"{file}: is a folder, not a text file",
                                    "give the article's text file, or - for standard input")
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise PlandiffError(f"{file}: cannot read it: {error.strerror or error}",
                                "check that the file exists and is readable") from None
    shown = "standard input" if path is None else file
    if len(data) > MAX_FILE_BYTES:
        raise PlandiffError(f"{shown}: larger than {MAX_FILE_BYTES:,} bytes",
                            "import the article's text, not a whole archive")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise PlandiffError(f"{shown}:{line}:{column}: not UTF-8 (byte 0x{data[error.start]:02x})",
                            "save the text as UTF-8") from None
    if "\x00" in text:
        raise PlandiffError(f"{shown}: a binary file, not text",
                            "give a plain-text or Markdown file")
    return text.replace("\r\n", "\n"), path


def seed_path(root: Root, path: Path | None) -> str | None:
    """The file's path relative to the root, with forward slashes, when it lies under `seeds/`
    inside the root (symbolic links resolved); None otherwise."""
    if path is None:
        return None
    base = root.path.resolve()
    target = path.resolve()
    seeds = base / "seeds"
    if seeds not in target.parents:
        return None
    return target.relative_to(base).as_posix()


def write_all(files: list[tuple[Path, str]], *, root: Path, new: Path, force: bool) -> None:
    """Write every file or none, each inside `root` (see plandiff.repo.writer); `new` is refused
    when it exists, unless `force`."""
    from plandiff.repo.writer import Planned, write_files

    write_files([Planned(path, text, root=root, new=path == new and not force)
                 for path, text in files])


def write_folder(folder: Path, texts: list[tuple[str, str]], others: list[tuple[Path, str]], *,
                 root: Path, force: bool) -> None:
    """Write a version folder whole: its files go to a hidden folder beside it, which is then
    renamed into place (an existing folder, with `force`, is replaced whole, so no chapter of the
    old one is left behind); then the `others` (sources.yaml). On failure nothing is changed."""
    if (folder.exists() or folder.is_symlink()) and not force:
        raise PlandiffError(f"{folder} exists", "give another --id, or --force to replace it")
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise PlandiffError(f"{folder} exists and is not a folder", "give another --id")
    if root.resolve() not in folder.parent.resolve().parents and \
            folder.parent.resolve() != root.resolve():
        raise PlandiffError(f"{folder} is outside the repository", "give another --id")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp",
                                        dir=folder.parent))
    except OSError as error:
        raise PlandiffError(f"cannot write {folder}: {error.strerror or error}; nothing was"
                            " changed", "check that plans/ is writable") from None
    old: Path | None = None
    try:
        os.chmod(staging, 0o777 & ~_umask())
        for name, text in texts:
            with (staging / name).open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        if folder.exists():
            old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
            os.replace(folder, old)
        os.replace(staging, folder)
        try:
            if others:
                write_all(others, root=root, new=folder, force=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            if old is not None:
                os.replace(old, folder)
                old = None
            raise
    except OSError as error:
        if old is not None and not folder.exists():
            os.replace(old, folder)
            old = None
        raise PlandiffError(f"cannot write {folder}: {error.strerror or error}; nothing was"
                            " changed", "check that plans/ is writable") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
