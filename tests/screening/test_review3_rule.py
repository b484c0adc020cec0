"""The decision rule after the third practitioner's review (issue 12): context never counts
towards a threshold, a smuggler's debt to be worked off is a purpose for a person still
travelling, declined answers and refusals are not 'screened and cleared'. Runs the shipped
version 2 with real answers."""

from __future__ import annotations

from interview_room.resources import resources_root
from interview_room.screening import Answer, Dimension, Outcome, assess, explain, load_protocol

V2 = load_protocol(resources_root() / "protocols" / "screening-v2")


def answers(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "consent_interview": "yes",
        "prep_age": 33,
        "prep_age_doubt": "no",
    }
    return {qid: Answer.given(qid, value) for qid, value in {**base, **given}.items()}


UNDERPAID_RETURNING_WORKER = answers(
    journey_direction="returning_citizen",
    obs_stayed_at_destination="stayed_or_worked",
    work_did_work="yes",
    work_pay="less_than_agreed",
    work_conditions=["dangerous_work", "no_contract_or_insurance"],
    work_could_refuse="could_refuse",
    living_conditions=["arranged_by_employer"],
    ctl_free_to_leave="freely",
    doc_where_now="with_person",
)


# --- Finding 2: context never counts towards a threshold -----------------------------------------


def test_circumstances_do_not_make_a_means_of_abuse_of_vulnerability() -> None:
    # Housing by the employer (1 medium, something done) plus two circumstances (no language,
    # the family depends on the earnings): printed positive, counted for nothing.
    result = assess(
        V2,
        {
            **UNDERPAID_RETURNING_WORKER,
            **answers(
                fam_unknown_place="language_only", fam_situation=["family_depends_on_earnings"]
            ),
        },
        presumed_child=False,
    )
    at_destination = result.dimension(Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION)
    assert at_destination.positive
    assert not at_destination.counts_for_the_rule
    assert result.dimension(Dimension.EXPLOITATION).counts_for_the_rule
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET
    line = next(
        line for line in explain(result, V2, "en") if line.startswith("Abuse of vulnerability at")
    )
    assert "circumstances count for no area" in line


def test_the_same_dimension_counts_when_what_was_done_reaches_the_threshold() -> None:
    # Dependency on the employer, the family involved and threats of the authorities: three
    # things done to the person (3 medium) count, with or without the circumstances beside them.
    result = assess(
        V2,
        {
            **UNDERPAID_RETURNING_WORKER,
            **answers(
                fam_situation=["family_involved", "family_depends_on_earnings"],
                ctl_authorities="police_on_their_side",
            ),
        },
        presumed_child=False,
    )
    at_destination = result.dimension(Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION)
    assert at_destination.counts_for_the_rule
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM


# --- Finding 6: a smuggler's debt to be worked off, still travelling -----------------------------

SMUGGLED_MAN_OWES_THE_CROSSING = answers(
    journey_direction="in_transit",
    rec_how_started="own_plan",
    rec_who_arranged="stranger",
    rec_what_awaits=["work_off_debt"],
    rec_journey_paid_by="self",
    rec_hardship_before=["nothing_in_particular"],
    obs_stayed_at_destination="still_travelling",
    doc_where_now="with_person",
    debt_owed="to_smuggler_for_crossing",
    debt_how_it_works=["cannot_leave_until_paid"],
    fam_situation=["none"],
)


def test_work_off_a_debt_he_cannot_leave_is_a_strong_purpose_while_travelling() -> None:
    result = assess(V2, SMUGGLED_MAN_OWES_THE_CROSSING, presumed_child=False)
    assert "ip_debt_bondage_planned" in result.indicator_ids
    # Counted once: not also as debt bondage at a destination he has not reached.
    assert "cd_debt_bondage" not in result.indicator_ids
    intended = next(s for s in result.signs if s.sign == "intended_exploitation")
    assert intended.positive and intended.strong == 1
    # The purpose alone, with nothing done on the way, is not yet enough.
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET
    with_passport_held = {
        **SMUGGLED_MAN_OWES_THE_CROSSING,
        **answers(doc_where_now="held_by_someone_else", doc_who_holds="recruiter_since_journey"),
    }
    result = assess(V2, with_passport_held, presumed_child=False)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert not any(d.counts_for_the_rule for d in result.dimensions)


