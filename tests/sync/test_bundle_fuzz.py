"""Damaged input never escapes as anything but a typed refusal.

Property: reading any bytes gives either the very bundle (or receipt) that was signed, or a
``BundleError`` (``ReceiptInvalid``); never another exception, never a partial or different
result. Mutations hit two layers: the age file as it travels, and the decrypted container
re-encrypted to the right centre, so that damage reaches the JSON and signature checks. Fixed
seeds and ``derandomize`` keep runs repeatable (the age layer itself is randomised by design).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from interview_room.sync import (
    Bundle,
    BundleError,
    BundleRecord,
    Receipt,
    ReceiptInvalid,
    read_bundle,
    read_receipt,
    write_bundle,
    write_receipt,
)
from interview_room.sync.bundle import MAGIC, bundle_plaintext
from interview_room.sync.bundle_v1 import legacy_bundle_plaintext

STATION = "5a7e11a0c0ffee01"
SEED = 20260302
LOOP_MUTATIONS = 10_000  # per layer
FUZZ = settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

IDENTITY = x25519.Identity.generate()
RECIPIENT = str(IDENTITY.to_public())
STATION_KEY = Ed25519PrivateKey.generate()
CENTRE_KEY = Ed25519PrivateKey.generate()
STATION_KEYS = {STATION: STATION_KEY.public_key()}

BUNDLE = Bundle(
    STATION,
    12,
    "2026-03-02T09:30:00+00:00",
    (
        BundleRecord("case", "0" * 31 + "1", 3, b'{"code":"SYN-0001","status":"completed"}'),
        BundleRecord("case", "0" * 31 + "2", 1, b'{"code":"SYN-0002","status":"open"}'),
        BundleRecord("note", "n-7", 2, b""),
    ),
)
PLAINTEXT = bundle_plaintext(BUNDLE, station_key=STATION_KEY)
LEGACY_PLAINTEXT = legacy_bundle_plaintext(BUNDLE, station_key=STATION_KEY)  # format 1
CIPHERTEXT = write_bundle(BUNDLE, station_key=STATION_KEY, recipient=RECIPIENT)
RECEIPT = Receipt(
    STATION,
    12,
    "2026-03-02T11:00:00Z",
    tuple((r.kind, r.record_id, r.version, r.content_hash) for r in BUNDLE.records),
)
RECEIPT_BYTES = write_receipt(RECEIPT, center_key=CENTRE_KEY)

JSON_BYTES = b'{}[]":,0123456789-.eE+tfnul\\ '


def encrypt(plaintext: bytes) -> bytes:
    return bytes(pyrage.encrypt(plaintext, [IDENTITY.to_public()]))


def read(data: bytes) -> Bundle:
    return read_bundle(data, identity=IDENTITY, station_keys=STATION_KEYS)


# --- mutations ---------------------------------------------------------------------------


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random damage: what a bad USB stick, a bad copy or a clumsy attacker does."""
    size = len(data)
    position = rng.randrange(size)
    match rng.randrange(9):
        case 0:
            mutated = bytearray(data)
            mutated[position] ^= 1 << rng.randrange(8)
            return "bit flip", bytes(mutated)
        case 1:
            return "byte", data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
        case 2:
            char = JSON_BYTES[rng.randrange(len(JSON_BYTES))]
            return "json byte", data[:position] + bytes([char]) + data[position + 1 :]
        case 3:
            return "truncation", data[:position]
        case 4:
            length = rng.randint(1, 32)
            a = rng.randrange(size - 2 * length)
            b = rng.randrange(a + length, size - length)
            first, second = data[a : a + length], data[b : b + length]
            return "chunk swap", data[:a] + second + data[a + length : b] + first + data[
                b + length :
            ]
        case 5:
            return "appended junk", data + rng.randbytes(rng.randint(1, 64))
        case 6:
            return "inserted junk", data[:position] + rng.randbytes(rng.randint(1, 16)) + data[
                position:
            ]
        case 7:
            return "deleted range", data[:position] + data[position + rng.randint(1, 64) :]
        case _:
            end = min(size, position + rng.randint(1, 64))
            return "duplicated range", data[:end] + data[position:end] + data[end:]


def outcome_of_bundle(data: bytes) -> str:
    try:
        result = read(data)
    except BundleError as refusal:
        return type(refusal).__name__
    assert result == BUNDLE, "a damaged bundle was read as a different bundle"
    return "identical"


def outcome_of_receipt(data: bytes) -> str:
    try:
        result = read_receipt(data, center_public_key=CENTRE_KEY.public_key(), station_id=STATION)
    except ReceiptInvalid:
        return "ReceiptInvalid"
    assert result == RECEIPT, "a damaged receipt was read as a different receipt"
    return "identical"


