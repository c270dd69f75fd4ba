"""`plandiff terms`: every term with its label, unit and the clauses that set it (issue 24,
item 14), so that a reader finds the name `--term` and `history` take."""

from __future__ import annotations

import json

from conftest import LINEAGE_PLANS


def test_terms_lists_each_term_with_its_label_unit_and_clauses(run, make_repo) -> None:
    root = make_repo(dict(LINEAGE_PLANS))
    result = run("terms", root=root)
    assert result.exit_code == 0, result.output
    cap = next(line for line in result.stdout.splitlines() if line.startswith("cap "))
    assert cap.split() == ["cap", "Troop", "cap", "personnel", "army"]
    data = json.loads(run("terms", "--format", "json", root=root).stdout)
    assert data["format"] == "plandiff.terms/1"
    entry = next(term for term in data["terms"] if term["id"] == "cap")
    assert entry["label"] == "Troop cap" and entry["clauses"] == ["army"]
    assert entry["versions"] == ["v1", "v2"] and entry["unit"] == "personnel"


def test_terms_in_arabic_and_markdown(run, make_repo) -> None:
    root = make_repo(dict(LINEAGE_PLANS))
    arabic = run("terms", "--lang", "ar", root=root).stdout
    # The label first: a line that began with a Latin id read left to right (issue 23, item 3).
    assert arabic.splitlines()[0].split() == ["التسمية", "الشرط", "الوحدة", "البنود"]
    nato = next(line for line in arabic.splitlines() if " nato " in line)
    assert "خيار" in nato and "choice" not in nato  # a term's type in Arabic, not English
    markdown = run("terms", "--format", "markdown", root=root).stdout
    assert markdown.startswith("| term | label | unit | set by clauses |\n|---|---|---|---|\n")
    assert "| `cap` | Troop cap | personnel | `army` |" in markdown


def test_the_corpus_army_cap_is_found_under_its_clause(run) -> None:
    result = run("terms", "--format", "json")
    cap = next(term for term in json.loads(result.stdout)["terms"]
               if term["id"] == "ukraine-troop-cap")
    assert "armed-forces-cap" in cap["clauses"] and cap["unit"] == "personnel"
