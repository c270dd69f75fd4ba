"""Pure page builders of the static site: timeline, versions, change reports, histories, sources.

Every string that comes from plan files goes through `esc` (HTML-escaped, hidden characters made
visible); links are relative so the site works from `file://`.
"""

from __future__ import annotations

import functools
import html
import posixpath
from collections.abc import Callable
from typing import Any

from plandiff import __version__
from plandiff.core.as_of import KnownOn
from plandiff.core.chronology import by_date, history_by_date
from plandiff.core.diff import Claim, PlanDiff, diff_versions, value_claims
from plandiff.core.hidden_characters import is_web_url
from plandiff.core.history import History, HistoryPoint, clause_history, term_history
from plandiff.core.models import (
    NUMERIC_TYPES,
    Citation,
    Coverage,
    Disputed,
    NoLongerKnown,
    Plan,
    Term,
    Version,
    citations_of,
)
from plandiff.core.records import record
from plandiff.core.resolve import ResolvedClause, Resolver, lineage_order
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import known, positions_site, site_api, site_cards, site_feed, values
from plandiff.render.history import change_text, state_text, value_text
from plandiff.render.html import (
    REPORT_NAMES,
    isolate_names,
    outlet_latin,
    page,
    render_fragment,
    scrolled,
)
from plandiff.render.log import rows as log_rows
from plandiff.render.report import ReportStyle, render_markdown
from plandiff.render.site_html import (
    SITE_CSS,
    badge,
    bar_chart,
    content,
    content_text,
    date_html,
    esc,
    file_name,
    ident,
    isolated,
    one_line,
    outlet_html,
    pair,
    quoted,
    source_title_html,
    state_strip,
    table,
    words_html,
)
from plandiff.render.terms import currency_name, type_name

GRID_TERMS = 8  # positions in the index's grid; every term has its own page
_LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}  # each in its own language, for the switch


@record
class SiteOptions:
    base_url: str | None = None  # for canonical links; pages link to each other relatively
    # More than English: the English pages at the root, each language's twins under LANG/,
    # every page linked to its twins (a switch in the header, hreflang links in the head).
    languages: tuple[str, ...] = ("en",)
    digits: str | None = None
    as_of: KnownOn | None = None  # the plan as known on a date: every page says so


def build(plan: Plan, options: SiteOptions | None = None) -> dict[str, str]:
    """Every page of the site: relative path -> HTML. English at the root; each other language
    of `options.languages` under LANG/, every page built by the same view in its Locale."""
    options = options or SiteOptions()
    others = [lang for lang in options.languages if lang != "en"]
    if not others:
        return _Site(plan, options, ENGLISH).pages()
    diffs: dict[tuple[str, str], PlanDiff] = {}  # each change report computed once for all
    pages = _Site(plan, options, ENGLISH, twins=tuple(others), diffs=diffs).pages()
    for lang in others:
        loc = Locale.of(lang, options.digits).with_plan(plan)
        translated = _Site(plan, options, loc, twins=tuple(others), diffs=diffs).pages()
        pages.update({f"{lang}/{path}": text for path, text in translated.items()})
    return pages


def build_page(plan: Plan, path: str, loc: Locale = ENGLISH,
               options: SiteOptions | None = None) -> str:
    """One page of the site in `loc`'s language and digits: `path` as `build` names it
    ('index.html', 'terms/TERM.html', 'feed.xml'), the page `build` writes there for that
    language (`options.languages` gives the language switch). Raises KeyError for a path the
    site has no page at."""
    options = options or SiteOptions()
    twins = tuple(lang for lang in options.languages if lang != "en")
    return _Site(plan, options, loc.with_plan(plan), twins=twins).builders()[path]()


def endpoints(plan: Plan) -> dict[str, str]:
    """The site's JSON endpoints alone (`plandiff export --json`): path under api/ -> JSON."""
    return site_api.endpoints(_Site(plan, SiteOptions(), ENGLISH))


# --- the site -----------------------------------------------------------------------------------


def _relative(target: str, start: str) -> str:
    """posixpath.relpath(target, start) for the site's plain relative paths, without its cost
    (it makes both absolute); anything unusual goes to relpath itself."""
    parts, base = target.split("/"), [] if start == "." else start.split("/")
    if any(part in ("", ".", "..") for part in parts + base):
        return posixpath.relpath(target, start)
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


