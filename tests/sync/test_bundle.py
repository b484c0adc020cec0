"""Bundles (format 2): a round trip, the standard age tool reads them, the signed header is
checked before the body, and every refusal has its own type. Format 1: test_bundle_v1.py.

Real keys (Ed25519, age X25519), real encryption, synthetic records; no mocks.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyrage
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
from interview_room.sync.bundle import MAGIC, bundle_plaintext
from interview_room.sync.bundle_reader import PlaintextReader
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

    @classmethod
    def generate(cls) -> Keys:
        """Fresh keys: a centre's age identity and two stations' signing keys."""
        identity = x25519.Identity.generate()
        return cls(
            identity=identity,
            recipient=str(identity.to_public()),
            station=Ed25519PrivateKey.generate(),
            other_station=Ed25519PrivateKey.generate(),
        )

    def station_keys(self) -> dict[str, Any]:
        return {
            STATION: self.station.public_key(),
            OTHER_STATION: self.other_station.public_key(),
        }


@pytest.fixture(scope="module")
def keys() -> Keys:
    return Keys.generate()


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


def opened(data: bytes, keys: Keys) -> bytes:
    """The decrypted plaintext, as an attacker with the centre's key would see it."""
    return bytes(pyrage.decrypt(data, [keys.identity]))


def sealed(plaintext: bytes, keys: Keys) -> bytes:
    """Encrypt a (tampered) plaintext to the right centre, as anyone with its public key can."""
    return bytes(pyrage.encrypt(plaintext, [keys.identity.to_public()]))


@dataclass
class Parts:
    """A format 2 plaintext taken apart: the header document, and each record's head and
    content, so that a test can change one and put it together again."""

    header: dict[str, Any]
    heads: list[dict[str, Any]]
    contents: list[bytes]

    @classmethod
    def of(cls, plaintext: bytes) -> Parts:
        assert plaintext.startswith(MAGIC)
        header_line, _, rest = plaintext[len(MAGIC) :].partition(b"\n")
        _, _, body = rest.partition(b"\n")
        heads: list[dict[str, Any]] = []
        contents: list[bytes] = []
        while body:
            head_line, _, body = body.partition(b"\n")
            head = json.loads(head_line)
            heads.append(head)
            contents.append(body[: head["bytes"]])
            body = body[head["bytes"] + 1 :]
        return cls(json.loads(header_line), heads, contents)

    def body(self) -> bytes:
        return b"".join(
            canonical_json(head) + b"\n" + content + b"\n"
            for head, content in zip(self.heads, self.contents, strict=True)
        )

    def plaintext(self, *, sign_with: Ed25519PrivateKey, fix_body: bool = True) -> bytes:
        """Put together again; ``fix_body`` updates the body's size and hash in the header
        (as a forger would), and the header is signed with ``sign_with``."""
        body = self.body()
        if fix_body:
            self.header["body_bytes"] = len(body)
            self.header["body_sha256"] = hashlib.sha256(body).hexdigest()
        header = canonical_json(self.header)
        signature = base64.b64encode(sign_with.sign(header))
        return MAGIC + header + b"\n" + signature + b"\n" + body


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
    one = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    two = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    assert one != two
    assert pyrage.decrypt(one, [keys.identity]) == pyrage.decrypt(two, [keys.identity]) == first


def test_the_plaintext_follows_the_documented_layout(keys: Keys) -> None:
    bundle = replace(
        synthetic_bundle(2),
        records=(synthetic_record(0), replace(synthetic_record(1), previous=("ab" * 32,))),
    )
    plaintext = opened(
        write_bundle(bundle, station_key=keys.station, recipient=keys.recipient), keys
    )
    magic, header_line, signature_line, body = plaintext.split(b"\n", 3)
    assert magic + b"\n" == MAGIC == b"interview-room-bundle 2\n"
    header = json.loads(header_line)
    assert canonical_json(header) == header_line
    assert header == {
        "format": "interview-room-bundle-header",
        "version": 2,
        "station_id": STATION,
        "sequence": 7,
        "created_at": CREATED_AT,
        "records": 2,
        "body_bytes": len(body),
        "body_sha256": hashlib.sha256(body).hexdigest(),
    }
    keys.station.public_key().verify(base64.b64decode(signature_line), header_line)
    parts = Parts.of(plaintext)
    assert parts.heads[1] == {
        "kind": "case",
        "id": bundle.records[1].record_id,
        "version": 2,
        "previous": ["ab" * 32],
        "bytes": len(bundle.records[1].content),
    }
    assert parts.contents == [record.content for record in bundle.records]


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


