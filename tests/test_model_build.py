"""The contract defined once, kept honest: the plain classes of core/models.py against the
pydantic models of core/contract.py, and the fast builder (core/model_build.py) against pydantic
on the corpus and on many mutations of it."""

from __future__ import annotations

import copy
import datetime as dt
import typing
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from plandiff.core import contract, model_build, models
from plandiff.core.model_build import UNDECIDED, build, validate, validate_as
from plandiff.repo.repository import find_root, read_repository

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = {kind.__name__: kind for kind in vars(models).values()
           if isinstance(kind, type) and issubclass(kind, models.Model)
           and kind is not models.Model}
# The classes raw data is validated as (the rest are built from them).
TOP = (models.Version, models.Term, models.Source, models.Position, models.Positions)


# --- one definition: the same fields, defaults and nesting ----------------------------------


def test_every_runtime_class_has_a_pydantic_model_and_back() -> None:
    pydantic_models = {name for name, kind in vars(contract).items()
                       if isinstance(kind, type) and issubclass(kind, BaseModel)
                       and not name.startswith("_") and kind is not BaseModel}
    assert set(RUNTIME) == pydantic_models


@pytest.mark.parametrize("name", sorted(RUNTIME))
def test_the_runtime_class_has_the_fields_and_defaults_of_the_model(name: str) -> None:
    runtime, model = RUNTIME[name], getattr(contract, name)
    assert models.field_names(runtime) == tuple(model.model_fields)
    expected = {}
    for field_name, info in model.model_fields.items():
        if info.default_factory is not None:
            expected[field_name] = contract.to_runtime(info.default_factory())  # type: ignore[call-arg]
        elif not info.is_required():
            expected[field_name] = info.default
    got = models.defaults(runtime)
    if "value" in got:  # not written: None, and has_value says so
        assert got["value"] is models.NOT_GIVEN
        got["value"] = None
    assert got == expected
    assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]


def _models_in(annotation: Any) -> set[str]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation.__name__}
    return set().union(*(_models_in(a) for a in typing.get_args(annotation)))


