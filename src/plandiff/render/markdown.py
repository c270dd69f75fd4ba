"""GitHub-flavoured Markdown view of a PlanDiff. Every untrusted string goes through `escape`."""

from __future__ import annotations

import re
from collections.abc import Callable

from plandiff.core.diff import ClauseDiff, PlanDiff, TextChange, citations_of
from plandiff.core.hidden_characters import is_web_url, make_visible
from plandiff.core.models import Source, Version
from plandiff.render import positions, values
from plandiff.render.cited import carried_sources, side_sources

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#!|~&$])")
_LINE_START = re.compile(r"^(\d+)([.)])")
_MERMAID = str.maketrans({'"': "'", "`": "'", "<": "‹", ">": "›", "#": "＃"})
_SYMBOLS = {"added": "+", "removed": "−", "modified": "~", "renamed": "→", "renumbered": "#",
            "unchanged": "=", "unreported": "?"}


def escape(text: str | None, *, mermaid: bool = False) -> str:
    """Text that renders as itself: no markup, links, HTML, mentions' markup or line structure;
    hidden characters shown as ⟨U+202E⟩. The one escape of every field that reaches Markdown.
    With `mermaid`, text for a quoted label in a Mermaid chart: on one line (so it cannot close
    the fence), with no quote, backtick, tag or entity code (#35;) of Mermaid's."""
    if not text:
        return ""
    text = " ".join(make_visible(text).split())
    if mermaid:
        return text.translate(_MERMAID)
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("@", "@\u200b")  # no @-mentions from clause text in a PR comment
    return _LINE_START.sub(r"\1\\\2", text)


def code(text: str) -> str:
    """Inline code for ids; backticks inside are impossible for slugs but handled anyway."""
    clean = " ".join(make_visible(str(text)).split()).replace("`", "'")
    return f"`{clean}`"


def words(change: TextChange) -> str:
    return values.word_diff(change, same=escape, deleted=lambda w: f"~~{escape(w)}~~",
                            inserted=lambda w: f"**{escape(w)}**")


def _number(value: int | str | None) -> str:
    return "?" if value is None else escape(str(value))


def _cite_refs(ids: list[str]) -> str:
    return ", ".join(f"[^{footnote_id(s)}]" for s in ids) or "none"


_REF = re.compile(r"\[\^([a-z0-9-]+)\](?!:)")


def referenced(lines: list[str]) -> set[str]:
    """The footnote labels that `lines` refer to: a footnote nothing refers to is dropped by
    GitHub, so only these get one."""
    return {match.group(1) for line in lines for match in _REF.finditer(line)}


