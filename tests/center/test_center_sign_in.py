"""Issue 13, item 9: the centre's registry opens only to a user's password; roles limit what
each user does; a centre from before sign-in is moved to key slots without losing its key."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_room.center.enrollment import make_enrollment
from interview_room.center.sign_in import KEYRING_FILE, CenterKeyringFile, CenterWrongPassword
from interview_room.center.statistics_store import STATISTICS_FILE
from interview_room.center.store import (
    DATABASE_FILE,
    KEY_FILE,
    CenterAdministratorRequired,
    CenterMissing,
    CenterPasswordNotSet,
    CenterSignInRequired,
    CenterStore,
    NewCenterUser,
)
from interview_room.center.users import (
    CenterAction,
    CenterActionRefused,
    CenterLastAdministrator,
    CenterRole,
)
from interview_room.store.database import DatabaseUnreadable
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.keyring import WrongPassword
from interview_room.store.throttle import UnlockThrottled
from tests.center.filled import filled_center
from tests.conftest import run_cli

ADMIN_PASSWORD = "synthetic-morine-training-passphrase"
STATS_PASSWORD = "synthetic-kakavije-counting-passphrase"
REGISTRY_PASSWORD = "synthetic-qafe-thane-registry-passphrase"


def real_center(center_dir: Path) -> CenterStore:
    center = CenterStore(center_dir)
    center.create(admin=NewCenterUser("ana", "Ana Shembulli", ADMIN_PASSWORD), kdf=MINIMUM_ARGON2)
    return center


def with_statistics_user(center: CenterStore) -> None:
    center.add_user(
        NewCenterUser("besa", "Besa Numri", STATS_PASSWORD, CenterRole.STATISTICS),
        kdf=MINIMUM_ARGON2,
    )


def legacy_center(center_dir: Path) -> CenterStore:
    """A real centre laid out as before sign-in: ``center.key`` beside ``center.db``."""
    center = real_center(center_dir)
    key = center._key()
    center.sign_out()
    (center_dir / KEY_FILE).write_bytes(key)
    (center_dir / KEYRING_FILE).unlink()
    (center_dir / STATISTICS_FILE).unlink()
    return CenterStore(center_dir)


def test_a_real_centre_opens_only_with_a_valid_password(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    recipient = real_center(center_dir).keys().age_recipient
    files = (p.name for p in center_dir.iterdir() if p.is_file() and p.name[0] != ".")
    assert sorted(name for name in files if not name.endswith(".lock")) == [
        STATISTICS_FILE,
        DATABASE_FILE,
        KEYRING_FILE,
    ], "no plain key file"
    assert b"AGE-SECRET" not in (center_dir / KEYRING_FILE).read_bytes()
    later = CenterStore(center_dir)
    with pytest.raises(CenterSignInRequired):
        later.open()
    with pytest.raises(CenterSignInRequired):
        later.keys()
    with pytest.raises(CenterWrongPassword):
        later.sign_in("ana", "synthetic-wrong-morine-passphrase")
    with pytest.raises(CenterSignInRequired):
        later.open()
    fresh = CenterStore(center_dir)  # the wait after a wrong one is per username, not per object
    with pytest.raises(UnlockThrottled):
        fresh.sign_in("ana", ADMIN_PASSWORD)
    keyring = CenterKeyringFile(center_dir)
    user = keyring.sign_in(
        "ana", ADMIN_PASSWORD, clock=lambda: datetime.now(UTC) + timedelta(seconds=2)
    ).user
    assert user.role is CenterRole.CENTER_ADMIN
    assert fresh.sign_in("ana", ADMIN_PASSWORD).username == "ana"
    assert fresh.keys().age_recipient == recipient


def test_a_real_centre_is_never_set_up_with_its_key_in_a_file(tmp_path: Path) -> None:
    with pytest.raises(CenterAdministratorRequired):
        CenterStore(tmp_path / "center").create()
    assert not (tmp_path / "center" / KEY_FILE).exists()
    run = run_cli("--lang", "en", "center", "init", "--center-dir", tmp_path / "c2")
    assert run.returncode == 1
    assert "first administrator" in run.stderr


def test_the_database_without_its_slot_file_cannot_be_opened(tmp_path: Path) -> None:
    real_center(tmp_path / "center")
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(tmp_path / "center" / DATABASE_FILE, copy / DATABASE_FILE)
    with pytest.raises(CenterMissing):
        CenterStore(copy).sign_in("ana", ADMIN_PASSWORD)
    # Another centre's slot file, with that centre's valid password, opens nothing here.
    other = real_center(tmp_path / "other")
    other.sign_out()
    shutil.copy(tmp_path / "other" / KEYRING_FILE, copy / KEYRING_FILE)
    with pytest.raises(DatabaseUnreadable):
        CenterStore(copy).sign_in("ana", ADMIN_PASSWORD)


def test_a_role_edited_in_the_slot_file_opens_nothing(tmp_path: Path) -> None:
    center = real_center(tmp_path / "center")
    with_statistics_user(center)
    path = tmp_path / "center" / KEYRING_FILE
    document = json.loads(path.read_text())
    for slot in document["slots"]:
        if slot["username"] == "besa":
            slot["role"] = "center_admin"
    path.write_text(json.dumps(document))
    with pytest.raises(WrongPassword):
        CenterStore(tmp_path / "center").sign_in("besa", STATS_PASSWORD)


def test_roles_limit_what_a_user_does(tmp_path: Path) -> None:
    center = real_center(tmp_path / "center")
    with_statistics_user(center)
    center.add_user(
        NewCenterUser("dritan", "Dritan Regjistri", REGISTRY_PASSWORD, CenterRole.REGISTRY),
        kdf=MINIMUM_ARGON2,
    )
    with pytest.raises(CenterLastAdministrator):
        center.remove_user("ana")
    statistics = CenterStore(tmp_path / "center")
    statistics.sign_in("besa", STATS_PASSWORD)
    statistics.require(CenterAction.STATISTICS)
    for action in (CenterAction.REGISTRY, CenterAction.IMPORT, CenterAction.MANAGE_USERS):
        with pytest.raises(CenterActionRefused):
            statistics.require(action)
    with pytest.raises(CenterActionRefused):
        statistics.enroll_station("s1", "Morinë", "MOR")
    registry = CenterStore(tmp_path / "center")
    registry.sign_in("dritan", REGISTRY_PASSWORD)
    registry.require(CenterAction.REGISTRY)
    with pytest.raises(CenterActionRefused):
        registry.revoke_station("s1")
    with pytest.raises(CenterActionRefused):  # refused before the root's key is read
        make_enrollment(registry, station_name="Morinë", station_code="MOR", url=None)
    assert registry.station_names() == {}
    center.remove_user("besa")
    with pytest.raises(WrongPassword):
        CenterStore(tmp_path / "center").sign_in("besa", STATS_PASSWORD)


def test_statistics_role_cannot_read_the_registry_from_the_command_line(tmp_path: Path) -> None:
    center = real_center(tmp_path / "center")
    with_statistics_user(center)
    center_dir = tmp_path / "center"
    sign_in = ("--username", "besa", "--password-stdin")
    refused = run_cli(
        "--lang", "en", "center", "conflicts", "--center-dir", center_dir, *sign_in,
        stdin=STATS_PASSWORD + "\n",
    )  # fmt: skip
    assert refused.returncode == 1
    assert "role" in refused.stderr and "does not allow" in refused.stderr
    assert refused.stdout == ""
    statistics = run_cli(
        "center", "stats", "--center-dir", center_dir, "--from", "2025-01-01",
        "--to", "2025-12-31", "--out", tmp_path / "s.csv", *sign_in,
        stdin=STATS_PASSWORD + "\n",
    )  # fmt: skip
    assert statistics.returncode == 0, statistics.stderr
    nobody = run_cli("--lang", "sq", "center", "conflicts", "--center-dir", center_dir)
    assert nobody.returncode == 1
    assert "--password-stdin" in nobody.stderr


def test_a_centre_from_before_sign_in_is_moved_to_a_password(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    center = legacy_center(center_dir)
    before = center_dir / KEY_FILE
    key = before.read_bytes()
    with pytest.raises(CenterPasswordNotSet):
        center.open()
    refused = run_cli("--lang", "en", "center", "import", "--center-dir", center_dir, before)
    assert refused.returncode == 1
    assert "center set-password" in refused.stderr
    moved = run_cli(
        "center", "set-password", "--center-dir", center_dir, "--display-name", "Ana Shembulli",
        "--username", "ana", "--password-stdin", stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert not before.exists()
    assert key not in b"".join(p.read_bytes() for p in center_dir.iterdir() if p.is_file())
    later = CenterStore(center_dir)
    with pytest.raises(CenterSignInRequired):
        later.open()
    assert later.sign_in("ana", ADMIN_PASSWORD).role is CenterRole.CENTER_ADMIN
    assert later._key() == key
    listed = run_cli(
        "center", "users", "--center-dir", center_dir, "--username", "ana", "--password-stdin",
        stdin=ADMIN_PASSWORD + "\n",
    )  # fmt: skip
    assert listed.returncode == 0 and listed.stdout.startswith("ana\tcenter_admin")


def test_a_power_cut_during_the_move_never_loses_the_key(tmp_path: Path) -> None:
    """Cut after the slot file is written and before the key file is removed: the plain key
    no longer opens anything by itself, and the next sign-in removes it."""
    center_dir = tmp_path / "center"
    legacy_center(center_dir)
    key = (center_dir / KEY_FILE).read_bytes()
    CenterStore(center_dir).set_first_password(
        NewCenterUser("ana", "Ana Shembulli", ADMIN_PASSWORD), kdf=MINIMUM_ARGON2
    )
    (center_dir / KEY_FILE).write_bytes(key)  # as if the removal had not happened
    cut = CenterStore(center_dir)
    with pytest.raises(CenterSignInRequired):
        cut.open()
    cut.sign_in("ana", ADMIN_PASSWORD)
    assert not (center_dir / KEY_FILE).exists()


def test_a_training_centre_without_users_opens_without_sign_in(tmp_path: Path) -> None:
    center = filled_center(tmp_path / "center", 3)
    again = CenterStore(center.center_dir)
    assert not again.needs_sign_in and not again.needs_first_password
    assert again.user.may(CenterAction.REGISTRY)
    again.open().close()


def test_wrong_passwords_make_the_next_attempt_wait_longer(tmp_path: Path) -> None:
    real_center(tmp_path / "center")
    keyring = CenterKeyringFile(tmp_path / "center")
    now = datetime(2025, 5, 1, 9, 0, tzinfo=UTC)
    waits = []
    for attempt in range(4):
        at = now + timedelta(seconds=600 * attempt)
        with pytest.raises(CenterWrongPassword) as wrong:
            keyring.sign_in("ana", f"synthetic-wrong-guess-{attempt}", clock=at_time(at))
        waits.append(wrong.value.retry_after_seconds)
    assert waits == [1.0, 2.0, 4.0, 8.0]
    last = now + timedelta(seconds=1800)
    with pytest.raises(UnlockThrottled):
        keyring.sign_in("ana", ADMIN_PASSWORD, clock=lambda: last + timedelta(seconds=7))
    # An unknown username is throttled too, under a hash of what was typed.
    with pytest.raises(CenterWrongPassword):
        keyring.sign_in("nobody", "synthetic-wrong-guess", clock=lambda: now)
    assert "nobody" not in (tmp_path / "center" / KEYRING_FILE).read_text()
    user = keyring.sign_in("ana", ADMIN_PASSWORD, clock=lambda: last + timedelta(seconds=9)).user
    assert user.username == "ana"
    assert keyring.read().retry_after("ana", last + timedelta(seconds=9)) == 0.0


def at_time(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment
