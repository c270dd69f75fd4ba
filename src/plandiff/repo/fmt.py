"""`plandiff fmt`: the canonical layout of plan files, keeping every comment and all the data.

Text in, text out: reading and writing files is the caller's (store.py, cli.py). The layout:

- keys in the contract's order (KEY_ORDERS below); unknown keys after the known ones, as they were;
  the order of clauses, terms, sources, choices and list items is never changed;
- two spaces per level, list items indented under their key (`  - id: ...`), LF line ends, no BOM;
- strings plain where YAML allows it (for YAML 1.1 readers too), else in double quotes (single
  quotes when the text holds a double quote); quotes (`quote:`) always quoted, and on one line
  whatever their length, so that they can be searched for in the source; other text that would run
  past WIDTH folded (`>-`) at word boundaries, text with line breaks as a literal block (`|`);
  `null` written out;
- lists of short scalars on one line (`parties: [US, UA]`), everything else in block style.

A comment on a line of its own stays with the field above it; the blank lines and comments that
follow the last field of a mapping stay at the end of that mapping when its fields are reordered.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import io
import math
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plandiff.core.records import record

if TYPE_CHECKING:
    from plandiff.repo.located_yaml import Limits
    from plandiff.repo.writer import Stamp

from plandiff.core.hidden_characters import HIDDEN

WIDTH = 100

KEY_ORDERS: dict[str, tuple[str, ...]] = {
    "version": ("id", "title", "date", "parent", "coverage", "status", "parties", "summary",
                "note", "translations", "clauses"),
    "clause": ("id", "was", "removed", "number", "title", "topic", "text", "terms", "cites",
               "note", "translations"),
    "citation": ("source", "quote", "hedge", "note"),
    "claim": ("value", "unknown", "cites", "note"),
    "term": ("label", "type", "unit", "currency", "choices", "order", "description", "salience",
             "translations"),
    "salience": ("party", "reason", "editorial", "cites"),
    "source": ("outlet", "title", "headline", "date", "language", "url", "file", "reliability",
               "copy_of", "note", "translations"),
    "positions": ("parties", "translations", "positions"),
    "position": ("party", "term", "issue", "stance", "value", "date", "at", "text", "cites",
                 "note", "translations"),
    # one language's rendering (`translations: {ar: ...}`) of each kind that has translations
    "translation-of-version": ("title", "summary", "translated_from"),
    "translation-of-clause": ("title", "text", "translated_from"),
    "translation-of-term": ("label", "unit", "choices", "description", "translated_from"),
    "translation-of-position": ("text", "issue", "translated_from"),
    "translation-of-positions": ("parties", "translated_from"),
    "translation-of-source": ("outlet", "title", "translated_from"),
}
_TRANSLATED = ("version", "clause", "term", "position", "positions", "source")


class FormatError(Exception):
    """The file cannot be put in canonical form without changing its data or losing a comment."""


@record
class Formatted:
    text: str
    changed: bool


def kind_of(name: str) -> str:
    """`terms`, `sources`, `positions` or `version`, from a file name."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if stem in ("terms", "sources", "positions") else "version"


def format_text(text: str, kind: str) -> Formatted:
    """The canonical form of a plan file's text. `text` must already parse (store.parse_document
    refuses what plan files may not hold); raises FormatError when the result would differ in data
    or comments, which is a bug in the formatter, never a reason to write."""
    from plandiff.repo.located_yaml import yaml_loader

    yaml = yaml_loader(round_trip=True)
    data = yaml.load(text)
    if data is None:  # empty, or comments only: nothing to lay out
        return Formatted(text, False)
    _layout(data, kind)
    out = _dump(data)
    if out != text:  # an unchanged text holds the same data and comments
        _verify(text, out)
    return Formatted(out, out != text)


# --- layout -----------------------------------------------------------------------------------


def _layout(data: Any, kind: str) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(data, CommentedMap):
        _visit(data, {"terms": "term-registry", "sources": "bibliography",
                      "positions": "positions"}.get(kind, "version"), 0)
    elif isinstance(data, CommentedSeq):
        _visit(data, "", 0)


