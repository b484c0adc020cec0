"""Bundle fuzzing: mutated bundles through the centre's real importer, one figure per family.

A real station (synthetic interviews on every path, Argon2id at the floor) is enrolled at a
real centre (``CenterStore``); a second and a third station are enrolled too (the third is then
revoked). The station writes three real bundles: the first is imported, the second is the one
mutated, the third serves for replays. Each mutated bundle goes through
``interview_room.center.importer.import_bundle`` (what the USB import and the HTTPS receiver
both call) into that store.

Per trial, the outcome must be either a correct import or a typed refusal
(``InterviewRoomError``; for bundles, ``BundleError``): any other exception is a crash. After a
refusal the centre's tables (records with their content, bundles, stations, quarantine) must be
exactly as before: anything else is a partial import. An accepted mutation must be exactly
what it signed describes (for mutations that were not re-signed: exactly the original
bundle), applied by the import rule (``center/versions.py``: a version is stored only when it
moves by one from the version held, along the chain its station names; anything else is kept
aside as a conflict); the store is then put back from a snapshot for the next trial.

A bundle re-signed with the station's own key is accepted when it keeps to the format: whoever
holds that key is the station as far as the centre can tell (docs/BUNDLE_FORMAT.md, "Versions
of a record"), so the oracle does not expect a refusal. It expects exactly what was signed: the
case records by the import rule, the register of signing certificates (kind ``certificates``,
which travels in every bundle until the centre confirms it) merged apart and kept when its
version is higher, no registered certificate changed (every register sent here is one the
centre merged already, or junk in its place), the station's audit head (kind ``audit_head``)
kept apart from the records, and no record of a kind the centre does not know.

Families: bit flips, truncations and splices of the age file (format 2, as stations write it);
swapped, duplicated and removed sections of the format 2 plaintext, and of the same bundle as a
format 1 container (still read), re-encrypted to the right centre (half of them re-signed with
the station's own key, as a thief of that key could); replays of imported, older and
out-of-order bundles; another station's signature, unknown and revoked stations; bundles
encrypted to another recipient; path tricks in the ids the format carries (station id, record
kind, record id) and in bundle file names (USB import, upload header).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import random
import secrets
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reliability.bundle_mutations import (
    DUPLICATES,
    FORMAT2_EDITS,
    REMOVALS,
    SWAPS,
    TRICK_FIELDS,
    TRICKS,
    UNSAFE,
    ContainerEdit,
    Json,
    canonical,
    join_plaintext,
    placed,
    serialise,
    split_plaintext,
)
from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.stations import new_training_station

AREA = "bundle fuzzing"
SEED = 20260307
NAMES = (
    "Arta Shembulli",
    "Besnik Provaj",
    "Drita Ushtrimi",
    "Erion Testaj",
    "Hana Modeli",
    "Ilir Trajnimi",
)
AGE_CHUNK = 64 * 1024


@dataclass
class Tally:
    """What one family's trials came to."""

    trials: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    imports: int = 0
    crashes: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return not (self.crashes or self.partial or self.wrong)

    def outcome(self, what: str) -> str:
        refused = sum(self.refusals.values())
        kinds = ", ".join(f"{name} {count:,}" for name, count in self.refusals.most_common())
        text = f"{self.trials:,} {what}: {refused:,} typed refusals"
        if kinds:
            text += f" ({kinds})"
        if self.imports:
            text += f", {self.imports:,} correct imports"
        text += f", {len(self.crashes)} crashes, {len(self.partial)} partial imports"
        if self.wrong:
            text += f", {len(self.wrong)} WRONG imports"
        problems = self.crashes + self.partial + self.wrong
        if problems:
            text += f"; first: {problems[0]}"
        return text


