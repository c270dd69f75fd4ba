"""The third pass over the corpus (issue 22, item 4): each fix pinned as the fact it states, on the
corpus and on a copy with a newly reported version added (the `corpus` fixture), never as a count
of the corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plandiff.api import open_plan
from plandiff.core.models import Clause, Disputed

POSSIBLE_CHANGES = "التغييرات المحتملة"


@pytest.fixture
def plan(corpus: Path) -> Any:
    return open_plan(corpus).plan


def _listed(plan: Any, version_id: str, clause_id: str) -> Clause:
    """The clause as the version's own file lists it (nothing carried in)."""
    return next(c for c in plan.versions[version_id].clauses if c.id == clause_id)


def _json(run, corpus: Path, *args: str) -> Any:
    result = run(*args, "--format", "json", root=corpus)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- geneva: the army cap -----------------------------------------------------------------------


def test_geneva_army_cap_is_800000_not_disputed(run, corpus: Path) -> None:
    diff = _json(run, corpus, "diff", "v28", "geneva")
    clause = next(c for c in diff["clauses"] if c["id"] == "armed-forces-cap")
    cap = next(t for t in clause["terms"] if t["term"] == "ukraine-troop-cap")
    assert (cap["old"], cap["new"], cap["delta"]) == (600000, 800000, 200000)
    assert cap["change"] != "disputed"


def test_geneva_army_cap_rests_on_ki1_and_seed_001_only(plan) -> None:
    clause = _listed(plan, "geneva", "armed-forces-cap")
    assert clause.terms["ukraine-troop-cap"] == 800000
    assert {cite.source for cite in clause.cites} == {"ki1", "seed-001"}


def test_geneva_army_cap_is_reported_as_ki1_relays_unnamed_officials(run, corpus: Path) -> None:
    # ki1 relays the FT "citing unnamed Ukrainian officials"; seed 001 calls it a possible change
    diff = _json(run, corpus, "diff", "v28", "geneva")
    clause = next(c for c in diff["clauses"] if c["id"] == "armed-forces-cap")
    cap = next(t for t in clause["terms"] if t["term"] == "ukraine-troop-cap")
    assert cap["hedged"] == {"old": False, "new": True}
    out = run("v28", "geneva", root=corpus).stdout
    assert "Cap on Ukraine's armed forces: 600,000 → reportedly 800,000 personnel" in out


def test_cal_and_rbc1_witness_that_the_blanket_cap_goes_not_a_rival_figure(plan) -> None:
    scope = _listed(plan, "geneva", "armed-forces-cap").terms["ukraine-troop-cap-scope"]
    assert isinstance(scope, Disputed)
    peacetime = [c for c in scope.disputed if c.value == "peacetime"]
    dropped = [c for c in scope.disputed if c.unknown is not None]
    assert [c.source for c in peacetime[0].cites] == ["ki1"]
    assert {c.source for c in dropped[0].cites} == {"cal", "rbc1"}
    assert not any(c.value is None and c.unknown is None for c in scope.disputed)  # never "none"
    rbc1 = [c.quote or "" for c in dropped[0].cites if c.source == "rbc1"]
    assert "No limits for Ukraine's army" not in rbc1  # the headline, not the body


def test_seed_001_reports_the_geneva_changes_as_possible(plan) -> None:
    for clause in plan.versions["geneva"].clauses:
        for cite in clause.cites:
            if cite.source == "seed-001":
                assert cite.hedge and POSSIBLE_CHANGES in cite.hedge, clause.id


# --- v28 point 17 and the elections quote -----------------------------------------------------


def test_v28_point_17_names_start_i_and_the_2010_treaty_is_a_gloss(plan) -> None:
    clause = _listed(plan, "v28", "arms-control")
    assert clause.number == 17
    assert clause.terms["arms-control-treaty"] == "start-i"
    assert "gloss" in (clause.note or "")
    fakti = [cite for cite in clause.cites if cite.source == "fak"]
    assert fakti and "2010" in (fakti[0].note or "")


def test_fakti_bg_is_cited_where_it_carries_the_text(plan) -> None:
    assert plan.sources["fak"].url.startswith("https://fakti.bg/en/")
    elections = _listed(plan, "v28", "elections")
    assert "Ukraine will hold elections 100 days" in [c.quote for c in elections.cites
                                                     if c.source == "fak"]
    notes = " ".join(plan.sources[s].note or "" for s in ("fak", "wtn", "pravda-newstart"))
    assert "not found" not in notes


