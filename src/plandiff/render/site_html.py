"""HTML pieces of the static site: escaping, tables, badges and inline-SVG charts (no script)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable
from typing import Any

from plandiff.core.diff import TextChange
from plandiff.core.hidden_characters import make_visible
from plandiff.core.history import HistoryPoint
from plandiff.core.models import is_slug
from plandiff.i18n import Locale
from plandiff.render.report import LATIN_RUN, RTL_SCRIPT
from plandiff.render.values import word_diff

SITE_CSS = """
body { max-width: 68rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .2rem .5rem; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem;
  margin: 0 0 1rem; padding: 0 0 .4rem; border-bottom: 1px solid var(--line); font-weight: 600; }
header nav li { white-space: nowrap; }
header nav a { overflow-wrap: normal; }
.meta { color: var(--muted); }
.date { white-space: nowrap; }
caption { text-align: left; color: var(--muted); padding: .3rem 0; }
.scroll { overflow-x: auto; }
.scroll caption { position: sticky; inset-inline-start: 0; max-width: calc(100vw - 2rem); }
code, .id { white-space: nowrap; }
a:has(> code), .id { overflow-wrap: normal; }
table.grid { font-size: .86rem; }
table.grid td, table.grid th { min-width: 8rem; }
th[scope=row] { white-space: nowrap; }
table.positions { font-size: .86rem; }
table.positions td { min-width: 9rem; }
table.positions th[scope=row] { white-space: normal; min-width: 10rem; }
td.sides.apart { background: #fff8c5; }
td.sides.converged { background: var(--ins); }
.verb { font-style: italic; }
.tree { color: var(--muted); }
.state { display: inline-block; font-size: .8rem; font-weight: 650; border: 1px solid currentColor;
  border-radius: 3px; padding: 0 .25rem; }
.unreported, .absent { color: var(--muted); }
td.unreported, td.absent { background: repeating-linear-gradient(135deg, #fff 0 6px,
  #f3f4f6 6px 8px); }
td.carried, .key.carried { background: repeating-linear-gradient(135deg, #fff 0 6px,
  #eef1f4 6px 8px); outline: 1px dashed #8c959f; outline-offset: -3px; }
span.carried { color: var(--muted); font-style: italic; }
.legend .key { display: inline-block; padding: 0 .3rem; }
.key.disputed { background: #fff8c5; }
td.removed { background: var(--del); }
td.disputed { background: #fff8c5; }
.claims { margin: 0; padding-left: 1.1rem; }
.moved { color: var(--muted); font-size: .8rem; }
section.clause { border-top: 1px solid var(--line); margin-top: 1.5rem; }
section.clause h2, section.source h2 { border: 0; }
.cites { font-size: .92rem; }
figure { margin: 1rem 0; }
textarea { max-width: 100%; }
figcaption { color: var(--muted); font-size: .9rem; }
svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
ins { background: var(--ins); text-decoration: underline; }
@media print {
  header, .skip { display: none; }
  .scroll { overflow: visible; }
  table.grid { font-size: 8pt; }
  tr, section.clause, section.source, figure { break-inside: avoid; }
  section.source a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; }
}
"""


_NON_LATIN = re.compile("[\u0370-\u1fff\u3000-\u9fff]")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def esc(text: object) -> str:
    """Plan text as HTML: escaped, with bidirectional-control and invisible characters shown."""
    return html.escape(make_visible(str(text)), quote=True)


def file_name(identifier: str) -> str:
    """A file or anchor name for an id: the id itself when it is a slug (all valid plans)."""
    if is_slug(identifier):
        return identifier
    return "x-" + hashlib.sha256(identifier.encode()).hexdigest()[:16]


def _lang_attrs(text: str, language: str | None = None) -> str:
    """Arabic script reads right to left; other non-Latin text takes its source's language.
    Latin text is left in English: sources' titles and some quotes are translations."""
    if RTL_SCRIPT.search(text):
        return ' dir="rtl" lang="ar"'
    if language and _LANG.fullmatch(language) and _NON_LATIN.search(text):
        return f' lang="{language}"'
    return ""


def quoted(loc: Locale, text: str, language: str | None = None) -> str:
    """A quote in its own words and language, isolated left to right on a right-to-left page."""
    attrs = _lang_attrs(text, language)
    inner = esc(" ".join(text.split()))
    if loc.rtl and not RTL_SCRIPT.search(text):  # marks and words isolated left to right
        return f'<span dir="ltr"{_lang_only(language)}>“{inner}”</span>'
    if loc.rtl:  # an Arabic quotation on an Arabic page: the Arabic press's «» around it
        return f"«<span{attrs}>{inner}</span>»"
    return f"“<span{attrs}>{inner}</span>”" if attrs else f"“{inner}”"


def foreign(loc: Locale, text: str, language: str | None = None) -> str:
    attrs = _lang_attrs(text, language)
    if loc.rtl and not RTL_SCRIPT.search(text):
        return f'<span dir="ltr"{_lang_only(language)}>{esc(text)}</span>'
    return f"<span{attrs}>{esc(text)}</span>" if attrs else esc(text)


def outlet_html(loc: Locale, source: Any, language: str | None = None, *,
                marks: bool = True) -> str:
    """A source's (known) outlet on a page: in English as written; in another language as that
    language's press writes it (plans/sources.yaml), in the edition's quotation marks unless
    `marks` is False (a heading), else the English name, marked and isolated."""
    if loc.english:
        return foreign(loc, source.outlet, language)
    name, named = loc.outlet_of(source)
    if not named or not name:
        return f"{esc(loc.badge())} {foreign(loc, source.outlet, language)}"
    # a name kept in Latin letters isolated left to right, and so the Latin inside an Arabic one
    # («إم تي إس (mts.kg)»)
    shown = (isolated(loc, name, LATIN_RUN.findall(name))
             if loc.rtl and RTL_SCRIPT.search(name) else foreign(loc, name))
    if not marks:
        return shown
    return f"«{shown}»" if loc.rtl else f"“{shown}”"


def source_title_html(loc: Locale, source: Any) -> list[str]:
    """A source's title as paragraphs: its own headline in its language when it has one; then,
    in another language, the title's rendering labelled as a translation (never in quotation
    marks: it is not the headline), or the English title: labelled as a translated description
    where it describes a headline or a source in another language, else quoted."""
    from plandiff.render.markup import title_shown

    headline = ([f"<p>{quoted(loc, source.headline, source.language)}</p>"] if source.headline
                else [])
    title, shown_as = title_shown(loc, source)
    if shown_as == "translation":
        label = esc(loc._("[translation]"))
        return [*headline, f'<p><span class="meta">{label}</span> {esc(title)}</p>']
    if shown_as == "title":
        return [*headline, f"<p>{quoted(loc, source.title, source.language)}</p>"]
    if shown_as != "description":
        return headline
    described = esc(loc._("Translated description"))
    if not loc.english:  # marked as English
        return [*headline, f'<p class="meta">{described}: <span lang="en" dir="ltr">'
                           f"{esc(source.title)}</span></p>"]
    if source.headline:
        return [*headline, f'<p class="meta">{described}: <span lang="en" dir="ltr">'
                           f"{esc(source.title)}</span></p>"]
    return [f'<p class="meta">{described}: {esc(source.title)}</p>']


def _lang_only(language: str | None) -> str:
    return f' lang="{language}"' if language and _LANG.match(language) else ""


def ident(loc: Locale, text: str) -> str:
    """An id (a version, clause, term or source) in running text: on a right-to-left page isolated
    left to right and never broken mid-word (glossary: «<bdi>»), else only escaped."""
    if loc.rtl:
        return f'<bdi class="id">{esc(text)}</bdi>'
    return esc(text)


def isolated(loc: Locale, text: str, ids: Iterable[str | None]) -> str:
    """Plain text as HTML, each of `ids` in it isolated as `ident` does: for the words of views
    shared with the terminal ('unreported (from v28)') on a right-to-left page."""
    out = esc(text)
    names = sorted({esc(i) for i in ids if i}, key=len, reverse=True)
    if not loc.rtl or not names:
        return out
    pattern = re.compile(r"(?<![\w.&#-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern.sub(lambda m: f'<bdi class="id">{m.group(1)}</bdi>', out)


def one_line(text: str | None, limit: int = 180) -> str:
    if not text:
        return ""
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def date_html(loc: Locale, day: dt.date) -> str:
    return f'<span class="date">{loc.date(day)}</span>'


def words_html(change: TextChange) -> str:
    return word_diff(change, same=esc, deleted=lambda w: f"<del>{esc(w)}</del>",
                     inserted=lambda w: f"<ins>{esc(w)}</ins>")


def pair(loc: Locale, base: str, head: str) -> str:
    return loc._("{base} → {head}: ").format(base=f"<code>{esc(base)}</code>",
                                             head=f"<code>{esc(head)}</code>").rstrip(": ")


def badge(loc: Locale, state: str, text: str | None = None,
          ids: Iterable[str | None] = ()) -> str:
    """A version's state of a clause or value, in the page's words unless `text` says it (the
    `ids` it names isolated as `isolated` does)."""
    shown = text or loc.pgettext("state", state)  # the state words: i18n/words.py
    return f'<span class="state {state}">{isolated(loc, shown, ids)}</span>'


def content(loc: Locale, obj: object, name: str) -> str:
    """A plan field in the page's language, escaped; the English, marked and isolated left to
    right, where a translation was asked for and is missing."""
    text, ok = loc.field(obj, name)
    return content_text(loc, text, ok)


def content_text(loc: Locale, text: str | None, ok: bool) -> str:
    if ok or not text:
        return esc(text)
    return (f'<span class="en-fallback"><span class="badge-en">{esc(loc.badge())}</span>'
            f' <span lang="en" dir="ltr">{esc(text)}</span></span>')


def table(head: Iterable[str], rows: Iterable[Iterable[str]], *, caption: str | None = None,
           css: str = "") -> str:
    """A table with column headers; each row's first cell is its row header. Cells are HTML."""
    out = [f'<div class="scroll"><table class="{css}">' if css else '<div class="scroll"><table>']
    if caption:
        out.append(f"<caption>{caption}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head)
               + "</tr></thead><tbody>")
    for row in rows:
        cells = list(row)
        out.append("<tr>" + f'<th scope="row">{cells[0]}</th>'
                   + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells[1:])
                   + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


# --- charts (inline SVG, no script) ---------------------------------------------------------------


def bar_chart(loc: Locale, label: str, bars: list[tuple[str, float, str, bool]]) -> str:
    """Horizontal bars: (label, value, value as text, muted). Every bar is labelled with its value,
    so the chart does not rely on colour; the table below it holds the same data."""
    if not bars:
        return ""
    # The values' labels get the room their words take (about 7 pixels a character at 13 px;
    # at least 290): "reportedly 800,000 personnel (carried from geneva)" was cut at the edge.
    row, left, room = 28, 230, 240
    width = left + room + max(290, 7 * max(len(shown) for _, _, shown, _ in bars) + 16)
    top = max(abs(value) for _, value, _, _ in bars) or 1
    items = []
    mirrored = loc.rtl  # right to left: labels on the right, bars growing leftwards
    for index, (name, value, shown, muted) in enumerate(bars):
        y = index * row
        length = max(value, 0) / top * room
        fill = "#8c959f" if muted else "#0969da"
        pattern = ' stroke="#57606a" stroke-dasharray="4 2"' if muted else ""
        if mirrored:
            edge = width - left
            items.append(
                _svg_text(edge + 8, y + 18, name[:34], right_edge=False)
                + f'<rect x="{edge - length:.1f}" y="{y + 5}" width="{length:.1f}"'
                f' height="{row - 10}" fill="{fill}"{pattern}/>'
                + _svg_text(edge - length - 6, y + 18, shown, right_edge=True))
            continue
        items.append(
            f'<text x="{left - 8}" y="{y + 18}" text-anchor="end">{esc(name[:34])}</text>'
            f'<rect x="{left}" y="{y + 5}" width="{length:.1f}" height="{row - 10}" fill="{fill}"'
            f"{pattern}/>"
            f'<text x="{left + length + 6:.1f}" y="{y + 18}">{esc(shown)}</text>')
    height = len(bars) * row
    return (f'<figure><svg role="img" aria-labelledby="chart-title" viewBox="0 0 {width} {height}"'
            f' width="100%" style="max-width:{width}px{_SVG_LTR if mirrored else ""}"'
            ' xmlns="http://www.w3.org/2000/svg">'
            f'<title id="chart-title">{esc(label)}</title>{"".join(items)}</svg>'
            f"<figcaption>{_bars_caption(loc)}</figcaption></figure>")


# Inside a right-to-left page an SVG inherits `direction: rtl`, which turns every text-anchor
# around (labels were cut to a letter, values drawn over the bars): the chart lays itself out left
# to right and gives each label the direction of its own words.
_SVG_LTR = "; direction: ltr"


def _svg_text(x: float, y: float, text: str, *, right_edge: bool, extra: str = "") -> str:
    """A label whose right (or left) edge sits at x, read in the direction of its script."""
    rtl = bool(RTL_SCRIPT.search(text))
    anchor = ("start" if rtl else "end") if right_edge else ("end" if rtl else "start")
    direction = ' direction="rtl"' if rtl else ""
    return (f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}"{direction}{extra}>'
            f"{esc(text)}</text>")


def _bars_caption(loc: Locale) -> str:
    return loc._("Bars show each version's value; grey dashed bars are values a version did not"
                 " state but carries from an earlier one; a disputed version has one bar per"
                 " claim, labelled with its sources.")


_MARKERS = {
    "reported": '<circle cx="{x}" cy="22" r="8" fill="#0969da"/>',
    "unreported": '<circle cx="{x}" cy="22" r="7" fill="#fff" stroke="#57606a" stroke-width="2"'
                  ' stroke-dasharray="3 2"/>',
    "carried": '<circle cx="{x}" cy="22" r="7" fill="#d0d7de" stroke="#57606a" stroke-width="2"'
               ' stroke-dasharray="3 2"/>',
    "removed": '<path d="M{a} 14 L{b} 30 M{a} 30 L{b} 14" stroke="#cf222e" stroke-width="3"/>',
    "absent": '<line x1="{a}" y1="22" x2="{b}" y2="22" stroke="#8c959f" stroke-width="2"/>',
}


def _change_word(loc: Locale, change: str | None) -> str:
    """A strip's word under a version whose value moved."""
    if change == "changed":
        return loc._("changed")
    if change == "set":
        return loc._("new")
    if change == "unset":
        return loc._("dropped")
    return ""


def state_strip(loc: Locale, label: str, points: tuple[HistoryPoint, ...]) -> str:
    """One marker per version, its shape saying the state and a word saying the change."""
    step = 96
    width = step * len(points)
    items = []
    mirrored = loc.rtl  # right to left: the first version on the right
    word_y, height = (72, 80) if mirrored else (68, 76)  # Arabic marks stand taller
    for index, point in enumerate(points):
        x = index * step + step // 2
        if mirrored:
            x = width - x
        marker = _MARKERS[point.state].format(x=x, a=x - 8, b=x + 8)
        change = esc(_change_word(loc, point.change))
        name = esc(point.version.id[:14])
        items.append(f'{marker}<text x="{x}" y="50" text-anchor="middle">{name}</text>'
                     f'<text x="{x}" y="{word_y}" text-anchor="middle" font-style="italic">{change}'
                     "</text>")
    return (f'<figure><svg role="img" aria-labelledby="strip-title" viewBox="0 0 {width} {height}"'
            f' width="100%" style="max-width:{width}px{_SVG_LTR if mirrored else ""}"'
            ' xmlns="http://www.w3.org/2000/svg">'
            f'<title id="strip-title">{esc(_strip_title(loc, label))}</title>'
            f'{"".join(items)}</svg><figcaption>{_legend(loc)}</figcaption></figure>')


def _strip_title(loc: Locale, label: str) -> str:
    return loc._("{label}: state in each version").format(label=label)


def _legend(loc: Locale) -> str:
    return esc(loc._("● reported · ◍ carried (the clause is reported, the value is inherited) ·"
                     " ◌ unreported (inherited, not known to be kept) · ✕ removed · — not in"
                     " this version"))