def test_a_tampered_header_breaks_the_signature(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    for field, value in (
        ("sequence", 8),
        ("created_at", "2026-03-03T09:30:00+00:00"),
        ("station_id", OTHER_STATION),
        ("records", 2),
    ):
        parts = Parts.of(opened(data, keys))
        parts.header[field] = value
        # This station signs as another; otherwise the header changed after the station signed.
        forged = parts.plaintext(sign_with=keys.station)
        plaintext = forged if field == "station_id" else _with_header(forged, opened(data, keys))
        with pytest.raises(BundleSignatureInvalid):
            read(sealed(plaintext, keys), keys)


def _with_header(tampered: bytes, original: bytes) -> bytes:
    """``tampered``'s header with ``original``'s signature (the header changed in transit)."""
    magic, header, _, body = tampered.split(b"\n", 3)
    signature = original.split(b"\n", 3)[2]
    return b"\n".join((magic, header, signature, body))


def test_tampered_record_content_does_not_match_the_signed_body_hash(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    parts = Parts.of(opened(data, keys))
    parts.contents[1] = parts.contents[1].replace(b"SYN-0001", b"SYN-9999")
    tampered = parts.plaintext(sign_with=keys.station, fix_body=False)
    with pytest.raises(BundleDamaged, match="body does not match the hash in its signed header"):
        read(sealed(_with_header(tampered, opened(data, keys)), keys), keys)


def test_records_added_removed_or_swapped_after_signing_are_refused(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(3), station_key=keys.station, recipient=keys.recipient)
    original = opened(data, keys)
    extra = synthetic_record(50)

    def add_one(p: Parts) -> None:
        p.heads.append(dict(p.heads[0], id=extra.record_id))
        p.contents.append(p.contents[0])

    def remove_the_second(p: Parts) -> None:
        p.heads.pop(1)
        p.contents.pop(1)

    def reverse_the_order(p: Parts) -> None:
        p.heads.reverse()
        p.contents.reverse()

    for change, reason in (
        (add_one, "data follows its last record"),
        (remove_the_second, "ends inside record 3"),
        (reverse_the_order, "does not match the hash"),
    ):
        parts = Parts.of(original)
        change(parts)
        tampered = parts.plaintext(sign_with=keys.station, fix_body=False)
        with pytest.raises(BundleDamaged, match=reason):
            read(sealed(_with_header(tampered, original), keys), keys)


def test_a_record_head_that_does_not_match_its_content_is_refused(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(2), station_key=keys.station, recipient=keys.recipient)
    original = opened(data, keys)
    for field, value, reason in (
        ("bytes", 5, "does not end where its head says"),
        ("bytes", 10**9, "size of record 1 is more than the limit"),
        ("bytes", True, "size of record 1 is not a whole number"),
        ("version", True, "version of record 1 is not"),
        ("version", 0, "version of record 1 is not"),
        ("previous", ["0" * 64] * 5, "earlier versions of record 1"),
        ("previous", "0" * 64, "earlier versions of record 1"),
        ("previous", ["not a hash"], "earlier versions of record 1"),
        ("kind", "Case/..", "kind of record 1"),
        ("id", "../x", "id of record 1"),
    ):
        parts = Parts.of(original)
        parts.heads[0][field] = value
        # Re-signed with a fixed body: only a holder of the station's key could send these.
        with pytest.raises(BundleDamaged, match=re.escape(reason)):
            read(sealed(parts.plaintext(sign_with=keys.station), keys), keys)


def test_a_record_repeated_in_a_signed_bundle_is_damaged(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(2), station_key=keys.station, recipient=keys.recipient)
    parts = Parts.of(opened(data, keys))
    parts.heads[1] = dict(parts.heads[0])
    parts.contents[1] = parts.contents[0]
    with pytest.raises(BundleDamaged, match="record 2 repeats the kind and id"):
        read(sealed(parts.plaintext(sign_with=keys.station), keys), keys)


def test_the_body_is_not_read_past_what_the_signed_header_announces(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(3), station_key=keys.station, recipient=keys.recipient)
    parts = Parts.of(opened(data, keys))
    body = parts.body()
    parts.header["body_bytes"] = len(body) - 10
    tampered = parts.plaintext(sign_with=keys.station, fix_body=False)
    with pytest.raises(BundleDamaged, match="reaches past the body its signed header announces"):
        read(sealed(tampered, keys), keys)


def test_a_truncated_bundle_is_damaged(keys: Keys) -> None:
    data = write_bundle(synthetic_bundle(500), station_key=keys.station, recipient=keys.recipient)
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


def test_a_bundle_over_the_readers_limits_is_refused_from_its_header(keys: Keys) -> None:
    bundle = synthetic_bundle(4)  # records of about 330 bytes, plaintext about 2 KB
    data = write_bundle(bundle, station_key=keys.station, recipient=keys.recipient)
    assert read(data, keys, limits=BundleLimits(4096, 400, 4)) == bundle
    for limits, reason in (
        (BundleLimits(max_plaintext_bytes=1024), "larger than the largest bundle"),
        (BundleLimits(max_record_bytes=200), "size of record 1 is more than the limit of 200"),
        (BundleLimits(max_records=3), "record count is more than the limit of 3"),
    ):
        with pytest.raises(BundleDamaged, match=reason):
            read(data, keys, limits=limits)


def test_a_header_announcing_a_body_over_the_limit_is_refused_before_the_body(
    keys: Keys,
) -> None:
    limits = BundleLimits(max_plaintext_bytes=8_000)
    for body_bytes, reason in (
        (10_000, "body size is more than the limit of 8,000"),
        (7_900, "announces more than the largest bundle"),
    ):
        parts = Parts.of(bundle_plaintext(synthetic_bundle(1), station_key=keys.station))
        parts.header["body_bytes"] = body_bytes
        plaintext = parts.plaintext(sign_with=keys.station, fix_body=False)
        with pytest.raises(BundleDamaged, match=reason):
            read(sealed(plaintext, keys), keys, limits=limits)


def test_a_file_larger_than_any_bundle_is_refused_before_decrypting(keys: Keys) -> None:
    limits = BundleLimits(max_plaintext_bytes=64 * 1024)
    data = b"age-encryption.org/v1\n" + b"\0" * limits.max_ciphertext_bytes()
    with pytest.raises(BundleDamaged, match="file is larger than the largest bundle"):
        read(data, keys, limits=limits)


def _plaintext(keys: Keys) -> str:
    return bundle_plaintext(synthetic_bundle(1), station_key=keys.station).decode()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda t: t.replace("interview-room-bundle 2", "interview-room-bundle 3"), "format"),
        (lambda t: "\n".join(t.split("\n")[1:]), "format 1 container is not laid out"),
        (lambda t: t.replace("\n", " ", 1), "not a bundle of a format"),
        (lambda t: t.replace('{"body_bytes"', '{"format":"x","body_bytes"'), "repeats a key"),
        (lambda t: t.replace('"sequence":7', '"sequence":7.0'), "not a whole number"),
        (lambda t: t.replace('"sequence":7', '"sequence":NaN'), "non-standard constant"),
        (lambda t: t.replace('"sequence":7', '"sequence":true'), "sequence number is not"),
        (lambda t: t.replace('"sequence":7', '"sequence":0'), "sequence number is not"),
        (lambda t: t.replace('"sequence":7', '"sequence":9007199254740992'), "2^53-1"),
        (lambda t: t.replace('"version":2}', '"version":1}'), "format version"),
        (lambda t: t.replace('"version":2}', '"version":2,"x":1}'), "exactly the fields"),
        (lambda t: t.replace('{"body_bytes"', '{ "body_bytes"'), "canonical JSON"),
        (lambda t: t.replace(STATION, "../../etc/passwd", 1), "station id is not"),
        (lambda t: t.replace(CREATED_AT, "2026-03-02T09:30:00+01:00"), "UTC"),
        (lambda t: t.replace('"records":1', '"records":-1'), "record count is not"),
        (lambda t: t.replace('{"body_bytes"', "{" + " " * 5000), "header is longer than 4,096"),
        (lambda t: "interview-room-bundle 2\n" + "[" * 3000 + "\n", "not valid JSON"),
        (
            lambda t: t.replace("interview-room-bundle 2\n{", "interview-room-bundle 2\n\ufeff{"),
            "JSON",
        ),
        (lambda t: t.encode("utf-16"), "not a bundle of a format"),
        (lambda t: "\n".join(t.split("\n")[:2]) + "\n!" + "A" * 87 + "\n", "signature"),
        (lambda t: "\n".join(t.split("\n")[:2]) + "\n" + "A" * 200, "signature line is longer"),
        (lambda t: "\n".join(t.split("\n")[:2]), "ends before its signed header"),
        (lambda t: "", "ends before its signed header"),
    ],
)
def test_a_malformed_plaintext_is_damaged(keys: Keys, change: Any, reason: str) -> None:
    text = change(_plaintext(keys))
    raw = text if isinstance(text, bytes) else text.encode()
    with pytest.raises(BundleDamaged, match=re.escape(reason)):
        read(sealed(raw, keys), keys)


