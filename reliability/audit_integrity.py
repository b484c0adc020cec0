"""Audit integrity: every kind of edit or deletion of audit rows is detected and the row named.

A real station builds a log of a few hundred entries by real actions (set-up, users added,
synthetic interviews on every path, cases opened, settings changed, locks and sign-ins); the
keyring then holds the anchor (the last known head). Each trial tampers with the log directly
in the encrypted store, as someone holding the database key would, at a random position, and
asks ``AuditLog.verify`` with the keyring's anchor which entry is the first broken one; the
tampering is then rolled back. A sample of the kinds also goes through the real command line
(``interview-room audit verify``) on a tampered copy of the station.

Kinds: each column of a row changed (alone; then with the row's own hash recomputed, as a
careful forger would); the first, a middle or the last row deleted; a run of rows deleted; the
tail cut off; a forged row inserted; two rows swapped; ids renumbered; a row duplicated; the
chain rewritten from a row to the head. Beyond what the chain and anchor can show (reported as
information, not as failures): the tail cut off *and* the anchor rewound, the chain rewritten
together with the anchor, a well-formed entry appended at the head, and entries written since
the anchor last moved (a session not yet ended) removed. ARCHITECTURE.md and THREAT_MODEL.md
name the limit: whoever holds the database key can rewrite the chain and the anchor.
"""

from __future__ import annotations

import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.stations import ADMIN, new_training_station

AREA = "audit integrity"
SEED = 20260308
OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
NAMES = ("Arta Shembulli", "Besnik Provaj", "Drita Ushtrimi", "Erion Testaj", "Hana Modeli")
COLUMNS = ("at", "actor", "event", "subject", "detail", "prev_hash", "hash")
ROW = "seq, at, actor, event, subject, detail, prev_hash, hash"


@dataclass
class Log:
    """The station, its store opened with the database key, and the anchor in its keyring."""

    data_dir: Path
    db: Any
    anchor: Any
    rows: int
    key: bytes

    def entries(self) -> list[tuple[Any, ...]]:
        return list(self.db.all(f"SELECT {ROW} FROM audit_log ORDER BY seq"))

    def row(self, seq: int) -> tuple[Any, ...]:
        found = self.db.one(f"SELECT {ROW} FROM audit_log WHERE seq = ?", (seq,))
        assert found is not None, seq
        return tuple(found)


def _build(folder: Path, target_rows: int) -> Log:
    """A log of at least ``target_rows`` entries made by real actions."""
    from interview_room.accounts import Role
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.store.database import Database
    from interview_room.training.scenarios import PATHS, run_scenario
    from interview_room.workstation import Workstation

    data_dir = folder / "station"
    workstation = Workstation(data_dir)
    created = new_training_station(workstation)
    session = created.session
    session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    session.lock()
    session = workstation.unlock(OFFICER[0], OFFICER[1])
    protocol = ProtocolLibrary().current()
    for index, (path, name) in enumerate(zip(PATHS, NAMES * 2, strict=False)):
        run_scenario(session, protocol, path, name, index, None)
    session.lock()
    session = workstation.unlock(ADMIN[0], ADMIN[1])
    cases = session.cases.search()
    round_ = 0
    while len(session.audit.entries()) < target_rows:
        round_ += 1
        for case in cases:
            session.open_case(case.id)
        session.set_idle_lock_minutes(5 + round_ % 10)
        session.set_retention_days(30 + round_ % 7)
    session.logout()
    keyring = workstation.keyring_file.read()
    key = keyring.open_recovery(created.recovery_key)
    db = Database.open(workstation.database_path, key)
    rows = len(db.all("SELECT seq FROM audit_log"))
    assert keyring.audit_anchor is not None and keyring.audit_anchor.seq == rows
    return Log(data_dir, db, keyring.audit_anchor, rows, key)


# --- tamperings: each changes the open transaction and returns the row verify must name ------

Tamper = Callable[[Log, random.Random], int]


def _changed(column: str, value: Any, rng: random.Random) -> Any:
    """A different, plausible value for ``column``."""
    from interview_room.store.audit import AuditEvent

    if column == "at":
        moment = datetime.fromisoformat(str(value)) + timedelta(milliseconds=rng.randint(1, 9999))
        return moment.isoformat(timespec="milliseconds")
    if column == "actor":
        return rng.choice([a for a in ("admin.mor", "oficer.mor", "nobody", None) if a != value])
    if column == "event":
        return rng.choice([e.value for e in AuditEvent if e.value != value])
    if column == "subject":
        return rng.choice(
            [s for s in (f"MOR-2026-{rng.randint(1, 9999):04d}", "oficer.mor", None) if s != value]
        )
    if column == "detail":
        return rng.choice(
            [
                d
                for d in ('{"n":1}', "{}", '{"idle_lock_minutes":60}', str(value) + " ")
                if d != value
            ]
        )
    new = secrets.token_hex(32)  # prev_hash, hash
    return new if new != value else "f" * 64


