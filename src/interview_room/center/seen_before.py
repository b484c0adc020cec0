"""The centre's side of "seen before" (issue 16): the key, the index, and the sealed section.

The centre keeps a 256-bit key per version (``seen_before_keys``; the newest is current) and,
for every case record whose person agreed to a record being kept and that carries tokens, its
tokens and summary (``seen_before_cases``: case code, station, day, outcome, recipients; never
a name or an answer). The importer calls :func:`index_records` for the records of each bundle,
in its transaction; the package carries :func:`sealed_section` (``center/publish.py``),
sealed to every station not revoked (``sync/centre_package_seen.py``).

Rotation (:func:`rotate_key`): a new version becomes current; the section carries every
version that still has entries, so stations match both until each has re-derived its cases'
tokens under the new key and sent them (the record then replaces its old-version row).
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from interview_room.seen_before.matcher import EarlierInterview
from interview_room.seen_before.tokens import PersonDetails, SeenBeforeKey, person_tokens
from interview_room.sync.centre_package_seen import (
    MAX_CASES,
    MAX_KEYS,
    MAX_SEALED_BYTES,
    MAX_TOKENS,
    TOKEN_BYTES,
    IndexedInterview,
    SeenBeforeSection,
    seal,
    section_bytes,
    station_recipient,
    summary_problem,
)

if TYPE_CHECKING:
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.screening import Protocol
    from interview_room.store.database import Database

_log = logging.getLogger(__name__)
KEY_BYTES = 32
REFUSABLE = "consent_interview"
"""The consent to the interview itself: a record where it is not "yes" is never indexed."""
_PERSON_KEYS = frozenset({"given_names", "surname", "birth_year", "birth_date"})
RECORD_FIELD = "seen_before"
"""The case record's field with its tokens (``sync/records.py``; only with storage consent)."""

MIGRATION = (
    """CREATE TABLE seen_before_keys (
        version     INTEGER PRIMARY KEY,
        secret      BLOB NOT NULL,
        created_at  TEXT NOT NULL
    )""",
    """CREATE TABLE seen_before_cases (
        record_id       TEXT NOT NULL,
        station_id      TEXT NOT NULL,
        key_version     INTEGER NOT NULL,
        tokens          TEXT NOT NULL,
        case_code       TEXT NOT NULL,
        interviewed_on  TEXT NOT NULL,
        outcome         TEXT NOT NULL,
        recipients      TEXT NOT NULL,
        PRIMARY KEY (record_id, key_version)
    )""",
    """CREATE TABLE seen_before_published (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        section_sha256  TEXT NOT NULL
    )""",
    # The index's version: a new random value on every change, whoever makes it, so the
    # section is rebuilt only when the index changed (``_section_now``).
    """CREATE TABLE seen_before_index_version (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        version  TEXT NOT NULL
    )""",
    "INSERT INTO seen_before_index_version (id, version) VALUES (1, lower(hex(randomblob(16))))",
    *(
        f"""CREATE TRIGGER seen_before_cases_{change} AFTER {change.upper()} ON seen_before_cases
        BEGIN
            UPDATE seen_before_index_version SET version = lower(hex(randomblob(16)))
            WHERE id = 1;
        END"""
        for change in ("insert", "update", "delete")
    ),
)
"""Centre store upgrade 8 (``center/schema.py``)."""


def current_key(db: Database) -> SeenBeforeKey:
    """The current key; the first (version 1) is made when there is none. Caller's transaction."""
    row = db.one("SELECT version, secret FROM seen_before_keys ORDER BY version DESC LIMIT 1")
    if row is None:
        return _new_key(db, 1)
    return SeenBeforeKey(int(row[0]), bytes(row[1]))


