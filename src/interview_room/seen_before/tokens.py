"""Keyed tokens for "seen before": what a station may share about a person instead of a name.

A person's details (name, date or year of birth, nationality) become a handful of HMAC-SHA256
tokens under the key that comes in the centre's package. Without the key a token says nothing
and cannot be tried against a list of names; with it (a stolen, unlocked station) a token can be
tested against guessed names, which is why tokens are as sensitive as names and live only in
the encrypted store (docs/THREAT_MODEL.md, "Seen before").

Several tokens per person, so that matching tolerates spelling without the station ever
comparing names itself (what each costs in false matches is measured by
``benchmarks/seen_before.py``):

- ``NAME_DATE``: given names and surname by spelling, full date of birth, nationality. Made
  only when the date is known; the strongest agreement.
- ``NAME_YEAR``: the same with the year of birth alone, so that a record with a date meets one
  with only a year. Strong.
- ``SOUND_YEAR``: the words' sound keys, year, nationality. Survives a slipped vowel or an
  unknown romanisation, and joins Amir with Amar: "likely", never strong.
- ``SURNAME_GIVEN_INITIAL`` (two tokens): one part of the name by sound, with the first letter
  of the other part, year and nationality, made for both parts so that a swapped given name
  and surname still meet and a typing slip in one part still leaves the other. Same family,
  same year, same initial is common: "possible" only.

The two parts are sorted inside each token, so a given name and surname written the wrong way
round still meet.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from interview_room.seen_before.errors import (
    BirthYearImplausible,
    NameNotComparable,
    SeenBeforeKeyInvalid,
)
from interview_room.seen_before.names import fold_letters, parts_agree, reduced_part, sound_word

MIN_KEY_BYTES = 32
EARLIEST_BIRTH_YEAR = 1900


class TokenKind(StrEnum):
    NAME_DATE = "name_date"
    NAME_YEAR = "name_year"
    SOUND_YEAR = "sound_year"
    SURNAME_GIVEN_INITIAL = "part_initial"


@dataclass(frozen=True)
class SeenBeforeKey:
    """The centre's secret for tokens, and its version: tokens made under different versions
    never meet, which is how the key rotates (a station re-derives its cases' tokens)."""

    version: int
    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) < MIN_KEY_BYTES or self.version < 1:
            raise SeenBeforeKeyInvalid(
                f"A seen-before key needs version ≥ 1 and at least {MIN_KEY_BYTES} bytes."
            )

    def __repr__(self) -> str:  # never the secret, not even in a traceback
        return f"SeenBeforeKey(version={self.version})"


@dataclass(frozen=True)
class PersonDetails:
    """What the officer typed about the person; never leaves this package."""

    given_names: str
    surname: str
    nationality: str
    """The protocol's nationality option id ("syria", "kosovo"), or "" when not known."""
    birth_year: int
    birth_date: date | None = None

    def __repr__(self) -> str:  # a repr in a log or a traceback must not carry the name
        return "PersonDetails(…)"


@dataclass(frozen=True)
class PersonToken:
    """One keyed token: what may be stored, sent to the centre and looked up."""

    kind: TokenKind
    key_version: int
    value: bytes
    year_shift: int = 0
    """0 for the year as given; ±1 for a lookup token tried at a neighbouring year (never
    stored or sent: only ``lookup_tokens`` makes them)."""

    def __repr__(self) -> str:
        return f"PersonToken({self.kind.value}, v{self.key_version}, {self.value.hex()[:8]}…)"


def _token(key: SeenBeforeKey, kind: TokenKind, *fields: str, year_shift: int = 0) -> PersonToken:
    # Fields joined with a separator no field can hold (they are a-z, digits, "-" and " "), and
    # the kind first, so no two kinds can produce the same message.
    message = "\x1f".join((kind.value, *fields)).encode("utf-8")
    digest = hmac.new(key.secret, message, hashlib.sha256).digest()
    return PersonToken(kind, key.version, digest, year_shift)


