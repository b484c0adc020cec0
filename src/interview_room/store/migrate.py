"""Bringing a store up to the current schema, with an encrypted backup first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, private_dir
from interview_room.store.database import Database
from interview_room.store.migrations import LATEST_VERSION, MIGRATIONS


class StoreFromNewerVersion(InterviewRoomError):
    """The store was written by a newer Interview Room than this one."""


def pending_migrations(db: Database) -> range:
    current = db.schema_version
    if current > LATEST_VERSION:
        raise StoreFromNewerVersion(
            f"The store has schema {current}; this version of Interview Room "
            f"knows {LATEST_VERSION}."
        )
    return range(current + 1, LATEST_VERSION + 1)


def backup_store(db: Database, backups_dir: Path) -> Path:
    """Copy the (still encrypted) database file aside, atomically, and return the copy's path."""
    db.checkpoint()
    private_dir(backups_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"{db.path.stem}-schema{db.schema_version}-{stamp}.db"
    atomic_write_bytes(target, db.path.read_bytes())
    return target


def migrate(
    db: Database, backups_dir: Path, on_applied: Callable[[int], None] | None = None
) -> list[int]:
    """Apply every pending migration; return the versions applied.

    An existing store (schema > 0) is backed up before the first change. Each migration runs in
    its own transaction together with the version bump, so a crash leaves a consistent version;
    ``on_applied(version)`` runs inside that transaction too (the audit entry that records it).
    """
    todo = pending_migrations(db)
    if not todo:
        return []
    if db.schema_version > 0:
        backup_store(db, backups_dir)
    applied: list[int] = []
    for version in todo:
        module = MIGRATIONS[version - 1]
        with db.transaction():
            for statement in _statements(module.SQL):
                db.execute(statement)
            data_step = getattr(module, "migrate", None)
            if data_step is not None:
                data_step(db)
            db.set_schema_version(version)
            if on_applied is not None:
                on_applied(version)
        applied.append(version)
    return applied


def _statements(script: str) -> list[str]:
    # executescript() would commit the open transaction; run statement by statement instead.
    import sqlcipher3

    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
