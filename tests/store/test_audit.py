"""The hash-chained audit log: any change, removal or forgery is found, and the first broken
entry is named."""

from __future__ import annotations

import itertools
import secrets
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from interview_room.store.audit import (
    GENESIS_HASH,
    AuditDetailNotAllowed,
    AuditEvent,
    AuditLog,
    DetailValue,
    entry_hash,
)
from interview_room.store.database import Database
from interview_room.store.migrate import migrate
from tests.conftest import OpenStore, WorkstationFactory

FIELDS = ("at", "actor", "event", "subject", "detail", "prev_hash", "hash")


def _fill(audit: AuditLog, count: int) -> None:
    events = list(AuditEvent)
    for index in range(count):
        audit.append(
            events[index % len(events)],
            f"user{index % 3}",
            f"MOR-2026-{index:04d}" if index % 2 else None,
            {"n": index, "ok": index % 2 == 0},
        )


def _swap_content(db: Database, first: int, second: int) -> None:
    columns = ", ".join(FIELDS)
    rows = {
        seq: db.one(f"SELECT {columns} FROM audit_log WHERE seq = ?", (seq,))
        for seq in (first, second)
    }
    assignments = ", ".join(f"{name} = ?" for name in FIELDS)
    with db.transaction():
        for seq, other in ((first, second), (second, first)):
            values = rows[other]
            assert values is not None
            db.execute(f"UPDATE audit_log SET {assignments} WHERE seq = ?", (*values, seq))


def _rehash(db: Database, seq: int) -> None:
    """Recompute one row's own hash after it was changed, as a careful forger would."""
    row = db.one(
        "SELECT seq, at, actor, event, subject, detail, prev_hash FROM audit_log WHERE seq = ?",
        (seq,),
    )
    assert row is not None
    with db.transaction():
        db.execute("UPDATE audit_log SET hash = ? WHERE seq = ?", (entry_hash(*row), seq))


@pytest.fixture
def audit(store: OpenStore) -> AuditLog:
    log = AuditLog(store.db)
    _fill(log, 6)
    return log


def test_appended_entries_form_a_chain(store: OpenStore) -> None:
    log = AuditLog(store.db)
    assert log.verify().intact
    assert log.head() is None
    _fill(log, 5)

    entries = log.entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    for earlier, later in itertools.pairwise(entries):
        assert later.prev_hash == earlier.hash
    assert all(e.hash == e.expected_hash() for e in entries)
    result = log.verify()
    assert result.intact
    assert result.entries == 5
    assert result.problem is None
    head = log.head()
    assert head is not None and (head.seq, head.hash) == (5, entries[-1].hash)
    assert [e.seq for e in log.entries(limit=2)] == [4, 5]


def test_append_joins_a_transaction_that_is_rolled_back(store: OpenStore) -> None:
    log = AuditLog(store.db)
    _fill(log, 2)
    with pytest.raises(RuntimeError), store.db.transaction():
        log.append(AuditEvent.CASE_OPENED, "user1", "MOR-2026-0001")
        raise RuntimeError("interrupted")
    assert len(log.entries()) == 2
    assert log.verify().intact


def test_entries_survive_reopening(store: OpenStore) -> None:
    _fill(AuditLog(store.db), 4)
    store.db.close()
    reopened = Database.open(store.path, store.key)
    try:
        result = AuditLog(reopened).verify()
        assert result.intact and result.entries == 4
    finally:
        reopened.close()


@pytest.mark.parametrize("field", FIELDS)
def test_changed_field_of_a_middle_row_is_named(
    store: OpenStore, audit: AuditLog, field: str
) -> None:
    with store.db.transaction():
        store.db.execute(
            f"UPDATE audit_log SET {field} = coalesce({field}, '') || 'x' WHERE seq = 3"
        )

    result = audit.verify()
    assert result.first_broken_seq == 3
    assert result.problem is not None and "3" in result.problem


def test_changed_actor_to_null_is_named(store: OpenStore, audit: AuditLog) -> None:
    with store.db.transaction():
        store.db.execute("UPDATE audit_log SET actor = NULL WHERE seq = 4")
    assert audit.verify().first_broken_seq == 4


