"""The station's network sync: send what the centre has not confirmed, apply the receipt.

The connection is HTTPS to the central office's receiver, and the only certificate trusted is
the centre's own root (given at enrollment): no system trust store, no proxy settings from the
environment, no redirects. A server whose certificate does not chain to that root is refused
at once (:class:`CenterNotTrusted`), never retried.

Connection failures, timeouts and 5xx answers are retried a bounded number of times, waiting
``backoff_seconds``, then twice that, and so on. Re-sending is always safe, even when the
centre had already imported the bundle and only its reply was lost:

- a record is marked synced on the station only by a receipt the centre signed, so a lost
  reply leaves the records pending, never falsely confirmed;
- the centre stores a record only if its version is newer than the one it holds, so the same
  bundle imported twice adds nothing the second time; the second receipt still lists every
  record as held, and the station applies it like the first.

Every retry sends the same bytes (same bundle number). If every attempt fails, the records
stay pending and the next call sends them again in a new bundle; that is safe for the same
reasons. A bundle the centre refuses (422) is not retried: sending it again cannot change the
answer (:class:`BundleRefused`, with the centre's sentence).

Each attempt is signed afresh with the station's enrolled key (``request_signature.py``: new
time, new nonce), so the receiver can tell the station before it reads the body. A centre that
answers 429 or 503 with ``Retry-After`` is waited for exactly that long (up to
``max_retry_after`` seconds, else :class:`CenterBusy` at once); a refusal of the request's time
is retried once with the centre's clock; any other refusal of the station (401, 403) is
:class:`StationNotAccepted`, never retried.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from interview_room.errors import InterviewRoomError
from interview_room.sync.receipt import bundle_file_name
from interview_room.sync.request_signature import sign_request
from interview_room.sync.station import StationSync

BUNDLES_PATH = "/bundles"
MAX_BACKOFF_SECONDS = 60.0
MAX_RETRY_AFTER_SECONDS = 300.0
"""The longest ``Retry-After`` the uploader waits out; a longer one ends the run with
:class:`CenterBusy` and the records stay pending for the next round."""
AEAD_CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20"
STALE_TIME_PROBLEM = "stale-request-time"
_MAX_SENTENCE = 300

_log = logging.getLogger(__name__)


class NetworkSyncError(InterviewRoomError):
    """Base class of every refusal or failure of network sync."""


class CenterUrlInvalid(NetworkSyncError):
    """The central office's address is not an https:// URL with a host."""


class CenterNotTrusted(NetworkSyncError):
    """The server's certificate does not chain to the centre's root: not our central office."""


class CenterUnreachable(NetworkSyncError):
    """Every attempt failed on the way (connection, timeout, or a 5xx answer)."""

    def __init__(self, attempts: int, problem: str) -> None:
        super().__init__(
            f"The central office could not be reached after {attempts} attempts"
            f" (last problem: {problem})."
        )
        self.attempts = attempts
        self.problem = problem


class UploadRefused(NetworkSyncError):
    """The centre answered with a refusal that sending again cannot change (4xx)."""

    def __init__(self, status_code: int, reason: str) -> None:
        super().__init__(f"The central office refused the upload (HTTP {status_code}): {reason}")
        self.status_code = status_code
        self.reason = reason


class BundleRefused(UploadRefused):
    """The centre checked the bundle and refused it (422); ``reason`` is its sentence."""


class StationNotAccepted(UploadRefused):
    """The centre refused this station's signed request (401, 403): the station is not
    enrolled there (or was enrolled again), it is revoked, or its clock is far off even after
    taking the centre's. ``problem`` is the centre's code for it (``station-revoked`` …)."""

    def __init__(self, status_code: int, reason: str, problem: str) -> None:
        super().__init__(status_code, reason)
        self.problem = problem


