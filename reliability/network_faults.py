"""Network faults: the receiver killed, slow or answering garbage; every record arrives once.

The real uploader (``sync.network.upload_pending``: HTTPS pinned to the centre's root, retries
with backoff) sends a real station's bundles to the real receiver (``center.receiver.serve``:
Starlette on uvicorn over TLS, in its own process) of a real centre. Between trips the station
interviews more people and changes open interviews, so every trip carries records.

- **killed**: the receiver is SIGKILLed at a seeded moment of an upload (spread over the time a
  healthy upload takes, so kills land before the request, while the body is read, during the
  import's transaction, after it committed and before the reply, or after the reply), then
  started again. A kill during the import must leave nothing of it.
- **slow**: a front that holds the centre's TLS certificate (so the pinned uploader accepts
  it) either forwards the bundle at once and answers only after the uploader's timeout, or
  waits past the timeout and only then forwards it, so the same bundle reaches the centre late,
  after the station has already sent it again another way.
- **garbage**: the same front answers, after forwarding the bundle to the centre or not: random
  bytes instead of TLS; random bytes instead of HTTP; JSON that is not a receipt; the centre's
  receipt with its signature altered, re-signed by another key, or genuinely signed for another
  station; an earlier genuine receipt of this station; HTTP 500; a random 4xx; a reply cut
  short; the connection closed; a body declared gzip that is not.

After each fault the uploader must have returned or raised a typed error (an
``InterviewRoomError``; anything else is a crash), and no record may be marked synced that the
centre does not hold. Then the station uploads to the healthy receiver until nothing is
pending, late deliveries are waited for, and: the centre holds every case once, at the
station's version and content; each version was stored once (the centre's "new or updated"
counts add up to the station's versions); every receipt was applied; both stores authenticate.
Seeded: the same seed gives the same faults, moments and garbage.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import os
import random
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from interview_room.center.store import CenterStore
from interview_room.errors import InterviewRoomError
from interview_room.sync.network import UploadResult, pinned_tls_context, upload_pending
from interview_room.sync.receipt import Receipt, write_receipt
from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.linked_station import LinkedStation, tally

AREA = "network faults"
SEED = 7_2027
HOST = "127.0.0.1"
STARTUP_SECONDS = 30.0
CLIENT_TIMEOUT = 0.4
"""The uploader's timeout in the slow trials (the front waits longer than this)."""

_SERVE = """
import sys
from pathlib import Path
from interview_room.center.receiver import create_app, serve_app
from interview_room.center.receiver_admission import ReceiverLimits
center_dir, host, port = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
# The shipped limits but the request quota: the trials send far more often than a station.
limits = ReceiverLimits(request_burst=100_000, request_interval_seconds=0.001)
serve_app(create_app(center_dir, limits=limits), center_dir, host, port)
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


# -- the real receiver, in its own process ------------------------------------------------------


class Receiver:
    """``interview_room.center.receiver.serve`` run as a process, as the centre runs it."""

    def __init__(self, center: CenterStore, log: Path) -> None:
        self.center = center
        self.log = log
        self.port = _free_port()
        self.root_der = center.keys().root_certificate_der
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    def start(self) -> None:
        """Start (again, on the same port) and wait until ``/health`` answers."""
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _SERVE, str(self.center.center_dir), HOST, str(self.port)],
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self.starts += 1
        deadline = time.monotonic() + STARTUP_SECONDS
        with httpx.Client(verify=pinned_tls_context(self.root_der), timeout=1.0) as client:
            while time.monotonic() < deadline and self.process.poll() is None:
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.url}/health").status_code == 200:
                        return
                time.sleep(0.05)
        self.stop()
        tail = self.log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the receiver did not start: {tail}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait(timeout=10)

    def log_problems(self) -> list[str]:
        """The receiver logs events, never a traceback."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return ["a traceback in the receiver's log"] if "Traceback" in text else []

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# -- a front with the centre's certificate that misbehaves -------------------------------------

GARBAGE = (
    "tls-garbage",
    "http-garbage",
    "not-a-receipt",
    "signature-altered",
    "impostor-signed",
    "other-station",
    "earlier-receipt",
    "http-500",
    "http-4xx",
    "reply-cut",
    "closed",
    "bad-gzip",
)
NEEDS_RECEIPT = {"signature-altered", "impostor-signed", "other-station"}
SLOW = ("slow-reply", "slow-forward")