class Centre:
    """The real centre store under test, a persistent reader for its tables, and a snapshot."""

    def __init__(self, folder: Path) -> None:
        from interview_room.center.store import CenterStore

        self.store = CenterStore(folder)
        self.keys = self.store.create(training=True)
        self._snapshot = folder.parent / "centre-snapshot"
        self._reader: Any = None

    # -- state ---------------------------------------------------------------------------

    def _db(self) -> Any:
        if self._reader is None:
            self._reader = self.store.open()
        return self._reader

    def tables(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row the importer could touch, content hashed (the whole row, every column)."""
        db = self._db()
        records = [
            (*row[:6], hashlib.sha256(bytes(row[6])).hexdigest(), row[7])
            for row in db.all(
                "SELECT kind, record_id, station_id, version, content_hash, received_at, content,"
                " bundle_sequence FROM records ORDER BY kind, record_id"
            )
        ]
        return {
            "records": records,
            "record_versions": db.all(
                "SELECT * FROM record_versions ORDER BY kind, record_id, version"
            ),
            "conflicts": db.all(
                "SELECT id, kind, record_id, station_id, version, content_hash, problem"
                " FROM conflicts ORDER BY id"
            ),
            "reused_numbers": db.all("SELECT * FROM reused_numbers ORDER BY station_id, sequence"),
            "bundles": db.all("SELECT * FROM bundles ORDER BY station_id, sequence"),
            "stations": db.all("SELECT * FROM stations ORDER BY station_id"),
            "quarantine": db.all("SELECT * FROM quarantine ORDER BY id"),
            "keys": db.all("SELECT kind, public FROM center_keys ORDER BY kind"),
            # The register of signing certificates a bundle carries is merged apart from the
            # records (center/certificates.py): a refusal must leave these unchanged too.
            "certificate_registers": [
                (*row[:4], hashlib.sha256(bytes(row[4])).hexdigest())
                for row in db.all(
                    "SELECT station_id, version, content_hash, received_at, content"
                    " FROM certificate_registers ORDER BY station_id"
                )
            ],
            "registered_certificates": db.all(
                "SELECT * FROM registered_certificates ORDER BY station_id, serial"
            ),
            "station_revocation_lists": db.all(
                "SELECT * FROM station_revocation_lists ORDER BY issuer_fingerprint"
            ),
        }

    def snapshot(self) -> None:
        self.close()
        shutil.rmtree(self._snapshot, ignore_errors=True)
        shutil.copytree(self.store.center_dir, self._snapshot)

    def restore(self) -> None:
        self.close()
        shutil.rmtree(self.store.center_dir)
        shutil.copytree(self._snapshot, self.store.center_dir)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    # -- reading as the centre would -----------------------------------------------------

    def decrypt(self, data: bytes) -> bytes:
        import pyrage

        identity = pyrage.x25519.Identity.from_str(self.keys.age_identity)
        plain: bytes = pyrage.decrypt(data, [identity])
        return plain

    def encrypt(self, plaintext: bytes) -> bytes:
        import pyrage

        recipient = pyrage.x25519.Recipient.from_str(self.keys.age_recipient)
        sealed: bytes = pyrage.encrypt(plaintext, [recipient])
        return sealed

    def read(self, data: bytes) -> Any:
        """The bundle as the centre's reader returns it (only for accepted trials)."""
        from interview_room.center.importer import _read

        db = self.store.open()
        try:
            return _read(db, data, self.keys.age_identity)
        finally:
            db.close()


@dataclass
class World:
    """The set-up every family shares: the centre, the stations' keys, the real bundles."""

    folder: Path
    centre: Centre
    station_id: str
    station_key: Any  # Ed25519PrivateKey of the real station
    other_id: str
    other_key: Any  # an enrolled second station
    revoked_id: str
    revoked_key: Any  # an enrolled, then revoked, third station
    first: bytes  # bundle 1: imported before the fuzzing
    target: bytes  # bundle 2: the one mutated
    third: bytes  # bundle 3: for replays and mix-and-match
    containers: dict[str, Json]  # the same bundles as format 1 containers (still read)
    other_bundle: bytes  # a genuine bundle of the second station
    target_bundle: Any = None  # bundle 2 as the centre reads it
    legacy_target: Any = None  # bundle 2 as its format 1 container reads (no earlier hashes)
    base: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)


