"""The centre's HTTPS receiver, run as a real server process on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.network import pinned_tls_context
from interview_room.sync.request_signature import sign_request
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory

NAMES = (
    "Arta Shembulli",
    "Besnik Provaj",
    "Drita Ushtrimi",
    "Erion Testaj",
    "Hana Modeli",
    "Ilir Trajnimi",
)
HOST = "127.0.0.1"
STARTUP_SECONDS = 10.0

_SERVER = """
import sys
from pathlib import Path
from interview_room.center.receiver import create_app, serve_app
center_dir, host, port = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
crash, limit = sys.argv[4] == "crash", int(sys.argv[5])
serve_app(
    create_app(center_dir, crash_after_import=crash, max_bundle_bytes=limit),
    center_dir, host, port,
)
"""
_SERVE = """
import sys
from pathlib import Path
from interview_room.center.receiver import serve
serve(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
"""


# -- helpers shared with tests/sync/test_network.py ---------------------------------------------


def link_station(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    """A training station with six cases, linked to a new training centre."""
    session = workstation(training=True).session
    protocol = ProtocolLibrary().current()
    for index, (path, name) in enumerate(zip(PATHS, NAMES, strict=True)):
        run_scenario(session, protocol, path, name, index, None)
    center = CenterStore(tmp_path / "center")
    keys = center.create(training=True)
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    return session, center


def signed_headers(
    session: Session, body: bytes, *, timestamp: int | None = None, path: str = "/bundles"
) -> dict[str, str]:
    """The headers the station's uploader sends with ``body`` (a new nonce each call)."""
    sync = StationSync(session)
    moment = int(time.time()) if timestamp is None else timestamp
    return sign_request(sync.sign_request, sync.station_id, "POST", path, body, moment)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def count_rows(center: CenterStore, table: str) -> int:
    db = center.open()
    try:
        row = db.one(f"SELECT count(*) FROM {table}")  # table names are the tests' own
        return int(row[0]) if row else 0
    finally:
        db.close()


@dataclass
class Receiver:
    """A receiver process; its stdout and stderr go to ``log``."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path
    root_der: bytes

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    @classmethod
    def start(
        cls,
        center: CenterStore,
        port: int,
        log: Path,
        *,
        crash_after_import: bool = False,
        max_bundle_bytes: int = 256 * 1024 * 1024,
        plain_serve: bool = False,
    ) -> Receiver:
        """Start the server without waiting for it (see :meth:`wait_ready`)."""
        args = [str(center.center_dir), HOST, str(port)]
        if plain_serve:
            command = [sys.executable, "-c", _SERVE, *args]
        else:
            mode = "crash" if crash_after_import else "normal"
            command = [sys.executable, "-c", _SERVER, *args, mode, str(max_bundle_bytes)]
        with log.open("ab") as sink:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        return cls(process, port, log, center.keys().root_certificate_der)

    def wait_ready(self) -> None:
        """Poll ``/health`` until it answers, at most :data:`STARTUP_SECONDS`."""
        deadline = time.monotonic() + STARTUP_SECONDS
        with httpx.Client(verify=pinned_tls_context(self.root_der), timeout=1.0) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                try:
                    if client.get(f"{self.url}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        self.stop()
        pytest.fail(f"the receiver did not start: {self.log.read_text(errors='replace')}")

    def wait_exit(self, seconds: float) -> int:
        return self.process.wait(timeout=seconds)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return link_station(workstation, tmp_path)


@pytest.fixture
def receiver(linked: tuple[Session, CenterStore], tmp_path: Path) -> Iterator[Receiver]:
    """The real ``serve()`` entry point, started as an administrator would."""
    server = Receiver.start(linked[1], free_port(), tmp_path / "receiver.log", plain_serve=True)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def _client(root_der: bytes) -> httpx.Client:
    return httpx.Client(verify=pinned_tls_context(root_der), timeout=30, trust_env=False)


# -- tests ---------------------------------------------------------------------------------------


def test_a_posted_bundle_is_answered_with_its_receipt_once_and_again(
    linked: tuple[Session, CenterStore], receiver: Receiver
) -> None:
    session, center = linked
    sync = StationSync(session)
    bundle = sync.export_bundle()
    with _client(receiver.root_der) as client:
        first = client.post(
            f"{receiver.url}/bundles",
            content=bundle.data,
            headers=signed_headers(session, bundle.data),
        )
        again = client.post(
            f"{receiver.url}/bundles",
            content=bundle.data,
            headers=signed_headers(session, bundle.data),
        )
    assert first.status_code == 200 and first.headers["content-type"] == "application/json"
    assert again.status_code == 200
    assert count_rows(center, "records") == len(NAMES)
    assert sync.apply_receipt(again.content) == len(NAMES)
    assert sync.status().pending == 0
    assert len(list((center.center_dir / "receipts").iterdir())) == 1
    log = receiver.log.read_text()
    assert "imported: 6 new or updated, 0 unchanged" in log
    assert "imported: 0 new or updated, 6 unchanged" in log


def test_a_garbled_bundle_is_refused_quarantined_and_changes_nothing(
    linked: tuple[Session, CenterStore], receiver: Receiver
) -> None:
    session, center = linked
    data = bytearray(StationSync(session).export_bundle().data)
    data[len(data) // 2] ^= 0x10
    with _client(receiver.root_der) as client:
        answer = client.post(
            f"{receiver.url}/bundles",
            content=bytes(data),
            headers={
                "X-File-Name": "../../../outside.bundle.age",
                **signed_headers(session, bytes(data)),
            },
        )
    assert answer.status_code == 422
    sentence = answer.json()["error"]
    assert sentence.startswith("The bundle") and "Traceback" not in sentence
    assert count_rows(center, "records") == 0
    assert count_rows(center, "quarantine") == 1
    kept = list((center.center_dir / "quarantine").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)
    assert kept[0].name.endswith("-network-upload.bundle.age"), "the header is not a path"
    assert not (center.center_dir.parent / "outside.bundle.age").exists()
    log = receiver.log.read_text()
    assert "Traceback" not in log and "BundleDamaged" in log


def test_health_answers_only_over_tls_with_the_centres_certificate(
    linked: tuple[Session, CenterStore], receiver: Receiver, tmp_path: Path
) -> None:
    with _client(receiver.root_der) as client:
        assert client.get(f"{receiver.url}/health").json() == {"status": "ok"}
        assert client.get(f"https://localhost:{receiver.port}/health").status_code == 200
        assert client.get(f"{receiver.url}/bundles").status_code == 405
    with (
        httpx.Client(timeout=5, trust_env=False) as plain,
        pytest.raises(httpx.TransportError),
    ):
        plain.get(f"http://{HOST}:{receiver.port}/health")
    stranger = CenterStore(tmp_path / "stranger")
    stranger.create(training=True)
    with (
        _client(stranger.keys().root_certificate_der) as client,
        pytest.raises(httpx.ConnectError) as refused,
    ):
        client.get(f"{receiver.url}/health")
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value)
    assert not list(linked[1].center_dir.glob(".tls-*")), "the key file is gone once loaded"


def test_a_body_over_the_limit_is_refused_before_import(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    center = linked[1]
    server = Receiver.start(center, free_port(), tmp_path / "small.log", max_bundle_bytes=1024)
    try:
        server.wait_ready()
        with _client(server.root_der) as client:
            answer = client.post(f"{server.url}/bundles", content=b"\0" * 4096)
    finally:
        server.stop()
    assert answer.status_code == 413 and "USB" in answer.json()["error"]
    assert count_rows(center, "records") == 0 and count_rows(center, "quarantine") == 0
