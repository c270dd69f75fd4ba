"""Pydantic models of the data contract: versions, clauses, terms, sources, citations."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX = 120
Slug = Annotated[StrictStr, Field(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]
_SLUG_BODY = re.compile(r"[a-z0-9][a-z0-9-]*")


def is_slug(value: object) -> bool:
    """An id: lower-case letters, digits and hyphens, at most SLUG_MAX characters. A full match:
    with re.match, SLUG_PATTERN's `$` would also accept a trailing newline."""
    return isinstance(value, str) and len(value) <= SLUG_MAX and bool(_SLUG_BODY.fullmatch(value))
# A term value as written: checked against the term's type by the registry, not here.
Scalar = StrictBool | StrictInt | StrictFloat | StrictStr | dt.date | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- translated content: renderings of the English fields, never quotes, never verified ---------

# A lowercase BCP-47-like language code: `ar`, `fr`, `pt-br`, `zh-hant`.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"
Language = Annotated[StrictStr, Field(pattern=LANGUAGE_PATTERN, max_length=35)]
# A source's language, as BCP 47 writes it (`ar`, `en`, `pt-BR`, `zh-Hant`): a code, nothing a
# view could take for markup.
SOURCE_LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SourceLanguage = Annotated[StrictStr, Field(pattern=SOURCE_LANGUAGE_PATTERN, max_length=35)]
# Empty or blank renderings are refused by `plandiff check` (with a message and a hint); the
# schema says so to editors.
Rendering = Annotated[StrictStr, Field(json_schema_extra={"minLength": 1, "pattern": r"\S"})]
# What a rendering was translated from: the fingerprint of the English it renders when it was
# written (core.translations.fingerprint; `plandiff check` gives it), so that check can say when
# the English changed after the translation (a stale translation).
Fingerprint = Annotated[StrictStr, Field(pattern=r"^en-[0-9a-f]{12}$")]


class TermTranslation(_Model):
    """A term's label, unit and choice labels in another language."""

    label: Rendering | None = None
    unit: Rendering | None = None
    choices: dict[Slug, Rendering] = Field(default_factory=dict)
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


def all_hedged(cites: list[Citation] | tuple[Citation, ...]) -> bool:
    """True when there are citations and every one is hedged: the fact is reported, not
    settled."""
    return bool(cites) and all(cite.hedge is not None for cite in cites)


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



def citations_of(clause: Clause) -> list[Citation]:
    """Every citation of a clause: its own, then each disputed claim's."""
    cites = list(clause.cites)
    for value in clause.terms.values():
        if isinstance(value, Disputed):
            for claim in value.disputed:
                cites.extend(claim.cites)
    return cites

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


PARTY_PATTERN = r"^[A-Z0-9][A-Z0-9-]*$"
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


class StanceKind(str, Enum):
    """What a party says about a term: it wants it, gives it, puts it forward, will not move from
    it, agrees to it, or refuses it."""

    demand = "demand"
    offer = "offer"
    proposal = "proposal"
    red_line = "red-line"
    accept = "accept"
    reject = "reject"


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
