"""Why an interview refuses what was asked of it in its present state."""

from __future__ import annotations

from interview_room.errors import InterviewRoomError


class InterviewError(InterviewRoomError):
    """The interview cannot do what was asked in its present state."""


class InterviewClosed(InterviewError):
    """The interview has ended (finished or consent refused) and can no longer change."""


class ConsentNeeded(InterviewError):
    """Questions about the case wait for the person's consent to the interview."""


class ChildSupportNeeded(InterviewError):
    """A presumed child is questioned only with a guardian or the Child Protection Unit."""


class ChildProtectionNotCalled(InterviewError):
    """A presumed child is questioned only once the Child Protection Unit has been called
    (it is present, or the interviewers confirm they called it), even with a guardian there."""


class ChildProtectionNotPresent(InterviewError):
    """A presumed child travelling with the guardian who is present (or with nobody known yet)
    is asked about the case only with the Child Protection Unit in the room: that adult may be
    the one exploiting the child (second practitioner's review, finding 11)."""


class GuardianConsentNeeded(InterviewError):
    """A presumed child is questioned only when the guardian (or the Child Protection Unit)
    has agreed; a refusal ends the interview, a skipped answer holds the questions back."""


class ConsentsAreTheUnits(GuardianConsentNeeded):
    """The officers recorded that the accompanying guardian may be involved: the consents for
    the child are the Child Protection Unit worker's, never the guardian's alone (fifth
    practitioner's review, finding 5)."""


class ConsentsWaitForTheUnit(ConsentsAreTheUnits):
    """The officers recorded that the accompanying guardian may be involved: the consents to
    keeping a record and to sharing are recorded only once "who answered for the child" names
    the Child Protection Unit worker, so that none of them can be the guardian's (issue 12)."""


class ConflictWaitsForTheUnit(ChildProtectionNotPresent):
    """The officers recorded that the accompanying adult may be involved before the Child
    Protection Unit is present (seventh practitioner's review, finding 3): the questions about
    the case and the consents to keeping a record and to sharing wait for the Unit, and the
    adult is asked to wait outside, so the child is not questioned in front of them. Needs, the
    information sheet and emergency help go on."""


class NoCommonLanguage(InterviewError):
    """The officers recorded that the person and they do not understand each other, not even
    through an interpreter (seventh practitioner's review, finding 8): the questions about the
    case wait for an interpreter in the person's language. Needs, the information sheet and
    emergency help go on, and the decision may be recorded as not determined."""


class InterpreterKnownWaits(InterviewError):
    """The person knows the interpreter or the interpreter's family (seventh practitioner's
    review, finding 7): the questions about the case wait until another interpreter, whom the
    person does not know, is recorded as interpreting. Needs and emergency help go on."""


class ConsentWaitsForACommonLanguage(NoCommonLanguage):
    """With no common language, the rights cannot be recorded as read nor a consent as given
    (eighth practitioner's review, finding 4): a "yes" from someone who understood nothing is
    not informed. Consents recorded before are set aside and asked again once an interpreter
    joins; referrals go only where a law requires them, or as emergency help."""


class ConsentWaitsForAnotherInterpreter(InterpreterKnownWaits):
    """The person knows the interpreter and no other interprets (eighth practitioner's review,
    finding 5): the rights and the consents wait too, until another interpreter interprets or,
    when none other can be reached, the person chooses to go on with this one (⚠ centre)."""


class ChildAssentNeeded(InterviewError):
    """A presumed child is questioned only when the child, too, agrees (or is too young to
    say), asked apart from the adult the child travels with: the child's "no" then ends the
    interview like a guardian's, a skipped answer holds the questions back."""


class ChildViewWaitsForTheUnit(ChildProtectionNotPresent):
    """A presumed child said "no" to the interview with only the accompanying guardian in the
    room: not yet the child's own view (fourth practitioner's review, finding 6). The questions
    pause until the Child Protection Unit is present and asks the child again, apart; the
    interview does not end, and help never waits for it."""


class GuardianConsentWaitsForTheUnit(GuardianConsentNeeded):
    """A presumed child's guardian said "no" to the interview before the Child Protection Unit,
    already called, is present: like the child's own "no" in front of that adult, it pauses the
    questions about the case until the Unit comes and decides; it does not end the interview
    (sixth practitioner's review, finding 3). Needs, the information sheet and emergency help go
    on."""


class ChildViewNeedsTheUnit(ChildProtectionNotPresent):
    """A presumed child's own view of the interview is asked, and recorded, only with the Child
    Protection Unit present (fourth practitioner's review, finding 6, enforced): the protocol
    shows the question only then, the interview refuses to record it before, and the questions
    about the case wait for it."""


class OnBreak(InterviewError):
    """Nothing is asked or recorded during a break."""


class DecisionIncomplete(InterviewError):
    """A decision needs one of the known outcomes and the people's reasons."""
