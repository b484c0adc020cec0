"""Migrations build exactly the declared schema, back an existing store up first, and refuse a
store from a newer version."""

from __future__ import annotations

import re
import secrets
from importlib.resources import files
from pathlib import Path
from types import SimpleNamespace

import pytest

from interview_room.store import migrate as migrate_module
from interview_room.store.audit import AuditEvent
from interview_room.store.database import Database
from interview_room.store.migrate import (
    StoreFromNewerVersion,
    migrate,
    pending_migrations,
)
from interview_room.store.migrations import LATEST_VERSION, MIGRATIONS
from tests.conftest import OpenStore, WorkstationFactory


def _declared_schema() -> str:
    return (files("interview_room.store") / "schema.sql").read_text(encoding="utf-8")


def _spaced(sql: str) -> str:
    """One space between words and after commas, none before a closing parenthesis (ALTER
    TABLE ADD COLUMN writes the new column as " , name ...)" into the stored statement)."""
    sql = re.sub(r"\s*,\s*", ", ", re.sub(r"\s+", " ", sql))
    return re.sub(r"\s+\)", ")", sql).strip()


def _normalised_schema(db: Database) -> list[tuple[str, str, str, str | None]]:
    rows = db.all(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"
    )
    return [
        (str(kind), str(name), str(table), _spaced(sql) if sql else None)
        for kind, name, table, sql in rows
    ]


def _columns(db: Database, table: str) -> list[tuple[object, ...]]:
    return db.all(f"PRAGMA table_xinfo({table})")


@pytest.fixture
def fake_second_migration(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """Register a migration 2 in our own registry, as a later release would ship one."""

    def add_a_default(db: Database) -> None:
        db.execute("INSERT INTO settings (key, value) VALUES ('added_by_migration', 'yes')")

    fake = SimpleNamespace(
        SQL="CREATE TABLE referral_drafts (id TEXT PRIMARY KEY);\n", migrate=add_a_default
    )
    monkeypatch.setattr(migrate_module, "MIGRATIONS", (*MIGRATIONS, fake))
    monkeypatch.setattr(migrate_module, "LATEST_VERSION", len(MIGRATIONS) + 1)
    return fake


def test_migrations_give_exactly_the_declared_schema(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    migrated = Database.open(tmp_path / "migrated.db", key)
    declared = Database.open(tmp_path / "declared.db", key)
    try:
        migrate(migrated, tmp_path / "backups")
        declared.executescript(_declared_schema())

        assert _normalised_schema(migrated) == _normalised_schema(declared)
        for _, name, _, _ in _normalised_schema(declared):
            if name in {"station", "users", "settings", "audit_log", "cases"}:
                assert _columns(migrated, name) == _columns(declared, name)
    finally:
        migrated.close()
        declared.close()


def test_migrated_store_is_at_the_latest_version(store: OpenStore) -> None:
    assert store.db.schema_version == LATEST_VERSION
    assert list(pending_migrations(store.db)) == []
    assert migrate(store.db, store.path.parent / "backups") == []


def test_a_new_store_is_not_backed_up(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "new.db", secrets.token_bytes(32))
    try:
        assert migrate(db, tmp_path / "backups") == list(range(1, LATEST_VERSION + 1))
    finally:
        db.close()
    assert not (tmp_path / "backups").exists()


def test_older_store_is_backed_up_encrypted_before_migrating(
    store: OpenStore, fake_second_migration: SimpleNamespace
) -> None:
    with store.db.transaction():
        store.db.execute("INSERT INTO settings (key, value) VALUES ('before', 'migration')")
    backups = store.path.parent / "backups"

    assert migrate(store.db, backups) == [LATEST_VERSION + 1]
    assert store.db.schema_version == LATEST_VERSION + 1
    assert store.db.one("SELECT value FROM settings WHERE key = 'added_by_migration'") == ("yes",)

    copies = list(backups.iterdir())
    assert len(copies) == 1
    data = copies[0].read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert b"migration" not in data
    backup = Database.open(copies[0], store.key)
    try:
        assert backup.schema_version == LATEST_VERSION
        assert backup.one("SELECT value FROM settings WHERE key = 'before'") == ("migration",)
        assert backup.one("SELECT name FROM sqlite_master WHERE name = 'referral_drafts'") is None
    finally:
        backup.close()


def test_failed_migration_leaves_the_store_at_its_version(
    store: OpenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(db: Database) -> None:
        raise RuntimeError("migration interrupted")

    broken = SimpleNamespace(SQL="CREATE TABLE half_done (id TEXT);", migrate=fails)
    monkeypatch.setattr(migrate_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(migrate_module, "LATEST_VERSION", len(MIGRATIONS) + 1)

    with pytest.raises(RuntimeError):
        migrate(store.db, store.path.parent / "backups")

    assert store.db.schema_version == LATEST_VERSION
    assert store.db.one("SELECT name FROM sqlite_master WHERE name = 'half_done'") is None


def test_store_from_a_newer_version_is_refused(store: OpenStore) -> None:
    store.db.set_schema_version(LATEST_VERSION + 1)

    with pytest.raises(StoreFromNewerVersion):
        migrate(store.db, store.path.parent / "backups")
    assert not (store.path.parent / "backups").exists()


def test_unlock_migrates_backs_up_and_audits(
    workstation: WorkstationFactory, fake_second_migration: SimpleNamespace
) -> None:
    # The station is set up by the current release, then opened by the "next" one.
    with pytest.MonkeyPatch.context() as current_release:
        current_release.setattr(migrate_module, "MIGRATIONS", MIGRATIONS)
        current_release.setattr(migrate_module, "LATEST_VERSION", LATEST_VERSION)
        station = workstation()
        assert station.session.db.schema_version == LATEST_VERSION
        station.session.lock()

    session = station.workstation.unlock(station.admin_username, station.admin_password)
    try:
        assert session.db.schema_version == LATEST_VERSION + 1
        migrated = [e for e in session.audit.entries() if e.event == AuditEvent.STORE_MIGRATED]
        assert [e.detail for e in migrated] == [f'{{"version":{LATEST_VERSION + 1}}}']
        assert session.verify_audit().intact
    finally:
        session.lock()
    backups = list(station.workstation.backups_dir.iterdir())
    assert len(backups) == 1
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")


def test_a_migration_and_its_audit_entry_are_one_commit(
    workstation: WorkstationFactory,
    fake_second_migration: SimpleNamespace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash right after the migration (here: the user lookup that follows it fails) cannot
    leave the store migrated without the entry saying so."""
    from interview_room.accounts import UserDirectory

    with pytest.MonkeyPatch.context() as current_release:
        current_release.setattr(migrate_module, "MIGRATIONS", MIGRATIONS)
        current_release.setattr(migrate_module, "LATEST_VERSION", LATEST_VERSION)
        station = workstation()
        station.session.lock()

    def crash(*_: object, **__: object) -> None:
        raise RuntimeError("the power went")

    with pytest.MonkeyPatch.context() as power_cut:
        power_cut.setattr(UserDirectory, "find", crash)
        with pytest.raises(RuntimeError):
            station.workstation.unlock(station.admin_username, station.admin_password)

    session = station.workstation.unlock(station.admin_username, station.admin_password)
    try:
        assert session.db.schema_version == LATEST_VERSION + 1
        migrated = [e for e in session.audit.entries() if e.event == AuditEvent.STORE_MIGRATED]
        assert [e.detail for e in migrated] == [f'{{"version":{LATEST_VERSION + 1}}}']
        assert [e.actor for e in migrated] == [station.admin_username]
    finally:
        session.lock()
