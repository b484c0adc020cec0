"""Issue 13 at the centre: its own hash-chained audit log (center/audit_log.py). Who signed in
and who failed, imports, enrollments, users and passwords are logged without anything about a
person; entries deleted or rewritten in ``center.db`` *with the app's own key*, or an anchor
removed from ``center.keyring``, are reported; failed sign-ins reach the log at the next
sign-in, and a journal of failures reset in the keyring is logged as such."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.sign_in import KEYRING_FILE, CenterWrongPassword
from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.center.users import CenterActionRefused, CenterRole
from interview_room.store.audit import entry_hash
from interview_room.store.database import Database
from interview_room.store.kdf import MINIMUM_ARGON2
from tests.center.filled import filled_center
from tests.conftest import run_cli

ADMIN = ("ana", "synthetic-morine-training-passphrase")
STATS = ("besa", "synthetic-kakavije-counting-passphrase")
NEW_PASSWORD = "synthetic-tushemisht-lakeside-passphrase"
CASES = 6


def _centre(center_dir: Path) -> None:
    """A centre with cases imported, an administrator and a statistics user; nobody signed in."""
    filled_center(center_dir, CASES)
    center = CenterStore(center_dir)
    center.set_first_password(NewCenterUser(ADMIN[0], "Ana Shembulli", ADMIN[1]), MINIMUM_ARGON2)
    center.add_user(
        NewCenterUser(STATS[0], "Besa Numri", STATS[1], CenterRole.STATISTICS), MINIMUM_ARGON2
    )
    center.sign_out()


def _admin(center_dir: Path) -> CenterStore:
    center = CenterStore(center_dir)
    center.sign_in(*ADMIN)
    return center


def _fail(center_dir: Path, username: str) -> None:
    with pytest.raises(CenterWrongPassword):
        CenterStore(center_dir).sign_in(username, "synthetic-wrong-guess-passphrase")
    keyring = json.loads((center_dir / KEYRING_FILE).read_bytes())
    keyring["failure_counters"] = {}  # the test does not wait out the throttle
    (center_dir / KEYRING_FILE).write_text(json.dumps(keyring))


def _events(center: CenterStore) -> list[str]:
    return [entry.event for entry in center.audit_entries()]


def _tamper(center: CenterStore, *statements: tuple[str, tuple[object, ...]]) -> None:
    """Edit ``center.db`` with SQLCipher and the app's own database key, as an insider who
    signed in could with the same library."""
    db = Database.open(center.database_path, center._key())
    try:
        with db.transaction():
            for sql, params in statements:
                db.execute(sql, params)
    finally:
        db.close()


def test_the_log_names_who_did_what_and_nothing_about_a_person(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    _fail(center_dir, STATS[0])
    _fail(center_dir, "someone-who-is-not-here")
    besa = CenterStore(center_dir)
    besa.sign_in(*STATS)
    besa.change_password(STATS[1], NEW_PASSWORD, MINIMUM_ARGON2)
    besa.sign_out()
    center = _admin(center_dir)
    center.remove_user(STATS[0])

    events = _events(center)
    assert events[:7] == ["center_created", *["station_enrolled", "bundle_imported"] * 3], (
        "a training centre's history before its first password is kept"
    )
    # The statistics user holds no key to the log: their sign-in, password change and re-key
    # wait in the statistics store and come in at the administrator's sign-in.
    assert events[7:] == [
        "sign_in", "first_password_set", "user_added",
        "sign_in_failed", "sign_in_failed", "sign_in",
        "sign_in", "password_changed", "store_rekeyed",
        "user_removed", "store_rekeyed",
    ]  # fmt: skip
    failed = [e for e in center.audit_entries() if e.event == "sign_in_failed"]
    assert [json.loads(e.detail)["attempted"] for e in failed] == ["besa", "unknown"]
    assert center.verify_audit().intact
    center.sign_out()

    exported = run_cli(
        "center", "stats", "--center-dir", center_dir, "--from", "2025-01-01",
        "--to", "2025-12-31", "--out", tmp_path / "s.csv", "--username", ADMIN[0],
        "--password-stdin", stdin=ADMIN[1] + "\n",
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    listed = run_cli(
        "center", "audit", "--center-dir", center_dir, "--username", ADMIN[0],
        "--password-stdin", stdin=ADMIN[1] + "\n",
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "Centre audit log intact" in listed.stdout
    assert "bundle_imported" in listed.stdout and "sign_in_failed" in listed.stdout
    assert "statistics_exported" in listed.stdout and "from=2025-01-01" in listed.stdout
    for personal in ("Shembulli", "Emër", "TRN-", "case-"):
        assert personal not in listed.stdout, personal
    refused = run_cli(
        "center", "audit", "--center-dir", center_dir, "--username", STATS[0],
        "--password-stdin", stdin=NEW_PASSWORD + "\n",
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stdout == "", "besa was removed"


def test_only_an_administrator_reads_the_log(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    besa = CenterStore(center_dir)
    besa.sign_in(*STATS)
    with pytest.raises(CenterActionRefused):
        besa.audit_entries()
    with pytest.raises(CenterActionRefused):
        besa.verify_audit()
    besa.sign_out()


def _rewrite_from(center: CenterStore, seq: int) -> list[tuple[str, tuple[object, ...]]]:
    """The statements that delete entry ``seq`` and recompute every later entry's hashes, so
    the chain in the store is whole again (only the keyring's anchor still knows)."""
    entries = [e for e in center.audit_entries() if e.seq != seq]
    statements: list[tuple[str, tuple[object, ...]]] = [("DELETE FROM audit_log", ())]
    previous = "0" * 64
    for number, entry in enumerate(entries, start=1):
        digest = entry_hash(
            number, entry.at, entry.actor, entry.event, entry.subject, entry.detail, previous
        )
        statements.append(
            (
                "INSERT INTO audit_log (seq, at, actor, event, subject, detail, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (number, entry.at, entry.actor, entry.event, entry.subject, entry.detail,
                 previous, digest),
            )
        )  # fmt: skip
        previous = digest
    return statements