def run_loop(
    original: bytes,
    seed: int,
    check: Callable[[bytes], str],
    prepare: Callable[[bytes], bytes] = lambda damaged: damaged,
) -> Counter[str]:
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    for iteration in range(LOOP_MUTATIONS):
        how, damaged = mutate(original, rng)
        try:
            outcomes[check(prepare(damaged))] += 1
        except Exception as error:  # the property under test: nothing else may escape
            if len(failures) < 5:
                failures.append(
                    f"#{iteration} {how}: {type(error).__name__}: {error};"
                    f" input {base64.b64encode(damaged).decode()}"
                )
            outcomes["FAILED"] += 1
    assert failures == [], "\n".join(failures)
    return outcomes


# --- plain loops: at least 10,000 deterministic mutations per layer ------------------------


def test_damaged_age_files_are_refused_with_a_typed_error() -> None:
    outcomes = run_loop(CIPHERTEXT, SEED, outcome_of_bundle)
    # Damage shows at the age layer: a refusal, unless the damage was a no-op.
    assert outcomes["BundleDamaged"] > LOOP_MUTATIONS * 0.8, outcomes
    assert outcomes["BundleNotForUs"] > 0, outcomes  # damage inside our recipient stanza


def test_damaged_containers_reencrypted_to_the_centre_are_refused_with_a_typed_error() -> None:
    outcomes = run_loop(PLAINTEXT, SEED + 1, outcome_of_bundle, prepare=encrypt)
    # The damage reaches the JSON, station, signature and hash checks.
    for reached in ("BundleDamaged", "BundleSignatureInvalid", "UnknownStation"):
        assert outcomes[reached] > 0, outcomes


def test_damaged_format_1_containers_reencrypted_to_the_centre_are_refused() -> None:
    outcomes = run_loop(LEGACY_PLAINTEXT, SEED + 3, outcome_of_bundle, prepare=encrypt)
    for reached in ("BundleDamaged", "BundleSignatureInvalid"):
        assert outcomes[reached] > 0, outcomes


def test_damaged_receipts_are_refused_with_a_typed_error() -> None:
    outcomes = run_loop(RECEIPT_BYTES, SEED + 2, outcome_of_receipt)
    assert outcomes["ReceiptInvalid"] > LOOP_MUTATIONS * 0.9, outcomes


# --- hypothesis: generated bundles, and edits it chooses and shrinks -------------------------

kinds = st.from_regex(r"[a-z][a-z0-9_-]{0,31}", fullmatch=True)
record_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", fullmatch=True)
hashes = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
records = st.builds(
    lambda kind, record_id, version, content, previous: BundleRecord(
        kind, record_id, version, content, tuple(previous[: version - 1])
    ),
    kind=kinds,
    record_id=record_ids,
    version=st.integers(1, 2**53 - 1),
    content=st.binary(max_size=300),
    previous=st.lists(hashes, max_size=3),
)
timestamps = st.datetimes().map(lambda moment: moment.isoformat() + "+00:00")
bundles = st.builds(
    Bundle,
    station_id=st.from_regex(r"[0-9a-f]{1,64}", fullmatch=True),
    sequence=st.integers(1, 2**53 - 1),
    created_at=timestamps,
    records=st.lists(records, max_size=8, unique_by=lambda r: (r.kind, r.record_id)).map(tuple),
)
edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=4)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


def apply_edits(data: bytes, changes: list[tuple[int, int]], cut: int) -> bytes:
    damaged = bytearray(data)
    for position, value in changes:
        damaged[position % len(damaged)] = value
    return bytes(damaged[: max(1, cut)])


@FUZZ
@given(bundles)
def test_every_valid_bundle_round_trips(bundle: Bundle) -> None:
    station_keys = {bundle.station_id: STATION_KEY.public_key()}
    data = write_bundle(bundle, station_key=STATION_KEY, recipient=RECIPIENT)
    assert read_bundle(data, identity=IDENTITY, station_keys=station_keys) == bundle


@FUZZ
@given(edits, st.integers(1, len(CIPHERTEXT)), st.booleans())
def test_edited_bundles_are_identical_or_refused(
    changes: list[tuple[int, int]], cut: int, inner: bool
) -> None:
    if inner:
        outcome_of_bundle(encrypt(apply_edits(PLAINTEXT, changes, cut)))
    else:
        outcome_of_bundle(apply_edits(CIPHERTEXT, changes, cut))


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


CONTAINER = json.loads(LEGACY_PLAINTEXT)
CONTAINER_PATHS = [path for path in paths(CONTAINER) if path]


def canonical_text(document: Any) -> bytes:
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")


def replaced(document: Any, path: tuple[Any, ...], value: Any, delete: bool) -> Any:
    changed = copy.deepcopy(document)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return changed


def signed_by_station(manifest: Any) -> str:
    return base64.b64encode(STATION_KEY.sign(canonical_text(manifest))).decode()


