"""Attacks on the centre's register of issued certificates (``center check-referral``).

The register should stop an administrator who uses the station CA's key off the books: a
certificate no station reported issuing is refused at the centre. These tests try to pass
such a certificate for a registered one.
"""

from __future__ import annotations

from interview_room.center.certificates import check_referral_at_center
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification import ProblemKind, check_referral
from interview_room.store.authority import StationAuthority
from interview_room.store.certificates import StationCertificates
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME
from tests.referral.test_signing_authority import (
    OFFICER,
    WORKER,
    Network,
    _admin_preview,
    _forge,
    _problems,
    _signed_by_both,
    _subject,
    _sync,
    network,  # noqa: F401 - the fixture
    network_built,  # noqa: F401 - the fixture it copies
)


def test_an_off_the_books_certificate_reusing_a_registered_serial_is_refused_at_the_centre(
    network: Network,  # noqa: F811 - the fixture
) -> None:
    mor = network.mor
    officer_id = mor.officer.user.id
    mor.officer.logout()
    admin = mor.created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    certificates = StationCertificates(admin.db)
    genuine = certificates.current_for(officer_id)
    assert genuine is not None
    station_ca = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)._station_ca()
    # The administrator, as an officer, with the real officer's registered serial number.
    off_books = _forge(
        station_ca,
        _subject("Admin Shembulli", ADMIN_USERNAME, "officer", mor.code),
        serial=genuine.serial,
    )
    _interview, form = _admin_preview(admin, mor.referral_id)
    worker_keys = mor.created.workstation.confirm_password(*WORKER)
    worker_key = certificates.signing_key(mor.worker.id, worker_keys.personal_key)
    pdf = _signed_by_both(form, off_books, worker_key, certificates.chain())
    admin.logout()
    _sync(network.center, mor.created)
    assert check_referral(pdf, [network.root]).valid, "no register: the station cannot tell"
    at_center = check_referral_at_center(network.center, pdf)
    assert ProblemKind.NOT_ISSUED in _problems(at_center, "officer")
    assert not at_center.valid


def _new_referral(desk_session: Session, worker: tuple[str, str]) -> bytes:
    """Another case interviewed and referred at the station, both signatures by their owners."""
    result = run_scenario(
        desk_session,
        ProtocolLibrary().current(),
        ScenarioPath.ADULT_POSITIVE,
        "Drita",
        1,
        None,
    )
    case = next(c for c in desk_session.cases.search() if c.code == result.case_code)
    referrals = Referrals(desk_session)
    record = referrals.create(
        Interview.resume(desk_session, case.id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="en",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    referrals.countersign(record.id, *worker)
    return referrals.pdf(record.id)


def test_after_the_centre_revokes_a_stolen_station_its_new_referrals_are_refused(
    network: Network,  # noqa: F811 - the fixture
) -> None:
    """The PC of MOR is stolen with its passwords (or an insider keeps signing on it): the
    centre revokes the station. A referral the station sent before stays checkable; one
    signed afterwards on the stolen PC is refused, though the station's own revocation list
    (which the thief controls) names nothing."""
    mor = network.mor
    referrals = Referrals(mor.officer)
    referrals.countersign(mor.referral_id, *WORKER)
    before = referrals.pdf(mor.referral_id)
    station_id = StationSync(mor.officer).station_id
    mor.officer.logout()
    _sync(network.center, mor.created)
    assert check_referral_at_center(network.center, before).valid

    network.center.revoke_station(station_id)
    officer = mor.created.workstation.unlock(*OFFICER)
    after = _new_referral(officer, WORKER)
    officer.logout()

    assert check_referral(after, [network.root]).valid, "the stolen station's chain holds"
    at_center = check_referral_at_center(network.center, after)
    assert not at_center.valid
    assert ProblemKind.REVOKED in _problems(at_center, "officer")
    assert check_referral_at_center(network.center, before).valid, "sent before: still vouched"
