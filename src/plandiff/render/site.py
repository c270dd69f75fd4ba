"""Pure page builders of the static site: timeline, versions, change reports, histories, sources.

Every string that comes from plan files goes through `esc` (HTML-escaped, hidden characters made
visible); links are relative so the site works from `file://`.
"""

from __future__ import annotations

import functools
import html
import posixpath
from dataclasses import dataclass
from typing import Any

from plandiff import __version__, i18n
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
from plandiff.core.resolve import ResolvedClause, Resolver, lineage_order
from plandiff.i18n import (
    _,
    current,  # transitional (issue 23)
    ngettext,
    pgettext,
)
from plandiff.i18n import content as tr
from plandiff.render import known, positions_site, site_api, site_cards, site_feed, values
from plandiff.render.history import change_text, state_text, value_text
from plandiff.render.html import page, render_fragment
from plandiff.render.log import rows as log_rows
from plandiff.render.report import ReportStyle, render_markdown
from plandiff.render.show import hedged
from plandiff.render.site_html import (
    SITE_CSS,
    badge,
    bar_chart,
    content,
    content_text,
    date_html,
    esc,
    file_name,
    foreign,
    one_line,
    pair,
    quoted,
    state_strip,
    table,
    words_html,
)

GRID_TERMS = 8  # positions in the index's grid; every term has its own page
_LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}  # each in its own language, for the switch


@dataclass(frozen=True)
class SiteOptions:
    base_url: str | None = None  # for canonical links; pages link to each other relatively
    # More than English: the English pages at the root, each language's twins under LANG/,
    # every page linked to its twins (a switch in the header, hreflang links in the head).
    languages: tuple[str, ...] = ("en",)
    digits: str | None = None
    as_of: KnownOn | None = None  # the plan as known on a date: every page says so


def build(plan: Plan, options: SiteOptions | None = None) -> dict[str, str]:
    """Every page of the site: relative path -> HTML."""
    options = options or SiteOptions()
    others = [lang for lang in options.languages if lang != "en"]
    if not others:
        return _Site(plan, options).pages()
    diffs: dict[tuple[str, str], PlanDiff] = {}  # each change report computed once for all
    pages = _Site(plan, options, twins=tuple(others), diffs=diffs).pages()
    for lang in others:
        with i18n.speaking(lang, options.digits):
            tr.use_plan(plan)
            translated = _Site(plan, options, lang=lang, twins=tuple(others),
                               diffs=diffs).pages()
        pages.update({f"{lang}/{path}": text for path, text in translated.items()})
    return pages


