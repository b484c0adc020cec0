"""Receipts: the centre signs what it holds; a station accepts only its own, untouched receipts."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.errors import InterviewRoomError
from interview_room.sync import (
    Bundle,
    BundleRecord,
    Receipt,
    ReceiptInvalid,
    bundle_file_name,
    parse_receipt_file_name,
    read_receipt,
    receipt_file_name,
    write_receipt,
)
from interview_room.sync import receipt as receipt_module
from interview_room.sync.fields import canonical_json

STATION = "5a7e11a0c0ffee01"
OTHER_STATION = "0b5e55ed00dd0002"
RECEIVED_AT = "2026-03-02T11:00:00+00:00"
CENTRE_KEY = Ed25519PrivateKey.generate()
SYNTHETIC_NAME = "Synthetic Person Name"


def synthetic_bundle() -> Bundle:
    records = tuple(
        BundleRecord(
            "case",
            f"{index:032x}",
            index + 1,
            json.dumps({"person_name": SYNTHETIC_NAME, "index": index}).encode(),
        )
        for index in range(3)
    )
    return Bundle(STATION, 4, "2026-03-02T10:00:00+00:00", records)


def receipt_for(bundle: Bundle) -> Receipt:
    stored = tuple((r.kind, r.record_id, r.version, r.content_hash) for r in bundle.records)
    return Receipt(bundle.station_id, bundle.sequence, RECEIVED_AT, stored)


def read(data: bytes, station_id: str = STATION) -> Receipt:
    return read_receipt(data, center_public_key=CENTRE_KEY.public_key(), station_id=station_id)


def resigned(document: dict[str, Any], key: Ed25519PrivateKey = CENTRE_KEY) -> bytes:
    signature = key.sign(canonical_json(document["receipt"]))
    document["receipt_signature"] = base64.b64encode(signature).decode()
    return json.dumps(document).encode()


def test_a_receipt_round_trips_and_its_bytes_are_deterministic() -> None:
    receipt = receipt_for(synthetic_bundle())
    data = write_receipt(receipt, center_key=CENTRE_KEY)
    assert read(data) == receipt
    assert write_receipt(receipt, center_key=CENTRE_KEY) == data
    assert read(data + b"\n") == receipt  # a trailing newline from an editor is harmless


def test_a_written_receipt_is_the_canonical_json_of_the_whole_document() -> None:
    data = write_receipt(receipt_for(synthetic_bundle()), center_key=CENTRE_KEY)
    document = json.loads(data)
    assert sorted(document) == ["format", "receipt", "receipt_signature", "version"]
    assert canonical_json(document) == data


def test_a_receipt_holds_ids_and_hashes_but_no_record_content() -> None:
    bundle = synthetic_bundle()
    data = write_receipt(receipt_for(bundle), center_key=CENTRE_KEY)
    assert SYNTHETIC_NAME.encode() not in data
    for record in bundle.records:
        assert record.content not in data
        assert record.content_hash.encode() in data
    document = json.loads(data)
    assert set(document) == {"format", "version", "receipt", "receipt_signature"}
    assert document["format"] == "interview-room-receipt"
    assert document["receipt"]["stored"][0] == {
        "kind": "case",
        "id": bundle.records[0].record_id,
        "version": 1,
        "sha256": bundle.records[0].content_hash,
    }


def test_a_receipt_signed_by_another_key_is_invalid() -> None:
    impostor = Ed25519PrivateKey.generate()
    data = write_receipt(receipt_for(synthetic_bundle()), center_key=impostor)
    with pytest.raises(ReceiptInvalid, match="signature does not verify"):
        read(data)


def test_a_tampered_receipt_is_invalid() -> None:
    data = write_receipt(receipt_for(synthetic_bundle()), center_key=CENTRE_KEY)
    changes: list[Callable[[dict[str, Any]], object]] = [
        lambda body: body.update(sequence=5),
        lambda body: body["stored"][0].update(version=2),
        lambda body: body["stored"].pop(),
        lambda body: body.update(received_at="2026-03-03T11:00:00+00:00"),
    ]
    for change in changes:
        document = json.loads(data)
        change(document["receipt"])
        with pytest.raises(ReceiptInvalid, match="signature does not verify"):
            read(json.dumps(document).encode())


def test_a_receipt_for_another_station_is_invalid() -> None:
    receipt = Receipt(OTHER_STATION, 4, RECEIVED_AT, ())
    data = write_receipt(receipt, center_key=CENTRE_KEY)
    with pytest.raises(ReceiptInvalid, match=f"for station {OTHER_STATION}, not station"):
        read(data)
    assert read(data, OTHER_STATION) == receipt


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff" * 50,
        b"{}",
        b"[]",
        b'{"format":"interview-room-receipt"}',
        '{"format": "interview-room-receipt", "é": 1}'.encode("latin-1"),
        b"[" * 100_000,
    ],
)
def test_garbage_is_an_invalid_receipt(data: bytes) -> None:
    with pytest.raises(ReceiptInvalid):
        read(data)


def test_a_truncated_receipt_is_invalid() -> None:
    data = write_receipt(receipt_for(synthetic_bundle()), center_key=CENTRE_KEY)
    for cut in range(0, len(data), 7):
        with pytest.raises(ReceiptInvalid):
            read(data[:cut])


def test_a_validly_signed_but_malformed_receipt_is_invalid() -> None:
    good = json.loads(write_receipt(receipt_for(synthetic_bundle()), center_key=CENTRE_KEY))
    changes: list[tuple[Callable[[dict[str, Any]], object], str]] = [
        (lambda body: body["stored"].append(body["stored"][0]), "repeats an earlier kind and id"),
        (lambda body: body["stored"][0].update(sha256="ABC"), "hash of stored record 1"),
        (lambda body: body["stored"][0].update(version=0), "version of stored record 1"),
        (lambda body: body.update(station_id="../x"), "station id"),
        (lambda body: body.update(received_at="2026-03-02T11:00:00"), "time of receipt"),
        (lambda body: body.update(format="interview-room-bundle-manifest"), "receipt body"),
        (lambda body: body.update(extra=1), "exactly the fields"),
    ]
    for change, reason in changes:
        document = json.loads(json.dumps(good))
        change(document["receipt"])
        with pytest.raises(ReceiptInvalid, match=re.escape(reason)):
            read(resigned(document))


def test_an_oversized_receipt_is_refused_before_parsing() -> None:
    data = b" " * (receipt_module.MAX_RECEIPT_BYTES + 1)
    with pytest.raises(ReceiptInvalid, match="larger than"):
        read(data)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Receipt("XYZ", 1, RECEIVED_AT, ()),
        lambda: Receipt(STATION, 0, RECEIVED_AT, ()),
        lambda: Receipt(STATION, 1, "now", ()),
        lambda: Receipt(STATION, 1, RECEIVED_AT, [("case", "a", 1, "0" * 64)]),  # type: ignore[arg-type]
        lambda: Receipt(STATION, 1, RECEIVED_AT, (("case", "a", 1),)),  # type: ignore[arg-type]
        lambda: Receipt(STATION, 1, RECEIVED_AT, (("case", "a", 1, "0" * 63),)),
        lambda: Receipt(STATION, 1, RECEIVED_AT, (("case", "a", 1, "0" * 64),) * 2),
    ],
)
def test_invalid_values_do_not_make_a_receipt(make: Any) -> None:
    with pytest.raises(ReceiptInvalid) as caught:
        make()
    assert isinstance(caught.value, InterviewRoomError)
    assert re.fullmatch(r"The receipt is invalid because [^\n]*[^.]\.", str(caught.value))


def test_the_centres_own_receipt_is_the_same_receipt_with_the_same_bytes() -> None:
    bundle = synthetic_bundle()
    checked = receipt_for(bundle)
    made = Receipt.of_held_records(bundle.station_id, bundle.sequence, RECEIVED_AT, checked.stored)
    assert made == checked
    data = write_receipt(made, center_key=CENTRE_KEY)
    assert data == write_receipt(checked, center_key=CENTRE_KEY)
    assert read(data) == checked  # the station still checks every value


@pytest.mark.parametrize(
    "make",
    [
        lambda: Receipt.of_held_records("XYZ", 1, RECEIVED_AT, ()),
        lambda: Receipt.of_held_records(STATION, 0, RECEIVED_AT, ()),
        lambda: Receipt.of_held_records(STATION, 1, "now", ()),
        lambda: Receipt.of_held_records(STATION, 1, RECEIVED_AT, [("case", "a", 1, "0" * 64)]),  # type: ignore[arg-type]
        lambda: Receipt.of_held_records(STATION, 1, RECEIVED_AT, (("case", "a", 1, "0" * 64),) * 2),
    ],
)
def test_the_centres_own_receipt_still_checks_its_fields_and_repeats(make: Any) -> None:
    with pytest.raises(ReceiptInvalid) as caught:
        make()
    assert re.fullmatch(r"The receipt is invalid because [^\n]*[^.]\.", str(caught.value))


def test_receipt_file_names_pair_with_bundle_file_names() -> None:
    assert receipt_file_name(STATION, 4) == f"IR-{STATION}-00000004.receipt.json"
    assert bundle_file_name(STATION, 4) == f"IR-{STATION}-00000004.bundle.age"
    assert receipt_module.bundle_file_name is bundle_file_name
    assert parse_receipt_file_name(receipt_file_name(STATION, 4)) == (STATION, 4)
    for name in (
        f"IR-{STATION}-00000004.bundle.age",
        f"IR-{STATION}-4.receipt.json",
        f"IR-{STATION}-00000004.receipt.json.tmp",
        f"../IR-{STATION}-00000004.receipt.json",
    ):
        assert parse_receipt_file_name(name) is None, name
    with pytest.raises(ReceiptInvalid):
        receipt_file_name("a/b", 1)
