"""The centre's signed package: a real centre publishes a protocol and a directory, a real
enrolled station receives them on a stick and over the network (a real receiver on 127.0.0.1),
applies them and says what it holds; what is older, foreign, tampered or broken changes
nothing; an interview keeps the protocol it started with."""

from __future__ import annotations

import base64
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from interview_room.center.enrollment import make_enrollment
from interview_room.center.publish import (
    ProtocolAlreadyPublished,
    ProtocolVectorsFail,
    center_protocols,
    latest_package,
    publish_directory,
    publish_protocol,
    write_beside,
)
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.resources import resources_root
from interview_room.screening import Answer
from interview_room.sync.centre_holdings import (
    centre_folder,
    held_package,
    holdings,
    station_directory,
    station_protocols,
)
from interview_room.sync.centre_package import (
    PACKAGE_FILE_NAME,
    CentrePackageDamaged,
    CentrePackageFromAnotherCentre,
    CentrePackageSignatureInvalid,
    read_package,
)
from interview_room.sync.centre_package_station import CentrePackageOutdated, apply_package
from interview_room.sync.enrollment import enroll
from interview_room.sync.sending import exchange_with_folder, send_over_network
from interview_room.workstation import Session
from tests.center.test_receiver import Receiver, free_port
from tests.conftest import WorkstationFactory

SHIPPED_V2 = resources_root() / "protocols" / "screening-v2"


def _enrolled(
    workstation: WorkstationFactory, tmp_path: Path, url: str | None = None
) -> tuple[Session, CenterStore]:
    session = workstation(training=True).session
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=url)
    enroll(session, package.data, package.passphrase)
    return session, center


def _protocol_version(tmp_path: Path, version: str, *, break_a_vector: bool = False) -> Path:
    """screening-v2 as a new version (the same questions, a new number)."""
    folder = tmp_path / f"protocol-{version}"
    shutil.copytree(SHIPPED_V2, folder)
    for name in ("protocol.json", "vectors.json"):
        path = folder / name
        path.write_text(
            path.read_text("utf-8").replace('"version": "2.0.0"', f'"version": "{version}"', 1),
            "utf-8",
        )
    if break_a_vector:
        vectors = folder / "vectors.json"
        text = vectors.read_text("utf-8")
        vectors.write_text(
            text.replace('"outcome": "potential_victim"', '"outcome": "indicators_not_met"', 1),
            "utf-8",
        )
    return folder


def _directory(tmp_path: Path, hotline_verified: bool) -> Path:
    document = json.loads((resources_root() / "directory.json").read_text("utf-8"))
    for entry in document["emergency"]:
        if entry["id"] == "trafficking_hotline":
            entry["verified"] = hotline_verified
    path = tmp_path / f"directory-{hotline_verified}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _hotline_verified(session: Session) -> bool:
    directory = station_directory(session.workstation.data_dir, session.db)
    return next(e for e in directory.emergency if e.id == "trafficking_hotline").verified


def _files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _start_case(session: Session, library: ProtocolLibrary) -> str:
    interview = Interview.begin(session, library.current(), person_language="en")
    interview.answer(Answer.given("consent_rights_read", "yes"))
    return interview.case.id


