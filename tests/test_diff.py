"""The diff engine: alignment, change kinds and their precedence, term deltas, word diffs."""

from __future__ import annotations

import datetime as dt

from plandiff.core.diff import diff_text, diff_versions
from plandiff.core.resolve import Resolver
from plans import clause, plan, version


def kinds(result) -> dict[str, str]:
    return {c.id: c.change for c in result.clauses}


def test_quantity_change_gives_delta_percent_and_direction() -> None:
    p = plan(version("a", clause("army", "Capped at 600,000.", terms={"cap": 600000})),
             version("b", clause("army", "Capped at 800,000.", terms={"cap": 800000})))
    result = diff_versions(p, "a", "b")
    (change,) = result.clauses[0].terms
    assert (change.change, change.delta, change.percent, change.direction) == (
        "changed", 200000, 33.33, "raised")
    assert result.clauses[0].change == "modified"


def test_lowered_money_and_choice_keys() -> None:
    p = plan(version("a", clause("x", terms={"fund": 100, "nato": "barred"})),
             version("b", clause("x", terms={"fund": 75, "nato": "consensus"})))
    fund, nato = diff_versions(p, "a", "b").clauses[0].terms
    assert (fund.delta, fund.percent, fund.direction) == (-25, -25.0, "lowered")
    assert (nato.old[0].value, nato.new[0].value, nato.delta) == ("barred", "consensus", None)


def test_date_terms_move_in_days() -> None:
    p = plan(version("a", clause("x", terms={"signing": dt.date(2025, 1, 1)})),
             version("b", clause("x", terms={"signing": dt.date(2025, 1, 31)})))
    (change,) = diff_versions(p, "a", "b").clauses[0].terms
    assert (change.delta, change.direction) == (30, "later")


def test_terms_added_and_removed() -> None:
    p = plan(version("a", clause("x", terms={"amnesty": True})),
             version("b", clause("x", terms={"days": 100})))
    changes = {t.term: t.change for t in diff_versions(p, "a", "b").clauses[0].terms}
    assert changes == {"amnesty": "removed", "days": "added"}


def test_alignment_is_by_id_never_by_position() -> None:
    p = plan(version("a", clause("one", "First.", number=1), clause("two", "Second.", number=2)),
             version("b", clause("two", "Second.", number=1), clause("one", "First.", number=2)))
    assert kinds(diff_versions(p, "a", "b")) == {"one": "renumbered", "two": "renumbered"}


def test_rename_follows_was_and_still_lists_changes() -> None:
    p = plan(version("a", clause("old", "Shall not join.", terms={"nato": "barred"})),
             version("b", clause("new", "May join by consensus.", was="old",
                                 terms={"nato": "consensus"}), parent="a"))
    (item,) = diff_versions(p, "a", "b").clauses
    assert (item.change, item.id, item.old_id) == ("renamed", "new", "old")
    assert item.terms and item.text is not None


def test_rename_is_followed_across_several_versions_and_backwards() -> None:
    p = plan(version("a", clause("first")),
             version("b", clause("second", was="first"), parent="a", day=2),
             version("c", clause("third", was="second"), parent="b", day=3))
    assert kinds(diff_versions(p, "a", "c")) == {"third": "renamed"}
    assert kinds(diff_versions(p, "c", "a")) == {"first": "renamed"}


def test_partial_version_carries_unreported_clauses() -> None:
    p = plan(version("a", clause("kept", "Same."), clause("quiet", "Quiet.")),
             version("b", clause("kept", "Same."), parent="a", coverage="partial"))
    assert kinds(diff_versions(p, "a", "b")) == {"kept": "unchanged", "quiet": "unreported"}


def test_full_version_drops_absent_clauses_and_partial_does_not() -> None:
    base = version("a", clause("stay"), clause("gone"))
    full = version("b", clause("stay"), parent="a")
    partial = version("c", clause("stay"), parent="a", coverage="partial")
    p = plan(base, full, partial)
    assert kinds(diff_versions(p, "a", "b"))["gone"] == "removed"
    assert kinds(diff_versions(p, "a", "c"))["gone"] == "unreported"


