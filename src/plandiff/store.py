"""The edge to the file system: finding the root, reading a repository's files, loading a plan."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import InvalidPlan, PlandiffError, Problem
from .yamlfile import Document, parse_document, read_capped, read_document, yaml_loader

MAX_SOURCE_BYTES = 8 * 1024 * 1024
ROOT_ENV = "PLANDIFF_ROOT"
KEY_CODES = frozenset({"unknown-field", "unknown-term", "unused-source", "bad-key"})


# --- finding the root --------------------------------------------------------------------------


@dataclass(frozen=True)
class Root:
    """A plan repository: the folder that holds `plans/`."""

    path: Path
    packaged: bool = False

    @property
    def plans(self) -> Path:
        return self.path / "plans"

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the root, with forward slashes."""
        try:
            return path.relative_to(self.path).as_posix()
        except ValueError:
            return str(path)


def describe(root: Root) -> str:
    """The repository as messages name it, so that a reader knows which one was read."""
    if root.packaged:
        return f"the corpus bundled with plandiff, at {root.path}"
    return str(root.path)


def bundled_notice(root: Root) -> str | None:
    """What to say, once, when no plans/ was found and the bundled corpus is read instead."""
    if not root.packaged:
        return None
    return ("plandiff: no plans/ folder here or above; reading the corpus bundled with plandiff"
            " (the 2025 Russia-Ukraine peace plan). To read your own, give --root DIR or set"
            f" {ROOT_ENV}=DIR (the folder that holds plans/).")


def packaged_corpus() -> Path:
    """The corpus that ships inside the package (or, in a source checkout, the repository's own)."""
    here = Path(__file__).resolve().parent
    bundled = here / "_corpus"
    if (bundled / "plans").is_dir():
        return bundled
    checkout = here.parent.parent
    if (checkout / "plans").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    raise PlandiffError("the corpus that ships with plandiff is missing", "reinstall plandiff")


def find_root(override: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Root:
    """The root given by `--root`, else `PLANDIFF_ROOT`, else the nearest folder holding `plans/`,
    else the packaged corpus."""
    explicit = override if override not in (None, "") else os.environ.get(ROOT_ENV) or None
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not (path / "plans").is_dir():
            raise PlandiffError(
                f"{path}: not a plan repository (no plans/ folder)",
                "point --root (or PLANDIFF_ROOT) at the folder that holds plans/",
            )
        return Root(path.resolve())
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "plans").is_dir():
            return Root(folder)
    return Root(packaged_corpus(), packaged=True)


# --- the repository ----------------------------------------------------------------------------


@dataclass
class RawRepository:
    """The plan files of a root, parsed but not yet validated, and the problems met reading them."""

    root: Root
    documents: dict[str, Document]
    data: dict[str, Any]
    problems: list[Problem]
    unreadable: set[str] = field(default_factory=set)  # stems of version files not parsed

    def locate(self, problems: Iterable[Problem]) -> list[Problem]:
        """Fill in line and column from each problem's key path."""
        located = []
        for problem in problems:
            document = self.documents.get(problem.file)
            if problem.line is None and document is not None:
                line, column = document.locate(problem.keypath, at_key=problem.code in KEY_CODES)
                problem = Problem(problem.file, problem.message, problem.code, problem.severity,
                                  problem.hint, problem.keypath, line, column)
            located.append(problem)
        return sorted(located, key=Problem.sort_key)


SPECIAL_FILES = ("terms.yaml", "sources.yaml")
OPTIONAL_FILES = ("positions.yaml",)  # read when present
MISNAMED = {"terms.yml": "terms.yaml", "sources.yml": "sources.yaml",
            "positions.yml": "positions.yaml"}


def version_paths(root: Root) -> list[Path]:
    """The version files of a root: every `*.yaml` and `*.yml` in plans/ but the registry and
    the bibliography (and their misnamed `.yml` forms), hidden files excluded."""
    try:
        entries = list(root.plans.iterdir())
    except OSError:
        return []
    paths = [p for p in entries if p.suffix in (".yaml", ".yml")
             and p.name not in SPECIAL_FILES and p.name not in OPTIONAL_FILES
             and p.name not in MISNAMED
             and not p.name.startswith(".")]
    return sorted(paths, key=lambda p: p.name)


