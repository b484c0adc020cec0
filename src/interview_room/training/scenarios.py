"""Synthetic interviews that cover every path through the screening, driven through the real
``Interview`` class exactly as the wizard drives it.

Paths: an adult with positive indicators; an adult whose indicators do not meet the rule; a
child (with the Child Protection Unit present); consent refused; stopped midway at the
person's request; and an interview left incomplete (a draft, as after a power cut). Beside
these six, the demo adds an adult who agrees to the interview but not to a record being kept
(``STORAGE_REFUSED``): only the anonymous minimal record stays, and only it travels.

A path that reaches the decision answers every question the interview shows it (issue 12):
the companion and whether the person was asked apart, the safety questions, for the child the
adult the child travels with, and the observations, so training shows the whole interview.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from interview_room.interview.interview import Interview, StopRequester
from interview_room.screening import Answer, ConsentScope, Protocol, SectionKind
from interview_room.workstation import Session

Value = str | int | Sequence[str]


class Path(StrEnum):
    ADULT_POSITIVE = "adult_positive"
    ADULT_NOT_INDICATED = "adult_not_indicated"
    CHILD = "child"
    CONSENT_REFUSED = "consent_refused"
    STOPPED_MIDWAY = "stopped_midway"
    INCOMPLETE = "incomplete"
    STORAGE_REFUSED = "storage_refused"


PATHS = tuple(p for p in Path if p is not Path.STORAGE_REFUSED)
"""The six paths through one interview that every set of training cases cycles through."""
DEMO_PATHS = (*PATHS, Path.STORAGE_REFUSED)
"""What the demo cycles through: the six, and a refusal to keep a record."""

NATIONALITIES = ("albania", "kosovo", "syria", "afghanistan", "morocco", "serbia", "pakistan")


def _common(path_index: int, age: int, doubt: str, sex: str) -> dict[str, Value]:
    answers: dict[str, Value] = {
        "needs_medical": "no",
        "needs_basic": ["water", "rest"],
        "needs_feels_safe": "unsure",
        # The officers' impression, recorded before the rights (protocol v2).
        "obs_apparent_age": "clearly_adult" if age >= 18 else "could_be_under_18",
        # The companion at the crossing, and whether the person is seen apart (review 4).
        "obs_companion_control": "no",
        "safety_threat_at_crossing": "no_one",
        "obs_asked_apart": "no_companion",
        "needs_children_with": "no",
        "needs_actions_taken": ["food_water_given"],
        "prep_location": "morine",
        "prep_date": date.today().isoformat(),
        "prep_officer": "Oficer Shembulli",
        "prep_social_worker_service": "state_social_service",
        "prep_social_worker_name": "Punonjëse Sociale Shembulli",
        "prep_sex": sex,
        "prep_nationality": NATIONALITIES[path_index % len(NATIONALITIES)],
        "prep_language": "shqip",
        "prep_interpreter": "no",
        "prep_common_language": "yes",
        "prep_gender_preference": "woman",
        "prep_gender_preference_met": "yes",
        "prep_age": age,
        "prep_age_doubt": doubt,
        "consent_rights_read": "yes",
        "consent_interview": "yes",
        "consent_storage": "yes",
        "consent_share_responsible_authority": "yes",
        "consent_share_state_social_service": "yes",
        "consent_share_shelter": "yes",
        "consent_share_child_protection_unit": "no",
        "consent_share_health_services": "yes",
        "consent_share_anti_trafficking_police": "no",
        "consent_share_asylum_migration_authority": "no",
        "consent_witness": ["social_worker"],
    }
    return answers | _SAFETY


_SAFETY: dict[str, Value] = {
    "safety_danger_on_return": ["no_one"],
    "safety_family_threatened": "not_in_danger",
    "safety_what_feels_safe": ["go_home"],
    "safety_own_words": "Sintetike: dua të shkoj në shtëpi te nëna ime.",
    "safety_plan": "Sintetike: transport deri në qytet me punonjësen sociale.",
    "need_safe_to_return": "safe",
    "need_anything_else": "Sintetike: asgjë tjetër tani.",
}
"""The safety section and the closing needs, for a person in no danger on return."""

_IN_DANGER: dict[str, Value] = {
    "safety_danger_on_return": ["people_who_brought"],
    "safety_family_threatened": "does_not_know",
    "safety_what_feels_safe": ["safe_place_to_stay", "away_from_companion"],
    "safety_own_words": "Sintetike: nuk dua që ata të dinë ku jam.",
    "safety_plan": "Sintetike: strehëz sonte; policia njoftohet vetëm me pëlqimin e saj.",
    "need_safe_to_return": "unsure",
}
"""The safety answers of a person who may be in danger from those who brought them."""

_OBSERVED_NOTHING: dict[str, Value] = {
    "ctl_told_what_to_say": "no",
    "obs_acted_against_others": "no",
    "obs_fear_or_coaching": "no",
    "obs_signs_of_violence": "no",
    "obs_documents_held_by_companion": "no",
}


_POSITIVE: dict[str, Value] = {
    **_OBSERVED_NOTHING,
    "rec_how_started": "offer_from_someone",
    "rec_who_arranged": "acquaintance",
    "rec_promised": ["a_job", "wages"],
    "rec_reality_differed": ["nature_of_job", "wages"],
    "rec_journey_paid_by": "recruiter_or_employer",
    "work_did_work": "yes",
    "work_kind": ["hospitality"],
    "work_hours": "more_than_twelve",
    "work_days_off": "no",
    "work_pay": "not_paid",
    "work_could_refuse": "punished_or_threatened",
    "ctl_free_to_leave": "not_allowed",
    "ctl_harm": ["threats"],
    "doc_where_now": "held_by_someone_else",
    "doc_who_holds": "employer_at_destination",
    "need_services": ["safe_place_to_stay", "legal_advice"],
    "need_reflection_explained": "yes",
    # Returning after the work: what awaits abroad is not asked of a returning citizen.
    "journey_direction": "returning_citizen",
    "rec_agreement": "spoken_only",
    "rec_hardship_before": ["no_money_or_work"],
    "rec_harm_during_journey": ["none"],
    "rec_control_during_journey": "others",
    "exploitation_forms": ["labour"],
    "obs_stayed_at_destination": "stayed_or_worked",
    "work_conditions": ["no_breaks_or_food"],
    "living_conditions": ["arranged_by_employer", "crowded_or_unsanitary"],
    "obs_exhaustion": "yes",
    "ctl_contact": "monitored",
    "ctl_authorities": "arrest_or_deportation",
    "doc_held_at_destination": "by_employer",
    "debt_owed": "no",
    "fam_threats": ["none"],
    "fam_situation": ["family_depends_on_earnings"],
    "fam_unknown_place": "both",
    "obs_vulnerability": ["signs_of_trauma"],
    **_IN_DANGER,
}

_NOT_INDICATED: dict[str, Value] = {
    **_OBSERVED_NOTHING,
    "rec_how_started": "own_plan",
    "rec_promised": ["nothing_specific"],
    "rec_journey_paid_by": "self",
    "work_did_work": "yes",
    "work_kind": ["agriculture"],
    "work_hours": "up_to_eight",
    "work_days_off": "yes",
    "work_pay": "as_agreed",
    "work_could_refuse": "could_refuse",
    "ctl_free_to_leave": "freely",
    "ctl_contact": "freely",
    "ctl_harm": ["none"],
    "doc_where_now": "with_person",
    "debt_owed": "no",
    "need_services": ["return_home"],
    "need_reflection_explained": "yes",
    "journey_direction": "returning_citizen",
    "rec_who_arranged": "no_one",
    "rec_agreement": "signed_understood",
    "rec_hardship_before": ["nothing_in_particular"],
    "rec_harm_during_journey": ["none"],
    "rec_control_during_journey": "person",
    "exploitation_forms": ["not_known_yet"],
    "obs_stayed_at_destination": "stayed_or_worked",
    "work_conditions": ["none"],
    "living_conditions": ["own_choice"],
    "obs_exhaustion": "no",
    "ctl_authorities": "nothing_said",
    "doc_held_at_destination": "no",
    "fam_threats": ["none"],
    "fam_situation": ["none"],
    "fam_unknown_place": "neither",
    "obs_vulnerability": ["none"],
}

_CHILD: dict[str, Value] = {
    **_OBSERVED_NOTHING,
    "prep_child_support": "child_protection_unit",
    "guardian_conflict": "no",
    "consent_guardian": "yes",
    "consent_guardian_by": "child_protection_unit",
    "consent_child_assent": "agrees",
    "rec_how_started": "offer_from_someone",
    "rec_who_arranged": "relative",
    "rec_promised": ["education"],
    "rec_reality_differed": ["education", "nature_of_job"],
    "work_did_work": "yes",
    "work_kind": ["begging"],
    "work_crime_whose_decision": "someone_else",
    "work_child_school": "no",
    "need_services": ["safe_place_to_stay", "contact_family"],
    "need_reflection_explained": "yes",
    # The aunt who took the child waits outside; the unit is in the room (review 4).
    "obs_asked_apart": "apart",
    "child_travelling_with": "other_relative",
    "child_adult_relationship": "other_relative",
    "child_adult_papers": "none",
    "child_status": "separated",
    "journey_direction": "returning_citizen",
    "rec_journey_paid_by": "someone_else",
    "rec_hardship_before": ["no_money_or_work"],
    "rec_harm_during_journey": ["none"],
    "rec_control_during_journey": "others",
    "exploitation_forms": ["forced_begging"],
    "obs_stayed_at_destination": "stayed_or_worked",
    "work_hours": "nine_to_twelve",
    "work_pay": "paid_to_someone_else",
    "work_conditions": ["no_breaks_or_food"],
    "work_could_refuse": "punished_or_threatened",
    "living_conditions": ["crowded_or_unsanitary"],
    "obs_exhaustion": "yes",
    "ctl_free_to_leave": "only_accompanied",
    "ctl_contact": "monitored",
    "ctl_harm": ["threats"],
    "ctl_authorities": "nothing_said",
    "doc_where_now": "with_person",
    "doc_held_at_destination": "no",
    "debt_owed": "no",
    "fam_threats": ["none"],
    "fam_situation": ["family_depends_on_earnings"],
    "obs_vulnerability": ["signs_of_trauma"],
    "safety_danger_on_return": ["does_not_know"],
    "safety_family_threatened": "not_in_danger",
    "safety_what_feels_safe": ["safe_place_to_stay"],
    "safety_own_words": "Sintetike: dua të shkoj te gjyshja.",
    "safety_plan": "Sintetike: Njësia e çon në qendrën e pritjes sonte.",
    "need_safe_to_return": "unsure",
    "obs_fear_or_coaching": "yes",
}


def scenario_answers(path: Path, index: int = 0) -> dict[str, Value]:
    """The answers a path gives, by question id (tests drive the wizard with the same ones)."""
    sex = ("female", "male", "female", "not_stated")[index % 4]
    if path is Path.ADULT_POSITIVE:
        return _common(index, 24 + index % 20, "no", sex) | _POSITIVE
    if path is Path.ADULT_NOT_INDICATED:
        return _common(index, 31 + index % 15, "no", sex) | _NOT_INDICATED
    if path is Path.CHILD:
        return _common(index, 15, "yes", sex) | _CHILD
    if path is Path.CONSENT_REFUSED:
        return _common(index, 29, "no", sex) | {"consent_interview": "no"}
    if path is Path.STOPPED_MIDWAY:
        return _common(index, 22, "no", sex) | _POSITIVE
    if path is Path.STORAGE_REFUSED:
        # Agrees to talk and to the shelter, not to a record: the interview and the referral
        # go on, from memory; the station keeps only the minimal record.
        return (
            _common(index, 26, "no", sex)
            | _POSITIVE
            | {
                "consent_storage": "no",
                "consent_share_responsible_authority": "no",
                "consent_share_state_social_service": "no",
                "consent_share_health_services": "no",
                "need_anything_else": "Sintetike: dëshiron të telefonojë motrën nga strehëza.",
            }
        )
    return _common(index, 35, "no", sex) | _NOT_INDICATED


@dataclass(frozen=True)
class ScenarioResult:
    path: Path
    case_code: str
    presumed_child: bool = False
    storage_consent: str = "not_asked"
    """The consent to keeping a record as recorded (a ``ConsentState`` value)."""
    recipients_consented: tuple[str, ...] = ()


def _answer_visible(interview: Interview, answers: Mapping[str, Value]) -> None:
    """Answer the shown questions; an answer may show further ones, so look again."""
    while True:
        pending = [
            question
            for question in interview.visible_questions(interview.current_section)
            if question.id in answers and question.id not in interview.answers
        ]
        if not pending:
            return
        interview.answer(Answer.given(pending[0].id, answers[pending[0].id]))


def _walk_until(interview: Interview, answers: Mapping[str, Value], last_section: str) -> None:
    """Answer section by section, moving on, until ``last_section`` has been answered."""
    while True:
        _answer_visible(interview, answers)
        if interview.current_section.id == last_section:
            return
        following = interview.next_section()
        if following is None or following.kind is SectionKind.DETERMINATION:
            return
        interview.go_to(following)


def _to_determination(interview: Interview, answers: Mapping[str, Value]) -> None:
    _walk_until(interview, answers, "needs")
    final = interview.protocol.sections[-1]
    interview.go_to(final)


# What the officer and the social worker write (the decision's reasons, a stop's reason, the
# officer's notes) is in Albanian, their working language, whatever the interview's language:
# it is printed as written on an Albanian referral.


def run_scenario(
    session: Session,
    protocol: Protocol,
    path: Path,
    person_name: str,
    index: int,
    social_worker_id: str | None,
) -> ScenarioResult:
    """Create one case following ``path`` and leave it as that path leaves a real one."""
    language = "sq" if index % 3 else "en"
    interview = Interview.begin(session, protocol, language, person_name, social_worker_id)
    answers = scenario_answers(path, index)
    if path is Path.ADULT_POSITIVE:
        _to_determination(interview, answers)
        interview.record_decision(
            "potential_victim",
            "Rast trajnimi sintetik: u mashtrua për punën, nuk u pagua, nuk kishte liri të "
            "largohej.",
        )
    elif path is Path.ADULT_NOT_INDICATED:
        _to_determination(interview, answers)
        interview.record_decision(
            "indicators_not_met",
            "Rast trajnimi sintetik: punë sezonale siç ishte rënë dakord, dokumentet i ka "
            "personi vetë.",
        )
    elif path is Path.CHILD:
        _to_determination(interview, answers)
        suggested = interview.assessment().suggested_outcome.decision
        interview.record_decision(
            suggested,
            "Rast trajnimi sintetik: fëmijë i detyruar të lypë; u referua te Njësia për "
            "Mbrojtjen e Fëmijës.",
        )
    elif path is Path.STORAGE_REFUSED:
        _to_determination(interview, answers)
        interview.record_decision(
            "potential_victim",
            "Rast trajnimi sintetik: iu premtua punë, dokumentet ia mban dikush tjetër; nuk "
            "mbahet regjistrim.",
        )
    elif path is Path.CONSENT_REFUSED:
        _walk_until(interview, answers, "rights_and_consent")
        interview.refuse_consent()
    elif path is Path.STOPPED_MIDWAY:
        _walk_until(interview, answers, "journey_and_recruitment")
        interview.stop(
            StopRequester.PERSON, "Sintetike: personi ishte i lodhur dhe kërkoi të ndalej."
        )
    else:  # Path.INCOMPLETE: a draft left in the middle, as after a power cut
        _walk_until(interview, answers, "preparation")
    return ScenarioResult(
        path,
        interview.case.code,
        interview.presumed_child,
        interview.consent_state(ConsentScope.DATA_STORAGE).value,
        tuple(r for r, given in interview.sharing_consents().items() if given),
    )
