"""The edge to the file system: finding the root, reading a repository's files, loading a plan."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from plandiff.core.problems import InvalidPlan, KeyPath, PlandiffError, Problem
from plandiff.core.records import field, record
from plandiff.repo.located_yaml import (
    Budget,
    Document,
    Limits,
    decode_document,
    parse_document,
    read_capped,
    read_plan_bytes,
    yaml_loader,
)

MAX_SOURCE_BYTES = 8 * 1024 * 1024
ROOT_ENV = "PLANDIFF_ROOT"
KEY_CODES = frozenset({"unknown-field", "unknown-term", "unused-source", "bad-key"})


# --- finding the root --------------------------------------------------------------------------


@record
class Root:
    """A plan repository: the folder that holds `plans/`."""

    path: Path
    packaged: bool = False
    limits: Limits = field(default_factory=Limits)

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
    here = Path(__file__).resolve().parent.parent  # the plandiff package
    bundled = here / "_corpus"
    if (bundled / "plans").is_dir():
        return bundled
    checkout = here.parent.parent
    if (checkout / "plans").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    raise PlandiffError("the corpus that ships with plandiff is missing", "reinstall plandiff")


def find_root(override: str | os.PathLike[str] | None = None, cwd: Path | None = None, *,
              limits: Limits | None = None) -> Root:
    """The root given by `--root`, else `PLANDIFF_ROOT`, else the nearest folder holding `plans/`
    (refused when another user owns that plans/), else the packaged corpus; `limits` (default:
    from the environment) bound what its plan files may hold."""
    limits = limits if limits is not None else Limits.from_env()
    explicit = override if override not in (None, "") else os.environ.get(ROOT_ENV) or None
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not (path / "plans").is_dir():
            raise PlandiffError(
                f"{path}: not a plan repository (no plans/ folder)",
                "point --root (or PLANDIFF_ROOT) at the folder that holds plans/",
            )
        return Root(path.resolve(), limits=limits)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "plans").is_dir():
            _refuse_another_users(folder)
            return Root(folder, limits=limits)
    return Root(packaged_corpus(), packaged=True, limits=limits)


def _refuse_another_users(folder: Path) -> None:
    """A plans/ found by walking up (never one given by --root) must be the user's own: in a
    shared folder (/tmp, a team drive), anyone could leave a plans/ above someone else's work."""
    owner = owner_of(folder / "plans")
    if owner is not None:
        raise PlandiffError(
            f"{folder / 'plans'} belongs to another user (uid {owner}): plandiff does not read a"
            " plan repository it finds above this folder that someone else owns",
            f"if you trust it, give --root {folder} (or PLANDIFF_ROOT)")


