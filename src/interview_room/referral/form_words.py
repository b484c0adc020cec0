"""The referral form's wording in its language: the form's own labels, the person's language
named in it, answers put in words, and an interview's answers read through both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interview_room.interview.interview import Interview
from interview_room.resources import ResourceFileInvalid, read_json_file, resources_root
from interview_room.screening import Answer, AnswerStatus, AnswerType, Protocol, Question, text


@cache
def form_labels(language: str, folder: Path | None = None) -> Mapping[str, str]:
    """The form's own wording in ``language`` (English fills any gap)."""
    root = folder or resources_root() / "referral"
    english = _form_texts(root / "en.json")
    if language == "en":
        return dict(english)
    return {**english, **_form_texts(root / f"{language}.json")}


FORM_FILE_FIELDS = frozenset(
    {"language", "name", "partial", "direction", "status", "to_confirm", "texts"}
)
"""The top-level fields of a form wording file (``resources/referral/<lang>.json``)."""


def _form_texts(path: Path) -> Mapping[str, str]:
    """The ``texts`` of one form wording file, through the one resource check
    (``ResourceFileInvalid`` names the file, the place and the fault)."""
    raw = read_json_file(path, fields=FORM_FILE_FIELDS, required={"language", "name", "texts"})
    texts = raw["texts"]
    if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
        raise ResourceFileInvalid(path.name, "field 'texts'", "it must map text ids to words")
    return texts


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
