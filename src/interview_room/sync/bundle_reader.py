"""Reading a bundle while it is decrypted: the signed header before the body, one record at a
time, every size checked before the bytes it announces are read.

age decrypts in 64 KiB chunks, each authenticated, and hands the plaintext to
:class:`PlaintextReader` as it comes (``pyrage.decrypt_io``). The reader checks the magic line,
the header (at most ``MAX_HEADER_BYTES``, strict canonical JSON; ``bundle_header`` reads it)
and the station's signature over it before it reads a byte of the body; a refusal there stops
the decryption at once. Then each record's head line is checked against the limits before its
content is collected, and the body's SHA-256 is compared with the signed one at the end.
Nothing is returned unless all of it holds (all or nothing, as before): a hostile file costs at
most one header's worth of parsing unless it carries a valid station signature. A format 1
plaintext (starting with ``{``) is collected within the size limit and handed to
``bundle_v1``, which checks its signature before parsing any JSON.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyrage import x25519

from interview_room.sync.bundle import (
    _MAX_AGE_HEADER_BYTES,
    _MAX_AGE_STANZAS,
    AGE_MAGIC,
    DEFAULT_LIMITS,
    MAGIC,
    MAX_HEADER_BYTES,
    MAX_PREVIOUS,
    MAX_RECORD_HEAD_BYTES,
    SIGNATURE_LINE_BYTES,
    Bundle,
    BundleLimits,
    BundleRecord,
    bundle_damaged,
    check_previous,
    verifying_key,
)
from interview_room.sync.bundle_header import (
    RECORD_HEAD_KEYS,
    SignedHeader,
    canonical_object,
    check_size,
    read_header,
)
from interview_room.sync.bundle_v1 import SignedPrefix, parse_container
from interview_room.sync.drive import open_regular_file
from interview_room.sync.errors import (
    BundleError,
    BundleNotForUs,
    BundleSignatureInvalid,
    SyncError,
)
from interview_room.sync.fields import (
    FormatViolation,
    check_counter,
    check_kind,
    check_record_id,
    decode_signature,
)

_NEWLINE = 0x0A
_FEED_BYTES = 1024 * 1024  # slices in which a plaintext already in memory is read
# pyrage reports a wrong recipient only through this message (rage's NoMatchingKeys).
_NO_MATCHING_KEYS = "No matching keys"


class PlaintextReader(io.RawIOBase):
    """A write-only stream that checks a bundle's plaintext as it is written to it.

    ``write`` raises the first ``BundleError`` found (and again on every later call);
    :meth:`finish` returns the verified bundle once the whole plaintext has been written.
    """

    _START, _HEADER, _SIGNATURE, _HEAD, _CONTENT, _END = range(6)

    def __init__(
        self,
        *,
        station_keys: Mapping[str, Ed25519PublicKey],
        revoked_stations: Collection[str] = (),
        limits: BundleLimits = DEFAULT_LIMITS,
    ) -> None:
        super().__init__()
        self._station_keys = station_keys
        self._revoked = revoked_stations
        self._limits = limits
        self._buffer = bytearray()
        self._received = 0
        self._state = self._START
        self.failure: BundleError | None = None
        self._legacy: SignedPrefix | None = None
        self._header: SignedHeader | None = None
        self._signed = b""
        self._body = hashlib.sha256()
        self._body_seen = 0
        self._head: tuple[str, str, int, tuple[str, ...], int] | None = None
        self._records: list[BundleRecord] = []
        self._seen: set[tuple[str, str]] = set()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.failure is not None:
            raise self.failure
        chunk = bytes(data)
        try:
            self._feed(chunk)
        except BundleError as failure:
            self.failure = failure
            raise
        return len(chunk)

    # -- the states ----------------------------------------------------------------------

    def _feed(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > self._limits.max_plaintext_bytes:
            bundle_damaged("its content is larger than the largest bundle allowed")
        self._buffer += chunk
        if self._legacy is not None:
            self._legacy.feed(self._buffer)
            return
        while self._step():
            pass

    def _step(self) -> bool:
        """Advance by one element if the buffer holds it; False when more bytes are needed."""
        if self._state == self._START:
            return self._step_magic()
        if self._state == self._HEADER:
            return self._step_header()
        if self._state == self._SIGNATURE:
            return self._step_signature()
        if self._state == self._HEAD:
            return self._step_record_head()
        if self._state == self._CONTENT:
            return self._step_record_content()
        if self._buffer:  # _END
            bundle_damaged("data follows its last record")
        return False

    def _step_magic(self) -> bool:
        """The magic line, or the first byte of a format 1 container (handed to bundle_v1)."""
        buffer = self._buffer
        if not buffer:
            return False
        if buffer[0] == ord("{"):  # format 1: one JSON container
            self._legacy = SignedPrefix(
                station_keys=self._station_keys,
                revoked_stations=self._revoked,
                limits=self._limits,
            )
            self._legacy.feed(buffer)
            return False
        if bytes(buffer[: len(MAGIC)]) != MAGIC[: len(buffer)]:
            bundle_damaged("its content is not a bundle of a format this program reads")
        if len(buffer) < len(MAGIC):
            return False
        del buffer[: len(MAGIC)]
        self._state = self._HEADER
        return True

    def _step_header(self) -> bool:
        line = self._line(MAX_HEADER_BYTES, "its header", body=False)
        if line is None:
            return False
        self._header = read_header(line, self._limits)
        self._signed = line
        self._state = self._SIGNATURE
        return True

    def _step_signature(self) -> bool:
        line = self._line(SIGNATURE_LINE_BYTES - 1, "its signature line", body=False)
        if line is None:
            return False
        self._verify(line)
        self._state = self._HEAD if self._expected().records else self._END
        return True

    def _step_record_head(self) -> bool:
        position = len(self._records) + 1
        line = self._line(MAX_RECORD_HEAD_BYTES, f"the head of record {position}", body=True)
        if line is None:
            return False
        self._head = self._read_head(line, position)
        self._state = self._CONTENT
        return True

    def _step_record_content(self) -> bool:
        assert self._head is not None
        kind, record_id, version, previous, size = self._head
        buffer = self._buffer
        if len(buffer) < size + 1:
            return False
        if buffer[size] != _NEWLINE:
            bundle_damaged(f"record {len(self._records) + 1} does not end where its head says")
        content = bytes(buffer[:size])
        self._take_body(size + 1)
        # Every field was checked in _read_head: not checked again.
        self._records.append(BundleRecord.read(kind, record_id, version, content, previous))
        self._head = None
        more = len(self._records) < self._expected().records
        self._state = self._HEAD if more else self._END
        return True

    def _expected(self) -> SignedHeader:
        assert self._header is not None
        return self._header

    def _line(self, most: int, what: str, *, body: bool) -> bytes | None:
        end = self._buffer.find(b"\n", 0, most + 1)
        if end == -1:
            if len(self._buffer) > most:
                bundle_damaged(f"{what} is longer than {most:,} bytes")
            return None
        line = bytes(self._buffer[:end])
        if body:
            self._take_body(end + 1)
        else:
            del self._buffer[: end + 1]
        return line

    def _take_body(self, size: int) -> None:
        self._body_seen += size
        if self._body_seen > self._expected().body_bytes:
            bundle_damaged("its body is longer than its signed header says")
        self._body.update(memoryview(self._buffer)[:size])
        del self._buffer[:size]

    def _verify(self, line: bytes) -> None:
        header = self._expected()
        try:
            signature = decode_signature(line.decode("ascii"), "the header signature")
        except (FormatViolation, UnicodeDecodeError):
            bundle_damaged("its header signature is not 64 bytes of canonical base64")
        key = verifying_key(header.station_id, self._station_keys, self._revoked)
        try:
            key.verify(signature, self._signed)
        except InvalidSignature:
            raise BundleSignatureInvalid(
                f"The bundle's header is not signed by the key of station {header.station_id}."
            ) from None

    def _read_head(self, line: bytes, position: int) -> tuple[str, str, int, tuple[str, ...], int]:
        what = f"the head of record {position}"
        try:
            head = canonical_object(line, RECORD_HEAD_KEYS, what)
            kind = check_kind(head["kind"], f"the kind of record {position}")
            record_id = check_record_id(head["id"], f"the id of record {position}")
            version = check_counter(head["version"], f"the version of record {position}")
            raw_previous = head["previous"]
            if not isinstance(raw_previous, list) or len(raw_previous) > MAX_PREVIOUS:
                raise FormatViolation(f"the earlier versions of record {position} are not a list")
            previous = check_previous(
                tuple(raw_previous), version, f"the earlier versions of record {position}"
            )
            size = check_size(
                head["bytes"], self._limits.max_record_bytes, f"the size of record {position}"
            )
            if (kind, record_id) in self._seen:
                raise FormatViolation(
                    f"record {position} repeats the kind and id of an earlier record"
                )
        except FormatViolation as violation:
            bundle_damaged(violation.reason)
        if self._body_seen + size + 1 > self._expected().body_bytes:
            bundle_damaged(f"record {position} reaches past the body its signed header announces")
        self._seen.add((kind, record_id))
        return kind, record_id, version, previous, size

    # -- the end -------------------------------------------------------------------------

    def finish(self) -> Bundle:
        """The verified bundle, once every byte of the plaintext was written."""
        if self.failure is not None:
            raise self.failure
        if self._legacy is not None:
            return parse_container(
                bytes(self._buffer),
                station_keys=self._station_keys,
                revoked_stations=self._revoked,
                limits=self._limits,
            )
        if self._state in (self._START, self._HEADER, self._SIGNATURE):
            bundle_damaged("it ends before its signed header is complete")
        if self._state != self._END:
            bundle_damaged(f"it ends inside record {len(self._records) + 1}")
        header = self._expected()
        if self._body_seen != header.body_bytes:
            bundle_damaged("its body is shorter than its signed header says")
        if self._body.hexdigest() != header.body_sha256:
            bundle_damaged("its body does not match the hash in its signed header")
        return Bundle(header.station_id, header.sequence, header.created_at, tuple(self._records))


def parse_bundle_plaintext(
    plaintext: bytes,
    *,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """The verified bundle in a decrypted plaintext already in memory (format 1 or 2); same
    refusals as ``read_bundle``."""
    if len(plaintext) > limits.max_plaintext_bytes:
        bundle_damaged("its content is larger than the largest bundle allowed")
    reader = PlaintextReader(
        station_keys=station_keys, revoked_stations=revoked_stations, limits=limits
    )
    view = memoryview(plaintext)
    for start in range(0, len(plaintext), _FEED_BYTES):
        reader.write(view[start : start + _FEED_BYTES])
    return reader.finish()


# --- the age layer ------------------------------------------------------------------------


class _Source(io.RawIOBase):
    """The file as age reads it: the header bytes already read, then the rest; remembers a
    failure of the file itself so that it is reported as what it is."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest
        self.failure: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        try:
            data = self._rest.read(len(buffer))
        except (OSError, SyncError) as failure:
            self.failure = failure
            raise
        buffer[: len(data)] = data
        return len(data)


