"""How an interview ends: stopped on someone's request (and continued), declined (consent
refused), or finished with the people's decision beside the rule's suggestion; and the help that
may still be recorded after a refusal or a stop."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import Any

from interview_room.cases.register import CaseStatus
from interview_room.interview import interview_store
from interview_room.interview.consent import InterviewConsent
from interview_room.interview.errors import DecisionIncomplete, InterviewClosed, InterviewError
from interview_room.interview.interpreting import refuse_consent_while_the_language_waits
from interview_room.interview.interview_state import Outcome
from interview_room.interview.interview_store import Decision
from interview_room.interview.safeguards import (
    WHO_ANSWERED_QUESTION,
    refuse_consents_before_the_unit_answers,
    refuse_guardian_answering_when_involved,
    unit_yet_to_be_named,
)
from interview_room.screening import (
    Answer,
    ConsentScope,
    Question,
    SectionKind,
    explain,
    validate_answer,
)
from interview_room.store.audit import AuditEvent

DECISIONS = ("potential_victim", "child_at_risk", "indicators_not_met", "not_determined")


class StopRequester(StrEnum):
    PERSON = "person"
    INTERVIEWER = "interviewer"
    OTHER = "other"


class InterviewEndings(InterviewConsent):
    """Stop, continue, refuse, decide: each ending is one transaction, an event and an audit
    entry."""

    def decision(self) -> Decision | None:
        decision = interview_store.load_decision(self._session.db, self.case.id)
        memory = self._keeper.memory
        if decision is not None and memory is not None and memory.reasons:
            return replace(decision, reasons=memory.reasons)
        return decision

    def recorded_suggestion(self) -> dict[str, Any] | None:
        """The suggestion as it stood when the decision was recorded (outcome, indicators and
        the rule in words for each language), or None before a decision."""
        memory = self._keeper.memory
        if memory is not None and memory.suggestion is not None:
            return dict(memory.suggestion)
        return interview_store.load_suggestion(self._session.db, self.case.id)

    def help_questions(self) -> list[Question]:
        """What may still be recorded once the interview was declined or stopped, for the help
        that never depends on it (issue 12): the immediate needs, and the person's consent to
        share with each recipient (a referral needs it, or a legal duty). When a child's
        guardian may be involved and who answered for the child is not yet the Unit worker,
        that question comes before the sharing consents, which wait for it."""
        needs = [
            question
            for section in self.protocol.sections
            if section.kind is SectionKind.IMMEDIATE_NEEDS
            for question in self.visible_questions(section)
        ]
        sharing = [
            question
            for question in self.protocol.questions
            if question.consent is not None and question.consent.scope is ConsentScope.SHARING
        ]
        if self.presumed_child and unit_yet_to_be_named(self.protocol, self._answers):
            needs.append(self.protocol.question(WHO_ANSWERED_QUESTION))
        return needs + sharing

    def answer_for_help(self, question_id: str, answer: Answer | None) -> None:
        """Record (``None``: forget) one of :meth:`help_questions` after the interview was
        declined or stopped; kept as far as the consent to keeping a record allows, like every
        answer (without it, the needs stay in this session's memory only)."""
        if self.outcome not in (Outcome.CONSENT_REFUSED, Outcome.STOPPED):
            raise InterviewError("Only a declined or stopped interview records help this way.")
        if question_id not in {q.id for q in self.help_questions()}:
            raise InterviewClosed(f"Interview {self.case.code} has ended.")
        if answer is not None:
            validate_answer(self.protocol.question(question_id), answer)
            # As during the interview: never the suspected guardian's consents (issue 12).
            refuse_guardian_answering_when_involved(self.protocol, self._answers, answer)
            refuse_consents_before_the_unit_answers(self.protocol, self._answers, answer)
            refuse_consent_while_the_language_waits(self.protocol, self._answers, answer)
        before = self._answers.get(question_id)
        try:
            with self._session.db.transaction():
                if answer is None:
                    self._answers.pop(question_id, None)
                else:
                    self._answers[question_id] = answer
                if self.outcome is Outcome.STOPPED:
                    self._keeper.write(question_id)  # may be continued: as during it
                else:
                    self._keeper.write_after_end(question_id)
                self._touch()
                self._session.audit.append(
                    AuditEvent.CASE_CHANGED,
                    self._session.user.username,
                    self.case.code,
                    {"after": self.outcome.value, "help_answers": 1},
                )
        except BaseException:
            self._put_back(question_id, before)
            raise
        self._checkpoint_if_erased()

    def stop(self, requested_by: StopRequester, reason: str = "") -> None:
        """End the interview now, on someone's request; it is kept as an incomplete record and
        may be continued later."""
        self._require_open(allow_break=True)
        with self._session.db.transaction():
            if self.on_break:
                self._event(self._session, self.case.id, "break_ended")
            self._event(
                self._session,
                self.case.id,
                "stopped",
                self._keeper.event_detail(
                    {"requested_by": requested_by.value, "reason": reason.strip()}
                ),
            )
            self._end(Outcome.STOPPED, CaseStatus.INCOMPLETE)
            self._session.audit.append(
                AuditEvent.INTERVIEW_STOPPED,
                self._session.user.username,
                self.case.code,
                {"requested_by": requested_by.value},
            )
        self.on_break = False

    def refuse_consent(self) -> None:
        """Record that the person (or, for a presumed child, the guardian or the child)
        declined the interview: a respected, final outcome."""
        self._require_open()
        if not self.consent_refused:
            raise InterviewError("Consent to the interview was not refused.")
        with self._session.db.transaction():
            self._keeper.finish()
            self._event(self._session, self.case.id, "consent_refused")
            self._end(Outcome.CONSENT_REFUSED, CaseStatus.COMPLETED)
            self._session.audit.append(
                AuditEvent.CONSENT_REFUSED, self._session.user.username, self.case.code
            )
        self._checkpoint_if_erased()

    def record_decision(
        self, decision: str, reasons: str, social_worker_id: str | None = None
    ) -> Decision:
        """Record what the officer and the social worker decided, and why, beside the rule's
        suggestion (both are kept, and may differ). Finishes the interview."""
        self._require_open()
        # The same gate as entering the determination: no decision without consent to the
        # interview, nor for a presumed child without a guardian or the Child Protection Unit.
        for section in self.protocol.sections:
            blocker = self.blocker(section) if section.kind is SectionKind.DETERMINATION else None
            if blocker is not None:
                raise blocker
        if decision not in DECISIONS or not reasons.strip():
            raise DecisionIncomplete("Choose a decision and write the reasons for it.")
        assessment = self.assessment()
        suggestion = {
            "outcome": assessment.suggested_outcome.value,
            "protocol": [
                assessment.protocol_id,
                assessment.protocol_version,
                assessment.protocol_hash,
            ],
            "indicators": list(assessment.indicator_ids),
            "explanation": {
                lang: explain(assessment, self.protocol, lang) for lang in self.protocol.languages
            },
        }
        record = Decision(
            suggested_outcome=assessment.suggested_outcome.value,
            decision=decision,
            reasons=reasons.strip(),
            officer_id=self._session.user.id,
            social_worker_id=social_worker_id or self.case_social_worker_id(),
            decided_at=interview_store.now(),
        )
        with self._session.db.transaction():
            self._keeper.finish()
            reasons_kept, suggestion_kept = self._keeper.decision_to_store(
                record.reasons, suggestion
            )
            interview_store.save_decision(
                self._session.db,
                self.case.id,
                replace(record, reasons=reasons_kept),
                suggestion_kept,
            )
            self._event(self._session, self.case.id, "finished", {"decision": decision})
            self._end(Outcome.FINISHED, CaseStatus.COMPLETED)
            self._session.audit.append(
                AuditEvent.DECISION_RECORDED,
                self._session.user.username,
                self.case.code,
                {
                    "decision": decision,
                    "suggested": record.suggested_outcome,
                    "differs": record.differs_from_suggestion,
                },
            )
        self._checkpoint_if_erased()
        return record

    def case_social_worker_id(self) -> str | None:
        row = self._session.db.one(
            "SELECT social_worker_id FROM cases WHERE id = ?", (self.case.id,)
        )
        return str(row[0]) if row and row[0] else None

    def continue_interview(self) -> None:
        """Take up a stopped interview again where it stopped (it becomes a draft again)."""
        if not self.is_stopped:
            raise InterviewError(f"Interview {self.case.code} was not stopped.")
        with self._session.db.transaction():
            self._session.db.execute(
                "UPDATE interviews SET outcome = NULL, ended_at = NULL WHERE case_id = ?",
                (self.case.id,),
            )
            self._event(self._session, self.case.id, "resumed")
            self._set_status(CaseStatus.DRAFT)
            self._session.audit.append(
                AuditEvent.INTERVIEW_CONTINUED, self._session.user.username, self.case.code
            )
        self.outcome = None

    def _end(self, outcome: Outcome, status: CaseStatus) -> None:
        moment = interview_store.now()
        self._session.db.execute(
            "UPDATE interviews SET outcome = ?, ended_at = ? WHERE case_id = ?",
            (outcome.value, moment, self.case.id),
        )
        self._set_status(status)
        self.outcome = outcome

    def _set_status(self, status: CaseStatus) -> None:
        self._session.db.execute(
            "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?",
            (status.value, interview_store.now(), self.case.id),
        )
        self.case = self._session.cases.get(self.case.id)
