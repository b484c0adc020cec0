"""Password attacks: online guessing is slowed as designed, the cost of an offline guess is
measured, and no key a user or the recovery key holds opens another user's signing key.

Online guessing goes through the real ``Workstation.unlock`` and ``confirm_password`` (the
check before a signature) with a fake clock, so the throttle's waits cost no real time: each
wrong password must be answered with the designed delay (``throttle.delay_after``: 1, 2, 4 …
capped at 300 s), every attempt during the delay must be refused before any password work, the
right password included, and the failures must reach the audit log at the next sign-in.

The offline cost is one Argon2id derivation with the parameters the product ships
(``kdf.DEFAULT_ARGON2``), timed (wall and CPU) as the median of several runs, and its peak
memory measured in a fresh process; the time to exhaust some password spaces follows from it,
as information.

Key separation: a station with an officer (A), a social worker (B) and its recovery key. Every
key B or the recovery-key holder can obtain (B's slot key and personal key, the database key,
the recovery slot key, the recovery secret, keys made from them) is tried against A's wrapped
signing key and A's key slot: each must be refused (``SigningKeyUnavailable`` / an AES-GCM
authentication failure / ``WrongPassword``), while A's own key opens it. Slots copied to another
user or another station, and a signing key moved to another certificate, must not open. What
the database key does allow is reported as a limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.stations import ADMIN, new_training_station

if TYPE_CHECKING:
    from interview_room.store.database import Database

AREA = "password attacks"
START = datetime(2026, 3, 7, 8, 0, tzinfo=UTC)
OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
WRONG = "not-the-right-passphrase"

DICEWARE_WORDS = 7_776
SECONDS_PER_YEAR = 365.25 * 24 * 3600


@dataclass
class FakeClock:
    """A clock that moves only when told: the throttle's waits cost no real time."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class Station:
    workstation: Any
    clock: FakeClock
    recovery_key: Any
    officer_id: str = ""
    worker_id: str = ""
    problems: list[str] = field(default_factory=list)


def _station(folder: Path, *, with_users: bool = True) -> Station:
    from interview_room.accounts import Role
    from interview_room.workstation import Workstation

    clock = FakeClock()
    workstation = Workstation(folder, clock=clock)
    created = new_training_station(workstation)
    station = Station(workstation, clock, created.recovery_key)
    session = created.session
    if with_users:
        station.officer_id = session.add_user(
            OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1]
        ).id
        station.worker_id = session.add_user(
            WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1]
        ).id
    session.logout()
    return station


# --- 1. online guessing ---------------------------------------------------------------------


@contextlib.contextmanager
def _counting_derivations() -> Iterator[list[int]]:
    """Count the Argon2id derivations the keyring runs inside the block (one item each)."""
    from interview_room.store import keyring

    namespace: dict[str, Any] = vars(keyring)
    real: Callable[[str, bytes, Any], bytes] = namespace["derive_password_key"]
    calls: list[int] = []

    def counted(password: str, salt: bytes, params: Any) -> bytes:
        calls.append(1)
        return real(password, salt, params)

    namespace["derive_password_key"] = counted
    try:
        yield calls
    finally:
        namespace["derive_password_key"] = real


@dataclass
class GuessRun:
    delays: list[float] = field(default_factory=list)
    immediate_retries_refused: int = 0
    right_password_refused: int = 0
    early_refused: int = 0
    problems: list[str] = field(default_factory=list)


def _guess(station: Station, attempt: Any, guesses: int) -> GuessRun:
    """``guesses`` wrong passwords through ``attempt(password)``, each followed by an instant
    retry, the right password during the wait and a try just before the wait ends."""
    from interview_room.store.throttle import UnlockThrottled, delay_after
    from interview_room.workstation import WrongPasswordDelayed

    run = GuessRun()
    for number in range(1, guesses + 1):
        try:
            attempt(WRONG)
            run.problems.append(f"wrong password {number} was accepted")
            continue
        except WrongPasswordDelayed as wrong:
            run.delays.append(wrong.retry_after_seconds)
            if wrong.retry_after_seconds != delay_after(number):
                run.problems.append(
                    f"after {number} wrong: {wrong.retry_after_seconds} s, designed"
                    f" {delay_after(number)} s"
                )
        with _counting_derivations() as derivations:
            for password, counter in ((WRONG, "immediate"), (None, "right")):
                try:
                    attempt(password)
                    run.problems.append(f"attempt during wait {number} was let through")
                except UnlockThrottled:
                    if counter == "immediate":
                        run.immediate_retries_refused += 1
                    else:
                        run.right_password_refused += 1
        if derivations:  # refused before any Argon2id work
            run.problems.append(f"refusals during wait {number} cost password work")
        station.clock.advance(run.delays[-1] - 0.5)
        try:
            attempt(None)
            run.problems.append(f"the right password opened 0.5 s before wait {number} ended")
        except UnlockThrottled:
            run.early_refused += 1
        station.clock.advance(0.5)
    return run