class CenterBusy(NetworkSyncError):
    """The centre asked the station to wait (429 or 503 with ``Retry-After``) longer than the
    uploader waits, or still did at the last attempt; the records stay pending."""

    def __init__(self, retry_after_seconds: float) -> None:
        super().__init__(
            f"The central office is busy; it asked this station to wait"
            f" {retry_after_seconds:.0f} seconds before sending again."
        )
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class UploadResult:
    sent_sequence: int | None
    """The bundle number sent, or None when there was nothing to send."""
    records: int
    confirmed: int
    """Records the centre's receipt confirmed (and that are now marked synced)."""
    attempts: int


@dataclass(frozen=True)
class RetryScheduled:
    """Told to ``on_retry`` before each wait: attempt ``attempt`` failed with ``problem``."""

    attempt: int
    delay_seconds: float
    problem: str


def pinned_tls_context(root_certificate_der: bytes) -> ssl.SSLContext:
    """A client TLS context that trusts the given root and nothing else."""
    from interview_room.signing.pki import der_to_pem

    # With cadata given, create_default_context loads no system certificates.
    context = ssl.create_default_context(
        ssl.Purpose.SERVER_AUTH, cadata=der_to_pem(root_certificate_der).decode("ascii")
    )
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(AEAD_CIPHERS)
    return context


