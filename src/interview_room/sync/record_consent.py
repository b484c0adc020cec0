"""What a case record may carry to the central office: the person's identity, free text and
answers only when they agreed to a record being kept (docs/BUNDLE_FORMAT.md, "What a case
record may carry"). Without that agreement the record is the anonymous minimal one.

Pure functions over the record's JSON document: the station builds records with
:func:`minimal_record`, the centre's importer refuses a record that :func:`breach` finds
something in. Agreement is read from the record's own answers, never from a flag it sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interview_room.interview.personal_data import (
    EVENT_DETAIL_KEPT,
    MINIMAL_QUESTIONS,
    PersonalData,
    minimal_question_ids,
    minimal_suggestion,
    storage_question_id,
)
from interview_room.screening import Protocol

STORAGE_QUESTION = "consent_storage"
"""The storage consent's id in protocols v1 and v2, for a record whose protocol is unknown."""

DECISION_FIELDS_KEPT = frozenset({"suggested", "decision", "decided_at"})
INTERVIEW_FIELDS_KEPT = frozenset({"protocol", "presumed_child", "outcome", "ended_at", "age_band"})
CASE_FIELDS_KEPT = frozenset({"id", "code", "status", "started_at", "officer", "social_worker"})


def _minimal_ids(protocol: Protocol | None) -> frozenset[str]:
    if protocol is None:
        return frozenset({*MINIMAL_QUESTIONS, STORAGE_QUESTION})
    return minimal_question_ids(protocol)


def storage_agreed(document: Mapping[str, Any], protocol: Protocol | None) -> bool:
    """Whether the record's own answers say the person agreed to a record being kept."""
    wanted = [storage_question_id(protocol) if protocol else STORAGE_QUESTION, "answered", "yes"]
    answers = document.get("answers")
    return isinstance(answers, list) and wanted in answers


def minimal_record(
    document: Mapping[str, Any], age_band: str | None, protocol: Protocol | None, why: PersonalData
) -> dict[str, Any]:
    """The anonymous minimal record of a full ``document``: the date and station, sex,
    nationality, an age band, the outcome, the referrals made, and the consents."""
    keep = _minimal_ids(protocol)
    case = {k: v for k, v in document["case"].items() if k in CASE_FIELDS_KEPT}
    interview = document.get("interview")
    if interview is not None:
        interview = {k: v for k, v in interview.items() if k in INTERVIEW_FIELDS_KEPT}
        interview["age_band"] = age_band
    decision = document.get("decision")
    if decision is not None:
        decision = {k: v for k, v in decision.items() if k in DECISION_FIELDS_KEPT}
    return {
        **document,
        "personal_data": why.value,
        "case": case,
        "interview": interview,
        "answers": [entry for entry in document["answers"] if entry[0] in keep],
        "events": [
            [at, kind, {k: v for k, v in detail.items() if k in EVENT_DETAIL_KEPT}]
            for at, kind, detail in document["events"]
        ],
        "decision": decision,
    }


def breach(document: object, protocol: Protocol | None) -> str | None:
    """What ``document`` carries that the consents it records do not allow, in words that
    name a field and never its content; None when it keeps to the rule."""
    if not isinstance(document, dict):
        return "it is not a case record"
    if storage_agreed(document, protocol):
        return None
    case = document.get("case")
    if isinstance(case, dict) and case.get("person_name"):
        return "the person's name"
    if isinstance(case, dict) and set(case) - CASE_FIELDS_KEPT - {"person_name"}:
        return "case fields beyond the minimal record"
    interview = document.get("interview")
    if isinstance(interview, dict) and set(interview) - INTERVIEW_FIELDS_KEPT:
        return "the interview's language or place"
    answers = document.get("answers") or []
    keep = _minimal_ids(protocol)
    if not isinstance(answers, list) or any(
        not isinstance(entry, list) or not entry or entry[0] not in keep for entry in answers
    ):
        return "answers beyond the minimal record"
    events = document.get("events") or []
    if not isinstance(events, list) or any(
        not isinstance(event, list)
        or len(event) != 3
        or not isinstance(event[2], dict)
        or set(event[2]) - EVENT_DETAIL_KEPT
        for event in events
    ):
        return "free text in the interview's events"
    decision = document.get("decision")
    if isinstance(decision, dict):
        if decision.get("reasons"):
            return "the reasons for the decision"
        suggestion = decision.get("suggestion")
        if isinstance(suggestion, dict) and suggestion != minimal_suggestion(suggestion):
            return "the indicators behind the suggestion"
        if set(decision) - DECISION_FIELDS_KEPT - {"reasons", "suggestion"}:
            return "decision fields beyond the minimal record"
    return None