def _build_world(folder: Path) -> World:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from interview_room.center.importer import import_bundle
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.screening import Answer
    from interview_room.sync.bundle import Bundle, BundleRecord, write_bundle
    from interview_room.sync.bundle_v1 import legacy_bundle_plaintext
    from interview_room.sync.station import StationSync
    from interview_room.training.scenarios import PATHS, run_scenario
    from interview_room.workstation import Workstation

    created = new_training_station(Workstation(folder / "station"))
    session = created.session
    library = ProtocolLibrary()
    protocol = library.current()
    for index, (path, name) in enumerate(zip(PATHS, NAMES, strict=True)):
        run_scenario(session, protocol, path, name, index, None)
    centre = Centre(folder / "centre")
    station = session.station
    key_raw = centre.store.enroll_station(station.station_id, station.name, station.code)
    sync = StationSync(session)
    sync.link(key_raw, centre.keys.age_recipient, centre.keys.receipt_public_key)

    draft = next(c for c in session.cases.search() if c.person_name == NAMES[-1])
    exports = []
    # The draft has no consent to keep a record yet: only its minimal record (sex among it)
    # travels, so the sex is what changes the record between bundles.
    for value in (None, "female", "not_stated"):
        if value is not None:
            interview = Interview.resume(session, draft.id, library)
            interview.answer(Answer.given("prep_sex", value))
        exports.append(sync.export_bundle().data)
    session.logout()
    first, target, third = exports

    other_id, revoked_id = secrets.token_hex(8), secrets.token_hex(8)
    other_key = Ed25519PrivateKey.from_private_bytes(
        centre.store.enroll_station(other_id, "Hani i Hotit (sintetik)", "HAN")
    )
    revoked_key = Ed25519PrivateKey.from_private_bytes(
        centre.store.enroll_station(revoked_id, "Kakavijë (sintetik)", "KAK")
    )
    centre.store.revoke_station(revoked_id)
    other_bundle = write_bundle(
        Bundle(
            other_id,
            1,
            "2026-03-07T08:00:00+00:00",
            (BundleRecord("case", secrets.token_hex(16), 1, b'{"code":"HAN-2026-0001"}'),),
        ),
        station_key=other_key,
        recipient=centre.keys.age_recipient,
    )
    import_bundle(centre.store, first, "first.bundle.age")
    station_key = Ed25519PrivateKey.from_private_bytes(key_raw)
    keys = {"first": station_key, "target": station_key, "third": station_key}
    world = World(
        folder=folder,
        centre=centre,
        station_id=station.station_id,
        station_key=station_key,
        other_id=other_id,
        other_key=other_key,
        revoked_id=revoked_id,
        revoked_key=revoked_key,
        first=first,
        target=target,
        third=third,
        containers={
            name: json.loads(
                legacy_bundle_plaintext(
                    _without_chains(centre.read(data)), station_key=keys.get(name, other_key)
                )
            )
            for name, data in (
                ("first", first),
                ("target", target),
                ("third", third),
                ("other", other_bundle),
            )
        },
        other_bundle=other_bundle,
    )
    world.target_bundle = centre.read(target)
    world.legacy_target = _without_chains(world.target_bundle)
    centre.snapshot()
    world.base = centre.tables()
    return world


def _without_chains(bundle: Any) -> Any:
    """The bundle as format 1 can carry it: no hashes of earlier versions."""
    from dataclasses import replace

    return replace(bundle, records=tuple(replace(r, previous=()) for r in bundle.records))


# --- one trial ------------------------------------------------------------------------------


def _expected_records(
    base: dict[str, list[tuple[Any, ...]]], bundle: Any
) -> dict[tuple[str, str], tuple[Any, ...]]:
    """The records table (without received_at) after ``bundle`` under the import rule,
    worked out here from the rule itself (``versions.judge``) and the tables before."""
    from interview_room.center.versions import Held, Verdict, judge
    from interview_room.sync.audit_head import AUDIT_HEAD_KIND
    from interview_room.sync.certificate_register import REGISTER_KIND

    held = {(r[0], r[1]): (r[2], r[3], r[4], r[6], r[7]) for r in base["records"]}
    history: dict[tuple[str, str], dict[int, str]] = {}
    for kind, record_id, version, digest in base["record_versions"]:
        history.setdefault((kind, record_id), {})[version] = digest
    for record in bundle.records:
        if record.kind in (REGISTER_KIND, AUDIT_HEAD_KIND):
            continue  # the register and the audit head are kept apart, not as records
        key = (record.kind, record.record_id)
        current = held.get(key)
        judgement = judge(
            None if current is None else Held(current[1], current[2], current[4]),
            history.get(key, {}),
            record,
            bundle.sequence,
        )
        if judgement.verdict in (Verdict.NEW, Verdict.UPDATE):
            held[key] = (
                bundle.station_id,
                record.version,
                record.content_hash,
                hashlib.sha256(record.content).hexdigest(),
                bundle.sequence,
            )
            history.setdefault(key, {}).update(judgement.history)
    return {key: value[:4] for key, value in held.items()}


def _expected_registers(
    base: dict[str, list[tuple[Any, ...]]], bundle: Any
) -> dict[str, tuple[Any, ...]]:
    """The registers of signing certificates held (version, hash, content's hash) after
    ``bundle``: the sending station's own register replaces the one held when its version is
    higher (center/certificates.py; there is no chain of versions for a register)."""
    from interview_room.sync.certificate_register import REGISTER_KIND

    held = {r[0]: (r[1], r[2], r[4]) for r in base["certificate_registers"]}
    for record in bundle.records:
        if record.kind != REGISTER_KIND or record.record_id != bundle.station_id:
            continue
        current = held.get(record.record_id)
        if current is None or current[0] < record.version:
            held[record.record_id] = (
                record.version,
                record.content_hash,
                hashlib.sha256(record.content).hexdigest(),
            )
    return held


