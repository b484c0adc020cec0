"""The central office's users, changed by a signed-in administrator (each their own password):
the first administrator of a centre whose key was a plain file, adding and removing users, and
changing a password, each with the re-key it brings and its entry in the centre's audit log.
Signing in and opening the stores is ``access.py``; the slots themselves ``keyring.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_room.center import audit_log
from interview_room.center.access import CenterAccess, CenterMissing, CenterSignInRequired
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.keyring import CenterKeyring
from interview_room.center.schema import SCHEMA_VERSION, upgrade
from interview_room.center.users import CenterAction, CenterRole, CenterUser
from interview_room.files import exclusive_lock
from interview_room.store.database import Database
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.store.rekey import Rekeyed


@dataclass(frozen=True)
class NewCenterUser:
    """A user to be given a key slot: the password is held only until the slot is made."""

    username: str
    display_name: str
    password: str
    role: CenterRole = CenterRole.CENTER_ADMIN

    def __repr__(self) -> str:
        return f"NewCenterUser({self.username!r}, <hidden>)"


class CenterUserAccounts(CenterAccess):
    """A signed-in central office whose users can be listed and changed (administrators) and
    whose user can change their own password."""

    def set_first_password(
        self, admin: NewCenterUser, kdf: Argon2Params = DEFAULT_ARGON2
    ) -> CenterUser:
        """Move a centre whose key is a plain file to key slots: ``admin`` becomes its first
        administrator, signed in. The order survives a power cut at any step: the slot file is
        written and flushed, checked to open the store, and only then is the plain key file
        overwritten and removed (a slot file beside a key file is finished at next sign-in)."""
        if self.keyring_file.exists():
            raise CenterSignInRequired(f"{self.center_dir} already has users: sign in.")
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        key = self.key_path.read_bytes()
        training = self._plain_key_is_training()  # also proves the key opens the store
        keyring = CenterKeyring.new(training)
        # The log a training centre kept without users is anchored from now on.
        db = Database.open(self.database_path, key)
        try:
            if db.schema_version < SCHEMA_VERSION:
                upgrade(db)
            keyring.audit_anchor = audit_log.head(db)
        finally:
            db.close()
        keyring.add_user(
            admin.username,
            admin.display_name,
            CenterRole.CENTER_ADMIN,
            admin.password,
            key,
            kdf,
            created_by=None,
        )
        with exclusive_lock(self.keyring_file.lock_path):
            if self.keyring_file.exists():  # another administrator was quicker
                raise CenterSignInRequired(f"{self.center_dir} already has users: sign in.")
            self.keyring_file.write(keyring)
        user = self.sign_in(admin.username, admin.password)
        self.record(CenterAuditEvent.FIRST_PASSWORD_SET)
        return user

    def users(self) -> list[CenterUser]:
        self.require(CenterAction.MANAGE_USERS)
        return self.keyring_file.read().users() if self.keyring_file.exists() else []

    def add_user(self, new: NewCenterUser, kdf: Argon2Params = DEFAULT_ARGON2) -> CenterUser:
        """Give ``new`` a key slot (administrators only)."""
        admin = self.require(CenterAction.MANAGE_USERS)
        if self._database_key is None:  # a training centre's stand-in has no keyring
            raise CenterSignInRequired("Users are added by a signed-in administrator.")
        with self.keyring_file.update() as keyring:
            added = keyring.add_user(
                new.username,
                new.display_name,
                new.role,
                new.password,
                self._database_key,
                kdf,
                created_by=admin.username,
                statistics_key=self._statistics_key,
            )
        self.record(CenterAuditEvent.USER_ADDED, added.username, {"role": added.role.value})
        return added

    def remove_user(self, username: str) -> Rekeyed:
        """Take ``username``'s key slot away (administrators only; never the last one) and
        re-key the store, so a copy of their slot opens nothing (the re-key waits, as
        :attr:`Rekeyed.waiting_for` says, while another program has the store open)."""
        self.require(CenterAction.MANAGE_USERS)
        if self._database_key is None:
            raise CenterSignInRequired("Users are removed by a signed-in administrator.")
        with self.keyring_file.update() as keyring:
            removed = keyring.slots.get(username.strip().casefold())
            stores = keyring.stores_of(removed.role if removed else CenterRole.CENTER_ADMIN)
            keyring.remove_user(username)
        self.record(CenterAuditEvent.USER_REMOVED, username.strip().casefold())
        # Only the keys the removed user held change: a statistics user's, the statistics key.
        return self._rekey("user_removed", stores)

    def change_password(
        self, old_password: str, new_password: str, kdf: Argon2Params = DEFAULT_ARGON2
    ) -> Rekeyed:
        """Give the signed-in user a new password (and key pair), then re-key the store so
        the old password with an old copy of the keyring opens nothing. The old password is
        tried as at a sign-in (the same growing wait, the failure logged at once):
        :class:`~interview_room.center.sign_in.CenterWrongPassword` for a wrong one,
        :class:`~interview_room.store.throttle.UnlockThrottled` while a wait runs."""
        from interview_room.center.sign_in import CenterWrongPassword

        user = self.user
        if self._database_key is None and self._statistics_key is None:
            raise CenterSignInRequired("A password is changed by a signed-in user.")
        try:
            self.keyring_file.change_password(
                user.username,
                old_password,
                new_password,
                self._database_key,
                kdf,
                statistics_key=self._statistics_key,
            )
        except CenterWrongPassword:
            if self._database_key is not None:  # signed in: the failure goes into the log now
                db = self.open()
                try:
                    self.move_audit_anchor(db, 0)
                finally:
                    db.close()
            raise
        self.record(CenterAuditEvent.PASSWORD_CHANGED, user.username)
        stores = self.keyring_file.read().stores_of(user.role)
        return self._rekey("password_changed", stores)
