"""Pure: the site's Atom feed of versions (feed.xml, and ar/feed.xml in Arabic): newest first,
each entry linking the change report from its parent, its key changes as the summary."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from plandiff import __version__
from plandiff.core.hidden_characters import make_visible
from plandiff.core.models import Version

if TYPE_CHECKING:
    from plandiff.render.site import _Site

PAGE = "feed.xml"
_MARKDOWN = re.compile(r"\\(.)|\*\*|`")
# Characters XML 1.0 cannot hold at all (plan text is untrusted): shown, never written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", make_visible(value)))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _plain(line: str) -> str:
    """A line of the report's Markdown as plain text: no emphasis, code marks or escapes."""
    return _MARKDOWN.sub(lambda m: m.group(1) or "", line).removeprefix("- ")


def _id(site: _Site, kind: str, path: str, *words: str) -> str:
    """An entry's permanent id: its page's address when the site's is known, else a name-based
    UUID of what it stands for."""
    prefix = "" if site.lang == "en" else f"{site.lang}/"
    if site.options.base_url:
        return site.options.base_url.rstrip("/") + "/" + prefix + path
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL,
                                         "plandiff:" + "\x1f".join((kind, site.lang, *words))))


def newest_first(site: _Site) -> list[Version]:
    order = {version_id: index for index, version_id in enumerate(site.order)}
    return sorted(site.plan.versions.values(), key=lambda v: (v.date, order[v.id]), reverse=True)


def key_changes(site: _Site, version: Version) -> list[str]:
    """The key changes of the report from the version's parent, as plain lines, then its counts
    (a root version: its summary)."""
    from plandiff.render.report import key_changes as report_changes
    from plandiff.render.terminal import summary_line

    if version.parent not in site.plan.versions:
        summary = site.loc.plain_field(version, "summary")
        return [" ".join(summary.split())] if summary else []
    result = site.diff(version.parent, version.id)
    loc = site.loc
    return [_plain(line) for line in report_changes(loc, result)] + [
        summary_line(loc, result).plain]


def feed(site: _Site) -> str:
    """The Atom document. Links are relative to the feed (the site's root, or ar/)."""
    versions = newest_first(site)
    title = site.loc._("The plan, version by version")
    self_link = PAGE
    if site.options.base_url:
        prefix = "" if site.lang == "en" else f"{site.lang}/"
        self_link = site.options.base_url.rstrip("/") + "/" + prefix + PAGE
    updated = _stamp(versions[0].date) if versions else "1970-01-01T00:00:00Z"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(site.lang)}>',
             f"  <title>{_text(title)}</title>",
             f"  <id>{_text(_id(site, 'feed', PAGE))}</id>",
             f"  <updated>{updated}</updated>",
             f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_link)}/>",
             '  <link rel="alternate" type="text/html" href="index.html"/>',
             "  <author><name>plandiff</name></author>",
             f'  <generator version={quoteattr(__version__)}>plandiff</generator>']
    for version in versions:
        page = site.version_path(version.id)
        report = (site.diff_path(version.parent, version.id)
                  if version.parent in site.plan.versions else page)
        name = site.loc.plain_field(version, "title")
        summary = "\n".join(key_changes(site, version))
        lines += ["  <entry>",
                  # «النسخة v20 — …»: an Arabic title opens with an Arabic word, so that a
                  # reader laying the entry out by its first letter reads it right to left
                  "    <title>" + _text(site.loc.pgettext("version", "{line}").format(
                      line=f"{version.id} — {name}")) + "</title>",
                  f"    <id>{_text(_id(site, 'version', page, version.id, version.title))}</id>",
                  f"    <published>{_stamp(version.date)}</published>",
                  f"    <updated>{_stamp(version.date)}</updated>",
                  f'    <link rel="alternate" type="text/html" href={quoteattr(report)}/>',
                  f'    <link rel="related" type="text/html" href={quoteattr(page)}/>',
                  f"    <category term={quoteattr(version.status.value)}/>",
                  f"    <summary type=\"text\">{_text(summary)}</summary>",
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def links(site: _Site, here: str) -> str:
    """The index's links to the feed and to the JSON endpoints (which only the English tree
    holds: the data speaks English)."""
    from plandiff.render import site_api

    api = ("" if site.lang == "en" else "../") + f"{site_api.FOLDER}/{site_api.INDEX}"
    return (f'<p class="meta"><a href="{site.href(here, PAGE)}" type="application/atom+xml">'
            + escape(site.loc._("Feed of new versions (Atom)")) + "</a> · "
            f'<a href="{escape(site.path(here, api))}" type="application/json">'
            + escape(site.loc._("The data as JSON")) + "</a></p>")