def _endpoint(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
        raise CenterUrlInvalid("The central office's address must be an https:// address.")
    return url.rstrip("/") + BUNDLES_PATH


def _certificate_refused(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _json_field(response: httpx.Response, name: str) -> object:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get(name) if isinstance(body, dict) else None


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The wait a ``Retry-After`` header asks for (seconds, or an HTTP date), None without
    one or when it cannot be read."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def _server_sentence(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = None
    sentence = body.get("error") if isinstance(body, dict) else None
    if not isinstance(sentence, str) or not sentence.strip():
        return f"no reason given (HTTP {response.status_code})."
    printable = "".join(c if c.isprintable() else " " for c in sentence).strip()
    return printable[:_MAX_SENTENCE]


def upload_pending(
    sync: StationSync,
    url: str,
    root_certificate_der: bytes,
    *,
    attempts: int = 5,
    backoff_seconds: float = 0.5,
    timeout: float = 30,
    on_retry: Callable[[RetryScheduled], None] | None = None,
    max_retry_after: float = MAX_RETRY_AFTER_SECONDS,
    clock: Callable[[], float] = time.time,
) -> UploadResult:
    """Send every record the centre has not confirmed in one bundle to the receiver at ``url``
    (``https://host:port``), and apply the centre's receipt. ``clock`` is the station's clock
    (seconds since 1970) that each request's signed time is read from.

    Raises :class:`CenterUrlInvalid`, :class:`CenterNotTrusted`, :class:`BundleRefused`,
    :class:`StationNotAccepted` or another :class:`UploadRefused`, :class:`CenterBusy` when
    the centre asks for a longer wait than ``max_retry_after`` (or still asks at the last
    attempt), :class:`CenterUnreachable` once ``attempts`` are used up, or ``ReceiptInvalid``
    if the answer is not a receipt the centre signed for this station.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    endpoint = _endpoint(url)
    path = urlsplit(endpoint).path
    context = pinned_tls_context(root_certificate_der)
    exported = sync.export_bundle()
    if not exported.data:
        return UploadResult(None, 0, 0, 0)
    station_id = sync.station_id
    headers = {
        "Content-Type": "application/octet-stream",
        "X-File-Name": bundle_file_name(station_id, exported.sequence),
    }
    problem = ""
    station_clock = _StationClock(clock)
    busy_for: float | None = None
    with httpx.Client(
        verify=context, timeout=timeout, trust_env=False, follow_redirects=False
    ) as client:
        for attempt in range(1, attempts + 1):
            signed = sign_request(
                sync.sign_request, station_id, "POST", path, exported.data, station_clock.now()
            )
            answer = _post(client, endpoint, exported.data, {**headers, **signed})
            if not isinstance(answer, _Retry):
                if answer.status_code == 200:
                    confirmed = sync.apply_receipt(answer.content)
                    return UploadResult(exported.sequence, exported.records, confirmed, attempt)
                answer = _retry_or_refusal(answer, station_clock, max_retry_after)
            problem, busy_for = answer.problem, answer.busy_for
            _log.info(
                "Upload of bundle %d, attempt %d failed: %s.", exported.sequence, attempt, problem
            )
            if attempt < attempts:
                _wait_to_retry(attempt, answer, backoff_seconds, on_retry)
    if busy_for is not None:
        raise CenterBusy(busy_for)
    raise CenterUnreachable(attempts, problem)


@dataclass
class _StationClock:
    """The station's clock (seconds since 1970) that requests are signed with, set once per
    run to the centre's time when the centre finds it off."""

    read: Callable[[], float]
    offset: float = 0.0
    corrected: bool = False

    def now(self) -> int:
        return int(self.read() + self.offset)

    def correct(self, server_time: int) -> None:
        self.offset = server_time - self.read()
        self.corrected = True


@dataclass(frozen=True)
class _Retry:
    """An attempt that may pass when sent again: what went wrong, how long to wait first
    (None: the usual backoff), and how long the centre said it is busy (None: it did not)."""

    problem: str
    delay: float | None = None
    busy_for: float | None = None


def _post(
    client: httpx.Client, endpoint: str, data: bytes, headers: dict[str, str]
) -> httpx.Response | _Retry:
    """The centre's answer, or what kept it from coming. Raises :class:`CenterNotTrusted`
    for a server whose certificate the pinned root refuses."""
    try:
        return client.post(endpoint, content=data, headers=headers)
    except httpx.TransportError as error:
        if _certificate_refused(error):
            raise CenterNotTrusted(
                "The server's certificate is not from this station's central office."
            ) from None
        return _Retry(type(error).__name__)
    except httpx.DecodingError as error:
        # A body that does not decode as its Content-Encoding says: a garbled answer,
        # retried like a 5xx (the centre may have imported; sending again is safe).
        return _Retry(type(error).__name__)


def _retry_or_refusal(
    response: httpx.Response, station_clock: _StationClock, max_retry_after: float
) -> _Retry:
    """An answer other than a receipt, as a retry; raises the refusal that sending again
    cannot change."""
    status = response.status_code
    if status == 422:
        raise BundleRefused(422, _server_sentence(response))
    code = _json_field(response, "problem")
    server_time = _json_field(response, "server_time")
    wait = retry_after_seconds(response)
    problem = f"HTTP {status}"
    if (
        status == 401
        and code == STALE_TIME_PROBLEM
        and isinstance(server_time, int)
        and not station_clock.corrected
    ):
        # The station's clock is off (or the receiver has just restarted): sign again at
        # once with the centre's time, once per run.
        station_clock.correct(server_time)
        return _Retry(problem, delay=0.0)
    if status in (401, 403):
        raise StationNotAccepted(
            status, _server_sentence(response), code if isinstance(code, str) else ""
        )
    if status in (429, 503) and wait is not None:
        if wait > max_retry_after:
            raise CenterBusy(wait)
        return _Retry(problem, delay=wait, busy_for=wait)
    if status < 500 and status != 408:
        raise UploadRefused(status, _server_sentence(response))
    return _Retry(problem)


def _wait_to_retry(
    attempt: int,
    retry: _Retry,
    backoff_seconds: float,
    on_retry: Callable[[RetryScheduled], None] | None,
) -> None:
    """Wait before the attempt after ``attempt``: as long as the centre asked, else
    ``backoff_seconds`` doubled at each attempt (at most ``MAX_BACKOFF_SECONDS``)."""
    delay = retry.delay
    if delay is None:
        delay = min(backoff_seconds * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS)
    if on_retry is not None:
        on_retry(RetryScheduled(attempt, delay, retry.problem))
    time.sleep(delay)