def _set(log: Log, seq: int, column: str, value: Any) -> None:
    log.db.execute(f"UPDATE audit_log SET {column} = ? WHERE seq = ?", (value, seq))


def _rehash(log: Log, seq: int) -> str:
    from interview_room.store.audit import entry_hash

    row = log.row(seq)
    digest = entry_hash(*row[:7])
    _set(log, seq, "hash", digest)
    return digest


def _field_edit(column: str, rehash: bool) -> Tamper:
    def tamper(log: Log, rng: random.Random) -> int:
        seq = rng.randint(1, log.rows)
        index = ROW.split(", ").index(column)
        _set(log, seq, column, _changed(column, log.row(seq)[index], rng))
        if rehash and column != "hash":
            _rehash(log, seq)
        return seq

    return tamper


def _delete_first(log: Log, rng: random.Random) -> int:
    log.db.execute("DELETE FROM audit_log WHERE seq = 1")
    return 1


def _delete_middle(log: Log, rng: random.Random) -> int:
    seq = rng.randint(2, log.rows - 1)
    log.db.execute("DELETE FROM audit_log WHERE seq = ?", (seq,))
    return seq


def _delete_last(log: Log, rng: random.Random) -> int:
    log.db.execute("DELETE FROM audit_log WHERE seq = ?", (log.rows,))
    return log.rows


def _delete_run(log: Log, rng: random.Random) -> int:
    start = rng.randint(1, log.rows - 2)
    end = rng.randint(start + 1, min(log.rows - 1, start + 50))
    log.db.execute("DELETE FROM audit_log WHERE seq BETWEEN ? AND ?", (start, end))
    return start


def _truncate_tail(log: Log, rng: random.Random) -> int:
    start = rng.randint(1, log.rows)
    log.db.execute("DELETE FROM audit_log WHERE seq >= ?", (start,))
    return start


def _shift_from(log: Log, seq: int) -> None:
    """Move rows ``seq``… one place up (in two steps: the primary key stays unique)."""
    log.db.execute("UPDATE audit_log SET seq = -(seq + 1) WHERE seq >= ?", (seq,))
    log.db.execute("UPDATE audit_log SET seq = -seq WHERE seq < 0")


def _insert_forged(log: Log, rng: random.Random) -> int:
    """A self-consistent forged entry slipped in at ``seq``: it follows its predecessor and
    its own hash is right, so the break shows at the genuine row it displaced."""
    from interview_room.store.audit import GENESIS_HASH, entry_hash

    seq = rng.randint(1, log.rows)
    prev = log.row(seq - 1)[7] if seq > 1 else GENESIS_HASH
    at = log.row(seq)[1]
    _shift_from(log, seq)
    fields = (seq, at, "admin.mor", "case_opened", "MOR-2026-0001", "{}", prev)
    log.db.execute(
        f"INSERT INTO audit_log ({ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*fields, entry_hash(*fields)),
    )
    # At the anchored head the anchor itself names the forged row.
    return seq if seq == log.anchor.seq else seq + 1


def _swap_rows(log: Log, rng: random.Random) -> int:
    first, second = sorted(rng.sample(range(1, log.rows + 1), 2))
    a, b = log.row(first), log.row(second)
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS)
    for seq, other in ((first, b), (second, a)):
        log.db.execute(f"UPDATE audit_log SET {assignments} WHERE seq = ?", (*other[1:], seq))
    return first


def _reorder_ids(log: Log, rng: random.Random) -> int:
    first, second = sorted(rng.sample(range(1, log.rows + 1), 2))
    if rng.random() < 0.5:  # two ids exchanged
        log.db.execute("UPDATE audit_log SET seq = -1 WHERE seq = ?", (first,))
        log.db.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (first, second))
        log.db.execute("UPDATE audit_log SET seq = ? WHERE seq = -1", (second,))
        return first
    # one row renumbered past the head (moved to the end)
    log.db.execute("UPDATE audit_log SET seq = ? WHERE seq = ?", (log.rows + 1, first))
    return first


def _duplicate(log: Log, rng: random.Random) -> int:
    seq = rng.randint(1, log.rows)
    copy = log.row(seq)
    if rng.random() < 0.5:  # the copy right after the original
        _shift_from(log, seq + 1)
        target = seq + 1
    else:  # the copy at the head
        target = log.rows + 1
    log.db.execute(
        f"INSERT INTO audit_log ({ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (target, *copy[1:])
    )
    return target


