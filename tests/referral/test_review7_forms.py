"""Seventh practitioner's review, findings 4, 12 and 13 on the printed forms: the alert "the
adult may be involved" on top of page 1 of every form (the health service's and the police
report made by law too), a call-back line on every form, "consents given for the child", the
police report's labour wording for a domestic worker, and no health data on the police report
made by law."""

from __future__ import annotations

from pathlib import Path

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import ReferralDocument, Urgency, build_referral
from interview_room.referral.render import render_referral
from interview_room.screening import Answer
from tests.conftest import WorkstationFactory
from tests.referral.test_guardian_conflict_on_forms import GIRL_WITH_AN_UNCLE_WHO_MAY_BE_INVOLVED

CARER_UNPAID_AND_AFRAID: dict[str, str | int] = {
    "obs_apparent_age": "clearly_adult",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 29,
    "prep_age_doubt": "no",
    "consent_storage": "yes",
    "exploitation_forms": "labour",
    "obs_stayed_at_destination": "stayed_or_worked",
    "work_did_work": "yes",
    "work_kind": "domestic_work",
    "work_pay": "not_paid",
    "work_could_refuse": "never_dared",
    "ctl_free_to_leave": "only_accompanied",
    "doc_held_at_destination": "by_employer",
    "obs_vulnerability": "pregnancy",
}


def _interview(workstation: WorkstationFactory, answers: dict[str, str | int]) -> Interview:
    interview = Interview.begin(workstation().session, ProtocolLibrary().current(), "sq")
    for question_id, value in answers.items():
        question = interview.protocol.question(question_id)
        multiple = question.answer_type.value == "multi_choice"
        interview.answer(Answer.given(question_id, [str(value)] if multiple else value))
    interview.record_decision("potential_victim", "Synthetic.")
    return interview


def _form(
    interview: Interview, recipient: str, language: str = "en", phone: str = ""
) -> ReferralDocument:
    return build_referral(
        interview,
        recipient=recipient,
        language=language,
        urgency=Urgency.IMMEDIATE,
        station_name="Morinë",
        training=True,
        document_number="T-1",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
        duty_phone=phone,
    )


def _text(document: ReferralDocument) -> str:
    return "\n".join(
        [document.alert]
        + [f"{line.label}: {line.value}" for s in document.sections for line in s.lines]
        + [p for s in document.sections for p in s.paragraphs]
    )


def test_every_form_of_the_child_opens_with_the_alert(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    interview = _interview(workstation, GIRL_WITH_AN_UNCLE_WHO_MAY_BE_INVOLVED)
    for recipient in ("shelter", "health_services", "child_protection_unit"):
        document = _form(interview, recipient)
        assert document.alert.startswith("WARNING – The adult travelling with the child")
        assert "only the Child Protection Unit decides" in document.alert
    police = _form(interview, "anti_trafficking_police")  # by law: no consent to share
    assert not police.consented and "Do not hand the child over" in police.alert
    assert "Uncle" not in police.alert and "Morinë" not in police.alert
    albanian = _form(interview, "health_services", "sq")
    assert albanian.alert.startswith("KUJDES – I rrituri që udhëton me fëmijën")
    # Printed on page 1, above the first section.
    pdf = render_referral(_form(interview, "health_services")).pdf
    assert pdf.startswith(b"%PDF")
    consents = [s for s in albanian.sections if s.title.startswith("Pëlqimet e dhëna për fëmijën")]
    assert consents, "a child's consents are given for the child"


def test_an_adults_form_has_no_alert_and_every_form_a_call_back_line(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation, CARER_UNPAID_AND_AFRAID)
    shelter = _form(interview, "anti_trafficking_police", phone="+355 69 000 0000")
    assert shelter.alert == ""
    assert "Call back: Morinë, duty telephone +355 69 000 0000" in _text(shelter)
    unset = _text(_form(interview, "anti_trafficking_police"))
    assert "duty telephone is not set" in unset


def test_the_police_report_by_law_names_labour_and_no_health_data(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation, CARER_UNPAID_AND_AFRAID)
    police = _form(interview, "anti_trafficking_police")
    assert not police.consented, "no consent to share with the police: by law"
    printed = _text(police)
    assert "Forced to do tasks against their will" in printed
    assert "take clients" not in printed, "a domestic worker is not 'forced to take clients'"
    assert "pregnan" not in printed.lower() and "disability" not in printed.lower()
    assert "A personal vulnerability (not specified on this form)" in printed
    albanian = _text(_form(interview, "anti_trafficking_police", "sq"))
    assert "klientë" not in albanian and "shtatzëni" not in albanian


def test_feels_safe_reaches_the_shelter_only_when_the_person_does_not(
    workstation: WorkstationFactory,
) -> None:
    """Finding 11: "feels safe" may have been said in front of the companion: not printed."""
    calm = _interview(
        workstation, {**CARER_UNPAID_AND_AFRAID, "needs_feels_safe": "safe", **SHELTER}
    )
    assert "Feels safe here now" not in _text(_form(calm, "shelter"))
    afraid = _interview(
        workstation, {**CARER_UNPAID_AND_AFRAID, "needs_feels_safe": "not_safe", **SHELTER}
    )
    assert "Feels safe here now: Does not feel safe" in _text(_form(afraid, "shelter"))


SHELTER = {"consent_share_shelter": "yes"}
