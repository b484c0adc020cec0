"""A real doubly signed referral, made once for the referral tests, and what an insider holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification import ReferralCheck, check_referral
from interview_room.signing.pki import CertifiedKey, der_to_pem
from interview_room.store.certificates import StationCertificates
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Workstation
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME

SIGNING_OFFICER = ("oficer.profili", "synthetic-officer-passphrase")
SIGNING_WORKER = ("punonjes.profili", "synthetic-worker-passphrase")


@dataclass(frozen=True)
class Signed:
    """A real referral at each stage, and what an insider at the station holds."""

    both: bytes
    officer_only: bytes
    roots: list[bytes]
    revoked: set[int]
    chain: list[bytes]
    revocation_lists: list[bytes]
    officer_key: CertifiedKey
    worker_key: CertifiedKey
    root_pem: Path

    def check(self, pdf: bytes) -> ReferralCheck:
        return check_referral(pdf, self.roots, self.revoked)


@pytest.fixture(scope="session", name="signed")
def signed_referral(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    folder = tmp_path_factory.mktemp("profile")
    workstation = Workstation(folder / "station")
    admin = workstation.create(
        "Stacioni Morinë (sintetik)",
        "MOR",
        ADMIN_USERNAME,
        "Admin Shembulli",
        ADMIN_PASSWORD,
        training=True,
        kdf=MINIMUM_ARGON2,
    ).session
    admin.add_user(SIGNING_OFFICER[0], "Oficer Shembulli", Role.OFFICER, SIGNING_OFFICER[1])
    worker = admin.add_user(
        SIGNING_WORKER[0], "Punonjëse Sociale Shembulli", Role.SOCIAL_WORKER, SIGNING_WORKER[1]
    )
    admin.logout()
    officer = workstation.unlock(*SIGNING_OFFICER)
    result = run_scenario(
        officer,
        ProtocolLibrary().current(),
        ScenarioPath.ADULT_POSITIVE,
        "Drita Provaj",
        0,
        worker.id,
    )
    case = next(c for c in officer.cases.search() if c.code == result.case_code)
    referrals = Referrals(officer)
    record = referrals.create(
        Interview.resume(officer, case.id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="en",
        urgency=Urgency.IMMEDIATE,
        officer_password=SIGNING_OFFICER[1],
    )
    officer_only = referrals.pdf(record.id)
    record = referrals.countersign(record.id, *SIGNING_WORKER)
    certificates = StationCertificates(officer.db)
    worker_keys = workstation.confirm_password(*SIGNING_WORKER)
    root_pem = folder / "root.pem"
    root_pem.write_bytes(der_to_pem(certificates.trust_anchors()[0]))
    made = Signed(
        both=referrals.pdf(record.id),
        officer_only=officer_only,
        roots=certificates.trust_anchors(),
        revoked=certificates.revoked_serials(),
        chain=certificates.chain(),
        revocation_lists=certificates.revocation_lists(),
        officer_key=certificates.signing_key(officer.user.id, officer.keys.personal_key),
        worker_key=certificates.signing_key(worker.id, worker_keys.personal_key),
        root_pem=root_pem,
    )
    officer.logout()
    return made
