"""pyrage has one exception type per operation, not per cause: the bundle reader tells a bundle
for another centre from a damaged one by the message text (rage's NoMatchingKeys). These tests
pin that text and what each pyrage failure becomes, so a pyrage upgrade that rewords or retypes
its errors fails here, by name, instead of turning "not for us" into "damaged" unnoticed."""

from __future__ import annotations

import io
from collections.abc import Callable

import pyrage
import pytest
from pyrage import passphrase, x25519

from interview_room.sync import (
    BundleDamaged,
    BundleNotForUs,
    RecipientInvalid,
    read_bundle,
    write_bundle,
)
from interview_room.sync.bundle_reader import _NO_MATCHING_KEYS
from tests.sync.test_bundle import Keys, synthetic_bundle


@pytest.fixture
def keys() -> Keys:
    return Keys.generate()


@pytest.fixture
def sealed() -> tuple[bytes, x25519.Identity]:
    owner = x25519.Identity.generate()
    return bytes(pyrage.encrypt(b"synthetic payload " * 200, [owner.to_public()])), owner


def test_a_file_for_another_key_says_no_matching_keys(
    sealed: tuple[bytes, x25519.Identity],
) -> None:
    data, _ = sealed
    stranger = x25519.Identity.generate()
    attempts: list[Callable[[], object]] = [
        lambda: pyrage.decrypt(data, [stranger]),
        lambda: pyrage.decrypt_io(io.BytesIO(data), io.BytesIO(), [stranger]),
    ]
    for attempt in attempts:
        with pytest.raises(pyrage.DecryptError) as caught:
            attempt()
        assert _NO_MATCHING_KEYS in str(caught.value)


@pytest.mark.parametrize("damage", ["garbled", "truncated", "not age"])
def test_a_damaged_file_raises_decrypt_error_without_that_text(
    sealed: tuple[bytes, x25519.Identity], damage: str
) -> None:
    data, owner = sealed
    broken = {
        "garbled": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
        "truncated": data[:-20],
        "not age": b"synthetic text, not an age file",
    }[damage]
    with pytest.raises(pyrage.DecryptError) as caught:
        pyrage.decrypt(broken, [owner])
    assert _NO_MATCHING_KEYS not in str(caught.value)


def test_the_reader_classifies_by_that_text(keys: Keys) -> None:
    data = write_bundle(
        synthetic_bundle(),
        station_key=keys.station,
        recipient=str(x25519.Identity.generate().to_public()),
    )
    with pytest.raises(BundleNotForUs):
        read_bundle(data, identity=keys.identity, station_keys=keys.station_keys())
    mine = write_bundle(synthetic_bundle(), station_key=keys.station, recipient=keys.recipient)
    garbled = mine[:-5] + bytes([mine[-5] ^ 1]) + mine[-4:]
    with pytest.raises(BundleDamaged):
        read_bundle(garbled, identity=keys.identity, station_keys=keys.station_keys())


def test_a_wrong_passphrase_and_a_bad_recipient_raise_pyrage_types(keys: Keys) -> None:
    """The enrollment package (passphrase) and the centre's key (recipient) are caught by
    type: DecryptError and RecipientError must stay what pyrage raises."""
    package = passphrase.encrypt(b"synthetic package", "RIGHT-PASSPHRASE")
    with pytest.raises(pyrage.DecryptError):
        passphrase.decrypt(package, "WRONG-PASSPHRASE")
    with pytest.raises(pyrage.RecipientError):
        x25519.Recipient.from_str("age1nope")
    with pytest.raises(RecipientInvalid):
        write_bundle(synthetic_bundle(), station_key=keys.station, recipient="age1nope")
