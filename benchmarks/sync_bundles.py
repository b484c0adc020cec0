"""What a sync round trip costs with 10,000 interviews pending: export, import, receipt.

Prints a table of figures with their goals; it asserts nothing (speed targets are measured
here, never by timed tests). Usage:
``.venv/bin/python benchmarks/sync_bundles.py [--interviews N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import pyrage
from case_list_and_autosave import (
    PASSWORD,
    STATION_CODE,
    STATION_NAME,
    USERNAME,
    Row,
    fdatasync_ms,
    fill_store,
    mark,
    print_table,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from import_stages import keep_records

from interview_room.center.importer import ImportResult, import_bundle
from interview_room.center.schema import SCHEMA as CENTER_SCHEMA
from interview_room.center.store import CenterKeys, CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.database import Database
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync.bundle import Bundle, bundle_file_name, bundle_plaintext
from interview_room.sync.bundle_reader import parse_bundle_plaintext
from interview_room.sync.receipt import Receipt, write_receipt
from interview_room.sync.station import ExportedBundle, StationSync
from interview_room.workstation import Session, Workstation

INTERVIEWS = 10_000
RATIO_GOAL = 2.0  # import ÷ plain SQLite bulk insert of the same rows (issue 14)
UNCHANGED_GOAL_MS = 50  # an export with nothing changed, at 10,000 cases (issue 14)

# The centre's own connection settings (Database.open), minus the key: the baseline differs
# from the import only by the importer's work and SQLCipher's page encryption.
CENTER_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
)
RECORDS_TABLE = next(s for s in CENTER_SCHEMA if "CREATE TABLE records" in s)
STATIONS_TABLE = next(s for s in CENTER_SCHEMA if "CREATE TABLE stations" in s)
INSERT_RECORD = (
    "INSERT INTO records (kind, record_id, station_id, version, content_hash, content,"
    " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
INSERT_STATION = (
    "INSERT INTO stations (station_id, name, code, public_key, enrolled_at) VALUES (?, ?, ?, ?, ?)"
)

T = TypeVar("T")


class BenchmarkFailed(RuntimeError):
    """A step did not do what the round trip needs (wrong counts, nothing exported)."""


def timed(work: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def median_of(work: Callable[[], object], runs: int) -> float:
    """Median seconds of ``work`` over ``runs`` calls (for pure steps that can simply repeat)."""
    return statistics.median(timed(work)[0] for _ in range(runs))


# -- the station and the centre ----------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    station_dir: Path
    """A filled, linked station, signed out: copied for each run so every run starts alike."""
    center_dir: Path
    """A new centre with the station enrolled and no records, closed: copied likewise."""
    station_id: str
    keys: CenterKeys
    cases: int
    answers: int
    fill_seconds: float
    sqlcipher: str


def set_up(root: Path, interviews: int) -> Setup:
    """A training station filled with ``interviews`` synthetic cases, and a training centre it
    is linked to, as an enrollment leaves them."""
    workstation = Workstation(root / "station")
    session = workstation.create(
        STATION_NAME, STATION_CODE, USERNAME, "Admin Shembulli", PASSWORD,
        training=True, kdf=MINIMUM_ARGON2,
    ).session  # fmt: skip
    try:
        fill = fill_store(session, ProtocolLibrary().current(), interviews)
        version = session.db.one("PRAGMA cipher_version")
        center = CenterStore(root / "center")
        keys = center.create(training=True)
        keep_records(session, center)  # ~60 % full records with seen-before tokens
        station = session.station
        key = center.enroll_station(station.station_id, station.name, station.code)
        StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    finally:
        session.logout()  # checkpoints the WAL into station.db
    return Setup(
        workstation.data_dir,
        center.center_dir,
        station.station_id,
        keys,
        fill.cases,
        fill.answers,
        fill.seconds,
        str(version[0]) if version else "?",
    )


@contextmanager
def station_copy(source: Path, target: Path) -> Iterator[Session]:
    """A signed-in session on a fresh copy of the station folder ``source``."""
    shutil.copytree(source, target)
    session = Workstation(target).unlock(USERNAME, PASSWORD)
    try:
        yield session
    finally:
        session.logout()


def center_copy(source: Path, target: Path) -> CenterStore:
    shutil.copytree(source, target)
    return CenterStore(target)


# -- the figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    seconds: float
    bundle: ExportedBundle
    station_dir: Path
    """The station as the last export left it (bundle 1 recorded, nothing confirmed)."""


def measure_export(setup: Setup, root: Path, runs: int) -> Export:
    """Median of ``StationSync.export_bundle()`` with every case pending, each run on a fresh
    copy of the filled station (the first export also gives every case its first version)."""
    times: list[float] = []
    bundles: list[ExportedBundle] = []
    target = root
    for run in range(runs):
        if run:
            shutil.rmtree(target)
        target = root / f"station-export-{run}"
        with station_copy(setup.station_dir, target) as session:
            took, exported = timed(StationSync(session).export_bundle)
        if exported.records != setup.cases:
            raise BenchmarkFailed(f"the bundle holds {exported.records} of {setup.cases} cases")
        times.append(took)
        bundles.append(exported)
    return Export(statistics.median(times), bundles[-1], target)


@dataclass(frozen=True)
class ExportParts:
    plaintext_bytes: int
    container: float
    """Building the signed JSON container from the records (hashes, base64, JSON, signing)."""
    encrypt: float


def measure_export_parts(bundle: Bundle, setup: Setup, runs: int) -> ExportParts:
    """The export's steps after the records are built, run alone on the same records."""
    station_key = Ed25519PrivateKey.generate()  # same cost as the station's own key
    recipient = pyrage.x25519.Recipient.from_str(setup.keys.age_recipient)
    plaintext = bundle_plaintext(bundle, station_key=station_key)
    return ExportParts(
        len(plaintext),
        median_of(lambda: bundle_plaintext(bundle, station_key=station_key), runs),
        median_of(lambda: pyrage.encrypt(plaintext, [recipient]), runs),
    )