def _rewrite_chain(log: Log, rng: random.Random) -> int:
    """A row changed and every later hash recomputed: only the anchor can tell."""
    seq = rng.randint(1, log.rows)
    _set(log, seq, "detail", _changed("detail", log.row(seq)[5], rng))
    digest = _rehash(log, seq)
    for later in range(seq + 1, log.rows + 1):
        _set(log, later, "prev_hash", digest)
        digest = _rehash(log, later)
    return int(log.anchor.seq)


def _delete_all(log: Log, rng: random.Random) -> int:
    log.db.execute("DELETE FROM audit_log")
    return 1


# --- running trials -------------------------------------------------------------------------


@dataclass
class Result:
    trials: int = 0
    detected: int = 0
    named: int = 0
    misnamed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def _trials(log: Log, tamper: Tamper, count: int, rng: random.Random, anchor: Any = None) -> Result:
    from interview_room.store.audit import AuditLog

    result = Result()
    audit = AuditLog(log.db)
    for _ in range(count):
        log.db.execute("BEGIN")
        try:
            expected = tamper(log, rng)
            verdict = audit.verify(log.anchor if anchor is None else anchor(log))
        finally:
            log.db.execute("ROLLBACK")
        result.trials += 1
        if verdict.intact:
            result.missed.append(f"row {expected}")
            continue
        result.detected += 1
        if _names(verdict.first_broken_seq, verdict.problem or "", expected):
            result.named += 1
        else:
            result.misnamed.append(f"expected {expected}, got {verdict.first_broken_seq}")
    return result


def _names(first_broken: int | None, problem: str, expected: int) -> bool:
    """Whether the verdict names ``expected``: as the first broken entry, or (for an entry
    rewritten with its own hash recomputed) as "entry N does not follow entry N-1", where
    the verifier names the earlier of the two because it cannot tell which one was forged."""
    if first_broken == expected:
        return re.search(rf"\b{expected}\b", problem) is not None
    return first_broken == expected - 1 and f"entry {expected} does not follow" in problem


def _cli_verify(log: Log, tamper: Tamper, folder: Path, rng: random.Random) -> tuple[bool, str]:
    """Tamper with a copy of the station for good and ask the real command line."""
    from interview_room.store.database import Database

    copy = folder / f"cli-{secrets.token_hex(4)}"
    shutil.copytree(log.data_dir, copy)
    db = Database.open(copy / "station.db", log.key)
    try:
        tampered = Log(copy, db, log.anchor, log.rows, log.key)
        db.execute("BEGIN")
        expected = tamper(tampered, rng)
        db.execute("COMMIT")
    finally:
        db.close()
    if tamper is _truncate_tail:
        # The command line signs in first: its own entry takes the first removed number, so
        # the removal is reported from the next one.
        expected += 1
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_room",
            "audit",
            "verify",
            "--data-dir",
            str(copy),
            "--username",
            ADMIN[0],
            "--password-stdin",
        ],
        input=ADMIN[1] + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    shutil.rmtree(copy, ignore_errors=True)
    said = (done.stderr.strip().splitlines() or [""])[-1]
    return done.returncode == 1 and f"at entry {expected}:" in said, said


