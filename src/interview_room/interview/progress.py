"""How far a section has come, told apart the way the interviewers need it: answered, the
person preferring not to answer, skipped on purpose, and never asked.

Nothing here writes: a question without an answer stays unanswered ("not asked") until someone
records an outcome for it. Moving on never records anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from interview_room.screening import Answer, AnswerStatus, Question


class SectionState(StrEnum):
    NOT_STARTED = "not_started"
    """No question of the section has an outcome yet."""
    PARTLY = "partly"
    """Some questions answered, others skipped or not asked yet."""
    COMPLETE = "complete"
    """Every question shown has an answer (or the person's "prefers not to answer")."""
    SKIPPED = "skipped"
    """Nothing answered, and at least one question skipped on purpose."""


@dataclass(frozen=True)
class SectionProgress:
    answered: int
    """Answered, or the person preferred not to answer: both are the person's answer."""
    skipped: int
    not_asked: int

    @property
    def shown(self) -> int:
        return self.answered + self.skipped + self.not_asked

    @property
    def state(self) -> SectionState:
        if self.shown and self.answered == self.shown:
            return SectionState.COMPLETE
        if self.answered:
            return SectionState.PARTLY
        if self.skipped:
            return SectionState.SKIPPED
        return SectionState.NOT_STARTED

    @classmethod
    def of(cls, questions: Iterable[Question], answers: Mapping[str, Answer]) -> SectionProgress:
        answered = skipped = not_asked = 0
        for question in questions:
            answer = answers.get(question.id)
            if answer is None:
                not_asked += 1
            elif answer.status is AnswerStatus.SKIPPED:
                skipped += 1
            else:
                answered += 1
        return cls(answered, skipped, not_asked)
