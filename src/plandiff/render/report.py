"""A change report fit to publish: Markdown for GitHub, or rendered to one HTML file."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from plandiff import __version__, i18n
from plandiff.core.diff import ClauseDiff, PlanDiff, TermChange
from plandiff.core.models import Citation, TermType, Version
from plandiff.i18n import _
from plandiff.i18n import content as tr
from plandiff.render import markdown as md
from plandiff.render import positions, values

GITHUB_COMMENT_LIMIT = 65_536
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@dataclass(frozen=True)
class ReportStyle:
    """`github`: raw <details> blocks; `html`: `::: details` containers and RTL spans for the
    HTML renderer, whose raw-HTML parsing is off."""

    target: str = "github"
    limit: int | None = GITHUB_COMMENT_LIMIT

    @property
    def html(self) -> bool:
        return self.target == "html"


def _quote_markup(style: ReportStyle) -> Callable[[str], str]:
    def markup(quote: str) -> str:
        plain = md.quote_plain(quote)
        if style.html and RTL_SCRIPT.search(quote):
            return f"[{plain}]{{dir=rtl lang=ar}}"
        if style.html and i18n.rtl():  # an English quote in a right-to-left page
            return f"[{plain}]{{dir=ltr lang=en}}"
        return plain

    return markup


def _details(style: ReportStyle, summary: str, body: list[str]) -> list[str]:
    if style.html:
        return [f"::: details {summary}", "", *body, "", ":::", ""]
    return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _version_rows(base: Version, head: Version) -> list[str]:
    def parties(version: Version) -> str:
        return md.escape(", ".join(version.parties)) or "—"

    if not i18n.english():
        return [*md._version_rows(base, head)[:2],
                md._row(_("Version"), md.code(base.id), md.code(head.id)),
                md._row(_("Title"), md.field(base, "title"), md.field(head, "title")),
                *md._version_rows(base, head)[3:],
                md._row(_("Parties"), parties(base), parties(head))]

    return [
        "| | Base | Head |",
        "|---|---|---|",
        f"| Version | {md.code(base.id)} | {md.code(head.id)} |",
        f"| Title | {md.escape(base.title)} | {md.escape(head.title)} |",
        f"| Date | {base.date.isoformat()} | {head.date.isoformat()} |",
        f"| Status | {base.status.value} | {head.status.value} |",
        f"| Coverage | {base.coverage.value} | {head.coverage.value} |",
        f"| Parties | {parties(base)} | {parties(head)} |",
    ]


LONG_NOTE = 400  # characters: a summary or note longer than this is collapsed


def _long_or_short(style: ReportStyle, label: str, text: str, *, open_: bool = False) -> list[str]:
    """A paragraph: shown as it is, or collapsed under `label` when long (unless `open_`).
    `label` is plandiff's own words and slugs only (a <summary> is raw HTML)."""
    if open_ or len(text) <= LONG_NOTE:
        return [text, ""]
    return _details(style, label, [text])


def _about_versions(style: ReportStyle, base: Version, head: Version) -> list[str]:
    """Each version's summary and note, written for readers: caveats must reach them. The
    head's summary, what the report is about, is never collapsed."""
    lines = []
    for version in (base, head) if base.id != head.id else (base,):
        for field, what in (("summary", "Summary"), ("note", "Note")):
            text = getattr(version, field)
            if text and not i18n.english():
                shown = (md.field(version, field, spans=style.html) if field == "summary"
                         else md.content(text, False, spans=style.html))
                heading = (_("Summary of {version}") if field == "summary"
                           else _("Note of {version}"))
                body = f"**{heading.format(version=md.code(version.id))}:** {shown}"
                lines += _long_or_short(style, heading.format(version=version.id), body,
                                        open_=version is head and field == "summary")
            elif text:
                body = f"**{what} of {md.code(version.id)}:** {md.escape(text)}"
                lines += _long_or_short(style, f"{what} of {version.id}", body,
                                        open_=version is head and field == "summary")
    return lines


