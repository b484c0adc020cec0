"""The use-cases the window and the command line share: sending over the network to a real
receiver on 127.0.0.1 (anchored to the centre's root, outcome remembered), and a visit of a
USB stick or folder (receipts read before a bundle is written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.certificates import StationCertificates
from interview_room.sync.enrollment import enroll
from interview_room.sync.network import CenterUnreachable
from interview_room.sync.sending import (
    FolderMissing,
    NoCenterAddress,
    exchange_with_folder,
    send_over_network,
    send_when_possible,
    sync_overview,
)
from interview_room.sync.station import NotLinked
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.workstation import Session
from tests.center.test_receiver import Receiver, count_rows, free_port
from tests.conftest import WorkstationFactory

CASES = 3


def _enrolled(
    workstation: WorkstationFactory, tmp_path: Path, url: str | None
) -> tuple[Session, CenterStore]:
    session = workstation(training=True).session
    protocol = ProtocolLibrary().current()
    for index, path in enumerate(PATHS[:CASES]):
        run_scenario(session, protocol, path, f"Emri Shembulli {index}", index, None)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=url)
    enroll(session, package.data, package.passphrase)
    return session, center


def test_network_send_remembers_a_failure_then_a_success(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    port = free_port()
    session, center = _enrolled(workstation, tmp_path, f"https://127.0.0.1:{port}")
    assert StationCertificates(session.db).central_root() == center.keys().root_certificate_der

    with pytest.raises(CenterUnreachable):
        send_over_network(session, attempts=1)
    failed = sync_overview(session)
    assert failed.pending == CASES
    assert failed.center_problem == "CenterUnreachable"
    assert failed.center_tried_at is not None and failed.center_reached_at is None

    server = Receiver.start(center, port, tmp_path / "receiver.log", plain_serve=True)
    try:
        server.wait_ready()
        sent = send_over_network(session)
    finally:
        server.stop()
    assert sent.upload.confirmed == CASES and sent.purged == 0
    assert count_rows(center, "records") == CASES
    done = sync_overview(session)
    assert (done.pending, done.center_problem) == (0, None)
    assert done.center_reached_at is not None and done.center_reached_at >= failed.center_tried_at
    assert done.as_json()["center_reached"] == done.center_reached_at


def test_without_an_address_the_network_is_refused_and_the_window_round_only_reports(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, _ = _enrolled(workstation, tmp_path, None)
    with pytest.raises(NoCenterAddress):
        send_over_network(session)
    report = send_when_possible(session)
    assert report.linked and not report.has_url and report.pending == CASES
    assert report.center_tried_at is None


def test_not_enrolled_refuses_to_send_and_says_not_linked(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = workstation().session
    with pytest.raises(NotLinked):
        send_over_network(session)
    with pytest.raises(NotLinked):
        exchange_with_folder(session, tmp_path)
    assert not sync_overview(session).linked
    assert not send_when_possible(session).linked


def test_a_folder_visit_reads_receipts_before_writing_a_bundle(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path, None)
    stick = tmp_path / "stick"
    stick.mkdir()

    first = exchange_with_folder(session, stick)
    assert first.receipts.confirmed == 0 and first.written is not None
    run = import_files(center, [first.written])
    assert run.imported == CASES and not run.refused

    second = exchange_with_folder(session, stick)
    # The receipt beside the bundle was read first, so nothing was left to write.
    assert second.receipts.confirmed == CASES and second.written is None
    assert sync_overview(session).pending == 0

    with pytest.raises(FolderMissing):
        exchange_with_folder(session, tmp_path / "no-stick-here")
