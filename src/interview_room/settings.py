"""Station settings an administrator may change, kept inside the encrypted store."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview_room.errors import InterviewRoomError
from interview_room.store.database import Database

DEFAULT_IDLE_LOCK_MINUTES = 5
IDLE_LOCK_RANGE = range(1, 61)
DEFAULT_RETENTION_DAYS = 30
RETENTION_RANGE = range(1, 366)
DUTY_PHONE_PATTERN = re.compile(r"[0-9+(][0-9 ()/-]{2,29}")
"""A telephone number as printed (digits, spaces, +, parentheses, slash, dash), 3–30 long: the
shape is checked when written and again when read (attacker 9, B1: a value written into the
store by hand prints on every referral form)."""


class InvalidSetting(InterviewRoomError):
    """A setting was given a value outside what the station allows."""


class InvalidDutyPhone(InvalidSetting):
    """The duty telephone typed is not a telephone number (only digits, spaces, +, -, (, ), /;
    3 to 30 characters)."""


@dataclass(frozen=True)
class StationSettings:
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    retention_days: int = DEFAULT_RETENTION_DAYS
    """How long personal data stays at the station after the centre confirmed it."""
    duty_phone: str = ""
    """The station's duty telephone, printed on every referral form so that a receiver can
    call back (seventh practitioner's review, finding 4); empty until an administrator sets it,
    and empty when the stored value is not a telephone number (``duty_phone_damaged``)."""
    duty_phone_damaged: bool = False
    """The store holds a duty telephone of another shape than the app writes (written by hand):
    the forms say "not set" and the settings window asks for the number again."""


def read_settings(db: Database) -> StationSettings:
    values = dict(db.all("SELECT key, value FROM settings"))
    stored = str(values.get("duty_phone", ""))
    damaged = stored != "" and DUTY_PHONE_PATTERN.fullmatch(stored) is None
    return StationSettings(
        idle_lock_minutes=int(values.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)),
        retention_days=int(values.get("retention_days", DEFAULT_RETENTION_DAYS)),
        duty_phone="" if damaged else stored,
        duty_phone_damaged=damaged,
    )


def write_idle_lock_minutes(db: Database, minutes: int) -> None:
    if minutes not in IDLE_LOCK_RANGE:
        raise InvalidSetting(
            f"The automatic lock must be between {IDLE_LOCK_RANGE.start} and "
            f"{IDLE_LOCK_RANGE.stop - 1} minutes."
        )
    db.execute(
        "INSERT INTO settings (key, value) VALUES ('idle_lock_minutes', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(minutes),),
    )


def write_retention_days(db: Database, days: int) -> None:
    if days not in RETENTION_RANGE:
        raise InvalidSetting(
            f"Personal data is kept between {RETENTION_RANGE.start} and "
            f"{RETENTION_RANGE.stop - 1} days after the centre confirmed it."
        )
    db.execute(
        "INSERT INTO settings (key, value) VALUES ('retention_days', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(days),),
    )


def write_duty_phone(db: Database, phone: str) -> str:
    """Set (or, with an empty ``phone``, clear) the station's duty telephone; the number as
    stored (spaces folded)."""
    phone = " ".join(phone.split())
    if phone and not DUTY_PHONE_PATTERN.fullmatch(phone):
        raise InvalidDutyPhone(
            "The duty telephone is a number of 3 to 30 digits, spaces, +, parentheses or dashes."
        )
    db.execute(
        "INSERT INTO settings (key, value) VALUES ('duty_phone', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (phone,),
    )
    return phone
