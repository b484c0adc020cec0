"""Wrong passwords make the next attempt wait: 1 s, 2 s, 4 s … never more than 5 minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interview_room.store.throttle import (
    MAX_DELAY_SECONDS,
    FailureCounter,
    UnlockThrottled,
    delay_after,
)

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_no_failures_no_delay() -> None:
    assert delay_after(0) == 0.0
    assert delay_after(-1) == 0.0


def test_delay_doubles_from_one_second() -> None:
    assert [delay_after(n) for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 64, 128, 256]


def test_delay_is_capped_at_five_minutes() -> None:
    assert MAX_DELAY_SECONDS == 300
    assert delay_after(10) == 300
    assert delay_after(11) == 300
    assert delay_after(10_000) == 300  # no overflow however long someone keeps guessing


def test_delay_never_shrinks_as_failures_grow() -> None:
    delays = [delay_after(n) for n in range(0, 40)]
    assert delays == sorted(delays)


def test_counter_waits_then_frees() -> None:
    counter = FailureCounter(count=3, last_at=T0)

    assert counter.retry_after(T0) == 4.0
    assert counter.retry_after(T0 + timedelta(seconds=1.5)) == 2.5
    assert counter.retry_after(T0 + timedelta(seconds=4)) == 0.0
    assert counter.retry_after(T0 + timedelta(hours=1)) == 0.0


def test_throttled_error_rounds_its_wait_up() -> None:
    error = UnlockThrottled(1.2)
    assert error.retry_after_seconds == pytest.approx(1.2)
    assert "2 s" in str(error)
    assert UnlockThrottled(-3).retry_after_seconds == 0.0
