"""Reading one YAML plan file: a loader that refuses what plan files never need, and errors with
file, line and column."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from plandiff.core.problems import InvalidPlan, KeyPath, PlandiffError, Problem
from plandiff.core.records import field, record

# What one repository's plan files may hold in all. A real treaty (the EU-UK Trade and Cooperation
# Agreement: some 1,250 pages, several thousand clauses) is a few MB and a few hundred thousand
# values; bench/run.py's 50,000-clause version pair (with a partial update) is 60 MB and 2.75
# million values, read in about 550 MB. The limits stop runaway or hostile files (a list of a
# billion `1,`) long before memory runs out.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_NODES = 5_000_000
MAX_BYTES_ENV = "PLANDIFF_MAX_BYTES"
MAX_NODES_ENV = "PLANDIFF_MAX_NODES"
MAX_FILE_BYTES = 16 * 1024 * 1024  # a text given to `plandiff import`
MAX_DEPTH = 64


@record
class Limits:
    """The most bytes and YAML values (nodes: every scalar, list and mapping) that the plan files
    of one repository may hold; `--max-bytes` and `--max-nodes` raise them."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_nodes: int = DEFAULT_MAX_NODES

    @classmethod
    def from_env(cls, max_bytes: int | None = None, max_nodes: int | None = None) -> Limits:
        """The limits given, else those of PLANDIFF_MAX_BYTES and PLANDIFF_MAX_NODES, else the
        defaults."""
        return cls(_limit(max_bytes, MAX_BYTES_ENV, DEFAULT_MAX_BYTES, "--max-bytes"),
                   _limit(max_nodes, MAX_NODES_ENV, DEFAULT_MAX_NODES, "--max-nodes"))


def _limit(given: int | None, variable: str, default: int, option: str) -> int:
    if given is None:
        raw = os.environ.get(variable, "").strip().replace("_", "")
        if not raw:
            return default
        if not raw.isdigit():
            raise PlandiffError(f"{variable}={os.environ[variable]!r} is not a whole number",
                                f"set it to a number of {option[6:]}, like {default}")
        given = int(raw)
    if given < 1:
        raise PlandiffError(f"{option} must be at least 1", f"the default is {default:,}")
    return given


