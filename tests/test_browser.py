"""The HTML report in a real browser (headless Chromium): rendered text, and nothing runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import dump_dom, text_of

pytestmark = pytest.mark.slow

ATTACK = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'


def test_report_renders_in_chromium_with_the_cap_change(run, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert run("report", "v28", "geneva", "--format", "html", "-o", str(page)).exit_code == 0
    dom = dump_dom(page)
    text = text_of(dom)
    assert "Change report: v28 → geneva" in text
    assert "600,000 → reportedly 800,000 personnel" in text  # ki1 relays the FT: hedged
    assert "يُقتصر حجم القوات المسلحة الأوكرانية على 800 ألف جندي" in text


def test_markup_in_clause_text_is_shown_and_never_runs(hostile_report) -> None:
    dom = dump_dom(hostile_report(ATTACK))
    assert "pwned" not in dom.split("<body")[0]  # the title was never rewritten
    assert "<img" not in dom and "<script" not in dom.split("</head>")[1]
    assert 'onerror="document.title' in text_of(dom)


@pytest.mark.slow
@pytest.mark.parametrize("width", [1200, 390])
def test_the_arabic_report_reads_whole_on_a_desktop_and_a_phone(run, tmp_path: Path,
                                                                 width: int) -> None:
    """In Chromium: no id broken over two lines, and the page no wider than the window (on a
    phone the summary's seven columns were: its tables now scroll in their own box)."""
    from browser import layout_faults

    page = tmp_path / "report.html"
    assert run("report", "v28", "geneva", "--format", "html", "--lang", "ar", "-o",
               str(page)).exit_code == 0
    assert layout_faults(page, width) == []
