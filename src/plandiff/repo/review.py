"""Review of a change to a plan repository between two revisions, for pull requests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plandiff.core.diff import PlanDiff, diff_resolved
from plandiff.core.hidden_characters import HIDDEN, findings
from plandiff.core.models import Plan
from plandiff.core.problems import Problem
from plandiff.core.records import field, record
from plandiff.core.resolve import Resolver
from plandiff.repo.review_details import (
    Detail,
    Evidence,
    clause_evidence,
    header_uncited,
    position_changes,
    version_details,
)

if TYPE_CHECKING:
    from plandiff.repo.located_yaml import Limits

MARKER = "<!-- plandiff-review -->"


@record
class FileChange:
    path: str
    status: str  # added | modified | deleted


@record
class VersionChange:
    version_id: str
    file: str
    status: str  # added | modified | deleted
    diff: PlanDiff | None  # base file → head file; for an added version, its parent → it
    # What the clause diff does not show: the header, clauses' titles, citations, translations.
    details: tuple[Detail, ...] = ()


@record(frozen=False)
class ReviewResult:
    base: str
    head: str
    files: list[FileChange]
    versions: list[VersionChange]
    registry: list[str]  # terms.yaml and sources.yaml changes, one line each
    problems: list[Problem] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)  # positions.yaml changes, one line each
    # Every other file added, changed or deleted (seed files, ...): listed, whatever they are.
    other_files: list[FileChange] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def review(root: Path, base: str, head: str | None = None, *,
           limits: Limits | None = None) -> ReviewResult:
    """Read both revisions without checking anything out, and review what changed; each within
    `limits`."""
    from plandiff.repo import git as gitread
    from plandiff.repo.located_yaml import Limits
    from plandiff.repo.memory import memory_root, read_files, source_reader
    from plandiff.repo.repository import inspect_repository

    top, prefix = gitread.repository_prefix(root)
    # Each revision's files are read up to the repository's byte limit, never more: a seed of
    # 600 MB of NUL bytes (600 KB in git) is named as unread instead of filling the memory.
    limit = (limits or Limits()).max_bytes
    base_snapshot = gitread.at_revision(top, prefix, base, max_bytes=limit)
    head_snapshot = (gitread.at_revision(top, prefix, head, max_bytes=limit) if head is not None
                     else gitread.working_tree(root, max_bytes=limit))
    loaded = {}
    for name, snapshot in (("base", base_snapshot), ("head", head_snapshot)):
        # Read from memory: nothing of a revision under review is ever written to disk.
        files = snapshot.files
        loaded[name] = inspect_repository(memory_root(limits), raw=read_files(files, limits),
                                          sources=source_reader(files), verify=True)
    result = analyse(base_snapshot, head_snapshot, loaded["base"], loaded["head"])
    result.problems += _unread_problems(base_snapshot, head_snapshot, limit)
    result.problems.sort(key=Problem.sort_key)
    return result


def _unread_problems(base: Any, head: Any, limit: int) -> list[Problem]:
    """A file the head holds but review could not read (it passes the byte limit), unless the
    base holds the very same object: what a reviewer cannot see fails the review."""
    problems = []
    for path, (size, sha) in head.unread.items():
        if sha is not None and base.unread.get(path, (0, None))[1] == sha:
            continue
        problems.append(Problem(path, f"not reviewed: the file ({size:,} bytes) passes the byte"
                                f" limit of {limit:,} bytes for the files of one revision (with"
                                " the files before it)", "too-large",
                                hint="raise it with --max-bytes N (or PLANDIFF_MAX_BYTES=N) if"
                                " the files are meant to be this large"))
    return problems


def _changed_files(base: dict[str, bytes], head: dict[str, bytes]) -> list[FileChange]:
    changes = []
    for path in sorted(set(base) | set(head)):
        if path not in head:
            changes.append(FileChange(path, "deleted"))
        elif path not in base:
            changes.append(FileChange(path, "added"))
        elif base[path] != head[path]:
            changes.append(FileChange(path, "modified"))
    return changes


def _added_lines(old: bytes | None, new: bytes) -> list[tuple[int, str]]:
    """The lines of `new` (number, text) that the change adds: those it holds more often than
    `old` does (of identical copies, the first ones count as kept). Linear in the lines, where a
    line diff is quadratic or worse on a large edited file."""
    new_lines = new.decode("utf-8", "replace").splitlines()
    if old is None:
        return list(enumerate(new_lines, 1))
    kept = Counter(old.decode("utf-8", "replace").splitlines())
    added: list[tuple[int, str]] = []
    for number, line in enumerate(new_lines, 1):
        if kept[line] > 0:
            kept[line] -= 1
        else:
            added.append((number, line))
    return added


HIDDEN_PER_FILE = 100  # problems of hidden characters named in one file, then a count


def _hidden_character_problems(path: str, old: bytes | None, new: bytes) -> list[Problem]:
    """The hidden characters on the lines a change adds to any file under plans/ or seeds/: the
    same classes as `check` finds in decoded values, here in the raw text (comments, seeds).
    The first HIDDEN_PER_FILE are named, then how many more lines hold some."""
    problems: list[Problem] = []
    more = 0
    for number, line in _added_lines(old, new):
        if len(problems) >= HIDDEN_PER_FILE:
            more += bool(HIDDEN.search(line))
            continue
        for finding in findings(line):
            problems.append(Problem(path, f"the change adds the {finding.what}"
                                    + (f"; {finding.why}" if finding.why else ""), finding.code,
                                    finding.severity,
                                    finding.hint, line=number, column=finding.offset + 1))
    if more:
        problems.append(Problem(path, f"the change adds hidden characters on {more:,} more"
                                " line(s) of this file", "hidden-characters-more",
                                hint="delete them; the first ones are named above"))
    return problems


def _plain(value: Any) -> Any:
    from plandiff.core.models import Model, dump

    return dump(value, json=True, exclude_none=True) if isinstance(value, Model) else value


def _registry_lines(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    from deepdiff import DeepDiff

    before = {k: _plain(v) for k, v in old.items()}
    after = {k: _plain(v) for k, v in new.items()}
    found = DeepDiff(before, after, ignore_order=True, view="tree")
    lines = []
    for kind, items in sorted(found.items()):
        for item in items:
            where = ".".join(str(p) for p in item.path(output_format="list"))
            if kind == "dictionary_item_added":
                lines.append(f"{name}: added {where}")
            elif kind == "dictionary_item_removed":
                lines.append(f"{name}: removed {where}")
            elif kind in ("values_changed", "type_changes"):
                lines.append(f"{name}: {where}: {item.t1!r} → {item.t2!r}")
            else:
                lines.append(f"{name}: {where} changed")
    return lines


def _citations(plan: Plan, version_id: str) -> dict[str, Evidence]:
    """The citations of each clause a version lists, by clause id (its disputed claims' too), as
    quote verification reads them."""
    index: dict[str, Evidence] = {}
    version = plan.versions.get(version_id)
    for clause in version.clauses if version is not None else ():
        index[clause.id] = index.get(clause.id, frozenset()) | clause_evidence(clause)
    return index


def _positions(plan: Plan, version_id: str) -> dict[str, int]:
    """The index of each clause id in the list of a version's clauses (its first listing)."""
    positions: dict[str, int] = {}
    for index, clause in enumerate(plan.versions[version_id].clauses):
        positions.setdefault(clause.id, index)
    return positions


def analyse(base_snapshot: Any, head_snapshot: Any, base: Any, head: Any) -> ReviewResult:
    """Everything a reviewer must see, from the two snapshots and what the loader made of them."""
    unread = set(base_snapshot.unread) | set(head_snapshot.unread)
    files = [change for change in _changed_files(base_snapshot.files, head_snapshot.files)
             if change.path not in unread]
    touched = {f.path for f in files}
    problems: list[Problem] = []
    for link in head_snapshot.links:
        problems.append(Problem(link, "a symbolic link in the plan repository; plandiff never"
                                " follows links", "symlink", hint="commit the file itself"))
    for module in head_snapshot.submodules:
        problems.append(Problem(module, "a git submodule in the plan repository; plandiff never"
                                " reads it, so review cannot show what it holds", "submodule",
                                hint="commit the files themselves"))
    for change in files:
        if change.status != "deleted":
            problems += _hidden_character_problems(change.path,
                                                   base_snapshot.files.get(change.path),
                                                   head_snapshot.files[change.path])
    base_keys = {(p.file, p.code, p.message) for p in base.problems}
    seen = {(p.file, p.line, p.code) for p in problems}
    for problem in head.problems:
        if (problem.file, problem.line, problem.code) in seen:
            continue
        is_new = (problem.file, problem.code, problem.message) not in base_keys
        if problem.file in touched or is_new:
            problems.append(problem)
    versions: list[VersionChange] = []
    registry: list[str] = []
    positions: list[str] = []
    base_plan: Plan | None = base.plan
    head_plan: Plan | None = head.plan
    if base_plan is not None and head_plan is not None:
        registry += _registry_lines("terms.yaml", base_plan.terms, head_plan.terms)
        registry += _registry_lines("sources.yaml", base_plan.sources, head_plan.sources)
        problems += _removed_sources_still_cited(base_plan, head_plan)
        versions, unsupported = _version_changes(files, base, head)
        stance_lines, stance_problems = position_changes(base_plan, head_plan)
        positions += stance_lines
        unsupported += stance_problems
        documents: dict[str, Any] = {}
        problems += [_located(p, head_snapshot.files, head.folders, documents)
                     for p in unsupported]
    problems += [Problem(unit, f"version file deleted: {unit}", "version-deleted",
                         hint="a reported version stays in the record; mark it superseded"
                         " instead of deleting it")
                 for unit, status in _version_units(files).items() if status == "deleted"]
    problems.sort(key=Problem.sort_key)
    other = [change for change in files if _version_unit(change.path) is None
             and change.path not in _LISTED_ELSEWHERE]
    return ReviewResult(base_snapshot.label, head_snapshot.label, files, versions, registry,
                        problems, positions, other)


# Files whose changes have their own section (the registry, the bibliography, the stances).
_LISTED_ELSEWHERE = frozenset({"plans/terms.yaml", "plans/sources.yaml", "plans/positions.yaml"})


def _located(problem: Problem, files: dict[str, bytes], folders: dict[str, Any],
             documents: dict[str, Any]) -> Problem:
    """The problem with the line and column of its key path in the head's file (the right
    chapter file of a folder version). `documents` keeps each file's parsed tree across problems
    (parsing it once per problem was quadratic)."""
    from plandiff.core.records import replace
    from plandiff.repo.located_yaml import Document

    if not problem.keypath:
        return problem
    if problem.file in folders:
        file, keypath = folders[problem.file].place(problem.keypath)
        problem = replace(problem, file=file, keypath=keypath)
    document = documents.get(problem.file)
    if document is None:
        text = files.get(problem.file, b"")
        document = documents[problem.file] = Document(Path(problem.file), problem.file,
                                                       text.decode("utf-8", "replace"))
    line, column = document.locate(problem.keypath, at_key=True)
    return replace(problem, line=line, column=column)


def _version_unit(path: str) -> str | None:
    """The version a changed file belongs to: the file itself (`plans/ID.yaml`), or the folder
    of a folder version (`plans/ID` for `plans/ID/chapter.yaml`); None for other files."""
    from plandiff.repo.repository import plan_file

    found = plan_file(path)
    return found[1] if found is not None and found[0] != "registry" else None


def _version_units(files: list[FileChange]) -> dict[str, str]:
    """Each changed version (file or folder), and how: added, deleted or modified."""
    statuses: dict[str, set[str]] = {}
    for change in files:
        unit = _version_unit(change.path)
        if unit is not None:
            statuses.setdefault(unit, set()).add(change.status)
    return {unit: found.pop() if len(found) == 1 and found != {"modified"} else "modified"
            for unit, found in statuses.items()}


def _removed_sources_still_cited(base: Plan, head: Plan) -> list[Problem]:
    removed = set(base.sources) - set(head.sources)
    cited = {c.source for v in head.versions.values() for clause in v.clauses
             for c in clause.cites}
    return [Problem("plans/sources.yaml", f"source `{s}` was removed but is still cited",
                    "removed-source-cited", hint="keep the source, or cite another one")
            for s in sorted(removed & cited)]


def _version_changes(files: list[FileChange], base: Any,
                     head: Any) -> tuple[list[VersionChange], list[Problem]]:
    base_by_file = {path: vid for vid, path in base.files.items()}
    head_by_file = {path: vid for vid, path in head.files.items()}
    base_resolver, head_resolver = Resolver(base.plan), Resolver(head.plan)
    versions, problems = [], []
    for path, status in _version_units(files).items():
        change = FileChange(path, status)
        old_id, new_id = base_by_file.get(change.path), head_by_file.get(change.path)
        result = None
        if old_id is not None and new_id is not None and old_id in base.plan.versions \
                and new_id in head.plan.versions:
            result = diff_resolved(head.plan, base_resolver.resolve(old_id),
                                   head_resolver.resolve(new_id))
        elif new_id is not None and new_id in head.plan.versions:
            parent = head.plan.versions[new_id].parent
            start = parent if parent is not None and parent in head.plan.versions else new_id
            result = diff_resolved(head.plan, head_resolver.resolve(start),
                                   head_resolver.resolve(new_id))
        details: tuple[Detail, ...] = ()
        if old_id is not None and new_id is not None and old_id in base.plan.versions \
                and new_id in head.plan.versions:
            old_version, new_version = base.plan.versions[old_id], head.plan.versions[new_id]
            details = tuple(version_details(old_version, new_version))
            problems += header_uncited(change.path, old_version, new_version)
        versions.append(VersionChange(new_id or old_id or change.path, change.path,
                                      change.status, result, details))
        if result is None or new_id is None:
            continue
        old_cites = new_cites = listed = None
        for item in result.changed:
            if item.change in ("unreported", "removed") and item.new is None:
                continue
            old_cites = _citations(base.plan, old_id or "") if old_cites is None else old_cites
            new_cites = _citations(head.plan, new_id) if new_cites is None else new_cites
            if change.status == "modified" and old_cites.get(item.old.id if item.old else item.id,
                                                             frozenset()) \
                    == new_cites.get(item.id, frozenset()) and (item.terms or item.text):
                listed = _positions(head.plan, new_id) if listed is None else listed
                where = ("clauses", listed[item.id], "id") if item.id in listed else ()
                problems.append(Problem(
                    change.path, f"clause `{item.id}` changed ({item.change}) but its citations"
                    " did not", "uncited-change",
                    hint="cite the source that reports the new wording or value", keypath=where))
    return versions, problems