def _check_age_header(head: bytes) -> None:
    if not head.startswith(AGE_MAGIC):
        bundle_damaged("the file is not a binary age-encrypted file")
    header_end = head.find(b"\n--- ", 0, _MAX_AGE_HEADER_BYTES)
    if header_end == -1:
        bundle_damaged("the age header is truncated or too long")
    if head.count(b"\n-> ", 0, header_end) > _MAX_AGE_STANZAS:
        bundle_damaged("the age header has too many recipient stanzas")


def read_stream(
    source: BinaryIO,
    size: int,
    *,
    identity: x25519.Identity,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """Decrypt ``source`` (``size`` bytes of an age file) and return the verified bundle, or
    raise a ``BundleError`` (``DriveFileRefused`` or ``OSError`` when the file itself fails).
    The size and the age header are checked before anything is decrypted."""
    if size > limits.max_ciphertext_bytes():
        bundle_damaged("the file is larger than the largest bundle allowed")
    head = source.read(_MAX_AGE_HEADER_BYTES)
    _check_age_header(head)
    reader = PlaintextReader(
        station_keys=station_keys, revoked_stations=revoked_stations, limits=limits
    )
    feed = _Source(head, source)
    try:
        pyrage.decrypt_io(feed, reader, [identity])
    except Exception as error:
        # Our own refusal (raised inside the writer) and a failure of the file come first,
        # whatever pyrage made of them on the way out.
        if reader.failure is not None:
            raise reader.failure from None
        if feed.failure is not None:
            raise feed.failure from None
        if isinstance(error, pyrage.DecryptError) and _NO_MATCHING_KEYS in str(error):
            raise BundleNotForUs(
                "The bundle is not encrypted to this centre's key, or its age header is damaged."
            ) from None
        if isinstance(error, (pyrage.DecryptError, ValueError, OSError, BundleError)):
            bundle_damaged("age decryption failed (truncated, garbled or tampered data)")
        raise
    return reader.finish()


def read_bundle(
    data: bytes,
    *,
    identity: x25519.Identity,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """Decrypt, verify and return the whole bundle, or raise a ``BundleError`` subclass.

    All or nothing: no record is returned unless the age layer opened, the station's signature
    verified and every record matches what it signed. The signature is checked before the body
    is parsed (format 2) or before any JSON is parsed (format 1).
    """
    return read_stream(
        io.BytesIO(data),
        len(data),
        identity=identity,
        station_keys=station_keys,
        revoked_stations=revoked_stations,
        limits=limits,
    )


def read_bundle_file(
    path: Path,
    *,
    identity: x25519.Identity,
    station_keys: Mapping[str, Ed25519PublicKey],
    revoked_stations: Collection[str] = (),
    limits: BundleLimits = DEFAULT_LIMITS,
) -> Bundle:
    """``read_bundle`` for a file on a drive, streamed: only a regular file of at most
    ``limits.max_ciphertext_bytes()`` is opened (``DriveFileRefused`` otherwise), and the
    ciphertext is never held in memory as a whole."""
    with open_regular_file(path, limits.max_ciphertext_bytes()) as handle:
        return read_stream(
            handle,
            os.fstat(handle.fileno()).st_size,
            identity=identity,
            station_keys=station_keys,
            revoked_stations=revoked_stations,
            limits=limits,
        )
