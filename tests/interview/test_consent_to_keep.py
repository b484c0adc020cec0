"""Consent governs what the station keeps (issue 12): without the person's agreement to a
record, the store holds only the anonymous minimal record; what was written is erased from the
files themselves; a guardian's refusal ends a child's interview; skipped consents hold back the
questions they gate. Real stores, real keys; the files are read page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_room.interview.errors import ConsentNeeded, GuardianConsentNeeded, InterviewError
from interview_room.interview.interview import Interview, Outcome, StopRequester
from interview_room.interview.personal_data import PersonalData
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, Protocol, SectionKind
from interview_room.store.audit import AuditEvent
from interview_room.workstation import Session
from tests.conftest import CreatedStation
from tests.sqlcipher_pages import plaintext_pages, store_contains

# Synthetic and unique: any trace of them in the files is a trace of this test's person.
PERSON = "Zarifë Shembulli-Qmx7"
LANGUAGE_AS_TYPED = "gjuha-Vkp93-shembull"
FREE_TEXT = "fjalë-e-lirë-Wq4z dëshiron të flasë me motrën"
REASONS = "arsye-sintetike-Jr8t: dokumentet i mban shoqëruesi"

ADULT: dict[str, str | int] = {
    "prep_sex": "female",
    "prep_nationality": "kosovo",
    "prep_language": LANGUAGE_AS_TYPED,
    "prep_age": 27,
    "prep_age_doubt": "no",
}


@pytest.fixture
def sessions(station: CreatedStation) -> Iterator[list[Session]]:
    opened: list[Session] = []
    yield opened
    for session in opened:
        if session.is_open:
            session.db.close()


def give(
    interview: Interview, values: dict[str, str | int] | None = None, **more: str | int
) -> None:
    for question_id, value in {**(values or {}), **more}.items():
        interview.answer(Answer.given(question_id, value))


def section(protocol: Protocol, kind: SectionKind) -> str:
    return next(s.id for s in protocol.sections if s.kind is kind)


def stored_answers(session: Session, case_id: str) -> set[str]:
    rows = session.db.all("SELECT question_id FROM answers WHERE case_id = ?", (case_id,))
    return {str(row[0]) for row in rows}


def in_files(station: CreatedStation, text: str) -> bool:
    return store_contains(
        station.workstation.database_path,
        station.session.keys.database_key,
        text.encode("utf-8"),
    )


def test_refusing_storage_erases_from_the_files_what_was_already_written(
    station: CreatedStation, protocol: Protocol
) -> None:
    session = station.session
    interview = Interview.begin(session, protocol, "sq", PERSON)
    give(interview, ADULT)
    session.db.checkpoint()  # the written pages now sit in the database file itself
    # The reading works: what was written is found, in the file or in the log.
    assert in_files(station, PERSON) and in_files(station, LANGUAGE_AS_TYPED)

    give(interview, consent_interview="yes", consent_storage="no")

    assert not in_files(station, PERSON), "the name is gone from the file and its log"
    assert not in_files(station, LANGUAGE_AS_TYPED), "so is the free text"
    database = station.workstation.database_path
    assert not database.with_name(database.name + "-journal").exists()
    assert plaintext_pages(database, session.keys.database_key), "the store was read"
    assert stored_answers(session, interview.case.id) == {
        "prep_sex",
        "prep_nationality",
        "consent_interview",
        "consent_storage",
    }
    row = session.db.one(
        "SELECT c.person_name, i.personal_data, i.age_band FROM cases c"
        " JOIN interviews i ON i.case_id = c.id WHERE c.id = ?",
        (interview.case.id,),
    )
    assert row == ("", "minimal", "25-34")
    purged = [e for e in session.audit.entries() if e.event == AuditEvent.PERSONAL_DATA_PURGED]
    assert [e.subject for e in purged] == [interview.case.code]
    assert "no_consent_to_keep_a_record" in purged[0].detail
    assert PERSON not in " ".join(e.detail for e in session.audit.entries())


def test_after_a_refusal_nothing_more_is_written_but_the_interview_goes_on(
    station: CreatedStation,
    protocol: Protocol,
    library: ProtocolLibrary,
    sessions: list[Session],
) -> None:
    session = station.session
    interview = Interview.begin(session, protocol, "sq", PERSON)
    give(interview, ADULT, consent_interview="yes", consent_storage="no")
    case_id = interview.case.id
    assert interview.personal_data is PersonalData.MINIMAL

    needs = protocol.section(section(protocol, SectionKind.DETERMINATION))
    give(interview, need_anything_else=FREE_TEXT, rec_how_started="offer_from_someone")
    interview.go_to(needs)
    interview.record_decision("potential_victim", REASONS)

    # Not even in the write-ahead log: never written, not written then erased.
    assert not in_files(station, FREE_TEXT) and not in_files(station, REASONS)
    assert "rec_how_started" not in stored_answers(session, case_id)
    # The interview still has all of it for this session (a referral the person agreed to).
    assert interview.person_name == PERSON
    assert interview.answers["need_anything_else"].value == FREE_TEXT
    decision = interview.decision()
    assert decision is not None and decision.reasons == REASONS
    again = Interview.resume(session, case_id, library)  # a page rebuilt, same session
    assert again.person_name == PERSON and again.answers["prep_age"].value == 27
    stored = session.db.one(
        "SELECT reasons, suggestion FROM decisions WHERE case_id = ?", (case_id,)
    )
    assert stored is not None and stored[0] == ""
    assert set(json.loads(str(stored[1]))) == {"outcome", "protocol"}, "no indicators kept"

    # The session ends (lock): memory goes with it; the minimal record stays.
    session.lock()
    later = station.workstation.unlock(station.admin_username, station.admin_password)
    sessions.append(later)
    reopened = Interview.resume(later, case_id, library)
    assert reopened.person_name == ""
    assert set(reopened.answers) == stored_answers(later, case_id)
    decided = reopened.decision()
    assert decided is not None and decided.decision == "potential_victim"
    assert decided.reasons == ""


def test_a_consent_never_asked_leaves_only_the_minimal_record_when_the_interview_ends(
    station: CreatedStation, protocol: Protocol
) -> None:
    session = station.session
    interview = Interview.begin(session, protocol, "sq", PERSON)
    give(interview, ADULT, consent_interview="yes")  # storage: not asked (yet)
    meanwhile = interview.personal_data
    assert meanwhile is PersonalData.PENDING
    assert "prep_language" in stored_answers(session, interview.case.id), "kept meanwhile"
    interview.go_to(protocol.section(section(protocol, SectionKind.DETERMINATION)))
    interview.record_decision("not_determined", REASONS)
    assert interview.personal_data is PersonalData.MINIMAL
    assert not in_files(station, PERSON) and not in_files(station, REASONS)


@pytest.mark.parametrize("how", ["skipped", "prefers_not"])
def test_storage_not_agreed_in_any_other_way_is_no_agreement(
    station: CreatedStation, protocol: Protocol, how: str
) -> None:
    interview = Interview.begin(station.session, protocol, "sq", PERSON)
    give(interview, ADULT, consent_interview="yes")
    if how == "skipped":
        interview.skip("consent_storage")
    else:
        interview.answer(Answer.prefers_not_to_answer("consent_storage"))
    assert interview.personal_data is PersonalData.MINIMAL
    assert not in_files(station, PERSON)


def test_a_person_who_agrees_after_all_has_everything_written(
    station: CreatedStation, protocol: Protocol, library: ProtocolLibrary
) -> None:
    session = station.session
    interview = Interview.begin(session, protocol, "sq", PERSON)
    give(interview, ADULT, consent_interview="yes", consent_storage="no")
    give(interview, need_anything_else=FREE_TEXT)
    give(interview, consent_storage="yes")  # the answer was corrected: they agree
    assert interview.personal_data is PersonalData.KEPT
    assert "need_anything_else" in stored_answers(session, interview.case.id)
    assert session.cases.get(interview.case.id).person_name == PERSON
    assert session.unstored == {}


def test_a_name_given_later_is_written_only_with_consent(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "sq")  # no name before the rights
    give(interview, ADULT, consent_interview="yes", consent_storage="no")
    interview.set_person_name(PERSON)
    assert interview.person_name == PERSON
    assert not in_files(station, PERSON)
    agreed = Interview.begin(station.session, protocol, "sq")
    give(agreed, ADULT, consent_interview="yes", consent_storage="yes")
    agreed.set_person_name(PERSON)
    assert station.session.cases.get(agreed.case.id).person_name == PERSON


def test_a_stop_reason_is_not_written_without_consent(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "sq", PERSON)
    give(interview, ADULT, consent_interview="yes", consent_storage="no")
    interview.stop(StopRequester.PERSON, FREE_TEXT)
    assert [e.detail for e in interview.events() if e.kind == "stopped"] == [
        {"requested_by": "person"}
    ]
    assert not in_files(station, FREE_TEXT)


# -- a guardian's refusal; skipped consents ----------------------------------------------------


CHILD: dict[str, str | int] = {
    "prep_age": 15,
    "prep_child_support": "child_protection_unit",
    "consent_interview": "yes",
}


def test_a_guardians_refusal_ends_the_childs_interview(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "sq", PERSON)
    give(interview, CHILD, consent_guardian="no")
    questions = protocol.section(section(protocol, SectionKind.QUESTIONS))
    assert isinstance(interview.blocker(questions), GuardianConsentNeeded)
    with pytest.raises(GuardianConsentNeeded):
        interview.go_to(questions)
    assert interview.consent_refused
    interview.refuse_consent()
    assert interview.outcome is Outcome.CONSENT_REFUSED and interview.is_closed
    with pytest.raises(InterviewError):
        give(interview, rec_how_started="own_plan")


def test_skipped_consents_hold_back_the_questions_they_gate(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "sq", PERSON)
    give(interview, {k: v for k, v in CHILD.items() if k != "consent_interview"})
    interview.skip("consent_interview")
    questions = protocol.section(section(protocol, SectionKind.QUESTIONS))
    determination = protocol.section(section(protocol, SectionKind.DETERMINATION))
    for gated in (questions, determination):
        with pytest.raises(ConsentNeeded):
            interview.go_to(gated)
    with pytest.raises(ConsentNeeded):
        interview.record_decision("not_determined", REASONS)

    give(interview, consent_interview="yes")
    interview.skip("consent_guardian")
    assert not interview.consent_refused, "skipped is not a refusal: nothing ends"
    with pytest.raises(GuardianConsentNeeded):
        interview.go_to(questions)
    with pytest.raises(InterviewError):
        interview.refuse_consent()
    interview.clear("consent_guardian")
    give(interview, consent_guardian="yes", consent_child_assent="agrees")
    interview.go_to(questions)
    assert interview.current_section == questions


def test_an_adult_needs_no_guardians_consent(station: CreatedStation, protocol: Protocol) -> None:
    interview = Interview.begin(station.session, protocol, "sq", PERSON)
    give(interview, ADULT, consent_interview="yes")
    interview.go_to(protocol.section(section(protocol, SectionKind.QUESTIONS)))


def test_the_decrypted_pages_are_what_the_store_holds(
    station: CreatedStation, tmp_path: Path
) -> None:
    """The page reader itself: a wrong key fails loudly rather than finding nothing."""
    session = station.session
    session.db.checkpoint()
    database = station.workstation.database_path
    assert any(
        b"SQLite format 3" in page or b"CREATE TABLE" in page
        for page in plaintext_pages(database, session.keys.database_key)
    )
    with pytest.raises(AssertionError, match="does not authenticate"):
        plaintext_pages(database, bytes(32))
