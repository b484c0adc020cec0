"""Tokens: keyed, order-free, refusing what cannot be compared, never showing the name."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_room.error_sentences import error_sentence
from interview_room.seen_before import (
    BirthYearImplausible,
    NameNotComparable,
    PersonDetails,
    SeenBeforeKey,
    SeenBeforeKeyInvalid,
    TokenKind,
    lookup_tokens,
    person_tokens,
)

TODAY = date(2026, 12, 7)
KEY = SeenBeforeKey(1, b"synthetic-seen-before-key-one-32b")
OTHER_KEY = SeenBeforeKey(2, b"synthetic-seen-before-key-two-32b")
PERSON = PersonDetails("Mohammed", "Al-Hassan", "syria", 1990, date(1990, 4, 2))


def values(details: PersonDetails, key: SeenBeforeKey = KEY) -> set[bytes]:
    return {token.value for token in person_tokens(details, key, TODAY)}


def test_every_kind_of_token_is_made_and_each_is_a_full_hmac() -> None:
    tokens = person_tokens(PERSON, KEY, TODAY)
    assert [t.kind for t in tokens] == [
        TokenKind.NAME_DATE,
        TokenKind.NAME_YEAR,
        TokenKind.SOUND_YEAR,
        TokenKind.SURNAME_GIVEN_INITIAL,
        TokenKind.SURNAME_GIVEN_INITIAL,
    ]
    assert all(len(t.value) == 32 and t.key_version == 1 for t in tokens)
    assert len({t.value for t in tokens}) == len(tokens)


def test_another_key_changes_every_token() -> None:
    assert values(PERSON).isdisjoint(values(PERSON, OTHER_KEY))
    same_version_other_secret = SeenBeforeKey(1, b"synthetic-seen-before-key-three-3")
    assert values(PERSON).isdisjoint(values(PERSON, same_version_other_secret))


def test_tokens_are_the_same_for_the_same_person_written_another_way() -> None:
    rewritten = PersonDetails("HASAN", "Muhammad", "Syria", 1990, date(1990, 4, 2))
    assert values(rewritten) == values(PERSON)


def test_a_record_with_only_the_year_shares_every_token_but_the_dated_one() -> None:
    year_only = PersonDetails("Mohamed", "Hassan", "syria", 1990)
    assert values(PERSON) - values(year_only) == {person_tokens(PERSON, KEY, TODAY)[0].value}


def test_nationality_and_year_are_part_of_every_token() -> None:
    assert values(PERSON).isdisjoint(values(PersonDetails("Mohammed", "Al-Hassan", "iraq", 1990)))
    assert values(PERSON).isdisjoint(values(PersonDetails("Mohammed", "Al-Hassan", "syria", 1991)))


def test_lookup_tokens_add_the_neighbouring_years_only_for_the_whole_name() -> None:
    extra = lookup_tokens(PERSON, KEY, TODAY)[len(person_tokens(PERSON, KEY, TODAY)) :]
    assert sorted((t.kind.value, t.year_shift) for t in extra) == sorted(
        (kind.value, shift)
        for kind in (TokenKind.NAME_YEAR, TokenKind.SOUND_YEAR)
        for shift in (-1, 1)
    )
    a_year_later = PersonDetails("Mohammed", "Al-Hassan", "syria", 1991)
    assert {t.value for t in extra} & values(a_year_later)


@pytest.mark.parametrize(
    "details",
    [
        PersonDetails("Mohammed", "", "syria", 1990),
        PersonDetails("— · 123", "Al-Hassan", "syria", 1990),
    ],
)
def test_a_name_without_letters_is_refused(details: PersonDetails) -> None:
    with pytest.raises(NameNotComparable):
        person_tokens(details, KEY, TODAY)


@pytest.mark.parametrize(
    "details",
    [
        PersonDetails("Mohammed", "Hassan", "syria", 1850),
        PersonDetails("Mohammed", "Hassan", "syria", 2027),
        PersonDetails("Mohammed", "Hassan", "syria", 1990, date(1989, 4, 2)),
    ],
)
def test_an_impossible_birth_is_refused(details: PersonDetails) -> None:
    with pytest.raises(BirthYearImplausible):
        person_tokens(details, KEY, TODAY)


@pytest.mark.parametrize(("version", "secret"), [(1, b"short"), (0, bytes(32))])
def test_an_unusable_key_is_refused(version: int, secret: bytes) -> None:
    with pytest.raises(SeenBeforeKeyInvalid):
        SeenBeforeKey(version, secret)


def test_neither_the_key_nor_the_person_shows_in_a_repr() -> None:
    shown = repr(KEY) + repr(PERSON) + repr(person_tokens(PERSON, KEY, TODAY))
    assert "synthetic-seen" not in shown
    assert "hassan" not in shown.casefold() and "mohammed" not in shown.casefold()


def test_each_refusal_has_its_own_albanian_and_english_sentence() -> None:
    errors = (NameNotComparable("x"), BirthYearImplausible("x"), SeenBeforeKeyInvalid("x"))
    fallback = {error_sentence(RuntimeError("x"), language) for language in ("sq", "en")}
    sentences = {error_sentence(error, language) for error in errors for language in ("sq", "en")}
    assert len(sentences) == 6 and sentences.isdisjoint(fallback)


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzëçšđжшАБ -'", min_size=1, max_size=20),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzëçšđжшАБ -'", min_size=1, max_size=20),
)
def test_swapping_the_parts_or_the_case_never_changes_a_token(
    given_names: str, surname: str
) -> None:
    details = PersonDetails(given_names, surname, "kosovo", 1990)
    try:
        tokens = values(details)
    except NameNotComparable:
        return
    assert values(PersonDetails(surname.upper(), given_names.upper(), "KOSOVO", 1990)) == tokens
