"""How answers, events and decisions are written to and read back from the encrypted store."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_room.accounts import Role, UserDirectory
from interview_room.cases.register import CaseRegister
from interview_room.interview import interview_store
from interview_room.interview.interview_store import Decision
from interview_room.screening import Answer
from tests.conftest import OpenStore

OPTION_IDS = st.from_regex(r"[a-z][a-z0-9_]{0,23}", fullmatch=True)
TEXTS = st.text(min_size=1, max_size=200)
NUMBERS = st.integers(min_value=-(2**53), max_value=2**53)
CHOICES = st.lists(OPTION_IDS, max_size=8, unique=True)
QUESTION_IDS = st.from_regex(r"[a-z][a-z0-9_]{0,30}", fullmatch=True)

ANSWERS = st.one_of(
    st.builds(Answer.given, QUESTION_IDS, TEXTS),
    st.builds(Answer.given, QUESTION_IDS, NUMBERS),
    st.builds(Answer.given, QUESTION_IDS, CHOICES),
    st.builds(Answer.prefers_not_to_answer, QUESTION_IDS),
    st.builds(Answer.skipped, QUESTION_IDS),
)

# One valid answer for every answer type of the protocol, as the wizard gives them.
EVERY_TYPE = [
    Answer.given("needs_medical", "yes"),  # yes_no
    Answer.given("needs_feels_safe", "not_safe"),  # single_choice
    Answer.given("needs_basic", ["water", "food", "rest"]),  # multi_choice
    Answer.given("prep_officer", "Oficer Çelë Shembulli — «sintetik»"),  # text
    Answer.given("needs_children_count", 3),  # number
    Answer.given("prep_age", 0),  # number: zero is a value, not "no answer"
    Answer.given("prep_date", "2026-03-02"),  # date
    Answer.prefers_not_to_answer("prep_nationality"),
    Answer.skipped("prep_language"),
]


@pytest.fixture
def case_id(store: OpenStore) -> str:
    with store.db.transaction():
        UserDirectory(store.db).add("oficer.mor", "Oficer Shembulli", Role.OFFICER, None)
        case = CaseRegister(store.db, "MOR").create("Person Shembulli", None, None)
    return case.id


@pytest.fixture
def officer_id(store: OpenStore, case_id: str) -> str:
    user = UserDirectory(store.db).find("oficer.mor")
    assert user is not None
    return user.id


def _save(store: OpenStore, case_id: str, officer_id: str, *answers: Answer) -> None:
    with store.db.transaction():
        for answer in answers:
            interview_store.save_answer(store.db, case_id, answer, officer_id)


# -- encoding -------------------------------------------------------------------------------------


@given(ANSWERS)
def test_every_answer_survives_encoding(answer: Answer) -> None:
    raw = interview_store.encode_value(answer)
    assert (raw is None) == (answer.value is None)
    assert interview_store.decode_answer(answer.question_id, answer.status.value, raw) == answer


@given(st.text(alphabet=string.digits + "[],\"' -.", min_size=1, max_size=12))
def test_text_that_looks_like_json_stays_text(value: str) -> None:
    answer = Answer.given("prep_language", value)
    decoded = interview_store.decode_answer(
        "prep_language", "answered", interview_store.encode_value(answer)
    )
    assert decoded.value == value and isinstance(decoded.value, str)


def test_albanian_text_is_stored_as_written() -> None:
    raw = interview_store.encode_value(Answer.given("prep_officer", "Ëngjëll Çeçi"))
    assert raw == '"Ëngjëll Çeçi"'


def test_a_number_comes_back_a_number_and_choices_a_tuple() -> None:
    number = interview_store.decode_answer(
        "prep_age", "answered", interview_store.encode_value(Answer.given("prep_age", 7))
    )
    assert number.value == 7 and type(number.value) is int
    choices = interview_store.decode_answer(
        "needs_basic",
        "answered",
        interview_store.encode_value(Answer.given("needs_basic", ["water"])),
    )
    assert choices.value == ("water",)


# -- the answers table ----------------------------------------------------------------------------


def test_every_answer_type_round_trips_through_the_store(
    store: OpenStore, case_id: str, officer_id: str
) -> None:
    _save(store, case_id, officer_id, *EVERY_TYPE)
    assert interview_store.load_answers(store.db, case_id) == {a.question_id: a for a in EVERY_TYPE}
    statuses = dict(
        store.db.all("SELECT question_id, status FROM answers WHERE case_id = ?", (case_id,))
    )
    assert statuses["prep_nationality"] == "prefers_not_to_answer"
    assert statuses["prep_language"] == "skipped"
    assert statuses["needs_medical"] == "answered"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ANSWERS)
def test_any_answer_round_trips_through_the_store(
    store: OpenStore, case_id: str, officer_id: str, answer: Answer
) -> None:
    # Examples share the store; each one replaces the answer it wrote.
    _save(store, case_id, officer_id, answer)
    assert interview_store.load_answers(store.db, case_id)[answer.question_id] == answer
    with store.db.transaction():
        interview_store.delete_answer(store.db, case_id, answer.question_id)


def test_saving_again_replaces_and_deleting_forgets(
    store: OpenStore, case_id: str, officer_id: str
) -> None:
    _save(store, case_id, officer_id, Answer.given("needs_medical", "yes"))
    _save(store, case_id, officer_id, Answer.prefers_not_to_answer("needs_medical"))
    assert interview_store.load_answers(store.db, case_id) == {
        "needs_medical": Answer.prefers_not_to_answer("needs_medical")
    }
    row = store.db.one("SELECT value, answered_by FROM answers WHERE case_id = ?", (case_id,))
    assert row == (None, officer_id)

    with store.db.transaction():
        interview_store.delete_answer(store.db, case_id, "needs_medical")
        interview_store.delete_answer(store.db, case_id, "never_answered")
    assert interview_store.load_answers(store.db, case_id) == {}


def test_answers_belong_to_their_case(store: OpenStore, case_id: str, officer_id: str) -> None:
    with store.db.transaction():
        other = CaseRegister(store.db, "MOR").create("Tjetër Shembulli", None, None)
    _save(store, case_id, officer_id, Answer.given("needs_medical", "yes"))
    assert interview_store.load_answers(store.db, other.id) == {}


# -- events and decisions -------------------------------------------------------------------------


def test_events_come_back_in_order_with_their_detail(
    store: OpenStore, case_id: str, officer_id: str
) -> None:
    with store.db.transaction():
        interview_store.add_event(store.db, case_id, "started", officer_id)
        interview_store.add_event(store.db, case_id, "break_started", officer_id)
        interview_store.add_event(store.db, case_id, "break_ended", officer_id)
        interview_store.add_event(
            store.db,
            case_id,
            "stopped",
            officer_id,
            {"requested_by": "person", "reason": "U lodh — sintetike"},
        )
    events = interview_store.load_events(store.db, case_id)
    assert [e.kind for e in events] == ["started", "break_started", "break_ended", "stopped"]
    assert events[0].detail == {}
    assert events[-1].detail == {"requested_by": "person", "reason": "U lodh — sintetike"}
    assert all(e.at for e in events)


@pytest.mark.parametrize(
    ("suggested", "decided", "differs"),
    [
        ("potential_victim", "potential_victim", False),
        ("potential_victim", "indicators_not_met", True),
        ("child_at_risk", "not_determined", True),
    ],
)
def test_a_decision_is_kept_beside_the_suggestion(
    store: OpenStore, case_id: str, officer_id: str, suggested: str, decided: str, differs: bool
) -> None:
    decision = Decision(
        suggested, decided, "Arsyet — sintetike", officer_id, None, interview_store.now()
    )
    suggestion = {
        "outcome": suggested,
        "indicators": ["dr_job_nature"],
        "explanation": {"sq": ["Rregulli: …"], "en": ["The rule: …"]},
    }
    assert interview_store.load_decision(store.db, case_id) is None
    assert interview_store.load_suggestion(store.db, case_id) is None

    with store.db.transaction():
        interview_store.save_decision(store.db, case_id, decision, suggestion)

    assert interview_store.load_decision(store.db, case_id) == decision
    assert decision.differs_from_suggestion is differs
    assert interview_store.load_suggestion(store.db, case_id) == suggestion
    raw = store.db.one("SELECT suggestion FROM decisions WHERE case_id = ?", (case_id,))
    assert raw is not None and json.loads(raw[0]) == suggestion
