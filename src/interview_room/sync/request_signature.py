"""A station's upload request, signed with the Ed25519 key the centre gave it at enrollment.

The station signs, in a few headers, what the receiver must know before it reads a byte of the
body: who sends (the station id), what (method, path, body size and SHA-256), when (the
station's clock, whole seconds since 1970) and a random single-use nonce. The receiver checks
all of it from the headers alone, so an unknown or revoked station, a wrong key, a stale or
replayed request is refused before the body is read; the body is then read and must hash to
what was signed. ``docs/decisions/0008-signed-upload-requests.md`` says why this and not
mutual TLS.

The signed message starts with its own tag line, so it can never be taken for a bundle header
(canonical JSON, starting with ``{``), the only other thing the same key signs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from interview_room.errors import InterviewRoomError

TAG = b"interview-room-request 1\n"
STATION_HEADER = "x-station-id"
TIME_HEADER = "x-request-time"
NONCE_HEADER = "x-request-nonce"
BODY_HASH_HEADER = "x-content-sha256"
SIGNATURE_HEADER = "x-request-signature"
NONCE_BYTES = 16

_STATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_NONCE = re.compile(r"[0-9a-f]{32}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"[A-Za-z0-9+/]{86}==")


class RequestNotSigned(InterviewRoomError):
    """A request's signature headers are missing or not in the form a station writes."""


@dataclass(frozen=True)
class SignedRequest:
    """What a station's signature covers; :meth:`message` gives the exact signed bytes."""

    station_id: str
    method: str
    path: str
    timestamp: int
    nonce: str
    body_sha256: str
    body_bytes: int

    def message(self) -> bytes:
        lines = (
            self.method,
            self.path,
            self.station_id,
            str(self.timestamp),
            self.nonce,
            self.body_sha256,
            str(self.body_bytes),
        )
        return TAG + "\n".join(lines).encode("ascii")


def sign_request(
    sign: Callable[[bytes], bytes],
    station_id: str,
    method: str,
    path: str,
    body: bytes,
    timestamp: int,
    nonce: str | None = None,
) -> dict[str, str]:
    """The headers that authenticate one request (a new nonce each call unless given)."""
    request = SignedRequest(
        station_id=station_id,
        method=method.upper(),
        path=path,
        timestamp=timestamp,
        nonce=nonce if nonce is not None else secrets.token_hex(NONCE_BYTES),
        body_sha256=hashlib.sha256(body).hexdigest(),
        body_bytes=len(body),
    )
    return {
        STATION_HEADER: request.station_id,
        TIME_HEADER: str(request.timestamp),
        NONCE_HEADER: request.nonce,
        BODY_HASH_HEADER: request.body_sha256,
        SIGNATURE_HEADER: base64.b64encode(sign(request.message())).decode("ascii"),
    }


def read_signed_request(
    headers: Mapping[str, str], method: str, path: str, body_bytes: int
) -> tuple[SignedRequest, bytes]:
    """The signed request and its 64-byte signature as the headers state them (not yet
    verified). ``headers`` must look names up without regard to case (as HTTP's do).

    Raises :class:`RequestNotSigned`.
    """
    values: dict[str, str] = {}
    for name, form in (
        (STATION_HEADER, _STATION_ID),
        (TIME_HEADER, _TIME),
        (NONCE_HEADER, _NONCE),
        (BODY_HASH_HEADER, _SHA256),
        (SIGNATURE_HEADER, _SIGNATURE),
    ):
        value = headers.get(name)
        if value is None:
            raise RequestNotSigned(f"The request has no {name} header.")
        if form.fullmatch(value) is None:
            raise RequestNotSigned(f"The request's {name} header is not in the expected form.")
        values[name] = value
    try:
        signature = base64.b64decode(values[SIGNATURE_HEADER], validate=True)
    except binascii.Error as error:
        raise RequestNotSigned("The request's signature is not base64.") from error
    request = SignedRequest(
        station_id=values[STATION_HEADER],
        method=method.upper(),
        path=path,
        timestamp=int(values[TIME_HEADER]),
        nonce=values[NONCE_HEADER],
        body_sha256=values[BODY_HASH_HEADER],
        body_bytes=body_bytes,
    )
    return request, signature
