"""Who may send the receiver a body, and when: everything decided from a request's headers.

A station signs each upload request with its enrolled Ed25519 key
(``interview_room.sync.request_signature``). Before the receiver reads a byte of the body,
:class:`Admission` refuses, in this order: a body larger than the limit, a request that is not
signed, a request time outside the allowed clock difference (or from before the receiver
started), an unknown station, a revoked station, a signature that does not verify, a nonce
already used, and a station over its quotas (requests, bytes per day, one upload at a time) or
a centre already holding as many bodies in memory as it allows. Only then is the nonce spent:
written to the :class:`NonceJournal` in the centre's folder and flushed to disk, so that a
restart does not forget it (attack A3: a station whose clock is ahead signs a request that is
still in time after a restart), and the body read.

Everything here runs on the event loop's thread; only the stations table is read in a worker.
The journal's flush is on that thread too, once per admitted request (bounded by the quotas;
nothing that fails the signature writes anything).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from interview_room.center.receiver_nonces import (
    NONCE_JOURNAL_FILE,
    NonceBook,
    NonceJournal,
    SpentNonce,
)
from interview_room.center.store import CenterStore
from interview_room.sync.request_signature import (
    RequestNotSigned,
    SignedRequest,
    read_signed_request,
)

MIB = 1024 * 1024
GIB = 1024 * MIB
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceiverLimits:
    """The receiver's limits. Defaults suit two stations that upload every few minutes."""

    max_bundle_bytes: int = 256 * MIB
    """Largest body accepted; bigger bundles travel by USB."""
    clock_skew_seconds: int = 300
    """How far a station's clock may differ from the centre's; a nonce is remembered this
    long after its request's time, after which the time alone refuses it."""
    header_timeout_seconds: float = 10.0
    """A connection must have sent its request line and headers within this time."""
    body_grace_seconds: float = 10.0
    body_min_bytes_per_second: int = 8 * 1024
    """The body must keep an average of this rate after the grace period (a border post's
    slow line manages ~50 KiB/s; a client that sends a byte a second is cut at the grace)."""
    linger_seconds: float = 2.0
    """After a refusal, what the client still sends is read and dropped this long before the
    connection is closed, so the client can read the answer instead of a reset."""
    request_burst: int = 6
    request_interval_seconds: float = 10.0
    """Each station's requests: a burst of ``request_burst``, then one per interval."""
    bytes_per_day: int = 2 * GIB
    """Each station's upload volume: at most this in any day (a bucket refilled evenly)."""
    busy_retry_seconds: int = 5
    """Retry-After when the station's previous upload, or the centre's memory, is busy."""
    max_buffered_bytes: int = 1 * GIB
    """Bodies held in memory at once, all stations together (one is always admitted)."""
    max_connections: int = 512
    connections_per_address: int = 32
    station_refresh_seconds: float = 5.0
    """The stations table is read again at most this often: a revocation takes effect within
    this time without a read per request."""


class Problem(StrEnum):
    """The machine-readable ``problem`` of a refusal (the station's uploader acts on some)."""

    LENGTH_REQUIRED = "length-required"
    TOO_LARGE = "too-large"
    NOT_SIGNED = "not-signed"
    STALE = "stale-request-time"
    UNKNOWN_STATION = "unknown-station"
    REVOKED = "station-revoked"
    BAD_SIGNATURE = "signature-invalid"
    REPLAYED = "replayed"
    NOT_RECORDED = "not-recorded"
    TOO_MANY_REQUESTS = "too-many-requests"
    DAILY_QUOTA = "daily-quota"
    BUSY = "busy"
    TOO_SLOW = "too-slow"
    BODY_MISMATCH = "body-mismatch"


@dataclass(frozen=True)
class Refusal:
    status_code: int
    problem: Problem
    sentence: str
    retry_after_seconds: int | None = None
    server_time: int | None = None


@dataclass(frozen=True)
class StationEntry:
    public_key: bytes
    revoked: bool