def test_deleted_middle_row_is_named(store: OpenStore, audit: AuditLog) -> None:
    with store.db.transaction():
        store.db.execute("DELETE FROM audit_log WHERE seq = 3")

    result = audit.verify()
    assert result.first_broken_seq == 3
    assert result.problem == "entry 3 was removed"


def test_deleted_first_row_is_named(store: OpenStore, audit: AuditLog) -> None:
    with store.db.transaction():
        store.db.execute("DELETE FROM audit_log WHERE seq = 1")
    assert audit.verify().first_broken_seq == 1


def test_deleted_newest_rows_are_caught_by_the_anchor(store: OpenStore, audit: AuditLog) -> None:
    anchor = audit.head()
    with store.db.transaction():
        store.db.execute("DELETE FROM audit_log WHERE seq >= 5")

    assert audit.verify().intact  # the chain alone cannot see a clean cut at the end
    result = audit.verify(anchor)
    assert result.first_broken_seq == 5
    assert result.problem == "entries 5 to 6 were removed from the end"


def test_emptied_log_is_caught_by_the_anchor(store: OpenStore, audit: AuditLog) -> None:
    anchor = audit.head()
    with store.db.transaction():
        store.db.execute("DELETE FROM audit_log")
    assert audit.verify(anchor).first_broken_seq == 1


def test_swapped_rows_are_caught_at_the_earlier_one(store: OpenStore, audit: AuditLog) -> None:
    _swap_content(store.db, 2, 5)
    assert audit.verify().first_broken_seq == 2


def test_forged_row_with_recomputed_hash_is_caught_by_the_link(
    store: OpenStore, audit: AuditLog
) -> None:
    with store.db.transaction():
        store.db.execute("UPDATE audit_log SET event = 'logout' WHERE seq = 3")
    _rehash(store.db, 3)
    forged = audit.entries()[2]
    assert forged.hash == forged.expected_hash()  # the row on its own looks genuine

    result = audit.verify()
    assert result.first_broken_seq == 3
    assert result.problem == "entry 4 does not follow entry 3"


def test_forged_newest_row_with_recomputed_hash_is_caught_by_the_anchor(
    store: OpenStore, audit: AuditLog
) -> None:
    anchor = audit.head()
    with store.db.transaction():
        store.db.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 6")
    _rehash(store.db, 6)

    assert audit.verify().intact
    assert audit.verify(anchor).first_broken_seq == 6


def test_anchor_advances_only_while_it_is_still_in_the_log(
    store: OpenStore, audit: AuditLog
) -> None:
    anchor = audit.head()
    assert anchor is not None
    audit.append(AuditEvent.LOGIN, "user1")
    assert audit.advance_anchor(anchor) == audit.head()

    moved = audit.advance_anchor(anchor)
    with store.db.transaction():
        store.db.execute("DELETE FROM audit_log WHERE seq >= 6")
    audit.append(AuditEvent.LOGIN, "user1")
    audit.append(AuditEvent.LOGOUT, "user1")
    # The log was cut below the anchor and grew again: the anchor must not follow it.
    assert audit.advance_anchor(moved) == moved
    assert not audit.verify(moved).intact


def test_deleted_newest_rows_are_caught_through_the_session(
    workstation: WorkstationFactory,
) -> None:
    station = workstation()
    session = station.session
    for index in range(3):
        session.set_idle_lock_minutes(index + 5)
    session.lock()
    session = station.workstation.unlock(station.admin_username, station.admin_password)
    head = session.audit.head()
    assert head is not None

    with session.db.transaction():
        session.db.execute("DELETE FROM audit_log WHERE seq >= ?", (head.seq - 2,))

    result = session.verify_audit()
    assert result.first_broken_seq == head.seq - 2
    assert "removed from the end" in (result.problem or "")
    session.lock()


def test_deleted_newest_rows_stay_visible_after_the_next_login(
    workstation: WorkstationFactory,
) -> None:
    """Cutting the newest entries offline must not be hidden by the next login's own entry."""
    station = workstation()
    database_key = station.session.keys.database_key
    station.session.set_idle_lock_minutes(7)
    station.session.lock()
    db = Database.open(station.workstation.database_path, database_key)
    with db.transaction():
        db.execute("DELETE FROM audit_log WHERE seq >= (SELECT max(seq) - 1 FROM audit_log)")
    db.close()

    session = station.workstation.unlock(station.admin_username, station.admin_password)
    try:
        assert not session.verify_audit().intact
    finally:
        session.lock()
    session = station.workstation.unlock(station.admin_username, station.admin_password)
    try:
        assert not session.verify_audit().intact
    finally:
        session.lock()


