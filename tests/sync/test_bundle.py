"""Bundles: a round trip, the standard age tool reads them, and every refusal has its own type.

Real keys (Ed25519, age X25519), real encryption, synthetic records; no mocks.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyrage  # type: ignore[import-untyped]
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from interview_room.errors import InterviewRoomError
from interview_room.sync import (
    Bundle,
    BundleDamaged,
    BundleError,
    BundleInvalid,
    BundleLimits,
    BundleNotForUs,
    BundleRecord,
    BundleSignatureInvalid,
    Receipt,
    RecipientInvalid,
    StationRevoked,
    UnknownStation,
    bundle_file_name,
    parse_bundle_file_name,
    read_bundle,
    write_bundle,
    write_receipt,
)
from interview_room.sync.bundle import bundle_plaintext
from interview_room.sync.fields import canonical_json
from tests.external_tools import require_tool, run_tool

STATION = "5a7e11a0c0ffee01"
OTHER_STATION = "0b5e55ed00dd0002"
CREATED_AT = "2026-03-02T09:30:00+00:00"


@dataclass(frozen=True)
class Keys:
    identity: Any  # pyrage.x25519.Identity: the centre's age identity
    recipient: str
    station: Ed25519PrivateKey
    other_station: Ed25519PrivateKey

    def station_keys(self) -> dict[str, Any]:
        return {
            STATION: self.station.public_key(),
            OTHER_STATION: self.other_station.public_key(),
        }


@pytest.fixture(scope="module")
def keys() -> Keys:
    identity = x25519.Identity.generate()
    return Keys(
        identity=identity,
        recipient=str(identity.to_public()),
        station=Ed25519PrivateKey.generate(),
        other_station=Ed25519PrivateKey.generate(),
    )


def synthetic_record(index: int, size: int = 300) -> BundleRecord:
    document = {"case": f"SYN-{index:04d}", "note": "synthetic " * (size // 10)}
    content = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    return BundleRecord("case", f"{index:032x}", index + 1, content)


def synthetic_bundle(count: int = 3, *, station_id: str = STATION, sequence: int = 7) -> Bundle:
    return Bundle(
        station_id, sequence, CREATED_AT, tuple(synthetic_record(i) for i in range(count))
    )


def read(data: bytes, keys: Keys, **kwargs: Any) -> Bundle:
    return read_bundle(data, identity=keys.identity, station_keys=keys.station_keys(), **kwargs)


def opened(data: bytes, keys: Keys) -> dict[str, Any]:
    """The decrypted container, as an attacker with the centre's key would see it."""
    document: dict[str, Any] = json.loads(pyrage.decrypt(data, [keys.identity]))
    return document


def sealed(
    container: dict[str, Any], keys: Keys, *, sign_with: Ed25519PrivateKey | None = None
) -> bytes:
    """Encrypt a (tampered) container to the right centre, optionally re-signing its manifest."""
    if sign_with is not None:
        signature = sign_with.sign(canonical_json(container["manifest"]))
        container["manifest_signature"] = base64.b64encode(signature).decode()
    return bytes(pyrage.encrypt(json.dumps(container).encode(), [keys.identity.to_public()]))


def encoded(content: bytes) -> str:
    return base64.b64encode(content).decode()


# --- round trip --------------------------------------------------------------------------


def test_a_written_bundle_reads_back_identical(keys: Keys) -> None:
    bundle = synthetic_bundle(5)
    data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    assert data.startswith(b"age-encryption.org/v1\n")
    assert read(data, keys) == bundle


def test_an_empty_bundle_and_binary_content_round_trip(keys: Keys) -> None:
    empty = Bundle(STATION, 1, "2026-03-02T09:30:00Z", ())
    binary = Bundle(STATION, 2, CREATED_AT, (BundleRecord("photo", "p-1", 1, bytes(range(256))),))
    for bundle in (empty, binary):
        data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
        assert read(data, keys) == bundle


