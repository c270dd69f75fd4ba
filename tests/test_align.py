"""Aligning imported points with the parent's clauses: the lexicon, the rules, and the figures
on the corpus (round trip) and on articles written by others (held out)."""

from __future__ import annotations

import pytest

from alignment import HELD_OUT, held_out, round_trip
from freeze_corpus import FROZEN
from plandiff.importer.align import (
    CLOSE,
    FLOOR,
    MATCH,
    NEIGHBOUR_HINT,
    STOPWORDS,
    Candidate,
    Item,
    align,
    beside_sure_neighbours,
)
from plandiff.importer.concepts import arabic_base, concepts_in
from plandiff.repo.repository import find_root, load_plan


def concepts(text: str) -> set[str]:
    return set(concepts_in(text, STOPWORDS))


# --- the lexicon -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "A ceasefire takes effect at once.", "The truce holds.", "to end the war",
    "وقف إطلاق النار فوراً", "هدنة شاملة", "وقف الحرب الروسية الأوكرانية",
    "Прекращение огня вступает в силу", "перемирие", "Припинення вогню", "перемир'я",
])
def test_a_ceasefire_is_one_concept_in_every_language(text: str) -> None:
    assert "ceasefire" in concepts(text)


def test_a_phrase_is_read_as_one_unit() -> None:
    # The Peace Council is not "peace", and security guarantees are not "security".
    assert concepts("A Peace Council chaired by Trump") == {"peace-council", "united-states"}
    assert concepts("reliable security guarantees") == {"security-guarantees"}
    assert concepts("Совет мира") == {"peace-council"}


def test_a_short_word_matches_only_itself() -> None:
    assert "membership" not in concepts("a joint task force")
    assert "membership" in concepts("Ukraine may join the EU")
    assert "ceasefire" not in concepts("the warrant ends")


def test_arabic_loses_the_joined_conjunction_preposition_and_article_only() -> None:
    assert arabic_base("والأمن".replace("أ", "ا")) == "امن"
    assert arabic_base("لروسيا") == "روسيا"
    assert arabic_base("للاطفال") == "اطفال"
    assert arabic_base("وقف") == "وقف"  # و is part of the word: two letters would be left
    assert arabic_base("Ukraine") == "Ukraine"


def test_the_same_clause_in_four_languages_names_the_same_concepts() -> None:
    english = concepts("Ukraine's armed forces are capped at 600,000 personnel.")
    assert english >= {"armed-forces", "limit"}
    for text in ["يقتصر عديد القوات المسلحة الأوكرانية على سقف 600 ألف فرد.",
                 "Численность вооружённых сил Украины ограничивается 600 тысячами.",
                 "Чисельність збройних сил України обмежується 600 тисячами."]:
        assert concepts(text) >= {"armed-forces", "limit", "ukraine"}, text


# --- the rules ---------------------------------------------------------------------------------


def _ids(items: list[Item], candidates: list[Candidate]) -> list[str | None]:
    return [m.clause for m in align(items, candidates).matches]


def test_a_point_in_arabic_finds_its_english_clause() -> None:
    candidates = [Candidate("cap", "Ukraine's armed forces may number no more than 600,000."),
                  Candidate("ceasefire", "A ceasefire takes effect once all parties agree."),
                  Candidate("amnesty", "Everyone involved in the war receives a full amnesty.")]
    items = [Item("يدخل وقف إطلاق النار حيز التنفيذ فور موافقة جميع الأطراف."),
             Item("عفو شامل عن جميع المشاركين في الحرب.")]
    assert _ids(items, candidates) == ["ceasefire", "amnesty"]


def test_the_kind_of_a_value_points_to_the_clause_with_such_a_term() -> None:
    # "800 тысяч военнослужащих" shares the word for troops with the NATO-troops clause too; the
    # personnel figure is what only the cap clause has a term for.
    from plandiff.importer.extract import text_kinds

    candidates = [Candidate("cap", "The army of Ukraine is limited.",
                            kinds=frozenset({"quantity:personnel"})),
                  Candidate("troops", "No foreign troops of NATO are stationed in Ukraine."),
                  Candidate("elections", "Ukraine holds elections.",
                            kinds=frozenset({"duration:days"}))]
    text = "Численность сохраняется на уровне 800 тысяч военнослужащих в Украине."
    assert _ids([Item(text, kinds=text_kinds(text))], candidates) == ["cap"]
    assert _ids([Item(text)], candidates) == ["troops"]  # without the figure's kind


def test_a_quote_cited_by_several_clauses_tells_none_of_them_apart() -> None:
    # One sentence listing four tracks was cited by each of them: it must not make the point
    # "security guarantees" look as close to the Europe track as to the guarantees track.
    listing = "peace in Ukraine, security guarantees, security in Europe"
    candidates = [Candidate("guarantees", "The plan sets out guarantees.", history=(listing,)),
                  Candidate("europe", "Europe's order is reshaped.", history=(listing,))]
    assert _ids([Item("Security guarantees for Kyiv.")], candidates) == ["guarantees"]


