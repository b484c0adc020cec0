"""Where one centre import's time goes, stage by stage (issue 14): CPU time per stage.

``.venv/bin/python benchmarks/import_stages.py [--interviews N] [--runs N] [--training] [--again]``

Builds the station and the centre as ``sync_bundles.py`` does, but by default a **real** centre
(an administrator, two stores: the import also brings the statistics store up to date), exports
one bundle of every case, then imports it ``--runs`` times, each into a fresh copy of the empty
centre (``--again``: the same bundle imported a second time into that copy, a replay, is
what is timed). Each stage is timed by a wrapper put around the importer's own functions in this
process only (nothing in ``src/`` is changed); the stages nest, and the table shows them so.
The figures are CPU seconds (``time.process_time``): on a busy machine they move far less than
wall time. The minimum over runs is the figure to compare; the median is shown beside it.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyrage
from case_list_and_autosave import PASSWORD, STATION_CODE, STATION_NAME, USERNAME, fill_store

from interview_room.center import (
    holdings,
    importer,
    key_split,
    publish,
    seen_before_index,
    statistics_store,
)
from interview_room.center import store as center_store
from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.database import Database
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync import bundle_reader, fields, record_consent, station
from interview_room.sync.bundle import bundle_file_name
from interview_room.workstation import Session, Workstation

ADMIN = "ana"
STAGES: tuple[tuple[str, str], ...] = (
    # (key, label); two leading spaces per level of nesting
    ("import", "import_bundle, whole"),
    ("keys", "  centre keys read, center.db opened"),
    ("read", "  bundle read: age decryption + parse + checks + signature"),
    ("decrypt", "    of it age decryption alone (pyrage.decrypt, same bytes)"),
    ("head", "    of it record heads (_read_head: strict JSON, field checks)"),
    ("verify", "    of it the header's Ed25519 signature"),
    ("protocols", "  protocol library of the centre"),
    ("consents", "  check_consents: consent rule + coded rows"),
    ("parse", "    of it each record's strict JSON parse"),
    ("breach", "    of it the consent rule (record_consent.breach)"),
    ("code", "    of it the coded row (code_document)"),
    ("store", "  store_bundle: look-ups, version rules, inserts"),
    ("held", "    of it held versions looked up"),
    ("writes", "    of it records + versions executemany"),
    ("coded", "    of it coded rows executemany + counts"),
    ("index", "  seen-before index_records"),
    ("derive", "    of it token re-derivation (_derived)"),
    ("commit", "  COMMIT"),
    ("anchor", "  audit anchor moved"),
    ("close", "  center.db closed (WAL checkpoint TRUNCATE)"),
    ("statistics", "  statistics store followed (real centre)"),
    ("ensure", "    of it ensure_coded (two counts over center.db)"),
    ("follow", "    of it the changed coded rows copied (statistics_store.follow)"),
    ("damage", "    of it the store's shape checked (statistics_store.damage)"),
    ("receipt", "  receipt made and signed"),
)


class Clock:
    """CPU seconds per stage of the current import."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)

    @contextlib.contextmanager
    def stage(self, key: str) -> Iterator[None]:
        started = time.process_time()
        try:
            yield
        finally:
            self.spent[key] += time.process_time() - started

    def wrap(self, owner: Any, name: str, key: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(key):
                return original(*args, **kwargs)

        setattr(owner, name, timed)


def instrument(clock: Clock) -> None:
    """Put the timers around the importer's functions (this process only)."""
    for owner, name, key in (
        (importer, "import_bundle", "import"),
        (center_store.CenterStore, "keys", "keys"),
        (importer, "_read", "read"),
        (bundle_reader.PlaintextReader, "_read_head", "head"),
        (bundle_reader.PlaintextReader, "_verify", "verify"),
        (publish, "center_protocols", "protocols"),
        (importer, "check_consents", "consents"),
        (fields, "parse_json", "parse"),
        (record_consent, "breach", "breach"),
        (importer, "code_document", "code"),
        (importer, "store_bundle", "store"),
        (holdings, "_held", "held"),
        (holdings._Writes, "run", "writes"),
        (holdings, "insert_coded", "coded"),
        (seen_before_index, "index_records", "index"),
        (seen_before_index, "_derived", "derive"),
        (CenterStore, "move_audit_anchor", "anchor"),
        (Database, "close", "close"),
        (key_split, "follow", "statistics"),
        (key_split, "ensure_coded", "ensure"),
        (statistics_store, "follow", "follow"),
        (statistics_store, "damage", "damage"),
        (importer, "write_receipt", "receipt"),
    ):
        clock.wrap(owner, name, key)
    clock.wrap(CenterStore, "open", "keys")

    @contextlib.contextmanager
    def transaction(db: Database) -> Iterator[Database]:
        conn = db._conn  # the measuring script times the commit alone
        if conn.in_transaction:
            yield db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        with clock.stage("commit"):
            conn.execute("COMMIT")

    Database.transaction = transaction  # type: ignore[method-assign,assignment]


KEPT_SHARE = 3  # of every 5 cases, kept in full with seen-before details (center_at_scale: ~60 %)


def keep_records(session: Session, center: CenterStore) -> int:
    """Make about 60 % of the filled cases full records (storage consent "yes", nationality
    answered, seen-before details naming the case's person) and give the station the centre's
    seen-before key, as a package would: their records then carry tokens the centre derives
    again (``center/seen_before.py``). Returns how many cases are kept."""
    from interview_room.center.seen_before import current_key

    registry = center.open()
    try:
        with registry.transaction():
            key = current_key(registry)
    finally:
        registry.close()
    db = session.db
    rows = db.all("SELECT id, person_name, started_at FROM cases ORDER BY id")
    kept = [r for n, r in enumerate(rows) if n % 5 < KEPT_SHARE]
    with db.transaction():
        db.execute(
            "INSERT INTO seen_before_keys (version, secret, received_at) VALUES (?, ?, ?)",
            (key.version, key.secret, "2026-01-01T00:00:00+00:00"),
        )
        for case_id, name, started in kept:  # "Lule Provaj 2": the number is no name
            words = str(name).split()
            for question, value in (("consent_storage", "yes"), ("prep_nationality", "albania")):
                db.execute(
                    "INSERT OR REPLACE INTO answers (case_id, question_id, status, value,"
                    " answered_at) VALUES (?, ?, 'answered', ?, ?)",
                    (case_id, question, json.dumps(value), started),
                )
            db.execute(
                "INSERT INTO seen_before_details (case_id, given_names, surname, birth_year)"
                " VALUES (?, ?, ?, ?)",
                (case_id, words[0], words[1], 1970 + len(kept) % 35),
            )
        db.executemany(
            "UPDATE interviews SET personal_data = 'kept' WHERE case_id = ?",
            [(r[0],) for r in kept],
        )
    return len(kept)


def make_fixture(root: Path, interviews: int, training: bool) -> tuple[Path, bytes, str, str]:
    """(empty centre folder, bundle, its file name, the centre's age identity): a filled
    station linked to a new centre, and its export of every case."""
    workstation = Workstation(root / "station")
    session = workstation.create(
        STATION_NAME, STATION_CODE, USERNAME, "Admin Shembulli", PASSWORD,
        training=True, kdf=MINIMUM_ARGON2,
    ).session  # fmt: skip
    center = CenterStore(root / "center")
    try:
        fill_store(session, ProtocolLibrary().current(), interviews)
        if training:
            keys = center.create(training=True)
        else:
            admin = NewCenterUser(ADMIN, "Ana Shembulli", PASSWORD)
            keys = center.create(admin=admin, kdf=MINIMUM_ARGON2)
        keep_records(session, center)
        st = session.station
        key = center.enroll_station(st.station_id, st.name, st.code)
        sync = station.StationSync(session)
        sync.link(key, keys.age_recipient, keys.receipt_public_key)
        exported = sync.export_bundle()
    finally:
        session.logout()
    name = bundle_file_name(st.station_id, exported.sequence)
    return center.center_dir, exported.data, name, keys.age_identity


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--training", action="store_true", help="a training centre (one store)")
    parser.add_argument(
        "--again", action="store_true", help="time a second import of the same bundle (a replay)"
    )
    args = parser.parse_args()
    clock = Clock()
    with tempfile.TemporaryDirectory(prefix="ir-bench-stages-") as tmp:
        root = Path(tmp)
        center_dir, data, name, age = make_fixture(root, args.interviews, args.training)
        identity = pyrage.x25519.Identity.from_str(age)
        instrument(clock)
        runs: list[dict[str, float]] = []
        for run in range(args.runs):
            target = root / f"c{run}"
            shutil.copytree(center_dir, target)
            center = CenterStore(target)
            if not args.training:
                center.sign_in(ADMIN, PASSWORD)
            if args.again:
                assert importer.import_bundle(center, data, name).imported > 0
            clock.spent.clear()
            result = importer.import_bundle(center, data, name)
            assert result.replayed if args.again else result.imported > 0
            with clock.stage("decrypt"):
                pyrage.decrypt(data, [identity])
            runs.append(dict(clock.spent))
            shutil.rmtree(target)
    for key, label in STAGES:
        values = [r.get(key, 0.0) * 1000 for r in runs]
        print(f"{label:<62} {min(values):8.1f} {statistics.median(values):8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
