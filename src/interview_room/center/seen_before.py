"""The centre's side of "seen before" (issue 16): the key, the index, and the sealed section.

The centre keeps a 256-bit key per version (``seen_before_keys``; the newest is current) and,
for every case record whose person agreed to a record being kept and that carries tokens, its
tokens and summary (``seen_before_cases``: case code, station, day, outcome, recipients; never
a name or an answer), kept up by ``seen_before_index.index_records`` for the records of
each bundle, in the import's transaction; the package carries :func:`sealed_section`
(``center/publish.py``), sealed to every station not revoked (``sync/centre_package_seen.py``).

Rotation (:func:`rotate_key`): a new version becomes current; the section carries every
version that still has entries, so stations match both until each has re-derived its cases'
tokens under the new key and sent them (the record then replaces its old-version row).
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from interview_room.seen_before.matcher import EarlierInterview
from interview_room.seen_before.tokens import SeenBeforeKey
from interview_room.sync.centre_package_seen import (
    MAX_CASES,
    MAX_KEYS,
    MAX_SEALED_BYTES,
    IndexedInterview,
    SeenBeforeSection,
    seal,
    section_bytes,
    station_recipient,
)

if TYPE_CHECKING:
    from interview_room.store.database import Database

_log = logging.getLogger(__name__)
KEY_BYTES = 32

MIGRATION = (
    """CREATE TABLE seen_before_keys (
        version     INTEGER PRIMARY KEY,
        secret      BLOB NOT NULL,
        created_at  TEXT NOT NULL
    )""",
    """CREATE TABLE seen_before_cases (
        record_id       TEXT NOT NULL,
        station_id      TEXT NOT NULL,
        key_version     INTEGER NOT NULL,
        tokens          TEXT NOT NULL,
        case_code       TEXT NOT NULL,
        interviewed_on  TEXT NOT NULL,
        outcome         TEXT NOT NULL,
        recipients      TEXT NOT NULL,
        PRIMARY KEY (record_id, key_version)
    )""",
    """CREATE TABLE seen_before_published (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        section_sha256  TEXT NOT NULL
    )""",
    # The index's version: a new random value on every change, whoever makes it, so the
    # section is rebuilt only when the index changed (``_section_now``).
    """CREATE TABLE seen_before_index_version (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        version  TEXT NOT NULL
    )""",
    "INSERT INTO seen_before_index_version (id, version) VALUES (1, lower(hex(randomblob(16))))",
    *(
        f"""CREATE TRIGGER seen_before_cases_{change} AFTER {change.upper()} ON seen_before_cases
        BEGIN
            UPDATE seen_before_index_version SET version = lower(hex(randomblob(16)))
            WHERE id = 1;
        END"""
        for change in ("insert", "update", "delete")
    ),
)
"""Centre store upgrade 8 (``center/schema.py``)."""


def current_key(db: Database) -> SeenBeforeKey:
    """The current key; the first (version 1) is made when there is none. Caller's transaction."""
    row = db.one("SELECT version, secret FROM seen_before_keys ORDER BY version DESC LIMIT 1")
    if row is None:
        return _new_key(db, 1)
    return SeenBeforeKey(int(row[0]), bytes(row[1]))


