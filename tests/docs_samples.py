"""Command output shown in README.md and docs/ is generated from real runs, never pasted by hand.

A sample is a comment line naming the command, then a fenced block that holds its output:

    <!-- sample: plandiff v28 geneva -->
    ```
    ...output...
    ```

Options go before the colon: `root=PATH` runs on another plan repository (relative to the
repository root), from that folder, so that file arguments are relative to it. The default is the
frozen copy of the corpus in tests/fixtures/corpus/ (tests/freeze_corpus.py), not plans/ itself, so
that a new version added to plans/ moves no sample until that copy is refreshed on purpose.
`head=N` keeps the first N lines, `tail=N` the last N (the end of a JSON document, say);
`stream=stderr` (or `both`: standard output, then standard
error) shows what the command writes for people besides its output; `exit=N` is the exit code
expected (0 unless given). `python tests/docs_samples.py` rewrites every sample; `--check` changes
nothing and exits 1 listing the samples that drifted (the test suite runs it).
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from freeze_corpus import FROZEN

REPO = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!-- sample(?P<options>(?: [a-z]+=\S+)*): plandiff (?P<args>.*?) -->$")
FENCE = re.compile(r"^(`{3,}|~{3,})")
WIDTH = "200"


@dataclass(frozen=True)
class Sample:
    file: Path
    line: int  # of the marker, 1-based
    args: tuple[str, ...]
    options: dict[str, str]
    start: int  # index of the first line inside the fence
    end: int  # index of the closing fence


def documents() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def samples(path: Path, lines: list[str]) -> Iterator[Sample]:
    for index, line in enumerate(lines):
        found = MARKER.match(line)
        if not found:
            continue
        fence = FENCE.match(lines[index + 1]) if index + 1 < len(lines) else None
        if fence is None:
            raise SystemExit(f"{path}:{index + 1}: a sample marker must be followed by a fence")
        close = next((j for j in range(index + 2, len(lines))
                      if lines[j].strip() == fence.group(1)), None)
        if close is None:
            raise SystemExit(f"{path}:{index + 2}: the sample's fence is never closed")
        options = dict(o.split("=", 1) for o in found.group("options").split())
        yield Sample(path, index + 1, tuple(shlex.split(found.group("args"))), options,
                     index + 2, close)


def output(sample: Sample) -> list[str]:
    """What the command prints, as the reader would see it piped: no colour, 200 columns."""
    from typer.testing import CliRunner

    from plandiff.cli.app import app
    from plandiff.cli.main import rewrite

    root = REPO / sample.options["root"] if "root" in sample.options else FROZEN
    saved = {k: os.environ.get(k) for k in ("NO_COLOR", "COLUMNS", "PLANDIFF_ROOT")}
    os.environ.update({"NO_COLOR": "1", "COLUMNS": WIDTH, "PLANDIFF_ROOT": str(root)})
    cwd = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(app, rewrite([*sample.args]), catch_exceptions=False,
                                    prog_name="plandiff")
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    expected = int(sample.options.get("exit", "0"))
    if result.exit_code != expected:
        raise SystemExit(f"{sample.file}:{sample.line}: `plandiff {' '.join(sample.args)}` exited"
                         f" {result.exit_code}, not {expected}:\n{result.output}")
    stream = sample.options.get("stream", "stdout")
    text = {"stdout": result.stdout, "stderr": result.stderr,
            "both": result.stdout + result.stderr}[stream]
    lines = text.rstrip("\n").split("\n")
    if "head" in sample.options:
        lines = lines[:int(sample.options["head"])]
    if "tail" in sample.options:
        lines = lines[-int(sample.options["tail"]):]
    return [line.rstrip() for line in lines]


def refresh(path: Path, *, check: bool) -> list[str]:
    """Rewrite the samples of one document (unless `check`); the ones that drifted."""
    lines = path.read_text(encoding="utf-8").split("\n")
    drifted = []
    for sample in reversed(list(samples(path, lines))):
        fresh = output(sample)
        if lines[sample.start:sample.end] != fresh:
            shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
            drifted.append(f"{shown}:{sample.line}: plandiff {' '.join(sample.args)}")
            lines[sample.start:sample.end] = fresh
    if drifted and not check:
        path.write_text("\n".join(lines), encoding="utf-8")
    return sorted(drifted)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    drifted = [d for path in documents() for d in refresh(path, check=check)]
    for line in drifted:
        print(("drifted: " if check else "rewrote: ") + line)
    return 1 if drifted and check else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main(sys.argv[1:]))