def read_repository(root: Root) -> RawRepository:
    """Read and parse `terms.yaml`, `sources.yaml` and every version file."""
    documents: dict[str, Document] = {}
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    paths = [root.plans / name for name in SPECIAL_FILES]
    if not root.plans.is_dir():
        raise PlandiffError(f"{root.path}: no plans/ folder")
    paths += [root.plans / name for name in OPTIONAL_FILES
              if (root.plans / name).exists() or (root.plans / name).is_symlink()]
    paths += version_paths(root)
    for wrong, right in MISNAMED.items():
        if (root.plans / wrong).exists():
            problems.append(Problem(root.display(root.plans / wrong), f"plandiff reads"
                                    f" plans/{right}, not plans/{wrong}", "misnamed-file",
                                    hint=f"rename it to plans/{right}"))
    for path in paths:
        display = root.display(path)
        special = path.name in SPECIAL_FILES or path.name in OPTIONAL_FILES
        if special and not path.exists() and not path.is_symlink():
            problems.append(Problem(display, f"missing {path.name}", "missing-file",
                                    hint=f"create plans/{path.name} (see docs/format.md)"))
            data[display] = {}
            continue
        if root.path.resolve() not in path.resolve().parents:
            problems.append(Problem(display, "is a symlink to a file outside the repository root",
                                    "outside-root", hint="copy the file into plans/ instead"))
            if not special:
                unreadable.add(path.stem)
            continue
        if path.is_dir():
            problems.append(Problem(display, "is a folder, not a file", "not-a-file",
                                    hint="plan files are YAML files; move the folder out of"
                                    " plans/ or rename it"))
            if not special:
                unreadable.add(path.stem)
            continue
        try:
            document = read_document(path, display)
            documents[display] = document
            data[display] = parse_document(document)
        except InvalidPlan as error:
            problems.extend(error.problems)
            if not special:
                unreadable.add(path.stem)
    return RawRepository(root, documents, data, problems, unreadable)


def read_source_file(root: Root, relative: str) -> tuple[str | None, str | None]:
    """The text of a source's local file, or why it cannot be used. Never leaves the root, not
    even through a symlink."""
    if "\0" in relative:
        return None, "the path holds a NUL character"
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("/", "\\")) or ":" in relative[:3]:
        return None, "the path is absolute; give it relative to the repository root"
    if ".." in candidate.parts or ".." in relative.split("\\"):
        return None, "the path climbs out of the repository root with `..`"
    try:
        base = root.path.resolve()
        target = (base / candidate).resolve()
        if base not in target.parents:
            return None, "it is a symlink to a file outside the repository root"
        if not target.exists():
            return None, "no such file"
        data = read_capped(target, MAX_SOURCE_BYTES)
    except IsADirectoryError:
        return None, "not a regular file"
    except (OSError, ValueError, RuntimeError) as error:  # too long a name, a link loop
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return None, f"cannot read it: {why}"
    if data is None:
        return None, f"the file is larger than {MAX_SOURCE_BYTES:,} bytes"
    return data.decode("utf-8-sig", errors="replace"), None


# --- loading a validated plan --------------------------------------------------------------------


@dataclass
class LoadedPlan:
    """A validated plan with the file each version came from, and any warnings."""

    root: Root
    plan: Any  # models.Plan
    files: dict[str, str]  # version id -> display path
    problems: list[Problem]
    skipped: list[str] = field(default_factory=list)  # broken files left out (display paths)
    left_out: list[str] = field(default_factory=list)  # sound versions that build on them

    def notices(self) -> list[str]:
        """What a command says on standard error before its output: the bundled corpus is in
        use, or broken files were left out."""
        lines = [notice] if (notice := bundled_notice(self.root)) else []
        for display in self.skipped:
            count = sum(p.file == display and p.severity == "error" for p in self.problems)
            lines.append(f"plandiff: warning: {display} has {count} error(s) and is left out"
                         " (`plandiff check` lists them)")
        if self.left_out:
            lines.append("plandiff: warning: also left out, as they build on a broken file: "
                         + ", ".join(self.left_out))
        return lines


def version_files(raw: RawRepository) -> dict[str, str]:
    files: dict[str, str] = {}
    for display, data in raw.data.items():
        if display.endswith(("terms.yaml", "sources.yaml", "positions.yaml")) \
                and display.count("/") == 1:
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            files.setdefault(data["id"], display)
    return files


def inspect_repository(root: Root, *, verify: bool = True, strict: bool = False,
                       raw: RawRepository | None = None) -> LoadedPlan:
    """Read and validate the repository, never raising for its content: `plan` is None when a
    file could not be modelled. With `verify`, quotes are checked against local source files."""
    from .validate import build_plans, verify_quotes

    raw = raw or read_repository(root)
    plan, readable, problems = build_plans(raw.data, unreadable=raw.unreadable)
    problems = raw.problems + problems
    files = version_files(raw)
    if verify:  # the quotes of every readable version, even when another file is broken
        problems += verify_quotes(readable, files, lambda rel: read_source_file(root, rel),
                                  report_unused=strict and plan is not None)
    if plan is not None and strict:
        from .lineage import check_carried_terms

        problems += check_carried_terms(plan, files)
    return LoadedPlan(root, plan, files, raw.locate(problems))


