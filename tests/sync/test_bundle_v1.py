"""Format 1 bundles (one JSON container) are still read, and now their signature is checked
before any JSON is parsed: junk encrypted to the centre's public key is refused unparsed.

Real keys, real encryption, synthetic records; no mocks.
"""

from __future__ import annotations

import base64
import json
import re
import tracemalloc
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.sync import (
    Bundle,
    BundleDamaged,
    BundleInvalid,
    BundleLimits,
    BundleRecord,
    BundleSignatureInvalid,
    UnknownStation,
)
from interview_room.sync.bundle import encrypt_plaintext
from interview_room.sync.bundle_v1 import PREFIX, legacy_bundle_plaintext
from interview_room.sync.fields import canonical_json
from tests.sync.test_bundle import (
    CREATED_AT,
    STATION,
    Keys,
    read,
    synthetic_bundle,
    synthetic_record,
)


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys.generate()


def legacy(bundle: Bundle, keys: Keys) -> bytes:
    """A bundle as a station wrote it before format 2."""
    return encrypt_plaintext(
        legacy_bundle_plaintext(bundle, station_key=keys.station), keys.recipient
    )


def opened(data: bytes, keys: Keys) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(pyrage.decrypt(data, [keys.identity]))
    return document


def sealed(
    container: dict[str, Any], keys: Keys, *, sign_with: Ed25519PrivateKey | None = None
) -> bytes:
    """Encrypt a (tampered) container to the right centre in the layout format 1 was written
    in, optionally re-signing its manifest."""
    if sign_with is not None:
        signature = sign_with.sign(canonical_json(container["manifest"]))
        container["manifest_signature"] = base64.b64encode(signature).decode()
    return bytes(pyrage.encrypt(canonical_json(container), [keys.identity.to_public()]))


def encoded(content: bytes) -> str:
    return base64.b64encode(content).decode()


def test_a_format_1_bundle_still_reads_back_identical(keys: Keys) -> None:
    bundle = synthetic_bundle(5)
    assert read(legacy(bundle, keys), keys) == bundle
    empty = Bundle(STATION, 1, "2026-03-02T09:30:00Z", ())
    assert read(legacy(empty, keys), keys) == empty


def test_format_1_cannot_carry_earlier_versions() -> None:
    record = BundleRecord("case", "a", 2, b"{}", ("0" * 64,))
    with pytest.raises(BundleInvalid, match="format 1 cannot"):
        legacy_bundle_plaintext(
            Bundle(STATION, 1, CREATED_AT, (record,)), station_key=Ed25519PrivateKey.generate()
        )


def test_the_container_follows_the_documented_layout(keys: Keys) -> None:
    bundle = synthetic_bundle(2)
    container = opened(legacy(bundle, keys), keys)
    assert container["format"] == "interview-room-bundle"
    assert container["version"] == 1
    manifest = container["manifest"]
    assert manifest["records"][1] == {
        "kind": "case",
        "id": bundle.records[1].record_id,
        "version": 2,
        "sha256": bundle.records[1].content_hash,
    }
    keys.station.public_key().verify(
        base64.b64decode(container["manifest_signature"]), canonical_json(manifest)
    )
    assert base64.b64decode(container["records"][0]["content"]) == bundle.records[0].content


# --- the attack of issue 13: junk costs nothing before the signature -------------------------


def _junk_container(entries: int, station: str = STATION) -> bytes:
    """What anyone holding only the centre's public key can make: a container laid out like
    format 1 with a long manifest, and a signature that is not the station's."""
    listed = ",".join(
        f'{{"id":"{i:032x}","kind":"case","sha256":"{"0" * 64}","version":1}}'
        for i in range(entries)
    )
    return (
        PREFIX[:-1]
        + b'{"created_at":"2026-03-02T09:30:00Z","format":"interview-room-bundle-manifest",'
        + b'"records":['
        + listed.encode()
        + b'],"sequence":1,"station_id":"'
        + station.encode()
        + b'","version":1},"manifest_signature":"'
        + b"A" * 86
        + b'==","records":[],"version":1}'
    )


