"""The fast read path gives exactly what the pure loader gives, or leaves the document to it."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.repo import fast_yaml as fastyaml
from plandiff.repo.located_yaml import MAX_DEPTH, Document, parse_document, yaml_loader

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(fastyaml._loader() is None,
                                reason="ruamel.yaml.clib (the C parser) is not installed")


def pure(text: str) -> object:
    try:
        return yaml_loader().load(text)
    except Exception as error:  # what the pure loader refuses, the fast path must not decide
        return error


def fast(text: str) -> object:
    return fastyaml.load(text, max_depth=MAX_DEPTH)


def agrees(text: str) -> bool:
    """The fast path is undecided, or gives the pure loader's data, types included."""
    data = fast(text)
    if data is fastyaml.UNDECIDED:
        return True
    expected = pure(text)
    return not isinstance(expected, Exception) and repr(data) == repr(expected)


@pytest.mark.parametrize("text", [
    "a: yes", "a: no", "a: on", "a: 017", "a: 007", "a: -0", "a: +4", "a: 1.", "a: -1.50",
    "a: 2025-02-03", "a: 2025-2-3", "a: ~", "a:", "a: null\nb: NULL\nc: True\nd: FALSE",
    "{a: [1, 2, {b: c}]}", "- - - x", "? a\n: b", "a: 'it''s'", 'a: "\\u00e9\\x41\\/"',
    "a: >-\n  folded\n  text\n\n  para\n", "a: |\n  l1\n  l2\n", "a: plain\n  continued",
    "key with spaces: v", "a: Q & A", "a: R&D", "a: '*x'", "a: wow!", "", "# comment\n",
    "---\n", "a: x\n...\n",
])
def test_plain_documents_read_the_same(text: str) -> None:
    assert fast(text) is not fastyaml.UNDECIDED
    assert agrees(text)


@pytest.mark.parametrize("text", [
    "|\n#", "--- >\n\n#",  # a block scalar as the document: libyaml reads `#` as a comment
    "a: &x 1\nb: *x",  # anchors and aliases: refused by the pure path
    "a: &x 1",
    "a: !!str 3",  # tags
    "%YAML 1.1\n---\na: yes",  # a directive (the C parser would ignore its version)
    "a: 1\na: 2",  # duplicate keys, including ones that compare equal
    "1: a\n1.0: b",
    "true: 1\n1: 2",
    "<<: {a: 1}",  # merge keys
    "a: 0o17", "a: 0x1F", "a: 1_000", "a: 1e3", "a: .inf", "a: 12345678901234567890",
    "a: 2025-02-30",  # an impossible date
    "a: 2025-01-01T10:00:00",
    "a: b: c",  # syntax errors
    "a: x\n---\nb: y",  # two documents
    "|#", "a: >-#\n  x",  # a comment glued to a block scalar header: libyaml accepts it
    "a: 'tab\there'", "a: x\r\nb: y", "a: \x85", "a: \u2028", "a: \ufeffx", "a: \x07",
    "- " * 70 + "x",  # deeper than MAX_DEPTH
    "[" * 500 + "]" * 500,  # deep enough to matter to a recursive C parser
    "- " * 300 + "x",
])
def test_what_plan_files_refuse_is_left_to_the_pure_loader(text: str) -> None:
    assert fast(text) is fastyaml.UNDECIDED


def test_very_deep_nesting_never_reaches_the_c_parser() -> None:
    # The C parser recurses once per level and crashes the process some 40,000 levels down.
    assert fast("[" * 100_000 + "]" * 100_000) is fastyaml.UNDECIDED
    assert fast("- " * 100_000 + "x") is fastyaml.UNDECIDED


