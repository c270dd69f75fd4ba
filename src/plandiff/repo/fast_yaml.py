"""The fast read path for plan files: ruamel's C parser and a lean constructor for plain data.

`load` decides only documents that it reads exactly as ruamel's pure safe loader (YAML 1.2) does,
and returns UNDECIDED for anything else: anchors, aliases, tags, directives, merge keys, duplicate
keys, unusual numbers or dates, control characters, deep nesting, and every syntax error. The
caller then parses with the pure loader, which refuses or reports those with line and column.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

UNDECIDED: Any = object()

# What may be an anchor (&a), an alias (*a), a tag (!t) or a directive (%YAML): the C parser would
# accept them where plan files refuse them, so such files take the pure path. (A false alarm, say
# "Q &A" in a text, only costs time.)
_MARKERS = re.compile(r"[&*!%]")
_BEFORE_MARKER = frozenset(" \t\n[]{},:")
# Characters that the reader refuses, or on which YAML 1.1 (libyaml) and 1.2 may disagree (tab,
# carriage return, NEL, the Unicode line separators, a byte-order mark inside the text).
_AWKWARD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# libyaml takes `|#` for a block scalar and a comment; YAML 1.2 wants a space before the comment.
_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
# A block scalar as the whole document: libyaml ends it at a `#` in column 0, YAML 1.2 keeps the
# `#` as text. A plan file is a mapping, so such a document is only ever a mistake to report.
_ROOT_BLOCK_SCALAR = re.compile(r"^(?:--- +)?[|>]", re.MULTILINE)
# The C parser composes recursively, so deep nesting is left to the pure loader, which refuses it
# with a message. Nesting is bounded by the flow brackets plus the indentation and compact `- `,
# `? `, `: ` that open a line.
_MAX_NESTING_BOUND = 400



def scans_alike(text: str) -> bool:
    """Whether the C scanner may tokenize `text` (scalars and comments) as the pure one does."""
    return not _AWKWARD.search(text) and not _HEADER_COMMENT.search(text)


_INT = re.compile(r"[-+]?[0-9]{1,18}")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = frozenset({"true", "True", "TRUE"})


class _Undecided(Exception):
    pass


# ruamel's YAML 1.2 implicit resolvers (ruamel/yaml/resolver.py), in its order: (tag, pattern,
# flags, first characters). Copied, so that reading the layout plan files are written in imports
# no part of ruamel (a seventh of a first `plandiff A B`); tests/test_fastyaml.py checks the copy
# against the installed ruamel.
_RESOLVERS = (
    ("tag:yaml.org,2002:bool", """^(?:true|True|TRUE|false|False|FALSE)$""", re.X, "tTfF"),
    ("tag:yaml.org,2002:float", """^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""", re.X, "-+0123456789."),
    ("tag:yaml.org,2002:int", """^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", re.X, "-+0123456789"),
    ("tag:yaml.org,2002:merge", """^(?:<<)$""", 0, "<"),
    ("tag:yaml.org,2002:null", """^(?: ~
        |null|Null|NULL
        | )$""", re.X, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:timestamp", """^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X, "0123456789"),
    ("tag:yaml.org,2002:value", """^(?:=)$""", 0, "="),
    ("tag:yaml.org,2002:yaml", """^(?:!|&|\\*)$""", 0, "!&*"),
)


class _Resolver:
    """A resolver's pattern, compiled when first matched (a first `plandiff A B` needs few)."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def match(self, value: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled.match(value)


def _resolvers() -> dict[str, tuple[tuple[str, Any], ...]]:
    """The implicit resolvers by first character, in ruamel's order."""
    table: dict[str, list[tuple[str, Any]]] = {}
    for tag, pattern, flags, first in _RESOLVERS:
        regexp = _Resolver(pattern, flags)
        for character in first:
            table.setdefault(character, []).append((tag, regexp))
    return {k: tuple(v) for k, v in table.items()}


