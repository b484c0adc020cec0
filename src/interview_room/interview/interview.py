"""One screening interview, saved answer by answer in the encrypted store.

Every call that changes the interview is one transaction: a crash or a power cut loses at most
the field being typed, and ``Interview.resume`` continues where it stopped. The wizard (GUI) and
the training builder both drive interviews through this class.
"""

from __future__ import annotations

from interview_room.interview import interview_store
from interview_room.interview.breaks import InterviewBreaks
from interview_room.interview.endings import DECISIONS, InterviewEndings, StopRequester
from interview_room.interview.errors import InterviewError
from interview_room.interview.interpreting import (
    refuse_consent_while_the_language_waits,
    set_aside_by_the_language,
)
from interview_room.interview.interview_state import Outcome
from interview_room.interview.known_facts import known_facts
from interview_room.interview.personal_data import RecordKeeper
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.interview.safeguards import (
    CHILD_ASSENT_QUESTION,
    refuse_child_view_without_the_unit,
    refuse_consents_before_the_unit_answers,
    refuse_guardian_answering_when_involved,
    set_aside_by_the_conflict,
    view_to_ask_again,
)
from interview_room.screening import Answer, InvalidAnswer, Protocol, Section, validate_answer
from interview_room.store.audit import AuditEvent
from interview_room.workstation import Session

__all__ = ["DECISIONS", "Interview", "Outcome", "StopRequester"]


class Interview(InterviewEndings, InterviewBreaks):
    """The state of one interview and every change to it. Construct with :meth:`begin` or
    :meth:`resume`. Its parts, one idea each: ``interview_state.py`` (what it shows now),
    ``consent.py``, ``breaks.py``, ``endings.py`` (stop, refusal, decision)."""

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

    # -- changing --------------------------------------------------------------------------

    def answer(self, answer: Answer) -> None:
        """Save one answer now (the autosave): validated, then committed in one transaction."""
        self._require_open()
        if not self.protocol.has_question(answer.question_id):
            raise InvalidAnswer(answer.question_id, "the protocol has no such question")
        question = self.protocol.question(answer.question_id)
        validate_answer(question, answer)
        # The child's view only with the Unit present, whatever a front end shows (review 4).
        refuse_child_view_without_the_unit(self.protocol, self._answers, answer.question_id)
        # A guardian who may be involved never answers for the child (review 5, finding 5).
        refuse_guardian_answering_when_involved(self.protocol, self._answers, answer)
        refuse_consents_before_the_unit_answers(self.protocol, self._answers, answer)
        # No consent without a common language, nor through a known interpreter (review 8).
        refuse_consent_while_the_language_waits(self.protocol, self._answers, answer)
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
                # The guardian may be involved: their consents no longer stand (review 7).
                for question_id in set_aside_by_the_conflict(
                    self.protocol, answers_before, self._answers
                ):
                    del self._answers[question_id]
                    self._keeper.write(question_id)
                self._set_aside_by_the_language(answers_before)
                self._touch()
        except BaseException:
            self._answers.clear()
            self._answers.update(answers_before)
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
        answers_before = dict(self._answers)
        try:
            with self._session.db.transaction():
                self._answers.pop(question_id, None)
                self._keeper.write(question_id)
                self._set_aside_by_the_language(answers_before)
                self._touch()
        except BaseException:
            self._answers.clear()
            self._answers.update(answers_before)
            raise
        self._checkpoint_if_erased()

    def _set_aside_by_the_language(self, answers_before: dict[str, Answer]) -> None:
        """What the language holds back changed: the rights read and the consents recorded
        before stop standing and are asked again (eighth review, findings 4-5)."""
        for question_id in set_aside_by_the_language(self.protocol, answers_before, self._answers):
            del self._answers[question_id]
            self._keeper.write(question_id)

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

    def _order(self, section: Section) -> int:
        return [s.id for s in self.protocol.sections].index(section.id)
