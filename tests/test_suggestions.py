"""The one "did you mean" every message uses (core/suggestions.py)."""

from __future__ import annotations

from plandiff.core.suggestions import closest, did_you_mean

KNOWN = ["ukraine-troop-cap", "ukraine-troop-cap-scope", "amnesty", "military"]


def test_a_misspelling_finds_the_closest_name() -> None:
    assert closest("amnesti", KNOWN) == "amnesty"
    assert closest("militry", KNOWN) == "military"


def test_a_shortened_id_finds_the_one_name_that_contains_it() -> None:
    assert closest("troop-cap-scope", KNOWN) == "ukraine-troop-cap-scope"
    assert closest("troop", KNOWN) is None  # two names contain it: no guess


def test_nothing_close_gives_no_suggestion() -> None:
    assert closest("elections", KNOWN) is None
    assert did_you_mean("elections", KNOWN) is None
    assert did_you_mean("amnesti", KNOWN) == "did you mean `amnesty`?"
