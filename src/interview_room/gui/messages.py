"""Translated wording for the core's typed refusals and enumerations.

The core speaks English in its exception messages (for logs and the command line); the GUI
chooses its wording by exception class, so every message a person sees is translatable.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from interview_room.accounts import MIN_PASSWORD_LENGTH, Role
from interview_room.cases.register import CaseStatus

translate = QCoreApplication.translate


def wait_sentence(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    return QCoreApplication.translate(
        "Messages", "Please wait %n second(s) before trying again.", "", whole
    )


def password_rule() -> str:
    """What a new password needs, said before anyone types one."""
    return translate(
        "Messages",
        "At least %1 characters. A few words together are easy to remember and hard to guess.",
    ).replace("%1", str(MIN_PASSWORD_LENGTH))


def describe_error(error: BaseException, admin: bool = False) -> str:
    """One calm sentence for a person, in the interface language. ``admin``: the person
    reading is a station administrator, so where others are sent to the administrator they are
    told what to do themselves."""
    # Imported here, not at the top: the login screen must not wait for the core to load.
    from interview_room.accounts import (
        InvalidUsername,
        LastAdministrator,
        NotPermitted,
        UnknownUser,
        UsernameTaken,
        WeakPassword,
    )
    from interview_room.settings import InvalidSetting
    from interview_room.store.keyring import RecoveryKeyInvalid, WrongPassword
    from interview_room.store.recovery_key import RecoveryKeyMalformed
    from interview_room.store.throttle import UnlockThrottled
    from interview_room.sync.enrollment import EnrollmentInvalid
    from interview_room.workstation import InvalidStation, WrongPasswordDelayed

    if isinstance(error, EnrollmentInvalid):
        return translate(
            "Messages",
            "The enrollment package cannot be opened: check the file and the one-time passphrase.",
        )

    if isinstance(error, WrongPasswordDelayed):
        return (
            translate("Messages", "The username or password is not right.")
            + "\n"
            + wait_sentence(error.retry_after_seconds)
        )
    if isinstance(error, WrongPassword):
        return translate("Messages", "The username or password is not right.")
    if isinstance(error, UnlockThrottled):
        return wait_sentence(error.retry_after_seconds)
    if isinstance(error, WeakPassword):
        return translate("Messages", "A password needs at least 10 characters.")
    if isinstance(error, InvalidUsername):
        return translate(
            "Messages",
            "A username must have 2 to 32 lowercase letters, digits, dots (.), dashes (-) or "
            "underscores (_).",
        )
    if isinstance(error, UsernameTaken):
        return translate("Messages", "This username is already used on this workstation.")
    if isinstance(error, UnknownUser):
        return translate("Messages", "There is no active user with this username.")
    if isinstance(error, LastAdministrator):
        return translate("Messages", "The last station administrator cannot be disabled.")
    if isinstance(error, NotPermitted):
        return translate("Messages", "Only a station administrator may do this.")
    if isinstance(error, RecoveryKeyMalformed):
        return translate("Messages", "A recovery key has 52 letters and digits, in groups of four.")
    if isinstance(error, RecoveryKeyInvalid):
        return translate("Messages", "This recovery key does not belong to this workstation.")
    if isinstance(error, InvalidStation):
        return translate(
            "Messages", "Give the station a name and a three-letter code, for example MOR or HAN."
        )
    if isinstance(error, InvalidSetting):
        return translate(
            "Messages",
            "The automatic lock is 1 to 60 minutes; personal data is kept 1 to 365 days.",
        )
    if admin:
        return translate(
            "Messages",
            "Something went wrong and nothing was changed. Try once more; if it fails again, "
            "close and reopen Interview Room, and if that does not help, note the time and what "
            "you were doing and report it to the central office.",
        )
    return translate(
        "Messages",
        "Something went wrong and nothing was changed. Please tell the station administrator.",
    )


def role_name(role: Role) -> str:
    return {
        Role.OFFICER: translate("Messages", "Border police officer"),
        Role.SOCIAL_WORKER: translate("Messages", "Social worker"),
        Role.STATION_ADMIN: translate("Messages", "Station administrator"),
    }[role]


def status_name(status: CaseStatus) -> str:
    return {
        CaseStatus.DRAFT: translate("Messages", "Draft"),
        CaseStatus.INCOMPLETE: translate("Messages", "Incomplete"),
        CaseStatus.COMPLETED: translate("Messages", "Completed"),
        CaseStatus.REFERRED: translate("Messages", "Referred"),
        CaseStatus.SYNCED: translate("Messages", "Sent to central office"),
    }[status]
