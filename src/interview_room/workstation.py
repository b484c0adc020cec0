"""A workstation: the encrypted store and its keyring in one data folder, and who is signed in.

``Workstation`` is what exists before anyone logs in (set up, describe, unlock, recover).
``Session`` (``session.py``) is what a successful unlock yields: the open store, the signed-in
user, and the actions that user may take. The GUI and the command line both go through these
two classes.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.accounts import (
    Role,
    UnknownUser,
    User,
    UserDirectory,
    check_password_strength,
    check_username,
)
from interview_room.errors import InterviewRoomError
from interview_room.files import exclusive_lock, private_dir, remove_interrupted_writes

# The signed-in side lives in session.py; these names stay importable from here.
from interview_room.session import PasswordChanged as PasswordChanged
from interview_room.session import RecoveryUpgrade as RecoveryUpgrade
from interview_room.session import Session as Session
from interview_room.session import own_words, rotate_and_audit
from interview_room.station_folder import StationDescription, StationFolder
from interview_room.store.audit import AuditEvent, AuditLog
from interview_room.store.authority import NoIssuingAuthority, StationAuthority
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.store.keyring import (
    FailedAttempt,
    Keyring,
    KeyringFile,
    UnlockedKeys,
    WrappedSecret,
    WrongPassword,
    new_station,
    normalise_username,
)
from interview_room.store.migrate import migrate
from interview_room.store.recovery_key import RecoveryKey
from interview_room.store.rekey import (
    Rekeyed,
    StorePresence,
    open_store,
    settle_interrupted_rekey,
)
from interview_room.store.throttle import UnlockThrottled
from interview_room.sync.centre_revocations import held_lists_to_keep

STATION_CODE_PATTERN = re.compile(r"^[A-Z]{3}$")
SIGN_IN_LOCK_FILE = "sign-in.lock"
"""Held while a password is tried (``Workstation._open_slot``)."""

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class WorkstationExists(InterviewRoomError):
    """Set-up was asked for in a folder that already holds a workstation."""


class InvalidStation(InterviewRoomError):
    """The station's name or code cannot be used."""


class WrongPasswordDelayed(WrongPassword):
    """A wrong password; the next attempt for this username must wait ``retry_after_seconds``."""

    def __init__(self, retry_after_seconds: float) -> None:
        super().__init__()
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class NewWorkstation:
    session: Session
    recovery_key: RecoveryKey


