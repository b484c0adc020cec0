"""The receiver's gate (issue 13: "the receiver serves anyone"): stations authenticate by a
signed request before any body is read; limits, quotas, deadlines and TLS suites.

The real receiver (``create_app`` + ``receiver_server``, uvicorn with the receiver's connection
protocol) runs in a thread on 127.0.0.1; requests come from the station's real uploader
(``upload_pending``), from httpx, or from a raw TLS socket where a test must control what is
sent and when (headers without a body, a byte at a time).
"""

from __future__ import annotations

import dataclasses
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center.receiver import create_app, receiver_server
from interview_room.center.receiver_admission import (
    Admission,
    Admitted,
    Problem,
    ReceiverLimits,
    Refusal,
)
from interview_room.center.receiver_nonces import NONCE_JOURNAL_FILE
from interview_room.center.store import CenterStore
from interview_room.sync.network import (
    CenterBusy,
    RetryScheduled,
    StationNotAccepted,
    pinned_tls_context,
    upload_pending,
)
from interview_room.sync.request_signature import sign_request
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.center.test_receiver import (
    HOST,
    NAMES,
    count_rows,
    free_port,
    link_station,
    signed_headers,
)
from tests.conftest import WorkstationFactory

MIB = 1024 * 1024
FAST = ReceiverLimits(
    header_timeout_seconds=1.0,
    body_grace_seconds=1.0,
    linger_seconds=0.5,
    station_refresh_seconds=0.0,
)
"""Short deadlines so that a test of them takes a second or two."""


@dataclass
class ThreadedReceiver:
    server: uvicorn.Server
    port: int
    root_der: bytes

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    def client(self) -> httpx.Client:
        return httpx.Client(verify=pinned_tls_context(self.root_der), timeout=30, trust_env=False)

    def post(self, body: bytes, headers: dict[str, str]) -> httpx.Response:
        with self.client() as client:
            return client.post(f"{self.url}/bundles", content=body, headers=headers)


@contextmanager
def running(center: CenterStore, limits: ReceiverLimits = FAST) -> Iterator[ThreadedReceiver]:
    port = free_port()
    app = create_app(center.center_dir, limits=limits)
    server = receiver_server(app, center.center_dir, HOST, port, configure_logging=False)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "the receiver did not start"
    try:
        yield ThreadedReceiver(server, port, center.keys().root_certificate_der)
    finally:
        server.should_exit = server.force_exit = True
        thread.join(10)


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return link_station(workstation, tmp_path)


def _problem(response: httpx.Response) -> str:
    return str(response.json()["problem"])


def _nothing_received(center: CenterStore) -> bool:
    return count_rows(center, "records") == 0 and count_rows(center, "quarantine") == 0


# -- raw TLS, for what httpx will not do --------------------------------------------------------


@contextmanager
def tls_socket(receiver: ThreadedReceiver) -> Iterator[ssl.SSLSocket]:
    context = pinned_tls_context(receiver.root_der)
    with (
        socket.create_connection((HOST, receiver.port), timeout=10) as plain,
        context.wrap_socket(plain, server_hostname=HOST) as tls,
    ):
        yield tls


def _head(length: int, headers: dict[str, str]) -> bytes:
    lines = ["POST /bundles HTTP/1.1", f"Host: {HOST}", f"Content-Length: {length}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def _read_answer(tls: ssl.SSLSocket, seconds: float) -> tuple[int, dict[str, object], float]:
    """(status, JSON body, seconds waited) of the answer on ``tls``."""
    started = time.monotonic()
    tls.settimeout(seconds)
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = tls.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body), time.monotonic() - started


def _closed_after(tls: ssl.SSLSocket, seconds: float) -> float:
    """Seconds until the server closes the connection while the client goes on sending a
    byte every 0.1 s (as a slow client that ignores the answer would)."""
    started = time.monotonic()
    tls.settimeout(0.1)
    while time.monotonic() - started < seconds:
        try:
            tls.sendall(b"\0")
            if tls.recv(65536) == b"":
                break
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            break
    return time.monotonic() - started


# -- authentication ------------------------------------------------------------------------------


