"""The site's "Who wants what" page (parties × terms, dated and cited) and each term page's
section with every party's line over time. Every string from plan files goes through `esc`."""

from __future__ import annotations

from typing import Any

from plandiff.core.positions import PositionsTable, Stance, Subject, positions_table
from plandiff.i18n import Locale
from plandiff.render import values
from plandiff.render.positions import (
    draft_text,
    meets_text,
    phrase,
    sides_text,
    stance_cell,
    stance_value,
)
from plandiff.render.site_html import (
    content,
    content_text,
    date_html,
    esc,
    file_name,
    ident,
    isolated,
    outlet_html,
    quoted,
    table,
)

PAGE = "positions.html"


def _sources(site: Any, here: str, stance: Stance) -> str:
    if not stance.sources:
        return "—"
    loc: Locale = site.loc
    return (loc._(", ").join(site.source_link(here, s) for s in stance.sources)
            + esc(f" ({values.witness_note(loc, stance.witnesses)})"))


def _at(site: Any, here: str, stance: Stance) -> str:
    at = stance.position.at
    if at is None:
        return ""
    where = (site.version_link(here, at) if at in site.plan.versions
             else f"<code>{esc(at)}</code>")
    return str(site.loc._(" at {version}").format(version=where))


def _cell(site: Any, here: str, stance: Stance, subject: Subject) -> str:
    """One party's stance in a cell: what it says, when, and who reports it."""
    loc: Locale = site.loc
    shown = stance_value(loc, stance, subject)
    # The value says it, governed by the verb («تطالب بانسحاب…»); a stance that names none is
    # said in its own words under its kind (the term's page gives every stance's words).
    if shown != "—":
        head, governed = phrase(loc, stance, subject)
        said = f" <strong>{esc(governed)}</strong>"
    else:
        head = stance_cell(loc, stance)
        said = f'<br><span class="meta">{content(loc, stance.position, "text")}</span>'
    text = loc.plain_field(stance.position, "text")
    return (f'<td class="stance {esc(stance.position.stance.value)}"'
            f' title="{esc(text)}">'
            f'<span class="verb">{esc(head)}</span>{said}'
            f"<br>{date_html(loc, stance.date)}{_at(site, here, stance)}"
            f" · {_sources(site, here, stance)}</td>")


def _label(site: Any, here: str, subject: Subject, stances: tuple[Stance, ...]) -> str:
    loc: Locale = site.loc
    if subject.term is not None and subject.term in site.plan.terms:
        label = content(loc, site.plan.terms[subject.term], "label")
        return str(site.link(here, site.term_path(subject.term), label))
    return _issue(loc, subject, stances)


def _issue(loc: Locale, subject: Subject, stances: tuple[Stance, ...]) -> str:
    """An issue in words: a stance's rendering of it, else the English, marked and isolated."""
    for stance in stances:
        text, ok = loc.field(stance.position, "issue")
        if ok and text:
            return esc(text)
    return content_text(loc, subject.label, loc.english)


def page(site: Any) -> str:
    """positions.html: each party's latest stated position on each term, beside the latest
    draft, and where the sides stand."""
    loc: Locale = site.loc
    here = PAGE
    found: PositionsTable = positions_table(site.plan, resolver=site.resolver)
    parties = found.parties
    draft = found.draft
    body = ["<h1>" + esc(loc._("Who wants what")) + "</h1>",
            "<p>" + loc._("Each party's latest stated position on each term: what it demands,"
                          " offers, proposes, insists on, accepts or rejects, with the date and"
                          " the sources. A position is what a side says it wants; it is never a"
                          " change of a draft. Each term's page shows every party's line over"
                          " time.") + "</p>"]
    if draft is not None:
        body.append('<p class="meta">' + loc._("The last column is the latest draft, {version}"
                                               " ({title}, {date}).").format(
            version=site.version_link(here, draft.id), title=content(loc, draft, "title"),
            date=esc(loc.date(draft.date))) + "</p>")
    if not found.subjects:
        body.append("<p>" + loc._("No party's position is recorded ({file}).").format(
            file="<code>plans/positions.yaml</code>") + "</p>")
        return str(site.wrap(here, loc._("Who wants what"), "\n".join(body), wide=True))
    codes = list(parties)
    rows = []
    for row in found.subjects:
        by_party = {s.party: s for s in row.latest}
        cells = [_label(site, here, row.subject, row.latest)]
        for code in codes:
            stance = by_party.get(code)
            cells.append(_cell(site, here, stance, row.subject) if stance is not None
                         else '<td class="absent"><span class="absent">—</span></td>')
        if row.subject.term is not None and draft is not None:
            met = meets_text(loc, row.agreement, parties)
            ids = (row.draft.clause_id, row.draft.stated_in) if row.draft else ()
            cells.append(isolated(loc, draft_text(loc, row.draft, row.subject), ids)
                         + (f'<br><span class="meta">{esc(met)}</span>' if met else ""))
        else:
            cells.append('<span class="meta">' + esc(loc._("an issue, not a term of the drafts"))
                         + "</span>")
        cells.append(f'<td class="sides {esc(row.agreement.status)}">'
                     f"{esc(sides_text(loc, row, parties))}</td>")
        rows.append(cells)
    latest = (loc._("Latest draft ({id})").format(id=ident(loc, draft.id)) if draft
              else loc._("Latest draft"))
    head = ([loc._("Term")] + [esc(loc.party(c, parties[c])) for c in codes]
            + [latest, loc._("Sides")])
    body.append(table(head, rows, css="positions",
                      caption=loc._("Parties × terms: each cell is the party's latest stated"
                                    " position, dated and cited; a dash means none is"
                                    " recorded.")))
    return str(site.wrap(here, loc._("Who wants what"), "\n".join(body), wide=True))


