"""A workstation from set-up to lock: unlocking, throttling, accounts, recovery and files."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_room.accounts import (
    AccountError,
    InvalidUsername,
    LastAdministrator,
    NotPermitted,
    Role,
    UnknownUser,
    UsernameTaken,
    WeakPassword,
)
from interview_room.cases.register import CaseStatus, UnknownCase
from interview_room.files import restrict_umask
from interview_room.settings import DEFAULT_IDLE_LOCK_MINUTES, InvalidSetting
from interview_room.station_folder import WorkstationMissing
from interview_room.store.audit import AuditEvent
from interview_room.store.database import Database
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.keyring import RecoveryKeyInvalid, WrongPassword
from interview_room.store.recovery_key import RecoveryKey
from interview_room.store.throttle import UnlockThrottled
from interview_room.workstation import (
    InvalidStation,
    Workstation,
    WorkstationExists,
    WrongPasswordDelayed,
)
from tests.conftest import ADMIN_PASSWORD, CreatedStation, FixedClock, WorkstationFactory

OFFICER = "oficer.mor"
OFFICER_PASSWORD = "synthetic-officer-passphrase"
SECOND_ADMIN = "admin2.mor"


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    return workstation()


def _events(station: CreatedStation) -> list[str]:
    session = station.workstation.unlock(station.admin_username, station.admin_password)
    try:
        return [e.event for e in session.audit.entries()]
    finally:
        session.lock()


def _slots(station: CreatedStation) -> dict[str, dict[str, object]]:
    document = json.loads(station.workstation.keyring_file.path.read_bytes())
    return {slot["username"]: slot for slot in document["slots"]}


# -- set-up, unlock, lock ------------------------------------------------------------------------


def test_create_unlock_lock(station: CreatedStation) -> None:
    ws = station.workstation
    assert ws.exists()
    assert ws.describe().code == "MOR"
    assert station.session.user.role is Role.STATION_ADMIN
    station.session.lock()
    assert not station.session.is_open

    session = ws.unlock(station.admin_username, station.admin_password)
    assert session.is_open
    assert session.user.username == station.admin_username
    assert session.keys == station.session.keys
    assert session.verify_audit().intact
    session.lock()
    assert not session.is_open
    session.lock()  # locking twice is harmless

    events = _events(station)
    assert events[:5] == [
        "workstation_created",
        "user_added",
        "certificate_issued",
        "login",
        "lock",
    ]
    assert events[5:7] == ["login", "lock"]


def test_username_is_matched_as_typed(station: CreatedStation) -> None:
    station.session.lock()
    session = station.workstation.unlock("  Admin.MOR ", station.admin_password)
    assert session.user.username == station.admin_username
    session.logout()


def test_create_refuses_an_existing_workstation(station: CreatedStation) -> None:
    with pytest.raises(WorkstationExists):
        Workstation(station.data_dir).create("Stacioni", "MOR", "admin2", "Admin", ADMIN_PASSWORD)


@pytest.mark.parametrize(
    ("name", "code", "username", "password", "error"),
    [
        ("  ", "MOR", "admin.mor", ADMIN_PASSWORD, InvalidStation),
        ("Stacioni", "MO", "admin.mor", ADMIN_PASSWORD, InvalidStation),
        ("Stacioni", "M0R", "admin.mor", ADMIN_PASSWORD, InvalidStation),
        ("Stacioni", "MOR", "a", ADMIN_PASSWORD, InvalidUsername),
        ("Stacioni", "MOR", "admin mor", ADMIN_PASSWORD, InvalidUsername),
        ("Stacioni", "MOR", "admin.mor", "short", WeakPassword),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(
    tmp_path: Path, name: str, code: str, username: str, password: str, error: type[Exception]
) -> None:
    data_dir = tmp_path / "station"
    with pytest.raises(error):
        Workstation(data_dir).create(name, code, username, "Admin", password)
    assert not data_dir.exists()


def test_unlock_without_a_workstation_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkstationMissing):
        Workstation(tmp_path / "nothing").unlock("admin.mor", ADMIN_PASSWORD)
    assert Workstation(tmp_path / "nothing").login_language() == "sq"


# -- wrong passwords -----------------------------------------------------------------------------


def test_wrong_password_is_delayed_then_throttled(station: CreatedStation) -> None:
    station.session.lock()
    ws, clock = station.workstation, station.clock

    with pytest.raises(WrongPasswordDelayed) as first:
        ws.unlock(station.admin_username, "not-the-password")
    assert first.value.retry_after_seconds >= 1
    with pytest.raises(UnlockThrottled) as throttled:
        ws.unlock(station.admin_username, station.admin_password)  # even the right one must wait
    assert throttled.value.retry_after_seconds > 0

    clock.advance(first.value.retry_after_seconds)
    with pytest.raises(WrongPasswordDelayed) as second:
        ws.unlock(station.admin_username, "still-not-it")
    assert second.value.retry_after_seconds >= 2 * first.value.retry_after_seconds

    clock.advance(second.value.retry_after_seconds - 0.5)
    with pytest.raises(UnlockThrottled) as almost:
        ws.unlock(station.admin_username, station.admin_password)
    assert almost.value.retry_after_seconds == pytest.approx(0.5)

    clock.advance(0.5)
    session = ws.unlock(station.admin_username, station.admin_password)
    session.lock()
    # A successful login clears the wait.
    with pytest.raises(WrongPasswordDelayed) as fresh:
        ws.unlock(station.admin_username, "wrong-again-here")
    assert fresh.value.retry_after_seconds == first.value.retry_after_seconds


def test_delay_grows_to_five_minutes_and_stops(
    workstation: WorkstationFactory, clock: FixedClock
) -> None:
    station = workstation(clock=clock)
    station.session.lock()
    keyring_file = station.workstation.keyring_file
    with keyring_file.update() as keyring:
        for _ in range(20):
            keyring.record_failure(station.admin_username, clock())

    with pytest.raises(UnlockThrottled) as throttled:
        station.workstation.unlock(station.admin_username, station.admin_password)
    assert throttled.value.retry_after_seconds == 300


def test_failures_are_audited_at_the_next_login(station: CreatedStation) -> None:
    station.session.lock()
    ws, clock = station.workstation, station.clock
    for attempt in ("wrong-password-one", "wrong-password-two"):
        with pytest.raises(WrongPasswordDelayed) as wrong:
            ws.unlock(station.admin_username, attempt)
        clock.advance(wrong.value.retry_after_seconds)
    with pytest.raises(WrongPasswordDelayed):
        ws.unlock("nobody.here", "guess-guess-guess")
    assert len(ws.keyring_file.read().failed_attempts) == 3
    # What was typed as an unknown username may be a password: it is never kept in clear.
    assert b"nobody.here" not in ws.keyring_file.path.read_bytes()

    clock.advance(60)
    session = ws.unlock(station.admin_username, station.admin_password)
    try:
        entries = session.audit.entries()
        failed = [e for e in entries if e.event == AuditEvent.LOGIN_FAILED]
        assert len(failed) == 3
        assert [json.loads(e.detail)["attempted"] for e in failed] == [
            station.admin_username,
            station.admin_username,
            "unknown",
        ]
        assert all(json.loads(e.detail)["at"].startswith("2026-03-02T09:") for e in failed)
        assert entries[-1].event == AuditEvent.LOGIN  # failures come before the login
        assert session.verify_audit().intact
    finally:
        session.lock()
    # They are copied once, not again at every login.
    assert ws.keyring_file.read().failed_attempts == []
    assert _events(station).count("login_failed") == 3


def test_failed_attempt_with_odd_username_is_audited_as_unknown(station: CreatedStation) -> None:
    station.session.lock()
    ws = station.workstation
    with pytest.raises(WrongPasswordDelayed):
        ws.unlock("Arta Shembulli; DROP", "whatever-it-is")
    session = ws.unlock(station.admin_username, station.admin_password)
    try:
        failed = [e for e in session.audit.entries() if e.event == AuditEvent.LOGIN_FAILED]
        assert json.loads(failed[0].detail)["attempted"] == "unknown"
        assert "Arta" not in " ".join(e.detail for e in session.audit.entries())
    finally:
        session.lock()


def test_unknown_username_behaves_like_a_wrong_password(station: CreatedStation) -> None:
    station.session.lock()
    ws = station.workstation

    with pytest.raises(WrongPasswordDelayed) as unknown:
        ws.unlock("nobody.here", station.admin_password)
    with pytest.raises(WrongPasswordDelayed) as wrong:
        ws.unlock(station.admin_username, "not-the-password")

    assert type(unknown.value) is type(wrong.value)
    assert str(unknown.value) == str(wrong.value)
    assert unknown.value.retry_after_seconds == wrong.value.retry_after_seconds
    with pytest.raises(UnlockThrottled):
        ws.unlock("nobody.here", station.admin_password)


# -- the user's own account ----------------------------------------------------------------------


def test_change_password_rewraps_only_that_users_slot(station: CreatedStation) -> None:
    # Only this user's password slot changes; every holder's sealed database key changes too,
    # since the store is re-keyed (tests/store/test_rekey.py).
    session = station.session
    session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    before = _slots(station)
    keyring_before = json.loads(station.workstation.keyring_file.path.read_bytes())

    session.change_password(station.admin_password, "a-new-synthetic-passphrase")

    after = _slots(station)
    keyring_after = json.loads(station.workstation.keyring_file.path.read_bytes())
    officer_before, officer_after = dict(before[OFFICER]), dict(after[OFFICER])
    holder_before = officer_before.pop("holder")
    holder_after = officer_after.pop("holder")
    assert officer_after == officer_before  # the officer's password-wrapped part is untouched
    assert isinstance(holder_before, dict) and isinstance(holder_after, dict)
    assert holder_after["public_key"] == holder_before["public_key"]
    assert holder_after["database_key"] != holder_before["database_key"]
    assert after[station.admin_username] != before[station.admin_username]
    assert (
        keyring_after["recovery"]["holder"]["public_key"]
        == (keyring_before["recovery"]["holder"]["public_key"])
    )
    session.lock()

    with pytest.raises(WrongPassword):
        station.workstation.unlock(station.admin_username, station.admin_password)
    station.clock.advance(5)
    renewed = station.workstation.unlock(station.admin_username, "a-new-synthetic-passphrase")
    assert renewed.keys == session.keys  # the new database key and the same personal key
    assert AuditEvent.PASSWORD_CHANGED in [e.event for e in renewed.audit.entries()]
    renewed.lock()
    station.workstation.unlock(OFFICER, OFFICER_PASSWORD).lock()


def test_change_password_counts_a_wrong_current_one_like_a_sign_in(
    station: CreatedStation,
) -> None:
    with pytest.raises(WrongPasswordDelayed):
        station.session.change_password("not-the-current-one", "a-new-synthetic-passphrase")
    with pytest.raises(UnlockThrottled):  # during the delay even the right password waits
        station.session.change_password(station.admin_password, "a-new-synthetic-passphrase")
    station.clock.advance(2)
    with pytest.raises(WeakPassword):
        station.session.change_password(station.admin_password, "short")

    station.session.lock()
    station.workstation.unlock(station.admin_username, station.admin_password).lock()


def test_set_language_persists_per_user_and_for_the_login_screen(
    station: CreatedStation,
) -> None:
    session = station.session
    session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    assert station.workstation.login_language() == "sq"

    session.set_language("en")
    assert session.user.language == "en"
    session.lock()

    assert station.workstation.login_language() == "en"
    admin = station.workstation.unlock(station.admin_username, station.admin_password)
    assert admin.user.language == "en"
    officer = admin.users.find(OFFICER)
    assert officer is not None and officer.language == "sq"
    admin.lock()


def test_unknown_language_is_refused(station: CreatedStation) -> None:
    with pytest.raises(AccountError):
        station.session.set_language("xx")
    assert station.workstation.login_language() == "sq"


# -- administration ------------------------------------------------------------------------------


def test_added_user_can_log_in_with_their_own_personal_key(station: CreatedStation) -> None:
    session = station.session
    officer = session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    assert officer.role is Role.OFFICER
    with pytest.raises(UsernameTaken):
        session.add_user(OFFICER.upper(), "Tjetër", Role.OFFICER, OFFICER_PASSWORD)
    session.lock()

    officer_session = station.workstation.unlock(OFFICER, OFFICER_PASSWORD)
    assert officer_session.keys.database_key == session.keys.database_key
    assert officer_session.keys.personal_key != session.keys.personal_key
    officer_session.lock()


def test_disable_user_removes_the_slot(station: CreatedStation) -> None:
    session = station.session
    session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    session.disable_user(OFFICER)

    assert OFFICER not in _slots(station)
    assert session.users.find(OFFICER) is None
    assert session.users.find(OFFICER, include_disabled=True) is not None
    with pytest.raises(UnknownUser):
        session.disable_user("nobody.here")
    assert session.verify_audit().intact
    session.lock()
    with pytest.raises(WrongPasswordDelayed):
        station.workstation.unlock(OFFICER, OFFICER_PASSWORD)


def test_last_admin_cannot_be_disabled(station: CreatedStation) -> None:
    session = station.session
    with pytest.raises(LastAdministrator):
        session.disable_user(station.admin_username)
    assert station.admin_username in _slots(station)

    session.add_user(SECOND_ADMIN, "Admin i dytë", Role.STATION_ADMIN, OFFICER_PASSWORD)
    session.disable_user(SECOND_ADMIN)
    with pytest.raises(LastAdministrator):
        session.disable_user(station.admin_username)


def test_non_admin_is_not_permitted(station: CreatedStation) -> None:
    station.session.add_user(OFFICER, "Oficer Shembulli", Role.OFFICER, OFFICER_PASSWORD)
    station.session.lock()
    officer = station.workstation.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(NotPermitted):
            officer.add_user("another.one", "Tjetër", Role.OFFICER, OFFICER_PASSWORD)
        with pytest.raises(NotPermitted):
            officer.disable_user(station.admin_username)
        with pytest.raises(NotPermitted):
            officer.set_idle_lock_minutes(10)
        assert station.admin_username in _slots(station)
    finally:
        officer.lock()


def test_idle_lock_setting(station: CreatedStation) -> None:
    session = station.session
    assert session.settings().idle_lock_minutes == DEFAULT_IDLE_LOCK_MINUTES
    session.set_idle_lock_minutes(12)
    assert session.settings().idle_lock_minutes == 12
    for bad in (0, 61):
        with pytest.raises(InvalidSetting):
            session.set_idle_lock_minutes(bad)
    assert session.settings().idle_lock_minutes == 12
    changed = [e for e in session.audit.entries() if e.event == AuditEvent.SETTINGS_CHANGED]
    assert len(changed) == 1


# -- recovery ------------------------------------------------------------------------------------


def test_reset_password_with_the_recovery_key(station: CreatedStation) -> None:
    database_key = station.session.keys.database_key
    personal_key = station.session.keys.personal_key
    station.session.lock()
    typed = station.recovery_key.formatted().lower().replace("-", " ")

    station.workstation.reset_password(
        RecoveryKey.parse(typed), station.admin_username, "recovered-synthetic-pass"
    )

    with pytest.raises(WrongPassword):
        station.workstation.unlock(station.admin_username, station.admin_password)
    station.clock.advance(5)
    session = station.workstation.unlock(station.admin_username, "recovered-synthetic-pass")
    try:
        assert session.keys.database_key != database_key  # the store was re-keyed
        assert session.keys.personal_key != personal_key  # a new personal key is issued
        assert AuditEvent.PASSWORD_RESET in [e.event for e in session.audit.entries()]
        assert session.verify_audit().intact
    finally:
        session.lock()


def test_reset_password_clears_a_running_delay(station: CreatedStation) -> None:
    station.session.lock()
    with pytest.raises(WrongPasswordDelayed):
        station.workstation.unlock(station.admin_username, "forgotten-password")
    station.workstation.reset_password(
        station.recovery_key, station.admin_username, "recovered-synthetic-pass"
    )
    station.workstation.unlock(station.admin_username, "recovered-synthetic-pass").lock()


def test_reset_password_with_a_wrong_recovery_key(station: CreatedStation) -> None:
    station.session.lock()
    before = station.workstation.keyring_file.path.read_bytes()

    with pytest.raises(RecoveryKeyInvalid):
        station.workstation.reset_password(
            RecoveryKey.generate(), station.admin_username, "recovered-synthetic-pass"
        )
    assert station.workstation.keyring_file.path.read_bytes() == before
    station.workstation.unlock(station.admin_username, station.admin_password).lock()


def test_reset_password_of_an_unknown_user(station: CreatedStation) -> None:
    station.session.lock()
    with pytest.raises(UnknownUser):
        station.workstation.reset_password(
            station.recovery_key, "nobody.here", "recovered-synthetic-pass"
        )


# -- files ---------------------------------------------------------------------------------------


@pytest.fixture
def private_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        restrict_umask()
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("private_umask")
def test_files_are_private(tmp_path: Path) -> None:
    ws = Workstation(tmp_path / "station", clock=FixedClock())
    created = ws.create("Stacioni", "MOR", "admin.mor", "Admin", ADMIN_PASSWORD, kdf=MINIMUM_ARGON2)
    created.session.add_user(OFFICER, "Oficer", Role.OFFICER, OFFICER_PASSWORD)
    created.session.lock()
    ws.unlock("admin.mor", ADMIN_PASSWORD).lock()

    assert stat.S_IMODE(ws.data_dir.stat().st_mode) == 0o700
    found = list(ws.data_dir.rglob("*"))
    assert ws.database_path in found and ws.keyring_file.path in found
    for path in found:
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path.name


def test_no_plaintext_on_disk(station: CreatedStation) -> None:
    name = "Drita Ushtrimi"
    with station.session.db.transaction():
        case = station.session.cases.create(name, station.session.user.id, None)
    station.session.lock()

    for path in station.data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(b"SQLite format 3"), path.name
            assert name.encode("utf-8") not in data, path.name
            assert case.code.encode() not in data, path.name


# -- cases ---------------------------------------------------------------------------------------


def test_open_case_is_audited(station: CreatedStation) -> None:
    session = station.session
    with session.db.transaction():
        case = session.cases.create("Hana Provaj", session.user.id, None, CaseStatus.COMPLETED)

    opened = session.open_case(case.id)

    assert opened == case
    last = session.audit.entries()[-1]
    assert (last.event, last.actor, last.subject) == (
        AuditEvent.CASE_OPENED,
        station.admin_username,
        case.code,
    )
    assert "Hana" not in last.detail
    with pytest.raises(UnknownCase):
        session.open_case("no-such-case")
    assert session.audit.entries()[-1].seq == last.seq


def test_store_opens_only_with_the_unlocked_key(station: CreatedStation) -> None:
    key = station.session.keys.database_key
    station.session.lock()
    db = Database.open(station.workstation.database_path, key)
    try:
        assert db.one("SELECT code FROM station") == ("MOR",)
    finally:
        db.close()


def test_signing_in_removes_what_writes_cut_by_a_crash_left_behind(
    station: CreatedStation,
) -> None:
    station.session.lock()
    leftovers = [
        station.workstation.data_dir / ".keyring.json.a1b2c3d4.tmp",
        station.workstation.backups_dir / ".station-v4.db.e5f6g7h8.tmp",
    ]
    for leftover in leftovers:
        leftover.parent.mkdir(exist_ok=True)
        leftover.write_bytes(b"half a file")
        os.utime(leftover, (0, 0))

    station.workstation.unlock(station.admin_username, station.admin_password).lock()

    assert not any(leftover.exists() for leftover in leftovers)
