"""The central office's network receiver: stations POST bundles over TLS, get receipts back.

``POST /bundles`` takes the bundle's bytes as the body (``X-File-Name`` optional) and answers
200 with the signed receipt, exactly as a USB import would write it. The request must be signed
by an enrolled station (``sync/request_signature.py``); who may send a body, and when, is
decided from the headers alone (``receiver_admission.py``: 401/403 for a request not signed by
a known, unrevoked station or replayed, 413 over the size limit, 429 with ``Retry-After`` over
a quota), and the body must then arrive at a minimum average rate (408) and hash to what was
signed. A bundle that fails any check is answered 422 with one sentence and kept in
quarantine; anything else is a 500 with a generic sentence. Imports run one at a time, in a
worker thread, so the event loop keeps answering ``GET /health`` while a large bundle is being
verified. Connection deadlines and TLS are in ``receiver_connections.py``.

The log holds events (station, bundle number, counts, the class of an unexpected error), never
a request body, a record or a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import hashlib
import hmac
import logging
import os
import secrets
import shutil
import ssl
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from interview_room.center.importer import (
    QUARANTINE_DIR,
    RECEIPTS_DIR,
    ImportResult,
    import_bundle,
)
from interview_room.center.publish import HELD_PACKAGE_HEADER, PACKAGE_PATH, newer_package
from interview_room.center.receiver_admission import (
    Admission,
    Admitted,
    Problem,
    ReceiverLimits,
    Refusal,
)
from interview_room.center.receiver_connections import connection_protocol, harden
from interview_room.center.store import CenterMissing, CenterStore
from interview_room.files import atomic_write_bytes, private_dir
from interview_room.sync.bundle import parse_bundle_file_name
from interview_room.sync.errors import BundleError

if TYPE_CHECKING:
    import uvicorn

MIB = 1024 * 1024
MAX_BUNDLE_BYTES = ReceiverLimits.max_bundle_bytes
"""Largest body accepted. The whole body is held in memory and the reader needs about five
times a bundle's size on top (docs/BUNDLE_FORMAT.md); bigger bundles travel by USB. The memory
that waiting uploads hold is bounded by ``ReceiverLimits.max_buffered_bytes``."""
UNNAMED_BUNDLE = "network-upload.bundle.age"

_log = logging.getLogger(__name__)

_UNEXPECTED = "The central office could not import the bundle; try again later."


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _error(sentence: str, status_code: int) -> JSONResponse:
    return JSONResponse({"error": sentence}, status_code=status_code)


def _refused(refusal: Refusal) -> JSONResponse:
    body: dict[str, object] = {"error": refusal.sentence, "problem": refusal.problem.value}
    headers: dict[str, str] = {}
    if refusal.server_time is not None:
        body["server_time"] = refusal.server_time
    if refusal.retry_after_seconds is not None:
        headers["Retry-After"] = str(refusal.retry_after_seconds)
    return JSONResponse(body, status_code=refusal.status_code, headers=headers)


def bundle_name_from_header(value: str | None) -> str:
    """The client's file name if it is one a station writes, else a neutral name: the header
    is never trusted as a path."""
    if value is not None and parse_bundle_file_name(value) is not None:
        return value
    return UNNAMED_BUNDLE


def quarantine_upload(center: CenterStore, data: bytes, file_name: str, reason: str) -> Path:
    """Keep a refused upload in the centre's quarantine folder with the reason, as
    ``import_files`` does for a file. The stored name is prefixed with the time and a random
    tag, so a second upload of the same name never replaces the first."""
    folder = private_dir(center.center_dir / QUARANTINE_DIR)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{stamp}-{secrets.token_hex(4)}-{file_name}"
    atomic_write_bytes(target, data)
    db = center.open()
    try:
        with db.transaction():
            db.execute(
                "INSERT INTO quarantine (received_at, file_name, problem) VALUES (?, ?, ?)",
                (_now(), target.name, reason),
            )
    finally:
        db.close()
    return target


def _import_and_keep_receipt(center: CenterStore, data: bytes, file_name: str) -> ImportResult:
    result = import_bundle(center, data, file_name)
    # The centre keeps a copy of every receipt, as for USB imports. The import has committed
    # and the receipt travels in the reply, so a full disk here must not turn into an error.
    try:
        atomic_write_bytes(
            private_dir(center.center_dir / RECEIPTS_DIR) / result.receipt_name, result.receipt
        )
    except OSError:
        _log.warning("Receipt copy for bundle %d was not written.", result.sequence)
    return result


class _BodyTooSlow(Exception):
    pass


class _BodyNotSigned(Exception):
    pass


async def _read_signed_body(request: Request, admitted: Admitted, limits: ReceiverLimits) -> bytes:
    """The body, read while it keeps ``limits``' minimum average rate (after the grace
    period), and only if it is the length and SHA-256 the station signed. Raises
    :class:`_BodyTooSlow`, :class:`_BodyNotSigned` or ``ClientDisconnect``."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    expected = admitted.request.body_bytes
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        deadline = started + limits.body_grace_seconds + size / limits.body_min_bytes_per_second
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise _BodyTooSlow
        try:
            message = await asyncio.wait_for(request.receive(), remaining)
        except TimeoutError:
            raise _BodyTooSlow from None
        if message["type"] == "http.disconnect":
            raise ClientDisconnect
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > expected:
            raise _BodyNotSigned
        digest.update(chunk)
        chunks.append(chunk)
        more = bool(message.get("more_body", False))
    if size != expected or not hmac.compare_digest(
        digest.hexdigest(), admitted.request.body_sha256
    ):
        raise _BodyNotSigned
    return b"".join(chunks)


