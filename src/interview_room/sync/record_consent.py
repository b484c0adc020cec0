"""What a case record may carry to the central office: the person's identity, free text and
answers only when they agreed to a record being kept (docs/BUNDLE_FORMAT.md, "What a case
record may carry"). Without that agreement the record is the anonymous minimal one.

Pure functions over the record's JSON document: the station builds records with
:func:`minimal_record`, the centre's importer refuses a record that :func:`breach` finds
something in. Agreement is read from the record's own answers, never from a flag it sets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from interview_room.interview.personal_data import (
    ADULT_AGE_UNKNOWN,
    AGE_BANDS,
    AGE_UNKNOWN,
    CHILD_AGE_UNKNOWN,
    EVENT_DETAIL_KEPT,
    MINIMAL_QUESTIONS,
    PersonalData,
    minimal_question_ids,
    minimal_suggestion,
    storage_question_id,
)
from interview_room.screening import Protocol
from interview_room.screening.answers import AnswerStatus
from interview_room.screening.protocol import AnswerType

STORAGE_QUESTION = "consent_storage"
"""The storage consent's id in protocols v1 and v2, for a record whose protocol is unknown."""

DECISION_FIELDS_KEPT = frozenset({"suggested", "decision", "decided_at"})
INTERVIEW_FIELDS_KEPT = frozenset({"protocol", "presumed_child", "outcome", "ended_at", "age_band"})
CASE_FIELDS_KEPT = frozenset({"id", "code", "status", "started_at", "officer", "social_worker"})
RECORD_FIELDS = frozenset(
    {
        "format",
        "station_id",
        "personal_data",
        "case",
        "interview",
        "answers",
        "events",
        "decision",
        "referrals",
    }
)
"""Every top-level key a case record has (``sync/records.py``)."""
REFERRAL_FIELDS = frozenset(
    {
        "id",
        "recipient",
        "language",
        "urgency",
        "consented",
        "created_at",
        "officer_signed_at",
        "social_worker_signed_at",
        "pdf_sha256",
        "own_words_left_out",
    }
)
UNKNOWN_PROTOCOL = "an interview under a protocol the central office does not know"
"""What :func:`breach` says of a minimal record whose protocol the centre does not hold."""
STAFF_FIELDS = frozenset({"officer", "social_worker"})
"""Case fields naming staff (display names, in words): the only words a minimal record holds."""
_STAFF_NAME = re.compile(
    r"(?:[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?)(?: [^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?){0,3}"
)
# A staff member's display name as an administrator types it (``users.display_name``): one to
# four words of letters (a hyphen, an apostrophe or a dot inside a word), at most 64 characters.
# The centre cannot hold it to the station's certified names when it reads the record: the
# register of certificates carries user names, comes in the same bundle after the cases, and a
# colleague who never signed has no certificate. The shape keeps out a sentence, digits (a
# birth year, a telephone number) and punctuation; a display name is a name all the same.
STAFF_NAME_LENGTH = 64
RECORD_FORMAT = 1
"""The case record's format (``sync/records.py`` writes it): the rule below is for this one."""
RECORD_FORMATS = frozenset({RECORD_FORMAT})
ANSWER_STATUSES = frozenset(status.value for status in AnswerStatus)
_CODED = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:+\-]{0,127}")
# Codes of a known shape (what the station writes: ``secrets.token_hex``, ``CaseRegister``,
# ISO times) and the closed lists of values a minimal record holds. Kept here, beside the rule,
# and tested against the modules that write them (tests/sync/test_record_consent_shapes.py).
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
# A case code is the station's code (signing/station_names.STATION_CODE), the year and a number.
_CASE_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}-[0-9]{4}-[0-9]{4,9}")
_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?"
)
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_EVENT_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|\+00:00)")
"""An event's time in a minimal record: to the second, in UTC, as a station writes it
(``interview_store.now``). Attacker 5, C1: microseconds and offsets carried characters."""
MAX_MINIMAL_EVENTS = 100
"""Events a minimal record keeps (the first ones and the last): a long list was a channel."""
EVENT_KINDS = frozenset(
    {"started", "resumed", "break_started", "break_ended", "stopped", "consent_refused", "finished"}
)
STOP_REQUESTERS = frozenset({"person", "interviewer", "other"})
DECISIONS = frozenset({"potential_victim", "child_at_risk", "indicators_not_met", "not_determined"})
SUGGESTIONS = frozenset(
    {
        "potential_victim",
        "child_at_risk",
        "indicators_not_met",
        "potential_victim_at_risk",
        "not_determined",  # a refused interview (protocol 2, third review): no decision follows
    }
)
INTERVIEW_OUTCOMES = frozenset({"consent_refused", "stopped", "finished"})
CASE_STATUSES = frozenset({"draft", "incomplete", "completed", "referred", "synced"})
URGENCIES = frozenset({"immediate", "within_24_hours", "routine"})
PERSONAL_DATA_VALUES = frozenset(item.value for item in PersonalData)
AGE_BAND_NAMES = frozenset(
    {*(band for band, _, _ in AGE_BANDS), CHILD_AGE_UNKNOWN, ADULT_AGE_UNKNOWN, AGE_UNKNOWN}
)


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
    for key in STAFF_FIELDS & case.keys():
        # A display name typed before names were held to their shape (a digit, a comma) would
        # have the centre refuse the whole bundle: the minimal record names nobody instead.
        if not _staff_name(case[key]):
            case[key] = ""
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
        "answers": [_one_set(entry) for entry in document["answers"] if entry[0] in keep],
        "events": [
            [at, kind, {k: v for k, v in detail.items() if k in EVENT_DETAIL_KEPT}]
            for at, kind, detail in _bounded(document["events"])
        ],
        "decision": decision,
    }