def _visit(node: Any, kind: str, indent: int) -> None:
    """Lay out `node` (a mapping of `kind`) and everything under it, children first."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedSeq):
        for item in node:
            if isinstance(item, (CommentedMap, CommentedSeq)):
                _visit(item, kind, indent + 2)
        _choose_flow(node, indent)
        _style_values(node, indent)
        return
    _block_unless_empty(node)
    for key in list(node):
        value = node[key]
        child_kind = _child_kind(kind, key, value)
        if isinstance(value, CommentedMap):
            _visit(value, child_kind, indent + 2)
        elif isinstance(value, CommentedSeq):
            for item in value:
                if isinstance(item, (CommentedMap, CommentedSeq)):
                    _visit(item, child_kind, indent + 4)
            _choose_flow(value, indent + len(str(key)) + 2)
            _style_values(value, indent + 2)
    _style_values(node, indent)
    if kind in KEY_ORDERS:
        _reorder(node, KEY_ORDERS[kind])


def _child_kind(kind: str, key: object, value: Any) -> str:
    if kind in _TRANSLATED and key == "translations":
        return f"translations-of-{kind}"
    if kind.startswith("translations-of-"):
        return "translation-of-" + kind.removeprefix("translations-of-")
    if kind in ("term-registry", "bibliography"):
        return "term" if kind == "term-registry" else "source"
    if kind == "term" and key == "salience":
        return "salience"
    if kind == "version" and key == "clauses":
        return "clause"
    if kind == "positions" and key == "positions":
        return "position"
    if key == "cites":
        return "citation"
    if kind == "clause" and key == "terms":
        return "terms-of-clause"
    if kind == "terms-of-clause":
        return "dispute"
    if kind == "dispute" and key == "disputed":
        return "claim"
    return ""


def _reorder(node: Any, order: tuple[str, ...]) -> None:
    keys = list(node)
    ranked = [k for k in order if k in node] + [k for k in keys if k not in order]
    if ranked == keys:
        return
    tail = _take_tail(node)
    for key in ranked:
        node.move_to_end(key)
    _put_tail(node, tail)


# --- the comment lines after a mapping's last field -------------------------------------------


def _tail_holder(node: Any) -> tuple[Any, Any] | None:
    """(container, key or index) of the innermost last entry, where ruamel keeps the comment lines
    that follow a block mapping or list."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, (CommentedMap, CommentedSeq)) or not node:
        return None
    key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
    child = node[key]
    if isinstance(child, (CommentedMap, CommentedSeq)) and child and not child.fa.flow_style():
        return _tail_holder(child)
    return node, key


def _slot(container: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


def _take_tail(node: Any) -> str | None:
    """Remove and return the lines after the end-of-line comment of the innermost last entry."""
    holder = _tail_holder(node)
    if holder is None:
        return None
    container, key = holder
    entry = container.ca.items.get(key)
    token = entry[_slot(container)] if entry else None
    if token is None or "\n" not in token.value:
        return None
    if _is_block(container[key]):  # after a block scalar the comment holds no line end
        entry[_slot(container)] = None
        return str(token.value)
    head, rest = token.value.split("\n", 1)
    if not rest:
        return None
    if head.strip():
        token.value = head + "\n"
    else:
        entry[_slot(container)] = None
    return str(rest)


def _put_tail(node: Any, rest: str | None) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    holder = _tail_holder(node)
    if rest is None or holder is None:
        return
    container, key = holder
    slot = _slot(container)
    entry = container.ca.items.setdefault(key, [None, None, None, None] if slot else [None, None])
    token = entry[slot]
    if token is None:
        value = rest if _is_block(container[key]) else "\n" + rest
        entry[slot] = CommentToken(value, CommentMark(0), None)
    else:
        token.value = token.value + rest if token.value.endswith("\n") else \
            token.value + "\n" + rest


# --- scalars and lists --------------------------------------------------------------------------


def _style_values(node: Any, indent: int) -> None:
    """Style the strings directly in `node`, whose keys (or `- ` items) start at `indent`."""
    from ruamel.yaml.comments import CommentedMap

    items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, float) and type(value) is not float:
            node[key] = float(value)  # ruamel's ScalarFloat can write back a different number
        if not isinstance(value, str):
            continue
        used = indent + (len(str(key)) + 2 if isinstance(node, CommentedMap) else 2)
        entry = node.ca.items.get(key)
        token = entry[_slot(node)] if entry else None
        end_of_line_comment = token is not None and not _is_block(value) \
            and token.value.lstrip(" ").startswith("#")
        styled = _styled(value, is_quote=key == "quote", used=used, block=indent + 2,
                         may_block=not end_of_line_comment)
        if token is not None and _is_block(styled) != _is_block(value):
            # ruamel keeps the line end of a plain value in the comment after it, not so a block
            # scalar's
            token.value = token.value[1:] if _is_block(styled) else "\n" + token.value
        _replace(node, key, styled)


