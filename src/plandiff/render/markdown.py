"""GitHub-flavoured Markdown view of a PlanDiff. Every untrusted string goes through `escape`."""

from __future__ import annotations

import re
from collections.abc import Callable

from plandiff import i18n
from plandiff.core.diff import ClauseDiff, PlanDiff, TextChange, citations_of
from plandiff.core.hidden_characters import is_web_url, make_visible
from plandiff.core.models import Source, Version
from plandiff.i18n import _, pgettext
from plandiff.i18n import content as tr
from plandiff.render import positions, values
from plandiff.render.cited import carried_sources, side_sources

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#!|~&$])")
_LINE_START = re.compile(r"^(\d+)([.)])")
# What GitHub's autolink extension turns into a link without any markup: `scheme://` and `www.`.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?i:(?<![A-Za-z0-9])www)(\.)")
_MERMAID = str.maketrans({'"': "'", "`": "'", "<": "‹", ">": "›", "#": "＃"})
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
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
    text = _AUTOLINK.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)  # `https\://`, `www\.`
    text = text.replace("@", "@\u200b")  # no @-mentions from clause text in a PR comment
    return _LINE_START.sub(r"\1\\\2", text)


def code(text: str) -> str:
    """Inline code for ids; backticks inside are impossible for slugs but handled anyway."""
    clean = " ".join(make_visible(str(text)).split()).replace("`", "'")
    return f"`{clean}`"


def words(change: TextChange) -> str:
    return values.word_diff(change, same=escape, deleted=lambda w: f"~~{escape(w)}~~",
                            inserted=lambda w: f"**{escape(w)}**")


def content(text: str | None, ok: bool, *, spans: bool = False) -> str:
    """Plan content, escaped: the English badged where a translation was asked for and is
    missing, and with `spans` (the HTML report) isolated left to right."""
    shown = escape(text)
    if ok or not shown:
        return shown
    if spans:
        shown = f"[{shown}]{{dir=ltr lang=en}}"
    return f"{escape(tr.badge())} {shown}"


def field(obj: object, name: str, *, spans: bool = False) -> str:
    text, ok = tr.field(obj, name)
    return content(text, ok, spans=spans)


def title_of(item: ClauseDiff, *, spans: bool = False) -> str:
    from plandiff.render.terminal import clause_title

    text, ok = clause_title(item)
    return content(text, ok, spans=spans)


def date(value: object) -> str:
    """An ISO date in English; the language's long form in another."""
    import datetime as dt

    assert isinstance(value, dt.date)
    return value.isoformat() if i18n.english() else i18n.date(value)


def kind(change: str) -> str:
    return change if i18n.english() else pgettext("change", change)


def _number(value: int | str | None) -> str:
    return "?" if value is None else escape(str(value))


def _cite_refs(ids: list[str]) -> str:
    return _(", ").join(f"[^{footnote_id(s)}]" for s in ids) or _("none")


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
    lines = ["| " + " | ".join(kind(k) for k in result.summary) + " |",
             "|" + "---:|" * len(result.summary),
             "| " + " | ".join(values.count(v) for v in result.summary.values()) + " |", ""]
    kept = values.kept_summary(result)
    if kept:
        lines += [_("Of the clauses {head} lists, {kept} unchanged (a carried value is one the"
                    " head does not state itself: it is shown with “carried from VERSION”).")
                  .format(head=code(result.head.id), kept=escape(kept)), ""]
    return lines