def _has_plain(annotation: Any) -> bool:
    """Whether a dict's values (or a list's items, or the value) may be other than models."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, dict):
        return _has_plain(arguments[-1])
    if origin is typing.Annotated:
        return _has_plain(arguments[0])
    if arguments and origin is not typing.Literal:
        return any(_has_plain(a) for a in arguments if a is not type(None))
    return not (isinstance(annotation, type) and issubclass(annotation, BaseModel))


def test_the_nesting_the_cache_checks_is_the_models() -> None:
    nested: dict[str, dict[str, tuple[str, ...]]] = {}
    plain = set()
    for name in RUNTIME:
        for field_name, info in getattr(contract, name).model_fields.items():
            inside = _models_in(info.annotation)
            if inside:
                nested.setdefault(name, {})[field_name] = tuple(sorted(inside))
                if _has_plain(info.annotation):
                    plain.add((name, field_name))
    assert {k: {f: tuple(sorted(v)) for f, v in fields.items()}
            for k, fields in models.NESTED.items()} == nested
    assert plain == models.PLAIN_TOO


@pytest.mark.parametrize("name", sorted(set(RUNTIME) - {"Plan"}))
def test_the_builder_reads_the_fields_of_each_model_and_requires_the_same(name: str) -> None:
    model = getattr(contract, name)
    assert model_build.spec(RUNTIME[name]) == {
        field_name: info.is_required() for field_name, info in model.model_fields.items()}


# --- the builder decides the corpus, as pydantic does ---------------------------------------


def _same(built: Any, checked: Any, path: tuple[Any, ...] = ()) -> None:
    """Equal, and of the same types all the way down, with `has_value` alike."""
    assert type(built) is type(checked), path
    if isinstance(built, models.Model):
        assert getattr(built, "has_value", None) == getattr(checked, "has_value", None), path
        for name in models.field_names(built):
            _same(getattr(built, name), getattr(checked, name), (*path, name))
    elif isinstance(built, dict):
        assert list(built) == list(checked), path
        for key in built:
            _same(built[key], checked[key], (*path, key))
    elif isinstance(built, list):
        assert len(built) == len(checked), path
        for index, (a, b) in enumerate(zip(built, checked, strict=True)):
            _same(a, b, (*path, index))
    else:  # NaN (an odd term value both accept) equals nothing, itself included
        assert built == checked or (built != built and checked != checked), path


@cache
def _corpus() -> tuple[tuple[type[models.Model], Any], ...]:
    """Every piece of raw data of the corpus that is validated on its own, with its class."""
    data = read_repository(find_root(ROOT)).data
    pieces: list[tuple[type[models.Model], Any]] = []
    for file, raw in data.items():
        if file == "plans/terms.yaml":
            pieces += [(models.Term, value) for value in raw.values()]
        elif file == "plans/sources.yaml":
            pieces += [(models.Source, value) for value in raw.values()]
        elif file == "plans/positions.yaml":
            pieces += [(models.Position, value) for value in raw["positions"]]
            pieces.append((models.Positions, raw))
        else:
            pieces.append((models.Version, raw))
    return tuple(pieces)


def _pydantic(kind: type[models.Model], raw: Any) -> Any:
    try:
        return contract.to_runtime(getattr(contract, kind.__name__).model_validate(raw))
    except ValidationError:
        return None


def test_the_builder_decides_the_whole_corpus_as_pydantic_does() -> None:
    kinds = set()
    for kind, raw in _corpus():
        built = build(kind, raw)
        assert built is not UNDECIDED, (kind.__name__, str(raw)[:80])
        _same(built, _pydantic(kind, raw))
        kinds.add(kind)
    assert kinds == set(TOP)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


ODD_VALUES = (None, True, False, 0, 1, -7, 10**20, 1.5, float("inf"), float("nan"), "",
              " ", "x", "Bad Id", "ok-id", "ok-id\n", "a" * 121, "\ud800", "ar", "pt-BR",
              "en-0123456789ab", "RU", "2025-11-20", "2025-02-30", dt.date(2025, 11, 20),
              dt.datetime(2025, 11, 20, 10, 0), [], [1], {}, {"unknown": "why"},
              {"disputed": []}, {"value": 1}, "full", "leaked", "quantity", "high", "demand",
              "red-line")
ODD_KEYS = ("weight", "id", "value", "unknown", "cites", 1, True, None, "Note", "disputed")


def _mutate(raw: Any, path: tuple[Any, ...], how: int, odd: int) -> Any:
    data = copy.deepcopy(raw)
    if not path:
        return ODD_VALUES[odd % len(ODD_VALUES)] if how == 0 else data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == 0:  # another value
        parent[last] = ODD_VALUES[odd % len(ODD_VALUES)]
    elif how == 1:  # the key or item gone
        del parent[last]
    elif how == 2 and isinstance(parent, dict):  # one more key beside it
        parent[ODD_KEYS[odd % len(ODD_KEYS)]] = parent[last]
    elif how == 2:  # the item twice
        parent.insert(last, copy.deepcopy(parent[last]))
    elif how == 3 and isinstance(parent, dict):  # its key renamed
        parent[ODD_KEYS[odd % len(ODD_KEYS)]] = parent.pop(last)
    elif how == 3:  # wrapped in a list
        parent[last] = [parent[last]]
    elif isinstance(parent[last], str):  # its text as something else YAML could give
        text = parent[last]
        parent[last] = (int(text) if text.isdigit() else text.upper() if odd % 2
                        else text + "\n")
    elif isinstance(parent[last], (int, float)) and not isinstance(parent[last], bool):
        parent[last] = str(parent[last]) if odd % 2 else bool(parent[last])
    elif isinstance(parent[last], dt.date):
        parent[last] = parent[last].isoformat()
    return data


@st.composite
def mutations(draw: st.DrawFn) -> tuple[type[models.Model], Any]:
    kind, raw = draw(st.sampled_from(_corpus()))
    paths = _paths(raw)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        raw = _mutate(raw, path, draw(st.integers(0, 4)), draw(st.integers(0, 1000)))
        paths = _paths(raw)
    return kind, raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_whenever_the_builder_decides_pydantic_agrees(case: tuple[type[models.Model], Any]
                                                       ) -> None:
    kind, raw = case
    built = build(kind, raw)
    checked = _pydantic(kind, raw)
    if built is not UNDECIDED:
        assert checked is not None, "the builder accepted what pydantic refuses"
        _same(built, checked)
    # and validate() gives pydantic's verdict either way
    result, error = validate(kind, raw)
    assert (result is None) == (checked is None) == (error is not None)
    if result is not None:
        _same(result, checked)


# Each class on its own, each field set to each odd value (and to sound nested values): the sweep
# finds what random mutations of the corpus seldom reach (a field the corpus never sets).
_CITE = {"source": "s"}
_CLAIM = {"value": 1, "cites": [_CITE]}
MINIMAL: dict[str, dict[Any, Any]] = {
    "Citation": _CITE, "Claim": _CLAIM, "Disputed": {"disputed": [_CLAIM, _CLAIM]},
    "NoLongerKnown": {"unknown": "why"}, "Clause": {"id": "c"},
    "ClauseTranslation": {"title": "t"}, "VersionTranslation": {"title": "t"},
    "Version": {"id": "v", "title": "V", "date": dt.date(2025, 1, 1), "coverage": "full",
                "status": "leaked"},
    "Salience": {"party": "RU", "reason": "r"}, "Term": {"label": "L", "type": "quantity"},
    "TermTranslation": {"label": "l"}, "Source": {"outlet": "O"},
    "Position": {"party": "RU", "stance": "demand", "date": dt.date(2025, 1, 1), "text": "t"},
    "PositionTranslation": {"text": "t"}, "Positions": {},
    "PositionsTranslation": {"parties": {"RU": "r"}}, "SourceTranslation": {"outlet": "o"},
}
NESTED_VALUES = ([_CITE], [_CITE, {"source": "Bad"}], {"ar": {"title": "x"}},
                 {"AR": {"title": "x"}}, {"ar": {"weight": 1}}, {"a": "A"}, {"Bad Id": "A"},
                 {1: "A"}, {"a": 1}, ["a"], ["a", 1], ["A"], {"cap": 1},
                 {"cap": {"unknown": "why"}}, {"cap": {"disputed": [_CLAIM, _CLAIM]}},
                 {"cap": {"disputed": [_CLAIM]}}, {"cap": [1]}, [{"party": "RU", "reason": "r"}],
                 [{"id": "c"}], [{"id": "c", "weight": 1}], {"RU": "Russia"}, {"ru": "Russia"},
                 [_CLAIM, _CLAIM], [_CLAIM], [{"cites": [_CITE]}],
                 [{"party": "RU", "stance": "demand", "date": dt.date(2025, 1, 1), "text": "t"}],
                 {"ar": {"parties": {"RU": "x"}}}, {"ar": {"translated_from": "en-0123"}})


def test_each_field_of_each_class_swept_with_odd_values() -> None:
    decided = 0
    for name, sample in MINIMAL.items():
        runtime, model = RUNTIME[name], getattr(contract, name)
        fields = list(model.model_fields)
        cases = [{key: value for key, value in sample.items() if key != gone} for gone in sample]
        cases += [{**sample, key: sample.get("id", 1)} for key in ODD_KEYS]
        cases += [{**sample, field: value} for field in fields
                  for value in (*ODD_VALUES, *NESTED_VALUES)]
        for raw in cases:
            try:
                built = model_build._BUILDERS[runtime](raw)
            except model_build._Undecided:
                continue
            decided += 1
            try:
                checked = contract.to_runtime(model.model_validate(raw))
            except ValidationError as error:
                pytest.fail(f"{name}: the builder accepted what pydantic refuses: {raw!r}"
                            f" ({error.errors()[0]['msg']})")
            _same(built, checked, (name,))
    assert decided > 500  # the sweep reaches the builder's accepting paths


def test_what_the_builder_leaves_to_pydantic() -> None:
    """A date written as text, a bool for a number, an unknown key: undecided, and pydantic's
    answer stands (the date text accepted, the others refused with its errors)."""
    version = {"id": "v", "title": "V", "date": dt.date(2025, 1, 1), "coverage": "full",
               "status": "leaked", "clauses": [{"id": "a", "number": 1, "cites": [
                   {"source": "s"}], "terms": {"cap": {"disputed": [
                       {"value": None, "cites": [{"source": "s"}]},
                       {"unknown": "why", "cites": [{"source": "s"}]}]}}}]}
    built = build(models.Version, version)
    assert built is not UNDECIDED
    claims = built.clauses[0].terms["cap"].disputed  # type: ignore[union-attr]
    assert [claim.has_value for claim in claims] == [True, False]
    as_text = {**version, "date": "2025-01-01"}
    assert build(models.Version, as_text) is UNDECIDED
    assert validate_as(models.Version, as_text) == built
    for wrong in ({**version, "clauses": [{"id": "a", "number": True}]},
                  {**version, "weight": 3}, {**version, "id": "V"}, {**version, "id": "v\n"}):
        assert build(models.Version, wrong) is UNDECIDED
        assert validate(models.Version, wrong)[0] is None
        with pytest.raises(ValueError):
            validate_as(models.Version, wrong)


def test_a_plain_class_is_frozen_compares_by_fields_and_copies() -> None:
    cite = models.Citation(source="a", hedge="reportedly")
    assert cite == models.Citation(source="a", hedge="reportedly") and cite.hedged
    assert hash(cite) == hash(models.Citation(source="a", hedge="reportedly"))
    with pytest.raises(AttributeError):
        cite.source = "b"  # type: ignore[misc]
    claim = models.Claim(cites=[cite])
    assert not claim.has_value and claim.value is None
    assert not models.replace(claim, note="n").has_value
    assert models.replace(claim, value=None).has_value
    assert models.Claim(value=None, cites=[cite]).has_value
    assert copy.deepcopy(claim) == claim and not copy.deepcopy(claim).has_value
    term = models.Term(label="Cap", type="quantity")  # type: ignore[arg-type]
    assert term.type is models.TermType.quantity
    assert models.dump(term, json=True, exclude_none=True) == {
        "label": "Cap", "type": "quantity", "salience": [], "translations": {}}
