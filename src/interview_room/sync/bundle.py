"""Sync bundles: a station's records, signed by the station and encrypted to the central office.

Format 2 (written since issue 13), outside in: an age file (X25519, to the centre's key) → a
magic line → a small header (station, sequence, time, record count, body size, body SHA-256)
signed with the station's Ed25519 key → the body, one record after another. The reader checks
the header's signature before it parses a byte of the body, and reads records one at a time
(``bundle_reader.py``, which has ``read_bundle`` and ``read_bundle_file``). Format 1 (one JSON
container) is still read (``bundle_v1.py``). This module is the format and its writer: the
readers import it, never the other way round. Bytes in, bytes out: nothing here writes to the
disk or a database.
docs/BUNDLE_FORMAT.md is the specification.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NoReturn

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyrage import x25519

from interview_room.sync.errors import (
    BundleDamaged,
    BundleInvalid,
    RecipientInvalid,
    StationRevoked,
    UnknownStation,
)
from interview_room.sync.fields import (
    MAX_COUNTER,
    MIB,
    FormatViolation,
    canonical_json,
    check_counter,
    check_kind,
    check_record_id,
    check_sha256,
    check_station_id,
    check_utc_timestamp,
)

BUNDLE_FORMAT_VERSION = 2
"""The format this program writes; it reads 1 and 2 (docs/BUNDLE_FORMAT.md, "Versions")."""
MAGIC = b"interview-room-bundle 2\n"
"""The first line of a format 2 plaintext. A format 1 plaintext starts with ``{``."""
HEADER_FORMAT = "interview-room-bundle-header"
MAX_HEADER_BYTES = 4096
"""The signed header line; the reader refuses a longer one before parsing it."""
MAX_RECORD_HEAD_BYTES = 32 * 1024
"""One record's head line (kind, id, version, size, up to ``MAX_PREVIOUS`` hashes)."""
MAX_PREVIOUS = 256
"""Hashes of earlier versions a record may name (``BundleRecord.previous``)."""
SIGNATURE_LINE_BYTES = 89  # 88 characters of base64 (64 bytes) and the newline

AGE_MAGIC = b"age-encryption.org/v1\n"
# Our writer's header is a few hundred bytes (one X25519 stanza, one random "grease" stanza).
# The caps stop a hostile file from making us try thousands of key agreements.
_MAX_AGE_HEADER_BYTES = 16 * 1024
_MAX_AGE_STANZAS = 16
_AGE_CHUNK_BYTES = 64 * 1024
_AGE_CHUNK_OVERHEAD = 16  # Poly1305 tag per chunk
_AGE_NONCE_BYTES = 16


@dataclass(frozen=True)
class BundleLimits:
    """The largest bundle a reader accepts and a writer produces."""

    max_plaintext_bytes: int = 512 * MIB
    max_record_bytes: int = 16 * MIB
    max_records: int = 200_000

    def max_ciphertext_bytes(self) -> int:
        """The largest age file that can hold ``max_plaintext_bytes`` of plaintext."""
        chunks = max(1, -(-self.max_plaintext_bytes // _AGE_CHUNK_BYTES))
        return (
            _MAX_AGE_HEADER_BYTES
            + _AGE_NONCE_BYTES
            + self.max_plaintext_bytes
            + chunks * _AGE_CHUNK_OVERHEAD
        )


DEFAULT_LIMITS = BundleLimits()


@dataclass(frozen=True)
class BundleRecord:
    """One record as the station holds it; ``content`` is opaque canonical JSON from the caller."""

    kind: str
    record_id: str
    version: int
    content: bytes
    previous: tuple[str, ...] = field(default=())
    """SHA-256 of the versions before this one, newest first: ``previous[0]`` is version − 1,
    ``previous[1]`` version − 2, and so on. Empty when the station does not know them (and in
    format 1). The centre stores a version only when this chain reaches the one it holds
    (docs/BUNDLE_FORMAT.md, "Versions of a record")."""

    def __post_init__(self) -> None:
        try:
            check_kind(self.kind, "a record kind")
            check_record_id(self.record_id, "a record id")
            check_counter(self.version, "a record version")
            if not isinstance(self.content, bytes):
                raise FormatViolation("a record's content is not bytes")
            check_previous(self.previous, self.version, "the record's earlier versions")
        except FormatViolation as violation:
            raise BundleInvalid(violation.reason) from None

    @classmethod
    def read(
        cls, kind: str, record_id: str, version: int, content: bytes, previous: tuple[str, ...]
    ) -> BundleRecord:
        """A record whose head the bundle reader has just checked field by field as the
        constructor does (kind, id, version, earlier hashes; ``content`` is bytes it sliced),
        made without checking them a second time (14 ms per 2,000 records)."""
        record = object.__new__(cls)
        for name, value in (
            ("kind", kind),
            ("record_id", record_id),
            ("version", version),
            ("content", content),
            ("previous", previous),
        ):
            object.__setattr__(record, name, value)
        return record

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of ``content``, lowercase hex (worked out once: the importer asks four
        times per record)."""
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Bundle:
    """What a station sends in one go: its records, numbered per station by ``sequence``."""

    station_id: str
    sequence: int
    created_at: str
    records: tuple[BundleRecord, ...]

    def __post_init__(self) -> None:
        try:
            check_station_id(self.station_id)
            check_counter(self.sequence, "the sequence number")
            check_utc_timestamp(self.created_at, "the creation time")
            if not isinstance(self.records, tuple) or not all(
                isinstance(record, BundleRecord) for record in self.records
            ):
                raise FormatViolation("its records are not a tuple of BundleRecord")
            _check_unique((record.kind, record.record_id) for record in self.records)
        except FormatViolation as violation:
            raise BundleInvalid(violation.reason) from None


def check_previous(value: object, version: int, what: str) -> tuple[str, ...]:
    """A tuple of at most ``MAX_PREVIOUS`` SHA-256 hex digests, and no more than the versions
    before ``version``."""
    if not isinstance(value, tuple) or len(value) > min(MAX_PREVIOUS, version - 1):
        raise FormatViolation(
            f"{what} are not a list of at most {MAX_PREVIOUS} hashes, one per earlier version"
        )
    for position, digest in enumerate(value, start=1):
        check_sha256(digest, f"hash {position} of {what}")
    return value


def _check_unique(keys: Iterable[tuple[str, str]]) -> None:
    seen: set[tuple[str, str]] = set()
    for position, key in enumerate(keys, start=1):
        if key in seen:
            raise FormatViolation(f"record {position} repeats the kind and id of an earlier record")
        seen.add(key)


# --- file names ---------------------------------------------------------------------------

_BUNDLE_FILE_NAME = re.compile(r"IR-([0-9a-f]{1,64})-([0-9]{8,16})\.bundle\.age")


def bundle_file_name(station_id: str, sequence: int) -> str:
    """``IR-<station>-<sequence, 8 digits or more>.bundle.age``; raises ``BundleInvalid``."""
    try:
        check_station_id(station_id)
        check_counter(sequence, "the sequence number")
    except FormatViolation as violation:
        raise BundleInvalid(violation.reason) from None
    return f"IR-{station_id}-{sequence:08d}.bundle.age"


def parse_bundle_file_name(name: str) -> tuple[str, int] | None:
    """(station id, sequence) of a name ``bundle_file_name`` makes, else None."""
    match = _BUNDLE_FILE_NAME.fullmatch(name)
    if match is None:
        return None
    station_id, sequence = match.group(1), int(match.group(2))
    if not 1 <= sequence <= MAX_COUNTER or bundle_file_name(station_id, sequence) != name:
        return None
    return station_id, sequence


# --- writing ------------------------------------------------------------------------------


def _record_head(record: BundleRecord) -> bytes:
    return canonical_json(
        {
            "kind": record.kind,
            "id": record.record_id,
            "version": record.version,
            "previous": list(record.previous),
            "bytes": len(record.content),
        }
    )


def bundle_plaintext(
    bundle: Bundle, *, station_key: Ed25519PrivateKey, limits: BundleLimits = DEFAULT_LIMITS
) -> bytes:
    """The signed format 2 plaintext (before encryption): deterministic bytes.

    Raises ``BundleInvalid`` when the bundle is over ``limits``.
    """
    if len(bundle.records) > limits.max_records:
        raise BundleInvalid(f"it holds more than {limits.max_records} records")
    parts: list[bytes] = []
    for position, record in enumerate(bundle.records, start=1):
        if len(record.content) > limits.max_record_bytes:
            raise BundleInvalid(f"record {position} is larger than {limits.max_record_bytes} bytes")
        parts += (_record_head(record), b"\n", record.content, b"\n")
    body = b"".join(parts)
    header = canonical_json(
        {
            "format": HEADER_FORMAT,
            "version": BUNDLE_FORMAT_VERSION,
            "station_id": bundle.station_id,
            "sequence": bundle.sequence,
            "created_at": bundle.created_at,
            "records": len(bundle.records),
            "body_bytes": len(body),
            "body_sha256": hashlib.sha256(body).hexdigest(),
        }
    )
    signature = base64.b64encode(station_key.sign(header))
    plaintext = b"".join((MAGIC, header, b"\n", signature, b"\n", body))
    if len(plaintext) > limits.max_plaintext_bytes:
        raise BundleInvalid(f"its container is larger than {limits.max_plaintext_bytes} bytes")
    return plaintext


def encrypt_plaintext(plaintext: bytes, recipient: str) -> bytes:
    """``plaintext`` as a binary age file for ``recipient`` ("age1…"); raises
    ``RecipientInvalid`` for anything that is not an age X25519 public key."""
    try:
        age_recipient = x25519.Recipient.from_str(recipient)
    except (pyrage.RecipientError, TypeError, ValueError):
        raise RecipientInvalid(
            "The recipient is not an age X25519 public key starting with 'age1'."
        ) from None
    ciphertext: bytes = pyrage.encrypt(plaintext, [age_recipient])
    return ciphertext


def write_bundle(bundle: Bundle, *, station_key: Ed25519PrivateKey, recipient: str) -> bytes:
    """The bundle signed with ``station_key`` and encrypted to ``recipient`` ("age1…").

    The result is a standard binary age file. Raises ``RecipientInvalid`` for a recipient that
    is not an age X25519 public key and ``BundleInvalid`` for a bundle over the default limits.
    """
    encrypt_plaintext(b"", recipient)  # a bad recipient is refused before any signing work
    return encrypt_plaintext(bundle_plaintext(bundle, station_key=station_key), recipient)


def bundle_digest(bundle: Bundle) -> str:
    """SHA-256 naming what a bundle says, whatever its format or encryption: the station,
    sequence, time, and each record's kind, id, version, content hash and earlier hashes.
    The centre tells a replay (same digest) from a reused sequence number (another digest)."""
    return hashlib.sha256(
        canonical_json(
            [
                bundle.station_id,
                bundle.sequence,
                bundle.created_at,
                [
                    [r.kind, r.record_id, r.version, r.content_hash, list(r.previous)]
                    for r in bundle.records
                ],
            ]
        )
    ).hexdigest()


# --- what every reader shares (bundle_reader.py reads; format 1 in bundle_v1.py) -----------


def bundle_damaged(reason: str) -> NoReturn:
    """Raise ``BundleDamaged`` with the sentence every reader uses."""
    raise BundleDamaged(f"The bundle is damaged because {reason}.")


def verifying_key(
    station_id: str,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str],
) -> Ed25519PublicKey:
    """The key that must have signed a bundle of ``station_id``; raises ``StationRevoked`` or
    ``UnknownStation``."""
    if station_id in revoked_stations:
        raise StationRevoked(f"The bundle comes from station {station_id}, which is revoked.")
    key = station_keys.get(station_id)
    if key is None:
        raise UnknownStation(
            f"The bundle comes from station {station_id}, whose key this centre does not have."
        )
    return key
