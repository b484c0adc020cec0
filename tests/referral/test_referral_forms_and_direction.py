"""The referral names the form(s) of exploitation and the direction of travel (protocol v2),
in Albanian and in English, beside the rule that used them."""

from __future__ import annotations

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import ReferralDocument, Urgency, build_referral
from interview_room.screening import Answer
from tests.conftest import WorkstationFactory

ANSWERS: dict[str, str | int | list[str]] = {
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 23,
    "prep_age_doubt": "no",
    "consent_storage": "yes",
    "consent_share_responsible_authority": "yes",
    "prep_sex": "female",
    "prep_nationality": "albania",
    "journey_direction": "returning_citizen",
    "rec_how_started": "offer_from_someone",
    "rec_who_arranged": "partner",
    "rec_promised": ["a_job", "marriage"],
    "rec_reality_differed": ["nature_of_job", "marriage"],
    "exploitation_forms": ["sexual", "forced_marriage"],
    "exp_marriage": ["married_without_choice"],
    "work_did_work": "yes",
    "work_kind": ["sexual_services"],
    "obs_sex_earnings": "others_took_most",
}


def _document(interview: Interview, language: str) -> ReferralDocument:
    return build_referral(
        interview,
        recipient="responsible_authority",
        language=language,
        urgency=Urgency.WITHIN_24_HOURS,
        station_name="Morinë",
        training=True,
        document_number="T-1",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
    )


def _lines(document: ReferralDocument) -> dict[str, str]:
    return {line.label: line.value for section in document.sections for line in section.lines}


def test_the_form_and_the_direction_are_printed(workstation: WorkstationFactory) -> None:
    session = workstation().session
    protocol = ProtocolLibrary().current()
    interview = Interview.begin(session, protocol, "sq", "Drita Shembulli")
    for question_id, value in ANSWERS.items():
        interview.answer(Answer.given(question_id, value))
    assessment = interview.assessment()
    assert assessment.exploitation_forms == ("sexual", "forced_marriage")
    assert assessment.suggested_outcome.value == "potential_victim"
    interview.record_decision("potential_victim", "Synthetic: forced marriage and prostitution.")

    sq = _lines(_document(interview, "sq"))
    assert sq["Drejtimi i udhëtimit"] == "Po kthehet në Shqipëri (me shtetësi shqiptare)"
    assert sq["Forma e shfrytëzimit"] == "Shfrytëzim seksual, Martesë e detyruar"
    en_document = _document(interview, "en")
    en = _lines(en_document)
    assert en["Direction of travel"] == "Returning to Albania (an Albanian citizen)"
    assert en["Form(s) of exploitation"] == "Sexual exploitation, Forced marriage"
    rule = " ".join(p for section in en_document.sections for p in section.paragraphs)
    assert (
        "Indicator lists for the form(s) of exploitation recorded (both when not known): "
        "Adults – labour exploitation; Adults – sexual exploitation."
    ) in rule
    assert "form of exploitation in itself" in rule