def _guesses_within(seconds: float, guesses_cap: int = 100_000) -> int:
    """Most wrong guesses one username allows in ``seconds`` (each waited out exactly)."""
    from interview_room.store.throttle import delay_after

    elapsed, count = 0.0, 0
    while count < guesses_cap:
        count += 1  # a guess now
        elapsed += delay_after(count)
        if elapsed > seconds:
            break
    return count


def _online(folder: Path, guesses: int) -> list[Figure]:
    from interview_room.store.audit import AuditEvent
    from interview_room.store.keyring import WrongPassword
    from interview_room.store.throttle import MAX_DELAY_SECONDS, UnlockThrottled, delay_after

    figures: list[Figure] = []
    with Stopwatch() as watch:
        station = _station(folder / "online")
        ws = station.workstation

        def unlock(password: str | None) -> None:
            ws.unlock(OFFICER[0], OFFICER[1] if password is None else password).logout()

        run = _guess(station, unlock, guesses)
        session = ws.unlock(OFFICER[0], OFFICER[1])  # the wait is over: the right one opens
        logged = sum(1 for e in session.audit.entries() if e.event == AuditEvent.LOGIN_FAILED)
        session.logout()
        counter_cleared = ws.keyring_file.read().retry_after(OFFICER[0], station.clock()) == 0
    designed = [delay_after(n) for n in range(1, guesses + 1)]
    shown = ", ".join(f"{d:g}" for d in run.delays[:10])
    if len(run.delays) > 10:
        shown += f" … {run.delays[-1]:g}"
    per_hour, per_day = _guesses_within(3600), _guesses_within(86_400)
    figures.append(
        Figure(
            AREA,
            "online guessing through unlock: each wrong password adds the designed delay",
            guesses,
            f"waits imposed (s): {shown} = design 2^(n-1) capped at {MAX_DELAY_SECONDS} s;"
            f" at most {per_hour} guesses in the first hour and {per_day} per day per username"
            f" (then 1 per {MAX_DELAY_SECONDS} s); {logged} failures in the audit log",
            run.delays == designed and not run.problems and logged == guesses and counter_cleared,
            watch.seconds,
        )
    )
    figures.append(
        Figure(
            AREA,
            "during a wait every attempt is refused before any password work, the right"
            " password too",
            run.immediate_retries_refused + run.right_password_refused + run.early_refused,
            f"{run.immediate_retries_refused} instant retries, {run.right_password_refused}"
            f" right passwords and {run.early_refused} right passwords 0.5 s before the end"
            f" refused (UnlockThrottled); the right password opened once the wait was over"
            + (f"; {run.problems[0]}" if run.problems else ""),
            not run.problems
            and run.right_password_refused == guesses
            and run.early_refused == guesses,
            0.0,
        )
    )

    # confirm_password (before a signature) shares the counter with unlock, both ways.
    with Stopwatch() as watch:
        problems: list[str] = []
        checks = 0
        for first, second in (("unlock", "confirm"), ("confirm", "unlock")):
            calls = {
                "unlock": lambda p: ws.unlock(WORKER[0], p).logout(),
                "confirm": lambda p: ws.confirm_password(WORKER[0], p),
            }
            for number in (1, 2):
                checks += 1
                try:
                    calls[first](WRONG)
                    problems.append(f"{first}: wrong password accepted")
                except WrongPassword:
                    pass
                checks += 1
                try:
                    calls[second](WORKER[1])
                    problems.append(f"{second} ignored the wait after {number} wrong by {first}")
                except UnlockThrottled as throttled:
                    if abs(throttled.retry_after_seconds - delay_after(number)) > 1e-6:
                        problems.append(f"{second} waited {throttled.retry_after_seconds} s")
                station.clock.advance(delay_after(number))
            ws.unlock(WORKER[0], WORKER[1]).logout()  # clears the counter
    figures.append(
        Figure(
            AREA,
            "the signature-password check shares the throttle with unlock, both ways",
            checks,
            f"{checks} attempts: wrong passwords at one counted at the other, right password"
            " refused during the wait" + (f"; {problems[0]}" if problems else ""),
            not problems,
            watch.seconds,
        )
    )

    # A username nobody has: counted (under a hash) and throttled the same way.
    with Stopwatch() as watch:
        problems = []
        for number in (1, 2, 3):
            with _counting_derivations() as derivations:
                try:
                    ws.unlock("nobody.here", WRONG)
                except WrongPassword as wrong:
                    if getattr(wrong, "retry_after_seconds", None) != delay_after(number):
                        problems.append(f"unknown user, wrong {number}: no designed delay")
            if len(derivations) != 1:
                problems.append("an unknown username answered without Argon2id work")
            try:
                ws.unlock("nobody.here", WRONG)
                problems.append("unknown user let through during the wait")
            except UnlockThrottled:
                pass
            station.clock.advance(delay_after(number))
        stored = json.dumps(json.loads(ws.keyring_file.path.read_bytes())["failure_counters"])
        if "nobody" in stored:
            problems.append("the typed username is stored in clear")
    figures.append(
        Figure(
            AREA,
            "an unknown username costs the same Argon2id work and is throttled too",
            6,
            "3 wrong guesses: same delays, each answered after a full derivation, counted"
            " under a hash" + (f"; {problems[0]}" if problems else ""),
            not problems,
            watch.seconds,
        )
    )
    return figures


