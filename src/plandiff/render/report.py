"""A change report fit to publish: Markdown for GitHub, or rendered to one HTML file."""

from __future__ import annotations

import re
from collections.abc import Callable

from plandiff import __version__
from plandiff.core.diff import ClauseDiff, PlanDiff, TermChange
from plandiff.core.models import Citation, TermType, Version
from plandiff.core.records import record
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import main_changes, positions, values
from plandiff.render import markdown as md

GITHUB_COMMENT_LIMIT = 65_536
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# A word in Latin letters (an address, an acronym) inside a name written in another script.
LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z]")


@record
class ReportStyle:
    """`github`: raw <details> blocks; `html`: `::: details` containers and RTL spans for the
    HTML renderer, whose raw-HTML parsing is off."""

    target: str = "github"
    limit: int | None = GITHUB_COMMENT_LIMIT

    @property
    def html(self) -> bool:
        return self.target == "html"


def _quote_markup(loc: Locale, style: ReportStyle) -> Callable[[str], str]:
    def markup(quote: str) -> str:
        plain = md.quote_plain(quote, loc)
        if style.html and RTL_SCRIPT.search(quote):
            return f"[{plain}]{{dir=rtl lang=ar}}"
        if style.html and loc.rtl:  # an English quote in a right-to-left page
            return f"[{plain}]{{dir=ltr lang=en}}"
        return plain

    return markup


def _details(style: ReportStyle, summary: str, body: list[str]) -> list[str]:
    if style.html:
        return [f"::: details {summary}", "", *body, "", ":::", ""]
    return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _version_rows(loc: Locale, base: Version, head: Version) -> list[str]:
    def parties(version: Version) -> str:
        return md.escape(loc._(", ").join(loc.party_code(p) for p in version.parties)) or "—"

    rows = md._version_rows(loc, base, head)
    return [*rows[:2],
            md._row(loc._("Version"), md.code(base.id), md.code(head.id)),
            md._row(loc._("Title"), md.field(loc, base, "title"), md.field(loc, head, "title")),
            *rows[3:],
            md._row(loc._("Parties"), parties(base), parties(head))]


def _in_summary(style: ReportStyle, name: str) -> str:
    """An id in a collapsed paragraph's label: `<code>` in Markdown (a <summary> is raw HTML);
    bare in the HTML report, which isolates it (`<bdi class="id">`) with every id it names."""
    return name if style.html else md.summary_code(name)


LONG_NOTE = 400  # characters: a summary or note longer than this is collapsed


def _long_or_short(style: ReportStyle, label: str, text: str, *, open_: bool = False) -> list[str]:
    """A paragraph: shown as it is, or collapsed under `label` when long (unless `open_`).
    `label` is plandiff's own words and slugs only (a <summary> is raw HTML)."""
    if open_ or len(text) <= LONG_NOTE:
        return [text, ""]
    return _details(style, label, [text])


def _about_versions(loc: Locale, style: ReportStyle, base: Version,
                    head: Version) -> list[str]:
    """Each version's summary and note, written for readers: caveats must reach them. The
    head's summary, what the report is about, is never collapsed."""
    lines = []
    for version in (base, head) if base.id != head.id else (base,):
        for field in ("summary", "note"):
            text = getattr(version, field)
            if not text:
                continue
            # A summary has translations; a note has none: English, marked in another language.
            shown = (md.field(loc, version, field, spans=style.html) if field == "summary"
                     else md.english(loc, text, spans=style.html))
            heading = (loc._("Summary of {version}") if field == "summary"
                       else loc._("Note of {version}"))
            body = f"**{heading.format(version=md.code(version.id))}:** {shown}"
            label = heading.format(version=_in_summary(style, version.id))
            lines += _long_or_short(style, label, body,
                                    open_=version is head and field == "summary")
    return lines


def _clause_notes(loc: Locale, style: ReportStyle, item: ClauseDiff) -> list[str]:
    """The notes of a changed clause (each side's, when they differ), with the version each
    belongs to; notes have no translations: English, marked in another language."""
    lines = []
    old_in, new_in = item.reported_in
    sides = [(item.new, new_in), (item.old, old_in)]
    seen: set[str] = set()
    for side, version_id in sides:
        note = side.clause.note if side is not None else None
        if not note or note in seen:
            continue
        seen.add(note)
        body = loc._("Note ({version}): {note}").format(
            version=md.code(version_id or ""), note=md.english(loc, note, spans=style.html))
        lines += _long_or_short(style, loc._("Note on {id} in {version}").format(
            id=_in_summary(style, item.id), version=_in_summary(style, version_id or "")), body)
    return lines


def _with_notes(loc: Locale, section: list[str], notes: list[str]) -> list[str]:
    """A clause section with its notes before its sources line."""
    if not notes:
        return section
    at = max(i for i, line in enumerate(section) if line.startswith(loc._("Sources:")))
    return [*section[:at], *notes, *section[at:]]


