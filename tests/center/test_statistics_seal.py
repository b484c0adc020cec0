"""Issue 13: the registry's seal on the statistics store (``center/statistics_digest.py``). A
statistics user, who can write ``center-statistics.db`` with SQLCipher outside the app, rewrites
coded values and keeps every count (by station and status, ``status_counts`` and the monthly
counts, made again with the app's own functions); the next registry or administrator sign-in
builds the store again, logs why, and the figures are the registry's (real SQLCipher, files,
keyring and importer)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center import statistics_store
from interview_room.center.case_counts import recount_stale
from interview_room.center.coded_cases import count_inserted, insert_coded
from interview_room.center.importer import import_bundle
from interview_room.center.store import DATABASE_FILE, CenterStore
from interview_room.store.database import Database
from interview_room.sync.bundle import Bundle, BundleRecord, bundle_file_name, write_bundle
from interview_room.sync.records import RECORD_KIND, canonical, content_hash
from tests.center.filled import _record
from tests.center.test_attacks7_split import _events
from tests.center.test_center_split import (
    ADMIN,
    REGISTRY,
    STATS,
    _centre,
    _import,
    _registry_facts,
    _signed_in,
    _statistics_facts,
)

Row = tuple[object, ...]
_COLUMNS = (
    "record_id, station_id, version, received_at, case_code, status, outcome, started_on,"
    " interviewed_on, sex, age_band, nationality, exploitation, decision, ended, referrals,"
    " unreadable"
)
NATIONALITY, DECISION = 11, 13


def _centre_with_cases(center_dir: Path) -> bytes:
    """A split centre with two stations' cases; returns the registry's key (for the truth)."""
    admin = _centre(center_dir)
    _import(admin, "MOR", range(0, 12))
    _import(admin, "KAK", range(0, 8))
    key = admin._key()
    admin.sign_out()
    return key


def _rebuilt(center_dir: Path) -> list[object]:
    return [e[2].get("reason") for e in _events(center_dir) if e[1] == "statistics_store_rebuilt"]


def _as_statistics_user(center_dir: Path, change: Callable[[list[Row]], list[Row]]) -> None:
    """besa rewrites every coded row through ``change`` (same record ids, stations and
    statuses) and counts again with the app's own code: every count the store keeps stays
    consistent with its rows, and the counts by station and status stay the registry's."""
    besa = _signed_in(center_dir, STATS)
    stats = besa.open_statistics()
    try:
        kept = statistics_store._by_status(stats)
        with stats.transaction():
            rows = change(stats.all(f"SELECT {_COLUMNS} FROM coded_cases ORDER BY record_id"))
            stats.execute("DELETE FROM coded_cases")
            insert_coded(stats, rows, count=False)
            count_inserted(stats, rows)
            recount_stale(stats)
        assert statistics_store._by_status(stats) == kept
        listed = {
            (str(s), str(t)): int(c)
            for s, t, c in stats.all("SELECT station_id, status, cases FROM status_counts")
            if c
        }
        assert listed == kept
    finally:
        stats.close()
    besa.sign_out()


def _figures_are_the_registrys(center_dir: Path, key: bytes) -> None:
    for user in (REGISTRY, STATS):
        center = _signed_in(center_dir, user)
        assert _statistics_facts(center) == _registry_facts(center_dir, key), user[0]
        center.sign_out()


def test_nationality_and_decision_rewritten_with_every_count_kept_are_caught(
    tmp_path: Path,
) -> None:
    center_dir = tmp_path / "center"
    key = _centre_with_cases(center_dir)
    truth = _registry_facts(center_dir, key)

    def rewrite(rows: list[Row]) -> list[Row]:
        return [
            (*r[:NATIONALITY], "SY", r[NATIONALITY + 1], "victim", *r[DECISION + 1 :]) for r in rows
        ]

    _as_statistics_user(center_dir, rewrite)
    besa = _signed_in(center_dir, STATS)
    falsified = _statistics_facts(besa)
    besa.sign_out()
    assert falsified["station"] == truth["station"] and falsified != truth  # the attack works
    assert falsified["nationality"] == {"SY": sum(truth["station"].values())}

    _signed_in(center_dir, REGISTRY).sign_out()  # the next registry sign-in
    assert _rebuilt(center_dir) == ["rows"]
    _figures_are_the_registrys(center_dir, key)


def test_a_row_copied_from_another_case_is_caught(tmp_path: Path) -> None:
    """Another case's facts under a record id (same station and status, so every count by
    station and status stays): the tag is bound to the record id and every field."""
    center_dir = tmp_path / "center"
    key = _centre_with_cases(center_dir)

    def copy(rows: list[Row]) -> list[Row]:
        first = rows[0]
        other = next(r for r in rows[1:] if r[1] == first[1] and r[5] == first[5] and r != first)
        return [(first[0], *other[1:]), *rows[1:]]

    _as_statistics_user(center_dir, copy)
    admin = _signed_in(center_dir, ADMIN)
    admin.sign_out()
    assert _rebuilt(center_dir) == ["rows"]
    _figures_are_the_registrys(center_dir, key)


def test_monthly_counts_rewritten_alone_are_caught(tmp_path: Path) -> None:
    """The figures read whole months from ``case_counts``: sealed with the month's rows."""
    center_dir = tmp_path / "center"
    key = _centre_with_cases(center_dir)
    besa = _signed_in(center_dir, STATS)
    stats = besa.open_statistics()
    try:
        with stats.transaction():
            stats.execute(
                "UPDATE case_counts SET value = 'SY' WHERE dimension = 'nationality'"
                " AND month = (SELECT min(month) FROM case_counts)"
            )
    finally:
        stats.close()
    besa.sign_out()
    _signed_in(center_dir, REGISTRY).sign_out()
    assert _rebuilt(center_dir) == ["rows"]
    _figures_are_the_registrys(center_dir, key)


