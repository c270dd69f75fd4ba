"""The site's "Who wants what" page (parties × terms, dated and cited) and each term page's
section with every party's line over time. Every string from plan files goes through `esc`."""

from __future__ import annotations

from typing import Any

from plandiff import i18n
from plandiff.core.positions import PositionsTable, Stance, Subject, positions_table
from plandiff.i18n import (
    _,
    current,  # transitional (issue 23)
)
from plandiff.i18n import content as tr
from plandiff.render import values
from plandiff.render.positions import draft_text, meets_text, sides_text, stance_value, verb
from plandiff.render.site_html import content, date_html, esc, file_name, foreign, quoted, table

PAGE = "positions.html"


def _sources(site: Any, here: str, stance: Stance) -> str:
    if not stance.sources:
        return "—"
    return (_(", ").join(site.source_link(here, s) for s in stance.sources)
            + esc(f" ({values.witness_note(current(), stance.witnesses)})"))


def _at(site: Any, here: str, stance: Stance) -> str:
    at = stance.position.at
    if at is None:
        return ""
    if not i18n.english():
        where = site.version_link(here, at) if at in site.plan.versions else (
            f"<code>{esc(at)}</code>")
        return _(", at {version}").format(version=where)
    if at in site.plan.versions:
        return f" at {site.version_link(here, at)}"
    return f" at <code>{esc(at)}</code>"


def _cell(site: Any, here: str, stance: Stance, subject: Subject) -> str:
    """One party's stance in a cell: what it says, when, and who reports it."""
    shown = _value(stance, subject)
    # The value says it; a stance that names none is said in its own words (the term's page
    # gives every stance's words).
    said = (f" <strong>{esc(shown)}</strong>" if shown != "—"
            else f'<br><span class="meta">{content(stance.position, "text")}</span>')
    text = tr.plain_field(stance.position, "text")
    return (f'<td class="stance {esc(stance.position.stance.value)}"'
            f' title="{esc(text)}">'
            f'<span class="verb">{esc(_verb(stance))}</span>{said}'
            f"<br>{date_html(stance.date)}{_at(site, here, stance)}"
            f" · {_sources(site, here, stance)}</td>")


def _label(site: Any, here: str, subject: Subject) -> str:
    if subject.term is not None and subject.term in site.plan.terms:
        label = (esc(subject.label) if i18n.english()
                 else content(site.plan.terms[subject.term], "label"))
        return str(site.link(here, site.term_path(subject.term), label))
    return esc(subject.label) if i18n.english() else esc(tr.plain(subject.label, False))


def _value(stance: Stance, subject: Subject) -> str:
    return stance_value(current(), stance, subject)


def _verb(stance: Stance) -> str:
    return verb(current(), stance)


def _sides(row: Any, parties: dict[str, str]) -> str:
    return sides_text(current(), row, parties)


def _party_name(code: str, name: str) -> str:
    return name if i18n.english() else tr.party(code, name)


