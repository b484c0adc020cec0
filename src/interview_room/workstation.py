"""A workstation: the encrypted store and its keyring in one data folder, and who is signed in.

``Workstation`` is what exists before anyone logs in (set up, describe, unlock, recover).
``Session`` is what a successful unlock yields: the open store, the signed-in user, and the
actions that user may take. The GUI and the command line both go through these two classes.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from interview_room.accounts import (
    LastAdministrator,
    NotPermitted,
    Role,
    UnknownUser,
    User,
    UserDirectory,
    check_password_strength,
    check_username,
)
from interview_room.cases.register import CaseRegister, CaseSummary
from interview_room.errors import InterviewRoomError
from interview_room.files import exclusive_lock, private_dir, remove_interrupted_writes
from interview_room.settings import (
    StationSettings,
    read_settings,
    write_idle_lock_minutes,
    write_retention_days,
)
from interview_room.station_folder import (
    StationDescription,
    StationFolder,
)
from interview_room.store.audit import AuditEvent, AuditLog, AuditVerification
from interview_room.store.authority import NoIssuingAuthority, StationAuthority
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.store.keyring import (
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
    rotate_database_key,
    settle_interrupted_rekey,
)
from interview_room.store.throttle import UnlockThrottled

if TYPE_CHECKING:
    from interview_room.interview.personal_data import UnstoredCase

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
                    # An administrator's password opens the certificate authority: their own
                    # certificate if they lack one, renewals, a revocation list when due (and
                    # a store from before the authority existed is sealed now).
                    authority = StationAuthority.adopt(db, current.station, user, keys.personal_key)
                    if authority is not None:
                        # A station CA this authority cannot open (a damaged store) must not
                        # keep the administrator out: they only cannot issue.
                        with contextlib.suppress(NoIssuingAuthority):
                            authority.maintain(user, keys.personal_key, current.station)
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
            check_password_strength(new_password, _own_words(keyring.station, user))
            keys = UnlockedKeys(database_key, secrets.token_bytes(32))
            kdf = (
                keyring.slots[user.username].kdf
                if user.username in keyring.slots
                else DEFAULT_ARGON2
            )
            with self.keyring_file.update() as current:
                audit = AuditLog(db)
                with db.transaction():
                    # The old personal key is gone with the old password: so is the old
                    # signing key, revoked.
                    try:
                        authority: StationAuthority | None = StationAuthority.open_with_recovery(
                            db, recovery_key
                        )
                    except NoIssuingAuthority:
                        # A store sealed by an administrator's sign-in before the recovery key
                        # held the authority: revoked here, listed and re-issued by an
                        # administrator.
                        authority = None
                    StationCertificates(db).revoke_all(user.id, "password_reset")
                    if authority is not None:
                        authority.publish_revocations()
                        authority.issue_for(user, keys.personal_key, current.station)
                        if user.is_admin:
                            authority.grant(user, keys.personal_key)
                    audit.append(
                        AuditEvent.PASSWORD_RESET, None, user.username, {"by": "recovery_key"}
                    )
                current.set_password_slot(user.username, new_password, keys, kdf)
                if current.recovery_holder is None:  # a recovery slot from before re-keying
                    current.set_recovery(recovery_key, database_key)
                current.clear_failures(user.username)
                current.audit_anchor = audit.advance_anchor(current.audit_anchor)
            # A copy of the old slot, with the old password, must not open the store.
            _rotate(self, db, database_key, presence, "password_reset", None)
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
                return _rotate(self, db, database_key, presence, due, None)
            finally:
                db.close()
        finally:
            presence.leave()

    def remember_login_language(self, language: str) -> None:
        if self.exists():
            with self.keyring_file.update() as keyring:
                keyring.login_language = language


def _rotate(
    workstation: Workstation,
    db: Database,
    database_key: bytes,
    presence: StorePresence | None,
    reason: str,
    actor: str | None,
    audit_waiting: bool = True,
) -> Rekeyed:
    """Re-key the store (``store/rekey.py``) and audit what happened (that it is left due
    only when ``audit_waiting``)."""
    result = rotate_database_key(
        db, database_key, workstation.keyring_file, workstation.sign_in_lock, presence, reason
    )
    if not (result.done or audit_waiting):
        return result
    audit = AuditLog(db)
    audit.append(
        AuditEvent.STORE_REKEYED if result.done else AuditEvent.STORE_REKEY_DUE,
        actor,
        None,
        {"reason": reason, "waiting_for": "+".join(result.waiting_for) or None},
    )
    with workstation.keyring_file.update() as keyring:
        keyring.audit_anchor = audit.advance_anchor(keyring.audit_anchor)
    return result


def _own_words(station: StationDescription, user: User) -> tuple[str, ...]:
    """What a guesser who knows the station tries first for this user's password."""
    return (station.name, station.code, user.username, user.display_name)


