"""`plandiff check` and the loader: every problem, located at file:line:col, never a traceback."""

from __future__ import annotations

import pytest

TERMS = """
cap:
  label: Troop cap
  type: quantity
  unit: personnel
nato:
  label: NATO path
  type: choice
  choices: {barred: Barred, consensus: Up to consensus}
"""
SOURCES = """
a:
  outlet: Outlet A
seed:
  outlet: unknown
  file: seeds/article.txt
"""
V1 = """
id: v1
title: First
date: 2025-01-01
coverage: full
status: leaked
clauses:
  - id: army
    number: 1
    text: The army is capped.
    terms: {cap: 600000, nato: barred}
    cites:
      - source: seed
        quote: "يُقتصر حجم القوات"
      - source: a
"""
ARTICLE = "مقدمة. يُقتَصر حجم القوات المسلحة على 600 ألف جندي.\n"


@pytest.fixture
def repo(make_repo):
    def build(**overrides: str):
        files = {"plans/terms.yaml": TERMS, "plans/sources.yaml": SOURCES, "plans/v1.yaml": V1,
                 "seeds/article.txt": ARTICLE}
        files.update({k.replace("__", "/").replace("_yaml", ".yaml"): v
                      for k, v in overrides.items()})
        return make_repo(files)
    return build


def test_clean_repository_passes(run, repo) -> None:
    result = run("check", root=repo())
    assert result.exit_code == 0, result.stdout
    assert "ok: no problems found" in result.stdout


def test_quote_verifies_despite_diacritics_and_fails_when_altered(run, repo) -> None:
    altered = V1.replace("يُقتصر حجم القوات", "يُقتصر عدد القوات")
    result = run("check", root=repo(plans__v1_yaml=altered))
    assert result.exit_code == 1
    assert "plans/v1.yaml:13:16: error: quote does not occur in seeds/article.txt" in result.stdout


def test_wrong_term_type_names_file_line_and_column_with_a_hint(run, repo) -> None:
    result = run("check", root=repo(plans__v1_yaml=V1.replace("cap: 600000", 'cap: "600k"')))
    assert result.exit_code == 1
    assert "plans/v1.yaml:10:18: error: term `cap` is a quantity" in result.stdout
    assert "write 600000, not 600k" in result.stdout


def test_term_type_change_in_registry_is_caught(run, repo) -> None:
    terms = TERMS.replace("type: quantity\n  unit: personnel", "type: flag")
    result = run("check", root=repo(plans__terms_yaml=terms))
    assert result.exit_code == 1
    assert "term `cap` is a flag" in result.stdout


def test_choice_outside_the_list_suggests_the_closest(run, repo) -> None:
    result = run("check", root=repo(plans__v1_yaml=V1.replace("nato: barred", "nato: bared")))
    assert "did you mean `barred`?" in result.stdout


def test_every_problem_is_reported_not_just_the_first(run, repo) -> None:
    broken = (V1.replace("nato: barred", "nato: nope").replace("source: seed", "source: ghost")
              .replace("status: leaked", "status: secret"))
    result = run("check", root=repo(plans__v1_yaml=broken))
    assert result.exit_code == 1
    assert "unknown source `ghost`" in result.stdout or "status" in result.stdout
    assert result.stdout.count("error:") >= 1


def test_reference_problems(run, repo) -> None:
    v2 = """
    id: v2
    title: Second
    date: 2025-02-01
    parent: v9
    coverage: partial
    status: proposed
    clauses:
      - id: nato
        was: natoo
        text: Up to consensus.
        cites: [{source: a}]
      - id: amnesty
        removed: true
    """
    result = run("check", root=repo(plans__v2_yaml=v2))
    out = result.stdout
    assert result.exit_code == 1
    assert "plans/v2.yaml:4:9: error: parent `v9` is not a version" in out
    assert "clause `amnesty` is removed without a citation [uncited-removal]" in out


