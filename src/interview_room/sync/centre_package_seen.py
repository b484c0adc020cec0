"""The "seen before" section of the centre's package (issue 16; docs/CENTRE_PACKAGE.md).

The section holds the centre's seen-before keys and its index: for each earlier interview whose
person agreed to a record being kept, its tokens and its summary (case code, station, day,
outcome, recipients referred to). Nothing else: no name, no answer, no free text.

A package is signed but not encrypted (it travels on sticks), and a token with its key can be
tried against guessed names, so the section travels sealed: age-encrypted to every station the
centre has not revoked (each station's bundle key, as an ssh-ed25519 recipient). A copied
package, or a station revoked since (a stolen PC), reads nothing of it. Inside the seal it is
canonical JSON, checked here before the station stores any of it.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from interview_room.seen_before.errors import SeenBeforeKeyInvalid
from interview_room.seen_before.matcher import CASE_CODE, EarlierInterview
from interview_room.seen_before.tokens import SeenBeforeKey
from interview_room.sync.fields import (
    MIB,
    FormatViolation,
    canonical_json,
    check_format,
    check_list,
    check_object,
    decode_base64,
    parse_json,
)

if TYPE_CHECKING:
    from interview_room.store.database import Database

SECTION_FORMAT = "interview-room-seen-before-index"
SECTION_VERSION = 1
MAX_SEALED_BYTES = 16 * MIB
_log = logging.getLogger(__name__)
MAX_KEYS = 8
MAX_CASES = 30_000
"""At most this many earlier interviews (the newest) travel: about 400 bytes each sealed, so
at most ~12 MiB sealed, ~16 MiB as base64 in the body, leaving room for the protocols
(tests/center/test_seen_before_index.py measures it)."""
MAX_TOKENS = 8
MAX_RECIPIENTS = 8
TOKEN_BYTES = 32
OUTCOMES = frozenset({"potential_victim", "child_at_risk", "indicators_not_met", "not_determined"})
"""The people's decision ids a summary may carry (``sync/record_consent.DECISIONS``)."""
EARLIEST_DAY = date(2020, 1, 1)
"""No interview was held before this day; later than tomorrow is a forged day (attacker 6, N1)."""
STATION_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}")
_STATION = re.compile(r"[^\x00-\x1f]{1,128}")
_SECTION_KEYS = frozenset({"format", "version", "keys", "cases"})
_KEY_KEYS = frozenset({"version", "secret"})
_CASE_KEYS = frozenset(
    {
        "key_version",
        "tokens",
        "case_code",
        "station",
        "station_code",
        "interviewed_on",
        "outcome",
        "recipients",
    }
)


@cache
def recipient_ids() -> frozenset[str]:
    """The referral recipients a summary may name (``resources/referral/recipients.json``)."""
    from interview_room.referral.recipients import recipient_table

    return frozenset(recipient_table().rules)


def summary_problem(
    station_code: str, case_code: str, day: date, outcome: str, recipients: tuple[str, ...]
) -> str | None:
    """What is wrong with one earlier interview's summary, in words naming a field and never
    its content; None when it keeps to the closed lists. The centre checks each record with it
    before indexing, the station each entry of a section (attacker 6: D1, D2, F1, F2, N1)."""
    shape = CASE_CODE.fullmatch(case_code)
    if STATION_CODE.fullmatch(station_code) is None:
        return "the station code"
    if shape is None or shape.group(1) != station_code:
        return "the case code"
    if not EARLIEST_DAY <= day <= datetime.now(UTC).date() + timedelta(days=1):
        return "the day"
    if outcome not in OUTCOMES:
        return "the outcome"
    if len(recipients) > MAX_RECIPIENTS or len(set(recipients)) != len(recipients):
        return "the recipients"
    if not set(recipients) <= recipient_ids():
        return "the recipients"
    return None


@dataclass(frozen=True)
class IndexedInterview:
    """One earlier interview as the centre distributes it: its tokens under one key version
    and its summary."""

    key_version: int
    tokens: tuple[bytes, ...]
    earlier: EarlierInterview
    station_code: str = ""
    """The sending station's code, which the case code must start with (empty: the case
    code's own prefix, for a section built by hand in a test)."""

    @property
    def sent_by(self) -> str:
        shape = CASE_CODE.fullmatch(self.earlier.case_code)
        return self.station_code or (shape.group(1) if shape else "")