def _safe_id(username: str) -> str:
    # Attempted usernames are typed by anyone; keep only what an identifier may contain.
    kept = "".join(ch for ch in username if ch.isascii() and (ch.isalnum() or ch in "._-"))
    return kept[:32] or "-"


class Session:
    """One signed-in user with the store open. Every action here is audited."""

    def __init__(
        self,
        workstation: Workstation,
        db: Database,
        user: User,
        keys: UnlockedKeys,
        kdf: Argon2Params,
        presence: StorePresence | None = None,
    ) -> None:
        self.workstation = workstation
        self._presence = presence
        self.db = db
        self.user = user
        self.keys = keys
        self._kdf = kdf
        self.audit = AuditLog(db)
        self.users = UserDirectory(db)
        self.station: StationDescription = workstation.keyring_file.read().station
        self.unstored: dict[str, UnstoredCase] = {}
        """By case id, what interviews without consent to keeping a record hold in memory
        only (``interview/personal_data.py``); forgotten when the session ends."""
        self._open = True

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def cases(self) -> CaseRegister:
        return CaseRegister(self.db, self.station.code)

    def open_case(self, case_id: str) -> CaseSummary:
        """Return a case for viewing; every opening is written to the audit log."""
        case = self.cases.get(case_id)
        self.audit.append(AuditEvent.CASE_OPENED, self.user.username, case.code)
        return case

    def settings(self) -> StationSettings:
        return read_settings(self.db)

    def fork(self) -> Session:
        """The same user on a second connection to the store, for work on another thread (a
        background upload): a connection is never shared between threads, so neither side
        can slip a statement into the other's transaction. Close it with :meth:`close_fork`."""
        presence = StorePresence(self.workstation.data_dir)
        try:
            db = Database.open(self.workstation.database_path, self.keys.database_key)
        except BaseException:
            presence.leave()
            raise
        return Session(self.workstation, db, self.user, self.keys, self._kdf, presence)

    def close_fork(self) -> None:
        """Close a forked connection without signing the user out."""
        self.db.close()
        self._leave()
        self._open = False

    def _leave(self) -> None:
        if self._presence is not None:
            self._presence.leave()
            self._presence = None

    def rotate_database_key(self, reason: str, audit_waiting: bool = True) -> Rekeyed:
        """Give the store a new database key and every remaining holder that key
        (``store/rekey.py``); left due (and audited so when ``audit_waiting``) while another
        connection has the store open or a slot from before re-keying remains."""
        result = _rotate(
            self.workstation,
            self.db,
            self.keys.database_key,
            self._presence,
            reason,
            self.user.username,
            audit_waiting,
        )
        self.keys = self.keys.settled(result.database_key)
        return result

    # -- ending ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the store and forget the keys; coming back needs the password again."""
        self._end(AuditEvent.LOCK)

    def logout(self) -> None:
        self._end(AuditEvent.LOGOUT)

    def _end(self, event: AuditEvent) -> None:
        if not self._open:
            return
        self.audit.append(event, self.user.username)
        with self.workstation.keyring_file.update() as keyring:
            keyring.audit_anchor = self.audit.advance_anchor(keyring.audit_anchor)
        self.db.close()
        self._leave()
        self.unstored.clear()
        self._open = False

    # -- the signed-in user's own account ---------------------------------------------------

    def change_password(self, current_password: str, new_password: str) -> None:
        """Give this user a new slot under a new password, then a new database key for every
        holder (``store/rekey.py``). The current password is checked like a sign-in: a wrong
        one is counted and the same growing delay applies."""
        check_password_strength(new_password, _own_words(self.station, self.user))
        self.workstation.confirm_password(self.user.username, current_password)  # proves it is them
        with self.workstation.keyring_file.update() as current:
            current.set_password_slot(self.user.username, new_password, self.keys, self._kdf)
            self.audit.append(AuditEvent.PASSWORD_CHANGED, self.user.username, self.user.username)
            current.audit_anchor = self.audit.advance_anchor(current.audit_anchor)
        # The old slot, copied with the old password, opens only the old database key.
        self.rotate_database_key("password_changed")

    def set_language(self, language: str) -> None:
        with self.db.transaction():
            self.user = self.users.set_language(self.user, language)
        self.workstation.remember_login_language(language)

    def set_high_contrast(self, on: bool) -> None:
        """Remember this user's choice of high contrast for their next sign-ins."""
        with self.db.transaction():
            self.user = self.users.set_high_contrast(self.user, on)

    # -- administration --------------------------------------------------------------------

    def add_user(self, username: str, display_name: str, role: Role, password: str) -> User:
        """Add a user whose password they type themselves at this PC. Their signing certificate
        is issued now, by the certificate authority this administrator's password opened
        (:class:`NoIssuingAuthority` if it does not); a new administrator holds it too."""
        self._require_admin()
        check_password_strength(
            password, (self.station.name, self.station.code, username, display_name)
        )
        personal = UnlockedKeys(self.keys.database_key, secrets.token_bytes(32))
        with self.db.transaction():
            authority = StationAuthority.open(self.db, self.user, self.keys.personal_key)
            user = self.users.add(username, display_name, role, self.user.username)
            self.audit.append(
                AuditEvent.USER_ADDED, self.user.username, user.username, {"role": role.value}
            )
            authority.issue_for(user, personal.personal_key, self.station)
            if user.is_admin:
                authority.grant(user, personal.personal_key)
        with self.workstation.keyring_file.update() as keyring:
            keyring.set_password_slot(user.username, password, personal, self._kdf)
            keyring.audit_anchor = self.audit.advance_anchor(keyring.audit_anchor)
        return user

    def issue_certificate(self, username: str, password: str) -> None:
        """Issue a colleague a new signing certificate, its key wrapped under their own personal
        key: they type their password here (checked like a sign-in), this administrator's
        opened the certificate authority. For a colleague with none (a reset the recovery key
        could not issue for, a store from before the authority), or whose key is lost; their
        other live certificates are revoked. A colleague who is an administrator is given a
        hold on the authority too."""
        self._require_admin()
        user = self.users.find(username)
        if user is None:
            raise UnknownUser(username)
        keys = self.workstation.confirm_password(user.username, password)
        with self.db.transaction():
            authority = StationAuthority.open(self.db, self.user, self.keys.personal_key)
            StationCertificates(self.db).revoke_all(user.id, "reissued")
            authority.issue_for(user, keys.personal_key, self.station)
            authority.publish_revocations()
            if user.is_admin:
                authority.grant(user, keys.personal_key)
        with self.workstation.keyring_file.update() as keyring:
            keyring.audit_anchor = self.audit.advance_anchor(keyring.audit_anchor)

    def certificate_valid_until(self, user_id: str) -> str | None:
        """The last day (UTC, YYYY-MM-DD) of the user's usable signing certificate, or None."""
        record = StationCertificates(self.db).current_for(user_id)
        return None if record is None else record.not_after[:10]

    def disable_user(self, username: str) -> None:
        """Disable a user, remove their key slot and give the store a new database key: their
        password opens nothing any more, not even a copy of the slot they kept."""
        self._require_admin()
        user = self.users.find(username)
        if user is None:
            raise UnknownUser(username)
        if user.is_admin and self.users.active_admins() <= 1:
            raise LastAdministrator()
        with self.db.transaction():
            self.users.disable(user, self.user.username)
            revoked = StationCertificates(self.db).revoke_all(user.id, "user_disabled")
            StationAuthority.withdraw(self.db, user.id)
            # The revocation list names them at once, so a signature made with a kept copy of
            # their key is refused wherever the list travels (an administrator who does not
            # hold the authority leaves that to the next holder's sign-in).
            with contextlib.suppress(NoIssuingAuthority):
                StationAuthority.open(
                    self.db, self.user, self.keys.personal_key
                ).publish_revocations()
            self.audit.append(
                AuditEvent.USER_DISABLED,
                self.user.username,
                user.username,
                {"certificates_revoked": revoked},
            )
        with self.workstation.keyring_file.update() as keyring:
            keyring.remove_slot(user.username)
            keyring.audit_anchor = self.audit.advance_anchor(keyring.audit_anchor)
        # A copy of their slot kept from before opens only the old database key.
        self.rotate_database_key("user_disabled")

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self._require_admin()
        with self.db.transaction():
            write_idle_lock_minutes(self.db, minutes)
            self.audit.append(
                AuditEvent.SETTINGS_CHANGED,
                self.user.username,
                None,
                {"idle_lock_minutes": minutes},
            )

    def set_retention_days(self, days: int) -> None:
        self._require_admin()
        with self.db.transaction():
            write_retention_days(self.db, days)
            self.audit.append(
                AuditEvent.SETTINGS_CHANGED, self.user.username, None, {"retention_days": days}
            )

    def verify_audit(self) -> AuditVerification:
        return self.audit.verify(self.workstation.keyring_file.read().audit_anchor)

    def _require_admin(self) -> None:
        if not self.user.is_admin:
            raise NotPermitted("Only a station administrator may do this.")
