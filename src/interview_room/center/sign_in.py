"""Signing in to the central office: ``center.keyring`` on disk (its content is
``keyring.py``), read, and changed under the sign-in lock. Passwords are tried one at a time
across processes, under that lock, as at a station: the wait is read, the password tried and
a failure counted together.

A training centre created without users keeps its key in ``center.key`` (synthetic data only);
a real centre from before sign-in existed is moved to slots by
``CenterUserAccounts.set_first_password`` (``user_accounts.py``); the plain key file is then
removed with :func:`securely_remove`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from interview_room.center.keyring import CenterKeyring
from interview_room.center.keyring_document import CenterKeyringError
from interview_room.center.slots import OpenedSlot
from interview_room.files import atomic_write_bytes, exclusive_lock, fsync_dir
from interview_room.store.kdf import KEY_BYTES, Argon2Params
from interview_room.store.keyring import WrongPassword
from interview_room.store.throttle import UnlockThrottled

KEYRING_FILE = "center.keyring"
SIGN_IN_LOCK = "center.sign-in.lock"


class CenterWrongPassword(WrongPassword):
    """A wrong centre password; the next attempt for this username waits
    ``retry_after_seconds``."""

    def __init__(self, retry_after_seconds: float) -> None:
        super().__init__()
        self.retry_after_seconds = retry_after_seconds


class CenterKeyringFile:
    """``center.keyring`` on disk: read, and read-modify-write under the sign-in lock."""

    def __init__(self, center_dir: Path) -> None:
        self.path = center_dir / KEYRING_FILE
        self.lock_path = center_dir / SIGN_IN_LOCK

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> CenterKeyring:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise CenterKeyringError(f"No keyring at {self.path}.") from None
        return CenterKeyring.from_bytes(data, self.path)

    def write(self, keyring: CenterKeyring) -> None:
        atomic_write_bytes(self.path, keyring.to_bytes())

    @contextlib.contextmanager
    def update(self) -> Iterator[CenterKeyring]:
        """The current keyring, saved when the block ends without error."""
        with exclusive_lock(self.lock_path):
            keyring = self.read()
            yield keyring
            self.write(keyring)

    def sign_in(
        self,
        username: str,
        password: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> OpenedSlot:
        """The user and the database key(s) for ``username``'s password.

        One password at a time across processes: the wait is read, the password tried and a
        failure counted under one lock. Raises :class:`UnlockThrottled` while a wait runs and
        :class:`CenterWrongPassword` (with the next wait) for a wrong password.
        """
        with exclusive_lock(self.lock_path):
            keyring = self.read()
            opened = self._tried(keyring, username, password, clock)
            cleared = keyring.failure_counters.pop(opened.user.username, None) is not None
            if cleared or opened.upgraded:
                self.write(keyring)
        return opened

    def _tried(
        self,
        keyring: CenterKeyring,
        username: str,
        password: str,
        clock: Callable[[], datetime],
    ) -> OpenedSlot:
        """``username``'s slot opened with ``password``, under the caller's lock: refused while
        a wait runs, and a wrong password counted (and written) before it is refused."""
        wait = keyring.retry_after(username, clock())
        if wait > 0:
            raise UnlockThrottled(wait)
        try:
            return keyring.open_slot(username, password)
        except WrongPassword:
            counter = keyring.record_failure(username, clock())
            self.write(keyring)
            raise CenterWrongPassword(counter.retry_after(clock())) from None

    def change_password(
        self,
        username: str,
        old_password: str,
        new_password: str,
        database_key: bytes | None,
        kdf: Argon2Params,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        statistics_key: bytes | None = None,
    ) -> None:
        """Give ``username`` a new slot under ``new_password``. The old password is tried as
        at a sign-in, under the same lock, wait and counter, and a wrong one is journalled
        (:class:`UnlockThrottled`, :class:`CenterWrongPassword`): a window left signed in
        does not let anyone guess the password at full speed."""
        with exclusive_lock(self.lock_path):
            keyring = self.read()
            opened = self._tried(keyring, username, old_password, clock)
            keyring.failure_counters.pop(opened.user.username, None)
            keyring.replace_password(
                opened.user.username, new_password, database_key, kdf, statistics_key
            )
            self.write(keyring)


def securely_remove(path: Path) -> None:
    """Overwrite ``path`` with random bytes, flush them, then unlink it and flush the folder.

    On flash storage and journaling file systems the old blocks may survive an overwrite: this
    narrows what is left, the encrypted volume under the centre protects the rest."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        handle.write(secrets.token_bytes(max(size, KEY_BYTES)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    fsync_dir(path.parent)