def _new_key(db: Database, version: int) -> SeenBeforeKey:
    key = SeenBeforeKey(version, secrets.token_bytes(KEY_BYTES))
    db.execute(
        "INSERT INTO seen_before_keys (version, secret, created_at) VALUES (?, ?, ?)",
        (version, key.secret, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    return key


def rotate_key(db: Database) -> SeenBeforeKey:
    """A new current key version (a station lost, someone holding the key left, yearly)."""
    with db.transaction():
        return _new_key(db, current_key(db).version + 1)


@dataclass(frozen=True)
class SealedSection:
    sealed: bytes
    digest: str
    """SHA-256 of the section's plaintext and its recipients: what tells a change."""
    interviews: int
    left_out: LeftOut


@dataclass(frozen=True)
class LeftOut:
    """Key versions with rows that the section does not carry (a station reads at most
    ``MAX_KEYS``: attacker 8, B2), and how many index rows are under them."""

    versions: tuple[int, ...] = ()
    entries: int = 0


SECTION_BUDGET = MAX_SEALED_BYTES * 3 // 4
"""Plaintext bytes the section may take: sealing adds a little per 64 KiB chunk and per
station, so the sealed section stays under ``MAX_SEALED_BYTES`` (attacker 6, D1)."""


def sent_versions(db: Database, current: int) -> tuple[tuple[int, ...], LeftOut]:
    """The key versions the section carries: the current one and the newest others with rows,
    at most ``MAX_KEYS`` in all (what a station reads: more, and it refuses the whole section
    and keeps an old key for ever; attacker 8, B2), and what is left out. Rows under an older
    version stay at the centre: their station replaces them when it sends the case again."""
    rows = dict(
        db.all(
            "SELECT key_version, count(*) FROM seen_before_cases"
            " GROUP BY key_version ORDER BY key_version DESC"
        )
    )
    others = [int(v) for v in rows if int(v) != current]
    dropped = tuple(sorted(others[MAX_KEYS - 1 :]))
    kept = tuple(sorted({current, *others[: MAX_KEYS - 1]}))
    return kept, LeftOut(dropped, sum(int(rows[v]) for v in dropped))


def _fair_rows(db: Database, versions: tuple[int, ...]) -> list[tuple[Any, ...]]:
    """The newest rows of each station in turn (round-robin), at most ``MAX_CASES``, under
    ``versions`` only: one station cannot push the others out (attacker 6, N1)."""
    marks = ", ".join("?" for _ in versions)
    return db.all(
        "SELECT key_version, tokens, case_code, station_id, interviewed_on, outcome, recipients"
        " FROM (SELECT *, row_number() OVER (PARTITION BY station_id"
        " ORDER BY interviewed_on DESC, case_code, key_version) AS turn FROM seen_before_cases"
        f" WHERE key_version IN ({marks})) ORDER BY turn, station_id LIMIT ?",
        (*versions, MAX_CASES),
    )


def _entry_bytes(interview: IndexedInterview) -> int:
    """About what one entry takes in the section's JSON (a bound, not the exact count)."""
    earlier = interview.earlier
    texts = (earlier.case_code, earlier.station, interview.station_code, *earlier.recipients)
    return 200 + 48 * len(interview.tokens) + sum(len(t.encode()) + 6 for t in texts)


def _section(db: Database) -> SeenBeforeSection:
    current = current_key(db)
    versions, _ = sent_versions(db, current.version)
    stations = {str(r[0]): (str(r[1]), str(r[2])) for r in db.all(
        "SELECT station_id, name, code FROM stations"
    )}  # fmt: skip
    interviews: list[IndexedInterview] = []
    budget = SECTION_BUDGET
    for version, tokens, code, station, day, outcome, recipients in _fair_rows(db, versions):
        name, station_code = stations.get(str(station), (str(station), ""))
        interview = IndexedInterview(
            int(version),
            tuple(bytes.fromhex(t) for t in json.loads(str(tokens))),
            EarlierInterview(
                str(code),
                name,
                date.fromisoformat(str(day)),
                str(outcome),
                tuple(json.loads(str(recipients))),
            ),
            station_code,
        )
        budget -= _entry_bytes(interview)
        if budget < 0:
            _log.warning("seen_before_section_trimmed interviews=%d", len(interviews))
            break
        interviews.append(interview)
    used = {i.key_version for i in interviews} | {current.version}
    keys = tuple(
        SeenBeforeKey(int(v), bytes(s))
        for v, s in db.all("SELECT version, secret FROM seen_before_keys ORDER BY version")
        if int(v) in used
    )
    return SeenBeforeSection(keys, tuple(interviews))


@dataclass(frozen=True)
class _Built:
    """The section as last built for one centre store, and what it was built from."""

    built_from: tuple[object, ...]
    plain: bytes
    digest: str
    interviews: int
    left_out: LeftOut
    sealed: bytes | None = None


_built: dict[str, _Built] = {}
_building = threading.Lock()


def _recipients(db: Database) -> list[str]:
    return sorted(
        station_recipient(bytes(r[0]))
        for r in db.all("SELECT public_key FROM stations WHERE revoked_at IS NULL")
    )


def _built_from(db: Database, recipients: list[str]) -> tuple[object, ...]:
    """What the section depends on, read cheaply: the index's version (a random value the
    triggers renew on every change of ``seen_before_cases``), the keys, the stations' names
    and the recipients."""
    index = db.one("SELECT version FROM seen_before_index_version WHERE id = 1")
    keys = db.one("SELECT count(*), max(version) FROM seen_before_keys")
    names = db.all("SELECT station_id, name FROM stations ORDER BY station_id")
    return (
        index[0] if index else None,
        tuple(keys) if keys else (),
        tuple((str(i), str(n)) for i, n in names),
        tuple(recipients),
    )


def _section_now(db: Database, seal_it: bool) -> _Built | None:
    """The section for the stations not revoked, rebuilt only when the index, the keys or the
    recipients changed since it was last built in this process (each request of the receiver
    asks; at 30,000 cases a rebuild takes seconds: ``benchmarks/centre_package_seen.py``)."""
    recipients = _recipients(db)
    if not recipients:
        return None
    current_key(db)  # the first key, before what the section depends on is read
    built_from = _built_from(db, recipients)
    where = str(db.path)
    with _building:
        built = _built.get(where)
        try:
            if built is None or built.built_from != built_from:
                section = _section(db)
                left_out = sent_versions(db, current_key(db).version)[1]
                if left_out.versions:
                    _log.warning(
                        "seen_before_section_trimmed versions_left_out=%s entries=%d",
                        ",".join(map(str, left_out.versions)),
                        left_out.entries,
                    )
                plain = section_bytes(section)
                digest = hashlib.sha256(plain + "\n".join(recipients).encode()).hexdigest()
                built = _Built(built_from, plain, digest, len(section.interviews), left_out)
            if seal_it and built.sealed is None:
                built = replace(built, sealed=seal(built.plain, recipients))
        except Exception:  # the section never stops a package (attacker 6, D1)
            _log.exception("seen_before_not_published")
            return None
        if seal_it and len(built.sealed or b"") > MAX_SEALED_BYTES:
            _log.error("seen_before_not_published sealed_bytes=%d", len(built.sealed or b""))
            return None
        _built[where] = built
    return built


def sealed_section(db: Database) -> SealedSection | None:
    """The section for the next package, sealed to every station not revoked; None when no
    station is enrolled. Makes the first key if there is none (caller's transaction)."""
    built = _section_now(db, seal_it=True)
    if built is None or built.sealed is None:
        return None
    return SealedSection(built.sealed, built.digest, built.interviews, built.left_out)


def published_digest(db: Database) -> str | None:
    row = db.one("SELECT section_sha256 FROM seen_before_published WHERE id = 1")
    return None if row is None else str(row[0])


def section_digest(db: Database) -> str | None:
    """The digest :func:`sealed_section` would give now, without sealing."""
    built = _section_now(db, seal_it=False)
    return None if built is None else built.digest


def record_published(db: Database, digest: str) -> None:
    db.execute(
        "INSERT INTO seen_before_published (id, section_sha256) VALUES (1, ?)"
        " ON CONFLICT (id) DO UPDATE SET section_sha256 = excluded.section_sha256",
        (digest,),
    )
