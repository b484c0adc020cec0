"""The synthetic name set is large, varied and the same on every run."""

from __future__ import annotations

from collections import Counter

from interview_room.training.seen_before_names import ORIGINS, synthetic_people


def test_the_same_seed_gives_the_same_people() -> None:
    assert synthetic_people(200, seed=7) == synthetic_people(200, seed=7)
    assert synthetic_people(200, seed=7) != synthetic_people(200, seed=8)


def test_the_benchmark_set_holds_over_10000_variants_of_every_origin_and_kind_of_change() -> None:
    people = synthetic_people(6_000, later_per_person=2)
    records = [record for person in people for record in person.later]
    assert len(records) >= 10_000
    assert {person.origin for person in people} == {origin.name for origin in ORIGINS}
    changes = Counter(change for record in records for change in record.changes)
    expected = {"romanisation", "no diacritics", "cyrillic", "hyphen", "capitals", "typo",
                "swapped", "year only", "year off by one", "same"}  # fmt: skip
    assert expected <= set(changes)
    assert all(changes[change] >= 100 for change in expected)
    assert sum(person.relative_of is not None for person in people) > 600
