"""The SQLCipher store: the right key opens it, nothing else does, nothing is in clear."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from interview_room.store.database import Database, DatabaseUnreadable
from tests.conftest import OpenStore

MARKER = "Arta Shembulli e sintetike"


def _write_marker(db: Database) -> None:
    with db.transaction():
        db.execute("INSERT INTO settings (key, value) VALUES ('marker', ?)", (MARKER,))


def test_right_key_reopens_the_store(store: OpenStore) -> None:
    _write_marker(store.db)
    store.db.close()

    reopened = Database.open(store.path, store.key)
    try:
        assert reopened.one("SELECT value FROM settings WHERE key = 'marker'") == (MARKER,)
    finally:
        reopened.close()


def test_wrong_key_is_refused(store: OpenStore) -> None:
    _write_marker(store.db)
    store.db.close()

    with pytest.raises(DatabaseUnreadable):
        Database.open(store.path, secrets.token_bytes(32))


def test_key_of_wrong_length_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreadable):
        Database.open(tmp_path / "short.db", b"too short")
    assert not (tmp_path / "short.db").exists()


def test_file_on_disk_is_encrypted(store: OpenStore) -> None:
    _write_marker(store.db)
    store.db.close()

    for path in store.path.parent.iterdir():
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(b"SQLite format 3"), path.name
            assert MARKER.encode("utf-8") not in data, path.name


def test_cipher_integrity_check_is_clean(store: OpenStore) -> None:
    _write_marker(store.db)
    assert store.db.integrity_problems() == []


def test_integrity_check_reports_a_damaged_page(store: OpenStore) -> None:
    with store.db.transaction():
        for index in range(200):
            store.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)", (f"k{index}", "v" * 200)
            )
    store.db.close()
    data = bytearray(store.path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page + 100] ^= 0xFF  # flip one byte inside the third page
    store.path.write_bytes(bytes(data))

    damaged = Database.open(store.path, store.key)
    try:
        assert damaged.integrity_problems() != []
    finally:
        damaged.close()


def test_a_transaction_that_raises_leaves_nothing(store: OpenStore) -> None:
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), store.db.transaction():
        store.db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        store.db.execute("INSERT INTO settings (key, value) VALUES ('b', '2')")
        raise Interrupted

    assert store.db.all("SELECT key FROM settings") == []


def test_nested_transaction_joins_the_outer_one(store: OpenStore) -> None:
    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), store.db.transaction():
        with store.db.transaction():
            store.db.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
        raise Interrupted

    assert store.db.all("SELECT key FROM settings") == []


def test_committed_transaction_is_kept(store: OpenStore) -> None:
    with store.db.transaction():
        store.db.execute("INSERT INTO settings (key, value) VALUES ('kept', '1')")
    store.db.close()

    reopened = Database.open(store.path, store.key)
    try:
        assert reopened.all("SELECT key FROM settings") == [("kept",)]
    finally:
        reopened.close()
