"""Answers given (or not given) during a screening, and the presumption of childhood."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from interview_room.screening.errors import InvalidAnswer

ADULT_AGE = 18


class AnswerStatus(StrEnum):
    """How a question ended. ``prefers_not_to_answer`` is a choice, distinct from "no"."""

    ANSWERED = "answered"
    PREFERS_NOT_TO_ANSWER = "prefers_not_to_answer"
    SKIPPED = "skipped"


AnswerValue = str | int | Sequence[str] | None


@dataclass(frozen=True)
class Answer:
    """One question's outcome.

    ``value`` is a str (yes_no "yes"/"no", single_choice option id, text, ISO date
    ``YYYY-MM-DD``), an int (number) or the selected option ids of a multi_choice, stored as a
    tuple (a list given to the constructor is copied into one). ``value`` is ``None`` exactly
    when the person did not answer; such answers never count as indicators.
    """

    question_id: str
    status: AnswerStatus
    value: AnswerValue = None

    def __post_init__(self) -> None:
        if self.status is AnswerStatus.ANSWERED:
            if self.value is None:
                raise InvalidAnswer(self.question_id, "an answered question needs a value")
            if isinstance(self.value, bool):
                raise InvalidAnswer(self.question_id, "a value cannot be a bool; use 'yes'/'no'")
            if not isinstance(self.value, str | int):
                items = tuple(self.value)
                if not all(isinstance(item, str) for item in items):
                    raise InvalidAnswer(self.question_id, "multi-choice values must be option ids")
                object.__setattr__(self, "value", items)
        elif self.value is not None:
            raise InvalidAnswer(self.question_id, f"a {self.status.value} answer has no value")

    @classmethod
    def given(cls, question_id: str, value: str | int | Iterable[str]) -> Answer:
        """The person (or the officer, for an observation) answered."""
        stored: AnswerValue = value if isinstance(value, str | int) else tuple(value)
        return cls(question_id, AnswerStatus.ANSWERED, stored)

    @classmethod
    def prefers_not_to_answer(cls, question_id: str) -> Answer:
        return cls(question_id, AnswerStatus.PREFERS_NOT_TO_ANSWER)

    @classmethod
    def skipped(cls, question_id: str) -> Answer:
        return cls(question_id, AnswerStatus.SKIPPED)

    @property
    def is_answered(self) -> bool:
        return self.status is AnswerStatus.ANSWERED

    def selected(self) -> tuple[str | int, ...]:
        """The answered value(s) as a tuple; empty unless answered."""
        if not self.is_answered or self.value is None:
            return ()
        if isinstance(self.value, str | int):
            return (self.value,)
        return tuple(self.value)


Answers = Mapping[str, Answer]
"""Answers keyed by question id."""


class ConsentState(StrEnum):
    """Where one consent stands. Each is shown and printed as itself: "prefers not to answer"
    is never "not asked", and only ``GIVEN`` lets anything happen that needs the consent."""

    GIVEN = "given"
    REFUSED = "refused"
    PREFERS_NOT_TO_ANSWER = "prefers_not_to_answer"
    SKIPPED = "skipped"
    NOT_ASKED = "not_asked"

    @classmethod
    def of(cls, answer: Answer | None) -> ConsentState:
        """The state recorded by the yes/no consent question's ``answer`` (None: never asked)."""
        if answer is None:
            return cls.NOT_ASKED
        if answer.status is AnswerStatus.PREFERS_NOT_TO_ANSWER:
            return cls.PREFERS_NOT_TO_ANSWER
        if answer.status is AnswerStatus.SKIPPED:
            return cls.SKIPPED
        return cls.GIVEN if answer.value == "yes" else cls.REFUSED


def is_presumed_child(
    age_answer: Answer | None,
    age_doubt_answer: Answer | None,
    *,
    adult_age: int = ADULT_AGE,
    apparent_age_answer: Answer | None = None,
    apparent_adult: Collection[str] = frozenset(),
) -> bool:
    """Whether the person must be treated as a child.

    The officers' observation that the person could be under 18 or is clearly a child (an
    answer to the apparent-age observation not in ``apparent_adult``) is a doubt about the age:
    presumed child, whatever age is stated (a girl of about 15 with a passport saying 19).
    Otherwise a stated age of ``adult_age`` or more AND an explicit "no" to the doubt question
    make an adult. Without a stated age (not asked, as after a refusal; skipped; prefers not to
    say), only the observation that the person is clearly an adult makes an adult, unless they
    recorded a doubt. A lower age, any doubt, a doubt question not yet answered, or nothing
    known at all mean: presumed child.
    """
    if (
        apparent_adult
        and apparent_age_answer is not None
        and apparent_age_answer.is_answered
        and apparent_age_answer.value not in apparent_adult
    ):
        return True
    if age_answer is None or not age_answer.is_answered:
        looks_adult = (
            apparent_age_answer is not None
            and apparent_age_answer.is_answered
            and apparent_age_answer.value in apparent_adult
        )
        doubted = (
            age_doubt_answer is not None
            and age_doubt_answer.is_answered
            and age_doubt_answer.value != "no"
        )
        return not looks_adult or doubted
    age = age_answer.value
    if not isinstance(age, int) or isinstance(age, bool) or age < adult_age:
        return True
    if age_doubt_answer is None or not age_doubt_answer.is_answered:
        return True
    return age_doubt_answer.value != "no"
