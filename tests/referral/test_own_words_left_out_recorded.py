"""Leaving the person's own words out of a referral (``own_words.py``) is recorded with the
referral itself (migration 14), not only in the audit log: the referral list reads it, and the
sync record carries it beside the referral's other metadata, only when true, so a record (and
a bundle) made before reads as it did; the centre holds it to its one shape."""

from __future__ import annotations

import json
from typing import Any

from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.screening import Protocol
from interview_room.sync.record_consent import breach
from interview_room.sync.records import case_record
from interview_room.workstation import Session
from tests.referral.test_child_consent_and_own_words import OFFICER, decided
from tests.referral.test_child_consent_and_own_words import officer as officer
from tests.referral.test_child_consent_and_own_words import protocol as protocol


def _referrals_in_the_record(session: Session, case_id: str) -> list[dict[str, Any]]:
    document = json.loads(case_record(session.db, case_id, "a" * 32))
    referrals: list[dict[str, Any]] = document["referrals"]
    return referrals


def test_the_choice_is_kept_with_the_referral_and_travels_in_the_record(
    officer: Session, protocol: Protocol
) -> None:
    interview = decided(officer, protocol)
    referrals = Referrals(officer)
    left_out = referrals.create(
        interview,
        recipient="shelter",
        language="en",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
        leave_out_own_words=True,
    )
    kept = referrals.create(
        interview,
        recipient="state_social_service",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    # Asked to leave out, but the health form has no own words to leave: nothing left out.
    nothing_to_leave = referrals.create(
        interview,
        recipient="health_services",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
        leave_out_own_words=True,
    )
    listed = {r.id: r.own_words_left_out for r in referrals.for_case(interview.case.id)}
    assert listed == {left_out.id: True, kept.id: False, nothing_to_leave.id: False}
    assert referrals.get(left_out.id).own_words_left_out

    carried = {r["id"]: r for r in _referrals_in_the_record(officer, interview.case.id)}
    assert carried[left_out.id]["own_words_left_out"] is True
    assert "own_words_left_out" not in carried[kept.id], "absent when false: records as before"
    assert "own_words_left_out" not in carried[nothing_to_leave.id]


def test_the_centre_holds_the_field_to_its_shape(officer: Session, protocol: Protocol) -> None:
    referral = {
        "id": "b" * 32,
        "recipient": "shelter",
        "language": "sq",
        "urgency": "immediate",
        "consented": True,
        "created_at": "2026-12-07T10:00:00+00:00",
        "officer_signed_at": "2026-12-07T10:00:00+00:00",
        "social_worker_signed_at": None,
        "pdf_sha256": "c" * 64,
    }
    record: dict[str, Any] = {
        "format": 1,
        "station_id": "a" * 32,
        "personal_data": "minimal",
        "case": {
            "id": "d" * 32,
            "code": "MOR-2026-0001",
            "status": "completed",
            "started_at": "2026-12-07T09:00:00+00:00",
            "officer": "Oficer Shembulli",
            "social_worker": "",
        },
        "interview": None,
        "answers": [],
        "events": [],
        "decision": None,
        "referrals": [referral],
    }
    assert breach(record, protocol) is None, "an older record, without the field"
    newer = {**record, "referrals": [{**referral, "own_words_left_out": True}]}
    assert breach(newer, protocol) is None
    forged = {**record, "referrals": [{**referral, "own_words_left_out": "Besa Shembulli"}]}
    assert breach(forged, protocol) == "referral fields beyond the minimal record"