def owner_of(path: Path) -> int | None:
    """The uid of another user who owns `path`, or None (it is ours, or there are no users)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return None
    try:
        uid = path.stat().st_uid
    except OSError:
        return None
    return uid if uid != getuid() else None


# --- the repository ----------------------------------------------------------------------------


@record
class FolderVersion:
    """A version written as a folder: `plans/ID/version.yaml` (its header) and chapter files that
    list its clauses, read in name order after any clauses the header lists itself."""

    display: str  # plans/ID: where its merged data is filed
    header: str  # plans/ID/version.yaml
    header_clauses: int
    chapters: tuple[tuple[str, int], ...]  # (display path, clauses it lists), in order

    def place(self, keypath: KeyPath) -> tuple[str, KeyPath]:
        """The file, and the key path in it, of a key path into the merged version."""
        if len(keypath) >= 2 and keypath[0] == "clauses" and isinstance(keypath[1], int):
            index = keypath[1] - self.header_clauses
            if index < 0:
                return self.header, keypath
            for display, count in self.chapters:
                if index < count:
                    return display, ("clauses", index, *keypath[2:])
                index -= count
        return self.header, keypath


@record(frozen=False)
class RawRepository:
    """The plan files of a root, parsed but not yet validated, and the problems met reading them."""

    root: Root
    documents: dict[str, Document]
    data: dict[str, Any]
    problems: list[Problem]
    unreadable: set[str] = field(default_factory=set)  # stems of version files not parsed
    folders: dict[str, FolderVersion] = field(default_factory=dict)  # by display path

    def locate(self, problems: Iterable[Problem]) -> list[Problem]:
        """Fill in line and column from each problem's key path (in the right chapter file of a
        folder version)."""
        located = []
        for problem in problems:
            folder = self.folders.get(problem.file)
            if folder is not None:
                file, keypath = folder.place(problem.keypath)
                problem = Problem(file, problem.message, problem.code, problem.severity,
                                  problem.hint, keypath, problem.line, problem.column)
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
VERSION_HEADER = "version.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def plan_file(path: str) -> tuple[str, str] | None:
    """What a file is to plandiff, by its path relative to the root alone (the one rule, used on
    disk, in memory and in review): `("registry", path)` for terms.yaml, sources.yaml and
    positions.yaml; `("version", path)` for `plans/ID.yaml`; `("chapter", "plans/ID")` for a YAML
    file of a folder version; None for anything else (hidden files, other names, a misnamed
    `terms.yml`)."""
    parts = path.split("/")
    name = parts[-1]
    if parts[0] != "plans" or not name.endswith(YAML_SUFFIXES) or name.startswith(".") \
            or any(part.startswith(".") for part in parts[1:-1]):
        return None
    if len(parts) == 2:
        if name in SPECIAL_FILES or name in OPTIONAL_FILES:
            return ("registry", path)
        return None if name in MISNAMED else ("version", path)
    if len(parts) == 3 and "." not in parts[1]:
        return ("chapter", "/".join(parts[:2]))
    return None


def version_paths(root: Root) -> list[Path]:
    """The versions of a root: every `*.yaml` and `*.yml` in plans/ but the registry and the
    bibliography (and their misnamed `.yml` forms), and every folder that holds YAML files (a
    folder version); hidden entries excluded."""
    try:
        entries = list(root.plans.iterdir())
    except OSError:
        return []
    paths = [p for p in entries
             if (plan_file(f"plans/{p.name}") or ("", ""))[0] == "version"
             or (plan_file(f"plans/{p.name}/{VERSION_HEADER}") is not None and p.is_dir()
                 and chapter_paths(p, header=True))]
    return sorted(paths, key=lambda p: p.name)


def chapter_paths(folder: Path, *, header: bool = False) -> list[Path]:
    """The YAML files of a folder version in the order their clauses are read: by name, hidden
    files excluded; `version.yaml` first with `header`, else left out."""
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix in YAML_SUFFIXES
                       and not p.name.startswith("."))
    except OSError:
        return []
    chapters = [folder / name for name in names if name != VERSION_HEADER]
    return ([folder / VERSION_HEADER] if header and VERSION_HEADER in names else []) + chapters


def plan_files(root: Root) -> list[Path]:
    """Every plan file of a root, for `fmt`: the registry, the bibliography, the version files,
    and the header and chapters of each folder version."""
    paths = [root.plans / name for name in (*SPECIAL_FILES, *OPTIONAL_FILES)
             if (root.plans / name).exists() or (root.plans / name).is_symlink()]
    for path in version_paths(root):
        paths += chapter_paths(path, header=True) if path.is_dir() and not path.suffix else [path]
    return paths


def document_reader(root: Root, budget: Budget, documents: dict[str, Document],
                    problems: list[Problem], fetch: Callable[[Path, str], bytes]
                    ) -> Callable[[Path], Any]:
    """`read(path)`: the data of one plan file as `{"": data}`, or None with its problems noted
    (the document is kept in `documents`), within `budget`; `fetch` gives its bytes (from disk,
    or from memory), charged to the budget, or raises InvalidPlan."""

    def read(path: Path) -> Any:
        display = root.display(path)
        if budget.bytes_left < 0 or budget.nodes_left < 0:  # a file before passed a limit
            code = "too-large" if budget.bytes_left < 0 else "too-many-values"
            message, hint = budget.bytes_message() if code == "too-large" else \
                budget.nodes_message()
            problems.append(Problem(display, "not read: the files read before it passed a limit"
                                    f" ({message})", code, hint=hint))
            return None
        try:
            document = decode_document(path, display, fetch(path, display))
            documents[display] = document
            return {"": parse_document(document, budget)}
        except InvalidPlan as error:
            problems.extend(error.problems)
            return None

    return read


def read_repository(root: Root) -> RawRepository:
    """Read and parse `terms.yaml`, `sources.yaml` and every version file or folder, within the
    root's limits."""
    documents: dict[str, Document] = {}
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    folders: dict[str, FolderVersion] = {}
    budget = Budget(root.limits)
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

    def fetch(path: Path, display: str) -> bytes:
        if root.path.resolve() not in path.resolve().parents:
            raise InvalidPlan("", problems=[Problem(
                display, "is a symlink to a file outside the repository root", "outside-root",
                hint="copy the file into plans/ instead")])
        if path.is_dir():
            raise InvalidPlan("", problems=[Problem(
                display, "is a folder, not a file", "not-a-file", hint="plan files are YAML"
                " files; move the folder out of plans/ or rename it")])
        return read_plan_bytes(path, display, budget)

    read = document_reader(root, budget, documents, problems, fetch)

    for path in paths:
        display = root.display(path)
        special = path.name in SPECIAL_FILES or path.name in OPTIONAL_FILES
        if special and not path.exists() and not path.is_symlink():
            problems.append(Problem(display, f"missing {path.name}", "missing-file",
                                    hint=f"create plans/{path.name} (see docs/format.md)"))
            data[display] = {}
            continue
        if not special and not path.suffix and path.is_dir() and \
                root.path.resolve() in path.resolve().parents:
            merged = read_folder(root, path, read, problems, folders)
            if merged is None:
                unreadable.add(path.name)
            else:
                data[display] = merged
            continue
        parsed = read(path)
        if parsed is None:
            if not special:
                unreadable.add(path.stem)
            continue
        data[display] = parsed[""]
    return RawRepository(root, documents, data, problems, unreadable, folders)