def test_a_stick_brings_a_new_directory_and_protocol_which_the_station_applies_and_shows(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    before = holdings(data_dir, session.db)
    assert (before.directory_published_on, before.protocol_version) == (None, "2.0.0")
    assert not _hotline_verified(session)

    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    published = publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    assert published.number == 2

    stick = tmp_path / "stick"
    stick.mkdir()
    assert write_beside(center, stick) == stick / PACKAGE_FILE_NAME
    visit = exchange_with_folder(session, stick)
    assert visit.package is not None and visit.package.refused is None
    applied = visit.package.applied
    assert applied is not None and applied.changed and applied.directory_changed
    assert applied.protocols_added == ("al-border-screening 2.1.0",)

    now = holdings(data_dir, session.db)
    assert (now.directory_published_on, now.protocol_version, now.package_number) == (
        "2027-01-12",
        "2.1.0",
        2,
    )
    assert _hotline_verified(session)
    assert station_protocols(data_dir, session.db).current().version == "2.1.0"
    # The same package again (the next visit of the stick) changes nothing.
    again = exchange_with_folder(session, stick)
    assert again.package is not None and again.package.applied is not None
    assert not again.package.applied.changed
    # The centre reads records made with what it published.
    assert center_protocols(center.center_dir).current().version == "2.1.0"


def test_the_network_round_fetches_the_package_and_an_unchanged_one_is_not_sent_again(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    port = free_port()
    session, center = _enrolled(workstation, tmp_path, f"https://127.0.0.1:{port}")
    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    server = Receiver.start(center, port, tmp_path / "receiver.log", plain_serve=True)
    try:
        server.wait_ready()
        first = send_over_network(session)
        second = send_over_network(session)
    finally:
        server.stop()
    assert first.package is not None and first.package.refused is None, first.package
    assert first.package.applied is not None and first.package.applied.changed
    assert second.package is None  # the receiver had nothing newer (204)
    held = holdings(session.workstation.data_dir, session.db)
    assert (held.directory_published_on, held.protocol_version) == ("2027-01-12", "2.1.0")


def test_an_older_a_foreign_and_a_tampered_package_are_refused_and_change_nothing(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    publish_directory(center, _directory(tmp_path, False), date(2027, 1, 5))
    older = latest_package(center)
    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    newer = latest_package(center)
    assert older is not None and newer is not None
    apply_package(session, newer)
    held_files = _files_under(centre_folder(data_dir))

    with pytest.raises(CentrePackageOutdated):
        apply_package(session, older)

    other = CenterStore(tmp_path / "other-center")
    other.create(training=True)
    publish_directory(other, _directory(tmp_path, False), date(2027, 2, 1))
    foreign = latest_package(other)
    assert foreign is not None
    with pytest.raises(CentrePackageFromAnotherCentre):
        apply_package(session, foreign)
    # A foreign package claiming to be from our root: its signature gives it away.
    envelope = json.loads(foreign)
    envelope["root_sha256"] = json.loads(newer)["root_sha256"]
    with pytest.raises(CentrePackageSignatureInvalid):
        apply_package(session, json.dumps(envelope).encode())

    # Tampered: one byte of the signed body changed (a later number, to pass the age check).
    body = base64.b64decode(json.loads(newer)["body"])
    changed = body.replace(b'"number":2', b'"number":9')
    assert changed != body
    envelope = json.loads(newer)
    envelope["body"] = base64.b64encode(changed).decode()
    with pytest.raises(CentrePackageSignatureInvalid):
        apply_package(session, json.dumps(envelope).encode())
    with pytest.raises(CentrePackageDamaged):
        apply_package(session, newer[: len(newer) // 2])

    assert _files_under(centre_folder(data_dir)) == held_files
    assert holdings(data_dir, session.db).directory_published_on == "2027-01-12"
    assert _hotline_verified(session)

    # On a stick, a refusal is reported and the receipts and bundle still go through.
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / PACKAGE_FILE_NAME).write_bytes(older)
    visit = exchange_with_folder(session, stick)
    assert visit.package is not None and visit.package.applied is None
    assert visit.package.refused_as == "CentrePackageOutdated"
    assert _files_under(centre_folder(data_dir)) == held_files


def test_a_rolled_back_held_file_does_not_let_an_older_package_in(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """The number held is kept in the encrypted store too: deleting held.json is not enough."""
    session, center = _enrolled(workstation, tmp_path)
    publish_directory(center, _directory(tmp_path, False), date(2027, 1, 5))
    older = latest_package(center)
    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    newer = latest_package(center)
    assert older is not None and newer is not None
    apply_package(session, newer)
    (centre_folder(session.workstation.data_dir) / "held.json").unlink()
    with pytest.raises(CentrePackageOutdated):
        apply_package(session, older)
    # The package held may be applied again, which restores the files.
    assert apply_package(session, newer).changed
    assert held_package(session.workstation.data_dir) is not None


def test_an_interview_keeps_the_protocol_it_started_with(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    shipped_case = _start_case(session, station_protocols(data_dir, session.db))

    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    package = latest_package(center)
    assert package is not None
    apply_package(session, package)
    library = station_protocols(data_dir, session.db)
    assert library.current().version == "2.1.0"
    received_case = _start_case(session, library)

    publish_protocol(center, _protocol_version(tmp_path, "2.2.0"))
    package = latest_package(center)
    assert package is not None
    apply_package(session, package)
    library = station_protocols(data_dir, session.db)
    assert library.current().version == "2.2.0"

    assert Interview.resume(session, shipped_case, library).protocol.version == "2.0.0"
    assert Interview.resume(session, received_case, library).protocol.version == "2.1.0"


def test_publish_refuses_a_protocol_whose_vectors_fail_or_whose_version_is_taken(
    tmp_path: Path,
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    with pytest.raises(ProtocolVectorsFail):
        publish_protocol(center, _protocol_version(tmp_path, "2.1.0", break_a_vector=True))
    assert latest_package(center) is None
    publish_protocol(center, _protocol_version(tmp_path / "a", "2.1.0"))
    with pytest.raises(ProtocolAlreadyPublished):
        publish_protocol(center, _protocol_version(tmp_path / "b", "2.1.0"))
    package = latest_package(center)
    assert package is not None
    read = read_package(package, center.keys().root_certificate_der).package
    assert read.number == 1 and [p.version for p in read.protocols] == ["2.1.0"]
