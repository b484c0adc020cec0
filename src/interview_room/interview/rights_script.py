"""The rights script as it is read: who we are, by name (second practitioner's review, finding
16).

The protocol's text ``section.rights_and_consent.intro`` may name the people in the room with
``{officer}``, ``{social_worker}``, ``{service}`` and ``{interpreter}``; their values come from
*Preparation* (``prep_officer``, ``prep_social_worker_name``, ``prep_social_worker_service``,
``prep_interpreter_name``). A sentence naming someone who is not there, or whose name was not
written down, is left out whole, so the person never hears an empty name or a stray brace.
Names are put in as typed, never formatted (a name with braces stays a name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from interview_room.interview.interview import Interview
from interview_room.screening import Answer, AnswerStatus, text
from interview_room.screening.protocol import Protocol
from interview_room.screening.text_ids import NO_SERVICE, SERVICE_NAMED_IN_THE_RIGHTS

PLACEHOLDERS = ("officer", "social_worker", "service", "interpreter")
"""The names a rights script may use, each written ``{name}``."""
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f\u3002])[ \t]+")
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")


@dataclass(frozen=True)
class PeopleInTheRoom:
    """Who the person is told is in the room; None where nobody is (or no name was given)."""

    officer: str | None = None
    social_worker: str | None = None
    service: str | None = None
    """The social worker's service, in the language of the script."""
    interpreter: str | None = None

    def values(self) -> dict[str, str | None]:
        return {
            "officer": self.officer,
            "social_worker": self.social_worker,
            "service": self.service,
            "interpreter": self.interpreter,
        }


def _given(answers: Mapping[str, Answer], question_id: str) -> str | None:
    answer = answers.get(question_id)
    if answer is None or answer.status is not AnswerStatus.ANSWERED:
        return None
    value = str(answer.value).strip()
    return value or None


def people_in_the_room(
    protocol: Protocol, answers: Mapping[str, Answer], language: str
) -> PeopleInTheRoom:
    """The names written in *Preparation*, and the social worker's service named in
    ``language``."""
    service_id = _given(answers, SERVICE_NAMED_IN_THE_RIGHTS)
    with_social_worker = service_id is not None and service_id != NO_SERVICE
    service = None
    if with_social_worker and protocol.has_question(SERVICE_NAMED_IN_THE_RIGHTS):
        question = protocol.question(SERVICE_NAMED_IN_THE_RIGHTS)
        service = text(protocol, language, question.option_text(str(service_id)))
    interpreter = _given(answers, "prep_interpreter_name")
    return PeopleInTheRoom(
        officer=_given(answers, "prep_officer"),
        social_worker=_given(answers, "prep_social_worker_name") if with_social_worker else None,
        service=service,
        interpreter=interpreter if _given(answers, "prep_interpreter") == "yes" else None,
    )


def fill_names(script: str, people: PeopleInTheRoom) -> str:
    """``script`` with the names put in; a sentence naming someone absent is left out, and a
    paragraph left empty goes too. Paragraph breaks (blank lines) are kept as written."""
    values = people.values()
    parts = _PARAGRAPHS.split(script)
    kept: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a paragraph break
            continue
        sentences = [
            _PLACEHOLDER.sub(lambda match: values[match.group(1)] or "", sentence)
            for sentence in _SENTENCE_END.split(part)
            if all(values[name] for name in _PLACEHOLDER.findall(sentence))
        ]
        paragraph = " ".join(sentence for sentence in sentences if sentence.strip())
        if paragraph.strip():
            kept.append(paragraph)
    return "\n\n".join(kept)


def rights_script(interview: Interview, text_id: str, language: str) -> str:
    """The rights text ``text_id`` in ``language``, naming the people in the room."""
    protocol = interview.protocol
    people = people_in_the_room(protocol, interview.answers, language)
    return fill_names(text(protocol, language, text_id), people)
