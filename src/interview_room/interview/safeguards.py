"""What a presumed child's interview waits for before the questions about the case: a
guardian or the Child Protection Unit present, the unit called, the guardian's consent, the
child's own view heard apart from the adult the child travels with, and the unit in the room
when the guardian present may be that adult. Pure functions of the protocol and the answers;
``Interview.blocker`` asks them.
"""

from __future__ import annotations

from collections.abc import Mapping

from interview_room.interview.errors import (
    ChildAssentNeeded,
    ChildProtectionNotCalled,
    ChildProtectionNotPresent,
    ChildSupportNeeded,
    ChildViewWaitsForTheUnit,
    GuardianConsentNeeded,
    InterviewError,
)
from interview_room.screening import Answer, ConsentState, Protocol, Section, effective_answers

CHILD_SUPPORT_QUESTION = "prep_child_support"
CHILD_PROTECTION_CALLED_QUESTION = "child_cpu_informed"
"""Protocol v2: the interviewers confirm they called the Child Protection Unit, asked when the
unit is not itself present (a guardian alone, or nobody yet)."""
CHILD_PROTECTION_PRESENT = frozenset({"child_protection_unit", "both"})
GUARDIAN_CONSENT_QUESTION = "consent_guardian"
"""A presumed child's guardian (or the Child Protection Unit) agrees to the interview."""
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
    if guardian_consent(protocol, answers) is not ConsentState.GIVEN:
        return GuardianConsentNeeded(
            "The guardian or the Child Protection Unit has not agreed to the interview."
        )
    apart = child_heard_apart(protocol, answers)
    if not apart and _child_said_no(answers):
        return ChildViewWaitsForTheUnit(
            "The child said no in front of the accompanying adult: the questions wait for "
            "the Child Protection Unit, which asks the child again apart."
        )
    if apart and not _child_assents(protocol, answers):
        return ChildAssentNeeded("The child has not agreed to the interview.")
    if section.id not in ASKED_BEFORE_THE_UNIT_IS_PRESENT and not apart:
        return ChildProtectionNotPresent(
            "The Child Protection Unit must be present: the guardian is the adult "
            "travelling with the child."
        )
    return None


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
    given when the protocol asks none."""
    if not protocol.has_question(GUARDIAN_CONSENT_QUESTION):
        return ConsentState.GIVEN
    return ConsentState.of(answers.get(GUARDIAN_CONSENT_QUESTION))