class Workstation(StationFolder):
    """A station's data folder, with the power to set it up, unlock it and recover it."""

    def __init__(self, data_dir: Path, clock: Clock = _utc_now) -> None:
        super().__init__(data_dir)
        self.keyring_file = KeyringFile(self.keyring_path)
        self._clock = clock

    # -- set-up ----------------------------------------------------------------------------

    def create(
        self,
        station_name: str,
        station_code: str,
        admin_username: str,
        admin_display_name: str,
        admin_password: str,
        training: bool = False,
        kdf: Argon2Params = DEFAULT_ARGON2,
    ) -> NewWorkstation:
        """Set up a new station: a fresh random database key, the first administrator's slot and
        the recovery slot. Returns the open session and the one-time recovery key."""
        if self.exists() or self.database_path.exists():
            raise WorkstationExists(f"{self.data_dir} already holds a workstation.")
        if not station_name.strip():
            raise InvalidStation("The station needs a name.")
        code = station_code.strip().upper()
        if not STATION_CODE_PATTERN.match(code):
            raise InvalidStation("The station code is three letters, for example MOR or HAN.")
        username = check_username(admin_username)
        check_password_strength(admin_password, (station_name, code, username, admin_display_name))
        private_dir(self.data_dir)

        keys = UnlockedKeys(secrets.token_bytes(32), secrets.token_bytes(32))
        recovery_key = RecoveryKey.generate()
        station = new_station(station_name.strip(), code, training)
        keyring = Keyring(station=station, slots={}, recovery=WrappedSecret(b"", b"", b""))
        keyring.set_recovery(recovery_key, keys.database_key)

        presence = StorePresence(self.data_dir)
        db = Database.open(self.database_path, keys.database_key)
        migrate(db, self.backups_dir)
        with db.transaction():
            db.execute(
                "INSERT INTO station (id, name, code, training, created_at) VALUES (?, ?, ?, ?, ?)",
                (station.station_id, station.name, station.code, int(training), station.created_at),
            )
            admin = UserDirectory(db).add(username, admin_display_name, Role.STATION_ADMIN, None)
            audit = AuditLog(db)
            audit.append(
                AuditEvent.WORKSTATION_CREATED,
                admin.username,
                station.station_id,
                {"training": training},
            )
            audit.append(
                AuditEvent.USER_ADDED, admin.username, admin.username, {"role": "station_admin"}
            )
            # Only this administrator and the recovery key open the certificate authority.
            authority = StationAuthority.establish(
                db, station, admin, keys.personal_key, recovery_key
            )
            authority.issue_for(admin, keys.personal_key, station)
            audit.append(AuditEvent.LOGIN, admin.username)
        keyring.set_password_slot(username, admin_password, keys, kdf)
        keyring.audit_anchor = audit.head()
        # The keyring is written last: until it exists, the folder is not a workstation.
        self.keyring_file.write(keyring)
        session = Session(self, db, admin, keys, kdf, presence)
        return NewWorkstation(session, recovery_key)

    # -- unlock ----------------------------------------------------------------------------

    def unlock(self, username: str, password: str) -> Session:
        """Sign ``username`` in. Wrong passwords are recorded and make the next try wait longer.

        Raises :class:`UnlockThrottled` while the wait is running, and
        :class:`WrongPasswordDelayed` (a :class:`WrongPassword`) for a wrong password.
        """
        presence = StorePresence(self.data_dir)  # before the password: see store/rekey.py
        try:
            keyring, keys = self._open_slot(username, password)
            db, database_key = open_store(self.database_path, keys)
        except BaseException:
            presence.leave()
            raise
        settle_interrupted_rekey(self.keyring_file, self.sign_in_lock, keys, database_key)
        keys = keys.settled(database_key)
        audit = AuditLog(db)
        actor = normalise_username(username)  # as the slot that just opened is named

        def audited(version: int) -> None:  # in the migration's own transaction
            audit.append(AuditEvent.STORE_MIGRATED, actor, None, {"version": version})

        try:
            migrate(db, self.backups_dir, on_applied=audited)
            user = UserDirectory(db).find(username)
            if user is None:  # a slot without an active user: refuse like a wrong password
                raise WrongPassword()
        except BaseException:
            db.close()
            presence.leave()
            raise
        slot_kdf = keyring.slots[user.username].kdf
        with self.keyring_file.update() as current:
            if current.slots[user.username].legacy:
                # A slot from before re-keying: the same keys, a key pair of its own.
                current.set_password_slot(user.username, password, keys, slot_kdf)
            failures = current.take_failed_attempts()
            current.clear_failures(username)
            with db.transaction():
                if user.is_admin:
                    _maintain_authority(db, current.station, user, keys.personal_key)
                _audit_failed_attempts(audit, failures)
                audit.append(AuditEvent.LOGIN, user.username)
            current.audit_anchor = audit.advance_anchor(current.audit_anchor)
        for folder in (self.data_dir, self.backups_dir):  # leftovers of writes cut by a crash
            remove_interrupted_writes(folder)
        session = Session(self, db, user, keys, slot_kdf, presence)
        if current.rekey_due is not None:  # left due earlier: the store may be free now
            session.rotate_database_key(current.rekey_due, audit_waiting=False)
        return session

    def confirm_password(self, username: str, password: str) -> UnlockedKeys:
        """Check a password again (before a signature), with the same growing delay and
        failure record as signing in; return that user's keys."""
        return self._open_slot(username, password)[1]

    @property
    def sign_in_lock(self) -> Path:
        return self.data_dir / SIGN_IN_LOCK_FILE

    def _open_slot(self, username: str, password: str) -> tuple[Keyring, UnlockedKeys]:
        self.require_existing()
        # One password at a time per station, across processes and threads: the wait is
        # read, the password tried and a failure counted under one lock, so guesses sent in
        # parallel are answered one after another and each sees the previous one's wait.
        with exclusive_lock(self.sign_in_lock):
            keyring = self.keyring_file.read()
            wait = keyring.retry_after(username, self._clock())
            if wait > 0:
                raise UnlockThrottled(wait)
            try:
                keys = keyring.open_password_slot(username, password)
            except WrongPassword:
                with self.keyring_file.update() as current:
                    counter = current.record_failure(username, self._clock())
                raise WrongPasswordDelayed(counter.retry_after(self._clock())) from None
        return keyring, keys

    def reset_password(self, recovery_key: RecoveryKey, username: str, new_password: str) -> None:
        """Give ``username`` a new password using the station's recovery key.

        The user gets a new personal key: anything protected by the old one (their signing key)
        must be issued again, which the recovery key's hold on the certificate authority does
        (an administrator's slot on it is renewed too). Nobody learns the old password.
        """
        self.require_existing()
        presence = StorePresence(self.data_dir)  # registered before the keyring is read
        try:
            keyring = self.keyring_file.read()
            opened = keyring.open_recovery_keys(recovery_key)
            db, database_key = open_store(self.database_path, opened)
        except BaseException:
            presence.leave()
            raise
        settle_interrupted_rekey(self.keyring_file, self.sign_in_lock, opened, database_key)
        try:
            migrate(db, self.backups_dir)
            user = UserDirectory(db).find(username)
            if user is None:
                raise UnknownUser(username)
            check_password_strength(new_password, own_words(keyring.station, user))
            keys = UnlockedKeys(database_key, secrets.token_bytes(32))
            kdf = (
                keyring.slots[user.username].kdf
                if user.username in keyring.slots
                else DEFAULT_ARGON2
            )
            with self.keyring_file.update() as current:
                audit = AuditLog(db)
                with db.transaction():
                    _recertify_after_reset(
                        db, audit, recovery_key, user, keys.personal_key, current.station
                    )
                current.set_password_slot(user.username, new_password, keys, kdf)
                if current.recovery_holder is None:  # a recovery slot from before re-keying
                    current.set_recovery(recovery_key, database_key)
                current.clear_failures(user.username)
                current.audit_anchor = audit.advance_anchor(current.audit_anchor)
            # A copy of the old slot, with the old password, must not open the store.
            rotate_and_audit(self, db, database_key, presence, "password_reset", None)
        finally:
            db.close()
            presence.leave()

    def upgrade_recovery(self, recovery_key: RecoveryKey) -> Rekeyed | None:
        """Rewrite a recovery slot from before re-keying (format 1) with the recovery key, so
        a re-key can reach it; then make a re-key that waited for it. None if it needed
        nothing; :class:`RecoveryKeyInvalid` for a wrong key."""
        self.require_existing()
        keyring = self.keyring_file.read()
        if keyring.recovery_holder is not None:
            keyring.open_recovery(recovery_key)  # still says whether it is the right key
            return None
        presence = StorePresence(self.data_dir)
        try:
            database_key = keyring.open_recovery(recovery_key)
            db = Database.open(self.database_path, database_key)
            try:
                with self.keyring_file.update() as current:
                    current.set_recovery(recovery_key, database_key)
                    due = current.rekey_due
                if due is None:
                    return Rekeyed(database_key)
                return rotate_and_audit(self, db, database_key, presence, due, None)
            finally:
                db.close()
        finally:
            presence.leave()

    def remember_login_language(self, language: str) -> None:
        if self.exists():
            with self.keyring_file.update() as keyring:
                keyring.login_language = language


