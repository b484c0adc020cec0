"""What the station holds for "seen before", all inside its encrypted store (migration 13).

- the centre's keys and index, replaced by each package that carries them
  (:func:`store_section`, called by ``sync/centre_package_station.apply_package`` in its
  transaction);
- the person's given names, surname and birth for a case whose person agreed to a record being
  kept (:func:`record_details`), only when the name is the case's person's (or the officer
  corrects the case's name), every change audited; nationality is the case's own answer;
- the tokens a kept case's sync record carries (:func:`record_tokens`), derived when the record
  is built, under the current key: a new key version marks every such case changed, so the
  next bundle carries its tokens under the new key (rotation, docs/THREAT_MODEL.md);
- the check itself (:func:`check_case`): the case's lookup tokens under each key version the
  index holds, matched in the store; an audit entry with the case code and the count only.

- a lookup that stores nothing (:func:`check_details`): typed details, a name asked about.

No Qt here; the screen (``gui/interview/seen_before_panel.py``) and ``interview-room case
seen-before`` call :func:`check_case` and :func:`check_details`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from interview_room.seen_before.errors import SeenBeforeError
from interview_room.seen_before.matcher import (
    EarlierInterview,
    MatchStrength,
    SeenBeforeIndex,
    SeenBeforeMatch,
    case_station,
)
from interview_room.seen_before.names import name_agrees
from interview_room.seen_before.tokens import (
    PersonDetails,
    SeenBeforeKey,
    lookup_tokens,
    person_tokens,
)
from interview_room.store.audit import AuditEvent

if TYPE_CHECKING:
    from interview_room.store.database import Database
    from interview_room.sync.centre_package_seen import SeenBeforeSection
    from interview_room.workstation import Session

NATIONALITY_QUESTION = "prep_nationality"


class SeenBeforeNeedsConsent(SeenBeforeError):
    """The person has not agreed to a record being kept: their details are not written and the
    case is not checked (its tokens would be a record of them)."""


class SeenBeforeNotAvailable(SeenBeforeError):
    """The station holds no seen-before key yet (no package with one applied), or the case's
    name, birth or nationality are not recorded."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SectionStored:
    rotated: bool
    """A key version newer than any held, or a held version with another secret, arrived:
    every case with details is marked changed (its next record carries new tokens)."""
    replaced: bool
    """A held key version arrived with another secret (a centre restored or re-created): the
    centre's secret replaced the one held (attacker 6, R1)."""


def _keep_keys(db: Database, section: SeenBeforeSection) -> bool:
    """Hold exactly the section's key versions: a version the centre no longer sends is
    deleted (rotation completed), one re-sent with another secret is replaced. Returns
    whether a secret was replaced."""
    held = {int(v): bytes(s) for v, s in db.all("SELECT version, secret FROM seen_before_keys")}
    sent = {key.version: key.secret for key in section.keys}
    for version in set(held) - set(sent):
        db.execute("DELETE FROM seen_before_keys WHERE version = ?", (version,))
    replaced = False
    for version, secret in sent.items():
        if held.get(version, secret) != secret:
            replaced = True
            db.execute("DELETE FROM seen_before_keys WHERE version = ?", (version,))
        if version not in held or held[version] != secret:
            db.execute(
                "INSERT INTO seen_before_keys (version, secret, received_at) VALUES (?, ?, ?)",
                (version, secret, _now()),
            )
    return replaced


def store_section(db: Database, section: SeenBeforeSection) -> SectionStored:
    """Hold the section's keys (only those) and replace the index with its own (caller's
    transaction). A key version newer than any held, or a secret replaced, marks every case
    with details changed, so its next record carries tokens under the current key."""
    held = db.one("SELECT max(version) FROM seen_before_keys")
    newest_held = int(held[0]) if held and held[0] is not None else 0
    replaced = _keep_keys(db, section)
    db.execute("DELETE FROM seen_before_index")
    db.executemany(
        "INSERT INTO seen_before_index (key_version, token, case_code, station, interviewed_on,"
        " outcome, recipients) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i.key_version,
                token,
                i.earlier.case_code,
                i.earlier.station,
                i.earlier.interviewed_on.isoformat(),
                i.earlier.outcome,
                json.dumps(list(i.earlier.recipients)),
            )
            for i in section.interviews
            for token in i.tokens
        ],
    )
    rotated = (section.current_key.version > newest_held and newest_held > 0) or replaced
    if rotated:
        db.execute(
            "UPDATE sync_records SET changed = 1 WHERE purged_at IS NULL"
            " AND case_id IN (SELECT case_id FROM seen_before_details)"
        )
    return SectionStored(rotated, replaced)


def held_keys(db: Database) -> tuple[SeenBeforeKey, ...]:
    return tuple(
        SeenBeforeKey(int(v), bytes(s))
        for v, s in db.all("SELECT version, secret FROM seen_before_keys ORDER BY version")
    )