def test_the_record_hash_is_the_sha256_of_its_content() -> None:
    record = BundleRecord("case", "abc", 1, b"{}")
    assert record.content_hash == (
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    )


def test_the_signed_container_is_deterministic_but_each_encryption_differs(keys: Keys) -> None:
    bundle = synthetic_bundle(2)
    first = bundle_plaintext(bundle, station_key=keys.station)
    assert first == bundle_plaintext(bundle, station_key=keys.station)
    assert first == canonical_json(json.loads(first))
    one = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    two = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    assert one != two
    assert pyrage.decrypt(one, [keys.identity]) == pyrage.decrypt(two, [keys.identity]) == first


def test_the_container_follows_the_documented_layout(keys: Keys) -> None:
    bundle = synthetic_bundle(2)
    container = opened(
        write_bundle(bundle, station_key=keys.station, recipient=keys.recipient), keys
    )
    assert container["format"] == "interview-room-bundle"
    assert container["version"] == 1
    manifest = container["manifest"]
    assert manifest["format"] == "interview-room-bundle-manifest"
    assert (manifest["station_id"], manifest["sequence"], manifest["created_at"]) == (
        STATION,
        7,
        CREATED_AT,
    )
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


def test_the_standard_age_tool_decrypts_a_bundle(keys: Keys, tmp_path: Path) -> None:
    age = require_tool("age")
    bundle = synthetic_bundle(3)
    data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    identity_file = tmp_path / "centre-identity.txt"
    identity_file.write_text(str(keys.identity) + "\n", encoding="ascii")
    identity_file.chmod(0o600)
    bundle_file = tmp_path / bundle_file_name(STATION, bundle.sequence)
    bundle_file.write_bytes(data)

    result = run_tool(age, "-d", "-i", str(identity_file), str(bundle_file))

    assert result.returncode == 0, result.stderr
    assert result.stdout.encode() == bundle_plaintext(bundle, station_key=keys.station)


def test_age_tool_refuses_a_bundle_for_another_centre(keys: Keys, tmp_path: Path) -> None:
    age = require_tool("age")
    other = x25519.Identity.generate()
    identity_file = tmp_path / "other-identity.txt"
    identity_file.write_text(str(other) + "\n", encoding="ascii")
    bundle_file = tmp_path / "b.age"
    bundle_file.write_bytes(
        write_bundle(synthetic_bundle(1), station_key=keys.station, recipient=keys.recipient)
    )
    result = run_tool(age, "-d", "-i", str(identity_file), str(bundle_file))
    assert result.returncode != 0


# --- refusals ----------------------------------------------------------------------------


def test_a_bundle_for_another_centre_is_not_for_us(keys: Keys) -> None:
    other_centre = x25519.Identity.generate()
    data = write_bundle(
        synthetic_bundle(), station_key=keys.station, recipient=str(other_centre.to_public())
    )
    with pytest.raises(BundleNotForUs):
        read(data, keys)


