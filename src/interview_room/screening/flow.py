"""The interview's flow: which questions are shown, whether the person is a presumed child,
and whether an answer fits its question. Pure functions the wizard calls after every answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from interview_room.screening.answers import Answer, is_presumed_child
from interview_room.screening.conditions import evaluate
from interview_room.screening.errors import InvalidAnswer
from interview_room.screening.protocol import AnswerType, Protocol, Question, Section

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _walk(
    protocol: Protocol, answers: Mapping[str, Answer], presumed_child: bool
) -> tuple[list[Question], dict[str, Answer]]:
    # One pass in interview order suffices: show-if rules only look at earlier questions.
    # Answers to hidden questions (say, left over after an earlier answer changed) are dropped
    # before later rules read them, so stale answers never show questions or count.
    shown: list[Question] = []
    effective: dict[str, Answer] = {}
    for section in protocol.sections:
        if not section.audience.includes(presumed_child):
            continue
        if section.show_if is not None and not evaluate(section.show_if, effective):
            continue
        for question in section.questions:
            if not question.audience.includes(presumed_child):
                continue
            if question.show_if is not None and not evaluate(question.show_if, effective):
                continue
            shown.append(question)
            if question.id in answers:
                effective[question.id] = answers[question.id]
    return shown, effective


def visible_questions(
    protocol: Protocol,
    section: Section,
    answers: Mapping[str, Answer],
    presumed_child: bool,
) -> list[Question]:
    """The questions of ``section`` to show now, in order (empty if the section is hidden)."""
    shown, _ = _walk(protocol, answers, presumed_child)
    return [q for q in shown if q.section_id == section.id]


def visible_question_ids(
    protocol: Protocol, answers: Mapping[str, Answer], presumed_child: bool
) -> frozenset[str]:
    """Ids of every question shown now, across all sections."""
    shown, _ = _walk(protocol, answers, presumed_child)
    return frozenset(q.id for q in shown)


def effective_answers(
    protocol: Protocol, answers: Mapping[str, Answer], presumed_child: bool
) -> dict[str, Answer]:
    """The answers that count: those to questions currently shown."""
    _, effective = _walk(protocol, answers, presumed_child)
    return effective


def presumed_child(protocol: Protocol, answers: Mapping[str, Answer]) -> bool:
    """Apply the protocol's age rule: a stated age under 18, any doubt, or (no age stated) an
    apparent age that is not clearly adult, or nothing known at all, means presumed child."""
    rule = protocol.age_rule
    apparent = answers.get(rule.apparent_age_question) if rule.apparent_age_question else None
    return is_presumed_child(
        answers.get(rule.age_question),
        answers.get(rule.doubt_question),
        adult_age=rule.adult_age,
        apparent_age_answer=apparent,
        apparent_adult=rule.apparent_adult_options,
    )


def validate_answer(question: Question, answer: Answer) -> None:
    """Raise ``InvalidAnswer`` unless ``answer`` fits ``question``'s type, options and range."""
    if answer.question_id != question.id:
        raise InvalidAnswer(answer.question_id, f"answer given for question '{question.id}'")
    if not answer.is_answered:
        return
    value = answer.value
    kind = question.answer_type
    if kind is AnswerType.MULTI_CHOICE:
        if not isinstance(value, tuple) or not value:
            raise InvalidAnswer(question.id, "a multi-choice answer is a non-empty list of options")
        unknown = [v for v in value if v not in question.options]
        if unknown or len(set(value)) != len(value):
            raise InvalidAnswer(question.id, f"options {list(value)} are unknown or repeated")
        return
    if kind in (AnswerType.YES_NO, AnswerType.SINGLE_CHOICE):
        if value not in question.options:
            raise InvalidAnswer(question.id, f"{value!r} is not one of {list(question.options)}")
        return
    if kind is AnswerType.NUMBER:
        if not isinstance(value, int):
            raise InvalidAnswer(question.id, "a number answer is a whole number")
        if question.minimum is not None and value < question.minimum:
            raise InvalidAnswer(question.id, f"{value} is below the minimum {question.minimum}")
        if question.maximum is not None and value > question.maximum:
            raise InvalidAnswer(question.id, f"{value} is above the maximum {question.maximum}")
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidAnswer(question.id, "a text or date answer is a non-empty string")
    if kind is AnswerType.DATE and not _is_iso_date(value):
        raise InvalidAnswer(question.id, f"{value!r} is not a date YYYY-MM-DD")


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
