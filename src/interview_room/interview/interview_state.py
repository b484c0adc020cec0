"""What one interview is and what it shows now: the fields every part of it shares, the questions
on screen, and the few writes every change makes (the case touched, an event added).

:class:`InterviewState` is the floor of :class:`~interview_room.interview.interview.Interview`;
consent (``consent.py``), breaks (``breaks.py``) and endings (``endings.py``) build on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path

from interview_room.cases.register import CaseSummary
from interview_room.interview import interview_store
from interview_room.interview.errors import InterviewClosed, OnBreak
from interview_room.interview.personal_data import PersonalData, RecordKeeper
from interview_room.interview.progress import SectionProgress
from interview_room.screening import (
    Answer,
    IndicatorAssessment,
    Protocol,
    Question,
    Section,
    SectionKind,
    assess,
    effective_answers,
    presumed_child,
    visible_question_ids,
)
from interview_room.store.database import Database
from interview_room.workstation import Session


class Outcome(StrEnum):
    """How an interview ended; None while it is going on."""

    CONSENT_REFUSED = "consent_refused"
    STOPPED = "stopped"
    FINISHED = "finished"


class InterviewState:
    """The fields of one interview, what it shows now, and the shared writes."""

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

    def assessment(self) -> IndicatorAssessment:
        """The rule's suggestion from the answers that count (shown questions only)."""
        counted = effective_answers(self.protocol, self._answers, self.presumed_child)
        return assess(self.protocol, counted, presumed_child=self.presumed_child)

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

    @staticmethod
    def _event(
        session: Session, case_id: str, kind: str, detail: Mapping[str, object] | None = None
    ) -> None:
        interview_store.add_event(session.db, case_id, kind, session.user.id, detail)
