"""Practitioner's review, findings 8, 23 and 24: a referral prints only the consents to the
interview, to storing the data and to sharing with its own recipient; the interpreter's name
goes neither to the shelter nor to health services; an observation left unanswered is "not
recorded", not "not given"."""

from __future__ import annotations

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import (
    ReferralDocument,
    Section,
    Urgency,
    as_text,
    build_referral,
)
from interview_room.screening import Answer, text
from tests.conftest import WorkstationFactory

RECIPIENTS = ("responsible_authority", "shelter", "health_services", "child_protection_unit")
INTERPRETER = "Arben Përkthyesi-Qz7"
ANSWERS: dict[str, str | int | list[str]] = {
    "prep_interpreter": "yes",
    "prep_interpreter_name": INTERPRETER,
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 31,
    "prep_age_doubt": "no",
    "consent_storage": "yes",
    **{f"consent_share_{recipient}": "yes" for recipient in RECIPIENTS},
    "consent_share_state_social_service": "no",
    "prep_sex": "female",
    "prep_nationality": "syria",
    # journey_direction (an observation) is left unanswered on purpose.
    "rec_how_started": "own_plan",
}


def _interview(workstation: WorkstationFactory, *, unanswered: tuple[str, ...] = ()) -> Interview:
    session = workstation().session
    interview = Interview.begin(session, ProtocolLibrary().current(), "ar", "Lina Shembulli")
    for question_id, value in ANSWERS.items():
        if question_id not in unanswered:
            interview.answer(Answer.given(question_id, value))
    interview.record_decision("indicators_not_met", "Synthetic: smuggling, no indicator.")
    return interview


def _document(interview: Interview, recipient: str, language: str = "en") -> ReferralDocument:
    return build_referral(
        interview,
        recipient=recipient,
        language=language,
        urgency=Urgency.ROUTINE,
        station_name="Han i Hotit",
        training=True,
        document_number="T-8",
        officer_name="Oficer Shembulli",
        social_worker_name="Punonjëse Sociale Shembulli",
    )


def _section(document: ReferralDocument, title_key: str) -> Section:
    title = document.label(title_key)
    return next(section for section in document.sections if section.title == title)


def test_each_form_prints_only_its_own_sharing_consent(workstation: WorkstationFactory) -> None:
    interview = _interview(workstation)
    protocol = interview.protocol
    for recipient in RECIPIENTS:
        document = _document(interview, recipient)
        consents = _section(document, "section.consents")
        assert [line.label for line in consents.lines] == [
            "To the interview",
            "To storing the data",
            f"To sharing with: {text(protocol, 'en', f'recipient.{recipient}')}",
        ]
        assert consents.lines[-1].value == "yes"
        printed = as_text(document)
        for other in protocol.referral_recipients:
            if other != recipient:
                name = text(protocol, "en", f"recipient.{other}")
                assert f"To sharing with: {name}" not in printed, (recipient, other)


def test_a_refused_consent_to_another_recipient_is_not_printed(
    workstation: WorkstationFactory,
) -> None:
    # She said no to the social service: the health service does not learn that either.
    document = _document(_interview(workstation), "health_services", "sq")
    values = [line.value for line in _section(document, "section.consents").lines]
    assert values == ["po", "po", "po"]


def test_the_interpreter_is_named_only_where_the_recipient_needs_it(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation)
    for recipient in ("responsible_authority", "child_protection_unit"):
        person = _section(_document(interview, recipient), "section.person")
        assert {line.label: line.value for line in person.lines}["Interpreter"] == INTERPRETER
    for recipient in ("shelter", "health_services"):
        for language, took_part in (
            ("en", "an interpreter took part"),
            ("sq", "mori pjesë një përkthyes"),
        ):
            document = _document(interview, recipient, language)
            assert INTERPRETER not in as_text(document), (recipient, language)
            person = _section(document, "section.person")
            lines = {line.label: line.value for line in person.lines}
            assert lines[document.label("field.interpreter")].startswith(took_part)
            # The person's language is still there: that is what care and a shelter need.
            assert lines[document.label("field.person_language")]


def test_an_unanswered_observation_is_not_recorded_not_not_given(
    workstation: WorkstationFactory,
) -> None:
    interview = _interview(workstation, unanswered=("prep_sex", "prep_nationality"))
    protocol = interview.protocol
    assert protocol.question("journey_direction").observation
    assert protocol.question("prep_sex").observation  # recorded by the officers
    assert not protocol.question("prep_nationality").observation  # asked of the person
    for language, not_recorded, not_given in (
        ("en", "not recorded", "not given"),
        ("sq", "nuk u shënua", "nuk u dha"),
    ):
        document = _document(interview, "responsible_authority", language)
        lines = {line.label: line.value for section in document.sections for line in section.lines}
        assert lines[document.label("field.direction")] == not_recorded
        assert lines[document.label("field.exploitation_forms")] == not_recorded
        assert lines[document.label("field.sex")] == not_recorded
        # A question put to the person and left unanswered is still "not given".
        assert lines[document.label("field.nationality")] == not_given
