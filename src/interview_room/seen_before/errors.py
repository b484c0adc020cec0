"""Refusals of the seen-before check (worded for people in resources/errors/sentences.json)."""

from __future__ import annotations

from interview_room.errors import InterviewRoomError


class SeenBeforeError(InterviewRoomError):
    """The seen-before check could not be made; the interview itself goes on."""


class NameNotComparable(SeenBeforeError):
    """The given names or the surname, as typed, has no letters to compare."""


class BirthYearImplausible(SeenBeforeError):
    """The year of birth is before 1900, in the future, or disagrees with the date of birth."""


class SeenBeforeKeyInvalid(SeenBeforeError):
    """The centre's package carries no usable seen-before key (too short, or no version)."""
