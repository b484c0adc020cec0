"""The statistics store: ``center-statistics.db``, a second SQLCipher store under a key of its
own that every centre user holds (issue 13, item 3; ``key_split.py`` seals the keys).

It holds only what the statistics (``stats.py``) and the window's summary read: the coded
columns of each case (station, day in Albania, sex, age band, nationality, form of
exploitation, decision, how the interview ended, referral recipients, status; the registry's
columns, the case code, the outcome shown, the day as the station wrote it and when the record
arrived, are left blank), the counts by month and by status, and the stations' names and codes.
No record's content and no case code. Rows keep the record's id (random; it names nobody and
travels in receipts) so that a new version replaces the old row.

The store *follows* the registry (:func:`follow`): ``center.db`` notes each record whose coded
row was inserted or deleted (``coded_changes``, migration 9); following copies those rows,
then remembers the last change followed, in one transaction of this store, and only then are
the changes followed removed from ``center.db``. A cut between the two commits is repaired at
the next follow (the importer's and the receiver's after each bundle, and each sign-in of a
user who holds both keys); a store behind a registry restored from a backup, missing or
unreadable is built again from the registry (:func:`rebuild`).

A statistics user cannot write the centre's audit log (it is in ``center.db``): their entries
(sign-in, statistics exported, their own password and the re-keys it brings) wait in
``audit_outbox`` and are moved into the log at the next follow (:func:`take_outbox`), only
a statistics slot's user's own entries of :data:`OUTBOX_EVENTS` with the detail the app writes,
dated within the slot's life, :data:`MAX_TAKEN` at a time (attacker review 7); the log keeps
how far it took each store's outbox. A store changed by hand (a schema object the app did not
make, counts that differ from the registry's, a month of coded rows or counts not as the
registry sealed it, ``statistics_digest.py``: :func:`damage`) is built again. Following
counts the months it changed at once, so the monthly counts are sealed with their rows.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_room.center import audit_log, statistics_digest
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.case_counts import recount_stale
from interview_room.center.coded_cases import MIGRATION, MIGRATION_7, count_inserted, insert_coded
from interview_room.files import fsync_dir
from interview_room.store.audit import AuditDetailNotAllowed, DetailValue
from interview_room.store.database import Database

STATISTICS_FILE = "center-statistics.db"
VERSION = 1

SCHEMA = (
    # The coded rows and their counts as in center.db, without the triggers on its records
    # and the index by arrival (the statistics keep no arrival time).
    *(
        statement
        for statement in MIGRATION
        if " ON records " not in statement and "coded_cases_by_arrival" not in statement
    ),
    *MIGRATION_7,
    "CREATE TABLE stations (station_id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL)",
    """CREATE TABLE followed (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        incarnation   TEXT NOT NULL,
        change        INTEGER NOT NULL
    )""",
    """CREATE TABLE audit_outbox (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        at       TEXT NOT NULL,
        actor    TEXT NOT NULL,
        event    TEXT NOT NULL,
        subject  TEXT,
        detail   TEXT NOT NULL
    )""",
)

REGISTRY_TABLES = (
    # center.db (migration 9): how far each statistics store's outbox was taken into the log.
    """CREATE TABLE statistics_outbox_taken (
        incarnation  TEXT PRIMARY KEY,
        taken        INTEGER NOT NULL
    )""",
)

OUTBOX_EVENTS = frozenset(
    {
        CenterAuditEvent.SIGN_IN,
        CenterAuditEvent.STATISTICS_EXPORTED,
        CenterAuditEvent.PASSWORD_CHANGED,
        CenterAuditEvent.STORE_REKEYED,
        CenterAuditEvent.STORE_REKEY_DUE,
    }
)
"""What a statistics user's outbox may bring into the log: their own sign-in, export and
password change, and the statistics store's re-keys they make (attacker review 7: never the
registry's, a user, another user's entry, a failure journal's head)."""

