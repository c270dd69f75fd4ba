"""How `plandiff fmt --check` scales: many small chapter files, and one very long clause text.

Prints seconds and peak memory (maximum resident set) of `fmt --check` beside `check` on the same
repository, for growing sizes, so that a superlinear step shows as a ratio that grows:

    python bench/fmt.py                 # 5,000 and 20,000 chapters; 1 MB and 5 MB of text
    python bench/fmt.py --quick         # 1,000 and 4,000 chapters; 0.5 MB and 2 MB
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "id: big\ntitle: Big\ndate: 2025-01-01\ncoverage: full\nstatus: leaked\n"
SOURCES = "s:\n  outlet: x\n  title: t\n  date: null\n  language: en\n  url: null\n"
WORDS = ["peace", "plan", "troops", "cap", "#", "NATO's", "«cap»", "800,000", "a", "the", "of"]


def chapters(root: Path, count: int) -> None:
    folder = root / "plans" / "big"
    folder.mkdir(parents=True)
    (root / "plans" / "terms.yaml").write_text("{}\n", encoding="utf-8")
    (root / "plans" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (folder / "version.yaml").write_text(HEADER, encoding="utf-8")
    for number in range(count):
        (folder / f"c{number:05d}.yaml").write_text(
            f"clauses:\n  - id: c{number}\n    text: Clause {number}.\n    cites:\n"
            "      - source: s\n", encoding="utf-8")


def long_text(root: Path, megabytes: float) -> None:
    (root / "plans").mkdir(parents=True)
    (root / "plans" / "terms.yaml").write_text("{}\n", encoding="utf-8")
    (root / "plans" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    rng = random.Random(1)
    text = " ".join(rng.choice(WORDS) for _ in range(int(megabytes * 1_000_000 / 6)))
    (root / "plans" / "big.yaml").write_text(
        f'{HEADER}clauses:\n  - id: c\n    text: "{text}"\n    cites:\n      - source: s\n',
        encoding="utf-8")


def measure(*args: str) -> tuple[float, float]:
    """Seconds and peak MB (this child's own maximum resident set) of one run of plandiff."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "plandiff.cli.main", *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, not by Popen
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    quick = parser.parse_args().quick
    cases = ([("chapters", 1_000), ("chapters", 4_000), ("text MB", 0.5), ("text MB", 2)] if quick
             else [("chapters", 5_000), ("chapters", 20_000), ("text MB", 1), ("text MB", 5)])
    print(f"{'case':<16} {'fmt --check':>12} {'peak MB':>8} {'check':>8} {'peak MB':>8}"
          f" {'fmt/check':>9}")
    for kind, size in cases:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            if kind == "chapters":
                chapters(root, int(size))
            else:
                long_text(root, size)
            fmt_seconds, fmt_peak = measure("fmt", "--check", "--root", folder)
            check_seconds, check_peak = measure("check", "--root", folder)
        print(f"{kind + ' ' + format(size, ','):<16} {fmt_seconds:>11.2f}s {fmt_peak:>8.0f}"
              f" {check_seconds:>7.2f}s {check_peak:>8.0f} {fmt_seconds / check_seconds:>8.1f}x")


if __name__ == "__main__":
    main()