class _Endpoints:
    """What the receiver answers: a station's upload, a health check, the centre's package.
    Imports run one at a time (``import_lock``), in a worker thread."""

    def __init__(
        self, center: CenterStore, limits: ReceiverLimits, crash_after_import: bool
    ) -> None:
        self.center = center
        self.limits = limits
        self.admission = Admission(center, limits)
        self.import_lock = asyncio.Lock()
        self.crash_after_import = crash_after_import

    async def receive_bundle(self, request: Request) -> Response:
        admission = self.admission
        if admission.needs_directory():
            await run_in_threadpool(admission.directory.read)
        decision = admission.admit(request.headers, request.method, request.url.path)
        if isinstance(decision, Refusal):
            _log.info("Upload refused before its body: %s.", decision.problem.value)
            return _refused(decision)
        try:
            return await self._receive_admitted(request, decision)
        finally:
            admission.release(decision)

    async def _receive_admitted(self, request: Request, admitted: Admitted) -> Response:
        station_id = admitted.request.station_id
        try:
            data = await _read_signed_body(request, admitted, self.limits)
        except _BodyTooSlow:
            _log.info("Upload from station %s cut off: its body came too slowly.", station_id)
            return _refused(
                Refusal(408, Problem.TOO_SLOW, "The bundle arrived too slowly; try again.")
            )
        except _BodyNotSigned:
            _log.info("Upload from station %s refused: not the body it signed.", station_id)
            return _refused(
                Refusal(400, Problem.BODY_MISMATCH, "The body is not the one the request signed.")
            )
        except ClientDisconnect:
            _log.info("Upload abandoned by the station before it was complete.")
            return Response(status_code=400)
        file_name = bundle_name_from_header(request.headers.get("x-file-name"))
        async with self.import_lock:
            return await self._import(data, file_name)

    async def _import(self, data: bytes, file_name: str) -> Response:
        """Import a whole, signed upload: its receipt, or a refusal kept in quarantine."""
        center = self.center
        try:
            result = await run_in_threadpool(_import_and_keep_receipt, center, data, file_name)
        except BundleError as problem:
            reason = str(problem)
            _log.info("Upload refused: %s.", type(problem).__name__)
            try:
                await run_in_threadpool(quarantine_upload, center, data, file_name, reason)
            except Exception as error:  # the refusal stands all the same
                _log.error("Refused upload not quarantined: %s.", type(error).__name__)
            return _error(reason, 422)
        except Exception as error:
            _log.error("Upload failed unexpectedly: %s.", type(error).__name__)
            return _error(_UNEXPECTED, 500)
        _log.info(
            "Bundle %d of station %s imported: %d new or updated, %d unchanged.",
            result.sequence,
            result.station_id,
            result.imported,
            result.unchanged,
        )
        if self.crash_after_import:
            os._exit(1)
        return Response(result.receipt, media_type="application/json")

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def centre_package(self, request: Request) -> Response:
        # Signed and admitted like an upload (an empty body), so only an enrolled, unrevoked
        # station receives the package (center/publish.py).
        admission = self.admission
        if admission.needs_directory():
            await run_in_threadpool(admission.directory.read)
        decision = admission.admit(request.headers, request.method, request.url.path)
        if isinstance(decision, Refusal):
            return _refused(decision)
        admission.release(decision)
        data = await run_in_threadpool(
            newer_package, self.center, request.headers.get(HELD_PACKAGE_HEADER)
        )
        if data is None:
            return Response(status_code=204)
        return Response(data, media_type="application/json")