def breach(
    document: object, protocol: Protocol | None, *, station_id: str | None = None
) -> str | None:
    """What ``document`` carries that the consents it records do not allow, in words that
    name a field and never its content; None when it keeps to the rule.

    ``protocol`` is the one the record's interview names, as the centre knows it (shipped or
    published): None when the centre does not know it, and then a minimal record may hold no
    interview, answers, decision or referrals, since nothing would say which values its
    answers and recipients may take. ``station_id``, when given, is the station that sent it.
    """
    if not isinstance(document, dict):
        return "it is not a case record"
    if storage_agreed(document, protocol):
        return None
    if protocol is None and any(
        document.get(key) for key in ("interview", "answers", "decision", "referrals")
    ):
        return UNKNOWN_PROTOCOL
    if station_id is not None and document.get("station_id") != station_id:
        return "words where the record has codes"
    # An allow-list, field by field: a key the rule does not know, or words where a code
    # belongs, could carry a name as well as the fields the rule names.
    if set(document) - RECORD_FIELDS:
        return "fields beyond the minimal record"
    if not all(_coded(document.get(key)) for key in ("format", "station_id", "personal_data")):
        return "words where the record has codes"
    return (
        _case_breach(document)
        or _interview_breach(document)
        or _answers_breach(document, protocol)
        or _events_breach(document)
        or _decision_breach(document)
        or _referrals_breach(document)
        or _misshapen(document, protocol)
    )


def _case_breach(document: Mapping[str, Any]) -> str | None:
    """The case part of a minimal record: codes and staff names only, never the person's."""
    case = document.get("case")
    if isinstance(case, dict) and case.get("person_name"):
        return "the person's name"
    if case is not None and (
        not isinstance(case, dict) or set(case) - CASE_FIELDS_KEPT - {"person_name"}
    ):
        return "case fields beyond the minimal record"
    if isinstance(case, dict) and not all(
        _staff_name(value) if key in STAFF_FIELDS else _coded(value) for key, value in case.items()
    ):
        return "words where the case has codes"
    return None


def _interview_breach(document: Mapping[str, Any]) -> str | None:
    interview = document.get("interview")
    if interview is not None and (
        not isinstance(interview, dict) or set(interview) - INTERVIEW_FIELDS_KEPT
    ):
        return "the interview's language or place"
    if isinstance(interview, dict) and not _coded(interview):
        return "words where the interview has codes"
    return None


