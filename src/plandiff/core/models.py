"""The data contract at run time: versions, clauses, terms, sources, citations, as plain frozen
classes (no pydantic: a command that reads valid plan files never imports it).

What a plan file may hold is defined twice, kept equal by tests (tests/test_model_build.py): here,
the classes every command works with, and in core/contract.py, the pydantic models that define
what is accepted, give the JSON Schema and word the errors. Raw YAML data becomes these classes
through core/model_build.py: a fast builder for what it is sure the pydantic models accept, the
pydantic models for everything else.

The classes are frozen and compare by their fields. `dump(model)` gives a model's data as plain
mappings and lists (what pydantic's `model_dump` gave); `replace(model, **changes)` a copy with
some fields changed.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Any, Literal, TypeVar

from plandiff.core.records import (
    MISSING,
    Field,
    FrozenInstanceError,
    dataclass_transform,
    field,
    init_function,
)

_set = object.__setattr__

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX = 120
_SLUG_BODY = re.compile(r"[a-z0-9][a-z0-9-]*")


def is_slug(value: object) -> bool:
    """An id: lower-case letters, digits and hyphens, at most SLUG_MAX characters. A full match:
    with re.match, SLUG_PATTERN's `$` would also accept a trailing newline."""
    return isinstance(value, str) and len(value) <= SLUG_MAX and bool(_SLUG_BODY.fullmatch(value))


# A lowercase BCP-47-like language code: `ar`, `fr`, `pt-br`, `zh-hant`.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"
# A source's language, as BCP 47 writes it (`ar`, `en`, `pt-BR`, `zh-Hant`).
SOURCE_LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
FINGERPRINT_PATTERN = r"^en-[0-9a-f]{12}$"
PARTY_PATTERN = r"^[A-Z0-9][A-Z0-9-]*$"

# Names for what a field holds (the constraints are core/contract.py's).
Slug = str
Language = str
Scalar = bool | int | float | str | dt.date | None


# --- the classes' machinery: what dataclasses(frozen, slots, kw_only) would give, built in a
# fraction of the time (importing and applying dataclasses to these classes cost ~10 ms a run);
# fields and __init__ as plandiff's records make them (core/records.py) ---


class _ModelType(type):
    """Makes each class of the contract: its annotations become slots, and it gets a keyword-only
    __init__ (records.init_function), with its defaults and factories."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        # (Model itself, the base, declares only what the classes share.)
        annotations = namespace.get("__annotations__", {}) if bases else {}
        specs = {}
        for field_name in annotations:
            spec = namespace.pop(field_name, MISSING)
            specs[field_name] = spec if isinstance(spec, Field) else Field(spec, None, True, True)
        namespace.setdefault("__slots__", tuple(annotations))
        cls = super().__new__(mcs, name, bases, namespace)
        if not annotations:
            return cls
        cls.__init__ = init_function(  # type: ignore[misc]
            name, specs, frozen=True, keyword_only=True,
            post_init="__post_init__" in namespace)
        cls._fields = tuple(specs)  # type: ignore[attr-defined]
        cls._specs = specs  # type: ignore[attr-defined]
        cls._compared = tuple(n for n, s in specs.items() if s.compare)  # type: ignore[attr-defined]
        cls._shown = tuple(n for n, s in specs.items() if s.repr)  # type: ignore[attr-defined]
        return cls


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Model(metaclass=_ModelType):
    """What every class of the contract is: frozen, with slots, keyword arguments only, compared
    by its fields (and hashable when they are)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _specs: dict[str, Field] = {}  # noqa: RUF012 - each class's own, set once
    _compared: tuple[str, ...] = ()
    _shown: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._compared)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self._compared))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._shown)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> Any:
        return _rebuild, (type(self), tuple(getattr(self, n) for n in self._fields))


def _rebuild(kind: type[Model], values: tuple[Any, ...]) -> Model:
    return kind(**dict(zip(kind._fields, values, strict=True)))