# --- show: a partial version's numbering --------------------------------------------------------


def test_show_miami_dec_does_not_print_v28s_numbers_as_its_own(run, corpus: Path) -> None:
    out = run("show", "miami-dec", root=corpus).stdout
    assert "\n25. elections" not in out
    assert "elections  Elections in Ukraine  §25 (in v28)" in out
    data = _json(run, corpus, "show", "miami-dec")
    elections = next(c for c in data["clauses"] if c["id"] == "elections")
    assert elections["number"] is None
    assert elections["numbered_in"] == {"version": "v28", "number": 25}
    v28 = _json(run, corpus, "show", "v28")
    assert next(c for c in v28["clauses"] if c["id"] == "elections")["number"] == 25


# --- positions: how sure each stance is, and the stances that were missing ----------------------


def _stances(plan: Any, party: str, *, term: str | None = None, at: str | None = None,
             issue: str | None = None) -> list[Any]:
    return [p for p in plan.positions.positions
            if p.party == party and (term is None or p.term == term)
            and (at is None or p.at == at) and (issue is None or issue in (p.issue or ""))]


def test_the_geneva_acceptances_are_reported_not_settled(run, corpus: Path, plan) -> None:
    """seed-001 gives Geneva's content as «التغييرات المحتملة» (possible changes), and ki1 has the
    army cap from the FT's unnamed officials: every acceptance stated at Geneva is hedged."""
    accepted = [p for p in plan.positions.positions
                if p.at == "geneva" and p.stance.value == "accept"]
    assert {(p.party, p.term) for p in accepted} >= {
        ("UA", "ukraine-troop-cap"), ("US", "ukraine-troop-cap"), ("UA", "ukraine-nato-membership"),
        ("US", "ukraine-nato-membership"), ("UA", "nato-troops-in-ukraine"),
        ("UA", "us-guarantee-form"), ("UA", "military-recovery-of-territory")}
    for stance in accepted:
        for cite in stance.cites:
            assert cite.hedge, (stance.party, stance.term, cite.source)
            if cite.source == "seed-001":
                assert POSSIBLE_CHANGES in cite.hedge
    ki1 = [c for p in accepted for c in p.cites if c.source == "ki1"]
    assert ki1 and all("unnamed Ukrainian officials" in (c.hedge or "") for c in ki1)
    out = run("positions", "ukraine-troop-cap", root=corpus).stdout
    assert "reportedly accepts" in out
    data = _json(run, corpus, "positions", "ukraine-troop-cap")
    stances = data["subjects"][0]["stances"]
    assert {s["party"]: s["hedged"] for s in stances if s["stance"] == "accept"} == {
        "UA": True, "US": True}


def test_the_us_and_ukraine_proposals_for_the_zaporizhzhia_plant_are_stances(plan) -> None:
    us = _stances(plan, "US", term="znpp-arrangement")
    ua = _stances(plan, "UA", term="znpp-arrangement")
    assert [(p.value, p.at) for p in us] == [("us-led-trilateral", "v20")]
    assert [(p.value, p.at) for p in ua] == [("us-ua-50-50", "v20")]
    assert "trilateral management" in (us[0].cites[0].quote or "")
    assert "50/50" in (ua[0].cites[0].quote or "")


def test_russia_demands_land_in_the_east_as_seed_000_reports(plan) -> None:
    land = _stances(plan, "RU", issue="land in the east")
    assert [p.stance.value for p in land] == ["demand"]
    assert "فضلًا عن التنازل عن أراضٍ في الشرق" in [c.quote for c in land[0].cites]


def test_us_negotiators_press_ukraine_to_leave_donetsk_at_berlin(plan) -> None:
    pressed = _stances(plan, "US", term="donetsk-held-area", at="berlin")
    assert [(p.stance.value, p.value) for p in pressed] == [("demand", "ukraine-withdraws")]
    dh = [c for c in pressed[0].cites if c.source == "dh"]
    assert dh and "withdraw forces from the eastern Donetsk region" in (dh[0].quote or "")
    assert dh[0].hedge == "an official familiar with the matter said"


