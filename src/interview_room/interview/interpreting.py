"""What the language of the interview holds back: the questions about the case wait while the
person and the officers have no common language (seventh practitioner's review, finding 8), and
while the interpreter is one the person knows and has not been replaced (finding 7). Pure
functions of the protocol and the answers; ``Interview.blocker`` asks them. Needs, the
information sheet, emergency help and the decision never wait for them.
"""

from __future__ import annotations

from collections.abc import Mapping

from interview_room.interview.errors import InterpreterKnownWaits, NoCommonLanguage
from interview_room.screening import Answer, Protocol, Section, SectionKind, effective_answers

COMMON_LANGUAGE_QUESTION = "prep_common_language"
"""Protocol v2: the officers' record that the person and they understand each other."""
INTERPRETER_KNOWN_QUESTION = "prep_interpreter_known"
"""Protocol v2: the person knows the interpreter or the interpreter's family."""
INTERPRETER_REPLACED_QUESTION = "prep_interpreter_replaced"
"""Protocol v2: another interpreter, whom the person does not know, now interprets."""


def language_blocker(
    protocol: Protocol, answers: Mapping[str, Answer], presumed_child: bool, section: Section
) -> NoCommonLanguage | InterpreterKnownWaits | None:
    """Why the questions about the case (``section``) wait for the language of the interview,
    or None. Only sections of questions wait: the determination stays open, so that the
    officers can record the interview as not determined."""
    if section.kind is not SectionKind.QUESTIONS:
        return None
    counted = effective_answers(protocol, answers, presumed_child)
    if no_common_language(counted):
        return NoCommonLanguage(
            "The person and the officers have no common language: the questions about the "
            "case wait for an interpreter in the person's language."
        )
    if interpreter_known_waits(counted):
        return InterpreterKnownWaits(
            "The person knows the interpreter: the questions about the case wait until "
            "another interpreter interprets."
        )
    return None


def no_common_language(counted: Mapping[str, Answer]) -> bool:
    """The officers recorded that they and the person do not understand each other."""
    return _is(counted, COMMON_LANGUAGE_QUESTION, "no")


def interpreter_known_waits(counted: Mapping[str, Answer]) -> bool:
    """The person knows the interpreter (or the family), and no other interpreter is recorded
    as interpreting now."""
    return _is(counted, INTERPRETER_KNOWN_QUESTION, "yes") and not _is(
        counted, INTERPRETER_REPLACED_QUESTION, "yes"
    )


def _is(answers: Mapping[str, Answer], question_id: str, value: str) -> bool:
    answer = answers.get(question_id)
    return answer is not None and answer.is_answered and answer.value == value