# --- translated content: renderings of the English fields, never quotes, never verified ---------


class TermTranslation(Model):
    """A term's label, unit, choice labels and description in another language."""

    label: str | None = None
    unit: str | None = None
    choices: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    translated_from: str | None = None


class ClauseTranslation(Model):
    title: str | None = None
    text: str | None = None
    translated_from: str | None = None


class VersionTranslation(Model):
    title: str | None = None
    summary: str | None = None
    translated_from: str | None = None


class PositionTranslation(Model):
    text: str | None = None
    issue: str | None = None
    translated_from: str | None = None


class SourceTranslation(Model):
    """A source's outlet and title in another language. `outlet`: the outlet's name as that
    language's press writes it (transliterated, or the name the outlet itself uses there);
    `title`: a translation of the English `title`, never a quote and never the source's headline
    (its own headline stays in `headline`, verbatim)."""

    outlet: str | None = None
    title: str | None = None
    translated_from: str | None = None


class PositionsTranslation(Model):
    """The parties' names in another language, by party code."""

    parties: dict[str, str] = field(default_factory=dict)
    translated_from: str | None = None


class Coverage(str, Enum):
    full = "full"
    partial = "partial"


class Status(str, Enum):
    leaked = "leaked"
    proposed = "proposed"
    agreed = "agreed"
    rejected = "rejected"
    superseded = "superseded"