CHAPTER_FIELDS = frozenset({"clauses", "note"})


def read_folder(root: Root, folder: Path, read: Any, problems: list[Problem],
                folders: dict[str, FolderVersion], chapters: list[Path] | None = None) -> Any:
    """The data of a folder version, its chapters' clauses joined in order; None when a file
    of it cannot be read (its problems noted). `read(path)` gives {"": data} or None; the
    chapters are those on disk unless given."""
    display = root.display(folder)
    header_path = folder / VERSION_HEADER
    if chapters is None and not header_path.exists() and not header_path.is_symlink():
        problems.append(Problem(f"{display}/", f"the version folder has no {VERSION_HEADER}",
                                "missing-file", hint=f"write the version's id, title, date and"
                                f" other fields in {display}/{VERSION_HEADER}"
                                " (see docs/format.md)"))
        return None
    header = read(header_path)
    ok = header is not None
    clauses: list[Any] = []
    header_clauses = 0
    if ok and isinstance(header[""], dict) and isinstance(header[""].get("clauses"), list):
        header_clauses = len(header[""]["clauses"])
        clauses.extend(header[""]["clauses"])
    placed: list[tuple[str, int]] = []
    for path in chapter_paths(folder) if chapters is None else chapters:
        parsed = read(path)
        if parsed is None:
            ok = False
            continue
        chapter, shown = parsed[""], root.display(path)
        listed = _chapter_clauses(shown, chapter, problems)
        if listed is None:
            ok = False
            continue
        placed.append((shown, len(listed)))
        clauses.extend(listed)
    if not ok:
        return None
    folders[display] = FolderVersion(display, root.display(header_path), header_clauses,
                                     tuple(placed))
    if not isinstance(header[""], dict):
        return header[""]  # the model says what is wrong, at the header
    return {**header[""], "clauses": clauses}


def _chapter_clauses(display: str, chapter: Any, problems: list[Problem]) -> list[Any] | None:
    from plandiff.core.model_errors import problem_at, type_name

    if chapter is None:
        problems.append(problem_at(display, (), "the chapter file is empty", "empty-file",
                                   "list its clauses under `clauses:`, or delete the file"))
        return None
    if not isinstance(chapter, dict):
        problems.append(problem_at(display, (), "a chapter file must be a mapping with"
                                   f" `clauses:`, not {type_name(chapter)}", "not-a-mapping",
                                   "see docs/format.md for the layout of a version folder"))
        return None
    wrong = [key for key in chapter if key not in CHAPTER_FIELDS]
    for key in wrong:
        problems.append(problem_at(display, (key,), f"unknown field `{key}` in a chapter file",
                                   "unknown-field", "a chapter file holds `clauses:` (and an"
                                   f" optional `note:`); the version's fields go in"
                                   f" {VERSION_HEADER}"))
    listed = chapter.get("clauses", [])
    if not isinstance(listed, list):
        problems.append(problem_at(display, ("clauses",), "`clauses` must be a list, not"
                                   f" {type_name(listed)}", "wrong-type",
                                   "write each clause as a `- id: ...` item"))
        return None
    return None if wrong else listed


