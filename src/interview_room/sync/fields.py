"""Checks shared by bundles and receipts: strict JSON in, canonical JSON out, and the fields
both carry (station ids, counters, UTC timestamps, record kinds and ids, hashes, base64).

Each check returns the value it accepts or raises ``FormatViolation``, whose ``reason``
completes a sentence such as "The bundle is damaged because <reason>.".
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime
from typing import Any, NoReturn

FORMAT_VERSION = 1
# Counters stay exact in every JSON reader (JavaScript's Number.MAX_SAFE_INTEGER).
MAX_COUNTER = 2**53 - 1
MIB = 1024 * 1024
SIGNATURE_BYTES = 64  # Ed25519

_STATION_ID = re.compile(r"[0-9a-f]{1,64}")
_KIND = re.compile(r"[a-z][a-z0-9_-]{0,31}")
_RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAX_TIMESTAMP_CHARS = 40


class FormatViolation(Exception):
    """A value breaks the format; ``reason`` completes "… because <reason>.".

    Internal to the sync package: public functions turn it into their typed error, so it never
    reaches a caller.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_station_id(value: object, what: str = "the station id") -> str:
    """1 to 64 lowercase hex digits: safe in file names as it is."""
    if not isinstance(value, str) or _STATION_ID.fullmatch(value) is None:
        raise FormatViolation(f"{what} is not 1 to 64 lowercase hexadecimal digits")
    return value


def check_counter(value: object, what: str) -> int:
    # bool is an int in Python but not a counter.
    if type(value) is not int or not 1 <= value <= MAX_COUNTER:
        raise FormatViolation(f"{what} is not a whole number from 1 to 2^53-1")
    return value


def check_utc_timestamp(value: object, what: str) -> str:
    """An ISO 8601 date and time with a zero UTC offset, kept exactly as written."""
    if not isinstance(value, str) or not value.isascii() or len(value) > _MAX_TIMESTAMP_CHARS:
        raise FormatViolation(f"{what} is not an ISO 8601 UTC date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise FormatViolation(f"{what} is not an ISO 8601 UTC date and time") from None
    offset = moment.utcoffset()
    if offset is None or offset.total_seconds() != 0:
        raise FormatViolation(f"{what} is not an ISO 8601 UTC date and time")
    return value


def check_kind(value: object, what: str) -> str:
    if not isinstance(value, str) or _KIND.fullmatch(value) is None:
        raise FormatViolation(f"{what} is not a lowercase name of up to 32 characters")
    return value


def check_record_id(value: object, what: str) -> str:
    if not isinstance(value, str) or _RECORD_ID.fullmatch(value) is None:
        raise FormatViolation(f"{what} is not 1 to 128 letters, digits or '._:-'")
    return value


def check_sha256(value: object, what: str) -> str:
    if not isinstance(value, str) or _SHA256.fullmatch(value) is None:
        raise FormatViolation(f"{what} is not 64 lowercase hexadecimal digits")
    return value


def canonical_json(document: object) -> bytes:
    """The canonical bytes of a JSON value made of dicts, lists, strings and integers.

    Keys sorted, no whitespace, UTF-8 without escaping non-ASCII: for such values this is
    the same as RFC 8785 (JCS).
    """
    return _CANONICAL.encode(document).encode("utf-8")


# Built once: json.dumps and json.loads build a new encoder or decoder on every call with
# these options (4,004 decoders for an import of 2,000 records).
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


# --- JSON ---------------------------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise FormatViolation("a JSON object repeats a key")
    return document


def _no_constant(name: str) -> NoReturn:
    raise FormatViolation(f"the JSON holds the non-standard constant {name}")


def _no_float(text: str) -> NoReturn:
    raise FormatViolation("the JSON holds a number that is not a whole number")


_STRICT = json.JSONDecoder(
    object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant, parse_float=_no_float
)


def parse_json(plaintext: bytes, what: str = "the container") -> Any:
    """Strict JSON: UTF-8, no duplicate keys, no floats, no NaN/Infinity.

    Raises ``FormatViolation``; callers turn it into their own typed error.
    """
    try:
        text = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatViolation(f"{what} is not UTF-8 text") from None
    try:
        return _STRICT.decode(text)
    except (ValueError, RecursionError):
        # Not chained: JSONDecodeError keeps the whole document in memory (``.doc``).
        raise FormatViolation(f"{what} is not valid JSON") from None


def check_object(value: object, keys: frozenset[str], what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or value.keys() != keys:
        raise FormatViolation(f"{what} does not have exactly the fields {', '.join(sorted(keys))}")
    return value


def check_list(value: object, max_items: int, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise FormatViolation(f"{what} is not a list")
    if len(value) > max_items:
        raise FormatViolation(f"{what} has more than {max_items} items")
    return value


def check_format(document: dict[str, Any], expected: str, what: str) -> None:
    if document["format"] != expected:
        raise FormatViolation(f"{what} is not an {expected} document")
    version = document["version"]
    if version != FORMAT_VERSION or type(version) is not int:
        raise FormatViolation(f"{what} is in a format version this program does not read")


def decode_base64(value: object, max_bytes: int, what: str) -> bytes:
    """Strict, canonical base64 (padding, no line breaks, zero unused bits)."""
    if not isinstance(value, str) or len(value) > 4 * (-(-max_bytes // 3)):
        raise FormatViolation(f"{what} is not base64 of at most {max_bytes} bytes")
    try:
        decoded = binascii.a2b_base64(value, strict_mode=True)
    except (binascii.Error, ValueError):
        raise FormatViolation(f"{what} is not valid base64") from None
    if base64.b64encode(decoded).decode("ascii") != value or len(decoded) > max_bytes:
        raise FormatViolation(f"{what} is not canonical base64 of at most {max_bytes} bytes")
    return decoded


def decode_signature(value: object, what: str) -> bytes:
    signature = decode_base64(value, SIGNATURE_BYTES, what)
    if len(signature) != SIGNATURE_BYTES:
        raise FormatViolation(f"{what} is not {SIGNATURE_BYTES} bytes long")
    return signature