def _answers_breach(document: Mapping[str, Any], protocol: Protocol | None) -> str | None:
    """Only the minimal questions, each answered with one of its choices."""
    answers = document.get("answers") or []
    keep = _minimal_ids(protocol)
    if not isinstance(answers, list) or any(
        not isinstance(entry, list) or not entry or entry[0] not in keep for entry in answers
    ):
        return "answers beyond the minimal record"
    if any(
        len(entry) != 3
        or entry[1] not in ANSWER_STATUSES
        or not _answer_value(entry[0], entry[2], protocol)
        for entry in answers
    ):
        return "an answer that is not one of its question's choices"
    return None


def _events_breach(document: Mapping[str, Any]) -> str | None:
    """A bounded number of events, coded, with only the details a minimal record keeps."""
    events = document.get("events") or []
    if isinstance(events, list) and len(events) > MAX_MINIMAL_EVENTS:
        return "more events than a minimal record keeps"
    if not isinstance(events, list) or any(
        not isinstance(event, list)
        or len(event) != 3
        or not isinstance(event[2], dict)
        or set(event[2]) - EVENT_DETAIL_KEPT
        or not _coded(event)
        for event in events
    ):
        return "free text in the interview's events"
    return None


def _decision_breach(document: Mapping[str, Any]) -> str | None:
    """The decision's codes, without its reasons or the indicators behind the suggestion."""
    decision = document.get("decision")
    if decision is not None and not isinstance(decision, dict):
        return "decision fields beyond the minimal record"
    if isinstance(decision, dict):
        if decision.get("reasons"):
            return "the reasons for the decision"
        suggestion = decision.get("suggestion")
        if suggestion is not None and not isinstance(suggestion, dict):
            return "words where the decision has codes"
        if isinstance(suggestion, dict) and suggestion != minimal_suggestion(suggestion):
            return "the indicators behind the suggestion"
        if set(decision) - DECISION_FIELDS_KEPT - {"reasons", "suggestion"}:
            return "decision fields beyond the minimal record"
        if not _coded({k: v for k, v in decision.items() if k != "reasons"}):
            return "words where the decision has codes"
    return None


def _referrals_breach(document: Mapping[str, Any]) -> str | None:
    referrals = document.get("referrals") or []
    if not isinstance(referrals, list) or any(
        not isinstance(referral, dict) or set(referral) - REFERRAL_FIELDS or not _coded(referral)
        for referral in referrals
    ):
        return "referral fields beyond the minimal record"
    return None


def _misshapen(document: Mapping[str, Any], protocol: Protocol | None) -> str | None:
    """Where a code of a known shape or a closed list holds something else: "coded" alone let a
    name written as one identifier (``Besa_Shembulli``) pass as an event kind, a case code, a
    status, a decision, a recipient or a protocol's id. No field of a minimal record is open:
    recipients and protocol ids are held to the protocol the record names, as the centre
    knows it (``protocol`` is None only for a record with no interview)."""
    if document.get("personal_data") not in PERSONAL_DATA_VALUES:
        return "words where the record has codes"
    if document.get("format") not in RECORD_FORMATS:
        return "words where the record has codes"
    named = None if protocol is None else [protocol.id, protocol.version, protocol.content_hash]
    case = document.get("case")
    if isinstance(case, dict) and not (
        _shaped(case.get("id"), _HEX32)
        and _shaped(case.get("code"), _CASE_CODE)
        and case.get("status") in CASE_STATUSES
        and _shaped(case.get("started_at"), _TIME)
    ):
        return "words where the case has codes"
    interview = document.get("interview")
    if isinstance(interview, dict) and not (
        interview.get("outcome") in (None, *INTERVIEW_OUTCOMES)
        and interview.get("age_band") in (None, *AGE_BAND_NAMES)
        and interview.get("presumed_child") in (None, True, False)
        and _shaped(interview.get("ended_at"), _TIME, optional=True)
        and interview.get("protocol") == named
    ):
        return "words where the interview has codes"
    for at, kind, detail in document.get("events") or []:
        if not (
            _shaped(at, _EVENT_TIME)
            and kind in EVENT_KINDS
            and detail.get("requested_by") in (None, *STOP_REQUESTERS)
            and detail.get("decision") in (None, *DECISIONS)
        ):
            return "free text in the interview's events"
    decision = document.get("decision")
    if isinstance(decision, dict) and not (
        decision.get("suggested") in (None, *SUGGESTIONS)
        and decision.get("decision") in (None, *DECISIONS)
        and _shaped(decision.get("decided_at"), _TIME, optional=True)
        and _minimal_suggestion_held(decision.get("suggestion"), named)
    ):
        return "words where the decision has codes"
    for referral in document.get("referrals") or []:
        if not _referral_shaped(referral, protocol):
            return "referral fields beyond the minimal record"
    return None


