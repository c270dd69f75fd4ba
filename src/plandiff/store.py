"""The edge to the file system: finding the root, reading YAML, errors with file:line:col."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .problems import InvalidPlan, KeyPath, PlandiffError, Problem

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
ROOT_ENV = "PLANDIFF_ROOT"
KEY_CODES = frozenset({"unknown-field", "unknown-term", "unused-source"})


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


# --- reading YAML ----------------------------------------------------------------------------


class AliasRefused(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("anchors and aliases are not allowed in plan files")
        self.mark = mark


def _yaml(round_trip: bool = False) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent

    class NoAliasComposer(Composer):  # type: ignore[misc]
        """Plan files never need anchors or aliases; refusing them also refuses alias bombs."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                raise AliasRefused(event.start_mark)
            return super().compose_node(parent, index)

    yaml = YAML(typ="rt" if round_trip else "safe")
    yaml.Composer = NoAliasComposer
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass
class Document:
    """One YAML file: its text, its data, and a way to turn a key path into line and column."""

    path: Path
    display: str
    text: str

    @cached_property
    def _round_trip(self) -> Any:
        try:
            return _yaml(round_trip=True).load(self.text)
        except Exception:
            return None

    def locate(self, keypath: KeyPath, *, at_key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the node at `keypath` (as deep as it exists); of its key
        rather than its value with `at_key`."""
        node = self._round_trip
        position: tuple[int, int] | None = (0, 0) if node is not None else None
        for key in keypath:
            lc = getattr(node, "lc", None)
            if lc is None:
                break
            try:
                if isinstance(node, list):
                    if not isinstance(key, int) or not 0 <= key < len(node):
                        break
                    position = lc.item(key)
                    node = node[key]
                else:
                    if key not in node:
                        break
                    child = node[key]
                    use_key = hasattr(child, "lc") or (at_key and key == keypath[-1])
                    position = lc.key(key) if use_key else lc.value(key)
                    node = child
            except (KeyError, IndexError, TypeError):
                break
        if position is None:
            return None, None
        return position[0] + 1, position[1] + 1


def read_document(path: Path, display: str) -> Document:
    """Read a YAML file as text. Raises InvalidPlan when it cannot be read as UTF-8 text."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _invalid(display, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                           "file-too-large", "split the version into smaller files")
        data = path.read_bytes()
    except OSError as error:
        raise _invalid(display, f"cannot read the file: {error.strerror or error}", "unreadable",
                       "check that it exists and is readable") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InvalidPlan(
            "", problems=[Problem(display, f"not UTF-8: byte 0x{data[error.start]:02x} cannot be"
                                  " decoded", "encoding", hint="save the file as UTF-8",
                                  line=line, column=column)],
        ) from None
    return Document(path, display, text.replace("\r\n", "\n"))


def parse_document(document: Document) -> Any:
    """The plain data of a document. Raises InvalidPlan with the parser's line and column."""
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = _yaml().load(document.text)
    except AliasRefused as error:
        raise _invalid(document.display, str(error), "yaml-alias",
                       "write the value out in full", mark=error.mark) from None
    except DuplicateKeyError as error:
        key = _duplicate_key_name(error)
        raise _invalid(document.display, f"duplicate key {key}", "duplicate-key",
                       "each key may appear once in a mapping; remove or merge the repeat",
                       mark=error.problem_mark) from None
    except MarkedYAMLError as error:
        message = " ".join(part for part in (error.problem, error.context) if part) or str(error)
        raise _invalid(document.display, f"YAML syntax error: {message}", "yaml-syntax",
                       "fix the YAML at this place (check indentation, quotes and colons)",
                       mark=error.problem_mark or error.context_mark) from None
    except YAMLError as error:
        raise _invalid(document.display, f"YAML error: {error}", "yaml-syntax") from None
    except RecursionError:
        raise _invalid(document.display, "the YAML is nested too deeply", "too-deep") from None
    depth = _depth(data)
    if depth > MAX_DEPTH:
        raise _invalid(document.display, f"the data is nested {depth} levels deep; the limit is"
                       f" {MAX_DEPTH}", "too-deep")
    return data


def _duplicate_key_name(error: Any) -> str:
    problem = str(getattr(error, "problem", "") or "")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return f"`{problem[start + 1:end]}`" if 0 <= start < end else "in a mapping"


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        if isinstance(node, dict):
            stack.extend((child, level + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, level + 1) for child in node)
    return deepest


def _invalid(display: str, message: str, code: str, hint: str | None = None,
             mark: Any = None) -> InvalidPlan:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return InvalidPlan("", problems=[Problem(display, message, code, hint=hint,
                                             line=line, column=column)])


# --- the repository ----------------------------------------------------------------------------


@dataclass
class RawRepository:
    """The plan files of a root, parsed but not yet validated, and the problems met reading them."""

    root: Root
    documents: dict[str, Document]
    data: dict[str, Any]
    problems: list[Problem]

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


def version_paths(root: Root) -> list[Path]:
    special = {"terms.yaml", "sources.yaml"}
    paths = [p for p in root.plans.iterdir() if p.suffix in (".yaml", ".yml")
             and p.name not in special and not p.name.startswith(".")]
    return sorted(paths, key=lambda p: p.name)


def read_repository(root: Root, only: set[str] | None = None) -> RawRepository:
    """Read and parse `terms.yaml`, `sources.yaml` and the version files (or only those in `only`,
    by file stem, plus their ancestors when known)."""
    documents: dict[str, Document] = {}
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    paths = [root.plans / "terms.yaml", root.plans / "sources.yaml"]
    if not root.plans.is_dir():
        raise PlandiffError(f"{root.path}: no plans/ folder")
    paths += version_paths(root)
    for path in paths:
        display = root.display(path)
        if not path.exists() and path.name in ("terms.yaml", "sources.yaml"):
            problems.append(Problem(display, f"missing {path.name}", "missing-file",
                                    hint=f"create plans/{path.name} (see docs/format.md)"))
            data[display] = {}
            continue
        try:
            document = read_document(path, display)
            documents[display] = document
            data[display] = parse_document(document)
        except InvalidPlan as error:
            problems.extend(error.problems)
    return RawRepository(root, documents, data, problems)


def read_source_file(root: Root, relative: str) -> tuple[str | None, str | None]:
    """The text of a source's local file, or why it cannot be used. Never leaves the root."""
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("/", "\\")) or ":" in relative[:3]:
        return None, "the path is absolute; give it relative to the repository root"
    base = root.path.resolve()
    target = (base / candidate).resolve()
    if base not in target.parents:
        return None, "the path leaves the repository root"
    if not target.is_file():
        return None, "no such file"
    try:
        return target.read_bytes().decode("utf-8-sig", errors="replace"), None
    except OSError as error:
        return None, f"cannot read it: {error.strerror or error}"