class StationDirectory:
    """The enrolled stations' keys and revocations, read from the centre's store at most
    every ``refresh_seconds``."""

    def __init__(self, center: CenterStore, refresh_seconds: float) -> None:
        self._center = center
        self._refresh_seconds = refresh_seconds
        self._entries: dict[str, StationEntry] = {}
        self._read_at: float | None = None

    def stale(self, now: float) -> bool:
        return self._read_at is None or now - self._read_at >= self._refresh_seconds

    def read(self) -> None:
        """Read the stations table (blocking: call it in a worker thread)."""
        started = time.monotonic()
        db = self._center.open()
        try:
            rows = db.all("SELECT station_id, public_key, revoked_at FROM stations")
        finally:
            db.close()
        self._entries = {
            str(row[0]): StationEntry(bytes(row[1]), row[2] is not None) for row in rows
        }
        self._read_at = started

    def get(self, station_id: str) -> StationEntry | None:
        return self._entries.get(station_id)


@dataclass
class TokenBucket:
    """``capacity`` tokens, refilled at ``per_second``; starts full."""

    capacity: float
    per_second: float
    tokens: float = field(default=-1.0)
    updated: float = 0.0

    def _refill(self, now: float) -> None:
        if self.tokens < 0:
            self.tokens, self.updated = self.capacity, now
            return
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now

    def wait_for(self, amount: float, now: float) -> float:
        """Seconds until ``amount`` tokens are there (0 when they are now)."""
        self._refill(now)
        if self.tokens >= amount:
            return 0.0
        return (amount - self.tokens) / self.per_second

    def take(self, amount: float, now: float) -> None:
        self._refill(now)
        self.tokens -= amount


@dataclass
class _StationQuota:
    requests: TokenBucket
    volume: TokenBucket
    uploading: bool = False


@dataclass(frozen=True)
class Admitted:
    """A request that may send its body: ``request`` is what the station signed."""

    request: SignedRequest