# A source's local copy is never a plan file: its quotes would verify against the plan's own text.
PLAN_FILE_AS_SOURCE = ("it is under plans/: a source's local copy is a document of its own (under"
                       " seeds/), never a plan file, whose text would verify any quote of itself")


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
    if candidate.parts and candidate.parts[0].casefold() == "plans":
        return None, PLAN_FILE_AS_SOURCE
    try:
        base = root.path.resolve()
        target = (base / candidate).resolve()
        if base not in target.parents:
            return None, "it is a symlink to a file outside the repository root"
        if base / "plans" == target or base / "plans" in target.parents:
            return None, PLAN_FILE_AS_SOURCE
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


@record(frozen=False)
class LoadedPlan:
    """A validated plan with the file each version came from, and any warnings."""

    root: Root
    plan: Any  # models.Plan
    files: dict[str, str]  # version id -> display path (plans/ID for a folder version)
    problems: list[Problem]
    skipped: list[str] = field(default_factory=list)  # broken files left out (display paths)
    left_out: list[str] = field(default_factory=list)  # sound versions that build on them
    folders: dict[str, FolderVersion] = field(default_factory=dict)  # by display path

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


SourceReader = Callable[[str], tuple[str | None, str | None]]


def inspect_repository(root: Root, *, verify: bool = True, strict: bool = False,
                       raw: RawRepository | None = None,
                       sources: SourceReader | None = None) -> LoadedPlan:
    """Read and validate the repository, never raising for its content: `plan` is None when a
    file could not be modelled. With `verify`, quotes are checked against local source files
    (read by `sources`, by default from the root's folder). `raw`: the files already read (from
    disk or from memory)."""
    from plandiff.core.validate import build_plans, verify_quotes

    raw = raw or read_repository(root)
    read_source = sources or (lambda rel: read_source_file(root, rel))
    plan, readable, problems = build_plans(raw.data, unreadable=raw.unreadable)
    problems = raw.problems + problems
    files = version_files(raw)
    if verify:  # the quotes of every readable version, even when another file is broken
        problems += verify_quotes(readable, files, read_source,
                                  report_unused=strict and plan is not None)
    if plan is not None and verify:  # check and review: renderings missing or stale
        from plandiff.core.positions_check import POSITIONS_FILE
        from plandiff.core.translations_check import check_translation_upkeep
        from plandiff.core.validate import TERMS_FILE

        problems += check_translation_upkeep(plan, files, terms_file=TERMS_FILE,
                                             positions_file=POSITIONS_FILE, strict=strict)
    if plan is not None and strict:
        from plandiff.core.lineage import check_carried_terms
        from plandiff.core.witnesses import check_disputes

        problems += check_carried_terms(plan, files) + check_disputes(plan, files)
    return LoadedPlan(root, plan, files, raw.locate(problems), folders=raw.folders)


def load_plan(root: Root, *, verify: bool = False, strict: bool = False,
              need: Iterable[str] | None = None, raw: RawRepository | None = None,
              sources: SourceReader | None = None) -> LoadedPlan:
    """Read and validate the repository. Raises InvalidPlan listing every error.

    With `verify`, quotes are checked against the sources' local files as well. With `need`
    (the version ids a command reads), broken version files are left out instead, as long as
    the registry, the bibliography and the needed versions with their ancestors are sound.
    `raw` and `sources`: a repository already read (see repo.memory), and its source files.

    A repository read from disk, neither verified nor strict, comes from the repository cache
    when nothing it depends on changed (repo/repository_cache.py), and a clean one is kept there.
    """
    place = None
    if raw is None and not verify and not strict:
        from plandiff.repo import repository_cache

        place = repository_cache.slot(root)
        kept = repository_cache.read(place, root) if place is not None else None
        if kept is not None:
            return kept
    raw = raw or read_repository(root)
    loaded = inspect_repository(root, verify=verify, strict=strict, raw=raw, sources=sources)
    errors = any(p.severity == "error" for p in loaded.problems)
    if place is not None and loaded.plan is not None and not errors:
        repository_cache.keep(place, loaded)
    if loaded.plan is None or (errors and not verify):
        sound = None if need is None or verify else _sound_part(raw, loaded, frozenset(need))
        if sound is None:
            raise InvalidPlan("", problems=loaded.problems, where=describe(root))
        return sound
    return loaded