def _accepted_what_no_station_writes(bundle: Any) -> str | None:
    """What an accepted bundle may not hold, whoever signed it: a record of a kind the centre
    does not know (nothing would read it or hold it to the consent rule), or a register of
    signing certificates or an audit head under another id than the sender's."""
    from interview_room.sync.audit_head import AUDIT_HEAD_KIND
    from interview_room.sync.certificate_register import REGISTER_KIND
    from interview_room.sync.records import RECORD_KIND

    for record in bundle.records:
        if record.kind not in (RECORD_KIND, REGISTER_KIND, AUDIT_HEAD_KIND):
            return f"a record of kind {record.kind!r}"
        if record.kind == REGISTER_KIND and record.record_id != bundle.station_id:
            return "a register of signing certificates under another station's id"
        if record.kind == AUDIT_HEAD_KIND and record.record_id != bundle.station_id:
            return "an audit head under another station's id"
    return None


def _trial(
    world: World,
    tally: Tally,
    label: str,
    data: bytes,
    *,
    signed_as_original: bool,
    original: Any = None,
    file_name: str = "fuzzed.bundle.age",
) -> bool:
    """Import ``data``; classify the outcome and check the store against it. True when the
    bundle was imported."""
    from interview_room.center.importer import import_bundle
    from interview_room.errors import InterviewRoomError

    tally.trials += 1
    centre = world.centre
    try:
        import_bundle(centre.store, data, file_name)
    except InterviewRoomError as refusal:
        tally.refusals[type(refusal).__name__] += 1
        if centre.tables() != world.base:
            tally.partial.append(f"{label}: refused ({type(refusal).__name__}) but store changed")
            centre.restore()
        return False
    except Exception as error:  # the property under test: nothing else may escape
        tally.crashes.append(f"{label}: {type(error).__name__}: {error}")
        if centre.tables() != world.base:
            centre.restore()
        return False
    tally.imports += 1
    bundle = centre.read(data)
    after = centre.tables()
    actual = {(r[0], r[1]): (r[2], r[3], r[4], r[6]) for r in after["records"]}
    registers = {r[0]: (r[1], r[2], r[4]) for r in after["certificate_registers"]}
    # A bundle that was re-signed (by a holder of the station's key, by design) is accepted
    # when it keeps to the format: what must hold is that exactly what it signed was applied,
    # by the version rule, and nothing a station never writes (found below) got in.
    unwritten = _accepted_what_no_station_writes(bundle)
    if signed_as_original and bundle != (original or world.target_bundle):
        tally.wrong.append(f"{label}: a bundle other than the signed one was imported")
    elif unwritten is not None:
        tally.wrong.append(f"{label}: accepted {unwritten}")
    elif actual != _expected_records(world.base, bundle):
        tally.wrong.append(f"{label}: the records are not what the signed manifest says")
    elif registers != _expected_registers(world.base, bundle):
        tally.wrong.append(f"{label}: the register of certificates is not what was signed")
    elif any(
        after[table] != world.base[table]
        for table in ("registered_certificates", "station_revocation_lists")
    ):
        # Every register the fuzzer sends is one the centre merged with bundle 1 (or junk
        # in its place): no certificate or revocation list may be added or changed.
        tally.wrong.append(f"{label}: the registered certificates changed")
    centre.restore()
    return True


# --- the families ---------------------------------------------------------------------------


def _bit_flips(world: World, count: int, rng: random.Random) -> Tally:
    tally = Tally()
    data = world.target
    for index in range(count):
        damaged = bytearray(data)
        flips = 1 if index % 4 else rng.randint(2, 8)
        for _ in range(flips):
            position = rng.randrange(len(damaged))
            damaged[position] ^= 1 << rng.randrange(8)
        _trial(world, tally, f"flip #{index}", bytes(damaged), signed_as_original=True)
    return tally


