"""The data contract as pydantic models: what a plan file may hold (versions, clauses, terms,
sources, citations, positions), for the JSON Schema (core/schema.py), for the wording of errors
(core/model_errors.py) and for validating what the fast builder (core/model_build.py) leaves
undecided.

Only a plan file that is not plainly valid, `plandiff check` and `plandiff schema` import this
module (and pydantic). Every command works with the plain classes of core/models.py, which have
the same names, fields, defaults and nesting (tests/test_model_build.py keeps them equal);
`to_runtime` turns a validated model into them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

from plandiff.core import models
from plandiff.core.models import (
    FINGERPRINT_PATTERN,
    LANGUAGE_PATTERN,
    PARTY_PATTERN,
    SLUG_MAX,
    SLUG_PATTERN,
    SOURCE_LANGUAGE_PATTERN,
    Coverage,
    Reliability,
    StanceKind,
    Status,
    TermType,
)

Slug = Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]


# A term value as written: checked against the term's type by the registry, not here.
Scalar = StrictBool | StrictInt | StrictFloat | StrictStr | dt.date | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- translated content: renderings of the English fields, never quotes, never verified ---------

# A lowercase BCP-47-like language code: `ar`, `fr`, `pt-br`, `zh-hant`.
Language = Annotated[StrictStr, Field(pattern=LANGUAGE_PATTERN, max_length=35)]
# A source's language, as BCP 47 writes it (`ar`, `en`, `pt-BR`, `zh-Hant`): a code, nothing a
# view could take for markup.
SourceLanguage = Annotated[StrictStr, Field(pattern=SOURCE_LANGUAGE_PATTERN, max_length=35)]
# Empty or blank renderings are refused by `plandiff check` (with a message and a hint); the
# schema says so to editors.
Rendering = Annotated[StrictStr, Field(json_schema_extra={"minLength": 1, "pattern": r"\S"})]
# What a rendering was translated from: the fingerprint of the English it renders when it was
# written (core.translations.fingerprint; `plandiff check` gives it), so that check can say when
# the English changed after the translation (a stale translation).
Fingerprint = Annotated[StrictStr, Field(pattern=FINGERPRINT_PATTERN)]


class TermTranslation(_Model):
    """A term's label, unit, choice labels and description in another language."""

    label: Rendering | None = None
    unit: Rendering | None = None
    choices: dict[Slug, Rendering] = Field(default_factory=dict)
    description: Rendering | None = None
    translated_from: Fingerprint | None = None


class ClauseTranslation(_Model):
    title: Rendering | None = None
    text: Rendering | None = None
    translated_from: Fingerprint | None = None


class VersionTranslation(_Model):
    title: Rendering | None = None
    summary: Rendering | None = None
    translated_from: Fingerprint | None = None


class PositionTranslation(_Model):
    text: Rendering | None = None
    issue: Rendering | None = None
    translated_from: Fingerprint | None = None


class SourceTranslation(_Model):
    """A source's outlet and title in another language. `outlet`: the outlet's name as that
    language's press writes it (transliterated, or the name the outlet itself uses there);
    `title`: a translation of the English `title`, never a quote and never the source's headline
    (its own headline stays in `headline`, verbatim)."""

    outlet: Rendering | None = None
    title: Rendering | None = None
    translated_from: Fingerprint | None = None


class PositionsTranslation(_Model):
    """The parties' names in another language, by party code."""

    parties: dict[StrictStr, Rendering] = Field(default_factory=dict)
    translated_from: Fingerprint | None = None


# A short reason, in the source's own terms; blank is refused by `plandiff check`.
Reason = Annotated[StrictStr, Field(min_length=1)]


class Citation(_Model):
    """A source cited for a clause, a claim or a stance. `hedge` says that the source reports the
    fact as possible, expected, planned or from an unnamed source, not as settled."""

    source: Slug
    quote: StrictStr | None = None
    hedge: Reason | None = None
    note: StrictStr | None = None

    @property
    def hedged(self) -> bool:
        return self.hedge is not None


class Claim(_Model):
    """One source's account of a disputed value: a `value` (`null`: the source says there is
    none), or `unknown: why` (the source gives no value, only that the earlier one no longer
    holds, or what it says instead). `plandiff check` wants exactly one of the two."""

    value: Scalar = None
    unknown: Annotated[StrictStr, Field(min_length=1)] | None = None
    cites: list[Citation] = Field(min_length=1)
    note: StrictStr | None = None

    @property
    def has_value(self) -> bool:
        return "value" in self.model_fields_set


class Disputed(_Model):
    disputed: list[Claim] = Field(min_length=2)


class NoLongerKnown(_Model):
    """A report changed the clause so that an earlier value can no longer be assumed: neither
    `null` (no value) nor silence (carried over). The string says why."""

    unknown: Annotated[StrictStr, Field(min_length=1)]


TermValue = Disputed | NoLongerKnown | Scalar