def test_a_bundle_from_an_unknown_station_is_refused(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    with pytest.raises(UnknownStation, match=STATION):
        read_bundle(
            data,
            identity=keys.identity,
            station_keys={OTHER_STATION: keys.other_station.public_key()},
        )


def test_a_bundle_from_a_revoked_station_is_refused_even_with_its_key(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    with pytest.raises(StationRevoked, match=STATION):
        read(data, keys, revoked_stations={STATION})
    with pytest.raises(StationRevoked):
        read_bundle(data, identity=keys.identity, station_keys={}, revoked_stations=[STATION])


def test_a_bundle_signed_with_another_stations_key_is_refused(keys: Keys) -> None:
    # The other station claims to be STATION: its signature does not verify with STATION's key.
    data = write_bundle(
        synthetic_bundle(), station_key=keys.other_station, recipient=keys.recipient
    )
    with pytest.raises(BundleSignatureInvalid, match=STATION):
        read(data, keys)


def test_a_tampered_manifest_breaks_the_signature(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
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
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    container = opened(data, keys)
    container["records"][1]["content"] = encoded(b'{"case":"SYN-9999"}')
    with pytest.raises(BundleDamaged, match="record 2 does not match the hash"):
        read(sealed(container, keys), keys)


def test_a_record_added_after_signing_is_refused(keys: Keys) -> None:
    bundle = synthetic_bundle(2)
    data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    extra = synthetic_record(50)
    raw_extra = {"kind": "case", "id": extra.record_id, "version": extra.version}

    container = opened(data, keys)
    container["records"].append(raw_extra | {"content": encoded(extra.content)})
    with pytest.raises(BundleDamaged, match="holds 3 records but its signed manifest lists 2"):
        read(sealed(container, keys), keys)

    # Added to the manifest too: the manifest no longer matches the station's signature.
    container["manifest"]["records"].append(raw_extra | {"sha256": extra.content_hash})
    with pytest.raises(BundleSignatureInvalid):
        read(sealed(container, keys), keys)


def test_a_record_removed_after_signing_is_refused(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(3), station_key=keys.station, recipient=keys.recipient)
    container = opened(data, keys)
    del container["records"][1]
    with pytest.raises(BundleDamaged, match="holds 2 records but its signed manifest lists 3"):
        read(sealed(container, keys), keys)
    del container["manifest"]["records"][1]
    with pytest.raises(BundleSignatureInvalid):
        read(sealed(container, keys), keys)


def test_records_swapped_after_signing_are_refused(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(3), station_key=keys.station, recipient=keys.recipient)
    container = opened(data, keys)
    records = container["records"]
    records[0], records[2] = records[2], records[0]
    with pytest.raises(BundleDamaged, match="record 1 is not the record its signed manifest"):
        read(sealed(container, keys), keys)


def test_a_record_whose_fields_disagree_with_a_validly_signed_manifest_is_refused(
    keys: Keys,
) -> None:
    data = write_bundle(synthetic_bundle(2), station_key=keys.station, recipient=keys.recipient)
    for field, value in (("version", 5), ("version", True), ("id", "other"), ("kind", "note")):
        container = opened(data, keys)
        container["records"][0][field] = value
        with pytest.raises(BundleDamaged, match="record 1 is not the record"):
            read(sealed(container, keys), keys)


def test_a_truncated_bundle_is_damaged(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(300), station_key=keys.station, recipient=keys.recipient)
    assert len(data) > 2 * 64 * 1024
    header_end = data.index(b"\n--- ")
    payload_start = data.index(b"\n", header_end + 1) + 1
    for cut in (0, 10, len(b"age-encryption.org/v1\n") + 5, header_end, payload_start + 8):
        with pytest.raises(BundleDamaged):
            read(data[:cut], keys)
    # Cutting exactly after a whole 64 KiB chunk is caught too: only the last chunk is marked.
    after_first_chunk = payload_start + 16 + 64 * 1024 + 16
    for cut in (len(data) - 1, len(data) - 17, len(data) // 2, after_first_chunk):
        with pytest.raises(BundleDamaged, match="age decryption failed"):
            read(data[:cut], keys)


def test_garbage_and_other_formats_are_damaged(keys: Keys) -> None:
    bundle = synthetic_bundle(1)
    plaintext = bundle_plaintext(bundle, station_key=keys.station)
    armored = pyrage.encrypt(plaintext, [keys.identity.to_public()], armored=True)
    data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    for not_a_bundle in (
        b"",
        b"\x00" * 1000,
        bytes(range(256)) * 8,
        b"PK\x03\x04" + b"\x00" * 100,  # a ZIP file
        plaintext,  # the container without encryption
        bytes(armored),  # valid age, but ASCII-armoured: not the format
        b"age-encryption.org/v1\n" + b"A" * 20_000,  # header never ends
        data + b"junk",
    ):
        with pytest.raises(BundleDamaged):
            read(not_a_bundle, keys)


def test_an_age_header_with_too_many_stanzas_is_refused_before_decrypting(keys: Keys) -> None:
    stanza = b"-> X25519 " + b"A" * 43 + b"\n" + b"B" * 43 + b"\n"
    data = b"age-encryption.org/v1\n" + stanza * 40 + b"--- " + b"C" * 43 + b"\n" + b"\0" * 64
    with pytest.raises(BundleDamaged, match="too many recipient stanzas"):
        read(data, keys)


def test_a_bundle_over_the_readers_limits_is_damaged(keys: Keys) -> None:
    bundle = synthetic_bundle(4)  # records of about 330 bytes, container about 2 KB
    data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    assert read(data, keys, limits=BundleLimits(4096, 400, 4)) == bundle
    for limits, reason in (
        (BundleLimits(max_plaintext_bytes=1024), "larger than the largest bundle"),
        (BundleLimits(max_record_bytes=200), "record 1 is not base64 of at most 200 bytes"),
        (BundleLimits(max_records=3), "has more than 3 items"),
    ):
        with pytest.raises(BundleDamaged, match=reason):
            read(data, keys, limits=limits)


def test_a_file_larger_than_any_bundle_is_refused_before_decrypting(keys: Keys) -> None:
    limits = BundleLimits(max_plaintext_bytes=64 * 1024)
    data = b"age-encryption.org/v1\n" + b"\0" * limits.max_ciphertext_bytes()
    with pytest.raises(BundleDamaged, match="file is larger than the largest bundle"):
        read(data, keys, limits=limits)


def test_a_record_over_the_size_limit_is_damaged_even_when_its_base64_is_short_enough(
    keys: Keys,
) -> None:
    big = BundleRecord("case", "big", 1, b"x" * 302)
    data = write_bundle(
        Bundle(STATION, 1, CREATED_AT, (big,)), station_key=keys.station, recipient=keys.recipient
    )
    # 302 and 301 bytes both encode to 404 base64 characters: the decoded size decides.
    with pytest.raises(BundleDamaged, match="canonical base64 of at most 301 bytes"):
        read(data, keys, limits=BundleLimits(max_record_bytes=301))
    with pytest.raises(BundleDamaged, match="not base64 of at most 300 bytes"):
        read(data, keys, limits=BundleLimits(max_record_bytes=300))


def _container_text(keys: Keys) -> str:
    data = write_bundle(synthetic_bundle(1), station_key=keys.station, recipient=keys.recipient)
    return str(pyrage.decrypt(data, [keys.identity]).decode())


def _seal_text(text: str | bytes, keys: Keys) -> bytes:
    raw = text.encode() if isinstance(text, str) else text
    return bytes(pyrage.encrypt(raw, [keys.identity.to_public()]))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda t: t.replace('"format":"interview-room-bundle",', '"format":"x","format":"y",'),
            "repeats a key",
        ),
        (lambda t: t.replace('"sequence":7', '"sequence":7.0'), "not a whole number"),
        (lambda t: t.replace('"sequence":7', '"sequence":NaN'), "non-standard constant"),
        (lambda t: t.replace('"sequence":7', '"sequence":true'), "sequence number is not"),
        (lambda t: t.replace('"sequence":7', '"sequence":0'), "sequence number is not"),
        (lambda t: t.replace('"sequence":7', '"sequence":9007199254740992'), "2^53-1"),
        (lambda t: t.removesuffix('"version":1}') + '"version":2}', "format version"),
        (
            lambda t: t.replace('"records":[{"content"', '"extra":1,"records":[{"content"'),
            "exactly the fields",
        ),
        (lambda t: t.replace(STATION, "../../etc/passwd"), "station id is not"),
        (lambda t: t.replace(CREATED_AT, "2026-03-02T09:30:00+01:00"), "UTC"),
        (lambda t: t.replace(CREATED_AT, "2026-03-02T09:30:00"), "UTC"),
        (lambda t: t.replace('"kind":"case"', '"kind":"Case/.."'), "kind of manifest entry"),
        (lambda t: t[:-1], "not valid JSON"),
        (lambda t: "[" * 200_000 + "]" * 200_000, "not valid JSON"),
        (lambda t: "[" * 200_000, "not valid JSON"),
        (lambda t: t.encode("utf-16"), "not UTF-8"),
        (lambda t: b"\xef\xbb\xbf" + t.encode(), "not valid JSON"),
        (lambda t: t.replace('"manifest_signature":"', '"manifest_signature":"!'), "base64"),
    ],
)
def test_a_malformed_container_is_damaged(keys: Keys, change: Any, reason: str) -> None:
    with pytest.raises(BundleDamaged, match=re.escape(reason)):
        read(_seal_text(change(_container_text(keys)), keys), keys)


def test_duplicate_records_in_a_validly_signed_manifest_are_damaged(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(2), station_key=keys.station, recipient=keys.recipient)
    container = opened(data, keys)
    container["manifest"]["records"][1] = container["manifest"]["records"][0]
    container["records"][1] = container["records"][0]
    with pytest.raises(BundleDamaged, match="record 2 repeats the kind and id"):
        read(sealed(container, keys, sign_with=keys.station), keys)


def test_non_canonical_base64_is_damaged(keys: Keys) -> None:
    bundle = Bundle(STATION, 1, CREATED_AT, (BundleRecord("case", "a", 1, b"A"),))
    container = opened(
        write_bundle(bundle, station_key=keys.station, recipient=keys.recipient), keys
    )
    assert container["records"][0]["content"] == "QQ=="
    for variant in ("QR==", "QQ", "QQ==\n", " QQ=="):
        container["records"][0]["content"] = variant
        with pytest.raises(BundleDamaged, match="base64"):
            read(sealed(container, keys), keys)


# --- writing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: Bundle("STATION", 1, CREATED_AT, ()),
        lambda: Bundle("", 1, CREATED_AT, ()),
        lambda: Bundle("ab/../cd", 1, CREATED_AT, ()),
        lambda: Bundle(STATION, 0, CREATED_AT, ()),
        lambda: Bundle(STATION, True, CREATED_AT, ()),
        lambda: Bundle(STATION, 2**53, CREATED_AT, ()),
        lambda: Bundle(STATION, 1, "2026-03-02T09:30:00", ()),
        lambda: Bundle(STATION, 1, "2026-03-02T10:30:00+01:00", ()),
        lambda: Bundle(STATION, 1, "yesterday", ()),
        lambda: Bundle(STATION, 1, CREATED_AT, [synthetic_record(1)]),  # type: ignore[arg-type]
        lambda: Bundle(STATION, 1, CREATED_AT, (synthetic_record(1), synthetic_record(1))),
        lambda: BundleRecord("", "id", 1, b""),
        lambda: BundleRecord("case", "", 1, b""),
        lambda: BundleRecord("case", "a b", 1, b""),
        lambda: BundleRecord("case", "x" * 129, 1, b""),
        lambda: BundleRecord("case", "id", 0, b""),
        lambda: BundleRecord("case", "id", 1, "text"),  # type: ignore[arg-type]
    ],
)
def test_invalid_values_do_not_make_a_bundle(make: Any) -> None:
    with pytest.raises(BundleInvalid):
        make()