def test_the_corpus_reads_the_same_and_fast() -> None:
    paths = sorted((REPO / "plans").glob("*.yaml"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        data = fast(text)
        assert data is not fastyaml.UNDECIDED, path
        assert repr(data) == repr(pure(text)), path


def test_parse_document_refuses_aliases_and_duplicates_as_before() -> None:
    from plandiff.core.problems import InvalidPlan

    for text, code, line in (("a: 1\nb: &x 1\nc: *x\n", "yaml-alias", 2),
                             ("a: 1\na: 2\n", "duplicate-key", 2)):
        with pytest.raises(InvalidPlan) as raised:
            parse_document(Document(Path("v.yaml"), "plans/v.yaml", text))
        assert raised.value.problems[0].code == code
        assert raised.value.problems[0].line == line


def test_a_fast_read_document_still_locates_problems() -> None:
    text = "id: v1\nclauses:\n  - id: a\n    text: hello\n"
    document = Document(Path("v1.yaml"), "plans/v1.yaml", text)
    assert parse_document(document) == {"id": "v1", "clauses": [{"id": "a", "text": "hello"}]}
    assert document.locate(("clauses", 0, "text")) == (4, 11)
    assert document.locate(("clauses", 0, "text"), at_key=True) == (4, 5)


# --- any data, dumped as YAML ------------------------------------------------------------------

WORDS = st.sampled_from(["peace", "plan", "Ukraine", "NATO's", "800,000", "a: b", "#x", "- x",
                         "yes", "No", "null", "~", "true", "2025-01-01", "0o17", "1e3", "'", '"',
                         "«cap»", "قوات", "  ", "*star", "&amp", "!bang", "%", "{", "]", "é",
                         "\t", "\\", "\n", "<<", "=", "-", "?", ":"])
TEXT = st.lists(WORDS, min_size=1, max_size=30).map(" ".join) | st.text(max_size=40)
SCALAR = (TEXT | st.integers(-10**20, 10**20) | st.booleans() | st.none()
          | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
          | st.floats(allow_nan=False, allow_infinity=False))
KEYS = TEXT | st.integers(-5, 5) | st.booleans()
DATA = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30)


def _dump(data: object, style: int) -> str:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt" if style % 2 else "safe", pure=True)
    yaml.default_flow_style = None if style == 2 else False
    yaml.width = 30 + style * 20
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=DATA, style=st.integers(0, 3))
def test_any_dumped_data_reads_the_same(data: object, style: int) -> None:
    assert agrees(_dump(data, style))


