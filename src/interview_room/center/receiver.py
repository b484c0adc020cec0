"""The central office's network receiver: stations POST bundles over TLS, get receipts back.

``POST /bundles`` takes the bundle's bytes as the body (``X-File-Name`` optional) and answers
200 with the signed receipt, exactly as a USB import would write it. A bundle that fails any
check is answered 422 with one sentence and kept in quarantine; anything else is a 500 with a
generic sentence. Imports run one at a time, in a worker thread, so the event loop keeps
answering ``GET /health`` while a large bundle is being verified.

The log holds events (station, bundle number, counts, the class of an unexpected error), never
a request body, a record or a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import os
import secrets
import shutil
import ssl
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
from interview_room.center.store import CenterMissing, CenterStore
from interview_room.files import atomic_write_bytes, private_dir
from interview_room.sync.bundle import parse_bundle_file_name
from interview_room.sync.errors import BundleError

MIB = 1024 * 1024
MAX_BUNDLE_BYTES = 256 * MIB
"""Largest body accepted. The whole body is held in memory and the reader needs about five
times a bundle's size on top (docs/BUNDLE_FORMAT.md); bigger bundles travel by USB."""
MAX_CONNECTIONS = 8
"""Bodies are read before the import lock is taken, so this also bounds the memory that
waiting uploads can hold (8 × 256 MiB); beyond it uvicorn answers 503 and stations retry."""
UNNAMED_BUNDLE = "network-upload.bundle.age"

_log = logging.getLogger(__name__)

_UNEXPECTED = "The central office could not import the bundle; try again later."


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _error(sentence: str, status_code: int) -> JSONResponse:
    return JSONResponse({"error": sentence}, status_code=status_code)


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


class _BodyTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(
    center_dir: Path,
    *,
    max_bundle_bytes: int = MAX_BUNDLE_BYTES,
    crash_after_import: bool = False,
) -> Starlette:
    """The receiver for the central office in ``center_dir`` (raises :class:`CenterMissing`
    when there is none).

    ``crash_after_import`` is for tests only: the process ends abruptly after an import has
    committed and before its reply is sent, as a power cut would.
    """
    center = CenterStore(center_dir)
    if not center.exists():
        raise CenterMissing(f"No central office is set up in {center_dir}.")
    import_lock = asyncio.Lock()

    async def receive_bundle(request: Request) -> Response:
        try:
            data = await _read_body(request, max_bundle_bytes)
        except _BodyTooLarge:
            _log.info("Upload refused: larger than %d bytes.", max_bundle_bytes)
            return _error(
                f"The bundle is larger than {max_bundle_bytes // MIB} MiB; bring it by USB.", 413
            )
        except ClientDisconnect:
            _log.info("Upload abandoned by the station before it was complete.")
            return Response(status_code=400)
        file_name = bundle_name_from_header(request.headers.get("x-file-name"))
        async with import_lock:
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
            if crash_after_import:
                os._exit(1)
        return Response(result.receipt, media_type="application/json")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/bundles", receive_bundle, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
        ]
    )


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
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
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


def serve_app(app: Starlette, center_dir: Path, host: str, port: int) -> None:
    """Serve ``app`` over HTTPS with the TLS certificate of the centre in ``center_dir`` until
    the process is told to stop (SIGINT/SIGTERM)."""
    import uvicorn

    center = CenterStore(center_dir)
    if not center.exists():
        raise CenterMissing(f"No central office is set up in {center_dir}.")
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_context_factory=_tls_context_factory(center),
        log_config=copy.deepcopy(_LOG_CONFIG),
        access_log=False,
        server_header=False,
        limit_concurrency=MAX_CONNECTIONS,
        lifespan="off",
    )
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run()


def serve(center_dir: Path, host: str, port: int) -> None:
    """Run the receiver of the central office in ``center_dir`` on ``host:port`` over TLS."""
    serve_app(create_app(center_dir), center_dir, host, port)