def _canonical(document: object) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def _http(status: int, body: bytes, *, declared: int | None = None, extra: str = "") -> bytes:
    length = len(body) if declared is None else declared
    head = (
        f"HTTP/1.1 {status} Whatever\r\ncontent-type: application/json\r\n"
        f"content-length: {length}\r\nconnection: close\r\n{extra}\r\n"
    )
    return head.encode("ascii") + body


def _read_request(conn: ssl.SSLSocket) -> tuple[dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("the station closed before its request was complete")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            raise ConnectionError("the station closed before its body was complete")
        body += chunk
    return headers, body[:length]


@dataclass
class FrontPlan:
    """What the front does with the uploads of one trial."""

    mode: str
    forward: bool
    delay: float = 0.0
    rng: random.Random = field(default_factory=random.Random)


class FaultyFront:
    """A TLS server on 127.0.0.1 with the centre's own certificate: what the station reaches
    instead of the receiver, misbehaving as :class:`FrontPlan` says."""

    def __init__(self, center: CenterStore, upstream: Receiver, folder: Path) -> None:
        keys = center.keys()
        self.center = center
        self.upstream = upstream
        self.plan = FrontPlan("http-500", forward=False)
        self.forwarded = 0
        self.forwarded_at: list[float] = []
        self.unexpected: list[str] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._context = _server_context(keys.tls_certificate_der, keys.tls_private_key_der, folder)
        self._listener = socket.create_server((HOST, 0))
        self.port = int(self._listener.getsockname()[1])
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._listener.close()
        self._acceptor.join(10)
        self.settle(30)

    def settle(self, seconds: float) -> None:
        """Wait for every connection of the trial to be done (late forwards included)."""
        deadline = time.monotonic() + seconds
        with self._lock:
            threads = list(self._threads)
            self._threads.clear()
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            handler = threading.Thread(target=self._serve, args=(conn, self.plan), daemon=True)
            with self._lock:
                self._threads.append(handler)
            handler.start()

    def _forward(self, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        with httpx.Client(
            verify=pinned_tls_context(self.upstream.root_der), timeout=60, trust_env=False
        ) as client:
            name = headers.get("x-file-name", "")
            # The station's signature headers travel on, as through any proxy.
            signed = {k: v for k, v in headers.items() if k.startswith(("x-station", "x-req"))}
            signed["x-content-sha256"] = headers.get("x-content-sha256", "")
            response = client.post(
                f"{self.upstream.url}/bundles",
                content=body,
                headers={"X-File-Name": name, **signed},
            )
        with self._lock:
            self.forwarded += 1
            self.forwarded_at.append(time.monotonic())
        return response.status_code, response.content

    def _serve(self, raw: socket.socket, plan: FrontPlan) -> None:
        rng = random.Random(plan.rng.random())
        try:
            with raw:
                if plan.mode == "tls-garbage":
                    raw.recv(65536)  # the station's ClientHello
                    raw.sendall(rng.randbytes(rng.randrange(1, 2048)))
                    return
                with self._context.wrap_socket(raw, server_side=True) as conn:
                    self._answer(conn, plan, rng)
        except (OSError, ConnectionError):
            pass  # the station gave up first (its timeout): expected in the slow trials
        except Exception as error:  # the front's own fault: reported, not hidden
            with self._lock:
                self.unexpected.append(f"{plan.mode}: {type(error).__name__}: {error}")

    def _answer(self, conn: ssl.SSLSocket, plan: FrontPlan, rng: random.Random) -> None:
        headers, body = _read_request(conn)
        if plan.mode == "slow-forward":
            time.sleep(plan.delay)
        status, receipt = self._forward(headers, body) if plan.forward else (0, b"")
        if plan.mode == "slow-reply":
            time.sleep(plan.delay)
        if plan.mode in SLOW:
            conn.sendall(_http(status, receipt))
            return
        if plan.mode in NEEDS_RECEIPT and status != 200:
            raise RuntimeError(f"the centre answered {status} to a forwarded bundle")
        conn.sendall(self._garbage(plan.mode, receipt, rng))

    def _garbage(self, mode: str, receipt: bytes, rng: random.Random) -> bytes:
        if mode == "http-garbage":
            return rng.randbytes(rng.randrange(1, 4096))
        if mode == "not-a-receipt":
            return _http(200, self._not_a_receipt(receipt, rng))
        if mode == "signature-altered":
            document = json.loads(receipt)
            signature = bytearray(base64.b64decode(document["receipt_signature"]))
            signature[rng.randrange(len(signature))] ^= 1 << rng.randrange(8)
            document["receipt_signature"] = base64.b64encode(bytes(signature)).decode("ascii")
            return _http(200, _canonical(document))
        if mode in ("impostor-signed", "other-station"):
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            body = json.loads(receipt)["receipt"]
            station_id = body["station_id"]
            key = Ed25519PrivateKey.generate()
            if mode == "other-station":  # the centre's own key, another station's receipt
                station_id = rng.randbytes(8).hex()
                key = Ed25519PrivateKey.from_private_bytes(self.center.keys().receipt_key)
            stored = tuple((s["kind"], s["id"], s["version"], s["sha256"]) for s in body["stored"])
            forged = Receipt(station_id, body["sequence"], body["received_at"], stored)
            return _http(200, write_receipt(forged, center_key=key))
        if mode == "earlier-receipt":
            return _http(200, self._earlier_receipt() or b"{}")
        if mode == "http-500":
            return _http(500, json.dumps({"error": "synthetic failure"}).encode())
        if mode == "http-4xx":
            status = rng.choice((400, 401, 403, 404, 409, 411, 413, 415, 422, 429))
            return _http(status, rng.choice((b"", rng.randbytes(64), b'{"error": 7}')))
        if mode == "reply-cut":
            whole = receipt or rng.randbytes(600)
            return _http(200, whole[: rng.randrange(len(whole))], declared=len(whole))
        if mode == "closed":
            return b""
        if mode == "bad-gzip":
            junk = rng.randbytes(rng.randrange(1, 512))
            if rng.random() < 0.5:  # a real gzip stream, cut short
                junk = gzip.compress(receipt or junk)[: rng.randrange(1, 20)]
            return _http(200, junk, extra="content-encoding: gzip\r\n")
        raise ValueError(f"unknown mode {mode}")

    def _not_a_receipt(self, receipt: bytes, rng: random.Random) -> bytes:
        choices: list[bytes] = [b"", b"null", b"[]", b'{"status": "ok"}', b"\xff\xfe{}"]
        if receipt:
            document = json.loads(receipt)
            document.pop(rng.choice(sorted(document)))
            choices += [_canonical(document), receipt[: len(receipt) // 2], receipt + b" x"]
        return rng.choice(choices)

    def _earlier_receipt(self) -> bytes | None:
        """The newest receipt the centre kept from an earlier import (genuine, signed)."""
        folder = self.center.center_dir / "receipts"
        files = sorted(folder.glob("*.receipt.json")) if folder.is_dir() else []
        return files[-1].read_bytes() if files else None


def _server_context(certificate_der: bytes, key_der: bytes, folder: Path) -> ssl.SSLContext:
    from cryptography.hazmat.primitives import serialization

    from interview_room.signing.pki import der_to_pem

    key_pem = serialization.load_der_private_key(key_der, password=None).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # ssl loads a key only from a file: a private folder, removed once loaded.
    private = Path(tempfile.mkdtemp(prefix=".tls-", dir=folder))
    try:
        (private / "tls.crt").write_bytes(der_to_pem(certificate_der))
        (private / "tls.key").write_bytes(key_pem)
        context.load_cert_chain(private / "tls.crt", private / "tls.key")
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return context


# -- one trial: a fault, then the healthy receiver until everything is there --------------------


@dataclass
class Trials:
    outcomes: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    trials: int = 0
    healthy_uploads: int = 0
    late: int = 0
    """Bundles the front delivered to the centre after the station had sent them again."""

    def count(self, table: dict[str, int], key: str) -> None:
        table[key] = table.get(key, 0) + 1

    def problem(self, trial: int, text: str) -> None:
        self.problems.append(f"trial {trial}: {text}")


def falsely_confirmed(station: LinkedStation) -> int:
    """Records the station marks as confirmed at a version the centre does not hold."""
    held = station.centre_records()
    wrong = 0
    for case_id, synced_version, content in station.db.all(
        "SELECT case_id, synced_version, content_hash FROM sync_records"
        " WHERE synced_version > 0 AND synced_version = version"
    ):
        if held.get(str(case_id)) != (int(synced_version), str(content)):
            wrong += 1
    for case_id, synced_version in station.db.all(
        "SELECT case_id, synced_version FROM sync_records WHERE synced_version > 0"
    ):
        if held.get(str(case_id), (0, ""))[0] < int(synced_version):
            wrong += 1
    return wrong


def _attempt(seen: Trials, trial: int, upload: Callable[[], UploadResult]) -> str:
    try:
        upload()
    except InterviewRoomError as error:
        outcome = type(error).__name__
    except Exception as error:  # the property under test: this never happens
        outcome = f"crash {type(error).__name__}"
        seen.problem(trial, f"untyped {type(error).__name__}: {error}")
    else:
        outcome = "receipt"
    seen.count(seen.outcomes, outcome)
    return outcome


def _until_done(station: LinkedStation, receiver: Receiver, seen: Trials, trial: int) -> None:
    """Upload to the healthy receiver until the station has nothing unconfirmed."""
    for _ in range(5):
        try:
            upload_pending(
                station.sync, receiver.url, receiver.root_der, attempts=5, backoff_seconds=0.05
            )
        except InterviewRoomError as error:
            seen.problem(trial, f"healthy upload: {type(error).__name__}: {error}")
        seen.healthy_uploads += 1
        if not station.state().unconfirmed:
            return
    seen.problem(trial, "records still unconfirmed after five healthy uploads")


def _check(station: LinkedStation, seen: Trials, trial: int) -> None:
    for text in station.centre_problems():
        seen.problem(trial, text)


def _figure(check: str, seen: Trials, watch: Stopwatch, kinds_label: str) -> Figure:
    crashes = sum(n for o, n in seen.outcomes.items() if o.startswith("crash"))
    outcome = (
        f"{seen.trials - crashes}/{seen.trials} returned or raised a typed error"
        f" ({tally(seen.outcomes)}); {kinds_label}: {tally(seen.kinds)}; then every record"
        f" held once at the centre, each version stored once, receipts applied, 0 pending"
        f" ({seen.healthy_uploads} healthy uploads)"
    )
    if seen.late:
        outcome += f"; {seen.late} late deliveries after the records had been sent again"
    if seen.problems:
        outcome += f"; {len(seen.problems)} problems, first: {seen.problems[0]}"
    held = not seen.problems and crashes == 0
    return Figure(AREA, check, seen.trials, outcome, held, watch.seconds)


# -- the figures --------------------------------------------------------------------------------


def _arrived(station: LinkedStation, carried: frozenset[str]) -> int:
    """How many of the records a bundle carried the centre now holds at their new version."""
    held = station.centre_records()
    versions = {
        str(r[0]): int(r[1]) for r in station.db.all("SELECT case_id, version FROM sync_records")
    }
    return sum(1 for c in carried if held.get(c, (0, ""))[0] >= versions.get(c, 1))


def _work(station: LinkedStation) -> int:
    station.work(new_cases=station.rng.randint(1, 2), changes=station.rng.randint(0, 2))
    return len(station.state().unconfirmed)


class Relay:
    """A plain TCP relay in front of the receiver (TLS passes through untouched) that tells
    when a connection's first byte arrives and when the last byte of the answer left, so kills
    can be timed from the moment the station starts talking to the centre."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.on_request: Callable[[], None] | None = None
        self.request_at = 0.0
        self.reply_at = 0.0
        self._listener = socket.create_server((HOST, 0))
        self.port = int(self._listener.getsockname()[1])
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        self._acceptor.join(10)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection((HOST, self.upstream_port), timeout=30)
        except OSError:
            client.close()
            return
        back = threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True)
        back.start()
        self._pump(client, upstream, True)
        back.join(60)
        client.close()
        upstream.close()

    def _pump(self, source: socket.socket, sink: socket.socket, request: bool) -> None:
        first = True
        try:
            while chunk := source.recv(65536):
                if request and first:
                    first = False
                    self.request_at = time.perf_counter()
                    if self.on_request is not None:
                        self.on_request()
                sink.sendall(chunk)
                if not request:
                    self.reply_at = time.perf_counter()
        except OSError:
            pass
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def killed(folder: Path, scale: Scale) -> Figure:
    check = "receiver SIGKILLed at a seeded moment of an upload, then restarted"
    trials = scale.pick(6, 60)
    seen = Trials()
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        station = LinkedStation(folder, cases=6, seed=SEED)
        receiver = Receiver(station.center, folder / "receiver.log")
        relay = Relay(receiver.port)
        try:
            receiver.start()
            windows = []
            for _ in range(6):  # first byte in to last byte out (the first one warms up)
                _work(station)
                upload_pending(station.sync, relay.url, receiver.root_der)
                windows.append(relay.reply_at - relay.request_at)
            window = 1.25 * statistics.median(windows[1:])
            for trial in range(1, trials + 1):
                seen.trials += 1
                expected = _work(station)
                carried = station.state().unconfirmed
                timers: list[threading.Timer] = []

                def kill_later(
                    delay: float = station.rng.uniform(0, window),
                    timers: list[threading.Timer] = timers,
                ) -> None:
                    if not timers:  # the first connection of the upload only
                        timers.append(threading.Timer(delay, receiver.kill))
                        timers[0].start()

                relay.on_request = kill_later
                outcome = _attempt(
                    seen,
                    trial,
                    lambda: upload_pending(
                        station.sync, relay.url, receiver.root_der, attempts=1, timeout=30
                    ),
                )
                for timer in timers:
                    timer.join()
                relay.on_request = None
                receiver.kill()
                if falsely_confirmed(station):
                    seen.problem(trial, "a record was confirmed that the centre lacks")
                arrived = _arrived(station, carried)
                if arrived not in (0, expected):
                    seen.problem(trial, f"{arrived} of {expected} records: a partial import")
                if outcome == "receipt":
                    kind = "after the reply"
                elif arrived:
                    kind = "after the import, before the reply"
                else:
                    kind = "before the import committed"
                seen.count(seen.kinds, kind)
                receiver.start()
                _until_done(station, receiver, seen, trial)
                _check(station, seen, trial)
        finally:
            relay.close()
            receiver.stop()
            station.close()
        seen.problems += receiver.log_problems()
    return _figure(check, seen, watch, f"killed within {window * 1000:.0f} ms of the first byte")


def _front_figure(
    folder: Path,
    scale: Scale,
    check: str,
    modes: tuple[str, ...],
    per_mode: tuple[int, int],
    seed: int,
    attempts: int,
    timeout: float,
) -> Figure:
    trials = scale.pick(*per_mode) * len(modes)
    seen = Trials()
    with Stopwatch() as watch:
        folder.mkdir(parents=True)
        station = LinkedStation(folder, cases=6, seed=seed)
        receiver = Receiver(station.center, folder / "receiver.log")
        front: FaultyFront | None = None
        try:
            receiver.start()
            front = FaultyFront(station.center, receiver, folder)
            _until_done(station, receiver, seen, 0)
            for trial in range(1, trials + 1):
                seen.trials += 1
                mode = modes[(trial - 1) % len(modes)]
                forward = mode in NEEDS_RECEIPT or mode in SLOW or station.rng.random() < 0.5
                if mode in ("tls-garbage", "earlier-receipt"):
                    forward = False
                delay = timeout + station.rng.uniform(0.1, 0.8)
                front.plan = FrontPlan(mode, forward, delay, random.Random(station.rng.random()))
                _work(station)
                forwarded = front.forwarded
                _attempt(
                    seen,
                    trial,
                    lambda: upload_pending(
                        station.sync,
                        front.url if front else "",
                        receiver.root_der,
                        attempts=attempts,
                        backoff_seconds=0.02,
                        timeout=timeout,
                    ),
                )
                if falsely_confirmed(station):
                    seen.problem(trial, "a record was confirmed that the centre lacks")
                _until_done(station, receiver, seen, trial)
                done_at = time.monotonic()
                front.settle(60)  # late deliveries of the same bundle arrive now, if any
                late = front.forwarded - forwarded
                seen.late += sum(1 for t in front.forwarded_at[forwarded:] if t > done_at)
                seen.count(seen.kinds, f"{mode}{' (forwarded)' if late else ''}")
                _check(station, seen, trial)
            for text in front.unexpected:
                seen.problems.append(f"front: {text}")
        finally:
            if front is not None:
                front.close()
            receiver.stop()
            station.close()
        seen.problems += receiver.log_problems()
    return _figure(check, seen, watch, "modes")


def slow(folder: Path, scale: Scale) -> Figure:
    check = (
        f"receiver slower than the station's {CLIENT_TIMEOUT} s timeout, then answering"
        " (or importing late)"
    )
    return _front_figure(folder, scale, check, SLOW, (2, 25), SEED + 1, 2, CLIENT_TIMEOUT)


def garbage(folder: Path, scale: Scale) -> Figure:
    check = f"receiver answering garbage ({len(GARBAGE)} kinds), bundle imported or not"
    return _front_figure(folder, scale, check, GARBAGE, (1, 6), SEED + 2, 2, 30.0)


def run(scale: Scale) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="ir-network-") as tmp:
        base = Path(tmp)
        return [
            killed(base / "killed", scale),
            slow(base / "slow", scale),
            garbage(base / "garbage", scale),
        ]


if __name__ == "__main__":
    main_for(run, "Network faults: every record arrives exactly once")
