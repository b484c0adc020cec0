"""Station settings inside the encrypted store."""

from __future__ import annotations

import pytest

from interview_room.settings import (
    DEFAULT_IDLE_LOCK_MINUTES,
    InvalidSetting,
    read_settings,
    write_idle_lock_minutes,
)
from tests.conftest import OpenStore, WorkstationFactory


def test_default_then_written_value(store: OpenStore) -> None:
    assert read_settings(store.db).idle_lock_minutes == DEFAULT_IDLE_LOCK_MINUTES
    with store.db.transaction():
        write_idle_lock_minutes(store.db, 1)
        write_idle_lock_minutes(store.db, 60)
    assert read_settings(store.db).idle_lock_minutes == 60


@pytest.mark.parametrize("minutes", [0, -5, 61, 1000])
def test_out_of_range_is_refused(store: OpenStore, minutes: int) -> None:
    with pytest.raises(InvalidSetting):
        write_idle_lock_minutes(store.db, minutes)
    assert read_settings(store.db).idle_lock_minutes == DEFAULT_IDLE_LOCK_MINUTES


def test_retention_is_set_by_an_administrator_within_bounds(
    workstation: WorkstationFactory,
) -> None:
    session = workstation().session
    assert session.settings().retention_days == 30
    session.set_retention_days(45)
    assert session.settings().retention_days == 45
    with pytest.raises(InvalidSetting):
        session.set_retention_days(0)
    events = [e.detail for e in session.audit.entries() if e.event == "settings_changed"]
    assert '{"retention_days":45}' in events


def test_the_duty_telephone_is_set_by_an_administrator_and_checked(
    workstation: WorkstationFactory,
) -> None:
    """Seventh practitioner's review, finding 4: printed on every referral form."""
    session = workstation().session
    assert session.settings().duty_phone == ""
    session.set_duty_phone("  +355 69  000 0000 ")
    assert session.settings().duty_phone == "+355 69 000 0000"
    for wrong in ("call me", "12", "+355 69 000 0000 ext. 5"):
        with pytest.raises(InvalidSetting):
            session.set_duty_phone(wrong)
    assert session.settings().duty_phone == "+355 69 000 0000"
    session.set_duty_phone("")
    assert session.settings().duty_phone == ""
