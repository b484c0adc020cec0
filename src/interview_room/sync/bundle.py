"""Sync bundles: a station's records, signed by the station and encrypted to the central office.

Layers, outside in: an age file (X25519, to the centre's key) → one UTF-8 JSON container → a
manifest signed with the station's Ed25519 key → the records, each bound to the manifest by its
SHA-256. Bytes in, bytes out: nothing here touches the disk or a database.
docs/BUNDLE_FORMAT.md is the specification.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyrage import x25519

from interview_room.sync.errors import (
    BundleDamaged,
    BundleInvalid,
    BundleNotForUs,
    BundleSignatureInvalid,
    RecipientInvalid,
    StationRevoked,
    UnknownStation,
)
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
    decode_base64,
    decode_signature,
    parse_json,
)

CONTAINER_FORMAT = "interview-room-bundle"
MANIFEST_FORMAT = "interview-room-bundle-manifest"

AGE_MAGIC = b"age-encryption.org/v1\n"
# Our writer's header is a few hundred bytes (one X25519 stanza, one random "grease" stanza).
# The caps stop a hostile file from making us try thousands of key agreements.
_MAX_AGE_HEADER_BYTES = 16 * 1024
_MAX_AGE_STANZAS = 16
_AGE_CHUNK_BYTES = 64 * 1024
_AGE_CHUNK_OVERHEAD = 16  # Poly1305 tag per chunk
_AGE_NONCE_BYTES = 16
# pyrage reports a wrong recipient only through this message (rage's NoMatchingKeys).
_NO_MATCHING_KEYS = "No matching keys"


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

    def __post_init__(self) -> None:
        try:
            check_kind(self.kind, "a record kind")
            check_record_id(self.record_id, "a record id")
            check_counter(self.version, "a record version")
            if not isinstance(self.content, bytes):
                raise FormatViolation("a record's content is not bytes")
        except FormatViolation as violation:
            raise BundleInvalid(violation.reason) from None

    @property
    def content_hash(self) -> str:
        """SHA-256 of ``content``, lowercase hex."""
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


def _manifest_document(
    station_id: str, sequence: int, created_at: str, entries: tuple[tuple[str, str, int, str], ...]
) -> dict[str, object]:
    """The manifest as a JSON value; writer and reader both sign/verify its canonical bytes."""
    return {
        "format": MANIFEST_FORMAT,
        "version": FORMAT_VERSION,
        "station_id": station_id,
        "sequence": sequence,
        "created_at": created_at,
        "records": [
            {"kind": kind, "id": record_id, "version": version, "sha256": digest}
            for kind, record_id, version, digest in entries
        ],
    }


def bundle_plaintext(
    bundle: Bundle, *, station_key: Ed25519PrivateKey, limits: BundleLimits = DEFAULT_LIMITS
) -> bytes:
    """The signed JSON container (before encryption): canonical bytes, deterministic.

    Raises ``BundleInvalid`` when the bundle is over ``limits``.
    """
    if len(bundle.records) > limits.max_records:
        raise BundleInvalid(f"it holds more than {limits.max_records} records")
    for position, record in enumerate(bundle.records, start=1):
        if len(record.content) > limits.max_record_bytes:
            raise BundleInvalid(f"record {position} is larger than {limits.max_record_bytes} bytes")
    entries = tuple(
        (record.kind, record.record_id, record.version, record.content_hash)
        for record in bundle.records
    )
    manifest = _manifest_document(bundle.station_id, bundle.sequence, bundle.created_at, entries)
    signature = station_key.sign(canonical_json(manifest))
    container = {
        "format": CONTAINER_FORMAT,
        "version": FORMAT_VERSION,
        "manifest": manifest,
        "manifest_signature": base64.b64encode(signature).decode("ascii"),
        "records": [
            {
                "kind": record.kind,
                "id": record.record_id,
                "version": record.version,
                "content": base64.b64encode(record.content).decode("ascii"),
            }
            for record in bundle.records
        ],
    }
    plaintext = canonical_json(container)
    if len(plaintext) > limits.max_plaintext_bytes:
        raise BundleInvalid(f"its container is larger than {limits.max_plaintext_bytes} bytes")
    return plaintext


def write_bundle(bundle: Bundle, *, station_key: Ed25519PrivateKey, recipient: str) -> bytes:
    """The bundle signed with ``station_key`` and encrypted to ``recipient`` ("age1…").

    The result is a standard binary age file. Raises ``RecipientInvalid`` for a recipient that
    is not an age X25519 public key and ``BundleInvalid`` for a bundle over the default limits.
    """
    try:
        age_recipient = x25519.Recipient.from_str(recipient)
    except (pyrage.RecipientError, TypeError, ValueError):
        raise RecipientInvalid(
            "The recipient is not an age X25519 public key starting with 'age1'."
        ) from None
    plaintext = bundle_plaintext(bundle, station_key=station_key)
    ciphertext: bytes = pyrage.encrypt(plaintext, [age_recipient])
    return ciphertext


# --- reading ------------------------------------------------------------------------------


def _damaged(reason: str) -> NoReturn:
    raise BundleDamaged(f"The bundle is damaged because {reason}.")


def _decrypt(data: bytes, identity: x25519.Identity, limits: BundleLimits) -> bytes:
    if len(data) > limits.max_ciphertext_bytes():
        _damaged("the file is larger than the largest bundle allowed")
    if not data.startswith(AGE_MAGIC):
        _damaged("the file is not a binary age-encrypted file")
    header_end = data.find(b"\n--- ", 0, _MAX_AGE_HEADER_BYTES)
    if header_end == -1:
        _damaged("the age header is truncated or too long")
    if data.count(b"\n-> ", 0, header_end) > _MAX_AGE_STANZAS:
        _damaged("the age header has too many recipient stanzas")
    try:
        plaintext: bytes = pyrage.decrypt(data, [identity])
    except pyrage.DecryptError as error:
        if _NO_MATCHING_KEYS in str(error):
            raise BundleNotForUs(
                "The bundle is not encrypted to this centre's key, or its age header is damaged."
            ) from None
        _damaged("age decryption failed (truncated, garbled or tampered data)")
    if len(plaintext) > limits.max_plaintext_bytes:
        _damaged("its content is larger than the largest bundle allowed")
    return plaintext


_CONTAINER_KEYS = frozenset({"format", "version", "manifest", "manifest_signature", "records"})
_MANIFEST_KEYS = frozenset({"format", "version", "station_id", "sequence", "created_at", "records"})
_ENTRY_KEYS = frozenset({"kind", "id", "version", "sha256"})
_RECORD_KEYS = frozenset({"kind", "id", "version", "content"})


@dataclass(frozen=True)
class _Manifest:
    station_id: str
    sequence: int
    created_at: str
    entries: tuple[tuple[str, str, int, str], ...]


def _read_manifest(value: object, limits: BundleLimits) -> _Manifest:
    manifest = check_object(value, _MANIFEST_KEYS, "the manifest")
    check_format(manifest, MANIFEST_FORMAT, "the manifest")
    entries: list[tuple[str, str, int, str]] = []
    for position, item in enumerate(
        check_list(manifest["records"], limits.max_records, "the manifest's record list"),
        start=1,
    ):
        entry = check_object(item, _ENTRY_KEYS, f"manifest entry {position}")
        entries.append(
            (
                check_kind(entry["kind"], f"the kind of manifest entry {position}"),
                check_record_id(entry["id"], f"the id of manifest entry {position}"),
                check_counter(entry["version"], f"the version of manifest entry {position}"),
                check_sha256(entry["sha256"], f"the hash of manifest entry {position}"),
            )
        )
    _check_unique((kind, record_id) for kind, record_id, _, _ in entries)
    return _Manifest(
        station_id=check_station_id(manifest["station_id"], "the manifest's station id"),
        sequence=check_counter(manifest["sequence"], "the manifest's sequence number"),
        created_at=check_utc_timestamp(manifest["created_at"], "the manifest's creation time"),
        entries=tuple(entries),
    )


def _read_records(
    raw_records: list[Any], manifest: _Manifest, limits: BundleLimits
) -> tuple[BundleRecord, ...]:
    if len(raw_records) != len(manifest.entries):
        raise FormatViolation(
            f"it holds {len(raw_records)} records but its signed manifest lists"
            f" {len(manifest.entries)}"
        )
    records: list[BundleRecord] = []
    for position, (item, entry) in enumerate(
        zip(raw_records, manifest.entries, strict=True), start=1
    ):
        raw = check_object(item, _RECORD_KEYS, f"record {position}")
        kind, record_id, version, digest = entry
        # Compare with type: 1 == True in Python, but a JSON true is not a version.
        if (raw["kind"], raw["id"]) != (kind, record_id) or type(raw["version"]) is not int:
            raise FormatViolation(f"record {position} is not the record its signed manifest lists")
        if raw["version"] != version:
            raise FormatViolation(f"record {position} is not the record its signed manifest lists")
        content = decode_base64(
            raw["content"], limits.max_record_bytes, f"the content of record {position}"
        )
        if hashlib.sha256(content).hexdigest() != digest:
            raise FormatViolation(
                f"the content of record {position} does not match the hash in the signed manifest"
            )
        records.append(BundleRecord(kind, record_id, version, content))
    return tuple(records)


def parse_bundle_plaintext(
    plaintext: bytes,
    *,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """The verified bundle in a decrypted container; same refusals as ``read_bundle``."""
    if len(plaintext) > limits.max_plaintext_bytes:
        _damaged("its content is larger than the largest bundle allowed")
    try:
        container = check_object(parse_json(plaintext), _CONTAINER_KEYS, "the container")
        check_format(container, CONTAINER_FORMAT, "the container")
        manifest = _read_manifest(container["manifest"], limits)
        signature = decode_signature(container["manifest_signature"], "the manifest signature")
        raw_records = check_list(container["records"], limits.max_records, "the record list")
    except FormatViolation as violation:
        _damaged(violation.reason)

    station_id = manifest.station_id
    if station_id in revoked_stations:
        raise StationRevoked(f"The bundle comes from station {station_id}, which is revoked.")
    station_key = station_keys.get(station_id)
    if station_key is None:
        raise UnknownStation(
            f"The bundle comes from station {station_id}, whose key this centre does not have."
        )
    signed = canonical_json(
        _manifest_document(station_id, manifest.sequence, manifest.created_at, manifest.entries)
    )
    try:
        station_key.verify(signature, signed)
    except InvalidSignature:
        raise BundleSignatureInvalid(
            f"The bundle's manifest is not signed by the key of station {station_id}."
        ) from None

    try:
        records = _read_records(raw_records, manifest, limits)
        return Bundle(station_id, manifest.sequence, manifest.created_at, records)
    except FormatViolation as violation:
        _damaged(violation.reason)
    except BundleInvalid as invalid:  # unreachable after the checks above; kept as a backstop
        _damaged(invalid.reason)


def read_bundle(
    data: bytes,
    *,
    identity: x25519.Identity,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """Decrypt, verify and return the whole bundle, or raise a ``BundleError`` subclass.

    All or nothing: no record is returned unless the age layer opened, the manifest's
    signature verified with the station's key and every record matches its signed hash.
    """
    plaintext = _decrypt(data, identity, limits)
    return parse_bundle_plaintext(
        plaintext, station_keys=station_keys, revoked_stations=revoked_stations, limits=limits
    )