@dataclass(frozen=True)
class SeenBeforeSection:
    keys: tuple[SeenBeforeKey, ...]
    """Every key version the index holds tokens under, oldest first; the last is current."""
    interviews: tuple[IndexedInterview, ...]
    dropped: int = 0
    """Entries the station read but left out (one broken entry never drops the rest)."""

    @property
    def current_key(self) -> SeenBeforeKey:
        return self.keys[-1]

    def entries(self, key_version: int) -> Iterable[tuple[bytes, EarlierInterview]]:
        """(token, summary) pairs under one key version (``SeenBeforeIndex.from_entries``)."""
        for interview in self.interviews:
            if interview.key_version == key_version:
                for token in interview.tokens:
                    yield token, interview.earlier


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def section_bytes(section: SeenBeforeSection) -> bytes:
    """The section's canonical JSON (sorted, so the same content gives the same bytes)."""
    interviews = sorted(
        section.interviews,
        key=lambda i: (i.earlier.interviewed_on, i.earlier.case_code, i.key_version),
    )
    return canonical_json(
        {
            "format": SECTION_FORMAT,
            "version": SECTION_VERSION,
            "keys": [
                {"version": key.version, "secret": _b64(key.secret)}
                for key in sorted(section.keys, key=lambda k: k.version)
            ],
            "cases": [
                {
                    "key_version": i.key_version,
                    "tokens": sorted(_b64(token) for token in i.tokens),
                    "case_code": i.earlier.case_code,
                    "station": i.earlier.station,
                    "station_code": i.sent_by,
                    "interviewed_on": i.earlier.interviewed_on.isoformat(),
                    "outcome": i.earlier.outcome,
                    "recipients": sorted(i.earlier.recipients),
                }
                for i in interviews
            ],
        }
    )


def _version(value: object, what: str) -> int:
    if type(value) is not int or not 1 <= value <= 2**31:
        raise FormatViolation(f"{what} is not a key version")
    return value


def _interview(raw: object, versions: set[int]) -> IndexedInterview:
    item = check_object(raw, _CASE_KEYS, "an earlier interview")
    version = _version(item["key_version"], "an earlier interview's key version")
    if version not in versions:
        raise FormatViolation("an earlier interview names a key the section does not hold")
    tokens = tuple(
        decode_base64(token, TOKEN_BYTES, "a token")
        for token in check_list(item["tokens"], MAX_TOKENS, "an interview's tokens")
    )
    if not tokens or any(len(token) != TOKEN_BYTES for token in tokens):
        raise FormatViolation("an earlier interview's tokens are not 32 bytes each")
    station = item["station"]
    if not isinstance(station, str) or _STATION.fullmatch(station) is None:
        raise FormatViolation("an earlier interview's station is not a name")
    day = item["interviewed_on"]
    try:
        interviewed_on = date.fromisoformat(day if isinstance(day, str) and len(day) == 10 else "")
    except ValueError:
        raise FormatViolation("an earlier interview's day is not a YYYY-MM-DD date") from None
    recipients = check_list(item["recipients"], MAX_RECIPIENTS, "an interview's recipients")
    codes = (item["station_code"], item["case_code"], item["outcome"])
    if not all(isinstance(text, str) for text in (*codes, *recipients)):
        raise FormatViolation("an earlier interview's codes are not text")
    station_code, case_code, outcome = (str(text) for text in codes)
    sent = tuple(str(r) for r in recipients)
    problem = summary_problem(station_code, case_code, interviewed_on, outcome, sent)
    if problem is not None:
        raise FormatViolation(f"an earlier interview's summary: {problem}")
    earlier = EarlierInterview(case_code, station, interviewed_on, outcome, sent)
    return IndexedInterview(version, tokens, earlier, station_code)


