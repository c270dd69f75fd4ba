"""`plandiff export`: a SQLite database that Datasette answers real questions from, CSV that
pandas and chart tools read typed, every value the one the views print, outputs replaced whole
and bad paths refused."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import LINEAGE_PLANS, REPO
from plandiff.render.export_csv import cell


def _export(run, root: Path, *args: str) -> None:
    result = run("export", *args, root=root)
    assert result.exit_code == 0, result.output


def _rows(database: Path, sql: str, *params: Any) -> list[dict[str, Any]]:
    with sqlite3.connect(database) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql, params)]


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus exported once: plan.db, metadata.json and csv/."""
    from typer.testing import CliRunner

    from plandiff.cli.app import app

    out = tmp_path_factory.mktemp("export")
    result = CliRunner().invoke(
        app, ["export", "--sqlite", str(out / "plan.db"), "--metadata",
              str(out / "metadata.json"), "--csv", str(out / "csv"), "--root", str(REPO)],
        catch_exceptions=False, env={"PLANDIFF_ROOT": "", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return out


def _datasette(folder: Path, *paths: str) -> list[Any]:
    """Ask Datasette (its Python API, the same app `datasette plan.db -m metadata.json` serves)
    for each path of its JSON API."""
    from datasette.app import Datasette

    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))

    async def ask() -> list[Any]:
        datasette = Datasette([str(folder / "plan.db")], metadata=metadata)
        answers = []
        for path in paths:
            response = await datasette.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            answers.append(response.json())
        return answers

    return asyncio.run(ask())


def test_datasette_answers_the_cap_per_version_nato_by_full_text_and_russias_stances(
        corpus_export: Path) -> None:
    cap, nato, nato_ar, russia, tables = _datasette(
        corpus_export,
        "/plan/term_values.json?term=ukraine-troop-cap&_shape=array&_sort=date",
        "/plan/clauses.json?_search=NATO&_shape=array&_size=max",
        "/plan/clauses.json?_search=" + "الناتو" + "&_shape=array&_size=max",
        "/plan/positions.json?party=RU&_shape=array&_size=max",
        "/plan.json")
    by_version = {row["version"]: row for row in cap}
    assert by_version["v28"]["value"] == 600000
    assert by_version["v28"]["value_text"] == "600,000 personnel"
    assert by_version["v28"]["stated_in"] == "v28" and by_version["v28"]["carried_from"] is None
    assert "ap-hutchpost" in by_version["v28"]["sources"]
    assert by_version["miami-dec"]["value"] == 800000
    assert by_version["miami-dec"]["carried_from"] == "geneva"
    assert by_version["miami-dec"]["value_text"] == \
        "reportedly 800,000 personnel (carried from geneva)"
    assert by_version["miami-oct"]["state"] == "absent" and by_version["miami-oct"]["value"] is None
    found = {(row["version"], row["clause"]) for row in nato}
    assert ("v28", "nato-membership") in found and ("geneva", "us-guarantee") in found
    assert all("NATO" in (row["title"] or "") + (row["text"] or "") for row in nato)
    assert ("v28", "nato-membership") in {(row["version"], row["clause"]) for row in nato_ar}
    assert russia and {row["party"] for row in russia} == {"RU"}
    assert {row["party_name"] for row in russia} == {"Russia"}
    assert any(row["term"] == "ukraine-nato-membership" and row["stance"] == "demand"
               for row in russia)
    names = {table["name"]: table for table in tables["tables"]}
    assert names["clauses"]["fts_table"] == "clauses_fts"
    incoming = names["versions"]["foreign_keys"]["incoming"]
    assert any(fk["other_table"] == "term_values" and fk["other_column"] == "carried_from"
               for fk in incoming), incoming