_BATCH = 5_000
_STATISTICS_COLUMNS = (
    # A coded row as the statistics keep it: the registry's columns blank.
    "record_id, station_id, 0, '', '', status, '', '', interviewed_on, sex, age_band,"
    " nationality, exploitation, decision, ended, referrals, unreadable"
)


def open_store(path: Path, key: bytes) -> Database:
    """The statistics store; :class:`~interview_room.store.database.DatabaseUnreadable` when
    the key does not open it, ``FileNotFoundError`` when there is none."""
    if not path.exists():
        raise FileNotFoundError(path)
    db = Database.open(path, key)
    if db.schema_version != VERSION:
        db.close()
        raise FileNotFoundError(path)  # a store cut short while built: built again
    return db


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def rebuild(registry: Database, path: Path, key: bytes) -> None:
    """Build the statistics store at ``path`` afresh from ``registry`` under ``key``: written
    under another name, then moved into place, so a cut leaves the old store or none."""
    building = path.with_name(path.name + ".new")
    _remove(building)
    row_key = statistics_digest.row_key(registry)
    db = Database.open(building, key)
    try:
        with db.transaction():
            for statement in SCHEMA:
                db.execute(statement)
            db.execute(
                "INSERT INTO followed (id, incarnation, change) VALUES (1, ?, 0)",
                (secrets.token_hex(8),),
            )
        _copy_all(registry, db)
        state = statistics_digest.state_of(db)
        assert state is not None
        statistics_digest.remember(registry, state, statistics_digest.tags(db, row_key))
        db.set_schema_version(VERSION)
    finally:
        db.close()
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
    os.replace(building, path)
    fsync_dir(path.parent)


def _copy_all(registry: Database, stats: Database) -> None:
    """Every coded row of ``registry`` into a new ``stats``, a batch at a time (memory stays
    bounded whatever the centre holds), from one snapshot, with the last change it includes."""
    registry.execute("BEGIN")
    try:
        last = _last_change(registry)
        cursor = registry.execute(f"SELECT {_STATISTICS_COLUMNS} FROM coded_cases")
        with stats.transaction():
            while batch := cursor.fetchmany(_BATCH):
                insert_coded(stats, batch, count=False)
                count_inserted(stats, batch)
            stats.executemany(
                "INSERT INTO stations (station_id, name, code) VALUES (?, ?, ?)",
                registry.all("SELECT station_id, name, code FROM stations ORDER BY station_id"),
            )
            stats.execute("UPDATE followed SET change = ? WHERE id = 1", (last,))
            recount_stale(stats)  # the monthly counts made here, sealed with the rows
    finally:
        registry.execute("COMMIT")


def _last_change(registry: Database) -> int:
    row = registry.one("SELECT seq FROM sqlite_sequence WHERE name = 'coded_changes'")
    return 0 if row is None else int(row[0])


_Read = tuple[int, list[str], list[tuple[object, ...]], list[tuple[object, ...]]]


def _read_registry(registry: Database, done: int) -> _Read | None:
    """From one snapshot of ``center.db``: the last change, the records changed after
    ``done``, their coded rows as the statistics keep them, and the stations; None when the
    statistics store followed changes the registry does not have (a registry restored from a
    backup)."""
    registry.execute("BEGIN")
    try:
        last = _last_change(registry)
        if last < done:
            return None
        changed = [
            str(r[0])
            for r in registry.all("SELECT record_id FROM coded_changes WHERE seq > ?", (done,))
        ]
        rows = registry.all(
            f"SELECT {_STATISTICS_COLUMNS} FROM coded_cases WHERE record_id IN"
            " (SELECT record_id FROM coded_changes WHERE seq > ?)",
            (done,),
        )
        stations = registry.all("SELECT station_id, name, code FROM stations ORDER BY station_id")
    finally:
        registry.execute("COMMIT")
    return last, changed, rows, stations


