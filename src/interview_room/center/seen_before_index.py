"""The centre's seen-before index kept up with the case records it holds (issue 16).

The importer calls :func:`index_records` for the case records of each bundle, in its
transaction: a record's row (``seen_before_cases``, ``center/seen_before.py``) holds the tokens
the centre derives itself from the details the record carries, and its summary, and only when
the record's own answers say storage consent was given beyond doubt (attacker 6, C1, P1), its
summary keeps to the closed lists, and its details name the case's own person (attacker 8, B1,
B3). A record held with the content the bundle carries is read from the bundle, not the store,
and each name is reduced once (issue 14).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

# Imported here, not in each function: an import per record went through PySide's import
# hook when Qt is loaded (issue 14).
from interview_room.interview.personal_data import storage_question_id
from interview_room.interview.protocols import ProtocolUnavailable
from interview_room.seen_before.errors import SeenBeforeError
from interview_room.seen_before.held import NATIONALITY_QUESTION
from interview_room.seen_before.tokens import PersonDetails, SeenBeforeKey, tokens_naming
from interview_room.sync.centre_package_seen import MAX_TOKENS, TOKEN_BYTES, summary_problem
from interview_room.sync.record_consent import STORAGE_QUESTION, storage_agreed

if TYPE_CHECKING:
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.screening import Protocol
    from interview_room.store.database import Database

_log = logging.getLogger("interview_room.center.seen_before")  # the name the log always had
REFUSABLE = "consent_interview"
"""The consent to the interview itself: a record where it is not "yes" is never indexed."""
_PERSON_KEYS = frozenset({"given_names", "surname", "birth_year", "birth_date"})
RECORD_FIELD = "seen_before"
"""The case record's field with its tokens (``sync/records.py``; only with storage consent)."""


def _tokens(value: object) -> tuple[int, tuple[bytes, ...], dict[str, Any]] | None:
    """(key version, tokens, details) of a record's ``seen_before`` field; None when it is
    not one."""
    if not isinstance(value, dict) or set(value) != {"key_version", "tokens", "person"}:
        return None
    version, tokens, person = value["key_version"], value["tokens"], value["person"]
    if type(version) is not int or version < 1 or not isinstance(tokens, list):
        return None
    if not 0 < len(tokens) <= MAX_TOKENS or not all(isinstance(t, str) for t in tokens):
        return None
    if not isinstance(person, dict) or set(person) != _PERSON_KEYS:
        return None
    try:
        decoded = tuple(bytes.fromhex(t) for t in tokens)
    except ValueError:
        return None
    if any(len(t) != TOKEN_BYTES for t in decoded):
        return None
    return version, decoded, person


def _derived(
    document: dict[str, Any], secret: bytes | None, version: int, person: dict[str, Any]
) -> tuple[bytes, ...]:
    """The tokens the centre derives itself, in the station's order, under key ``version``
    (``secret``: None when the centre holds no such version), from the details the record
    carries and its own nationality answer: a record whose tokens are not exactly these is a
    forgery or a fault, never indexed (attacker 6, P1; attacker 8, B3). Empty when they cannot
    be derived, or when the details do not name the record's own person (``case.person_name``,
    reduced as tokens reduce names, each name once: ``tokens.tokens_naming``; attacker 8, B1)."""

    given, surname = person.get("given_names"), person.get("surname")
    year, born = person.get("birth_year"), person.get("birth_date")
    nationality = [
        a[2]
        for a in document.get("answers") or []
        if isinstance(a, list) and len(a) == 3 and a[:2] == [NATIONALITY_QUESTION, "answered"]
    ]
    case = document.get("case")
    named = case.get("person_name") if isinstance(case, dict) else None
    if secret is None or not isinstance(given, str) or not isinstance(surname, str):
        return ()
    if not isinstance(named, str):
        return ()
    if type(year) is not int or len(nationality) != 1 or not isinstance(nationality[0], str):
        return ()
    try:
        birth = date.fromisoformat(born) if isinstance(born, str) else None
        details = PersonDetails(given, surname, nationality[0], year, birth)
        made = tokens_naming(details, named, SeenBeforeKey(version, secret), _today())
    except (SeenBeforeError, ValueError):
        return ()
    return tuple(t.value for t in made)


def _today() -> date:
    return datetime.now(UTC).date()


def _summary(document: dict[str, Any], station_code: str) -> tuple[str, str, str, list[str]] | None:
    """(case code, day, outcome, recipients) of a kept case record, or None when one of them
    is not on its closed list (``centre_package_seen.summary_problem``): the case code of the
    sending station, a day in [2020-01-01, tomorrow], a decision id, known recipient ids."""
    case, decision = document.get("case"), document.get("decision")
    if not isinstance(case, dict) or not isinstance(case.get("code"), str):
        return None
    started = case.get("started_at")
    try:
        day = date.fromisoformat(started[:10] if isinstance(started, str) else "")
    except ValueError:
        return None
    outcome = decision.get("decision") if isinstance(decision, dict) else None
    referrals = document.get("referrals")
    sent = referrals if isinstance(referrals, list) else []
    named = [r.get("recipient") if isinstance(r, dict) else None for r in sent]
    if outcome is not None and not isinstance(outcome, str):
        return None
    if not all(isinstance(r, str) for r in named):
        return None
    recipients = sorted({str(r) for r in named})
    code, outcome = str(case["code"]), str(outcome or "not_determined")
    if summary_problem(station_code, code, day, outcome, tuple(recipients)) is not None:
        return None
    return code, day.isoformat(), outcome, recipients


