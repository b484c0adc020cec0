"""Guessable passwords are refused wherever a password is set (issue 13, item 8).

Attack: ``aaaaaaaaaa``, ``1234567890`` and ten spaces were accepted, being 10 characters long.
Each attack password below is now refused at set-up, when an administrator adds a user, at a
password change and at a reset with the recovery key, and nothing is changed by the refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from interview_room.accounts import (
    PasswordTooGuessable,
    Role,
    WeakPassword,
    check_password_strength,
)
from interview_room.passwords import Guessability, guessability, own_words
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import Workstation
from tests.conftest import CreatedStation, WorkstationFactory

STATION_NAME = "Stacioni Morinë (sintetik)"  # as tests.conftest sets stations up
NEW_USER = ("oficer.mor", "Oficer Shembulli")
STRONG = "lumi-dritarja-molla-kuqe"

ATTACKS: dict[str, Callable[[str], str]] = {
    "ten a's": lambda username: "aaaaaaaaaa",
    "1234567890": lambda username: "1234567890",
    "ten spaces": lambda username: " " * 10,
    "the station's name repeated": lambda username: "MorinëMorinë",
    "the station's full name twice": lambda username: STATION_NAME * 2,
    "the username and digits": lambda username: username + "2026",
}


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    return workstation()


@pytest.mark.parametrize("attack", ATTACKS)
def test_set_up_refuses_a_guessable_password(tmp_path: Path, attack: str) -> None:
    folder = tmp_path / "station"
    workstation = Workstation(folder)
    with pytest.raises(PasswordTooGuessable):
        workstation.create(
            STATION_NAME,
            "MOR",
            "admin.mor",
            "Admin Shembulli",
            ATTACKS[attack]("admin.mor"),
            kdf=MINIMUM_ARGON2,
        )
    assert not workstation.exists()
    assert not folder.exists()


@pytest.mark.parametrize("attack", ATTACKS)
def test_adding_a_user_refuses_a_guessable_password(station: CreatedStation, attack: str) -> None:
    username, display_name = NEW_USER
    with pytest.raises(PasswordTooGuessable):
        station.session.add_user(username, display_name, Role.OFFICER, ATTACKS[attack](username))
    assert station.session.users.find(username, include_disabled=True) is None
    assert not station.workstation.keyring_file.read().has_user(username)


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_password_change_refuses_a_guessable_password(
    station: CreatedStation, attack: str
) -> None:
    before = station.workstation.keyring_file.path.read_bytes()
    with pytest.raises(PasswordTooGuessable):
        station.session.change_password(
            station.admin_password, ATTACKS[attack](station.admin_username)
        )
    assert station.workstation.keyring_file.path.read_bytes() == before


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_reset_with_the_recovery_key_refuses_a_guessable_password(
    station: CreatedStation, attack: str
) -> None:
    station.session.lock()
    before = station.workstation.keyring_file.path.read_bytes()
    with pytest.raises(PasswordTooGuessable):
        station.workstation.reset_password(
            station.recovery_key, station.admin_username, ATTACKS[attack](station.admin_username)
        )
    assert station.workstation.keyring_file.path.read_bytes() == before
    station.workstation.unlock(station.admin_username, station.admin_password).lock()


def test_a_strong_passphrase_is_accepted_at_every_entry(station: CreatedStation) -> None:
    """The control: the same four ways accept a passphrase, so the refusals above are the rule
    at work and not a broken entry."""
    username, display_name = NEW_USER
    station.session.add_user(username, display_name, Role.OFFICER, STRONG)
    station.session.change_password(station.admin_password, STRONG + "-dy")
    station.session.lock()
    station.workstation.reset_password(station.recovery_key, username, STRONG + "-tre")
    station.workstation.unlock(username, STRONG + "-tre").lock()
    station.clock.advance(1)
    station.workstation.unlock(station.admin_username, STRONG + "-dy").lock()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", Guessability.REPEAT),
        (" " * 10, Guessability.REPEAT),
        ("abcabcabcabc", Guessability.REPEAT),
        ("1234567890", Guessability.COMMON),
        ("zxcvbnm,./", Guessability.SEQUENCE),
        ("9876543210", Guessability.SEQUENCE),
        ("password123", Guessability.COMMON),
        ("admin.mor2026", Guessability.OWN_WORDS),
        ("Shembulli1990", Guessability.OWN_WORDS),
        # The station's own words: the app, the border, "password" in Albanian.
        ("fjalëkalim2026", Guessability.OWN_WORDS),
        ("fjalekalim2026", Guessability.OWN_WORDS),
        ("Kufi-Morinë-2025", Guessability.OWN_WORDS),
        ("Policia-Kufitare-1", Guessability.OWN_WORDS),
        ("HanIHotit2024!", Guessability.OWN_WORDS),
        ("interview-room-1", Guessability.OWN_WORDS),
        ("fjalekalim-i-ri", Guessability.OWN_WORDS),
    ],
)
def test_what_makes_a_password_guessable(password: str, reason: Guessability) -> None:
    own = own_words(STATION_NAME, "MOR", "admin.mor", "Admin Shembulli")
    assert guessability(password, own) is reason


@pytest.mark.parametrize(
    "password",
    [
        STRONG,
        "synthetic-admin-passphrase",
        "mali-ura-era-69",  # the weakest shape a training password takes
        "correct horse battery staple",
        "fjalekalim-i-vjeter-me-rrush",  # a station word among enough others
        "Gj8#qP2v!xR4",
    ],
)
def test_passphrases_pass(password: str) -> None:
    check_password_strength(password, (STATION_NAME, "MOR", "admin.mor", "Admin Shembulli"))


def test_the_length_rule_stays_and_comes_first() -> None:
    with pytest.raises(WeakPassword) as refused:
        check_password_strength("aaaa")
    assert type(refused.value) is WeakPassword  # "too short", not "guessable"


def test_a_very_long_passphrase_is_rated_without_error() -> None:
    check_password_strength(" ".join([STRONG] * 20))  # zxcvbn itself refuses > 72 characters
