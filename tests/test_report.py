"""`plandiff report`: Markdown fit for GitHub, HTML that shows hostile text as text."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from conftest import LINEAGE_PLANS

HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) **b**'


def test_corpus_report_has_headings_a_table_the_cap_change_and_sources(run, corpus) -> None:
    result = run("report", "v28", "geneva", root=corpus)
    assert result.exit_code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Summary" in headings and "Key changes" in headings and "Sources" in headings
    assert any(t.type == "table_open" for t in tokens)
    assert "600,000 personnel → disputed: 800,000 personnel (+200,000, +33.3%" in result.stdout
    assert "[^ki1]:" in result.stdout and "[^seed-001]:" in result.stdout


def test_key_changes_rank_the_largest_move_first(run, make_repo) -> None:
    root = make_repo(LINEAGE_PLANS)
    report = run("report", "v1", "v2", root=root).stdout
    keys = report.split("## Key changes")[1].split("##")[0]
    assert keys.index("Fund") < keys.index("Troop cap") < keys.index("NATO path")


def test_markdown_report_is_cut_under_githubs_limit(make_repo) -> None:
    from plandiff.diff import diff_versions
    from plandiff.render.report import ReportStyle, render_markdown
    from plans import clause, plan, version

    long_text = "word " * 400
    old = [clause(f"c{i}", long_text + "old.") for i in range(200)]
    new = [clause(f"c{i}", long_text + "new.") for i in range(200)]
    result = diff_versions(plan(version("a", *old), version("b", *new)), "a", "b")
    text = render_markdown(result, ReportStyle())
    assert len(text) < 65_536
    assert "Report cut:" in text


def test_html_report_shows_markup_in_clause_text_as_text(hostile_report) -> None:
    page = hostile_report(HOSTILE, title=HOSTILE[:8]).read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<details>" in page and "<style>" in page
    assert "<link" not in page and "<script" not in page and "@import" not in page


def test_arabic_quotes_are_marked_right_to_left_in_html(run, corpus) -> None:
    page = run("report", "v28", "geneva", "--format", "html", root=corpus).stdout
    assert 'dir="rtl" lang="ar"' in page


def test_report_writes_nothing_when_it_fails(run, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = run("report", "v28", "nowhere", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
