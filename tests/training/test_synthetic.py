"""Synthetic people: distinct, repeatable, and plainly fictitious."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from interview_room.training.synthetic import (
    FICTITIOUS_FAMILY_NAMES,
    GIVEN_NAMES,
    synthetic_names,
)


def test_same_seed_same_names() -> None:
    assert synthetic_names(12) == synthetic_names(12)
    assert synthetic_names(12, seed=1) != synthetic_names(12, seed=2)


@given(st.integers(min_value=0, max_value=2 * len(GIVEN_NAMES) * len(FICTITIOUS_FAMILY_NAMES)))
def test_names_are_distinct_and_fictitious(count: int) -> None:
    names = synthetic_names(count)
    assert len(names) == count
    assert len(set(names)) == count
    for name in names:
        given_name, family = name.split()[:2]
        assert given_name in GIVEN_NAMES
        assert family in FICTITIOUS_FAMILY_NAMES