def test_the_european_statement_keeps_its_condition_on_territory(plan) -> None:
    (stance,) = _stances(plan, "EU", issue="Territorial decisions")
    condition = "once robust security guarantees are effectively in place"
    assert condition in stance.text
    assert any(condition in (c.quote or "") for c in stance.cites)


def test_stances_dated_from_an_undated_seed_say_where_the_date_comes_from(plan) -> None:
    """seed-000 shows no date and sources.yaml gives it none: its stances' 19 Nov is the
    dossier's date, and no note may say that sources.yaml gives it."""
    assert plan.sources["seed-000"].date is None
    dated = [p for p in plan.positions.positions if any(c.source == "seed-000" for c in p.cites)]
    assert dated
    for stance in dated:
        assert "sources.yaml gives from" not in (stance.note or "")
        assert "dossier's date" in (stance.note or ""), stance.text


# --- sources: addresses from the stored copies, and a hedge where seed 000 says "possibly" --------


def test_unn2_and_dh_have_the_addresses_of_their_articles(plan) -> None:
    assert plan.sources["unn2"].url.endswith(
        "full-text-of-the-counter-proposal-to-the-us-peace-plan-for-ukraine-reuters")
    assert "3832282" in (plan.sources["dh"].url or "")
    assert "not found" not in (plan.sources["unn2"].note or "")


def test_miami_oct_reports_economic_cooperation_as_a_possibility(plan) -> None:
    clause = _listed(plan, "miami-oct", "framework")
    assert "was expected to" not in clause.text and "might" in clause.text
    (cite,) = [c for c in clause.cites if "التعاون الاقتصادي" in (c.quote or "")]
    assert cite.source == "seed-000" and "احتمال" in (cite.hedge or "")


# --- copies: a reprint or a relay is its original's witness -------------------------------------


def test_the_ap_reprints_are_one_witness(plan) -> None:
    from plandiff.core.witnesses import original, witnesses

    for reprint in ("ap-hutchpost", "durango-ap", "kursiv-ap"):
        assert original(plan.sources, reprint) == "gn", reprint
    ap = ["gn", "ap-hutchpost", "durango-ap", "kursiv-ap"]
    assert witnesses(plan.sources, ap).independent == 1
    cap = _listed(plan, "v28", "armed-forces-cap")  # AP twice and seed 001: two witnesses
    assert witnesses(plan.sources, [c.source for c in cap.cites]).independent == 2


def test_the_relays_of_one_report_are_one_witness(plan) -> None:
    from plandiff.core.witnesses import original, outlet_key

    relays = {"razom-reuters": "dc", "openkg-reuters": "dc", "unn2": "dc", "lng2": "dc",
              "statement-reuters": "lgr", "lig2": "ki1", "menafn-mint": "mint"}
    assert {s: original(plan.sources, s) for s in relays} == relays
    pravda = ("npe", "npc", "pravda-newstart", "pravda-znpp")
    assert len({outlet_key(plan.sources, s) for s in pravda}) == 1


# --- berlin: the parties' stances are not the draft's text ---------------------------------------


def _stance(plan: Any, party: str, term: str, at: str) -> Any:
    return next(p for p in plan.positions.positions
                if (p.party, p.term, p.at) == (party, term, at))


def test_berlin_records_the_parties_stances_as_positions_not_as_draft_text(plan) -> None:
    listed = {clause.id for clause in plan.versions["berlin"].clauses}
    assert not listed & {"nato-membership", "armed-forces-cap", "european-forces", "eu-membership"}
    assert _stance(plan, "UA", "ukraine-nato-membership", "berlin").stance.value == "offer"
    assert _stance(plan, "EU", "ukraine-troop-cap", "berlin").value == 800000
    assert _stance(plan, "EU", "european-forces-in-ukraine", "berlin").stance.value == "proposal"
    eu = _stance(plan, "RU", "eu-accession", "berlin")
    assert eu.stance.value == "accept" and all(cite.hedged for cite in eu.cites)  # US officials say


def test_european_leaders_give_the_army_a_peacetime_level(plan) -> None:
    scope = _stance(plan, "EU", "ukraine-troop-cap-scope", "berlin")
    assert scope.value == "peacetime"
    assert [(c.source, c.quote) for c in scope.cites] == [
        ("berlin-statement", "which should remain at a peacetime level of 800,000")]


