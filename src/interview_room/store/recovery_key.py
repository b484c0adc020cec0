"""The station's one-time recovery key: 256 random bits, printed once for the safe."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from interview_room.errors import InterviewRoomError

RECOVERY_KEY_BYTES = 32
_GROUP = 4


class RecoveryKeyMalformed(InterviewRoomError):
    """The typed recovery key has the wrong length or characters that cannot appear in one."""


@dataclass(frozen=True)
class RecoveryKey:
    """The secret that opens the recovery slot; shown in groups of four for copying by hand."""

    secret: bytes

    def __repr__(self) -> str:  # never print the secret by accident
        return "RecoveryKey(<hidden>)"

    @classmethod
    def generate(cls) -> RecoveryKey:
        return cls(secrets.token_bytes(RECOVERY_KEY_BYTES))

    def formatted(self) -> str:
        """Base32 without padding, in dash-separated groups of four (13 groups)."""
        text = base64.b32encode(self.secret).decode("ascii").rstrip("=")
        return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))

    @classmethod
    def parse(cls, typed: str) -> RecoveryKey:
        """Read a recovery key as a person types it: any case, with or without dashes and spaces.

        Digits that Base32 never uses but a hand copy may show (0, 1, 8) are read as the letters
        they resemble (O, I, B).
        """
        cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\n")
        cleaned = cleaned.translate(str.maketrans("018", "OIB"))
        expected = len(base64.b32encode(bytes(RECOVERY_KEY_BYTES)).rstrip(b"="))
        if len(cleaned) != expected:
            raise RecoveryKeyMalformed(
                f"A recovery key has {expected} characters; {len(cleaned)} were given."
            )
        padded = cleaned + "=" * (-len(cleaned) % 8)
        try:
            secret = base64.b32decode(padded)
        except ValueError as exc:
            raise RecoveryKeyMalformed(
                "The recovery key contains characters it cannot hold."
            ) from exc
        return cls(secret)
