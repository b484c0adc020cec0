"""The training scenarios walk the whole interview (issue 12): the safety questions, the
companion and the "asked apart" observation, and for the child the section about the adult
the child travels with, each through the real interview core, so a trainee sees every section
a real interview shows. A scenario that reaches the decision leaves no question shown without
an answer."""

from __future__ import annotations

import pytest

from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Protocol
from interview_room.training.scenarios import Path, run_scenario
from tests.conftest import CreatedStation, WorkstationFactory

DECIDED = (Path.ADULT_POSITIVE, Path.ADULT_NOT_INDICATED, Path.CHILD, Path.STORAGE_REFUSED)
SAFETY = (
    "safety_danger_on_return",
    "safety_family_threatened",
    "safety_what_feels_safe",
    "safety_plan",
)
CHILD_SECTION = ("child_travelling_with", "child_adult_relationship", "child_status")


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return ProtocolLibrary().current()


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    return workstation(training=True)


def _case(station: CreatedStation, protocol: Protocol, path: Path, index: int) -> Interview:
    result = run_scenario(station.session, protocol, path, "Drita Shembulli-Tr5", index, None)
    row = station.session.db.one("SELECT id FROM cases WHERE code = ?", (result.case_code,))
    assert row is not None
    return Interview.resume(station.session, str(row[0]), ProtocolLibrary())


@pytest.mark.parametrize("path", DECIDED)
@pytest.mark.parametrize("index", [0, 1])
def test_a_decided_scenario_answers_every_question_it_shows(
    station: CreatedStation, protocol: Protocol, path: Path, index: int
) -> None:
    interview = _case(station, protocol, path, index)
    assert interview.decision() is not None
    assert [q.id for q in interview.not_asked()] == []
    assert [q.id for q in interview.skipped()] == []
    answers = interview.answers
    assert all(answers[q].is_answered for q in SAFETY), "the safety questions are walked"
    assert answers["obs_asked_apart"].is_answered
    assert answers["obs_companion_control"].is_answered
    if path is Path.CHILD:
        assert interview.presumed_child
        assert all(answers[q].is_answered for q in CHILD_SECTION)
        assert answers["consent_child_assent"].value == "agrees", "heard with the unit"
    else:
        assert not interview.presumed_child
        assert not any(q in answers for q in CHILD_SECTION)


def test_the_scenarios_still_suggest_what_they_teach(
    station: CreatedStation, protocol: Protocol
) -> None:
    expected = {
        Path.ADULT_POSITIVE: "potential_victim",
        Path.ADULT_NOT_INDICATED: "indicators_not_met",
        Path.CHILD: "potential_victim",
        Path.STORAGE_REFUSED: "potential_victim",
    }
    for path, outcome in expected.items():
        interview = _case(station, protocol, path, 0)
        assert interview.assessment().suggested_outcome.decision == outcome, path
