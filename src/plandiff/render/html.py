"""One self-contained HTML file, rendered from the report's Markdown with raw HTML off."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from plandiff.core.diff import PlanDiff
from plandiff.core.hidden_characters import make_visible
from plandiff.i18n import ENGLISH, RTL, Locale
from plandiff.render.report import LATIN_RUN, RTL_SCRIPT, ReportStyle, render_markdown

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --del: #ffebe9;
  --ins: #dafbe1; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Naskh Arabic",
  sans-serif; color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: .1em .3em; border-radius: 4px; }
del, s { background: var(--del); text-decoration: line-through; }
strong { font-weight: 650; }
p > strong, li > strong { background: none; }
del + strong, s + strong { background: var(--ins); }
blockquote { margin: 1rem 0; padding: .2rem 1rem; border-left: 4px solid #bf8700;
  background: #fff8c5; }
[dir=rtl] { unicode-bidi: isolate; font-size: 1.05em; }
details { margin: 1rem 0; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; }
summary { cursor: pointer; font-weight: 600; }
a { color: var(--accent); overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
.footnotes { font-size: .92rem; color: var(--muted); }
.footnotes li { margin: .3rem 0; }
hr.footnotes-sep { display: none; }
html[dir=rtl] body { font-family: system-ui, "Noto Naskh Arabic", "Noto Sans Arabic",
  "Geeza Pro", "Segoe UI", Tahoma, "Arabic Typesetting", "DejaVu Sans", sans-serif; }
html[dir=rtl] th, html[dir=rtl] td { text-align: right; }
html[dir=rtl] blockquote { border-left: 0; border-right: 4px solid #bf8700; }
html[dir=rtl] code, bdi { unicode-bidi: isolate; direction: ltr; }
html[dir=rtl] [dir=ltr] { unicode-bidi: isolate; }
html[dir=rtl] .skip { left: auto; right: -999px; }
html[dir=rtl] .skip:focus { right: 1rem; }
html[dir=rtl] caption { text-align: right; }
html[dir=rtl] .claims { padding-left: 0; padding-right: 1.1rem; }
html[dir=rtl] header nav li.lang { margin-right: auto; }
header nav li.lang { margin-left: auto; }
.badge-en { font-size: .8rem; color: var(--muted); }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  details::details-content { content-visibility: visible; display: block; }
  details { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""
# Only in right-to-left pages (English pages stay as they were): an id never breaks mid-word
# (`us-` / `guarantee`) nor stands apart from the brackets and colon around it («( v28 )»,
# «v28 :»: no padding), and the wide grids fit a 1200-pixel window (Arabic words run longer).
RTL_CSS = """
html[dir=rtl] code { white-space: nowrap; overflow-wrap: normal; padding: 0; }
html[dir=rtl] a:has(> code) { overflow-wrap: normal; }
html[dir=rtl] bdi.id { white-space: nowrap; }
html[dir=rtl] table.grid td, html[dir=rtl] table.grid th { min-width: 6.5rem; }
html[dir=rtl] table.positions td { min-width: 6.5rem; }
html[dir=rtl] table.positions th[scope=row] { min-width: 7rem; }
"""


def _renderer() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    def render_details(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.nesting == 1:
            summary = token.info.strip()[len("details"):].strip()
            return f"<details><summary>{html.escape(summary)}</summary>\n"
        return "</details>\n"

    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    renderer.enable(["table", "strikethrough"])
    renderer.use(footnote_plugin)

    def render_caption(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        # The source id, not "[2:1]": readers know sources by the ids the text cites them by.
        label = tokens[idx].meta.get("label")
        return f"[{html.escape(label)}]" if label else f"[{tokens[idx].meta['id'] + 1}]"

    renderer.add_render_rule("footnote_caption", render_caption)
    renderer.use(container_plugin, name="details", render=render_details)
    # Attributes only on bracketed spans, and only dir and lang: clause text escapes brackets, so
    # only plandiff's own markup can carry them.
    renderer.use(attrs_plugin, after=("span_close",), spans=True, allowed=["dir", "lang"])
    return renderer


def render_fragment(markdown_text: str) -> str:
    return str(_renderer().render(markdown_text))


def page(title: str, body: str, *, loc: Locale = ENGLISH, nav: Sequence[tuple[str, str]] = (),
         canonical: str | None = None, css: str = "",
         alternates: Sequence[tuple[str, str, str]] = (),
         hreflang: Sequence[tuple[str, str]] = ()) -> str:
    """A whole page. `nav` is (href, label) pairs for a site header; `canonical` an absolute URL;
    both are escaped here. `css` is extra style (plandiff's own, never plan text). `alternates`
    are the page's twins in other languages for the switch (language, relative href, its name in
    itself); `hreflang` the links the head gives search engines (language or x-default, href:
    absolute when the site knows its address), by default the alternates'."""
    lang = loc.lang
    head = ['<link rel="icon" href="data:,">'] if nav else []  # hosted: no favicon fetch to block
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    heads = hreflang or [(code, href) for code, href, _name in alternates]
    head += [f'<link rel="alternate" hreflang="{html.escape(code)}" href="{html.escape(href)}">'
             for code, href in heads]
    extra = "".join(f"{line}\n" for line in head)
    header = ""
    if nav:
        links = "".join(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>'
                        for href, label in nav)
        switch = "".join(
            f'<li class="lang"><a href="{html.escape(href)}" hreflang="{html.escape(code)}"'
            f' lang="{html.escape(code)}">{html.escape(name)}</a></li>'
            for code, href, name in alternates if code != lang)
        skip, site = loc._("Skip to content"), loc._("Site")
        header = (f'<a class="skip" href="#main">{html.escape(skip)}</a>\n'
                  f'<header><nav aria-label="{html.escape(site)}"><ul>{links}{switch}</ul></nav>'
                  "</header>\n")
    opening = f'<html lang="{lang}">' if lang == "en" else (
        f'<html lang="{html.escape(lang)}" dir="{"rtl" if lang in RTL else "ltr"}">')
    return (f'<!DOCTYPE html>\n{opening}\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            " style-src 'unsafe-inline'; img-src data:\">\n"
            f"{extra}"
            f"<title>{html.escape(make_visible(title, one_line=True))}</title>\n<style>{CSS}{css}"
            f"{RTL_CSS if lang in RTL else ''}</style>\n</head>\n"
            f'<body>\n{header}<main id="main">\n{body}</main>\n</body>\n</html>\n')