def endpoints(plan: Plan) -> dict[str, str]:
    """The site's JSON endpoints alone (`plandiff export --json`): path under api/ -> JSON."""
    return site_api.endpoints(_Site(plan, SiteOptions()))


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
    def __init__(self, plan: Plan, options: SiteOptions, *, lang: str = "en",
                 twins: tuple[str, ...] = (),
                 diffs: dict[tuple[str, str], PlanDiff] | None = None) -> None:
        self.plan = plan
        # The diffs of the change reports, shared by the report pages, the feed and the JSON
        # (and by every language's pages): each computed once.
        self._diffs: dict[tuple[str, str], PlanDiff] = {} if diffs is None else diffs
        self.options = options
        self.lang = lang  # the pages' language; "en" at the root
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
        title = f' title="{esc(source.outlet)}"' if source else ""
        return (f'<a href="{self.href(here, "sources.html", "source-" + file_name(source_id))}"'
                f"{title}>{esc(source_id)}</a>")

    def wrap(self, here: str, title: str, body: str, *, wide: bool = False) -> str:
        nav = [(self.path(here, "index.html"), _("Timeline")),
               (self.path(here, positions_site.PAGE), _("Who wants what")),
               (self.path(here, "subjects.html"), _("Terms and clauses")),
               (self.path(here, "sources.html"), _("Sources"))]
        canonical = None
        prefix = "" if self.lang == "en" else f"{self.lang}/"
        if self.options.base_url:
            canonical = self.options.base_url.rstrip("/") + "/" + prefix + here
        if i18n.english():
            footer = (f'<footer class="meta"><p>Generated by plandiff {esc(__version__)} from'
                      f" {len(self.plan.versions)} versions. Unreported means a partial version"
                      " did not report the clause: not known to be kept, changed or dropped.</p>"
                      "</footer>\n")
        else:
            footer = ('<footer class="meta"><p>' + esc(_(
                "Generated by plandiff {version} from {count} versions. Unreported means a"
                " partial version did not report the clause: not known to be kept, changed or"
                " dropped. Titles and texts are translations of the English, never quotes;"
                " quotes are shown in their own language.").format(
                    version=__version__, count=values.count(current(), len(self.plan.versions))))
                + "</p></footer>\n")
        css = SITE_CSS + ("\nbody { max-width: 96rem; }\n" if wide else "")
        if self.options.as_of is not None:  # what "as known on" means, above every page
            from plandiff.render import known

            body = ('<aside class="as-of">' + "".join(
                f"<p>{esc(line)}</p>" for line in known.header(self.options.as_of, ()))
                + "</aside>\n" + body)
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
                    loc=current(), alternates=alternates, hreflang=hreflang)

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

    def sources_of(self, version: Version) -> list[str]:
        return list(dict.fromkeys(c.source for clause in version.clauses
                                  for c in citations_of(clause)))

    # pages

    def pages(self) -> dict[str, str]:
        out = {"index.html": self.index(), "sources.html": self.sources(),
               "subjects.html": self.subjects(), positions_site.PAGE: positions_site.page(self)}
        for version_id in self.order:
            out[self.version_path(version_id)] = self.version_page(version_id)
        for base, head in self.edges:
            out[self.diff_path(base, head)] = self.diff_page(base, head)
        for term_id in self.plan.terms:
            out[self.term_path(term_id)] = self.term_page(term_id)
        for clause_id in self.clause_ids:
            out[self.clause_path(clause_id)] = self.clause_page(clause_id)
        for term_id, term in self.plan.terms.items():
            if term.type in NUMERIC_TYPES:
                out[site_cards.path(term_id)] = site_cards.card(self, term_id)
        out[site_feed.PAGE] = site_feed.feed(self)
        if self.lang == "en":  # the data speaks one language: labels and ids in English
            out.update({f"{site_api.FOLDER}/{path}": text
                        for path, text in site_api.endpoints(self).items()})
        return out

    def index(self) -> str:
        here = "index.html"
        rows = []
        for row in log_rows(self.plan, by="date"):  # by date; the parent is beside each
            version = self.plan.versions[row["id"]]
            report = ""
            if version.parent in self.plan.versions:
                parent = _("from {version}").format(version=f"<code>{esc(version.parent)}</code>")
                report = self.link(here, self.diff_path(version.parent, version.id),
                                   f'<span class="date">{parent}</span>')
            summary, summary_ok = tr.field(version, "summary")
            rows.append([
                self.version_link(here, version.id),
                f'{content(version, "title")}<br><span class="meta">'
                f"{content_text(one_line(summary), summary_ok)}</span>",
                date_html(version.date), esc(pgettext("status", version.status.value)),
                esc(pgettext("coverage", version.coverage.value)),
                esc(", ".join(version.parties)) or "—",
                values.count(current(), len(self.sources_of(version))),
                report or "—"])
        timeline = table([_("Version"), _("Title and summary"), _("Date"), _("Status"),
                          _("Coverage"), _("Parties"), _("Sources"), _("Parent (change report)")],
                         rows, css="timeline",
                         caption=_("Versions by date; beside each, the version it revises (its"
                                   " parent in the lineage), linked to the change report from it"))
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
        head = [_("Version")] + [self.link(here, self.term_path(t),
                                           content(self.plan.terms[t], "label")) for t in terms]
        grid = table(head, grid_rows, css="grid",
                     caption=_("Each version's value for each position. Plain cells are"
                               " reported: a source of that version states the value."))
        if not i18n.english():
            grid += ('\n<p class="legend" id="grid-legend">' + _(
                "{reported} reported by a source of the version · {carried} carried: the version"
                " does not state it; the value is inherited from the version named, whose"
                " sources state it (unreported: the version does not report the clause at all)"
                " · {disputed} sources disagree, every claim is shown with its sources.").format(
                    reported='<span class="key reported">'
                    f'{values.number(current(), 600000)}</span>',
                    carried='<span class="key carried">' + esc(
                        values.number(current(), 600000) + values.carried(current(), "v"))
                    + "</span>",
                    disputed='<span class="key disputed">' + esc(_("disputed")) + "</span>")
                     + "</p>")
        else:
            grid += ('\n<p class="legend" id="grid-legend">'
                 '<span class="key reported">600,000</span> reported by a source of the version'
                 ' · <span class="key carried">600,000 (carried from <code>v</code>)</span>'
                 " carried: the version does not state it; the value is inherited from the"
                 " version named, whose sources state it (<em>unreported</em>: the version"
                 " does not report the clause at all)"
                 ' · <span class="key disputed">disputed</span> sources disagree, every claim'
                 " is shown with its sources.</p>")
        if not i18n.english():
            return self._index_translated(here, timeline, grid)
        reports = "".join(
            f"<li>{self.link(here, self.diff_path(b, h), pair(b, h))}"
            f" — {esc(self.plan.versions[b].title)} to {esc(self.plan.versions[h].title)}</li>"
            for b, h in self.edges)
        dates = [v.date for v in self.plan.versions.values()]
        span = f", {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else ""
        body = (f"<h1>The plan, version by version</h1>\n"
                f'<p class="meta">{len(self.plan.versions)} reported versions{span};'
                f" {len(self.plan.sources)} sources.</p>\n{site_feed.links(self, here)}\n"
                f'<h2 id="timeline">Timeline</h2>\n{timeline}\n'
                f'<h2 id="positions">Principal positions</h2>\n{grid}\n'
                f'<h2 id="reports">Change reports</h2>\n<ul>{reports}</ul>\n')
        return self.wrap(here, "Timeline of the plan's versions", body, wide=True)

    def _index_translated(self, here: str, timeline: str, grid: str) -> str:
        reports = "".join(
            f"<li>{self.link(here, self.diff_path(b, h), pair(b, h))} — "
            + _("{base} to {head}").format(base=content(self.plan.versions[b], "title"),
                                           head=content(self.plan.versions[h], "title"))
            + "</li>" for b, h in self.edges)
        dates = [v.date for v in self.plan.versions.values()]
        span = (_(", {first} to {last}").format(first=i18n.date(min(dates)),
                                                last=i18n.date(max(dates))) if dates else "")
        facts = _("{versions} reported versions{span}; {sources} sources.").format(
            versions=values.count(current(), len(self.plan.versions)), span=span,
            sources=values.count(current(), len(self.plan.sources)))
        body = ("<h1>" + esc(_("The plan, version by version")) + "</h1>\n"
                f'<p class="meta">{esc(facts)}</p>\n{site_feed.links(self, here)}\n'
                '<h2 id="timeline">' + esc(_("Timeline")) + f"</h2>\n{timeline}\n"
                '<h2 id="positions">' + esc(_("Principal positions")) + f"</h2>\n{grid}\n"
                '<h2 id="reports">' + esc(_("Change reports")) + f"</h2>\n<ul>{reports}</ul>\n")
        return self.wrap(here, _("Timeline of the plan's versions"), body, wide=True)

    def grid_cell(self, result: History, point: HistoryPoint) -> str:
        if point.state == "absent":
            return '<td class="absent"><span class="absent">' + esc(_("not set")) + "</span></td>"
        if point.state == "removed":
            return '<td class="removed">' + badge("removed", _("clause removed")) + "</td>"
        shown = self.claims_html(result.term, point.claims, "index.html", notes=False)
        moved = ""
        if point.change in ("changed", "set", "unset") and point.state == "reported":
            moved = f' <span class="moved">({esc(change_text(current(), result, point))})</span>'
        if point.carried_from:
            where = f"<code>{esc(point.carried_from)}</code>"
            flag = f'{badge("unreported")}<br>' if point.state == "unreported" else ""
            return (f'<td class="carried">{flag}<span class="carried">{shown}'
                    + _(" (carried from {version})").format(version=where) + "</span></td>")
        css = "disputed" if len(point.claims) > 1 else "reported"
        return f'<td class="{css}">{shown}{moved}</td>'

    def claims_html(self, term: Term | None, claims: tuple[Claim, ...], here: str, *,
                    notes: bool = True) -> str:
        def one(value: Any) -> str:
            return esc(values.value(current(), term, value) if term else value)

        if not claims:
            return esc(_("not set"))
        if len(claims) == 1 and not claims[0].known:
            return esc(_("no longer known")) + (f" ({esc(claims[0].note)})"
                                                if notes and claims[0].note else "")
        if len(claims) == 1:
            return values.reported(current(), one(claims[0].value), claims[0].hedged)
        items = []
        for claim in claims:
            sources = _(", ").join(self.source_link(here, s) for s in claim.sources)
            if claim.independent is not None and claim.sources:
                sources += esc(_("; ") + values.witness_note(current(), claim.independent))
            note = f"; {esc(claim.note)}" if claim.note and notes else ""
            items.append(f"<li>{values.reported(current(), one(claim.value), claim.hedged)}"
                         f" ({sources}{note})</li>")
        return f'{badge("disputed")}<ul class="claims">{"".join(items)}</ul>'

    def version_page(self, version_id: str) -> str:
        here = self.version_path(version_id)
        version = self.plan.versions[version_id]
        resolved = self.resolver.resolve(version_id)
        if i18n.english():
            facts = [version.date.isoformat(), version.status.value,
                     f"{version.coverage.value} coverage",
                     "parties: " + (", ".join(version.parties) or "unknown")]
        else:
            facts = [i18n.date(version.date), pgettext("status", version.status.value),
                     _("{coverage} coverage").format(
                         coverage=pgettext("coverage", version.coverage.value)),
                     _("parties: {parties}").format(
                         parties=", ".join(version.parties) or _("unknown"))]
        lineage = []
        if version.parent in self.plan.versions:
            lineage.append(_("Parent: {version}").format(
                version=self.version_link(here, version.parent)))
        kids = self.children.get(version_id, [])
        if kids:
            lineage.append(_("Children: {versions}").format(
                versions=_(", ").join(self.version_link(here, k) for k in kids)))
        reports = [self.link(here, self.diff_path(b, h), pair(b, h))
                   for b, h in self.edges if version_id in (b, h)]
        if reports:
            lineage.append(_("Change reports: {reports}").format(reports=_(", ").join(reports)))
        body = [f"<h1><code>{esc(version.id)}</code> — {content(version, 'title')}</h1>",
                f'<p class="meta">{esc(" · ".join(facts))}</p>']
        if lineage:
            items = "".join(f"<li>{x}</li>" for x in lineage)
            lineage_label = esc(_("Lineage"))
            body.append(f'<nav aria-label="{lineage_label}"><ul>{items}</ul></nav>')
        if version.summary:
            body.append(f"<p>{content(version, 'summary')}</p>")
        if version.note:
            note = content_text(version.note, i18n.english())  # notes are not translated
            body.append('<p class="meta">' + _("Note: {note}").format(note=note) + "</p>")
        live = resolved.live()
        unreported = sum(not c.reported for c in live)
        if version.coverage is Coverage.partial:
            body.append("<p>" + _("This version was reported in part: it lists {listed} clauses;"
                                  " {unreported} more are inherited from earlier versions and"
                                  " marked <em>unreported</em>.").format(
                listed=values.count(current(), len(live) - unreported),
                unreported=values.count(current(), unreported)) + "</p>")
        body.append('<h2 id="clauses">' + _("Clauses ({count})").format(
            count=values.count(current(), len(live))) + "</h2>")
        for clause in live:
            body.append(self.clause_section(here, version_id, clause))
        removed = [c for c in resolved.clauses.values() if c.removed]
        if removed:
            body.append('<h2 id="removed">' + _("Removed clauses ({count})").format(
                count=values.count(current(), len(removed))) + "</h2>")
            for clause in removed:
                body.append(self.clause_section(here, version_id, clause))
        title, _ok = tr.field(version, "title")
        return self.wrap(here, f"{version.id} — {tr.plain(title, _ok)}", "\n".join(body))

    def clause_section(self, here: str, version_id: str, resolved: ResolvedClause) -> str:
        clause = resolved.clause
        number = ""
        if clause.number is not None:
            number = f"{esc(clause.number)}. "
        title = f" {content(clause, 'title')}" if clause.title else ""
        if resolved.removed:
            status = (badge("removed") if resolved.reported else
                      badge("removed", _("removed in {version}").format(
                          version=resolved.reported_in)))
        elif resolved.reported:
            status = badge("reported")
        else:
            status = badge("unreported", _("unreported: number and text as last reported"
                                           " in {version}").format(version=resolved.reported_in))
        topic = (_(" · topic: {topic}").format(topic=esc(clause.topic)) if clause.topic else "")
        history = self.link(here, self.clause_path(clause.id), esc(_("history")))
        parts = [f'<section class="clause" id="clause-{file_name(clause.id)}">',
                 f"<h3>{number}{title or f'<code>{esc(clause.id)}</code>'}</h3>",
                 f'<p class="meta">{status} <code>{esc(clause.id)}</code>'
                 f'{topic}'
                 f" · {history}</p>"]
        if clause.text and not resolved.removed:
            parts.append(f"<p>{content(clause, 'text')}</p>")
        if clause.note:
            note = content_text(clause.note, i18n.english())
            parts.append('<p class="meta">' + _("Note: {note}").format(note=note) + "</p>")
        if clause.terms and not resolved.removed:
            items = []
            for term_id, value in clause.terms.items():
                term = self.plan.terms.get(term_id)
                label = self.link(here, self.term_path(term_id),
                                  content(term, "label") if term else esc(term_id))
                claims = value_claims(resolved, term_id, self.plan.sources)
                shown = f"<strong>{self.claims_html(term, claims, here)}</strong>"
                carried_from = resolved.carried_from(term_id, version_id)
                counted = len(claims) == 1 and claims[0].known and claims[0].independent
                witnessed = (esc(values.witness_note(current(), claims[0].independent or 0))
                             if counted else "")
                if counted and carried_from is None:
                    shown += f' <span class="meta">({witnessed})</span>'
                if isinstance(value, NoLongerKnown):
                    since = self.version_link(here, resolved.stated_in(term_id))
                    shown = ("<strong>" + _("not reported since {version}").format(version=since)
                             + f"</strong> ({esc(value.unknown)})")
                elif carried_from is not None:
                    where = resolved.stated.get(term_id)
                    cited = _(", ").join(self.source_link(here, x) for x in where.sources) \
                        if where is not None and not isinstance(value, Disputed) else ""
                    if cited and witnessed:
                        cited += esc(_("; ")) + witnessed
                    its = _("; its sources: {sources}").format(sources=cited) if cited else ""
                    shown = (f'<span class="carried">{shown}'
                             + _(" (carried from {version}{sources})").format(
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
        source = self.plan.sources.get(cite.source)
        outlet = ""
        if source is not None:
            outlet = (" " + _("(outlet unknown)") if source.outlet == "unknown"
                      else f" {foreign(source.outlet)}")
        language = source.language if source else None
        quote = f": {quoted(cite.quote, language)}" if cite.quote else ""
        if quote and not i18n.english() and language and language != i18n.language():
            quote += " " + esc(_("(in {language})").format(
                language=i18n.quote_language_name(language)))
        note = f' <span class="meta">({esc(cite.note)})</span>' if cite.note else ""
        if cite.hedge:
            note = f' <span class="meta">{esc(hedged(current(), cite.hedge).strip())}</span>' + note
        return "<li>" + _("Source {source}").format(
            source=self.source_link(here, cite.source)) + f"{outlet}{quote}{note}</li>"

    def diff(self, base: str, head: str) -> PlanDiff:
        """The diff of a change report, computed once."""
        found = self._diffs.get((base, head))
        if found is None:
            found = self._diffs[base, head] = diff_versions(self.plan, base, head,
                                                            resolver=self.resolver)
        return found

    def diff_page(self, base: str, head: str) -> str:
        here = self.diff_path(base, head)
        result = self.diff(base, head)
        report = render_fragment(render_markdown(
            result, ReportStyle(target="html", limit=None), loc=current()))
        lineage = ('<p class="meta">' + _("Version pages: {base} → {head}; every source is on the"
                                          " {sources}.").format(
            base=self.version_link(here, base), head=self.version_link(here, head),
            sources=self.link(here, "sources.html", esc(_("sources page")))) + "</p>\n")
        title, _sep, rest = report.partition("</h1>\n")
        body = f"{title}</h1>\n{lineage}{rest}" if rest else lineage + report
        if i18n.english():
            return self.wrap(here, f"Change report: {base} → {head}", body)
        return self.wrap(here, _("Change report: from {base} to {head}").format(base=base,
                                                                              head=head), body)

    def history_table(self, here: str, result: History) -> str:
        if result.kind == "term":
            head = [_("Version"), _("Parent"), _("Date"), _("Value"), _("Change from parent"),
                    _("State"), _("Sources"), _("First reported")]
            rows = []
            for point in result.points:
                sources = _(", ").join(self.source_link(here, s) for s in
                                    dict.fromkeys(s for c in point.claims for s in c.sources))
                if len(point.claims) == 1 and point.claims[0].known \
                        and point.claims[0].independent:
                    sources += esc(
                        f" ({values.witness_note(current(), point.claims[0].independent)})")
                value = (self.claims_html(result.term, point.claims, here) if point.claims
                         else esc(value_text(current(), result, point)))
                rows.append([self.version_link(here, point.version.id),
                             self.parent_link(here, point.version),
                             date_html(point.version.date), value,
                             esc(change_text(current(), result, point)),
                             f'<td class="{point.state}">{esc(state_text(current(), point))}</td>',
                             sources or "—",
                             esc(known.first_cell(point.first_reported, current()))])
            return table(head, rows)
        renamed = any(p.clause_id not in (None, result.subject) for p in result.points)
        head = [_("Version"), _("Parent"), _("Date"), "§",
                _("Text (changes from the parent marked)"), _("Change"), _("State")]
        if renamed:
            head.insert(3, _("Id"))
        rows = []
        for point in result.points:
            text = (words_html(point.text_change) if point.text_change
                    else esc(point.text) if point.text else "—")
            if not i18n.english():
                text = self.point_text(point) or text
            row = [self.version_link(here, point.version.id),
                   self.parent_link(here, point.version), date_html(point.version.date),
                   "" if point.number is None else esc(point.number), text,
                   esc(change_text(current(), result, point)),
                   f'<td class="{point.state}">{esc(state_text(current(), point))}</td>']
            if renamed:
                row.insert(3, f"<code>{esc(point.clause_id)}</code>" if point.clause_id else "—")
            rows.append(row)
        return table(head, rows)

    def point_text(self, point: HistoryPoint) -> str | None:
        """A clause history's text at a point in the page's language: the word diff of the
        renderings (or of the English, marked), or the rendering; None to keep the English."""
        from plandiff.core.translations import translated_text_change

        clause = self.clause_at(point.version.id, point.clause_id)
        if clause is None:
            return None
        parent = point.version.parent
        if point.text_change is not None and parent in self.plan.versions:
            before = self.clause_at(parent, point.clause_id)
            change, ok = translated_text_change(before, clause, i18n.language())
            if change is not None:
                return words_html(change) if ok else content_text(words_html(change), False)
        if point.text:
            return content(clause, "text")
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
        here = self.term_path(term_id)
        result = history_by_date(self.term_history(term_id))  # chart and table by date
        term = self.plan.terms[term_id]
        if not i18n.english():
            return self._term_page_translated(here, term_id, result)
        facts = [f"type: {term.type.value}"]
        if term.unit:
            facts.append(f"unit: {term.unit}")
        if term.currency:
            facts.append(f"currency: {term.currency}")
        body = [f"<h1>{esc(term.label)}</h1>",
                f'<p class="meta">Term <code>{esc(term_id)}</code> · {esc(" · ".join(facts))}</p>']
        if term.description:
            body.append(f"<p>{esc(term.description)}</p>")
        if term.choices:
            body.append("<ul>" + "".join(f"<li><code>{esc(k)}</code>: {esc(v)}</li>"
                                         for k, v in term.choices.items()) + "</ul>")
        chart = bar_chart(f"{term.label} by version", self.bars(result)) if result.numeric else ""
        body.append(chart or state_strip(term.label, result.points))
        if result.numeric:  # a card of the chart to embed elsewhere
            body.append(site_cards.embed_section(self, here, term_id))
        body.append(self.history_table(here, result))
        holders = sorted({p.clause_id for p in result.points if p.clause_id})
        if holders:
            body.append("<p>Set by the clause" + ("s " if len(holders) > 1 else " ") + ", ".join(
                self.link(here, self.clause_path(c), f"<code>{esc(c)}</code>") for c in holders)
                + ".</p>")
        body.append(positions_site.party_lines(self, here, term_id))
        return self.wrap(here, f"Term history: {term.label}", "\n".join(body))

    def _term_page_translated(self, here: str, term_id: str, result: History) -> str:
        term = self.plan.terms[term_id]
        label = tr.plain(*tr.field(term, "label"))
        facts = [_("type: {type}").format(type=term.type.value)]
        if term.unit:
            facts.append(_("unit: {unit}").format(unit=tr.plain(*tr.field(term, "unit"))))
        if term.currency:
            facts.append(_("currency: {currency}").format(currency=term.currency))
        meta = _("Term {id}").format(id=f"<code>{esc(term_id)}</code>")
        body = [f"<h1>{content(term, 'label')}</h1>",
                f'<p class="meta">{meta} · {esc(" · ".join(facts))}</p>']
        if term.description:  # descriptions are not translated: the English, marked
            body.append(f"<p>{content_text(term.description, False)}</p>")
        if term.choices:
            body.append("<ul>" + "".join(
                f"<li><code>{esc(k)}</code>: {content_text(*tr.choice_of(term, k, v))}</li>"
                for k, v in term.choices.items()) + "</ul>")
        title = _("{label} by version").format(label=label)
        chart = bar_chart(title, self.bars(result)) if result.numeric else ""
        body.append(chart or state_strip(label, result.points))
        if result.numeric:
            body.append(site_cards.embed_section(self, here, term_id))
        body.append(self.history_table(here, result))
        holders = sorted({p.clause_id for p in result.points if p.clause_id})
        if holders:
            links = _(", ").join(self.link(here, self.clause_path(c), f"<code>{esc(c)}</code>")
                                 for c in holders)
            body.append("<p>" + ngettext("Set by the clause {clauses}.",
                                         "Set by the clauses {clauses}.", len(holders)).format(
                clauses=links) + "</p>")
        body.append(positions_site.party_lines(self, here, term_id))
        return self.wrap(here, _("Term history: {label}").format(label=label), "\n".join(body))

    def bars(self, result: History) -> list[tuple[str, float, str, bool]]:
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
                shown = (values.value(current(), result.term, claim.value) if claim.known
                         else _("not reported since {version}").format(
                             version=point.reported_in))
                bars.append((label, float(number),
                             shown + values.carried(current(), point.carried_from),
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
        here = self.clause_path(clause_id)
        result = history_by_date(clause_history(self.plan, clause_id, resolver=self.resolver))
        title = result.label if result.label != clause_id else clause_id
        if not i18n.english():
            return self._clause_page_translated(here, clause_id, result)
        body = [f"<h1>{esc(title)}</h1>",
                f'<p class="meta">Clause <code>{esc(clause_id)}</code>: its text in every version,'
                " with the words changed from the parent version struck out or underlined.</p>",
                state_strip(title, result.points), self.history_table(here, result)]
        terms = sorted(self._clause_terms.get(clause_id, ()))
        if terms:
            body.append("<p>Terms it sets: " + ", ".join(
                self.link(here, self.term_path(t), esc(self.plan.terms[t].label
                                                      if t in self.plan.terms else t))
                for t in terms) + ".</p>")
        return self.wrap(here, f"Clause history: {title}", "\n".join(body))

    def _clause_page_translated(self, here: str, clause_id: str, result: History) -> str:
        found = (self.clause_at(p.version.id, p.clause_id) for p in reversed(result.points))
        latest = next((c for c in found if c is not None and c.title), None)
        if latest is not None:
            title_html, title = content(latest, "title"), tr.plain(*tr.field(latest, "title"))
        else:
            title_html, title = f"<code>{esc(clause_id)}</code>", clause_id
        meta = _("Clause {id}: its text in every version, with the words changed from the parent"
                 " version struck out or underlined.").format(id=f"<code>{esc(clause_id)}</code>")
        body = [f"<h1>{title_html}</h1>", f'<p class="meta">{meta}</p>',
                state_strip(title, result.points), self.history_table(here, result)]
        terms = sorted({t for v in self.plan.versions.values() for c in v.clauses
                        if c.id == clause_id for t in c.terms})
        if terms:
            links = _(", ").join(
                self.link(here, self.term_path(t), content(self.plan.terms[t], "label")
                          if t in self.plan.terms else esc(t)) for t in terms)
            body.append("<p>" + _("Terms it sets: {terms}.").format(terms=links) + "</p>")
        return self.wrap(here, _("Clause history: {title}").format(title=title),
                         "\n".join(body))

    def sources(self) -> str:
        here = "sources.html"
        if i18n.english():
            body = ["<h1>Sources</h1>",
                    f"<p>The {len(self.plan.sources)} sources the versions cite, with what each"
                    " supports. Reliability is the editors' judgement: reprints and partisan"
                    " aggregators are <em>low</em>.</p>"]
        else:
            body = ["<h1>" + esc(_("Sources")) + "</h1>",
                    "<p>" + _("The {count} sources the versions cite, with what each supports."
                              " Reliability is the editors' judgement: reprints and partisan"
                              " aggregators are <em>low</em>. Titles and quotes are shown in"
                              " the source's own language.").format(
                        count=values.count(current(), len(self.plan.sources))) + "</p>"]
        for source_id, source in self.plan.sources.items():
            if i18n.english():
                facts = [source.date.isoformat() if source.date else "undated"]
                if source.language:
                    facts.append(f"language: {source.language}")
                if source.reliability:
                    facts.append(f"reliability: {source.reliability.value}")
            else:
                facts = [i18n.date(source.date) if source.date else _("undated")]
                if source.language:
                    facts.append(_("language: {language}").format(
                        language=i18n.quote_language_name(source.language)))
                if source.reliability:
                    facts.append(_("reliability: {level}").format(
                        level=pgettext("reliability", source.reliability.value)))
            outlet = (esc(_("Outlet unknown")) if source.outlet == "unknown"
                      else foreign(source.outlet, source.language))
            parts = [f'<section class="source" id="source-{file_name(source_id)}">',
                     f"<h2>{outlet} <code>{esc(source_id)}</code></h2>"]
            parts += _source_title(source)
            parts.append(f'<p class="meta">{esc(" · ".join(facts))}</p>')
            if source.copy_of is not None:
                original = (self.source_link(here, source.copy_of)
                            if source.copy_of in self.plan.sources
                            else f"<code>{esc(source.copy_of)}</code>")
                parts.append('<p class="meta">' + _("A copy of {source}: one witness with it.")
                             .format(source=original) + "</p>")
            if source.url and is_web_url(source.url):
                parts.append(f'<p><a href="{esc(source.url)}" rel="external noreferrer">'
                             f"{esc(source.url)}</a></p>")
            elif source.url:
                parts.append('<p class="meta">' + _("Address (not a web link, so not linked):"
                                                    " {url}").format(
                    url=f"<code>{esc(source.url)}</code>") + "</p>")
            if source.file:
                parts.append('<p class="meta">' + _("Local copy: {file} (quotes checked against"
                                                    " it)").format(
                    file=f"<code>{esc(source.file)}</code>") + "</p>")
            if source.note:
                parts.append(f"<p>{content_text(source.note, i18n.english())}</p>")
            cited = self.citing.get(source_id, [])
            if cited:
                items = []
                for version_id, clause_id, cite in cited:
                    target = self.link(here, self.version_path(version_id),
                                       f"<code>{esc(version_id)}</code> · <code>{esc(clause_id)}"
                                       "</code>", anchor=f"clause-{file_name(clause_id)}")
                    quote = f": {quoted(cite.quote, source.language)}" if cite.quote else ""
                    items.append(f"<li>{target}{quote}</li>")
                cited_by = _("Cited by {count}:").format(count=values.count(current(), len(cited)))
                parts.append(f"<p>{cited_by}</p><ul>{''.join(items)}</ul>")
            else:
                parts.append('<p class="meta">' + _("Not cited by any clause.") + "</p>")
            parts.append(positions_site.cited_by(self, here, source_id))
            parts.append("</section>")
            body.append("\n".join(parts))
        return self.wrap(here, _("Sources"), "\n".join(body))

    def subjects(self) -> str:
        here = "subjects.html"
        term_rows = [[self.link(here, self.term_path(t), content(term, "label")),
                      f"<code>{esc(t)}</code>", esc(term.type.value),
                      (content(term, "unit") if term.unit else esc(term.currency or ""))]
                     for t, term in self.plan.terms.items()]
        titles: dict[str, str] = {}
        first: dict[str, str] = {}
        for version_id in self.order:
            for clause in self.plan.versions[version_id].clauses:
                first.setdefault(clause.id, version_id)
                if clause.title:
                    titles[clause.id] = content(clause, "title")
        clause_rows = [[self.link(here, self.clause_path(c), f"<code>{esc(c)}</code>"),
                        titles.get(c, ""), self.version_link(here, first[c])]
                       for c in self.clause_ids]
        if not i18n.english():
            body = ("<h1>" + esc(_("Terms and clauses")) + "</h1>\n<p>"
                    + esc(_("Each has a page with its history through every version.")) + "</p>\n"
                    + '<h2 id="terms">' + _("Terms ({count})").format(
                        count=values.count(current(), len(term_rows))) + "</h2>\n"
                    + table([_("Term"), _("Id"), _("Type"), _("Unit")], term_rows)
                    + '\n<h2 id="clauses">' + _("Clauses ({count})").format(
                        count=values.count(current(), len(clause_rows))) + "</h2>\n"
                    + table([_("Clause"), _("Title"), _("First listed in")], clause_rows))
            return self.wrap(here, _("Terms and clauses"), body)
        body = ("<h1>Terms and clauses</h1>\n"
                "<p>Each has a page with its history through every version.</p>\n"
                f'<h2 id="terms">Terms ({len(term_rows)})</h2>\n'
                + table(["Term", "Id", "Type", "Unit"], term_rows) +
                f'\n<h2 id="clauses">Clauses ({len(clause_rows)})</h2>\n'
                + table(["Clause", "Title", "First listed in"], clause_rows))
        return self.wrap(here, "Terms and clauses", body)


def _source_title(source: Any) -> list[str]:
    """A source's title: its own headline in its language when it has one, with the English title
    labelled as a translated description; an English `title` of a source in another language is a
    description, never shown as if it were the headline."""
    if source.headline:
        gloss = ([f'<p class="meta">{esc(_described())}: <span lang="en" dir="ltr">'
                  f"{esc(source.title)}</span></p>"] if source.title else [])
        return [f"<p>{quoted(source.headline, source.language)}</p>", *gloss]
    if not source.title:
        return []
    if source.language and source.language != "en" and not i18n.english():
        return [f'<p class="meta">{esc(_described())}: <span lang="en" dir="ltr">'
                f"{esc(source.title)}</span></p>"]
    if source.language and source.language != "en":
        return [f'<p class="meta">{esc(_described())}: {esc(source.title)}</p>']
    return [f"<p>{quoted(source.title, source.language)}</p>"]


def _described() -> str:
    return "Translated description" if i18n.english() else _("Translated description")

