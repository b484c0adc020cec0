"""Nonces the receiver has admitted, remembered until their request's time is out of the
window: in memory (:class:`NonceBook`) and on disk in the centre's folder
(:class:`NonceJournal`), so that a restart forgets none (attack A3: a station whose clock is
ahead signs a request that is still in time after a restart). ``receiver_admission.py`` spends
a nonce only after every other check of a request passed.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import logging
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from interview_room.files import atomic_write_bytes

NONCE_JOURNAL_FILE = "receiver-nonces.jsonl"
NONCE_JOURNAL_MAX_LINES = 4096
"""The journal is rewritten with only its unexpired entries once it has this many lines (about
400 KiB). An entry lives at most 601 s, and the quotas admit about 66 requests per station in
that time, so a rewrite keeps a few KiB."""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpentNonce:
    """One admitted request, as the nonce book and its journal keep it: a station id, the
    random nonce the station drew, and when it may be forgotten. Nothing about a person."""

    station_id: str
    nonce: str
    forget_at: float


class NonceBook:
    """Nonces already used, each forgotten once its request's time is out of the window."""

    def __init__(self, spent: Iterable[SpentNonce] = ()) -> None:
        self._seen: set[tuple[str, str]] = set()
        self._expiry: list[tuple[float, tuple[str, str]]] = []
        for entry in spent:
            self.spend(entry.station_id, entry.nonce, entry.forget_at)

    def __len__(self) -> int:
        return len(self._seen)

    def _forget_expired(self, now: float) -> None:
        while self._expiry and self._expiry[0][0] <= now:
            _, key = heapq.heappop(self._expiry)
            self._seen.discard(key)

    def seen(self, station_id: str, nonce: str, now: float) -> bool:
        self._forget_expired(now)
        return (station_id, nonce) in self._seen

    def spend(self, station_id: str, nonce: str, forget_at: float) -> None:
        key = (station_id, nonce)
        if key in self._seen:  # only when loaded twice: the earlier time would forget it early
            self._expiry = [item for item in self._expiry if item[1] != key]
            heapq.heapify(self._expiry)
        self._seen.add(key)
        heapq.heappush(self._expiry, (forget_at, key))

    def spent(self, now: float) -> list[SpentNonce]:
        """The nonces still remembered at ``now``."""
        self._forget_expired(now)
        return [SpentNonce(key[0], key[1], forget_at) for forget_at, key in self._expiry]


class NonceJournal:
    """The nonce book on disk, in the centre's folder, so that a restart forgets nothing.

    One JSON line per admitted request, ``{"station": …, "nonce": …, "forget_at": …}``: a
    station id, the random nonce the station drew and a time, nothing about a person. A line is
    appended and flushed to disk before the request's body is read. At start the unexpired
    entries are read back (a line that does not parse, such as a last line torn by a crash
    mid-append, is skipped) and the file is rewritten atomically with only those; it is
    rewritten the same way once it has ``max_lines`` lines, or after an append failed (which
    may have left a torn line). Entries expire with the time window, so its size is bounded by
    what the quotas admit in one window.
    """

    def __init__(self, path: Path, max_lines: int = NONCE_JOURNAL_MAX_LINES) -> None:
        self.path = path
        self.max_lines = max_lines
        self.lines = 0
        self._failed = False

    def load(self, now: float) -> list[SpentNonce]:
        """The unexpired entries at ``now``; the file is rewritten with only them."""
        entries: dict[tuple[str, str], SpentNonce] = {}
        skipped = 0
        with contextlib.suppress(FileNotFoundError), self.path.open("rb") as handle:
            for line in handle:
                entry = _journal_entry(line)
                if entry is None:
                    skipped += 1
                    continue
                key = (entry.station_id, entry.nonce)
                held = entries.get(key)
                if entry.forget_at > now and (held is None or held.forget_at < entry.forget_at):
                    entries[key] = entry
        if skipped:
            _log.warning("Nonce journal: %d unreadable line(s) skipped.", skipped)
        kept = list(entries.values())
        self.rewrite(kept)
        return kept

    @property
    def needs_rewrite(self) -> bool:
        return self._failed or self.lines >= self.max_lines

    def rewrite(self, entries: Iterable[SpentNonce]) -> None:
        """Replace the file, atomically, by ``entries`` (the unexpired ones)."""
        data = b"".join(_journal_line(entry) for entry in entries)
        atomic_write_bytes(self.path, data)
        self.lines = data.count(b"\n")
        self._failed = False

    def append(self, entry: SpentNonce) -> None:
        """Add ``entry`` and flush it to disk (raises ``OSError`` when it could not be).

        The file is opened for each line (an open and a close cost little beside the flush,
        and nothing is held open); never created here, so a journal removed while the
        receiver runs fails the append and is rewritten whole by the next one."""
        line = _journal_line(entry)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
            try:
                written = 0
                while written < len(line):
                    written += os.write(fd, line[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError:
            self._failed = True
            raise
        self.lines += 1


def _journal_line(entry: SpentNonce) -> bytes:
    record = {"station": entry.station_id, "nonce": entry.nonce, "forget_at": entry.forget_at}
    return json.dumps(record, separators=(",", ":")).encode("ascii") + b"\n"


def _journal_entry(line: bytes) -> SpentNonce | None:
    """The entry on ``line``, or None when it is not one (torn, or not written by us)."""
    if not line.endswith(b"\n"):
        return None  # the last line, torn by a crash mid-append: its request was never read
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    station_id, nonce, forget_at = (record.get(k) for k in ("station", "nonce", "forget_at"))
    if (
        not isinstance(station_id, str)
        or not isinstance(nonce, str)
        or isinstance(forget_at, bool)
        or not isinstance(forget_at, int | float)
        or not math.isfinite(forget_at)
    ):
        return None
    return SpentNonce(station_id, nonce, float(forget_at))
