"""Station users: valid usernames, long-enough passwords, roles and disabling."""

from __future__ import annotations

from typing import Any

import pytest

from interview_room.accounts import (
    AccountError,
    DisplayNameNotAllowed,
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


@pytest.mark.parametrize("typed", ["Oficer 2", "Besa Shembulli, 1990", "Një dy tre katër pesë"])
def test_a_display_name_the_centre_would_refuse_is_refused_when_typed(
    store: OpenStore, typed: str
) -> None:
    """The display name travels in the minimal record of a person who refused storage, where
    the centre accepts only a name's shape: a digit or a comma there would have the whole
    bundle refused, so the station refuses it when the administrator types it."""
    directory = UserDirectory(store.db)
    with pytest.raises(DisplayNameNotAllowed):
        directory.add("oficer.mor", typed, Role.OFFICER, None)
    assert directory.add("oficer.mor", "Oficer Shembulli-Provaj", Role.OFFICER, None)


def test_a_name_typed_before_the_rule_is_left_out_of_the_minimal_record() -> None:
    """A display name from before the rule does not cost the station its bundle: the
    minimal record names nobody in that field, and the centre's rule accepts it."""
    from interview_room.interview.personal_data import PersonalData
    from interview_room.sync.record_consent import minimal_record

    document: dict[str, Any] = {
        "case": {"id": "0" * 32, "officer": "Oficer 2", "social_worker": "Punonjëse Shembulli"},
        "interview": None,
        "answers": [],
        "events": [],
        "decision": None,
    }
    kept = minimal_record(document, None, None, next(iter(PersonalData)))
    assert kept["case"]["officer"] == ""
    assert kept["case"]["social_worker"] == "Punonjëse Shembulli"