def test_cited_removal_wins_over_everything_and_carries_to_children() -> None:
    p = plan(version("a", clause("amnesty", "Amnesty for all.")),
             version("b", clause("amnesty", removed=True), parent="a", coverage="partial"),
             version("c", clause("other"), parent="b", coverage="partial", day=3))
    assert kinds(diff_versions(p, "a", "b")) == {"amnesty": "removed"}
    result = diff_versions(p, "a", "c")
    assert kinds(result)["amnesty"] == "removed"
    (amnesty,) = [c for c in result.clauses if c.id == "amnesty"]
    assert amnesty.reported_in == ("a", "b")


def test_clause_in_neither_version_is_left_out() -> None:
    p = plan(version("a", clause("x")),
             version("b", clause("x", removed=True), parent="a", coverage="partial"),
             version("c", clause("y"), parent="b", coverage="partial", day=3))
    assert "x" not in kinds(diff_versions(p, "b", "c"))


def test_precedence_renamed_over_modified_over_renumbered() -> None:
    p = plan(version("a", clause("x", "Text one.", number=1)),
             version("b", clause("y", "Text two.", number=2, was="x"), parent="a"),
             version("c", clause("x", "Text two.", number=2), parent="a", day=3))
    assert kinds(diff_versions(p, "a", "b")) == {"y": "renamed"}
    assert kinds(diff_versions(p, "a", "c")) == {"x": "modified"}


def test_citation_change_alone_is_not_a_modification() -> None:
    cited_b = clause("x", "Same.")
    cited_b["cites"] = [{"source": "b"}]
    p = plan(version("a", clause("x", "Same.")), version("b", cited_b))
    (item,) = diff_versions(p, "a", "b").clauses
    assert item.change == "unchanged"
    assert [c.source for c in item.cites[1]] == ["b"]


def test_unknown_number_in_partial_version_is_not_a_renumbering() -> None:
    p = plan(version("a", clause("x", "Same.", number=6)),
             version("b", clause("x", "Same."), parent="a", coverage="partial"))
    assert kinds(diff_versions(p, "a", "b")) == {"x": "unchanged"}


def test_partial_base_compares_inherited_content_and_says_where_it_was_reported() -> None:
    p = plan(version("a", clause("x", "Old.", terms={"cap": 1})),
             version("b", clause("other"), parent="a", coverage="partial"),
             version("c", clause("x", "New.", terms={"cap": 2}), parent="b", coverage="partial",
                     day=3))
    result = diff_versions(p, "b", "c")
    (item,) = [c for c in result.clauses if c.id == "x"]
    assert item.change == "modified"
    assert item.reported_in == ("a", "c")


def test_disputed_values_list_every_claim_with_sources() -> None:
    disputed = {"disputed": [
        {"value": 800000, "cites": [{"source": "a"}]},
        {"value": None, "note": "no limit", "cites": [{"source": "b"}]},
    ]}
    p = plan(version("a", clause("army", terms={"cap": 600000})),
             version("b", clause("army", terms={"cap": disputed})))
    (change,) = diff_versions(p, "a", "b").clauses[0].terms
    assert change.change == "disputed"
    assert [(c.value, c.sources) for c in change.new] == [(800000, ("a",)), (None, ("b",))]


def test_filters_by_term_and_topic() -> None:
    from plandiff.core.diff import DiffOptions

    p = plan(version("a", clause("x", terms={"cap": 1}, topic="military"), clause("y")),
             version("b", clause("x", terms={"cap": 2}, topic="military"), clause("y", "Other.")))
    by_term = diff_versions(p, "a", "b", options=DiffOptions(terms=frozenset({"cap"})))
    by_topic = diff_versions(p, "a", "b", options=DiffOptions(topics=frozenset({"military"})))
    assert kinds(by_term) == kinds(by_topic) == {"x": "modified"}


def test_word_diff_marks_cosmetic_edits() -> None:
    change = diff_text("Ukraine will hold elections.", "ukraine will hold  elections")
    assert change is not None and change.cosmetic
    real = diff_text("Ukraine will hold elections.", "Ukraine will hold a referendum.")
    assert real is not None and not real.cosmetic
    assert [op.op for op in real.ops] == ["equal", "replace"]


