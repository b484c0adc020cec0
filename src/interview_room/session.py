"""A signed-in user with the store open: what a successful unlock of a ``Workstation``
(``workstation.py``) yields, and the actions that user may take, every one audited.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_room.accounts import (
    LastAdministrator,
    NotPermitted,
    Role,
    UnknownUser,
    User,
    UserDirectory,
    check_password_strength,
)
from interview_room.cases.register import CaseRegister, CaseSummary
from interview_room.settings import (
    StationSettings,
    read_settings,
    write_duty_phone,
    write_idle_lock_minutes,
    write_retention_days,
)
from interview_room.station_folder import StationDescription
from interview_room.store.audit import AuditEvent, AuditLog, AuditVerification
from interview_room.store.authority import (
    RECOVERY_HOLDER,
    NoIssuingAuthority,
    StationAuthority,
    rotate_personal_key,
)
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.store.kdf import Argon2Params
from interview_room.store.keyring import RecoveryKeyInvalid, UnlockedKeys
from interview_room.store.recovery_key import RecoveryKey
from interview_room.store.rekey import Rekeyed, StorePresence, rotate_database_key
from interview_room.sync.centre_revocations import held_lists_to_keep

if TYPE_CHECKING:
    from interview_room.interview.personal_data import UnstoredCase
    from interview_room.workstation import Workstation


@dataclass(frozen=True)
class PasswordChanged:
    """What a password change did beyond the password."""

    can_sign: bool
    """A new signing certificate was issued at once (an administrator holding the authority);
    otherwise the old one is revoked and an administrator must issue one before the next
    signature."""
    rekeyed: bool
    """The database key changed now (False: left due until the store is free)."""


@dataclass(frozen=True)
class RecoveryUpgrade:
    """What typing the recovery key did (:meth:`Session.upgrade_recovery`)."""

    slot_moved: bool
    """The recovery slot was from before re-keying and is now one a re-key reaches."""
    authority_granted: bool
    """The recovery key now holds the certificate authority (it did not)."""
    rekeyed: bool | None
    """None: no re-key was waiting; True: the waiting re-key was made; False: still waiting
    (another connection has the store open, or a colleague's slot from before re-keying)."""


def rotate_and_audit(
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


def own_words(station: StationDescription, user: User) -> tuple[str, ...]:
    """What a guesser who knows the station tries first for this user's password."""
    return (station.name, station.code, user.username, user.display_name)


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
        result = rotate_and_audit(
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

    def change_password(self, current_password: str, new_password: str) -> PasswordChanged:
        """Give this user a new slot under a new password and a new personal key, then a new
        database key for every holder (``store/rekey.py``). The current password is checked
        like a sign-in: a wrong one is counted and the same growing delay applies.

        The signing key goes with the old personal key (``authority.rotate_personal_key``):
        the old certificates are revoked; an administrator who holds the certificate authority
        gets a new key and certificate at once, anyone else once an administrator issues one
        (``PasswordChanged.can_sign`` says which)."""
        check_password_strength(new_password, own_words(self.station, self.user))
        if StationAuthority.held_by(self.db, self.user.id):  # the change would issue her one
            _refuse_issue_after_centre_revocation(self.db, self.user.id, self.user.username)
        self.workstation.confirm_password(self.user.username, current_password)  # proves it is them
        renewed = UnlockedKeys(self.keys.database_key, secrets.token_bytes(32))
        with self.workstation.keyring_file.update() as current:
            with self.db.transaction():
                # The entry comes before any new certificate: it revokes every earlier one.
                issued = rotate_personal_key(
                    self.db,
                    self.user,
                    self.keys.personal_key,
                    renewed.personal_key,
                    self.station,
                    lambda issues: self.audit.append(
                        AuditEvent.PASSWORD_CHANGED,
                        self.user.username,
                        self.user.username,
                        {"signing_certificate_issued": issues},
                    ),
                    held_lists_to_keep(self.db),
                )
            current.set_password_slot(self.user.username, new_password, renewed, self._kdf)
            current.audit_anchor = self.audit.advance_anchor(current.audit_anchor)
        self.keys = renewed
        # The old slot, copied with the old password, opens only the old database key.
        rekeyed = self.rotate_database_key("password_changed")
        return PasswordChanged(can_sign=issued, rekeyed=rekeyed.done)

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
            authority = self._open_authority()
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
        _refuse_issue_after_centre_revocation(self.db, user.id, user.username)
        keys = self.workstation.confirm_password(user.username, password)
        with self.db.transaction():
            authority = self._open_authority()
            StationCertificates(self.db).revoke_all(user.id, "reissued")
            authority.issue_for(user, keys.personal_key, self.station)
            authority.publish_revocations()
            if user.is_admin:
                authority.grant(user, keys.personal_key)
        with self.workstation.keyring_file.update() as keyring:
            keyring.audit_anchor = self.audit.advance_anchor(keyring.audit_anchor)

    def recovery_key_wanted(self) -> bool:
        """Whether typing the recovery key once would change something
        (:meth:`upgrade_recovery`): a recovery slot from before re-keying, or a recovery key
        that does not hold the certificate authority."""
        keyring = self.workstation.keyring_file.read()
        return keyring.recovery_holder is None or not StationAuthority.held_by(
            self.db, RECOVERY_HOLDER
        )

    def upgrade_recovery(self, recovery_key: RecoveryKey) -> RecoveryUpgrade:
        """An administrator types the recovery key from the safe: it is checked against this
        store (:class:`RecoveryKeyInvalid` otherwise); a recovery slot from before re-keying is
        rewritten so a re-key reaches it, and a re-key that waited for it is made now (on this
        connection, unless another has the store open); a recovery key without a hold on the
        certificate authority is given one when this administrator holds it."""
        self._require_admin()
        keyring = self.workstation.keyring_file.read()
        opened = keyring.open_recovery_keys(recovery_key)
        if self.keys.database_key not in opened.candidates:
            raise RecoveryKeyInvalid()  # a recovery slot put in from another store
        moved = keyring.recovery_holder is None
        granted = False
        with self.db.transaction():
            if not StationAuthority.held_by(self.db, RECOVERY_HOLDER):
                with contextlib.suppress(NoIssuingAuthority):
                    authority = self._open_authority()
                    authority.grant_recovery(recovery_key)
                    granted = True
            self.audit.append(
                AuditEvent.SETTINGS_CHANGED,
                self.user.username,
                None,
                {"recovery_slot_moved": moved, "recovery_holds_authority": granted},
            )
        with self.workstation.keyring_file.update() as current:
            if current.recovery_holder is None:
                current.set_recovery(recovery_key, self.keys.database_key)
            due = current.rekey_due
            current.audit_anchor = self.audit.advance_anchor(current.audit_anchor)
        rekeyed = None if due is None else self.rotate_database_key(due).done
        return RecoveryUpgrade(moved, granted, rekeyed)

    def revoked_by_central_office(self, user_id: str) -> bool:
        """Whether the centre's held revocations name this user's live certificate and this
        store does not (restored from an older copy): the Users window says so, and no new
        certificate is issued (attacker 9, B5)."""
        from interview_room.sync.centre_revoked_certificates import revoked_by_centre

        return revoked_by_centre(self.db, user_id)

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
                self._open_authority().publish_revocations()
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

    def set_duty_phone(self, phone: str) -> None:
        """The station's duty telephone, printed on every referral form (empty: none)."""
        self._require_admin()
        before = self.settings().duty_phone
        with self.db.transaction():
            phone = write_duty_phone(self.db, phone)
            # The station's number, not a person's: the log says what it was and what it is
            # (its digits: the log's details are codes, attacker 9, B1).
            self.audit.append(
                AuditEvent.SETTINGS_CHANGED,
                self.user.username,
                None,
                {"duty_phone": _digits(phone), "duty_phone_before": _digits(before)},
            )

    def verify_audit(self) -> AuditVerification:
        return self.audit.verify(self.workstation.keyring_file.read().audit_anchor)

    def _require_admin(self) -> None:
        if not self.user.is_admin:
            raise NotPermitted("Only a station administrator may do this.")

    def _open_authority(self) -> StationAuthority:
        """The certificate authority as this administrator holds it, with the revocation lists
        held from the centre: every list it signs keeps their serials of its own CA."""
        return StationAuthority.open(
            self.db, self.user, self.keys.personal_key, held_lists_to_keep(self.db)
        )


def _refuse_issue_after_centre_revocation(db: Database, user_id: str, username: str) -> None:
    from interview_room.sync.centre_revoked_certificates import (
        refuse_issue_after_centre_revocation,
    )

    refuse_issue_after_centre_revocation(db, user_id, username)


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit() or c == "+")