def _kept(db: Database, case_id: str) -> bool:
    row = db.one("SELECT personal_data FROM interviews WHERE case_id = ?", (case_id,))
    return row is not None and str(row[0]) == "kept"


class SeenBeforeNameDiffers(SeenBeforeError):
    """The details name someone other than the case's person (the case's name, reduced as the
    tokens reduce names): recorded, they would make this case that person's at every border
    point (attacker 8, B1). Check them without recording, or correct the case's name."""


def _stored_details(db: Database, case_id: str) -> tuple[object, ...] | None:
    return db.one(
        "SELECT given_names, surname, birth_year, birth_date FROM seen_before_details"
        " WHERE case_id = ?",
        (case_id,),
    )


def record_details(
    session: Session,
    case_id: str,
    given_names: str,
    surname: str,
    birth_year: int,
    birth_date: date | None = None,
    *,
    correct_case_name: bool = False,
) -> None:
    """Write the person's details for the check (caller's transaction), only for a case kept
    with their consent (else :class:`SeenBeforeNeedsConsent`) and only when the name is the
    case's person's (else :class:`SeenBeforeNameDiffers`), unless ``correct_case_name``: the
    officer confirmed this is the case's person, and the case's name becomes this one. Any
    change to details already held, and a corrected name, is audited
    (``seen_before_details_changed``: what changed, never a name)."""
    db = session.db
    if not _kept(db, case_id):
        raise SeenBeforeNeedsConsent("The person has not agreed to a record being kept.")
    given, family = given_names.strip(), surname.strip()
    row = db.one("SELECT code, person_name FROM cases WHERE id = ?", (case_id,))
    code, name = (str(row[0]), str(row[1])) if row else ("", "")
    renamed = correct_case_name and not name_agrees(name, given, family)
    if renamed:
        db.execute("UPDATE cases SET person_name = ? WHERE id = ?", (f"{given} {family}", case_id))
    elif not name_agrees(name, given, family):
        raise SeenBeforeNameDiffers(
            "The given names and surname are not the case's person's name: not recorded"
            " (check them without recording, or correct the case's name)."
        )
    before = _stored_details(db, case_id)
    born = birth_date.isoformat() if birth_date else None
    db.execute(
        "INSERT INTO seen_before_details (case_id, given_names, surname, birth_year, birth_date)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET"
        " given_names = excluded.given_names, surname = excluded.surname,"
        " birth_year = excluded.birth_year, birth_date = excluded.birth_date",
        (case_id, given, family, birth_year, born),
    )
    name_changed = before is not None and tuple(before[:2]) != (given, family)
    birth_changed = before is not None and tuple(before[2:]) != (birth_year, born)
    if name_changed or birth_changed or renamed:
        session.audit.append(
            AuditEvent.SEEN_BEFORE_DETAILS_CHANGED,
            session.user.username,
            code,
            {"name": name_changed, "birth": birth_changed, "case_name_corrected": renamed},
        )


def case_details(
    db: Database, case_id: str, nationality: str | None = None
) -> PersonDetails | None:
    """The details recorded for a kept case with its nationality answered (or ``nationality``
    given for this check alone, never stored); None otherwise."""
    if not _kept(db, case_id):
        return None
    row = db.one(
        "SELECT d.given_names, d.surname, d.birth_year, d.birth_date, a.value"
        " FROM seen_before_details d LEFT JOIN answers a ON a.case_id = d.case_id"
        " AND a.question_id = ? AND a.status = 'answered' WHERE d.case_id = ?",
        (NATIONALITY_QUESTION, case_id),
    )
    if row is None or (nationality is None and row[4] is None):
        return None
    if nationality is None:
        answered = json.loads(str(row[4]))
        nationality = answered if isinstance(answered, str) else ""
    return PersonDetails(
        str(row[0]),
        str(row[1]),
        nationality,
        int(row[2]),
        date.fromisoformat(str(row[3])) if row[3] else None,
    )


def record_tokens(db: Database, case_id: str, today: date) -> dict[str, object] | None:
    """What a kept case's sync record carries (``seen_before``): its tokens under the current
    key, hex, and the details they were derived from (the centre derives them again and
    indexes only tokens that agree: attacker 6, P1); None without details, a key, or when the
    details do not make tokens. Only a kept record carries it (storage consent)."""
    keys = held_keys(db)
    details = case_details(db, case_id)
    if not keys or details is None:
        return None
    try:
        tokens = person_tokens(details, keys[-1], today)
    except SeenBeforeError:
        return None
    person = {
        "given_names": details.given_names,
        "surname": details.surname,
        "birth_year": details.birth_year,
        "birth_date": details.birth_date.isoformat() if details.birth_date else None,
    }
    return {
        "key_version": keys[-1].version,
        "tokens": [t.value.hex() for t in tokens],
        "person": person,
    }


@dataclass(frozen=True)
class ShownMatch:
    """One earlier interview as the interviewers see it: the summary, the strength, and
    whether it was at this very station."""

    earlier: EarlierInterview
    strength: MatchStrength
    here: bool


