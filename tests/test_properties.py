"""Invariants of the engine, checked on generated plans (hypothesis)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from plandiff.core.diff import diff_text, diff_versions
from plandiff.core.model_build import validate_as
from plandiff.core.models import Version, dump
from plans import plan, version

IDS = st.sampled_from(["army", "nato", "amnesty", "territory", "elections", "funds"])
WORDS = st.lists(st.sampled_from(["Ukraine", "will", "may", "shall", "cap", "the", "army", "at",
                                  "600,000", "800,000.", "NATO", "not", "join"]),
                 min_size=1, max_size=12).map(" ".join)
TERMS = st.fixed_dictionaries({}, optional={
    "cap": st.integers(0, 2_000_000),
    "nato": st.sampled_from(["barred", "consensus"]),
    "fund": st.integers(0, 10**12),
    "amnesty": st.booleans(),
})


@st.composite
def clauses(draw: st.DrawFn) -> list[dict]:
    ids = draw(st.lists(IDS, unique=True, max_size=6))
    return [{
        "id": clause_id,
        "number": draw(st.none() | st.integers(1, 30)),
        "text": draw(WORDS),
        "terms": draw(TERMS),
        "cites": [{"source": draw(st.sampled_from(["a", "b"]))}],
    } for clause_id in ids]


@given(clauses())
def test_a_version_diffed_with_itself_is_empty(items: list[dict]) -> None:
    p = plan(version("a", *items))
    result = diff_versions(p, "a", "a")
    assert not result.has_changes
    assert {c.change for c in result.clauses} <= {"unchanged"}


@given(clauses(), clauses())
def test_diff_mirrors_its_reverse_for_full_versions(old: list[dict], new: list[dict]) -> None:
    p = plan(version("a", *old), version("b", *new))
    forward = {c.id: c for c in diff_versions(p, "a", "b").clauses}
    backward = {c.id: c for c in diff_versions(p, "b", "a").clauses}
    mirror = {"added": "removed", "removed": "added"}
    assert forward.keys() == backward.keys()
    for clause_id, item in forward.items():
        assert backward[clause_id].change == mirror.get(item.change, item.change)
        reverse_terms = {t.term: t for t in backward[clause_id].terms}
        assert reverse_terms.keys() == {t.term for t in item.terms}
        for there in item.terms:
            back = reverse_terms[there.term]
            assert (there.old, there.new) == (back.new, back.old)
            if there.delta is not None:
                assert back.delta == -there.delta


@given(clauses(), clauses())
def test_partial_child_with_no_clauses_reports_nothing(old: list[dict], _: list[dict]) -> None:
    p = plan(version("a", *old), version("b", parent="a", coverage="partial"))
    result = diff_versions(p, "a", "b")
    assert {c.change for c in result.clauses} <= {"unreported"}
    assert len(result.clauses) == len(old)


@given(WORDS, WORDS)
def test_word_diff_reconstructs_both_texts(old: str, new: str) -> None:
    change = diff_text(old, new)
    if change is None:
        assert old == new
        return
    rebuilt_old = " ".join(op.old for op in change.ops if op.old)
    rebuilt_new = " ".join(op.new for op in change.ops if op.new)
    assert rebuilt_old.split() == old.split() and rebuilt_new.split() == new.split()


@settings(max_examples=50)
@given(clauses())
def test_yaml_dump_then_load_gives_the_same_version(items: list[dict]) -> None:
    original = version("a", *items)
    stream = io.StringIO()
    YAML(typ="safe").dump(dump(original, json=True, exclude_none=True), stream)
    loaded = validate_as(Version, YAML(typ="safe").load(stream.getvalue()))
    assert loaded == original