# --- 2. the cost of one offline guess -------------------------------------------------------

_PEAK_PROBE = """
import os
from interview_room.store.kdf import DEFAULT_ARGON2, derive_password_key

def high_water():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

before = high_water()
derive_password_key("synthetic-guess-0001", os.urandom(16), DEFAULT_ARGON2)
print(before, high_water())
"""


def _peak_memory_kib() -> tuple[int, int] | None:
    """Peak resident memory (VmHWM) of a fresh process before and after one default
    derivation, in KiB; None where /proc is not available."""
    if not Path("/proc/self/status").exists():
        return None
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_PROBE], capture_output=True, text=True, check=True
    )
    before, after = (int(v) for v in done.stdout.split())
    return before, after


def _duration(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:,.0f} minutes"
    if seconds < 86_400 * 2:
        return f"{seconds / 3600:,.0f} hours"
    if seconds < SECONDS_PER_YEAR:
        return f"{seconds / 86_400:,.0f} days"
    years = seconds / SECONDS_PER_YEAR
    return f"{years:,.0f} core-years" if years < 1e6 else f"10^{math.log10(years):.0f} core-years"


def _offline(runs: int) -> list[Figure]:
    import os

    from interview_room.store.kdf import DEFAULT_ARGON2, derive_password_key

    walls: list[float] = []
    cpus: list[float] = []
    with Stopwatch() as watch:
        derive_password_key("warm-up", os.urandom(16), DEFAULT_ARGON2)
        for index in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            derive_password_key(f"synthetic-guess-{index:04d}", os.urandom(16), DEFAULT_ARGON2)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        peak = _peak_memory_kib()
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    params = DEFAULT_ARGON2
    memory = (
        f"peak memory of a fresh process {peak[0] / 1024:,.0f} → {peak[1] / 1024:,.0f} MiB"
        f" (+{(peak[1] - peak[0]) / 1024:,.0f} MiB)"
        if peak
        else f"{params.memory_kib // 1024} MiB by construction"
    )
    per_core = 1 / cpu
    figures = [
        Figure(
            AREA,
            "information: Argon2id cost per guess with the shipped parameters"
            f" ({params.memory_kib // 1024} MiB, {params.iterations} passes,"
            f" {params.parallelism} lanes)",
            runs,
            f"median {wall:.2f} s wall, {cpu:.2f} s CPU per guess; {memory};"
            f" {per_core:.1f} guesses per second per core",
            True,
            watch.seconds,
        )
    ]
    spaces = (
        ("a 10,000-word list (a common password)", 10_000),
        ("two words from that list", 10_000**2),
        ("10 lowercase letters", 26**10),
        ("10 characters, letters and digits (the shortest allowed length)", 62**10),
        ("4 diceware words", DICEWARE_WORDS**4),
        ("6 diceware words", DICEWARE_WORDS**6),
    )
    shown = "; ".join(f"{label}: {_duration(size / 2 * cpu)}" for label, size in spaces)
    figures.append(
        Figure(
            AREA,
            "information: average time to guess a password offline, one CPU core, default"
            " parameters",
            len(spaces),
            shown + " (divide by the attacker's cores; GPUs are not measured)",
            True,
            0.0,
        )
    )
    return figures