_TAG = re.compile(r"(<[^>]*>)")
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"})
# Names the report's words give bare (files and fields of the ranking rule), besides the ids.
REPORT_NAMES = ("terms.yaml", "positions.yaml", "sources.yaml", "docs/reports.md", "salience",
                "order")


def isolate_names(loc: Locale, fragment: str, ids: Iterable[str]) -> str:
    """HTML whose text names `ids` bare (a report rendered from Markdown): on a right-to-left
    page each is isolated (`<bdi class="id">`), except where the text already is (code, bdi, an
    element with dir="ltr": English); unchanged elsewhere."""
    names = sorted({html.escape(i) for i in ids if i}, key=len, reverse=True)
    if not loc.rtl or not names:
        return fragment
    pattern = re.compile(r"(?<![\w.&#/-])(" + "|".join(map(re.escape, names)) + r")(?![\w/-])")
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, whether its text is kept)
    for part in _TAG.split(fragment):
        if not part.startswith("<"):
            kept = any(keep for _, keep in stack)
            out.append(part if kept else pattern.sub(
                lambda m: f'<bdi class="id">{m.group(1)}</bdi>', part))
            continue
        out.append(part)
        opening = _OPENING.match(part)
        if opening is not None:
            tag = opening.group(1).lower()
            if tag not in _VOID and not part.endswith("/>"):
                attrs = opening.group(2)
                stack.append((tag, tag in ("code", "bdi", "pre") or 'dir="ltr"' in attrs))
        elif part.startswith("</"):
            tag = part[2:-1].strip().lower()
            while stack and stack.pop()[0] != tag:
                pass
    return "".join(out)


def render(result: PlanDiff, *, loc: Locale = ENGLISH, top: int = 4) -> str:
    """The report as one self-contained HTML page, in the language of `loc`; `top`: how many
    main changes lead it (core/ranking.py), 0 for none."""
    text = render_markdown(result, ReportStyle(target="html", limit=None), loc=loc, top=top)
    title = loc.pgettext("report", "Change report: {base} → {head}").format(
        base=result.base.id, head=result.head.id)
    names = [*report_names(result), *outlet_latin(loc, result.sources)]
    return page(title, isolate_names(loc, scrolled(render_fragment(text)), names),
                loc=loc)


def scrolled(fragment: str) -> str:
    """A fragment rendered from Markdown, its tables each scrolling in its own box: a phone's
    window is narrower than the summary's seven columns (plan text is escaped: no tag in the
    fragment is plan text)."""
    return fragment.replace("<table>", '<div class="scroll"><table>').replace(
        "</table>", "</table></div>")


def outlet_latin(loc: Locale, sources: Any) -> list[str]:
    """The Latin words inside the sources' outlets as a right-to-left edition writes them («إيه
    نيوز (anews.com.tr)»), which its pages isolate as they do ids (none in another edition)."""
    if not loc.rtl:
        return []
    found: list[str] = []
    for source in sources.values():
        name, ok = loc.outlet_of(source)
        if ok and name and RTL_SCRIPT.search(name):
            found += LATIN_RUN.findall(name)
    return found


def report_names(result: PlanDiff) -> list[str]:
    """The ids a report's words may name bare: its versions and their parents, clauses, terms,
    sources, the versions its stances were stated at; and the files of the ranking rule."""
    stances = [s.stance.position.at for s in result.stances]
    return [result.base.id, result.head.id, result.base.parent or "", result.head.parent or "",
            *(i for c in result.clauses for i in (c.id, c.old_id or "")), *result.terms,
            *result.sources, *(at for at in stances if at), *REPORT_NAMES]