def create_app(
    center_dir: Path | CenterStore,
    *,
    limits: ReceiverLimits | None = None,
    max_bundle_bytes: int | None = None,
    crash_after_import: bool = False,
) -> Starlette:
    """The receiver for the central office in ``center_dir`` (raises :class:`CenterMissing`
    when there is none). ``max_bundle_bytes``, when given, replaces that one of ``limits``.

    ``crash_after_import`` is for tests only: the process ends abruptly after an import has
    committed and before its reply is sent, as a power cut would.
    """
    center = _signed_in(center_dir)
    limits = limits or ReceiverLimits()
    if max_bundle_bytes is not None:
        limits = dataclasses.replace(limits, max_bundle_bytes=max_bundle_bytes)
    endpoints = _Endpoints(center, limits, crash_after_import)
    app = Starlette(
        routes=[
            Route("/bundles", endpoints.receive_bundle, methods=["POST"]),
            Route("/health", endpoints.health, methods=["GET"]),
            Route(PACKAGE_PATH, endpoints.centre_package, methods=["GET"]),
        ]
    )
    app.state.limits = limits
    return app


# -- serving over TLS ----------------------------------------------------------------------


class _NoTracebacks(logging.Filter):
    """Reduce any exception attached to a log record to its class name: a traceback can quote
    local values, and the log must never hold content."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.getMessage()} ({record.exc_info[0].__name__})"
            record.args = None
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


_LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_tracebacks": {"()": _NoTracebacks}},
    "formatters": {"event": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "event",
            "filters": ["no_tracebacks"],
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "interview_room": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def _tls_context_factory(center: CenterStore) -> Callable[..., ssl.SSLContext]:
    def factory(config: object, default: object) -> ssl.SSLContext:
        from cryptography.hazmat.primitives import serialization

        from interview_room.signing.pki import der_to_pem

        keys = center.keys()
        key_pem = serialization.load_der_private_key(
            keys.tls_private_key_der, password=None
        ).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        context = harden(ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER))
        # ssl loads a key only from a file. The folder sits in the centre's folder (its
        # encrypted volume), is 0700, and is gone as soon as the key has been loaded.
        folder = Path(tempfile.mkdtemp(prefix=".tls-", dir=center.center_dir))
        try:
            os.chmod(folder, 0o700)
            certificate_path, key_path = folder / "tls.crt", folder / "tls.key"
            atomic_write_bytes(certificate_path, der_to_pem(keys.tls_certificate_der))
            atomic_write_bytes(key_path, key_pem)
            context.load_cert_chain(certificate_path, key_path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return context

    return factory


def serve_app(app: Starlette, center_dir: Path | CenterStore, host: str, port: int) -> None:
    """Serve ``app`` over HTTPS with the TLS certificate of the centre in ``center_dir`` until
    the process is told to stop (SIGINT/SIGTERM)."""
    with contextlib.suppress(KeyboardInterrupt):
        receiver_server(app, center_dir, host, port).run()


def receiver_server(
    app: Starlette,
    center_dir: Path | CenterStore,
    host: str,
    port: int,
    *,
    configure_logging: bool = True,
) -> uvicorn.Server:
    """The uvicorn server for ``app`` (made by :func:`create_app`, whose limits it applies to
    connections), over HTTPS with the centre's TLS certificate; not yet started. Tests and
    benchmarks run it in a thread (``server.run()``, ``server.should_exit = True``) and leave
    the process's logging as it is (``configure_logging=False``)."""
    import uvicorn

    center = _signed_in(center_dir)
    limits = getattr(app.state, "limits", None)
    if not isinstance(limits, ReceiverLimits):
        limits = ReceiverLimits()
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_context_factory=_tls_context_factory(center),
        log_config=copy.deepcopy(_LOG_CONFIG) if configure_logging else None,
        access_log=False,
        server_header=False,
        http=connection_protocol(limits),
        limit_concurrency=limits.max_connections,
        timeout_keep_alive=1,
        lifespan="off",
    )
    return uvicorn.Server(config)


def serve(center: Path | CenterStore, host: str, port: int) -> None:
    """Run the receiver of the central office ``center`` on ``host:port`` over TLS."""
    serve_app(create_app(center), center, host, port)


def _signed_in(center: Path | CenterStore) -> CenterStore:
    """The centre to serve: a store a user has signed in to (a folder only for a training
    centre without users), or :class:`CenterMissing`."""
    store = center if isinstance(center, CenterStore) else CenterStore(center)
    if not store.exists():
        raise CenterMissing(f"No central office is set up in {store.center_dir}.")
    return store
