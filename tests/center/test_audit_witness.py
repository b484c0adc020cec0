"""The centre witnesses each station's audit log: every bundle carries the log's head, and a
head that goes backwards, forks or no longer holds a head seen before is flagged (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_room.center.audit_witness import (
    AuditChainRewritten,
    AuditHeadForked,
    AuditHeadWentBackwards,
    audit_flags,
    station_heads,
)
from interview_room.center.holdings import RecordOfAnotherStation
from interview_room.center.importer import ImportResult, import_bundle, import_files
from interview_room.center.store import CenterStore
from interview_room.store.audit import GENESIS_HASH, AuditEvent, AuditLog, entry_hash
from interview_room.store.database import Database
from interview_room.sync.audit_head import AUDIT_HEAD_KIND, SENT_HEAD_DETAIL
from interview_room.sync.bundle import BundleRecord
from interview_room.sync.errors import BundleDamaged
from interview_room.sync.records import RECORD_KIND, case_record
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.center.linking import change_an_answer, forged_bundle, linked_station
from tests.conftest import WorkstationFactory, run_cli


def _sync(session: Session, center: CenterStore, answer: str) -> ImportResult:
    """Change a case (so there is something to send), export, import, apply the receipt."""
    change_an_answer(session, answer)
    sync = StationSync(session)
    exported = sync.export_bundle()
    assert exported.data
    result = import_bundle(center, exported.data, f"b{exported.sequence}")
    sync.apply_receipt(result.receipt)
    return result


def _heads(center: CenterStore) -> list[tuple[int, int, str, str | None]]:
    db = center.open()
    try:
        rows = db.all("SELECT bundle_sequence, entries, hash, flag FROM audit_heads ORDER BY id")
    finally:
        db.close()
    return [(int(r[0]), int(r[1]), str(r[2]), r[3]) for r in rows]


def _rewrite_without(db: Database, first: int, count: int) -> None:
    """What an insider holding the store's key does: delete ``count`` entries from ``first``
    on, and compute the chain again so that the station's own check finds it whole."""
    kept = [e for e in AuditLog(db).entries() if not first <= e.seq < first + count]
    with db.transaction():
        db.execute("DELETE FROM audit_log")
        previous = GENESIS_HASH
        for seq, e in enumerate(kept, start=1):
            digest = entry_hash(seq, e.at, e.actor, e.event, e.subject, e.detail, previous)
            db.execute(
                "INSERT INTO audit_log (seq, at, actor, event, subject, detail, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, e.at, e.actor, e.event, e.subject, e.detail, previous, digest),
            )
            previous = digest
    assert AuditLog(db).verify().intact


def _pad_to(session: Session, entries: int) -> None:
    """Ordinary work adds entries: the log grows to ``entries``."""
    log = session.audit
    while (head := log.head()) is not None and head.seq < entries:
        log.append(AuditEvent.LOGIN, session.user.username)
    assert log.head() is not None and log.head().seq == entries  # type: ignore[union-attr]


