"""What the language of the interview holds back: the questions about the case wait while the
person and the officers have no common language (seventh practitioner's review, finding 8), and
while the interpreter is one the person knows and has not been replaced (finding 7). The rights
read and the person's consents wait too (eighth review, findings 4-5): "yes" is refused while
the language holds them back, and what was recorded is set aside when that changes, to be asked
again. Pure functions of the protocol and the answers; ``Interview`` asks them. Needs, the
information sheet, emergency help and the decision never wait for them.
"""

from __future__ import annotations

from collections.abc import Mapping

from interview_room.interview.errors import (
    ConsentWaitsForACommonLanguage,
    ConsentWaitsForAnotherInterpreter,
    InterpreterKnownWaits,
    NoCommonLanguage,
)
from interview_room.screening import (
    Answer,
    AnswerStatus,
    Protocol,
    Section,
    SectionKind,
    effective_answers,
    presumed_child,
)

COMMON_LANGUAGE_QUESTION = "prep_common_language"
"""Protocol v2: the officers' record that the person and they understand each other."""
INTERPRETER_KNOWN_QUESTION = "prep_interpreter_known"
"""Protocol v2: the person knows the interpreter or the interpreter's family."""
INTERPRETER_REPLACED_QUESTION = "prep_interpreter_replaced"
"""Protocol v2: another interpreter, whom the person does not know, now interprets."""
INTERPRETER_TRUSTED_QUESTION = "prep_interpreter_trusted"
"""Protocol v2: no other interpreter can be reached now, and the person chooses to go on with
the one they know and trust (eighth review, finding 5, ⚠ centre): the pause ends."""
RIGHTS_READ_QUESTION = "consent_rights_read"
CHILD_ASSENT_QUESTION = "consent_child_assent"
AGREEING = frozenset({"yes", "agrees"})
"""The answers that agree: "yes", and a child's "agrees"."""


def language_blocker(
    protocol: Protocol, answers: Mapping[str, Answer], presumed_child: bool, section: Section
) -> NoCommonLanguage | InterpreterKnownWaits | None:
    """Why the questions about the case (``section``) wait for the language of the interview,
    or None. Only sections of questions wait: the determination stays open, so that the
    officers can record the interview as not determined."""
    if section.kind is not SectionKind.QUESTIONS:
        return None
    holds = _held_by(effective_answers(protocol, answers, presumed_child))
    if holds == "no_common_language":
        return NoCommonLanguage(
            "The person and the officers have no common language: the questions about the "
            "case wait for an interpreter in the person's language."
        )
    if holds == "interpreter_known":
        return InterpreterKnownWaits(
            "The person knows the interpreter: the questions about the case wait until "
            "another interpreter interprets."
        )
    return None


def no_common_language(counted: Mapping[str, Answer]) -> bool:
    """The officers recorded that they and the person do not understand each other."""
    return _is(counted, COMMON_LANGUAGE_QUESTION, "no")


def interpreter_known_waits(counted: Mapping[str, Answer]) -> bool:
    """The person knows the interpreter (or the family), no other interpreter is recorded as
    interpreting now, and the person did not choose to go on with this one (none other can be
    reached)."""
    return (
        _is(counted, INTERPRETER_KNOWN_QUESTION, "yes")
        and not _is(counted, INTERPRETER_REPLACED_QUESTION, "yes")
        and not _is(counted, INTERPRETER_TRUSTED_QUESTION, "yes")
    )


def what_the_language_holds(protocol: Protocol, answers: Mapping[str, Answer]) -> str | None:
    """ "no_common_language", "interpreter_known", or None when the language holds nothing
    back."""
    return _held_by(effective_answers(protocol, answers, presumed_child(protocol, answers)))


def _held_by(counted: Mapping[str, Answer]) -> str | None:
    if no_common_language(counted):
        return "no_common_language"
    return "interpreter_known" if interpreter_known_waits(counted) else None


def language_consent_ids(protocol: Protocol) -> tuple[str, ...]:
    """The answers the language holds back: the rights read, the person's consents (to the
    interview, to keeping a record, to each sharing) and a child's own view."""
    ids = [q.id for q in protocol.questions if q.consent is not None]
    extra = [q for q in (RIGHTS_READ_QUESTION, CHILD_ASSENT_QUESTION) if protocol.has_question(q)]
    return (*extra, *ids)


def refuse_consent_while_the_language_waits(
    protocol: Protocol, answers: Mapping[str, Answer], answer: Answer
) -> None:
    """Raise when ``answer`` agrees (rights read, a consent, a child's view) while there is no
    common language or the interpreter is one the person knows: it would not be informed."""
    if answer.question_id not in language_consent_ids(protocol):
        return
    if not answer.is_answered or answer.value not in AGREEING:
        return
    holds = what_the_language_holds(protocol, answers)
    if holds == "no_common_language":
        raise ConsentWaitsForACommonLanguage(
            "The person and the officers have no common language: the rights and the "
            "consents wait for an interpreter in the person's language."
        )
    if holds == "interpreter_known":
        raise ConsentWaitsForAnotherInterpreter(
            "The person knows the interpreter: the rights and the consents wait until another "
            "interpreter interprets, or the person chooses to go on with this one."
        )


def set_aside_by_the_language(
    protocol: Protocol, before: Mapping[str, Answer], after: Mapping[str, Answer]
) -> tuple[str, ...]:
    """The rights read and consents recorded (not skipped) that stop standing because what the
    language holds back has just changed (``before`` → ``after``): taken before the officers
    found there was no common language, or through an interpreter the person knows; or, once
    an interpreter joins, any answer recorded while it waited. They are asked again."""
    if what_the_language_holds(protocol, before) == what_the_language_holds(protocol, after):
        return ()
    return tuple(
        question_id
        for question_id in language_consent_ids(protocol)
        if question_id in after and after[question_id].status is not AnswerStatus.SKIPPED
    )


def _is(answers: Mapping[str, Answer], question_id: str, value: str) -> bool:
    answer = answers.get(question_id)
    return answer is not None and answer.is_answered and answer.value == value