def _clause_notes(style: ReportStyle, item: ClauseDiff) -> list[str]:
    """The notes of a changed clause (each side's, when they differ), with the version each
    belongs to."""
    lines = []
    old_in, new_in = item.reported_in
    sides = [(item.new, new_in), (item.old, old_in)]
    seen: set[str] = set()
    for side, version_id in sides:
        note = side.clause.note if side is not None else None
        if not note or note in seen:
            continue
        seen.add(note)
        if not i18n.english():  # notes have no translations: English, marked
            body = _("Note ({version}): {note}").format(
                version=md.code(version_id or ""), note=md.content(note, False, spans=style.html))
            lines += _long_or_short(style, _("Note on {id} in {version}").format(
                id=item.id, version=version_id), body)
            continue
        body = f"Note ({md.code(version_id or '')}): {md.escape(note)}"
        lines += _long_or_short(style, f"Note on {item.id} in {version_id}", body)
    return lines


def _with_notes(section: list[str], notes: list[str]) -> list[str]:
    """A clause section with its notes before its sources line."""
    if not notes:
        return section
    at = max(i for i, line in enumerate(section) if line.startswith(_("Sources:")))
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


def key_changes(result: PlanDiff, *, spans: bool = False) -> list[str]:
    if not i18n.english():
        return _key_changes_translated(result, spans=spans)
    lines = []
    for item, term in ranked_term_changes(result):
        lines.append(f"- **{md.escape(values.term_line(term))}** ({md.code(item.id)})")
    for item in result.changed:
        title = f" {md.escape(item.title)}" if item.title else ""
        if item.change == "removed":
            new_cites = item.cites[1]
            how = (f"removal reported by {', '.join(md.code(c) for c in _ids(new_cites))}"
                   if item.new is not None else "absent from the full text")
            lines.append(f"- Removed: {md.code(item.id)}{title} ({how})")
        elif item.change == "added":
            lines.append(f"- Added: {md.code(item.id)}{title}")
        elif item.change == "renamed":
            lines.append(f"- Renamed: {md.code(item.old_id or '')} → {md.code(item.id)}{title}")
        elif item.text is not None and item.text.obligation:
            for shift in item.text.obligation:
                lines.append(f"- Obligation {md.escape(shift)}: {md.code(item.id)}{title}")
    return lines


def _key_changes_translated(result: PlanDiff, *, spans: bool) -> list[str]:
    lines = []
    for item, term in ranked_term_changes(result):
        lines.append(f"- **{md.escape(values.term_line(term))}** ({md.code(item.id)})")
    for item in result.changed:
        title = f" {md.title_of(item, spans=spans)}" if item.title else ""
        if item.change == "removed":
            how = (_("removal reported by {sources}").format(
                sources=_(", ").join(md.code(c) for c in _ids(item.cites[1])))
                if item.new is not None else _("absent from the full text"))
            lines.append("- " + _("Removed: {id}{title} ({how})").format(
                id=md.code(item.id), title=title, how=how))
        elif item.change == "added":
            lines.append("- " + _("Added: {id}{title}").format(id=md.code(item.id), title=title))
        elif item.change == "renamed":
            lines.append("- " + _("Renamed: {old} → {new}{title}").format(
                old=md.code(item.old_id or ""), new=md.code(item.id), title=title))
        elif item.text is not None and item.text.obligation:
            for shift in item.text.obligation:
                lines.append("- " + _("Obligation {shift}: {id}{title}").format(
                    shift=md.escape(shift), id=md.code(item.id), title=title))
    return lines


def _as_of(result: PlanDiff) -> list[str]:
    """What "as known on" the diff's date means here, as a quoted block under the title."""
    if result.as_of is None:
        return []
    from plandiff.render import known

    lines = known.header(result.as_of, (result.base.id, result.head.id))
    return [*(f"> {md.escape(line)}\n>" for line in lines[:-1]), f"> {md.escape(lines[-1])}", ""]