def test_a_junk_container_is_refused_by_its_signature_before_any_json_is_parsed(
    keys: Keys,
) -> None:
    """Issue 13: junk laid out like format 1, encrypted to the centre's public key, cost 25
    times its size (parsed whole before the signature). Now it is refused on the manifest's
    bytes: the reader allocates about the junk's size (the plaintext it holds), no more."""
    plaintext = _junk_container(60_000)  # about 8 MiB of manifest entries
    junk = encrypt_plaintext(plaintext, keys.recipient)
    tracemalloc.start()
    try:
        with pytest.raises(BundleSignatureInvalid):
            read(junk, keys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * len(plaintext), f"{peak:,} bytes allocated for {len(plaintext):,}"
    with pytest.raises(UnknownStation):
        read(encrypt_plaintext(_junk_container(10, "0" * 16), keys.recipient), keys)
    assert read(legacy(synthetic_bundle(1), keys), keys) == synthetic_bundle(1)


def test_a_container_in_any_other_layout_is_refused_unparsed(keys: Keys) -> None:
    container = opened(legacy(synthetic_bundle(2), keys), keys)
    for text in (
        json.dumps(container).encode(),  # whitespace: not how format 1 was ever written
        json.dumps(container, sort_keys=True).encode(),
        b"{" + b" " * 10 + canonical_json(container)[1:],
        canonical_json(container).replace(b'"manifest_signature":"', b'"manifest_signature":"!'),
        b'{"format":"interview-room-bundle","manifest":' + b"[" * 200_000,
    ):
        with pytest.raises(BundleDamaged, match=r"laid out|base64"):
            read(bytes(pyrage.encrypt(text, [keys.identity.to_public()])), keys)


def test_a_manifest_longer_than_the_limits_allow_is_refused_without_waiting_for_its_end(
    keys: Keys,
) -> None:
    junk = encrypt_plaintext(_junk_container(2_000), keys.recipient)
    with pytest.raises(BundleDamaged, match="signed manifest is longer"):
        read(junk, keys, limits=BundleLimits(max_records=100))


# --- tampering after signing (format 1's own checks, still in force) -------------------------


def test_a_tampered_manifest_breaks_the_signature(keys: Keys) -> None:
    data = legacy(synthetic_bundle(), keys)
    for field, value in (("sequence", 8), ("created_at", "2026-03-03T09:30:00+00:00")):
        container = opened(data, keys)
        container["manifest"][field] = value
        with pytest.raises(BundleSignatureInvalid):
            read(sealed(container, keys), keys)
    container = opened(data, keys)
    container["manifest"]["records"][0]["version"] = 99
    with pytest.raises(BundleSignatureInvalid):
        read(sealed(container, keys), keys)


def test_tampered_record_content_does_not_match_its_signed_hash(keys: Keys) -> None:
    container = opened(legacy(synthetic_bundle(), keys), keys)
    container["records"][1]["content"] = encoded(b'{"case":"SYN-9999"}')
    with pytest.raises(BundleDamaged, match="record 2 does not match the hash"):
        read(sealed(container, keys), keys)


def test_a_record_added_after_signing_is_refused(keys: Keys) -> None:
    container = opened(legacy(synthetic_bundle(2), keys), keys)
    extra = synthetic_record(50)
    raw_extra = {"kind": "case", "id": extra.record_id, "version": extra.version}
    container["records"].append(raw_extra | {"content": encoded(extra.content)})
    with pytest.raises(BundleDamaged, match="holds 3 records but its signed manifest lists 2"):
        read(sealed(container, keys), keys)
    container["manifest"]["records"].append(raw_extra | {"sha256": extra.content_hash})
    with pytest.raises(BundleSignatureInvalid):
        read(sealed(container, keys), keys)


def test_a_record_removed_or_swapped_after_signing_is_refused(keys: Keys) -> None:
    data = legacy(synthetic_bundle(3), keys)
    container = opened(data, keys)
    del container["records"][1]
    with pytest.raises(BundleDamaged, match="holds 2 records but its signed manifest lists 3"):
        read(sealed(container, keys), keys)
    container = opened(data, keys)
    records = container["records"]
    records[0], records[2] = records[2], records[0]
    with pytest.raises(BundleDamaged, match="record 1 is not the record its signed manifest"):
        read(sealed(container, keys), keys)


def test_a_record_whose_fields_disagree_with_a_validly_signed_manifest_is_refused(
    keys: Keys,
) -> None:
    data = legacy(synthetic_bundle(2), keys)
    for field, value in (("version", 5), ("version", True), ("id", "other"), ("kind", "note")):
        container = opened(data, keys)
        container["records"][0][field] = value
        with pytest.raises(BundleDamaged, match="record 1 is not the record"):
            read(sealed(container, keys), keys)


def test_duplicate_records_in_a_validly_signed_manifest_are_damaged(keys: Keys) -> None:
    container = opened(legacy(synthetic_bundle(2), keys), keys)
    container["manifest"]["records"][1] = container["manifest"]["records"][0]
    container["records"][1] = container["records"][0]
    with pytest.raises(BundleDamaged, match="record 2 repeats the kind and id"):
        read(sealed(container, keys, sign_with=keys.station), keys)


def test_non_canonical_base64_is_damaged(keys: Keys) -> None:
    bundle = Bundle(STATION, 1, CREATED_AT, (BundleRecord("case", "a", 1, b"A"),))
    container = opened(legacy(bundle, keys), keys)
    assert container["records"][0]["content"] == "QQ=="
    for variant in ("QR==", "QQ", "QQ==\n", " QQ=="):
        container["records"][0]["content"] = variant
        with pytest.raises(BundleDamaged, match="base64"):
            read(sealed(container, keys), keys)


def _resigned_text(text: str, keys: Keys) -> bytes:
    """The container text with its manifest bytes re-signed by the station (a key holder)."""
    start = len(PREFIX) - 1
    mark = text.index(',"manifest_signature":"')
    signature = keys.station.sign(text[start:mark].encode())
    signed = text[: mark + 23] + base64.b64encode(signature).decode() + text[mark + 23 + 88 :]
    return bytes(pyrage.encrypt(signed.encode(), [keys.identity.to_public()]))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace('"sequence":7', '"sequence":9007199254740992'), "2^53-1"),
        (lambda t: t.replace(CREATED_AT, "2026-03-02T09:30:00+01:00"), "UTC"),
        (lambda t: t.replace(CREATED_AT, "2026-03-02T09:30:00"), "UTC"),
        (lambda t: t.replace('"kind":"case"', '"kind":"Case/.."'), "kind of manifest entry"),
        (lambda t: t.replace('"records":[{"id"', '"records":[{"extra":1,"id"'), "exactly"),
        (lambda t: t.replace('"version":1}', '"version":2}'), "laid out"),
        (lambda t: t.replace('"sequence":7', '"sequence":7.0'), "laid out"),
        (lambda t: t.replace('"sequence":7', '"sequence":true'), "laid out"),
        (lambda t: t.replace(STATION, "../../etc/passwd"), "laid out"),
        (lambda t: t[:-1], "not valid JSON"),
        (lambda t: t.replace('"records":[{"content"', '"records":[{"content"' * 2), "JSON"),
    ],
)
def test_a_malformed_container_signed_by_its_station_is_still_damaged(
    keys: Keys, change: Any, reason: str
) -> None:
    """What a holder of the station's key can sign is still held to every rule of format 1."""
    text = legacy_bundle_plaintext(synthetic_bundle(1), station_key=keys.station).decode()
    with pytest.raises(BundleDamaged, match=re.escape(reason)):
        read(_resigned_text(change(text), keys), keys)


def test_a_record_over_the_size_limit_is_damaged(keys: Keys) -> None:
    big = BundleRecord("case", "big", 1, b"x" * 302)
    data = legacy(Bundle(STATION, 1, CREATED_AT, (big,)), keys)
    # 302 and 301 bytes both encode to 404 base64 characters: the decoded size decides.
    with pytest.raises(BundleDamaged, match="canonical base64 of at most 301 bytes"):
        read(data, keys, limits=BundleLimits(max_record_bytes=301))
    with pytest.raises(BundleDamaged, match="not base64 of at most 300 bytes"):
        read(data, keys, limits=BundleLimits(max_record_bytes=300))
