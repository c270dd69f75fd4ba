"""A correct new version added to plans/ keeps the suite green (issue 24, item 13): the tests that
pin whole outputs (docs samples, the walkthrough, the corpus goldens, the views' goldens, the
aligner's floors) read the frozen copy in tests/fixtures/corpus/, and the tests of the living corpus
pin facts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import walkthrough
from conftest import REPO
from freeze_corpus import FROZEN, freeze

# The walkthrough's version of docs/corpus.md, once checked, with the Arabic that a version in
# plans/ must carry (tests/test_translations.py): what a contributor would commit.
ARABIC_HEADER = """\
translations:
  ar:
    title: عرض الضمان لمدة 15 عاماً
    summary: >-
      أفادت يو إس إيه توداي في 29 ديسمبر/كانون الأول بأن الولايات المتحدة عرضت على أوكرانيا ضماناً
      أمنياً لمدة 15 عاماً، ولم يُنقل شيء آخر من المسودة.
"""
ARABIC_CLAUSE = """\
    translations:
      ar:
        text: >-
          تقدم الولايات المتحدة وحلف الناتو والدول الأوروبية الموقعة لأوكرانيا ضمانات أمنية تحاكي
          المادة الخامسة. ويسقط البند السابق الخاص بتعويض الولايات المتحدة عن ضمانها. ويسري الضمان
          الأمريكي لمدة 15 عاماً.
"""
# Every test that reads the corpus's whole output or the living corpus's facts.
PINNED = ["tests/test_docs.py", "tests/test_walkthrough.py", "tests/test_golden.py",
          "tests/test_align.py", "tests/test_corpus.py", "tests/test_translations.py",
          "tests/test_history.py", "tests/test_fmt.py", "tests/test_views.py"]


def new_version() -> tuple[str, str]:
    version_id, text = walkthrough.version_file()
    text = walkthrough.fixed(text).replace("\nclauses:\n", "\n" + ARABIC_HEADER + "clauses:\n", 1)
    return version_id, text.rstrip("\n") + "\n" + ARABIC_CLAUSE


def test_the_frozen_copy_is_a_copy_of_a_corpus_and_freezing_drops_stale_files(tmp_path) -> None:
    assert (FROZEN / "plans" / "sources.yaml").is_file() and (FROZEN / "seeds").is_dir()
    target = tmp_path / "frozen"
    (target / "plans").mkdir(parents=True)
    (target / "plans" / "gone.yaml").write_text("id: gone\n", encoding="utf-8")
    freeze(REPO, target)
    for folder in ("plans", "seeds"):
        assert sorted(p.name for p in (target / folder).iterdir()) == sorted(
            p.name for p in (REPO / folder).iterdir() if not p.name.startswith("."))


@pytest.mark.slow
def test_a_correct_new_version_in_plans_keeps_the_suite_green(run, tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in ("README.md", "CHANGELOG.md", "pyproject.toml", "babel.cfg",
                 ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, copy / name)
    skip = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache")
    for folder in ("docs", "tests", "plans", "seeds", ".ci", ".github"):
        shutil.copytree(REPO / folder, copy / folder, ignore=skip, symlinks=True)
    version_id, text = new_version()
    (copy / "plans" / f"{version_id}.yaml").write_text(text, encoding="utf-8")
    checked = run("check", root=copy)
    assert checked.exit_code == 0, checked.output  # the new version is a correct one
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment.pop("PLANDIFF_ROOT", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-m", "not slow", "-p", "no:cacheprovider",
         *PINNED], cwd=copy, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
