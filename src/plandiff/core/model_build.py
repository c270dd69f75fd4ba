"""Pure: raw YAML data (mappings, lists, scalars) into the classes of core/models.py.

`build` is the fast path: it walks the data and builds the models, deciding only what it is sure
the pydantic models of core/contract.py accept and build identically: plain `str`, `int`, `bool`,
finite `float` and `datetime.date` values of exactly the types the fields name, mappings with
known keys only, every required field, ids and codes matching their patterns in full, enum values
by their text. Anything else (a wrong type, an unknown key, a date written as text, a bool where
a number belongs, a lone surrogate, a non-finite float ...) gives UNDECIDED, and `validate` then
asks the pydantic models, whose errors are reported as before (core/model_errors.py), or whose
result is turned into the same classes. So a command that reads valid plan files never imports
pydantic, and what is accepted, and every message, is pydantic's. The same idea as
repo/fast_yaml.py; tests/test_model_build.py checks, on the corpus and many mutations of it, that
whenever `build` decides, pydantic accepts the same data and gives equal models.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from plandiff.core import models
from plandiff.core.models import (
    FINGERPRINT_PATTERN,
    LANGUAGE_PATTERN,
    PARTY_PATTERN,
    SLUG_MAX,
    SOURCE_LANGUAGE_PATTERN,
    Coverage,
    Model,
    Reliability,
    StanceKind,
    Status,
    TermType,
)

UNDECIDED: Any = object()
T = TypeVar("T", bound=Model)
Check = Callable[[Any], Any]


class _Undecided(Exception):
    pass


_SURROGATE = re.compile("[\ud800-\udfff]")
_FLOAT_LIMIT = 1.7976931348623157e308


def _text(value: Any) -> str:
    if type(value) is not str or (not value.isascii() and _SURROGATE.search(value)):
        raise _Undecided
    return value


def _nonempty_text(value: Any) -> str:
    if type(value) is not str or not value or (not value.isascii()
                                               and _SURROGATE.search(value)):
        raise _Undecided
    return value


def _pattern(pattern: str, most: int | None = None) -> Check:
    body = re.compile(pattern.removeprefix("^").removesuffix("$"))
    fits = body.fullmatch

    def check(value: Any) -> str:
        if type(value) is not str or (most is not None and len(value) > most) \
                or not fits(value):
            raise _Undecided
        return value

    return check


_slug = _pattern(r"[a-z0-9][a-z0-9-]*", SLUG_MAX)
_language = _pattern(LANGUAGE_PATTERN, 35)
_source_language = _pattern(SOURCE_LANGUAGE_PATTERN, 35)
_fingerprint = _pattern(FINGERPRINT_PATTERN)
_party_code = _pattern(PARTY_PATTERN, 40)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Undecided
    return value


def _date(value: Any) -> dt.date:
    """A date field (pydantic's lax `date`: it also takes text and more; those are undecided)."""
    if type(value) is not dt.date:
        raise _Undecided
    return value


def _scalar(value: Any) -> Any:
    """StrictBool | StrictInt | StrictFloat | StrictStr | date | None."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if kind is float:
        if not -_FLOAT_LIMIT <= value <= _FLOAT_LIMIT:  # inf, nan
            raise _Undecided
        return value
    if kind in (bool, int, dt.date) or value is None:
        return value
    raise _Undecided


def _number(value: Any) -> Any:
    """StrictInt | StrictStr | None."""
    if type(value) is int or value is None:
        return value
    return _text(value)


def _enum(kind: Any) -> Check:
    members = kind._value2member_map_

    def check(value: Any) -> Any:
        if type(value) is not str or value not in members:
            raise _Undecided
        return members[value]

    return check


def _optional(check: Check) -> Check:
    def optional(value: Any) -> Any:
        return None if value is None else check(value)

    return optional


def _list(check: Check, least: int = 0) -> Check:
    def each(value: Any) -> list[Any]:
        if type(value) is not list or len(value) < least:
            raise _Undecided
        return [check(item) for item in value]

    return each


def _mapping(key: Check, check: Check) -> Check:
    def each(value: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _Undecided
        return {key(k): check(item) for k, item in value.items()}

    return each


# --- the models: each field's check, and whether it is required -----------------------------

_Spec = tuple[tuple[str, Check, bool], ...]
_SPECS: dict[type, _Spec] = {}
_BUILDERS: dict[type, Check] = {}


def _model(kind: type[Model], **fields: Check | tuple[Check, str]) -> Check:
    """A mapping with only `fields`' keys, each checked; a field given as (check, "required")
    must be there."""
    spec: _Spec = tuple((name, given[0], True) if isinstance(given, tuple) else
                        (name, given, False) for name, given in fields.items())
    checks = {name: check for name, check, _ in spec}
    required = frozenset(name for name, _, needed in spec if needed)
    _SPECS[kind] = spec

    def build(value: Any) -> Any:
        if type(value) is not dict or not required <= value.keys():
            raise _Undecided
        values = {}
        for key, item in value.items():
            check = checks.get(key) if type(key) is str else None
            if check is None:
                raise _Undecided
            values[key] = check(item)
        return kind(**values)

    _BUILDERS[kind] = build
    return build


_REQUIRED = "required"
_text_opt = _optional(_text)
_fingerprint_opt = _optional(_fingerprint)

_citation = _model(models.Citation, source=(_slug, _REQUIRED), quote=_text_opt,
                   hedge=_optional(_nonempty_text), note=_text_opt)
_cites = _list(_citation)
_claim = _model(models.Claim, value=_scalar, unknown=_optional(_nonempty_text),
                cites=(_list(_citation, 1), _REQUIRED), note=_text_opt)
_disputed = _model(models.Disputed, disputed=(_list(_claim, 2), _REQUIRED))
_no_longer_known = _model(models.NoLongerKnown, unknown=(_nonempty_text, _REQUIRED))


def _term_value(value: Any) -> Any:
    """Disputed | NoLongerKnown | Scalar: a mapping is the one of the first two whose only key it
    has."""
    if type(value) is dict:
        if len(value) == 1 and "disputed" in value:
            return _disputed(value)
        if len(value) == 1 and "unknown" in value:
            return _no_longer_known(value)
        raise _Undecided
    return _scalar(value)


_clause_translation = _model(models.ClauseTranslation, title=_text_opt, text=_text_opt,
                             translated_from=_fingerprint_opt)
_clause = _model(models.Clause, id=(_slug, _REQUIRED), number=_number, title=_text_opt,
                 topic=_text_opt, text=_text_opt, terms=_mapping(_slug, _term_value),
                 cites=_cites, removed=_bool, was=_optional(_slug), note=_text_opt,
                 translations=_mapping(_language, _clause_translation))
_version_translation = _model(models.VersionTranslation, title=_text_opt, summary=_text_opt,
                              translated_from=_fingerprint_opt)
_version = _model(models.Version, id=(_slug, _REQUIRED), title=(_text, _REQUIRED),
                  date=(_date, _REQUIRED), parent=_optional(_slug),
                  coverage=(_enum(Coverage), _REQUIRED), status=(_enum(Status), _REQUIRED),
                  parties=_list(_text), summary=_text_opt, clauses=_list(_clause),
                  note=_text_opt, translations=_mapping(_language, _version_translation))
_salience = _model(models.Salience, party=(_party_code, _REQUIRED),
                   reason=(_nonempty_text, _REQUIRED), cites=_cites, editorial=_bool)
_term_translation = _model(models.TermTranslation, label=_text_opt, unit=_text_opt,
                           choices=_mapping(_slug, _text), description=_text_opt,
                           translated_from=_fingerprint_opt)
_term = _model(models.Term, label=(_text, _REQUIRED), type=(_enum(TermType), _REQUIRED),
               unit=_text_opt, currency=_text_opt, choices=_optional(_mapping(_slug, _text)),
               order=_optional(_list(_slug)), salience=_list(_salience),
               description=_text_opt, translations=_mapping(_language, _term_translation))
_source_translation = _model(models.SourceTranslation, outlet=_text_opt, title=_text_opt,
                             translated_from=_fingerprint_opt)
_source = _model(models.Source, outlet=(_text, _REQUIRED), title=_text_opt, headline=_text_opt,
                 date=_optional(_date), language=_optional(_source_language), url=_text_opt,
                 file=_text_opt, reliability=_optional(_enum(Reliability)),
                 copy_of=_optional(_slug), note=_text_opt,
                 translations=_mapping(_language, _source_translation))
_position_translation = _model(models.PositionTranslation, text=_text_opt, issue=_text_opt,
                               translated_from=_fingerprint_opt)
_position = _model(models.Position, party=(_text, _REQUIRED), term=_optional(_slug),
                   issue=_text_opt, stance=(_enum(StanceKind), _REQUIRED), value=_scalar,
                   date=(_date, _REQUIRED), at=_optional(_slug), text=(_text, _REQUIRED),
                   cites=_cites, note=_text_opt,
                   translations=_mapping(_language, _position_translation))
_positions_translation = _model(models.PositionsTranslation, parties=_mapping(_text, _text),
                                translated_from=_fingerprint_opt)
_positions = _model(models.Positions, parties=_mapping(_party_code, _text),
                    positions=_list(_position),
                    translations=_mapping(_language, _positions_translation))


def build(model: type[T], raw: Any) -> T:
    """The model built from `raw` when it is plainly valid, else UNDECIDED (which says nothing
    about whether it is valid: ask `validate`)."""
    try:
        return _BUILDERS[model](raw)  # type: ignore[no-any-return]
    except _Undecided:
        return UNDECIDED  # type: ignore[no-any-return]


def validate(model: type[T], raw: Any) -> tuple[T | None, Any]:
    """(the model, None), or (None, pydantic's ValidationError) when `raw` is not valid: the
    fast builder first, the pydantic model of the same name for what it leaves undecided."""
    built = build(model, raw)
    if built is not UNDECIDED:
        return built, None
    from pydantic import ValidationError

    from plandiff.core import contract

    try:
        checked = getattr(contract, model.__name__).model_validate(raw)
    except ValidationError as error:
        return None, error
    return contract.to_runtime(checked), None


def validate_as(model: type[T], raw: Any) -> T:
    """The model, or raise ValueError (pydantic's ValidationError) when `raw` is not valid."""
    built, error = validate(model, raw)
    if error is not None:
        raise error
    assert built is not None
    return built


def spec(model: type[Model]) -> dict[str, bool]:
    """The fields the builder reads for a model, and which are required (for the drift test)."""
    return {name: required for name, _, required in _SPECS[model]}