@FUZZ
@given(st.sampled_from(CONTAINER_PATHS), json_values, st.booleans(), st.booleans())
def test_structural_edits_even_when_re_signed_give_only_what_was_signed(
    path: tuple[Any, ...], value: Any, delete: bool, resign: bool
) -> None:
    """Format 1: a station key holder can sign anything; the reader still returns exactly what
    the signed manifest describes, or refuses."""
    container = replaced(CONTAINER, path, value, delete)
    manifest = container.get("manifest") if isinstance(container, dict) else None
    if resign and isinstance(container, dict):
        container["manifest_signature"] = signed_by_station(manifest)
    try:
        result = read(encrypt(canonical_text(container)))
    except BundleError:
        return
    assert isinstance(manifest, dict)
    assert (result.station_id, result.sequence, result.created_at) == (
        manifest["station_id"],
        manifest["sequence"],
        manifest["created_at"],
    )
    assert [(r.kind, r.record_id, r.version, r.content_hash) for r in result.records] == [
        (e["kind"], e["id"], e["version"], e["sha256"]) for e in manifest["records"]
    ]


def _format_2_document() -> dict[str, Any]:
    header_line, _, rest = PLAINTEXT[len(MAGIC) :].partition(b"\n")
    body = rest.partition(b"\n")[2]
    heads = []
    while body:
        line, _, body = body.partition(b"\n")
        head = json.loads(line)
        heads.append(head)
        body = body[head["bytes"] + 1 :]
    return {"header": json.loads(header_line), "heads": heads}


FORMAT_2 = _format_2_document()
FORMAT_2_PATHS = [path for path in paths(FORMAT_2) if len(path) > 1]


@FUZZ
@given(st.sampled_from(FORMAT_2_PATHS), json_values, st.booleans(), st.booleans())
def test_structural_edits_of_format_2_even_when_re_signed_give_only_what_was_signed(
    path: tuple[Any, ...], value: Any, delete: bool, resign: bool
) -> None:
    """Format 2: header and record heads edited (the contents stay); re-signed with the body's
    size and hash brought up to date, as a key holder would, or left as signed."""
    document = replaced(FORMAT_2, path, value, delete)
    header, heads = document["header"], document["heads"]
    body = b"".join(
        canonical_text(head) + b"\n" + record.content + b"\n"
        for head, record in zip(heads, BUNDLE.records, strict=False)  # a head may be gone
    )
    signature = PLAINTEXT[len(MAGIC) :].split(b"\n")[1]
    if resign:
        header["body_bytes"] = len(body)
        header["body_sha256"] = hashlib.sha256(body).hexdigest()
        signature = base64.b64encode(STATION_KEY.sign(canonical_text(header)))
    plaintext = MAGIC + canonical_text(header) + b"\n" + signature + b"\n" + body
    try:
        result = read(encrypt(plaintext))
    except BundleError:
        return
    assert (result.station_id, result.sequence, result.created_at) == (
        header["station_id"],
        header["sequence"],
        header["created_at"],
    )
    assert [
        (r.kind, r.record_id, r.version, list(r.previous), r.content) for r in result.records
    ] == [
        (h["kind"], h["id"], h["version"], h["previous"], record.content)
        for h, record in zip(heads, BUNDLE.records, strict=False)
    ]


RECEIPT_DOCUMENT = json.loads(RECEIPT_BYTES)
RECEIPT_PATHS = [path for path in paths(RECEIPT_DOCUMENT) if path]


@FUZZ
@given(edits, st.integers(1, len(RECEIPT_BYTES)))
def test_edited_receipts_are_identical_or_refused(changes: list[tuple[int, int]], cut: int) -> None:
    outcome_of_receipt(apply_edits(RECEIPT_BYTES, changes, cut))


@FUZZ
@given(st.sampled_from(RECEIPT_PATHS), json_values, st.booleans())
def test_structural_edits_of_re_signed_receipts_give_only_what_was_signed(
    path: tuple[Any, ...], value: Any, delete: bool
) -> None:
    document = replaced(RECEIPT_DOCUMENT, path, value, delete)
    body = document.get("receipt")
    if isinstance(body, dict) and "receipt_signature" in document:
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        signature = CENTRE_KEY.sign(text.encode("utf-8", "surrogatepass"))
        document["receipt_signature"] = base64.b64encode(signature).decode()
    try:
        result = read_receipt(
            json.dumps(document).encode(),
            center_public_key=CENTRE_KEY.public_key(),
            station_id=STATION,
        )
    except ReceiptInvalid:
        return
    assert isinstance(body, dict)
    assert result.sequence == body["sequence"]
    assert result.received_at == body["received_at"]
    assert [list(item) for item in result.stored] == [
        [e["kind"], e["id"], e["version"], e["sha256"]] for e in body["stored"]
    ]
