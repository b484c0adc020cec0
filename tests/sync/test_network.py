"""Station → HTTPS → centre → receipt: pinned to the centre's root, retried, exactly once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_room.cases.register import CaseStatus
from interview_room.center.store import CenterStore
from interview_room.sync.network import (
    BundleRefused,
    CenterNotTrusted,
    CenterUnreachable,
    CenterUrlInvalid,
    RetryScheduled,
    upload_pending,
)
from interview_room.sync.station import StationSync
from interview_room.workstation import Session
from tests.center.test_receiver import (
    HOST,
    NAMES,
    Receiver,
    count_rows,
    free_port,
    link_station,
)
from tests.conftest import WorkstationFactory

N = len(NAMES)


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> tuple[Session, CenterStore]:
    return link_station(workstation, tmp_path)


@pytest.fixture
def servers() -> Iterator[list[Receiver]]:
    """Every receiver a test starts; all are stopped at teardown, whatever happened."""
    started: list[Receiver] = []
    yield started
    for server in started:
        server.stop()


def _all_synced(session: Session) -> bool:
    return {c.status for c in session.cases.search()} == {CaseStatus.SYNCED}


def test_upload_applies_the_receipt_and_then_has_nothing_to_send(
    linked: tuple[Session, CenterStore], servers: list[Receiver], tmp_path: Path
) -> None:
    session, center = linked
    server = Receiver.start(center, free_port(), tmp_path / "receiver.log")
    servers.append(server)
    server.wait_ready()
    sync = StationSync(session)
    root = center.keys().root_certificate_der

    result = upload_pending(sync, server.url, root)
    assert (result.records, result.confirmed, result.attempts) == (N, N, 1)
    assert result.sent_sequence == 1
    assert _all_synced(session) and sync.status().pending == 0
    assert count_rows(center, "records") == N

    again = upload_pending(sync, server.url + "/", root)
    assert again.sent_sequence is None and again.records == 0 and again.attempts == 0
    log = server.log.read_text()
    assert not any(name in log for name in NAMES) and "Traceback" not in log


def test_only_the_centres_own_root_is_trusted_and_only_over_https(
    linked: tuple[Session, CenterStore], servers: list[Receiver], tmp_path: Path
) -> None:
    session, center = linked
    server = Receiver.start(center, free_port(), tmp_path / "receiver.log")
    servers.append(server)
    server.wait_ready()
    sync = StationSync(session)
    impostor = CenterStore(tmp_path / "impostor")
    impostor.create(training=True)

    with pytest.raises(CenterNotTrusted):
        upload_pending(sync, server.url, impostor.keys().root_certificate_der, attempts=3)
    with pytest.raises(CenterUrlInvalid):
        upload_pending(sync, f"http://{HOST}:{server.port}", center.keys().root_certificate_der)
    assert count_rows(center, "records") == 0
    assert sync.status().pending == N, "nothing is marked synced without a receipt"


def test_server_killed_after_import_before_reply_then_restarted_holds_each_record_once(
    linked: tuple[Session, CenterStore], servers: list[Receiver], tmp_path: Path
) -> None:
    session, center = linked
    port = free_port()
    first = Receiver.start(center, port, tmp_path / "first.log", crash_after_import=True)
    servers.append(first)
    first.wait_ready()
    notices: list[RetryScheduled] = []

    def restart_after_the_crash(notice: RetryScheduled) -> None:
        notices.append(notice)
        if len(notices) == 1:
            assert first.wait_exit(10) == 1, "the first server died after the import"
            assert count_rows(center, "records") == N, "the import committed before the crash"
            servers.append(Receiver.start(center, port, tmp_path / "second.log"))

    result = upload_pending(
        StationSync(session),
        first.url,
        center.keys().root_certificate_der,
        attempts=8,
        backoff_seconds=0.2,
        on_retry=restart_after_the_crash,
    )

    assert notices[0].attempt == 1 and notices[0].problem == "RemoteProtocolError"
    assert result.attempts >= 2 and result.confirmed == N and result.sent_sequence == 1
    assert count_rows(center, "records") == N, "every record exactly once"
    assert count_rows(center, "bundles") == 1, "the same bundle was sent again, not a new one"
    second = (tmp_path / "second.log").read_text()
    assert f"Bundle 1 of station {session.station.station_id} imported" in second
    assert f"imported: 0 new or updated, {N} unchanged" in second
    assert f"imported: {N} new or updated, 0 unchanged" in (tmp_path / "first.log").read_text()
    assert _all_synced(session)
    nothing = upload_pending(StationSync(session), first.url, center.keys().root_certificate_der)
    assert nothing.sent_sequence is None


def test_a_centre_that_comes_up_during_the_backoff_gets_the_bundle(
    linked: tuple[Session, CenterStore], servers: list[Receiver], tmp_path: Path
) -> None:
    session, center = linked
    port = free_port()
    notices: list[RetryScheduled] = []

    def start_the_centre(notice: RetryScheduled) -> None:
        notices.append(notice)
        if len(notices) == 1:
            servers.append(Receiver.start(center, port, tmp_path / "late.log"))

    result = upload_pending(
        StationSync(session),
        f"https://{HOST}:{port}",
        center.keys().root_certificate_der,
        attempts=8,
        backoff_seconds=0.2,
        on_retry=start_the_centre,
    )
    assert notices[0].problem == "ConnectError"
    assert result.attempts >= 2 and result.confirmed == N
    assert count_rows(center, "records") == N and _all_synced(session)


def test_attempts_are_bounded_when_the_centre_never_answers(
    linked: tuple[Session, CenterStore],
) -> None:
    session, center = linked
    sync = StationSync(session)
    notices: list[RetryScheduled] = []
    with pytest.raises(CenterUnreachable) as unreachable:
        upload_pending(
            sync,
            f"https://{HOST}:{free_port()}",
            center.keys().root_certificate_der,
            attempts=3,
            backoff_seconds=0.01,
            on_retry=notices.append,
        )
    assert unreachable.value.attempts == 3
    assert [n.delay_seconds for n in notices] == [0.01, 0.02]
    assert sync.status().pending == N


def test_a_refused_bundle_is_not_retried_and_carries_the_centres_sentence(
    linked: tuple[Session, CenterStore], servers: list[Receiver], tmp_path: Path
) -> None:
    session, center = linked
    server = Receiver.start(center, free_port(), tmp_path / "receiver.log")
    servers.append(server)
    server.wait_ready()
    # The station encrypts to another centre's key (as with a package from the wrong centre):
    # its request is genuine, so the receiver reads and checks the bundle, which it cannot
    # open. (A revoked station is now refused before its body: test_receiver_admission.py.)
    elsewhere = CenterStore(tmp_path / "elsewhere")
    with session.db.transaction():
        session.db.execute(
            "UPDATE sync_link SET center_recipient = ? WHERE id = 1",
            (elsewhere.create(training=True).age_recipient,),
        )
    notices: list[RetryScheduled] = []
    with pytest.raises(BundleRefused) as refused:
        upload_pending(
            StationSync(session),
            server.url,
            center.keys().root_certificate_der,
            on_retry=notices.append,
        )
    assert refused.value.status_code == 422 and "centre's key" in refused.value.reason
    assert not notices, "a refusal is final"
    assert count_rows(center, "records") == 0 and count_rows(center, "quarantine") == 1
    assert len(list((center.center_dir / "quarantine").iterdir())) == 1
    assert StationSync(session).status().pending == N


def test_a_garbled_compressed_reply_is_retried_and_then_a_typed_error(
    linked: tuple[Session, CenterStore], tmp_path: Path
) -> None:
    """A reply whose body is not the gzip it claims to be (a broken proxy in front of the
    receiver) is a failed attempt like a 5xx, never an untyped exception."""
    import shutil
    import socket
    import ssl
    import threading

    from cryptography.hazmat.primitives import serialization

    from interview_room.signing.pki import der_to_pem

    session, center = linked
    keys = center.keys()
    key_pem = serialization.load_der_private_key(keys.tls_private_key_der, None).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    pem_dir = tmp_path / "tls"
    pem_dir.mkdir()
    (pem_dir / "tls.crt").write_bytes(der_to_pem(keys.tls_certificate_der))
    (pem_dir / "tls.key").write_bytes(key_pem)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem_dir / "tls.crt", pem_dir / "tls.key")
    shutil.rmtree(pem_dir)
    listener = socket.create_server((HOST, 0))
    body = b"this is not gzip"
    reply = (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n"
        b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(body), body)
    )

    def serve() -> None:
        for _ in range(2):  # one connection per attempt
            raw, _ = listener.accept()
            try:
                with context.wrap_socket(raw, server_side=True) as conn:
                    received = b""
                    while b"\r\n\r\n" not in received:
                        received += conn.recv(65536)
                    # Read the whole upload first: a reply before it ends is another fault
                    # (the client then sees the connection close, not the bad encoding).
                    head, _, sent = received.partition(b"\r\n\r\n")
                    length = re.search(rb"(?i)content-length:\s*(\d+)", head)
                    while length and len(sent) < int(length.group(1)):
                        sent += conn.recv(65536)
                    conn.sendall(reply)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    notices: list[RetryScheduled] = []
    try:
        with pytest.raises(CenterUnreachable) as unreachable:
            upload_pending(
                StationSync(session),
                f"https://{HOST}:{listener.getsockname()[1]}",
                keys.root_certificate_der,
                attempts=2,
                backoff_seconds=0.01,
                on_retry=notices.append,
            )
    finally:
        listener.close()
        thread.join(5)
    assert unreachable.value.problem == "DecodingError" and len(notices) == 1
    assert StationSync(session).status().pending == N