def _new_key(db: Database, version: int) -> SeenBeforeKey:
    key = SeenBeforeKey(version, secrets.token_bytes(KEY_BYTES))
    db.execute(
        "INSERT INTO seen_before_keys (version, secret, created_at) VALUES (?, ?, ?)",
        (version, key.secret, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    return key


def rotate_key(db: Database) -> SeenBeforeKey:
    """A new current key version (a station lost, someone holding the key left, yearly)."""
    with db.transaction():
        return _new_key(db, current_key(db).version + 1)


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
    db: Database, document: dict[str, Any], version: int, person: dict[str, Any]
) -> tuple[bytes, ...]:
    """The tokens the centre derives itself, in the station's order, under key ``version``,
    from the details the record carries and its own nationality answer: a record whose tokens
    are not exactly these is a forgery or a fault, never indexed (attacker 6, P1; attacker 8,
    B3). Empty when they cannot be derived, or when the details do not name the record's own
    person (``case.person_name``, reduced as tokens reduce names: attacker 8, B1)."""
    from interview_room.seen_before.errors import SeenBeforeError
    from interview_room.seen_before.held import NATIONALITY_QUESTION
    from interview_room.seen_before.names import name_agrees

    row = db.one("SELECT secret FROM seen_before_keys WHERE version = ?", (version,))
    given, surname = person.get("given_names"), person.get("surname")
    year, born = person.get("birth_year"), person.get("birth_date")
    nationality = [
        a[2]
        for a in document.get("answers") or []
        if isinstance(a, list) and len(a) == 3 and a[:2] == [NATIONALITY_QUESTION, "answered"]
    ]
    case = document.get("case")
    named = case.get("person_name") if isinstance(case, dict) else None
    if row is None or not isinstance(given, str) or not isinstance(surname, str):
        return ()
    if not isinstance(named, str) or not name_agrees(named, given, surname):
        return ()
    if type(year) is not int or len(nationality) != 1 or not isinstance(nationality[0], str):
        return ()
    try:
        birth = date.fromisoformat(born) if isinstance(born, str) else None
        details = PersonDetails(given, surname, nationality[0], year, birth)
        made = person_tokens(details, SeenBeforeKey(version, bytes(row[0])), _today())
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
    from interview_room.interview.personal_data import storage_question_id
    from interview_room.sync.record_consent import STORAGE_QUESTION, storage_agreed

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


def index_records(
    db: Database, station_id: str, record_ids: list[str], library: ProtocolLibrary
) -> int:
    """Refresh the index rows of ``record_ids`` from the records the centre now holds: tokens
    kept only when the record's own answers say storage consent was given beyond doubt and its
    summary keeps to the closed lists, with a case code of the sending station. A record left
    out is counted in the log (never its content). In the caller's transaction (the
    import's). Returns how many records are indexed."""
    from interview_room.interview.protocols import ProtocolUnavailable

    indexed = left_out = 0
    station_code = _station_code(db, station_id)
    for record_id in record_ids:
        db.execute("DELETE FROM seen_before_cases WHERE record_id = ?", (record_id,))
        row = db.one(
            "SELECT content FROM records WHERE kind = 'case' AND record_id = ? AND station_id = ?",
            (record_id, station_id),
        )
        try:
            document = json.loads(bytes(row[0])) if row else None
        except ValueError:
            document = None
        if not isinstance(document, dict) or RECORD_FIELD not in document:
            continue
        named = (document.get("interview") or {}).get("protocol")
        try:
            protocol = library.find(*named) if isinstance(named, list) else None
        except (ProtocolUnavailable, TypeError):
            protocol = None
        tokens = _tokens(document[RECORD_FIELD])
        summary = _summary(document, station_code)
        if not _consented(document, protocol) or tokens is None or summary is None:
            left_out += 1
            continue
        derived = _derived(db, document, tokens[0], tokens[2])
        if not derived or tokens[1] != derived:  # the list exactly: no repeats (attacker 8, B3)
            left_out += 1
            continue
        code, day, outcome, recipients = summary
        db.execute(
            "INSERT INTO seen_before_cases (record_id, station_id, key_version, tokens,"
            " case_code, interviewed_on, outcome, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                station_id,
                tokens[0],
                json.dumps([t.hex() for t in derived]),  # what the centre derived itself
                code,
                day,
                outcome,
                json.dumps(recipients),
            ),
        )
        indexed += 1
    if left_out:
        _log.warning("seen_before_not_indexed station=%s records=%d", station_id, left_out)
    return indexed


