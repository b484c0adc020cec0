"""The background upload from a signed-in station to a real HTTPS receiver on 127.0.0.1, and
the status line that tells the truth about it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from interview_room.center.enrollment import make_enrollment
from interview_room.center.store import CenterStore
from interview_room.gui.network_sync import NetworkSync
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.enrollment import enroll
from interview_room.training.scenarios import PATHS, run_scenario
from tests.center.test_receiver import Receiver, count_rows, free_port
from tests.conftest import WorkstationFactory


def test_background_upload_confirms_every_case_and_says_so(
    qtbot: QtBot, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = workstation(training=True).session
    protocol = ProtocolLibrary().current()
    for index, path in enumerate(PATHS[:3]):
        run_scenario(session, protocol, path, f"Emri Shembulli {index}", index, None)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    port = free_port()
    package = make_enrollment(
        center, station_name="Morinë", station_code="MOR", url=f"https://127.0.0.1:{port}"
    )
    enroll(session, package.data, package.passphrase)

    label = QLabel()
    qtbot.addWidget(label)
    sync = NetworkSync(label)
    sync.start(session)
    sync.run_now()
    qtbot.waitUntil(lambda: "not reached" in label.text(), timeout=30_000)

    server = Receiver.start(center, port, tmp_path / "receiver.log", plain_serve=True)
    try:
        server.wait_ready()
        sync.run_now()
        qtbot.waitUntil(lambda: "waiting for the central office: 0" in label.text(), timeout=30_000)
        assert count_rows(center, "records") == 3
        assert "last confirmed 20" in label.text()
    finally:
        sync.stop()
        server.stop()
