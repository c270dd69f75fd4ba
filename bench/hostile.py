"""Write the inputs of the denial-of-service rows of the benchmark (issue 16, item 6).

- `edited_source(root, paragraphs)`: a git repository whose second commit rewrites every
  paragraph of a source file under seeds/ (`plandiff review HEAD~1 HEAD` diffs its lines);
- `unknown_keys(root, keys)`: a plan repository whose one version file holds `keys` unknown
  fields, each a located problem for `plandiff check`;
- `unknown_sources(root, count)`: a bibliography of `count` sources and a version whose clauses
  cite `count` others, each close to a known one ("did you mean" compares it with every source);
- `nul_seed(root, megabytes)`: a git repository whose second commit adds a seed file of that many
  MB of NUL bytes (a few KB in git; `review` scans its one line for hidden characters).

    python bench/hostile.py review 3000 /tmp/review-3000
    python bench/hostile.py keys 40000 /tmp/keys-40000
    python bench/hostile.py sources 4000 /tmp/sources-4000
    python bench/hostile.py nul 40 /tmp/nul-40
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

_TERMS = "{}\n"
_SOURCES = "seed:\n  outlet: A long article\n  file: seeds/article.txt\n"
_VERSION = """id: v1
title: A version
date: 2025-01-01
coverage: full
status: leaked
clauses:
  - id: one
    text: One clause.
    cites: [{source: seed}]
"""


def _paragraph(index: int, edit: int) -> str:
    words = " ".join(f"w{(index * 7 + k + edit) % 997}" for k in range(9))
    return f"Paragraph {index} (edit {edit}): {words}."


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def edited_source(root: Path, paragraphs: int) -> Path:
    """A repository of two commits; the second rewrites every line of seeds/article.txt (a
    blank line between paragraphs, as articles are written), so no line of it is kept."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "plans" / "terms.yaml").write_text(_TERMS, encoding="utf-8")
    (root / "plans" / "sources.yaml").write_text(_SOURCES, encoding="utf-8")
    (root / "plans" / "v1.yaml").write_text(_VERSION, encoding="utf-8")
    article = root / "seeds" / "article.txt"
    _git(root, "init", "-q", "-b", "main")
    for edit in (0, 1):
        article.write_text("\n\n".join(_paragraph(i, edit) for i in range(paragraphs)) + "\n",
                           encoding="utf-8")
        _git(root, "add", ".")
        _git(root, "commit", "-q", "-m", f"edit {edit}")
    return root


def unknown_keys(root: Path, keys: int) -> Path:
    """A repository whose version file has `keys` unknown fields (about 13 bytes each)."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "terms.yaml").write_text(_TERMS, encoding="utf-8")
    (root / "plans" / "sources.yaml").write_text("seed:\n  outlet: An outlet\n",
                                                 encoding="utf-8")
    extra = "".join(f"k{index:07d}: 1\n" for index in range(keys))
    (root / "plans" / "v1.yaml").write_text(_VERSION + extra, encoding="utf-8")
    return root


def unknown_sources(root: Path, count: int) -> Path:
    """A repository of `count` sources and one clause citing `count` unknown ones, each a typo
    of a known id (`sourc-0001` for `source-0001`)."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "terms.yaml").write_text(_TERMS, encoding="utf-8")
    (root / "plans" / "sources.yaml").write_text(
        "".join(f"source-{index:05d}:\n  outlet: Outlet {index}\n" for index in range(count)),
        encoding="utf-8")
    cites = "".join(f"      - source: sourc-{index:05d}\n" for index in range(count))
    (root / "plans" / "v1.yaml").write_text(
        _VERSION.replace("    cites: [{source: seed}]\n", "    cites:\n" + cites),
        encoding="utf-8")
    return root


def nul_seed(root: Path, megabytes: int) -> Path:
    """A repository of two commits; the second adds seeds/zeros.txt, `megabytes` MB of NUL."""
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "terms.yaml").write_text(_TERMS, encoding="utf-8")
    (root / "plans" / "sources.yaml").write_text("seed:\n  outlet: An outlet\n", encoding="utf-8")
    (root / "plans" / "v1.yaml").write_text(_VERSION, encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    (root / "seeds").mkdir(exist_ok=True)
    with open(root / "seeds" / "zeros.txt", "wb") as stream:
        for _ in range(megabytes):
            stream.write(bytes(1_000_000))
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "zeros")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("review", "keys", "sources", "nul"))
    parser.add_argument("size", type=int)
    parser.add_argument("root", type=Path)
    args = parser.parse_args()
    write = {"review": edited_source, "keys": unknown_keys, "sources": unknown_sources,
             "nul": nul_seed}
    write[args.kind](args.root, args.size)


if __name__ == "__main__":
    main()
