"""The recovery key as people copy it by hand: forgiving to read, strict about length."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_room.store.recovery_key import (
    RECOVERY_KEY_BYTES,
    RecoveryKey,
    RecoveryKeyMalformed,
)

FIXED = RecoveryKey(bytes(range(RECOVERY_KEY_BYTES)))
secrets_32 = st.binary(min_size=RECOVERY_KEY_BYTES, max_size=RECOVERY_KEY_BYTES)


def test_formatted_is_thirteen_groups_of_four() -> None:
    text = FIXED.formatted()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){12}", text)


def test_format_parse_round_trip() -> None:
    assert RecoveryKey.parse(FIXED.formatted()) == FIXED


def test_generated_keys_differ_and_hide_their_secret() -> None:
    first, second = RecoveryKey.generate(), RecoveryKey.generate()
    assert first != second
    assert len(first.secret) == RECOVERY_KEY_BYTES
    assert first.formatted() not in repr(first)
    assert first.secret.hex() not in repr(first)


@pytest.mark.parametrize(
    "retype",
    [
        str.lower,
        lambda text: text.replace("-", ""),
        lambda text: text.replace("-", " "),
        lambda text: "  " + text.replace("-", " - ") + "\n",
        lambda text: "\t".join(text.split("-")),
    ],
    ids=["lowercase", "no-dashes", "spaces", "padded", "tabs"],
)
def test_parse_tolerates_how_people_type(retype: Callable[[str], str]) -> None:
    assert RecoveryKey.parse(retype(FIXED.formatted())) == FIXED


def test_parse_maps_easily_confused_characters() -> None:
    # A key whose Base32 text holds O, I and B, so each can be mistyped as 0, 1 and 8.
    key = RecoveryKey(base64.b32decode("OIB" * 16 + "OIBA" + "===="))
    text = key.formatted()
    assert {"O", "I", "B"} <= set(text)

    confused = text.replace("O", "0").replace("I", "1").replace("B", "8")
    assert RecoveryKey.parse(confused) == key
    assert RecoveryKey.parse(confused.lower()) == key


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ABCD-EFGH",
        FIXED.formatted()[:-1],  # one character short
        FIXED.formatted() + "A",  # one character too many
        FIXED.formatted() + "-ABCD",  # a whole extra group
    ],
    ids=["empty", "two-groups", "short-by-one", "long-by-one", "extra-group"],
)
def test_malformed_length_is_refused(typed: str) -> None:
    with pytest.raises(RecoveryKeyMalformed):
        RecoveryKey.parse(typed)


@pytest.mark.parametrize("bad", ["9", "!", "é", "="])
def test_characters_outside_the_alphabet_are_refused(bad: str) -> None:
    text = FIXED.formatted().replace("-", "")
    with pytest.raises(RecoveryKeyMalformed):
        RecoveryKey.parse(bad + text[1:])


@given(secrets_32)
def test_property_round_trip(secret: bytes) -> None:
    key = RecoveryKey(secret)
    assert RecoveryKey.parse(key.formatted()) == key


@given(secrets_32, st.data())
def test_property_round_trip_as_typed(secret: bytes, data: st.DataObject) -> None:
    key = RecoveryKey(secret)
    separators = st.sampled_from(["", "-", " ", " - ", "  "])
    groups = key.formatted().split("-")
    typed = groups[0]
    for group in groups[1:]:
        typed += data.draw(separators) + group
    typed = typed.translate(str.maketrans("OIB", "018"))
    if data.draw(st.booleans()):
        typed = typed.lower()
    assert RecoveryKey.parse(typed) == key


@given(st.text(max_size=80))
def test_property_parse_refuses_or_returns_a_full_key(typed: str) -> None:
    try:
        key = RecoveryKey.parse(typed)
    except RecoveryKeyMalformed:
        return
    assert len(key.secret) == RECOVERY_KEY_BYTES
