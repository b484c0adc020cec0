"""The decision rule: examples for each clause, explanations in sq and en, and properties.

Examples use the small fixture (one indicator per need) and the shipped protocol (real
wording). Properties run over the shipped protocol: whatever the central office ships must
keep them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    AnswerType,
    Dimension,
    ExploitationForm,
    IndicatorAssessment,
    Outcome,
    Protocol,
    Question,
    Strength,
    assess,
    assess_indicators,
    explain,
    indicators_from_answers,
    load_protocol,
    visible_question_ids,
)
from interview_room.screening.conditions import comparisons
from interview_room.screening.errors import UnknownIndicator
from interview_room.screening.protocol import MEANS_AT_DESTINATION

MINIMAL = load_protocol(Path(__file__).parent / "fixtures" / "minimal")
# Version 1 stays on every station for the interviews started with it, so its rule and
# wording must not change; version 2's rule is tested in test_rule_v2.py.
SHIPPED = load_protocol(resources_root() / "protocols" / "screening-v1")

PROPERTY_SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def adult(protocol: Protocol, *ids: str) -> IndicatorAssessment:
    return assess_indicators(protocol, ids, presumed_child=False)


def child(protocol: Protocol, *ids: str) -> IndicatorAssessment:
    return assess_indicators(protocol, ids, presumed_child=True)


# --- Thresholds: one example per clause --------------------------------------------------------


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "positive"),
    [
        (2, 0, 0, True),  # 2 strong
        (1, 1, 0, True),  # 1 strong + 1 medium
        (1, 0, 1, True),  # 1 strong + 1 weak
        (0, 3, 0, True),  # 3 medium
        (0, 2, 1, True),  # 2 medium + 1 weak
        (1, 0, 0, False),
        (0, 2, 0, False),
        (0, 1, 2, False),
        (0, 0, 5, False),
        (0, 0, 0, False),
    ],
)
def test_threshold_clauses(strong: int, medium: int, weak: int, positive: bool) -> None:
    counts = {Strength.STRONG: strong, Strength.MEDIUM: medium, Strength.WEAK: weak}
    met = [c for c in SHIPPED.decision_rule.thresholds if c.met_by(counts)]
    assert bool(met) is positive


def test_dimension_counts_distinct_indicators_once() -> None:
    # Two answers pointing at the same indicator still make one indicator.
    answers = {
        "consent_interview": Answer.given("consent_interview", "yes"),
        "work_did_work": Answer.given("work_did_work", "yes"),
        "work_hours": Answer.given("work_hours", "more_than_twelve"),
        "work_days_off": Answer.given("work_days_off", "no"),
    }
    result = assess(SHIPPED, answers, presumed_child=False).dimension(Dimension.EXPLOITATION)
    assert (result.strong, result.medium, result.weak) == (1, 0, 0)
    assert result.indicator_ids == ("ex_excessive_hours",)
    assert not result.positive


def test_strong_plus_weak_and_two_strong_in_the_shipped_protocol() -> None:
    result = adult(SHIPPED, "cd_documents_confiscated", "cd_debt_bondage")
    coercion = result.dimension(Dimension.COERCION_AT_DESTINATION)
    assert coercion.positive and coercion.strong == 2
    assert coercion.clause == SHIPPED.decision_rule.thresholds[0]
    result = adult(SHIPPED, "cd_violence", "cd_exclusion_social_life")
    assert result.dimension(Dimension.COERCION_AT_DESTINATION).positive


# --- Adult and child rules ---------------------------------------------------------------------


def test_adult_needs_recruitment_exploitation_and_means() -> None:
    recruitment = ("dr_strong", "dr_medium")
    exploitation = ("ex_strong", "ex_medium")
    means = ("cd_strong", "cd_weak")
    full = adult(MINIMAL, *recruitment, *exploitation, *means)
    assert full.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert full.groups_met == ("recruitment", "exploitation", "means_at_destination")
    for left_out in (recruitment, exploitation, means):
        kept = [i for i in (*recruitment, *exploitation, *means) if i not in left_out]
        result = adult(MINIMAL, *kept)
        assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET
        assert len(result.groups_missing) == 1


def test_any_recruitment_dimension_will_do() -> None:
    # 2 medium + 1 weak across *different* recruitment dimensions does not add up: a dimension
    # is positive on its own indicators only.
    spread = adult(MINIMAL, "dr_medium", "cr_medium", "vr_weak", "ex_strong", "ex_medium")
    assert not spread.positive_dimensions & {
        Dimension.DECEPTIVE_RECRUITMENT,
        Dimension.COERCIVE_RECRUITMENT,
        Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
    }
    coercive = adult(
        SHIPPED,
        "cr_violence",
        "cr_threats_family",
        "ex_excessive_hours",
        "ex_low_or_no_pay",
        "vd_dependency_on_exploiters",
        "vd_economic_reasons",
        "vd_personal_characteristics",
    )
    assert coercive.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION in coercive.positive_dimensions


def test_child_needs_no_means() -> None:
    result = child(MINIMAL, "dr_strong", "dr_medium", "ex_strong", "ex_child")
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert not result.positive_dimensions & MEANS_AT_DESTINATION
    assert adult(MINIMAL, "dr_strong", "dr_medium", "ex_strong", "ex_medium").suggested_outcome is (
        Outcome.INDICATORS_NOT_MET
    )


def test_child_with_any_indicator_is_at_risk() -> None:
    assert child(MINIMAL, "vr_weak").suggested_outcome is Outcome.CHILD_AT_RISK
    assert child(MINIMAL, "cd_weak").suggested_outcome is Outcome.CHILD_AT_RISK
    assert child(MINIMAL).suggested_outcome is Outcome.INDICATORS_NOT_MET
    assert adult(MINIMAL, "vr_weak").suggested_outcome is Outcome.INDICATORS_NOT_MET


def test_indicators_count_only_on_their_lists() -> None:
    # ex_child is on the child lists only; ex_medium on the labour lists only.
    assert adult(MINIMAL, "ex_child").indicator_ids == ()
    assert child(MINIMAL, "ex_child").indicator_ids == ("ex_child",)
    sexual = assess_indicators(
        MINIMAL, ["ex_medium"], presumed_child=False, forms={ExploitationForm.SEXUAL}
    )
    assert sexual.indicator_ids == ()
    unknown_form = assess_indicators(MINIMAL, ["ex_medium"], presumed_child=False)
    assert unknown_form.indicator_ids == ("ex_medium",)
    assert unknown_form.forms == frozenset(ExploitationForm)


def test_unknown_indicator_is_refused() -> None:
    with pytest.raises(UnknownIndicator):
        adult(MINIMAL, "no_such_indicator")


def test_assessment_names_the_protocol_it_used() -> None:
    result = adult(SHIPPED)
    assert (result.protocol_id, result.protocol_version) == ("al-border-screening", "1.0.0")
    assert result.protocol_hash == SHIPPED.content_hash


# --- Answers to indicators ---------------------------------------------------------------------


def consented(**answers: str | int | list[str]) -> dict[str, Answer]:
    given = {"consent_interview": Answer.given("consent_interview", "yes")}
    given.update({qid: Answer.given(qid, value) for qid, value in answers.items()})
    return given


def test_skipped_and_declined_answers_never_indicate() -> None:
    answers = consented(locked="yes")
    assert indicators_from_answers(MINIMAL, answers, presumed_child=False) == ("cd_strong",)
    for declined in (Answer.skipped("locked"), Answer.prefers_not_to_answer("locked")):
        answers["locked"] = declined
        assert indicators_from_answers(MINIMAL, answers, presumed_child=False) == ()


def test_no_is_not_prefers_not_to_answer() -> None:
    answers = consented(paid="no")
    assert indicators_from_answers(MINIMAL, answers, presumed_child=False) == ("ex_medium",)
    answers["paid"] = Answer.prefers_not_to_answer("paid")
    assert indicators_from_answers(MINIMAL, answers, presumed_child=False) == ()


def test_refused_interview_consent_hides_and_ignores_case_answers() -> None:
    answers = consented(locked="yes")
    answers["consent_interview"] = Answer.given("consent_interview", "no")
    assert indicators_from_answers(MINIMAL, answers, presumed_child=False) == ()


def test_observations_indicate() -> None:
    answers = consented(watched="yes")
    assert indicators_from_answers(MINIMAL, answers, presumed_child=False) == ("cd_weak",)


def test_multi_choice_answers_indicate_per_option() -> None:
    answers = consented(promised=["job", "wages"], differed=["job", "wages"])
    found = indicators_from_answers(MINIMAL, answers, presumed_child=False)
    assert found == ("dr_strong", "dr_medium")


# --- Explanations ------------------------------------------------------------------------------

DECEIVED = ("dr_job_nature", "dr_wages")
CASE = (*DECEIVED, "ex_excessive_hours", "ex_low_or_no_pay", "cd_isolation_surveillance")


def test_explanation_in_english() -> None:
    lines = explain(adult(SHIPPED, *CASE), SHIPPED, "en")
    assert lines[0] == (
        "Deceptive recruitment: positive: 1 strong + 1 medium (Deceived about the nature of the "
        "job, the place or the employer; Deceived about wages or earnings)"
    )
    assert lines[1] == "Coercive recruitment: no indicators"
    assert lines[4] == (
        "Coercion at destination: not positive: 1 strong (Isolation, confinement or "
        "surveillance; no freedom of movement)"
    )
    assert lines[6] == (
        "Suggestion: indicators not met. The adult rule needs a positive dimension for each of "
        "these: recruitment; exploitation; coercion or abuse of vulnerability at destination; "
        "there is none for coercion or abuse of vulnerability at destination."
    )
    assert lines[7] == (
        "A dimension is positive with at least: 2 strong; or 1 strong + 1 medium or weak; "
        "or 3 medium; or 2 medium + 1 weak."
    )
    assert "decide" in lines[8]


def test_explanation_in_albanian() -> None:
    result = adult(SHIPPED, *CASE, "cd_debt_bondage")
    lines = explain(result, SHIPPED, "sq")
    assert lines[0] == (
        "Rekrutim me mashtrim: pozitiv: 1 i fortë + 1 i mesëm (U mashtrua për natyrën e punës, "
        "vendin ose punëdhënësin; U mashtrua për pagën ose fitimet)"
    )
    assert lines[4].startswith("Shtrëngim në destinacion: pozitiv: 2 të fortë (")
    assert lines[6] == (
        "Sugjerim: viktimë e mundshme e trafikimit. Rregulli për të rriturit plotësohet: ka "
        "dimension pozitiv për rekrutimi; shfrytëzimi; shtrëngimi ose shfrytëzimi i "
        "cenueshmërisë në destinacion."
    )
    assert lines[7] == (
        "Një dimension është pozitiv me të paktën: 2 të fortë; ose 1 i fortë + 1 i mesëm ose i "
        "dobët; ose 3 të mesëm; ose 2 të mesëm + 1 i dobët."
    )
    assert lines[8].startswith("Programi vetëm sugjeron")


def test_child_explanations() -> None:
    at_risk = explain(child(SHIPPED, "ex_child_working"), SHIPPED, "en")[6]
    assert at_risk.startswith("Suggestion: child at risk.")
    assert "no positive dimension for recruitment; exploitation" in at_risk
    victim = explain(
        child(SHIPPED, *DECEIVED, "ex_child_worst_forms", "ex_child_working"), SHIPPED, "sq"
    )
    assert victim[6].startswith("Sugjerim: viktimë e mundshme e trafikimit. Rregulli për fëmijët")
    assert "nuk kërkohen mjetet" in victim[6]


def test_rule_texts_are_stored_in_every_language() -> None:
    result = adult(SHIPPED, *CASE)
    for lang in ("sq", "en"):
        lines = explain(result, SHIPPED, lang)
        assert [d.rule_text[lang] for d in result.dimensions] == lines[:6]
        assert result.rule_text[lang] == lines[6]
    assert explain(result, SHIPPED, "fa") == explain(result, SHIPPED, "en")


# --- Properties --------------------------------------------------------------------------------

INDICATOR_IDS = [i.id for i in SHIPPED.indicators]
MEANS_IDS = frozenset(i.id for i in SHIPPED.indicators if i.dimension in MEANS_AT_DESTINATION)
RECRUITMENT = frozenset(
    {
        Dimension.DECEPTIVE_RECRUITMENT,
        Dimension.COERCIVE_RECRUITMENT,
        Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY,
    }
)
forms_strategy = st.one_of(st.none(), st.sets(st.sampled_from(list(ExploitationForm))))


@PROPERTY_SETTINGS
@given(
    base=st.sets(st.sampled_from(INDICATOR_IDS)),
    extra=st.sets(st.sampled_from(INDICATOR_IDS), min_size=1),
    is_child=st.booleans(),
    forms=forms_strategy,
)
def test_adding_indicators_never_undoes_a_positive(
    base: set[str], extra: set[str], is_child: bool, forms: set[ExploitationForm] | None
) -> None:
    before = assess_indicators(SHIPPED, base, presumed_child=is_child, forms=forms)
    after = assess_indicators(SHIPPED, base | extra, presumed_child=is_child, forms=forms)
    assert before.positive_dimensions <= after.positive_dimensions
    if before.suggested_outcome is Outcome.POTENTIAL_VICTIM:
        assert after.suggested_outcome is Outcome.POTENTIAL_VICTIM
    if before.suggested_outcome is Outcome.CHILD_AT_RISK:
        assert after.suggested_outcome in (Outcome.CHILD_AT_RISK, Outcome.POTENTIAL_VICTIM)


@PROPERTY_SETTINGS
@given(found=st.sets(st.sampled_from(INDICATOR_IDS)), forms=forms_strategy)
def test_a_child_never_needs_the_means(
    found: set[str], forms: set[ExploitationForm] | None
) -> None:
    with_means = assess_indicators(SHIPPED, found, presumed_child=True, forms=forms)
    without = assess_indicators(SHIPPED, found - MEANS_IDS, presumed_child=True, forms=forms)
    victim = Outcome.POTENTIAL_VICTIM
    assert (with_means.suggested_outcome is victim) == (without.suggested_outcome is victim)
    # And for a child, recruitment + exploitation is exactly what it takes.
    positive = with_means.positive_dimensions
    rule_met = bool(positive & RECRUITMENT) and Dimension.EXPLOITATION in positive
    assert (with_means.suggested_outcome is victim) == rule_met


def answer_strategy(question: Question) -> st.SearchStrategy[Answer]:
    qid = question.id
    match question.answer_type:
        case AnswerType.MULTI_CHOICE:
            value: st.SearchStrategy[object] = st.lists(
                st.sampled_from(question.options), min_size=1, unique=True
            )
        case AnswerType.NUMBER:
            value = st.integers(question.minimum or 0, question.maximum or 120)
        case AnswerType.TEXT:
            value = st.just("synthetic note")
        case AnswerType.DATE:
            value = st.just("2026-03-02")
        case _:
            value = st.sampled_from(question.options)
    answered = value.map(lambda v: Answer.given(qid, v))  # type: ignore[arg-type]
    declined = st.sampled_from([Answer.skipped(qid), Answer.prefers_not_to_answer(qid)])
    return st.one_of(answered, declined)


# Mostly with consent to the interview: without it the case questions are not even shown.
answers_strategy = st.fixed_dictionaries(
    {
        "consent_interview": st.one_of(
            st.just(Answer.given("consent_interview", "yes")),
            answer_strategy(SHIPPED.question("consent_interview")),
        )
    },
    optional={q.id: answer_strategy(q) for q in SHIPPED.questions if q.id != "consent_interview"},
)


def answered_only(answers: Mapping[str, Answer]) -> dict[str, Answer]:
    return {qid: a for qid, a in answers.items() if a.is_answered}


@PROPERTY_SETTINGS
@given(answers=answers_strategy, is_child=st.booleans())
def test_skipped_and_declined_answers_never_count(
    answers: dict[str, Answer], is_child: bool
) -> None:
    everything = indicators_from_answers(SHIPPED, answers, presumed_child=is_child)
    assert everything == indicators_from_answers(
        SHIPPED, answered_only(answers), presumed_child=is_child
    )
    declined = {qid: Answer.skipped(qid) for qid in answers}
    assert indicators_from_answers(SHIPPED, declined, presumed_child=is_child) == ()


SHOW_IF_RULES = [s.show_if for s in SHIPPED.sections] + [q.show_if for q in SHIPPED.questions]
GATES = frozenset(
    c.question_id for rule in SHOW_IF_RULES if rule is not None for c in comparisons(rule)
)


@PROPERTY_SETTINGS
@given(answers=answers_strategy, is_child=st.booleans(), data=st.data())
def test_an_added_answer_never_removes_an_indicator(
    answers: dict[str, Answer], is_child: bool, data: st.DataObject
) -> None:
    shown = visible_question_ids(SHIPPED, answers, is_child)
    open_questions = [
        q for q in SHIPPED.questions if q.id in shown and q.id not in answers and q.id not in GATES
    ]
    if not open_questions:
        return
    question = data.draw(st.sampled_from(open_questions))
    more = {**answers, question.id: data.draw(answer_strategy(question))}
    before = assess(SHIPPED, answers, presumed_child=is_child)
    after = assess(SHIPPED, more, presumed_child=is_child)
    assert set(before.indicator_ids) <= set(after.indicator_ids)
    assert before.positive_dimensions <= after.positive_dimensions
    if before.suggested_outcome is Outcome.POTENTIAL_VICTIM:
        assert after.suggested_outcome is Outcome.POTENTIAL_VICTIM