def _ids(cites: list[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in cites))


def _methods(result: PlanDiff) -> list[str]:
    head, base = result.head, result.base
    if not i18n.english():
        return _methods_translated(result)
    lines = [
        "## Methods", "",
        "Clauses are matched by their identity (`id`, following `was` links when a clause is"
        " renamed), never by position. Each version lists the clauses that were reported;",
        "a *partial* version (coverage `partial`) inherits the clauses it does not report from"
        " its parent, and those count as **unreported**: not known to be kept, changed or dropped.",
        "Only a removal that a source reports, or a clause absent from a *full* text, counts as"
        " removed. Where sources disagree about the same version, every claim is shown with its"
        " sources as *disputed*; none is picked.",
        f"Quotes are checked against the local copies of sources where one exists. Generated by"
        f" plandiff {__version__}.", "",
    ]
    if head.coverage.value == "partial" or base.coverage.value == "partial":
        lines += [f"Coverage here: {md.code(base.id)} is {base.coverage.value},"
                  f" {md.code(head.id)} is {head.coverage.value}.", ""]
    return lines


def _methods_translated(result: PlanDiff) -> list[str]:
    head, base = result.head, result.base
    lines = ["## " + _("Methods"), "",
             _("Clauses are matched by their identity (`id`, following `was` links when a clause"
               " is renamed), never by position. Each version lists the clauses that were"
               " reported; a *partial* version (coverage `partial`) inherits the clauses it does"
               " not report from its parent, and those count as **unreported**: not known to be"
               " kept, changed or dropped."),
             _("Only a removal that a source reports, or a clause absent from a *full* text,"
               " counts as removed. Where sources disagree about the same version, every claim"
               " is shown with its sources as *disputed*; none is picked."),
             _("Quotes are checked against the local copies of sources where one exists, and"
               " are shown in the language they were said in. Titles and texts in this edition"
               " are translations of the English, never quotes; where a translation is missing"
               " the English is shown, marked {badge}.").format(badge=md.escape(tr.badge())),
             _("Generated by plandiff {version}.").format(version=__version__), ""]
    if head.coverage.value == "partial" or base.coverage.value == "partial":
        lines += [_("Coverage here: {base} is {base_coverage}, {head} is {head_coverage}.")
                  .format(base=md.code(base.id),
                          base_coverage=i18n.pgettext("coverage", base.coverage.value),
                          head=md.code(head.id),
                          head_coverage=i18n.pgettext("coverage", head.coverage.value)), ""]
    return lines


def _sources(result: PlanDiff, items: list[ClauseDiff], style: ReportStyle,
             lines: list[str]) -> list[str]:
    """A footnote for every source that `lines` refer to, and for no other (GitHub drops a
    footnote that nothing refers to)."""
    refs = md.referenced(lines)
    shown = {k: v for k, v in result.sources.items() if md.footnote_id(k) in refs}
    if not shown:
        return []
    notes = md.footnotes(shown, md.collect_quotes(items), _quote_markup(style),
                         spans=style.html)
    return ["## " + _("Sources"), "", *notes, ""]


