"""Pure: embeddable cards, one small page per numeric term (cards/TERM.html) sized for an iframe:
its history chart and its latest value with the sources that state it; and the embed snippet
the term's page offers."""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING

from plandiff.core.chronology import history_by_date
from plandiff.core.history import History, HistoryPoint
from plandiff.render import values
from plandiff.render.history import value_text
from plandiff.render.html import page
from plandiff.render.site_html import (
    SITE_CSS,
    bar_chart,
    content,
    esc,
    file_name,
    isolated,
    outlet_html,
)

if TYPE_CHECKING:
    from plandiff.render.site import _Site

# The chart's value labels (bar_chart writes them without an anchor; names are anchored "end").
_VALUE_LABEL = re.compile(r'<text (x="[0-9.]+" y="[0-9.]+")>')
WIDTH, HEIGHT = 640, 560  # the iframe's size, in CSS pixels
CARD_CSS = """
html, body { margin: 0; }
body { max-width: none; padding: .6rem .8rem; font-size: 15px; }
h1 { font-size: 1.1rem; margin: 0 0 .3rem; }
figure { margin: .2rem 0; }
figcaption { font-size: .75rem; }
.latest { margin: .3rem 0; font-size: 1rem; }
.latest strong { font-size: 1.15rem; }
.meta, .sources { font-size: .8rem; margin: .2rem 0; }
svg { direction: ltr; }  /* the chart's coordinates run left to right in every language */
"""


def path(term_id: str) -> str:
    return f"cards/{file_name(term_id)}.html"


def latest(result: History) -> HistoryPoint | None:
    """The newest version's point (by date; the last in lineage order among versions of one
    date): what the latest draft says, `not set` included."""
    points = history_by_date(result).points
    return points[-1] if points else None


def card(site: _Site, term_id: str) -> str:
    loc = site.loc
    here = path(term_id)
    result = site.term_history(term_id)
    term = site.plan.terms[term_id]
    label = loc.plain(*loc.field(term, "label"))
    chart = bar_chart(loc, loc._("{label} by version").format(label=label),
                      site.bars(history_by_date(result)))
    if loc.rtl:  # a value label reads right to left, still after its bar
        chart = _VALUE_LABEL.sub(r'<text \1 direction="rtl" text-anchor="end">', chart)
    body = [f'<h1><a href="{site.href(here, site.term_path(term_id))}" target="_top">'
            f"{content(loc, term, 'label')}</a></h1>"]
    point = latest(result)
    if point is not None:
        day = loc.date(point.version.date)
        shown = loc._("Latest: {value} ({version}, {date})").format(
            value="<strong>" + isolated(loc, value_text(loc, result, point),
                                        [point.reported_in, point.carried_from]) + "</strong>",
            version=f"<code>{esc(point.version.id)}</code>", date=esc(day))
        body.append(f'<p class="latest">{shown}</p>')
        sources = dict.fromkeys(s for claim in point.claims for s in claim.sources)
        links = []
        for source_id in sources:
            source = site.plan.sources.get(source_id)
            name = esc(source.outlet) if source is not None else esc(source_id)
            if source is not None and not loc.english:  # as the edition's press writes it
                name = (esc(loc._("Outlet unknown")) if source.outlet == "unknown"
                        else outlet_html(loc, source, marks=False))
            target = site.href(here, "sources.html", "source-" + file_name(source_id))
            links.append(f'<a href="{target}" target="_top">{name}</a> <code>'
                         f"{esc(source_id)}</code>")
        if links:
            listed = loc._(", ").join(links)
            only = point.claims[0] if len(point.claims) == 1 else None
            if only is not None and only.known and only.independent:
                listed += esc(f" ({values.witness_note(loc, only.independent)})")
            body.append('<p class="sources">' + loc._("Sources: {sources}").format(
                sources=listed) + "</p>")
    body.append(chart)
    full = f'<a href="{site.href(here, site.term_path(term_id))}" target="_top">' + esc(
        loc._("Full history")) + "</a>"
    body.append(f'<p class="meta">{full} · plandiff</p>')
    prefix = "" if site.lang == "en" else f"{site.lang}/"
    alternates = [(lang, posixpath.relpath(here if lang == "en" else f"{lang}/{here}",
                                           posixpath.dirname(prefix + here)), lang)
                  for lang in ("en", *site.twins)] if site.twins else []
    # no navigation nor language switch in an iframe: the twins are named in the head only
    return page(label, "\n".join(body), loc=loc, css=SITE_CSS + CARD_CSS,
                alternates=alternates)


def snippet(site: _Site, term_id: str) -> str:
    """The iframe that embeds the card: its address absolute when the site's is known (--base-url),
    else relative to the site's root."""
    prefix = "" if site.lang == "en" else f"{site.lang}/"
    target = prefix + path(term_id)
    if site.options.base_url:
        target = site.options.base_url.rstrip("/") + "/" + target
    title = site.loc.plain(*site.loc.field(site.plan.terms[term_id], "label"))
    return (f'<iframe src="{html.escape(target)}" title="{html.escape(title)}"'
            f' width="{WIDTH}" height="{HEIGHT}" style="border:0;max-width:100%"'
            ' loading="lazy"></iframe>')


def embed_section(site: _Site, here: str, term_id: str) -> str:
    """On the term's page: a link to the card and the snippet to copy."""
    loc = site.loc
    word = esc(loc._("card"))
    link = f'<a href="{site.href(here, path(term_id))}">{word}</a>'
    code = snippet(site, term_id)
    heading = esc(loc._("Embed this chart"))
    return (f'<section id="embed"><h2>{heading}</h2>\n<p>'
            + loc._("A card of this term's history and latest value, sized for an iframe: {card}."
                " To embed it, copy this:").format(card=link) + "</p>\n"
            f'<textarea readonly rows="3" cols="80" aria-label="{heading}"'
            f' dir="ltr">{html.escape(code)}</textarea></section>')