def ranked_term_changes(result: PlanDiff) -> list[tuple[ClauseDiff, TermChange]]:
    """Numeric moves first, largest relative move first; then choices, flags and the rest."""
    pairs = [(item, term) for item in result.changed for term in item.terms
             if item.change not in ("added", "removed")]

    def rank(pair: tuple[ClauseDiff, TermChange]) -> tuple[int, float, str]:
        term = pair[1]
        # Relative moves are comparable across units; other deltas (days) and choices are not.
        relative = term.percent is not None or any(p is not None for _, p in term.claim_moves)
        group = (0 if relative else 1 if term.numeric else 2 if term.type is TermType.choice
                 else 3)
        return (group, -term.magnitude, term.label)

    return sorted(pairs, key=rank)


def _quoted_title(loc: Locale, item: ClauseDiff, *, spans: bool) -> str:
    """A clause's title after its id: in «» where it is the language's (Arabic quotes its own
    labels and titles), as it is where it is English marked as such."""
    from plandiff.render.terminal import clause_title

    shown = md.title_of(loc, item, spans=spans)
    if not clause_title(loc, item)[1]:
        return f" {shown}"
    return loc.pgettext("a clause's title", " {title}").format(title=shown)


def key_changes(loc: Locale, result: PlanDiff, *, spans: bool = False,
                skip: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """Every key change but those in `skip` ((clause, term) pairs: the main changes)."""
    lines = []
    for item, term in ranked_term_changes(result):
        if (item.id, term.term) in skip:
            continue
        lines.append(f"- **{md.escape(values.term_line(loc, term))}** "
                     + loc.pgettext("a line's clause", "({id})").format(id=md.code(item.id)))
    for item in result.changed:
        title = _quoted_title(loc, item, spans=spans) if item.title else ""
        if item.change == "removed":
            reporting = _ids(item.cites[1])
            how = (loc.ngettext("removal reported by {sources}", "removal reported by {sources}",
                                len(reporting)).format(
                sources=loc._(", ").join(md.code(c) for c in reporting))
                if item.new is not None else loc._("absent from the full text"))
            lines.append("- " + loc._("Removed: {id}{title} ({how})").format(
                id=md.code(item.id), title=title, how=how))
        elif item.change == "added":
            lines.append("- " + loc._("Added: {id}{title}").format(id=md.code(item.id),
                                                                   title=title))
        elif item.change == "renamed":
            lines.append("- " + loc._("Renamed: {old} → {new}{title}").format(
                old=md.code(item.old_id or ""), new=md.code(item.id), title=title))
        elif item.text is not None and item.text.obligation:
            for shift in item.text.obligation:
                lines.append("- " + loc._("Obligation {shift}: {id}{title}").format(
                    shift=md.escape(shift), id=md.code(item.id), title=title))
    return lines


def _as_of(loc: Locale, result: PlanDiff) -> list[str]:
    """What "as known on" the diff's date means here, as a quoted block under the title."""
    if result.as_of is None:
        return []
    from plandiff.render import known

    lines = known.header(loc, result.as_of, (result.base.id, result.head.id))
    return [*(f"> {md.escape(line)}\n>" for line in lines[:-1]), f"> {md.escape(lines[-1])}", ""]


def _main_changes(loc: Locale, result: PlanDiff, top: int) -> list[str]:
    """'## The 4 main changes' and its numbered list, each with its reason (core/ranking.py);
    nothing when no term changed."""
    shown = main_changes.main(result, top)
    if not shown:
        return []
    lines = ["## " + main_changes.heading(loc, len(shown)), "",
             md.escape(main_changes.rule(loc)), ""]
    for index, item in enumerate(shown, 1):
        lines.append(f"{index}. **{md.escape(values.term_line(loc, item.term))}**"
                     " " + loc.pgettext("a line's clause", "({id})").format(
                         id=md.code(item.clause.id)) + "  ")
        lines.append(f"   {md.escape(main_changes.reason(loc, item))}")
    return [*lines, ""]


def _main_pairs(result: PlanDiff, top: int) -> frozenset[tuple[str, str]]:
    return frozenset((item.clause.id, item.term.term) for item in main_changes.main(result, top))


def _ids(cites: list[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in cites))


def _methods(loc: Locale, result: PlanDiff) -> list[str]:
    head, base = result.head, result.base
    lines = ["## " + loc._("Methods"), "",
             loc.pgettext("methods", "Clauses are matched by their identity (`id`, following"
                          " `was` links when a clause is renamed), never by position. Each"
                          " version lists the clauses that were reported;\na *partial* version"
                          " (coverage `partial`) inherits the clauses it does not report from its"
                          " parent, and those count as **unreported**: not known to be kept,"
                          " changed or dropped."),
             loc._("Only a removal that a source reports, or a clause absent from a *full* text,"
                   " counts as removed. Where sources disagree about the same version, every"
                   " claim is shown with its sources as *disputed*; none is picked."),
             # Another language adds that its titles and texts are translations, never quotes.
             loc.pgettext("methods", "Quotes are checked against the local copies of sources"
                          " where one exists. Generated by plandiff {version}.").format(
                 badge=md.escape(loc.badge()), version=__version__), ""]
    if head.coverage.value == "partial" or base.coverage.value == "partial":
        lines += [loc._("Coverage here: {base} is {base_coverage}, {head} is {head_coverage}.")
                  .format(base=md.code(base.id),
                          base_coverage=loc.pgettext("coverage", base.coverage.value),
                          head=md.code(head.id),
                          head_coverage=loc.pgettext("coverage", head.coverage.value)), ""]
    return lines


def _sources(loc: Locale, result: PlanDiff, items: list[ClauseDiff], style: ReportStyle,
             lines: list[str]) -> list[str]:
    """A footnote for every source that `lines` refer to, and for no other (GitHub drops a
    footnote that nothing refers to)."""
    refs = md.referenced(lines)
    shown = {k: v for k, v in result.sources.items() if md.footnote_id(k) in refs}
    if not shown:
        return []
    notes = md.footnotes(loc, shown, md.collect_quotes(items), _quote_markup(loc, style),
                         spans=style.html)
    return ["## " + loc._("Sources"), "", *notes, ""]


def render_markdown(result: PlanDiff, style: ReportStyle | None = None, *,
                    loc: Locale = ENGLISH, top: int = main_changes.TOP) -> str:
    """The report in the language of `loc`: every heading and line opens with a word of that
    language, so that GitHub's `dir=auto` and the reader see Arabic right to left."""
    style = style or ReportStyle()
    loc = loc.with_terms(result.terms, result.positions)
    top_n = top
    base, head = result.base, result.head
    spans = style.html
    opening = ["# " + loc.pgettext("report", "Change report: {base} → {head}").format(
               base=md.code(base.id), head=md.code(head.id)), "",
           loc._("How the clauses moved from *{base}* ({base_date}) to *{head}* ({head_date}).")
           .format(base=md.field(loc, base, "title", spans=spans),
                   base_date=md.date(loc, base.date),
                   head=md.field(loc, head, "title", spans=spans),
                   head_date=md.date(loc, head.date)), "",
           *_as_of(loc, result),
           "## " + loc._("Versions"), "", *_version_rows(loc, base, head), "",
           *_about_versions(loc, style, base, head),
           "## " + loc._("Summary"), "", *md.summary_table(loc, result)]
    main = _main_changes(loc, result, top_n)
    keys = key_changes(loc, result, spans=spans, skip=_main_pairs(result, top_n))
    opening += main
    if keys:
        opening += ["## " + (loc._("Other key changes") if main else loc._("Key changes")), "",
                *keys, ""]
    sections = [_with_notes(loc, md.clause_section(loc, item, spans=spans),
                            _clause_notes(loc, style, item))
                for item in result.changed]
    rest = []
    for kind, label in (("unchanged", loc._("unchanged")),
                        ("unreported", loc._("unreported by {version}").format(version=head.id))):
        items = [c for c in result.clauses if c.change == kind]
        if items:
            rest += _details(style, md.clauses(loc, len(items), label),
                             md.clause_list(loc, items, unreported=kind == "unreported"))

    def assemble(kept: int) -> str:
        changed = result.changed[:kept]
        lines = list(opening)
        if result.changed:
            lines += ["## " + loc._("Changed clauses"), ""]
            for section in sections[:kept]:
                lines += section
        else:
            lines += [loc._("No clause changed."), ""]
        omitted = len(sections) - kept
        if omitted:
            lines += [loc.ngettext(
                "> **Report cut:** {count} more changed clause did not fit GitHub's"
                " {limit}-character limit. Run `plandiff report {base} {head} --format html`"
                " for the whole report.",
                "> **Report cut:** {count} more changed clauses did not fit GitHub's"
                " {limit}-character limit. Run `plandiff report {base} {head} --format html`"
                " for the whole report.", omitted).format(
                    count=loc.count(omitted), limit=loc.number(GITHUB_COMMENT_LIMIT),
                    base=base.id, head=head.id), ""]
        lines += rest
        lines += positions.diff_markdown(loc, result)
        # The sources last: GitHub and the HTML report render footnotes at the very end, so a
        # heading anywhere else stood empty, with the footnotes under the methods.
        sources = _sources(loc, result, changed, style, lines)
        lines += _methods(loc, result)
        lines += sources
        text = "\n".join(lines).rstrip() + "\n"
        if loc.rtl and not style.html:
            # GitHub keeps <div dir="rtl">: tables, lists and paragraphs inside lay out right to
            # left
            text = '<div dir="rtl">\n\n' + text + "\n</div>\n"
        return text

    text = assemble(len(sections))
    if style.limit is not None and len(text) > style.limit:
        # The most sections that fit, by bisection: a report of thousands of changed clauses
        # must not be assembled once per clause it drops.
        low, high = 0, len(sections) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if len(assemble(middle)) <= style.limit:
                low = middle
            else:
                high = middle - 1
        text = assemble(low)
    if style.limit is not None and len(text) > style.limit:
        note = "\n\n> " + loc.pgettext("report", "**Report cut** at GitHub's comment limit.") + "\n"
        text = text[: style.limit - len(note)] + note
    return text
