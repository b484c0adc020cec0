"""A real station linked to a real centre, for the two sync areas (disk and USB, network).

The station is a real workstation (SQLCipher store, Argon2id at the floor the code allows)
whose cases are real interviews driven through ``Interview``; the centre is a real
``CenterStore`` that enrolled it. Between trips :meth:`LinkedStation.work` makes new cases and
changes open ones, so every trip has records to carry. The checks are the properties the areas
report on: what a failed trip must leave unchanged (:class:`StationState`), and whether the
centre holds every record exactly once at the station's version (:meth:`centre_problems`).

Names and answers are synthetic (the training scenarios); nothing here reads ``tests/``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from interview_room.center.store import CenterKeys, CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer
from interview_room.store.database import Database
from interview_room.sync.records import case_record, content_hash
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.workstation import Session, Workstation
from reliability.stations import new_training_station

FIRST_NAMES = ("Arta", "Besnik", "Drita", "Erion", "Hana", "Ilir", "Jeta", "Kujtim")
FAMILY_NAMES = ("Shembulli", "Provaj", "Ushtrimi", "Testaj", "Modeli", "Trajnimi")


@dataclass(frozen=True)
class StationState:
    """What a trip that failed must leave as it was.

    ``confirmed`` is, per case, the version the centre confirmed and when; ``unconfirmed`` the
    cases whose current content the centre has not confirmed (worked out from the content
    itself, so it does not depend on whether an export already gave a changed case its new
    version); ``receipts`` how many bundles a receipt came back for.
    """

    confirmed: tuple[tuple[str, int, str | None], ...]
    unconfirmed: frozenset[str]
    receipts: int


class LinkedStation:
    """One station, its centre, and the work that gives each trip something to carry."""

    def __init__(self, folder: Path, cases: int, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        workstation = Workstation(folder / "station")
        created = new_training_station(workstation)
        self.session: Session = created.session
        self.center = CenterStore(folder / "center")
        self.keys: CenterKeys = self.center.create(training=True)
        station = self.session.station
        bundle_key = self.center.enroll_station(station.station_id, station.name, station.code)
        self.sync = StationSync(self.session)
        self.sync.link(bundle_key, self.keys.age_recipient, self.keys.receipt_public_key)
        self._protocol = ProtocolLibrary().current()
        self._drafts: list[Interview] = []
        self._made = 0
        for _ in range(cases):
            self._new_case()

    @property
    def db(self) -> Database:
        return self.session.db

    def close(self) -> None:
        if self.session.is_open:
            self.session.db.close()

    # -- work between trips ------------------------------------------------------------------

    def _new_case(self) -> None:
        index = self._made
        self._made += 1
        path = PATHS[index % len(PATHS)]
        name = f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {FAMILY_NAMES[index % 6]} {index}"
        made = run_scenario(self.session, self._protocol, path, name, index, None)
        if path is ScenarioPath.INCOMPLETE:  # a draft, left open to change between trips
            found = self.session.cases.search(made.case_code)
            case = next(c for c in found if c.code == made.case_code)
            self._drafts.append(Interview.resume(self.session, case.id, ProtocolLibrary()))

    def work(self, new_cases: int = 1, changes: int = 1) -> None:
        """New interviews, and changed answers in open ones: records the centre lacks."""
        for _ in range(new_cases):
            self._new_case()
        for _ in range(changes if self._drafts else 0):
            draft = self.rng.choice(self._drafts)
            age = self.rng.randrange(18, 70)
            draft.answer(Answer.given("prep_age", age))

    # -- what the station holds ----------------------------------------------------------------

    def state(self) -> StationState:
        station_id = self.sync.station_id
        confirmed: list[tuple[str, int, str | None]] = []
        unconfirmed: set[str] = set()
        rows = self.db.all(
            "SELECT c.id, r.version, r.content_hash, r.synced_version, r.synced_at"
            " FROM cases c LEFT JOIN sync_records r ON r.case_id = c.id ORDER BY c.id"
        )
        for case_id, version, digest, synced_version, synced_at in rows:
            confirmed.append((str(case_id), int(synced_version or 0), synced_at))
            current = content_hash(case_record(self.db, str(case_id), station_id))
            if version is None or int(synced_version) < int(version) or digest != current:
                unconfirmed.add(str(case_id))
        receipts = self.db.one("SELECT count(*) FROM sync_bundles WHERE receipt_at IS NOT NULL")
        return StationState(
            tuple(confirmed), frozenset(unconfirmed), int(receipts[0]) if receipts else 0
        )

    def least_bundle_bytes(self) -> int:
        """A strict lower bound on the size of the next bundle: the base64 length of the
        records it must carry (the bundle adds a manifest, signatures and age around them)."""
        station_id = self.sync.station_id
        total = 0
        for case_id in self.state().unconfirmed:
            total += 4 * -(-len(case_record(self.db, case_id, station_id)) // 3)
        return total

    def falsely_shown_as_sent(self, state: StationState) -> int:
        """Cases the register shows as sent to the centre although the centre lacks them."""
        synced = {str(r[0]) for r in self.db.all("SELECT id FROM cases WHERE status = 'synced'")}
        return len(synced & state.unconfirmed)

    def store_problems(self) -> list[str]:
        """The station's store: every page authenticates, SQLite finds it sound, the audit
        chain is intact."""
        problems = [f"station page: {p}" for p in self.db.integrity_problems()]
        check = self.db.one("PRAGMA integrity_check")
        if check is None or check[0] != "ok":
            problems.append(f"station integrity_check: {check}")
        if not self.session.verify_audit().intact:
            problems.append("station audit chain broken")
        return problems

    # -- what the centre holds -----------------------------------------------------------------

    def centre_records(self) -> dict[str, tuple[int, str]]:
        db = self.center.open()
        try:
            return {
                str(r[0]): (int(r[1]), str(r[2]))
                for r in db.all("SELECT record_id, version, content_hash FROM records")
            }
        finally:
            db.close()

    def centre_fingerprint(self) -> tuple[object, ...]:
        """Records and bundles the centre holds: equal before and after means nothing changed."""
        db = self.center.open()
        try:
            return (
                tuple(db.all("SELECT * FROM records ORDER BY kind, record_id")),
                tuple(db.all("SELECT * FROM bundles ORDER BY station_id, sequence")),
            )
        finally:
            db.close()

    def is_whole_bundle(self, data: bytes) -> bool:
        """Whether ``data`` is a complete bundle of this station that the centre would read
        (checked with the reader alone: nothing is imported)."""
        import pyrage
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        from interview_room.sync.bundle_reader import read_bundle
        from interview_room.sync.errors import BundleError

        db = self.center.open()
        try:
            stations = db.all("SELECT station_id, public_key FROM stations")
        finally:
            db.close()
        try:
            read_bundle(
                data,
                identity=pyrage.x25519.Identity.from_str(self.keys.age_identity),
                station_keys={
                    str(r[0]): Ed25519PublicKey.from_public_bytes(bytes(r[1])) for r in stations
                },
            )
        except BundleError:
            return False
        return True

    def centre_problems(self) -> list[str]:
        """Empty when the trip is complete: the centre holds every case of the station once,
        at the station's version and content; each version was stored once (the sum of the
        centre's "new or updated" counts equals the sum of the station's versions); the station
        has nothing unconfirmed and no receipt was lost; both stores are sound."""
        problems = self.store_problems()
        station = {
            str(r[0]): (int(r[1]), str(r[2]), int(r[3]))
            for r in self.db.all(
                "SELECT case_id, version, content_hash, synced_version FROM sync_records"
            )
        }
        cases = self.db.one("SELECT count(*) FROM cases")
        if cases is None or int(cases[0]) != len(station):
            problems.append("a case was never exported")
        held = self.centre_records()
        missing = [c for c in station if c not in held]
        extra = [r for r in held if r not in station]
        stale = [c for c, v in station.items() if c in held and held[c] != (v[0], v[1])]
        for label, items in (("missing", missing), ("unknown", extra), ("wrong version", stale)):
            if items:
                problems.append(f"{len(items)} records {label} at the centre")
        db = self.center.open()
        try:
            stored = db.one("SELECT coalesce(sum(imported), 0) FROM bundles")
            problems += [f"centre page: {p}" for p in db.integrity_problems()]
            check = db.one("PRAGMA integrity_check")
            if check is None or check[0] != "ok":
                problems.append(f"centre integrity_check: {check}")
        finally:
            db.close()
        versions = sum(v[0] for v in station.values())
        if stored is None or int(stored[0]) != versions:
            problems.append(f"{stored[0] if stored else 0} versions stored for {versions} made")
        unsent = [c for c, v in station.items() if v[2] != v[0]]
        pending = max(len(unsent), self.sync.status().pending, len(self.state().unconfirmed))
        if pending:
            problems.append(f"{pending} records still pending at the station")
        return problems


def tally(counts: dict[str, int]) -> str:
    """``{"BundleWriteFailed": 3, "ok": 1}`` → ``"BundleWriteFailed 3, ok 1"`` (largest first)."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{name} {count}" for name, count in ordered)
