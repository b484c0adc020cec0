"""One screening interview, saved answer by answer in the encrypted store.

Every call that changes the interview is one transaction: a crash or a power cut loses at most
the field being typed, and ``Interview.resume`` continues where it stopped. The wizard (GUI) and
the training builder both drive interviews through this class.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from interview_room.cases.register import CaseStatus, CaseSummary
from interview_room.interview import interview_store
from interview_room.interview.errors import (
    ConsentNeeded,
    DecisionIncomplete,
    InterviewClosed,
    InterviewError,
    OnBreak,
)
from interview_room.interview.interview_store import Decision
from interview_room.interview.known_facts import known_facts
from interview_room.interview.personal_data import PersonalData, RecordKeeper
from interview_room.interview.progress import SectionProgress
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.interview.safeguards import (
    CHILD_ASSENT_QUESTION,
    CHILD_ASSENT_REFUSED,
    child_blocker,
    child_heard_apart,
    guardian_consent,
    view_to_ask_again,
)
from interview_room.screening import (
    Answer,
    ConsentScope,
    ConsentState,
    IndicatorAssessment,
    InvalidAnswer,
    Protocol,
    Question,
    Section,
    SectionKind,
    assess,
    effective_answers,
    explain,
    presumed_child,
    validate_answer,
    visible_question_ids,
)
from interview_room.store.audit import AuditEvent
from interview_room.store.database import Database
from interview_room.workstation import Session

DECISIONS = ("potential_victim", "child_at_risk", "indicators_not_met", "not_determined")


class StopRequester(StrEnum):
    PERSON = "person"
    INTERVIEWER = "interviewer"
    OTHER = "other"


class Outcome(StrEnum):
    """How an interview ended; None while it is going on."""

    CONSENT_REFUSED = "consent_refused"
    STOPPED = "stopped"
    FINISHED = "finished"


class Interview:
    """The state of one interview and every change to it. Construct with :meth:`begin` or
    :meth:`resume`."""

    def __init__(
        self,
        session: Session,
        protocol: Protocol,
        case: CaseSummary,
        person_language: str,
        current_section: str,
        answers: dict[str, Answer],
        outcome: Outcome | None,
        on_break: bool,
    ) -> None:
        self._session = session
        self.protocol = protocol
        self.case = case
        self.person_language = person_language
        self._current_section = current_section
        self._answers = answers
        self.outcome = outcome
        self.on_break = on_break
        self._keeper = RecordKeeper(session, protocol, case, answers)

    # -- starting and resuming -------------------------------------------------------------

    @classmethod
    def begin(
        cls,
        session: Session,
        protocol: Protocol,
        person_language: str,
        person_name: str = "",
        social_worker_id: str | None = None,
    ) -> Interview:
        """Open a new case and its interview at the first section (immediate needs)."""
        if person_language not in protocol.languages:
            raise InterviewError(f"The protocol has no texts in {person_language!r}.")
        first = protocol.sections[0].id
        with session.db.transaction():
            case = session.cases.create(person_name, session.user.id, social_worker_id)
            session.db.execute(
                "INSERT INTO interviews (case_id, protocol_id, protocol_version, protocol_hash,"
                " person_language, current_section) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    case.id,
                    protocol.id,
                    protocol.version,
                    protocol.content_hash,
                    person_language,
                    first,
                ),
            )
            cls._event(session, case.id, "started")
            session.audit.append(AuditEvent.CASE_CREATED, session.user.username, case.code)
            known = known_facts(session, protocol, case.social_worker if social_worker_id else "")
            for answer in known.values():
                interview_store.save_answer(session.db, case.id, answer, session.user.id)
        return cls(session, protocol, case, person_language, first, dict(known), None, False)

    @classmethod
    def resume(cls, session: Session, case_id: str, library: ProtocolLibrary) -> Interview:
        """Reopen a case's interview exactly where it stopped (the opening is audited)."""
        case = session.open_case(case_id)
        row = session.db.one(
            "SELECT protocol_id, protocol_version, protocol_hash, person_language,"
            " current_section, outcome FROM interviews WHERE case_id = ?",
            (case_id,),
        )
        if row is None:
            raise InterviewError(f"Case {case.code} has no screening interview.")
        protocol = library.find(str(row[0]), str(row[1]), str(row[2]))
        # Without consent to keeping a record, only this session's memory has the answers.
        answers = RecordKeeper.answers_of(session, case_id) or interview_store.load_answers(
            session.db, case_id
        )
        last_break = session.db.one(
            "SELECT kind FROM interview_events WHERE case_id = ? AND kind IN"
            " ('break_started', 'break_ended') ORDER BY id DESC LIMIT 1",
            (case_id,),
        )
        outcome = Outcome(str(row[5])) if row[5] else None
        return cls(
            session,
            protocol,
            case,
            str(row[3]),
            str(row[4]),
            answers,
            outcome,
            on_break=bool(last_break and last_break[0] == "break_started"),
        )

    # -- reading ---------------------------------------------------------------------------

    @property
    def station_folder(self) -> Path:
        """The data folder of the station the interview is held at (its own directory of
        services, the protocols the centre sent)."""
        return self._session.workstation.data_dir

    @property
    def station_store(self) -> Database:
        """The station's encrypted store: it recorded what the centre's package brought, which
        is what the files in ``station_folder`` are checked against."""
        return self._session.db

    @property
    def answers(self) -> Mapping[str, Answer]:
        return dict(self._answers)

    @property
    def presumed_child(self) -> bool:
        return presumed_child(self.protocol, self._answers)

    @property
    def person_name(self) -> str:
        """The name as given; without consent to keeping a record, from memory only."""
        return self._keeper.person_name

    @property
    def personal_data(self) -> PersonalData:
        """What the station keeps of this case, by the consent to keeping a record."""
        return self._keeper.state

    @property
    def consent_refused(self) -> bool:
        """The person, or for a presumed child the guardian or the child, said no to the
        interview."""
        if self.consent(ConsentScope.INTERVIEW) is False:
            return True
        return self.presumed_child and (
            guardian_consent(self.protocol, self._answers) is ConsentState.REFUSED
            or self.child_declined
        )

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
    def is_closed(self) -> bool:
        """Finished or declined: the record is final."""
        return self.outcome in (Outcome.FINISHED, Outcome.CONSENT_REFUSED)

    @property
    def is_stopped(self) -> bool:
        """Stopped on request: kept as incomplete, and may be continued."""
        return self.outcome is Outcome.STOPPED

    @property
    def current_section(self) -> Section:
        return self.protocol.section(self._current_section)

    def visible_sections(self) -> list[Section]:
        """Sections that have at least one question to show now, in interview order."""
        shown = visible_question_ids(self.protocol, self._answers, self.presumed_child)
        return [s for s in self.protocol.sections if any(q.id in shown for q in s.questions)]

    def visible_questions(self, section: Section) -> list[Question]:
        shown = visible_question_ids(self.protocol, self._answers, self.presumed_child)
        return [q for q in section.questions if q.id in shown]

    def progress(self, section: Section) -> SectionProgress:
        """How many of the questions shown in ``section`` were answered, skipped, not asked."""
        return SectionProgress.of(self.visible_questions(section), self._answers)

    def not_asked(self) -> list[Question]:
        """Questions shown now (before the determination) that have no outcome at all: never
        asked, or asked with nothing recorded. Moving on never fills these in."""
        return self._shown_with(lambda answer: answer is None)

    def skipped(self) -> list[Question]:
        """Questions shown now that the interviewers skipped on purpose."""
        return self._shown_with(
            lambda answer: answer is not None and answer.status.value == "skipped"
        )

    def _shown_with(self, wanted: Callable[[Answer | None], bool]) -> list[Question]:
        return [
            question
            for section in self.visible_sections()
            if section.kind is not SectionKind.DETERMINATION
            for question in self.visible_questions(section)
            if wanted(self._answers.get(question.id))
        ]

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
        consent = self.consent(ConsentScope.INTERVIEW)
        if consent is not True:
            return ConsentNeeded("The person has not agreed to the interview.")
        if self.presumed_child:
            return child_blocker(self.protocol, self._answers, section)
        return None

    def assessment(self) -> IndicatorAssessment:
        """The rule's suggestion from the answers that count (shown questions only)."""
        counted = effective_answers(self.protocol, self._answers, self.presumed_child)
        return assess(self.protocol, counted, presumed_child=self.presumed_child)

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

    def events(self) -> list[interview_store.InterviewEvent]:
        """Every break, stop, resumption and ending, oldest first."""
        return interview_store.load_events(self._session.db, self.case.id)

    def break_started_at(self) -> str | None:
        """When the break now going on began (UTC, ISO 8601), or None when not on a break."""
        if not self.on_break:
            return None
        starts = [event.at for event in self.events() if event.kind == "break_started"]
        return starts[-1] if starts else None

    # -- changing --------------------------------------------------------------------------

    def answer(self, answer: Answer) -> None:
        """Save one answer now (the autosave): validated, then committed in one transaction."""
        self._require_open()
        if not self.protocol.has_question(answer.question_id):
            raise InvalidAnswer(answer.question_id, "the protocol has no such question")
        question = self.protocol.question(answer.question_id)
        validate_answer(question, answer)
        answers_before = dict(self._answers)
        try:
            with self._session.db.transaction():
                self._answers[answer.question_id] = answer
                self._keeper.write(answer.question_id)
                if self.presumed_child and view_to_ask_again(
                    self.protocol, answers_before, self._answers
                ):
                    # The unit has come: a view given in front of the accompanying adult is
                    # not the child's own, the unit asks again apart (review 4, finding 6).
                    del self._answers[CHILD_ASSENT_QUESTION]
                    self._keeper.write(CHILD_ASSENT_QUESTION)
                self._touch()
        except BaseException:
            self._answers.clear()
            self._answers.update(answers_before)
            raise
        self._checkpoint_if_erased()

    def help_questions(self) -> list[Question]:
        """What may still be recorded once the interview was declined or stopped, for the help
        that never depends on it (issue 12): the immediate needs, and the person's consent to
        share with each recipient (a referral needs it, or a legal duty)."""
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

    def set_person_name(self, name: str) -> None:
        """Record the person's name as they give it (asked after the rights and the consent):
        written to the store only with their consent to a record being kept, otherwise held
        for this session only."""
        self._require_open()
        with self._session.db.transaction():
            self._keeper.set_person_name(name.strip())
            self._touch()
        self.case = self._session.cases.get(self.case.id)

    def skip(self, question_id: str) -> None:
        """Record that the interviewers passed over ``question_id`` on purpose (not asked, or
        not observed): kept apart from "prefers not to answer", from "no" and from a question
        nobody reached. Replaces nothing the person said: an answered question stays answered."""
        current = self._answers.get(question_id)
        if current is not None and current.status.value != "skipped":
            raise InterviewError("This question already has an answer; clear it first.")
        self.answer(Answer.skipped(question_id))

    def clear(self, question_id: str) -> None:
        """Forget an answer (the question becomes unanswered again)."""
        self._require_open()
        before = self._answers.get(question_id)
        try:
            with self._session.db.transaction():
                self._answers.pop(question_id, None)
                self._keeper.write(question_id)
                self._touch()
        except BaseException:
            self._put_back(question_id, before)
            raise
        self._checkpoint_if_erased()

    def go_to(self, section: Section) -> None:
        """Move to ``section``. Nothing is recorded for the questions left behind: what was not
        answered stays unanswered (``not_asked``), and can be skipped on purpose (``skip``)."""
        self._require_open()
        blocker = self.blocker(section)
        if blocker is not None:
            raise blocker
        leaving = self.current_section
        progress = self.progress(leaving)
        with self._session.db.transaction():
            self._session.db.execute(
                "UPDATE interviews SET current_section = ? WHERE case_id = ?",
                (section.id, self.case.id),
            )
            self._session.audit.append(
                AuditEvent.CASE_CHANGED,
                self._session.user.username,
                self.case.code,
                {
                    "section": leaving.id,
                    "answers": progress.answered,
                    "skipped": progress.skipped,
                    "questions": progress.shown,
                },
            )
        self._current_section = section.id

    def next_section(self) -> Section | None:
        """The section after the current one that has questions to show, or None at the end."""
        sections = self.visible_sections()
        ids = [s.id for s in sections]
        if self._current_section not in ids:
            later = [s for s in sections if self._order(s) > self._order(self.current_section)]
            return later[0] if later else None
        index = ids.index(self._current_section)
        return sections[index + 1] if index + 1 < len(sections) else None

    def previous_section(self) -> Section | None:
        sections = self.visible_sections()
        earlier = [s for s in sections if self._order(s) < self._order(self.current_section)]
        return earlier[-1] if earlier else None

    def start_break(self) -> None:
        self._require_open(allow_break=True)
        if self.on_break:
            return
        with self._session.db.transaction():
            self._event(self._session, self.case.id, "break_started")
            self._session.audit.append(
                AuditEvent.INTERVIEW_PAUSED, self._session.user.username, self.case.code
            )
        self.on_break = True

    def end_break(self) -> None:
        if not self.on_break:
            return
        with self._session.db.transaction():
            self._event(self._session, self.case.id, "break_ended")
            self._session.audit.append(
                AuditEvent.INTERVIEW_CONTINUED, self._session.user.username, self.case.code
            )
        self.on_break = False

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

    # -- internals -------------------------------------------------------------------------

    def _put_back(self, question_id: str, before: Answer | None) -> None:
        """A write failed and was rolled back: the answers in memory are as they were."""
        if before is None:
            self._answers.pop(question_id, None)
        else:
            self._answers[question_id] = before

    def _checkpoint_if_erased(self) -> None:
        # Erased rows are overwritten in the database (secure_delete) but their old pages
        # stay in the write-ahead log until a checkpoint copies it back and empties it.
        if self._keeper.erased:
            self._keeper.erased = False
            self._session.db.checkpoint()

    def _order(self, section: Section) -> int:
        return [s.id for s in self.protocol.sections].index(section.id)

    def _require_open(self, allow_break: bool = False) -> None:
        if self.outcome is not None:
            raise InterviewClosed(f"Interview {self.case.code} has ended.")
        if self.on_break and not allow_break:
            raise OnBreak("The interview is on a break.")

    def _touch(self) -> None:
        self._session.db.execute(
            "UPDATE interviews SET presumed_child = ? WHERE case_id = ?",
            (int(self.presumed_child), self.case.id),
        )
        self._session.db.execute(
            "UPDATE cases SET updated_at = ? WHERE id = ?", (interview_store.now(), self.case.id)
        )

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

    @staticmethod
    def _event(
        session: Session, case_id: str, kind: str, detail: Mapping[str, object] | None = None
    ) -> None:
        interview_store.add_event(session.db, case_id, kind, session.user.id, detail)