@pytest.mark.parametrize(
    "attack",
    ["delete a failed sign-in", "rewrite it as a sign-in", "delete and rehash the chain",
     "delete the newest entries", "remove the anchor"],
)  # fmt: skip
def test_a_deleted_or_rewritten_entry_is_reported(tmp_path: Path, attack: str) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    _fail(center_dir, ADMIN[0])
    center = _admin(center_dir)
    center.record(CenterAuditEvent.STATISTICS_EXPORTED, detail={"format": "csv"})
    assert center.verify_audit().intact
    failed = next(e for e in center.audit_entries() if e.event == "sign_in_failed")
    newest = center.audit_entries()[-1].seq

    if attack == "delete a failed sign-in":
        _tamper(center, ("DELETE FROM audit_log WHERE seq = ?", (failed.seq,)))
    elif attack == "rewrite it as a sign-in":
        digest = entry_hash(failed.seq, failed.at, ADMIN[0], "sign_in", None, "{}",
                            failed.prev_hash)  # fmt: skip
        _tamper(
            center,
            ("UPDATE audit_log SET event = 'sign_in', actor = ?, detail = '{}', hash = ?"
             " WHERE seq = ?", (ADMIN[0], digest, failed.seq)),
        )  # fmt: skip
    elif attack == "delete and rehash the chain":
        _tamper(center, *_rewrite_from(center, failed.seq))
        entries = center.audit_entries()
        assert all(e.hash == e.expected_hash() for e in entries), "the chain itself is whole"
        assert "sign_in_failed" not in [e.event for e in entries]
    elif attack == "delete the newest entries":
        _tamper(center, ("DELETE FROM audit_log WHERE seq >= ?", (newest - 1,)))
    else:
        keyring = json.loads((center_dir / KEYRING_FILE).read_bytes())
        keyring["audit_anchor"] = None
        (center_dir / KEYRING_FILE).write_text(json.dumps(keyring))
        _tamper(center, ("DELETE FROM audit_log WHERE seq = ?", (newest,)))

    verdict = center.verify_audit()
    assert not verdict.intact, attack
    assert verdict.first_broken_seq is not None and verdict.problem
    center.sign_out()
    broken = run_cli(
        "--lang", "en", "center", "audit", "--center-dir", center_dir, "--verify-only",
        "--username", ADMIN[0], "--password-stdin", stdin=ADMIN[1] + "\n",
    )  # fmt: skip
    assert broken.returncode == 1, broken.stdout
    assert "broken at entry" in broken.stderr