def follow(registry: Database, stats: Database, *, clean: bool = True) -> int | None:
    """Bring ``stats`` up to ``registry``'s coded rows (one transaction of ``stats``), then
    remove the changes followed from ``registry`` (``clean``); returns how many records were
    followed, or None when the store is ahead of the registry and must be built again. The
    months it changes are checked against the registry's seal first, then sealed again, and
    counted again (``statistics_digest.py``: :class:`StatisticsStoreUntrusted` when a month
    differs or none is sealed)."""
    row_key = statistics_digest.row_key(registry)
    with stats.transaction():  # one follower at a time
        state = statistics_digest.state_of(stats)
        done = 0 if state is None else state[1]
        read = _read_registry(registry, done)
        if read is None:
            return None
        last, changed, rows, stations = read
        months = statistics_digest.months_touched(stats, changed, rows)
        sealed = statistics_digest.check_months(registry, stats, row_key, state, months)
        _apply(stats, last, changed, rows, stations)
        recount_stale(stats)
        assert state is not None  # sealed
        if months or last != done:
            statistics_digest.carry(registry, stats, row_key, (state[0], last), sealed, months)
    statistics_digest.settle(registry, (state[0], last))
    if clean and registry.one("SELECT 1 FROM coded_changes WHERE seq <= ? LIMIT 1", (last,)):
        with registry.transaction():
            registry.execute("DELETE FROM coded_changes WHERE seq <= ?", (last,))
    return len(changed)


def _apply(
    stats: Database,
    last: int,
    changed: list[str],
    rows: list[tuple[object, ...]],
    stations: list[tuple[object, ...]],
) -> None:
    """In the caller's transaction: the changed records' rows replaced, the stations copied."""
    if changed:
        stats.execute(
            "DELETE FROM coded_cases WHERE record_id IN (SELECT value FROM json_each(?))",
            (json.dumps(changed),),
        )
        insert_coded(stats, rows, count=False)
        count_inserted(stats, rows)
    if stations != stats.all("SELECT station_id, name, code FROM stations ORDER BY station_id"):
        stats.execute("DELETE FROM stations")
        stats.executemany(
            "INSERT INTO stations (station_id, name, code) VALUES (?, ?, ?)", stations
        )
    stats.execute("UPDATE followed SET change = ? WHERE id = 1", (last,))


def behind(registry: Database, stats: Database) -> bool:
    """Whether ``stats`` has changes of ``registry`` still to follow."""
    row = stats.one("SELECT change FROM followed WHERE id = 1")
    return row is None or _last_change(registry) != int(row[0])


# -- a store damaged by hand (attacker review 7, breaks 1 and 6) ------------------------------


@functools.cache
def _expected_shape() -> frozenset[tuple[str, str, str | None]]:
    """The tables, indexes and triggers :data:`SCHEMA` makes (built once in memory)."""
    with contextlib.closing(sqlite3.connect(":memory:")) as plain:
        for statement in SCHEMA:
            plain.execute(statement)
        return _shape_of(plain.execute("SELECT type, name, sql FROM sqlite_master").fetchall())


def _shape_of(rows: list[tuple[object, ...]] | list[Any]) -> frozenset[tuple[str, str, str | None]]:
    return frozenset(
        (str(kind), str(name), None if sql is None else " ".join(str(sql).split()))
        for kind, name, sql in rows
    )


def _by_status(db: Database) -> dict[tuple[str, str], int]:
    return {
        (str(station), str(status)): int(cases)
        for station, status, cases in db.all(
            "SELECT station_id, status, count(*) FROM coded_cases GROUP BY station_id, status"
        )
    }


