"""Revocation everywhere: a social worker disabled at Morinë, and an officer whose key was
replaced when they changed their password there, are revoked at Han i Hotit after Morinë's
bundle reaches the centre and Han i Hotit's next sync brings the centre's package back.

Two real stations (SQLCipher stores, real keys) enrolled by a real centre, a real doubly signed
referral, a stick carried both ways; nothing is mocked."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_private_key

from interview_room.accounts import Role
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_files
from interview_room.center.publish import latest_package, publish_revocations, write_beside
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import ReferralRecord, Referrals
from interview_room.referral.verification import ProblemKind, ReferralCheck
from interview_room.signing.pki import der_to_pem
from interview_room.store.certificates import StationCertificates
from interview_room.sync.centre_package import (
    CentrePackage,
    CentrePackageDamaged,
    PublishedRevocations,
    read_package,
    root_fingerprint,
    write_package,
)
from interview_room.sync.centre_revocations import held_revocations
from interview_room.sync.enrollment import enroll
from interview_room.sync.fields import canonical_json
from interview_room.sync.sending import exchange_with_folder
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session
from tests.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    CreatedStation,
    WorkstationFactory,
    run_cli,
)

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
WORKER = ("punonjese.sociale", "dritare-kalë-portokall-9")
OFFICER_NEW_PASSWORD = "synthetic-morine-training-passphrase"


def _enrolled(center: CenterStore, created: CreatedStation, name: str, code: str) -> None:
    package = make_enrollment(center, station_name=name, station_code=code, url=None)
    enroll(created.session, package.data, package.passphrase)


def signed_by_officer(created: CreatedStation) -> tuple[Session, Referrals, ReferralRecord]:
    """A referral the officer made and signed at the station, waiting for the social worker;
    the officer is still signed in."""
    officer = created.workstation.unlock(*OFFICER)
    worker = officer.users.find(WORKER[0])
    assert worker is not None
    made = run_scenario(
        officer, ProtocolLibrary().current(), ScenarioPath.ADULT_POSITIVE, "Drita", 0, worker.id
    )
    case = next(c for c in officer.cases.search() if c.code == made.case_code)
    referrals = Referrals(officer)
    record = referrals.create(
        Interview.resume(officer, case.id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    return officer, referrals, record


def _signed_referral(created: CreatedStation) -> bytes:
    """The officer signs a referral at the station and the social worker countersigns it."""
    officer, referrals, record = signed_by_officer(created)
    record = referrals.countersign(record.id, *WORKER)
    pdf = referrals.pdf(record.id)
    officer.logout()
    return pdf


def _trip(station: Session, center: CenterStore, stick: Path) -> None:
    """One visit of the stick: the station reads what the centre left and writes its bundle;
    the centre imports it and writes receipts and its package back (``center import``)."""
    stick.mkdir(exist_ok=True)
    visit = exchange_with_folder(station, stick)
    assert visit.package is None or visit.package.refused is None, visit.package.refused
    if visit.written is not None:
        run = import_files(center, [visit.written])
        assert not run.refused, run.refused
    write_beside(center, stick)
    # The station reads the receipt and the package on the stick's next visit.
    exchange_with_folder(station, stick)


def _revoked_fields(check: ReferralCheck) -> set[str | None]:
    return {p.field for p in check.problems if p.kind is ProblemKind.REVOKED}


def test_a_user_disabled_or_rekeyed_at_one_station_is_revoked_at_another_after_the_next_sync(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    morine = workstation(name="morine", code="MOR")
    morine.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    morine.session.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    _enrolled(center, morine, "Morinë", "MOR")
    hani = workstation(name="hani", code="HAN")
    _enrolled(center, hani, "Han i Hotit", "HAN")
    han_stick, morine_stick = tmp_path / "han-stick", tmp_path / "morine-stick"

    morine.session.logout()
    pdf = _signed_referral(morine)
    admin = morine.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    # Both stations have synced once: the referral is valid at Han i Hotit.
    _trip(admin, center, morine_stick)
    _trip(hani.session, center, han_stick)
    assert Referrals(hani.session).verify(pdf).valid
    assert Referrals(admin).verify(pdf).valid

    # 1. Morinë's administrator disables the social worker: the station CA signs a revocation
    # list at once. Before Morinë syncs, Han i Hotit knows nothing of it.
    admin.disable_user(WORKER[0])
    assert _revoked_fields(Referrals(admin).verify(pdf)) == {"social_worker"}
    _trip(hani.session, center, han_stick)
    assert Referrals(hani.session).verify(pdf).valid
    _trip(admin, center, morine_stick)
    _trip(hani.session, center, han_stick)
    check = Referrals(hani.session).verify(pdf)
    assert not check.valid and _revoked_fields(check) == {"social_worker"}
    held = held_revocations(hani.session.db)
    assert held.lists, "Morinë's station CA's revocation list travelled"

    # 2. The officer changes their password: the old signing key goes, its certificate is
    # revoked in Morinë's register (an officer holds no authority: no list is signed until an
    # administrator signs in). The register alone carries it to Han i Hotit.
    admin.logout()
    officer = morine.workstation.unlock(*OFFICER)
    old = StationCertificates(officer.db).current_for(officer.user.id)
    assert old is not None
    lists_before = StationCertificates(officer.db).revocation_lists()
    officer.change_password(OFFICER[1], OFFICER_NEW_PASSWORD)
    assert StationCertificates(officer.db).revocation_lists() == lists_before
    _trip(officer, center, morine_stick)
    officer.logout()
    _trip(hani.session, center, han_stick)
    check = Referrals(hani.session).verify(pdf)
    assert _revoked_fields(check) == {"officer", "social_worker"}
    assert (
        hashlib.sha256(old.certificate_der).hexdigest()
        in held_revocations(hani.session.db).certificates
    )

    # The centre signs again only when what it holds changed; its package names the key.
    assert publish_revocations(center) is None
    data = latest_package(center)
    assert data is not None
    package = read_package(data, center.keys().root_certificate_der).package
    assert hashlib.sha256(old.certificate_der).hexdigest() in package.revocations.certificates

    # Outside the app: `referral check` with the centre's root and its package refuses it too;
    # without the package only the lists the PDF carried at signing count.
    files = tmp_path / "cli"
    files.mkdir()
    (files / "referral.pdf").write_bytes(pdf)
    (files / "root.pem").write_bytes(der_to_pem(center.keys().root_certificate_der))
    (files / "IR-centre-package.json").write_bytes(data)
    base = ("referral", "check", files / "referral.pdf", "--root", files / "root.pem")
    assert run_cli(*base).returncode == 0
    refused = run_cli(*base, "--centre-package", files / "IR-centre-package.json", "--json")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert refused.stdout.count('"problem": "revoked"') == 2


def _signed_body(center: CenterStore, body: dict[str, object]) -> bytes:
    """An envelope around ``body`` signed with the centre's root, as ``write_package`` signs."""
    key = load_der_private_key(center.root_private_key(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    data = canonical_json(body)
    return canonical_json(
        {
            "format": "interview-room-centre-package",
            "version": 1,
            "root_sha256": body["root_sha256"],
            "body": base64.b64encode(data).decode(),
            "signature": base64.b64encode(key.sign(data, ec.ECDSA(hashes.SHA256()))).decode(),
        }
    )


def test_revocations_travel_in_body_version_2_and_a_body_that_bends_the_format_is_damaged(
    tmp_path: Path,
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    root = center.keys().root_certificate_der
    digest = "ab" * 32
    plain = CentrePackage(1, "2027-01-12T08:00:00+00:00", root_fingerprint(root), None, ())
    revoking = CentrePackage(
        2, plain.created_at, plain.root_sha256, None, (), PublishedRevocations((), (digest,))
    )
    key = center.root_private_key()
    for package, version in ((plain, 1), (revoking, 2)):
        data = write_package(package, root_certificate_der=root, root_private_key_der=key)
        read = read_package(data, root)
        assert read.package == package
        body = json.loads(base64.b64decode(json.loads(data)["body"]))
        assert body["version"] == version and ("revocations" in body) == (version == 2)

    base: dict[str, object] = {
        "format": "interview-room-centre-package-body",
        "number": 3,
        "created_at": plain.created_at,
        "root_sha256": plain.root_sha256,
        "directory": None,
        "protocols": [],
    }
    for bent in (
        {**base, "version": 1, "revocations": {"lists": [], "certificates": [digest]}},
        {**base, "version": 2},
        {**base, "version": 2, "revocations": {"lists": [], "certificates": []}},
        {**base, "version": 2, "revocations": {"lists": [], "certificates": ["cd" * 32, digest]}},
        {**base, "version": 2, "revocations": {"lists": [], "certificates": [digest, digest]}},
        {**base, "version": 2, "revocations": {"lists": [], "certificates": ["not a hash"]}},
        {**base, "version": 3, "revocations": {"lists": [], "certificates": [digest]}},
    ):
        with pytest.raises(CentrePackageDamaged):
            read_package(_signed_body(center, bent), root)
