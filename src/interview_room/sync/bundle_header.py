"""The signed header of a format 2 bundle, and the strict checks its lines share with each
record's head line: canonical JSON with exactly the expected keys, sizes within their limits.

Pure: bytes in, a checked value out, or ``BundleDamaged`` raised (through ``bundle_damaged``)
with the same reason whichever reader asks. :mod:`bundle_reader` calls it while age decrypts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interview_room.sync.bundle import (
    BUNDLE_FORMAT_VERSION,
    HEADER_FORMAT,
    MAGIC,
    SIGNATURE_LINE_BYTES,
    BundleLimits,
    bundle_damaged,
)
from interview_room.sync.fields import (
    FormatViolation,
    canonical_json,
    check_counter,
    check_object,
    check_sha256,
    check_station_id,
    check_utc_timestamp,
    parse_json,
)

_HEADER_KEYS = frozenset(
    {
        "format",
        "version",
        "station_id",
        "sequence",
        "created_at",
        "records",
        "body_bytes",
        "body_sha256",
    }
)
RECORD_HEAD_KEYS = frozenset({"kind", "id", "version", "previous", "bytes"})


@dataclass(frozen=True)
class SignedHeader:
    """What a bundle's header announces, every field checked (its signature not yet)."""

    station_id: str
    sequence: int
    created_at: str
    records: int
    body_bytes: int
    body_sha256: str


def canonical_object(line: bytes, keys: frozenset[str], what: str) -> dict[str, Any]:
    """The JSON object on ``line``, with exactly ``keys``, written in canonical JSON; raises
    ``FormatViolation`` otherwise."""
    document = check_object(parse_json(line, what), keys, what)
    if canonical_json(document) != line:
        raise FormatViolation(f"{what} is not written in canonical JSON")
    return document


def check_size(value: object, most: int, what: str) -> int:
    """``value`` as a size of 0 to ``most``; raises ``FormatViolation`` otherwise."""
    # bool is an int in Python but not a size.
    if type(value) is not int or value < 0:
        raise FormatViolation(f"{what} is not a whole number of 0 or more")
    if value > most:
        raise FormatViolation(f"{what} is more than the limit of {most:,}")
    return value


def read_header(line: bytes, limits: BundleLimits) -> SignedHeader:
    """The header on ``line`` (without its newline), or ``BundleDamaged``."""
    try:
        document = canonical_object(line, _HEADER_KEYS, "the header")
        if document["format"] != HEADER_FORMAT:
            raise FormatViolation(f"the header is not an {HEADER_FORMAT} document")
        version = document["version"]
        if type(version) is not int or version != BUNDLE_FORMAT_VERSION:
            raise FormatViolation("the header is in a format version this program does not read")
        header = SignedHeader(
            station_id=check_station_id(document["station_id"], "the header's station id"),
            sequence=check_counter(document["sequence"], "the header's sequence number"),
            created_at=check_utc_timestamp(document["created_at"], "the header's creation time"),
            records=check_size(document["records"], limits.max_records, "the record count"),
            body_bytes=check_size(
                document["body_bytes"], limits.max_plaintext_bytes, "the body size"
            ),
            body_sha256=check_sha256(document["body_sha256"], "the header's body hash"),
        )
    except FormatViolation as violation:
        bundle_damaged(violation.reason)
    total = len(MAGIC) + len(line) + 1 + SIGNATURE_LINE_BYTES + header.body_bytes
    if total > limits.max_plaintext_bytes:
        bundle_damaged("its header announces more than the largest bundle allowed")
    return header
