"""Seventh practitioner's review, finding 7: the person knew the first interpreter's family.
The forms that name the interpreter say that the first one was replaced, never who they were;
the shelter's and the health service's forms, which name no interpreter, say nothing of it."""

from __future__ import annotations

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency, as_text, build_referral
from interview_room.screening import Answer
from tests.conftest import WorkstationFactory

FIRST = "Dritan Njohuri-Qz7"
SECOND = "Vera Përkthyesja-Qz7"
NAMING = ("responsible_authority", "anti_trafficking_police", "child_protection_unit")
NOT_NAMING = ("shelter", "health_services")
INTERPRETER: dict[str, str | int] = {
    "prep_interpreter": "yes",
    "prep_interpreter_name": FIRST,
    "prep_interpreter_known": "yes",
}
ANSWERS: dict[str, str | int] = {
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 33,
    "prep_age_doubt": "no",
    "consent_storage": "yes",
    **{f"consent_share_{recipient}": "yes" for recipient in (*NAMING, *NOT_NAMING)},
}


def _interview(workstation: WorkstationFactory, replaced: str) -> Interview:
    session = workstation().session
    interview = Interview.begin(session, ProtocolLibrary().current(), "ar", "Amal Shembulli")
    for question_id, value in INTERPRETER.items():
        interview.answer(Answer.given(question_id, value))
    interview.answer(Answer.given("prep_interpreter_replaced", replaced))
    if replaced == "yes":  # who interprets now; who did before stays in the record only
        interview.answer(Answer.given("prep_interpreter_name", SECOND))
        interview.answer(Answer.given("prep_interpreter_first", f"{FIRST}, Arabic: the needs"))
    else:  # none other tonight: the person chooses to go on with this one (review 8, F5)
        interview.answer(Answer.given("prep_interpreter_trusted", "yes"))
    # The rights and the consents only once the interpreter is settled (review 8, finding 5).
    for question_id, value in ANSWERS.items():
        interview.answer(Answer.given(question_id, value))
    interview.record_decision("potential_victim", "Synthetic: the first interpreter was known.")
    return interview


def _printed(interview: Interview, recipient: str, language: str) -> str:
    document = build_referral(
        interview,
        recipient=recipient,
        language=language,
        urgency=Urgency.ROUTINE,
        station_name="Kakavijë",
        training=True,
        document_number="T-7",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
    )
    return as_text(document)


def test_the_forms_that_name_the_interpreter_say_the_first_was_replaced_unnamed(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation, replaced="yes")
    for recipient in NAMING:
        english = _printed(interview, recipient, "en")
        assert SECOND in english, recipient
        assert "The first interpreter knew the person or the person's family and was replaced" in (
            english
        )
        assert FIRST not in english, "the first interpreter is never named on a form"
        albanian = _printed(interview, recipient, "sq")
        assert "Përkthyesi i parë e njihte personin" in albanian
        assert FIRST not in albanian
    for recipient in NOT_NAMING:
        printed = _printed(interview, recipient, "en")
        assert "replaced" not in printed and FIRST not in printed and SECOND not in printed


def test_a_known_interpreter_not_replaced_is_said_too(workstation: WorkstationFactory) -> None:
    interview = _interview(workstation, replaced="no")
    printed = _printed(interview, "responsible_authority", "en")
    assert "The person knows this interpreter or the interpreter's family" in printed
