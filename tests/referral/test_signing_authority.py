"""Issue 13, item 1: who can make a certificate that signs a referral.

Each test is an attack, made with the app's own code and an insider's keys, that succeeded
before the station CA's key was sealed for administrators, station CAs were name-constrained,
issued certificates were registered at the centre and revocations published as lists (the
attacks are re-run against that code in the report); each is now refused. pdfsig, an
independent verifier, is asked where it can judge.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from interview_room.accounts import Role, User
from interview_room.center.certificates import check_referral_at_center, registered
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_bundle
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import NotAnOfficer, Referrals
from interview_room.referral.render import RenderedReferral, render_referral
from interview_room.referral.verification import ProblemKind, ReferralCheck, check_referral
from interview_room.signing.errors import CertificateError
from interview_room.signing.pdf_signatures import SignatureField, sign_pdf
from interview_room.signing.pki import (
    CertifiedKey,
    certificate_role,
    create_root_ca,
    create_station_ca,
    issue_signing_certificate,
)
from interview_room.store.authority import NoIssuingAuthority, StationAuthority
from interview_room.store.certificates import StationCertificates, _unwrap
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.keyring import Keyring
from interview_room.store.recovery_key import RecoveryKey
from interview_room.sync.enrollment import enroll
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session, Workstation
from tests.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    CreatedStation,
    FixedClock,
    WorkstationFactory,
    new_station,
)
from tests.external_tools import require_tool, run_tool

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
WORKER = ("punonjese.sociale", "dritare-kalë-portokall-9")
WORKER_NAME = "Punonjëse Sociale Shembulli"


@dataclass
class Desk:
    """A station whose officer has signed a referral that waits for the social worker."""

    created: CreatedStation
    officer: Session
    worker: User
    referral_id: str

    @property
    def code(self) -> str:
        return self.officer.station.code


def _desk(created: CreatedStation) -> Desk:
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], WORKER_NAME, Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    return Desk(created, *_officer_signs(created, worker))


def _officer_signs(created: CreatedStation, worker: User) -> tuple[Session, User, str]:
    officer = created.workstation.unlock(*OFFICER)
    result = run_scenario(
        officer, ProtocolLibrary().current(), ScenarioPath.ADULT_POSITIVE, "Drita", 0, worker.id
    )
    case = next(c for c in officer.cases.search() if c.code == result.case_code)
    record = Referrals(officer).create(
        Interview.resume(officer, case.id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="en",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    return officer, worker, record.id


def _countersign(
    db: Database, referral_id: str, key: CertifiedKey, chain: list[bytes], lists: list[bytes]
) -> bytes:
    """The social worker's field signed with ``key``, as ``Referrals.countersign`` does."""
    row = db.one("SELECT pdf, social_worker_field FROM referrals WHERE id = ?", (referral_id,))
    assert row is not None
    name, page, *box = json.loads(str(row[1]))
    return sign_pdf(
        bytes(row[0]),
        key,
        chain,
        field=SignatureField(str(name), int(page), (box[0], box[1], box[2], box[3])),
        signer_name=WORKER_NAME,
        reason="Punonjëse sociale",
        location="Morinë",
        revocation_lists=lists,
    )


def _subject(full_name: str, username: str, role: str, code: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "AL"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Interview Room station {code}"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role),
            x509.NameAttribute(NameOID.USER_ID, username),
            x509.NameAttribute(NameOID.COMMON_NAME, full_name),
        ]
    )


def _forge(issuer: CertifiedKey, subject: x509.Name, serial: int | None = None) -> CertifiedKey:
    """A signing certificate made straight from ``issuer``'s key, past every check of the app;
    ``serial``: a number the forger chooses (a colleague's registered one), else a random one."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    ski = issuer.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(serial if serial is not None else x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value), False
        )
        .sign(issuer.private_key(), hashes.SHA256())
    )
    return CertifiedKey(
        certificate.public_bytes(serialization.Encoding.DER),
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def _problems(check: ReferralCheck, field: str) -> set[ProblemKind]:
    return {p.kind for p in check.problems if p.field == field}


def _admin_preview(admin: Session, referral_id: str) -> tuple[Interview, RenderedReferral]:
    """The interview of ``referral_id``'s case and a fresh unsigned form of it, as ``admin``."""
    row = admin.db.one("SELECT case_id FROM referrals WHERE id = ?", (referral_id,))
    assert row is not None, f"no referral {referral_id}"
    case_id = str(row[0])
    interview = Interview.resume(admin, case_id, ProtocolLibrary())
    form = render_referral(
        Referrals(admin).preview(
            interview, recipient="responsible_authority", language="en", urgency=Urgency.IMMEDIATE
        )
    )
    return interview, form


