"""Fourth practitioner's review, finding 10 (WHO 2003, principle 4): after the interpreter is
named, the interviewers record whether the person knows the interpreter or the interpreter's
family; "yes" tells them to change the interpreter (seventh review, finding 7: the questions
about the case then wait, ``test_language_of_the_interview.py``). Asked only when an
interpreter is there."""

from __future__ import annotations

from interview_room.interview.interview import Interview
from interview_room.screening import Answer, Protocol, text
from tests.conftest import CreatedStation

KNOWN = "prep_interpreter_known"


def _shown(interview: Interview) -> list[str]:
    return [
        q.id for q in interview.visible_questions(interview.protocol.section("rights_and_consent"))
    ]


def test_asked_right_after_the_rights_only_with_an_interpreter(
    station: CreatedStation, protocol: Protocol
) -> None:
    interview = Interview.begin(station.session, protocol, "sq")
    assert KNOWN not in _shown(interview)
    interview.answer(Answer.given("prep_interpreter", "no"))
    assert KNOWN not in _shown(interview)
    interview.answer(Answer.given("prep_interpreter", "yes"))
    assert _shown(interview)[0] == KNOWN, "first, before the consents"
    question = protocol.question(KNOWN)
    assert question.observation and question.options == ("yes", "no")
    interview.answer(Answer.given(KNOWN, "yes"))
    assert interview.answers[KNOWN].value == "yes"


def test_yes_tells_the_interviewers_to_change_the_interpreter(protocol: Protocol) -> None:
    question = protocol.question(KNOWN)
    assert question.guidance is not None
    english = text(protocol, "en", question.guidance)
    assert "Yes: pause and change the interpreter" in english
    albanian = text(protocol, "sq", question.guidance)
    assert "Po: ndaleni dhe ndërroni përkthyesin" in albanian
    assert text(protocol, "sq", question.label).startswith("Personi e njeh përkthyesin")