def damage(registry: Database, stats: Database, *, counts: bool = True) -> str | None:
    """Why ``stats`` cannot be trusted, or None: a table, index or trigger the app did not make
    or one missing (``schema``); with ``counts`` (at sign-in and when the figures are opened,
    not after each import), once caught up, counts of coded rows by station and status that
    differ from the registry's or from its own ``status_counts``; whatever the registry did
    meanwhile, a month of coded rows or counts that is not as the registry sealed it
    (``rows``, or ``unsealed``: ``statistics_digest.py``)."""
    shape = _shape_of(stats.all("SELECT type, name, sql FROM sqlite_master"))
    if shape != _expected_shape():
        return "schema"
    if not counts:
        return None  # after an import: checked at the next sign-in or figures opened
    if not behind(registry, stats):  # else an import meanwhile: compared next time
        counted = _by_status(stats)
        if counted != _by_status(registry):
            return "counts"
        listed = {
            (str(station), str(status)): int(cases)
            for station, status, cases in stats.all(
                "SELECT station_id, status, cases FROM status_counts WHERE cases != 0"
            )
        }
        if listed != counted:
            return "status_counts"
    return statistics_digest.mismatch(registry, stats, statistics_digest.row_key(registry))


# -- what the statistics role reads ----------------------------------------------------------


def status_summary(stats: Database) -> dict[tuple[str, str], int]:
    """How many cases each station ("name (CODE)") has in each status: the window's summary."""
    names = {
        str(r[0]): f"{r[1]} ({r[2]})"
        for r in stats.all("SELECT station_id, name, code FROM stations")
    }
    summary: dict[tuple[str, str], int] = {}
    for station_id, status, cases in stats.all(
        "SELECT station_id, status, cases FROM status_counts WHERE cases != 0"
    ):
        key = (names.get(str(station_id), str(station_id)), str(status))
        summary[key] = summary.get(key, 0) + int(cases)
    return summary


# -- the statistics users' audit entries -----------------------------------------------------


def add_to_outbox(
    stats: Database,
    event: CenterAuditEvent,
    actor: str,
    subject: str | None,
    detail: dict[str, DetailValue] | None,
    at: datetime,
) -> None:
    with stats.transaction():
        stats.execute(
            "INSERT INTO audit_outbox (at, actor, event, subject, detail) VALUES (?, ?, ?, ?, ?)",
            (at.isoformat(), actor, event.value, subject, json.dumps(detail or {})),
        )


_Entry = tuple[int, datetime, str, CenterAuditEvent, str | None, dict[str, DetailValue]]


def _outbox(stats: Database, taken: int) -> Iterator[_Entry | None]:
    """The outbox's entries after ``taken``; None for one the app would not write."""
    for number, at, actor, event, subject, detail in stats.all(
        "SELECT id, at, actor, event, subject, detail FROM audit_outbox WHERE id > ? ORDER BY id",
        (taken,),
    ):
        try:
            kind = CenterAuditEvent(str(event))
            fields = json.loads(str(detail))
            moment = datetime.fromisoformat(str(at))
        except (ValueError, TypeError):
            yield None  # written outside the app: not an entry
            continue
        if kind not in OUTBOX_EVENTS or not isinstance(fields, dict):
            yield None
            continue
        yield (
            int(number),
            moment,
            str(actor),
            kind,
            None if subject is None else str(subject),
            fields,
        )


_ALLOWED_DETAIL: dict[CenterAuditEvent, frozenset[str]] = {
    CenterAuditEvent.SIGN_IN: frozenset(),
    CenterAuditEvent.PASSWORD_CHANGED: frozenset(),
    CenterAuditEvent.STATISTICS_EXPORTED: frozenset({"from", "to", "format"}),
    CenterAuditEvent.STORE_REKEYED: frozenset({"reason", "store"}),
    CenterAuditEvent.STORE_REKEY_DUE: frozenset({"reason", "store", "waiting"}),
}
"""What each event a statistics user sends may carry (never a failure journal's head)."""

MAX_TAKEN = 1_000
"""Entries moved into the log per take; the rest are dropped and counted in one entry."""


