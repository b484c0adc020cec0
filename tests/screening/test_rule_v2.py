"""The decision rule of protocol version 2: the form of exploitation chooses the lists, the
Albanian rule for children, exploitation in itself, interception before exploitation, and the
rule in words in Albanian and English. Properties run over the shipped version 2."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_room.interview.records import Decision
from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    Dimension,
    IndicatorAssessment,
    Outcome,
    assess,
    assess_indicators,
    explain,
    load_protocol,
)
from interview_room.screening.protocol import MEANS_AT_DESTINATION

V2 = load_protocol(resources_root() / "protocols" / "screening-v2")
PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
DECEIVED = ("dr_job_nature", "dr_wages")
COERCED_NOW = ("cd_violence", "cd_isolation_surveillance")


def adult(*ids: str, forms: list[str] | None = None) -> IndicatorAssessment:
    return assess_indicators(V2, ids, presumed_child=False, forms=forms)


def child(*ids: str, forms: list[str] | None = None) -> IndicatorAssessment:
    return assess_indicators(V2, ids, presumed_child=True, forms=forms)


def answers(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "consent_interview": "yes",
        "prep_age": 30,
        "prep_age_doubt": "no",
    }
    return {qid: Answer.given(qid, value) for qid, value in {**base, **given}.items()}


# --- The form of exploitation chooses the lists --------------------------------------------------


def test_the_recorded_form_chooses_the_lists() -> None:
    forced_clients = answers(work_did_work="yes", work_could_refuse="never_dared")
    as_labour = assess(
        V2, {**forced_clients, **answers(exploitation_forms=["labour"])}, presumed_child=False
    )
    as_sexual = assess(
        V2, {**forced_clients, **answers(exploitation_forms=["sexual"])}, presumed_child=False
    )
    assert as_labour.exploitation_forms == ("labour",)
    assert as_labour.dimension(Dimension.COERCION_AT_DESTINATION).medium == 1
    assert as_sexual.dimension(Dimension.COERCION_AT_DESTINATION).strong == 1
    # An indicator only on the labour list does not count for sexual exploitation.
    no_contract = answers(work_did_work="yes", work_conditions=["no_contract_or_insurance"])
    sexual = assess(
        V2, {**no_contract, **answers(exploitation_forms=["sexual"])}, presumed_child=False
    )
    assert "ex_no_social_protection" not in sexual.indicator_ids
    unknown = assess(V2, no_contract, presumed_child=False)
    assert "ex_no_social_protection" in unknown.indicator_ids
    assert unknown.exploitation_forms == ()


def test_a_form_given_by_the_caller_wins_over_the_answers() -> None:
    given = answers(work_did_work="yes", work_conditions=["no_contract_or_insurance"])
    result = assess(V2, given, presumed_child=False, forms=["sexual"])
    assert result.indicator_ids == ()


# --- Adults ---------------------------------------------------------------------------------------


def test_adult_sexual_exploitation_is_a_potential_victim() -> None:
    # v1: "indicators not met" (sexual services fed a child indicator only).
    result = adult(
        *DECEIVED,
        "ex_prostitution_of_others",
        "ex_excessive_hours",
        "cd_forced_tasks_or_clients",
        "cd_violence",
        forms=["sexual"],
    )
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert result.groups_met == ("recruitment", "exploitation", "means_at_destination")


def test_exploitation_in_itself_needs_no_means_at_destination() -> None:
    organ = adult(*DECEIVED, "ex_organ_removal")
    assert organ.dimension(Dimension.EXPLOITATION).positive
    assert organ.dimension(Dimension.EXPLOITATION).clause is None
    assert organ.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert organ.groups_met == ("recruitment", "exploitation")
    line = explain(organ, V2, "en")[8]  # after six dimensions and two signs
    assert "form of exploitation in itself (Removal of an organ)" in line
    # Without recruitment it is not enough; with the means the full rule is met and named.
    assert adult("ex_organ_removal").suggested_outcome is Outcome.INDICATORS_NOT_MET
    full = adult(*DECEIVED, "ex_forced_marriage", *COERCED_NOW)
    assert full.groups_met == V2.decision_rule.adult_requires
    assert "The adult rule is met" in explain(full, V2, "en")[8]


def test_deception_and_exploitation_without_coercion_are_not_the_adult_rule() -> None:
    # The ILO's "deceived and exploited migrant": a labour-rights case.
    result = adult(*DECEIVED, "ex_excessive_hours", "ex_low_or_no_pay", forms=["labour"])
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET
    assert result.positive_signs == frozenset()


def test_intercepted_before_exploitation() -> None:
    companion = ("cr_documents_confiscated", "cr_debt_bondage", "cr_isolation_surveillance")
    at_risk = adult(*companion, "cd_forced_to_lie")
    assert at_risk.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert at_risk.positive_signs == {"control_now"}
    assert Dimension.EXPLOITATION not in at_risk.positive_dimensions
    # Strong signs without a positive recruitment dimension are not enough.
    assert adult("ip_sexual_exploitation_planned", "cd_forced_to_lie").suggested_outcome is (
        Outcome.INDICATORS_NOT_MET
    )
    # Recruitment positive, but no strong sign: not enough either.
    assert adult(*DECEIVED).suggested_outcome is Outcome.INDICATORS_NOT_MET
    intended = adult(*DECEIVED, "ip_forced_marriage_planned")
    assert intended.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert intended.positive_signs == {"intended_exploitation"}


def test_the_at_risk_suggestion_agrees_with_a_potential_victim_decision() -> None:
    assert Outcome.POTENTIAL_VICTIM_AT_RISK.decision == "potential_victim"

    def decided(decision: str) -> Decision:
        return Decision("potential_victim_at_risk", decision, "synthetic", "u1", None, "t")

    assert not decided("potential_victim").differs_from_suggestion
    assert decided("indicators_not_met").differs_from_suggestion


def test_the_rule_in_words_for_an_interception() -> None:
    result = adult("cr_documents_confiscated", "cr_debt_bondage", "cr_isolation_surveillance")
    sq = explain(result, V2, "sq")
    assert sq[1] == (
        "Rekrutim me shtrëngim – pozitiv: 3 tregues të mesëm (Marrje dhe mbajtje e "
        "dokumenteve gjatë rekrutimit ose udhëtimit; Skllavëri për borxh që lind nga "
        "rekrutimi ose udhëtimi; Izolim, mbyllje ose mbikëqyrje gjatë udhëtimit)"
    )
    assert sq[6] == (
        "Synimi i shfrytëzimit – nuk është pozitiv: 1 tregues i mesëm (Skllavëri për borxh që "
        "lind nga rekrutimi ose udhëtimi)"
    )
    assert sq[7].startswith("Kontrolli i tanishëm – pozitiv: 3 tregues të mesëm (")
    assert sq[8] == (
        "Sugjerim: viktimë e mundshme në rrezik shfrytëzimi. Rregulli i plotë për të rriturit "
        "nuk plotësohet (nuk ka dimension pozitiv në këto fusha: shfrytëzimi; shtrëngimi ose "
        "abuzimi me cenueshmërinë në destinacion), por rekrutimi është pozitiv dhe ka shenja "
        "të forta në këto fusha: Kontrolli i tanishëm. Në kufi, qëllimi i shfrytëzimit dhe "
        "kontrolli i tanishëm mund të duken para se shfrytëzimi të ketë ndodhur."
    )
    assert sq[9] == (
        "Një dimension është pozitiv kur ka të paktën: 2 tregues të fortë; ose 1 tregues i "
        "fortë + 1 tregues i mesëm ose i dobët; ose 3 tregues të mesëm; ose 2 tregues të "
        "mesëm + 1 tregues i dobët."
    )
    assert sq[11] == (
        "Listat e treguesve që u përdorën: Të rritur – shfrytëzim në punë; Të rritur – "
        "shfrytëzim seksual."
    )
    en = explain(result, V2, "en")
    assert en[8].startswith("Suggestion: potential victim at risk of exploitation.")
    assert result.rule_text["en"] == en[8]


def test_the_adult_rule_in_words() -> None:
    result = adult(*DECEIVED, "ex_excessive_hours", "ex_low_or_no_pay", *COERCED_NOW)
    line = explain(result, V2, "sq")[8]
    assert line == (
        "Sugjerim: viktimë e mundshme e trafikimit. Rregulli për të rriturit plotësohet: ka "
        "një dimension pozitiv në secilën nga këto fusha: rekrutimi; shfrytëzimi; shtrëngimi "
        "ose abuzimi me cenueshmërinë në destinacion."
    )
    not_met = explain(adult("ex_excessive_hours"), V2, "sq")[8]
    assert not_met == (
        "Sugjerim: treguesit nuk mjaftojnë. Rregulli për të rriturit kërkon një dimension "
        "pozitiv në secilën nga këto fusha: rekrutimi; shfrytëzimi; shtrëngimi ose abuzimi "
        "me cenueshmërinë në destinacion. Nuk ka dimension pozitiv në këto fusha: rekrutimi; "
        "shfrytëzimi; shtrëngimi ose abuzimi me cenueshmërinë në destinacion."
    )


# --- Children -------------------------------------------------------------------------------------


def test_a_child_begging_with_the_money_taken_is_a_presumed_victim() -> None:
    # v1: "child at risk", because nothing about the recruitment was recorded.
    result = child(
        "ex_child_working",
        "ex_child_worst_forms",
        "cd_withholding_wages",
        forms=["forced_begging"],
    )
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert result.groups_missing == ("recruitment",)
    line = explain(result, V2, "en")[6]
    assert line.startswith("Suggestion: potential victim of trafficking (a presumed child victim)")
    assert "Child Protection Unit" in line


def test_any_indicator_makes_a_presumed_child_victim_and_none_does_not() -> None:
    for indicator in ("vr_general_context", "cd_exclusion_social_life", "ip_earnings_to_others"):
        assert child(indicator).suggested_outcome is Outcome.POTENTIAL_VICTIM, indicator
    assert child().suggested_outcome is Outcome.INDICATORS_NOT_MET
    assert child().signs == ()


def test_the_ilo_rule_for_children_is_named_when_met() -> None:
    result = child(*DECEIVED, "ex_child_worst_forms", "ex_child_working")
    assert result.groups_missing == ()
    line = explain(result, V2, "sq")[6]
    assert line.startswith("Sugjerim: viktimë e mundshme e trafikimit. Rregulli i ILO-s për")


# --- Properties -----------------------------------------------------------------------------------

INDICATOR_IDS = [i.id for i in V2.indicators]
MEANS_IDS = frozenset(i.id for i in V2.indicators if i.dimension in MEANS_AT_DESTINATION)
FORM_IDS = list(V2.question("exploitation_forms").options)
forms_strategy = st.one_of(st.none(), st.lists(st.sampled_from(FORM_IDS), unique=True))
RANK = {
    Outcome.INDICATORS_NOT_MET: 0,
    Outcome.CHILD_AT_RISK: 1,
    Outcome.POTENTIAL_VICTIM_AT_RISK: 1,
    Outcome.POTENTIAL_VICTIM: 2,
}


@PROPERTY_SETTINGS
@given(
    base=st.sets(st.sampled_from(INDICATOR_IDS)),
    extra=st.sets(st.sampled_from(INDICATOR_IDS), min_size=1),
    is_child=st.booleans(),
    forms=forms_strategy,
)
def test_more_indicators_never_weaken_the_suggestion(
    base: set[str], extra: set[str], is_child: bool, forms: list[str] | None
) -> None:
    before = assess_indicators(V2, base, presumed_child=is_child, forms=forms)
    after = assess_indicators(V2, base | extra, presumed_child=is_child, forms=forms)
    assert before.positive_dimensions <= after.positive_dimensions
    assert before.positive_signs <= after.positive_signs
    assert RANK[before.suggested_outcome] <= RANK[after.suggested_outcome]


@PROPERTY_SETTINGS
@given(found=st.sets(st.sampled_from(INDICATOR_IDS)), forms=forms_strategy)
def test_a_child_never_needs_the_means_and_any_indicator_is_enough(
    found: set[str], forms: list[str] | None
) -> None:
    with_means = assess_indicators(V2, found, presumed_child=True, forms=forms)
    without = assess_indicators(V2, found - MEANS_IDS, presumed_child=True, forms=forms)
    victim = Outcome.POTENTIAL_VICTIM
    assert (with_means.suggested_outcome is victim) == bool(with_means.indicator_ids)
    if without.indicator_ids:
        assert without.suggested_outcome is victim
    assert with_means.suggested_outcome is not Outcome.POTENTIAL_VICTIM_AT_RISK


@PROPERTY_SETTINGS
@given(found=st.sets(st.sampled_from(INDICATOR_IDS)), forms=forms_strategy)
def test_an_adult_is_at_risk_only_with_recruitment_and_a_strong_sign(
    found: set[str], forms: list[str] | None
) -> None:
    result = assess_indicators(V2, found, presumed_child=False, forms=forms)
    recruitment = {
        Dimension.DECEPTIVE_RECRUITMENT,
        Dimension.COERCIVE_RECRUITMENT,
        Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
    }
    if result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK:
        assert result.positive_dimensions & recruitment
        assert result.positive_signs
        assert result.groups_missing
    if result.suggested_outcome is Outcome.POTENTIAL_VICTIM:
        assert result.positive_dimensions & recruitment
        assert Dimension.EXPLOITATION in result.positive_dimensions
    assert result.suggested_outcome is not Outcome.CHILD_AT_RISK


def _answered(values: Mapping[str, str | int | list[str]]) -> dict[str, Answer]:
    return {qid: Answer.given(qid, value) for qid, value in values.items()}


@PROPERTY_SETTINGS
@given(found=st.sets(st.sampled_from(INDICATOR_IDS)), is_child=st.booleans())
def test_explanations_exist_in_every_language(found: set[str], is_child: bool) -> None:
    result = assess_indicators(V2, found, presumed_child=is_child)
    for lang in V2.languages:
        lines = explain(result, V2, lang)
        assert all(line.strip() and "{" not in line for line in lines)
        assert result.rule_text[lang] in lines
