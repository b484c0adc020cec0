"""A central office holding many synthetic cases, brought in the way stations send them:
signed, encrypted bundles that the real importer checks and stores.

The records have the shape ``sync.records.case_record`` gives them; every value is made up.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center.importer import import_bundle
from interview_room.center.store import CenterStore
from interview_room.sync.bundle import Bundle, BundleRecord, bundle_file_name, write_bundle
from interview_room.sync.records import RECORD_FORMAT, RECORD_KIND, canonical

STATIONS = (("Morinë", "MOR"), ("Han i Hotit", "HAN"), ("Kakavijë", "KAK"))
STATUSES = ("completed", "referred", "incomplete", "synced")
DECISIONS = ("potential_victim", "indicators_not_met", "child_at_risk", "")
FIRST_DAY = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)


def _record(station_id: str, code: str, number: int) -> bytes:
    started = FIRST_DAY + timedelta(hours=7 * number)
    decision = DECISIONS[number % len(DECISIONS)]
    return canonical(
        {
            "format": RECORD_FORMAT,
            "station_id": station_id,
            "case": {
                "id": f"case-{code}-{number:06d}",
                "code": f"TRN-{code}-{number:06d}",
                "status": STATUSES[number % len(STATUSES)],
                "person_name": f"Emër Shembulli {number}",
                "started_at": started.isoformat(timespec="seconds"),
                "officer": "Oficer Shembulli",
                "social_worker": "Punonjëse Shembulli",
            },
            "interview": {
                "protocol": ["screening", 1, "0" * 64],
                "person_language": "sq",
                "current_section": "determination",
                "presumed_child": number % 9 == 0,
                "outcome": "finished" if decision else "stopped",
                "ended_at": (started + timedelta(minutes=50)).isoformat(timespec="seconds"),
            },
            # Names travel only with the person's agreement to a record being kept.
            "answers": [["consent_storage", "answered", "yes"]],
            "events": [],
            "decision": {
                "suggested": decision,
                "suggestion": {},
                "decision": decision,
                "reasons": "",
                "decided_at": (started + timedelta(minutes=55)).isoformat(timespec="seconds"),
            }
            if decision
            else None,
            "referrals": [],
        }
    )


def filled_center(center_dir: Path, cases: int) -> CenterStore:
    """A new training centre with ``cases`` synthetic cases spread over three stations, each
    station's imported as one bundle."""
    center = CenterStore(center_dir)
    keys = center.create(training=True)
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    for index, (name, code) in enumerate(STATIONS):
        station_id = secrets.token_hex(16)
        key = Ed25519PrivateKey.from_private_bytes(center.enroll_station(station_id, name, code))
        numbers = range(index, cases, len(STATIONS))
        records = tuple(
            BundleRecord(RECORD_KIND, f"case-{code}-{n:06d}", 1, _record(station_id, code, n))
            for n in numbers
        )
        data = write_bundle(
            Bundle(station_id, 1, created_at, records),
            station_key=key,
            recipient=keys.age_recipient,
        )
        result = import_bundle(center, data, bundle_file_name(station_id, 1))
        assert result.imported == len(records), result
    return center