def _replace(node: Any, key: Any, value: Any) -> None:
    """Set `node[key]` to exactly `value`: ruamel's own assignment turns a plain `str` that
    replaces a styled string (a `>-` block, a quoted one) back into that style."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.compat import ordereddict

    if isinstance(node, CommentedMap):
        ordereddict.__setitem__(node, key, value)
    else:
        list.__setitem__(node, key, value)


def _is_block(value: object) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _styled(value: str, *, is_quote: bool, used: int, block: int, may_block: bool) -> Any:
    """`used`: the columns before the value on its line; `block`: the indentation of a block
    scalar's lines; `may_block`: false where an end-of-line comment follows the value."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if HIDDEN.search(value):  # written as escapes, never raw (see OneLineQuotes)
        return _quoted(value)
    may_block = may_block and value.replace("\n", "").isprintable()
    if "\n" in value.rstrip("\n") and may_block:
        return LiteralScalarString(value)
    if may_block and not is_quote and used + len(value) > WIDTH and " " in value.strip():
        folded = FoldedScalarString(value)
        folded.fold_pos = fold_positions(value, WIDTH - block)
        return folded
    if not is_quote and _plain_ok(value, flow=False):
        return str(value)
    return _quoted(value)


def _quoted(value: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if '"' in value and "'" not in value and value.isprintable():
        return SingleQuotedScalarString(value)
    return DoubleQuotedScalarString(value)


def fold_positions(text: str, width: int) -> list[int]:
    """Where to fold `text` (at single spaces between words) so that no line is longer than
    `width`, unless one word is."""
    positions, line_start, last_space = [], 0, -1
    for index, char in enumerate(text):
        foldable = (char == " " and 0 < index < len(text) - 1 and text[index - 1] != " "
                    and text[index + 1] != " ")
        if index - line_start >= width and last_space > line_start:
            positions.append(last_space)
            line_start = last_space + 1
        if foldable:
            last_space = index
    if len(text) - line_start > width and last_space > line_start:
        positions.append(last_space)
    return positions


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    from ruamel.yaml.emitter import Emitter

    emitter = Emitter(None, allow_unicode=True)
    emitter.use_version = (1, 2)  # type: ignore[attr-defined]  # read through `serializer` when there is no dumper
    return emitter


def _plain_ok(value: str, *, flow: bool) -> bool:
    """A string that every YAML reader (1.1 and 1.2) reads back as the same string unquoted."""
    from ruamel.yaml.nodes import ScalarNode

    if not value or "\n" in value:
        return False
    analysis = _analyzer().analyze_scalar(value)
    if not analysis.allow_block_plain or (flow and not analysis.allow_flow_plain):
        return False
    return all(resolver.resolve(ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
               for resolver in _resolvers())


@functools.lru_cache(maxsize=1)
def _resolvers() -> tuple[Any, ...]:
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(version=(1, 1)), VersionedResolver(version=(1, 2))


def _block_unless_empty(node: Any) -> None:
    if node:
        node.fa.set_block_style()
    else:  # an empty block mapping or list would read back as null
        node.fa.set_flow_style()


def _choose_flow(seq: Any, used: int) -> None:
    """Short lists of plain scalars on one line, the rest in block style; never where it would
    move a comment."""
    if seq.ca.items or getattr(seq.ca, "comment", None):
        return
    scalars = all(isinstance(item, (str, int, float, bool)) and not isinstance(item, dict)
                  and "\n" not in str(item) for item in seq)
    shown = "[" + ", ".join(str(item) if not isinstance(item, bool) else str(item).lower()
                            for item in seq) + "]"
    if seq and scalars and used + len(shown) <= WIDTH and all(
            not isinstance(item, str) or _plain_ok(item, flow=True) for item in seq):
        seq.fa.set_flow_style()
    else:
        _block_unless_empty(seq)


def _dump(data: Any) -> str:
    from plandiff.repo.located_yaml import yaml_loader

    yaml = yaml_loader(round_trip=True)
    yaml.Emitter = _emitter_class()
    yaml.Representer = _representer_class()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@functools.lru_cache(maxsize=1)
def _representer_class() -> type:
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.scalarstring import FoldedScalarString

    class Representer(RoundTripRepresenter):
        """`null` written out, and folded text marked in one pass (ruamel copies the whole text
        at each fold: a 5 MB text took minutes)."""

        def represent_none(self, data: Any) -> Any:
            return self.represent_scalar("tag:yaml.org,2002:null", "null")

        def represent_folded_scalarstring(self, data: Any) -> Any:
            # As ruamel marks a fold: `\a` before a single space between two words.
            pieces, start = [], 0
            for fold in sorted(set(getattr(data, "fold_pos", []))):
                if (0 < fold < len(data) - 1 and data[fold] == " "
                        and not data[fold - 1].isspace() and not data[fold + 1].isspace()):
                    pieces.append(data[start:fold])
                    pieces.append("\a")
                    start = fold
            pieces.append(data[start:])
            return self.represent_scalar("tag:yaml.org,2002:str", "".join(pieces), style=">",
                                         anchor=data.yaml_anchor(any=True))

    Representer.add_representer(type(None), Representer.represent_none)
    Representer.add_representer(FoldedScalarString, Representer.represent_folded_scalarstring)
    return Representer


@functools.lru_cache(maxsize=1)
def _emitter_class() -> type:
    from ruamel.yaml.emitter import Emitter

    class OneLineQuotes(Emitter):
        """Quoted strings stay on one line: a quote broken over lines cannot be searched for."""

        def write_double_quoted(self, text: Any, split: Any = True) -> None:
            # A hidden character (bidi control, ANSI escape, ...) stays an escape such as \u202e:
            # ruamel would write it raw, where it is invisible. Its string is then all escapes.
            unicode, self.allow_unicode = self.allow_unicode, not HIDDEN.search(text)
            try:
                super().write_double_quoted(text, split=False)
            finally:
                self.allow_unicode = unicode

        def write_single_quoted(self, text: Any, split: Any = True) -> None:
            super().write_single_quoted(text, split=False)

        def write_plain(self, text: Any, split: Any = True) -> None:
            # A plain string is one that fits or has no space to fold at (a long URL): ruamel
            # would move such a word to the next line, leaving "key: " with a trailing space.
            width, self.best_width = self.best_width, sys.maxsize
            try:
                super().write_plain(text, split=False)
            finally:
                self.best_width = width

    return OneLineQuotes


# --- what must not change -------------------------------------------------------------------------


def _verify(before: str, after: str) -> None:
    from ruamel.yaml.error import YAMLError

    old = _safe_load(before)
    try:
        new = _safe_load(after)
    except YAMLError as error:  # ruamel's emitter wrote what its reader refuses (rare layouts)
        raise FormatError("the formatted file would not read back as YAML") from error
    if _comparable(old) != _comparable(new):
        raise FormatError("the formatted file would hold different data")
    lost = comments(before) - comments(after)
    if lost:
        raise FormatError(f"the formatted file would lose {sum(lost.values())} comment(s), the"
                          f" first: {next(iter(lost))!r}")


def _safe_load(text: str) -> Any:
    """The plain data of a text, as the pure safe loader reads it (through the C parser where it
    reads the same)."""
    from plandiff.repo import fast_yaml
    from plandiff.repo.located_yaml import MAX_DEPTH, yaml_loader

    data = fast_yaml.load(text, max_depth=MAX_DEPTH)
    return yaml_loader().load(text) if data is fast_yaml.UNDECIDED else data


def _comparable(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _comparable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_comparable(value) for value in data]
    if isinstance(data, float) and math.isnan(data):
        return ("nan",)
    return (type(data).__name__, data)


def comments(text: str) -> Counter[str]:
    """Every comment of a YAML text (without its leading spaces), found by the scanner: a `#`
    after white space, outside every scalar."""
    starts, ends = _scalar_spans(text)
    found: Counter[str] = Counter()
    offset = 0
    for line in text.splitlines(keepends=True):
        position = -1
        while True:
            position = line.find("#", position + 1)
            if position < 0:
                break
            index = offset + position
            after_space = position == 0 or line[position - 1] in " \t"
            span = bisect.bisect_right(starts, index) - 1  # scalars never overlap
            inside = span >= 0 and index < ends[span]
            if after_space and not inside:
                found[line[position:].rstrip()] += 1
                break
        offset += len(line)
    return found


def _scalar_spans(text: str) -> tuple[list[int], list[int]]:
    """The start and end offsets of every scalar of a YAML text, in order, from the C scanner
    where it reads the text as the pure one does (see fast_yaml), else from the pure one."""
    from plandiff.repo import fast_yaml

    tokens: Any = None
    if fast_yaml.scans_alike(text):
        try:
            from _ruamel_yaml import CParser

            tokens = list(iter(CParser(text).get_token, None))
        except Exception:  # no C extension, or a text it reads otherwise: the pure scanner
            tokens = None
    if tokens is None:
        from ruamel.yaml import YAML

        tokens = YAML(typ="safe", pure=True).scan(text)
    starts, ends = [], []
    for token in tokens:
        if type(token).__name__ == "ScalarToken":
            starts.append(token.start_mark.index)
            ends.append(token.end_mark.index)
    return starts, ends


# --- files (the edge: read, format all, then write) ----------------------------------------------


@record
class FileResult:
    path: Path  # the file written: the one named, or inside the root the target of its links
    display: str
    formatted: Formatted
    stamp: Stamp | None = None  # the file as it was read, checked again before replacing it


def format_files(paths: Sequence[tuple[Path, str]], root: Path, *,
                 limits: Limits | None = None) -> list[FileResult]:
    """Read and format every (path, display name) of the repository at `root`, within `limits`
    in all. Raises InvalidPlan listing every file that cannot be read, parsed or formatted, or
    that leads out of the root or is not a regular file; nothing is written here."""
    from plandiff.core.problems import InvalidPlan
    from plandiff.repo.located_yaml import Budget

    results: list[FileResult] = []
    problems: list[Any] = []
    budget = Budget(limits)
    with _collecting_cycles():
        _format_each(paths, root, budget, results, problems)
    if problems:
        raise InvalidPlan("", problems=problems)
    return results


@contextlib.contextmanager
def _collecting_cycles() -> Iterator[None]:
    """The cycle collector on while files are formatted. The command line turns it off (its data
    is trees that reference counting frees), but each round trip through ruamel leaves cycles
    (loader, scanner and resolver refer to each other): without it 20,000 small files held 2 GB."""
    import gc

    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


def _format_each(paths: Sequence[tuple[Path, str]], root: Path, budget: Any,
                 results: list[FileResult], problems: list[Any]) -> None:
    import os

    from ruamel.yaml.error import YAMLError

    from plandiff.core.problems import InvalidPlan, Problem
    from plandiff.repo.located_yaml import decode_document, parse_document, read_plan_bytes
    from plandiff.repo.writer import Unwritable, stamp, target_in_root

    for path, display in paths:
        try:
            target = target_in_root(path, root, display)
            status = os.stat(target)  # before reading: a later edit changes it
            raw = read_plan_bytes(target, display, budget)
            document = decode_document(target, display, raw)
            parse_document(document, budget)
            formatted = format_text(document.text, kind_of(path.name))
        except Unwritable as error:
            problems.append(Problem(display, error.reason, error.code, hint=error.hint))
            continue
        except OSError as error:  # the stat before reading
            problems.append(Problem(display, f"cannot read the file: {error.strerror or error}",
                                    "unreadable", hint="check that it exists and is readable"))
            continue
        except InvalidPlan as error:
            problems.extend(error.problems)
            continue
        except FormatError as error:
            problems.append(Problem(display, f"cannot be formatted: {error}", "format-failed",
                                    hint="this is a bug in plandiff fmt; the file is left as is"))
            continue
        except YAMLError as error:  # read by `check`'s reader, refused by the round-trip one
            mark = getattr(error, "problem_mark", None)
            problems.append(Problem(
                display, f"cannot be formatted: {getattr(error, 'problem', None) or error}",
                "format-failed", hint="the file is left as is",
                line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None))
            continue
        changed = formatted.changed or raw != formatted.text.encode("utf-8")  # BOM, CRLF
        results.append(FileResult(target, display, Formatted(formatted.text, changed),
                                  stamp(status, raw)))


def write_changed(results: Sequence[FileResult], root: Path) -> None:
    """Write every changed file or none (temporary files renamed over them), each only if it is
    still as it was read and still resolves inside `root`."""
    from plandiff.repo.writer import Planned, write_files

    write_files([Planned(result.path, result.formatted.text, root=root, expect=result.stamp)
                 for result in results if result.formatted.changed])