def _signed_by_both(
    form: RenderedReferral, officer_key: CertifiedKey, worker_key: CertifiedKey, chain: list[bytes]
) -> bytes:
    """``form`` signed in the officer's field by ``officer_key`` under the administrator's name
    (certifying), then in the social worker's field by ``worker_key``."""
    signed = sign_pdf(
        form.pdf,
        officer_key,
        chain,
        field=form.officer_field,
        signer_name="Admin Shembulli",
        reason="Oficer",
        location="Morinë",
        certify=True,
    )
    return sign_pdf(
        signed,
        worker_key,
        chain,
        field=form.social_worker_field,
        signer_name=WORKER_NAME,
        reason="Punonjëse sociale",
        location="Morinë",
    )


def _pdfsig_trusts_second_signature(pdf: bytes, root_der: bytes, folder: Path) -> bool:
    require_tool("pdfsig")
    require_tool("certutil")
    nss = folder / "nss"
    nss.mkdir(exist_ok=True)
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    (folder / "root.der").write_bytes(root_der)
    run_tool(
        "certutil",
        "-A",
        "-d",
        f"sql:{nss}",
        "-n",
        "root",
        "-t",
        "C,C,C",
        "-i",
        str(folder / "root.der"),
    )
    path = folder / "form.pdf"
    path.write_bytes(pdf)
    report = run_tool("pdfsig", "-nssdir", f"sql:{nss}", str(path)).stdout
    second = report.split("Signature #2:", 1)[1]
    return "Certificate is Trusted" in second and "Signature is Valid" in second


@dataclass
class Network:
    """A central office with two enrolled stations, MOR and HAN."""

    center: CenterStore
    root: bytes
    mor: Desk
    han: CreatedStation


def _enroll(center: CenterStore, created: CreatedStation, name: str) -> None:
    package = make_enrollment(
        center, station_name=name, station_code=created.session.station.code, url=None
    )
    admin = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    enroll(admin, package.data, package.passphrase)
    admin.logout()


def _sync(center: CenterStore, created: CreatedStation) -> None:
    admin = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    try:
        exported = StationSync(admin).export_bundle()
        assert exported.data
        StationSync(admin).apply_receipt(import_bundle(center, exported.data, "b").receipt)
    finally:
        admin.logout()


@pytest.fixture(scope="module")
def network_built(tmp_path_factory: pytest.TempPathFactory) -> Network:
    """The network made once for the module, everyone signed out; tests get a copy."""
    root = tmp_path_factory.mktemp("network")
    center = CenterStore(root / "center")
    keys = center.create(training=True)
    mor = new_station(root / "mor", code="MOR")
    han = new_station(root / "han", code="HAN")
    for created in (mor, han):
        created.session.logout()
    mor_admin = mor.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    mor_admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = mor_admin.add_user(WORKER[0], WORKER_NAME, Role.SOCIAL_WORKER, WORKER[1])
    mor_admin.logout()
    _enroll(center, mor, "Morinë")
    _enroll(center, han, "Han i Hotit")
    desk = Desk(mor, *_officer_signs(mor, worker))
    desk.officer.logout()
    return Network(center, keys.root_certificate_der, desk, han)


def _copied_station(built: CreatedStation, data_dir: Path) -> CreatedStation:
    """``built``'s folder copied to ``data_dir``, its administrator signed in then out again."""
    shutil.copytree(built.data_dir, data_dir)
    clock = FixedClock()
    workstation = Workstation(data_dir, clock=clock)
    admin = workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.logout()
    return CreatedStation(workstation, admin, built.recovery_key, clock)