def test_after_arrival_the_same_debt_is_coercion_at_destination() -> None:
    arrived = {
        **SMUGGLED_MAN_OWES_THE_CROSSING,
        **answers(obs_stayed_at_destination="stayed_or_worked"),
    }
    result = assess(V2, arrived, presumed_child=False)
    assert "cd_debt_bondage" in result.indicator_ids
    assert "ip_debt_bondage_planned" not in result.indicator_ids


def test_one_recruitment_indicator_beside_a_strong_purpose_is_at_risk() -> None:
    # The broker who paid the trip to "sell a kidney": no poverty counted, the journey paid by
    # a third party beside the purpose (at ILO grades) is independent evidence.
    organ_sale = answers(
        journey_direction="in_transit",
        rec_how_started="offer_from_someone",
        rec_who_arranged="stranger",
        rec_what_awaits=["organ_sale"],
        rec_journey_paid_by="someone_else",
        obs_stayed_at_destination="still_travelling",
    )
    result = assess(V2, organ_sale, presumed_child=False)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert result.means_indicator_ids == ("vr_journey_arranged_by_others",)
    # He paid it himself and chose it: the purpose alone is not met.
    own_trip = {**organ_sale, **answers(rec_journey_paid_by="self", rec_who_arranged="no_one")}
    assert (
        assess(V2, own_trip, presumed_child=False).suggested_outcome is Outcome.INDICATORS_NOT_MET
    )


# --- Finding 3: strong coercion at destination, the work questions declined ------------------


def declined(*question_ids: str) -> dict[str, Answer]:
    return {qid: Answer.prefers_not_to_answer(qid) for qid in question_ids}


RETURNING_CONFINED = answers(
    journey_direction="returning_citizen",
    rec_how_started="offer_from_someone",
    rec_who_arranged="acquaintance",
    rec_promised=["a_job"],
    rec_reality_differed=["nature_of_job"],
    obs_stayed_at_destination="stayed_or_worked",
    ctl_free_to_leave="not_allowed",
    doc_where_now="held_by_someone_else",
    doc_who_holds="employer_at_destination",
)


def test_declining_the_work_questions_after_deception_and_confinement_is_a_potential_victim() -> (
    None
):
    result = assess(
        V2,
        {**RETURNING_CONFINED, **declined("work_did_work", "living_conditions")},
        presumed_child=False,
    )
    assert not result.dimension(Dimension.EXPLOITATION).positive
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    assert result.path == "adult_exploitation_declined"
    assert result.declined == ("work_did_work", "living_conditions")
    assert result.recruitment_indicator_ids == ("dr_job_nature",)
    assert set(result.means_indicator_ids) == {
        "cd_documents_confiscated",
        "cd_isolation_surveillance",
    }
    line = next(line for line in explain(result, V2, "sq") if line.startswith("Sugjerim"))
    assert "(2 prej tyre)" in line


def test_the_same_facts_with_the_work_answered_no_are_not_this_path() -> None:
    # She answered that she did not work: nothing was declined, the rule does not guess.
    answered = {
        **RETURNING_CONFINED,
        **answers(work_did_work="no", living_conditions=["own_choice"]),
    }
    result = assess(V2, answered, presumed_child=False)
    assert result.path != "adult_exploitation_declined"
    # Half declined is not "mostly".
    half = {**RETURNING_CONFINED, **answers(work_did_work="no"), **declined("living_conditions")}
    assert assess(V2, half, presumed_child=False).path != "adult_exploitation_declined"


def test_without_a_recruitment_indicator_declining_is_not_enough() -> None:
    no_recruitment = {
        **RETURNING_CONFINED,
        **answers(
            rec_how_started="own_plan", rec_who_arranged="no_one", rec_promised=["nothing_specific"]
        ),
        **declined("work_did_work", "living_conditions"),
    }
    del no_recruitment["rec_reality_differed"]
    result = assess(V2, no_recruitment, presumed_child=False)
    assert result.suggested_outcome is not Outcome.POTENTIAL_VICTIM


# --- Finding 4: one coached answer does not undo "mostly declined" -------------------------------