class _Site:
    def __init__(self, plan: Plan, options: SiteOptions, loc: Locale, *,
                 twins: tuple[str, ...] = (),
                 diffs: dict[tuple[str, str], PlanDiff] | None = None) -> None:
        self.plan = plan
        # The diffs of the change reports, shared by the report pages, the feed and the JSON
        # (and by every language's pages): each computed once.
        self._diffs: dict[tuple[str, str], PlanDiff] = {} if diffs is None else diffs
        self.options = options
        self.loc = loc  # the pages' language, with the plan's names in it
        self.lang = loc.lang  # "en" at the root
        self.twins = twins  # the other languages' trees, for the switch
        self.resolver = Resolver(plan)
        self._histories: dict[str, History] = {}
        self.order = lineage_order(plan)
        self.children: dict[str, list[str]] = {}
        for version_id in self.order:
            parent = plan.versions[version_id].parent
            if parent in plan.versions:
                self.children.setdefault(parent, []).append(version_id)
        self.edges = self._edges()
        self.clause_ids = sorted({c.id for v in plan.versions.values() for c in v.clauses})
        self.citing = self._citing()

    # paths and links

    @staticmethod
    def version_path(version_id: str) -> str:
        return f"versions/{file_name(version_id)}.html"

    @staticmethod
    def diff_path(base: str, head: str) -> str:
        return f"diffs/{file_name(base)}..{file_name(head)}.html"

    @staticmethod
    def term_path(term_id: str) -> str:
        return f"terms/{file_name(term_id)}.html"

    @staticmethod
    def clause_path(clause_id: str) -> str:
        return f"clauses/{file_name(clause_id)}.html"

    @staticmethod
    @functools.lru_cache(maxsize=100_000)  # thousands of links to the same pages: relpath is slow
    def path(here: str, target: str, anchor: str | None = None) -> str:
        """The relative link from page `here` to `target` (both relative to the site's root)."""
        path = _relative(target, posixpath.dirname(here) or ".")
        return path + (f"#{anchor}" if anchor else "")

    def href(self, here: str, target: str, anchor: str | None = None) -> str:
        return html.escape(self.path(here, target, anchor))

    def link(self, here: str, target: str, text_html: str, anchor: str | None = None) -> str:
        return f'<a href="{self.href(here, target, anchor)}">{text_html}</a>'

    def parent_link(self, here: str, version: Version) -> str:
        """The version's parent, for tables in date order: the lineage beside the dates."""
        return (self.version_link(here, version.parent)
                if version.parent in self.plan.versions else "—")

    def version_link(self, here: str, version_id: str) -> str:
        return self.link(here, self.version_path(version_id), f"<code>{esc(version_id)}</code>")

    def source_link(self, here: str, source_id: str) -> str:
        source = self.plan.sources.get(source_id)
        named = ("" if source is None else source.outlet if self.loc.english
                 else self.loc._("Outlet unknown") if source.outlet == "unknown"
                 else known.outlet(source_id, self.plan.sources, self.loc))
        title = f' title="{esc(named)}"' if source else ""
        # an id: never broken (`seed-` / `001`); isolated left to right on a right-to-left page
        title += ' class="id" dir="ltr"' if self.loc.rtl else ' class="id"'
        return (f'<a href="{self.href(here, "sources.html", "source-" + file_name(source_id))}"'
                f"{title}>{esc(source_id)}</a>")

    def wrap(self, here: str, title: str, body: str, *, wide: bool = False) -> str:
        loc = self.loc
        nav = [(self.path(here, "index.html"), loc._("Timeline")),
               (self.path(here, positions_site.PAGE), loc._("Who wants what")),
               (self.path(here, "subjects.html"), loc._("Terms and clauses")),
               (self.path(here, "sources.html"), loc._("Sources"))]
        canonical = None
        prefix = "" if self.lang == "en" else f"{self.lang}/"
        if self.options.base_url:
            canonical = self.options.base_url.rstrip("/") + "/" + prefix + here
        about = loc._("Generated by plandiff {version} from {count} versions. Unreported means a"
                      " partial version did not report the clause: not known to be kept,"
                      " changed or dropped.").format(
            version=__version__, count=values.count(loc, len(self.plan.versions)))
        if not loc.english:  # only a translated edition has translations to own up to
            about += " " + loc._("Titles and texts are translations of the English, never"
                                 " quotes; quotes are shown in their own language.")
        footer = f'<footer class="meta"><p>{esc(about)}</p></footer>\n'

        css = SITE_CSS + ("\nbody { max-width: 96rem; }\n" if wide else "")
        if self.options.as_of is not None:  # what "as known on" means, above every page
            from plandiff.render import known

            as_of = self.options.as_of
            named = set(self.ids)  # and what is not yet reported, which the plan leaves out
            for hidden in as_of.hidden:
                if hidden.kind != "position":
                    named.update(i for i in (hidden.version, hidden.clause, hidden.term) if i)
            body = ('<aside class="as-of">' + "".join(
                f"<p>{isolated(loc, line, named)}</p>"
                for line in known.header(loc, as_of, ())) + "</aside>\n" + body)
        alternates: list[tuple[str, str, str]] = []
        hreflang: list[tuple[str, str]] = []
        if self.twins:
            base = (self.options.base_url or "").rstrip("/")
            for lang in ("en", *self.twins):
                target = here if lang == "en" else f"{lang}/{here}"
                href = posixpath.relpath(target, posixpath.dirname(prefix + here) or ".")
                alternates.append((lang, href, _LANGUAGE_NAMES.get(lang, lang)))
                # search engines want absolute addresses, which only --base-url gives
                hreflang.append((lang, f"{base}/{target}" if base else href))
            hreflang.append(("x-default", hreflang[0][1]))  # the English page for the rest
        return page(title, body + footer, nav=nav, canonical=canonical, css=css,
                    loc=loc, alternates=alternates, hreflang=hreflang)

    # data

    def _edges(self) -> list[tuple[str, str]]:
        """Every lineage edge, and each full version against its nearest full ancestor (when that
        is not its parent): the comparison of whole texts, like v28 → v20."""
        edges = []
        for version_id in self.order:
            version = self.plan.versions[version_id]
            if version.parent in self.plan.versions:
                edges.append((version.parent, version_id))
            if version.coverage is Coverage.full:
                ancestor = self._full_ancestor(version)
                if ancestor is not None and ancestor != version.parent:
                    edges.append((ancestor, version_id))
        return edges

    def _full_ancestor(self, version: Version) -> str | None:
        seen = {version.id}
        current = version.parent
        while current in self.plan.versions and current not in seen:
            seen.add(current)
            if self.plan.versions[current].coverage is Coverage.full:
                return current
            current = self.plan.versions[current].parent
        return None

    def _citing(self) -> dict[str, list[tuple[str, str, Citation]]]:
        """Source id -> (version, clause, citation) for every citation in the version files."""
        found: dict[str, list[tuple[str, str, Citation]]] = {}
        for version_id in self.order:
            for clause in self.plan.versions[version_id].clauses:
                for cite in citations_of(clause):
                    found.setdefault(cite.source, []).append((version_id, clause.id, cite))
        return found

    @functools.cached_property
    def ids(self) -> frozenset[str]:
        """Every id a page may name in words shared with the terminal: versions, clauses,
        terms, sources (isolated on a right-to-left page)."""
        return frozenset([*self.plan.versions, *self.clause_ids, *self.plan.terms,
                          *self.plan.sources])

    def principal_terms(self) -> list[str]:
        """The positions that moved most from version to version (then the most reported), in
        the registry's order: what a reader follows first, whatever the plan is about."""
        def moves(term_id: str) -> tuple[int, int]:
            points = self.term_history(term_id).points
            return (sum(p.change in ("changed", "set", "unset") for p in points),
                    sum(p.state == "reported" for p in points))
        ranked = sorted(self.plan.terms, key=lambda t: tuple(-n for n in moves(t)))
        chosen = set(ranked[:GRID_TERMS])
        return [t for t in self.plan.terms if t in chosen]

    def parties(self, version: Version) -> str:
        """A version's parties: their codes in English ('US, UA'), their names in another
        language («الولايات المتحدة، أوكرانيا»)."""
        return self.loc._(", ").join(self.loc.party_code(p) for p in version.parties)

    def sources_of(self, version: Version) -> list[str]:
        return list(dict.fromkeys(c.source for clause in version.clauses
                                  for c in citations_of(clause)))

    # pages

    def builders(self) -> dict[str, Callable[[], str]]:
        """Every page's path, with the function that writes it."""
        out: dict[str, Callable[[], str]] = {
            "index.html": self.index, "sources.html": self.sources,
            "subjects.html": self.subjects,
            positions_site.PAGE: functools.partial(positions_site.page, self)}
        for version_id in self.order:
            out[self.version_path(version_id)] = functools.partial(self.version_page, version_id)
        for base, head in self.edges:
            out[self.diff_path(base, head)] = functools.partial(self.diff_page, base, head)
        for term_id in self.plan.terms:
            out[self.term_path(term_id)] = functools.partial(self.term_page, term_id)
        for clause_id in self.clause_ids:
            out[self.clause_path(clause_id)] = functools.partial(self.clause_page, clause_id)
        for term_id, term in self.plan.terms.items():
            if term.type in NUMERIC_TYPES:
                out[site_cards.path(term_id)] = functools.partial(site_cards.card, self, term_id)
        out[site_feed.PAGE] = functools.partial(site_feed.feed, self)
        return out

    def pages(self) -> dict[str, str]:
        out = {path: write() for path, write in self.builders().items()}
        if self.lang == "en":  # the data speaks one language: labels and ids in English
            out.update({f"{site_api.FOLDER}/{path}": text
                        for path, text in site_api.endpoints(self).items()})
        return out

    def index(self) -> str:
        loc = self.loc
        here = "index.html"
        rows = []
        for row in log_rows(self.plan, by="date"):  # by date; the parent is beside each
            version = self.plan.versions[row["id"]]
            report = ""
            if version.parent in self.plan.versions:
                parent = loc._("from {version}").format(
                    version=f"<code>{esc(version.parent)}</code>")
                report = self.link(here, self.diff_path(version.parent, version.id),
                                   f'<span class="date">{parent}</span>')
            summary, summary_ok = loc.field(version, "summary")
            rows.append([
                self.version_link(here, version.id),
                f'{content(loc, version, "title")}<br><span class="meta">'
                f"{content_text(loc, one_line(summary), summary_ok)}</span>",
                date_html(loc, version.date),
                esc(loc.pgettext("status", version.status.value)),
                esc(loc.pgettext("coverage", version.coverage.value)),
                esc(self.parties(version)) or "—",
                values.count(loc, len(self.sources_of(version))),
                report or "—"])
        timeline = table([loc._("Version"), loc._("Title and summary"), loc._("Date"),
                          loc._("Status"), loc._("Coverage"), loc._("Parties"), loc._("Sources"),
                          loc._("Parent (change report)")],
                         rows, css="timeline",
                         caption=loc._("Versions by date; beside each, the version it revises"
                                       " (its parent in the lineage), linked to the change"
                                       " report from it"))
        terms = self.principal_terms()
        histories = {t: self.term_history(t) for t in terms}
        grid_rows = []
        for version_id in by_date(self.plan):
            cells = [self.version_link(here, version_id)]
            for term_id in terms:
                history = histories[term_id]
                point = next(p for p in history.points if p.version.id == version_id)
                cells.append(self.grid_cell(history, point))
            grid_rows.append(cells)
        head = [loc._("Version")] + [self.link(here, self.term_path(t),
                                               content(loc, self.plan.terms[t], "label"))
                                     for t in terms]
        grid = table(head, grid_rows, css="grid",
                     caption=loc._("Each version's value for each position. Plain cells are"
                                   " reported: a source of that version states the value."))
        example = values.number(loc, 600000)
        grid += ('\n<p class="legend" id="grid-legend">' + loc._(
            "{reported} reported by a source of the version · {carried} carried: the version"
            " does not state it; the value is inherited from the version named, whose sources"
            " state it (<em>unreported</em>: the version does not report the clause at all)"
            " · {disputed} sources disagree, every claim is shown with its sources.").format(
                reported=f'<span class="key reported">{esc(example)}</span>',
                carried=f'<span class="key carried">{esc(example)}' + loc._(
                    " (carried from {version})").format(version="<code>v</code>") + "</span>",
                disputed='<span class="key disputed">' + esc(loc._("disputed")) + "</span>")
            + "</p>")
        reports = "".join(
            f"<li>{self.link(here, self.diff_path(b, h), pair(loc, b, h))} — "
            + loc._("{base} to {head}").format(base=content(loc, self.plan.versions[b], "title"),
                                               head=content(loc, self.plan.versions[h], "title"))
            + "</li>" for b, h in self.edges)
        dates = [v.date for v in self.plan.versions.values()]
        span = (loc._(", {first} to {last}").format(first=loc.date(min(dates)),
                                                    last=loc.date(max(dates))) if dates else "")
        facts = loc._("{versions} reported versions{span}; {sources} sources.").format(
            versions=values.count(loc, len(self.plan.versions)), span=span,
            sources=values.count(loc, len(self.plan.sources)))
        body = ("<h1>" + esc(loc._("The plan, version by version")) + "</h1>\n"
                f'<p class="meta">{esc(facts)}</p>\n{site_feed.links(self, here)}\n'
                '<h2 id="timeline">' + esc(loc._("Timeline")) + f"</h2>\n{timeline}\n"
                '<h2 id="positions">' + esc(loc._("Principal positions")) + f"</h2>\n{grid}\n"
                '<h2 id="reports">' + esc(loc._("Change reports")) + f"</h2>\n<ul>{reports}</ul>\n")
        return self.wrap(here, loc._("Timeline of the plan's versions"), body, wide=True)

    def grid_cell(self, result: History, point: HistoryPoint) -> str:
        loc = self.loc
        if point.state == "absent":
            return ('<td class="absent"><span class="absent">' + esc(loc._("not set"))
                    + "</span></td>")
        if point.state == "removed":
            return '<td class="removed">' + badge(loc, "removed", loc._("clause removed")) + "</td>"
        shown = self.claims_html(result.term, point.claims, "index.html", notes=False)
        moved = ""
        if point.change in ("changed", "set", "unset") and point.state == "reported":
            moved = f' <span class="moved">({esc(change_text(loc, result, point))})</span>'
        if point.carried_from:
            where = f"<code>{esc(point.carried_from)}</code>"
            flag = f'{badge(loc, "unreported")}<br>' if point.state == "unreported" else ""
            return (f'<td class="carried">{flag}<span class="carried">{shown}'
                    + loc._(" (carried from {version})").format(version=where) + "</span></td>")
        css = "disputed" if len(point.claims) > 1 else "reported"
        return f'<td class="{css}">{shown}{moved}</td>'

    def claims_html(self, term: Term | None, claims: tuple[Claim, ...], here: str, *,
                    notes: bool = True) -> str:
        loc = self.loc

        def one(value: Any) -> str:
            return esc(values.value(loc, term, value) if term else value)

        if not claims:
            return esc(loc._("not set"))
        if len(claims) == 1 and not claims[0].known:
            note = claims[0].note if notes else None  # notes are English only: marked
            return esc(loc._("no longer known")) + (
                f" ({content_text(loc, note, loc.english)})" if note else "")
        if len(claims) == 1:
            return values.reported(loc, one(claims[0].value), claims[0].hedged)
        items = []
        for claim in claims:
            sources = loc._(", ").join(self.source_link(here, s) for s in claim.sources)
            if claim.independent is not None and claim.sources:
                sources += esc(loc._("; ") + values.witness_note(loc, claim.independent))
            note = (f"; {content_text(loc, claim.note, loc.english)}" if claim.note and notes
                    else "")
            items.append(f"<li>{values.reported(loc, one(claim.value), claim.hedged)}"
                         f" ({sources}{note})</li>")
        return f'{badge(loc, "disputed")}<ul class="claims">{"".join(items)}</ul>'

    def version_page(self, version_id: str) -> str:
        loc = self.loc
        here = self.version_path(version_id)
        version = self.plan.versions[version_id]
        resolved = self.resolver.resolve(version_id)
        facts = [loc.date(version.date), loc.pgettext("status", version.status.value),
                 loc._("{coverage} coverage").format(
                     coverage=loc.pgettext("coverage", version.coverage.value)),
                 loc._("parties: {parties}").format(
                     parties=self.parties(version) or loc._("unknown"))]
        lineage = []
        if version.parent in self.plan.versions:
            lineage.append(loc._("Parent: {version}").format(
                version=self.version_link(here, version.parent)))
        kids = self.children.get(version_id, [])
        if kids:
            lineage.append(loc._("Children: {versions}").format(
                versions=loc._(", ").join(self.version_link(here, k) for k in kids)))
        reports = [self.link(here, self.diff_path(b, h), pair(loc, b, h))
                   for b, h in self.edges if version_id in (b, h)]
        if reports:
            lineage.append(loc._("Change reports: {reports}").format(
                reports=loc._(", ").join(reports)))
        body = [f"<h1><code>{esc(version.id)}</code> — {content(loc, version, 'title')}</h1>",
                f'<p class="meta">{esc(" · ".join(facts))}</p>']
        if lineage:
            items = "".join(f"<li>{x}</li>" for x in lineage)
            lineage_label = esc(loc._("Lineage"))
            body.append(f'<nav aria-label="{lineage_label}"><ul>{items}</ul></nav>')
        if version.summary:
            body.append(f"<p>{content(loc, version, 'summary')}</p>")
        if version.note:
            note = content_text(loc, version.note, loc.english)  # notes are not translated
            body.append('<p class="meta">' + loc._("Note: {note}").format(note=note) + "</p>")
        live = resolved.live()
        unreported = sum(not c.reported for c in live)
        if version.coverage is Coverage.partial:
            # the inherited clauses counted in the six Arabic forms («22 بندًا آخر»)
            body.append("<p>" + loc.ngettext(
                "This version was reported in part: it lists {listed} clauses; {unreported} more"
                " are inherited from earlier versions and marked <em>unreported</em>.",
                "This version was reported in part: it lists {listed} clauses; {unreported} more"
                " are inherited from earlier versions and marked <em>unreported</em>.",
                unreported).format(
                listed=values.count(loc, len(live) - unreported),
                unreported=values.count(loc, unreported)) + "</p>")
        body.append('<h2 id="clauses">' + loc._("Clauses ({count})").format(
            count=values.count(loc, len(live))) + "</h2>")
        for clause in live:
            body.append(self.clause_section(here, version_id, clause))
        removed = [c for c in resolved.clauses.values() if c.removed]
        if removed:
            body.append('<h2 id="removed">' + loc._("Removed clauses ({count})").format(
                count=values.count(loc, len(removed))) + "</h2>")
            for clause in removed:
                body.append(self.clause_section(here, version_id, clause))
        title, _ok = loc.field(version, "title")
        return self.wrap(here, f"{version.id} — {loc.plain(title, _ok)}", "\n".join(body))

    def clause_section(self, here: str, version_id: str, resolved: ResolvedClause) -> str:
        loc = self.loc
        clause = resolved.clause
        number = ""
        if clause.number is not None:
            number = f"{esc(clause.number)}. "
        title = f" {content(loc, clause, 'title')}" if clause.title else ""
        if resolved.removed:
            status = (badge(loc, "removed") if resolved.reported else
                      badge(loc, "removed", loc._("removed in {version}").format(
                          version=resolved.reported_in), [resolved.reported_in]))
        elif resolved.reported:
            status = badge(loc, "reported")
        else:
            status = badge(loc, "unreported", loc._("unreported: number and text as last"
                                                    " reported in {version}").format(
                version=resolved.reported_in), [resolved.reported_in])
        topic = (loc._(" · topic: {topic}").format(topic=ident(loc, clause.topic))
                 if clause.topic else "")
        history = self.link(here, self.clause_path(clause.id), esc(loc._("history")))
        parts = [f'<section class="clause" id="clause-{file_name(clause.id)}">',
                 f"<h3>{number}{title or f'<code>{esc(clause.id)}</code>'}</h3>",
                 f'<p class="meta">{status} <code>{esc(clause.id)}</code>'
                 f'{topic}'
                 f" · {history}</p>"]
        if clause.text and not resolved.removed:
            parts.append(f"<p>{content(loc, clause, 'text')}</p>")
        if clause.note:
            note = content_text(loc, clause.note, loc.english)
            parts.append('<p class="meta">' + loc._("Note: {note}").format(note=note) + "</p>")
        if clause.terms and not resolved.removed:
            items = []
            for term_id, value in clause.terms.items():
                term = self.plan.terms.get(term_id)
                label = self.link(here, self.term_path(term_id),
                                  content(loc, term, "label") if term else esc(term_id))
                claims = value_claims(resolved, term_id, self.plan.sources)
                shown = f"<strong>{self.claims_html(term, claims, here)}</strong>"
                carried_from = resolved.carried_from(term_id, version_id)
                counted = len(claims) == 1 and claims[0].known and claims[0].independent
                witnessed = (esc(values.witness_note(loc, claims[0].independent or 0))
                             if counted else "")
                if counted and carried_from is None:
                    shown += f' <span class="meta">({witnessed})</span>'
                if isinstance(value, NoLongerKnown):
                    since = self.version_link(here, resolved.stated_in(term_id))
                    shown = ("<strong>" + loc._("not reported since {version}").format(
                        version=since) + "</strong>"
                        f" ({content_text(loc, value.unknown, loc.english)})")
                elif carried_from is not None:
                    where = resolved.stated.get(term_id)
                    cited = loc._(", ").join(self.source_link(here, x) for x in where.sources) \
                        if where is not None and not isinstance(value, Disputed) else ""
                    if cited and witnessed:
                        cited += esc(loc._("; ")) + witnessed
                    its = loc._("; its sources: {sources}").format(sources=cited) if cited else ""
                    shown = (f'<span class="carried">{shown}'
                             + loc._(" (carried from {version}{sources})").format(
                                 version=self.version_link(here, carried_from), sources=its)
                             + "</span>")
                items.append(f"<li>{label}: {shown}</li>")
            parts.append(f'<ul class="terms">{"".join(items)}</ul>')
        if clause.cites:
            cites = "".join(self.cite_item(here, c) for c in clause.cites)
            parts.append(f'<ul class="cites">{cites}</ul>')
        parts.append("</section>")
        return "\n".join(parts)

    def cite_item(self, here: str, cite: Citation) -> str:
        loc = self.loc
        source = self.plan.sources.get(cite.source)
        outlet = ""
        if source is not None:
            outlet = (" " + loc._("(outlet unknown)") if source.outlet == "unknown"
                      else f" {outlet_html(loc, source)}")
        language = source.language if source else None
        quote = f": {quoted(loc, cite.quote, language)}" if cite.quote else ""
        if quote and not loc.english and language and language != loc.lang:  # translated
            quote += " " + esc(loc._("(in {language})").format(
                language=loc.quote_language_name(language)))
        note = (f' <span class="meta">({content_text(loc, cite.note, loc.english)})</span>'
                if cite.note else "")
        if cite.hedge:  # the hedge's words are the plan's, in English: marked and isolated
            hedge = loc._(" (hedged: {hedge})").format(
                hedge=content_text(loc, cite.hedge, loc.english)).strip()
            note = f' <span class="meta">{hedge}</span>' + note
        return "<li>" + loc._("Source {source}").format(
            source=self.source_link(here, cite.source)) + f"{outlet}{quote}{note}</li>"

    def diff(self, base: str, head: str) -> PlanDiff:
        """The diff of a change report, computed once."""
        found = self._diffs.get((base, head))
        if found is None:
            found = self._diffs[base, head] = diff_versions(self.plan, base, head,
                                                            resolver=self.resolver)
        return found

    def diff_page(self, base: str, head: str) -> str:
        loc = self.loc
        here = self.diff_path(base, head)
        result = self.diff(base, head)
        report = render_fragment(render_markdown(
            result, ReportStyle(target="html", limit=None), loc=loc))
        report = scrolled(report)  # the report's tables scroll in their box, as the site's do
        # the report's words name ids and files bare: isolated on a right-to-left page
        # («ملف positions.yaml، 23 نوفمبر 2025» read «23 positions.yaml»)
        report = isolate_names(loc, report, [*self.ids, *REPORT_NAMES,
                                             *outlet_latin(loc, self.plan.sources)])
        lineage = ('<p class="meta">' + loc._("Version pages: {base} → {head}; every source is on"
                                              " the {sources}.").format(
            base=self.version_link(here, base), head=self.version_link(here, head),
            sources=self.link(here, "sources.html", esc(loc._("sources page")))) + "</p>\n")
        title, _sep, rest = report.partition("</h1>\n")
        body = f"{title}</h1>\n{lineage}{rest}" if rest else lineage + report
        return self.wrap(here, loc.pgettext("report", "Change report: {base} → {head}").format(
            base=base, head=head), body)

    def history_table(self, here: str, result: History) -> str:
        loc = self.loc
        if result.kind == "term":
            head = [loc._("Version"), loc._("Parent"), loc._("Date"), loc._("Value"),
                    loc._("Change from parent"), loc._("State"), loc._("Sources"),
                    loc._("First reported")]
            rows = []
            for point in result.points:
                sources = loc._(", ").join(self.source_link(here, s) for s in
                                           dict.fromkeys(s for c in point.claims
                                                         for s in c.sources))
                if len(point.claims) == 1 and point.claims[0].known \
                        and point.claims[0].independent:
                    sources += esc(
                        f" ({values.witness_note(loc, point.claims[0].independent)})")
                value = (self.claims_html(result.term, point.claims, here) if point.claims
                         else isolated(loc, value_text(loc, result, point), [point.reported_in]))
                rows.append([self.version_link(here, point.version.id),
                             self.parent_link(here, point.version),
                             date_html(loc, point.version.date), value,
                             esc(change_text(loc, result, point)),
                             self.state_cell(point, of_value=True), sources or "—",
                             isolated(loc, known.first_cell(point.first_reported, loc),
                                      [point.first_reported.source
                                       if point.first_reported else None])])
            return table(head, rows)
        renamed = any(p.clause_id not in (None, result.subject) for p in result.points)
        head = [loc._("Version"), loc._("Parent"), loc._("Date"), "§",
                loc._("Text (changes from the parent marked)"), loc._("Change"), loc._("State")]
        if renamed:
            head.insert(3, loc._("Id"))
        rows = []
        for point in result.points:
            text = (words_html(point.text_change) if point.text_change
                    else esc(point.text) if point.text else "—")
            if not loc.english:  # the rendering's words, where the edition has one
                text = self.point_text(point) or text
            row = [self.version_link(here, point.version.id),
                   self.parent_link(here, point.version), date_html(loc, point.version.date),
                   "" if point.number is None else esc(point.number), text,
                   esc(change_text(loc, result, point)), self.state_cell(point)]
            if renamed:
                row.insert(3, f"<code>{esc(point.clause_id)}</code>" if point.clause_id else "—")
            rows.append(row)
        return table(head, rows)

    def state_cell(self, point: HistoryPoint, *, of_value: bool = False) -> str:
        text = isolated(self.loc, state_text(self.loc, point, of_value=of_value),
                        [point.reported_in])
        return f'<td class="{point.state}">{text}</td>'

    def point_text(self, point: HistoryPoint) -> str | None:
        """A clause history's text at a point in the page's language: the word diff of the
        renderings (or of the English, marked), or the rendering; None to keep the English."""
        loc = self.loc
        from plandiff.core.translations import translated_text_change

        clause = self.clause_at(point.version.id, point.clause_id)
        if clause is None:
            return None
        parent = point.version.parent
        if point.text_change is not None and parent in self.plan.versions:
            before = self.clause_at(parent, point.clause_id)
            change, ok = translated_text_change(before, clause, loc.lang)
            if change is not None:
                return words_html(change) if ok else content_text(loc, words_html(change), False)
        if point.text:
            return content(loc, clause, "text")
        return None

    def clause_at(self, version_id: str | None, clause_id: str | None) -> Any:
        """The clause `clause_id` as version `version_id` resolves it, or None."""
        if version_id is None or clause_id is None or version_id not in self.plan.versions:
            return None
        found = self.resolver.resolve(version_id).clauses.get(clause_id)
        return found.clause if found is not None else None

    def term_history(self, term_id: str) -> History:
        """Each term's history once (the grid and the term's page both use it)."""
        if term_id not in self._histories:
            self._histories[term_id] = term_history(self.plan, term_id, resolver=self.resolver)
        return self._histories[term_id]

    def term_page(self, term_id: str) -> str:
        loc = self.loc
        here = self.term_path(term_id)
        result = history_by_date(self.term_history(term_id))  # chart and table by date
        term = self.plan.terms[term_id]
        label = loc.plain(*loc.field(term, "label"))
        facts = [loc._("type: {type}").format(type=type_name(loc, term.type.value))]
        if term.unit:
            facts.append(loc._("unit: {unit}").format(unit=loc.plain(*loc.field(term, "unit"))))
        if term.currency:
            facts.append(loc._("currency: {currency}").format(
                currency=currency_name(loc, term.currency)))
        meta = loc._("Term {id}").format(id=f"<code>{esc(term_id)}</code>")
        body = [f"<h1>{content(loc, term, 'label')}</h1>",
                f'<p class="meta">{meta} · {isolated(loc, " · ".join(facts), [term.currency])}</p>']
        if term.description:  # its rendering in the page's language, else the English marked
            body.append(f"<p>{content_text(loc, *loc.field(term, 'description'))}</p>")
        if term.choices:
            body.append("<ul>" + "".join(
                f"<li><code>{esc(k)}</code>: {content_text(loc, *loc.choice_of(term, k, v))}</li>"
                for k, v in term.choices.items()) + "</ul>")
        title = loc._("{label} by version").format(label=label)
        chart = bar_chart(loc, title, self.bars(result)) if result.numeric else ""
        body.append(chart or state_strip(loc, label, result.points))
        if result.numeric:  # a card of the chart to embed elsewhere
            body.append(site_cards.embed_section(self, here, term_id))
        body.append(self.history_table(here, result))
        holders = sorted({p.clause_id for p in result.points if p.clause_id})
        if holders:
            links = loc._(", ").join(self.link(here, self.clause_path(c), f"<code>{esc(c)}</code>")
                                     for c in holders)
            body.append("<p>" + loc.ngettext("Set by the clause {clauses}.",
                                             "Set by the clauses {clauses}.", len(holders)).format(
                clauses=links) + "</p>")
        body.append(positions_site.party_lines(self, here, term_id))
        return self.wrap(here, loc._("Term history: {label}").format(label=label),
                         "\n".join(body))

    def bars(self, result: History) -> list[tuple[str, float, str, bool]]:
        loc = self.loc
        assert result.term is not None
        bars = []
        for point in result.points:
            muted = point.carried_from is not None
            for claim in point.claims:
                number = claim.value if isinstance(claim.value, (int, float)) and not isinstance(
                    claim.value, bool) else 0  # `none` (no value) draws as an empty bar
                label = point.version.id
                if len(point.claims) > 1:
                    label += f" ({', '.join(claim.sources)})"
                shown = (values.reported(loc, values.value(loc, result.term, claim.value),
                                         claim.hedged) if claim.known
                         else loc._("not reported since {version}").format(
                             version=point.reported_in))
                bars.append((label, float(number),
                             shown + values.carried(loc, point.carried_from),
                             muted))
        return bars

    @functools.cached_property
    def _clause_terms(self) -> dict[str, set[str]]:
        """The terms each clause id sets in any version, found in one pass (not one per page)."""
        found: dict[str, set[str]] = {}
        for version in self.plan.versions.values():
            for clause in version.clauses:
                found.setdefault(clause.id, set()).update(clause.terms)
        return found

    def clause_page(self, clause_id: str) -> str:
        loc = self.loc
        here = self.clause_path(clause_id)
        found = clause_history(self.plan, clause_id, resolver=self.resolver)
        # Its title: the last one given, in lineage order (the history's label), in the language.
        titled = (self.clause_at(p.version.id, p.clause_id) for p in reversed(found.points))
        latest = next((c for c in titled if c is not None and c.title), None)
        if latest is not None:
            title_html, title = content(loc, latest, "title"), loc.plain_field(latest, "title")
        else:
            title_html, title = f"<code>{esc(clause_id)}</code>", clause_id
        result = history_by_date(found)
        meta = loc._("Clause {id}: its text in every version, with the words changed from the"
                     " parent version struck out or underlined.").format(
            id=f"<code>{esc(clause_id)}</code>")
        body = [f"<h1>{title_html}</h1>", f'<p class="meta">{meta}</p>',
                state_strip(loc, title, result.points), self.history_table(here, result)]
        terms = sorted(self._clause_terms.get(clause_id, ()))
        if terms:
            links = loc._(", ").join(
                self.link(here, self.term_path(t), content(loc, self.plan.terms[t], "label")
                          if t in self.plan.terms else esc(t)) for t in terms)
            body.append("<p>" + loc._("Terms it sets: {terms}.").format(terms=links) + "</p>")
        return self.wrap(here, loc._("Clause history: {title}").format(title=title),
                         "\n".join(body))

    def sources(self) -> str:
        loc = self.loc
        here = "sources.html"
        about = loc._("The {count} sources the versions cite, with what each supports."
                      " Reliability is the editors' judgement: reprints and partisan aggregators"
                      " are <em>low</em>.").format(count=values.count(loc, len(self.plan.sources)))
        if not loc.english:  # a translated edition shows what it leaves untranslated
            about += " " + loc._("Headlines and quotes are shown in the source's own language;"
                                 " other titles are translated and marked as translations.")
        body = ["<h1>" + esc(loc._("Sources")) + "</h1>", f"<p>{about}</p>"]
        for source_id, source in self.plan.sources.items():
            facts = [loc.date(source.date) if source.date else loc._("undated")]
            if source.language:  # English gives the code, another language the name in it
                facts.append(loc._("language: {language}").format(
                    language=source.language if loc.english
                    else loc.quote_language_name(source.language)))
            if source.reliability:
                facts.append(loc._("reliability: {level}").format(
                    level=loc.pgettext("reliability", source.reliability.value)))
            outlet = (esc(loc._("Outlet unknown")) if source.outlet == "unknown"
                      else outlet_html(loc, source, source.language, marks=False))
            heading = f"{outlet} <code>{esc(source_id)}</code>"
            if source.outlet == "unknown":  # named by its id first («المصدر seed-000 (…)»)
                heading = loc.pgettext("a source's heading, outlet unknown", "{outlet} {id}"
                                       ).format(outlet=outlet, id=f"<code>{esc(source_id)}</code>")
            parts = [f'<section class="source" id="source-{file_name(source_id)}">',
                     f"<h2>{heading}</h2>"]
            parts += source_title_html(loc, source)
            parts.append(f'<p class="meta">{esc(" · ".join(facts))}</p>')
            if source.copy_of is not None:
                original = (self.source_link(here, source.copy_of)
                            if source.copy_of in self.plan.sources
                            else f"<code>{esc(source.copy_of)}</code>")
                parts.append('<p class="meta">' + loc._("A copy of {source}: one witness with it.")
                             .format(source=original) + "</p>")
            if source.url and is_web_url(source.url):
                parts.append(f'<p><a href="{esc(source.url)}" rel="external noreferrer">'
                             f"{esc(source.url)}</a></p>")
            elif source.url:
                parts.append('<p class="meta">' + loc._("Address (not a web link, so not"
                                                        " linked): {url}").format(
                    url=f"<code>{esc(source.url)}</code>") + "</p>")
            if source.file:
                parts.append('<p class="meta">' + loc._("Local copy: {file} (quotes checked"
                                                        " against it)").format(
                    file=f"<code>{esc(source.file)}</code>") + "</p>")
            if source.note:
                parts.append(f"<p>{content_text(loc, source.note, loc.english)}</p>")
            cited = self.citing.get(source_id, [])
            if cited:
                items = []
                for version_id, clause_id, cite in cited:
                    target = self.link(here, self.version_path(version_id),
                                       f"<code>{esc(version_id)}</code> · <code>{esc(clause_id)}"
                                       "</code>", anchor=f"clause-{file_name(clause_id)}")
                    quote = f": {quoted(loc, cite.quote, source.language)}" if cite.quote else ""
                    items.append(f"<li>{target}{quote}</li>")
                cited_by = loc._("Cited by {count}:").format(count=values.count(loc, len(cited)))
                parts.append(f"<p>{cited_by}</p><ul>{''.join(items)}</ul>")
            else:
                parts.append('<p class="meta">' + loc._("Not cited by any clause.") + "</p>")
            parts.append(positions_site.cited_by(self, here, source_id))
            parts.append("</section>")
            body.append("\n".join(parts))
        return self.wrap(here, loc._("Sources"), "\n".join(body))

    def subjects(self) -> str:
        loc = self.loc
        here = "subjects.html"
        term_rows = [[self.link(here, self.term_path(t), content(loc, term, "label")),
                      f"<code>{esc(t)}</code>", esc(type_name(loc, term.type.value)),
                      (content(loc, term, "unit") if term.unit
                       else esc(currency_name(loc, term.currency or "")))]
                     for t, term in self.plan.terms.items()]
        titles: dict[str, str] = {}
        first: dict[str, str] = {}
        for version_id in self.order:
            for clause in self.plan.versions[version_id].clauses:
                first.setdefault(clause.id, version_id)
                if clause.title:
                    titles[clause.id] = content(loc, clause, "title")
        clause_rows = [[self.link(here, self.clause_path(c), f"<code>{esc(c)}</code>"),
                        titles.get(c, ""), self.version_link(here, first[c])]
                       for c in self.clause_ids]
        body = ("<h1>" + esc(loc._("Terms and clauses")) + "</h1>\n<p>"
                + esc(loc._("Each has a page with its history through every version.")) + "</p>\n"
                + '<h2 id="terms">' + loc._("Terms ({count})").format(
                    count=values.count(loc, len(term_rows))) + "</h2>\n"
                + table([loc._("Term"), loc._("Id"), loc._("Type"), loc._("Unit")], term_rows)
                + '\n<h2 id="clauses">' + loc._("Clauses ({count})").format(
                    count=values.count(loc, len(clause_rows))) + "</h2>\n"
                + table([loc._("Clause"), loc._("Title"), loc._("First listed in")], clause_rows))
        return self.wrap(here, loc._("Terms and clauses"), body)