def test_the_database_has_keys_indexes_and_datasette_metadata(corpus_export: Path) -> None:
    database = corpus_export / "plan.db"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = connection.execute("PRAGMA foreign_key_list(term_values)").fetchall()
        assert {(k[2], k[3]) for k in keys} >= {("versions", "version"), ("terms", "term"),
                                                ("versions", "carried_from")}
        indexes = {row[1] for row in connection.execute("PRAGMA index_list(term_values)")}
        assert "idx_term_values_term" in indexes
        cited = connection.execute("PRAGMA foreign_key_list(citations)").fetchall()
        assert ("sources", "source") in {(k[2], k[3]) for k in cited}
    metadata = json.loads((corpus_export / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] and metadata["license_url"].startswith("https://")
    tables = metadata["databases"]["plan"]["tables"]
    assert "ukraine-troop-cap: personnel" in tables["term_values"]["description"]
    assert tables["term_values"]["columns"]["carried_from"].startswith("The earlier version")
    assert tables["sources"]["columns"]["url"]


def test_the_army_cap_csv_loads_in_pandas_with_typed_columns(corpus_export: Path) -> None:
    pandas = pytest.importorskip("pandas")
    chart_path = corpus_export / "csv" / "charts" / "ukraine-troop-cap.csv"
    assert not chart_path.read_bytes().startswith(b"\xef\xbb\xbf")  # no byte-order mark
    chart = pandas.read_csv(chart_path, parse_dates=["date"])
    assert str(chart["date"].dtype).startswith("datetime64")
    series = "Cap on Ukraine's armed forces (personnel)"
    assert chart.columns[1] == series
    assert pandas.api.types.is_numeric_dtype(chart[series])
    first = chart.iloc[0]
    assert first["date"] == pandas.Timestamp("2025-11-20") and first[series] == 600000
    assert chart["date"].is_monotonic_increasing
    values = pandas.read_csv(corpus_export / "csv" / "term_values.csv")
    cap = values[values["term"] == "ukraine-troop-cap"]
    assert pandas.api.types.is_numeric_dtype(cap["value"].astype("float64"))
    assert set(cap.columns) >= {"version", "term", "value", "unit", "stated_in", "carried_from",
                                "sources"}
    assert cap[cap["version"] == "miami-dec"]["carried_from"].item() == "geneva"


def test_every_csv_cell_is_the_databases_value(corpus_export: Path) -> None:
    database = corpus_export / "plan.db"
    for path in sorted((corpus_export / "csv").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            read = list(csv.reader(stream))
        header, rows = read[0], read[1:]
        stored = _rows(database, f'SELECT * FROM "{path.stem}"')
        assert len(rows) == len(stored), path.name
        for row, record in zip(rows, stored, strict=True):
            # SQLite keeps a flag as 1 or 0; the CSV writes it true or false
            flags = {"true": "1", "false": "0"}
            assert [flags.get(c, c) for c in row] == [
                flags.get(c, c) for c in (cell(record[name]) for name in header)], path.name


def _views(run, root: Path) -> dict[str, Any]:
    """What the views print: each term's history (JSON and Markdown), each version's show
    JSON, the positions' JSON."""
    log = json.loads(run("log", "-f", "json", root=root).stdout)
    versions = [v["id"] for v in (log["versions"] if isinstance(log, dict) else log)]
    terms = [row["id"] for row in _rows_of_terms(root)]
    return {
        "history": {t: json.loads(run("history", t, "-f", "json", root=root).stdout)
                    for t in terms},
        "markdown": {t: run("history", t, "-f", "markdown", root=root).stdout for t in terms},
        "show": {v: json.loads(run("show", v, "-f", "json", root=root).stdout)
                 for v in versions},
        "positions": json.loads(run("positions", "--history", "-f", "json", root=root).stdout),
    }


def _rows_of_terms(root: Path) -> list[dict[str, str]]:
    from plandiff import api

    return [{"id": t} for t in api.open_plan(root).plan.terms]


# The lineage plans and a third version that lists a clause without restating its values, and
# leaves out the disputed one: carried values, plain and disputed.
V3 = """
id: v3
title: Third
date: 2025-03-01
parent: v2
coverage: partial
status: proposed
clauses:
  - id: money
    text: A fund, reported again.
    cites: [{source: b}]
"""


@pytest.mark.parametrize("which", ["corpus", "lineage"])
def test_every_exported_value_is_the_value_the_views_print(run, make_repo, tmp_path: Path,
                                                           which: str) -> None:
    """Across a whole repository: every term value (carried and disputed ones included), every
    claim of a dispute, every clause and every stance, in the database and in the CSV."""
    from plandiff.render import markdown as md

    root = REPO if which == "corpus" else make_repo({**LINEAGE_PLANS, "plans/v3.yaml": V3})
    out = tmp_path / "out"
    out.mkdir()
    _export(run, root, "--sqlite", str(out / "plan.db"), "--csv", str(out / "csv"))
    views = _views(run, root)
    database = out / "plan.db"
    values = {(r["version"], r["term"]): r for r in _rows(database, "SELECT * FROM term_values")}
    claims = _rows(database, "SELECT * FROM claims")
    with (out / "csv" / "term_values.csv").open(encoding="utf-8", newline="") as stream:
        csv_values = {(r["version"], r["term"]): r for r in csv.DictReader(stream)}
    disputed = carried = 0
    for term_id, history in views["history"].items():
        table = views["markdown"][term_id]
        for point in history["points"]:
            key = (point["version"]["id"], term_id)
            row = values[key]
            value = point["value"]
            if isinstance(value, dict) and "disputed" in value:
                disputed += 1
                mine = [c for c in claims if (c["version"], c["term"]) == key]
                assert [(c["value"], c["sources"], c["note"], c["unknown"], c["hedged"])
                        for c in mine] == [
                    (c.get("value"), ", ".join(c["sources"]), c.get("note"), c.get("unknown"),
                     int(c["hedged"])) for c in value["disputed"]]
                assert [c["witnesses"] for c in mine] == [
                    c["witnesses"]["independent"] for c in value["disputed"]]
                assert row["value"] is None and row["disputed"] == 1
            else:
                plain = None if isinstance(value, dict) else value
                assert row["value"] == (int(plain) if isinstance(plain, bool) else plain), key
            assert (None if row["value_json"] is None else json.loads(row["value_json"])) == value
            assert row["stated_in"] == point["stated_in"], key
            assert row["state"] == point["state"] and row["clause"] == point["clause"]
            assert (row["carried_from"] is not None) == (point["value_is"] == "carried"), key
            carried += row["carried_from"] is not None
            if point["sources"] and point["state"] != "removed":  # a removal's: no value's
                assert row["sources"] == ", ".join(point["sources"])
            if point.get("witnesses"):
                assert row["witnesses"] == point["witnesses"]["independent"], key
            assert row["hedged"] == int(point["hedged"]), key
            line = next(line for line in table.splitlines()
                        if line.startswith(f"| `{point['version']['id']}` |"))
            assert f"| {md.escape(row['value_text'])} |" in line, (key, line)
            assert csv_values[key]["value_text"] == row["value_text"]
            assert csv_values[key]["carried_from"] == (row["carried_from"] or "")
    if which == "lineage":
        assert disputed and carried  # the comparison saw both
    clauses = {(r["version"], r["clause"]): r for r in _rows(database, "SELECT * FROM clauses")}
    for version_id, shown in views["show"].items():
        assert len([k for k in clauses if k[0] == version_id]) == len(shown["clauses"])
        for clause in shown["clauses"]:
            row = clauses[(version_id, clause["id"])]
            assert row["text"] == (None if clause["removed"] else clause["text"])
            assert row["number"] == clause["number"] and row["reported_in"] == clause["reported_in"]
            assert row["status"] == ("removed" if clause["removed"] else
                                     "reported" if clause["reported"] else "unreported")
            for term_id, stated in clause["stated_in"].items():
                if not clause["removed"]:
                    assert values[(version_id, term_id)]["stated_in"] == stated
    stances = _rows(database, "SELECT * FROM positions ORDER BY date, id")
    shown = [s for subject in views["positions"]["subjects"] for s in subject["history"]]
    assert len(stances) == len(shown)
    for stance in shown:
        mine = [r for r in stances if (r["party"], r["date"], r["text"]) == (
            stance["party"], stance["date"], stance["text"])]
        assert mine, stance
        assert mine[0]["value"] == stance["value"]
        if stance["value_label"] is not None:
            assert mine[0]["value_text"] == stance["value_label"]
        assert mine[0]["sources"] == ", ".join(stance["sources"])
        assert mine[0]["hedged"] == int(stance["hedged"])


def test_re_running_replaces_the_outputs_and_bad_paths_are_refused(run, make_repo,
                                                                  tmp_path: Path) -> None:
    root = make_repo(dict(LINEAGE_PLANS))
    out = tmp_path / "out"
    out.mkdir()
    database, folder = out / "plan.db", out / "csv"
    _export(run, root, "--sqlite", str(database), "--csv", str(folder))
    _export(run, root, "--sqlite", str(database), "--csv", str(folder))  # its own: replaced
    (folder / "mine.csv").write_text("old\n", encoding="utf-8")  # a file export did not write
    added = run("export", "--csv", str(folder), root=root)
    assert added.exit_code == 2 and "--force" in added.output
    assert (folder / "mine.csv").is_file()
    (folder / "mine.csv").unlink()
    assert _rows(database, "SELECT count(*) AS n FROM versions")[0]["n"] == 2
    assert sorted(p.name for p in out.iterdir()) == ["csv", "plan.db"]  # nothing left beside
    foreign = out / "notes.txt"
    foreign.write_text("mine\n", encoding="utf-8")
    cases = {
        "not a database that `plandiff export` wrote": ("--sqlite", str(foreign)),
        "exists and is not a file": ("--sqlite", str(folder)),
        "does not exist": ("--sqlite", str(out / "missing" / "plan.db")),
        "refusing to write among the plan repository's files (plans/)": (
            "--sqlite", str(root / "plans" / "x.db")),
        "refusing to write among the plan repository's files (seeds/)": (
            "--csv", str(root / "seeds" / "csv")),
        "not written by `plandiff export`": ("--csv", str(out)),
        "--metadata describes the database": ("--metadata", str(out / "m.json")),
        "nothing to export": (),
    }
    for message, args in cases.items():
        result = run("export", *args, root=root)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert foreign.read_text(encoding="utf-8") == "mine\n"
    assert not (root / "plans" / "x.db").exists()
    _export(run, root, "--sqlite", str(foreign), "--force")
    assert _rows(foreign, "SELECT count(*) AS n FROM versions")[0]["n"] == 2


def test_a_failure_while_writing_leaves_the_previous_database(run, make_repo, tmp_path: Path,
                                                              monkeypatch) -> None:
    from plandiff.repo import export_sqlite

    root = make_repo(dict(LINEAGE_PLANS))
    out = tmp_path / "out"
    out.mkdir()
    database = out / "plan.db"
    _export(run, root, "--sqlite", str(database))
    before = database.read_bytes()

    def broken(db: Any, table: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_sqlite, "_create", broken)
    result = run("export", "--sqlite", str(database), root=root)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert database.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["plan.db"]


def test_copies_count_as_one_witness_and_hedges_are_kept(run, make_repo, tmp_path: Path) -> None:
    root = make_repo({
        "plans/terms.yaml": """
            cap:
              label: Troop cap
              type: quantity
              unit: personnel
            days:
              label: Elections after signing
              type: duration
              unit: days
        """,
        "plans/sources.yaml": """
            wire:
              outlet: A wire service
            reprint:
              outlet: A local paper
              copy_of: wire
            other:
              outlet: Another outlet
        """,
        "plans/v1.yaml": """
            id: v1
            title: First
            date: 2025-01-01
            coverage: full
            status: leaked
            clauses:
              - id: army
                text: The army is capped.
                terms: {cap: 600000}
                cites: [{source: wire}, {source: reprint, hedge: expected}]
              - id: other
                text: Another clause.
                terms: {days: 100}
                cites: [{source: wire, hedge: planned}, {source: other, hedge: expected}]
        """,
    })
    database = tmp_path / "plan.db"
    _export(run, root, "--sqlite", str(database))
    (cap,) = _rows(database, "SELECT * FROM term_values WHERE term = 'cap'")
    assert cap["sources"] == "wire, reprint" and cap["witnesses"] == 1
    assert cap["hedged"] == 0 and cap["value_text"] == "600,000 personnel"
    (days,) = _rows(database, "SELECT * FROM term_values WHERE term = 'days'")
    assert days["witnesses"] == 2 and days["hedged"] == 1
    assert days["value_text"] == "reportedly 100 days"
    reprint = _rows(database, "SELECT * FROM sources WHERE id = 'reprint'")[0]
    assert reprint["copy_of"] == "wire" and reprint["original"] == "wire"
    hedges = _rows(database, "SELECT source, hedge FROM citations WHERE clause = 'army'")
    assert hedges == [{"source": "wire", "hedge": None}, {"source": "reprint", "hedge": "expected"}]


def test_as_of_exports_what_was_known_on_the_day(run, tmp_path: Path) -> None:
    database = tmp_path / "then.db"
    _export(run, REPO, "--sqlite", str(database), "--as-of", "2025-11-24")
    versions = {row["id"] for row in _rows(database, "SELECT id FROM versions")}
    assert {"v28", "geneva"} <= versions and "berlin" not in versions  # Berlin met in December
    assert not _rows(database, "SELECT * FROM term_values WHERE version = 'v20'")
