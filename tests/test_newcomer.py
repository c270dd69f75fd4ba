"""What a newcomer trips on (issue 15): which repository is read, and one broken file that an
unrelated command does not need."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import LINEAGE_PLANS

BUNDLED = "reading the corpus bundled with plandiff"


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder with no plans/ at or above it."""
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_outside_a_repository_check_says_it_read_the_bundled_corpus(run, elsewhere) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stderr.count(BUNDLED) == 1
    assert "--root DIR" in result.stderr and "PLANDIFF_ROOT" in result.stderr
    assert "ok: no problems found (checked " in result.stdout
    assert "in the corpus bundled with plandiff, at " in result.stdout


def test_outside_a_repository_an_unknown_version_names_the_bundled_corpus(run, elsewhere) -> None:
    result = run("geneva", "my-new-version")
    assert result.exit_code == 2
    assert result.stderr.count(BUNDLED) == 1
    assert "unknown version `my-new-version` in the corpus bundled with plandiff" in result.stderr


@pytest.mark.parametrize("args", [("log",), ("show", "geneva"), ("history", "armed-forces-cap"),
                                  ("positions",), ("terms",), ("report", "v28", "geneva"),
                                  ("v28", "geneva")])
def test_outside_a_repository_every_view_says_once_it_read_the_bundled_corpus(
        run, elsewhere, args) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr.count(BUNDLED) == 1


def test_a_repository_given_with_root_is_named_and_no_notice_is_printed(run, make_repo) -> None:
    root = make_repo(LINEAGE_PLANS)
    result = run("check", root=root)
    assert BUNDLED not in result.stderr
    assert result.stdout.endswith(f"(checked 2 version file(s) in {root})\n")
    missing = run("v1", "v9", root=root)
    assert f"unknown version `v9` in {root}" in missing.stderr and BUNDLED not in missing.stderr


def _with_broken_v3(make_repo) -> Path:
    files = dict(LINEAGE_PLANS)
    files["plans/v3.yaml"] = "id: v3\nparent: v2\nclauses: [\n"  # a syntax error
    files["plans/v4.yaml"] = files["plans/v2.yaml"].replace("id: v2", "id: v4").replace(
        "parent: v1", "parent: v3")
    return make_repo(files)


@pytest.mark.parametrize("args", [("diff", "v1", "v2"), ("v1", "v2"), ("report", "v1", "v2"),
                                  ("show", "v2"), ("show", "v2", "army"), ("history", "cap")])
def test_a_broken_file_the_command_does_not_need_is_a_warning(run, make_repo, args) -> None:
    root = _with_broken_v3(make_repo)
    result = run(*args, root=root)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings[0] == ("plandiff: warning: plans/v3.yaml has 1 error(s) and is left out"
                           " (`plandiff check` lists them)")
    assert warnings[1:] == ["plandiff: warning: also left out, as they build on a broken file: v4"]
    assert result.stdout


def test_a_broken_file_still_fails_check_and_the_commands_that_need_it(run, make_repo) -> None:
    root = _with_broken_v3(make_repo)
    assert run("check", root=root).exit_code == 1
    for args in (("diff", "v1", "v3"), ("v2", "v4"), ("show", "v4"), ("log",)):
        result = run(*args, root=root)
        assert result.exit_code == 2, args
        assert "plans/v3.yaml:" in result.stderr and "has 1 error(s)" in result.stderr


def test_a_broken_registry_stops_every_command(run, make_repo) -> None:
    files = dict(LINEAGE_PLANS)
    files["plans/terms.yaml"] = "cap: [\n"
    result = run("v1", "v2", root=make_repo(files))
    assert result.exit_code == 2 and "plans/terms.yaml:" in result.stderr


def test_a_typo_in_a_version_is_still_said_when_another_file_is_broken(run, make_repo) -> None:
    result = run("v1", "v22", root=_with_broken_v3(make_repo))
    assert result.exit_code == 2 and "did you mean `v2`?" in result.stderr


V1 = LINEAGE_PLANS["plans/v1.yaml"]


@pytest.mark.parametrize(("text", "message", "hint"), [
    (V1.replace("\n    text:", "\n\ttext:", 1), "a tab character in the indentation",
     "use spaces instead of the tab"),
    (V1.replace("\n    text:", "\n   text:", 1),
     "this line's indentation does not match the lines above", "same number of spaces"),
    (V1.replace("\n    text:", "\n     text:", 1), "this line is indented more than the line above",
     "same number of spaces"),
    (V1.replace("title: First", "title: First: the plan"),
     "a colon followed by a space inside a value", "put the value in quotes"),
    (V1.replace("title: First", 'title: "First'), "the quote (\") opened on line 2 is not closed",
     "close the quote"),
    (V1.replace("\n  - id:", "\n  -id:", 1), "a list item needs a space after its `-`",
     "write `- id: ...`"),
    (V1.replace("\n    text:", "\n    cap: 5\n    text:", 1),
     "`cap` is a term: it belongs under `terms:`", "under the clause's `terms:`"),
])
def test_yaml_mistakes_are_said_in_plain_words(run, make_repo, text, message, hint) -> None:
    files = dict(LINEAGE_PLANS)
    files["plans/v1.yaml"] = text
    result = run("check", root=make_repo(files))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("plans/v1.yaml:") and message in first and hint in first, first
    assert "<block" not in first and "expected" not in first


def test_show_suggests_the_closest_clause(run) -> None:
    result = run("show", "v28", "armed-force-cap")
    assert result.exit_code == 2 and "did you mean `armed-forces-cap`?" in result.stderr


