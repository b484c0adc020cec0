"""Withdrawing a published protocol version: a real centre publishes 2.1.0 to a real enrolled
station, then withdraws it; the station stops offering it to new interviews, an interview begun
with it resumes with its words and says so, an older package or a centre restored from before
the withdrawal does not bring it back, and a withdrawal that would leave the stations without
the protocol they fall back to is refused."""

from __future__ import annotations

import base64
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from interview_room.center.publish import (
    ProtocolAlreadyPublished,
    latest_package,
    publish_directory,
    publish_protocol,
)
from interview_room.center.publish_withdraw import (
    ProtocolAlreadyWithdrawn,
    ProtocolNotPublished,
    ProtocolWithdrawalRefused,
    withdraw_protocol,
)
from interview_room.center.store import CenterStore
from interview_room.error_sentences import error_sentence
from interview_room.interview.interview import Interview
from interview_room.store.audit import AuditLog
from interview_room.sync.centre_holdings import (
    centre_folder,
    holdings,
    protocol_withdrawn,
    station_protocols,
)
from interview_room.sync.centre_package import (
    BODY_VERSION_WITHDRAWALS,
    CentrePackage,
    CentrePackageDamaged,
    PublishedRevocations,
    WithdrawnProtocol,
    read_package,
    root_fingerprint,
    write_package,
)
from interview_room.sync.centre_package_changes import changes_text, recent_changes
from interview_room.sync.centre_package_station import CentrePackageOutdated, apply_package
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.sync.test_centre_package import (
    _directory,
    _enrolled,
    _protocol_version,
    _start_case,
)
from tests.sync.test_centre_package_revocations import _signed_body


def _apply_latest(session: Session, center: CenterStore) -> tuple[str, ...]:
    data = latest_package(center)
    assert data is not None
    return apply_package(session, data).protocols_withdrawn


def _package(center: CenterStore) -> CentrePackage:
    data = latest_package(center)
    assert data is not None
    return read_package(data, center.keys().root_certificate_der).package


