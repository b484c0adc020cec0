"""One screening interview driven through the real ``Interview`` class, on a real workstation:
every answer committed at once, breaks, stops, consent, children, and the decision beside the
rule's suggestion."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.cases.register import CaseStatus
from interview_room.interview import interview_store
from interview_room.interview.errors import (
    ChildProtectionNotCalled,
    ChildSupportNeeded,
    ChildViewNeedsTheUnit,
    ConsentNeeded,
    DecisionIncomplete,
    GuardianConsentNeeded,
    InterviewClosed,
    InterviewError,
    OnBreak,
)
from interview_room.interview.interview import Interview, Outcome, StopRequester
from interview_room.interview.progress import SectionState
from interview_room.interview.protocols import ProtocolLibrary, ProtocolUnavailable
from interview_room.interview.safeguards import (
    ASKED_BEFORE_THE_UNIT_IS_PRESENT,
    CHILD_PROTECTION_CALLED_QUESTION,
    CHILD_SUPPORT_PRESENT,
    CHILD_SUPPORT_QUESTION,
)
from interview_room.screening import (
    Answer,
    AnswerStatus,
    AnswerType,
    Audience,
    ConsentScope,
    ConsentState,
    Dimension,
    InvalidAnswer,
    Protocol,
    Question,
    Section,
    SectionKind,
    Strength,
    assess,
    evaluate,
    explain,
)
from interview_room.screening import Outcome as Suggestion
from interview_room.screening.conditions import AnswerIn
from interview_room.screening.protocol import applicable_lists
from interview_room.store.audit import AuditEntry, AuditLog
from interview_room.store.database import Database
from interview_room.workstation import Session
from tests.conftest import CreatedStation, WorkstationFactory

PERSON_NAME = "Arbëresha Çelaj-Shembulli"  # synthetic
ADULT: dict[str, str | int] = {"prep_age": 30, "prep_age_doubt": "no"}
CONSENTED: dict[str, str | int] = {"consent_interview": "yes"}


# -- fixtures and helpers ------------------------------------------------------------------------


@pytest.fixture
def session(station: CreatedStation) -> Session:
    return station.session


@pytest.fixture
def interview(station: CreatedStation, protocol: Protocol) -> Interview:
    return Interview.begin(station.session, protocol, "sq", PERSON_NAME)


@pytest.fixture
def second_connection(station: CreatedStation) -> Iterator[Database]:
    """Another connection to the same encrypted file: sees only what has been committed."""
    db = Database.open(station.workstation.database_path, station.session.keys.database_key)
    yield db
    db.close()


@pytest.fixture
def sign_in(station: CreatedStation) -> Iterator[Callable[[], Session]]:
    """Sign the administrator in again, as after a restart (a new connection, real keys)."""
    sessions: list[Session] = []

    def unlock() -> Session:
        session = station.workstation.unlock(station.admin_username, station.admin_password)
        sessions.append(session)
        return session

    yield unlock
    for session in sessions:
        if session.is_open:
            session.db.close()


def give(interview: Interview, values: dict[str, str | int] | None = None, **more: object) -> None:
    for question_id, value in {**(values or {}), **more}.items():
        interview.answer(Answer.given(question_id, value))  # type: ignore[arg-type]


def shown_ids(interview: Interview) -> set[str]:
    return {q.id for s in interview.protocol.sections for q in interview.visible_questions(s)}


def sections_of(protocol: Protocol, *kinds: SectionKind) -> list[Section]:
    return [s for s in protocol.sections if s.kind in kinds]


def consent_section(protocol: Protocol) -> Section:
    return sections_of(protocol, SectionKind.CONSENT)[0]


def determination(protocol: Protocol) -> Section:
    return sections_of(protocol, SectionKind.DETERMINATION)[0]


def audited(db: Database, event: str) -> list[AuditEntry]:
    return [e for e in AuditLog(db).entries() if e.event == event]


def event_kinds(interview: Interview) -> list[str]:
    return [e.kind for e in interview.events()]


# Answers that make the adult rule positive, found from the protocol's `indicates` maps.

_STRENGTHS = list(Strength)


def _given(question: Question, option: str) -> Answer:
    if question.answer_type is AnswerType.MULTI_CHOICE:
        return Answer.given(question.id, [option])
    return Answer.given(question.id, option)


def _options_indicating(protocol: Protocol, dimension: Dimension) -> list[tuple[Question, str]]:
    """(question, option) pairs whose answer indicates ``dimension`` for an adult, strongest
    first."""
    adult_lists = applicable_lists(False)
    found: list[tuple[int, Question, str]] = []
    for question in protocol.questions:
        if not question.audience.includes(False):
            continue
        for option, indicator_ids in question.indicates.items():
            for indicator in map(protocol.indicator, indicator_ids):
                if indicator.dimension is dimension and indicator.lists & adult_lists:
                    found.append((_STRENGTHS.index(indicator.strength), question, option))
    return [(q, o) for _, q, o in sorted(found, key=lambda f: f[0])]


def _adding(
    protocol: Protocol, answers: dict[str, Answer], question: Question, option: str
) -> dict[str, Answer] | None:
    trial = dict(answers)
    rule = question.show_if
    if rule is not None and not evaluate(rule, trial):
        if not isinstance(rule, AnswerIn) or rule.question_id in trial:
            return None
        parent = protocol.question(rule.question_id)
        trial[parent.id] = _given(parent, str(rule.values[0]))
    earlier = trial.get(question.id)
    if earlier is None:
        trial[question.id] = _given(question, option)
    elif question.answer_type is AnswerType.MULTI_CHOICE and earlier.is_answered:
        trial[question.id] = Answer.given(question.id, [*map(str, earlier.selected()), option])
    else:
        return None
    return trial


def _counted(protocol: Protocol, answers: dict[str, Answer], dimension: Dimension) -> int:
    return len(assess(protocol, answers, presumed_child=False).dimension(dimension).indicator_ids)


def _positive(protocol: Protocol, answers: dict[str, Answer], dimension: Dimension) -> bool:
    return assess(protocol, answers, presumed_child=False).dimension(dimension).positive


def answers_meeting_adult_rule(protocol: Protocol, base: dict[str, Answer]) -> dict[str, Answer]:
    """``base`` plus answers making one dimension of every group the adult rule requires
    positive (recruitment, exploitation, means at destination), strongest indicators first."""
    answers = dict(base)
    rule = protocol.decision_rule
    for group_id in rule.adult_requires:
        dimensions = rule.group(group_id).dimensions
        for dimension in dimensions:
            for question, option in _options_indicating(protocol, dimension):
                if _positive(protocol, answers, dimension):
                    break
                trial = _adding(protocol, answers, question, option)
                if trial is not None and _counted(protocol, trial, dimension) > _counted(
                    protocol, answers, dimension
                ):
                    answers = trial
            if _positive(protocol, answers, dimension):
                break
        assert any(_positive(protocol, answers, d) for d in dimensions), group_id
    return answers


def as_answers(values: dict[str, str | int]) -> dict[str, Answer]:
    return {q: Answer.given(q, v) for q, v in values.items()}


# -- begin ----------------------------------------------------------------------------------------


def test_begin_opens_a_draft_case_at_immediate_needs(
    workstation: WorkstationFactory, protocol: Protocol
) -> None:
    station = workstation(code="HAN")
    session = station.session

    interview = Interview.begin(session, protocol, "en", PERSON_NAME)

    assert re.fullmatch(r"HAN-\d{4}-0001", interview.case.code)
    assert interview.case.status is CaseStatus.DRAFT
    assert interview.case.person_name == PERSON_NAME
    assert interview.current_section == protocol.sections[0]
    assert interview.current_section.kind is SectionKind.IMMEDIATE_NEEDS
    assert interview.person_language == "en"
    assert interview.outcome is None and not interview.on_break
    # Only what the app knows is filled in (the date, the officer, the room); nothing about
    # the person.
    assert interview.answers == {
        "prep_date": Answer.given("prep_date", date.today().isoformat()),
        "prep_officer": Answer.given("prep_officer", session.user.display_name),
        "prep_location": Answer.given("prep_location", "han_i_hotit"),
    }
    assert interview.presumed_child  # nothing known about age yet
    assert event_kinds(interview) == ["started"]

    row = session.db.one(
        "SELECT protocol_id, protocol_version, protocol_hash, person_language, current_section,"
        " presumed_child, outcome FROM interviews WHERE case_id = ?",
        (interview.case.id,),
    )
    assert row == (
        protocol.id,
        protocol.version,
        protocol.content_hash,
        "en",
        protocol.sections[0].id,
        1,
        None,
    )

    created = audited(session.db, "case_created")
    assert [e.subject for e in created] == [interview.case.code]
    assert created[0].actor == station.admin_username
    for entry in AuditLog(session.db).entries():
        assert PERSON_NAME not in repr(entry)
        assert "Arbëresha" not in repr(entry)


def test_case_codes_count_up_per_station(
    station: CreatedStation, protocol: Protocol, session: Session
) -> None:
    first = Interview.begin(station.session, protocol, "sq", "Person Një")
    second = Interview.begin(station.session, protocol, "sq", "Person Dy")
    assert first.case.code.startswith("MOR-")
    assert int(second.case.code[-4:]) == int(first.case.code[-4:]) + 1


def test_begin_fills_in_the_social_worker_chosen_from_this_workstation(
    workstation: WorkstationFactory, protocol: Protocol
) -> None:
    """Chosen in the start dialog, the co-interviewer is not asked for a second time."""
    session = workstation(code="MOR").session
    worker = session.add_user(
        "sw.test", "Punonjëse Shembull", Role.SOCIAL_WORKER, "fjalëkalim-i-gjatë-1"
    )

    interview = Interview.begin(session, protocol, "sq", PERSON_NAME, social_worker_id=worker.id)

    assert interview.answers["prep_social_worker_service"] == Answer.given(
        "prep_social_worker_service", "state_social_service"
    )
    assert interview.answers["prep_social_worker_name"] == Answer.given(
        "prep_social_worker_name", "Punonjëse Shembull"
    )
    # Someone not on this workstation (an NGO, or nobody): asked, never guessed.
    other = Interview.begin(session, protocol, "sq", PERSON_NAME)
    assert "prep_social_worker_service" not in other.answers
    assert "prep_social_worker_name" not in other.answers


def test_begin_refuses_a_language_the_protocol_lacks(
    station: CreatedStation, protocol: Protocol, session: Session
) -> None:
    with pytest.raises(InterviewError):
        Interview.begin(station.session, protocol, "xx", PERSON_NAME)
    assert station.session.cases.count() == 0


# -- autosave -------------------------------------------------------------------------------------


def test_every_answer_is_committed_at_once(
    interview: Interview, second_connection: Database
) -> None:
    case_id = interview.case.id
    known = dict(interview.answers)  # what the app filled in (date, officer, room)

    interview.answer(Answer.given("needs_medical", "yes"))
    assert interview_store.load_answers(second_connection, case_id) == known | {
        "needs_medical": Answer.given("needs_medical", "yes")
    }

    interview.answer(Answer.given("needs_basic", ["water", "rest"]))
    interview.answer(Answer.given("needs_medical", "no"))  # a changed answer replaces the old
    seen = interview_store.load_answers(second_connection, case_id)
    assert seen["needs_basic"].value == ("water", "rest")
    assert seen["needs_medical"].value == "no"

    interview.clear("needs_medical")
    assert set(interview_store.load_answers(second_connection, case_id)) == {"needs_basic"} | set(
        known
    )
    assert "needs_medical" not in interview.answers


INVALID: list[tuple[str, object]] = [
    ("needs_feels_safe", "maybe"),  # not one of the options
    ("needs_medical", "po"),  # yes/no takes the option ids, not words
    ("needs_basic", ["water", "swimming_pool"]),
    ("needs_basic", ["water", "water"]),
    ("needs_basic", []),
    ("needs_children_count", 0),  # below min 1
    ("needs_children_count", 21),  # above max 20
    ("prep_age", 121),
    ("prep_age", -1),
    ("prep_age", "thirty"),
    ("prep_date", "2026-02-30"),
    ("prep_date", "02/03/2026"),
    ("prep_date", "2026-3-2"),
    ("prep_officer", "   "),
    ("no_such_question", "yes"),
]


def test_invalid_answers_are_refused_and_store_nothing(
    interview: Interview, second_connection: Database
) -> None:
    known = dict(interview.answers)  # what the app filled in (date, officer, room)
    for question_id, value in INVALID:
        with pytest.raises(InvalidAnswer):
            interview.answer(Answer.given(question_id, value))  # type: ignore[arg-type]
    assert interview.answers == known
    assert interview_store.load_answers(second_connection, interview.case.id) == known


# -- resume ---------------------------------------------------------------------------------------


def test_resume_gives_back_every_answer_section_and_break(
    interview: Interview,
    protocol: Protocol,
    library: ProtocolLibrary,
    sign_in: Callable[[], Session],
) -> None:
    give(
        interview,
        needs_medical="yes",
        needs_basic=["water", "food", "warm_clothes"],
        needs_children_with="yes",
        needs_children_count=2,
    )
    interview.answer(Answer.prefers_not_to_answer("needs_feels_safe"))
    interview.answer(Answer.skipped("obs_companion_control"))
    interview.skip("needs_actions_taken")
    interview.go_to(protocol.section("preparation"))  # the rest of immediate needs: unanswered
    give(
        interview,
        prep_date="2026-03-02",
        prep_officer="Oficer Çelë Shembulli",
        prep_language="shqip; pak anglisht — ëç ËÇ",
        prep_age=17,
    )
    interview.start_break()
    before = dict(interview.answers)

    session = sign_in()
    opened_before = len(audited(session.db, "case_opened"))
    resumed = Interview.resume(session, interview.case.id, library)

    assert resumed.answers == before
    assert resumed.answers["needs_basic"].value == ("water", "food", "warm_clothes")
    assert resumed.answers["needs_children_count"].value == 2
    assert resumed.answers["prep_language"].value == "shqip; pak anglisht — ëç ËÇ"
    assert resumed.answers["needs_feels_safe"].status is AnswerStatus.PREFERS_NOT_TO_ANSWER
    assert resumed.answers["needs_actions_taken"].status is AnswerStatus.SKIPPED
    assert resumed.current_section.id == "preparation"
    assert resumed.on_break
    assert resumed.outcome is None
    assert resumed.person_language == "sq"
    assert resumed.protocol.content_hash == protocol.content_hash
    assert resumed.case.code == interview.case.code
    assert resumed.presumed_child
    opened = audited(session.db, "case_opened")
    assert len(opened) == opened_before + 1
    assert opened[-1].subject == interview.case.code

    with pytest.raises(OnBreak):
        resumed.answer(Answer.given("prep_sex", "female"))
    resumed.end_break()
    resumed.answer(Answer.given("prep_sex", "female"))
    assert not Interview.resume(session, interview.case.id, library).on_break


def test_resume_refuses_a_protocol_the_station_no_longer_has(
    interview: Interview, tmp_path: Path, session: Session
) -> None:
    changed = tmp_path / "protocols" / "screening-v2"
    shutil.copytree(ProtocolLibrary().root / "screening-v1", changed)
    document = json.loads((changed / "protocol.json").read_text(encoding="utf-8"))
    document["version"] = "2.0.0"
    (changed / "protocol.json").write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(ProtocolUnavailable):
        Interview.resume(session, interview.case.id, ProtocolLibrary(changed.parent))


def test_resume_of_a_case_without_an_interview_is_refused(
    station: CreatedStation, library: ProtocolLibrary
) -> None:
    session = station.session
    with session.db.transaction():
        case = session.cases.create("Pa Intervistë", session.user.id, None)
    with pytest.raises(InterviewError):
        Interview.resume(session, case.id, library)


# -- skipped, prefers not to answer, and "no" -----------------------------------------------------


def test_prefers_not_to_answer_is_kept_apart_from_no_and_from_skipped(
    interview: Interview,
    protocol: Protocol,
    library: ProtocolLibrary,
    second_connection: Database,
    session: Session,
) -> None:
    interview.answer(Answer.prefers_not_to_answer("needs_medical"))
    interview.answer(Answer.given("obs_companion_control", "no"))
    interview.skip("needs_children_with")
    interview.go_to(protocol.section("preparation"))

    rows = dict(
        second_connection.all(
            "SELECT question_id, status FROM answers WHERE case_id = ?", (interview.case.id,)
        )
    )
    assert rows["needs_medical"] == "prefers_not_to_answer"
    assert rows["obs_companion_control"] == "answered"
    assert rows["needs_children_with"] == "skipped"

    resumed = Interview.resume(session, interview.case.id, library).answers
    assert resumed["needs_medical"] == Answer.prefers_not_to_answer("needs_medical")
    assert resumed["obs_companion_control"] == Answer.given("obs_companion_control", "no")
    assert resumed["needs_children_with"] == Answer.skipped("needs_children_with")
    assert resumed["needs_medical"].value is None and not resumed["needs_medical"].is_answered


def test_leaving_a_section_records_nothing_for_its_unanswered_questions(
    interview: Interview, protocol: Protocol, session: Session
) -> None:
    """Moving on is not an answer: what nobody answered stays unanswered ("not asked"), apart
    from what the interviewers skipped on purpose, and the section says which is which."""
    first = interview.current_section
    give(interview, needs_medical="yes", needs_children_with="no")
    interview.skip("obs_companion_control")
    shown = [q.id for q in interview.visible_questions(first)]
    assert "needs_children_count" not in shown  # hidden: no children with the person

    interview.go_to(protocol.section("preparation"))

    answers = interview.answers
    untouched = [q for q in shown if q not in ("needs_medical", "needs_children_with")]
    untouched.remove("obs_companion_control")
    for question_id in untouched:
        assert question_id not in answers
    assert answers["obs_companion_control"] == Answer.skipped("obs_companion_control")
    progress = interview.progress(first)
    assert (progress.answered, progress.skipped, progress.not_asked) == (2, 1, len(untouched))
    assert progress.state is SectionState.PARTLY
    assert {q.id for q in interview.not_asked()} >= set(untouched)
    assert [q.id for q in interview.skipped()] == ["obs_companion_control"]
    assert interview.current_section.id == "preparation"
    changed = audited(session.db, "case_changed")
    assert json.loads(changed[-1].detail) == {
        "section": first.id,
        "answers": 2,
        "skipped": 1,
        "questions": len(shown),
    }


def test_skipping_never_overwrites_what_the_person_said(interview: Interview) -> None:
    interview.answer(Answer.prefers_not_to_answer("needs_medical"))
    with pytest.raises(InterviewError):
        interview.skip("needs_medical")
    assert interview.answers["needs_medical"].status is AnswerStatus.PREFERS_NOT_TO_ANSWER


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        (Answer.given("consent_storage", "yes"), ConsentState.GIVEN),
        (Answer.given("consent_storage", "no"), ConsentState.REFUSED),
        (Answer.prefers_not_to_answer("consent_storage"), ConsentState.PREFERS_NOT_TO_ANSWER),
        (Answer.skipped("consent_storage"), ConsentState.SKIPPED),
        (None, ConsentState.NOT_ASKED),
    ],
)
def test_every_consent_state_is_kept_apart(
    interview: Interview, answer: Answer | None, state: ConsentState
) -> None:
    if answer is not None:
        interview.answer(answer)
    assert interview.consent_state(ConsentScope.DATA_STORAGE) is state
    # Only a yes lets anything happen that needs the consent.
    assert (interview.consent(ConsentScope.DATA_STORAGE) is True) == (state is ConsentState.GIVEN)


def test_sections_tell_complete_partly_and_skipped_apart(
    interview: Interview, protocol: Protocol
) -> None:
    section = interview.current_section
    shown = [q.id for q in interview.visible_questions(section)]
    assert interview.progress(section).state is SectionState.NOT_STARTED
    for question_id in shown:
        interview.skip(question_id)
    assert interview.progress(section).state is SectionState.SKIPPED
    interview.clear(shown[0])
    interview.answer(Answer.prefers_not_to_answer(shown[0]))
    assert interview.progress(section).state is SectionState.PARTLY
    for question_id in shown:
        interview.clear(question_id)
    give(interview, needs_medical="no", needs_children_with="no", needs_feels_safe="safe")
    for question in interview.visible_questions(section):
        if question.id not in interview.answers:
            interview.answer(Answer.prefers_not_to_answer(question.id))
    assert interview.progress(section).state is SectionState.COMPLETE


@pytest.mark.parametrize("status", [AnswerStatus.PREFERS_NOT_TO_ANSWER, AnswerStatus.SKIPPED])
def test_unanswered_questions_never_count_as_indicators(
    interview: Interview, protocol: Protocol, status: AnswerStatus
) -> None:
    base = as_answers({**ADULT, **CONSENTED})
    positive = answers_meeting_adult_rule(protocol, base)
    give(interview, {**ADULT, **CONSENTED})
    nothing = interview.assessment()
    assert nothing.indicator_ids == ()

    for question in protocol.questions:
        if question.indicates and question.id not in base:
            interview.answer(Answer(question.id, status))
    unanswered = interview.assessment()
    assert unanswered.indicator_ids == () and unanswered.dimensions == nothing.dimensions
    if status is AnswerStatus.PREFERS_NOT_TO_ANSWER:
        # Most questions declined: too little information, never "not met" (fifth review,
        # finding 6); still no indicator.
        assert unanswered.suggested_outcome is Suggestion.NOT_DETERMINED
        assert unanswered.path == "not_determined_declined"
    else:
        assert unanswered == nothing

    for answer in positive.values():  # the same questions answered do count
        interview.answer(answer)
    assert interview.assessment().suggested_outcome is Suggestion.POTENTIAL_VICTIM


# -- children -------------------------------------------------------------------------------------


def test_only_a_stated_adult_age_without_doubt_makes_an_adult(
    interview: Interview, second_connection: Database
) -> None:
    def stored_presumption() -> int:
        row = second_connection.one(
            "SELECT presumed_child FROM interviews WHERE case_id = ?", (interview.case.id,)
        )
        assert row is not None
        return int(row[0])

    assert interview.presumed_child and stored_presumption() == 1
    give(interview, prep_age=30)
    assert interview.presumed_child  # doubt not yet answered
    give(interview, prep_age_doubt="no")
    assert not interview.presumed_child and stored_presumption() == 0
    give(interview, prep_age_doubt="yes")
    assert interview.presumed_child
    give(interview, prep_age=16, prep_age_doubt="no")
    assert interview.presumed_child and stored_presumption() == 1
    interview.answer(Answer.prefers_not_to_answer("prep_age"))
    assert interview.presumed_child
    give(interview, prep_age=18)
    assert not interview.presumed_child


def test_a_presumed_child_is_questioned_only_with_a_guardian_or_the_cpu(
    interview: Interview, protocol: Protocol
) -> None:
    give(interview, CONSENTED)  # consent given, age unknown: presumed child
    guarded = sections_of(protocol, SectionKind.QUESTIONS, SectionKind.DETERMINATION)
    for section in guarded:
        assert isinstance(interview.blocker(section), ChildSupportNeeded)
    with pytest.raises(ChildSupportNeeded):
        interview.go_to(guarded[0])
    assert interview.current_section == protocol.sections[0]

    give(interview, {CHILD_SUPPORT_QUESTION: "not_yet"})
    assert isinstance(interview.blocker(guarded[0]), ChildSupportNeeded)
    interview.answer(Answer.prefers_not_to_answer(CHILD_SUPPORT_QUESTION))
    assert isinstance(interview.blocker(guarded[0]), ChildSupportNeeded)

    assert {"legal_guardian", "child_protection_unit", "both"} == CHILD_SUPPORT_PRESENT
    give(interview, {CHILD_SUPPORT_QUESTION: "both"})
    assert isinstance(interview.blocker(guarded[0]), GuardianConsentNeeded), "and their yes"
    give(interview, consent_guardian="yes", consent_child_assent="agrees")
    give(interview, child_cpu_informed="yes")  # with a guardian alone, the unit was called
    # The child travels alone: the guardian present is not an adult travelling with the child
    # (test_child_companion.py: one who is waits for the unit to be present).
    give(interview, child_travelling_with="no_one")
    for present in sorted(CHILD_SUPPORT_PRESENT):
        give(interview, {CHILD_SUPPORT_QUESTION: present})
        # The child's view, heard with the unit, counts only while the unit is there.
        unit_here = present != "legal_guardian"
        waiting = [s for s in guarded if s.id not in ASKED_BEFORE_THE_UNIT_IS_PRESENT]
        assert all((interview.blocker(s) is None) is unit_here for s in waiting), present
    give(interview, {CHILD_SUPPORT_QUESTION: "both"})
    interview.go_to(guarded[0])
    assert interview.current_section == guarded[0]


def test_the_child_protection_unit_is_called_before_a_child_is_questioned(
    interview: Interview, protocol: Protocol
) -> None:
    give(interview, {**CONSENTED, "prep_age": 14, "prep_age_doubt": "no"})
    guarded = sections_of(protocol, SectionKind.QUESTIONS, SectionKind.DETERMINATION)
    # A guardian alone is present and agrees: the unit must still have been called. (The
    # child travels alone; with the guardian as the companion the unit must be present:
    # test_child_companion.py.)
    give(interview, {CHILD_SUPPORT_QUESTION: "legal_guardian", "consent_guardian": "yes"})
    give(interview, child_travelling_with="no_one")
    assert CHILD_PROTECTION_CALLED_QUESTION in shown_ids(interview)
    for section in guarded:
        assert isinstance(interview.blocker(section), ChildProtectionNotCalled)
    with pytest.raises(ChildProtectionNotCalled):
        interview.go_to(guarded[0])
    for not_yet in (
        Answer.given(CHILD_PROTECTION_CALLED_QUESTION, "no"),
        Answer.skipped(CHILD_PROTECTION_CALLED_QUESTION),
    ):
        interview.answer(not_yet)
        assert isinstance(interview.blocker(guarded[0]), ChildProtectionNotCalled)
    give(interview, {CHILD_PROTECTION_CALLED_QUESTION: "yes"})
    # Called, not yet here: the child's own view, and so the case, waits for the unit.
    assert all(
        isinstance(interview.blocker(s), ChildViewNeedsTheUnit)
        for s in guarded
        if s.id not in ASKED_BEFORE_THE_UNIT_IS_PRESENT
    )

    # The unit present in the room: nothing more to confirm, and the item is not asked.
    interview.clear(CHILD_PROTECTION_CALLED_QUESTION)
    give(interview, {CHILD_SUPPORT_QUESTION: "child_protection_unit"})
    give(interview, consent_child_assent="agrees")
    assert CHILD_PROTECTION_CALLED_QUESTION not in shown_ids(interview)
    assert all(interview.blocker(s) is None for s in guarded)
    # An adult is never asked it.
    give(interview, prep_age=30)
    assert CHILD_PROTECTION_CALLED_QUESTION not in shown_ids(interview)


def test_an_adult_needs_no_guardian(interview: Interview, protocol: Protocol) -> None:
    give(interview, {**ADULT, **CONSENTED})
    for section in sections_of(protocol, SectionKind.QUESTIONS, SectionKind.DETERMINATION):
        assert interview.blocker(section) is None


def test_questions_for_the_other_age_group_are_hidden(
    interview: Interview, protocol: Protocol
) -> None:
    adult_only = {q.id for q in protocol.questions if q.audience is Audience.ADULT_ONLY}
    child_only = {q.id for q in protocol.questions if q.audience is Audience.CHILD_ONLY}
    assert adult_only and child_only
    unconditional_child = {i for i in child_only if protocol.question(i).show_if is None}
    unconditional_adult = {i for i in adult_only if protocol.question(i).show_if is None}

    def shown() -> set[str]:
        return {q.id for s in protocol.sections for q in interview.visible_questions(s)}

    give(interview, {**CONSENTED, "prep_age": 15, "work_did_work": "yes"})
    assert not shown() & adult_only
    assert unconditional_child <= shown()
    assert "work_child_school" in shown()  # child-only, shown once the child worked

    give(interview, ADULT)
    assert unconditional_adult <= shown()
    assert not shown() & child_only


def test_adult_only_answers_stop_counting_once_the_person_is_presumed_a_child(
    interview: Interview,
) -> None:
    give(interview, {**ADULT, **CONSENTED}, rec_agreement="signed_not_understood")
    assert "vr_lack_of_information" in interview.assessment().indicator_ids
    give(interview, prep_age=16)
    assert "vr_lack_of_information" not in interview.assessment().indicator_ids
    assert interview.answers["rec_agreement"].is_answered  # kept, not counted


# -- consent --------------------------------------------------------------------------------------


@pytest.mark.parametrize("consent", [None, "no", "prefers_not"])
def test_no_case_question_is_asked_without_consent(
    interview: Interview, protocol: Protocol, consent: str | None
) -> None:
    give(interview, ADULT)
    if consent == "prefers_not":
        interview.answer(Answer.prefers_not_to_answer("consent_interview"))
    elif consent is not None:
        give(interview, consent_interview=consent)
    interview.go_to(consent_section(protocol))  # rights and consent come before any question

    for section in sections_of(protocol, SectionKind.QUESTIONS, SectionKind.DETERMINATION):
        assert isinstance(interview.blocker(section), ConsentNeeded)
        with pytest.raises(ConsentNeeded):
            interview.go_to(section)
    assert interview.current_section == consent_section(protocol)
    with pytest.raises(ConsentNeeded):
        interview.record_decision("not_determined", "Synthetic: no consent was given.")
    assert interview.decision() is None and interview.outcome is None


def test_refused_consent_is_a_recorded_final_outcome(
    interview: Interview,
    protocol: Protocol,
    library: ProtocolLibrary,
    second_connection: Database,
    session: Session,
) -> None:
    give(interview, ADULT)
    interview.go_to(consent_section(protocol))
    give(interview, consent_rights_read="yes", consent_interview="no")

    interview.refuse_consent()

    assert interview.outcome is Outcome.CONSENT_REFUSED
    assert interview.is_closed and not interview.is_stopped
    assert interview.case.status is CaseStatus.COMPLETED
    status = second_connection.one(
        "SELECT c.status, i.outcome, i.ended_at IS NOT NULL FROM cases c"
        " JOIN interviews i ON i.case_id = c.id WHERE c.id = ?",
        (interview.case.id,),
    )
    assert status == ("completed", "consent_refused", 1)
    assert event_kinds(interview)[-1] == "consent_refused"
    refused = audited(second_connection, "consent_refused")
    assert [e.subject for e in refused] == [interview.case.code]

    with pytest.raises(InterviewClosed):
        interview.answer(Answer.given("consent_interview", "yes"))
    with pytest.raises(InterviewClosed):
        interview.stop(StopRequester.PERSON)
    resumed = Interview.resume(session, interview.case.id, library)
    assert resumed.outcome is Outcome.CONSENT_REFUSED and resumed.is_closed
    with pytest.raises(InterviewClosed):
        resumed.answer(Answer.given("need_anything_else", "Sintetike"))
    assert resumed.answers["consent_interview"].value == "no"


@pytest.mark.parametrize("consent", [None, "yes"])
def test_consent_cannot_be_refused_for_the_person(
    interview: Interview, consent: str | None
) -> None:
    if consent is not None:
        give(interview, consent_interview=consent)
    with pytest.raises(InterviewError) as raised:
        interview.refuse_consent()
    assert type(raised.value) is InterviewError
    assert interview.outcome is None
    assert "consent_refused" not in event_kinds(interview)


def test_consents_are_recorded_separately_for_each_recipient(
    interview: Interview, protocol: Protocol, library: ProtocolLibrary, session: Session
) -> None:
    give(
        interview,
        consent_interview="yes",
        consent_storage="no",
        consent_share_responsible_authority="yes",
        consent_share_shelter="no",
    )
    interview.answer(Answer.prefers_not_to_answer("consent_share_health_services"))
    expected: dict[str, bool | None] = {
        recipient: None for recipient in protocol.referral_recipients
    }
    expected |= {"responsible_authority": True, "shelter": False}

    assert interview.sharing_consents() == expected
    assert interview.consent(ConsentScope.INTERVIEW) is True
    assert interview.consent(ConsentScope.DATA_STORAGE) is False
    resumed = Interview.resume(session, interview.case.id, library)
    assert resumed.sharing_consents() == expected


# -- breaks ---------------------------------------------------------------------------------------


def test_a_break_is_recorded_and_nothing_is_asked_during_it(
    interview: Interview, protocol: Protocol, library: ProtocolLibrary, session: Session
) -> None:
    give(interview, needs_medical="no")
    interview.start_break()
    interview.start_break()  # already on a break: nothing more recorded

    assert interview.on_break
    assert event_kinds(interview) == ["started", "break_started"]
    assert len(audited(session.db, "interview_paused")) == 1
    with pytest.raises(OnBreak):
        interview.answer(Answer.given("needs_medical", "yes"))
    with pytest.raises(OnBreak):
        interview.clear("needs_medical")
    with pytest.raises(OnBreak):
        interview.go_to(protocol.section("preparation"))
    assert interview.answers["needs_medical"].value == "no"
    assert Interview.resume(session, interview.case.id, library).on_break

    interview.end_break()
    assert not interview.on_break
    assert event_kinds(interview) == ["started", "break_started", "break_ended"]
    interview.answer(Answer.given("needs_medical", "yes"))
    assert not Interview.resume(session, interview.case.id, library).on_break


# -- stopping -------------------------------------------------------------------------------------


def test_a_stopped_interview_is_kept_incomplete_and_can_be_continued(
    interview: Interview, protocol: Protocol, library: ProtocolLibrary, session: Session
) -> None:
    give(interview, needs_medical="yes", needs_basic=["water"])
    interview.go_to(protocol.section("preparation"))
    kept = dict(interview.answers)

    interview.stop(StopRequester.PERSON, "  synthetic reason  ")

    assert interview.outcome is Outcome.STOPPED
    assert interview.is_stopped and not interview.is_closed
    assert interview.case.status is CaseStatus.INCOMPLETE
    stopped = interview.events()[-1]
    assert stopped.kind == "stopped"
    assert stopped.detail == {"requested_by": "person", "reason": "synthetic reason"}
    audit = audited(session.db, "interview_stopped")
    assert json.loads(audit[-1].detail) == {"requested_by": "person"}  # never the reason
    with pytest.raises(InterviewClosed):
        interview.answer(Answer.given("prep_sex", "male"))

    resumed = Interview.resume(session, interview.case.id, library)
    assert resumed.is_stopped and resumed.case.status is CaseStatus.INCOMPLETE
    with pytest.raises(InterviewClosed):
        resumed.answer(Answer.given("prep_sex", "male"))

    resumed.continue_interview()

    assert resumed.outcome is None and not resumed.is_stopped
    assert resumed.case.status is CaseStatus.DRAFT
    assert resumed.answers == kept
    assert resumed.current_section.id == "preparation"
    assert event_kinds(resumed)[-2:] == ["stopped", "resumed"]
    resumed.answer(Answer.given("prep_sex", "male"))
    again = Interview.resume(session, interview.case.id, library)
    assert again.outcome is None and again.answers["prep_sex"].value == "male"
    with pytest.raises(InterviewError):
        again.continue_interview()  # not stopped


def test_stopping_during_a_break_ends_the_break(
    interview: Interview, library: ProtocolLibrary, session: Session
) -> None:
    interview.start_break()
    interview.stop(StopRequester.INTERVIEWER)

    assert not interview.on_break
    assert event_kinds(interview) == ["started", "break_started", "break_ended", "stopped"]
    assert interview.events()[-1].detail == {"requested_by": "interviewer", "reason": ""}
    resumed = Interview.resume(session, interview.case.id, library)
    assert not resumed.on_break and resumed.is_stopped


# -- the decision ---------------------------------------------------------------------------------


def test_people_decide_and_both_the_suggestion_and_the_decision_are_kept(
    interview: Interview, protocol: Protocol, library: ProtocolLibrary, session: Session
) -> None:
    positive = answers_meeting_adult_rule(protocol, as_answers({**ADULT, **CONSENTED}))
    for answer in positive.values():
        interview.answer(answer)
    interview.go_to(determination(protocol))
    assessment = interview.assessment()
    assert not interview.presumed_child
    assert assessment.suggested_outcome is Suggestion.POTENTIAL_VICTIM
    assert assessment.groups_missing == ()

    decision = interview.record_decision(
        "indicators_not_met", "  Synthetic: the officer and social worker weighed it.  "
    )

    assert decision.suggested_outcome == "potential_victim"
    assert decision.decision == "indicators_not_met"
    assert decision.differs_from_suggestion
    assert decision.reasons == "Synthetic: the officer and social worker weighed it."
    assert decision.officer_id == session.user.id
    assert interview.decision() == decision
    suggestion = interview.recorded_suggestion()
    assert suggestion is not None
    assert suggestion["outcome"] == "potential_victim"
    assert suggestion["protocol"] == [protocol.id, protocol.version, protocol.content_hash]
    assert suggestion["indicators"] == list(assessment.indicator_ids)
    assert {"sq", "en"} <= set(suggestion["explanation"])
    for lang in ("sq", "en"):
        assert suggestion["explanation"][lang] == explain(assessment, protocol, lang)
    assert suggestion["explanation"]["sq"] != suggestion["explanation"]["en"]

    assert interview.is_closed and interview.outcome is Outcome.FINISHED
    assert interview.case.status is CaseStatus.COMPLETED
    assert interview.events()[-1].kind == "finished"
    with pytest.raises(InterviewClosed):
        interview.answer(Answer.given("need_anything_else", "Sintetike"))
    with pytest.raises(InterviewClosed):
        interview.record_decision("potential_victim", "Synthetic second thoughts.")
    recorded = audited(session.db, "decision_recorded")
    assert [e.subject for e in recorded] == [interview.case.code]
    assert json.loads(recorded[0].detail) == {
        "decision": "indicators_not_met",
        "suggested": "potential_victim",
        "differs": True,
    }

    resumed = Interview.resume(session, interview.case.id, library)
    assert resumed.decision() == decision and resumed.is_closed
    assert resumed.recorded_suggestion() == suggestion


def test_a_decision_that_follows_the_suggestion_does_not_differ(
    interview: Interview, protocol: Protocol, session: Session
) -> None:
    give(interview, {**ADULT, **CONSENTED})
    interview.go_to(determination(protocol))
    assert interview.assessment().suggested_outcome is Suggestion.INDICATORS_NOT_MET
    decision = interview.record_decision("indicators_not_met", "Synthetic: nothing indicated.")
    assert not decision.differs_from_suggestion
    assert json.loads(audited(session.db, "decision_recorded")[0].detail)["differs"] is False


@pytest.mark.parametrize(
    ("decision", "reasons"),
    [("potential_victim", ""), ("potential_victim", "  \n "), ("victim", "Synthetic reasons.")],
)
def test_a_decision_needs_a_known_outcome_and_reasons(
    interview: Interview, protocol: Protocol, decision: str, reasons: str
) -> None:
    give(interview, {**ADULT, **CONSENTED})
    interview.go_to(determination(protocol))
    with pytest.raises(DecisionIncomplete):
        interview.record_decision(decision, reasons)
    assert interview.decision() is None and interview.recorded_suggestion() is None
    assert interview.outcome is None and interview.case.status is CaseStatus.DRAFT


# -- moving between sections ----------------------------------------------------------------------


def test_next_and_previous_skip_sections_with_nothing_to_show(
    interview: Interview, protocol: Protocol
) -> None:
    first, consent = protocol.sections[0], consent_section(protocol)
    # An adult's sections (the children's section is for a presumed child only).
    for_adults = [
        s
        for s in sections_of(protocol, SectionKind.QUESTIONS)
        if s.audience is not Audience.CHILD_ONLY
    ]
    gated = [s for s in for_adults if s.show_if is not None]
    ungated = [s for s in for_adults if s.show_if is None]
    assert gated and ungated

    assert interview.previous_section() is None
    assert interview.next_section() == protocol.sections[1]
    give(interview, ADULT)
    interview.go_to(consent)
    assert interview.previous_section() == protocol.sections[protocol.sections.index(consent) - 1]

    give(interview, consent_interview="no")  # the consent-gated sections have nothing to show
    assert interview.next_section() == ungated[0]
    assert not any(s in interview.visible_sections() for s in gated)

    give(interview, consent_interview="yes")
    assert interview.next_section() == gated[0]
    interview.go_to(ungated[0])
    assert interview.previous_section() == gated[-1]

    give(interview, consent_interview="no")  # consent withdrawn on the way
    assert interview.previous_section() == consent
    assert interview.next_section() == determination(protocol)
    assert first in interview.visible_sections()


def test_there_is_nothing_after_the_determination(interview: Interview, protocol: Protocol) -> None:
    give(interview, {**ADULT, **CONSENTED})
    interview.go_to(determination(protocol))
    assert interview.next_section() is None
    assert interview.previous_section() == protocol.sections[-2]
