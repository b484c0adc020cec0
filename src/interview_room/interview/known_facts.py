"""What the app already knows when an interview begins, recorded so the interviewers need not
type it: never anything about the person."""

from __future__ import annotations

from datetime import date

from interview_room.screening import Answer, InvalidAnswer, Protocol, validate_answer
from interview_room.workstation import Session

STATION_LOCATIONS = {"MOR": "morine", "HAN": "han_i_hotit"}
"""The interview room each station code stands for (``prep_location``'s options)."""
FILLED_IN_BY_THE_APP = frozenset(
    {
        "prep_date",
        "prep_officer",
        "prep_location",
        "prep_social_worker_service",
        "prep_social_worker_name",
    }
)
"""The questions :func:`known_facts` may answer when an interview begins."""


def known_facts(session: Session, protocol: Protocol, social_worker: str = "") -> dict[str, Answer]:
    """What the app already knows and the interviewers would otherwise type: the date, the
    signed-in officer, the interview room and, when one was chosen from this workstation's
    users, the co-interviewing social worker (a user here works for the State Social Service;
    an NGO's social worker is recorded by hand). Recorded when the interview begins; each can
    be corrected like any answer. Nothing about the person is ever filled in."""
    facts: dict[str, str] = {
        "prep_date": date.today().isoformat(),
        "prep_officer": session.user.display_name,
    }
    if social_worker.strip():
        facts["prep_social_worker_service"] = "state_social_service"
        facts["prep_social_worker_name"] = social_worker
    location = STATION_LOCATIONS.get(session.station.code.upper())
    if location is not None:
        facts["prep_location"] = location
    known: dict[str, Answer] = {}
    for question_id, value in facts.items():
        if not protocol.has_question(question_id) or not value.strip():
            continue
        answer = Answer.given(question_id, value)
        try:
            validate_answer(protocol.question(question_id), answer)
        except InvalidAnswer:
            continue
        known[question_id] = answer
    return known
