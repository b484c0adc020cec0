"""Issue 13 at the centre: ``interview-room center change-password``. The attack: a colleague
keeps a copy of ``center.keyring`` and learns the old password; after the change, the copy and
the old password open nothing (real CLI, real SQLCipher, real files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_room.center.keyring import CenterKeyring
from interview_room.center.sign_in import KEYRING_FILE, CenterKeyringFile
from interview_room.center.statistics_store import STATISTICS_FILE
from interview_room.center.store import DATABASE_FILE, CenterStore
from interview_room.center.users import CenterStoreKind
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.keyring import WrongPassword
from tests.center.two_users import ADMIN, NEW_PASSWORD, STATS, centre_with_two_users
from tests.conftest import run_cli


def _centre(center_dir: Path) -> None:
    centre_with_two_users(center_dir).sign_out()


def _opens_the_store(
    center_dir: Path,
    keyring_copy: bytes,
    username: str,
    password: str,
    store_file: str = STATISTICS_FILE,
) -> bool:
    """What someone holding ``keyring_copy`` and a password gets out of ``store_file``: every
    key sealed in their slot is tried."""
    try:
        opened = CenterKeyring.from_bytes(keyring_copy, center_dir / KEYRING_FILE).open_slot(
            username, password
        )
    except WrongPassword:
        return False
    keys = opened.keys_for(CenterStoreKind.REGISTRY) + opened.keys_for(CenterStoreKind.STATISTICS)
    for key in keys:
        try:
            Database.open(center_dir / store_file, key).close()
        except DatabaseUnreadable:
            continue
        return True
    return False


def _change(center_dir: Path, username: str, current: str, new: str) -> tuple[int, str, str]:
    done = run_cli(
        "--lang", "en", "center", "change-password", "--center-dir", center_dir,
        "--username", username, "--password-stdin", stdin=f"{current}\n{new}\n",
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


def test_an_old_keyring_copy_and_the_old_password_open_nothing_after_a_change(
    tmp_path: Path,
) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    copy = (center_dir / KEYRING_FILE).read_bytes()
    assert _opens_the_store(center_dir, copy, *STATS), "the attack works before the change"

    code, out, err = _change(center_dir, STATS[0], STATS[1], NEW_PASSWORD)

    assert code == 0, err
    assert "besa" in out and "waiting" not in out, out
    assert not _opens_the_store(center_dir, copy, *STATS), "old copy + old password"
    assert not _opens_the_store(center_dir, copy, *ADMIN), "every old copy: the key changed"
    assert not _opens_the_store(center_dir, copy, *STATS, DATABASE_FILE), "never the registry"
    assert _opens_the_store(center_dir, copy, *ADMIN, DATABASE_FILE), "only the statistics key"
    with pytest.raises(WrongPassword):  # the current file and the old password
        CenterKeyringFile(center_dir).read().open_slot(*STATS)
    for username, password in ((STATS[0], NEW_PASSWORD), ADMIN):
        again = CenterStore(center_dir)
        again.sign_in(username, password)
        again.sign_out()


@pytest.mark.parametrize(
    ("current", "new", "words"),
    [
        ("not-the-password-at-all", NEW_PASSWORD, "not right"),
        (STATS[1], "aaaaaaaaaa", "password"),
        (STATS[1], "besa-qendra-2025", "password"),
    ],
    ids=["wrong current password", "weak", "own words"],
)
def test_a_wrong_current_or_weak_new_password_changes_nothing(
    tmp_path: Path, current: str, new: str, words: str
) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    before = (center_dir / KEYRING_FILE).read_bytes()

    code, out, err = _change(center_dir, STATS[0], current, new)

    assert code != 0 and out == ""
    assert words in err.lower()
    after = CenterKeyringFile(center_dir).read()
    assert after.slots == CenterKeyring.from_bytes(before, center_dir / KEYRING_FILE).slots
    assert _opens_the_store(center_dir, before, *STATS), "the key did not change"