@dataclass(frozen=True)
class SealedSection:
    sealed: bytes
    digest: str
    """SHA-256 of the section's plaintext and its recipients: what tells a change."""
    interviews: int
    left_out: LeftOut


@dataclass(frozen=True)
class LeftOut:
    """Key versions with rows that the section does not carry (a station reads at most
    ``MAX_KEYS``: attacker 8, B2), and how many index rows are under them."""

    versions: tuple[int, ...] = ()
    entries: int = 0


SECTION_BUDGET = MAX_SEALED_BYTES * 3 // 4
"""Plaintext bytes the section may take: sealing adds a little per 64 KiB chunk and per
station, so the sealed section stays under ``MAX_SEALED_BYTES`` (attacker 6, D1)."""


def sent_versions(db: Database, current: int) -> tuple[tuple[int, ...], LeftOut]:
    """The key versions the section carries: the current one and the newest others with rows,
    at most ``MAX_KEYS`` in all (what a station reads: more, and it refuses the whole section
    and keeps an old key for ever; attacker 8, B2), and what is left out. Rows under an older
    version stay at the centre: their station replaces them when it sends the case again."""
    rows = dict(
        db.all(
            "SELECT key_version, count(*) FROM seen_before_cases"
            " GROUP BY key_version ORDER BY key_version DESC"
        )
    )
    others = [int(v) for v in rows if int(v) != current]
    dropped = tuple(sorted(others[MAX_KEYS - 1 :]))
    kept = tuple(sorted({current, *others[: MAX_KEYS - 1]}))
    return kept, LeftOut(dropped, sum(int(rows[v]) for v in dropped))


def _fair_rows(db: Database, versions: tuple[int, ...]) -> list[tuple[Any, ...]]:
    """The newest rows of each station in turn (round-robin), at most ``MAX_CASES``, under
    ``versions`` only: one station cannot push the others out (attacker 6, N1)."""
    marks = ", ".join("?" for _ in versions)
    return db.all(
        "SELECT key_version, tokens, case_code, station_id, interviewed_on, outcome, recipients"
        " FROM (SELECT *, row_number() OVER (PARTITION BY station_id"
        " ORDER BY interviewed_on DESC, case_code, key_version) AS turn FROM seen_before_cases"
        f" WHERE key_version IN ({marks})) ORDER BY turn, station_id LIMIT ?",
        (*versions, MAX_CASES),
    )


def _entry_bytes(interview: IndexedInterview) -> int:
    """About what one entry takes in the section's JSON (a bound, not the exact count)."""
    earlier = interview.earlier
    texts = (earlier.case_code, earlier.station, interview.station_code, *earlier.recipients)
    return 200 + 48 * len(interview.tokens) + sum(len(t.encode()) + 6 for t in texts)


def _section(db: Database) -> SeenBeforeSection:
    current = current_key(db)
    versions, _ = sent_versions(db, current.version)
    stations = {str(r[0]): (str(r[1]), str(r[2])) for r in db.all(
        "SELECT station_id, name, code FROM stations"
    )}  # fmt: skip
    interviews: list[IndexedInterview] = []
    budget = SECTION_BUDGET
    for version, tokens, code, station, day, outcome, recipients in _fair_rows(db, versions):
        name, station_code = stations.get(str(station), (str(station), ""))
        interview = IndexedInterview(
            int(version),
            tuple(bytes.fromhex(t) for t in json.loads(str(tokens))),
            EarlierInterview(
                str(code),
                name,
                date.fromisoformat(str(day)),
                str(outcome),
                tuple(json.loads(str(recipients))),
            ),
            station_code,
        )
        budget -= _entry_bytes(interview)
        if budget < 0:
            _log.warning("seen_before_section_trimmed interviews=%d", len(interviews))
            break
        interviews.append(interview)
    used = {i.key_version for i in interviews} | {current.version}
    keys = tuple(
        SeenBeforeKey(int(v), bytes(s))
        for v, s in db.all("SELECT version, secret FROM seen_before_keys ORDER BY version")
        if int(v) in used
    )
    return SeenBeforeSection(keys, tuple(interviews))