def _consented(document: dict[str, Any], protocol: Protocol | None) -> bool:
    """Storage consent beyond doubt (attacker 6, C1): a full record (``personal_data`` kept or
    absent), exactly one storage answer and it "yes", no consent to the interview refused and
    no ``consent_refused`` event."""

    if document.get("personal_data", "kept") != "kept" or not storage_agreed(document, protocol):
        return False
    storage = storage_question_id(protocol) if protocol else STORAGE_QUESTION
    answers = [a for a in document.get("answers") or [] if isinstance(a, list) and a]
    if [a for a in answers if a[0] == storage] != [[storage, "answered", "yes"]]:
        return False
    if any(a[0] == REFUSABLE and a[-1] == "no" for a in answers):
        return False
    events = document.get("events")
    return isinstance(events, list) and not any(
        isinstance(e, list) and len(e) > 1 and e[1] == "consent_refused" for e in events
    )


def _station_code(db: Database, station_id: str) -> str:
    row = db.one("SELECT code FROM stations WHERE station_id = ?", (station_id,))
    return str(row[0]) if row else ""


_BATCH = 400
"""Record ids per statement (under SQLite's old limit of 999 parameters)."""


def _held_hashes(db: Database, station_id: str, record_ids: list[str]) -> dict[str, str]:
    """The content hash of each case record of ``record_ids`` the centre holds for the
    station."""
    held: dict[str, str] = {}
    for start in range(0, len(record_ids), _BATCH):
        batch = record_ids[start : start + _BATCH]
        marks = ", ".join("?" for _ in batch)
        held.update(
            (str(r[0]), str(r[1]))
            for r in db.all(
                "SELECT record_id, content_hash FROM records WHERE kind = 'case'"
                f" AND station_id = ? AND record_id IN ({marks})",
                (station_id, *batch),
            )
        )
    return held


def _forget(db: Database, record_ids: list[str]) -> None:
    """Delete the index rows of ``record_ids``, under every key version."""
    for start in range(0, len(record_ids), _BATCH):
        batch = record_ids[start : start + _BATCH]
        marks = ", ".join("?" for _ in batch)
        db.execute(f"DELETE FROM seen_before_cases WHERE record_id IN ({marks})", tuple(batch))


def _document(
    db: Database,
    station_id: str,
    record_id: str,
    held: str | None,
    bundled: tuple[str, bytes] | None,
) -> object:
    """The held case record's document, parsed: from the bundle's bytes when their hash is the
    held one (the same bytes), else read from the store; None when none is held. (Parsed again
    here rather than handed over from ``check_consents``: keeping every parsed document of a
    bundle alive made the garbage collector's passes cost more than the parse, +550 ms CPU at
    10,000 records.)"""
    if held is None:
        return None
    if bundled is not None and bundled[0] == held:
        content = bundled[1]
    else:
        row = db.one(
            "SELECT content FROM records WHERE kind = 'case' AND record_id = ? AND station_id = ?",
            (record_id, station_id),
        )
        if row is None:
            return None
        content = bytes(row[0])
    try:
        return json.loads(content)
    except ValueError:
        return None


def _protocol(document: dict[str, Any], library: ProtocolLibrary) -> Protocol | None:
    named = (document.get("interview") or {}).get("protocol")
    try:
        return library.find(*named) if isinstance(named, list) else None
    except (ProtocolUnavailable, TypeError):
        return None


def _entry(
    document: dict[str, Any],
    station_code: str,
    library: ProtocolLibrary,
    secrets_held: Mapping[int, bytes],
) -> tuple[object, ...] | None:
    """(key version, tokens as the centre derived them, case code, day, outcome, recipients)
    of a record to index, or None when it is left out."""
    tokens = _tokens(document[RECORD_FIELD])
    summary = _summary(document, station_code)
    if tokens is None or summary is None or not _consented(document, _protocol(document, library)):
        return None
    version, sent, person = tokens
    derived = _derived(document, secrets_held.get(version), version, person)
    if not derived or sent != derived:  # the list exactly: no repeats (attacker 8, B3)
        return None
    code, day, outcome, recipients = summary
    # What the centre derived itself is stored, never the station's list.
    return (version, json.dumps([t.hex() for t in derived]), code, day, outcome,
            json.dumps(recipients))  # fmt: skip


def index_records(
    db: Database,
    station_id: str,
    record_ids: list[str],
    library: ProtocolLibrary,
    bundled: Mapping[str, tuple[str, bytes]] | None = None,
) -> int:
    """Refresh the index rows of ``record_ids`` from the records the centre now holds: tokens
    kept only when the record's own answers say storage consent was given beyond doubt and its
    summary keeps to the closed lists, with a case code of the sending station. A record left
    out is counted in the log (never its content). ``bundled`` may give, by record id, the
    (content hash, content) of the bundle's case records: a record held with that very
    content is not read back from the store. In the caller's transaction (the import's).
    Returns how many records are indexed."""
    ids = list(dict.fromkeys(record_ids))
    _forget(db, ids)
    held = _held_hashes(db, station_id, ids)
    station_code = _station_code(db, station_id)
    secrets_held = {
        int(v): bytes(s) for v, s in db.all("SELECT version, secret FROM seen_before_keys")
    }
    rows: list[tuple[object, ...]] = []
    left_out = 0
    for record_id in ids:
        given = (bundled or {}).get(record_id)
        document = _document(db, station_id, record_id, held.get(record_id), given)
        if not isinstance(document, dict) or RECORD_FIELD not in document:
            continue
        entry = _entry(document, station_code, library, secrets_held)
        if entry is None:
            left_out += 1
        else:
            rows.append((record_id, station_id, *entry))
    db.executemany(
        "INSERT INTO seen_before_cases (record_id, station_id, key_version, tokens,"
        " case_code, interviewed_on, outcome, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    if left_out:
        _log.warning("seen_before_not_indexed station=%s records=%d", station_id, left_out)
    return len(rows)