def test_a_weak_pair_is_taken_only_when_each_is_the_others_best() -> None:
    candidates = [Candidate("memorial", "A memorial to the victims is built in the capital."),
                  Candidate("museum", "A joint museum of the war opens in a neutral city."),
                  Candidate("cap", "The armed forces may number no more than 600,000.")]
    aside = Item("The leaders spoke at length about a memorial to the victims, their advisers"
                 " told reporters late on Sunday.")
    # A few shared words in a long sentence: weak, but the point and the clause are each other's
    # best, so the pair is taken and flagged for the reviewer.
    (match,) = align([aside], candidates).matches
    assert match.clause == "memorial" and MATCH > match.score >= FLOOR and match.weak
    # The same point after one that names the memorial more closely (while continuing the
    # museum): the memorial's best point is now the other one, so the weak pair is not taken.
    closer = Item("A memorial museum to the victims of the war opens in a neutral city.")
    matches = align([closer, aside], candidates).matches
    assert [m.clause for m in matches] == ["museum", None]
    assert matches[1].best == "memorial"


def test_below_the_floor_a_point_is_new_even_when_each_is_the_others_best() -> None:
    # Issue 15: an unrelated point was matched at 15.2 through one common word ("parties") and
    # the similarity of its letters; below FLOOR it is a new clause, its closest clause named.
    candidates = [Candidate("amnesty", "All parties to the conflict receive a full amnesty."),
                  Candidate("cap", "The armed forces may number no more than 600,000.")]
    (match,) = align([Item("A joint monitoring mission reports on the conflict to all"
                           " parties.")], candidates).matches
    assert match.clause is None and match.best == "amnesty" and 15.0 <= match.score < FLOOR


def test_a_match_that_another_clause_nearly_equals_is_a_close_call() -> None:
    # Issue 15: "Territorial questions are left to the leaders" went, unflagged, to the clause
    # on changes by force at 51.5, with the territory clause close behind.
    candidates = [
        Candidate("territory", "Territorial questions are settled by the leaders of the two"
                  " countries; the line of contact is frozen."),
        Candidate("no-change-by-force", "Territorial arrangements are not changed by force;"
                  " the leaders of both countries guarantee them."),
        Candidate("cap", "The armed forces may number no more than 600,000.")]
    point = Item("Territorial questions are left to the leaders of both countries.")
    (match,) = align([point], candidates).matches
    assert match.clause is not None and match.close
    assert {match.clause, match.runner_up} == {"territory", "no-change-by-force"}
    assert match.score - match.runner_up_score < CLOSE
    (clear,) = align([Item("The armed forces may number no more than 600,000 troops.")],
                     candidates).matches
    assert clear.clause == "cap" and not clear.close


def test_a_point_between_two_sure_matches_leans_to_the_clause_between_them() -> None:
    scores = [[80.0, 0.0, 0.0, 0.0], [5.0, 10.0, 12.0, 0.0], [0.0, 0.0, 80.0, 0.0]]
    hinted = beside_sure_neighbours(scores, 4)
    # Point 1 lies between points 0 and 2, which surely continue clauses 0 and 2: clause 1 comes
    # after the one and before the other, and gets the hint once.
    assert hinted[1] == [5.0, 10.0 + NEIGHBOUR_HINT, 12.0, 0.0]
    # A sure point's neighbour that is not sure gives no hint.
    assert hinted[0] == scores[0] and hinted[2] == scores[2]


# --- the figures -------------------------------------------------------------------------------

# Right points per (article, version aligned with), as measured when the lexicon was written; a
# change that lowers one of them makes the aligner worse for someone.
MEASURED = {
    "import-heldout": {
        ("v28-en.md", "v28"): 27, ("v28-en.md", "miami-oct"): 26,
        ("v28-ar.md", "v28"): 28, ("v28-ar.md", "miami-oct"): 24,
        # v20-en.md against v28 was 17 before the floor rose from 15 to 20 (issue 15): its points
        # 2 and 6 were weak pairs at 16.3 and 17.1 (the first from its position alone), now new
        # clauses with the right clause named as the closest.
        ("v20-en.md", "v20"): 20, ("v20-en.md", "miami-dec"): 15, ("v20-en.md", "v28"): 15,
        ("v20-ru.md", "v20"): 19, ("v20-ru.md", "miami-dec"): 16, ("v20-ru.md", "v28"): 17,
    },
    "import-heldout-2": {
        ("v28-uk.md", "v28"): 28, ("v28-uk.md", "miami-oct"): 24,
        # v20-ar against miami-dec was 16 while miami-oct recorded its outline tracks under v28
        # ids: the Arabic "stop the war" it lent the ceasefire clause is now the outline's own.
        ("v20-ar.md", "v20"): 18, ("v20-ar.md", "miami-dec"): 15, ("v20-ar.md", "v28"): 17,
        ("v28-brief-en.md", "v28"): 28, ("v28-brief-en.md", "miami-oct"): 25,
        # v20-brief-en against miami-dec was 19 while berlin listed the army cap as a clause of
        # its own ("around 800,000"); since the Berlin statement is a stance (issue 22, item 4),
        # miami-dec carries Geneva's wording and the brief's point 4 goes to nato-troops.
        ("v20-brief-en.md", "v20"): 20, ("v20-brief-en.md", "miami-dec"): 18,
        ("v20-brief-en.md", "v28"): 18,
    },
    "import-heldout-partial": {  # changes only, as outlets report a revision
        ("geneva-en.md", "geneva"): 6, ("geneva-en.md", "v28"): 4,
        ("geneva-ar.md", "geneva"): 6, ("geneva-ar.md", "v28"): 4,
        # berlin-ru against berlin was 5 while the European force was a clause of berlin: it is
        # a stance now (issue 22, item 4), keyed null, and the point goes to joint-task-force
        # (berlin's monitoring, no longer known), its troops monitoring a ceasefire.
        ("berlin-ru.md", "berlin"): 4, ("berlin-ru.md", "moscow"): 4, ("berlin-ru.md", "v28"): 5,
    },
}