def read_section(data: bytes) -> SeenBeforeSection:
    """The section in ``data`` (opened from its seal). Raises ``FormatViolation`` when the
    section or its keys do not read; an entry that does not keep to the closed lists is left
    out and counted (``dropped``), so one bad entry cannot blind the whole index."""
    document = check_object(parse_json(data, "the seen-before index"), _SECTION_KEYS, "the index")
    check_format(document, SECTION_FORMAT, "the seen-before index")
    keys = []
    for raw in check_list(document["keys"], MAX_KEYS, "the seen-before keys"):
        item = check_object(raw, _KEY_KEYS, "a seen-before key")
        secret = decode_base64(item["secret"], 64, "a seen-before key")
        if len(secret) != TOKEN_BYTES:
            raise FormatViolation("a seen-before key is not 256 bits")
        keys.append(SeenBeforeKey(_version(item["version"], "a key's version"), secret))
    versions = [key.version for key in keys]
    if not keys or versions != sorted(set(versions)):
        raise FormatViolation("the seen-before keys are missing, not sorted or repeated")
    interviews: list[IndexedInterview] = []
    dropped = 0
    for raw in check_list(document["cases"], MAX_CASES, "the earlier interviews"):
        try:
            interviews.append(_interview(raw, set(versions)))
        except FormatViolation:
            dropped += 1
    return SeenBeforeSection(tuple(keys), tuple(interviews), dropped)


def station_recipient(public_key_raw: bytes) -> str:
    """A station's bundle key (Ed25519, raw) as the age recipient the section is sealed to."""
    public = Ed25519PublicKey.from_public_bytes(public_key_raw)
    return public.public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode("ascii")


def seal(section: bytes, recipients: Iterable[str]) -> bytes:
    """``section`` encrypted to every recipient (``station_recipient``)."""
    return bytes(pyrage.encrypt(section, [pyrage.ssh.Recipient.from_str(r) for r in recipients]))


def open_sealed(sealed: bytes, station_private_raw: bytes) -> bytes | None:
    """The section's bytes, opened with the station's bundle key (Ed25519, raw); None when it
    is not sealed to this station (enrolled after the centre last sealed it, or revoked)."""
    pem = Ed25519PrivateKey.from_private_bytes(station_private_raw).private_bytes(
        Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption()
    )
    try:
        return bytes(pyrage.decrypt(sealed, [pyrage.ssh.Identity.from_buffer(pem)]))
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError):
        return None


@dataclass(frozen=True)
class SectionApplied:
    """What a package's section changed at the station (the apply's audit entry)."""

    interviews: int
    """Earlier interviews now held."""
    dropped: int
    """Entries left out because they did not keep to the closed lists."""
    keys_changed: bool
    """A key version arrived with another secret than the one held (replaced)."""
    refused: str | None = None
    """Why the section was not kept, the index held staying (``interviews`` is then what is
    held): ``not_sealed_to_this_station`` (enrolled after the centre last sealed it, or
    revoked) or ``unreadable`` (its keys or format refused: attacker 8, B2). None: kept."""


def _refused(db: Database, why: str) -> SectionApplied:
    """A section not kept: the index held stays, and the apply's audit entry says why."""
    held = db.one("SELECT count(DISTINCT case_code) FROM seen_before_index")
    _log.warning("seen_before_section_refused reason=%s", why)
    return SectionApplied(int(held[0]) if held else 0, 0, False, why)


def apply_sealed(db: Database, sealed: bytes | None) -> SectionApplied | None:
    """Open the package's sealed section with this station's bundle key and keep it in the
    store (``seen_before/held.store_section``), in the caller's transaction. None when the
    package carries none; ``refused`` says why when it is not sealed to this station or does
    not read (the index held stays: the package itself is root-signed and applies all the
    same, and the apply's audit entry records the refusal: attacker 8, B2)."""
    from interview_room.seen_before.held import store_section

    row = db.one("SELECT station_key FROM sync_link WHERE id = 1")
    if sealed is None or row is None:
        return None
    opened = open_sealed(sealed, bytes(row[0]))
    if opened is None:
        return _refused(db, "not_sealed_to_this_station")
    try:
        section = read_section(opened)
    except (FormatViolation, SeenBeforeKeyInvalid):
        return _refused(db, "unreadable")
    stored = store_section(db, section)
    return SectionApplied(len(section.interviews), section.dropped, stored.replaced)


def check_sealed(value: object) -> bytes:
    """The base64 sealed section of a package body (size only: its content is checked once it
    is opened at the station)."""
    sealed = decode_base64(value, MAX_SEALED_BYTES, "the seen-before index")
    if not sealed:
        raise FormatViolation("the seen-before index is empty")
    return sealed


__all__ = [
    "MAX_CASES",
    "IndexedInterview",
    "SectionApplied",
    "SeenBeforeSection",
    "apply_sealed",
    "check_sealed",
    "open_sealed",
    "read_section",
    "seal",
    "section_bytes",
    "station_recipient",
    "summary_problem",
]