def test_a_withdrawn_version_is_no_longer_offered_and_an_interview_begun_with_it_finishes(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    before_withdrawal = latest_package(center)
    assert _apply_latest(session, center) == ()
    begun = _start_case(session, station_protocols(data_dir, session.db))

    published = withdraw_protocol(center, "2.1.0")
    package = _package(center)
    assert published.number == package.number == 2
    assert [p.version for p in package.protocols] == []
    assert [(w.id, w.version) for w in package.withdrawn] == [("al-border-screening", "2.1.0")]
    assert json.loads(package_body(center))["version"] == BODY_VERSION_WITHDRAWALS
    logged = [e for e in center.audit_entries() if e.event == "protocol_withdrawn"]
    assert [json.loads(e.detail) for e in logged] == [
        {"number": 2, "protocol_id": "al-border-screening", "withdrawn": "2.1.0"}
    ]

    assert _apply_latest(session, center) == ("al-border-screening 2.1.0",)
    library = station_protocols(data_dir, session.db)
    assert library.current().version == "2.0.0"
    assert holdings(data_dir, session.db).protocol_version == "2.0.0"
    fresh = Interview.begin(session, library.current(), person_language="en")
    assert not protocol_withdrawn(session.db, fresh.protocol)

    resumed = Interview.resume(session, begun, library)
    assert resumed.protocol.version == "2.1.0"
    assert resumed.answers["consent_rights_read"].value == "yes"
    assert protocol_withdrawn(session.db, resumed.protocol)
    assert any(centre_folder(data_dir).glob("protocols/al-border-screening-2.1.0-*"))

    applied = [
        json.loads(e.detail)
        for e in AuditLog(session.db).entries()
        if e.event == "settings_changed" and "protocols_withdrawn" in json.loads(e.detail)
    ]
    assert [d["protocols_withdrawn"] for d in applied] == [0, 1]
    last = recent_changes(session.db)[0]
    assert [(p.id, p.version) for p in last.protocols_withdrawn] == [
        ("al-border-screening", "2.1.0")
    ]
    assert any(
        "Protocol withdrawn: al-border-screening 2.1.0" in line for line in changes_text(last)
    )

    # The package from before the withdrawal, again from an old stick: refused, still withdrawn.
    assert before_withdrawal is not None
    with pytest.raises(CentrePackageOutdated):
        apply_package(session, before_withdrawal)
    assert station_protocols(data_dir, session.db).current().version == "2.0.0"


def package_body(center: CenterStore) -> bytes:
    data = latest_package(center)
    assert data is not None
    return base64.b64decode(json.loads(data)["body"])


def test_a_centre_restored_from_before_the_withdrawal_does_not_bring_the_version_back(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    _apply_latest(session, center)
    restored = CenterStore(tmp_path / "restored")
    shutil.copytree(center.center_dir, restored.center_dir)
    withdraw_protocol(center, "2.1.0")
    _apply_latest(session, center)
    # The copy from before publishes on: higher numbers, 2.1.0 among its protocols again.
    publish_directory(restored, _directory(tmp_path, True), date(2027, 1, 12))
    publish_directory(restored, _directory(tmp_path, False), date(2027, 1, 13))
    assert _package(restored).protocol("al-border-screening", "2.1.0") is not None
    assert _apply_latest(session, restored) == ()
    library = station_protocols(session.workstation.data_dir, session.db)
    assert library.current().version == "2.0.0"


def test_a_corrected_version_follows_and_the_withdrawn_one_is_never_published_again(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    withdraw_protocol(center, "2.1.0")
    with pytest.raises(ProtocolAlreadyWithdrawn):
        withdraw_protocol(center, "2.1.0")
    with pytest.raises(ProtocolAlreadyPublished):
        publish_protocol(center, _protocol_version(tmp_path / "again", "2.1.0"))
    with pytest.raises(ProtocolNotPublished):  # shipped with the program, never published
        withdraw_protocol(center, "1.0.0")
    publish_protocol(center, _protocol_version(tmp_path, "2.2.0"))
    package = _package(center)
    assert [p.version for p in package.protocols] == ["2.2.0"]
    assert [w.version for w in package.withdrawn] == ["2.1.0"]  # carried on
    _apply_latest(session, center)
    library = station_protocols(session.workstation.data_dir, session.db)
    assert library.current().version == "2.2.0"


def test_withdrawing_what_the_stations_fall_back_to_or_the_last_version_is_refused(
    tmp_path: Path,
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    # The shipped 2.0.0 is what every station falls back to: a program release replaces it.
    with pytest.raises(ProtocolNotPublished):
        withdraw_protocol(center, "2.0.0")
    # The only version of a protocol id the program does not ship.
    other = _protocol_version(tmp_path, "1.0.0")
    for name in ("protocol.json", "vectors.json"):
        path = other / name
        path.write_text(
            path.read_text("utf-8").replace('"al-border-screening"', '"al-other-screening"'),
            "utf-8",
        )
    publish_protocol(center, other)
    number = _package(center).number
    with pytest.raises(ProtocolWithdrawalRefused) as last:
        withdraw_protocol(center, "1.0.0", "al-other-screening")
    assert last.value.reason == "last"
    assert "last version" in error_sentence(last.value, "en")
    assert "versioni i fundit" in error_sentence(last.value, "sq")
    assert _package(center).number == number  # nothing signed


def test_a_package_cannot_both_carry_and_withdraw_a_version(tmp_path: Path) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    package = _package(center)
    carried = package.protocols[0]
    both = CentrePackage(
        package.number + 1,
        package.created_at,
        package.root_sha256,
        None,
        package.protocols,
        withdrawn=(WithdrawnProtocol(carried.id, carried.version, carried.content_hash),),
    )
    keys = center.keys()
    with pytest.raises(CentrePackageDamaged):
        write_package(
            both,
            root_certificate_der=keys.root_certificate_der,
            root_private_key_der=center.root_private_key(),
        )


def test_withdrawals_travel_in_body_version_4_and_a_body_that_bends_them_is_damaged(
    tmp_path: Path,
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    root = center.keys().root_certificate_der
    first, second = (
        ("al-border-screening", "2.1.0", "ab" * 32),
        ("al-border-screening", "2.2.0", "cd" * 32),
    )
    package = CentrePackage(
        1,
        "2027-01-12T08:00:00+00:00",
        root_fingerprint(root),
        None,
        (),
        PublishedRevocations((), ("ef" * 32,)),
        withdrawn=(WithdrawnProtocol(*first), WithdrawnProtocol(*second)),
    )
    data = write_package(
        package, root_certificate_der=root, root_private_key_der=center.root_private_key()
    )
    assert read_package(data, root).package == package
    body = json.loads(base64.b64decode(json.loads(data)["body"]))
    assert body["version"] == BODY_VERSION_WITHDRAWALS and "revocations" in body

    def entry(item: tuple[str, str, str]) -> dict[str, str]:
        return dict(zip(("id", "version", "content_hash"), item, strict=True))

    base: dict[str, object] = {
        "format": "interview-room-centre-package-body",
        "number": 2,
        "created_at": package.created_at,
        "root_sha256": package.root_sha256,
        "directory": None,
        "protocols": [],
    }
    read_package(_signed_body(center, {**base, "version": 4, "withdrawn": [entry(first)]}), root)
    for bent in (
        {**base, "version": 4},
        {**base, "version": 4, "withdrawn": []},
        {**base, "version": 4, "withdrawn": [entry(second), entry(first)]},
        {**base, "version": 4, "withdrawn": [entry(first), entry(first)]},
        {**base, "version": 4, "withdrawn": [entry((first[0], first[1], "not a hash"))]},
        {**base, "version": 4, "withdrawn": [{**entry(first), "why": "wrong"}]},
        {**base, "version": 3, "withdrawn": [entry(first)]},
        {**base, "version": 1, "withdrawn": [entry(first)]},
    ):
        with pytest.raises(CentrePackageDamaged):
            read_package(_signed_body(center, bent), root)


def test_a_withdrawal_taken_out_of_the_held_record_stays_and_the_same_package_restores_it(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """Attacker 9, B2: with the database key, one UPDATE of ``centre_package_held`` (and the
    same edit of held.json) offered the withdrawn version again, and applying the very package
    held changed nothing. The audit entry of the apply names each version withdrawn; the log
    only grows, so the withdrawal stays, and the same package writes it back."""
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    _apply_latest(session, center)
    withdraw_protocol(center, "2.1.0")
    assert _apply_latest(session, center) == ("al-border-screening 2.1.0",)
    applied = [e.detail for e in session.audit.entries() if '"centre_package"' in e.detail][-1]
    assert '"withdrawn_1":"al-border-screening@2.1.0"' in applied
    assert '"withdrawn_1_sha256":"' in applied
    row = session.db.one("SELECT value FROM settings WHERE key = 'centre_package_held'")
    assert row is not None
    held = json.loads(row[0])
    held.pop("withdrawn")
    with session.db.transaction():
        session.db.execute(
            "UPDATE settings SET value = ? WHERE key = 'centre_package_held'", (json.dumps(held),)
        )
    (centre_folder(data_dir) / "held.json").write_text(json.dumps(held, indent=1))
    assert station_protocols(data_dir, session.db).current().version == "2.0.0"
    package = latest_package(center)
    assert package is not None
    again = apply_package(session, package)
    assert again.changed, "the record is not as the log says: the same package applies again"
    written = json.loads((centre_folder(data_dir) / "held.json").read_text())["withdrawn"]
    assert [w[:2] for w in written] == [["al-border-screening", "2.1.0"]]
    assert station_protocols(data_dir, session.db).current().version == "2.0.0"
    assert apply_package(session, package).changed is False