def run(scale: Scale) -> list[Figure]:
    from interview_room.files import restrict_umask
    from interview_room.store.keyring import AuditAnchor

    restrict_umask()
    rng = random.Random(SEED)
    figures: list[Figure] = []
    count = scale.pick(50, 300)
    with tempfile.TemporaryDirectory(prefix="ir-audit-integrity-") as tmp:
        folder = Path(tmp)
        with Stopwatch() as watch:
            log = _build(folder, scale.pick(300, 600))
            events = {str(r[3]) for r in log.entries()}
        figures.append(
            Figure(
                AREA,
                "set-up: a log made by real actions verifies intact against its anchor",
                log.rows,
                f"{log.rows} entries of {len(events)} kinds, anchored at entry {log.anchor.seq}",
                _trials(log, lambda _log, _rng: 0, 1, rng).detected == 0,
                watch.seconds,
            )
        )

        kinds: list[tuple[str, str, Tamper, int]] = [
            (
                "single-field edits",
                "each column of a row changed alone",
                _single_field(),
                scale.pick(56, 350),
            ),
            (
                "single-field edits with the row's hash recomputed",
                "each column changed and the row's own hash recomputed",
                _single_field(rehash=True),
                scale.pick(54, 300),
            ),
            ("first-row deletions", "the first row deleted", _delete_first, scale.pick(3, 10)),
            ("middle-row deletions", "a middle row deleted", _delete_middle, count),
            ("last-row deletions", "the last row deleted", _delete_last, scale.pick(3, 10)),
            ("run deletions", "a run of 2-51 rows deleted", _delete_run, count),
            ("tail truncations", "the tail cut off at a random row", _truncate_tail, count),
            ("whole-log deletions", "every row deleted", _delete_all, scale.pick(3, 10)),
            ("forged insertions", "a self-consistent forged row inserted", _insert_forged, count),
            ("row swaps", "two rows' contents swapped", _swap_rows, count),
            (
                "id reorders",
                "ids exchanged, or a row renumbered past the head",
                _reorder_ids,
                count,
            ),
            ("duplications", "a row duplicated (next to it or at the head)", _duplicate, count),
            (
                "chain rewrites",
                "a row changed and every later hash recomputed (anchor kept)",
                _rewrite_chain,
                scale.pick(10, 100),
            ),
        ]
        for what, check, tamper, trials in kinds:
            with Stopwatch() as watch:
                result = _trials(log, tamper, trials, rng)
            note = ""
            if tamper is _insert_forged:
                note = " (named at the genuine row the forgery displaced)"
            elif what.endswith("recomputed"):
                note = (
                    " (a changed prev_hash is named as"
                    " \u201centry N does not follow entry N\u22121\u201d)"
                )
            elif tamper is _rewrite_chain:
                note = " (named at the anchored head: the edited row itself cannot be told)"
            outcome = (
                f"{result.trials:,} {what}: {result.detected:,} detected,"
                f" {result.named:,} with the right entry named{note}"
            )
            problems = result.missed + result.misnamed
            if problems:
                outcome += f"; first problem: {problems[0]}"
            figures.append(
                Figure(
                    AREA,
                    check,
                    result.trials,
                    outcome,
                    result.named == result.trials,
                    watch.seconds,
                )
            )

        # Beyond the chain and the anchor: reported as information.
        def rewound(current: Log) -> AuditAnchor | None:
            head = current.db.one("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            return AuditAnchor(int(head[0]), str(head[1])) if head else None

        def appended(current: Log, rng: random.Random) -> int:
            from interview_room.store.audit import entry_hash

            head = current.row(current.rows)
            fields = (current.rows + 1, head[1], "admin.mor", "logout", None, "{}", head[7])
            current.db.execute(
                f"INSERT INTO audit_log ({ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*fields, entry_hash(*fields)),
            )
            return current.rows + 1

        def unanchored(current: Log, rng: random.Random) -> int:
            # A running session appends entries; the anchor moves only at sign-in, lock,
            # sign-out and account changes. Entries since then, removed before it moves:
            from interview_room.store.audit import AuditEvent, AuditLog

            audit = AuditLog(current.db)
            added = rng.randint(1, 20)
            for _ in range(added):
                audit.append(AuditEvent.CASE_OPENED, "oficer.mor", "MOR-2026-0001")
            current.db.execute("DELETE FROM audit_log WHERE seq > ?", (current.rows,))
            return current.rows + 1

        limits = [
            ("tail cut off and the anchor rewound", _truncate_tail, rewound),
            ("chain rewritten together with the anchor", _rewrite_chain, rewound),
            ("a well-formed entry appended at the head", appended, None),
            ("entries since the anchor last moved removed", unanchored, None),
        ]
        for check, tamper, anchor in limits:
            with Stopwatch() as watch:
                result = _trials(log, tamper, scale.pick(10, 100), rng, anchor)
            figures.append(
                Figure(
                    AREA,
                    f"information (a documented limit): {check}",
                    result.trials,
                    f"{result.detected} of {result.trials} detected: whoever holds the database"
                    " key can do this unnoticed (ARCHITECTURE.md, THREAT_MODEL.md: send the head"
                    " to the centre to close it)",
                    True,
                    watch.seconds,
                )
            )

        # The real command line on tampered copies of the station.
        samples = [
            _single_field(),
            _delete_middle,
            _delete_last,
            _truncate_tail,
            _insert_forged,
            _swap_rows,
            _duplicate,
            _rewrite_chain,
        ][: scale.pick(2, 8)]
        with Stopwatch() as watch:
            answers = [_cli_verify(log, tamper, folder, rng) for tamper in samples]
        right = sum(ok for ok, _ in answers)
        figures.append(
            Figure(
                AREA,
                "`interview-room audit verify` on tampered copies names the broken entry",
                len(answers),
                f"{right} of {len(answers)} runs exited 1 naming the expected entry (after a cut"
                " tail, from the number after the command's own sign-in entry)"
                f" (e.g. \u201c{answers[0][1]}\u201d)",
                right == len(answers),
                watch.seconds,
            )
        )
        log.db.close()
    return figures


def _single_field(rehash: bool = False) -> Tamper:
    """Each trial picks the next column in turn, at a random row."""
    tampers = [
        _field_edit(column, rehash) for column in COLUMNS if not (rehash and column == "hash")
    ]
    turn = iter(range(10**9))

    def tamper(log: Log, rng: random.Random) -> int:
        return tampers[next(turn) % len(tampers)](log, rng)

    return tamper


if __name__ == "__main__":
    main_for(run, "Audit integrity: every edit or deletion of audit rows is detected (issue 7)")