@pytest.fixture
def network(network_built: Network, tmp_path: Path) -> Iterator[Network]:
    """A copy of the module's network: each test changes its own centre and stations."""
    built = network_built
    center_dir = tmp_path / "center"
    shutil.copytree(built.center.center_dir, center_dir)
    mor = _copied_station(built.mor.created, tmp_path / "mor")
    officer = mor.workstation.unlock(*OFFICER)
    desk = Desk(mor, officer, built.mor.worker, built.mor.referral_id)
    yield Network(
        CenterStore(center_dir), built.root, desk, _copied_station(built.han, tmp_path / "han")
    )
    if officer.is_open:
        officer.logout()


# -- 1. the database key issues nothing --------------------------------------------------------


def test_an_officer_with_the_database_key_cannot_issue_a_certificate(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    desk = _desk(workstation(training=True))
    officer, db = desk.officer, desk.officer.db
    admin = officer.users.find(ADMIN_USERNAME)
    assert admin is not None
    before = db.one("SELECT count(*) FROM signing_certificates")

    # The attack as it was: the station CA's key taken from the store, a certificate in the
    # social worker's name, her field signed. The stored key is sealed: it is no key.
    row = db.one(
        "SELECT certificate, private_key FROM certificate_authorities"
        " WHERE kind = 'station_ca' AND active = 1"
    )
    assert row is not None
    with pytest.raises(CertificateError):
        CertifiedKey(bytes(row[0]), bytes(row[1]))
    # The app's own authority, with every key the officer holds, under any name.
    for holder in (officer.user, admin):
        with pytest.raises(NoIssuingAuthority):
            StationAuthority.open(db, holder, officer.keys.personal_key)
    for guess in (officer.keys.personal_key, officer.keys.database_key):
        with pytest.raises(NoIssuingAuthority):
            StationAuthority.open_with_recovery(db, RecoveryKey(guess))
    # A session that claims to be the administrator, made from the officer's keys.
    forged = Session(officer.workstation, db, admin, officer.keys, MINIMUM_ARGON2)
    with pytest.raises(NoIssuingAuthority):
        forged.add_user("punonjese.tjeter", WORKER_NAME, Role.SOCIAL_WORKER, "hënë-dimër-pyll-4")
    assert officer.users.find("punonjese.tjeter") is None
    # Made an administrator in the users table (the database key allows that): still nothing.
    with db.transaction():
        db.execute("UPDATE users SET role = 'station_admin' WHERE id = ?", (officer.user.id,))
    promoted = officer.users.get(officer.user.id)
    assert StationAuthority.adopt(db, officer.station, promoted, officer.keys.personal_key) is None
    with pytest.raises(NoIssuingAuthority):
        StationAuthority.open(db, promoted, officer.keys.personal_key)
    assert db.one("SELECT count(*) FROM signing_certificates") == before

    # What is left to him: a certificate from a CA of his own, named like the station's.
    impostor_root = create_root_ca("Interview Room TRAINING root – MOR", training=True)
    impostor = create_station_ca(
        impostor_root, station_name=officer.station.name, station_code="MOR"
    )
    certificates = StationCertificates(db)
    assert (
        impostor.certificate.subject
        == x509.load_der_x509_certificate(certificates.station_ca_certificate()).subject
    )
    key = _forge(impostor, _subject(WORKER_NAME, WORKER[0], "social_worker", "MOR"))
    pdf = _countersign(db, desk.referral_id, key, [impostor.certificate_der], [])
    check = Referrals(officer).verify(pdf)
    assert not check.valid
    assert ProblemKind.NOT_TRUSTED in _problems(check, "social_worker")
    assert not _pdfsig_trusts_second_signature(pdf, certificates.trust_anchors()[0], tmp_path)
    officer.logout()


def test_a_certificate_made_with_a_key_that_is_not_the_station_ca_is_refused(
    workstation: WorkstationFactory,
) -> None:
    desk = _desk(workstation(training=True))
    db = desk.officer.db
    certificates = StationCertificates(db)
    station_ca = x509.load_der_x509_certificate(certificates.station_ca_certificate())
    # Same subject and same key identifier as the station CA, another key: a look-alike.
    look_alike_key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    look_alike = (
        x509.CertificateBuilder()
        .subject_name(station_ca.subject)
        .issuer_name(station_ca.issuer)
        .public_key(look_alike_key.public_key())
        .serial_number(station_ca.serial_number)
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            station_ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value,
            False,
        )
        .sign(look_alike_key, hashes.SHA256())
    )
    issuer = CertifiedKey(
        look_alike.public_bytes(serialization.Encoding.DER),
        look_alike_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    key = _forge(issuer, _subject(WORKER_NAME, WORKER[0], "social_worker", desk.code))
    for chain in ([issuer.certificate_der], certificates.chain()):
        pdf = _countersign(db, desk.referral_id, key, chain, [])
        check = Referrals(desk.officer).verify(pdf)
        assert ProblemKind.NOT_TRUSTED in _problems(check, "social_worker"), chain
        assert not check.valid
    desk.officer.logout()


# -- 2. a station signs only for itself --------------------------------------------------------


def test_a_station_insider_who_signs_as_another_station_is_refused(
    network: Network, tmp_path: Path
) -> None:
    mor = network.mor
    # The worst insider at MOR: an administrator, who opens MOR's station CA.
    admin = mor.created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    station_ca = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)._station_ca()
    with pytest.raises(CertificateError):  # the app refuses to issue outside the constraint
        issue_signing_certificate(
            station_ca,
            full_name=WORKER_NAME,
            username="p.han",
            role="social_worker",
            station_code="HAN",
        )
    key = _forge(station_ca, _subject(WORKER_NAME, "p.han", "social_worker", "HAN"))
    pdf = _countersign(
        admin.db, mor.referral_id, key, [station_ca.certificate_der, network.root], []
    )
    admin.logout()

    han = network.han.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    for check in (
        Referrals(han).verify(pdf),
        check_referral(pdf, [network.root]),
        check_referral_at_center(network.center, pdf),
    ):
        assert not check.valid
        assert ProblemKind.NOT_TRUSTED in _problems(check, "social_worker")
    han.logout()
    assert not _pdfsig_trusts_second_signature(pdf, network.root, tmp_path)


