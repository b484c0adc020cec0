"""How long a username must wait after wrong passwords (online guessing is slowed, never free)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from interview_room.errors import InterviewRoomError

MAX_DELAY_SECONDS = 300


class UnlockThrottled(InterviewRoomError):
    """Too many wrong passwords for this username: the next attempt must wait."""

    def __init__(self, retry_after_seconds: float) -> None:
        self.retry_after_seconds = max(0.0, retry_after_seconds)
        super().__init__(
            f"Too many wrong passwords; try again in {int(self.retry_after_seconds + 0.999)} s."
        )


def delay_after(consecutive_failures: int) -> float:
    """Seconds to wait after ``consecutive_failures`` wrong passwords: 1, 2, 4 … up to 5 min."""
    if consecutive_failures <= 0:
        return 0.0
    return float(min(2 ** (consecutive_failures - 1), MAX_DELAY_SECONDS))


@dataclass(frozen=True)
class FailureCounter:
    """Consecutive wrong passwords for one username and when the last one happened."""

    count: int
    last_at: datetime

    def retry_after(self, now: datetime) -> float:
        """Seconds still to wait at ``now`` before another attempt is allowed (0 when free)."""
        ready_at = self.last_at + timedelta(seconds=delay_after(self.count))
        return max(0.0, (ready_at - now).total_seconds())