# --- loading a validated plan --------------------------------------------------------------------


@dataclass
class LoadedPlan:
    """A validated plan with the file each version came from, and any warnings."""

    root: Root
    plan: Any  # models.Plan
    files: dict[str, str]  # version id -> display path
    problems: list[Problem]


def _version_files(raw: RawRepository) -> dict[str, str]:
    files = {}
    for display, data in raw.data.items():
        if display.endswith(("terms.yaml", "sources.yaml")) and display.count("/") == 1:
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            files.setdefault(data["id"], display)
    return files


def load_plan(root: Root, *, verify: bool = False, strict: bool = False) -> LoadedPlan:
    """Read and validate the repository. Raises InvalidPlan listing every error.

    With `verify`, quotes are checked against the sources' local files as well.
    """
    from .validate import build_plan, verify_quotes

    raw = read_repository(root)
    plan, problems = build_plan(raw.data)
    problems = raw.problems + problems
    files = _version_files(raw)
    if plan is not None and verify:
        problems += verify_quotes(plan, files, lambda rel: read_source_file(root, rel),
                                  report_unused=strict)
    problems = raw.locate(problems)
    if plan is None or (any(p.severity == "error" for p in problems) and not verify):
        raise InvalidPlan("", problems=problems)
    return LoadedPlan(root, plan, files, problems)


def check_repository(root: Root, *, strict: bool = False) -> list[Problem]:
    """Every problem in the repository, located; for `plandiff check`. `strict` adds warnings
    for sources that nothing cites."""
    try:
        return load_plan(root, verify=True, strict=strict).problems
    except InvalidPlan as error:
        return error.problems