def test_a_station_ca_without_a_name_constraint_is_refused(network: Network) -> None:
    """A station CA from before name constraints (or a centre that left them out) could sign
    for any station: the profile refuses it even though the chain is intact, and a station
    refuses such a CA at enrollment."""
    center = network.center
    root = CertifiedKey(network.root, center.root_private_key())
    unconstrained = _forge_ca(root)
    mor = network.mor
    key = _forge(unconstrained, _subject(WORKER_NAME, WORKER[0], "social_worker", mor.code))
    pdf = _countersign(
        mor.officer.db, mor.referral_id, key, [unconstrained.certificate_der, network.root], []
    )
    check = check_referral(pdf, [network.root])
    assert check.signatures[1].trusted
    assert ProblemKind.OUTSIDE_STATION in _problems(check, "social_worker")
    assert not check.valid


def _forge_ca(root: CertifiedKey) -> CertifiedKey:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    ski = root.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Station CA, old")]))
        .issuer_name(root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value), False
        )
        .sign(root.private_key(), hashes.SHA256())
    )
    return CertifiedKey(
        certificate.public_bytes(serialization.Encoding.DER),
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


# -- 3. an administrator is not an officer -----------------------------------------------------


def test_an_administrator_cannot_sign_in_the_officers_field(network: Network) -> None:
    mor = network.mor
    admin = mor.created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    interview, form = _admin_preview(admin, mor.referral_id)
    with pytest.raises(NotAnOfficer):
        Referrals(admin).create(
            interview,
            recipient="responsible_authority",
            language="en",
            urgency=Urgency.IMMEDIATE,
            officer_password=ADMIN_PASSWORD,
        )
    certificates = StationCertificates(admin.db)
    worker_keys = mor.created.workstation.confirm_password(*WORKER)
    worker_key = certificates.signing_key(mor.worker.id, worker_keys.personal_key)

    def both_signed(officer_key: CertifiedKey) -> bytes:
        return _signed_by_both(form, officer_key, worker_key, certificates.chain())

    # (a) His own certificate in the officer's field: it names his role.
    own = certificates.signing_key(admin.user.id, admin.keys.personal_key)
    assert certificate_role(own.certificate_der) == "station_admin"
    check = Referrals(admin).verify(both_signed(own))
    assert ProblemKind.WRONG_ROLE in _problems(check, "officer") and not check.valid

    # (b) The app never certifies him as an officer, even with his role changed in the store.
    authority = StationAuthority.open(admin.db, admin.user, admin.keys.personal_key)
    with admin.db.transaction():
        admin.db.execute("UPDATE users SET role = 'officer' WHERE id = ?", (admin.user.id,))
        issued = authority.issue_for(admin.users.get(admin.user.id), b"\0" * 32, admin.station)
        admin.db.execute("UPDATE users SET role = 'station_admin' WHERE id = ?", (admin.user.id,))
    assert certificate_role(issued.certificate_der) == "station_admin"

    # (c) An officer's certificate he makes off the books with the station CA's key: the station
    # cannot tell, the centre can (no station registered it).
    off_books = _forge(
        authority._station_ca(), _subject("Admin Shembulli", ADMIN_USERNAME, "officer", "MOR")
    )
    pdf = both_signed(off_books)
    admin.logout()
    _sync(network.center, mor.created)
    assert check_referral(pdf, [network.root]).valid, "no register: the forgery is complete"
    at_center = check_referral_at_center(network.center, pdf)
    assert ProblemKind.NOT_ISSUED in _problems(at_center, "officer")
    assert not at_center.valid


# -- 4. a disabled user's certificate is revoked where the referral is checked -----------------


def test_a_disabled_users_later_signature_is_refused_with_the_published_list(
    network: Network, tmp_path: Path
) -> None:
    mor = network.mor
    workstation = mor.created.workstation
    kept_keyring = workstation.keyring_file.path.read_bytes()  # she keeps a copy of her slot
    old_lists = StationCertificates(mor.officer.db).revocation_lists()
    mor.officer.logout()
    # ... and of the store: disabling her re-keys the current one (tests/store/test_rekey.py).
    kept_store = tmp_path / "kept-station.db"
    for suffix in ("", "-wal"):
        source = workstation.database_path.with_name(workstation.database_path.name + suffix)
        if source.exists():
            (tmp_path / (kept_store.name + suffix)).write_bytes(source.read_bytes())
    admin = workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.disable_user(WORKER[0])
    certificates = StationCertificates(admin.db)
    published = certificates.revocation_lists()[0]
    station_ca = x509.load_der_x509_certificate(certificates.station_ca_certificate())
    revocations = x509.load_der_x509_crl(published)
    assert revocations.is_signature_valid(station_ca.public_key())  # type: ignore[arg-type]
    serial, key_serial, certificate_der, wrapped = admin.db.one(
        "SELECT serial, key_serial, certificate, wrapped_key FROM signing_certificates"
        " WHERE user_id = ? ORDER BY issued_at DESC LIMIT 1",
        (mor.worker.id,),
    ) or (None, None, b"", b"")
    assert revocations.get_revoked_certificate_by_serial_number(int(serial)) is not None
    admin.logout()

    # After the disable: her old slot opens her copy of the store (not the current one), her
    # key still opens, and she countersigns with the list from before she was disabled.
    keys = Keyring.from_bytes(kept_keyring, workstation.keyring_file.path).open_password_slot(
        *WORKER
    )
    with pytest.raises(DatabaseUnreadable):
        Database.open(workstation.database_path, keys.database_key)
    db = Database.open(kept_store, keys.database_key)
    try:
        key = CertifiedKey(
            bytes(certificate_der),
            _unwrap(keys.personal_key, int(key_serial or serial), mor.worker.id, bytes(wrapped)),
        )
        pdf = _countersign(db, mor.referral_id, key, StationCertificates(db).chain(), old_lists)
    finally:
        db.close()

    without_list = check_referral(pdf, [network.root])
    assert without_list.valid, "a verifier with no revocation list cannot know"
    with_list = check_referral(pdf, [network.root], revocation_lists=[published])
    assert ProblemKind.REVOKED in _problems(with_list, "social_worker")
    admin = workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert ProblemKind.REVOKED in _problems(Referrals(admin).verify(pdf), "social_worker")
    admin.logout()
    _sync(network.center, mor.created)
    at_center = check_referral_at_center(network.center, pdf)
    assert ProblemKind.REVOKED in _problems(at_center, "social_worker")
    assert not at_center.valid
    (worker_entry,) = [c for c in registered(network.center) if c.serial == int(serial)]
    assert worker_entry.revoked_at is not None
