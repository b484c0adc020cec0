"""Opening the SQLCipher database with a raw 256-bit key, and transactions on it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from interview_room.errors import InterviewRoomError

KEY_BYTES = 32


class DatabaseUnreadable(InterviewRoomError):
    """The key does not open this database, or the file is not an Interview Room store."""


class Database:
    """One connection to the encrypted store. Writes happen inside :meth:`transaction`."""

    def __init__(self, path: Path, connection: Any) -> None:
        self.path = path
        self._conn = connection

    @classmethod
    def open(cls, path: Path, key: bytes) -> Database:
        """Open (or create) the store at ``path`` with ``key``; refuse a wrong key at once."""
        if len(key) != KEY_BYTES:
            raise DatabaseUnreadable("A database key must be 256 bits.")
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            # The key must be the first statement on the connection (raw key: no KDF per open).
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            raise DatabaseUnreadable(f"{path.name} cannot be opened with this key.") from exc
        # WAL + FULL: a committed answer survives a power cut; temp data stays in memory;
        # deleted rows are overwritten, not left in free pages.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        _make_private(path)
        return cls(path, conn)

    def close(self) -> None:
        with contextlib.suppress(sqlcipher3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """Run the block as one atomic write: all of it is committed, or none of it."""
        if self._conn.in_transaction:  # nested: join the outer transaction
            yield self
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> Any:
        return self._conn.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        self._conn.executescript(sql)

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._conn.execute(sql, params).fetchall()
        return rows

    def integrity_problems(self) -> list[str]:
        """SQLCipher's own check: an empty list means every page authenticates."""
        return [str(r[0]) for r in self.all("PRAGMA cipher_integrity_check")]

    @property
    def schema_version(self) -> int:
        row = self.one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def set_schema_version(self, version: int) -> None:
        self._conn.execute(f"PRAGMA user_version = {int(version)}")

    def checkpoint(self) -> None:
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt every page under ``new_key`` in one transaction (SQLCipher's rekey): a
        crash leaves the store wholly under the old key or wholly under the new one. The pages
        go through the WAL, which is folded back into the file afterwards."""
        if len(new_key) != KEY_BYTES:
            raise DatabaseUnreadable("A database key must be 256 bits.")
        self._conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        self.checkpoint()


def _make_private(path: Path) -> None:
    # The umask already makes new files 0600; this also covers a store copied in from elsewhere.
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(candidate, 0o600)
