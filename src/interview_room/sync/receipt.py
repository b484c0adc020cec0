"""Receipts: the centre's signed statement of which record versions it holds after an import.

A receipt is plaintext JSON on purpose: it carries ids, version numbers and hashes, never a
record's content or anything about a person, so the station can read it without a key.
docs/BUNDLE_FORMAT.md is the specification.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from interview_room.sync.bundle import DEFAULT_LIMITS
from interview_room.sync.bundle import (
    bundle_file_name as bundle_file_name,  # re-exported: callers find both file names here
)
from interview_room.sync.errors import ReceiptInvalid
from interview_room.sync.fields import (
    FORMAT_VERSION,
    MAX_COUNTER,
    MIB,
    FormatViolation,
    canonical_json,
    check_counter,
    check_format,
    check_kind,
    check_list,
    check_object,
    check_record_id,
    check_sha256,
    check_station_id,
    check_utc_timestamp,
    decode_signature,
    parse_json,
)

RECEIPT_FORMAT = "interview-room-receipt"
RECEIPT_BODY_FORMAT = "interview-room-receipt-body"
MAX_RECEIPT_BYTES = 64 * MIB
MAX_STORED = DEFAULT_LIMITS.max_records

StoredRecord = tuple[str, str, int, str]
"""(kind, record_id, version, sha256 of the content) of one record the centre holds."""


@dataclass(frozen=True)
class Receipt:
    """What the centre holds, after importing bundle ``sequence`` of ``station_id``."""

    station_id: str
    sequence: int
    received_at: str
    stored: tuple[StoredRecord, ...]

    def __post_init__(self) -> None:
        try:
            _check_receipt(self)
        except FormatViolation as violation:
            raise ReceiptInvalid(f"The receipt is invalid because {violation.reason}.") from None

    @classmethod
    def of_held_records(
        cls, station_id: str, sequence: int, received_at: str, stored: tuple[StoredRecord, ...]
    ) -> Receipt:
        """The receipt the centre makes after an import, from the records of a bundle it
        verified and the rows it holds for them. Their kinds, ids, versions and hashes were
        checked on the way in (bundle reader, store), so only the receipt's own fields, its
        size and the uniqueness of its records are checked here; a station reading it
        (:func:`read_receipt`) still checks every value. Raises ``ReceiptInvalid``."""
        receipt = object.__new__(cls)
        for name, value in (
            ("station_id", station_id),
            ("sequence", sequence),
            ("received_at", received_at),
            ("stored", stored),
        ):
            object.__setattr__(receipt, name, value)
        try:
            _check_fields(receipt)
            if len({(kind, record_id) for kind, record_id, _, _ in stored}) != len(stored):
                raise FormatViolation("a stored record repeats an earlier kind and id")
        except FormatViolation as violation:
            raise ReceiptInvalid(f"The receipt is invalid because {violation.reason}.") from None
        return receipt


def _check_fields(receipt: Receipt) -> None:
    check_station_id(receipt.station_id)
    check_counter(receipt.sequence, "the sequence number")
    check_utc_timestamp(receipt.received_at, "the time of receipt")
    if not isinstance(receipt.stored, tuple) or len(receipt.stored) > MAX_STORED:
        raise FormatViolation(f"its stored records are not a tuple of at most {MAX_STORED}")


def _check_receipt(receipt: Receipt) -> None:
    _check_fields(receipt)
    seen: set[tuple[str, str]] = set()
    for position, item in enumerate(receipt.stored, start=1):
        if not isinstance(item, tuple) or len(item) != 4:
            raise FormatViolation(f"stored record {position} is not (kind, id, version, sha256)")
        kind, record_id, version, digest = item
        check_kind(kind, f"the kind of stored record {position}")
        check_record_id(record_id, f"the id of stored record {position}")
        check_counter(version, f"the version of stored record {position}")
        check_sha256(digest, f"the hash of stored record {position}")
        if (kind, record_id) in seen:
            raise FormatViolation(f"stored record {position} repeats an earlier kind and id")
        seen.add((kind, record_id))


def _body_document(receipt: Receipt) -> dict[str, object]:
    """The signed part, as a JSON value; writer and reader sign/verify its canonical bytes."""
    return {
        "format": RECEIPT_BODY_FORMAT,
        "version": FORMAT_VERSION,
        "station_id": receipt.station_id,
        "sequence": receipt.sequence,
        "received_at": receipt.received_at,
        "stored": [
            {"kind": kind, "id": record_id, "version": version, "sha256": digest}
            for kind, record_id, version, digest in receipt.stored
        ],
    }


def write_receipt(receipt: Receipt, *, center_key: Ed25519PrivateKey) -> bytes:
    """The receipt as canonical signed JSON (deterministic: same receipt, same bytes)."""
    body = canonical_json(_body_document(receipt))
    signature = base64.b64encode(center_key.sign(body)).decode("ascii")
    # The canonical JSON of the whole document, written key by key in sorted order with the
    # body's bytes put in rather than encoded a second time (canonical JSON nests: a value
    # inside an object is written as it is alone).
    return b"".join(
        (
            b'{"format":',
            canonical_json(RECEIPT_FORMAT),
            b',"receipt":',
            body,
            b',"receipt_signature":',
            canonical_json(signature),
            b',"version":',
            canonical_json(FORMAT_VERSION),
            b"}",
        )
    )


_DOCUMENT_KEYS = frozenset({"format", "version", "receipt", "receipt_signature"})
_BODY_KEYS = frozenset({"format", "version", "station_id", "sequence", "received_at", "stored"})
_STORED_KEYS = frozenset({"kind", "id", "version", "sha256"})


def _invalid(reason: str) -> NoReturn:
    raise ReceiptInvalid(f"The receipt is invalid because {reason}.")


def _read_body(value: object) -> Receipt:
    body = check_object(value, _BODY_KEYS, "the receipt body")
    check_format(body, RECEIPT_BODY_FORMAT, "the receipt body")
    stored: list[StoredRecord] = []
    for position, item in enumerate(
        check_list(body["stored"], MAX_STORED, "the list of stored records"), start=1
    ):
        entry: dict[str, Any] = check_object(item, _STORED_KEYS, f"stored record {position}")
        stored.append((entry["kind"], entry["id"], entry["version"], entry["sha256"]))
    # The constructor checks every value and raises ReceiptInvalid.
    return Receipt(body["station_id"], body["sequence"], body["received_at"], tuple(stored))


def read_receipt(data: bytes, *, center_public_key: Ed25519PublicKey, station_id: str) -> Receipt:
    """The receipt, once its signature verifies with the centre's key and it names
    ``station_id``; otherwise ``ReceiptInvalid``."""
    if len(data) > MAX_RECEIPT_BYTES:
        _invalid(f"it is larger than {MAX_RECEIPT_BYTES} bytes")
    try:
        document = check_object(parse_json(data, "the receipt"), _DOCUMENT_KEYS, "the receipt")
        check_format(document, RECEIPT_FORMAT, "the receipt")
        receipt = _read_body(document["receipt"])
        signature = decode_signature(document["receipt_signature"], "the receipt signature")
    except FormatViolation as violation:
        _invalid(violation.reason)
    try:
        center_public_key.verify(signature, canonical_json(_body_document(receipt)))
    except InvalidSignature:
        _invalid("its signature does not verify with the centre's key")
    if receipt.station_id != station_id:
        _invalid(f"it is for station {receipt.station_id}, not station {station_id}")
    return receipt


# --- file names ---------------------------------------------------------------------------

_RECEIPT_FILE_NAME = re.compile(r"IR-([0-9a-f]{1,64})-([0-9]{8,16})\.receipt\.json")


def receipt_file_name(station_id: str, sequence: int) -> str:
    """``IR-<station>-<sequence, 8 digits or more>.receipt.json``; raises ``ReceiptInvalid``."""
    try:
        check_station_id(station_id)
        check_counter(sequence, "the sequence number")
    except FormatViolation as violation:
        raise ReceiptInvalid(
            f"The receipt file name is invalid because {violation.reason}."
        ) from None
    return f"IR-{station_id}-{sequence:08d}.receipt.json"


def parse_receipt_file_name(name: str) -> tuple[str, int] | None:
    """(station id, sequence) of a name ``receipt_file_name`` makes, else None."""
    match = _RECEIPT_FILE_NAME.fullmatch(name)
    if match is None:
        return None
    station_id, sequence = match.group(1), int(match.group(2))
    if not 1 <= sequence <= MAX_COUNTER or receipt_file_name(station_id, sequence) != name:
        return None
    return station_id, sequence