@dataclass(frozen=True)
class _Built:
    """The section as last built for one centre store, and what it was built from."""

    built_from: tuple[object, ...]
    plain: bytes
    digest: str
    interviews: int
    left_out: LeftOut
    sealed: bytes | None = None


_built: dict[str, _Built] = {}
_building = threading.Lock()


def _recipients(db: Database) -> list[str]:
    return sorted(
        station_recipient(bytes(r[0]))
        for r in db.all("SELECT public_key FROM stations WHERE revoked_at IS NULL")
    )


def _built_from(db: Database, recipients: list[str]) -> tuple[object, ...]:
    """What the section depends on, read cheaply: the index's version (a random value the
    triggers renew on every change of ``seen_before_cases``), the keys, the stations' names
    and the recipients."""
    index = db.one("SELECT version FROM seen_before_index_version WHERE id = 1")
    keys = db.one("SELECT count(*), max(version) FROM seen_before_keys")
    names = db.all("SELECT station_id, name FROM stations ORDER BY station_id")
    return (
        index[0] if index else None,
        tuple(keys) if keys else (),
        tuple((str(i), str(n)) for i, n in names),
        tuple(recipients),
    )


def _section_now(db: Database, seal_it: bool) -> _Built | None:
    """The section for the stations not revoked, rebuilt only when the index, the keys or the
    recipients changed since it was last built in this process (each request of the receiver
    asks; at 30,000 cases a rebuild takes seconds: ``benchmarks/centre_package_seen.py``)."""
    recipients = _recipients(db)
    if not recipients:
        return None
    current_key(db)  # the first key, before what the section depends on is read
    built_from = _built_from(db, recipients)
    where = str(db.path)
    with _building:
        built = _built.get(where)
        try:
            if built is None or built.built_from != built_from:
                section = _section(db)
                left_out = sent_versions(db, current_key(db).version)[1]
                if left_out.versions:
                    _log.warning(
                        "seen_before_section_trimmed versions_left_out=%s entries=%d",
                        ",".join(map(str, left_out.versions)),
                        left_out.entries,
                    )
                plain = section_bytes(section)
                digest = hashlib.sha256(plain + "\n".join(recipients).encode()).hexdigest()
                built = _Built(built_from, plain, digest, len(section.interviews), left_out)
            if seal_it and built.sealed is None:
                built = replace(built, sealed=seal(built.plain, recipients))
        except Exception:  # the section never stops a package (attacker 6, D1)
            _log.exception("seen_before_not_published")
            return None
        if seal_it and len(built.sealed or b"") > MAX_SEALED_BYTES:
            _log.error("seen_before_not_published sealed_bytes=%d", len(built.sealed or b""))
            return None
        _built[where] = built
    return built


def sealed_section(db: Database) -> SealedSection | None:
    """The section for the next package, sealed to every station not revoked; None when no
    station is enrolled. Makes the first key if there is none (caller's transaction)."""
    built = _section_now(db, seal_it=True)
    if built is None or built.sealed is None:
        return None
    return SealedSection(built.sealed, built.digest, built.interviews, built.left_out)


def published_digest(db: Database) -> str | None:
    row = db.one("SELECT section_sha256 FROM seen_before_published WHERE id = 1")
    return None if row is None else str(row[0])


def section_digest(db: Database) -> str | None:
    """The digest :func:`sealed_section` would give now, without sealing."""
    built = _section_now(db, seal_it=False)
    return None if built is None else built.digest


def record_published(db: Database, digest: str) -> None:
    db.execute(
        "INSERT INTO seen_before_published (id, section_sha256) VALUES (1, ?)"
        " ON CONFLICT (id) DO UPDATE SET section_sha256 = excluded.section_sha256",
        (digest,),
    )
