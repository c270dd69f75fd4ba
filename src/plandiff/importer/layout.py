"""Pure: a draft as YAML text in the canonical layout, and a source added to sources.yaml.

The layout is `plandiff fmt`'s (its KEY_ORDERS, and the draft is passed through its formatter), so
an import followed by `plandiff fmt --check` passes untouched. Reviewer notes are YAML comments, so
the file is valid as it stands and a person deletes them as they settle each point.
"""

from __future__ import annotations

import io
from typing import Any

from plandiff.importer.draft import Draft, DraftClause
from plandiff.repo.fmt import KEY_ORDERS, WIDTH, FormatError, format_text

REVIEW = "REVIEW: "


def yaml_loader() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # folding is done by _folded, at word boundaries
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _folded(text: str, indent: int) -> Any:
    """A long text as a folded block (`>-`), wrapped at word boundaries within WIDTH."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    text = " ".join(text.split())
    if len(text) + indent + 8 <= WIDTH:
        return text
    from plandiff.repo.fmt import fold_positions

    folded = FoldedScalarString(text)
    folded.fold_pos = fold_positions(text, WIDTH - indent)  # fmt's own rule, so fmt agrees
    return folded


def _quoted(text: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


def _comment(text: str) -> str:
    return REVIEW + " ".join(text.split())


def _clause_map(clause: DraftClause) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    values: dict[str, Any] = {
        "id": clause.id, "number": clause.number, "title": clause.title,
        "text": _folded(clause.text, 6) if clause.text else None,
        "removed": True if clause.removed else None,
    }
    if clause.terms:
        terms = CommentedMap()
        for term_id, value in clause.terms.items():
            terms[term_id] = value
            if term_id in clause.term_review:
                terms.yaml_add_eol_comment(_comment(clause.term_review[term_id]), term_id)
        values["terms"] = terms
    if clause.cites:
        cites = CommentedSeq()
        for cite in clause.cites:
            entry = CommentedMap()
            entry["source"] = cite["source"]
            if "quote" in cite:
                entry["quote"] = _quoted(cite["quote"])
            if "note" in cite:
                entry["note"] = cite["note"]
            cites.append(entry)
        values["cites"] = cites
    mapping = CommentedMap()
    for key in KEY_ORDERS["clause"]:
        if values.get(key) is not None:
            mapping[key] = values[key]
    return mapping


CHAPTER_CLAUSES = 500  # clauses in each chapter file of a version folder


def dump_folder(draft: Draft, header_comment: str) -> list[tuple[str, str]]:
    """The draft as a version folder: (file name, YAML text) of its header, `version.yaml`, and
    of its chapter files, `part-001.yaml` on, CHAPTER_CLAUSES clauses each."""
    count = len(draft.clauses)
    files = [("version.yaml", dump_draft(draft, header_comment, clauses=range(0)))]
    for number, start in enumerate(range(0, count, CHAPTER_CLAUSES), 1):
        part = range(start, min(count, start + CHAPTER_CLAUSES))
        files.append((f"part-{number:03d}.yaml", dump_draft(draft, None, clauses=part)))
    return files


def dump_draft(draft: Draft, header_comment: str | None, *,
               clauses: range | None = None) -> str:
    """The draft version as YAML text, canonical layout, reviewer notes as comments. With
    `clauses`, only those (and no header when `header_comment` is None: a chapter file)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    top = CommentedMap()
    for key in KEY_ORDERS["version"] if header_comment is not None else ():
        if key == "clauses":
            continue
        value = draft.header.get(key)
        if value is None:
            continue
        if key == "parties":
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        elif key == "summary":
            value = _folded(value, 2)
        top[key] = value
        if key in draft.header_review:
            top.yaml_add_eol_comment(_comment(draft.header_review[key]), key)
    listed = CommentedSeq()
    for index, position in enumerate(clauses if clauses is not None else
                                     range(len(draft.clauses))):
        clause = draft.clauses[position]
        listed.append(_clause_map(clause))
        lines = [_comment(note) for note in clause.review]
        if index:
            lines.insert(0, "")
        if lines:
            listed.yaml_set_comment_before_after_key(index, before="\n".join(lines), indent=2)
    if listed or clauses is None:
        top["clauses"] = listed
    if header_comment is not None:
        top.yaml_set_start_comment(header_comment)
    out = io.StringIO()
    yaml_loader().dump(top, out)
    return _formatted(_tidy(out.getvalue()), "version")


def _formatted(text: str, kind: str) -> str:
    """`text` in `plandiff fmt`'s layout. fmt refuses (FormatError) only where it would change the
    data or lose a comment, a bug of its own: the draft is then written as built, still valid."""
    try:
        return format_text(text, kind).text
    except FormatError:
        return text


def _tidy(text: str) -> str:
    """ruamel writes an empty comment line as '#'; a blank line between clauses reads better."""
    lines = [("" if line.strip() == "#" else line) for line in text.split("\n")]
    return "\n".join(lines)


def add_source(sources_text: str, source_id: str, entry: dict[str, Any]) -> str:
    """`sources_text` with one more source at its end, in `plandiff fmt`'s layout: the entry is
    appended as text, so every byte before it stays as it was (comments, layout, long `url:`
    lines); only a file that is not a plain block mapping is rewritten (round trip)."""
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap()
    for key, value in entry.items():
        mapping[key] = _folded(value, 4) if key == "note" and isinstance(value, str) else value
    out = io.StringIO()
    yaml_loader().dump(CommentedMap([(source_id, mapping)]), out)
    snippet = _formatted(out.getvalue(), "sources")
    if not sources_text.strip():
        return snippet
    if sources_text.endswith("\n\n"):
        appended = sources_text + snippet
    elif sources_text.endswith("\n"):
        appended = sources_text + "\n" + snippet
    else:
        appended = sources_text + "\n\n" + snippet
    if _appends(sources_text, appended, source_id):
        return appended
    return _round_trip(sources_text, source_id, mapping)


def _appends(old: str, new: str, source_id: str) -> bool:
    """Whether `new` reads as `old` with one more source, `source_id`, at its end (not so after a
    flow mapping, a document end marker or a top level that is not a mapping)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        before, after = YAML(typ="safe", pure=True).load(old), YAML(typ="safe",
                                                                    pure=True).load(new)
    except YAMLError:  # the appended text does not read: take the round trip
        return False
    if before is None:
        before = {}
    return (isinstance(before, dict) and isinstance(after, dict) and source_id not in before
            and list(after) == [*before, source_id]
            and all(after[key] == value for key, value in before.items())
            and after[source_id] == YAML(typ="safe", pure=True).load(new[len(old):])[source_id])


def _round_trip(sources_text: str, source_id: str, mapping: Any) -> str:
    from ruamel.yaml.comments import CommentedMap

    yaml = yaml_loader()
    yaml.preserve_quotes = True
    data = yaml.load(sources_text) if sources_text.strip() else None
    if data is None:
        data = CommentedMap()
    data[source_id] = mapping
    out = io.StringIO()
    yaml.dump(data, out)
    return _formatted(out.getvalue(), "sources")