def test_us_negotiators_press_ukraine_to_withdraw_from_donetsk(plan) -> None:
    pressed = _stance(plan, "US", "donetsk-held-area", "berlin")
    assert (pressed.stance.value, pressed.value) == ("demand", "ukraine-withdraws")
    assert [cite.source for cite in pressed.cites] == ["dh"]  # only dh names Donetsk
    concessions = _stances(plan, "US", at="berlin", issue="Concessions")
    assert [c.source for c in concessions[0].cites] == ["seed-004", "seed-004"]
    assert "US negotiators" in plan.versions["berlin"].summary
    corpus_md = (Path(__file__).parents[1] / "docs" / "corpus.md").read_text(encoding="utf-8")
    assert "do not say who pressed" not in corpus_md and "(`dh` does not say)" not in corpus_md


def test_berlin_does_not_carry_the_joint_us_russian_task_force(run, corpus: Path) -> None:
    berlin = _json(run, corpus, "show", "berlin")
    monitoring = next(c for c in berlin["clauses"] if c["id"] == "joint-task-force")
    value = monitoring["terms"]["ceasefire-monitoring"]
    assert "US-led ceasefire monitoring mechanism" in value["unknown"]
    assert monitoring["stated_in"]["ceasefire-monitoring"] == "berlin"
    history = _json(run, corpus, "history", "ceasefire-monitoring")
    point = next(p for p in history["points"] if p["version"]["id"] == "berlin")
    assert (point["stated_in"], point["value_is"]) == ("berlin", "reported")
    assert point["value"] != "us-russia-task-force"


# --- moscow: the length of the draft ------------------------------------------------------------


def test_moscow_does_not_carry_20_points_where_putin_counts_27(run, corpus: Path, plan) -> None:
    moscow = _json(run, corpus, "show", "moscow")
    framework = next(c for c in moscow["clauses"] if c["id"] == "framework")
    assert framework["stated_in"]["point-count"] == "moscow"  # stated by moscow, not carried
    claims = {claim["value"]: claim["sources"] for claim in
              framework["terms"]["point-count"]["disputed"]}
    assert claims == {20: ["ki2"], 27: ["an"]}
    count = _listed(plan, "moscow", "framework").terms["point-count"]
    putin = next(claim for claim in count.disputed if claim.value == 27)
    assert [c.quote for c in putin.cites] == [
        "they split these 28, I think 27 points, into four packages."]


# --- e3: the points lng2 restates ---------------------------------------------------------------


@pytest.mark.parametrize(("clause_id", "number"), [
    ("russia-non-aggression-law", 16), ("non-nuclear-status", 18), ("humanitarian-exchange", 24)])
def test_e3_keeps_the_points_that_lng2_restates(plan, clause_id: str, number: int) -> None:
    clause = _listed(plan, "e3", clause_id)
    assert clause.number == number
    assert [cite.source for cite in clause.cites] == ["lng2"]
    assert clause.text == _listed(plan, "v28", clause_id).text  # restated: the same words


def test_e3_russia_writes_non_aggression_into_its_law(run, corpus: Path) -> None:
    diff = _json(run, corpus, "diff", "v28", "e3")
    clause = next(c for c in diff["clauses"] if c["id"] == "russia-non-aggression-law")
    assert clause["change"] == "unchanged"
    assert [t["change"] for t in clause["kept_terms"]] == ["confirmed"]


def test_e3_zaporizhzhia_50_50_split_is_cited_where_a_source_holds_it(plan) -> None:
    clause = _listed(plan, "e3", "zaporizhzhia-plant")
    assert clause.terms["znpp-arrangement"] == "iaea-restart-50-50-ru-ua"
    assert "lng2" in {cite.source for cite in clause.cites}
    tass2 = [cite.quote or "" for cite in clause.cites if cite.source == "tass2"]
    assert any("50-50 split" in quote for quote in tass2)
    corpus_md = (Path(__file__).parents[1] / "docs" / "corpus.md").read_text(encoding="utf-8")
    assert "what it does with the points that\nno report quotes" not in corpus_md


# --- v20: points 10 and 14 as the text words them -----------------------------------------------


def test_v20_point_14_applies_the_line_at_signing_to_donetsk(plan) -> None:
    territory = _listed(plan, "v20", "territory")
    assert territory.number == 14
    assert territory.terms["donetsk-held-area"] == "line-at-signing"
    assert "free-economic-zone-referendum" not in plan.terms["donetsk-held-area"].choices
    assert "referendum" not in territory.text