def _truncations(world: World, count: int, rng: random.Random) -> Tally:
    tally = Tally()
    data = world.target
    header_end = data.index(b"\n---") + 1
    # The edges first (empty, header, end of header, chunk boundaries, one byte short), then
    # random cuts.
    edges = [0, 1, 21, 22, header_end, header_end + 4, len(data) - 1, len(data) - 16]
    edges += [header_end + 48 + k * (AGE_CHUNK + 16) for k in range(len(data) // AGE_CHUNK + 1)]
    cuts = [c for c in edges if 0 <= c < len(data)]
    while len(cuts) < count:
        cuts.append(rng.randrange(len(data)))
    for cut in cuts[:count]:
        _trial(world, tally, f"cut at {cut}", data[:cut], signed_as_original=True)
    return tally


def _splices(world: World, count: int, rng: random.Random) -> Tally:
    tally = Tally()
    data = world.target
    size = len(data)
    for index in range(count):
        position = rng.randrange(size)
        match index % 6:
            case 0:
                damaged = data + rng.randbytes(rng.randint(1, 64))
            case 1:
                damaged = data[:position] + rng.randbytes(rng.randint(1, 16)) + data[position:]
            case 2:
                damaged = data[:position] + data[position + rng.randint(1, 64) :]
            case 3:
                end = min(size, position + rng.randint(1, 64))
                damaged = data[:end] + data[position:end] + data[end:]
            case 4:
                length = rng.randint(1, 32)
                a = rng.randrange(size - 2 * length)
                b = rng.randrange(a + length, size - length)
                damaged = (
                    data[:a]
                    + data[b : b + length]
                    + data[a + length : b]
                    + data[a : a + length]
                    + data[b + length :]
                )
            case _:
                other = world.third  # a chunk of another genuine bundle spliced in
                start = rng.randrange(len(other) - 64)
                damaged = data[:position] + other[start : start + 64] + data[position + 64 :]
        _trial(world, tally, f"splice #{index}", damaged, signed_as_original=True)
    return tally


def _resigned(world: World, container: Json, key: Any = None) -> Json:
    manifest = container.get("manifest")
    signature = (key or world.station_key).sign(canonical(manifest))
    container["manifest_signature"] = base64.b64encode(signature).decode("ascii")
    return container


def _container_family(
    world: World, edits: tuple[ContainerEdit, ...], count: int, rng: random.Random
) -> Tally:
    tally = Tally()
    for index in range(count):
        container = copy.deepcopy(world.containers["target"])
        edit = edits[index % len(edits)]
        label = edit(container, rng, world.containers)
        resign = index % 2 == 1 and isinstance(container.get("manifest"), dict)
        if resign:  # what a thief of the station's key could send
            _resigned(world, container)
            label += ", re-signed"
        data = world.centre.encrypt(serialise(container))
        _trial(
            world,
            tally,
            f"#{index} {label}",
            data,
            signed_as_original=not resign,
            original=world.legacy_target,
        )
    return tally


def _format_2_family(world: World, count: int, rng: random.Random) -> Tally:
    """Sections of the format 2 plaintext swapped, duplicated, removed or changed; half of
    them re-signed with the station's key and the body's size and hash brought up to date."""
    tally = Tally()
    centre = world.centre
    plaintexts = {
        name: split_plaintext(centre.decrypt(data))
        for name, data in (("target", world.target), ("first", world.first), ("third", world.third))
    }
    for index in range(count):
        parts = copy.deepcopy(plaintexts["target"])
        edit = FORMAT2_EDITS[index % len(FORMAT2_EDITS)]
        label = edit(parts, rng, plaintexts)
        resign = index % 2 == 1
        plaintext = join_plaintext(parts, sign_with=world.station_key if resign else None)
        if resign:
            label += ", re-signed"
        _trial(
            world,
            tally,
            f"#{index} {label}",
            centre.encrypt(plaintext),
            signed_as_original=not resign,
        )
    return tally


def _replays(world: World, count: int, rng: random.Random) -> tuple[Tally, int]:
    """Replays at a centre that holds bundles 1 and 3: of those two (as they travelled, or
    re-encrypted), and of bundle 2 (older than one imported, never seen: out of order)."""
    from interview_room.center.importer import import_bundle
    from interview_room.errors import InterviewRoomError

    centre = world.centre
    centre.restore()
    import_bundle(centre.store, world.third, "third.bundle.age")
    base = centre.tables()
    base_bundles = {(r[0], r[1]): r for r in base["bundles"]}
    tally = Tally()
    refreshed = 0
    choices = {
        "first": world.first,
        "third": world.third,
        "target": world.target,
    }
    for index in range(count):
        name = rng.choice(sorted(choices))
        data = choices[name]
        if index % 2:  # the same plaintext, encrypted again
            data = centre.encrypt(centre.decrypt(data))
        label = f"#{index} replay of bundle {name}"
        tally.trials += 1
        try:
            result = import_bundle(centre.store, data, "replay.bundle.age")
        except InterviewRoomError as refusal:
            tally.refusals[type(refusal).__name__] += 1
            continue
        except Exception as error:
            tally.crashes.append(f"{label}: {type(error).__name__}: {error}")
            continue
        tally.imports += 1
        after = centre.tables()
        if result.imported != 0 or after["records"] != base["records"]:
            tally.partial.append(f"{label}: {result.imported} records changed")
        for row in after["bundles"]:
            before = base_bundles.get((row[0], row[1]))
            if before is None:
                if (row[1], row[4]) != (world.containers["target"]["manifest"]["sequence"], 0):
                    tally.partial.append(f"{label}: unexpected bundle row {row[:2]}")
                continue
            if (before[0], before[1], before[3], before[4]) != (row[0], row[1], row[3], row[4]):
                tally.partial.append(f"{label}: bundle row {row[:2]} changed")
            elif before[2] != row[2]:
                refreshed += 1
        if len(after["bundles"]) > len(base["bundles"]):
            base_bundles = {(r[0], r[1]): r for r in after["bundles"]}
    centre.restore()
    return tally, refreshed


def _other_stations(world: World, count: int, rng: random.Random) -> Tally:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    tally = Tally()
    for index in range(count):
        container = copy.deepcopy(world.containers["target"])
        manifest = container["manifest"]
        match index % 8:
            case 0:
                label = "signed by the second station's key"
                _resigned(world, container, world.other_key)
            case 1:
                label = "renamed to the second station, station's signature kept"
                manifest["station_id"] = world.other_id
            case 2:
                label = "renamed to the second station, signed by this station's key"
                manifest["station_id"] = world.other_id
                _resigned(world, container)
            case 3:
                label = "signature copied from the second station's bundle"
                container["manifest_signature"] = world.containers["other"]["manifest_signature"]
            case 4:
                label = "renamed to an unknown station and signed by its key"
                manifest["station_id"] = secrets.token_hex(rng.randint(1, 32))
                _resigned(world, container, Ed25519PrivateKey.generate())
            case 5:
                label = "renamed to the revoked station, signed by its real key"
                manifest["station_id"] = world.revoked_id
                _resigned(world, container, world.revoked_key)
            case 6:
                label = "signed by a stranger's key"
                _resigned(world, container, Ed25519PrivateKey.generate())
            case _:
                # The second station's own, validly signed bundle carrying this station's
                # record ids with higher versions: it must not overwrite them.
                label = "the second station's signed bundle with this station's record ids"
                manifest["station_id"] = world.other_id
                manifest["sequence"] = rng.randint(2, 10_000)
                for entry, record in zip(manifest["records"], container["records"], strict=True):
                    entry["version"] = record["version"] = record["version"] + rng.randint(1, 9)
                _resigned(world, container, world.other_key)
        data = world.centre.encrypt(serialise(container))
        _trial(
            world,
            tally,
            f"#{index} {label}",
            data,
            signed_as_original=True,
            original=world.legacy_target,
        )
    return tally


def _wrong_recipients(world: World, count: int, rng: random.Random) -> Tally:
    import pyrage

    identities = [pyrage.x25519.Identity.generate() for _ in range(16)]
    plaintext = serialise(copy.deepcopy(world.containers["target"]))
    # age's passphrase mode (scrypt) is deliberately slow: one such file, sent repeatedly.
    scrypt_file: bytes = pyrage.passphrase.encrypt(plaintext, "synthetic-wrong-passphrase")
    tally = Tally()
    for index in range(count):
        match index % 4:
            case 0:
                label = "encrypted to another key"
                data = pyrage.encrypt(plaintext, [rng.choice(identities).to_public()])
            case 1:
                label = "encrypted to several other keys"
                chosen = rng.sample(identities, rng.randint(2, 5))
                data = pyrage.encrypt(plaintext, [i.to_public() for i in chosen])
            case 2:
                label = "our stanza replaced by another key's"
                ours = world.target
                theirs = pyrage.encrypt(plaintext, [rng.choice(identities).to_public()])
                data = theirs[: theirs.index(b"\n---")] + ours[ours.index(b"\n---") :]
            case _:
                label = "encrypted with a passphrase"
                data = scrypt_file
        _trial(world, tally, f"#{index} {label}", bytes(data), signed_as_original=True)
    return tally


def _path_tricks(world: World, count: int, rng: random.Random) -> Tally:
    tally = Tally()
    for index in range(count):
        container = copy.deepcopy(world.containers["target"])
        trick = TRICKS[index % len(TRICKS)]
        where = TRICK_FIELDS[(index // len(TRICKS)) % len(TRICK_FIELDS)]
        how = rng.choice(["replace", "prefix", "suffix"])
        if where == "station_id":
            old = container["manifest"]["station_id"]
            container["manifest"]["station_id"] = placed(trick, old, how)
        else:
            i = rng.randrange(len(container["records"]))
            old = container["records"][i][where]
            new = placed(trick, old, how)
            container["records"][i][where] = new
            container["manifest"]["records"][i][where] = new
        _resigned(world, container)  # the key holder signs it: only the field rules stand
        data = world.centre.encrypt(serialise(container))
        label = f"#{index} {where} {how} {trick!r}"
        if _trial(world, tally, label, data, signed_as_original=False) and not UNSAFE.isdisjoint(
            trick
        ):
            tally.wrong.append(f"{label}: accepted an id with a separator or control character")
    return tally


def _file_name_tricks(world: World) -> tuple[Tally, list[str]]:
    """Trick names for a bundle file: on the USB stick (``import_files``) and in the upload's
    ``X-File-Name`` header (``bundle_name_from_header``, then the receiver's quarantine)."""
    from interview_room.center.importer import QUARANTINE_DIR, import_files
    from interview_room.center.receiver import (
        UNNAMED_BUNDLE,
        bundle_name_from_header,
        quarantine_upload,
    )
    from interview_room.sync.bundle import parse_bundle_file_name

    centre = world.centre
    genuine = f"IR-{world.station_id}-00000002.bundle.age"
    names = [
        genuine.replace("IR-", "../IR-"),
        "/tmp/" + genuine,
        genuine + "\x00.txt",
        genuine.replace(".age", ".\u0430ge"),  # Cyrillic a
        genuine.replace("-0", "-\uff10"),  # fullwidth zero
        genuine.replace("IR", "\u202eIR"),
        genuine.upper(),
        genuine + "\n",
        " " + genuine,
        "..",
        ".",
        "",
        "a" * 255,
        "\u00eb" * 127 + ".age",  # 254 bytes of UTF-8
        "C:\\bundles\\" + genuine,
        "..\\..\\" + genuine,
        "%2e%2e%2f" + genuine,
        "con",
        genuine.replace(world.station_id, world.station_id.upper()),
        f"IR-{world.station_id}-2.bundle.age",  # sequence not zero-padded
    ]
    usb = world.folder / "usb-names"
    usb.mkdir()
    damaged = bytearray(world.target)
    damaged[len(damaged) // 2] ^= 0x01
    quarantine = (centre.store.center_dir / QUARANTINE_DIR).resolve()
    tally = Tally()
    not_kept: list[str] = []
    outside_before = sorted(p.name for p in world.folder.iterdir())
    for name in names:
        # The upload header: only a name the station writes passes, anything else is neutral.
        tally.trials += 1
        kept = bundle_name_from_header(name)
        if kept != UNNAMED_BUNDLE and parse_bundle_file_name(kept) is None:
            tally.wrong.append(f"header {name!r} kept as {kept!r}")
        target = quarantine_upload(centre.store, bytes(damaged), kept, "fuzzed")
        if target.resolve().parent != quarantine:
            tally.wrong.append(f"header {name!r} quarantined outside: {target}")
        tally.refusals["header name neutralised" if kept == UNNAMED_BUNDLE else "kept"] += 1
        # The USB stick: only names a file system can hold.
        if not name or "/" in name or "\x00" in name or name in (".", ".."):
            continue
        tally.trials += 1
        path = usb / name
        try:
            path.write_bytes(bytes(damaged))
        except OSError:
            tally.trials -= 1
            continue
        before = centre.tables()["records"]
        try:
            run = import_files(centre.store, [path])
        except Exception as error:
            tally.crashes.append(f"file {name!r}: {type(error).__name__}: {error}")
            continue
        if run.results or not run.refused:
            tally.wrong.append(f"file {name!r} was not refused")
        else:
            tally.refusals["file refused and quarantined"] += 1
        if centre.tables()["records"] != before:
            tally.partial.append(f"file {name!r} changed the records")
        if not (quarantine / name).is_file():
            not_kept.append(name)
        path.unlink()
    if sorted(p.name for p in world.folder.iterdir()) != outside_before:
        tally.wrong.append("a file appeared outside the centre and the stick")
    stray = [p for p in quarantine.rglob("*") if p.resolve().parent != quarantine]
    if stray:
        tally.wrong.append(f"quarantine holds nested files: {stray[:3]}")
    centre.restore()
    return tally, not_kept


# --- the area -------------------------------------------------------------------------------


def run(scale: Scale) -> list[Figure]:
    from interview_room.files import restrict_umask

    restrict_umask()
    rng = random.Random(SEED)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="ir-bundle-fuzz-") as tmp:
        with Stopwatch() as watch:
            world = _build_world(Path(tmp))
        figures.append(
            Figure(
                AREA,
                "set-up: a real station's bundle imports at a real centre",
                1,
                f"{len(world.base['records'])} records of bundle 1 held; bundle 2 "
                f"({len(world.target):,} bytes, {len(world.containers['target']['records'])}"
                " records) is the one mutated",
                len(world.base["records"]) == len(NAMES),
                watch.seconds,
            )
        )
        families: list[tuple[str, str, Callable[[], Tally]]] = [
            (
                "bit flips in the age file: typed refusal, store unchanged",
                "bit flips",
                lambda: _bit_flips(world, scale.pick(300, 4_000), rng),
            ),
            (
                "truncated age files (edges, chunk boundaries, random cuts)",
                "truncations",
                lambda: _truncations(world, scale.pick(100, 2_000), rng),
            ),
            (
                "age-layer splices (junk, deleted/duplicated/swapped ranges, other bundle)",
                "splices",
                lambda: _splices(world, scale.pick(100, 2_000), rng),
            ),
            (
                "format 2: records swapped, duplicated, removed, heads and header changed,"
                " re-encrypted (half re-signed)",
                "format 2 edits",
                lambda: _format_2_family(world, scale.pick(160, 3_000), rng),
            ),
            (
                "format 1: swapped sections of the container, re-encrypted to the centre",
                "swapped sections",
                lambda: _container_family(world, SWAPS, scale.pick(180, 3_000), rng),
            ),
            (
                "format 1: duplicated sections and keys of the container, re-encrypted",
                "duplications",
                lambda: _container_family(world, DUPLICATES, scale.pick(100, 2_000), rng),
            ),
            (
                "format 1: removed sections of the container, re-encrypted",
                "removals",
                lambda: _container_family(world, REMOVALS, scale.pick(100, 2_000), rng),
            ),
            (
                "another station's signature; unknown and revoked stations",
                "foreign signatures",
                lambda: _other_stations(world, scale.pick(112, 2_000), rng),
            ),
            (
                "bundles encrypted to another recipient",
                "wrong recipients",
                lambda: _wrong_recipients(world, scale.pick(40, 1_000), rng),
            ),
            (
                "path tricks in station id, record kind and record id (re-signed)",
                "path tricks",
                lambda: _path_tricks(world, scale.pick(168, 1_680), rng),
            ),
        ]
        for check, what, family in families:
            with Stopwatch() as watch:
                tally = family()
            figures.append(
                Figure(AREA, check, tally.trials, tally.outcome(what), tally.held, watch.seconds)
            )
        with Stopwatch() as watch:
            tally, refreshed = _replays(world, scale.pick(60, 1_000), rng)
        outcome = tally.outcome("replays").replace("correct imports", "replays accepted")
        outcome += f"; 0 records changed by design, received_at refreshed {refreshed:,} times"
        figures.append(
            Figure(
                AREA,
                "replays of imported, older and out-of-order bundles change no record",
                tally.trials,
                outcome,
                tally.held and tally.imports == tally.trials,
                watch.seconds,
            )
        )
        with Stopwatch() as watch:
            tally, not_kept = _file_name_tricks(world)
        headers = tally.refusals["header name neutralised"] + tally.refusals["kept"]
        files = tally.refusals["file refused and quarantined"]
        outcome = (
            f"{headers} trick upload names: {tally.refusals['header name neutralised']} replaced"
            f" by the neutral name, every copy inside quarantine/; {files} trick file names on"
            f" the stick: {files} refused and quarantined; {len(tally.crashes)} crashes,"
            f" {len(tally.partial)} partial imports, {len(tally.wrong)} escapes"
        )
        if not_kept:
            longest = max(len(n.encode()) for n in not_kept)
            outcome += (
                f"; {len(not_kept)} refused file(s) recorded but not copied to quarantine"
                f" (a {longest}-byte name: the temp file's name is too long)"
            )
        figures.append(
            Figure(
                AREA,
                "path tricks in bundle file names (USB import, upload header)",
                tally.trials,
                outcome,
                tally.held,
                watch.seconds,
            )
        )
        world.centre.close()
    total = sum(f.trials for f in figures[1:])
    figures.append(
        Figure(
            AREA,
            "mutated bundles through the real importer, in total",
            total,
            f"{total:,} trials, every one a typed refusal or a correct import"
            if all(f.held for f in figures)
            else f"{total:,} trials, some did not hold (see above)",
            all(f.held for f in figures),
            sum(f.seconds for f in figures),
        )
    )
    return figures


if __name__ == "__main__":
    main_for(run, "Bundle fuzzing through the centre's importer (issue 7)")