def test_the_writer_refuses_a_bad_recipient_and_a_bundle_over_the_limits(keys: Keys) -> None:
    bundle = synthetic_bundle(1)
    for recipient in ("", "age1notakey", str(keys.identity), "ssh-ed25519 AAAA"):
        with pytest.raises(RecipientInvalid):
            write_bundle(bundle, station_key=keys.station, recipient=recipient)
    with pytest.raises(BundleInvalid, match="record 1 is larger than"):
        bundle_plaintext(bundle, station_key=keys.station, limits=BundleLimits(max_record_bytes=9))
    with pytest.raises(BundleInvalid, match="more than 0 records"):
        bundle_plaintext(bundle, station_key=keys.station, limits=BundleLimits(max_records=0))
    with pytest.raises(BundleInvalid, match="container is larger"):
        bundle_plaintext(
            bundle, station_key=keys.station, limits=BundleLimits(max_plaintext_bytes=100)
        )


# --- file names and messages ---------------------------------------------------------------


def test_bundle_file_names_are_safe_and_parse_back() -> None:
    assert bundle_file_name(STATION, 7) == f"IR-{STATION}-00000007.bundle.age"
    assert bundle_file_name(STATION, 123_456_789) == f"IR-{STATION}-123456789.bundle.age"
    assert parse_bundle_file_name(f"IR-{STATION}-00000007.bundle.age") == (STATION, 7)
    assert parse_bundle_file_name(f"IR-{STATION}-123456789.bundle.age") == (STATION, 123_456_789)
    for name in (
        f"IR-{STATION}-7.bundle.age",
        f"IR-{STATION}-000000007.bundle.age",  # not how the writer pads
        f"IR-{STATION}-00000000.bundle.age",
        f"IR-{STATION.upper()}-00000007.bundle.age",
        f"IR-{STATION}-00000007.bundle.age/../x",
        f"../IR-{STATION}-00000007.bundle.age",
        f"IR-{STATION}-00000007.receipt.json",
    ):
        assert parse_bundle_file_name(name) is None, name
    for station, sequence in (("../x", 1), ("", 1), (STATION, 0)):
        with pytest.raises(BundleInvalid):
            bundle_file_name(station, sequence)