class Budget:
    """What is left of a repository's limits while its files are read, one after another."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits.from_env()
        self.bytes_left = self.limits.max_bytes
        self.nodes_left = self.limits.max_nodes

    def bytes_message(self) -> tuple[str, str]:
        return (f"the plan files hold more than {self.limits.max_bytes:,} bytes in all, the limit"
                " for one repository", f"raise it with --max-bytes N (or {MAX_BYTES_ENV}=N) if"
                " the files are meant to be this large")

    def nodes_message(self) -> tuple[str, str]:
        return (f"the plan files hold more than {self.limits.max_nodes:,} YAML values in all, the"
                " limit for one repository", f"raise it with --max-nodes N (or {MAX_NODES_ENV}=N)"
                " if the files are meant to be this large")


class AliasRefused(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("anchors and aliases are not allowed in plan files")
        self.mark = mark


class YamlRefused(Exception):
    """YAML that parses but that plan files refuse: too deep, merge keys, numbers too long."""

    def __init__(self, message: str, code: str, hint: str, mark: Any) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint
        self.mark = mark


MAX_NUMBER_DIGITS = 100
MAX_NUMBER = 10 ** MAX_NUMBER_DIGITS  # in any base: a value of 101 decimal digits is refused


def significant_digits(literal: str) -> int:
    """The digits of an integer literal in any base (hex letters count), without its sign, base
    prefix, underscores and leading zeros: a bound that decides before the literal is read."""
    text = literal.strip().lstrip("+-").replace("_", "").lower()
    if text[:2] in ("0x", "0o", "0b"):
        text = text[2:]
    return sum(ch.isalnum() for ch in text.lstrip("0"))


def yaml_loader(round_trip: bool = False, budget: Budget | None = None) -> Any:
    """A YAML loader that refuses what plan files never need: anchors and aliases (which also
    refuses "billion laughs" bombs), nesting deeper than MAX_DEPTH, merge keys and absurdly long
    numbers, and more values than `budget` has left. Impossible dates (2025-02-30) load as text,
    so the model reports them with the rest."""
    from ruamel.yaml import YAML
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
    from ruamel.yaml.events import AliasEvent
    from ruamel.yaml.nodes import ScalarNode

    class NoAliasComposer(Composer):
        depth_now = 0
        root_node: Any = None

        def compose_document(self) -> Any:
            node = super().compose_document()
            self.root_node = node
            return node

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
                raise AliasRefused(event.start_mark)
            self.depth_now += 1
            if budget is not None:
                budget.nodes_left -= 1
                if budget.nodes_left < 0:
                    message, hint = budget.nodes_message()
                    raise YamlRefused(message, "too-many-values", hint, event.start_mark)
            try:
                if self.depth_now > MAX_DEPTH:
                    raise YamlRefused(f"the data is nested more than {MAX_DEPTH} levels deep",
                                      "too-deep", "plan files need only a few levels",
                                      event.start_mark)
                return super().compose_node(parent, index)
            finally:
                self.depth_now -= 1

    base = RoundTripConstructor if round_trip else SafeConstructor

    class PlanConstructor(base):  # type: ignore[misc,valid-type]
        def flatten_mapping(self, node: Any) -> Any:
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise YamlRefused("a key must be a plain name, not a list or mapping",
                                      "bad-key", "use a field name or id", key_node.start_mark)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlRefused("merge keys (`<<`) are not allowed in plan files",
                                      "yaml-merge", "write the fields out in full",
                                      key_node.start_mark)
            return super().flatten_mapping(node)

        def construct_yaml_int(self, node: Any) -> Any:
            digits = significant_digits(str(node.value))
            if digits > MAX_NUMBER_DIGITS:
                # Decimal, or hex, octal or binary too long to be read cheaply: by its length.
                raise YamlRefused(f"a number with {digits} digits is too long",
                                  "number-too-large", "write a number of ordinary size",
                                  node.start_mark)
            value = super().construct_yaml_int(node)
            if isinstance(value, int) and abs(value) >= MAX_NUMBER:
                # 0x and 0o and 0b literals: fewer digits, but the same limit on the value.
                raise YamlRefused(f"a number of {len(str(abs(value)))} decimal digits is too"
                                  " long", "number-too-large",
                                  "write a number of ordinary size", node.start_mark)
            return value

        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:  # 2025-02-30: leave it to the model to say it is no date
                return str(node.value)

    PlanConstructor.add_constructor("tag:yaml.org,2002:int", PlanConstructor.construct_yaml_int)
    PlanConstructor.add_constructor("tag:yaml.org,2002:timestamp",
                                    PlanConstructor.construct_yaml_timestamp)
    yaml = YAML(typ="rt" if round_trip else "safe", pure=True)
    yaml.Composer = NoAliasComposer
    yaml.Constructor = PlanConstructor
    yaml.allow_duplicate_keys = False
    return yaml


@record(frozen=False)
class Document:
    """One YAML file: its text, its data, and a way to turn a key path into line and column."""

    path: Path
    display: str
    text: str
    node: Any = None  # the composed YAML node tree, with marks, once parsed
    # Each mapping node's keys, indexed once it is searched: locating every one of many problems
    # by scanning its mapping's keys was quadratic (40,000 unknown keys took minutes).
    _keys: dict[int, dict[str, tuple[Any, Any]]] = field(default_factory=dict, repr=False)

    def locate(self, keypath: KeyPath, *, at_key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the node at `keypath` (as deep as it exists); of its key
        rather than its value with `at_key` (a mapping or list is located at its key)."""
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        node = self.node if self.node is not None else _node_tree(self)
        if node is None:
            return None, None
        mark = node.start_mark
        for index, key in enumerate(keypath):
            last = index == len(keypath) - 1
            if isinstance(node, SequenceNode):
                if not isinstance(key, int) or not 0 <= key < len(node.value):
                    break
                node = node.value[key]
                mark = node.start_mark
            elif isinstance(node, MappingNode):
                pair = self._pair(node, key)
                if pair is None:
                    break
                key_node, node = pair
                container = isinstance(node, (MappingNode, SequenceNode))
                mark = key_node.start_mark if container or (at_key and last) else node.start_mark
            else:
                break
        return mark.line + 1, mark.column + 1

    def _pair(self, node: Any, key: object) -> tuple[Any, Any] | None:
        """The first (key node, value node) of a mapping node whose key is `key` (or its text)."""
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for pair in node.value:
                name = getattr(pair[0], "value", None)
                if isinstance(name, str):
                    index.setdefault(name, pair)
            self._keys[id(node)] = index
        return index.get(key if isinstance(key, str) else str(key))