def test_a_junk_body_after_a_forged_header_is_never_parsed(keys: Keys) -> None:
    """The attack of issue 13: anyone holding the centre's public key encrypts megabytes of
    JSON. The header is refused (its signature) before the body is read."""
    forged = Parts.of(bundle_plaintext(synthetic_bundle(1), station_key=keys.other_station))
    junk = b"[" * (8 * 1024 * 1024)
    forged.header["body_bytes"] = len(junk)
    header = canonical_json(forged.header)
    signature = base64.b64encode(keys.other_station.sign(header))
    plaintext = MAGIC + header + b"\n" + signature + b"\n" + junk
    written: list[int] = []

    class Counting(PlaintextReader):
        def write(self, data: Any) -> int:
            written.append(len(data))
            return super().write(data)

    reader = Counting(station_keys=keys.station_keys())
    with pytest.raises(BundleSignatureInvalid):
        pyrage.decrypt_io(io.BytesIO(sealed(plaintext, keys)), reader, [keys.identity])
    assert sum(written) < 256 * 1024, "decryption stopped at the header, not at the end"


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
    from interview_room.sync.bundle_v1 import legacy_bundle_plaintext

    doc = (Path(__file__).resolve().parents[2] / "docs" / "BUNDLE_FORMAT.md").read_text("utf-8")
    test_key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    record = BundleRecord(
        "case",
        "9f2c4e0b7a1d4c3e8b5a6f7e8d9c0b1a",
        3,
        b'{"code":"SYN-0001"}',
        (hashlib.sha256(b'{"code":"SYN-0000"}').hexdigest(),),
    )
    bundle = Bundle("5a7e11a0c0ffee01", 12, "2026-03-02T09:30:00+00:00", (record,))
    receipt = Receipt(
        bundle.station_id,
        bundle.sequence,
        "2026-03-02T11:00:00+00:00",
        ((record.kind, record.record_id, record.version, record.content_hash),),
    )
    assert bundle_plaintext(bundle, station_key=test_key).decode() in doc
    assert write_receipt(receipt, center_key=test_key).decode() in doc
    legacy = replace(bundle, records=(replace(record, previous=()),))
    assert legacy_bundle_plaintext(legacy, station_key=test_key).decode() in doc