class Clause(_Model):
    id: Slug
    number: StrictInt | StrictStr | None = None
    title: StrictStr | None = None
    topic: StrictStr | None = None
    text: StrictStr | None = None
    terms: dict[Slug, TermValue] = Field(default_factory=dict)
    cites: list[Citation] = Field(default_factory=list)
    removed: StrictBool = False
    was: Slug | None = None
    note: StrictStr | None = None
    translations: dict[Language, ClauseTranslation] = Field(default_factory=dict)


class Version(_Model):
    id: Slug
    title: StrictStr
    date: dt.date
    parent: Slug | None = None
    coverage: Coverage
    status: Status
    parties: list[StrictStr] = Field(default_factory=list)
    summary: StrictStr | None = None
    clauses: list[Clause] = Field(default_factory=list)
    note: StrictStr | None = None
    translations: dict[Language, VersionTranslation] = Field(default_factory=dict)


PartyCode = Annotated[StrictStr, Field(pattern=PARTY_PATTERN, max_length=40)]


class Salience(_Model):
    """A red line: the term matters above others to `party` (a code of positions.yaml's
    `parties`), for `reason`. The reason is cited (`cites`: where the party says so) or the
    editors' own (`editorial: true`, with `cites` for the facts it rests on, if any);
    `plandiff check` wants one of the two."""

    party: PartyCode
    reason: Annotated[StrictStr, Field(min_length=1)]
    cites: list[Citation] = Field(default_factory=list)
    editorial: StrictBool = False


class Term(_Model):
    label: StrictStr
    type: TermType
    unit: StrictStr | None = None
    currency: StrictStr | None = None
    choices: dict[Slug, StrictStr] | None = None
    # A choice term's scale: its choice keys from one end to the other, so that a move between
    # two of them has a size (ranked key changes); optional.
    order: list[Slug] | None = None
    # Whose red line the term is, and why (ranked key changes); optional.
    salience: list[Salience] = Field(default_factory=list)
    description: StrictStr | None = None
    translations: dict[Language, TermTranslation] = Field(default_factory=dict)


class Source(_Model):
    outlet: StrictStr
    title: StrictStr | None = None  # in English: the title, or a description of an untitled one
    # The source's own headline, verbatim in its language (checked against `file`); `title` is
    # then an English description of it, shown labelled as a translation.
    headline: StrictStr | None = None
    date: dt.date | None = None
    language: SourceLanguage | None = None
    url: StrictStr | None = None
    file: StrictStr | None = None
    reliability: Reliability | None = None
    copy_of: Slug | None = None  # the source this one reprints or translates
    note: StrictStr | None = None
    translations: dict[Language, SourceTranslation] = Field(default_factory=dict)


class Position(_Model):
    """A party's stated position on one term (or, where no term fits, on an issue in words), on
    a date, with its sources: what a side wants, never what a draft says."""

    party: StrictStr
    term: Slug | None = None
    issue: StrictStr | None = None
    stance: StanceKind
    value: Scalar = None  # typed by the term; absent: the party named no value (see has_value)
    date: dt.date
    at: Slug | None = None  # the version (round of talks) where it was stated, if any
    text: StrictStr
    cites: list[Citation] = Field(default_factory=list)
    note: StrictStr | None = None
    translations: dict[Language, PositionTranslation] = Field(default_factory=dict)

    @property
    def has_value(self) -> bool:
        return "value" in self.model_fields_set

    @property
    def subject(self) -> str:
        """The term id, or the issue in words."""
        return self.term if self.term is not None else (self.issue or "")


class Positions(_Model):
    """plans/positions.yaml: the parties by code, and their positions."""

    parties: dict[PartyCode, StrictStr] = Field(default_factory=dict)
    positions: list[Position] = Field(default_factory=list)
    translations: dict[Language, PositionsTranslation] = Field(default_factory=dict)


class Plan(_Model):
    """A whole plan repository, as loaded: versions by id, the term registry, the bibliography,
    and the parties' positions (plans/positions.yaml; empty when there is none)."""

    versions: dict[str, Version]
    terms: dict[str, Term]
    sources: dict[str, Source]
    positions: Positions = Field(default_factory=Positions)




# --- into the classes of core/models.py ----------------------------------------------------------


def to_runtime(value: Any) -> Any:
    """A validated model (or a list, mapping or value holding them) as the plain classes of
    core/models.py: the class of the same name, the same field values; `has_value` kept from
    the fields pydantic saw set."""
    if isinstance(value, BaseModel):
        kind = getattr(models, type(value).__name__)
        values = {name: to_runtime(getattr(value, name)) for name in type(value).model_fields}
        if "value" in values:
            values["value_given"] = "value" in value.model_fields_set
        return kind(**values)
    if isinstance(value, list):
        return [to_runtime(item) for item in value]
    if isinstance(value, dict):
        return {key: to_runtime(item) for key, item in value.items()}
    return value