def test_every_refusal_is_an_interview_room_error_with_one_sentence(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    refusals: list[BundleError] = []
    for attempt in (
        lambda: read(data[:-5], keys),
        lambda: read(data, keys, revoked_stations={STATION}),
        lambda: read_bundle(data, identity=keys.identity, station_keys={}),
        lambda: read_bundle(data, identity=x25519.Identity.generate(), station_keys={}),
        lambda: read(
            write_bundle(
                synthetic_bundle(), station_key=keys.other_station, recipient=keys.recipient
            ),
            keys,
        ),
        lambda: synthetic_bundle(sequence=0),
        lambda: write_bundle(synthetic_bundle(), station_key=keys.station, recipient="x"),
    ):
        with pytest.raises(BundleError) as caught:
            attempt()
        refusals.append(caught.value)
    assert len({type(r) for r in refusals}) == len(refusals)
    for refusal in refusals:
        assert isinstance(refusal, InterviewRoomError)
        message = str(refusal)
        assert re.fullmatch(r"[A-Z][^\n]*[^.]\.", message), message


def test_a_bundle_can_be_rebuilt_with_replace_and_still_validates() -> None:
    bundle = synthetic_bundle(1)
    assert replace(bundle, sequence=8).sequence == 8
    with pytest.raises(BundleInvalid):
        replace(bundle, sequence=-1)


def test_the_documented_examples_are_what_the_code_writes() -> None:
    """docs/BUNDLE_FORMAT.md shows real output: the all-zero-seed Ed25519 test key is public."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "BUNDLE_FORMAT.md").read_text("utf-8")
    test_key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    record = BundleRecord("case", "9f2c4e0b7a1d4c3e8b5a6f7e8d9c0b1a", 3, b'{"code":"SYN-0001"}')
    bundle = Bundle("5a7e11a0c0ffee01", 12, "2026-03-02T09:30:00+00:00", (record,))
    receipt = Receipt(
        bundle.station_id,
        bundle.sequence,
        "2026-03-02T11:00:00+00:00",
        ((record.kind, record.record_id, record.version, record.content_hash),),
    )
    assert bundle_plaintext(bundle, station_key=test_key).decode() in doc
    assert write_receipt(receipt, center_key=test_key).decode() in doc
