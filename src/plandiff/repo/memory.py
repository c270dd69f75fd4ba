"""A plan repository held in memory (relative path -> bytes), read as the files on disk are."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from plandiff.core.problems import InvalidPlan, PlandiffError, Problem
from plandiff.repo.located_yaml import Budget, Document, Limits, charge
from plandiff.repo.repository import (
    MAX_SOURCE_BYTES,
    MISNAMED,
    OPTIONAL_FILES,
    PLAN_FILE_AS_SOURCE,
    SPECIAL_FILES,
    VERSION_HEADER,
    FolderVersion,
    RawRepository,
    Root,
    document_reader,
    plan_file,
    read_folder,
)

MEMORY = Path("<memory>")


def memory_root(limits: Limits | None = None) -> Root:
    """The root of a repository in memory: messages name its files `plans/…` as on disk."""
    return Root(MEMORY, limits=limits or Limits())


def clean_paths(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The files by their relative POSIX path; a path that is absolute or climbs out with `..`
    is refused (a repository in memory has no outside either)."""
    cleaned: dict[str, bytes] = {}
    for name, data in files.items():
        path = PurePosixPath(str(name).replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or not path.parts or "\0" in str(name):
            raise PlandiffError(f"{name!r}: a file of a plan repository in memory must have a"
                                " relative path inside it", "give paths like `plans/v1.yaml`")
        if not isinstance(data, (bytes, bytearray)):
            raise PlandiffError(f"{name}: give the file's content as bytes",
                                "encode text with .encode('utf-8')")
        cleaned[path.as_posix()] = bytes(data)
    return cleaned


def read_files(files: Mapping[str, bytes], limits: Limits | None = None) -> RawRepository:
    """Read and parse a repository given as files, within `limits`, with the same problems as
    `read_repository` finds on disk."""
    root = memory_root(limits)
    files = clean_paths(files)
    budget = Budget(root.limits)
    documents: dict[str, Document] = {}
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    folders: dict[str, FolderVersion] = {}

    def fetch(path: Path, display: str) -> bytes:
        raw = files.get(display)
        if raw is None:
            raise InvalidPlan("", problems=[Problem(display, "no such file", "unreadable")])
        return charge(budget, display, raw)

    read = document_reader(root, budget, documents, problems, fetch)

    # No file under plans/ reads as an empty plans/ folder: the registry and bibliography are
    # then reported missing, as on disk.
    plans = {name.removeprefix("plans/"): name for name in files if name.startswith("plans/")}
    for wrong, right in MISNAMED.items():
        if wrong in plans:
            problems.append(Problem(f"plans/{wrong}", f"plandiff reads plans/{right}, not"
                                    f" plans/{wrong}", "misnamed-file",
                                    hint=f"rename it to plans/{right}"))
    for name in (*SPECIAL_FILES, *OPTIONAL_FILES):
        display = f"plans/{name}"
        if name not in plans:
            if name in SPECIAL_FILES:
                problems.append(Problem(display, f"missing {name}", "missing-file",
                                        hint=f"create plans/{name} (see docs/format.md)"))
                data[display] = {}
            continue
        parsed = read(MEMORY / display)
        if parsed is not None:
            data[display] = parsed[""]
    singles: list[str] = []
    chapters_of: dict[str, list[str]] = {}
    for name in files:
        kind, unit = plan_file(name) or ("", "")
        if kind == "version":
            singles.append(unit.removeprefix("plans/"))
        elif kind == "chapter":
            chapters_of.setdefault(unit.removeprefix("plans/"), []).append(name.split("/")[-1])
    singles.sort()
    entries = sorted([(n, None) for n in singles]
                     + [(f, sorted(c)) for f, c in chapters_of.items() if VERSION_HEADER in c])
    for entry, chapters in entries:
        path = MEMORY / "plans" / entry
        if chapters is None:
            parsed = read(path)
            if parsed is None:
                unreadable.add(path.stem)
            else:
                data[root.display(path)] = parsed[""]
            continue
        listed = [path / c for c in chapters if c != VERSION_HEADER]
        merged = read_folder(root, path, read, problems, folders, chapters=listed)
        if merged is None:
            unreadable.add(entry)
        else:
            data[root.display(path)] = merged
    return RawRepository(root, documents, data, problems, unreadable, folders)


def source_reader(files: Mapping[str, bytes]) -> Any:
    """The local source files of a repository in memory, for quote verification: the same
    answers as `read_source_file` gives on disk."""
    cleaned = {PurePosixPath(k.replace("\\", "/")).as_posix(): v for k, v in files.items()}

    def read(relative: str) -> tuple[str | None, str | None]:
        if "\0" in relative:
            return None, "the path holds a NUL character"
        path = PurePosixPath(relative.replace("\\", "/"))
        if path.is_absolute() or ":" in relative[:3]:
            return None, "the path is absolute; give it relative to the repository root"
        if ".." in path.parts:
            return None, "the path climbs out of the repository root with `..`"
        if path.parts and path.parts[0].casefold() == "plans":
            return None, PLAN_FILE_AS_SOURCE
        data = cleaned.get(path.as_posix())
        if data is None:
            return None, "no such file"
        if len(data) > MAX_SOURCE_BYTES:
            return None, f"the file is larger than {MAX_SOURCE_BYTES:,} bytes"
        return data.decode("utf-8-sig", errors="replace"), None

    return read