def party_lines(site: Any, here: str, term_id: str) -> str:
    """A term page's section: every party's stated positions on the term, oldest first."""
    loc: Locale = site.loc
    found = positions_table(site.plan, term_id, history=True, resolver=site.resolver)
    row = found.subjects[0]
    who = site.link(here, PAGE, esc(loc._("who wants what")))
    out = ['<h2 id="parties">' + loc._("Each party's line")
           + f' <span class="meta">({who})</span></h2>']
    if not row.history:
        out.append("<p>" + esc(loc._("No party's stated position on this term is recorded."))
                   + "</p>")
        return "\n".join(out)
    for party in [s.party for s in row.latest]:
        stances = [s for s in row.history if s.party == party]
        name = loc.party(party, stances[-1].party_name)
        items = []
        for stance in stances:
            shown = stance_value(loc, stance, row.subject)
            if shown != "—":  # the verb governs the value («تطالب بانسحاب…»)
                head, governed = phrase(loc, stance, row.subject)
                value = f" <strong>{esc(governed)}</strong>"
            else:  # no value: the stance's kind («مطلب»), its words follow
                head, value = stance_cell(loc, stance), ""
            cites = "".join(_cite(site, here, c) for c in stance.position.cites)
            note = (f' <span class="meta">({content_text(loc, stance.position.note, loc.english)})'
                    "</span>" if stance.position.note else "")
            text = content(loc, stance.position, "text")
            items.append(f"<li>{date_html(loc, stance.date)}{_at(site, here, stance)}:"
                         f' <span class="verb">{esc(head)}</span>{value}.'
                         f" {text}{note}<ul class=\"cites\">{cites}</ul>"
                         "</li>")
        out.append(f'<section class="party" id="party-{file_name(party.lower())}">'
                   f"<h3>{esc(name)}</h3><ol>{''.join(items)}</ol></section>")
    sides_now = loc._("Sides now: {sides}.").format(sides=esc(sides_text(loc, row,
                                                                          found.parties)))
    out.append(f'<p class="meta">{sides_now}</p>')
    return "\n".join(out)


def _cite(site: Any, here: str, cite: Any) -> str:
    loc: Locale = site.loc
    source = site.plan.sources.get(cite.source)
    language = source.language if source else None
    outlet = ""
    if source is not None and source.outlet != "unknown":
        outlet = f" {outlet_html(loc, source)}"
    quote = f": {quoted(loc, cite.quote, language)}" if cite.quote else ""
    note = (f' <span class="meta">({content_text(loc, cite.note, loc.english)})</span>'
            if cite.note else "")
    if quote and not loc.english and language and language != loc.lang:  # a translated edition
        quote += " " + esc(loc._("(in {language})").format(
            language=loc.quote_language_name(language)))
    return "<li>" + loc._("Source {source}").format(
        source=site.source_link(here, cite.source)) + f"{outlet}{quote}{note}</li>"


def cited_by(site: Any, here: str, source_id: str) -> str:
    """The sources page: the parties' positions that cite a source (nothing when none does)."""
    loc: Locale = site.loc
    items = []
    for position in site.plan.positions.positions:
        quotes = [c.quote for c in position.cites if c.source == source_id]
        if not quotes:
            continue
        name = loc.party(position.party,
                         site.plan.positions.parties.get(position.party, position.party))
        if position.term is not None:
            subject = ident(loc, position.term)
        else:  # an issue in words: in the page's language where a rendering exists
            text, ok = loc.field(position, "issue")
            subject = content_text(loc, text or "", ok)
        target = site.link(here, PAGE, f"{esc(name)} · {subject}")
        if position.term is not None and position.term in site.plan.terms:
            target = site.link(here, site.term_path(position.term),
                               f"{esc(name)} · {subject}", anchor="parties")
        source = site.plan.sources.get(source_id)
        language = source.language if source else None
        said = "".join(f": {quoted(loc, q, language)}" for q in quotes if q)
        items.append(f"<li>{target} ({loc.date(position.date)}){said}</li>")
    if not items:
        return ""
    cited = loc._("Cited by {count} of the parties' positions:").format(
        count=values.count(loc, len(items)))
    return f"<p>{cited}</p><ul>{''.join(items)}</ul>"
