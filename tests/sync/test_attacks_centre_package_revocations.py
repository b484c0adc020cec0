"""Attacker 4 (docs/reviews/attacker-4.md), area 1: the revocations the centre's package carries.

Each test reproduces an attack and fails while the hole is open. Two real stations (SQLCipher
stores, real keys) enrolled by a real centre, a real doubly signed referral; nothing mocked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.center.certificates import check_referral_at_center
from interview_room.center.store import CenterStore
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification import ProblemKind, ReferralCheck
from interview_room.sync.centre_revocations import HeldRevocationsUnreadable, held_revocations
from interview_room.workstation import Session, Workstation
from tests.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    CreatedStation,
    FixedClock,
    WorkstationFactory,
    new_station,
)
from tests.sync.test_centre_package_revocations import (
    OFFICER,
    WORKER,
    _enrolled,
    _revoked_fields,
    _signed_referral,
    _trip,
)


def _first_trips(
    workstation: WorkstationFactory, tmp_path: Path
) -> tuple[CenterStore, CreatedStation, CreatedStation, Session, bytes, Path, Path]:
    """Morinë (a referral signed by its officer and social worker, its administrator signed
    in) and Han i Hotit, both enrolled, each having made one trip to the centre."""
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    morine = workstation(name="morine", code="MOR")
    morine.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    morine.session.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    _enrolled(center, morine, "Morinë", "MOR")
    hani = workstation(name="hani", code="HAN")
    _enrolled(center, hani, "Han i Hotit", "HAN")
    morine.session.logout()
    pdf = _signed_referral(morine)
    admin = morine.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    han_stick, morine_stick = tmp_path / "han-stick", tmp_path / "morine-stick"
    _trip(admin, center, morine_stick)
    _trip(hani.session, center, han_stick)
    return center, morine, hani, admin, pdf, han_stick, morine_stick


def _two_stations(
    workstation: WorkstationFactory, tmp_path: Path
) -> tuple[CenterStore, CreatedStation, Session, bytes, Path, Path]:
    """:func:`_first_trips`, the referral valid at Han i Hotit; then Morinë disables its
    social worker and both make another trip: Han i Hotit holds her revocation."""
    center, _, hani, admin, pdf, han_stick, morine_stick = _first_trips(workstation, tmp_path)
    assert Referrals(hani.session).verify(pdf).valid
    admin.disable_user(WORKER[0])
    _trip(admin, center, morine_stick)
    _trip(hani.session, center, han_stick)
    assert _revoked_fields(Referrals(hani.session).verify(pdf)) == {"social_worker"}
    return center, hani, admin, pdf, han_stick, morine_stick


@pytest.fixture(scope="module")
def two_stations_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`_two_stations` made once for the module, everyone signed out; each test gets a
    copy (:func:`two_stations`), so each still starts from the same real stores and keys."""
    root = tmp_path_factory.mktemp("two-stations")
    _, hani, admin, pdf, _, _ = _two_stations(
        lambda name, code: new_station(root / name, code), root
    )
    admin.logout()
    hani.session.logout()
    (root / "referral.pdf").write_bytes(pdf)
    return root


@pytest.fixture
def two_stations(
    two_stations_built: Path, tmp_path: Path
) -> Iterator[tuple[CenterStore, Session, Session, bytes, Path, Path]]:
    """A copy of the module's two stations: the centre, Han i Hotit's and Morinë's
    administrators signed in, the referral, Han i Hotit's and Morinë's sticks."""
    root = Path(shutil.copytree(two_stations_built, tmp_path / "two-stations"))
    hani = Workstation(root / "hani", clock=FixedClock()).unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin = Workstation(root / "morine", clock=FixedClock()).unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    pdf = (root / "referral.pdf").read_bytes()
    yield CenterStore(root / "center"), hani, admin, pdf, root / "han-stick", root / "morine-stick"
    for session in (hani, admin):
        if session.is_open:
            session.logout()


def _unchecked(check: ReferralCheck) -> bool:
    return any(p.kind is ProblemKind.REVOCATIONS_UNCHECKED for p in check.problems)


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE settings SET value = 'x' WHERE key = 'centre_revocations'",
        "DELETE FROM settings WHERE key = 'centre_revocations'",
        'UPDATE settings SET value = \'{"lists": [], "certificates": []}\''
        " WHERE key = 'centre_revocations'",
    ],
    ids=["garbage", "deleted", "emptied"],
)
def test_held_revocations_do_not_fail_open(
    two_stations: tuple[CenterStore, Session, Session, bytes, Path, Path], tampering: str
) -> None:
    """A Han i Hotit user (holds the database key with their own password) overwrites, deletes
    or empties the held revocations: the colleague disabled at Morinë must not sign validly
    again; the check says it cannot check revocations until the next package rebuilds them."""
    center, hani, admin, pdf, han_stick, morine_stick = two_stations
    assert _revoked_fields(Referrals(hani).verify(pdf)) == {"social_worker"}, "as built"
    with hani.db.transaction():
        hani.db.execute(tampering)
    with pytest.raises(HeldRevocationsUnreadable):
        held_revocations(hani.db)
    check = Referrals(hani).verify(pdf)
    assert not check.valid, "the disabled colleague signs validly again"
    assert _unchecked(check)
    # The centre's next (newer) package rebuilds every station's revocations.
    admin.disable_user(OFFICER[0])
    _trip(admin, center, morine_stick)
    _trip(hani, center, han_stick)
    again = Referrals(hani).verify(pdf)
    assert not _unchecked(again)
    assert _revoked_fields(again) == {"officer", "social_worker"}


def test_a_stolen_station_does_not_void_forms_it_sent_before_at_other_stations(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The centre revokes Morinë (PC stolen); it still vouches for a referral whose hash
    Morinë sent before the theft, so Han i Hotit must accept that same form too."""
    center, morine, hani, admin, pdf, han_stick, _ = _first_trips(workstation, tmp_path)
    assert check_referral_at_center(center, pdf).valid
    db = center.open()
    try:
        row = db.one("SELECT station_id FROM stations WHERE code = 'MOR'")
    finally:
        db.close()
    assert row is not None
    (station_id,) = row
    center.revoke_station(str(station_id))
    at_centre = check_referral_at_center(center, pdf)
    _trip(hani.session, center, han_stick)
    at_hani = Referrals(hani.session).verify(pdf)
    assert at_centre.valid, "the centre vouches for a form sent before the theft"
    assert at_hani.valid, (
        "a form the centre still vouches for is refused at Han i Hotit: "
        f"{_revoked_fields(at_hani)} revoked"
    )
    # A form signed with the stolen station's keys after the theft is refused everywhere.
    admin.logout()
    later = _signed_referral(morine)
    assert not check_referral_at_center(center, later).valid
    assert _revoked_fields(Referrals(hani.session).verify(later)) == {"officer", "social_worker"}
