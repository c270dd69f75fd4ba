"""How well `plandiff import` aligns points with clauses: print one table of figures.

    python bench/align.py          # the round trip of the corpus and the held-out articles
    python bench/align.py -v       # and every miss

The round trip renders each full corpus version with `plandiff show --format text` and aligns it
with its own parent (and with itself). The held-out articles (tests/cases/import-heldout*) were
written for the tests by people who had not seen the aligner: reworded and terse English, Arabic,
Russian and Ukrainian renderings of v28 and v20, with answer keys. Use this table when changing the
lexicon or the aligner's constants; tests/test_align.py pins the figures it prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from alignment import HELD_OUT, Score, held_out, round_trip  # noqa: E402  (tests/ is no package)
from plandiff.repo.repository import find_root, load_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    verbose = parser.parse_args().verbose
    plan = load_plan(find_root(REPO)).plan
    full = [v.id for v in plan.versions.values() if v.coverage == "full" and v.parent]
    groups: list[tuple[str, list[Score]]] = [
        ("round trip against the parent (the issue's figure)",
         [round_trip(plan, v, plan.versions[v].parent or v) for v in full]),
        ("round trip against itself", [round_trip(plan, v, v) for v in full]),
    ]
    groups += [(f"held out: {folder.name}", held_out(plan, folder)) for folder in HELD_OUT]
    print(f"{'text':24} {'against':10} {'right':>9} {'share':>7}   values: right/left/wrong"
          "   choices: right/left/wrong")
    for title, scores in groups:
        print(f"-- {title}")
        for s in scores:
            print(f"{s.text:24} {s.parent:10} {s.right:>4}/{s.total:<4} {s.share:>7.1%}"
                  f"   {'/'.join(map(str, s.values)):24} {'/'.join(map(str, s.choices))}")
            for miss in s.misses if verbose else ():
                print(f"   {miss}")
        right, total = sum(s.right for s in scores), sum(s.total for s in scores)
        values = "/".join(str(sum(s.values[k] for s in scores)) for k in range(3))
        choices = "/".join(str(sum(s.choices[k] for s in scores)) for k in range(3))
        print(f"{'':24} {'all':10} {right:>4}/{total:<4} {right / total:>7.1%}   {values:24}"
              f" {choices}")


if __name__ == "__main__":
    main()