def test_a_delta_goes_with_the_new_value_never_inside_a_disputed_old_side(run, make_repo) -> None:
    files = dict(LINEAGE_PLANS)
    files["plans/v3.yaml"] = """
        id: v3
        title: Third
        date: 2025-03-01
        parent: v2
        coverage: partial
        status: proposed
        clauses:
          - id: army
            text: The army is capped at 850,000.
            terms: {cap: 850000}
            cites: [{source: a}]
        """
    root = make_repo(files)
    out = run("v2", "v3", root=root).stdout
    assert ("Troop cap: disputed: 800,000 personnel (a) | none (b) → 850,000 personnel"
            " (+50,000, +6.2% from 800,000)") in out
    report = run("report", "v2", "v3", root=root).stdout
    assert "disputed: 800,000 personnel (a) \\| none (b) → 850,000 personnel (+50,000" in report
    forward = run("v1", "v2", root=root).stdout  # a disputed new side: each claim's own move
    assert "600,000 personnel → disputed: 800,000 personnel (+200,000, +33.3%; a) | none (b)" \
        in forward


def test_the_sources_line_lists_the_sources_of_disputed_claims(run) -> None:
    out = run("v28", "geneva", "--term", "ukraine-troop-cap-scope").stdout
    # cal and rbc1 back only a claim of the disputed scope: the clause's cites do not name them.
    assert "sources: ap-hutchpost, seed-001, durango-ap (v28) → ki1, seed-001, cal, rbc1" \
        " (geneva)" in out
    assert "~ armed-forces-cap  Cap on Ukraine's armed forces  §6 (in v28)  modified" in out
    markdown = run("v28", "geneva", "--term", "ukraine-troop-cap-scope", "-f", "markdown").stdout
    assert "new [^ki1], [^seed-001], [^cal], [^rbc1] (`geneva`)" in markdown
    assert "[^rbc1]: `rbc1`: " in markdown


def _branching(make_repo) -> Path:
    """v1 → v2 (1 Feb), and v1 → leak (10 Jan) → leak-2 (2 Mar): lineage order lists leak-2
    before v2, although it is a month later."""
    files = dict(LINEAGE_PLANS)
    v2 = files["plans/v2.yaml"]
    files["plans/leak.yaml"] = v2.replace("id: v2", "id: leak").replace(
        "date: 2025-02-01", "date: 2025-01-10")
    files["plans/leak-2.yaml"] = v2.replace("id: v2", "id: leak-2").replace(
        "date: 2025-02-01", "date: 2025-03-02").replace("parent: v1", "parent: leak")
    return make_repo(files)


def test_log_by_date_is_chronological_with_the_parent_beside(run, make_repo) -> None:
    root = _branching(make_repo)
    lineage = [r["id"] for r in json.loads(run("log", "-f", "json", root=root).stdout)["versions"]]
    assert lineage == ["v1", "leak", "leak-2", "v2"]
    dated = json.loads(run("log", "--by", "date", "-f", "json", root=root).stdout)["versions"]
    assert [r["id"] for r in dated] == ["v1", "leak", "v2", "leak-2"]
    assert [r["parent"] for r in dated] == [None, "v1", "v1", "leak"]
    rows = run("log", "--by", "date", root=root).stdout.splitlines()
    assert rows[0].split()[:3] == ["version", "date", "parent"]
    assert [row.split()[:3] for row in rows[1:]] == [
        ["v1", "2025-01-01", "—"], ["leak", "2025-01-10", "v1"], ["v2", "2025-02-01", "v1"],
        ["leak-2", "2025-03-02", "leak"]]


def test_history_by_date_is_chronological_with_the_parent_beside(run, make_repo) -> None:
    root = _branching(make_repo)
    dated = json.loads(run("history", "cap", "--by", "date", "-f", "json", root=root).stdout)
    assert [p["version"]["id"] for p in dated["points"]] == ["v1", "leak", "v2", "leak-2"]
    terminal = run("history", "cap", "--by", "date", root=root).stdout.splitlines()
    # Too wide for a table at 100 columns: a block a version, its parent labelled.
    rows = [line.split()[:4] for line in terminal if line.split()[:1] == ["leak-2"]]
    assert rows[0] == ["leak-2", "parent:", "leak", "2025-03-02"]  # the block (then the bar)
    assert [line.split()[0] for line in terminal[1:] if line[:1] not in ("", " ")][:4] == [
        "v1", "leak", "v2", "leak-2"]
    markdown = run("history", "army", "--by", "date", "-f", "markdown", root=root).stdout
    assert "| Version | Parent | Date |" in markdown
    assert "| `leak-2` | `leak` | 2025-03-02 |" in markdown
    assert markdown.index("`v2` | `v1`") < markdown.index("`leak-2` | `leak`")


def test_site_timeline_and_history_charts_are_by_date(run, make_repo, tmp_path: Path) -> None:
    root = _branching(make_repo)
    out = tmp_path / "site"
    assert run("site", str(out), root=root).exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    timeline = index[index.index('class="timeline"'):index.index("</table>")]
    order = [timeline.index(f'href="versions/{v}.html"') for v in ("v1", "leak", "v2", "leak-2")]
    assert order == sorted(order)
    assert "Versions by date" in timeline and "Parent (change report)" in timeline
    term = (out / "terms" / "cap.html").read_text(encoding="utf-8")
    chart = term[term.index("<svg"):term.index("</svg>")]
    bars = [chart.index(f'text-anchor="end">{v}') for v in ("v1<", "leak (", "v2 (", "leak-2 (")]
    assert bars == sorted(bars)
    table = term[term.index("</svg>"):]
    assert '<th scope="col">Parent</th>' in table
    rows = [table.index(f'<a href="../versions/{v}.html"><code>{v}</code></a></th>')
            for v in ("v1", "leak", "v2", "leak-2")]
    assert rows == sorted(rows)
