"""`plandiff import` as a library call: load the repository, build the draft, check it in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plandiff.core.models import Plan, is_slug
from plandiff.core.problems import PlandiffError, Problem
from plandiff.core.records import record
from plandiff.importer.disk import seed_path, write_all, write_folder
from plandiff.importer.draft import Draft, ImportOptions, build
from plandiff.importer.layout import add_source, dump_draft, dump_folder
from plandiff.importer.points import parse
from plandiff.importer.source import place
from plandiff.repo.located_yaml import Document, parse_document
from plandiff.repo.repository import (
    OPTIONAL_FILES,
    SPECIAL_FILES,
    Root,
    load_plan,
    read_folder,
    read_repository,
    read_source_file,
    version_files,
)

SOURCES = "plans/sources.yaml"


@record(frozen=False)
class Prepared:
    """Everything `import` would write, checked, and nothing written yet."""

    root: Root
    draft: Draft
    version_path: Path  # plans/ID.yaml, or the folder plans/ID
    version_text: str  # what --dry-run prints: the file, or each file of the folder in turn
    source_id: str
    source_registered: bool  # a new entry in sources.yaml
    sources_text: str | None  # the new sources.yaml, when a source is registered
    source_has_file: bool
    problems: list[Problem]
    folder_files: list[tuple[str, str]] | None = None  # (name, text) in a version folder

    @property
    def display(self) -> str:
        return self.root.display(self.version_path)


def prepare(root: Root, text: str, path: Path | None, options: ImportOptions, *,
            shown: str) -> Prepared:
    """Build and check the draft of `text` as version `options.version_id`. Raises PlandiffError
    when it cannot (unknown parent, bad id, no numbered points)."""
    if not is_slug(options.version_id):
        raise PlandiffError(f"--id {options.version_id!r} is not a valid version id",
                            "use lower-case letters, digits and hyphens, like miami-dec")
    if f"{options.version_id}.yaml" in (*SPECIAL_FILES, *OPTIONAL_FILES):
        raise PlandiffError(f"--id {options.version_id}: plans/{options.version_id}.yaml is not"
                            " a version file", "give the new version another --id")
    loaded = load_plan(root)
    plan: Plan = loaded.plan
    if options.parent not in plan.versions:
        from plandiff.repo.lookups import require_versions

        require_versions(loaded, options.parent)
    existing_file = loaded.files.get(options.version_id)
    target = root.plans / (options.version_id if options.folder else
                           f"{options.version_id}.yaml")
    if existing_file and existing_file != root.display(target):
        raise PlandiffError(f"version `{options.version_id}` already exists in {existing_file}",
                            "give the new version another --id")
    parsed = parse(text)
    if not parsed.points:
        raise PlandiffError(f"{shown}: no numbered points found",
                            'number the points as "1.", "1)", "(1)" or "Point 1:", one per line')
    relative = seed_path(root, path)
    source = place(plan, relative=relative, path=path, parsed=parsed, text=text,
                   version_id=options.version_id, today=options.today, outlet=options.outlet,
                   source_date=options.source_date)
    source_id, entry = source.id, source.entry
    from plandiff.core.resolve import Resolver

    parent = Resolver(plan).resolve(options.parent)
    options = ImportOptions(**{**options.__dict__, "source_id": source_id})
    draft = build(parsed, plan, parent, options, source_text=text,
                  source_has_file=relative is not None)
    if options.date is None and source.date is not None:
        draft.header["date"] = source.date
        draft.header_review["date"] = (
            f"the date of its source `{source_id}` ({source.date_origin}): confirm, or give the"
            " date the version was drafted or reported")
    for note in source.review:
        draft.header_review.setdefault("source", note)
    if relative is None:
        draft.header_review["source"] = (
            f"source `{source_id}` has no local file, so its quotes cannot be verified: copy"
            " the text under seeds/ and set its `file:` in plans/sources.yaml")
    origin = relative or ("standard input" if path is None else path.name)
    header = _header_comment(origin, options)
    folder_files = dump_folder(draft, header) if options.folder else None
    version_text = dump_draft(draft, header) if folder_files is None else "".join(
        f"# ==> {root.display(target / name)} <==\n{text}" for name, text in folder_files)
    sources_text = None
    if entry is not None:
        sources_text = add_source(_text_of(root.plans / "sources.yaml"), source_id, entry)
    problems = _check(root, target, folder_files or version_text, sources_text)
    return Prepared(root, draft, target, version_text, source_id, entry is not None,
                    sources_text, relative is not None, problems, folder_files)


def write(prepared: Prepared, *, force: bool) -> None:
    """Write the draft (and the registered source) atomically; nothing on failure."""
    if prepared.root.packaged:
        raise PlandiffError("no plan repository here: plandiff would write into its own"
                            " bundled corpus", "run it inside a repository, or give --root")
    files = [] if prepared.folder_files is not None else [
        (prepared.version_path, prepared.version_text)]
    if prepared.sources_text is not None:
        path = prepared.root.plans / "sources.yaml"
        files.append((path, _like(path, prepared.sources_text)))
    if prepared.folder_files is None:
        write_all(files, root=prepared.root.path, new=prepared.version_path, force=force)
    else:
        write_folder(prepared.version_path, prepared.folder_files, files,
                     root=prepared.root.path, force=force)


def _header_comment(origin: str, options: ImportOptions) -> str:
    """The draft's opening comment: where it comes from, and whether it is a full or a partial
    version (the one choice that changes what the parent's other clauses become)."""
    if options.partial:
        kind = ("A partial version (the default): parent clauses that the text leaves out carry\n"
                "over, unreported. If the text gives the whole plan, import it again with --full.")
    else:
        kind = ("A full version (--full): every parent clause that the text leaves out is listed\n"
                "as removed. If the text reports only some clauses, import it without --full.")
    return (f"Drafted by `plandiff import` from {origin} against `{options.parent}`.\n{kind}\n"
            "Settle each REVIEW comment, then delete it.")


def _text_of(path: Path) -> str:
    """A plan file's text, without its byte-order mark, with LF line ends ("" when absent)."""
    if not path.exists():
        return ""
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def _like(path: Path, text: str) -> str:
    """`text` with the byte-order mark and CRLF line ends of the file it replaces, so that only
    what import adds differs."""
    raw = path.read_bytes() if path.exists() else b""
    if b"\r\n" in raw:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" + text) if raw.startswith(b"\xef\xbb\xbf") else text


def _check(root: Root, target: Path, version: str | list[tuple[str, str]],
           sources_text: str | None) -> list[Problem]:
    """The problems `plandiff check` would find in the draft (a file's text, or the files of a
    folder), found before anything is written."""
    from plandiff.core.validate import build_plan, verify_quotes

    raw = read_repository(root)
    display = root.display(target)
    replaced = {display: version} if isinstance(version, str) else {}
    if sources_text is not None:
        replaced[SOURCES] = sources_text
    for name, text in replaced.items():
        document = Document(root.plans / Path(name).name, name, text)
        raw.documents[name] = document
        raw.data[name] = parse_document(document)
    if not isinstance(version, str):
        texts = dict(version)

        def read(path: Path) -> dict[str, Any]:
            document = Document(path, root.display(path), texts[path.name])
            raw.documents[document.display] = document
            return {"": parse_document(document)}

        raw.data[display] = read_folder(root, target, read, raw.problems, raw.folders,
                                        chapters=[target / n for n, _ in version[1:]])
    plan, problems = build_plan(raw.data)
    if plan is not None:
        problems += verify_quotes(plan, version_files(raw),
                                  lambda rel: read_source_file(root, rel))
    mine = [p for p in raw.locate(problems) if p.file == display
            or p.file.startswith(display + "/")
            or (p.file == SOURCES and sources_text is not None)]
    return mine