def _registry_roles(registry: Database) -> dict[str, str]:
    """Each user's role as the log added them last (``user_added``)."""
    return {
        str(subject): str(role)
        for subject, role in registry.all(
            "SELECT subject, json_extract(detail, '$.role') FROM audit_log"
            " WHERE event = ? AND subject IS NOT NULL ORDER BY seq",
            (CenterAuditEvent.USER_ADDED.value,),
        )
    }


def _accepted(
    entry: _Entry | None,
    senders: dict[str, datetime],
    now: datetime,
) -> datetime | None:
    """The time to log ``entry`` at (clamped to [its sender's slot made, now]), or None when
    a statistics user's outbox may not bring it: only that user's own sign-in, export or
    password change, with the detail the app writes."""
    if entry is None:
        return None
    _, at, actor, event, subject, detail = entry
    allowed = _ALLOWED_DETAIL.get(event)
    if actor not in senders or allowed is None or not set(detail) <= allowed:
        return None
    if subject is not None and subject != actor:
        return None
    if event in (CenterAuditEvent.STORE_REKEYED, CenterAuditEvent.STORE_REKEY_DUE) and (
        detail.get("store") != "statistics"
    ):
        return None
    moment = at if at.tzinfo is not None else at.replace(tzinfo=now.tzinfo)
    return min(max(moment, senders[actor]), now)


def _senders(registry: Database, keyring: dict[str, str]) -> dict[str, datetime]:
    """The statistics slots of the keyring (username: when made) the log does not contradict
    (a slot whose role was rewritten from the one the log added it with is left out)."""
    roles = _registry_roles(registry)
    found: dict[str, datetime] = {}
    for name, created in keyring.items():
        if roles.get(name, "statistics") != "statistics":
            continue
        with contextlib.suppress(ValueError):
            made = datetime.fromisoformat(created)
            found[name] = made if made.tzinfo is not None else made.replace(tzinfo=UTC)
    return found


def take_outbox(registry: Database, stats: Database, keyring_senders: dict[str, str]) -> int:
    """Move the statistics users' entries into the centre's log (one transaction of
    ``center.db``, which also keeps how far it took them), then empty the outbox; returns how
    many entries were appended. ``keyring_senders``: the keyring's statistics slots (username:
    ``created_at``). Only a sender's own entries are taken (:func:`_accepted`), at most
    :data:`MAX_TAKEN`; the others are dropped and counted in one ``outbox_entries_refused``."""
    row = stats.one("SELECT incarnation FROM followed WHERE id = 1")
    if row is None:
        return 0
    incarnation = str(row[0])
    appended = refused = 0
    now = datetime.now(UTC)
    with registry.transaction():
        kept = registry.one(
            "SELECT taken FROM statistics_outbox_taken WHERE incarnation = ?", (incarnation,)
        )
        taken = 0 if kept is None else int(kept[0])
        senders = _senders(registry, keyring_senders)
        for entry in _outbox(stats, taken):
            at = _accepted(entry, senders, now) if appended < MAX_TAKEN else None
            if at is None:
                refused += 1
                continue
            assert entry is not None
            try:
                audit_log.append(registry, entry[3], entry[2], entry[4], entry[5], at=at)
                appended += 1
            except AuditDetailNotAllowed:
                refused += 1
        top = stats.one("SELECT max(id) FROM audit_outbox")
        last = max(taken, 0 if top is None or top[0] is None else int(top[0]))
        if refused:
            audit_log.append(
                registry, CenterAuditEvent.OUTBOX_ENTRIES_REFUSED, None, None, {"count": refused}
            )
            appended += 1
        registry.execute(
            "DELETE FROM statistics_outbox_taken WHERE incarnation != ?", (incarnation,)
        )
        registry.execute(
            "INSERT OR REPLACE INTO statistics_outbox_taken (incarnation, taken) VALUES (?, ?)",
            (incarnation, last),
        )
    with stats.transaction():
        stats.execute("DELETE FROM audit_outbox WHERE id <= ?", (last,))
    return appended