@pytest.mark.parametrize(
    "detail",
    [
        {"note": "Arta Shembulli said she was promised work"},
        {"name": "Arta Shembulli"},
        {"reason": "x" * 81},
        {"line": "one\ntwo"},
        {"free text key": 1},
        {"ratio": 0.5},
        {"nested": {"a": 1}},
        {"items": [1, 2]},
    ],
    ids=["sentence", "name", "too-long", "newline", "bad-key", "float", "dict", "list"],
)
def test_free_text_is_refused_in_detail(store: OpenStore, detail: dict[str, Any]) -> None:
    log = AuditLog(store.db)
    with pytest.raises(AuditDetailNotAllowed):
        log.append(AuditEvent.CASE_CHANGED, "user1", "MOR-2026-0001", detail)
    assert log.entries() == []


@pytest.mark.parametrize(
    ("actor", "subject"),
    [("Arta Shembulli", None), ("user1", "Arta Shembulli"), ("user1", "a;b")],
)
def test_free_text_is_refused_as_actor_or_subject(
    store: OpenStore, actor: str, subject: str | None
) -> None:
    log = AuditLog(store.db)
    with pytest.raises(AuditDetailNotAllowed):
        log.append(AuditEvent.CASE_OPENED, actor, subject)
    assert log.entries() == []


def test_ids_numbers_and_flags_are_accepted(store: OpenStore) -> None:
    log = AuditLog(store.db)
    detail: dict[str, DetailValue] = {
        "case": "MOR-2026-0001",
        "at": "2026-03-02T09:30:00Z",
        "count": 3,
        "training": True,
        "none": None,
    }
    entry = log.append(AuditEvent.EXPORT, "admin.mor", "MOR-2026-0001", detail)
    assert entry.seq == 1
    assert log.verify().intact


# -- property: any single-row tampering is named at that row or earlier ------------------------

_identifiers = st.from_regex(r"[a-z0-9_.]{1,12}", fullmatch=True)
_appends = st.lists(
    st.tuples(
        st.sampled_from(list(AuditEvent)),
        st.none() | _identifiers,
        st.none() | _identifiers,
        st.dictionaries(
            _identifiers, st.none() | st.booleans() | st.integers() | _identifiers, max_size=3
        ),
    ),
    min_size=1,
    max_size=8,
)
_tampering = st.sampled_from(["update", "update-and-rehash", "delete", "renumber"])


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    appends=_appends,
    tampering=_tampering,
    field=st.sampled_from(FIELDS),
    data=st.data(),
)
def test_property_single_row_tampering_is_named_at_or_before_that_row(
    tmp_path: Path,
    appends: list[tuple[AuditEvent, str | None, str | None, dict[str, DetailValue]]],
    tampering: str,
    field: str,
    data: st.DataObject,
) -> None:
    assume(not (tampering == "update-and-rehash" and field == "hash"))  # that is no change
    db = Database.open(tmp_path / f"{secrets.token_hex(6)}.db", secrets.token_bytes(32))
    try:
        migrate(db, tmp_path / "backups")
        log = AuditLog(db)
        for event, actor, subject, detail in appends:
            log.append(event, actor, subject, detail)
        anchor = log.head()  # what the keyring remembers
        target = data.draw(st.integers(min_value=1, max_value=len(appends)), label="row")

        with db.transaction():
            if tampering == "delete":
                db.execute("DELETE FROM audit_log WHERE seq = ?", (target,))
            elif tampering == "renumber":
                db.execute("UPDATE audit_log SET seq = seq + 1000 WHERE seq = ?", (target,))
            else:
                db.execute(
                    f"UPDATE audit_log SET {field} = coalesce({field}, '') || '~' WHERE seq = ?",
                    (target,),
                )
        if tampering == "update-and-rehash":
            _rehash(db, target)

        result = log.verify(anchor)
        assert result.first_broken_seq is not None
        assert result.first_broken_seq <= target
    finally:
        db.close()
