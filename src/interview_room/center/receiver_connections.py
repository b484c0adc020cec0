"""The receiver's connections: deadlines that uvicorn does not set, and TLS with AEAD only.

uvicorn times out an idle keep-alive connection, but not one that trickles its request line
and headers: eight such connections held the old receiver's eight slots for over a minute
(issue 13). Here each connection must have sent its headers within
``header_timeout_seconds`` of the TLS handshake; one request is served per connection (a
station sends one bundle every few minutes); after the answer, what a refused client still
sends is dropped for ``linger_seconds`` so it can read the answer, then the connection closes.
One address may hold ``connections_per_address`` connections at once. The body's own deadline
(a minimum average rate) is the app's (``receiver.py``), since only it knows the length.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections import Counter
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from interview_room.center.receiver_admission import ReceiverLimits

AEAD_CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20"
"""TLS 1.2 suites offered: forward secret and authenticated encryption only (no CBC, no RSA
key exchange). TLS 1.3's suites are all AEAD and are not affected by this string."""

_log = logging.getLogger(__name__)


def harden(context: ssl.SSLContext) -> ssl.SSLContext:
    """TLS 1.2 with AEAD suites only, or 1.3; no compression or renegotiation."""
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(AEAD_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_NO_RENEGOTIATION
    context.options |= ssl.OP_CIPHER_SERVER_PREFERENCE
    return context


class DeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with the deadlines above; ``connection_protocol`` gives each
    server its own subclass, with its limits and its count of connections per address."""

    _limits: ClassVar[ReceiverLimits]
    _per_address: ClassVar[Counter[str]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._awaiting_headers = False
        self._address: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        address = self.client[0] if self.client else "?"
        self._per_address[address] += 1
        self._address = address
        if self._per_address[address] > self._limits.connections_per_address:
            _log.warning("Connection refused: too many at once from one address.")
            transport.close()
            return
        self._awaiting_headers = True
        self._deadline = self.loop.call_later(
            self._limits.header_timeout_seconds, self._headers_too_slow
        )

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # The headers are complete once h11 has moved past IDLE for the client.
        if self._awaiting_headers and self.conn.their_state is not h11.IDLE:
            self._awaiting_headers = False
            self._cancel_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # No keep-alive: the next request comes on a new connection (and a new deadline).
        self._unset_keepalive_if_required()
        self._awaiting_headers = False
        self._cancel_deadline()
        if self.transport.is_closing():
            return
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED):
            self.transport.close()
        else:
            self._deadline = self.loop.call_later(self._limits.linger_seconds, self._close)

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        if self._address is not None:
            self._per_address[self._address] -= 1
            if self._per_address[self._address] <= 0:
                del self._per_address[self._address]
            self._address = None
        super().connection_lost(exc)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _headers_too_slow(self) -> None:
        self._deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            _log.info("Connection closed: its headers did not arrive in time.")
            self._close()

    def _close(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def connection_protocol(limits: ReceiverLimits) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol with the deadlines above (a new class per server, so two servers
    in one process do not share the count of connections per address)."""

    class ServerDeadlineProtocol(DeadlineProtocol):
        _limits = limits
        _per_address: ClassVar[Counter[str]] = Counter()

    return ServerDeadlineProtocol
