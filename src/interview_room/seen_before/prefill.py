"""What the "seen before" check starts from, taken from what the case already holds (issue 16),
so the officer does not type the name and the birth again: the details recorded by an earlier
check, else the case's name split the way the app writes names (given names, then the
surname last) and the protocol's answers (nationality; the age, which gives no year).

Nothing is written here: the check (``held.record_details`` and ``held.check_case``) stores
what it always stored, and only with storage consent. No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from interview_room.seen_before.held import NATIONALITY_QUESTION

if TYPE_CHECKING:
    from interview_room.screening import Answer
    from interview_room.store.database import Database

AGE_QUESTION = "prep_age"
"""The protocol's age question (``age_rule.age_question`` of screening-v2); it asks no birth
date or year, so an age alone leaves the year to ask."""


@dataclass(frozen=True)
class SeenBeforePrefill:
    """The check's fields as the case gives them; the officer corrects them on screen."""

    given_names: str
    surname: str
    birth_year: int | None
    """None when the case holds no year (only an age, or nothing)."""
    birth_date: date | None
    nationality: str
    """The protocol's option id, or "" when not answered yet."""
    age: int | None
    """The age the person gave, when no year is known: shown, never turned into a year."""

    def __repr__(self) -> str:  # a repr in a log or a traceback must not carry the name
        return "SeenBeforePrefill(…)"


def split_name(full_name: str) -> tuple[str, str]:
    """(given names, surname) of a name written as the app writes it, the surname last:
    "Arben Shembulli" → ("Arben", "Shembulli"); one word is a given name alone."""
    words = full_name.split()
    if len(words) < 2:
        return (" ".join(words), "")
    return (" ".join(words[:-1]), words[-1])


def _answered(answers: Mapping[str, Answer], question_id: str) -> object | None:
    answer = answers.get(question_id)
    return answer.value if answer is not None and answer.is_answered else None


def prefill(
    db: Database,
    case_id: str,
    answers: Mapping[str, Answer],
    age_question: str = AGE_QUESTION,
) -> SeenBeforePrefill:
    """The fields for ``case_id``: details an earlier check recorded win over the case's name;
    the nationality and the age come from ``answers`` (the interview's, as on screen)."""
    nationality = _answered(answers, NATIONALITY_QUESTION)
    age = _answered(answers, age_question)
    recorded = db.one(
        "SELECT given_names, surname, birth_year, birth_date FROM seen_before_details"
        " WHERE case_id = ?",
        (case_id,),
    )
    if recorded is not None:
        given, surname = str(recorded[0]), str(recorded[1])
        year: int | None = int(recorded[2])
        born = date.fromisoformat(str(recorded[3])) if recorded[3] else None
    else:
        row = db.one("SELECT person_name FROM cases WHERE id = ?", (case_id,))
        given, surname = split_name(str(row[0]) if row else "")
        year, born = None, None
    return SeenBeforePrefill(
        given,
        surname,
        year,
        born,
        nationality if isinstance(nationality, str) else "",
        age if isinstance(age, int) and year is None else None,
    )