def _station(center: CenterStore, code: str) -> tuple[str, Ed25519PrivateKey]:
    station_id = secrets.token_hex(16)
    return station_id, Ed25519PrivateKey.from_private_bytes(
        center.enroll_station(station_id, code, code)
    )


def _send(
    center: CenterStore, station: tuple[str, Ed25519PrivateKey], number: int, *records: BundleRecord
) -> None:
    data = write_bundle(
        Bundle(station[0], number, datetime.now(UTC).isoformat(timespec="seconds"), records),
        station_key=station[1],
        recipient=center.keys().age_recipient,
    )
    assert import_bundle(center, data, bundle_file_name(station[0], number)).imported


def test_an_older_version_of_a_row_put_back_is_caught(tmp_path: Path) -> None:
    """Version 2 of a case changes its decision (same status); besa puts back the row of
    version 1, which the registry sealed once: the seal is of the store's state now."""
    center_dir = tmp_path / "center"
    admin = _centre(center_dir)
    station = _station(admin, "HAN")
    first = _record(station[0], "HAN", 4)
    record_id = "case-HAN-000004"
    _send(admin, station, 1, BundleRecord(RECORD_KIND, record_id, 1, first))
    _import(admin, "MOR", range(0, 6))
    besa = _signed_in(center_dir, STATS)
    stats = besa.open_statistics()
    try:
        old = stats.one(f"SELECT {_COLUMNS} FROM coded_cases WHERE record_id = ?", (record_id,))
    finally:
        stats.close()
    besa.sign_out()
    assert old is not None
    document = json.loads(first)
    document["decision"] = dict(document.get("decision") or {}, decision="indicators_not_met")
    second = canonical(document)
    _send(
        admin,
        station,
        2,
        BundleRecord(RECORD_KIND, record_id, 2, second, (content_hash(first),)),
    )
    key = admin._key()
    admin.sign_out()
    assert _rebuilt(center_dir) == []  # a new version is no damage

    def put_back(rows: list[Row]) -> list[Row]:
        assert any(r[0] == record_id and r[DECISION] != old[DECISION] for r in rows)
        return [old if r[0] == record_id else r for r in rows]

    _as_statistics_user(center_dir, put_back)
    _signed_in(center_dir, REGISTRY).sign_out()
    assert _rebuilt(center_dir) == ["rows"]
    _figures_are_the_registrys(center_dir, key)


def test_an_unchanged_store_is_never_rebuilt(tmp_path: Path) -> None:
    """Imports by both roles, the figures opened by every role, sign-ins: nothing rebuilt."""
    center_dir = tmp_path / "center"
    key = _centre_with_cases(center_dir)
    besa = _signed_in(center_dir, STATS)
    _statistics_facts(besa)
    besa.sign_out()
    admin, cara = _signed_in(center_dir, ADMIN), _signed_in(center_dir, REGISTRY)
    for code, importer in (("NCA", cara), ("NAN", admin)):
        _import(admin, code, range(0, 3), by=importer)
        _statistics_facts(importer)
    admin.sign_out()
    cara.sign_out()
    assert _rebuilt(center_dir) == []
    _figures_are_the_registrys(center_dir, key)


def test_a_store_from_before_the_seal_is_sealed_at_the_next_registry_sign_in(
    tmp_path: Path,
) -> None:
    """A centre whose registry has no seal yet (as before this change): built again once,
    logged as unsealed, then followed without rebuilding."""
    center_dir = tmp_path / "center"
    key = _centre_with_cases(center_dir)
    registry = Database.open(center_dir / DATABASE_FILE, key)
    try:
        with registry.transaction():
            registry.execute("DROP TABLE statistics_digests")
            registry.execute("DELETE FROM center_keys WHERE kind = 'statistics_rows'")
    finally:
        registry.close()
    besa = _signed_in(center_dir, STATS)  # the statistics user reads it meanwhile
    assert _statistics_facts(besa) == _registry_facts(center_dir, key)
    besa.sign_out()
    _signed_in(center_dir, REGISTRY).sign_out()
    _signed_in(center_dir, ADMIN).sign_out()
    assert _rebuilt(center_dir) == ["unsealed"]
    _figures_are_the_registrys(center_dir, key)


def test_an_import_into_a_changed_month_rebuilds_at_once(tmp_path: Path) -> None:
    """An administrator's window stays signed in while besa changes January; its next import
    follows into January, checks that month first and builds the store again."""
    center_dir = tmp_path / "center"
    key = _centre_with_cases(center_dir)
    window = _signed_in(center_dir, ADMIN)

    def rewrite(rows: list[Row]) -> list[Row]:
        return [(*r[:NATIONALITY], "SY", *r[NATIONALITY + 1 :]) for r in rows]

    _as_statistics_user(center_dir, rewrite)
    _import(window, "HAN", range(0, 3))  # January 2025 too (tests/center/filled.py)
    window.sign_out()
    events = [e[1] for e in _events(center_dir)]  # in order; the last sign-in is _events' own
    last_sign_in = len(events) - 1 - events[::-1].index("sign_in")
    assert events.index("statistics_store_rebuilt") < last_sign_in, "rebuilt by the import"
    assert _rebuilt(center_dir) == ["rows"]
    _figures_are_the_registrys(center_dir, key)