def test_the_stations_own_uploader_is_admitted_and_its_receipt_applied(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    with running(center) as receiver:
        result = upload_pending(StationSync(session), receiver.url, receiver.root_der)
    assert (result.records, result.confirmed, result.attempts) == (len(NAMES), len(NAMES), 1)
    assert count_rows(center, "records") == len(NAMES)
    assert StationSync(session).status().pending == 0


def test_unsigned_wrong_key_and_unknown_station_are_refused_and_nothing_is_kept(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    data = StationSync(session).export_bundle().data
    station_id = StationSync(session).station_id
    stranger = Ed25519PrivateKey.generate()
    now = int(time.time())
    with running(center) as receiver:
        unsigned = receiver.post(data, {})
        wrong_key = receiver.post(
            data, sign_request(stranger.sign, station_id, "POST", "/bundles", data, now)
        )
        unknown = receiver.post(
            data, sign_request(stranger.sign, "0123456789abcdef", "POST", "/bundles", data, now)
        )
        other_path = receiver.post(data, signed_headers(session, data, path="/elsewhere"))
    assert (unsigned.status_code, _problem(unsigned)) == (401, "not-signed")
    assert (wrong_key.status_code, _problem(wrong_key)) == (401, "signature-invalid")
    assert (unknown.status_code, _problem(unknown)) == (401, "unknown-station")
    assert (other_path.status_code, _problem(other_path)) == (401, "signature-invalid")
    assert _nothing_received(center)


def test_a_replayed_request_is_refused_even_with_its_genuine_signature(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    data = StationSync(session).export_bundle().data
    headers = signed_headers(session, data)
    with running(center) as receiver:
        first = receiver.post(data, headers)
        replayed = receiver.post(data, headers)
    assert first.status_code == 200
    assert (replayed.status_code, _problem(replayed)) == (401, "replayed")
    assert count_rows(center, "bundles") == 1


def test_a_request_admitted_before_a_restart_is_refused_after_it(
    linked: tuple[Session, CenterStore],
) -> None:
    # Attack A3 (attacker round 2): the station's clock is ahead (within the allowed
    # difference), so the request's time is after the restarted receiver's start; only a
    # nonce book that survives the restart refuses the replay.
    session, center = linked
    data = StationSync(session).export_bundle().data
    headers = signed_headers(session, data, timestamp=int(time.time()) + 200)
    with running(center) as receiver:
        first = receiver.post(data, headers)
    with running(center) as restarted:
        replayed = restarted.post(data, headers)
        fresh = restarted.post(data, signed_headers(session, data))
    assert first.status_code == 200
    assert replayed.status_code == 401, "the replay after the restart was admitted"
    assert _problem(replayed) == "replayed"
    assert fresh.status_code == 200


class _Clock:
    """The centre's wall clock, moved by the test."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _admission(center: CenterStore, clock: _Clock) -> Admission:
    """A receiver's gate as ``create_app`` makes it at start, its stations table read."""
    admission = Admission(center, dataclasses.replace(FAST, request_burst=100), wall_clock=clock)
    admission.directory.read()
    return admission


def _signed(session: Session, timestamp: int) -> dict[str, str]:
    """The headers of an empty signed request at the station's ``timestamp``."""
    return {**signed_headers(session, b"", timestamp=timestamp), "content-length": "0"}


def _admit(admission: Admission, headers: dict[str, str]) -> Admitted | Refusal:
    decision = admission.admit(headers, "POST", "/bundles")
    if isinstance(decision, Admitted):
        admission.release(decision)
    return decision


def _journal_lines(center: CenterStore) -> list[bytes]:
    return (center.center_dir / NONCE_JOURNAL_FILE).read_bytes().splitlines(keepends=True)


def test_a_torn_last_journal_line_does_not_stop_the_receiver_starting(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    clock = _Clock(time.time())
    served = _signed(session, int(clock.now))
    assert isinstance(_admit(_admission(center, clock), served), Admitted)
    # The receiver dies in the middle of appending the next request's line.
    with (center.center_dir / NONCE_JOURNAL_FILE).open("ab") as journal:
        journal.write(b'{"station":"' + served["x-station-id"].encode() + b'","nonce":"ab')
    restarted = _admission(center, clock)
    replayed = _admit(restarted, served)
    fresh = _signed(session, int(clock.now))
    assert isinstance(_admit(restarted, fresh), Admitted)
    assert isinstance(replayed, Refusal) and replayed.problem is Problem.REPLAYED
    lines = [json.loads(line) for line in _journal_lines(center)]
    assert [line["nonce"] for line in lines] == [
        served["x-request-nonce"],
        fresh["x-request-nonce"],
    ]


def test_expired_journal_entries_are_dropped_at_start_and_live_ones_kept(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    start = int(time.time())
    clock = _Clock(start)
    admission = _admission(center, clock)
    early = _signed(session, start)
    assert isinstance(_admit(admission, early), Admitted)
    clock.now = start + 150
    late = _signed(session, start + 400)  # a station clock 250 s ahead
    assert isinstance(_admit(admission, late), Admitted)
    assert len(_journal_lines(center)) == 2
    # Restarted once the early request's time is out of the window (it would be stale).
    clock.now = start + FAST.clock_skew_seconds + 2
    restarted = _admission(center, clock)
    assert len(restarted.nonces) == 1
    assert [json.loads(line)["nonce"] for line in _journal_lines(center)] == [
        late["x-request-nonce"]
    ]
    replayed = _admit(restarted, late)
    assert isinstance(replayed, Refusal) and replayed.problem is Problem.REPLAYED


def test_the_journal_is_rewritten_when_it_grows_and_keeps_what_is_live(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    start = int(time.time())
    clock = _Clock(start)
    admission = _admission(center, clock)
    admission.journal.max_lines = 8
    admitted: list[dict[str, str]] = []
    for step in range(12):  # one request every 100 s, its station's clock 250 s ahead: 6 live
        clock.now = start + 100 * step
        headers = _signed(session, int(clock.now) + 250)
        assert isinstance(_admit(admission, headers), Admitted)
        admitted.append(headers)
        assert len(_journal_lines(center)) <= 8
    restarted = _admission(center, clock)
    live = [h for h in admitted if int(h["x-request-time"]) + FAST.clock_skew_seconds >= clock.now]
    assert len(live) == len(restarted.nonces) == len(_journal_lines(center)) == 6
    for headers in live:
        assert restarted.nonces.seen(headers["x-station-id"], headers["x-request-nonce"], clock.now)
    replayed = _admit(restarted, admitted[-1])
    assert isinstance(replayed, Refusal) and replayed.problem is Problem.REPLAYED


def test_a_nonce_that_cannot_be_written_is_not_admitted_and_the_journal_recovers(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    clock = _Clock(time.time())
    admission = _admission(center, clock)
    served = _signed(session, int(clock.now))
    assert isinstance(_admit(admission, served), Admitted)
    (center.center_dir / NONCE_JOURNAL_FILE).unlink()  # removed while the receiver runs
    refused = _admit(admission, _signed(session, int(clock.now)))
    assert isinstance(refused, Refusal)
    assert (refused.status_code, refused.problem) == (503, Problem.NOT_RECORDED)
    assert refused.retry_after_seconds == FAST.busy_retry_seconds
    again = _signed(session, int(clock.now))
    assert isinstance(_admit(admission, again), Admitted)
    restarted = _admission(center, clock)
    for headers in (served, again):
        replayed = _admit(restarted, headers)
        assert isinstance(replayed, Refusal) and replayed.problem is Problem.REPLAYED


def test_stale_and_pre_start_request_times_are_refused_with_the_centres_time(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    data = StationSync(session).export_bundle().data
    with running(center) as receiver:
        # Within the allowed clock difference, but from before this receiver started: its
        # nonce may have been spent before a restart.
        before_start = receiver.post(
            data, signed_headers(session, data, timestamp=int(time.time()) - 60)
        )
        stale = receiver.post(
            data, signed_headers(session, data, timestamp=int(time.time()) - 3600)
        )
        future = receiver.post(
            data, signed_headers(session, data, timestamp=int(time.time()) + 3600)
        )
    for answer in (before_start, stale, future):
        assert (answer.status_code, _problem(answer)) == (401, "stale-request-time")
        assert abs(answer.json()["server_time"] - time.time()) < 5
    assert _nothing_received(center)


def test_a_station_clock_an_hour_behind_is_corrected_once_and_the_upload_succeeds(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    retries: list[RetryScheduled] = []
    with running(center) as receiver:
        result = upload_pending(
            StationSync(session),
            receiver.url,
            receiver.root_der,
            clock=lambda: time.time() - 3600,
            on_retry=retries.append,
        )
    assert result.attempts == 2 and result.confirmed == len(NAMES)
    assert [(r.delay_seconds, r.problem) for r in retries] == [(0.0, "HTTP 401")]


def test_a_revoked_station_is_refused_and_its_uploader_is_told_why(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    sync = StationSync(session)
    center.revoke_station(sync.station_id)
    with running(center) as receiver, pytest.raises(StationNotAccepted) as refused:
        upload_pending(sync, receiver.url, receiver.root_der, attempts=3)
    assert refused.value.status_code == 403 and refused.value.problem == "station-revoked"
    assert _nothing_received(center)
    assert sync.status().pending == len(NAMES)


@pytest.mark.parametrize("case", ["unsigned", "revoked", "replayed", "oversize"])
def test_refusals_are_answered_from_the_headers_before_any_body_is_sent(
    linked: tuple[Session, CenterStore], case: str
) -> None:
    """20 MiB announced, not one byte of it sent: the answer still comes (the body grace is
    one second, so an answer within it was not waiting for the body)."""
    session, center = linked
    announced = 20 * MIB
    body = b"\0" * announced
    limits = FAST
    if case == "revoked":
        center.revoke_station(StationSync(session).station_id)
    elif case == "oversize":
        limits = dataclasses.replace(FAST, max_bundle_bytes=MIB)
    expected = {
        "unsigned": (401, "not-signed"),
        "revoked": (403, "station-revoked"),
        "replayed": (401, "replayed"),
        "oversize": (413, "too-large"),
    }[case]
    with running(center, limits) as receiver:
        headers = {} if case == "unsigned" else signed_headers(session, body)
        if case == "replayed":
            # The first use of these headers is admitted, and sends a few bytes only.
            with tls_socket(receiver) as tls:
                tls.sendall(_head(announced, headers) + b"\0" * 10)
                status, _, _ = _read_answer(tls, 5)
            assert status == 408
        with tls_socket(receiver) as tls:
            tls.sendall(_head(announced, headers))
            status, answer, waited = _read_answer(tls, 5)
    assert (status, answer["problem"]) == expected
    assert waited < 0.9
    assert _nothing_received(center)


# -- limits --------------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_and_a_body_not_signed_is_not_imported(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    data = StationSync(session).export_bundle().data
    limits = dataclasses.replace(FAST, max_bundle_bytes=len(data))
    swapped = bytes(reversed(data))
    with running(center, limits) as receiver:
        bigger = data + b"\0"
        too_large = receiver.post(bigger, signed_headers(session, bigger))
        mismatch = receiver.post(swapped, signed_headers(session, data))
    assert (too_large.status_code, _problem(too_large)) == (413, "too-large")
    assert "USB" in too_large.json()["error"]
    assert (mismatch.status_code, _problem(mismatch)) == (400, "body-mismatch")
    assert _nothing_received(center)


def test_a_station_over_its_request_quota_gets_429_and_its_uploader_waits_and_retries(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    limits = dataclasses.replace(FAST, request_burst=1, request_interval_seconds=2)
    sync = StationSync(session)
    data = sync.export_bundle().data
    retries: list[RetryScheduled] = []
    with running(center, limits) as receiver:
        # Received, but its receipt is never applied: the cases stay pending here.
        assert receiver.post(data, signed_headers(session, data)).status_code == 200
        too_soon = receiver.post(data, signed_headers(session, data))
        started = time.monotonic()
        result = upload_pending(
            sync, receiver.url, receiver.root_der, on_retry=retries.append, backoff_seconds=0.01
        )
        waited = time.monotonic() - started
    assert (too_soon.status_code, _problem(too_soon)) == (429, "too-many-requests")
    assert too_soon.headers["retry-after"] in {"1", "2"}
    assert retries and retries[0].problem == "HTTP 429" and retries[0].delay_seconds >= 1
    assert waited >= retries[0].delay_seconds
    assert result.confirmed == len(NAMES) and sync.status().pending == 0


def test_a_wait_longer_than_the_uploader_accepts_ends_the_run_and_keeps_cases_pending(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    limits = dataclasses.replace(FAST, request_burst=1, request_interval_seconds=600)
    sync = StationSync(session)
    data = sync.export_bundle().data
    with running(center, limits) as receiver:
        assert receiver.post(data, signed_headers(session, data)).status_code == 200
        started = time.monotonic()
        with pytest.raises(CenterBusy) as busy:
            upload_pending(sync, receiver.url, receiver.root_der, max_retry_after=30)
    assert busy.value.retry_after_seconds == 600
    assert time.monotonic() - started < 5, "it does not wait what it will not wait out"
    assert sync.status().pending == len(NAMES)


def test_a_daily_volume_quota_answers_429_until_it_refills(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    data = StationSync(session).export_bundle().data
    limits = dataclasses.replace(FAST, bytes_per_day=len(data) * 3 // 2)
    with running(center, limits) as receiver:
        first = receiver.post(data, signed_headers(session, data))
        second = receiver.post(data, signed_headers(session, data))
    assert first.status_code == 200
    assert (second.status_code, _problem(second)) == (429, "daily-quota")
    # Half a bundle's bytes at a day's rate of one and a half bundles: about eight hours.
    assert 7 * 3600 <= int(second.headers["retry-after"]) <= 9 * 3600


# -- slow connections ---------------------------------------------------------------------------


def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_header_deadline(
    linked: tuple[Session, CenterStore],
) -> None:
    center = linked[1]
    with running(center) as receiver, tls_socket(receiver) as tls:
        started = time.monotonic()
        tls.sendall(b"POST /bundles HTTP/1.1\r\nHost: x\r\n")
        closed = False
        for byte in b"X-Slow: " + b"a" * 40:
            try:
                tls.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                closed = True
                break
            tls.settimeout(0.2)
            try:
                if tls.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except (ConnectionResetError, ssl.SSLError):
                closed = True
                break
        elapsed = time.monotonic() - started
    assert closed, "the server kept a connection whose headers never ended"
    assert 0.9 <= elapsed < 3


def test_a_body_sent_a_byte_a_second_is_cut_off_after_the_grace_period(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    body = b"\0" * 1000
    with running(center) as receiver, tls_socket(receiver) as tls:
        tls.sendall(_head(len(body), signed_headers(session, body)))
        started = time.monotonic()
        tls.settimeout(0.3)
        answer = b""
        for byte in body:
            tls.sendall(bytes([byte]))
            try:
                answer += tls.recv(65536)
            except TimeoutError:
                continue
            if b"\r\n\r\n" in answer:
                break
        elapsed = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408"), answer[:40]
        # FAST lingers 0.5 s after an answer, then closes, however the client goes on.
        assert _closed_after(tls, 5) < 2, "after the answer, the connection is closed"
    assert 0.9 <= elapsed < 3
    assert _nothing_received(center)


def test_eight_connections_held_mid_headers_leave_uploads_and_health_answered(
    linked: tuple[Session, CenterStore],
) -> None:
    """Issue 13: eight such connections made the old receiver answer 503 to everyone. Here
    they are held open for the whole test (header deadline 30 s)."""
    session, center = linked
    limits = dataclasses.replace(FAST, header_timeout_seconds=30.0)
    with running(center, limits) as receiver:
        held: list[ssl.SSLSocket] = []
        try:
            for _ in range(8):
                plain = socket.create_connection((HOST, receiver.port), timeout=10)
                tls = pinned_tls_context(receiver.root_der).wrap_socket(plain, server_hostname=HOST)
                tls.sendall(b"POST /bundles HTTP/1.1\r\nHost: x\r\nX-Slow: a")
                held.append(tls)
            with receiver.client() as client:
                health = client.get(f"{receiver.url}/health")
            result = upload_pending(StationSync(session), receiver.url, receiver.root_der)
            still_open = 0
            for tls in held:
                tls.settimeout(0.05)
                try:
                    still_open += tls.recv(1) != b""
                except TimeoutError:
                    still_open += 1
        finally:
            for tls in held:
                tls.close()
    assert health.status_code == 200
    assert result.attempts == 1 and result.confirmed == len(NAMES)
    assert still_open == 8, "the slow connections were really held during the upload"


# -- TLS -----------------------------------------------------------------------------------------


def _handshake(receiver: ThreadedReceiver, context: ssl.SSLContext) -> str:
    with (
        socket.create_connection((HOST, receiver.port), timeout=10) as plain,
        context.wrap_socket(plain, server_hostname=HOST) as tls,
    ):
        cipher = tls.cipher()
        assert cipher is not None
        return f"{tls.version()} {cipher[0]}"


def test_tls_offers_only_aead_suites_in_1_2_and_speaks_1_3(
    linked: tuple[Session, CenterStore],
) -> None:
    center = linked[1]

    def client(maximum: ssl.TLSVersion, ciphers: str | None = None) -> ssl.SSLContext:
        context = pinned_tls_context(center.keys().root_certificate_der)
        context.maximum_version = maximum
        if ciphers is not None:
            context.set_ciphers(ciphers)
        return context

    with running(center) as receiver:
        newest = _handshake(receiver, client(ssl.TLSVersion.TLSv1_3))
        gcm = _handshake(receiver, client(ssl.TLSVersion.TLSv1_2, "ECDHE-ECDSA-AES128-GCM-SHA256"))
        chacha = _handshake(
            receiver, client(ssl.TLSVersion.TLSv1_2, "ECDHE-ECDSA-CHACHA20-POLY1305")
        )
        refused = []
        for cbc in ("ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384", "AES128-SHA256"):
            with pytest.raises(ssl.SSLError):
                _handshake(receiver, client(ssl.TLSVersion.TLSv1_2, cbc))
            refused.append(cbc)
    assert newest.startswith("TLSv1.3 ")
    assert gcm == "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256"
    assert chacha == "TLSv1.2 ECDHE-ECDSA-CHACHA20-POLY1305"
    assert len(refused) == 3