class Admission:
    """The receiver's gate (one per app). ``admit`` decides from the headers; an admitted
    request holds its station's upload slot and its share of memory until ``release``."""

    def __init__(
        self,
        center: CenterStore,
        limits: ReceiverLimits,
        *,
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self.directory = StationDirectory(center, limits.station_refresh_seconds)
        self._wall = wall_clock
        self._monotonic = monotonic
        self.started_at = math.floor(wall_clock())
        self.journal = NonceJournal(center.center_dir / NONCE_JOURNAL_FILE)
        self.nonces = NonceBook(self.journal.load(wall_clock()))
        self._lock = threading.Lock()
        """Held from the nonce check to the nonce's spending (journal included), and for the
        quotas: no two requests in flight can both pass with one nonce."""
        self._quotas: dict[str, _StationQuota] = {}
        self._buffered = 0

    def needs_directory(self) -> bool:
        return self.directory.stale(self._monotonic())

    def _quota(self, station_id: str) -> _StationQuota:
        quota = self._quotas.get(station_id)
        if quota is None:
            limits = self.limits
            quota = _StationQuota(
                TokenBucket(limits.request_burst, 1 / limits.request_interval_seconds),
                TokenBucket(limits.bytes_per_day, limits.bytes_per_day / 86_400),
            )
            self._quotas[station_id] = quota
        return quota

    def admit(self, headers: Mapping[str, str], method: str, path: str) -> Admitted | Refusal:
        """Decide from the headers alone (the directory must be fresh: see
        ``needs_directory``)."""
        limits = self.limits
        declared = headers.get("content-length")
        if declared is None or not declared.isdigit():
            return Refusal(411, Problem.LENGTH_REQUIRED, "The upload must state its length.")
        body_bytes = int(declared)
        if body_bytes > limits.max_bundle_bytes:
            return Refusal(
                413,
                Problem.TOO_LARGE,
                f"The bundle is larger than {limits.max_bundle_bytes // MIB} MiB; bring it by USB.",
            )
        try:
            request, signature = read_signed_request(headers, method, path, body_bytes)
        except RequestNotSigned as problem:
            return Refusal(401, Problem.NOT_SIGNED, str(problem))
        now = self._wall()
        if abs(request.timestamp - now) > limits.clock_skew_seconds or (
            request.timestamp < self.started_at
        ):
            return Refusal(
                401,
                Problem.STALE,
                "The request's time is too far from the central office's clock, or older than"
                " the receiver; sign it again.",
                server_time=math.floor(now),
            )
        entry = self.directory.get(request.station_id)
        if entry is None:
            return Refusal(
                401, Problem.UNKNOWN_STATION, "The central office has not enrolled this station."
            )
        if entry.revoked:
            return Refusal(
                403,
                Problem.REVOKED,
                "This station is revoked; ask the central office to enroll it.",
            )
        try:
            Ed25519PublicKey.from_public_bytes(entry.public_key).verify(
                signature, request.message()
            )
        except InvalidSignature:
            return Refusal(
                401,
                Problem.BAD_SIGNATURE,
                "The request's signature does not verify with this station's key.",
            )
        with self._lock:
            return self._spend(request, body_bytes, now)

    def _spend(self, request: SignedRequest, body_bytes: int, now: float) -> Admitted | Refusal:
        if self.nonces.seen(request.station_id, request.nonce, now):
            return Refusal(401, Problem.REPLAYED, "This request was already received once.")
        refused = self._over_quota(request.station_id, body_bytes)
        if refused is not None:
            return refused
        # Spent only now: a request refused for a quota was never served, and keeping only
        # admitted nonces bounds the book by the quotas. On disk first, so that a restart
        # remembers it; a nonce that cannot be written is not admitted.
        spent = SpentNonce(
            request.station_id,
            request.nonce,
            request.timestamp + self.limits.clock_skew_seconds + 1,
        )
        try:
            if self.journal.needs_rewrite:
                self.journal.rewrite(self.nonces.spent(now))
            self.journal.append(spent)
        except OSError as error:
            _log.error("Nonce journal not written: %s.", type(error).__name__)
            return Refusal(
                503,
                Problem.NOT_RECORDED,
                "The central office cannot record the request now; try again later.",
                retry_after_seconds=self.limits.busy_retry_seconds,
            )
        self.nonces.spend(spent.station_id, spent.nonce, spent.forget_at)
        quota = self._quota(request.station_id)
        moment = self._monotonic()
        quota.requests.take(1, moment)
        quota.volume.take(body_bytes, moment)
        quota.uploading = True
        self._buffered += body_bytes
        return Admitted(request)

    def _over_quota(self, station_id: str, body_bytes: int) -> Refusal | None:
        limits = self.limits
        quota = self._quota(station_id)
        moment = self._monotonic()
        if quota.uploading:
            return Refusal(
                429,
                Problem.BUSY,
                "This station's previous upload is still being received.",
                retry_after_seconds=limits.busy_retry_seconds,
            )
        wait = quota.requests.wait_for(1, moment)
        if wait > 0:
            return Refusal(
                429,
                Problem.TOO_MANY_REQUESTS,
                "This station is sending too often.",
                retry_after_seconds=math.ceil(wait),
            )
        if body_bytes > limits.bytes_per_day:
            return Refusal(
                413, Problem.TOO_LARGE, "The bundle is larger than a day's quota; bring it by USB."
            )
        wait = quota.volume.wait_for(body_bytes, moment)
        if wait > 0:
            return Refusal(
                429,
                Problem.DAILY_QUOTA,
                "This station has sent as much as it may today.",
                retry_after_seconds=math.ceil(wait),
            )
        if self._buffered > 0 and self._buffered + body_bytes > limits.max_buffered_bytes:
            return Refusal(
                429,
                Problem.BUSY,
                "The central office is busy.",
                retry_after_seconds=limits.busy_retry_seconds,
            )
        return None

    def release(self, admitted: Admitted) -> None:
        """The admitted request's body is no longer held (imported, refused or abandoned)."""
        with self._lock:
            quota = self._quota(admitted.request.station_id)
            quota.uploading = False
            self._buffered -= admitted.request.body_bytes
