"""Attacker 8 (docs/reviews/attacker-8.md), "hidden changes in --changes": a package that takes
a revocation back (or pushes one out under the cap) while adding another showed only "1
revoked". Now what a package no longer holds is shown too: serials no longer revoked, protocol
versions removed. Synthetic serials."""

from __future__ import annotations

from interview_room.sync.centre_package_changes import (
    HeldState,
    ProtocolState,
    changes_between,
    changes_text,
)

SCREENING = ProtocolState("screening", "2.3.0", "a" * 64)


def _state(
    number: int, serials: tuple[str, ...], protocols: tuple[ProtocolState, ...]
) -> HeldState:
    return HeldState(
        number, "2026-12-07T10:00:00+00:00", None, (), protocols, (("HAN", serials),),
        len(serials), 0, 0,
    )  # fmt: skip


def test_a8_a_revocation_taken_back_is_shown_beside_the_one_added() -> None:
    before = _state(4, ("0a", "0b"), (SCREENING,))
    after = _state(5, ("0a", "0c"), ())
    changes = changes_between(before, after)
    assert changes.revoked_serials == (("HAN", ("0c",)),)
    assert changes.unrevoked_serials == (("HAN", ("0b",)),)
    assert changes.user_certificates_revoked == 0  # the net count hides both
    assert changes.protocols_removed == (SCREENING,)
    text = changes_text(changes)
    assert "  No longer revoked, HAN: 0b" in text
    assert "  Protocol removed: screening 2.3.0" in text
    assert changes.as_json()["revocations"]["no_longer_revoked_by_station"] == [
        {"station": "HAN", "serials": ["0b"]}
    ]