RECRUITMENT_QUESTIONS = (
    "rec_promised",
    "rec_reality_differed",
    "rec_what_awaits",
    "rec_journey_paid_by",
    "rec_harm_during_journey",
    "rec_control_during_journey",
)
COMPANION_CONTROLS = answers(
    journey_direction="leaving_albania",
    obs_companion_control="yes",
    obs_fear_or_coaching="yes",
    obs_documents_held_by_companion="yes",
    obs_stayed_at_destination="still_travelling",
)


def test_a_coached_answer_that_indicates_nothing_does_not_cancel_the_declined_path() -> None:
    coached = {
        **COMPANION_CONTROLS,
        **answers(rec_how_started="own_plan", rec_who_arranged="no_one"),
        **declined(*RECRUITMENT_QUESTIONS),
    }
    result = assess(V2, coached, presumed_child=False)
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM_AT_RISK
    assert result.path == "at_risk_declined"
    assert len(result.declined) == 6


def test_two_questions_declined_are_not_mostly_declined() -> None:
    # Most questions answered, nothing indicative, no coaching, two declined: a person
    # travelling with a group's coordinator who holds the passports stays "not met" (prac_p07).
    answered = {
        **answers(
            journey_direction="leaving_albania",
            obs_documents_held_by_companion="yes",
            obs_stayed_at_destination="still_travelling",
            rec_how_started="own_plan",
            rec_who_arranged="agency_or_employer",
            rec_promised=["a_job", "wages"],
            rec_reality_differed=["nothing_different"],
            rec_what_awaits=["knows_and_chose"],
            rec_journey_paid_by="self",
        ),
        **declined("rec_harm_during_journey", "rec_control_during_journey"),
    }
    result = assess(V2, answered, presumed_child=False)
    assert result.suggested_outcome is Outcome.INDICATORS_NOT_MET


# --- Finding 8: a refusal is "not determined", never "indicators not met" ------------------------


