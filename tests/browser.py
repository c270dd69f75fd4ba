"""Headless Chromium for tests: the DOM of a page after it loaded, and screenshots."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


# The test that runs now (set by conftest): a test that starts the browser must be marked slow,
# since the edit loop's `pytest -m "not slow"` is documented to leave the browser out.
RUNNING: pytest.Item | None = None


def chromium() -> str:
    """The browser, or a skip; in CI (where .ci/run installs it) a missing browser fails."""
    if RUNNING is not None and RUNNING.get_closest_marker("slow") is None:
        pytest.fail(f"{RUNNING.nodeid} starts Chromium: mark it @pytest.mark.slow")
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def dump_dom(page: Path) -> str:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=2000",
             "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def load(page: Path) -> tuple[str, list[str]]:
    """The DOM after load, and every console message the page caused. Chromium 156 logs each as
    an `INFO:CONSOLE` line on stderr without its level, so the caller gets them all; a page with
    no script can only cause them through the browser itself (a resource the CSP blocked, a
    missing file)."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=2000",
             "--enable-logging=stderr", "--v=0", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


def screenshot(page: Path, out: Path, size: str = "1200,2000") -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}",
                        f"--screenshot={out}", f"--window-size={size}", page.resolve().as_uri()],
                       capture_output=True, timeout=120, check=True)


def text_of(dom: str) -> str:
    """The text a reader sees (script and style contents left out)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.skip += tag in ("script", "style", "title")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style", "title")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(dom)
    return " ".join(" ".join(parser.parts).split())


_MEASURE = """<script>
addEventListener("load", () => {
  const out = [];
  for (const box of document.querySelectorAll(".scroll, figure, table")) {
    const rect = box.getBoundingClientRect();
    if (box.scrollWidth > box.clientWidth + 1 || rect.left < -1 || rect.right > innerWidth + 1)
      out.push(box.tagName + "." + box.className + " " + Math.round(rect.left) + ".."
               + Math.round(rect.right) + " scroll " + box.scrollWidth + "/" + box.clientWidth);
  }
  for (const text of document.querySelectorAll("svg text")) {
    const rect = text.getBoundingClientRect(), svg = text.ownerSVGElement.getBoundingClientRect();
    if (rect.left < svg.left - 1 || rect.right > svg.right + 1)
      out.push("svg text cut: " + text.textContent);
    for (const other of text.ownerSVGElement.querySelectorAll("rect, text")) {
      if (other === text) continue;
      const box = other.getBoundingClientRect();
      const wide = Math.min(rect.right, box.right) - Math.max(rect.left, box.left);
      const high = Math.min(rect.bottom, box.bottom) - Math.max(rect.top, box.top);
      if (wide > 2 && high > 2) out.push("svg text over another: " + text.textContent);
    }
  }
  document.body.setAttribute("data-overflow", JSON.stringify(out));
});
</script>"""


def overflowing(page: Path, width: int = 1200) -> list[str]:
    """What does not fit a window `width` pixels wide: a table or figure wider than its box or
    outside the window, an SVG label cut at the chart's edge. Measured by a script in a copy of
    the page (the page itself runs none: its CSP is dropped from the copy only)."""
    return _measured(page, width, _MEASURE, "data-overflow")


def _measured(page: Path, width: int, script: str, attribute: str) -> list[str]:
    """The list that `script`, run in a copy of `page` (its CSP dropped) in a window `width`
    pixels wide, leaves as JSON in the body's `attribute`."""
    import html
    import json
    import re

    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", text)
    text = text.replace("</body>", script + "</body>")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / page.name
        copy.write_text(text, encoding="utf-8")
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [chromium(), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=2000",
                 f"--window-size={width},900", "--dump-dom", copy.resolve().as_uri()],
                capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(attribute + r'="([^"]*)"', result.stdout)
    assert found is not None, "the measuring script did not run"
    return list(json.loads(html.unescape(found.group(1))))


def directions(page: Path, selectors: list[str]) -> list[str]:
    """The computed `direction` of the first element each CSS selector finds in a page ('' when
    none), measured by a script in a copy of the page, as `overflowing` does."""
    import json
    import re

    probe = ("<script>addEventListener('load', () => document.body.setAttribute('data-dirs',"
             " JSON.stringify(" + json.dumps(selectors) + ".map(s => { const e ="
             " document.querySelector(s); return e ? getComputedStyle(e).direction : ''; }))));"
             "</script>")
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", text)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / page.name
        copy.write_text(text.replace("</body>", probe + "</body>"), encoding="utf-8")
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [chromium(), *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=2000",
                 "--dump-dom", copy.resolve().as_uri()],
                capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'data-dirs="([^"]*)"', result.stdout)
    assert found is not None, "the measuring script did not run"
    import html

    return list(json.loads(html.unescape(found.group(1))))


_LAYOUT = """<script>
addEventListener("load", () => {
  const out = [], lines = box => new Set([...box.getClientRects()].map(r => Math.round(r.top)));
  // an id (code, a source link, an isolated id) laid out on more than one line: broken
  for (const box of document.querySelectorAll("main a:not(:has(code)), code, bdi, .id")) {
    const text = box.textContent.trim();
    if (!/^[\\w.:\\/-]+$/.test(text) || /^https?:/.test(text)) continue;  // addresses may wrap
    if (lines(box).size > 1) out.push("id broken: " + text);
  }
  // the page itself wider than the window (a table may scroll inside its own box)
  if (document.documentElement.scrollWidth > innerWidth + 1)
    out.push("page wider than the window: " + document.documentElement.scrollWidth);
  for (const box of document.querySelectorAll("header li, caption, h1, h2, p")) {
    const rect = box.getBoundingClientRect();
    if (rect.left < -1 || rect.right > innerWidth + 1)
      out.push("outside the window: " + box.tagName + " " + box.textContent.trim().slice(0, 40));
  }
  for (const link of document.querySelectorAll("header nav a"))
    if (lines(link).size > link.textContent.trim().split(/\\s+/).length)
      out.push("a word of the menu broken: " + link.textContent.trim());
  document.body.setAttribute("data-layout", JSON.stringify(out));
});
</script>"""


def layout_faults(page: Path, width: int) -> list[str]:
    """What a reader sees wrong in a window `width` pixels wide: an id broken over two lines
    (`us-` / `guarantee`), the page wider than the window, a caption, heading or paragraph
    outside it, a word of the site's menu broken. Measured as `overflowing` measures."""
    return _measured(page, width, _LAYOUT, "data-layout")