def page(site: Any) -> str:
    """positions.html: each party's latest stated position on each term, beside the latest
    draft, and where the sides stand."""
    here = PAGE
    found: PositionsTable = positions_table(site.plan, resolver=site.resolver)
    parties = found.parties
    draft = found.draft
    if not i18n.english():
        return _page_translated(site, found)
    body = ["<h1>Who wants what</h1>",
            "<p>Each party's latest stated position on each term: what it demands, offers,"
            " proposes, insists on, accepts or rejects, with the date and the sources. A position"
            " is what a side says it wants; it is never a change of a draft. Each term's page"
            " shows every party's line over time.</p>"]
    if draft is not None:
        body.append(f'<p class="meta">The last column is the latest draft,'
                    f" {site.version_link(here, draft.id)} ({esc(draft.title)},"
                    f" {draft.date.isoformat()}).</p>")
    if not found.subjects:
        body.append("<p>No party's position is recorded (<code>plans/positions.yaml</code>).</p>")
        return str(site.wrap(here, "Who wants what", "\n".join(body), wide=True))
    codes = list(parties)
    rows = []
    for row in found.subjects:
        by_party = {s.party: s for s in row.latest}
        cells = [_label(site, here, row.subject)]
        for code in codes:
            stance = by_party.get(code)
            cells.append(_cell(site, here, stance, row.subject) if stance is not None
                         else '<td class="absent"><span class="absent">—</span></td>')
        if row.subject.term is not None and draft is not None:
            met = meets_text(current(), row.agreement, parties)
            cells.append(f"{esc(draft_text(current(), row.draft, row.subject))}"
                         + (f'<br><span class="meta">{esc(met)}</span>' if met else ""))
        else:
            cells.append('<span class="meta">an issue, not a term of the drafts</span>')
        cells.append(f'<td class="sides {esc(row.agreement.status)}">'
                     f"{esc(sides_text(current(), row, parties))}</td>")
        rows.append(cells)
    head = (["Term"] + [esc(parties[c]) for c in codes]
            + [f"Latest draft ({esc(draft.id)})" if draft else "Latest draft", "Sides"])
    body.append(table(head, rows, css="positions",
                      caption="Parties × terms: each cell is the party's latest stated position,"
                      " dated and cited; a dash means none is recorded."))
    return str(site.wrap(here, "Who wants what", "\n".join(body), wide=True))


def _page_translated(site: Any, found: PositionsTable) -> str:
    def draft_words(value: Any, subject: Subject) -> str:
        return draft_text(current(), value, subject)

    def meets(found: Any, parties: dict[str, str]) -> str:
        return meets_text(current(), found, parties)

    here = PAGE
    parties = found.parties
    draft = found.draft
    body = ["<h1>" + esc(_("Who wants what")) + "</h1>",
            "<p>" + esc(_("Each party's latest stated position on each term: what it demands,"
                          " offers, proposes, insists on, accepts or rejects, with the date and"
                          " the sources. A position is what a side says it wants; it is never a"
                          " change of a draft. Each term's page shows every party's line over"
                          " time.")) + "</p>"]
    if draft is not None:
        body.append('<p class="meta">' + _("The last column is the latest draft, {version}"
                                           " ({title}, {date}).").format(
            version=site.version_link(here, draft.id), title=content(draft, "title"),
            date=esc(i18n.date(draft.date))) + "</p>")
    if not found.subjects:
        body.append("<p>" + _("No party's position is recorded ({file}).").format(
            file="<code>plans/positions.yaml</code>") + "</p>")
        return str(site.wrap(here, _("Who wants what"), "\n".join(body), wide=True))
    codes = list(parties)
    rows = []
    for row in found.subjects:
        by_party = {s.party: s for s in row.latest}
        cells = [_label(site, here, row.subject)]
        for code in codes:
            stance = by_party.get(code)
            cells.append(_cell(site, here, stance, row.subject) if stance is not None
                         else '<td class="absent"><span class="absent">—</span></td>')
        if row.subject.term is not None and draft is not None:
            met = meets(row.agreement, parties)
            cells.append(esc(draft_words(row.draft, row.subject))
                         + (f'<br><span class="meta">{esc(met)}</span>' if met else ""))
        else:
            cells.append('<span class="meta">' + esc(_("an issue, not a term of the drafts"))
                         + "</span>")
        cells.append(f'<td class="sides {esc(row.agreement.status)}">'
                     f"{esc(_sides(row, parties))}</td>")
        rows.append(cells)
    latest = (_("Latest draft ({id})").format(id=esc(draft.id)) if draft
              else _("Latest draft"))
    head = ([_("Term")] + [esc(_party_name(c, parties[c])) for c in codes]
            + [latest, _("Sides")])
    body.append(table(head, rows, css="positions",
                      caption=_("Parties × terms: each cell is the party's latest stated"
                                " position, dated and cited; a dash means none is recorded.")))
    return str(site.wrap(here, _("Who wants what"), "\n".join(body), wide=True))


