"""`plandiff review` on a temporary git repository, as a pull request would change it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS, git

RLO = "\u202e"


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


POSITIONS = """\
parties:
  US: United States
positions:
  - party: US
    term: cap
    stance: proposal
    value: 600000
    date: 2025-01-01
    at: v1
    text: The United States proposes a cap of 600,000.
    cites:
      - source: a
        quote: "capped"
"""


@pytest.fixture
def stances(repo) -> Path:
    (repo / "plans" / "positions.yaml").write_text(POSITIONS, encoding="utf-8")
    edit(repo, "v1.yaml", '    cites: [{source: a, quote: "capped"}]\n  - id: nato-old',
         '    cites: [{source: a, quote: "capped"}]\n    translations:\n      ar:\n'
         '        text: يحدد سقف الجيش عند 600,000.\n  - id: nato-old')
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "stances and a translation")
    return repo


def test_a_stance_a_header_and_a_translation_changed_without_evidence_are_named_and_fail(
        run, stances) -> None:
    # The attack of issue 24: a stance raised (citations unchanged), a version's date and status,
    # and a clause's Arabic rendering that now says 950,000 where the term says 600,000; review
    # said "no problems found" and named none of it.
    path = stances / "plans" / "positions.yaml"
    path.write_text(POSITIONS.replace("value: 600000", "value: 900000"), encoding="utf-8")
    edit(stances, "v1.yaml", "date: 2025-01-01\n", "date: 2025-01-09\n")
    edit(stances, "v1.yaml", "status: leaked\n", "status: agreed\n")
    edit(stances, "v1.yaml", "عند 600,000.", "عند 950,000.")
    result = run("review", "main", root=stances)
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "v1 · date: 2025-01-01 → 2025-01-09" in out
    assert "v1 · status: leaked → agreed" in out
    assert "v1 · army · translation ar · text: يحدد سقف الجيش عند 600,000. → يحدد سقف الجيش" \
        " عند 950,000." in out
    assert "stance US proposal cap 900000 (2025-01-01, at v1): value: 600000 → 900000" in out
    assert ("plans/positions.yaml:7:5: error: stance 1 (US on cap) changed its value but its"
            " citations did not [uncited-change]") in out
    assert ("plans/v1.yaml:3:1: error: version `v1` changed its date, status but no citation in"
            " it did [uncited-change]") in out
    assert "states 950,000, which the English and the terms do not [translation-number]" in out
    assert "No problems found." not in out


def test_a_stance_changed_with_new_evidence_is_listed_and_passes(run, stances) -> None:
    path = stances / "plans" / "positions.yaml"
    path.write_text(POSITIONS.replace("value: 600000", "value: 900000")
                    .replace("- source: a\n        quote: \"capped\"", "- source: b"),
                    encoding="utf-8")
    result = run("review", "main", root=stances)
    assert result.exit_code == 0, result.output
    assert "value: 600000 → 900000" in result.stdout
    assert "cites: a \"capped\" → b" in result.stdout


def test_a_stance_moved_to_another_party_or_added_and_removed_is_named(run, stances) -> None:
    path = stances / "plans" / "positions.yaml"
    path.write_text(POSITIONS.replace("  US: United States\n",
                                      "  US: United States\n  UA: Ukraine\n")
                    .replace("  - party: US", "  - party: UA"), encoding="utf-8")
    result = run("review", "main", root=stances)
    assert result.exit_code == 1
    assert "party UA: (none) → Ukraine" in result.stdout
    assert "stance 1 (UA on cap) changed its party but its citations did not" in result.stdout
    path.write_text(POSITIONS.replace("date: 2025-01-01", "date: 2025-01-03").replace(
        "- source: a\n        quote: \"capped\"", "- source: b"), encoding="utf-8")
    result = run("review", "main", root=stances)
    assert "stance added: US proposal cap 600000 (2025-01-03, at v1)" in result.stdout
    assert "stance removed: US proposal cap 600000 (2025-01-01, at v1)" in result.stdout


def test_added_seed_files_are_listed(run, repo) -> None:
    (repo / "seeds").mkdir()
    (repo / "seeds" / "new-article.txt").write_text("An article.\n", encoding="utf-8")
    result = run("review", "main", root=repo)
    assert "Other files:\n  seeds/new-article.txt (added)" in result.stdout
    markdown = run("review", "main", "--format", "markdown", root=repo).stdout
    assert "### Other files\n\n- `seeds/new-article.txt` (added)" in markdown


def test_the_registry_and_bibliography_changes_are_listed(run, repo) -> None:
    """deepdiff's one job (review's terms and sources section): every change, named."""
    edit(repo, "terms.yaml", "  label: Troop cap\n", "  label: Cap on troops\n")
    edit(repo, "terms.yaml", "    consensus: Up to consensus\n",
         "    consensus: Up to consensus\n    never: Never\n")
    edit(repo, "sources.yaml", "  reliability: low\n", "  reliability: high\n")
    edit(repo, "sources.yaml", "  url: https://example.org/a\n", "")
    (repo / "plans" / "sources.yaml").write_text(
        (repo / "plans" / "sources.yaml").read_text(encoding="utf-8")
        + "c:\n  outlet: Outlet C\n", encoding="utf-8")
    result = run("review", "main", root=repo)
    lines = result.stdout.splitlines()
    for line in ("  terms.yaml: cap.label: 'Troop cap' → 'Cap on troops'",
                 "  terms.yaml: added nato.choices.never",
                 "  sources.yaml: added c",
                 "  sources.yaml: b.reliability: 'low' → 'high'",
                 "  sources.yaml: removed a.url"):
        assert line in lines, result.stdout
    markdown = run("review", "main", "--format", "markdown", root=repo).stdout
    assert "### Registry and bibliography\n\n" in markdown
    assert "- sources.yaml: added c\n" in markdown


def test_a_source_file_that_is_a_plan_file_fails_review(run, repo) -> None:
    edit(repo, "sources.yaml", "  url: https://example.org/a\n",
         "  url: https://example.org/a\n  file: plans/v1.yaml\n")
    edit(repo, "v1.yaml", 'quote: "capped"', 'quote: "The army will be capped"')
    result = run("review", "main", root=repo)
    assert result.exit_code == 1, result.output
    assert "it is under plans/: a source's local copy is a document of its own" in result.stdout