@dataclass(frozen=True)
class SeenBeforeCheck:
    matches: tuple[ShownMatch, ...]
    index_size: int
    """Earlier interviews the station's index holds (0: the centre has sent none yet)."""


def _index_for(db: Database, key: SeenBeforeKey, tokens: list[bytes]) -> SeenBeforeIndex:
    marks = ", ".join("?" for _ in tokens)
    rows = db.all(
        "SELECT token, case_code, station, interviewed_on, outcome, recipients"
        f" FROM seen_before_index WHERE key_version = ? AND token IN ({marks})",
        (key.version, *tokens),
    )
    return SeenBeforeIndex.from_entries(
        key.version,
        (
            (
                bytes(token),
                EarlierInterview(
                    str(code),
                    str(station),
                    date.fromisoformat(str(day)),
                    str(outcome),
                    tuple(json.loads(str(recipients))),
                ),
            )
            for token, code, station, day, outcome, recipients in rows
        ),
    )


def find_matches(db: Database, details: PersonDetails, today: date) -> tuple[SeenBeforeMatch, ...]:
    """Every earlier interview the person's lookup tokens meet, under each key held."""
    found: list[SeenBeforeMatch] = []
    for key in held_keys(db):
        tokens = lookup_tokens(details, key, today)
        index = _index_for(db, key, [t.value for t in tokens])
        found.extend(index.matches(tokens))
    best: dict[EarlierInterview, SeenBeforeMatch] = {}
    for match in found:  # the same interview under two key versions counts once, surest
        if match.earlier not in best or match.strength > best[match.earlier].strength:
            best[match.earlier] = match
    return tuple(
        sorted(
            best.values(),
            key=lambda m: (-m.strength, -m.earlier.interviewed_on.toordinal(), m.earlier.case_code),
        )
    )


def _check(
    session: Session, case_id: str, details: PersonDetails, today: date | None, recorded: bool
) -> SeenBeforeCheck:
    db = session.db
    if not held_keys(db):
        raise SeenBeforeNotAvailable("No key yet, or the name, birth or nationality missing.")
    row = db.one("SELECT code FROM cases WHERE id = ?", (case_id,))
    code = str(row[0]) if row else ""
    matches = tuple(
        ShownMatch(m.earlier, m.strength, case_station(m.earlier.case_code) == session.station.code)
        for m in find_matches(db, details, today or datetime.now(UTC).date())
        if m.earlier.case_code != code
    )
    size = db.one("SELECT count(DISTINCT case_code) FROM seen_before_index")
    with db.transaction():
        session.audit.append(
            AuditEvent.SEEN_BEFORE_CHECKED,
            session.user.username,
            code,
            {"matches": len(matches)} if recorded else {"matches": len(matches), "recorded": False},
        )
    return SeenBeforeCheck(matches, int(size[0]) if size else 0)


def check_case(
    session: Session, case_id: str, today: date | None = None, nationality: str | None = None
) -> SeenBeforeCheck:
    """The check for one case: its recorded details against the index held. The case itself
    is left out; another case of this station is marked ``here``. ``nationality`` (an option
    id) stands for a nationality not answered yet, for this check only. Every check is written
    to the audit log with the case code and the number of matches (no name). Raises
    :class:`SeenBeforeNeedsConsent` or :class:`SeenBeforeNotAvailable`."""
    if not _kept(session.db, case_id):
        raise SeenBeforeNeedsConsent("The person has not agreed to a record being kept.")
    details = case_details(session.db, case_id, nationality)
    if details is None:
        raise SeenBeforeNotAvailable("No key yet, or the name, birth or nationality missing.")
    return _check(session, case_id, details, today, recorded=True)


def check_details(
    session: Session,
    case_id: str,
    typed: tuple[str, str, int, date | None],
    today: date | None = None,
    nationality: str | None = None,
) -> SeenBeforeCheck:
    """A lookup only: ``typed`` (given names, surname, year and date of birth) checked with
    the case's nationality (or ``nationality``, for this check), nothing stored, the case's
    details untouched (attacker 8, B1: a name asked about, a companion's, never becomes the
    case's). Audited as a check with ``recorded: false``, never the name. Only from a case kept
    with consent, like every check."""
    if not _kept(session.db, case_id):
        raise SeenBeforeNeedsConsent("The person has not agreed to a record being kept.")
    answered = session.db.one(
        "SELECT value FROM answers WHERE case_id = ? AND question_id = ? AND status = 'answered'",
        (case_id, NATIONALITY_QUESTION),
    )
    if nationality is None and answered is not None:
        value = json.loads(str(answered[0]))
        nationality = value if isinstance(value, str) else None
    if nationality is None:
        raise SeenBeforeNotAvailable("No key yet, or the name, birth or nationality missing.")
    given, surname, year, born = typed
    details = PersonDetails(given.strip(), surname.strip(), nationality, year, born)
    return _check(session, case_id, details, today, recorded=False)
