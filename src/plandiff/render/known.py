"""The words of an as-of view ("as known on DATE": what was not yet reported, what has no date)
and of a value's first report, in every output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from plandiff.core.as_of import FirstReported, KnownOn, NotYetReported
from plandiff.core.models import Source
from plandiff.i18n import Locale
from plandiff.render import values

# How many not-yet-reported clauses and values a header names before it only counts the rest.
LISTED = 12


def day(value: dt.date, loc: Locale) -> str:
    """'21 Nov 2025' (in another language, its long form)."""
    return f"{value.day} {value:%b %Y}" if loc.english else loc.date(value)


def outlet(source_id: str, sources: Mapping[str, Source], loc: Locale | None = None) -> str:
    """A source as a reader knows it: its outlet, or its id where the outlet is unknown. In
    another language, the outlet as that language's press writes it (plans/sources.yaml), else
    the English name, marked."""
    source = sources.get(source_id)
    if source is None or not known_outlet(source):
        return source_id
    if loc is None or loc.english:
        return source.outlet
    return loc.plain(*loc.outlet_of(source))


def known_outlet(source: Source | None) -> bool:
    """Whether the source names its outlet (an outlet `unknown` names none)."""
    return source is not None and source.outlet.strip().lower() not in ("", "unknown")


def first_text(first: FirstReported | None, sources: Mapping[str, Source],
               loc: Locale) -> str:
    """'first reported 21 Nov 2025 by Hutch Post (AP text)'; '' when nothing is cited. A source
    whose outlet is unknown is named by its id, which a translation says as an id («في المصدر
    seed-001»), not as an outlet's name in quotation marks."""
    if first is None:
        return ""
    # Literal messages (extraction reads them); «source id»: the same English words.
    named = known_outlet(sources.get(first.source or ""))
    if first.date is None:
        text = (loc._("first reported by {source}, on a date no source gives") if named else
                loc.pgettext("source id", "first reported by {source}, on a date no source gives"))
        return text.format(source=outlet(first.source or "", sources, loc))
    if first.source is None:
        return loc._("first reported {date}").format(date=day(first.date, loc))
    text = (loc._("first reported {date} by {source}") if named else
            loc.pgettext("source id", "first reported {date} by {source}"))
    return text.format(date=day(first.date, loc), source=outlet(first.source, sources, loc))


def first_cell(first: FirstReported | None, loc: Locale) -> str:
    """A table cell: '21 Nov 2025, ap-hutchpost' (the source's id, as the sources column gives
    it); '—' when nothing is cited."""
    gettext = loc._
    if first is None:
        return "—"
    if first.date is None:
        return gettext("{source}, date unknown").format(source=first.source or "")
    if first.source is None:
        return day(first.date, loc)
    return gettext("{date}, {source}").format(date=day(first.date, loc), source=first.source)


def first_json(first: FirstReported | None) -> dict[str, Any] | None:
    """`{"date": "2025-11-21", "source": "ap-hutchpost"}` (date null when no source has one)."""
    if first is None:
        return None
    return {"date": first.date.isoformat() if first.date else None, "source": first.source}


def header(loc: Locale, known: KnownOn, versions: Collection[str] | None = None,
           subject: str | None = None) -> list[str]:
    """The lines that open an as-of view, in `loc`'s language. `versions`: the versions the view
    reads (its clauses and values not yet reported are named; None: every version's);
    `subject`: only those of this term or clause (a history)."""
    _, ngettext = loc._, loc.ngettext
    when = day(known.date, loc)
    sources = known.plan.sources
    lines = [_("As known on {date}: only sources published on or before that day count.")
             .format(date=when)]
    later = [h for h in known.hidden if h.kind == "version"]
    if later:
        named = _(", ").join(_("{version} ({first})").format(
            version=h.version, first=first_text(h.first, sources, loc)) for h in later)
        lines.append(ngettext("Not yet reported on {date}, so absent: version {versions}.",
                              "Not yet reported on {date}, so absent: versions {versions}.",
                              len(later)).format(date=when, versions=named))
    parts = [h for h in known.hidden if h.kind in ("clause", "value")
             and (versions is None or h.version in versions)
             and (subject is None or h.touches(subject))]
    for item in parts[:LISTED]:
        lines.append(_part(loc, item, when, sources))
    if len(parts) > LISTED:
        rest = len(parts) - LISTED
        lines.append(ngettext("… and {count} more clause or value not yet reported on {date}.",
                              "… and {count} more clauses or values not yet reported on {date}.",
                              rest).format(count=values.count(loc, rest), date=when))
    for version_id in known.partial:
        if versions is None or version_id in versions:
            lines.append(_("{version} is a full text, but only part of it was reported by"
                           " {date}: it counts as partial, the rest as unreported.")
                         .format(version=version_id, date=when))
    for version_id in known.dated_by_version:
        if versions is None or version_id in versions:
            version = known.plan.versions.get(version_id)
            if version is not None:
                lines.append(_("{version}: no source it cites gives a date; it counts from its"
                               " own date, {date}.").format(version=version_id,
                                                            date=day(version.date, loc)))
    positions = [h for h in known.hidden if h.kind == "position"]
    if positions:
        lines.append(ngettext("{count} stated position of a party is not yet reported on {date}.",
                              "{count} stated positions of the parties are not yet reported on"
                              " {date}.", len(positions)).format(
            count=values.count(loc, len(positions)), date=when))
    if known.undated:
        lines.append(ngettext(
            "Unknown date: {count} cited source gives no publication date ({sources}).",
            "Unknown date: {count} cited sources give no publication date ({sources}).",
            len(known.undated)).format(count=values.count(loc, len(known.undated)),
                                       sources=_(", ").join(known.undated))
            + " " + ngettext("{count} citation is counted as of unknown date and kept.",
                             "{count} citations are counted as of unknown date and kept.",
                             known.undated_citations).format(
                count=values.count(loc, known.undated_citations)))
    return lines


def _part(loc: Locale, item: NotYetReported, when: str, sources: Mapping[str, Source]) -> str:
    first = first_text(item.first, sources, loc)
    if item.kind == "clause":
        return loc._("Not yet reported on {date}: clause {clause} of {version} ({first}).").format(
            date=when, clause=item.clause, version=item.version, first=first)
    return loc._("Not yet reported on {date}: {term} in clause {clause} of {version} ({first}).") \
        .format(date=when, term=item.term, clause=item.clause, version=item.version, first=first)


def to_json(known: KnownOn, versions: Collection[str] | None = None,
            subject: str | None = None) -> dict[str, Any]:
    """The `as_of` object of a JSON view."""
    return {
        "date": known.date.isoformat(),
        "not_yet_reported": [
            ({"kind": h.kind, "party": h.version, "subject": h.clause} if h.kind == "position"
             else {"kind": h.kind, "version": h.version, "clause": h.clause, "term": h.term})
            | {"first_reported": first_json(h.first)}
            for h in known.hidden
            if h.kind in ("version", "position")
            or ((versions is None or h.version in versions)
                and (subject is None or h.touches(subject)))],
        "counted_partial": [v for v in known.partial if versions is None or v in versions],
        "dated_by_version": [v for v in known.dated_by_version
                             if versions is None or v in versions],
        "unknown_date_sources": list(known.undated),
        "unknown_date_citations": known.undated_citations,
    }