def open_bundle(data: bytes, setup: Setup) -> tuple[bytes, Bundle]:
    """The decrypted container and the verified bundle, as the centre reads them."""
    identity = pyrage.x25519.Identity.from_str(setup.keys.age_identity)
    plaintext: bytes = pyrage.decrypt(data, [identity])
    return plaintext, parse_bundle_plaintext(plaintext, station_keys=station_keys(setup))


def station_keys(setup: Setup) -> dict[str, Ed25519PublicKey]:
    """The station's bundle-verifying key, as the centre holds it."""
    db = CenterStore(setup.center_dir).open()
    try:
        row = db.one("SELECT public_key FROM stations WHERE station_id = ?", (setup.station_id,))
    finally:
        db.close()
    if row is None:
        raise BenchmarkFailed(f"station {setup.station_id} is not enrolled at the centre")
    return {setup.station_id: Ed25519PublicKey.from_public_bytes(bytes(row[0]))}


def record_rows(bundle: Bundle) -> list[tuple[Any, ...]]:
    """The rows the importer inserts for ``bundle`` into a centre that holds none of them."""
    moment = datetime.now(UTC).isoformat(timespec="seconds")
    return [
        (r.kind, r.record_id, bundle.station_id, r.version, r.content_hash, r.content, moment)
        for r in bundle.records
    ]