def test_v20_point_10_speeds_up_a_free_trade_agreement_not_concludes_it(plan) -> None:
    free_trade = _listed(plan, "v20", "us-free-trade")
    assert free_trade.number == 10
    assert "speed up the process of concluding" in free_trade.text
    assert "conclude a free-trade agreement" not in free_trade.text


# --- the Arabic renderings as an Arabic editor would print them (issue 23) -----------------------


def test_v28_us_guarantee_arabic_names_ukraine_as_the_invader(plan) -> None:
    """The English says Ukraine loses the guarantee if *it* invades Russia; «إذا غزت روسيا» alone
    reads "if Russia invades"."""
    clause = _listed(plan, "v28", "us-guarantee")
    assert "if it invades Russia" in clause.text
    arabic = " ".join(clause.translations["ar"].text.split())
    assert "وتفقد أوكرانيا الضمانة إذا غزت هي روسيا" in arabic
    assert "الضمانة إذا غزت روسيا" not in arabic


def _quotes(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [q for k, v in node.items()
                for q in ([v] if k == "quote" and isinstance(v, str) else _quotes(v))]
    if isinstance(node, list):
        return [q for v in node for q in _quotes(v)]
    return []


def test_no_quote_is_cut_inside_the_sources_own_quotation_marks(corpus: Path) -> None:
    """A verbatim quote that opens a quotation of its source («“ضمانات أمنية» of seed 003) ends
    where the source closes it, or stops before it opens."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    for path in sorted((corpus / "plans").glob("*.yaml")):
        for quote in _quotes(yaml.load(path.read_text(encoding="utf-8"))):
            assert quote.count('"') % 2 == 0, (path.name, quote)
            assert quote.count("“") == quote.count("”"), (path.name, quote)
            assert quote.count("«") == quote.count("»"), (path.name, quote)


def test_the_zaporizhzhia_choices_name_no_proposer_in_arabic(plan) -> None:
    """The stance names the party: «أوكرانيا تقترح إقامة مشروع… (اقتراح أوكراني)» said it twice."""
    choices = plan.terms["znpp-arrangement"].translations["ar"].choices
    assert choices["us-ua-50-50"] == "إقامة مشروع مشترك أمريكي أوكراني مناصفة"
    assert all("اقتراح" not in label for label in choices.values())


def test_the_elections_deadline_reads_as_a_deadline_in_arabic(plan) -> None:
    assert plan.terms["elections-deadline"].translations["ar"].label == (
        "مهلة إجراء الانتخابات بعد التوقيع")


@pytest.mark.parametrize(("version_id", "clause_id", "title"), [
    ("geneva", "territory", "استعادة الأراضي المحتلة بالتفاوض وحده، وإرجاء المسائل الإقليمية"),
    ("v28", "russia-non-aggression-law", "تكريس روسيا عدم الاعتداء في قانونها"),
    ("e3", "russia-non-aggression-law", "تكريس روسيا عدم الاعتداء في قانونها")])
def test_arabic_titles_an_editor_would_print(plan, version_id: str, clause_id: str,
                                             title: str) -> None:
    assert _listed(plan, version_id, clause_id).translations["ar"].title == title


def test_the_28_points_are_a_plan_in_arabic_prose(plan) -> None:
    """«الوارد في النقاط الـ28» → «الوارد في خطة النقاط الـ28», as the glossary writes it."""
    texts = [c.translations["ar"].text or "" for v in plan.versions.values() for c in v.clauses
             if "ar" in c.translations]
    texts += [p.translations["ar"].text or "" for p in plan.positions.positions
              if "ar" in p.translations]
    assert not [t for t in texts if "الوارد في النقاط الـ28" in " ".join(t.split())]


def test_seed_001_has_no_headline_and_its_title_says_it_is_descriptive(plan) -> None:
    seed_000, seed_001 = plan.sources["seed-000"], plan.sources["seed-001"]
    for seed in (seed_000, seed_001):
        assert seed.headline is None
        assert seed.title.endswith("(descriptive title)")
        assert (seed.translations["ar"].title or "").endswith("(عنوان وصفي)")


def test_the_e3_is_named_once_in_arabic(plan) -> None:
    assert plan.positions.translations["ar"].parties["E3"] == "الترويكا الأوروبية"