@dataclass(frozen=True)
class _Reduced:
    given: str
    family: str
    nationality: str
    given_sound: str
    family_sound: str
    """Each part's ``sound_word``, worked out once for the tokens that use it."""

    @property
    def words(self) -> str:
        return " ".join(sorted((self.given, self.family)))

    @property
    def sounds(self) -> str:
        return " ".join(sorted((self.given_sound, self.family_sound)))


def _reduce(details: PersonDetails, today: date) -> _Reduced:
    if not EARLIEST_BIRTH_YEAR <= details.birth_year <= today.year:
        raise BirthYearImplausible(f"Birth year outside {EARLIEST_BIRTH_YEAR}–{today.year}.")
    if details.birth_date is not None and details.birth_date.year != details.birth_year:
        raise BirthYearImplausible("The date of birth and the year of birth disagree.")
    # Each part's words joined: "Ahmad Shah", "Ahmad-Shah" and "Ahmadshah" are one name.
    given = reduced_part(details.given_names)
    family = reduced_part(details.surname)
    if not given or not family:
        raise NameNotComparable("A given name and a surname with letters are both needed.")
    nationality = fold_letters(details.nationality)
    return _Reduced(given, family, nationality, sound_word(given), sound_word(family))


def person_tokens(
    details: PersonDetails, key: SeenBeforeKey, today: date
) -> tuple[PersonToken, ...]:
    """Every token to store and send for the person, under ``key``. Raises
    ``NameNotComparable`` when the given names or the surname has no letters left to compare,
    ``BirthYearImplausible`` when the year is before 1900, after ``today``, or not the date's."""
    return _tokens_of(details, _reduce(details, today), key)


def tokens_naming(
    details: PersonDetails, person_name: str, key: SeenBeforeKey, today: date
) -> tuple[PersonToken, ...]:
    """``person_tokens`` when the details name ``person_name`` (the case's own person, by
    ``names.parts_agree``), else (): the centre's check before it indexes a record (attacker
    8, B1), with each name reduced once for both. Raises as ``person_tokens`` does."""
    person = _reduce(details, today)
    if not parts_agree(person_name, person.given, person.family):
        return ()
    return _tokens_of(details, person, key)


def _tokens_of(
    details: PersonDetails, person: _Reduced, key: SeenBeforeKey
) -> tuple[PersonToken, ...]:
    year, nationality = str(details.birth_year), person.nationality
    tokens = []
    if details.birth_date is not None:
        tokens.append(
            _token(
                key, TokenKind.NAME_DATE, person.words, details.birth_date.isoformat(), nationality
            )
        )
    tokens.append(_token(key, TokenKind.NAME_YEAR, person.words, year, nationality))
    tokens.append(_token(key, TokenKind.SOUND_YEAR, person.sounds, year, nationality))
    for sound, other in ((person.given_sound, person.family), (person.family_sound, person.given)):
        tokens.append(
            _token(key, TokenKind.SURNAME_GIVEN_INITIAL, sound, other[0], year, nationality)
        )
    return tuple(tokens)


def lookup_tokens(
    details: PersonDetails, key: SeenBeforeKey, today: date
) -> tuple[PersonToken, ...]:
    """``person_tokens``, and the whole-name tokens again at the year before and after: a year
    of birth is often an estimate, and a person without papers may give another next time.
    A match only through a neighbouring year is never strong (see ``matcher``)."""
    person = _reduce(details, today)
    shifted = []
    for shift in (-1, 1):
        year = str(details.birth_year + shift)
        for kind, name in (
            (TokenKind.NAME_YEAR, person.words),
            (TokenKind.SOUND_YEAR, person.sounds),
        ):
            shifted.append(_token(key, kind, name, year, person.nationality, year_shift=shift))
    return person_tokens(details, key, today) + tuple(shifted)
