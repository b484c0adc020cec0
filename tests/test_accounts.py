"""Station users: valid usernames, long-enough passwords, roles and disabling."""

from __future__ import annotations

import pytest

from interview_room.accounts import (
    AccountError,
    InvalidUsername,
    Role,
    UnknownUser,
    UserDirectory,
    UsernameTaken,
    WeakPassword,
    check_password_strength,
    check_username,
)
from tests.conftest import OpenStore


@pytest.mark.parametrize(
    ("typed", "expected"), [("arta", "arta"), (" Arta.S ", "arta.s"), ("a1_b-c", "a1_b-c")]
)
def test_valid_usernames_are_normalised(typed: str, expected: str) -> None:
    assert check_username(typed) == expected


@pytest.mark.parametrize("typed", ["", "a", "arta shembulli", "-arta", "ärta", "a" * 33, "a/b"])
def test_invalid_usernames_are_refused(typed: str) -> None:
    with pytest.raises(InvalidUsername):
        check_username(typed)


def test_password_needs_ten_characters() -> None:
    check_password_strength("lumi-ura-4")  # 10 characters, three unrelated parts
    with pytest.raises(WeakPassword):
        check_password_strength("lumiura-4")


def test_directory_adds_finds_and_disables(store: OpenStore) -> None:
    users = UserDirectory(store.db)
    with store.db.transaction():
        admin = users.add("admin.mor", "Admin", Role.STATION_ADMIN, None)
        officer = users.add("Oficer.Mor", " Oficer Shembulli ", Role.OFFICER, admin.username)

    assert officer.username == "oficer.mor"
    assert officer.display_name == "Oficer Shembulli"
    assert users.find("OFICER.MOR") == officer
    assert users.get(officer.id) == officer
    assert admin.is_admin and not officer.is_admin
    assert users.active_admins() == 1
    with pytest.raises(UsernameTaken):
        users.add("oficer.mor", "Tjetër", Role.OFFICER, None)
    with pytest.raises(AccountError):
        users.add("pa.emer", "   ", Role.OFFICER, None)

    with store.db.transaction():
        users.disable(officer, admin.username)
    assert users.find("oficer.mor") is None
    disabled = users.find("oficer.mor", include_disabled=True)
    assert disabled is not None and not disabled.active
    with pytest.raises(UsernameTaken):  # a disabled name is not handed to someone else
        users.add("oficer.mor", "Tjetër", Role.OFFICER, None)
    assert [u.username for u in users.all()] == ["admin.mor", "oficer.mor"]
    with pytest.raises(UnknownUser):
        users.get("no-such-id")
