"""Typed refusals of the sync format: bundles a station sends and receipts the centre returns.

Each message is one plain English sentence. Messages may name a station id, a sequence number
or a record's position in the bundle; they never quote record content.
"""

from __future__ import annotations

from interview_room.errors import InterviewRoomError


class SyncError(InterviewRoomError):
    """Base class of every refusal of the sync format (bundles and receipts)."""


class BundleError(SyncError):
    """Base class of every refusal to write or read a bundle."""


class BundleInvalid(BundleError):
    """The values cannot make a bundle (bad id, counter, timestamp, duplicate, over a limit)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The bundle is invalid because {reason}.")
        self.reason = reason


class RecipientInvalid(BundleError):
    """The recipient given to the writer is not an age X25519 public key ("age1…")."""


class BundleNotForUs(BundleError):
    """No recipient stanza in the age header opens with our identity.

    Either the bundle was encrypted to another centre key, or that stanza was damaged: the two
    cannot be told apart, by design of age.
    """


class BundleDamaged(BundleError):
    """Not an age file, truncated, garbled, over a size limit, or inconsistent with its manifest."""


class UnknownStation(BundleError):
    """The manifest names a station whose public key the centre does not have."""


class StationRevoked(BundleError):
    """The manifest names a station that has been revoked."""


class BundleSignatureInvalid(BundleError):
    """The manifest's signature does not verify with the named station's key."""


class ReceiptInvalid(SyncError):
    """A receipt cannot be made, or read: damaged, badly signed, or for another station."""