def _sound_part(raw: RawRepository, loaded: LoadedPlan, need: frozenset[str]) -> LoadedPlan | None:
    """The plan without its broken version files and the versions that build on them; None when
    the registry or bibliography is broken, or a needed version is left out."""
    from plandiff.core.validate import SOURCES_FILE, TERMS_FILE, build_plan

    broken = {p.file for p in loaded.problems if p.severity == "error"}
    if broken & {TERMS_FILE, SOURCES_FILE}:
        return None
    # a folder version with a broken header or chapter is left out whole
    broken_files, broken = broken, broken | {
        folder.display for folder in raw.folders.values()
        if folder.header in broken or any(chapter in broken for chapter, _ in folder.chapters)}
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
    gone = {Path(file).stem for file in broken | dropped} | raw.unreadable
    if any(v not in plan.versions and v in gone for v in need):
        return None  # a version the command reads is broken (a typo is said by the command)
    files = {v: f for v, f in loaded.files.items() if v in plan.versions}
    left_out = sorted(v for v, f in loaded.files.items() if f in dropped)
    return LoadedPlan(raw.root, plan, files, loaded.problems,
                      skipped=sorted(broken_files), left_out=left_out, folders=raw.folders)


def check_repository(root: Root, *, strict: bool = False) -> list[Problem]:
    """Every problem in the repository, located; for `plandiff check`. `strict` adds warnings
    for sources that nothing cites, for restated clauses that carry terms and for disputes whose
    sides share an outlet, rest on hedges alone or on one copy."""
    try:
        return load_plan(root, verify=True, strict=strict).problems
    except InvalidPlan as error:
        return error.problems


@record
class TextconvInput:
    """A file git asks to show: its text, its YAML (None when it does not parse) and the term
    registry beside it (for labels)."""

    text: str
    data: Any
    terms: dict[str, Any]


def read_for_textconv(path: Path, root: str | os.PathLike[str] | None = None
                      ) -> TextconvInput | str:
    """A plan file for `plandiff textconv`, or one line saying why it cannot be read: a file that
    no other command would read either (a link out of the root, a folder, a pipe, a device, more
    than the repository's byte limit)."""
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
        return TextconvInput(text, None, {})
    terms: dict[str, Any] = {}
    if found is not None:
        registry, _ = _read_plan_file(found.plans / "terms.yaml", found, inside=True)
        try:
            loaded = yaml_loader().load(registry.decode("utf-8", "replace")) if registry else {}
            terms = loaded if isinstance(loaded, dict) else {}
        except Exception:
            terms = {}
    return TextconvInput(text, data, terms)


def _read_plan_file(path: Path, root: Root | None, *, inside: bool = False
                    ) -> tuple[bytes | None, str]:
    """A plan file's bytes under the rules of read_repository, or why not: a symbolic link (and,
    with `inside`, any path) must lead inside the root, the file must be regular and within the
    repository's byte limit (PLANDIFF_MAX_BYTES)."""
    limit = (root.limits if root is not None else Limits.from_env()).max_bytes
    try:
        if (inside or path.is_symlink()) and (root is None or root.path.resolve()
                                              not in path.resolve().parents):
            return None, "a symlink to a file outside the repository root"
        data = read_capped(path, limit)
    except IsADirectoryError:
        return None, "not a regular file (a folder, a pipe or a device)"
    except (OSError, ValueError, RuntimeError) as error:
        return None, getattr(error, "strerror", None) or str(error)
    if data is None:
        return None, (f"larger than {limit:,} bytes, the limit for the plan files of a repository"
                      " (PLANDIFF_MAX_BYTES)")
    return data, ""
