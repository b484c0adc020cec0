"""Format 1 bundles (one JSON container), still read so that bundles written before format 2
import; written only for tests and the documented example.

Reading one follows the rule of format 2: the station's signature is checked before any JSON
is parsed. A format 1 writer always produced canonical JSON, so the signed manifest's bytes sit
at a known place in the plaintext: ``{"format":"interview-room-bundle","manifest":`` + the
manifest + ``,"manifest_signature":"`` + 88 characters of base64 + ``","records":``, and the
manifest ends with ``"sequence":N,"station_id":"…","version":1}``. These bytes are verified as
they stand; only then is the container parsed strictly, as format 1 always was. A format 1
container laid out any other way is refused as damaged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from interview_room.sync.bundle import (
    DEFAULT_LIMITS,
    Bundle,
    BundleLimits,
    BundleRecord,
    _check_unique,
    bundle_damaged,
    verifying_key,
)
from interview_room.sync.errors import BundleInvalid, BundleSignatureInvalid
from interview_room.sync.fields import (
    FORMAT_VERSION,
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

PREFIX = b'{"format":"interview-room-bundle","manifest":{'
_MANIFEST_START = len(PREFIX) - 1  # the manifest's own "{"
_SIGNATURE_MARK = b'},"manifest_signature":"'
_SIGNATURE_CHARS = 88
_RECORDS_MARK = b'","records":'
_MANIFEST_TAIL = re.compile(
    rb',"sequence":([1-9][0-9]{0,15}),"station_id":"([0-9a-f]{1,64})","version":1\}\Z'
)
# The longest canonical manifest entry: ids of 128, kinds of 32, a 64-digit hash, 16 digits.
_MAX_ENTRY_BYTES = 320


def max_manifest_bytes(limits: BundleLimits) -> int:
    """The longest signed manifest a format 1 bundle within ``limits`` can have."""
    return 1024 + limits.max_records * _MAX_ENTRY_BYTES


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


def legacy_bundle_plaintext(
    bundle: Bundle, *, station_key: Ed25519PrivateKey, limits: BundleLimits = DEFAULT_LIMITS
) -> bytes:
    """The signed format 1 container, as stations wrote it before format 2 (for tests and the
    documented example). Format 1 cannot carry earlier versions' hashes: a record that names
    them is refused (``BundleInvalid``)."""
    import base64

    if len(bundle.records) > limits.max_records:
        raise BundleInvalid(f"it holds more than {limits.max_records} records")
    for position, record in enumerate(bundle.records, start=1):
        if len(record.content) > limits.max_record_bytes:
            raise BundleInvalid(f"record {position} is larger than {limits.max_record_bytes} bytes")
        if record.previous:
            raise BundleInvalid(f"record {position} names earlier versions, which format 1 cannot")
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


# --- the signature, from the bytes as they stand ------------------------------------------


def _not_laid_out() -> NoReturn:
    bundle_damaged("its format 1 container is not laid out as format 1 is written")


class SignedPrefix:
    """Checks the station's signature over the manifest bytes at the start of a format 1
    plaintext, as the plaintext arrives, without parsing any JSON.

    ``feed(buffer)`` is called with everything received so far; ``verified`` turns True once the
    signature holds. Raises ``BundleDamaged``, ``StationRevoked``, ``UnknownStation`` or
    ``BundleSignatureInvalid``."""

    def __init__(
        self,
        *,
        station_keys: Mapping[str, Ed25519PublicKey],
        revoked_stations: Collection[str],
        limits: BundleLimits,
    ) -> None:
        self._station_keys = station_keys
        self._revoked = revoked_stations
        self._max_manifest = max_manifest_bytes(limits)
        self._scanned = len(PREFIX)  # where the search for the signature mark goes on
        self._mark = -1
        self.verified = False

    def feed(self, buffer: bytes | bytearray) -> None:
        if self.verified:
            return
        if bytes(buffer[: len(PREFIX)]) != PREFIX[: len(buffer)]:
            _not_laid_out()
        if self._mark == -1:
            self._mark = buffer.find(_SIGNATURE_MARK, self._scanned)
            if self._mark == -1:
                self._scanned = max(len(PREFIX), len(buffer) - len(_SIGNATURE_MARK) + 1)
                if len(buffer) > self._max_manifest:
                    bundle_damaged("its signed manifest is longer than any bundle allowed")
                return
        signature_start = self._mark + len(_SIGNATURE_MARK)
        records_start = signature_start + _SIGNATURE_CHARS
        if len(buffer) < records_start + len(_RECORDS_MARK):
            return
        if bytes(buffer[records_start : records_start + len(_RECORDS_MARK)]) != _RECORDS_MARK:
            _not_laid_out()
        # A view, not a copy: the manifest may be tens of MiB.
        manifest = memoryview(buffer)[_MANIFEST_START : self._mark + 1]
        tail = _MANIFEST_TAIL.search(bytes(manifest[-160:]))
        if tail is None:
            _not_laid_out()
        try:
            signature = decode_signature(
                bytes(buffer[signature_start:records_start]).decode("ascii"),
                "the manifest signature",
            )
        except (FormatViolation, UnicodeDecodeError):
            bundle_damaged("the manifest signature is not 64 bytes of canonical base64")
        station_id = tail.group(2).decode("ascii")
        key = verifying_key(station_id, self._station_keys, self._revoked)
        try:
            key.verify(signature, manifest)
        except InvalidSignature:
            raise BundleSignatureInvalid(
                f"The bundle's manifest is not signed by the key of station {station_id}."
            ) from None
        finally:
            manifest.release()  # the buffer may grow again only once no view holds it
        self.verified = True


# --- the container, parsed strictly once the signature holds -------------------------------

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


def parse_container(
    plaintext: bytes,
    *,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """The verified bundle in a format 1 container: the signature over the manifest bytes
    first (:func:`verify_signed_prefix`), then the strict parse of the whole container."""
    if len(plaintext) > limits.max_plaintext_bytes:
        bundle_damaged("its content is larger than the largest bundle allowed")
    prefix = SignedPrefix(
        station_keys=station_keys, revoked_stations=revoked_stations, limits=limits
    )
    prefix.feed(plaintext)
    if not prefix.verified:
        bundle_damaged("its format 1 container ends before its manifest signature")
    try:
        container = check_object(parse_json(plaintext), _CONTAINER_KEYS, "the container")
        check_format(container, CONTAINER_FORMAT, "the container")
        manifest = _read_manifest(container["manifest"], limits)
        signature = decode_signature(container["manifest_signature"], "the manifest signature")
        raw_records = check_list(container["records"], limits.max_records, "the record list")
    except FormatViolation as violation:
        bundle_damaged(violation.reason)

    station_id = manifest.station_id
    station_key = verifying_key(station_id, station_keys, revoked_stations)
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
        bundle_damaged(violation.reason)
    except BundleInvalid as invalid:  # unreachable after the checks above; kept as a backstop
        bundle_damaged(invalid.reason)