def party_lines(site: Any, here: str, term_id: str) -> str:
    """A term page's section: every party's stated positions on the term, oldest first."""
    found = positions_table(site.plan, term_id, history=True, resolver=site.resolver)
    row = found.subjects[0]
    who = site.link(here, PAGE, esc(_("who wants what")))
    if i18n.english():
        out = [f'<h2 id="parties">Each party\'s line '
               f'<span class="meta">({site.link(here, PAGE, "who wants what")})</span></h2>']
    else:
        out = ['<h2 id="parties">' + esc(_("Each party's line"))
               + f' <span class="meta">({who})</span></h2>']
    if not row.history:
        out.append("<p>" + esc(_("No party's stated position on this term is recorded."))
                   + "</p>")
        return "\n".join(out)
    for party in [s.party for s in row.latest]:
        stances = [s for s in row.history if s.party == party]
        name = _party_name(party, stances[-1].party_name)
        items = []
        for stance in stances:
            shown = _value(stance, row.subject)
            value = f" <strong>{esc(shown)}</strong>" if shown != "—" else ""
            cites = "".join(_cite(site, here, c) for c in stance.position.cites)
            note = (f' <span class="meta">({esc(stance.position.note)})</span>'
                    if stance.position.note else "")
            text = content(stance.position, "text")
            items.append(f"<li>{date_html(stance.date)}{_at(site, here, stance)}:"
                         f' <span class="verb">{esc(_verb(stance))}</span>{value}.'
                         f" {text}{note}<ul class=\"cites\">{cites}</ul>"
                         "</li>")
        out.append(f'<section class="party" id="party-{file_name(party.lower())}">'
                   f"<h3>{esc(name)}</h3><ol>{''.join(items)}</ol></section>")
    sides_now = _("Sides now: {sides}.").format(sides=esc(_sides(row, found.parties)))
    out.append(f'<p class="meta">{sides_now}</p>')
    return "\n".join(out)


def _cite(site: Any, here: str, cite: Any) -> str:
    source = site.plan.sources.get(cite.source)
    language = source.language if source else None
    outlet = ""
    if source is not None and source.outlet != "unknown":
        outlet = f" {foreign(source.outlet)}"
    quote = f": {quoted(cite.quote, language)}" if cite.quote else ""
    note = f' <span class="meta">({esc(cite.note)})</span>' if cite.note else ""
    if not i18n.english():
        if quote and language and language != i18n.language():
            quote += " " + esc(_("(in {language})").format(
                language=i18n.quote_language_name(language)))
        return "<li>" + _("Source {source}").format(
            source=site.source_link(here, cite.source)) + f"{outlet}{quote}{note}</li>"
    return f"<li>Source {site.source_link(here, cite.source)}{outlet}{quote}{note}</li>"


def cited_by(site: Any, here: str, source_id: str) -> str:
    """The sources page: the parties' positions that cite a source (nothing when none does)."""
    items = []
    for position in site.plan.positions.positions:
        quotes = [c.quote for c in position.cites if c.source == source_id]
        if not quotes:
            continue
        subject = position.term or position.issue or ""
        name = _party_name(position.party,
                           site.plan.positions.parties.get(position.party, position.party))
        target = site.link(here, PAGE, f"{esc(name)} · {esc(subject)}")
        if position.term is not None and position.term in site.plan.terms:
            target = site.link(here, site.term_path(position.term),
                               f"{esc(name)} · {esc(position.term)}", anchor="parties")
        source = site.plan.sources.get(source_id)
        language = source.language if source else None
        said = "".join(f": {quoted(q, language)}" for q in quotes if q)
        day = position.date.isoformat() if i18n.english() else i18n.date(position.date)
        items.append(f"<li>{target} ({day}){said}</li>")
    if not items:
        return ""
    if not i18n.english():
        cited = _("Cited by {count} of the parties' positions:").format(
            count=i18n.digits(str(len(items))))
        return f"<p>{cited}</p><ul>{''.join(items)}</ul>"
    return (f"<p>Cited by {len(items)} of the parties' positions:</p>"
            f"<ul>{''.join(items)}</ul>")
