"""The one "did you mean": the known name a typo most likely meant."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar

CUTOFF = 0.6
# How many names one check compares at most (a look-up compares one name with every known one):
# thousands of unknown references among thousands of sources took minutes (4,000: 7.7 min). Past
# this, no suggestion: the first unknown names get one, the rest the plain hint.
COMPARISONS = 50_000

_left: ContextVar[list[int] | None] = ContextVar("plandiff_suggestions_left", default=None)


@contextlib.contextmanager
def budget(comparisons: int = COMPARISONS) -> Iterator[None]:
    """At most `comparisons` names compared inside the block (one check of a repository);
    outside any block (a single look-up of a version or term the user typed), no limit."""
    token = _left.set([comparisons])
    try:
        yield
    finally:
        _left.reset(token)


def closest(name: object, known: Iterable[str]) -> str | None:
    """The closest spelling among `known`, else the one known name that contains `name` (a
    shortened id, such as `troop-cap` for `ukraine-troop-cap`); None when nothing is close, or
    when the block's budget of look-ups is spent."""
    text, names = str(name), list(known)
    left = _left.get()
    if left is not None:
        if left[0] < len(names):
            return None
        left[0] -= len(names)
    close = difflib.get_close_matches(text, names, n=1, cutoff=CUTOFF)
    if close:
        return close[0]
    containing = [k for k in names if text and text in k]
    return containing[0] if len(containing) == 1 else None


def did_you_mean(name: object, known: Iterable[str]) -> str | None:
    """'did you mean `X`?', or None."""
    found = closest(name, known)
    return f"did you mean `{found}`?" if found is not None else None


def candidates(word: str, described: Mapping[str, Iterable[str]]) -> list[str]:
    """Every known name that `word` may mean: each name whose id or description (a label, a
    translation, the ids of the clauses that carry a term) contains it, ignoring case, in the
    order given; else the closest spelling; else nothing."""
    folded = word.casefold().strip()
    if not folded:
        return []
    found = [name for name, texts in described.items()
             if folded in name.casefold() or any(folded in text.casefold() for text in texts)]
    if found:
        return found
    close = closest(word, described)
    return [close] if close is not None else []


def candidates_hint(found: list[str], listing: str) -> str:
    """'did you mean `a`, `b` or `c`?' (every candidate) and `listing`, the sentence that says
    where every name is listed."""
    if not found:
        return listing
    quoted = [f"`{name}`" for name in found]
    shown = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {shown}? ({listing})"