def footnote_id(source_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", source_id)


def _version_table(base: Version, head: Version) -> list[str]:
    rows = [
        "| | Base | Head |",
        "|---|---|---|",
        f"| Version | {code(base.id)} {escape(base.title)} |"
        f" {code(head.id)} {escape(head.title)} |",
        f"| Date | {base.date.isoformat()} | {head.date.isoformat()} |",
        f"| Status | {base.status.value} | {head.status.value} |",
        f"| Coverage | {base.coverage.value} | {head.coverage.value} |",
    ]
    return rows


def summary_table(result: PlanDiff) -> list[str]:
    """The change counts as a one-row table, then what the head confirms and only carries."""
    lines = ["| " + " | ".join(result.summary) + " |",
             "|" + "---:|" * len(result.summary),
             "| " + " | ".join(str(v) for v in result.summary.values()) + " |", ""]
    kept = values.kept_summary(result)
    if kept:
        lines += [f"Of the clauses {code(result.head.id)} lists, {escape(kept)} unchanged (a"
                  " carried value is one the head does not state itself: it is shown with"
                  " “carried from VERSION”).", ""]
    return lines


def clause_section(item: ClauseDiff, level: int = 3, *, show_all: bool = False) -> list[str]:
    title = f" — {escape(item.title)}" if item.title else ""
    lines = [f"{'#' * level} {_SYMBOLS[item.change]} {code(item.id)}{title} ({item.change})", ""]
    facts = []
    if item.old_id:
        facts.append(f"Renamed from {code(item.old_id)}.")
    old_number, new_number = item.number
    both_known = old_number is not None and new_number is not None
    old_in, new_in = item.reported_in
    if both_known and old_number != new_number and item.change not in ("added", "removed"):
        facts.append(f"Number: {_number(old_number)} → {_number(new_number)}.")
    elif new_number is not None:
        facts.append(f"Number: {_number(new_number)}.")
    elif old_number is not None:  # the base's numbering: say so, the head gives none
        gives = "" if item.change == "removed" else f"; {code(new_in or '')} gives none"
        facts.append(f"Number: {_number(old_number)} (as numbered in {code(old_in or '')}"
                     f"{gives}).")
    if item.topic:
        facts.append(f"Topic: {escape(item.topic)}.")
    if facts:
        lines += [" ".join(facts), ""]
    shown_terms = item.terms if item.change != "removed" else ()  # removed: they go with it
    kept = values.kept_shown(item, show_all=show_all)
    for term in shown_terms:
        lines.append(f"- **{escape(values.term_line(term))}**")
    for term in kept:
        lines.append(f"- {escape(values.term_line(term))}")
    if shown_terms or kept:
        lines.append("")
    if item.text is not None:
        note = " (cosmetic: white space, punctuation or case only)" if item.text.cosmetic else ""
        lines += [f"Text{note}: {words(item.text)}", ""]
        for shift in item.text.obligation:
            lines += [f"> ⚠ Obligation {escape(shift)}", ""]
    elif item.change == "added" and item.new is not None:
        lines += [f"Text: {escape(item.new.clause.text)}", ""]
    elif item.change == "removed" and item.old is not None:
        lines += [f"Text (as it stood): {escape(item.old.clause.text)}", ""]
    old_cites, new_cites = side_sources(item)  # the sources of disputed claims too
    if item.change == "removed" and item.new is None:
        lines.append("Sources: absent from the head version, which lists every clause"
                     f" (was {_cite_refs(old_cites)}).")
    elif item.change == "removed":
        lines.append(f"Sources: removal reported by {_cite_refs(new_cites)}"
                     f" (in {code(new_in or '')}).")
    elif item.change == "added":
        lines.append(f"Sources: {_cite_refs(new_cites)}.")
    else:
        lines.append(f"Sources: old {_cite_refs(old_cites)} ({code(old_in or '')}),"
                     f" new {_cite_refs(new_cites)} ({code(new_in or '')}).")
    carried = [f"{', '.join(f'[^{footnote_id(s)}]' for s in sources) or 'none'}"
               f" ({code(version)})"
               for version, sources in carried_sources([*shown_terms, *kept]).items()]
    if carried:
        lines[-1] += f" Carried values: {', '.join(carried)}."
    lines.append("")
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def clause_list(items: list[ClauseDiff], *, unreported: bool = False) -> list[str]:
    """One line per clause: id, title and, for unreported ones, where it was last reported."""
    lines = []
    for item in items:
        title = f" — {escape(item.title)}" if item.title else ""
        last = item.reported_in[1] or item.reported_in[0]
        where = f" (last reported in {code(last)})" if unreported and last else ""
        lines.append(f"- {code(item.id)}{title}{where}")
    return lines


def _listing(items: list[ClauseDiff], label: str, *, unreported: bool = False) -> list[str]:
    if not items:
        return []
    return [f"<details><summary>{plural(len(items), 'clause')} {label}</summary>", "",
            *clause_list(items, unreported=unreported), "", "</details>", ""]


def quote_plain(quote: str) -> str:
    return f"“{escape(quote)}”"


def footnotes(sources: dict[str, Source], quotes: dict[str, list[str]],
              quote_markup: Callable[[str], str] = quote_plain) -> list[str]:
    lines = []
    for source_id, source in sources.items():
        parts = [escape(source.outlet)]
        if source.title:
            parts.append(f"“{escape(source.title)}”")
        parts.append(source.date.isoformat() if source.date else "undated")
        if source.url and is_web_url(source.url):
            parts.append(f"<{source.url}>")
        elif source.url:
            parts.append(escape(source.url))
        if source.file:
            parts.append(f"local copy {code(source.file)}")
        if source.reliability:
            parts.append(f"reliability: {source.reliability.value}")
        text = ", ".join(parts)
        for quote in list(dict.fromkeys(quotes.get(source_id, [])))[:3]:
            text += f" — {quote_markup(quote)}"
        # The id first: markers are numbers on GitHub, and the text cites sources by id.
        lines.append(f"[^{footnote_id(source_id)}]: {code(source_id)}: {text}")
    return lines


def collect_quotes(items: list[ClauseDiff]) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    for item in items:
        for side in (item.old, item.new):
            for cite in citations_of(side.clause) if side is not None else ():
                if cite.quote:
                    quotes.setdefault(cite.source, []).append(cite.quote)
    return quotes


def render(result: PlanDiff, *, show_all: bool = False) -> str:
    base, head = result.base, result.head
    lines = [f"# {code(base.id)} → {code(head.id)}", ""]
    lines += [*_version_table(base, head), ""]
    lines += summary_table(result)
    changed = result.changed
    if changed:
        lines += ["## Changes", ""]
        for item in changed:
            lines += clause_section(item, show_all=show_all)
    else:
        lines += ["No clause changed.", ""]
    unchanged = [c for c in result.clauses if c.change == "unchanged"]
    unreported = [c for c in result.clauses if c.change == "unreported"]
    if show_all:
        lines += _listing(unchanged, "unchanged")
        lines += _listing(unreported, f"unreported by {code(head.id)}", unreported=True)
    elif unchanged or unreported:
        lines += [f"{plural(len(unchanged), 'unchanged clause')} and"
                  f" {plural(len(unreported), 'unreported clause')} not listed (use `--all`).", ""]
    lines += positions.diff_markdown(result)
    refs = referenced(lines)
    shown = {k: v for k, v in result.sources.items() if footnote_id(k) in refs}
    if shown:
        lines += ["## Sources", "", *footnotes(shown, collect_quotes(changed)), ""]
    return "\n".join(lines).rstrip() + "\n"
