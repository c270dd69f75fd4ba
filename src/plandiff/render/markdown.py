"""GitHub-flavoured Markdown view of a PlanDiff. Every untrusted string goes through `escape`."""

from __future__ import annotations

from plandiff.core.diff import ClauseDiff, PlanDiff, TextChange
from plandiff.core.models import Version, citations_of
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import positions, values
from plandiff.render.cited import carried_sources, side_sources
from plandiff.render.markup import (  # the Markdown views take these from here too
    code,
    content,
    date,
    english,
    escape,
    field,
    footnote_id,
    footnotes,
    in_english,
    quote_plain,
    referenced,
    summary_code,
)

__all__ = ["code", "content", "date", "english", "escape", "field", "footnote_id", "footnotes",
           "in_english", "quote_plain", "referenced", "summary_code"]

_SYMBOLS = {"added": "+", "removed": "−", "modified": "~", "renamed": "→", "renumbered": "#",
            "unchanged": "=", "unreported": "?"}


def words(change: TextChange) -> str:
    return values.word_diff(change, same=escape, deleted=lambda w: f"~~{escape(w)}~~",
                            inserted=lambda w: f"**{escape(w)}**")


def title_of(loc: Locale, item: ClauseDiff, *, spans: bool = False) -> str:
    from plandiff.render.terminal import clause_title

    text, ok = clause_title(loc, item)
    return content(loc, text, ok, spans=spans)


def kind(loc: Locale, change: str) -> str:
    return loc.pgettext("change", change)


def _number(value: int | str | None) -> str:
    return "?" if value is None else escape(str(value))


def _cite_refs(loc: Locale, ids: list[str]) -> str:
    return loc._(", ").join(f"[^{footnote_id(s)}]" for s in ids) or loc._("none")


def summary_table(loc: Locale, result: PlanDiff) -> list[str]:
    """The change counts as a one-row table, then what the head confirms and only carries."""
    lines = ["| " + " | ".join(loc.pgettext("summary", k) for k in result.summary) + " |",
             "|" + "---:|" * len(result.summary),
             "| " + " | ".join(values.count(loc, v) for v in result.summary.values()) + " |", ""]
    kept = values.kept_in_sentence(loc, result)
    if kept:
        lines += [loc._("Of the clauses {head} lists, {kept} unchanged (a carried value is one the"
                    " head does not state itself: it is shown with “carried from VERSION”).")
                  .format(head=code(result.head.id), kept=escape(kept)), ""]
    return lines


def clause_section(loc: Locale, item: ClauseDiff, level: int = 3, *, show_all: bool = False,
                   spans: bool = False) -> list[str]:
    title = f" — {title_of(loc, item, spans=spans)}" if item.title else ""
    # Arabic puts the change kind first: a heading that opens with a Latin id reads left to right.
    lines = [f"{'#' * level} " + loc._("{symbol} {id}{title} ({change})").format(
        symbol=_SYMBOLS[item.change], id=code(item.id), title=title,
        change=kind(loc, item.change)), ""]
    facts = []
    if item.old_id:
        facts.append(loc._("Renamed from {id}.").format(id=code(item.old_id)))
    old_number, new_number = item.number
    both_known = old_number is not None and new_number is not None
    old_in, new_in = item.reported_in
    if both_known and old_number != new_number and item.change not in ("added", "removed"):
        facts.append(loc._("Number: {old} → {new}.").format(old=_number(old_number),
                                                          new=_number(new_number)))
    elif new_number is not None:
        facts.append(loc._("Number: {number}.").format(number=_number(new_number)))
    elif old_number is not None:  # the base's numbering: say so, the head gives none
        gives = "" if item.change == "removed" else loc._("; {version} gives none").format(
            version=code(new_in or ""))
        facts.append(loc._("Number: {number} (as numbered in {version}{gives}).").format(
            number=_number(old_number), version=code(old_in or ""), gives=gives))
    if item.topic:
        facts.append(loc._("Topic: {topic}.").format(topic=escape(item.topic),
                                                     code=code(item.topic)))
    if facts:
        lines += [" ".join(facts), ""]
    shown_terms = item.terms if item.change != "removed" else ()  # removed: they go with it
    kept = values.kept_shown(item, show_all=show_all)
    for term in shown_terms:
        lines.append(f"- **{escape(values.term_line(loc, term))}**")
    for term in kept:
        lines.append(f"- {escape(values.term_line(loc, term))}")
    if shown_terms or kept:
        lines.append("")
    from plandiff.render.terminal import clause_text_change

    text_change, text_ok = clause_text_change(loc, item)
    if text_change is not None:
        note = (loc._(" (cosmetic: white space, punctuation or case only)") if text_change.cosmetic
                else "")
        diffed = words(text_change)
        if not text_ok:
            diffed = content(loc, diffed, False, spans=spans) if spans else (
                f"{escape(loc.badge())} {diffed}")
        lines += [loc._("Text{note}: {words}").format(note=note, words=diffed), ""]
        for shift in item.text.obligation if item.text is not None else ():
            lines += [loc._("> ⚠ Obligation {shift}").format(shift=escape(shift)), ""]
    elif item.change == "added" and item.new is not None:
        lines += [loc._("Text: {text}").format(
            text=field(loc, item.new.clause, "text", spans=spans)), ""]
    elif item.change == "removed" and item.old is not None:
        lines += [loc._("Text (as it stood): {text}").format(
            text=field(loc, item.old.clause, "text", spans=spans)), ""]
    old_cites, new_cites = side_sources(item)  # the sources of disputed claims too
    if item.change == "removed" and item.new is None:
        lines.append(loc._("Sources: absent from the head version, which lists every clause"
                       " (was {sources}).").format(sources=_cite_refs(loc, old_cites)))
    elif item.change == "removed":
        lines.append(loc.ngettext("Sources: removal reported by {sources} (in {version}).",
                                  "Sources: removal reported by {sources} (in {version}).",
                                  len(new_cites)).format(
            sources=_cite_refs(loc, new_cites), version=code(new_in or "")))
    elif item.change == "added":
        lines.append(loc._("Sources: {sources}.").format(sources=_cite_refs(loc, new_cites)))
    else:
        lines.append(loc._("Sources: old {old} ({old_in}), new {new} ({new_in}).").format(
            old=_cite_refs(loc, old_cites), old_in=code(old_in or ""),
            new=_cite_refs(loc, new_cites),
            new_in=code(new_in or "")))
    comma, none = loc._(", "), loc._("none")
    carried = [f"{comma.join(f'[^{footnote_id(s)}]' for s in sources) or none}"
               f" ({code(version)})"
               for version, sources in carried_sources([*shown_terms, *kept]).items()]
    if carried:
        lines[-1] += loc._(" Carried values: {sources}.").format(sources=loc._(", ").join(carried))
    lines.append("")
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def clauses(loc: Locale, count: int, what: str = "") -> str:
    """'3 clauses unchanged' and the like."""
    shown = loc.ngettext("{count} clause", "{count} clauses", count).format(
        count=values.count(loc, count))
    return f"{shown} {what}" if what else shown


