"""`plandiff history` without colour is written without rich where rich would write the same
bytes (render/history.py on render/styled.py's writers), and prints what it printed when rich
drew every line."""

from __future__ import annotations

from pathlib import Path

import pytest

from freeze_corpus import FROZEN

# What `plandiff history` printed through rich alone (before its plain writer), at each width:
# regenerate with `pytest tests/test_plain_history.py --update-goldens` only when the words or
# the frozen corpus change on purpose, and read the diff.
GOLDEN = Path(__file__).parent / "fixtures" / "history_terminal.txt"
MARK = "##### "
RUNS = [[subject, *lang]
        for subject in ("armed-forces-cap", "ukraine-troop-cap", "russia-g8", "ceasefire")
        for lang in ([], ["--lang", "ar"])]
RUNS += [[subject, "--by", "date", *lang] for subject in ("ukraine-troop-cap", "ceasefire")
         for lang in ([], ["--lang", "ar"])]
RUNS += [["ceasefire", "--as-of", "2025-11-25"], ["ukraine-troop-cap", "--lang", "ar",
                                                  "--digits", "arab"]]
COLUMNS = [60, 80, 100, 200]


def _key(args: list[str], columns: int) -> str:
    return f"plandiff history {' '.join(args)}  (COLUMNS={columns})"


def _goldens() -> dict[str, str]:
    found: dict[str, str] = {}
    key = None
    for line in GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith(MARK):
            key = line[len(MARK):].rstrip("\n")
            found[key] = ""
        elif key is not None:
            found[key] += line
    return found


def test_history_prints_what_rich_printed(run, monkeypatch, update_goldens: bool) -> None:
    """Terms and clauses, tables and blocks, English and Arabic (its glued ids), by lineage and
    by date, as known on a day: the bytes of every width as rich wrote them."""
    printed = {}
    for columns in COLUMNS:
        monkeypatch.setenv("COLUMNS", str(columns))
        for args in RUNS:
            result = run("history", *args, root=FROZEN)
            assert result.exit_code == 0, result.stdout
            printed[_key(args, columns)] = result.stdout
    if update_goldens:
        GOLDEN.write_text("".join(f"{MARK}{key}\n{text}" for key, text in printed.items()),
                          encoding="utf-8")
    expected = _goldens()
    assert list(printed) == list(expected)
    for key, text in printed.items():
        assert text == expected[key], key
    assert any(line.startswith("version ") for text in printed.values()  # a table ...
               for line in text.splitlines())
    assert any(line.startswith("  text: ") for text in printed.values()  # ... and blocks
               for line in text.splitlines())


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