def _node_tree(document: Document) -> Any:
    """The node tree of a document that the fast path read (it keeps only the data): composed
    again, and kept, once a problem needs a line and column in it."""
    from plandiff.repo.fast_yaml import compose

    document.node = compose(document.text)
    return document.node


def read_capped(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file, or None when it holds more than `limit`. Never opens a FIFO
    or a device (which could block for ever)."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise IsADirectoryError(errno.EISDIR, "not a regular file")
    # Opened without waiting (a pipe swapped in after the check above), then checked again.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file")
        # Read what the file holds, not `limit` bytes at once: Python sets aside the whole size
        # asked for, which for every small file of a repository was the repository's limit.
        chunks, total, want = [], 0, min(status.st_size, limit) + 1
        while chunk := stream.read(want):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                return None
            want = min(limit - total, 1 << 20) + 1  # the file grew since: read on to the end
    return b"".join(chunks)


def read_document(path: Path, display: str, budget: Budget | None = None) -> Document:
    """Read a YAML file as text, within what `budget` (by default, one of its own) has left.
    Raises InvalidPlan when it cannot be read as UTF-8 text."""
    return decode_document(path, display, read_plan_bytes(path, display, budget))


def read_plan_bytes(path: Path, display: str, budget: Budget | None = None) -> bytes:
    """The bytes of a plan file, within what `budget` (by default, one of its own) has left.
    Raises InvalidPlan for a folder, a pipe, a device, a file that cannot be read or one over
    the bytes left."""
    budget = budget if budget is not None else Budget()
    try:
        data = read_capped(path, max(budget.bytes_left, 0))
    except IsADirectoryError:
        raise _invalid(display, "is not a regular file (a folder, a pipe or a device)",
                       "not-a-file", "plan files are YAML files; move it out of plans/") from None
    except OSError as error:
        raise _invalid(display, f"cannot read the file: {error.strerror or error}", "unreadable",
                       "check that it exists and is readable") from None
    if data is None:
        budget.bytes_left = -1
        message, hint = budget.bytes_message()
        raise _invalid(display, message, "too-large", hint)
    return charge(budget, display, data)


def charge(budget: Budget, display: str, data: bytes) -> bytes:
    """Count a file's bytes (read from disk or given in memory) against `budget`. Raises
    InvalidPlan, and spends the budget, when they are more than it has left."""
    if len(data) > max(budget.bytes_left, 0):
        budget.bytes_left = -1
        message, hint = budget.bytes_message()
        raise _invalid(display, message, "too-large", hint)
    budget.bytes_left -= len(data)
    return data


def decode_document(path: Path, display: str, data: bytes) -> Document:
    """A document from a plan file's bytes. Raises InvalidPlan when they are not UTF-8."""
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


def parse_document(document: Document, budget: Budget | None = None) -> Any:
    """The plain data of a document, its values counted against `budget` (by default, one of its
    own). Raises InvalidPlan with the parser's line and column."""
    from plandiff.repo.fast_yaml import UNDECIDED, load_counted

    budget = budget if budget is not None else Budget()
    data, nodes = load_counted(document.text, max_depth=MAX_DEPTH, max_nodes=budget.nodes_left)
    if data is not UNDECIDED:
        budget.nodes_left -= nodes
        return data
    # ruamel is imported only here: a document read line by line needs none of it.
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    yaml = yaml_loader(budget=budget)
    try:
        data = yaml.load(document.text)
    except AliasRefused as error:
        raise _invalid(document.display, str(error), "yaml-alias",
                       "write the value out in full", mark=error.mark) from None
    except YamlRefused as error:
        raise _invalid(document.display, str(error), error.code, error.hint,
                       mark=error.mark) from None
    except DuplicateKeyError as error:
        key = _duplicate_key_name(error)
        raise _invalid(document.display, f"duplicate key {key}", "duplicate-key",
                       "each key may appear once in a mapping; remove or merge the repeat",
                       mark=error.problem_mark) from None
    except ReaderError as error:
        character = error.character
        shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
        line, column = _line_column(document.text, error.position)
        raise InvalidPlan("", problems=[Problem(
            document.display, f"control character {shown} is not allowed in YAML",
            "control-character", hint="delete it", line=line, column=column)]) from None
    except MarkedYAMLError as error:
        parts = [error.problem, error.context]
        if (error.problem or "").startswith("but "):
            parts.reverse()
        message = ", ".join(part for part in parts if part) or str(error)
        mark = error.problem_mark or error.context_mark
        plain, hint = plain_syntax_error(message, document.text, mark)
        raise _invalid(document.display, f"YAML syntax error: {plain}", "yaml-syntax", hint,
                       mark=mark) from None
    except YAMLError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise _invalid(document.display, f"YAML error: {first}", "yaml-syntax") from None
    except RecursionError:
        raise _invalid(document.display, "the YAML is nested too deeply", "too-deep") from None
    except (ValueError, OverflowError, TypeError) as error:  # a value the constructor chokes on
        raise _invalid(document.display, f"a value cannot be read: {error}", "bad-value") from None
    document.node = getattr(yaml.composer, "root_node", None)
    return data


def plain_syntax_error(parser: str, text: str, mark: Any) -> tuple[str, str]:
    """The parser's complaint in plain words, with the likely cause and what to do (the parser's
    own words when no likely cause is known)."""
    lines = text.split("\n")
    row = getattr(mark, "line", None)
    line = lines[row] if row is not None and 0 <= row < len(lines) else ""
    said = ""
    if "'\\t'" in parser or "\t" in line[: len(line) - len(line.lstrip())]:
        return ("a tab character in the indentation" + said,
                "YAML indents with spaces only: use spaces instead of the tab")
    stripped = line.lstrip()
    previous = [earlier for earlier in lines[:row] if earlier.strip()
                and not earlier.lstrip().startswith("#")] if row else []
    for candidate in (line, *previous[-1:]):
        item = candidate.lstrip()
        if item.startswith("-") and not item.startswith(("- ", "---")) and len(item) > 1:
            return ("a list item needs a space after its `-`" + said, "write `- id: ...`")
    unclosed = _unclosed_quote(lines[: (row or 0) + 1])
    if unclosed is not None and "expected" in parser:
        return (f"the quote (\") opened on line {unclosed} is not closed" + said,
                "close the quote on the line where it opens")
    if "mapping values are not allowed" in parser:
        _, colon, value = stripped.partition(": ")
        if colon and ": " in value:
            return ("a colon followed by a space inside a value" + said,
                    "put the value in quotes (\"...\") or rewrite it without `: `")
        if previous and _indent(line) > _indent(previous[-1]) and not \
                previous[-1].rstrip().endswith(":"):
            return ("this line is indented more than the line above" + said,
                    "indent it with the same number of spaces as the other keys of its mapping")
        return ("a `key: value` where YAML does not expect one" + said,
                "check the indentation of this line and the one above, and quote values that"
                " contain `: `")
    if "expected <block end>" in parser and "<block mapping start>" in parser:
        return ("this line's indentation does not match the lines above" + said,
                "indent it with the same number of spaces as the other keys of its mapping")
    key, colon, _ = stripped.partition(":")
    if "could not find expected ':'" in parser and colon and len(key) > 1000:
        return (f"a key of {len(key):,} characters: YAML reads a key of at most 1,024" + said,
                "plan files need only short field names: shorten or remove it")
    if "expected <block end>" in parser or "could not find expected ':'" in parser:
        return ("unexpected text here, often after a quote (\") that was opened and not closed,"
                " or a line without `key: value`" + said,
                "close every quote on the line it opens, and write each field as `key: value`")
    if "while parsing a flow" in parser:
        return ("a list `[...]` or mapping `{...}` that is not closed, or an item in it that"
                " needs quotes" + said,
                "close the bracket, and quote items that contain `,`, `:`, `[` or `{`")
    if "found unexpected end of stream" in parser or "found unexpected end" in parser:
        return ("the file ends inside a quoted value" + said, "close the quote")
    return (parser, "fix the YAML at this place (check indentation, quotes and colons)")


def _unclosed_quote(lines: list[str]) -> int | None:
    """The 1-based line of a double-quoted value that does not end on its line."""
    for number, line in enumerate(lines, 1):
        _, colon, value = line.partition(": ")
        value = value.strip()
        if colon and value.startswith('"') and (len(value) == 1 or not value.endswith('"')):
            return number
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _duplicate_key_name(error: Any) -> str:
    problem = str(getattr(error, "problem", "") or "")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return f"`{problem[start + 1:end]}`" if 0 <= start < end else "in a mapping"


def _invalid(display: str, message: str, code: str, hint: str | None = None,
             mark: Any = None) -> InvalidPlan:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return InvalidPlan("", problems=[Problem(display, message, code, hint=hint,
                                             line=line, column=column)])