def test_a_refused_interview_is_not_determined_with_the_observations_printed() -> None:
    refused = {
        qid: Answer.given(qid, value)
        for qid, value in {
            "obs_apparent_age": "clearly_adult",
            "obs_companion_control": "yes",
            "safety_threat_at_crossing": "companion_here",
            "consent_rights_read": "yes",
            "consent_interview": "no",
        }.items()
    }
    result = assess(V2, refused, presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    assert result.path == "not_determined_refused"
    assert result.observations == (
        ("obs_companion_control", "yes"),
        ("safety_threat_at_crossing", "companion_here"),
    )
    # The figures are still computed: the companion's control is printed.
    assert "cr_isolation_surveillance" in result.indicator_ids
    line = next(line for line in explain(result, V2, "en") if line.startswith("Suggestion"))
    assert "not determined – interview refused" in line
    assert "The person's companion is at the crossing" in line
    # It agrees with the people's decision "not determined".
    assert Outcome.NOT_DETERMINED.decision == "not_determined"


def test_no_consent_recorded_yet_is_not_determined_either() -> None:
    result = assess(V2, {}, presumed_child=False)
    assert result.suggested_outcome is Outcome.NOT_DETERMINED
    line = next(line for line in explain(result, V2, "sq") if line.startswith("Sugjerim"))
    assert "Shënuar nga oficerët: asnjë." in line


def test_protocol_version_1_has_no_refusal_rule_and_keeps_its_outcomes() -> None:
    v1 = load_protocol(resources_root() / "protocols" / "screening-v1")
    assert v1.decision_rule.when_interview_refused is None
    assert assess(v1, {}, presumed_child=False).suggested_outcome is Outcome.INDICATORS_NOT_MET


# --- Finding 5: a 16-17-year-old going to lawful work arranged by the parent with them ------------


def child_going_to_work(**given: str | int | list[str]) -> dict[str, Answer]:
    base: dict[str, str | int | list[str]] = {
        "prep_age": 17,
        "prep_child_support": "both",
        "consent_guardian": "yes",
        "child_travelling_with": "mother_or_father",
        "child_adult_relationship": "parent",
        "child_adult_papers": "relationship_and_consent",
        "rec_how_started": "own_plan",
        "rec_who_arranged": "parent_or_guardian",
        "rec_promised": ["a_job", "wages"],
        "rec_what_awaits": ["knows_and_chose", "work_arranged"],
        "obs_stayed_at_destination": "still_travelling",
    }
    return answers(**{**base, **given})


def test_work_arranged_by_the_accompanying_parent_for_a_17_year_old_is_context() -> None:
    result = assess(V2, child_going_to_work(), presumed_child=True)
    assert "ip_child_work_planned" not in result.indicator_ids
    assert result.indicator_ids == ("vr_child_work_arranged_by_parent",)
    assert result.suggested_outcome is Outcome.CHILD_AT_RISK


def test_the_purpose_counts_when_any_safeguard_is_missing() -> None:
    for change in (
        {"prep_age": 15},  # below the minimum working age
        {"rec_what_awaits": ["work_arranged", "details_unknown"]},  # the work not known
        {"child_adult_papers": "doubtful"},  # the relationship not shown
        {"child_adult_relationship": "other_relative"},  # not the parent who travels
        # another relative arranged it and travels with the child instead of the parent
        {"rec_who_arranged": "relative", "child_adult_relationship": "other_relative"},
        {"rec_who_arranged": "agency_or_employer"},
    ):
        result = assess(V2, child_going_to_work(**change), presumed_child=True)
        assert "ip_child_work_planned" in result.indicator_ids, change
        assert "vr_child_work_arranged_by_parent" not in result.indicator_ids, change
        assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM, change


def test_an_uncle_arranging_lawful_work_with_the_parent_travelling_is_a_circumstance() -> None:
    """The practitioner's vignette r04 as written: the uncle arranged the summer job in his
    restaurant, the mother travels with her papers. Who in the family arranged lawful, known
    work does not make it a purpose of exploitation: child at risk, the Unit checks the work."""
    result = assess(V2, child_going_to_work(rec_who_arranged="relative"), presumed_child=True)
    assert "ip_child_work_planned" not in result.indicator_ids
    assert result.indicator_ids == ("vr_child_work_arranged_by_parent",)
    assert result.suggested_outcome is Outcome.CHILD_AT_RISK


# --- Finding 10: documents held during the work, returned at the end -----------------------------


def test_documents_held_while_working_away_count_as_confiscated_at_destination() -> None:
    returned = {
        **UNDERPAID_RETURNING_WORKER,
        **answers(work_could_refuse="never_dared", doc_held_at_destination="by_employer"),
    }
    result = assess(V2, returned, presumed_child=False)
    assert "cd_documents_confiscated" in result.indicator_ids
    assert result.dimension(Dimension.COERCION_AT_DESTINATION).counts_for_the_rule
    assert result.suggested_outcome is Outcome.POTENTIAL_VICTIM
    kept = {**returned, **answers(doc_held_at_destination="no")}
    assert "cd_documents_confiscated" not in assess(V2, kept, presumed_child=False).indicator_ids


def test_the_question_is_not_asked_of_someone_still_travelling() -> None:
    from interview_room.screening.flow import visible_question_ids

    stayed = answers(obs_stayed_at_destination="stayed_or_worked")
    travelling = answers(obs_stayed_at_destination="still_travelling")
    assert "doc_held_at_destination" in visible_question_ids(V2, stayed, False)
    assert "doc_held_at_destination" not in visible_question_ids(V2, travelling, False)


# --- Coaching on the way is control now, not coercion at a destination ------------------------


def test_coaching_of_a_person_still_travelling_counts_as_control_now_only() -> None:
    coached = answers(
        obs_stayed_at_destination="still_travelling",
        ctl_told_what_to_say="yes",
        obs_fear_or_coaching="yes",
    )
    result = assess(V2, coached, presumed_child=False)
    assert "cd_forced_to_lie" not in result.indicator_ids
    assert "cd_under_strong_influence" not in result.indicator_ids
    assert result.dimension(Dimension.COERCION_AT_DESTINATION).indicator_ids == ()
    control = next(s for s in result.signs if s.sign == "control_now")
    assert control.positive and control.medium == 2
    arrived = {**coached, **answers(obs_stayed_at_destination="stayed_or_worked")}
    at_destination = assess(V2, arrived, presumed_child=False)
    assert at_destination.dimension(Dimension.COERCION_AT_DESTINATION).indicator_ids == (
        "cd_under_strong_influence",
        "cd_forced_to_lie",
    )


def test_whose_decision_the_crime_was_is_never_read_to_the_person() -> None:
    question = V2.question("work_crime_whose_decision")
    assert question.observation
    for lang in V2.languages:
        assert "question.work_crime_whose_decision.person" not in V2.catalogs[lang].texts
