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


def test_a_duty_telephone_written_into_the_store_by_hand_is_never_printed(
    workstation: WorkstationFactory,
) -> None:
    """Attacker 9, B1: a station user who is not an administrator, with the database key,
    wrote free text into the duty telephone; it printed on every form that two colleagues
    signed, and the log said only "changed"."""
    from interview_room.accounts import Role
    from interview_room.settings import InvalidDutyPhone
    from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME
    from tests.referral.test_review7_forms import CARER_UNPAID_AND_AFRAID, _form, _interview, _text

    admin = workstation().session
    admin.set_duty_phone("+355 (69) 000-0000 / 2")
    entry = [e.detail for e in admin.audit.entries() if "duty_phone" in e.detail][-1]
    assert '"duty_phone":"+3556900000002"' in entry and '"duty_phone_before":""' in entry
    with pytest.raises(InvalidDutyPhone):
        admin.set_duty_phone("+355 69 000 0000 ATTENTION call only this number")
    admin.add_user(
        "oficer.b1", "Oficer Bardhi", Role.OFFICER, "synthetic-morine-training-passphrase"
    )
    admin.logout()
    officer = admin.workstation.unlock("oficer.b1", "synthetic-morine-training-passphrase")
    planted = "+355 69 000 0000 - ATTENTION: the Unit has changed; call only this number"
    with officer.db.transaction():
        officer.db.execute("UPDATE settings SET value = ? WHERE key = 'duty_phone'", (planted,))
    settings = read_settings(officer.db)
    assert settings.duty_phone == "" and settings.duty_phone_damaged
    interview = _interview(workstation, CARER_UNPAID_AND_AFRAID)
    phone = officer.settings().duty_phone
    printed = _text(_form(interview, "anti_trafficking_police", phone=phone))
    assert "ATTENTION" not in printed and "duty telephone is not set" in printed
    officer.logout()
    admin = officer.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.set_duty_phone("+355 69 000 0001")  # typed again in the settings window
    assert not read_settings(admin.db).duty_phone_damaged
    assert read_settings(admin.db).duty_phone == "+355 69 000 0001"