# A plain scalar starting with a digit is resolved by the float, int and timestamp resolvers
# (in that order), whose patterns hold only these characters (and `$` takes a final line feed):
# any other character makes it text. An integer of up to 18 digits or a date (what plan files
# hold) is what the int or the timestamp resolver makes of it, the float's having failed.
_NUMERIC_FIRST = frozenset("0123456789")
_NOT_NUMERIC = re.compile(r"[^0-9_.eE+\-boxa-fA-FTt:Z \t\n]")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


_table = _resolvers()
_loader_class: Any = None


def _loader() -> Any:
    """A CParser that composes nodes without resolving tags (the constructor resolves plain
    scalars itself), or None when the C extension is not installed."""
    global _loader_class
    if _loader_class is None:
        try:
            from _ruamel_yaml import CParser
            from ruamel.yaml.tag import Tag
        except ImportError:
            _loader_class = False
            return None
        unresolved = Tag(suffix="?")

        class Loader(CParser):  # type: ignore[misc]
            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                return unresolved

            def descend_resolver(self, parent: Any, index: Any) -> None:
                pass

            def ascend_resolver(self) -> None:
                pass

        _loader_class = Loader
    return _loader_class or None


def decidable(text: str) -> bool:
    """True when nothing in the text needs the pure loader's judgement."""
    if _AWKWARD.search(text) or _HEADER_COMMENT.search(text) or _ROOT_BLOCK_SCALAR.search(text):
        return False
    for match in _MARKERS.finditer(text):
        start = match.start()
        before = text[start - 1] if start else "\n"
        if match.group() == "%":
            if before == "\n":
                return False
        elif before in _BEFORE_MARKER:
            after = text[start + 1:start + 2]
            if match.group() == "!" or (after and after not in " \n"):
                return False
    flow = text.count("[") + text.count("{")
    if flow >= _MAX_NESTING_BOUND:
        return False
    leading = re.compile(f"^[ \\-?:]{{{_MAX_NESTING_BOUND - flow}}}", re.MULTILINE)
    return leading.search(text) is None


def compose(text: str) -> Any:
    """The node tree of a decidable document, with the start marks that the pure loader gives
    (for line and column), or None."""
    node = _compose(text)
    return None if node is UNDECIDED else node


def load(text: str, *, max_depth: int) -> Any:
    """The plain data of a YAML document, as the pure safe loader would give it, or UNDECIDED.
    The node tree is dropped: `compose` builds it again if a problem needs a line and column."""
    return load_counted(text, max_depth=max_depth)[0]


def load_counted(text: str, *, max_depth: int, max_nodes: int | None = None) -> tuple[Any, int]:
    """`load`, and the number of values (nodes) the document holds. UNDECIDED, too, when it holds
    more than `max_nodes`, or may: the C parser composes the whole node tree before anything can
    count, so a document that might hold far more is left to the pure loader, which counts as it
    composes and stops at the limit."""
    if max_nodes is not None and node_bound(text) > FAST_SLACK * max_nodes:
        return UNDECIDED, 0
    if _AWKWARD.search(text):
        return UNDECIDED, 0
    try:  # the line reader refuses markers, block headers and deep nesting itself
        data, count = _Lines(text, max_depth).document()
    except _Undecided:
        pass
    else:
        return (UNDECIDED, 0) if max_nodes is not None and count > max_nodes else (data, count)
    if _loader() is None:
        return UNDECIDED, 0
    node = _compose(text)
    if node is UNDECIDED or node is None:
        return node, 0  # None: a document of comments only
    count = 1

    def construct(node: Any, depth: int) -> Any:
        # The hot loop of reading a large version: scalars are resolved inline, without a call.
        nonlocal count
        if depth > max_depth:
            raise _Undecided
        value = node.value
        if value.__class__ is str:
            return _scalar(value, node.style)
        count += len(value)
        if depth >= max_depth and value:
            raise _Undecided  # its items would be nested deeper than max_depth
        if node.id == "sequence":
            items = []
            for item in value:
                scalar = item.value
                if scalar.__class__ is str and not item.style:
                    known = _plain.get(scalar, _plain)
                    items.append(known if known is not _plain else _scalar(scalar, None))
                elif scalar.__class__ is str:
                    items.append(scalar)
                else:
                    items.append(construct(item, depth + 1))
            return items
        count += len(value)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in value:
            key = key_node.value
            if key.__class__ is not str:
                raise _Undecided  # a collection as a key
            if not key_node.style:
                known = _plain.get(key, _plain)
                key = known if known is not _plain else _scalar(key, None)
            if key in mapping:
                raise _Undecided  # a duplicate key: the pure loader reports it
            scalar = value_node.value
            if scalar.__class__ is str:
                if value_node.style:
                    mapping[key] = scalar
                else:
                    known = _plain.get(scalar, _plain)
                    mapping[key] = known if known is not _plain else _scalar(scalar, None)
            else:
                mapping[key] = construct(value_node, depth + 1)
        return mapping

    try:
        data = construct(node, 1)
    except _Undecided:
        return UNDECIDED, 0
    if max_nodes is not None and count > max_nodes:
        return UNDECIDED, 0  # the pure loader says where the limit is passed
    return data, count