def render_markdown(result: PlanDiff, style: ReportStyle | None = None) -> str:
    style = style or ReportStyle()
    if not i18n.english():
        tr.use_terms(result.terms)
        return _render_translated(result, style)
    base, head = result.base, result.head
    top = [f"# Change report: {md.code(base.id)} → {md.code(head.id)}", "",
           f"How the clauses moved from *{md.escape(base.title)}* ({base.date.isoformat()}) to"
           f" *{md.escape(head.title)}* ({head.date.isoformat()}).", "",
           *_as_of(result),
           "## Versions", "", *_version_rows(base, head), "",
           *_about_versions(style, base, head),
           "## Summary", "", *md.summary_table(result)]
    keys = key_changes(result)
    if keys:
        top += ["## Key changes", "", *keys, ""]
    sections = [_with_notes(md.clause_section(item), _clause_notes(style, item))
                for item in result.changed]
    rest = []
    for kind, label in (("unchanged", "unchanged"), ("unreported", f"unreported by {head.id}")):
        items = [c for c in result.clauses if c.change == kind]
        if not items:
            continue
        body = md.clause_list(items, unreported=kind == "unreported")
        rest += _details(style, f"{md.plural(len(items), 'clause')} {label}", body)

    def assemble(kept: int) -> str:
        changed = result.changed[:kept]
        lines = list(top)
        if result.changed:
            lines += ["## Changed clauses", ""]
            for section in sections[:kept]:
                lines += section
        else:
            lines += ["No clause changed.", ""]
        omitted = len(sections) - kept
        if omitted:
            lines += [f"> **Report cut:** {md.plural(omitted, 'more changed clause')} did not fit"
                      f" GitHub's {GITHUB_COMMENT_LIMIT:,}-character limit. Run"
                      f" `plandiff report {base.id} {head.id} --format html` for the whole"
                      " report.", ""]
        lines += rest
        lines += positions.diff_markdown(result)
        # The sources last: GitHub and the HTML report render footnotes at the very end, so a
        # heading anywhere else stood empty, with the footnotes under the methods.
        sources = _sources(result, changed, style, lines)
        lines += _methods(result)
        lines += sources
        return "\n".join(lines).rstrip() + "\n"

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
        note = "\n\n> **Report cut** at GitHub's comment limit.\n"
        text = text[: style.limit - len(note)] + note
    return text


def _render_translated(result: PlanDiff, style: ReportStyle) -> str:
    """The report in another language: the same sections; every heading and line opens with a
    word of that language, so that GitHub's `dir=auto` and the reader see it right to left."""
    base, head = result.base, result.head
    spans = style.html
    top = ["# " + _("Change report: from {base} to {head}").format(base=md.code(base.id),
                                                                  head=md.code(head.id)), "",
           _("How the clauses moved from *{base}* ({base_date}) to *{head}* ({head_date}).")
           .format(base=md.field(base, "title", spans=spans), base_date=md.date(base.date),
                   head=md.field(head, "title", spans=spans), head_date=md.date(head.date)), "",
           *_as_of(result),
           "## " + _("Versions"), "", *_version_rows(base, head), "",
           *_about_versions(style, base, head),
           "## " + _("Summary"), "", *md.summary_table(result)]
    keys = key_changes(result, spans=spans)
    if keys:
        top += ["## " + _("Key changes"), "", *keys, ""]
    sections = [_with_notes(md.clause_section(item, spans=spans), _clause_notes(style, item))
                for item in result.changed]
    rest = []
    for kind, label in (("unchanged", _("unchanged")),
                        ("unreported", _("unreported by {version}").format(version=head.id))):
        items = [c for c in result.clauses if c.change == kind]
        if items:
            rest += _details(style, md.clauses(len(items), label),
                             md.clause_list(items, unreported=kind == "unreported"))
    lines = list(top)
    if result.changed:
        lines += ["## " + _("Changed clauses"), ""]
        for section in sections:
            lines += section
    else:
        lines += [_("No clause changed."), ""]
    lines += rest
    lines += positions.diff_markdown(result)
    sources = _sources(result, list(result.changed), style, lines)  # last, as in English
    lines += _methods(result)
    lines += sources
    text = "\n".join(lines).rstrip() + "\n"
    if i18n.rtl() and not style.html:
        # GitHub keeps <div dir="rtl">: tables, lists and paragraphs inside lay out right to left
        text = '<div dir="rtl">\n\n' + text + "\n</div>\n"
    if style.limit is not None and len(text) > style.limit:
        note = "\n\n> **" + _("Report cut at GitHub's comment limit.") + "**\n"
        text = text[: style.limit - len(note)] + note
    return text
