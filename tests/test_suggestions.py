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


def test_a_check_of_thousands_of_unknown_sources_suggests_for_the_first_ones_only(
        run, make_repo) -> None:
    # Each look-up compares a name with every known one: 4,000 typos among 4,000 sources took
    # 7.7 minutes. Every unknown source is still reported, located; the first ones with a
    # suggestion, the rest with the plain hint (bench/run.py --sections hostile times it).
    count = 1_000
    sources = "".join(f"source-{i:05d}:\n  outlet: Outlet {i}\n" for i in range(count))
    cites = "".join(f"      - source: sourc-{i:05d}\n" for i in range(count))
    root = make_repo({
        "plans/terms.yaml": "{}\n", "plans/sources.yaml": sources,
        "plans/v1.yaml": "id: v1\ntitle: A\ndate: 2025-01-01\ncoverage: full\nstatus: leaked\n"
                         "clauses:\n  - id: one\n    text: One.\n    cites:\n" + cites})
    lines = [line for line in run("check", root=root).stdout.splitlines() if "[unknown-source]"
             in line]
    assert len(lines) == count
    assert lines[0].endswith("unknown source `sourc-00000` [unknown-source] (did you mean"
                             " `source-00000`?)")
    assert lines[-1].endswith("unknown source `sourc-00999` [unknown-source] (add it to"
                              " plans/sources.yaml)")
    suggested = sum("did you mean" in line for line in lines)
    assert 0 < suggested < count


def test_a_lookup_outside_a_check_is_never_cut() -> None:
    from plandiff.core.suggestions import budget

    with budget(len(KNOWN)):
        assert closest("amnesti", KNOWN) == "amnesty"
        assert closest("militry", KNOWN) is None  # the check's budget is spent
    assert closest("militry", KNOWN) == "military"
