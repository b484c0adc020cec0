"""A case as one sync record: canonical JSON of everything the central office keeps about it.

The record is built from the store's rows, so the centre can read it with the protocol id,
version and hash it names. Referral PDFs stay at the station; the record lists the referrals
made and their signatures. What it carries follows the person's consent to a record being kept
(``record_consent.py``): without it, only the anonymous minimal record travels.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from interview_room.sync.record_consent import RECORD_FORMAT as RECORD_FORMAT

if TYPE_CHECKING:
    from interview_room.store.database import Database

RECORD_KIND = "case"


def canonical(document: Any) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def case_record(db: Database, case_id: str, station_id: str) -> bytes:
    """The canonical bytes of one case's record."""
    document: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "station_id": station_id,
        "case": _case(db, case_id),
        "interview": _interview(db, case_id),
        "answers": _answers(db, case_id),
        "events": _events(db, case_id),
        "decision": _decision(db, case_id),
        "referrals": _referrals(db, case_id),
    }
    return canonical(_as_consented(db, case_id, document))


def _case(db: Database, case_id: str) -> dict[str, Any]:
    """The case's code, status (as before it was synced), person, start and staff."""
    case = db.one(
        "SELECT c.code, CASE WHEN c.status = 'synced' THEN coalesce(r.prior_status, 'completed')"
        " ELSE c.status END, c.person_name, c.started_at, c.updated_at,"
        " coalesce(o.display_name, ''), coalesce(s.display_name, '')"
        " FROM cases c LEFT JOIN users o ON o.id = c.officer_id"
        " LEFT JOIN sync_records r ON r.case_id = c.id"
        " LEFT JOIN users s ON s.id = c.social_worker_id WHERE c.id = ?",
        (case_id,),
    )
    assert case is not None, case_id
    return {
        "id": case_id,
        "code": case[0],
        "status": case[1],
        "person_name": case[2],
        "started_at": case[3],
        "officer": case[5],
        "social_worker": case[6],
    }


def _interview(db: Database, case_id: str) -> dict[str, Any] | None:
    interview = db.one(
        "SELECT protocol_id, protocol_version, protocol_hash, person_language, current_section,"
        " presumed_child, outcome, ended_at FROM interviews WHERE case_id = ?",
        (case_id,),
    )
    if interview is None:
        return None
    return {
        "protocol": [interview[0], interview[1], interview[2]],
        "person_language": interview[3],
        "current_section": interview[4],
        "presumed_child": bool(interview[5]),
        "outcome": interview[6],
        "ended_at": interview[7],
    }


def _answers(db: Database, case_id: str) -> list[list[Any]]:
    return [
        [str(r[0]), str(r[1]), json.loads(r[2]) if r[2] is not None else None]
        for r in db.all(
            "SELECT question_id, status, value FROM answers WHERE case_id = ? ORDER BY question_id",
            (case_id,),
        )
    ]


def _events(db: Database, case_id: str) -> list[list[Any]]:
    return [
        [str(r[0]), str(r[1]), json.loads(str(r[2]))]
        for r in db.all(
            "SELECT at, kind, detail FROM interview_events WHERE case_id = ? ORDER BY id",
            (case_id,),
        )
    ]


def _decision(db: Database, case_id: str) -> dict[str, Any] | None:
    decision = db.one(
        "SELECT suggested_outcome, suggestion, decision, reasons, decided_at FROM decisions"
        " WHERE case_id = ?",
        (case_id,),
    )
    if decision is None:
        return None
    return {
        "suggested": decision[0],
        "suggestion": json.loads(str(decision[1])),
        "decision": decision[2],
        "reasons": decision[3],
        "decided_at": decision[4],
    }


def _referrals(db: Database, case_id: str) -> list[dict[str, Any]]:
    """The referrals made, their signatures and their PDF's hash (the PDF stays here)."""
    return [
        {
            "id": str(r[0]),
            "recipient": str(r[1]),
            "language": str(r[2]),
            "urgency": str(r[3]),
            "consented": bool(r[4]),
            "created_at": str(r[5]),
            "officer_signed_at": r[6],
            "social_worker_signed_at": r[7],
            # The PDF stays at the station; its hash lets the centre vouch, after the
            # certificates expire, that this exact form existed when the record arrived.
            "pdf_sha256": hashlib.sha256(bytes(r[8])).hexdigest(),
            # Only when true: a record without it reads as before (docs/BUNDLE_FORMAT.md).
            **({"own_words_left_out": True} if r[9] else {}),
        }
        for r in db.all(
            "SELECT id, recipient, language, urgency, consented, created_at, officer_signed_at,"
            " social_worker_signed_at, pdf, own_words_left_out FROM referrals"
            " WHERE case_id = ? ORDER BY created_at",
            (case_id,),
        )
    ]


def _as_consented(db: Database, case_id: str, document: dict[str, Any]) -> dict[str, Any]:
    from interview_room.interview.personal_data import PersonalData, age_band
    from interview_room.interview.protocols import ProtocolUnavailable
    from interview_room.sync.centre_holdings import station_protocols
    from interview_room.sync.record_consent import minimal_record

    row = db.one("SELECT personal_data, age_band FROM interviews WHERE case_id = ?", (case_id,))
    state = PersonalData(str(row[0])) if row else PersonalData.MINIMAL
    if state is PersonalData.KEPT:
        return _with_seen_before(db, case_id, document)
    interview = document["interview"]
    protocol = None
    if interview is not None:
        try:
            # The station's library: shipped and received versions (the store's folder).
            protocol = station_protocols(db.path.parent, db).find(*interview["protocol"])
        except ProtocolUnavailable:
            protocol = None  # the strictest minimal record: sex and nationality only
    band = row[1] if row and row[1] else None
    if band is None:
        asked = protocol.age_rule.age_question if protocol else "prep_age"
        ages = [
            value
            for question, status, value in document["answers"]
            if question == asked and status == "answered"
        ]
        band = age_band(ages[0] if ages else None, bool(interview and interview["presumed_child"]))
    return minimal_record(document, band, protocol, state)


def _with_seen_before(db: Database, case_id: str, document: dict[str, Any]) -> dict[str, Any]:
    """Issue 16: a kept case's record carries its seen-before tokens under the current key
    (``seen_before/held.py``; never in a minimal record, which the centre would refuse)."""
    from datetime import UTC, datetime

    from interview_room.seen_before.held import record_tokens

    tokens = record_tokens(db, case_id, datetime.now(UTC).date())
    return document if tokens is None else {**document, "seen_before": tokens}
