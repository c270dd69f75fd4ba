"""Markdown text that renders as itself, shared by the Markdown views (the diff, the report,
positions, history, show, review): escaping, ids as code, plan content in a language, footnotes.
Every untrusted string goes through `escape`."""

from __future__ import annotations

import re
from collections.abc import Callable

from plandiff.core.hidden_characters import is_web_url, make_visible
from plandiff.core.models import Source
from plandiff.i18n import Locale

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#!|~&$])")
_LINE_START = re.compile(r"^(\d+)([.)])")
_MERMAID = str.maketrans({'"': "'", "`": "'", "<": "‹", ">": "›", "#": "＃"})
# What GitHub's autolink extension turns into a link without any markup: `scheme://` and `www.`.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?i:(?<![A-Za-z0-9])www)(\.)")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


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


def summary_code(text: str) -> str:
    """An id inside a `<summary>`, which is raw HTML (backticks there show as themselves): in
    `<code>`, as backticks give it everywhere else."""
    import html

    return f"<code>{html.escape(' '.join(make_visible(str(text)).split()))}</code>"


def content(loc: Locale, text: str | None, ok: bool, *, spans: bool = False) -> str:
    """Plan content, escaped: the English badged where a translation was asked for and is
    missing, and with `spans` (the HTML report) isolated left to right."""
    shown = escape(text)
    if ok or not shown:
        return shown
    if spans:
        shown = f"[{shown}]{{dir=ltr lang=en}}"
    return f"{escape(loc.badge())} {shown}"


def in_english(loc: Locale, markup: str) -> str:
    """Markup of plan text that exists only in English: badged in another language."""
    return markup if loc.english or not markup else f"{escape(loc.badge())} {markup}"


def english(loc: Locale, text: str | None, *, spans: bool = False) -> str:
    """Plan text that has no translations (a note), escaped: marked in another language."""
    return content(loc, text, loc.english, spans=spans)


def field(loc: Locale, obj: object, name: str, *, spans: bool = False) -> str:
    text, ok = loc.field(obj, name)
    return content(loc, text, ok, spans=spans)


def date(loc: Locale, value: object) -> str:
    """An ISO date in English; the language's long form in another."""
    import datetime as dt

    assert isinstance(value, dt.date)
    return loc.date(value)


_REF = re.compile(r"\[\^([a-z0-9-]+)\](?!:)")


def referenced(lines: list[str]) -> set[str]:
    """The footnote labels that `lines` refer to: a footnote nothing refers to is dropped by
    GitHub, so only these get one."""
    return {match.group(1) for line in lines for match in _REF.finditer(line)}