PIECES = ["a", "b: ", "- ", "  ", "\n", "'", '"', "x", "1", "#", "[", "]", "{", "}", ",", ": ",
          "? ", "|", ">", "-", "&", "*", "!", "%", "\\", "yes", "2025-01-01", "é", "\t", "---",
          "...", ".5", "~", "null", "\u00a0", "<<", "=", "0x1", "1:2"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_reads_the_same_or_is_left_alone(text: str) -> None:
    assert agrees(text)


# --- the line-by-line reader of the block layout -------------------------------------------------

LINE_CASES = [
    "a:\n- x\n- y\n", "a:\n  b: 1\n c: 2\n", "a: x\n  b: y\n", "- a: 1\n  b: 2\n- c\n",
    "a: >-\n  x\n  y\nb: 1\n", "a: |\n  x\n  y\n", "a: |-\n  x\n\n  y\n", "a: >\n  x\n   y\n",
    "a: >-\n x\n  y\n", "a: >-\n  x\n y\n", "a: 'it''s'\n", "a: '\n", 'a: "x" # c\n',
    "a: x # c\n", "a: x#c\n", "a: [US, UA]\n", "a: [ ]\n", "a: [a, [b]]\n", "a: [a,]\n",
    "a: {}\n", "a: []\n", "a: -1\n", "a: -x\n", "a: - x\n", "1: a\n", "true: b\n", "a.b: c\n",
    "a b: c\n", "a: b\n\n\nc: d\n", "# c\na: 1 # x\n", "a: 1\n  # indented comment\nb: 2\n",
    "a:\n  - x\n  - y\n b: 1\n", 'a: "\\u00e9"\n', 'a: "\\/"\n', 'a: "\\x41"\n',
    'a: "\\ud83d\\ude00"\n', "a: 1\n...\n", "---\na: 1\n", "- x\n- y\n",
    "a:\n  b:\n    c: 1\n  d: 2\n", "a: x:y\n", "a: null\nb: ~\nc:\n", "a:\n\n  b: 1\n",
    "a: |\n  x\n\nb: 1\n", "a: >-\n  x\n# comment\nb: 1\n", "a: >-\n  x\n  # no comment\n",
    "- >-\n  x\n  y\n- z\n", "-  a: 1\n   b: 2\n", "a:\n-   b: 1\n    c: 2\n", "a: >-\n\n  x\n",
    "a: |+\n  x\n", "a: |2\n  x\n", "a: 1\na: 2\n", "a: [x, y]  \n", "a: 'x' \n", "a:  x  \n",
    "a: x\n- y\n", "- x\na: y\n", "a:\n  - x\n  b: y\n", "a:\n  -\n  - x\n", "a: [x, 'y']\n",
    "a: '' \n", 'a: ""\n', "a: 2025-01-01\nb: 1.5\nc: 0o7\n", "a: |\n  x\n  y", "a: x",
    "a:\n  - - x\n", "a:\n  b: >\n    long\n    text\n  c: d\n", "? a\n: b\n", "a: b: c\n",
    "a: x\n\n  continued\n", "- a\n  - b\n", "a: [b, c] x\n", "a: >-\n  x \n  y\n",
    "a: \"multi\n  line\"\n", "a: 'multi\n  line'\n", "a: plain\n  continued\n",
]


@pytest.mark.parametrize("text", LINE_CASES)
def test_the_line_reader_reads_as_the_pure_loader_or_leaves_it(text: str) -> None:
    try:
        data, count = fastyaml._Lines(text, MAX_DEPTH).document()
    except fastyaml._Undecided:
        return
    expected = pure(text)
    assert not isinstance(expected, Exception), (text, data)
    assert repr(data) == repr(expected)
    assert count == fastyaml.load_counted.__call__(text, max_depth=MAX_DEPTH)[1]


def test_the_line_reader_reads_the_layout_plan_files_are_written_in() -> None:
    for text in ("id: v1\nparties: [US, UA]\nclauses:\n  - id: a\n    text: >-\n      long\n"
                 "      text\n    cites:\n      - source: s\n        quote: \"q\"\n",
                 (REPO / "tests" / "cases" / "lineage" / "plans" / "terms.yaml").read_text()):
        data, _ = fastyaml._Lines(text, MAX_DEPTH).document()
        assert repr(data) == repr(pure(text))


def test_the_line_reader_counts_values_as_the_composer_does() -> None:
    from plandiff.repo.located_yaml import Budget, Document, Limits, parse_document

    text = "id: v1\nparties: [US, UA]\nclauses:\n  - id: a\n    terms: {}\n    cites: []\n"
    fastyaml._Lines(text, MAX_DEPTH).document()  # decided here
    lines = fastyaml._Lines(text, MAX_DEPTH).document()[1]
    budget = Budget(Limits())
    parse_document(Document(Path("v.yaml"), "v.yaml", "%YAML 1.2\n---\n" + text), budget)
    assert lines == Limits().max_nodes - budget.nodes_left


def test_a_document_that_may_hold_more_values_than_allowed_is_never_read_fast() -> None:
    """The size pre-check (issue 24 item 12): a 40 MB `- 1` file cost 14.7 s and 818 MB without
    it, since the fast reader builds the whole list before it can count. With it, such a document
    is handed to the pure loader, which stops at the limit, before a single value is built."""
    import tracemalloc

    from plandiff.repo.fast_yaml import UNDECIDED, load_counted

    text = "- 1\n" * 200_000  # 800 KB, 200,001 values
    tracemalloc.start()
    try:
        data, count = load_counted(text, max_depth=64, max_nodes=1_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data is UNDECIDED and count == 0
    assert peak < 100_000, f"{peak:,} bytes allocated to refuse it"
    assert load_counted("- 1\n" * 10, max_depth=64, max_nodes=1_000) == ([1] * 10, 11)


def test_the_resolvers_are_ruamels_own() -> None:
    """The line reader resolves plain scalars with a copy of ruamel's YAML 1.2 implicit
    resolvers (importing ruamel was a seventh of a first `plandiff A B`): the same tags, patterns,
    flags and first characters, in ruamel's order."""
    from ruamel.yaml.resolver import implicit_resolvers

    ruamels = [(tag, regexp.pattern, regexp.flags, list(first))
               for versions, tag, regexp, first in implicit_resolvers if (1, 2) in versions]
    ours = [(tag, re.compile(pattern, flags).pattern, re.compile(pattern, flags).flags,
             list(first)) for tag, pattern, flags, first in fastyaml._RESOLVERS]
    assert ours == ruamels


@pytest.mark.parametrize("text", [
    "'112':\n  outlet: x\n'a.b': 1\nc: 2\n", "- '7': x\n  '8': y\n", "'1': a\n1: b\n",
    "'1': a\n'1': b\n", "'yes': 1\n'null': 2\n'2025-01-01': 3\n", "'a b': 1\n", "'a''b': 1\n",
])
def test_the_line_reader_reads_single_quoted_keys_as_text(text: str) -> None:
    """plans/sources.yaml quotes the id of a source that would read as a number ('112'); such a
    file is read line by line too (it went to the C parser, which imports all of ruamel)."""
    try:
        data, count = fastyaml._Lines(text, MAX_DEPTH).document()
    except fastyaml._Undecided:
        assert text.startswith(("'1': a\n'1'", "'a b'", "'a''b'"))  # a duplicate; not the layout
        return
    assert repr(data) == repr(pure(text))
    from plandiff.repo.located_yaml import Budget, Limits

    budget = Budget(Limits())  # a directive: the pure loader reads and counts it
    parse_document(Document(Path("v.yaml"), "v.yaml", "%YAML 1.2\n---\n" + text), budget)
    assert count == Limits().max_nodes - budget.nodes_left


def test_reading_the_corpus_imports_no_ruamel() -> None:
    """Every plan file of the corpus is in the layout the line reader reads: a first
    `plandiff A B` imports no part of ruamel (a seventh of its time)."""
    import subprocess
    import sys

    script = ("import sys\nfrom plandiff.repo.repository import find_root, load_plan\n"
              f"load_plan(find_root({str(REPO)!r}))\n"
              "print(sorted(m for m in sys.modules if 'ruamel' in m.split('.')[0]))")
    env = {**os.environ, "PLANDIFF_CACHE": "0"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, check=True, cwd=REPO)
    assert result.stdout == "[]\n"


def _resolved_by_the_table(value: str) -> str:
    for tag, regexp in fastyaml._table.get(value[:1], ()):
        if regexp.match(value):
            try:
                return repr(fastyaml._typed(tag, value))
            except fastyaml._Undecided:
                return "undecided"
    return repr(value)


@settings(max_examples=2000, deadline=None)
@given(value=st.builds(lambda first, rest: first + rest, st.sampled_from("0123456789-+.tn"),
                       st.text("0123456789_.eE+-boxaAfFTtZ: \tk/\n", max_size=14)))
def test_a_scalar_starting_with_a_digit_resolves_as_every_resolver_would(value: str) -> None:
    """Integers and dates are resolved without the resolvers' patterns, and text with a character
    none of them holds is text (compiling them was a millisecond of a first `plandiff A B`)."""
    fastyaml._plain.clear()
    try:
        got = repr(fastyaml._scalar(value, None))
    except fastyaml._Undecided:
        got = "undecided"
    assert got == _resolved_by_the_table(value)
