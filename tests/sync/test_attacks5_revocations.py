"""Attacker 5 (docs/reviews/attacker-5.md), R1 and R2: revocation lists that stop every package,
and held revocations forgotten by deleting three settings rows.

R1: a station administrator (who opens the station CA with their password) signs a 1.1 MiB list,
or one numbered in the future; the centre's merge does not keep it (and says so in its audit
log), and publishing bounds what it carries, so the next package is still published and applied.
R2: "a package was applied" is read from the hash-chained audit log, not only from settings
rows. Real centre, real stations, real signed packages; nothing mocked."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, load_der_private_key

from interview_room.center.audit_log import CenterAuditEvent, entries
from interview_room.center.certificates import _merge
from interview_room.center.publish import publish_protocol, publish_revocations, write_beside
from interview_room.center.store import CenterStore
from interview_room.referral.referrals import Referrals
from interview_room.store.authority import StationAuthority
from interview_room.sync.centre_package_station import CentrePackageOutdated
from interview_room.sync.centre_revocations import applied_package
from interview_room.sync.certificate_register import register_content
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session
from tests.conftest import CreatedStation, WorkstationFactory
from tests.sync.test_attacks_centre_package_revocations import _two_stations, _unchecked
from tests.sync.test_centre_package import _protocol_version
from tests.sync.test_centre_package_revocations import _enrolled


def _station_list(session: Session, serials: int, number: int) -> bytes:
    """A revocation list signed with the station CA's key, as its administrator can."""
    ca = StationAuthority.open(session.db, session.user, session.keys.personal_key)._station_ca()
    key = load_der_private_key(ca.private_key_der, None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    issuer = x509.load_der_x509_certificate(ca.certificate_der)
    now = datetime.now(UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.subject)
        .last_update(now)
        .next_update(now + timedelta(days=30))
        .add_extension(x509.CRLNumber(number), critical=False)
    )
    for serial in range(1, serials + 1):
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
        )
    return builder.sign(key, hashes.SHA256()).public_bytes(Encoding.DER)


def _merge_list(center: CenterStore, session: Session, crl: bytes) -> int | None:
    """The station's register with ``crl`` as its only list, merged as an import does; the
    size of the list the centre then keeps for the station (None: none)."""
    station_id = session.station.station_id
    content = json.loads(register_content(session.db, station_id))
    content["revocation_lists"] = [base64.b64encode(crl).decode()]
    db = center.open()
    try:
        with db.transaction():
            _merge(
                db,
                station_id,
                session.station.code,
                json.dumps(content).encode(),
                center.keys().root_certificate_der,
                datetime.now(UTC).isoformat(timespec="seconds"),
            )
        kept = db.one(
            "SELECT length(crl) FROM station_revocation_lists WHERE station_id = ?",
            (station_id,),
        )
    finally:
        db.close()
    return None if kept is None else int(kept[0])


def _refusals(center: CenterStore) -> list[str]:
    db = center.open()
    try:
        return [
            json.loads(entry.detail)["reason"]
            for entry in entries(db)
            if entry.event == CenterAuditEvent.REVOCATION_LIST_REFUSED
        ]
    finally:
        db.close()


def _enrolled_station(
    workstation: WorkstationFactory, tmp_path: Path
) -> tuple[CenterStore, CreatedStation]:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    morine = workstation(name="morine", code="MOR", training=True)
    _enrolled(center, morine, "Morinë", "MOR")
    return center, morine


def test_a5_r1_an_oversize_station_list_never_stops_a_package(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    center, morine = _enrolled_station(workstation, tmp_path)
    session = morine.session
    huge = _station_list(session, 52_000, 10**9)
    assert len(huge) > 1024 * 1024
    assert _merge_list(center, session, huge) is None
    assert _refusals(center) == ["oversize"]
    # A centre from before the bound may already hold one: publishing passes over it.
    db = center.open()
    try:
        with db.transaction():
            db.execute(
                "INSERT INTO station_revocation_lists (issuer_fingerprint, station_id, crl,"
                " crl_number, received_at) VALUES ('planted', ?, ?, ?, '2026-12-07T18:00:00')",
                (session.station.station_id, huge, 10**9),
            )
    finally:
        db.close()
    publish_revocations(center)
    stick = tmp_path / "stick"
    stick.mkdir()
    write_beside(center, stick)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None and outcome.refused is None, outcome and outcome.refused


def test_a5_r1_a_list_numbered_in_the_future_or_longer_than_the_station_is_not_kept(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """A list numbered years ahead would never be replaced by an honest one (numbers are
    issuing times in milliseconds); one revoking more certificates than the station
    registered is not a list of its own certificates. An honest list is kept."""
    center, morine = _enrolled_station(workstation, tmp_path)
    session = morine.session
    far = int((datetime.now(UTC) + timedelta(days=3650)).timestamp() * 1000)
    assert _merge_list(center, session, _station_list(session, 1, far)) is None
    assert _merge_list(center, session, _station_list(session, 500, 1)) is None
    assert _refusals(center) == ["number_from_the_future", "more_entries_than_certificates"]
    now = int(datetime.now(UTC).timestamp() * 1000)
    assert _merge_list(center, session, _station_list(session, 1, now)) is not None


def test_a5_r2_deleting_the_settings_rows_does_not_forget_revocations(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The colleague disabled at Morinë stays unverifiable at Han i Hotit ("cannot check
    revocations", never valid) after the three rows are deleted, and an older package is not
    taken: the audit log says which package was applied."""
    center, hani, _admin, pdf, han_stick, _morine_stick = _two_stations(workstation, tmp_path)
    db = hani.session.db
    applied = applied_package(db)
    assert applied is not None and applied.revocations_sha256 is not None
    with db.transaction():
        db.execute(
            "DELETE FROM settings WHERE key IN ('centre_revocations',"
            " 'centre_revocations_sha256', 'centre_package_number')"
        )
    check = Referrals(hani.session).verify(pdf)
    assert not check.valid and _unchecked(check)
    assert applied_package(db) == applied
    # The package on the stick is the one applied: not taken again, not a way back.
    outcome = exchange_with_folder(hani.session, han_stick).package
    assert outcome is not None and isinstance(outcome.problem, CentrePackageOutdated)
    # The next package rebuilds what is held, and the check works again.
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    write_beside(center, han_stick)
    outcome = exchange_with_folder(hani.session, han_stick).package
    assert outcome is not None
    assert outcome.refused is None, outcome.refused
    check = Referrals(hani.session).verify(pdf)
    assert not check.valid and not _unchecked(check)
