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


def chromium() -> str:
    """The browser, or a skip; in CI (where .ci/run installs it) a missing browser fails."""
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