# How many times its budget of values a document may compose to before it is counted.
FAST_SLACK = 4


def node_bound(text: str) -> int:
    """More than the number of nodes a decidable document can hold: every node but the first
    starts after a line break or an indicator (`-`, `?`, `:`, `,`, `[`, `{`), and no more than two
    start at one place (a block mapping and its first key); `[` and `{` open a node themselves."""
    marks = sum(text.count(ch) for ch in "\n-?:,") + 2 * (text.count("[") + text.count("{"))
    return 2 * marks + 2


def _compose(text: str) -> Any:
    loader_class = _loader()
    if loader_class is None or not decidable(text):
        return UNDECIDED
    try:
        return loader_class(text).get_single_node()
    except Exception:  # a syntax error, or more than one document: the pure loader says which
        return UNDECIDED


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted, literal or folded: always text (plain is None or "")
        return value
    known = _plain.get(value, _plain)
    if known is not _plain:
        return known
    typed: Any = value
    if value[:1] in _NUMERIC_FIRST and _INT.fullmatch(value):
        typed = int(value)
    elif value[:1] in _NUMERIC_FIRST and _DATE.fullmatch(value):
        typed = _typed(_TIMESTAMP, value)
    elif value[:1] not in _NUMERIC_FIRST or not _NOT_NUMERIC.search(value):
        for tag, regexp in _table.get(value[:1], ()):
            if regexp.match(value):
                typed = _typed(tag, value)
                break
    if len(value) <= 32 and len(_plain) < 100_000:
        _plain[value] = typed  # keys and ids come back again and again; the values are immutable
    return typed


_plain: dict[str, Any] = {}  # short plain scalars, resolved


def _typed(tag: str, value: str) -> Any:
    kind = tag.rsplit(":", 1)[-1]
    if kind == "null":
        return None
    if kind == "bool":
        return value in _TRUE
    if kind == "int" and _INT.fullmatch(value):
        return int(value)
    if kind == "float" and _FLOAT.fullmatch(value):
        return float(value)
    if kind == "timestamp" and _DATE.fullmatch(value):
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        except ValueError:
            raise _Undecided from None
    raise _Undecided  # hex, octal, exponents, times of day, merge keys, `=`: the pure loader


# --- the block layout that plan files are written in, read line by line -------------------------

_LINE = re.compile(r"( *)(?:(-(?: +|$))?)(.*)")
# A key, plain or single-quoted ('112': a quoted key is text, never a number), and the rest.
_KEY = re.compile(r"(?:([A-Za-z0-9_][A-Za-z0-9_.-]*)|'([A-Za-z0-9_][A-Za-z0-9_.-]*)')"
                  r":(?: +(.*)|$)")