def _referral_shaped(referral: Mapping[str, Any], protocol: Protocol | None) -> bool:
    """A referral's codes of a known shape, its recipient one the protocol names."""
    return (
        _shaped(referral.get("id"), _HEX32)
        and _shaped(referral.get("language"), _LANGUAGE)
        and referral.get("urgency") in URGENCIES
        and protocol is not None
        and referral.get("recipient") in protocol.referral_recipients
        and referral.get("consented") in (True, False)
        and all(
            _shaped(referral.get(key), _TIME, optional=key != "created_at")
            for key in ("created_at", "officer_signed_at", "social_worker_signed_at")
        )
        and _shaped(referral.get("pdf_sha256"), _HEX64, optional=True)
        and referral.get("own_words_left_out") in (None, True)
    )


def _minimal_suggestion_held(suggestion: object, named: list[str] | None) -> bool:
    """The rule's suggestion a minimal record may keep: an outcome of the closed list and the
    protocol the interview names (``minimal_suggestion``), either left out."""
    if suggestion is None:
        return True
    if not isinstance(suggestion, dict):
        return False
    return suggestion.get("outcome") in (None, *SUGGESTIONS) and suggestion.get("protocol") in (
        None,
        named,
    )


def is_staff_name(value: str) -> bool:
    """Whether ``value`` may be a staff member's display name: what a station lets an
    administrator type is what the centre accepts in a minimal record (``accounts``)."""
    return bool(value) and _staff_name(value)


def _staff_name(value: object) -> bool:
    """A staff member's display name (``_STAFF_NAME``), or empty when nobody is named."""
    return isinstance(value, str) and (
        value == ""
        or (len(value) <= STAFF_NAME_LENGTH and _STAFF_NAME.fullmatch(value) is not None)
    )


def _shaped(value: object, shape: re.Pattern[str], *, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and shape.fullmatch(value) is not None


def _coded(value: object) -> bool:
    """``value`` holds only codes: numbers, true/false, null, identifiers, times and hashes
    (no spaces, at most 128 characters), in lists and objects with identifiers as keys."""
    if value is None or isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, str):
        return value == "" or _CODED.fullmatch(value) is not None
    if isinstance(value, list):
        return all(_coded(item) for item in value)
    if isinstance(value, dict):
        return all(_CODED.fullmatch(str(key)) and _coded(item) for key, item in value.items())
    return False


def _answer_value(question_id: object, value: object, protocol: Protocol | None) -> bool:
    """An answer the minimal record may hold: one of its question's choices, or for a
    multi-choice question a list of them without repeats, when the protocol is known;
    codes only when it is not. Attacker 5, C1: a single choice given as a list of any length
    spelled a name by its options' first letters."""
    if protocol is None or not isinstance(question_id, str):
        return _coded(value)
    if not protocol.has_question(question_id):
        return False
    question = protocol.question(question_id)
    options = question.options
    if value is None:
        return True
    if question.answer_type is AnswerType.MULTI_CHOICE:
        return (
            isinstance(value, list)
            and all(isinstance(item, str) and item in options for item in value)
            and len(set(value)) == len(value) > 0
        )  # sorted by the station (``_one_set``); a station of before may send its own order
    return isinstance(value, str) and value in options


def _one_set(entry: list[Any]) -> list[Any]:
    """An answer as a minimal record keeps it: a multi-choice list sorted, without repeats."""
    if len(entry) == 3 and isinstance(entry[2], list):
        return [entry[0], entry[1], sorted(set(entry[2]))]
    return entry


def _bounded(events: list[Any]) -> list[Any]:
    """At most ``MAX_MINIMAL_EVENTS``: the first ones and the last (how the interview ended)."""
    if len(events) <= MAX_MINIMAL_EVENTS:
        return events
    return [*events[: MAX_MINIMAL_EVENTS - 1], events[-1]]
