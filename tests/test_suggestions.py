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


# --- issue 24, item 14: finding a term by the words a reader has ----------------------------------


def test_a_term_is_found_by_its_label_or_a_clause_that_carries_it(run, make_repo) -> None:
    from conftest import LINEAGE_PLANS

    root = make_repo(dict(LINEAGE_PLANS))
    by_label = run("diff", "v1", "v2", "--term", "troop", root=root)  # label "Troop cap"
    assert by_label.exit_code == 2 and "did you mean `cap`?" in by_label.stderr
    by_clause = run("diff", "v1", "v2", "--term", "army", root=root)  # the clause `army` sets cap
    assert "did you mean `cap`?" in by_clause.stderr
    nothing = run("diff", "v1", "v2", "--term", "zebra", root=root)  # a small registry: listed
    assert "hint: known: cap, days, fund, nato" in nothing.stderr


def test_every_candidate_that_contains_the_word_is_offered() -> None:
    from plandiff.core.suggestions import candidates, candidates_hint

    described = {"ukraine-nato-membership": ["Ukraine's path to NATO"],
                 "nato-troops-in-ukraine": ["Foreign troops"], "amnesty": ["Amnesty"],
                 "russia-dialogue": ["A Russia–NATO dialogue"]}
    found = candidates("NATO", described)
    assert found == ["ukraine-nato-membership", "nato-troops-in-ukraine", "russia-dialogue"]
    assert candidates_hint(found, "see the list") == (
        "did you mean `ukraine-nato-membership`, `nato-troops-in-ukraine` or `russia-dialogue`?"
        " (see the list)")
    assert candidates("amnesy", described) == ["amnesty"]  # else the closest spelling
    assert candidates("zzz", described) == []
