"""docs/corpus.md's walkthrough ("Adding a newly reported version"), followed to the letter on a
copy of the frozen corpus (tests/freeze_corpus.py): every output it shows is what plandiff prints,
and a new version moves none of the corpus's golden outputs but the lineage."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import walkthrough
from freeze_corpus import FROZEN
from test_golden import CASES, _runs

CHECKED = re.compile(r"\(checked (\d+) version file\(s\) in [^)]*\)")


def _same_root(text: str) -> str:
    """check names the repository it read; the page shows where its run was made."""
    return CHECKED.sub(r"(checked \1 version file(s) in ROOT)", text)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return walkthrough.copy_corpus(tmp_path / "repo")


def test_the_source_it_shows_is_the_one_in_the_bibliography() -> None:
    block = next(b for b in walkthrough.blocks() if b.info == "yaml")
    shown = YAML(typ="safe").load("\n".join(block.lines))
    sources = YAML(typ="safe").load((FROZEN / "plans" / "sources.yaml").read_text("utf-8"))
    for source_id, fields in shown.items():
        assert sources[source_id] == fields, source_id


def test_walkthrough_outputs_are_what_plandiff_prints(run, copy: Path) -> None:
    version_id, text = walkthrough.version_file()
    path = copy / "plans" / f"{version_id}.yaml"
    path.write_text(text, encoding="utf-8")
    commands = [b for b in walkthrough.blocks() if b.lines[0].startswith("$ plandiff ")]
    assert len(commands) >= 3, "the walkthrough shows its commands as `$ plandiff ...`"
    fixed = False
    for block in commands:
        if "Write `" in block.before and not fixed:  # the walkthrough's answer to check
            path.write_text(walkthrough.fixed(text), encoding="utf-8")
            fixed = True
        args = shlex.split(block.lines[0].removeprefix("$ plandiff "))
        result = run(*args, root=copy)
        assert result.exit_code in (0, 1), result.output
        assert _same_root(result.stdout) == _same_root("\n".join(block.lines[1:]) + "\n"), args
    assert fixed, "the walkthrough fixes the error its check shows"
    log = [" ".join(line.split()) for line in run("log", root=copy).stdout.splitlines()]
    excerpt = next(b for b in walkthrough.blocks() if "`plandiff log`" in b.before)
    for line in excerpt.lines:  # the title column's width follows the terminal's
        assert " ".join(line.split()) in log, line


def test_golden_outputs_move_only_in_the_lineage(run, tmp_path: Path) -> None:
    """Step 5: with the new version added to the frozen corpus, the corpus's goldens hold but for
    the lineage, which gains the new row. (Without it, this is test_golden's own check.)"""
    corpus = walkthrough.with_new_version(tmp_path / "repo", FROZEN)
    for case, spec in _runs():
        if case != "corpus":
            continue
        result = run(*spec["args"], root=corpus)
        assert result.exit_code == spec.get("exit", 0)
        golden = (CASES / case / spec["output"]).read_text(encoding="utf-8")
        if spec["output"] != "log.txt":
            assert result.stdout == golden, spec["output"]
    new = {p.stem for p in (corpus / "plans").glob("*.yaml")} - {
        p.stem for p in (FROZEN / "plans").glob("*.yaml")}
    rows = json.loads(run("log", "--format", "json", root=corpus).stdout)["versions"]
    shipped = json.loads(run("log", "--format", "json", root=FROZEN).stdout)["versions"]
    assert [row for row in rows if row["id"] not in new] == shipped
    assert sorted(row["id"] for row in rows if row["id"] in new) == sorted(new)