def test_failed_sign_ins_removed_from_the_keyring_are_noticed(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    _fail(center_dir, ADMIN[0])
    _admin(center_dir).sign_out()  # the first failure is in the log now
    _fail(center_dir, STATS[0])
    _fail(center_dir, STATS[0])
    keyring = json.loads((center_dir / KEYRING_FILE).read_bytes())
    assert len(keyring["failed_sign_ins"]["pending"]) == 2
    # Someone without the database key wipes the journal (as the station's keyring allowed).
    del keyring["failed_sign_ins"]
    (center_dir / KEYRING_FILE).write_text(json.dumps(keyring))

    center = _admin(center_dir)

    entries = center.audit_entries()
    removed = [e for e in entries if e.event == "failed_sign_ins_removed"]
    assert len(removed) == 1
    assert json.loads(removed[0].detail) == {"recorded": 1, "found": 0}
    assert entries[-1].event == "sign_in"
    assert center.verify_audit().intact
    center.sign_out()


def test_failures_reach_the_log_once_even_after_a_cut_before_the_keyring_is_written(
    tmp_path: Path,
) -> None:
    """The log takes the failures in before the keyring forgets them: a keyring put back as it
    was before that sign-in (a crash between the two writes) logs nothing twice and nothing as
    removed."""
    center_dir = tmp_path / "center"
    _centre(center_dir)
    _fail(center_dir, STATS[0])
    before = json.loads((center_dir / KEYRING_FILE).read_bytes())
    center = _admin(center_dir)
    center.sign_out()
    after = json.loads((center_dir / KEYRING_FILE).read_bytes())
    after["failed_sign_ins"] = before["failed_sign_ins"]
    (center_dir / KEYRING_FILE).write_text(json.dumps(after))

    center = _admin(center_dir)

    events = _events(center)
    assert events.count("sign_in_failed") == 1
    assert "failed_sign_ins_removed" not in events
    center.sign_out()


def test_failures_over_the_keyrings_cap_are_logged_as_a_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An attacker trying thousands of unknown usernames cannot grow center.keyring without
    end: failures past the cap are folded into the journal's base and logged as a count."""
    from interview_room.center import audit_log

    monkeypatch.setattr(audit_log, "MAX_PENDING_FAILURES", 3)
    center_dir = tmp_path / "center"
    _centre(center_dir)
    for _ in range(5):
        _fail(center_dir, "nobody-here")
    keyring = json.loads((center_dir / KEYRING_FILE).read_bytes())
    assert len(keyring["failed_sign_ins"]["pending"]) == 3
    assert keyring["failed_sign_ins"]["base"]["count"] == 2

    center = _admin(center_dir)

    logged = [(e.event, json.loads(e.detail)) for e in center.audit_entries()]
    assert ("failed_sign_ins_unlisted", {"count": 2}) in logged
    assert [d["n"] for event, d in logged if event == "sign_in_failed"] == [3, 4, 5]
    assert logged[-1][0] == "sign_in" and logged[-1][1]["failures"] == 5
    assert "failed_sign_ins_removed" not in [event for event, _ in logged]
    assert center.verify_audit().intact
    center.sign_out()


def test_a_program_that_stays_signed_in_logs_failures_at_its_next_action(
    tmp_path: Path,
) -> None:
    """The receiver signs in once: failures made while it runs reach the log at its next
    logged action (an import, an export), not only at someone's next sign-in, so a keyring
    put back afterwards removes nothing from the log."""
    center_dir = tmp_path / "center"
    _centre(center_dir)
    receiver = _admin(center_dir)
    _fail(center_dir, STATS[0])
    _fail(center_dir, "nobody-here")
    copy = json.loads((center_dir / KEYRING_FILE).read_bytes())
    copy["failed_sign_ins"]["pending"] = []  # the attacker's clean copy, made too late

    receiver.record(CenterAuditEvent.STATISTICS_EXPORTED, detail={"format": "csv"})
    receiver.record(CenterAuditEvent.STATISTICS_EXPORTED, detail={"format": "pdf"})

    events = _events(receiver)
    assert events[-5:] == [
        "statistics_exported", "sign_in_failed", "sign_in_failed", "failed_sign_ins_taken",
        "statistics_exported",
    ]  # fmt: skip
    assert events.count("failed_sign_ins_taken") == 1, "nothing new, nothing added"
    assert receiver.verify_audit().intact
    receiver.sign_out()
    (center_dir / KEYRING_FILE).write_text(json.dumps(copy))
    center = _admin(center_dir)
    after = _events(center)
    assert after.count("sign_in_failed") == 2, "what the log holds stays"
    assert "failed_sign_ins_removed" in after, "a journal put back below the taken head"
    center.sign_out()


def test_statistics_and_publishing_are_logged_by_the_core_whoever_calls(tmp_path: Path) -> None:
    """Not only the command line: the core's export and publication log themselves (a window
    calling them logs too), and check the role before any work."""
    from datetime import date

    from interview_room.center.publish import publish_directory
    from interview_room.center.stats_report import export_statistics
    from tests.sync.test_centre_package import _directory

    center_dir = tmp_path / "center"
    _centre(center_dir)
    besa = CenterStore(center_dir)
    besa.sign_in(*STATS)
    written = export_statistics(besa, date(2025, 1, 1), date(2025, 12, 31), tmp_path / "s.pdf")
    assert written.value == "pdf" and (tmp_path / "s.pdf").stat().st_size > 0
    with pytest.raises(CenterActionRefused):
        publish_directory(besa, _directory(tmp_path, True), date(2027, 1, 12))
    assert not (center_dir / "published").exists()
    besa.sign_out()

    center = _admin(center_dir)
    published = publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    entries = center.audit_entries()
    exported = [e for e in entries if e.event == CenterAuditEvent.STATISTICS_EXPORTED]
    assert [(e.actor, json.loads(e.detail)) for e in exported] == [
        ("besa", {"from": "2025-01-01", "to": "2025-12-31", "format": "pdf"})
    ]
    assert entries[-1].event == CenterAuditEvent.PACKAGE_PUBLISHED and entries[-1].actor == "ana"
    assert json.loads(entries[-1].detail) == {"number": published.number, "protocol": False}
    assert center.verify_audit().intact
    center.sign_out()
