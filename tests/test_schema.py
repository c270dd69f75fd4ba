"""`plandiff schema`: JSON Schema generated from the models, published in docs/schema/, and the
corpus validates against it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

from conftest import REPO
from plandiff.repo.located_yaml import yaml_loader

PUBLISHED = REPO / "docs" / "schema"


@pytest.mark.parametrize("kind", ["version", "terms", "sources", "positions"])
def test_published_schema_is_what_the_command_prints(run, kind: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    published = (PUBLISHED / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == published, "regenerate docs/schema/ (see docs/schema.md)"
    jsonschema.Draft202012Validator.check_schema(json.loads(published))


def _json_ready(data: Any) -> Any:
    """YAML as an editor's language server sees it: dates are strings."""
    if isinstance(data, dict):
        return {key: _json_ready(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_json_ready(value) for value in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((PUBLISHED / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted((REPO / "plans").glob("*.yaml")), ids=lambda p: p.name)
def test_the_corpus_validates_against_the_schema(path) -> None:
    kind = path.stem if path.stem in ("terms", "sources", "positions") else "version"
    data = _json_ready(yaml_loader().load(path.read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(kind).iter_errors(data)]
    assert not errors


def test_the_schema_catches_what_an_editor_should_flag() -> None:
    bad = {"id": "Not A Slug", "title": "T", "date": "2025-01-01", "coverage": "some",
           "status": "leaked", "clauses": [{"id": "a", "numbr": 1}]}
    messages = " ".join(e.message for e in _validator("version").iter_errors(bad))
    assert "does not match" in messages and "'some' is not one of" in messages
    assert "'numbr' was unexpected" in messages
    sources = {"Bad Id": {"outlet": "x"}}
    assert list(_validator("sources").iter_errors(sources))


def test_schema_to_a_file_and_bad_kind(run, tmp_path) -> None:
    target = tmp_path / "v.json"
    assert run("schema", "terms", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "plandiff term registry"
    wrong = run("schema", "clauses")
    assert wrong.exit_code == 2 and "Traceback" not in wrong.output
