"""A source's `note` ("fictional", "a copy of …") reaches the reader: in the footnotes of the
Markdown and HTML views, in both languages, and on the site's sources page; escaped like every
other field, and marked as English in the Arabic edition (issue 24, item 16)."""

from __future__ import annotations

from pathlib import Path

from conftest import LINEAGE_PLANS

NOTE = "Fictional outlet <b>x</b> [link](https://evil.example) *made up*"


def _root(make_repo) -> Path:
    files = dict(LINEAGE_PLANS)
    files["plans/sources.yaml"] = files["plans/sources.yaml"].replace(
        "  reliability: low\n", f"  reliability: low\n  note: '{NOTE}'\n")
    return make_repo(files)


def _footnote(text: str, source: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"[^{source}]:"))


def test_a_source_note_is_in_the_markdown_footnotes_escaped(run, make_repo) -> None:
    root = _root(make_repo)
    for args in (("report", "v1", "v2"), ("v1", "v2", "--format", "markdown")):
        result = run(*args, root=root)
        assert result.exit_code == 0, result.output
        note = _footnote(result.stdout, "b")
        assert ("Note: Fictional outlet \\<b\\>x\\</b\\> \\[link\\](https\\://evil.example)"
                " \\*made up\\*") in note, note
        assert "Note:" not in _footnote(result.stdout, "a")  # a source without a note: none


def test_a_source_note_is_marked_english_in_the_arabic_footnotes(run, make_repo) -> None:
    root = _root(make_repo)
    markdown = _footnote(run("report", "v1", "v2", "--lang", "ar", root=root).stdout, "b")
    assert "ملاحظة: \\[بالإنجليزية\\] Fictional outlet \\<b\\>x" in markdown, markdown
    page = run("report", "v1", "v2", "--lang", "ar", "-f", "html", root=root).stdout
    assert '<span dir="ltr" lang="en">Fictional outlet &lt;b&gt;x&lt;/b&gt;' in page
    assert "<b>x</b>" not in page and 'href="https://evil.example"' not in page


def test_the_html_report_shows_the_note_as_text(run, make_repo) -> None:
    page = run("report", "v1", "v2", "-f", "html", root=_root(make_repo)).stdout
    assert "Note: Fictional outlet &lt;b&gt;x&lt;/b&gt; [link](https://evil.example)" in page
    assert "<b>x</b>" not in page and 'href="https://evil.example"' not in page


def test_the_sites_sources_page_shows_the_note_in_both_languages(run, make_repo,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("site", str(out), "--lang", "ar", root=_root(make_repo))
    assert result.exit_code == 0, result.output
    english = (out / "sources.html").read_text(encoding="utf-8")
    section = english.split('id="source-b"')[1].split("</section>")[0]
    assert "Fictional outlet &lt;b&gt;x&lt;/b&gt; [link](https://evil.example) *made up*" in section
    arabic = (out / "ar" / "sources.html").read_text(encoding="utf-8")
    section = arabic.split('id="source-b"')[1].split("</section>")[0]
    assert '<span class="badge-en">' in section
    assert '<span lang="en" dir="ltr">Fictional outlet &lt;b&gt;x&lt;/b&gt;' in section
