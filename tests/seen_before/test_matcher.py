"""The matcher finds the person written another way, holds back on near names, and returns
nothing about the person but the earlier interview's summary."""

from __future__ import annotations

import dataclasses
from datetime import date

from interview_room.seen_before import (
    EarlierInterview,
    MatchStrength,
    PersonDetails,
    SeenBeforeIndex,
    SeenBeforeKey,
    SeenBeforeMatch,
    lookup_tokens,
    person_tokens,
)
from interview_room.training.seen_before_names import synthetic_people

TODAY = date(2026, 12, 7)
KEY = SeenBeforeKey(1, b"synthetic-seen-before-key-one-32b")
EARLIER = PersonDetails("Mohammed", "Al-Hassan", "syria", 1990, date(1990, 4, 2))
AT_HAN = EarlierInterview(
    "HAN-2026-0042", "Han i Hotit", date(2026, 10, 3), "potential_victim", ("shelter",)
)
COUSIN = PersonDetails("Amir", "Al-Hassan", "syria", 1990)
AT_MOR = EarlierInterview("MOR-2026-0007", "Morinë", date(2026, 11, 20), "indicators_not_met", ())


def index_of(
    *people: tuple[PersonDetails, EarlierInterview], key: SeenBeforeKey = KEY
) -> SeenBeforeIndex:
    return SeenBeforeIndex.from_entries(
        key.version,
        (
            (token.value, earlier)
            for details, earlier in people
            for token in person_tokens(details, key, TODAY)
        ),
    )


def look_up(
    index: SeenBeforeIndex, details: PersonDetails, key: SeenBeforeKey = KEY
) -> dict[str, MatchStrength]:
    return {
        m.earlier.case_code: m.strength for m in index.matches(lookup_tokens(details, key, TODAY))
    }


def test_the_same_person_written_another_way_is_a_strong_match() -> None:
    index = index_of((EARLIER, AT_HAN), (COUSIN, AT_MOR))
    later = PersonDetails("HASAN", "MUHAMMAD", "syria", 1990)  # capitals, swapped, no date
    assert look_up(index, later) == {"HAN-2026-0042": MatchStrength.STRONG}
    in_cyrillic = PersonDetails("Мохамед", "ал-Хасан", "syria", 1990, date(1990, 4, 2))
    assert look_up(index, in_cyrillic)["HAN-2026-0042"] is MatchStrength.STRONG


def test_a_typing_slip_or_a_guessed_year_still_finds_the_person_but_not_as_strong() -> None:
    index = index_of((EARLIER, AT_HAN))
    slipped = PersonDetails("Mohammed", "Al-Hadsan", "syria", 1990)  # a neighbouring key
    assert look_up(index, slipped) == {"HAN-2026-0042": MatchStrength.POSSIBLE}
    repeated = PersonDetails("Mohammed", "Al-Hasasn", "syria", 1990)
    assert look_up(index, repeated) == {"HAN-2026-0042": MatchStrength.LIKELY}
    vowel_slip = PersonDetails("Mohammed", "Al-Hussan", "syria", 1990)
    assert look_up(index, vowel_slip) == {"HAN-2026-0042": MatchStrength.LIKELY}
    a_year_later = PersonDetails("Mohamed", "Hassan", "syria", 1991)
    assert look_up(index, a_year_later) == {"HAN-2026-0042": MatchStrength.LIKELY}


def test_a_different_person_with_the_same_surname_and_year_is_never_strong() -> None:
    index = index_of((EARLIER, AT_HAN))
    for given in ("Omar", "Amir", "Ahmad", "Mahmoud", "Mustafa", "Aisha", "Muhannad"):
        found = look_up(index, PersonDetails(given, "Al-Hassan", "syria", 1990, date(1990, 4, 2)))
        assert found.get("HAN-2026-0042", MatchStrength.POSSIBLE) < MatchStrength.STRONG, given


def test_another_nationality_or_another_key_meets_nothing() -> None:
    index = index_of((EARLIER, AT_HAN))
    assert look_up(index, PersonDetails("Mohammed", "Al-Hassan", "iraq", 1990)) == {}
    other_key = SeenBeforeKey(2, b"synthetic-seen-before-key-two-32b")
    assert look_up(index, EARLIER, other_key) == {}
    same_version_other_secret = SeenBeforeKey(1, b"synthetic-seen-before-key-three-3")
    assert look_up(index, EARLIER, same_version_other_secret) == {}


def test_matches_come_surest_first() -> None:
    brother = PersonDetails("Mustafa", "Al-Hassan", "syria", 1990)  # the same initial
    index = index_of((brother, AT_MOR), (EARLIER, AT_HAN))
    found = index.matches(lookup_tokens(EARLIER, KEY, TODAY))
    assert [m.earlier.case_code for m in found] == ["HAN-2026-0042", "MOR-2026-0007"]
    assert found[0].strength is MatchStrength.STRONG and found[1].strength < MatchStrength.STRONG
    assert (
        index.matches(lookup_tokens(EARLIER, KEY, TODAY), at_least=MatchStrength.STRONG)
        == found[:1]
    )


def _every_value(match: SeenBeforeMatch) -> list[object]:
    values: list[object] = []
    pending: list[object] = [match]
    while pending:
        item = pending.pop()
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            pending.extend(getattr(item, field.name) for field in dataclasses.fields(item))
        elif isinstance(item, (tuple, frozenset, set, list)):
            pending.extend(item)
        else:
            values.append(item)
    return values


def test_nothing_the_matcher_returns_carries_the_name_or_a_token() -> None:
    index = index_of((EARLIER, AT_HAN), (COUSIN, AT_MOR))
    tokens = lookup_tokens(EARLIER, KEY, TODAY)
    found = index.matches(tokens)
    assert found
    returned = [value for match in found for value in _every_value(match)]
    assert not any(isinstance(value, (bytes, PersonDetails)) for value in returned)
    text = (repr(found) + " ".join(map(str, returned))).casefold()
    for word in ("mohammed", "muhamad", "hassan", "hasan", "amir", "1990"):
        assert word not in text
    assert not any(token.value.hex() in text for token in tokens)
    assert {field.name for field in dataclasses.fields(EarlierInterview)} == {
        "case_code", "station", "interviewed_on", "outcome", "recipients",
    }  # fmt: skip


def test_on_synthetic_people_most_are_found_and_only_namesakes_are_strong_falsely() -> None:
    people = synthetic_people(400, later_per_person=2, seed=3)
    codes = {
        p.person_id: EarlierInterview(f"SYN-{p.person_id}", "X", TODAY, "potential_victim", ())
        for p in people
    }
    index = index_of(*((p.earlier.details, codes[p.person_id]) for p in people))
    by_code = {codes[p.person_id].case_code: p for p in people}
    found = looked_up = 0
    for person in people:
        for record in person.later:
            looked_up += 1
            for match in index.matches(lookup_tokens(record.details, KEY, TODAY)):
                other = by_code[match.earlier.case_code]
                if other is person:
                    found += 1
                elif match.strength is MatchStrength.STRONG:
                    assert (other.family, other.given_choice) == (
                        person.family,
                        person.given_choice,
                    )
    assert found / looked_up > 0.9
