"""What a presumed child's interview waits for before the questions about the case: a
guardian or the Child Protection Unit present, the unit called, the guardian's consent, the
child's own view (asked and recorded only with the unit present, so heard apart from the adult
the child travels with), and the unit in the room
when the guardian present may be that adult. Pure functions of the protocol and the answers;
``Interview.blocker`` asks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from interview_room.interview.errors import (
    ChildAssentNeeded,
    ChildProtectionNotCalled,
    ChildProtectionNotPresent,
    ChildSupportNeeded,
    ChildViewNeedsTheUnit,
    ChildViewWaitsForTheUnit,
    ConflictWaitsForTheUnit,
    ConsentsAreTheUnits,
    ConsentsWaitForTheUnit,
    GuardianConsentNeeded,
    GuardianConsentWaitsForTheUnit,
    InterviewError,
)
from interview_room.screening import (
    Answer,
    AnswerStatus,
    ConsentScope,
    ConsentState,
    Protocol,
    Section,
    effective_answers,
)

CHILD_SUPPORT_QUESTION = "prep_child_support"
CHILD_PROTECTION_CALLED_QUESTION = "child_cpu_informed"
"""Protocol v2: the interviewers confirm they called the Child Protection Unit, asked when the
unit is not itself present (a guardian alone, or nobody yet)."""
CHILD_PROTECTION_PRESENT = frozenset({"child_protection_unit", "both"})
GUARDIAN_CONSENT_QUESTION = "consent_guardian"
"""A presumed child's guardian (or the Child Protection Unit) agrees to the interview."""
GUARDIAN_CONFLICT_QUESTION = "guardian_conflict"
"""Protocol v2: the officers' observation that the accompanying guardian may be involved."""
UNIT_CONSENT_QUESTION = "consent_unit"
"""Protocol v2: the Child Protection Unit worker's decision on the interview, which replaces
the guardian's when the guardian may be involved (fifth practitioner's review, finding 5)."""
WHO_ANSWERED_QUESTION = "consent_guardian_by"
GUARDIAN_ANSWERED = frozenset({"legal_guardian", "both"})
UNIT_ANSWERED = "child_protection_unit"
THE_UNITS_CONSENTS = (ConsentScope.DATA_STORAGE, ConsentScope.SHARING)
"""The consents that, when the guardian may be involved, wait for "who answered" to name the
Unit worker: to keeping a record and to sharing (issue 12; fifth review, finding 5)."""
CHILD_ASSENT_QUESTION = "consent_child_assent"
"""Protocol v2: the child's own view of the interview, asked in the child's words."""
CHILD_ASSENT_GOES_ON = frozenset({"agrees", "too_young_to_say"})
CHILD_ASSENT_REFUSED = "does_not_agree"
CHILD_SUPPORT_PRESENT = frozenset({"legal_guardian", "child_protection_unit", "both"})
CHILD_COMPANION_QUESTION = "child_travelling_with"
CHILD_ADULT_RELATIONSHIP_QUESTION = "child_adult_relationship"
TRAVELLING_WITHOUT_AN_ADULT = frozenset({"no_one", "other_children"})
ACCOMPANYING_GUARDIAN = frozenset({"parent", "legal_guardian"})
ASKED_BEFORE_THE_UNIT_IS_PRESENT = frozenset({"child_and_companion"})
"""Protocol v2: the section a child may be asked with only the accompanying guardian present
(who the child travels with, which tells whether that guardian is the companion). Every other
question waits for the unit, the safety questions too: who is a danger on return and what
would keep the child safe cannot be answered in front of an adult who may be the exploiter
(third practitioner's review, finding 7)."""


