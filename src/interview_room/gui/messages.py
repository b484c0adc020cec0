"""Translated wording for the core's typed refusals and enumerations.

The core speaks English in its exception messages (for logs); what a person reads about a
refusal comes from the core's sentence catalog (``resources/errors/sentences.json``, Albanian
and English, keyed by exception class), the same one the command line prints from.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

if TYPE_CHECKING:
    from interview_room.accounts import Role
    from interview_room.cases.register import CaseStatus

# The login page reads this module, so the core's accounts and cases (and with them secrets,
# hmac, hashlib, datetime) are imported where a function needs them, not at start-up.

translate = QCoreApplication.translate


def wait_sentence(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    return QCoreApplication.translate(
        "Messages", "Please wait before trying again (time left in seconds: %n).", "", whole
    )


def password_rule() -> str:
    """What a new password needs, said before anyone types one."""
    from interview_room.accounts import MIN_PASSWORD_LENGTH

    return translate(
        "Messages",
        "At least %1 characters, and hard to guess: no repeats or runs (aaaa, 1234), no names "
        "of people or places here. A few unrelated words together are easy to remember.",
    ).replace("%1", str(MIN_PASSWORD_LENGTH))


def interface_language() -> str:
    """The language the interface speaks now ("sq" or "en"): the one ``InterfaceLanguage``
    last switched to, which also sets the default locale."""
    return "sq" if QLocale().language() == QLocale.Language.Albanian else "en"


def describe_error(error: BaseException, admin: bool = False) -> str:
    """One calm sentence for a person, in the interface language, from the core's catalog
    (``interview_room.error_sentences``, which the command line reads too). ``admin``: the
    person reading is a station administrator, so where others are sent to the administrator
    they are told what to do themselves."""
    from interview_room.error_sentences import ErrorCatalogInvalid, error_sentence

    try:
        return error_sentence(error, interface_language(), admin)
    except ErrorCatalogInvalid:  # a broken installation: the catalog-free last resort
        return translate(
            "Messages",
            "Something went wrong and nothing was changed. Please tell the station administrator.",
        )


def role_name(role: Role) -> str:
    from interview_room.accounts import Role

    return {
        Role.OFFICER: translate("Messages", "Border police officer"),
        Role.SOCIAL_WORKER: translate("Messages", "Social worker"),
        Role.STATION_ADMIN: translate("Messages", "Station administrator"),
    }[role]


def status_name(status: CaseStatus) -> str:
    from interview_room.cases.register import CaseStatus

    return {
        CaseStatus.DRAFT: translate("Messages", "Draft"),
        CaseStatus.INCOMPLETE: translate("Messages", "Incomplete"),
        CaseStatus.COMPLETED: translate("Messages", "Completed"),
        CaseStatus.REFERRED: translate("Messages", "Referred"),
        CaseStatus.SYNCED: translate("Messages", "Sent to central office"),
    }[status]
