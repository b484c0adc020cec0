"""Attacks on the consent rule at the centre: a name or free text for a person who refused a
record being kept, placed where the importer did not look (a key of its own, a coded answer's
value, a referral's fields, an event's kind, a coded outcome). Each bundle is signed with the
station's own key, as an insider who took it would sign; each must be refused whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from interview_room.center.importer import RecordBreaksConsent, import_bundle
from tests.center.test_import_consents import NAME, Linked, _minimal_record
from tests.center.test_import_consents import linked as linked

Forgery = Callable[[dict[str, Any]], None]
SPACED = NAME.replace("-", " ")


def _key_of_its_own(d: dict[str, Any]) -> None:
    d["notes"] = NAME


def _case_key(d: dict[str, Any]) -> None:
    d["case"]["alias"] = NAME


def _answer_value(d: dict[str, Any]) -> None:
    d["answers"] = [
        [q, status, NAME if q == "prep_sex" else value] for q, status, value in d["answers"]
    ]


def _answer_padding(d: dict[str, Any]) -> None:
    d["answers"].append(["prep_sex", "answered", "female", NAME])


def _referral(d: dict[str, Any]) -> None:
    d["referrals"] = [*d.get("referrals", []), {"id": "r1", "recipient": "shelter", "note": NAME}]


def _referral_value(d: dict[str, Any]) -> None:
    d["referrals"] = [*d.get("referrals", []), {"id": "r1", "recipient": SPACED}]


def _event_kind(d: dict[str, Any]) -> None:
    d["events"].append(["2026-03-07T09:00:00+00:00", SPACED, {}])


def _event_detail_value(d: dict[str, Any]) -> None:
    d["events"].append(["2026-03-07T09:00:00+00:00", "stopped", {"requested_by": SPACED}])


def _outcome(d: dict[str, Any]) -> None:
    d["interview"]["outcome"] = SPACED


def _case_code(d: dict[str, Any]) -> None:
    d["case"]["code"] = SPACED


def _personal_data(d: dict[str, Any]) -> None:
    d["personal_data"] = SPACED


@pytest.mark.parametrize(
    "forge",
    [
        _key_of_its_own,
        _case_key,
        _answer_value,
        _answer_padding,
        _referral,
        _referral_value,
        _event_kind,
        _event_detail_value,
        _outcome,
        _case_code,
        _personal_data,
    ],
)
def test_a_name_hidden_where_the_rule_did_not_look_is_refused(
    linked: Linked,
    forge: Forgery,
) -> None:
    good = _minimal_record(linked)
    bad = json.loads(json.dumps(good))
    forge(bad)
    before = linked.held()
    with pytest.raises(RecordBreaksConsent, match="Record 2 ") as refused:
        import_bundle(linked.center, linked.bundle(good, bad), "forged.bundle.age")
    assert NAME not in str(refused.value) and SPACED not in str(refused.value)
    assert linked.held() == before, "all or nothing: the good record was not kept either"


def test_the_minimal_record_the_station_sends_still_imports(
    linked: Linked,
) -> None:
    document = _minimal_record(linked)
    assert import_bundle(linked.center, linked.bundle(document), "good.bundle.age").imported == 1


def test_a_format_1_bundle_is_held_to_the_same_rules(
    linked: Linked,
) -> None:
    """Downgrade: the same forgeries written as format 1 (still read for old bundles) are
    refused as in format 2: the rules run on the verified records, whatever the format."""
    import secrets

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from interview_room.center.importer import UnknownRecordKind
    from interview_room.sync.bundle import Bundle, BundleRecord, encrypt_plaintext
    from interview_room.sync.bundle_v1 import legacy_bundle_plaintext
    from interview_room.sync.records import canonical

    row = linked.session.db.one("SELECT station_key FROM sync_link")
    assert row is not None
    key = Ed25519PrivateKey.from_private_bytes(bytes(row[0]))
    bad = _minimal_record(linked)
    _key_of_its_own(bad)
    before = linked.held()
    for sequence, kind, refusal in (
        (1, "case", RecordBreaksConsent),
        (2, "casecon", UnknownRecordKind),
    ):
        record = BundleRecord(kind, secrets.token_hex(16), 1, canonical(bad))
        plaintext = legacy_bundle_plaintext(
            Bundle(linked.station_id, sequence, "2026-03-07T09:00:00+00:00", (record,)),
            station_key=key,
        )
        data = encrypt_plaintext(plaintext, linked.recipient)
        with pytest.raises(refusal):
            import_bundle(linked.center, data, "old-format.bundle.age")
    assert linked.held() == before
