"""The frozen corpus: a copy of plans/ and seeds/ kept in tests/fixtures/corpus/ for the tests
whose expected output is a whole command's output (the samples in README.md and docs/, the
walkthrough of docs/corpus.md, the corpus's golden cases, the aligner's measured accuracy).

Those outputs name every version and count them, so on the living corpus any correct new version
would turn them red and tell its author to paste the new version into the docs. They run on this
copy instead, and move only when it is refreshed on purpose:

    python tests/freeze_corpus.py

copies plans/ and seeds/ over the frozen copy (files gone from them go from it too), then pastes
every docs sample and the walkthrough's outputs again from real runs on it and regenerates the
corpus's goldens and the views' (tests/views/). Review `git diff` (README.md, docs/,
tests/cases/corpus/, tests/views/, tests/fixtures/)
like code before committing it. The living corpus is held by tests that pin facts
(tests/test_corpus.py and the others that take the `corpus` fixture), never by these outputs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FROZEN = REPO / "tests" / "fixtures" / "corpus"
FOLDERS = ("plans", "seeds")


def freeze(source: Path = REPO, target: Path = FROZEN) -> None:
    """Make `target`'s plans/ and seeds/ exact copies of `source`'s (nothing stale kept)."""
    for folder in FOLDERS:
        shutil.rmtree(target / folder, ignore_errors=True)
        shutil.copytree(source / folder, target / folder,
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))


def main() -> int:
    freeze()
    print(f"froze plans/ and seeds/ into {FROZEN.relative_to(REPO)}/")
    import docs_samples
    import walkthrough

    docs_samples.main([])
    walkthrough.main()
    print("rewrote the walkthrough's outputs in docs/corpus.md")
    codes = [subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             *selection, "--update-goldens"], cwd=REPO, check=False).returncode
             for selection in (["tests/test_golden.py::test_golden", "-k", "corpus"],
                               ["tests/test_views.py"])]
    print("regenerated tests/cases/corpus/ and tests/views/: review `git diff` before committing")
    return max(codes)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