def _maintain_authority(
    db: Database, station: StationDescription, user: User, personal_key: bytes
) -> None:
    """An administrator's password opens the certificate authority: their own certificate if
    they lack one, renewals, a revocation list when due (and a store from before the
    authority existed is sealed now)."""
    authority = StationAuthority.adopt(db, station, user, personal_key, held_lists_to_keep(db))
    if authority is not None:
        # A station CA this authority cannot open (a damaged store) must not keep the
        # administrator out: they only cannot issue.
        with contextlib.suppress(NoIssuingAuthority):
            authority.maintain(user, personal_key, station, UserDirectory(db).all())


def _audit_failed_attempts(audit: AuditLog, failures: list[FailedAttempt]) -> None:
    """The wrong passwords tried since the last sign-in, by the name typed (made safe)."""
    for failure in failures:
        audit.append(
            AuditEvent.LOGIN_FAILED,
            None,
            None,
            {
                "at": failure.at.replace("+00:00", "Z"),
                "attempted": _safe_id(failure.username),
            },
        )


def _recertify_after_reset(
    db: Database,
    audit: AuditLog,
    recovery_key: RecoveryKey,
    user: User,
    personal_key: bytes,
    station: StationDescription,
) -> None:
    """The old personal key is gone with the old password: so is the old signing key,
    revoked; the recovery key's hold on the authority issues the new one."""
    try:
        authority: StationAuthority | None = StationAuthority.open_with_recovery(
            db, recovery_key, held_lists_to_keep(db)
        )
    except NoIssuingAuthority:
        # A store sealed by an administrator's sign-in before the recovery key held the
        # authority: revoked here, listed and re-issued by an administrator.
        authority = None
    StationCertificates(db).revoke_all(user.id, "password_reset")
    StationCertificates(db).forget_revoked_keys(user.id)
    # Before the new certificate: the entry revokes every earlier one.
    audit.append(AuditEvent.PASSWORD_RESET, None, user.username, {"by": "recovery_key"})
    if authority is not None:
        authority.publish_revocations()
        authority.issue_for(user, personal_key, station)
        if user.is_admin:
            authority.grant(user, personal_key)


def _safe_id(username: str) -> str:
    # Attempted usernames are typed by anyone; keep only what an identifier may contain.
    kept = "".join(ch for ch in username if ch.isascii() and (ch.isalnum() or ch in "._-"))
    return kept[:32] or "-"
