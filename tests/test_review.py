"""`plandiff review` on a temporary git repository, as a pull request would change it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS

RLO = "\u202e"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(make_repo) -> Path:
    root = make_repo(LINEAGE_PLANS)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "plans" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_cap_change_and_right_to_left_override_are_shown_and_fail(run, repo) -> None:
    edit(repo, "v1.yaml", "terms: {cap: 600000}", "terms: {cap: 650000}")
    edit(repo, "v1.yaml", "The army will be capped", f"The army will {RLO}be capped")
    git(repo, "commit", "-q", "-am", "change")
    result = run("review", "HEAD~1", "HEAD", root=repo)
    assert result.exit_code == 1, result.output
    assert "v1 · army · Troop cap: 600,000 → 650,000 personnel (+50,000, +8.3%)" in result.stdout
    assert "U+202E" in result.stdout and "[bidi-control]" in result.stdout
    assert RLO not in result.stdout
    assert "plans/v1.yaml:7:5: error: clause `army` changed (modified)" in result.stdout


def test_working_tree_is_the_default_head_and_a_cited_change_is_clean(run, repo) -> None:
    edit(repo, "v2.yaml", "terms: {fund: 150000000000, days: 100}",
         "terms: {fund: 160000000000, days: 100}")
    edit(repo, "v2.yaml", "    text: A fund of 100 billion dollars.\n    terms: {fund: 160",
         "    text: A fund of 160 billion dollars.\n    terms: {fund: 160")
    edit(repo, "v2.yaml", "terms: {fund: 160000000000, days: 100}\n    cites: [{source: a}]",
         "terms: {fund: 160000000000, days: 100}\n    cites: [{source: b}]")
    result = run("review", "main", root=repo)
    assert result.exit_code == 0, result.output
    assert "v2 · money · Fund: $150 billion → $160 billion" in result.stdout
    assert "No problems found." in result.stdout


def test_deleted_version_and_removed_source_still_cited(run, repo) -> None:
    (repo / "plans" / "v2.yaml").unlink()
    edit(repo, "sources.yaml", "b:\n  outlet: Outlet B\n  reliability: low\n", "")
    result = run("review", "main", root=repo)
    assert result.exit_code == 1
    assert "version file deleted: plans/v2.yaml [version-deleted]" in result.stdout


def test_markdown_has_the_sticky_marker_and_github_annotations(run, repo) -> None:
    edit(repo, "v1.yaml", "terms: {cap: 600000}", "terms: {cap: 650000}")
    markdown = run("review", "main", "--format", "markdown", root=repo).stdout
    assert markdown.startswith("<!-- plandiff-review -->\n")
    annotations = run("review", "main", "--format", "github", root=repo).stdout
    assert "::error file=plans/v1.yaml,line=" in annotations


def test_unknown_revision_and_not_a_repository_exit_2(run, repo, tmp_path_factory) -> None:
    unknown = run("review", "nope", root=repo)
    assert unknown.exit_code == 2 and "unknown revision `nope`" in unknown.stderr
    typo = run("review", "mian", root=repo)
    assert typo.exit_code == 2 and "did you mean `main`?" in typo.stderr
    assert run("review", "--upload-pack=x", root=repo).exit_code == 2
    plain = tmp_path_factory.mktemp("plain")
    (plain / "plans").mkdir()
    outside = run("review", "main", root=plain)
    assert outside.exit_code == 2 and "not inside a git repository" in outside.stderr


def test_review_never_runs_repository_code(run, repo) -> None:
    (repo / ".gitattributes").write_text("*.yaml filter=evil diff=evil\n", encoding="utf-8")
    git(repo, "config", "filter.evil.clean", "touch PWNED")
    git(repo, "config", "diff.evil.textconv", "touch PWNED")
    edit(repo, "v1.yaml", "terms: {cap: 600000}", "terms: {cap: 650000}")
    run("review", "main", root=repo)
    assert not (repo / "PWNED").exists()


def test_a_space_added_inside_a_quote_is_no_new_evidence(run, repo) -> None:
    # Quote verification folds white space, so the quote still verifies: the citation is the same.
    edit(repo, "v1.yaml", "terms: {cap: 600000}", "terms: {cap: 650000}")
    edit(repo, "v1.yaml", 'quote: "capped"', 'quote: "capped "')
    result = run("review", "main", root=repo)
    assert result.exit_code == 1, result.output
    assert "clause `army` changed (modified) but its citations did not" in result.stdout
    edit(repo, "v1.yaml", 'quote: "capped "', 'quote: "\\tcapped"')
    assert "[uncited-change]" in run("review", "main", root=repo).stdout


def test_a_seed_of_nul_bytes_over_the_byte_limit_is_named_unread(run, repo,
                                                                 monkeypatch) -> None:
    # 40 MB of NUL bytes (40 KB in git) cost ~6 GB: one match object per character. At a small
    # limit, the same attack: the file is never read, and the review fails saying so.
    monkeypatch.setenv("PLANDIFF_MAX_BYTES", "20000")
    (repo / "seeds").mkdir()
    (repo / "seeds" / "zeros.txt").write_bytes(b"\0" * 200_000)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "zeros")
    result = run("review", "HEAD~1", "HEAD", root=repo)
    assert result.exit_code == 1, result.output
    assert ("seeds/zeros.txt: error: not reviewed: the file (200,000 bytes) passes the byte"
            " limit of 20,000 bytes") in result.stdout
    assert "[too-large]" in result.stdout


def test_hidden_characters_under_the_limit_are_named_once_per_line(run, repo,
                                                                  monkeypatch) -> None:
    monkeypatch.setenv("PLANDIFF_MAX_BYTES", "20000")
    (repo / "seeds").mkdir()
    (repo / "seeds" / "zeros.txt").write_bytes(b"\0" * 5_000 + b"\n" + b"ok\x1b\n" * 300)
    result = run("review", "main", root=repo)
    assert result.exit_code == 1, result.output
    assert "seeds/zeros.txt:1:1: error: the change adds the control character U+0000" \
        in result.stdout
    assert result.stdout.count("[control-character]") == 100
    assert "the change adds hidden characters on 201 more line(s) of this file" in result.stdout


def test_a_submodule_in_the_plan_folders_is_reported(run, repo) -> None:
    sub = repo / "seeds" / "vendor"
    sub.mkdir(parents=True)
    git(sub, "init", "-q", "-b", "main")
    (sub / "a.txt").write_text("hidden\n", encoding="utf-8")
    git(sub, "add", ".")
    git(sub, "commit", "-q", "-m", "sub")
    assert "seeds/vendor: error: a git submodule" in run("review", "main", root=repo).stdout
    git(repo, "add", "seeds/vendor")
    git(repo, "commit", "-q", "-m", "add a submodule")
    result = run("review", "HEAD~1", "HEAD", root=repo)
    assert result.exit_code == 1
    assert "seeds/vendor: error: a git submodule in the plan repository" in result.stdout
    assert "[submodule]" in result.stdout