def clause_section(item: ClauseDiff, level: int = 3, *, show_all: bool = False,
                   spans: bool = False) -> list[str]:
    title = f" — {title_of(item, spans=spans)}" if item.title else ""
    if i18n.english():
        lines = [f"{'#' * level} {_SYMBOLS[item.change]} {code(item.id)}{title} ({item.change})",
                 ""]
    else:  # the change kind first: a heading that opens with a Latin id reads left to right
        lines = [f"{'#' * level} {_SYMBOLS[item.change]} {kind(item.change)}:"
                 f" {code(item.id)}{title}", ""]
    facts = []
    if item.old_id:
        facts.append(_("Renamed from {id}.").format(id=code(item.old_id)))
    old_number, new_number = item.number
    both_known = old_number is not None and new_number is not None
    old_in, new_in = item.reported_in
    if both_known and old_number != new_number and item.change not in ("added", "removed"):
        facts.append(_("Number: {old} → {new}.").format(old=_number(old_number),
                                                          new=_number(new_number)))
    elif new_number is not None:
        facts.append(_("Number: {number}.").format(number=_number(new_number)))
    elif old_number is not None:  # the base's numbering: say so, the head gives none
        gives = "" if item.change == "removed" else _("; {version} gives none").format(
            version=code(new_in or ""))
        facts.append(_("Number: {number} (as numbered in {version}{gives}).").format(
            number=_number(old_number), version=code(old_in or ""), gives=gives))
    if item.topic:
        facts.append(_("Topic: {topic}.").format(topic=escape(item.topic)))
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
    from plandiff.render.terminal import clause_text_change

    text_change, text_ok = clause_text_change(item)
    if text_change is not None:
        note = (_(" (cosmetic: white space, punctuation or case only)") if text_change.cosmetic
                else "")
        diffed = words(text_change)
        if not text_ok:
            diffed = content(diffed, False, spans=spans) if spans else (
                f"{escape(tr.badge())} {diffed}")
        lines += [_("Text{note}: {words}").format(note=note, words=diffed), ""]
        for shift in item.text.obligation if item.text is not None else ():
            lines += [_("> ⚠ Obligation {shift}").format(shift=escape(shift)), ""]
    elif item.change == "added" and item.new is not None:
        lines += [_("Text: {text}").format(text=field(item.new.clause, "text", spans=spans)), ""]
    elif item.change == "removed" and item.old is not None:
        lines += [_("Text (as it stood): {text}").format(
            text=field(item.old.clause, "text", spans=spans)), ""]
    old_cites, new_cites = side_sources(item)  # the sources of disputed claims too
    if item.change == "removed" and item.new is None:
        lines.append(_("Sources: absent from the head version, which lists every clause"
                       " (was {sources}).").format(sources=_cite_refs(old_cites)))
    elif item.change == "removed":
        lines.append(_("Sources: removal reported by {sources} (in {version}).").format(
            sources=_cite_refs(new_cites), version=code(new_in or "")))
    elif item.change == "added":
        lines.append(_("Sources: {sources}.").format(sources=_cite_refs(new_cites)))
    else:
        lines.append(_("Sources: old {old} ({old_in}), new {new} ({new_in}).").format(
            old=_cite_refs(old_cites), old_in=code(old_in or ""), new=_cite_refs(new_cites),
            new_in=code(new_in or "")))
    comma, none = _(", "), _("none")
    carried = [f"{comma.join(f'[^{footnote_id(s)}]' for s in sources) or none}"
               f" ({code(version)})"
               for version, sources in carried_sources([*shown_terms, *kept]).items()]
    if carried:
        lines[-1] += _(" Carried values: {sources}.").format(sources=_(", ").join(carried))
    lines.append("")
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def clauses(count: int, what: str = "") -> str:
    """'3 clauses unchanged' and the like, in the active language (English: `plural`)."""
    if i18n.english():
        return plural(count, "clause") + (f" {what}" if what else "")
    shown = i18n.ngettext("{count} clause", "{count} clauses", count).format(
        count=values.count(count))
    return f"{shown} {what}" if what else shown


def clause_list(items: list[ClauseDiff], *, unreported: bool = False) -> list[str]:
    """One line per clause: id, title and, for unreported ones, where it was last reported."""
    lines = []
    for item in items:
        title = f" — {title_of(item)}" if item.title else ""
        last = item.reported_in[1] or item.reported_in[0]
        where = (_(" (last reported in {version})").format(version=code(last))
                 if unreported and last else "")
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
              quote_markup: Callable[[str], str] = quote_plain, *,
              spans: bool = False) -> list[str]:
    if not i18n.english():
        return _footnotes_translated(sources, quotes, quote_markup, spans=spans)
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