def clause_list(loc: Locale, items: list[ClauseDiff], *, unreported: bool = False) -> list[str]:
    """One line per clause: id, title and, for unreported ones, where it was last reported."""
    lines = []
    for item in items:
        title = f" — {title_of(loc, item)}" if item.title else ""
        last = item.reported_in[1] or item.reported_in[0]
        where = (loc._(" (last reported in {version})").format(version=code(last))
                 if unreported and last else "")
        lines.append(f"- {code(item.id)}{title}{where}")
    return lines


def collect_quotes(items: list[ClauseDiff]) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    for item in items:
        for side in (item.old, item.new):
            for cite in citations_of(side.clause) if side is not None else ():
                if cite.quote:
                    quotes.setdefault(cite.source, []).append(cite.quote)
    return quotes


def _row(label: str, base: str, head: str) -> str:
    return f"| {label} | {base} | {head} |"


def _version_rows(loc: Locale, base: Version, head: Version) -> list[str]:
    return [
        _row("", loc._("Base"), loc._("Head")).replace("|  |", "| |", 1),
        "|---|---|---|",
        _row(loc._("Version"), f"{code(base.id)} {field(loc, base, 'title')}",
             f"{code(head.id)} {field(loc, head, 'title')}"),
        _row(loc._("Date"), date(loc, base.date), date(loc, head.date)),
        _row(loc._("Status"), loc.pgettext("status", base.status.value),
             loc.pgettext("status", head.status.value)),
        _row(loc._("Coverage"), loc.pgettext("coverage", base.coverage.value),
             loc.pgettext("coverage", head.coverage.value)),
    ]


def render(result: PlanDiff, *, show_all: bool = False, loc: Locale = ENGLISH) -> str:
    """The diff as GitHub-flavoured Markdown, in the language of `loc`."""
    loc = loc.with_terms(result.terms, result.positions)
    base, head = result.base, result.head
    lines = ["# " + loc.pgettext("title", "{base} → {head}").format(base=code(base.id),
                                                                     head=code(head.id)), ""]
    lines += [*_version_rows(loc, base, head), ""]
    lines += summary_table(loc, result)
    changed = result.changed
    if changed:
        lines += ["## " + loc._("Changes"), ""]
        for item in changed:
            lines += clause_section(loc, item, show_all=show_all)
    else:
        lines += [loc._("No clause changed."), ""]
    unchanged = [c for c in result.clauses if c.change == "unchanged"]
    unreported = [c for c in result.clauses if c.change == "unreported"]
    for items, what, late in ((unchanged, loc._("unchanged"), False),
                              (unreported, loc._("unreported by {version}").format(
                                  version=summary_code(head.id)), True)):
        if show_all and items:
            lines += [f"<details><summary>{clauses(loc, len(items), what)}</summary>", "",
                      *clause_list(loc, items, unreported=late), "", "</details>", ""]
    if not show_all and (unchanged or unreported):
        lines += [loc._("{unchanged} and {unreported} not listed (use `--all`).").format(
            unchanged=loc.ngettext("{count} unchanged clause", "{count} unchanged clauses",
                                   len(unchanged)).format(count=loc.count(len(unchanged))),
            unreported=loc.ngettext("{count} unreported clause", "{count} unreported clauses",
                                    len(unreported)).format(count=loc.count(len(unreported)))),
            ""]
    lines += positions.diff_markdown(loc, result)
    refs = referenced(lines)
    shown = {k: v for k, v in result.sources.items() if footnote_id(k) in refs}
    if shown:
        lines += ["## " + loc._("Sources"), "", *footnotes(loc, shown, collect_quotes(changed)),
                  ""]
    return "\n".join(lines).rstrip() + "\n"