class Reliability(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


class TermType(str, Enum):
    quantity = "quantity"
    money = "money"
    duration = "duration"
    date = "date"
    choice = "choice"
    flag = "flag"
    text = "text"


NUMERIC_TYPES = frozenset({TermType.quantity, TermType.money, TermType.duration})


class StanceKind(str, Enum):
    """What a party says about a term: it wants it, gives it, puts it forward, will not move from
    it, agrees to it, or refuses it."""

    demand = "demand"
    offer = "offer"
    proposal = "proposal"
    red_line = "red-line"
    accept = "accept"
    reject = "reject"


def _enum(model: Any, name: str, kind: type[Enum]) -> None:
    """A value given by its text (`type="quantity"`) stored as the enum member, as pydantic did."""
    value = getattr(model, name)
    if value is not None and type(value) is not kind:
        _set(model, name, kind(value))


class Citation(Model):
    """A source cited for a clause, a claim or a stance. `hedge` says that the source reports the
    fact as possible, expected, planned or from an unnamed source, not as settled."""

    source: str
    quote: str | None = None
    hedge: str | None = None
    note: str | None = None

    @property
    def hedged(self) -> bool:
        return self.hedge is not None


def all_hedged(cites: list[Citation] | tuple[Citation, ...]) -> bool:
    """True when there are citations and every one is hedged: the fact is reported, not
    settled."""
    return bool(cites) and all(cite.hedge is not None for cite in cites)


class _NotGiven:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_GIVEN"


# The default of a `value` that was not written (has_value is then False, the value None).
NOT_GIVEN: Any = _NotGiven()


class Claim(Model):
    """One source's account of a disputed value: a `value` (`null`: the source says there is
    none), or `unknown: why` (the source gives no value, only that the earlier one no longer
    holds, or what it says instead). `plandiff check` wants exactly one of the two."""

    value: Scalar = NOT_GIVEN
    unknown: str | None = None
    cites: list[Citation]
    note: str | None = None
    # Whether `value` was written (`value: null` is written); worked out from `value` unless given.
    value_given: bool | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        _value_given(self)

    @property
    def has_value(self) -> bool:
        return bool(self.value_given)


def _value_given(model: Any) -> None:
    if model.value is NOT_GIVEN:
        _set(model, "value", None)
        _set(model, "value_given", False)
    elif model.value_given is None:
        _set(model, "value_given", True)


class Disputed(Model):
    disputed: list[Claim]


class NoLongerKnown(Model):
    """A report changed the clause so that an earlier value can no longer be assumed: neither
    `null` (no value) nor silence (carried over). The string says why."""

    unknown: str


TermValue = Disputed | NoLongerKnown | Scalar


class Clause(Model):
    id: str
    number: int | str | None = None
    title: str | None = None
    topic: str | None = None
    text: str | None = None
    terms: dict[str, TermValue] = field(default_factory=dict)
    cites: list[Citation] = field(default_factory=list)
    removed: bool = False
    was: str | None = None
    note: str | None = None
    translations: dict[str, ClauseTranslation] = field(default_factory=dict)


def citations_of(clause: Clause) -> list[Citation]:
    """Every citation of a clause: its own, then each disputed claim's."""
    cites = list(clause.cites)
    for value in clause.terms.values():
        if isinstance(value, Disputed):
            for claim in value.disputed:
                cites.extend(claim.cites)
    return cites


class Version(Model):
    id: str
    title: str
    date: dt.date
    parent: str | None = None
    coverage: Coverage
    status: Status
    parties: list[str] = field(default_factory=list)
    summary: str | None = None
    clauses: list[Clause] = field(default_factory=list)
    note: str | None = None
    translations: dict[str, VersionTranslation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _enum(self, "coverage", Coverage)
        _enum(self, "status", Status)


class Salience(Model):
    """A red line: the term matters above others to `party` (a code of positions.yaml's
    `parties`), for `reason`. The reason is cited (`cites`: where the party says so) or the
    editors' own (`editorial: true`, with `cites` for the facts it rests on, if any);
    `plandiff check` wants one of the two."""

    party: str
    reason: str
    cites: list[Citation] = field(default_factory=list)
    editorial: bool = False


class Term(Model):
    label: str
    type: TermType
    unit: str | None = None
    currency: str | None = None
    choices: dict[str, str] | None = None
    # A choice term's scale: its choice keys from one end to the other, so that a move between
    # two of them has a size (ranked key changes); optional.
    order: list[str] | None = None
    # Whose red line the term is, and why (ranked key changes); optional.
    salience: list[Salience] = field(default_factory=list)
    description: str | None = None
    translations: dict[str, TermTranslation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _enum(self, "type", TermType)


class Source(Model):
    outlet: str
    title: str | None = None  # in English: the title, or a description of an untitled one
    # The source's own headline, verbatim in its language (checked against `file`); `title` is
    # then an English description of it, shown labelled as a translation.
    headline: str | None = None
    date: dt.date | None = None
    language: str | None = None
    url: str | None = None
    file: str | None = None
    reliability: Reliability | None = None
    copy_of: str | None = None  # the source this one reprints or translates
    note: str | None = None
    translations: dict[str, SourceTranslation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _enum(self, "reliability", Reliability)


class Position(Model):
    """A party's stated position on one term (or, where no term fits, on an issue in words), on
    a date, with its sources: what a side wants, never what a draft says."""

    party: str
    term: str | None = None
    issue: str | None = None
    stance: StanceKind
    value: Scalar = NOT_GIVEN  # typed by the term; absent: the party named no value (has_value)
    date: dt.date
    at: str | None = None  # the version (round of talks) where it was stated, if any
    text: str
    cites: list[Citation] = field(default_factory=list)
    note: str | None = None
    translations: dict[str, PositionTranslation] = field(default_factory=dict)
    value_given: bool | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        _enum(self, "stance", StanceKind)
        _value_given(self)

    @property
    def has_value(self) -> bool:
        return bool(self.value_given)

    @property
    def subject(self) -> str:
        """The term id, or the issue in words."""
        return self.term if self.term is not None else (self.issue or "")


class Positions(Model):
    """plans/positions.yaml: the parties by code, and their positions."""

    parties: dict[str, str] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    translations: dict[str, PositionsTranslation] = field(default_factory=dict)


class Plan(Model):
    """A whole plan repository, as loaded: versions by id, the term registry, the bibliography,
    and the parties' positions (plans/positions.yaml; empty when there is none)."""

    versions: dict[str, Version]
    terms: dict[str, Term]
    sources: dict[str, Source]
    positions: Positions = field(default_factory=Positions)


ChangeKind = Literal[
    "added", "removed", "unreported", "renamed", "modified", "renumbered", "unchanged"
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "removed",
    "added",
    "unreported",
    "renamed",
    "modified",
    "renumbered",
    "unchanged",
)

# Where models hold models: by class, each such field and the classes its items (a list's, a
# mapping's values, or the value itself) may be; a term value may also be a plain value
# (PLAIN_TOO). The repository cache checks what it rebuilds against this; a test keeps it equal
# to the nesting of core/contract.py.
NESTED: dict[str, dict[str, tuple[str, ...]]] = {
    "Plan": {"versions": ("Version",), "terms": ("Term",), "sources": ("Source",),
             "positions": ("Positions",)},
    "Version": {"clauses": ("Clause",), "translations": ("VersionTranslation",)},
    "Clause": {"terms": ("Disputed", "NoLongerKnown"), "cites": ("Citation",),
               "translations": ("ClauseTranslation",)},
    "Disputed": {"disputed": ("Claim",)},
    "Claim": {"cites": ("Citation",)},
    "Term": {"salience": ("Salience",), "translations": ("TermTranslation",)},
    "Source": {"translations": ("SourceTranslation",)},
    "Salience": {"cites": ("Citation",)},
    "Position": {"cites": ("Citation",), "translations": ("PositionTranslation",)},
    "Positions": {"positions": ("Position",), "translations": ("PositionsTranslation",)},
}
PLAIN_TOO = frozenset({("Clause", "terms")})


# --- working with models -------------------------------------------------------------------------

# The bookkeeping field of Claim and Position: not data.
_M = TypeVar("_M", bound=Model)
_BOOKKEEPING = frozenset({"value_given"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def defaults(model: type[Model]) -> dict[str, Any]:
    """Each field's default (a fresh one where it has a factory); a required field has none."""
    return {name: spec.default_factory() if spec.default_factory is not None else spec.default
            for name, spec in model._specs.items()
            if name not in _BOOKKEEPING and (spec.default_factory is not None
                                             or spec.default is not MISSING)}


def field_names(model: type | Model) -> tuple[str, ...]:
    """A class's fields in their order (pydantic's `model_fields`), without bookkeeping."""
    kind = model if isinstance(model, type) else type(model)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(name for name in kind._fields  # type: ignore[attr-defined]
                                      if name not in _BOOKKEEPING)
    return names


def replace(model: _M, **changes: Any) -> _M:
    """A copy of `model` with `changes` (pydantic's `model_copy(update=changes)`): nothing is
    checked; a `value` given counts as written."""
    values = {name: getattr(model, name) for name in model._fields}
    values.update(changes)
    if "value" in changes and "value_given" not in changes:
        values["value_given"] = True
    return type(model)(**values)


def dump(model: Any, *, json: bool = False, exclude_none: bool = False,
         exclude: frozenset[str] | set[str] = frozenset()) -> Any:
    """A model's data as plain mappings and lists, field by field in order (pydantic's
    `model_dump`): with `json`, enums as their values and dates as ISO text; with
    `exclude_none`, a field whose value is None is left out (at every level; a mapping's None
    values are kept); `exclude` leaves out fields of the top model."""
    if isinstance(model, Model):
        data = {}
        for name in field_names(model):
            if name in exclude:
                continue
            value = getattr(model, name)
            if value is None and exclude_none:
                continue
            data[name] = dump(value, json=json, exclude_none=exclude_none)
        return data
    if isinstance(model, dict):
        return {key: dump(value, json=json, exclude_none=exclude_none)
                for key, value in model.items()}
    if isinstance(model, (list, tuple)):
        return [dump(value, json=json, exclude_none=exclude_none) for value in model]
    if json:
        if isinstance(model, Enum):
            return model.value
        if isinstance(model, dt.date):
            return model.isoformat()
    return model