def footnote_id(source_id: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", source_id)


def quoted_in(loc: Locale | None, quote: str, marks: str = "“”") -> str:
    """`quote` in quotation marks, its words unchanged: an Arabic quotation in an Arabic view
    takes the Arabic press's «», any other `marks` (the terminal's are straight)."""
    if loc is not None and loc.rtl and _RTL.search(quote):
        marks = "«»"
    return f"{marks[0]}{quote}{marks[1]}"


def quote_plain(quote: str, loc: Locale | None = None) -> str:
    """A quote in Markdown: escaped, in its marks (`quoted_in`)."""
    return quoted_in(loc, escape(quote))


def md_outlet(loc: Locale, source: Source) -> str:
    """A source's outlet in a line of Markdown: in another language as its press writes it, in
    its quotation marks («رويترز»), else the English marked; an unknown outlet in words."""
    if loc.english:
        return escape(source.outlet)
    if source.outlet == "unknown":
        return escape(loc._("(outlet unknown)"))
    name, named = loc.outlet_of(source)
    return _outlet_marks(loc, escape(name)) if named else content(loc, name, named)


def _outlet_marks(loc: Locale, markup: str) -> str:
    """An outlet's name in plandiff's own quotation marks: «» in a right-to-left edition (the
    glossary: «أكسيوس», and a name its press keeps in Latin letters too), else “”."""
    return f"«{markup}»" if loc.rtl else f"“{markup}”"


def title_shown(loc: Locale, source: Source) -> tuple[str | None, str]:
    """A source's title as a view in `loc` shows it, and as what: `translation`, its rendering in
    the view's language (labelled as a translation, never in quotation marks: it is not the
    source's headline); `description`, the English describing a headline or a source in another
    language; `title`, the English title of an English source (in quotation marks); `""` for
    nothing: no title, or a source with a headline in the view's own language, which says it in
    the source's own words (a gloss of it would only say it again)."""
    if not source.title:
        return None, ""
    if not loc.english and source.headline and (source.language or "").lower() == loc.lang:
        return None, ""
    text, ok = loc.field(source, "title")
    if ok and not loc.english:
        return text, "translation"
    if source.headline or source.language not in (None, "en"):
        return source.title, "description"
    return source.title, "title"


def footnotes(loc: Locale, sources: dict[str, Source], quotes: dict[str, list[str]],
              quote_markup: Callable[[str], str] | None = None, *,
              spans: bool = False) -> list[str]:
    """One footnote a source: plandiff's words in the language; the outlet, the title and the
    quotes as the source wrote them (with `spans`, the HTML report, each isolated in its own
    direction on a right-to-left page)."""
    def own(text: str) -> str:
        shown = escape(text)
        if not spans or not shown or not loc.rtl:
            return shown
        if _RTL.search(text):
            return f"[{shown}]{{dir=rtl lang=ar}}"
        return f"[{shown}]{{dir=ltr}}"

    if quote_markup is None:
        def quote_markup(quote: str) -> str:
            return quote_plain(quote, loc)

    lines = []
    for source_id, source in sources.items():
        name, rendered = loc.outlet_of(source)
        if source.outlet == "unknown" and not loc.english:
            parts = [escape(loc._("Outlet unknown"))]
        elif rendered and not loc.english:  # as the edition's press writes it, in its marks
            parts = [_outlet_marks(loc, own(name or ""))]
        else:  # English; in another language the English name, marked
            parts = [own(source.outlet) if rendered else content(loc, name, rendered, spans=spans)]
        if source.headline:  # its own words; the English title is then a description of it
            # «» for a headline in the script of a right-to-left edition, as its press quotes
            marks = "«»" if loc.rtl and _RTL.search(source.headline) else "“”"
            parts.append(own(f"{marks[0]}{source.headline}{marks[1]}") if spans and loc.rtl
                         else f"{marks[0]}{escape(source.headline)}{marks[1]}")
        title, shown_as = title_shown(loc, source)
        if shown_as == "translation":  # labelled, never in quotation marks: not the headline
            label = loc._("[translation]")
            parts.append(escape(label) + " "
                         + (own(title or "") if spans and loc.rtl else escape(title)))
        elif shown_as == "description":
            parts.append(loc._("translated description: {title}").format(
                title=own(source.title or "") if spans and loc.rtl else escape(source.title)))
        elif shown_as == "title":
            parts.append(own(f"“{source.title}”") if spans and loc.rtl
                         else f"“{escape(source.title)}”")
        titled = len(parts) - 1 if shown_as == "title" else None  # its own words, as written
        parts.append(date(loc, source.date) if source.date else loc._("undated"))
        if source.url and is_web_url(source.url):
            parts.append(f"<{source.url}>")
        elif source.url:
            parts.append(escape(source.url))
        if source.file:
            parts.append(loc._("local copy {file}").format(file=code(source.file)))
        if source.reliability:
            parts.append(loc._("reliability: {level}").format(
                level=loc.pgettext("reliability", source.reliability.value)))
        # A translated edition shows the sources' words untranslated: it says in what language,
        # after the quotes; with nothing quoted, after a title shown as written, else nowhere
        # (after the reliability, it read as the reliability's: «الموثوقية: متوسطة (بالإنجليزية)»).
        language = (" " + loc._("(in {language})").format(
            language=escape(loc.quote_language_name(source.language)))
            if not loc.english and source.language and source.language != loc.lang else "")
        shown_quotes = list(dict.fromkeys(quotes.get(source_id, [])))[:3]
        if not shown_quotes and language:
            if titled is not None:
                parts[titled] += language
            language = ""
        text = loc._(", ").join(parts)
        if source.note:  # "fictional", "a copy of …": English data, badged in another language
            text += " — " + loc._("Note: {note}").format(
                note=content(loc, source.note, loc.english, spans=spans))
        if spans and loc.rtl:
            # The HTML report on a right-to-left page: each quote on a line of its own (a hard
            # break), with its language; on one line, quotes in two directions interleaved.
            text += language
            for quote in shown_quotes:
                text += "\\\n" + quote_markup(quote) + language
        else:
            for quote in shown_quotes:
                text += f" — {quote_markup(quote)}"
            text += language
        # The id first: markers are numbers on GitHub, and the text cites sources by id. Arabic
        # puts a word first («المصدر `112`»): GitHub gives each footnote dir=auto, which a
        # leading Latin id turned left to right (and a date «21 2025 نوفمبر»).
        named = loc.pgettext("footnote", "{source}").format(source=code(source_id))
        lines.append(f"[^{footnote_id(source_id)}]: {named}: {text}")
    return lines