# A key without `? ` may be at most 1,024 characters long, its `:` included (YAML 1.2, 7.4.2).
_MAX_SIMPLE_KEY = 1000
_BLOCK_HEADER = re.compile(r"([>|])(-?) *")
_SINGLE = re.compile(r"'((?:[^']|'')*)' *")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_scan_string = json.decoder.scanstring  # type: ignore[attr-defined]  # strict: no control chars
_JSON_ONLY = re.compile(r"\\(?:/|u[dD][89a-fA-F])")  # escapes YAML and JSON may read apart


class _Lines:
    """The block layout of plan files (`key: value`, `- item`, double- or single-quoted and
    plain scalars on one line, short flow lists of plain scalars, `>-` and `|` blocks without
    blank or more-indented lines) parsed line by line, four times faster than composing nodes
    with the C parser. Anything else raises _Undecided, and the C parser reads the document."""

    def __init__(self, text: str, max_depth: int) -> None:
        self.lines = text.split("\n")
        self.max_depth = max_depth
        self.count = 1
        self.at = 0

    def document(self) -> tuple[Any, int]:
        indent = self._next()
        if indent != 0:
            raise _Undecided  # empty, or a scalar or indented document: the C parser
        data = self._block(0, 1)
        if self._next() is not None:
            raise _Undecided  # something after the root collection
        return data, self.count

    def _next(self) -> int | None:
        """The indentation of the next line with content (blank and comment lines skipped), or
        None at the end."""
        lines = self.lines
        while self.at < len(lines):
            line = lines[self.at]
            stripped = line.lstrip(" ")
            if stripped and stripped[0] != "#":
                return len(line) - len(stripped)
            self.at += 1
        return None

    def _block(self, indent: int, depth: int) -> Any:
        """The mapping or list whose first line (the current one) starts at `indent`."""
        if depth > self.max_depth:
            raise _Undecided
        if self.lines[self.at][indent:indent + 1] == "-":
            return self._sequence(indent, depth)
        return self._mapping(indent, None, depth)

    def _mapping(self, indent: int, first: tuple[Any, str | None] | None, depth: int) -> Any:
        mapping: dict[Any, Any] = {}
        if depth >= self.max_depth:
            raise _Undecided
        pair = first
        while True:
            if pair is None:
                found = self._next()
                if found is None or found < indent:
                    break
                line = self.lines[self.at]
                match = _KEY.fullmatch(line, found)
                if found > indent or match is None:
                    raise _Undecided
                self.at += 1
                name, _, rest = match.groups()
                if name is not None and len(name) <= _MAX_SIMPLE_KEY:  # inline: the hot path
                    key = _plain.get(name, _plain)
                    if key is _plain:
                        key = _scalar(name, None)
                else:
                    key, rest = _key(match)
            else:
                key, rest = pair
            if key in mapping:
                raise _Undecided  # a duplicate key: the pure loader reports it
            mapping[key] = self._value(rest, indent, depth + 1, key_indent=indent)
            self.count += 2
            pair = None
        return mapping

    def _sequence(self, indent: int, depth: int) -> list[Any]:
        items: list[Any] = []
        if depth >= self.max_depth:
            raise _Undecided
        while True:
            found = self._next()
            if found is None or found < indent:
                break
            line = self.lines[self.at]
            match = _LINE.fullmatch(line)
            if found > indent or match is None or not match.group(2):
                break  # not an item: the caller decides (a mapping key after a list, or wrong)
            rest = match.group(3)
            column = match.end(2)
            if not rest or rest.startswith(("- ", "-\t")) or rest == "-":
                raise _Undecided  # an empty item or a list in a list on one line
            self.at += 1
            key = _KEY.fullmatch(rest)
            if key is not None:  # `- key: value`: a mapping whose keys start at `column`
                items.append(self._mapping(column, _key(key), depth + 1))
            else:
                items.append(self._value(rest, indent, depth + 1, key_indent=indent))
            self.count += 1
        return items

    def _value(self, rest: str | None, indent: int, depth: int, *, key_indent: int) -> Any:
        """The value after `key:` or `- ` (`rest`: the rest of the line, or None)."""
        if depth > self.max_depth:
            raise _Undecided
        if rest is None:  # `key:` alone: a block below it, or null
            found = self._next()
            if found is not None and found > key_indent:
                return self._block(found, depth)
            if found == key_indent and self.lines[self.at][found:found + 2] in ("- ", "-"):
                return self._sequence(found, depth)  # a list as indented as its key
            return None
        head = rest[:1]
        if head == '"':
            if "\\" in rest and _JSON_ONLY.search(rest):
                raise _Undecided
            try:  # json.loads without its wrapping: the string, and where it ends
                value, end = _scan_string(rest, 1)
            except ValueError:
                raise _Undecided from None
            if rest[end:].strip(" "):
                raise _Undecided  # something after the closing quote (a comment, say)
            return value
        if head == "'":
            single = _SINGLE.fullmatch(rest)
            if single is None:
                raise _Undecided
            return single.group(1).replace("''", "'")
        if head == "[":
            return self._flow_list(rest, depth)
        if rest.rstrip(" ") == "{}":
            return {}
        if head in ">|":
            return self._block_scalar(rest, key_indent)
        return _plain_scalar(rest)

    def _flow_list(self, rest: str, depth: int) -> list[Any]:
        inner = rest.rstrip(" ")
        if not inner.endswith("]") or depth >= self.max_depth:
            raise _Undecided
        inner = inner[1:-1]
        if not inner.strip(" "):
            return []
        items = []
        for part in inner.split(","):
            item = part.strip(" ")
            if not item or any(ch in item for ch in "[]{}"):
                raise _Undecided
            items.append(_plain_scalar(item))
        self.count += len(items)
        return items

    def _block_scalar(self, rest: str, parent: int) -> str:
        header = _BLOCK_HEADER.fullmatch(rest)
        if header is None:
            raise _Undecided  # indentation indicators, keep chomping, comments: the C parser
        lines, start = self.lines, self.at
        first = lines[start] if start < len(lines) else ""
        indent = len(first) - len(first.lstrip(" "))
        if indent <= parent or not first.strip(" "):
            raise _Undecided
        end = start
        while end < len(lines):
            line = lines[end]
            content = line.lstrip(" ")
            if not content or len(line) - len(content) < indent:
                break
            if len(line) - len(content) > indent or line.endswith(" "):
                raise _Undecided  # more-indented lines and trailing spaces fold differently
            end += 1
        if end == len(lines):
            raise _Undecided  # no line break after the last line: clipping keeps none
        self.at = end
        after = self._next()
        if after is not None and after > parent and self.at > end:
            raise _Undecided  # a blank line inside the block
        if after is not None and parent < after < indent:
            raise _Undecided
        body = [line[indent:] for line in lines[start:end]]
        text = " ".join(body) if header.group(1) == ">" else "\n".join(body)
        return text if header.group(2) == "-" else text + "\n"


def _key(match: re.Match[str]) -> tuple[Any, str | None]:
    """The key of a `_KEY` match, and the rest of its line (None when nothing follows `key:`)."""
    name = match.group(1)
    if name is None:
        name = match.group(2)
        if len(name) + 2 > _MAX_SIMPLE_KEY:
            raise _Undecided  # YAML refuses it: the pure loader says where
        return name, match.group(3)
    if len(name) > _MAX_SIMPLE_KEY:
        raise _Undecided
    return _scalar(name, None), match.group(3)


def _plain_scalar(rest: str) -> Any:
    value = rest.rstrip(" ")
    first = value[:1]
    if not value or (first in _PLAIN_START and not (first == "-" and value[1:2].isdigit())) \
            or ": " in value or " #" in value or value.endswith(":"):
        raise _Undecided
    return _scalar(value, None)
