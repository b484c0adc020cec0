"""The referral form's wording in its language: the form's own labels, the person's language
named in it, answers put in words, and an interview's answers read through both."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interview_room.interview.interview import Interview
from interview_room.resources import resources_root
from interview_room.screening import Answer, AnswerStatus, AnswerType, Protocol, Question, text


@cache
def form_labels(language: str, folder: Path | None = None) -> Mapping[str, str]:
    """The form's own wording in ``language`` (English fills any gap)."""
    root = folder or resources_root() / "referral"
    english = json.loads((root / "en.json").read_text(encoding="utf-8"))["texts"]
    if language == "en":
        return dict(english)
    wanted = json.loads((root / f"{language}.json").read_text(encoding="utf-8"))["texts"]
    return {**english, **wanted}


def language_name(protocol: Protocol, code: str, language: str) -> str:
    """The person's language ``code`` named in ``language``, the document's ("Arabisht" on an
    Albanian form, not "العربية"); a language the form wording does not name keeps the
    protocol's own name for it. Only what the person reads names it in itself."""
    return form_labels(language).get(f"language.{code}") or protocol.catalogs[code].name


def answer_text(protocol: Protocol, language: str, question: Question, answer: Answer) -> str:
    """An answer as words in ``language``: option texts, numbers, dates, or the status."""
    if answer.status is not AnswerStatus.ANSWERED:
        return text(protocol, language, f"answer_status.{answer.status.value}")
    if question.answer_type in (AnswerType.TEXT, AnswerType.NUMBER, AnswerType.DATE):
        return str(answer.value)
    return ", ".join(
        text(protocol, language, question.option_text(str(option))) for option in answer.selected()
    )


@dataclass(frozen=True)
class FormWords:
    """The interview's answers and the protocol's texts, put in the form's language."""

    interview: Interview
    language: str
    labels: Mapping[str, str]
    answers: Mapping[str, Answer]

    def t(self, text_id: str) -> str:
        return text(self.interview.protocol, self.language, text_id)

    def answered(self, question_id: str) -> str:
        answer = self.answers.get(question_id)
        protocol = self.interview.protocol
        if answer is None:
            # An observation is the interviewers' to record, not the person's to give.
            observed = (
                protocol.has_question(question_id) and protocol.question(question_id).observation
            )
            return self.labels["value.not_recorded" if observed else "value.not_given"]
        return answer_text(protocol, self.language, protocol.question(question_id), answer)
