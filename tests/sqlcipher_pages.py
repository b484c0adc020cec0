"""Every page of a SQLCipher 4 store in clear, read from the files themselves, as someone holding
the key and a copy of the disk would read them: the database file and each frame of its
write-ahead log, free pages and stale frames included (what SQL can no longer see).

SQLCipher 4 defaults with a raw key: 4096-byte pages, each AES-256-CBC encrypted with a random
IV kept in the page's last 80 bytes (16 IV + 64 HMAC-SHA512); the first 16 bytes of the file
are the salt. Each page's HMAC is checked, so a wrong reading fails loudly instead of finding
nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # 16 bytes IV + 64 bytes HMAC-SHA512
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _hmac_key(key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)


def _page(key: bytes, hmac_key: bytes, page: bytes, number: int) -> bytes:
    start = SALT if number == 1 else 0
    end = PAGE - RESERVE
    iv, mac = page[end : end + 16], page[end + 16 : end + 80]
    expected = hmac.new(
        hmac_key, page[start : end + 16] + number.to_bytes(4, "little"), "sha512"
    ).digest()
    if not hmac.compare_digest(expected, mac):
        raise AssertionError(f"page {number} does not authenticate: not a SQLCipher 4 page?")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:end]) + decryptor.finalize()


def plaintext_pages(database: Path, key: bytes) -> list[bytes]:
    """Every page of ``database`` and of every frame of ``database``-wal, decrypted. (The
    store runs in WAL mode: there is no rollback journal; tests check that none exists.)"""
    data = database.read_bytes()
    if len(data) < PAGE:
        return []
    salt = data[:SALT]
    hmac_key = _hmac_key(key, salt)
    pages = [
        _page(key, hmac_key, data[i : i + PAGE], i // PAGE + 1)
        for i in range(0, len(data) - PAGE + 1, PAGE)
    ]
    wal = database.with_name(database.name + "-wal")
    log = wal.read_bytes() if wal.exists() else b""
    position = WAL_HEADER
    while position + FRAME_HEADER + PAGE <= len(log):
        number = int.from_bytes(log[position : position + 4], "big")
        frame = log[position + FRAME_HEADER : position + FRAME_HEADER + PAGE]
        pages.append(_page(key, hmac_key, frame, number))
        position += FRAME_HEADER + PAGE
    return pages


def store_contains(database: Path, key: bytes, needle: bytes) -> bool:
    """Whether ``needle`` is anywhere in the store's pages, current or stale."""
    return any(needle in page for page in plaintext_pages(database, key))