def plain_sqlite_insert(path: Path, rows: list[tuple[Any, ...]], station_id: str) -> float:
    """Seconds to insert ``rows`` into the centre's ``records`` table in a new, unencrypted
    standard-library SQLite file, with one ``executemany`` in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in CENTER_PRAGMAS:
            conn.execute(pragma)
        conn.execute(STATIONS_TABLE)
        conn.execute(RECORDS_TABLE)
        conn.execute(INSERT_STATION, (station_id, STATION_NAME, STATION_CODE, b"k", rows[0][6]))
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(INSERT_RECORD, rows)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()
        remove_database(path)


def sqlcipher_insert(path: Path, rows: list[tuple[Any, ...]], station_id: str) -> float:
    """The same into a new SQLCipher file opened as the centre opens its store."""
    db = Database.open(path, os.urandom(32))
    try:
        db.execute(STATIONS_TABLE)
        db.execute(RECORDS_TABLE)
        db.execute(INSERT_STATION, (station_id, STATION_NAME, STATION_CODE, b"k", rows[0][6]))
        started = time.perf_counter()
        with db.transaction():
            db.executemany(INSERT_RECORD, rows)
        return time.perf_counter() - started
    finally:
        db.close()
        remove_database(path)


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@dataclass(frozen=True)
class Import:
    seconds: float
    plain: float
    sqlcipher: float
    ratios: list[float]
    """Import ÷ plain insert, run by run (each pair measured back to back)."""
    cipher_ratios: list[float]
    """Import ÷ SQLCipher insert, likewise."""
    reimport: float
    result: ImportResult


def measure_import(
    setup: Setup, exported: ExportedBundle, rows: list[tuple[Any, ...]], root: Path, runs: int
) -> Import:
    """Per run, back to back: ``import_bundle`` into a fresh copy of the empty centre, the
    plain SQLite insert of the same rows and the bare SQLCipher insert; then re-imports of the
    same bundle into the last centre (every record unchanged)."""
    data, name = exported.data, bundle_file_name(setup.station_id, exported.sequence)
    imports: list[float] = []
    plains: list[float] = []
    ciphers: list[float] = []
    results: list[ImportResult] = []
    center = CenterStore(setup.center_dir)
    for run in range(runs):
        if run:
            shutil.rmtree(center.center_dir)
        center = center_copy(setup.center_dir, root / f"center-{run}")
        took, result = timed(partial(import_bundle, center, data, name))
        if (result.imported, result.unchanged) != (setup.cases, 0):
            raise BenchmarkFailed(f"imported {result.imported}, unchanged {result.unchanged}")
        imports.append(took)
        results.append(result)
        plains.append(plain_sqlite_insert(root / "plain.sqlite", rows, setup.station_id))
        ciphers.append(sqlcipher_insert(root / "cipher.db", rows, setup.station_id))
    again: list[float] = []
    for _ in range(runs):
        took, repeat = timed(partial(import_bundle, center, data, name))
        if (repeat.imported, repeat.unchanged) != (0, setup.cases):
            raise BenchmarkFailed(f"re-import: {repeat.imported} imported, not 0")
        again.append(took)
    return Import(
        statistics.median(imports),
        statistics.median(plains),
        statistics.median(ciphers),
        [i / p for i, p in zip(imports, plains, strict=True)],
        [i / c for i, c in zip(imports, ciphers, strict=True)],
        statistics.median(again),
        results[-1],
    )


@dataclass(frozen=True)
class ImportParts:
    decrypt: float
    verify: float
    """JSON parse, field checks, the manifest signature, base64 and SHA-256 of each record."""
    receipt: float
    """Making the receipt as the importer does (`Receipt.of_held_records`) and signing it."""


def measure_import_parts(data: bytes, plaintext: bytes, setup: Setup, runs: int) -> ImportParts:
    """The import's steps outside the store, run alone on the same bundle."""
    identity = pyrage.x25519.Identity.from_str(setup.keys.age_identity)
    keys = station_keys(setup)
    bundle = parse_bundle_plaintext(plaintext, station_keys=keys)
    stored = tuple((r.kind, r.record_id, r.version, r.content_hash) for r in bundle.records)
    center_key = Ed25519PrivateKey.from_private_bytes(setup.keys.receipt_key)

    def receipt() -> bytes:
        made = Receipt.of_held_records(
            bundle.station_id, bundle.sequence, bundle.created_at, stored
        )
        return write_receipt(made, center_key=center_key)

    return ImportParts(
        median_of(lambda: pyrage.decrypt(data, [identity]), runs),
        median_of(lambda: parse_bundle_plaintext(plaintext, station_keys=keys), runs),
        median_of(receipt, runs),
    )


def measure_receipt(
    station_dir: Path, receipt: bytes, cases: int, root: Path, runs: int
) -> tuple[float, float]:
    """Medians of ``StationSync.apply_receipt`` confirming every case, each run on a fresh copy
    of the station as the export left it, and of the export that follows with nothing changed
    (it must build no case: issue 14, "Export costs what changed")."""
    times: list[float] = []
    again: list[float] = []
    for run in range(runs):
        target = root / f"station-receipt-{run}"
        with station_copy(station_dir, target) as session:
            sync = StationSync(session)
            took, marked = timed(partial(sync.apply_receipt, receipt))
            idle, nothing = timed(sync.export_bundle)
        shutil.rmtree(target)
        if marked != cases:
            raise BenchmarkFailed(f"the receipt confirmed {marked} of {cases} cases")
        if nothing.data:
            raise BenchmarkFailed(f"an export with nothing changed sent {nothing.records} cases")
        times.append(took)
        again.append(idle)
    return statistics.median(times), statistics.median(again)


# -- output ------------------------------------------------------------------------------------


def print_header(setup: Setup, runs: int, fsync: float) -> None:
    cores = os.cpu_count()
    print(
        f"cores: {cores}   Python {platform.python_version()}   SQLCipher {setup.sqlcipher}"
        f"   stdlib sqlite3 {sqlite3.sqlite_version}   pyrage {metadata.version('pyrage')}"
    )
    print(f"{setup.cases:,} synthetic interviews pending; median of {runs} runs")
    print(f"fdatasync of 4 KiB in the temp folder: {fsync:.2f} ms (median)")
    if fsync < 0.5:
        print("⚠ the disk acknowledges syncs from a cache: commits look cheaper than on a PC")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"⚠ load average {load:.1f} on {cores} cores: figures will be noisy")
    print()


