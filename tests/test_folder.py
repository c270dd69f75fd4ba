"""A version written as a folder (`plans/ID/version.yaml` and chapter files): every command reads
it as the one file it stands for, and says which chapter file a problem is in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS, REPO, git

IMPORT_CASE = REPO / "tests" / "cases" / "import-lineage"


def split(root: Path, version: str, sizes: tuple[int, ...] = (2,)) -> list[Path]:
    """Turn plans/VERSION.yaml into plans/VERSION/: its header in version.yaml, its clauses in
    chapter files of `sizes` clauses (the rest in the last one), the text of each kept as is."""
    path = root / "plans" / f"{version}.yaml"
    header, clauses = path.read_text(encoding="utf-8").split("clauses:\n")
    items = ["  - " + item for item in clauses.split("\n  - ")]
    items[0] = items[0][4:]
    folder = root / "plans" / version
    folder.mkdir()
    (folder / "version.yaml").write_text(header, encoding="utf-8")
    written, start = [], 0
    for number, size in enumerate([*sizes, len(items)], 1):
        chunk = items[start:start + size]
        start += size
        if not chunk:
            break
        chapter = folder / f"{number:02d}-chapter.yaml"
        chapter.write_text("clauses:\n" + "\n".join(chunk).rstrip("\n") + "\n", encoding="utf-8")
        written.append(chapter)
    path.unlink()
    return written


@pytest.fixture
def lineage(make_repo) -> Path:
    return make_repo(LINEAGE_PLANS)


@pytest.mark.parametrize("args", [["diff", "v1", "v2", "--format", "json"],
                                  ["show", "v2", "--format", "json"], ["log", "--format", "json"],
                                  ["history", "cap", "--format", "json"], ["report", "v1", "v2"]])
def test_a_folder_version_reads_as_the_file_it_stands_for(run, lineage, args) -> None:
    before = run(*args, root=lineage)
    assert before.exit_code == 0, before.output
    chapters = split(lineage, "v2", (2, 1))
    assert len(chapters) == 3
    after = run(*args, root=lineage)
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout


def test_check_names_the_chapter_file_line_and_column(run, lineage) -> None:
    chapters = split(lineage, "v2")
    text = chapters[1].read_text(encoding="utf-8")
    chapters[1].write_text(text.replace("{source: b, quote: \"gone\"}", "{source: zz}"),
                           encoding="utf-8")
    result = run("check", root=lineage)
    assert result.exit_code == 1
    assert ("plans/v2/02-chapter.yaml:4:22: error: unknown source `zz` [unknown-source]"
            in result.stdout), result.stdout
    header = lineage / "plans" / "v2" / "version.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace("id: v2", "id: v9"))
    result = run("check", root=lineage)
    assert ("plans/v2/version.yaml:1:5: error: id `v9` differs from the file name `v2`"
            " [id-mismatch] (rename the folder to v9/ or set id: v2)") in result.stdout


@pytest.mark.parametrize(("chapter", "message"), [
    ("", "plans/v2/01-chapter.yaml: error: the chapter file is empty [empty-file]"),
    ("- id: x\n", "plans/v2/01-chapter.yaml:1:1: error: a chapter file must be a mapping with"
                  " `clauses:`, not a list [not-a-mapping]"),
    ("title: T\nclauses: []\n", "plans/v2/01-chapter.yaml:1:1: error: unknown field `title` in"
                                " a chapter file [unknown-field]"),
    ("clauses: {id: x}\n", "plans/v2/01-chapter.yaml:1:1: error: `clauses` must be a list, not"
                           " a mapping [wrong-type]"),
])
def test_a_bad_chapter_file_is_named(run, lineage, chapter: str, message: str) -> None:
    chapters = split(lineage, "v2")
    chapters[0].write_text(chapter, encoding="utf-8")
    result = run("check", root=lineage)
    assert result.exit_code == 1
    assert message in result.stdout, result.stdout
    diff = run("diff", "v1", "v2", root=lineage)
    assert diff.exit_code == 2 and message in diff.stderr


def test_a_folder_without_its_header_and_a_version_twice_are_errors(run, lineage) -> None:
    split(lineage, "v2")
    (lineage / "plans" / "v2" / "version.yaml").unlink()
    result = run("check", root=lineage)
    assert ("plans/v2/: error: the version folder has no version.yaml [missing-file]"
            in result.stdout), result.stdout
    assert "unknown-parent" not in result.stdout  # v2's children are not told it is missing
    (lineage / "plans" / "v1").mkdir()
    (lineage / "plans" / "v1" / "version.yaml").write_text(LINEAGE_PLANS["plans/v1.yaml"])
    result = run("check", root=lineage)
    assert "version `v1` is defined twice" in result.stdout
    (lineage / "plans" / "notes").mkdir()  # a folder without YAML files is not a version
    (lineage / "plans" / "notes" / "readme.txt").write_text("x")
    assert "notes" not in run("check", root=lineage).stdout


def test_fmt_lays_out_the_header_and_every_chapter(run, lineage) -> None:
    chapters = split(lineage, "v2")
    chapters[0].write_text(chapters[0].read_text(encoding="utf-8").replace(
        "    number: 1\n    text:", "    text:", 1).replace("- id: army\n", "- id: army\n"
                                                            "    number: 1\n", 1))
    chapters[0].write_text("clauses:\n  - text: Reordered.\n    id: first\n"
                           "    cites: [{source: a}]\n" + chapters[0].read_text()[9:])
    checked = run("fmt", "--check", root=lineage)
    assert checked.exit_code == 1
    assert "would reformat plans/v2/01-chapter.yaml" in checked.stdout
    assert run("fmt", root=lineage).exit_code == 0
    assert chapters[0].read_text().startswith("clauses:\n  - id: first\n    text: Reordered.\n")
    assert run("fmt", "--check", root=lineage).exit_code == 0


def test_textconv_shows_a_chapter_as_its_clauses(run, lineage) -> None:
    chapters = split(lineage, "v2")
    result = run("textconv", str(chapters[0]), root=lineage)
    assert result.exit_code == 0
    assert result.stdout.startswith("chapter\n\n[1] army\n    The army may be capped at 800,000.")
    header = run("textconv", str(lineage / "plans" / "v2" / "version.yaml"), root=lineage)
    assert header.stdout.startswith("version v2 — Second\n")


def test_review_reports_a_folder_version_once_and_locates_in_its_chapter(run, lineage) -> None:
    chapters = split(lineage, "v2", (1, 2))
    git(lineage, "init", "-q", "-b", "main")
    git(lineage, "add", ".")
    git(lineage, "commit", "-q", "-m", "base")
    for chapter, old, new in ((chapters[1], "consensus.", "consensus of all."),
                              (chapters[2], "A fund of 100", "A fund of 110")):
        chapter.write_text(chapter.read_text(encoding="utf-8").replace(old, new))
    result = run("review", "main", root=lineage)
    assert result.exit_code == 1, result.output
    assert result.stdout.count("plans/v2 (modified)") == 1
    assert "plans/v2/02-chapter.yaml:2:5: error: clause `nato` changed" in result.stdout
    assert "plans/v2/03-chapter.yaml:2:5: error: clause `money` changed" in result.stdout
    shutil.rmtree(lineage / "plans" / "v2")
    deleted = run("review", "main", root=lineage)
    assert "plans/v2: error: version file deleted: plans/v2 [version-deleted]" in deleted.stdout


@pytest.fixture
def importing(tmp_path: Path) -> Path:
    shutil.copytree(IMPORT_CASE / "plans", tmp_path / "plans")
    shutil.copytree(IMPORT_CASE / "seeds", tmp_path / "seeds")
    return tmp_path


def _import(run, root: Path, *extra: str):
    return run("import", str(root / "seeds" / "article.md"), "--parent", "v2", "--id", "v3",
               "--date", "2025-03-01", *extra, root=root)


def test_import_into_a_folder_gives_the_version_a_file_gives(run, importing, monkeypatch) -> None:
    from plandiff.importer import layout

    monkeypatch.setattr(layout, "CHAPTER_CLAUSES", 3)
    result = _import(run, importing, "--folder")
    assert result.exit_code == 0, result.stderr
    assert "wrote plans/v3" in result.stderr
    folder = importing / "plans" / "v3"
    names = sorted(p.name for p in folder.iterdir())
    assert names[0] == "part-001.yaml" and names[-1] == "version.yaml" and len(names) >= 3
    assert (folder / "part-001.yaml").read_text().count("\n  - id: ") == 3
    assert run("check", root=importing).exit_code == 0
    shown = run("show", "v3", "--format", "json", root=importing).stdout
    again = _import(run, importing, "--folder")
    assert again.exit_code == 2 and "--force" in again.stderr
    (folder / "part-009.yaml").write_text("clauses: []\n")  # replaced whole by --force
    assert _import(run, importing, "--folder", "--force").exit_code == 0
    assert not (folder / "part-009.yaml").exists()
    dry = _import(run, importing, "--folder", "--dry-run")
    assert dry.stdout.startswith("# ==> plans/v3/version.yaml <==\n# Drafted by")
    assert "# ==> plans/v3/part-002.yaml <==\nclauses:\n" in dry.stdout
    shutil.rmtree(folder)
    assert _import(run, importing).exit_code == 0
    assert run("show", "v3", "--format", "json", root=importing).stdout == shown


def test_the_site_reads_a_folder_version(run, lineage, tmp_path) -> None:
    before = run("site", str(tmp_path / "one"), root=lineage)
    split(lineage, "v2")
    after = run("site", str(tmp_path / "two"), root=lineage)
    assert after.exit_code == 0, after.output
    pages = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.html"))
    assert pages == sorted(p.relative_to(tmp_path / "two")
                           for p in (tmp_path / "two").rglob("*.html"))
    assert before.stderr.split(" to ")[0] == after.stderr.split(" to ")[0]