def child_blocker(
    protocol: Protocol, answers: Mapping[str, Answer], section: Section
) -> InterviewError | None:
    """Why a presumed child may not be asked ``section`` now (the person's own consent to the
    interview already given), or None when the child may."""
    support = answers.get(CHILD_SUPPORT_QUESTION)
    if support is None or support.value not in CHILD_SUPPORT_PRESENT:
        return ChildSupportNeeded(
            "A legal guardian or the Child Protection Unit must be present first."
        )
    if not _child_protection_called(protocol, answers, support.value):
        return ChildProtectionNotCalled(
            "The Child Protection Unit must be called before a child is questioned."
        )
    if conflict_waits_for_the_unit(protocol, answers):
        return ConflictWaitsForTheUnit(
            "The accompanying adult may be involved: the questions about the case and the "
            "consents wait for the Child Protection Unit; the adult waits outside."
        )
    if guardian_no_waits_for_the_unit(protocol, answers):
        return GuardianConsentWaitsForTheUnit(
            "The guardian said no before the Child Protection Unit is present: the questions "
            "wait for the Unit, which decides."
        )
    if guardian_consent(protocol, answers) is not ConsentState.GIVEN:
        return GuardianConsentNeeded(
            "The guardian or the Child Protection Unit has not agreed to the interview."
        )
    apart = child_heard_apart(protocol, answers)
    if not apart and _child_said_no(answers):
        # A record made before the view was enforced (review 4, finding 6).
        return ChildViewWaitsForTheUnit(
            "The child said no in front of the accompanying adult: the questions wait for "
            "the Child Protection Unit, which asks the child again apart."
        )
    if not child_view_may_be_asked(protocol, answers):
        if section.id in ASKED_BEFORE_THE_UNIT_IS_PRESENT:
            return None
        return ChildViewNeedsTheUnit(
            "The child's own view is asked only with the Child Protection Unit present."
        )
    if apart and not _child_assents(protocol, answers):
        return ChildAssentNeeded("The child has not agreed to the interview.")
    if section.id not in ASKED_BEFORE_THE_UNIT_IS_PRESENT and not apart:
        return ChildProtectionNotPresent(
            "The Child Protection Unit must be present: the guardian is the adult "
            "travelling with the child."
        )
    return None


