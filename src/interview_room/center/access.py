"""Who may open the central office's store: sign-in with a centre user's key slot, the re-keys
a sign-in finishes, and the centre's own audit log (the users themselves and password changes:
``user_accounts.py``).

:class:`CenterAccess` holds the database key in memory while a user is signed in and opens
``center.db`` for them; :class:`~interview_room.center.store.CenterStore` builds the office's
keys and records on it. Only a training centre created without users (synthetic data) keeps
its raw key in ``center.key``; a real centre from before sign-in is moved to slots by
``CenterUserAccounts.set_first_password`` (``user_accounts.py``). A centre with users has two
stores, each under its own key (``key_split.py``): the statistics role holds only the
statistics store's.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from interview_room.center import audit_log
from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.schema import SCHEMA_VERSION, upgrade
from interview_room.center.sign_in import CenterKeyringFile, securely_remove
from interview_room.center.statistics_store import STATISTICS_FILE
from interview_room.center.users import (
    TRAINING_STAND_IN,
    CenterAction,
    CenterActionRefused,
    CenterRole,
    CenterStoreKind,
    CenterUser,
)
from interview_room.errors import InterviewRoomError
from interview_room.store.audit import AuditEntry, AuditVerification, DetailValue
from interview_room.store.database import Database
from interview_room.store.rekey import Rekeyed, StorePresence
from interview_room.store.throttle import FailureCounter

DATABASE_FILE = "center.db"
STATISTICS = CenterStoreKind.STATISTICS
_DUE: dict[str, DetailValue] = {"reason": "due"}
KEY_FILE = "center.key"
_log = logging.getLogger(__name__)


class CenterMissing(InterviewRoomError):
    """No central office has been set up in this folder."""


class CenterSignInRequired(InterviewRoomError):
    """The central office opens only to a signed-in user."""


class CenterPasswordNotSet(InterviewRoomError):
    """A real central office still keeps its key in a plain file: an administrator must set a
    password first (``interview-room center set-password``)."""


class CenterAccess:
    """The central office folder as a signed-in user opens it: ``center.db`` and
    ``center.keyring`` (or, for a training centre without users, ``center.key``). Signed in,
    it holds the database key in memory."""

    def __init__(self, center_dir: Path) -> None:
        self.center_dir = center_dir
        self.database_path = center_dir / DATABASE_FILE
        self.key_path = center_dir / KEY_FILE
        self.keyring_file = CenterKeyringFile(center_dir)
        self.statistics_path = center_dir / STATISTICS_FILE
        self._database_key: bytes | None = None
        """The registry's key (``center.db``); None for a role that does not open it."""
        self._statistics_key: bytes | None = None
        """The statistics store's key; None before the split (statistics read center.db)."""
        self._user: CenterUser | None = None
        self._plain_key_training: bool | None = None
        self._presence: StorePresence | None = None
        """Held while signed in: a re-key waits while another program has the store open."""

    def exists(self) -> bool:
        return self.database_path.exists() and (
            self.keyring_file.exists() or self.key_path.exists()
        )

    # -- sign-in ---------------------------------------------------------------------------

    @property
    def needs_sign_in(self) -> bool:
        """True while nobody is signed in to a centre that has users."""
        return self._user is None and self.keyring_file.exists()

    @property
    def holds_registry_key(self) -> bool:
        """Whether the signed-in user (or a training centre's plain key) opens ``center.db``:
        not the statistics role once the centre is split."""
        return self._database_key is not None or self._user is None or self._user.unrestricted

    @property
    def needs_first_password(self) -> bool:
        """A real centre whose key is still a plain file (from before centre sign-in)."""
        if self._database_key is not None or self.keyring_file.exists():
            return False
        return self.key_path.exists() and not self._plain_key_is_training()

    @property
    def user(self) -> CenterUser:
        """Who is signed in; a training centre without users answers its stand-in, who may do
        everything (synthetic data only)."""
        if self._user is not None:
            return self._user
        if self.needs_sign_in:
            raise CenterSignInRequired(f"Sign in to the central office in {self.center_dir}.")
        if self.needs_first_password:
            raise CenterPasswordNotSet(f"{self.key_path} must be replaced by a password.")
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        return TRAINING_STAND_IN

    def require(self, action: CenterAction) -> CenterUser:
        """The signed-in user, if their role allows ``action`` (else
        :class:`~interview_room.center.users.CenterActionRefused`)."""
        user = self.user
        user.require(action)
        return user

    def sign_in(self, username: str, password: str) -> CenterUser:
        """Open ``username``'s key slot (throttled like a station's sign-in) and keep the
        database key in memory for this object's later calls."""
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        if not self.keyring_file.exists():
            if self.needs_first_password:
                raise CenterPasswordNotSet(f"{self.key_path} must be replaced by a password.")
            raise CenterSignInRequired(f"{self.center_dir} is a training centre without users.")
        from interview_room.center import key_split, rekey

        self.sign_out()
        # Present before the keyring is read: a re-key either sees us or is over by then.
        presence = StorePresence(self.center_dir)
        try:
            # The counter a right password clears: the journal must still hold its failures.
            counted = self.keyring_file.read().failure_counters.get(username.strip().casefold())
            opened = self.keyring_file.sign_in(username, password)
            key = first = None
            if opened.database_key is not None:  # a slot for another store opens nothing
                first = rekey.open_with(self.database_path, opened)
                # A re-key the log says is due, erased from the keyring, is due again.
                rekey.restore_due(self.database_path, first, self.keyring_file)
                key = rekey.settle(self.database_path, self.keyring_file, opened, first, presence)
            statistics, changed = key_split.open_statistics_key(self, opened, presence, key)
            if opened.user.role is CenterRole.STATISTICS:
                # Only the statistics store from now on: the registry's re-key does not wait.
                general, presence = presence, rekey.statistics_presence(self.center_dir)
                general.leave()
        except BaseException:
            presence.leave()
            raise
        self._database_key, self._statistics_key = key, statistics
        self._user, self._presence = opened.user, presence
        # A first password set just before a power cut: the plain key file goes now.
        securely_remove(self.key_path)
        try:
            if key is None:  # the statistics role: the log gets it from the outbox
                self.record(CenterAuditEvent.SIGN_IN)
            else:
                self._take_failures(opened.user.username, counted)
                self._take_away_unexplained_slots()
            # A re-key left due (or cut short) made at this sign-in, for each store.
            for store, made in ((CenterStoreKind.REGISTRY, key != first), (STATISTICS, changed)):
                if made:
                    self.record(CenterAuditEvent.STORE_REKEYED, detail=_DUE | {"store": store})
            if key is not None:
                self._split_or_follow()
        except BaseException:
            self.sign_out()
            raise
        return opened.user

    def _split_or_follow(self) -> None:
        """Signed in with the registry's key: an administrator splits a centre from before
        (``key_split.py``); every such sign-in repairs the statistics store (a cut between
        the registry's commit and its own) and brings in the statistics users' entries."""
        from interview_room.center import key_split

        assert self._database_key is not None
        if self._statistics_key is None and self.user.role is CenterRole.CENTER_ADMIN:
            self._statistics_key = key_split.split(self, self._database_key)
            if self._statistics_key is not None and key_split.needs_registry_rekey(self):
                self._rekey("roles_split", (CenterStoreKind.REGISTRY,))
        try:  # a statistics store that cannot be followed is built again (key_split.follow)
            self.follow_statistics()
        except (sqlcipher3.Error, OSError, ValueError, TypeError, KeyError, InterviewRoomError):
            # Even that failed (a full disk, say): the sign-in is not refused for it.
            _log.warning("statistics store not followed at sign-in", exc_info=False)

    def follow_statistics(self, *, after_commit: bool = False) -> None:
        """Bring the statistics store up to the registry (after an import, a conflict
        resolved, at sign-in); nothing for a user without both keys or before the split.
        ``after_commit``: the registry's change is committed and must not turn into an error
        (a full disk, a store locked): the next sign-in, import or statistics follow it."""
        from interview_room.center import key_split

        if self._database_key is None or self._statistics_key is None:
            return
        try:
            # The counts are compared at sign-in and when the figures open, not after each import.
            key_split.follow(self, self._database_key, self._statistics_key, not after_commit)
        except (sqlcipher3.Error, OSError):
            if not after_commit:
                raise

    def open_statistics(self) -> Database:
        """The store the statistics and the summary read: ``center-statistics.db`` once the
        centre is split (brought up to the registry first for a user who holds both keys),
        else ``center.db`` (every record coded first)."""
        from interview_room.center import key_split
        from interview_room.center.coded_cases import ensure_coded

        if self._statistics_key is None:
            db = self.open()
            try:
                ensure_coded(db)
            except BaseException:
                db.close()
                raise
            return db
        self.follow_statistics()
        return key_split.open_statistics(self, self._statistics_key)

    def _take_away_unexplained_slots(self) -> None:
        """Compare ``center.keyring``'s slots with the users the audit log added and did not
        remove: a slot nobody added there (planted by someone who held the database key) is
        taken away and logged, before a re-key could seal the new key to it. Someone who also
        rewrites the log is not caught (decision 0011)."""
        if not self.keyring_file.exists():
            return
        db = self.open()
        try:
            holders = audit_log.key_holders(db)
            with self.keyring_file.update() as keyring:
                taken = keyring.drop_unexplained(holders.explain, self.user.username)
            for name in taken:  # a name written by hand may not be an id: logged unnamed
                named = name if audit_log.is_identifier(name) else None
                audit_log.append(db, CenterAuditEvent.SLOT_UNEXPLAINED, None, named)
            if taken:
                self.move_audit_anchor(db, len(taken))
        finally:
            db.close()

    def _take_failures(self, username: str, counted: FailureCounter | None = None) -> None:
        """Log the failed sign-ins the keyring holds, then this sign-in; the keyring keeps
        only the journal's head and the log's new anchor. ``counted``: the user's own counter
        as it was before this sign-in cleared it."""
        db = self.open()
        try:
            with self.keyring_file.update() as keyring:
                counters = dict(keyring.failure_counters)
                if counted is not None:
                    counters[username] = counted
                with db.transaction():
                    added = audit_log.take_failures(
                        db, keyring.failures, username, datetime.now(UTC), counters
                    )
                keyring.failures = keyring.failures.taken()
                keyring.audit_anchor = audit_log.advance_anchor(db, keyring.audit_anchor, added)
        finally:
            db.close()

    # -- the centre's audit log (center/audit_log.py) ---------------------------------------

    def record(
        self,
        event: CenterAuditEvent,
        subject: str | None = None,
        detail: dict[str, DetailValue] | None = None,
    ) -> None:
        """One entry in the centre's audit log by the signed-in user, and the anchor moved
        (for a user without the registry's key: into the statistics store's outbox, taken into
        the log at the next sign-in of one who holds both keys)."""
        actor = self.user.username
        if self._database_key is None and self._statistics_key is not None:
            from interview_room.center import key_split, statistics_store

            stats = key_split.open_statistics(self, self._statistics_key)
            try:
                moment = datetime.now(UTC)
                statistics_store.add_to_outbox(stats, event, actor, subject, detail, moment)
            finally:
                stats.close()
            return
        db = self.open()
        try:
            audit_log.append(db, event, actor, subject, detail)
            self.move_audit_anchor(db)
        finally:
            db.close()

    def move_audit_anchor(self, db: Database, appended: int = 1) -> None:
        """After ``appended`` entries were added through ``db``: take in the failed sign-ins
        made meanwhile (so a program that stays signed in, the receiver, logs them at its next
        logged action) and keep the new head in the keyring (a training centre without users
        has none)."""
        if self.keyring_file.exists():
            with self.keyring_file.update() as keyring:
                with db.transaction():
                    appended += audit_log.take_failures(
                        db, keyring.failures, None, datetime.now(UTC), keyring.failure_counters
                    )
                keyring.failures = keyring.failures.taken()
                keyring.audit_anchor = audit_log.advance_anchor(db, keyring.audit_anchor, appended)

    def verify_audit(self) -> AuditVerification:
        """Walk the centre's audit log against the keyring's anchor (administrators)."""
        self.require(CenterAction.AUDIT)
        anchored = self.keyring_file.exists()
        anchor = self.keyring_file.read().audit_anchor if anchored else None
        db = self.open()
        try:
            return audit_log.verify(db, anchor, anchored)
        finally:
            db.close()

    def audit_entries(self) -> list[AuditEntry]:
        self.require(CenterAction.AUDIT)
        db = self.open()
        try:
            return audit_log.entries(db)
        finally:
            db.close()

    def sign_out(self) -> None:
        self._database_key, self._statistics_key, self._user = None, None, None
        if self._presence is not None:
            self._presence.leave()
            self._presence = None

    def _rekey(self, reason: str, stores: tuple[CenterStoreKind, ...]) -> Rekeyed:
        """A new key for each of ``stores``, sealed to every remaining user who holds it
        (``center/rekey.py``), or a re-key recorded as due while another program has the
        centre open. Returns the first store's left due, else the last store's."""
        from interview_room.center import rekey

        if self._database_key is not None:
            self._take_away_unexplained_slots()
        made: list[Rekeyed] = []
        for store in stores:
            if store is CenterStoreKind.REGISTRY:
                assert self._database_key is not None
                done = rekey.rotate(
                    self.database_path,
                    self._database_key,
                    self.keyring_file,
                    self._presence,
                    reason,
                )
                self._database_key = done.database_key
            else:
                assert self._statistics_key is not None
                done = rekey.rotate(
                    self.statistics_path,
                    self._statistics_key,
                    self.keyring_file,
                    self._presence,
                    reason,
                    store,
                )
                self._statistics_key = done.database_key
            self._record_rekey(done, reason, store)
            made.append(done)
        return next((done for done in made if not done.done), made[-1])

    def _record_rekey(self, done: Rekeyed, reason: str, store: CenterStoreKind) -> None:
        if done.done:
            self.record(
                CenterAuditEvent.STORE_REKEYED, detail={"reason": reason, "store": store.value}
            )
        else:
            self.record(
                CenterAuditEvent.STORE_REKEY_DUE,
                detail={"reason": reason, "waiting": len(done.waiting_for), "store": store.value},
            )

    def _plain_key_is_training(self) -> bool:
        """Whether the store under the plain key file has a training root (a training centre)."""
        if self._plain_key_training is None:
            from cryptography import x509

            from interview_room.signing.pki import TRAINING_MARK

            db = Database.open(self.database_path, self.key_path.read_bytes())
            try:
                row = db.one("SELECT public FROM center_keys WHERE kind = 'root'")
            finally:
                db.close()
            self._plain_key_training = row is not None and TRAINING_MARK in (
                x509.load_der_x509_certificate(bytes(row[0])).subject.rfc4514_string()
            )
        return self._plain_key_training

    def _key(self) -> bytes:
        if self._database_key is not None:
            return self._database_key
        if self._user is not None:  # signed in with the statistics key only
            raise CenterActionRefused(self._user.role, CenterAction.REGISTRY)
        if not self.exists():
            raise CenterMissing(f"No central office is set up in {self.center_dir}.")
        if self.keyring_file.exists():
            raise CenterSignInRequired(f"Sign in to the central office in {self.center_dir}.")
        if not self._plain_key_is_training():
            raise CenterPasswordNotSet(f"{self.key_path} must be replaced by a password.")
        return self.key_path.read_bytes()

    def open(self) -> Database:
        """The store, for the signed-in user (or a training centre's plain key file)."""
        db = Database.open(self.database_path, self._key())
        if db.schema_version < SCHEMA_VERSION:
            try:
                upgrade(db)
            except BaseException:
                db.close()
                raise
        return db