def s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def rows_for(
    setup: Setup,
    export: Export,
    export_parts: ExportParts,
    imported: Import,
    import_parts: ImportParts,
    receipt: tuple[float, float],
) -> list[Row]:
    n = setup.cases
    size = len(export.bundle.data)
    built = export.seconds - export_parts.container - export_parts.encrypt
    outside = import_parts.decrypt + import_parts.verify + import_parts.receipt
    ratio = statistics.median(imported.ratios)
    cipher_ratio = statistics.median(imported.cipher_ratios)
    runs = " ".join(f"{r:.1f}" for r in imported.ratios)
    return [
        (f"fill: {n:,} cases, {setup.answers:,} answers", s(setup.fill_seconds),
         "one transaction"),
        ("export: StationSync.export_bundle()", s(export.seconds), "(info)"),
        ("  versions + records (each case built once)", s(built), "(info) by difference"),
        ("  signed JSON container", s(export_parts.container), "(info)"),
        ("  age encryption", s(export_parts.encrypt), "(info)"),
        ("  bundle size (age file)", f"{size / 1e6:.1f} MB",
         f"{size // n:,} B per case; JSON {export_parts.plaintext_bytes / 1e6:.1f} MB"),
        ("import: import_bundle, new records", s(imported.seconds),
         f"{n / imported.seconds:,.0f} records/s"),
        ("  age decryption", s(import_parts.decrypt), "(info)"),
        ("  JSON, checks, signature, base64, hashes", s(import_parts.verify), "(info)"),
        ("  receipt: checks, signing", s(import_parts.receipt), "(info)"),
        ("  store: open, look-ups, INSERT, commit", s(imported.seconds - outside),
         "(info) by difference"),
        ("plain SQLite: executemany, one transaction", s(imported.plain),
         "(info) not encrypted"),
        ("  SQLCipher: the same executemany", s(imported.sqlcipher), "(info)"),
        ("ratio import / plain SQLite insert", f"{ratio:.1f}×",
         f"≤ {RATIO_GOAL:g}× {mark(ratio <= RATIO_GOAL)}   runs: {runs}"),
        ("  ratio import / SQLCipher insert", f"{cipher_ratio:.1f}×", "(info)"),
        ("re-import: same bundle, all unchanged", s(imported.reimport),
         f"{n / imported.reimport:,.0f} records/s"),
        ("receipt: StationSync.apply_receipt", s(receipt[0]),
         f"{n / receipt[0]:,.0f} records/s"),
        ("export again, nothing changed", s(receipt[1]),
         f"≤ {UNCHANGED_GOAL_MS} ms at 10,000 {mark(receipt[1] * 1000 <= UNCHANGED_GOAL_MS)}"),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--interviews", type=int, default=INTERVIEWS, help="cases to sync")
    parser.add_argument("--runs", type=int, default=5, help="measurements per figure (median)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args()
    interviews, runs = max(10, args.interviews), max(1, args.runs)
    if args.json:
        sys.stdout = sys.stderr  # the table goes to stderr, the JSON alone to stdout

    with tempfile.TemporaryDirectory(prefix="ir-bench-sync-") as tmp:
        root = Path(tmp)
        fsync = fdatasync_ms(root)
        try:
            setup = set_up(root, interviews)
            print_header(setup, runs, fsync)
            export = measure_export(setup, root, runs)
            plaintext, bundle = open_bundle(export.bundle.data, setup)
            rows = record_rows(bundle)
            imported = measure_import(setup, export.bundle, rows, root, runs)
            import_parts = measure_import_parts(export.bundle.data, plaintext, setup, runs)
            export_parts = measure_export_parts(bundle, setup, runs)
            receipt = measure_receipt(
                export.station_dir, imported.result.receipt, setup.cases, root, runs
            )
        except BenchmarkFailed as exc:
            print(f"benchmark failed: {exc}", file=sys.stderr)
            return 1
    print_table(rows_for(setup, export, export_parts, imported, import_parts, receipt))
    if args.json:
        sys.stdout = sys.__stdout__
        print(json.dumps(figures_of(setup, export, imported, import_parts, receipt)))
    return 0


def figures_of(
    setup: Setup,
    export: Export,
    imported: Import,
    import_parts: ImportParts,
    receipt: tuple[float, float],
) -> dict[str, float | int]:
    """The keys ``python -m benchmarks`` collects (benchmarks/README.md lists their goals)."""
    return {
        "sync_cases": setup.cases,
        "export_s": round(export.seconds, 4),
        "export_unchanged_ms": round(receipt[1] * 1000, 2),
        "import_s": round(imported.seconds, 4),
        "import_plain_sqlite_s": round(imported.plain, 4),
        "import_vs_plain_sqlite": round(statistics.median(imported.ratios), 2),
        "import_vs_sqlcipher": round(statistics.median(imported.cipher_ratios), 2),
        "import_decrypt_s": round(import_parts.decrypt, 4),
        "import_verify_s": round(import_parts.verify, 4),
        "reimport_s": round(imported.reimport, 4),
        "receipt_apply_s": round(receipt[0], 4),
    }


if __name__ == "__main__":
    sys.exit(main())