@pytest.fixture(scope="module")
def plan():
    """The frozen copy of the corpus (tests/freeze_corpus.py): the floors below were measured on
    it, and a version added to plans/ or a clause reworded there moves none of them."""
    return load_plan(find_root(FROZEN)).plan


def _dropped(score, floor: int) -> str:
    """What fell below the measured floor, point by point."""
    return (f"{score.text} against {score.parent}: {score.right} of {score.total} points get"
            f" the right clause, {floor} measured (on tests/fixtures/corpus); now wrong:\n  "
            + "\n  ".join(score.misses))


@pytest.mark.parametrize("version_id", ["v28", "v20"])
def test_round_trip_of_a_full_version_against_itself_is_exact(plan, version_id: str) -> None:
    result = round_trip(plan, version_id, version_id)
    assert result.right == result.total, _dropped(result, result.total)


def test_round_trip_of_the_full_corpus_versions_against_their_parents(plan) -> None:
    # Measured: v28 against its outline parent miami-oct 27/28, v20 against miami-dec 18/20,
    # 45/48 = 93.8%. The three misses are the corpus's own judgment calls, which the texts alone
    # do not settle (docs/import.md, "How well it aligns"): whether v28's "reliable security
    # guarantees" (point 5) continues the outline, which names security guarantees among its
    # tracks, and whether v20's "development package" (8) or its "recovery funds" (9) continues
    # v28's reconstruction package.
    v28 = round_trip(plan, "v28", "miami-oct")
    v20 = round_trip(plan, "v20", "miami-dec")
    assert v28.right >= 27, _dropped(v28, 27)
    assert v20.right >= 18, _dropped(v20, 18)
    assert v28.right + v20.right >= 45


@pytest.mark.parametrize("folder", HELD_OUT, ids=lambda f: f.name)
def test_articles_written_by_others_align_in_any_language(plan, folder) -> None:
    # Reworded English, terse English, Arabic, Russian and Ukrainian renderings of v28 and v20,
    # aligned with the version they report, its parent, and (v20) v28. Measured per article below.
    scores = {(s.text, s.parent): s for s in held_out(plan, folder)}
    floors = MEASURED[folder.name]
    assert scores.keys() == floors.keys()
    for key, floor in floors.items():
        assert scores[key].right >= floor, _dropped(scores[key], floor)


def test_values_in_articles_written_by_others_are_read_or_left_never_guessed(plan) -> None:
    # "600 ألف", "800 тысяч", "100 млрд доларів", "$100 billion"...: of the numeric terms of the
    # clauses that came back right, measured 33 read right and 15 left to the reviewer (several
    # figures of one kind in a point, or a figure in words such as "half"); none read wrong
    # ("trimmed from 28 points to 19" once read 28).
    scores = [s for folder in HELD_OUT for s in held_out(plan, folder)]
    assert sum(s.values[2] for s in scores) == 0, [(s.text, s.parent) for s in scores
                                                   if s.values[2]]
    assert sum(s.values[0] for s in scores) >= 33


def test_choices_in_articles_written_by_others_are_read_only_when_named_never_guessed(plan
                                                                                    ) -> None:
    # A choice is read when the text names its key words or label alone ("consensus", "as soon
    # as possible"): measured 20 read right on the held-out articles (English ones: the words
    # are English), the rest left to the reviewer, none read wrong (21 while berlin's army cap
    # and European force were clauses: v20-brief-en's point 4 now aligns elsewhere).
    scores = [s for folder in HELD_OUT for s in held_out(plan, folder)]
    assert sum(s.choices[2] for s in scores) == 0, [(s.text, s.parent) for s in scores
                                                    if s.choices[2]]
    assert sum(s.choices[0] for s in scores) >= 20
