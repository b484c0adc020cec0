"""Slow connections against the centre's receiver while a station uploads (issue 13, item 6).

Before, eight connections that trickled their headers held the receiver's eight slots: uploads
and ``/health`` were answered 503 for over a minute. Now each connection must have sent its
headers within 10 s, refusals are decided from the headers, and slots are not bounded by 8.

For each kind of attack, eight attacker threads each hold one slow connection open at all times
(reconnecting as soon as one is cut) against a receiver process started as the centre starts
it; after a few seconds, while they hold on, a real station uploads with its real uploader
(``upload_pending``: signed request, pinned TLS, retries), and ``/health`` is asked ten times.
Kinds:

- ``headers``: the request line, then one byte of a header line per second, never ending it;
- ``body``: complete headers announcing 20 MiB (not signed), then one byte of body per second;
- ``handshake``: a TCP connection that never starts TLS.

``--before`` also runs the receiver of the last commit (git ``HEAD``), uploading without a
signature as its uploader did, for the figures to compare. The receiver runs with the shipped
limits except the per-station request quota (the benchmark uploads more often than a station
may). Prints a table and asserts nothing (never a timed test). Usage:
``.venv/bin/python benchmarks/receiver_slow_connections.py [--runs 3] [--hold 4] [--before]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview_room.center.store import CenterStore  # noqa: E402
from interview_room.errors import InterviewRoomError  # noqa: E402
from interview_room.sync.network import pinned_tls_context, upload_pending  # noqa: E402
from reliability.linked_station import LinkedStation  # noqa: E402

HOST = "127.0.0.1"
ATTACKERS = 8
KINDS = ("none", "headers", "body", "handshake")

_NOW = """
import sys
from pathlib import Path
from interview_room.center.receiver import create_app, serve_app
from interview_room.center.receiver_admission import ReceiverLimits
center_dir, host, port = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
limits = ReceiverLimits(request_burst=100_000, request_interval_seconds=0.001)
serve_app(create_app(center_dir, limits=limits), center_dir, host, port)
"""
_BEFORE = """
import importlib.util, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("old_receiver", sys.argv[4])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.serve(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def receiver(center: CenterStore, folder: Path, before: bool) -> Iterator[str]:
    port = _free_port()
    args = [str(center.center_dir), HOST, str(port)]
    if before:
        old = folder / "old_receiver.py"
        old.write_bytes(
            subprocess.run(
                ["git", "show", "HEAD:src/interview_room/center/receiver.py"],
                cwd=ROOT,
                check=True,
                capture_output=True,
            ).stdout
        )
        command = [sys.executable, "-c", _BEFORE, *args, str(old)]
    else:
        command = [sys.executable, "-c", _NOW, *args]
    log = (folder / "receiver.log").open("ab")
    process = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    url = f"https://{HOST}:{port}"
    root = center.keys().root_certificate_der
    try:
        deadline = time.monotonic() + 30
        with httpx.Client(verify=pinned_tls_context(root), timeout=1, trust_env=False) as c:
            while time.monotonic() < deadline:
                try:
                    if c.get(f"{url}/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("the receiver did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


# -- the attackers ------------------------------------------------------------------------------


@dataclass
class Attack:
    kind: str
    port: int
    context: ssl.SSLContext
    stop: threading.Event = field(default_factory=threading.Event)
    opened: int = 0
    held: list[float] = field(default_factory=list)
    """Seconds each finished connection was held before the server ended it."""
    answers: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                answer = self._one()
            except (OSError, ssl.SSLError):
                answer = "cut"
            with self.lock:
                self.opened += 1
                if not self.stop.is_set():
                    self.held.append(time.monotonic() - started)
                    self.answers[answer] = self.answers.get(answer, 0) + 1

    def _one(self) -> str:
        with socket.create_connection((HOST, self.port), timeout=5) as plain:
            if self.kind == "handshake":
                plain.settimeout(1)
                while not self.stop.is_set():
                    try:
                        if plain.recv(1) == b"":
                            return "closed"
                    except TimeoutError:
                        continue
                return "stopped"
            with self.context.wrap_socket(plain, server_hostname=HOST) as tls:
                if self.kind == "headers":
                    tls.sendall(b"POST /bundles HTTP/1.1\r\nHost: centre\r\nX-Slow: ")
                else:
                    tls.sendall(
                        b"POST /bundles HTTP/1.1\r\nHost: centre\r\n"
                        + f"Content-Length: {20 * 1024 * 1024}\r\n\r\n".encode()
                    )
                tls.settimeout(1)
                received = b""
                while not self.stop.is_set():
                    tls.sendall(b"a")
                    try:
                        chunk = tls.recv(65536)
                    except TimeoutError:
                        continue
                    if chunk == b"":
                        break
                    received += chunk
                status = received.split(b" ", 2)[1].decode() if received else "no answer"
                return f"HTTP {status}" if received else "closed"
        return "stopped"


@contextmanager
def attacking(kind: str, url: str, root: bytes, settle: float) -> Iterator[Attack]:
    attack = Attack(kind, int(url.rsplit(":", 1)[1]), pinned_tls_context(root))
    threads = [threading.Thread(target=attack.run, daemon=True) for _ in range(ATTACKERS)]
    if kind != "none":
        for thread in threads:
            thread.start()
        time.sleep(settle)  # the eight are connected and trickling
    try:
        yield attack
    finally:
        attack.stop.set()
        for thread in threads:
            if thread.is_alive():
                thread.join(10)


# -- one measurement ------------------------------------------------------------------------------


@dataclass
class Run:
    upload_seconds: float
    outcome: str
    health_ms: list[float]
    health_failed: int


def _health(url: str, root: bytes) -> tuple[list[float], int]:
    times: list[float] = []
    failed = 0
    for _ in range(10):
        started = time.perf_counter()
        try:
            with httpx.Client(verify=pinned_tls_context(root), timeout=10, trust_env=False) as c:
                ok = c.get(f"{url}/health").status_code == 200
        except httpx.TransportError:
            ok = False
        if ok:
            times.append((time.perf_counter() - started) * 1000)
        else:
            failed += 1
    return times, failed


def _upload_now(station: LinkedStation, url: str, root: bytes) -> str:
    result = upload_pending(station.sync, url, root, attempts=3, backoff_seconds=0.5, timeout=10)
    return f"ok ({result.confirmed} confirmed, attempt {result.attempts})"


def _upload_before(station: LinkedStation, url: str, root: bytes) -> str:
    """The old uploader's request: the bundle, no signature (the old receiver wanted none)."""
    bundle = station.sync.export_bundle()
    with httpx.Client(verify=pinned_tls_context(root), timeout=10, trust_env=False) as client:
        for attempt in range(1, 4):
            try:
                response = client.post(f"{url}/bundles", content=bundle.data)
            except httpx.TransportError as error:
                last = type(error).__name__
            else:
                if response.status_code == 200:
                    confirmed = station.sync.apply_receipt(response.content)
                    return f"ok ({confirmed} confirmed, attempt {attempt})"
                last = f"HTTP {response.status_code}"
            time.sleep(0.5 * 2 ** (attempt - 1))
    return f"failed ({last})"


def measure(
    station: LinkedStation,
    url: str,
    kind: str,
    settle: float,
    upload: Callable[[LinkedStation, str, bytes], str],
) -> tuple[Run, Attack]:
    root = station.keys.root_certificate_der
    station.work(new_cases=2, changes=1)
    with attacking(kind, url, root, settle) as attack:
        health, failed = _health(url, root)
        started = time.perf_counter()
        try:
            outcome = upload(station, url, root)
        except InterviewRoomError as error:
            outcome = f"failed ({type(error).__name__})"
        seconds = time.perf_counter() - started
        # Let the attack run on past its first deadlines, for the time a connection is held.
        time.sleep(max(0.0, 12.5 - settle - seconds) if kind != "none" else 0)
    return Run(seconds, outcome, health, failed), attack


def _row(label: str, runs: list[Run], attacks: list[Attack]) -> str:
    succeeded = sum(r.outcome.startswith("ok") for r in runs)
    detail = runs[-1].outcome
    upload = statistics.median(r.upload_seconds for r in runs)
    health = [t for r in runs for t in r.health_ms]
    health_text = f"{statistics.median(health):.0f} ms" if health else "—"
    failed = sum(r.health_failed for r in runs)
    held = [h for a in attacks for h in a.held]
    held_text = f"{statistics.median(held):.1f} s" if held else "—"
    if not held and any(a.kind != "none" for a in attacks):
        held_text = "not cut in the ~12 s"
    answers: dict[str, int] = {}
    for attack in attacks:
        for key, value in attack.answers.items():
            answers[key] = answers.get(key, 0) + value
    answer_text = ", ".join(f"{k} ×{v}" for k, v in sorted(answers.items())) or "—"
    return (
        f"| {label} | {succeeded}/{len(runs)} succeeded, last: {detail} | {upload:.2f} s"
        f" | {health_text}"
        f" ({failed} failed of {10 * len(runs)}) | {held_text} | {answer_text} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hold", type=float, default=4.0, help="seconds of attack before")
    parser.add_argument("--before", action="store_true", help="also the receiver of HEAD")
    args = parser.parse_args()
    print(
        f"# receiver under slow connections: {os.cpu_count()} cores, Python"
        f" {platform.python_version()}, load {os.getloadavg()[0]:.2f}; {ATTACKERS} slow"
        f" connections held at once; median of {args.runs} runs; attack {args.hold:.0f} s"
        " before the upload"
    )
    versions = [("before (HEAD)", True)] if args.before else []
    versions.append(("now", False))
    print()
    print(
        "| receiver, attack | station's upload | upload time | /health during attack"
        " | a slow connection held | what the attackers got |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="ir-receiver-bench-") as temp:
        for label, before in versions:
            folder = Path(temp) / label.split()[0]
            folder.mkdir()
            station = LinkedStation(folder, cases=10, seed=11)
            try:
                with receiver(station.center, folder, before) as url:
                    for kind in KINDS:
                        runs: list[Run] = []
                        attacks: list[Attack] = []
                        for _ in range(args.runs):
                            run, attack = measure(
                                station,
                                url,
                                kind,
                                args.hold,
                                _upload_before if before else _upload_now,
                            )
                            runs.append(run)
                            attacks.append(attack)
                        print(_row(f"{label}, {kind}", runs, attacks), flush=True)
            finally:
                station.close()


if __name__ == "__main__":
    main()