def test_lineage_cycle(run, repo) -> None:
    a = V1.replace("coverage: full", "parent: v2\ncoverage: full")
    b = V1.replace("id: v1", "id: v2").replace("coverage: full", "parent: v1\ncoverage: full")
    result = run("check", root=repo(plans__v1_yaml=a, plans__v2_yaml=b))
    assert "lineage cycle: v1 → v2 → v1" in result.stdout


def test_id_must_match_the_file_name(run, repo) -> None:
    result = run("check", root=repo(plans__v1_yaml=V1.replace("id: v1", "id: other")))
    assert "plans/v1.yaml:1:5: error: id `other` differs from the file name `v1`" in result.stdout


def test_duplicate_clause_ids(run, repo) -> None:
    doubled = V1 + V1[V1.index("  - id: army"):]
    result = run("check", root=repo(plans__v1_yaml=doubled))
    assert "plans/v1.yaml:15:9: error: clause id `army` is used twice" in result.stdout


def test_unknown_fields_suggest_the_known_one(run, repo) -> None:
    result = run("check", root=repo(plans__v1_yaml=V1.replace("number: 1", "numbr: 1")))
    assert "plans/v1.yaml:8:5: error: unknown field `numbr`" in result.stdout
    assert "did you mean `number`?" in result.stdout


def test_source_file_may_not_leave_the_root(run, repo, tmp_path) -> None:
    sources = SOURCES.replace("seeds/article.txt", "../outside.txt")
    (tmp_path.parent / "outside.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("check", root=repo(plans__sources_yaml=sources))
    assert "the path climbs out of the repository root with `..`" in result.stdout


def test_broken_yaml_is_a_located_error_for_check_and_exit_2_elsewhere(run, repo) -> None:
    root = repo(plans__v1_yaml="id: v1\ntitle: [unclosed\n")
    checked = run("check", root=root)
    assert checked.exit_code == 1
    assert "plans/v1.yaml:" in checked.stdout and "YAML syntax error" in checked.stdout
    diffed = run("diff", "v1", "v1", root=root)
    assert diffed.exit_code == 2
    assert "plans/v1.yaml:" in diffed.stderr
    assert "Traceback" not in diffed.output


def test_bidirectional_controls_in_text_are_errors(run, repo) -> None:
    sneaky = V1.replace("The army is capped.", "The army is \u202ecapped.")
    result = run("check", root=repo(plans__v1_yaml=sneaky))
    assert result.exit_code == 1
    assert "U+202E" in result.stdout


def test_json_and_github_formats(run, repo) -> None:
    import json

    root = repo(plans__v1_yaml=V1.replace("nato: barred", "nato: bared"))
    data = json.loads(run("check", "--format", "json", root=root).stdout)
    assert data["errors"] == 1 and data["problems"][0]["line"] == 10
    github = run("check", "--format", "github", root=root).stdout
    assert github.startswith("::error file=plans/v1.yaml,line=10,col=")


@pytest.mark.parametrize("typed", ["сім'ї", "сім’ї", "сімʼї"])
def test_a_ukrainian_quote_verifies_whichever_apostrophe_it_is_typed_with(typed: str) -> None:
    from plandiff.core.quote_normalization import normalize, quote_occurs

    source = normalize("Повернення дітей до сімʼї та обмін полоненими.")
    assert quote_occurs(f"Повернення дітей до {typed}", source)


@pytest.mark.parametrize("file", ["plans/v1.yaml", "Plans/v1.yaml", "seeds/linked.yaml"])
def test_a_source_file_may_not_be_a_plan_file(run, repo, file: str) -> None:
    # A source whose `file:` is the plan itself verifies every quote of the plan's own text.
    quoted = V1.replace('quote: "يُقتصر حجم القوات"', 'quote: "The army is capped."')
    root = repo(plans__sources_yaml=SOURCES.replace("seeds/article.txt", file),
                plans__v1_yaml=quoted)
    (root / "seeds" / "linked.yaml").symlink_to(root / "plans" / "v1.yaml")
    result = run("check", root=root)
    assert result.exit_code == 1, result.stdout
    assert "it is under plans/: a source's local copy is a document of its own" in result.stdout
    assert "[bad-source-file]" in result.stdout