# --- 3. key separation ----------------------------------------------------------------------


def _aes_opens(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bool:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        AESGCM(key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return False
    return True


def _issue_attempts(db: Database, candidates: dict[str, bytes]) -> tuple[int, int]:
    """(refused, tried): issuing a certificate with what the database key gives. The two
    keys meant to open the authority (the administrator's own personal key, as the
    administrator; the recovery secret, as the recovery holder) are not attacks and must open:
    if either does not, that counts as a failure too."""
    from interview_room.accounts import UserDirectory
    from interview_room.signing.errors import CertificateError
    from interview_room.signing.pki import CertifiedKey
    from interview_room.store.authority import NoIssuingAuthority, StationAuthority
    from interview_room.store.recovery_key import RecoveryKey

    refused = tried = 1
    row = db.one(
        "SELECT certificate, private_key FROM certificate_authorities"
        " WHERE kind = 'station_ca' AND active = 1"
    )
    assert row is not None
    try:
        CertifiedKey(bytes(row[0]), bytes(row[1]))
        refused -= 1
    except CertificateError:
        pass
    users = [u for name in (ADMIN[0], OFFICER[0]) if (u := UserDirectory(db).find(name))]
    for name, key in candidates.items():
        for user in users:
            meant = user.username == ADMIN[0] and name == "the administrator's personal key"
            tried += 1
            try:
                StationAuthority.open(db, user, key)
                refused += 1 if meant else 0
            except NoIssuingAuthority:
                refused += 0 if meant else 1
        meant = name == "the recovery secret itself"
        tried += 1
        try:
            StationAuthority.open_with_recovery(db, RecoveryKey(key))
            refused += 1 if meant else 0
        except NoIssuingAuthority:
            refused += 0 if meant else 1
    return refused, tried


def _separation(folder: Path) -> list[Figure]:
    from interview_room.store.certificates import (
        SigningKeyUnavailable,
        StationCertificates,
        _aad,
    )
    from interview_room.store.database import Database
    from interview_room.store.kdf import derive_password_key, derive_recovery_key
    from interview_room.store.keyring import (
        LEGACY_SLOT_VERSION,
        PasswordSlot,
        RecoveryKeyInvalid,
        WrongPassword,
    )
    from interview_room.store.keyring import VERSION as KEYRING_VERSION

    figures: list[Figure] = []
    with Stopwatch() as watch:
        station = _station(folder / "separation")
        ws = station.workstation
        keyring = ws.keyring_file.read()
        officer_keys = ws.confirm_password(OFFICER[0], OFFICER[1])
        worker_keys = ws.confirm_password(WORKER[0], WORKER[1])
        admin_keys = ws.confirm_password(ADMIN[0], ADMIN[1])
        database_key = keyring.open_recovery(station.recovery_key)
        worker_slot = keyring.slots[WORKER[0]]
        worker_slot_key = derive_password_key(WORKER[1], worker_slot.wrapped.salt, worker_slot.kdf)
        recovery_slot_key = derive_recovery_key(station.recovery_key.secret, keyring.recovery.salt)
        candidates: dict[str, bytes] = {
            "database key (any slot, recovery key)": database_key,
            "B's personal key": worker_keys.personal_key,
            "the administrator's personal key": admin_keys.personal_key,
            "B's slot key (Argon2id of B's password)": worker_slot_key,
            "recovery slot key (HKDF of the recovery key)": recovery_slot_key,
            "the recovery secret itself": station.recovery_key.secret,
        }
        for name, key in list(candidates.items()):
            candidates[f"SHA-256 of the {name}"] = hashlib.sha256(key).digest()
            candidates[f"{name} XOR database key"] = bytes(
                a ^ b for a, b in zip(key, database_key, strict=True)
            )
        candidates["SHA-256 of B's password"] = hashlib.sha256(WORKER[1].encode()).digest()
        candidates["all zeros"] = bytes(32)

        db = Database.open(ws.database_path, database_key)  # what B or the recovery key opens
        try:
            certificates = StationCertificates(db)
            record = certificates.current_for(station.officer_id)
            assert record is not None
            row = db.one(
                "SELECT wrapped_key FROM signing_certificates WHERE serial = ?",
                (str(record.serial),),
            )
            assert row is not None
            blob = bytes(row[0])
            opened: list[str] = []
            refused = 0
            for name, key in candidates.items():
                try:
                    certificates.signing_key(station.officer_id, key)
                    opened.append(name)
                except SigningKeyUnavailable:
                    refused += 1
                # The same blob under every AAD an attacker might guess (B's id, no AAD).
                for aad in (_aad(record.serial, station.worker_id), b""):
                    if _aes_opens(key, blob[:12], blob[12:], aad):
                        opened.append(f"{name} (other AAD)")
                    else:
                        refused += 1
            own = certificates.signing_key(station.officer_id, officer_keys.personal_key)
            own_ok = own.serial == record.serial
            # A's key moved to another certificate (serial) does not open, even with A's key.
            moved = not _aes_opens(
                officer_keys.personal_key,
                blob[:12],
                blob[12:],
                _aad(record.serial + 1, station.officer_id),
            )
            # What the database key no longer allows: issuing a certificate (issue 13). The
            # station CA's key is sealed; no candidate key opens the authority as any user.
            issue_refused, issue_tried = _issue_attempts(db, candidates)
        finally:
            db.close()
    tried = len(candidates) * 3
    figures.append(
        Figure(
            AREA,
            "no key B or the recovery key yields opens A's signing key; A's own does",
            tried + 2,
            f"{len(candidates)} candidate keys × 3 (the real AAD, B's, none): {refused} refused"
            " (SigningKeyUnavailable / AES-GCM tag), "
            f"{len(opened)} opened; A's personal key opens it: {'yes' if own_ok else 'NO'};"
            f" moved to another serial: {'refused' if moved else 'OPENED'}"
            + (f"; opened by {opened[0]}" if opened else ""),
            not opened and refused == tried and own_ok and moved,
            watch.seconds,
        )
    )

    # A's key slot: B's password, and every candidate key as the slot key.
    with Stopwatch() as watch:
        problems: list[str] = []
        slot = keyring.slots[OFFICER[0]]
        version = LEGACY_SLOT_VERSION if slot.legacy else KEYRING_VERSION
        aad = keyring._aad("password", OFFICER[0], version)
        slot_refusals = 0
        for name, key in candidates.items():
            if _aes_opens(key, slot.wrapped.nonce, slot.wrapped.ciphertext, aad):
                problems.append(f"A's slot opened with {name}")
            else:
                slot_refusals += 1
        for password in (WORKER[1], ADMIN[1]):
            try:
                ws.confirm_password(OFFICER[0], password)
                problems.append("A's slot opened with another user's password")
            except WrongPassword:
                slot_refusals += 1
            station.clock.advance(3600)
        try:
            keyring.open_recovery(type(station.recovery_key)(worker_keys.personal_key))
            problems.append("the recovery slot opened with B's personal key")
        except RecoveryKeyInvalid:
            slot_refusals += 1
        # The recovery slot holds the database key only: no personal key comes out of it.
        recovery_plain_len = len(keyring.open_recovery(station.recovery_key))
        if recovery_plain_len != 32:
            problems.append(f"the recovery slot holds {recovery_plain_len} bytes")
    figures.append(
        Figure(
            AREA,
            "A's key slot opens with neither B's password nor any key B or the recovery key yields",
            slot_refusals + len(problems),
            f"{slot_refusals} refused ({len(candidates)} candidate slot keys, 2 other users'"
            " passwords, B's key as recovery key); the recovery slot holds the 32-byte database"
            " key only" + (f"; {problems[0]}" if problems else ""),
            not problems,
            watch.seconds,
        )
    )

    # Slots copied to another user or another station (the AAD binds station id and name).
    with Stopwatch() as watch:
        problems = []
        copies = 0
        with ws.keyring_file.update() as current:
            a_slot = current.slots[OFFICER[0]]
            current.slots[WORKER[0]] = PasswordSlot(WORKER[0], a_slot.kdf, a_slot.wrapped)
        station.clock.advance(3600)
        for username, password in ((WORKER[0], OFFICER[1]), (WORKER[0], WORKER[1])):
            copies += 1
            try:
                ws.unlock(username, password).logout()
                problems.append(f"A's slot copied to B opened for {password[:10]}…")
            except WrongPassword:
                pass
            station.clock.advance(3600)
        other = _station(folder / "other-station", with_users=False)
        ows = other.workstation
        with ows.keyring_file.update() as current:
            current.slots[ADMIN[0]] = keyring.slots[ADMIN[0]]  # same username, other station
            current.recovery = keyring.recovery
        copies += 1
        try:
            ows.unlock(ADMIN[0], ADMIN[1]).logout()
            problems.append("a slot copied to another station opened")
        except WrongPassword:
            pass
        copies += 1
        try:
            ows.keyring_file.read().open_recovery(station.recovery_key)
            problems.append("a recovery slot copied to another station opened")
        except RecoveryKeyInvalid:
            pass
        # Unchanged slots still open: the refusals above are the binding, not damage.
        with ws.keyring_file.update() as current:
            current.slots[WORKER[0]] = worker_slot
        ws.unlock(WORKER[0], WORKER[1]).logout()
    figures.append(
        Figure(
            AREA,
            "key slots copied to another user or another station do not open (AAD binding)",
            copies,
            f"{copies} copies refused (WrongPassword / RecoveryKeyInvalid): A's slot under B's"
            " name with A's and B's password, a slot and the recovery slot moved to another"
            " station; the originals still open" + (f"; {problems[0]}" if problems else ""),
            not problems,
            watch.seconds,
        )
    )
    # The recovery-key holder resets A's password and signs in as A: a new certificate.
    with Stopwatch() as watch:
        new_password = "synthetic-reset-passphrase"
        ws.reset_password(station.recovery_key, OFFICER[0], new_password)
        station.clock.advance(3600)
        session = ws.unlock(OFFICER[0], new_password)
        try:
            fresh = StationCertificates(session.db).signing_key(
                station.officer_id, session.keys.personal_key
            )
            reset_new_cert = fresh.serial != record.serial
            revoked = record.serial in StationCertificates(session.db).revoked_serials()
            audited = any(e.event == "password_reset" for e in session.audit.entries())
        finally:
            session.logout()
    figures.append(
        Figure(
            AREA,
            "the database key issues no certificate; the recovery key (a limit) resets and issues",
            issue_tried + 1,
            f"(1) {issue_refused} of {issue_tried} as designed: every attempt to issue with"
            " what the database key and B give refused (the stored station CA key is no PKCS#8"
            " key; no candidate key opens the certificate authority as the administrator, as"
            " A, or as the recovery holder), and only the administrator's own personal key and"
            " the recovery key open it;"
            " (2) information, a limit: the recovery key reset A's password and issued A a"
            f" new certificate (new: {'yes' if reset_new_cert else 'no'}, old revoked:"
            f" {'yes' if revoked else 'no'}, audited: {'yes' if audited else 'no'})."
            " A's existing private key stayed unreadable throughout",
            issue_refused == issue_tried,
            watch.seconds,
        )
    )
    return figures


# --- the area -------------------------------------------------------------------------------


def run(scale: Scale) -> list[Figure]:
    from interview_room.files import restrict_umask

    restrict_umask()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="ir-password-attacks-") as tmp:
        folder = Path(tmp)
        figures += _online(folder, scale.pick(12, 20))
        figures += _offline(scale.pick(3, 9))
        figures += _separation(folder)
    return figures


if __name__ == "__main__":
    main_for(run, "Password attacks: throttle, Argon2id cost, key separation (issue 7)")