def load_plan(root: Root, *, verify: bool = False, strict: bool = False,
              need: Iterable[str] | None = None) -> LoadedPlan:
    """Read and validate the repository. Raises InvalidPlan listing every error.

    With `verify`, quotes are checked against the sources' local files as well. With `need`
    (the version ids a command reads), broken version files are left out instead, as long as
    the registry, the bibliography and the needed versions with their ancestors are sound.
    """
    raw = read_repository(root)
    loaded = inspect_repository(root, verify=verify, strict=strict, raw=raw)
    errors = any(p.severity == "error" for p in loaded.problems)
    if loaded.plan is None or (errors and not verify):
        sound = None if need is None or verify else _sound_part(raw, loaded, frozenset(need))
        if sound is None:
            raise InvalidPlan("", problems=loaded.problems, where=describe(root))
        return sound
    return loaded


def _sound_part(raw: RawRepository, loaded: LoadedPlan, need: frozenset[str]) -> LoadedPlan | None:
    """The plan without its broken version files and the versions that build on them; None when
    the registry or bibliography is broken, or a needed version is left out."""
    from .validate import SOURCES_FILE, TERMS_FILE, build_plan

    broken = {p.file for p in loaded.problems if p.severity == "error"}
    if broken & {TERMS_FILE, SOURCES_FILE}:
        return None
    data = {file: value for file, value in raw.data.items() if file not in broken}
    dropped: set[str] = set()
    while True:
        plan, problems = build_plan(data)
        bad = {p.file for p in problems if p.severity == "error"} & data.keys()
        if plan is not None and not bad:
            break
        if (plan is None and not bad) or bad & {TERMS_FILE, SOURCES_FILE}:
            return None
        dropped |= bad
        data = {file: value for file, value in data.items() if file not in bad}
    gone = {Path(file).stem for file in broken | dropped}
    if any(v not in plan.versions and v in gone for v in need):
        return None  # a version the command reads is broken (a typo is said by the command)
    files = {v: f for v, f in loaded.files.items() if v in plan.versions}
    left_out = sorted(v for v, f in loaded.files.items() if f in dropped)
    return LoadedPlan(raw.root, plan, files, loaded.problems,
                      skipped=sorted(broken), left_out=left_out)


def check_repository(root: Root, *, strict: bool = False) -> list[Problem]:
    """Every problem in the repository, located; for `plandiff check`. `strict` adds warnings
    for sources that nothing cites and for restated clauses that carry terms."""
    try:
        return load_plan(root, verify=True, strict=strict).problems
    except InvalidPlan as error:
        return error.problems


def textconv_source(path: Path, root: str | os.PathLike[str] | None = None) -> str:
    """A plan file as text for git diff; the raw text whenever it cannot be read as a plan. A
    file that no other command would read either (a link out of the root, a folder, a pipe, a
    device, more than MAX_FILE_BYTES) gives one line saying why."""
    from .render import textconv

    try:
        found: Root | None = find_root(root)
    except PlandiffError:
        found = None
    if found is not None and found.packaged:
        found = None
    raw, why = _read_plan_file(path, found)
    if raw is None:
        return f"(plandiff textconv: cannot read {path}: {why})\n"
    text = raw.decode("utf-8", "replace")
    try:
        data = yaml_loader().load(text)
    except Exception:
        return text
    terms: dict[str, Any] = {}
    if found is not None:
        registry, _ = _read_plan_file(found.plans / "terms.yaml", found, inside=True)
        try:
            loaded = yaml_loader().load(registry.decode("utf-8", "replace")) if registry else {}
            terms = loaded if isinstance(loaded, dict) else {}
        except Exception:
            terms = {}
    rendered = textconv.render(data, terms)
    return text if rendered is None else rendered


def _read_plan_file(path: Path, root: Root | None, *, inside: bool = False
                    ) -> tuple[bytes | None, str]:
    """A plan file's bytes under the rules of read_repository, or why not: a symbolic link (and,
    with `inside`, any path) must lead inside the root, the file must be regular and at most
    MAX_FILE_BYTES."""
    from .yamlfile import MAX_FILE_BYTES

    try:
        if (inside or path.is_symlink()) and (root is None or root.path.resolve()
                                              not in path.resolve().parents):
            return None, "a symlink to a file outside the repository root"
        data = read_capped(path, MAX_FILE_BYTES)
    except IsADirectoryError:
        return None, "not a regular file (a folder, a pipe or a device)"
    except (OSError, ValueError, RuntimeError) as error:
        return None, getattr(error, "strerror", None) or str(error)
    if data is None:
        return None, f"larger than {MAX_FILE_BYTES:,} bytes, the limit for a plan file"
    return data, ""
