"""The person's consent as the interview reads it: to the interview, to each recipient, and for a
presumed child the guardian's and the child's own view; and what it keeps closed until then."""

from __future__ import annotations

from interview_room.interview.errors import ConsentNeeded, InterviewError
from interview_room.interview.interpreting import language_blocker, what_the_language_holds
from interview_room.interview.interview_state import InterviewState
from interview_room.interview.safeguards import (
    CHILD_ASSENT_QUESTION,
    CHILD_ASSENT_REFUSED,
    RefusedFor,
    child_blocker,
    child_heard_apart,
    guardian_consent,
    guardian_no_waits_for_the_unit,
    refused_for_the_child_by,
)
from interview_room.screening import ConsentScope, ConsentState, Section, SectionKind


class InterviewConsent(InterviewState):
    """Consent read from the answers, and the sections it keeps closed."""

    @property
    def consent_refused(self) -> bool:
        """The person, or for a presumed child the guardian or the child, said no to the
        interview."""
        if self.consent(ConsentScope.INTERVIEW) is False:
            return True
        return self.presumed_child and (self._guardian_refused_it or self.child_declined)

    @property
    def _guardian_refused_it(self) -> bool:
        """The guardian's (or the Unit worker's) "no" ends the interview, unless it was said
        before the Child Protection Unit is present: it then waits for the Unit
        (``GuardianConsentWaitsForTheUnit``; sixth practitioner's review, finding 3)."""
        refused = guardian_consent(self.protocol, self._answers) is ConsentState.REFUSED
        return refused and not guardian_no_waits_for_the_unit(self.protocol, self._answers)

    @property
    def refused_for_the_child(self) -> RefusedFor | None:
        """Who said no to a presumed child's interview for the child (guardian, Unit worker,
        both, or not recorded which); None when no one refused it for the child."""
        if not self.presumed_child:
            return None
        if not self._guardian_refused_it:
            return None
        return refused_for_the_child_by(self.protocol, self._answers)

    @property
    def child_declined(self) -> bool:
        """A presumed child said they do not agree to the interview, heard apart from the adult
        they travel with (their own view). A "no" said with only that adult in the room pauses
        the questions instead (``ChildViewWaitsForTheUnit``)."""
        assent = self._answers.get(CHILD_ASSENT_QUESTION)
        return (
            self.presumed_child
            and assent is not None
            and assent.is_answered
            and assent.value == CHILD_ASSENT_REFUSED
            and child_heard_apart(self.protocol, self._answers)
        )

    @property
    def consents_held_by_the_language(self) -> bool:
        """No common language, or an interpreter the person knows not replaced: no consent
        stands now, even one recorded before this was enforced (eighth review, finding 4)."""
        return what_the_language_holds(self.protocol, self._answers) is not None

    def consent(self, scope: ConsentScope, recipient: str | None = None) -> bool | None:
        """True/False when the person answered yes/no; None when not (yet) answered."""
        state = self.consent_state(scope, recipient)
        if state is ConsentState.GIVEN:
            return True
        return False if state is ConsentState.REFUSED else None

    def consent_state(self, scope: ConsentScope, recipient: str | None = None) -> ConsentState:
        """The consent as recorded, every state kept apart (prefers not to answer, skipped,
        not asked): what the summary and the referral show."""
        question = self.protocol.consent_question(scope, recipient)
        return ConsentState.of(self._answers.get(question.id))

    def sharing_consent_states(self) -> dict[str, ConsentState]:
        return {
            recipient: self.consent_state(ConsentScope.SHARING, recipient)
            for recipient in self.protocol.referral_recipients
        }

    def sharing_consents(self) -> dict[str, bool | None]:
        return {
            recipient: self.consent(ConsentScope.SHARING, recipient)
            for recipient in self.protocol.referral_recipients
        }

    def blocker(self, section: Section) -> InterviewError | None:
        """Why ``section`` may not be entered now, or None when it may."""
        if section.kind not in (SectionKind.QUESTIONS, SectionKind.DETERMINATION):
            return None
        # No common language, or an interpreter the person knows (review 7, findings 7-8).
        waits = language_blocker(self.protocol, self._answers, self.presumed_child, section)
        if waits is not None:
            return waits
        if section.kind is SectionKind.DETERMINATION and self.consents_held_by_the_language:
            # No consent can be given now: the decision ("not determined") is never trapped.
            return None
        consent = self.consent(ConsentScope.INTERVIEW)
        if consent is not True:
            return ConsentNeeded("The person has not agreed to the interview.")
        if self.presumed_child:
            return child_blocker(self.protocol, self._answers, section)
        return None
