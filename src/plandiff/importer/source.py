"""Pure: the source an imported text is cited as: an entry of sources.yaml already there, or a new
one drafted from what the text says about itself (language, date, headline) and the options."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath
from typing import Any

from plandiff.core.models import Plan, is_slug
from plandiff.core.records import field, record
from plandiff.importer.numbers import find_values, prepare
from plandiff.importer.points import ParsedText

# Words that make up a good share of any English text and of few other languages' written in
# Latin letters ("in", "a", "die", "de" are left out: they are words elsewhere too).
_ENGLISH_WORDS = """the and of to is are will be that with for by from this was were has have
would which not its their after under into"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
# Measured on the held-out articles: 0.25–0.30 in news prose, 0.11–0.12 in terse live-blog lines
# (no articles); French, German and Spanish sentences: 0.00.
ENGLISH_SHARE = 0.05


@record(frozen=False)
class PlacedSource:
    """The source every clause of the draft cites."""

    id: str
    entry: dict[str, Any] | None  # a new sources.yaml entry; None when the source exists
    date: dt.date | None  # the source's date, as known
    date_origin: str | None  # how it is known: "given", "read from '2 December 2025'", ...
    review: list[str] = field(default_factory=list)  # what to confirm or fill in


def language(text: str) -> str | None:
    """The language of `text` by its script: `ar`, `uk` or `ru` when most letters are Arabic or
    Cyrillic (Ukrainian by its own letters), `en` for Latin letters that read as English (its
    commonest words), None otherwise, for a person to fill in."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    if arabic > len(letters) / 2:
        return "ar"
    if len(cyrillic) > len(letters) / 2:
        return "uk" if any(c in "іїєґІЇЄҐ" for c in cyrillic) else "ru"
    if latin > len(letters) / 2:
        words = re.findall(r"[a-z]+", text.lower())
        if words and sum(1 for w in words if w in _ENGLISH) / len(words) >= ENGLISH_SHARE:
            return "en"
    return None


def text_date(parsed: ParsedText) -> tuple[dt.date, str] | None:
    """The date the text gives outside its list (a dateline, "published 2 December 2025"), with
    the words it was read from: the first one, since datelines come first. Dates inside the
    points are the plan's (deadlines), not the text's."""
    for paragraph in parsed.outside:
        found, _ = find_values(paragraph)
        dates = [f for f in found if f.kind == "date" and isinstance(f.value, dt.date)]
        if dates:
            first = dates[0]
            assert isinstance(first.value, dt.date)
            # As written, where reading it kept the positions (it folds case, spaces and marks).
            same = len(prepare(paragraph)) == len(paragraph)
            return first.value, paragraph[first.start:first.end] if same else first.text
    return None


def place(plan: Plan, *, relative: str | None, path: PurePath | None, parsed: ParsedText,
          text: str, version_id: str, today: dt.date, outlet: str | None = None,
          source_date: dt.date | None = None) -> PlacedSource:
    """The source to cite: the entry of sources.yaml whose `file` is `relative`, else a new one."""
    if relative is not None:
        for source_id, source in plan.sources.items():
            if source.file == relative:
                placed = PlacedSource(source_id, None, source.date,
                                      "its date in plans/sources.yaml" if source.date else None)
                given = [o for o, v in (("--outlet", outlet), ("--source-date", source_date))
                         if v is not None]
                if given:
                    placed.review.append(
                        f"{' and '.join(given)} not applied: source `{source_id}` is already in"
                        " plans/sources.yaml; edit its entry there")
                return placed
    source_id = _free_id(plan, path, version_id)
    found_language = language(text)
    read = text_date(parsed)
    date, origin = source_date, "given" if source_date else None
    if date is None and read is not None:
        date, origin = read[0], f"read from {read[1]!r} in the text"
    entry: dict[str, Any] = {
        "outlet": outlet or "unknown",
        "title": parsed.title,
        "date": date,
        "language": found_language,
        "url": None,
    }
    if relative is not None:
        entry["file"] = relative
    missing = [key for key in ("outlet", "title", "date", "language", "url")
               if entry[key] is None or (key == "outlet" and outlet is None)]
    confirm = []
    if read is not None and source_date is None:
        confirm.append(f"the date ({origin})")
    if found_language is not None:
        confirm.append(f"the language ({found_language}, by its script and words)")
    if parsed.title is not None:
        confirm.append("the title (its headline)")
    todo = []
    if confirm:
        todo.append(f"Confirm {_listed(confirm)}.")
    if missing:
        todo.append(f"Fill in the {_listed(missing)}.")
    entry["note"] = " ".join([f"Registered by plandiff import on {today.isoformat()} for version"
                              f" {version_id}.", *todo])
    placed = PlacedSource(source_id, entry, date, origin)
    asks = ([f"confirm {_listed(confirm)}"] if confirm else []) + \
        ([f"fill in the {_listed(missing)}"] if missing else [])
    placed.review.append(f"`{source_id}` is new in plans/sources.yaml: {'; '.join(asks)}")
    return placed


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _free_id(plan: Plan, path: PurePath | None, version_id: str) -> str:
    """An id for a new source: `seed-NNN` for a seed file, else from the file's name."""
    if path is not None:
        seed = re.match(r"(\d{3})_", path.name)
        base = f"seed-{seed.group(1)}" if seed else re.sub(r"[^a-z0-9]+", "-",
                                                            path.stem.lower()).strip("-")
    else:
        base = f"{version_id}-text"
    base = base if is_slug(base) else f"{version_id}-text"
    source_id, counter = base, 2
    while source_id in plan.sources:
        source_id, counter = f"{base}-{counter}", counter + 1
    return source_id
