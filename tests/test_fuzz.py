"""Fuzzing: mutated plan files (random bytes, deleted, duplicated and truncated lines, values of the
wrong type) never make `check` or `fmt --check` crash or hang: exit 0, 1 or 2, with no traceback
and no internal error. Bounded (max_examples, deadline) so that the suite stays fast."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO
from plandiff.cli.app import app
from plandiff.cli.main import rewrite

pytestmark = pytest.mark.slow

BASE = REPO / "tests" / "cases" / "lineage"
FILES = sorted(p.relative_to(BASE).as_posix() for p in (BASE / "plans").glob("*.yaml"))
WRONG_VALUES = ["[]", "{}", "~", "true", "-1", "1e999", ".nan", "'x'", "2025-02-30", "&a x",
                "*a", "!!binary aGk=", "<<: {a: 1}", "\u202eevil", "9" * 120, "[[[[[[", "{a: [",
                "\"unclosed", "|", ">-", "? [a]", "!!python/object:os.system", "\t", "%YAML 1.1",
                "--- ", "0x1F", "2025-01-01T10:00:00", "@", "`", "v1", "partial", "600k"]

MUTATION = st.one_of(
    st.tuples(st.just("bytes"), st.integers(0, 10_000), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("truncate"), st.integers(0, 10_000), st.just(b"")),
    st.tuples(st.just("value"), st.integers(0, 10_000),
              st.sampled_from(WRONG_VALUES).map(lambda v: v.encode("utf-8"))),
)


def mutate(data: bytes, kind: str, where: int, payload: bytes) -> bytes:
    lines = data.splitlines(keepends=True) or [b""]
    index = where % len(lines)
    if kind == "bytes":
        position = where % (len(data) + 1)
        return data[:position] + payload + data[position:]
    if kind == "delete":
        return b"".join(lines[:index] + lines[index + 1:])
    if kind == "duplicate":
        return b"".join(lines[:index + 1] + lines[index:])
    if kind == "truncate":
        return data[: where % (len(data) + 1)]
    line = lines[index]
    if b": " in line:  # replace the value of a `key: value` line
        key = line.split(b": ", 1)[0]
        lines[index] = key + b": " + payload + b"\n"
    else:
        lines[index] = payload + b"\n" + line
    return b"".join(lines)


@settings(max_examples=150, deadline=5000, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(target=st.sampled_from(FILES), mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_check_and_fmt_never_crash_on_mutated_plans(target: str, mutations: list) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(BASE / "plans", root / "plans")
        path = root / target
        data = path.read_bytes()
        for kind, where, payload in mutations:
            data = mutate(data, kind, where, payload)
        path.write_bytes(data)
        for args in (["check"], ["check", "--format", "json"], ["fmt", "--check"], ["log"]):
            result = runner.invoke(app, rewrite([*args, "--root", str(root)]),
                                   catch_exceptions=False)
            assert result.exit_code in (0, 1, 2), (args, result.output)
            assert "Traceback" not in result.output, (args, result.output)
            assert "internal error" not in result.output, (args, data, result.output)
            if result.exit_code == 2 and args[0] != "log":
                assert result.stderr.startswith(("plans/", "plandiff:")), result.output
        assert path.read_bytes() == data