def test_each_bundle_carries_the_head_and_the_centre_keeps_the_chain(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    results = [_sync(session, center, answer) for answer in ("no", "yes", "no")]
    assert all(r.audit_notice is None for r in results)
    heads = _heads(center)
    assert [h[0] for h in heads] == [1, 2, 3] and all(h[3] is None for h in heads)
    assert heads[0][1] < heads[1][1] < heads[2][1]
    # Each head is the station's log as it was when the bundle was written: the entry just
    # before the bundle's sync entry, which names it.
    log = {e.seq: e for e in session.audit.entries()}
    for sequence, entries, digest, _ in heads:
        assert log[entries].hash == digest
        sync_entry = log[entries + 1]
        assert sync_entry.event == AuditEvent.SYNC.value
        detail = json.loads(sync_entry.detail)
        assert (detail["bundle"], detail[SENT_HEAD_DETAIL]) == (sequence, entries)
    # The head is not a case: not counted, not in the registry, not in the receipt.
    assert [r.imported for r in results] == [6, 1, 1]
    assert all(b"audit_head" not in r.receipt for r in results)
    db = center.open()
    try:
        assert db.one("SELECT count(*) FROM records WHERE kind != 'case'") == (0,)
    finally:
        db.close()
    (shown,) = station_heads(center)
    assert (shown.sequence, shown.entries, shown.heads, shown.flagged) == (3, heads[2][1], 3, 0)
    assert "MOR" in shown.station and audit_flags(center) == []


def test_a_log_cut_short_and_rebuilt_is_flagged_as_going_backwards(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    _sync(session, center, "no")
    second = _sync(session, center, "yes")
    assert second.audit_notice is None
    before = _heads(center)[-1][1]
    # The insider removes half the log (who opened which case, who exported) and rebuilds it.
    _rewrite_without(session.db, 2, before // 2)
    result = _sync(session, center, "no")
    notice = result.audit_notice
    assert isinstance(notice, AuditHeadWentBackwards)
    assert (notice.first_sequence, notice.first_entries) == (2, before)
    assert notice.then_sequence == 3 and notice.then_entries < before
    assert result.imported == 1  # the cases are imported all the same
    assert [type(n) for n in audit_flags(center)] == [AuditHeadWentBackwards]
    assert station_heads(center)[0].flagged == 1

    # `center stats` says so, in Albanian and in English.
    for language, words in (("sq", "shkoi prapa"), ("en", "went backwards")):
        run = run_cli(
            "--lang",
            language,
            "center",
            "stats",
            "--center-dir",
            center.center_dir,
            "--from",
            "2000-01-01",
            "--to",
            "2100-12-31",
            "--out",
            tmp_path / f"stats-{language}.csv",
        )
        assert run.returncode == 0, run.stderr
        assert words in run.stderr and f"{before}" in run.stderr, run.stderr


def test_a_log_rewritten_below_an_earlier_head_and_grown_past_it_is_flagged(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The counts alone would not tell: the new head is longer than any before. The station
    names again the hashes its log holds at the earlier bundles' heads, and those differ."""
    session, center = linked_station(workstation, tmp_path / "center")
    _sync(session, center, "no")
    _sync(session, center, "yes")
    highest = _heads(center)[-1][1]
    _rewrite_without(session.db, 3, 3)
    _pad_to(session, highest + 20)
    result = _sync(session, center, "no")
    assert isinstance(result.audit_notice, AuditChainRewritten)
    assert _heads(center)[-1][1] > highest
    assert result.audit_notice.other_sequence in (1, 2)


def test_a_log_rewritten_to_the_same_length_is_flagged_as_a_fork(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    _sync(session, center, "no")
    _sync(session, center, "yes")
    highest = _heads(center)[-1][1]
    change_an_answer(session, "no")
    now = session.audit.head()
    assert now is not None
    _rewrite_without(session.db, 3, now.seq - highest + 4)
    _pad_to(session, highest)  # exactly as long as bundle 2 said
    sync = StationSync(session)
    result = import_bundle(center, sync.export_bundle().data, "b3")
    assert isinstance(result.audit_notice, AuditHeadForked)
    assert (result.audit_notice.first_sequence, result.audit_notice.then_sequence) == (2, 3)
    assert result.audit_notice.entries == highest


def test_bundles_out_of_order_and_replays_raise_no_flag(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    sync = StationSync(session)
    first = sync.export_bundle().data
    change_an_answer(session, "no")
    second = sync.export_bundle().data
    # Bundle 2 arrives first; bundle 1, with a shorter log, was on a stick found late.
    assert import_bundle(center, second, "b2").audit_notice is None
    assert import_bundle(center, first, "b1").audit_notice is None
    assert import_bundle(center, first, "b1").audit_notice is None  # a replay
    assert import_bundle(center, second, "b2").audit_notice is None
    assert [h[0] for h in _heads(center)] == [2, 1] and audit_flags(center) == []


def test_a_bundle_from_before_heads_travelled_still_imports(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """A station not yet upgraded writes no audit head: its bundle imports as before, and its
    first bundle with a head is kept without a flag."""
    session, center = linked_station(workstation, tmp_path / "center")
    station_id = StationSync(session).station_id
    cases = tuple(
        BundleRecord(RECORD_KIND, c.id, 1, case_record(session.db, c.id, station_id))
        for c in session.cases.search()
    )
    old = forged_bundle(session, center, cases, 1, tmp_path / "old")
    run = import_files(center, [old])
    assert run.refused == () and run.imported == len(cases)
    assert run.results[0].audit_notice is None and _heads(center) == []
    # The upgraded station goes on from its next number.
    with session.db.transaction():
        session.db.execute(
            "INSERT INTO sync_bundles (sequence, created_at, records) VALUES (1, ?, ?)",
            ("2026-03-02T09:30:00+00:00", len(cases)),
        )
    result = _sync(session, center, "no")
    assert result.sequence == 2 and result.audit_notice is None
    assert [(h[0], h[3]) for h in _heads(center)] == [(2, None)]


def test_a_malformed_head_or_one_for_another_station_refuses_the_bundle(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    station_id = StationSync(session).station_id
    bad = forged_bundle(
        session, center, (BundleRecord(AUDIT_HEAD_KIND, station_id, 5, b"{}"),), 1, tmp_path / "a"
    )
    with pytest.raises(BundleDamaged):
        import_bundle(center, bad.read_bytes(), bad.name)
    other = "f" * 16 if station_id != "f" * 16 else "e" * 16
    foreign = forged_bundle(
        session, center, (BundleRecord(AUDIT_HEAD_KIND, other, 5, b"{}"),), 2, tmp_path / "b"
    )
    with pytest.raises(RecordOfAnotherStation):
        import_bundle(center, foreign.read_bytes(), foreign.name)
    db = center.open()
    try:
        assert db.one("SELECT count(*) FROM bundles") == (0,)
        assert db.one("SELECT count(*) FROM audit_heads") == (0,)
    finally:
        db.close()
