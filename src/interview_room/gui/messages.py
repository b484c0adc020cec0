"""Translated wording for the core's typed refusals and enumerations.

The core speaks English in its exception messages (for logs and the command line); the GUI
chooses its wording by exception class, so every message a person sees is translatable.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from interview_room.accounts import MIN_PASSWORD_LENGTH, PasswordTooGuessable, Role
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
        "At least %1 characters, and hard to guess: no repeats or runs (aaaa, 1234), no names "
        "of people or places here. A few unrelated words together are easy to remember.",
    ).replace("%1", str(MIN_PASSWORD_LENGTH))


def guessable_password(error: PasswordTooGuessable) -> str:
    """Why a new password was refused as easy to guess, and what to choose instead."""
    from interview_room.passwords import Guessability

    why = {
        Guessability.OWN_WORDS: translate(
            "Messages",
            "This password is built on a name or word anyone here would try first: the "
            "station's, the user's, the border's or the app's.",
        ),
        Guessability.REPEAT: translate(
            "Messages",
            "This password repeats a character or a group of characters, like aaaa or abcabc.",
        ),
        Guessability.SEQUENCE: translate(
            "Messages", "This password follows a run or a keyboard row, like 1234, abcd or qwerty."
        ),
        Guessability.COMMON: translate(
            "Messages", "This password is, or is built on, a common password, word, name or date."
        ),
        Guessability.SIMPLE: translate("Messages", "This password is too easy to guess."),
    }[error.reason]
    return (
        why
        + "\n"
        + translate(
            "Messages",
            "Choose three or four words that do not belong together, with no name of a person "
            "or a place here.",
        )
    )


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
    from interview_room.center.importer import RecordBreaksConsent, UnknownRecordKind
    from interview_room.interview.interview import GuardianConsentNeeded
    from interview_room.referral.recipients import ReferralNeedsConsent
    from interview_room.referral.referrals import (
        NotAnOfficer,
        NotASocialWorker,
        ReferralPdfErased,
    )
    from interview_room.settings import InvalidSetting
    from interview_room.signing.errors import PdfUnreadable
    from interview_room.store.authority import NoIssuingAuthority
    from interview_room.store.certificates import NoSigningKey
    from interview_room.store.keyring import RecoveryKeyInvalid, WrongPassword
    from interview_room.store.recovery_key import RecoveryKeyMalformed
    from interview_room.store.throttle import UnlockThrottled
    from interview_room.sync.drive import DriveFileRefused
    from interview_room.sync.enrollment import EnrollmentForAnotherStation, EnrollmentInvalid
    from interview_room.workstation import InvalidStation, WrongPasswordDelayed

    if isinstance(error, DriveFileRefused):
        return translate(
            "Messages",
            "A file on the drive was not read: it is not an ordinary file (a link, a pipe or a "
            "device), or it is larger than any bundle or receipt can be.",
        )
    if isinstance(error, EnrollmentForAnotherStation):
        return translate(
            "Messages",
            "This enrollment package was made for a station with another code. Ask the central "
            "office for this station's package.",
        )
    if isinstance(error, NoIssuingAuthority):
        return translate(
            "Messages",
            "Issuing a signing certificate needs the password of a station administrator who "
            "holds the station's certificate authority. Nothing was changed.",
        )
    if isinstance(error, NoSigningKey):
        return translate(
            "Messages",
            "There is no valid signing certificate for this signature. A station administrator "
            "issues one: ask them.",
        )
    if isinstance(error, EnrollmentInvalid):
        return translate(
            "Messages",
            "The enrollment package cannot be opened: check the file and the one-time passphrase.",
        )

    if isinstance(error, ReferralNeedsConsent):
        return translate(
            "Messages",
            "This recipient cannot be sent a referral: the person did not agree to share with "
            "it, and no law requires it. Ask the person, or choose another recipient.",
        )
    if isinstance(error, ReferralPdfErased):
        return translate(
            "Messages",
            "This referral was handed over and is not kept here: the person did not agree to a "
            "record being kept. The recipient has the signed form.",
        )
    if isinstance(error, GuardianConsentNeeded):
        return translate(
            "Messages",
            "Questions to a child wait until the guardian or the Child Protection Unit agrees. "
            "If they refused, end the interview; help does not depend on it.",
        )
    if isinstance(error, RecordBreaksConsent):
        return translate(
            "Messages",
            "The bundle was refused: a case in it carries the person's data although they did "
            "not agree to a record being kept. Nothing of it was stored; tell the station.",
        )
    if isinstance(error, UnknownRecordKind):
        return translate(
            "Messages",
            "The bundle was refused: it carries a kind of record the central office does not "
            "know, so nothing could check it. Nothing of it was stored; tell the station.",
        )
    if isinstance(error, NotAnOfficer):
        return translate(
            "Messages", "Only a border police officer can make and sign a referral first."
        )
    if isinstance(error, NotASocialWorker):
        return translate("Messages", "The second signature must be a social worker's.")
    if isinstance(error, PdfUnreadable):
        return translate("Messages", "This file is not a PDF that can be read.")
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
    if isinstance(error, PasswordTooGuessable):
        return guessable_password(error)
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