def _footnotes_translated(sources: dict[str, Source], quotes: dict[str, list[str]],
                          quote_markup: Callable[[str], str], *, spans: bool) -> list[str]:
    """Footnotes in another language: plandiff's words translated; the outlet, the title and
    the quotes as the source wrote them, each labelled with the source's language (with
    `spans`, the HTML report, each isolated in its own direction)."""
    def own(text: str) -> str:
        shown = escape(text)
        if not spans or not shown:
            return shown
        if _RTL.search(text):
            return f"[{shown}]{{dir=rtl lang=ar}}"
        return f"[{shown}]{{dir=ltr}}"

    lines = []
    for source_id, source in sources.items():
        tongue = i18n.quote_language_name(source.language)
        parts = [own(source.outlet)]
        if source.title:
            parts.append(own(f"“{source.title}”"))
        parts.append(date(source.date) if source.date else _("undated"))
        if source.url and is_web_url(source.url):
            parts.append(f"<{source.url}>")
        elif source.url:
            parts.append(escape(source.url))
        if source.file:
            parts.append(_("local copy {file}").format(file=code(source.file)))
        if source.reliability:
            parts.append(_("reliability: {level}").format(
                level=pgettext("reliability", source.reliability.value)))
        text = _(", ").join(parts)
        said = list(dict.fromkeys(quotes.get(source_id, [])))[:3]
        for quote in said:
            text += f" — {quote_markup(quote)}"
        if source.language and source.language != i18n.language():
            text += " " + _("(in {language})").format(language=escape(tongue))
        # A word of the language first («المصدر `112`»): GitHub gives each footnote dir=auto,
        # which a leading Latin id turned left to right (and a date «21 2025 نوفمبر»).
        named = _("Source {source}").format(source=code(source_id))
        lines.append(f"[^{footnote_id(source_id)}]: {named}: {text}")
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
    if not i18n.english():
        tr.use_terms(result.terms)
        return _render_translated(result, show_all=show_all)
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


def _row(label: str, base: str, head: str) -> str:
    return f"| {label} | {base} | {head} |"


def _version_rows(base: Version, head: Version) -> list[str]:
    return [
        _row("", _("Base"), _("Head")).replace("|  |", "| |", 1),
        "|---|---|---|",
        _row(_("Version"), f"{code(base.id)} {field(base, 'title')}",
             f"{code(head.id)} {field(head, 'title')}"),
        _row(_("Date"), date(base.date), date(head.date)),
        _row(_("Status"), pgettext("status", base.status.value),
             pgettext("status", head.status.value)),
        _row(_("Coverage"), pgettext("coverage", base.coverage.value),
             pgettext("coverage", head.coverage.value)),
    ]


def _render_translated(result: PlanDiff, *, show_all: bool = False) -> str:
    """`render` in another language: the same sections, headings that open with words."""
    base, head = result.base, result.head
    lines = ["# " + _("Changes from {base} to {head}").format(base=code(base.id),
                                                              head=code(head.id)), ""]
    lines += [*_version_rows(base, head), ""]
    lines += summary_table(result)
    changed = result.changed
    if changed:
        lines += ["## " + _("Changes"), ""]
        for item in changed:
            lines += clause_section(item, show_all=show_all)
    else:
        lines += [_("No clause changed."), ""]
    unchanged = [c for c in result.clauses if c.change == "unchanged"]
    unreported = [c for c in result.clauses if c.change == "unreported"]
    for items, what, late in ((unchanged, _("unchanged"), False),
                              (unreported, _("unreported by {version}").format(
                                  version=code(head.id)), True)):
        if show_all and items:
            lines += [f"<details><summary>{clauses(len(items), what)}</summary>", "",
                      *clause_list(items, unreported=late), "", "</details>", ""]
    if not show_all and (unchanged or unreported):
        lines += [_("{unchanged} and {unreported} not listed (use `--all`).").format(
            unchanged=clauses(len(unchanged), _("unchanged")),
            unreported=clauses(len(unreported), _("unreported"))), ""]
    lines += positions.diff_markdown(result)
    refs = referenced(lines)
    shown = {k: v for k, v in result.sources.items() if footnote_id(k) in refs}
    if shown:
        lines += ["## " + _("Sources"), "", *footnotes(shown, collect_quotes(changed)), ""]
    return "\n".join(lines).rstrip() + "\n"