def child_view_may_be_asked(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """The child's own view of the interview may be asked and recorded now: the Child
    Protection Unit is recorded as present (protocol v2 shows the question only then; fourth
    practitioner's review, finding 6), or the protocol asks no such view."""
    return not protocol.has_question(CHILD_ASSENT_QUESTION) or _unit_present(answers)


def refuse_child_view_without_the_unit(
    protocol: Protocol, answers: Mapping[str, Answer], question_id: str
) -> None:
    """Raise ``ChildViewNeedsTheUnit`` when ``question_id`` is the child's own view and the
    Child Protection Unit is not recorded as present: the core records it only then, whatever
    a front end shows."""
    if question_id == CHILD_ASSENT_QUESTION and not child_view_may_be_asked(protocol, answers):
        raise ChildViewNeedsTheUnit(
            "The child's own view is recorded only with the Child Protection Unit present."
        )


def child_heard_apart(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """The child's own view of the interview is heard apart from the adult the child travels
    with: the Child Protection Unit is present, or what is recorded says the guardian present
    is not that adult (fourth practitioner's review, finding 6). Only a view heard so counts:
    a "no" said in front of that adult pauses the questions, it does not end the interview."""
    return _unit_present(answers) or not _guardian_may_be_the_companion(protocol, answers)


def view_to_ask_again(
    protocol: Protocol, before: Mapping[str, Answer], after: Mapping[str, Answer]
) -> bool:
    """The Child Protection Unit has just come in (``before`` → ``after``) while the child's
    view was recorded in front of the accompanying adult only: the unit asks the child again,
    apart, and that earlier answer is not the child's view."""
    return (
        CHILD_ASSENT_QUESTION in after
        and not child_heard_apart(protocol, before)
        and _unit_present(after)
    )


def _unit_present(answers: Mapping[str, Answer]) -> bool:
    support = answers.get(CHILD_SUPPORT_QUESTION)
    return support is not None and support.value in CHILD_PROTECTION_PRESENT


def _child_said_no(answers: Mapping[str, Answer]) -> bool:
    assent = answers.get(CHILD_ASSENT_QUESTION)
    return assent is not None and assent.is_answered and assent.value == CHILD_ASSENT_REFUSED


def _guardian_may_be_the_companion(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """Only a guardian is present, and nothing recorded says the child travels without an
    adult: the guardian may be the adult with the child, who may be the exploiter."""
    if not protocol.has_question(CHILD_COMPANION_QUESTION):
        return False  # protocol v1 asked nothing of it
    counted = effective_answers(protocol, answers, presumed_child=True)
    relationship = counted.get(CHILD_ADULT_RELATIONSHIP_QUESTION)
    if relationship is not None and relationship.value in ACCOMPANYING_GUARDIAN:
        return True
    travelling = counted.get(CHILD_COMPANION_QUESTION)
    return travelling is None or travelling.value not in TRAVELLING_WITHOUT_AN_ADULT


def _child_protection_called(
    protocol: Protocol, answers: Mapping[str, Answer], support: object
) -> bool:
    if not protocol.has_question(CHILD_PROTECTION_CALLED_QUESTION):
        return True  # protocol v1 asked nothing of it
    if support in CHILD_PROTECTION_PRESENT:
        return True
    called = answers.get(CHILD_PROTECTION_CALLED_QUESTION)
    return called is not None and called.is_answered and called.value == "yes"


def _child_assents(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    if not protocol.has_question(CHILD_ASSENT_QUESTION):
        return True  # protocol v1 asked nothing of it
    assent = answers.get(CHILD_ASSENT_QUESTION)
    return assent is not None and assent.is_answered and assent.value in CHILD_ASSENT_GOES_ON


def guardian_consent(protocol: Protocol, answers: Mapping[str, Answer]) -> ConsentState:
    """The guardian's (or the Child Protection Unit's) consent to a presumed child's interview;
    given when the protocol asks none. When the guardian may be involved, the Unit worker's
    decision alone: the guardian's "no" neither ends the interview nor lets it go on, the
    questions wait for the Unit (fifth practitioner's review, finding 5)."""
    if not protocol.has_question(GUARDIAN_CONSENT_QUESTION):
        return ConsentState.GIVEN
    if guardian_may_be_involved(protocol, answers):
        return ConsentState.of(answers.get(UNIT_CONSENT_QUESTION))
    return ConsentState.of(answers.get(GUARDIAN_CONSENT_QUESTION))


def guardian_no_waits_for_the_unit(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """A guardian's "no" recorded while the Child Protection Unit is called but not yet present
    (protocol v2): it pauses the questions and waits for the Unit, like the child's own "no" in
    front of that adult; it does not end the interview (sixth practitioner's review, finding
    3). A protocol that asks nothing of the Unit being called keeps the older rule."""
    if not protocol.has_question(CHILD_PROTECTION_CALLED_QUESTION) or _unit_present(answers):
        return False
    return guardian_consent(protocol, answers) is ConsentState.REFUSED


def guardian_may_be_involved(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """The officers recorded that the accompanying guardian may be involved in what happens
    to the child: with the Child Protection Unit present, or before it arrives (seventh
    practitioner's review, finding 3: the child's whisper in front of the father)."""
    if not protocol.has_question(GUARDIAN_CONFLICT_QUESTION):
        return False  # a protocol without the observation
    conflict = answers.get(GUARDIAN_CONFLICT_QUESTION)
    return conflict is not None and conflict.is_answered and conflict.value == "yes"


def conflict_waits_for_the_unit(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """The guardian may be involved and the Child Protection Unit is not yet present: the
    questions about the case and the consents wait for the Unit (``ConflictWaitsForTheUnit``),
    the guardian waits outside; needs, the information sheet and emergency help go on."""
    return guardian_may_be_involved(protocol, answers) and not _unit_present(answers)


def set_aside_by_the_conflict(
    protocol: Protocol, before: Mapping[str, Answer], after: Mapping[str, Answer]
) -> tuple[str, ...]:
    """The answers that stop standing when the officers have just recorded (``before`` →
    ``after``) that the guardian may be involved: the consents to keeping a record and to
    sharing, and "who answered for the child", when the guardian answered them (who answered
    does not name the Unit worker alone). The Unit worker asks them again (seventh review,
    finding 3): a suspected father's consents never decide what is kept and shared."""
    if guardian_may_be_involved(protocol, before) or not guardian_may_be_involved(protocol, after):
        return ()
    if _unit_answered(before):
        return ()
    consents = tuple(
        question_id
        for question_id in sorted(_units_consent_ids(protocol))
        if question_id in after and after[question_id].status is not AnswerStatus.SKIPPED
    )
    who = (WHO_ANSWERED_QUESTION,) if WHO_ANSWERED_QUESTION in after else ()
    return (*consents, *who)


def refuse_guardian_answering_when_involved(
    protocol: Protocol, answers: Mapping[str, Answer], answer: Answer
) -> None:
    """Raise ``ConsentsAreTheUnits`` when, with ``answer`` recorded, the guardian may be
    involved and is recorded as having answered the consents for the child (alone or with the
    Unit): they are the Unit worker's, whatever a front end shows."""
    if answer.question_id == GUARDIAN_CONFLICT_QUESTION:
        return  # recording the conflict sets the guardian's answers aside instead
    after = {**answers, answer.question_id: answer}
    if not guardian_may_be_involved(protocol, after):
        return
    who = after.get(WHO_ANSWERED_QUESTION)
    if who is not None and who.is_answered and who.value in GUARDIAN_ANSWERED:
        raise ConsentsAreTheUnits(
            "The guardian may be involved: the consents for the child are the Child "
            "Protection Unit worker's."
        )


def refuse_consents_before_the_unit_answers(
    protocol: Protocol, answers: Mapping[str, Answer], answer: Answer
) -> None:
    """Raise ``ConsentsWaitForTheUnit`` when, with ``answer`` recorded, the guardian may be
    involved and a consent to keeping a record or to sharing is recorded while "who answered
    for the child" does not yet name the Unit worker. The wizard asks who answered before
    these consents, but "Next" passes over a question left open: only the core makes sure no
    consent of the suspected guardian's reaches the record or a referral (issue 12). An answer
    that does not make the state worse (a record from before this rule) is not refused, nor
    the conflict itself: it sets those consents aside (``set_aside_by_the_conflict``)."""
    if answer.question_id == GUARDIAN_CONFLICT_QUESTION:
        return
    after = {**answers, answer.question_id: answer}
    if not _consents_before_the_unit(protocol, after):
        return
    if answer.question_id in _units_consent_ids(protocol) or not _consents_before_the_unit(
        protocol, answers
    ):
        raise ConsentsWaitForTheUnit(
            "The guardian may be involved: the consents to keeping a record and to sharing "
            "wait until the Child Protection Unit worker is recorded as who answered."
        )


def unit_yet_to_be_named(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """The guardian may be involved and "who answered for the child" does not name the Unit
    worker: after a refusal, the help panel asks it before a sharing consent."""
    return guardian_may_be_involved(protocol, answers) and not _unit_answered(answers)


def _consents_before_the_unit(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    if not unit_yet_to_be_named(protocol, answers):
        return False
    return any(
        question_id in answers and answers[question_id].status is not AnswerStatus.SKIPPED
        for question_id in _units_consent_ids(protocol)
    )


def _unit_answered(answers: Mapping[str, Answer]) -> bool:
    who = answers.get(WHO_ANSWERED_QUESTION)
    return who is not None and who.is_answered and who.value == UNIT_ANSWERED


def _units_consent_ids(protocol: Protocol) -> frozenset[str]:
    return frozenset(
        question.id
        for question in protocol.questions
        if question.consent is not None and question.consent.scope in THE_UNITS_CONSENTS
    )


class RefusedFor(StrEnum):
    """Who said no to a presumed child's interview for the child, as the refusal page words
    it (issue 12): after the Unit's "no" it never says "the guardian does not agree"."""

    GUARDIAN = "guardian"
    UNIT = "unit"
    BOTH = "both"
    GUARDIAN_OR_UNIT = "guardian_or_unit"
    """Nothing recorded says which (who answered not yet recorded, both present)."""


_WHO_REFUSED = {
    "legal_guardian": RefusedFor.GUARDIAN,
    "child_protection_unit": RefusedFor.UNIT,
    "both": RefusedFor.BOTH,
}


def refused_for_the_child_by(protocol: Protocol, answers: Mapping[str, Answer]) -> RefusedFor:
    """Who refused the interview for the child, when ``guardian_consent`` is refused: the
    Unit worker when the guardian may be involved (the decision is the Unit's), else who
    answered for the child, else who alone is present."""
    if guardian_may_be_involved(protocol, answers):
        return RefusedFor.UNIT
    for question_id in (WHO_ANSWERED_QUESTION, CHILD_SUPPORT_QUESTION):
        answer = answers.get(question_id)
        if answer is not None and answer.is_answered and answer.value in _WHO_REFUSED:
            if question_id == CHILD_SUPPORT_QUESTION and answer.value == "both":
                break  # both in the room, and nothing says who answered
            return _WHO_REFUSED[str(answer.value)]
    return RefusedFor.GUARDIAN_OR_UNIT
