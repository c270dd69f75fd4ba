"""The newcomer walkthrough of docs/corpus.md ("Adding a newly reported version"), read from the
page itself: its version file, the commands it runs and the outputs it shows."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO
from freeze_corpus import FROZEN

DOC = REPO / "docs" / "corpus.md"
HEADING = "## Adding a newly reported version"


@dataclass(frozen=True)
class Block:
    info: str  # the fence's info string: yaml, sh or empty
    lines: tuple[str, ...]
    before: str  # the prose just before the block


def blocks() -> list[Block]:
    """The fenced blocks of the walkthrough section, in order."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(HEADING):]
    following = section.find("\n## ", len(HEADING))
    section = section if following < 0 else section[:following]
    found = []
    for match in re.finditer(r"(?ms)^```(\w*)\n(.*?)^```$", section):
        before = section[: match.start()].rstrip().rsplit("\n\n", 1)[-1]
        found.append(Block(match.group(1), tuple(match.group(2).rstrip("\n").split("\n")), before))
    return found


def version_file() -> tuple[str, str]:
    """The new version's id and its YAML as the walkthrough first writes it."""
    block = next(b for b in blocks() if b.info == "yaml" and any(
        line.startswith("parent:") for line in b.lines))
    text = "\n".join(block.lines) + "\n"
    version_id = re.search(r"(?m)^id: (\S+)$", text)
    assert version_id is not None, "the walkthrough's version file has no id"
    return version_id.group(1), text


def fixed(text: str) -> str:
    """The version file once the walkthrough's check has been answered ("Write `x: 15`")."""
    for block in blocks():
        answer = re.search(r"Write `([\w-]+): ([^`]+)`", block.before)
        if answer:
            key, value = answer.groups()
            text = re.sub(rf"(?m)^(\s+{re.escape(key)}): .*$", rf"\g<1>: {value}", text)
    return text


def copy_corpus(target: Path, source: Path = FROZEN) -> Path:
    """A copy of a corpus (plans/ and seeds/) at `target`: by default the frozen copy that the
    page's outputs come from (tests/freeze_corpus.py), or the living one (`source=REPO`)."""
    for folder in ("plans", "seeds"):
        shutil.copytree(source / folder, target / folder)
    return target


def with_new_version(target: Path, source: Path = REPO) -> Path:
    """A copy of a corpus (by default the living one in plans/) with the walkthrough's version
    added, as it is once checked."""
    root = copy_corpus(target, source)
    version_id, text = version_file()
    (root / "plans" / f"{version_id}.yaml").write_text(fixed(text), encoding="utf-8")
    return root


def refresh(target: Path) -> None:
    """Rewrite the outputs the walkthrough shows from a real run on a copy of the corpus at
    `target`, as `python tests/walkthrough.py` does; review the diff of docs/corpus.md after."""
    import os
    import shlex
    import subprocess
    import sys

    root = copy_corpus(target)
    version_id, text = version_file()
    path = root / "plans" / f"{version_id}.yaml"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("PLANDIFF_ROOT", None)
    doc = DOC.read_text(encoding="utf-8")
    answered = False
    for block in blocks():
        if not block.lines[0].startswith("$ plandiff "):
            continue
        if "Write `" in block.before and not answered:
            path.write_text(fixed(text), encoding="utf-8")
            answered = True
        args = shlex.split(block.lines[0].removeprefix("$ plandiff "))
        out = subprocess.run([sys.executable, "-m", "plandiff", *args], cwd=root, env=env,
                             capture_output=True, text=True, check=False).stdout
        doc = doc.replace("\n".join(block.lines) + "\n", f"{block.lines[0]}\n{out}", 1)
    DOC.write_text(doc, encoding="utf-8")


def main() -> None:
    import tempfile

    # A fixed place, so that the path check prints is the same in every run of this script.
    place = Path(tempfile.gettempdir()) / "peace-plans"
    if place.exists():
        raise SystemExit(f"{place} exists: remove it first (this script writes a copy there)")
    try:
        refresh(place)
    finally:
        shutil.rmtree(place, ignore_errors=True)


if __name__ == "__main__":
    main()
