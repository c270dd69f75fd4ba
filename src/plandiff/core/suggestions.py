"""The one "did you mean": the known name a typo most likely meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6


def closest(name: object, known: Iterable[str]) -> str | None:
    """The closest spelling among `known`, else the one known name that contains `name` (a
    shortened id, such as `troop-cap` for `ukraine-troop-cap`); None when nothing is close."""
    text, names = str(name), list(known)
    close = difflib.get_close_matches(text, names, n=1, cutoff=CUTOFF)
    if close:
        return close[0]
    containing = [k for k in names if text and text in k]
    return containing[0] if len(containing) == 1 else None


def did_you_mean(name: object, known: Iterable[str]) -> str | None:
    """'did you mean `X`?', or None."""
    found = closest(name, known)
    return f"did you mean `{found}`?" if found is not None else None