def test_obligation_strength_is_flagged_both_ways() -> None:
    weaker = diff_text("Russia shall withdraw.", "Russia may withdraw.")
    stronger = diff_text("NATO should consider it.", "NATO must consider it.")
    assert weaker is not None and weaker.obligation == ("weakened: shall → may",)
    assert stronger is not None and stronger.obligation == ("strengthened: should → must",)


def test_very_long_texts_are_not_diffed_word_by_word() -> None:
    """Past MAX_WORD_DIFF_TOKENS the word diff (quadratic) is not run: one replacement. The texts
    are nearly the same, so a word diff would find many runs: the test fails without the guard."""
    from plandiff.core.diff import MAX_WORD_DIFF_TOKENS

    words = [f"w{i}" for i in range(MAX_WORD_DIFF_TOKENS // 2 + 10)]
    edited = [f"x{i}" if i % 50 == 0 else w for i, w in enumerate(words)]
    change = diff_text(" ".join(words), " ".join(edited))
    assert change is not None and [op.op for op in change.ops] == ["replace"]
    short = diff_text(" ".join(words[:200]), " ".join(edited[:200]))
    assert short is not None and len(short.ops) > 1  # below the limit the same edit is word-level


def test_resolver_handles_long_lineages_without_recursion() -> None:
    versions = [version("v0", clause("x"))]
    for i in range(1, 3000):
        versions.append(version(f"v{i}", clause("x", f"Text {i}."), parent=f"v{i - 1}",
                                coverage="partial"))
    resolved = Resolver(plan(*versions)).resolve("v2999")
    assert resolved.clauses["x"].clause.text == "Text 2999."


def test_partial_version_keeps_the_terms_it_does_not_report() -> None:
    p = plan(version("a", clause("x", "Old.", terms={"cap": 1, "amnesty": True})),
             version("b", clause("x", "New.", terms={"cap": 2}), parent="a", coverage="partial"),
             version("c", clause("x", "New.", terms={"cap": 2}), parent="a", day=3))
    partial = {t.term: t.change for t in diff_versions(p, "a", "b").clauses[0].terms}
    full = {t.term: t.change for t in diff_versions(p, "a", "c").clauses[0].terms}
    assert partial == {"cap": "changed"}
    assert full == {"cap": "changed", "amnesty": "removed"}


def test_was_links_reach_any_ancestor_and_cycles_are_named_once_per_version() -> None:
    from plandiff.core.validate import check_references

    versions = [version("v0", clause("first"), clause("other"))]
    for i in range(1, 300):
        versions.append(version(f"v{i}", clause("other", f"Text {i}."), parent=f"v{i - 1}",
                                coverage="partial"))
    versions.append(version("late", clause("renamed", was="first"), clause("bad", was="nowhere"),
                            parent="v299", coverage="partial"))
    versions.append(version("loop-a", clause("x"), parent="loop-b"))
    versions.append(version("loop-b", clause("x"), parent="loop-a"))
    p = plan(*versions)
    problems = check_references(p, {v: f"plans/{v}.yaml" for v in p.versions})
    assert sorted((x.file, x.code) for x in problems) == [
        ("plans/late.yaml", "unknown-was"), ("plans/loop-a.yaml", "lineage-cycle"),
        ("plans/loop-b.yaml", "lineage-cycle")]
    assert "lineage cycle: loop-a → loop-b → loop-a" in {x.message for x in problems}


def test_a_rename_keeps_its_place_and_an_old_id_can_be_used_again() -> None:
    p = plan(version("a", clause("one"), clause("two"), clause("three")),
             version("b", clause("deux", "Second.", was="two"), clause("two", "A new clause."),
                     parent="a", coverage="partial"))
    resolved = Resolver(p).resolve("b")
    assert list(resolved.clauses) == ["one", "deux", "three", "two"]
    assert resolved.clauses["deux"].identities == {"deux", "two"}
    assert resolved.clauses["two"].identities == {"two"}
