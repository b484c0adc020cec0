"""Station users and their roles. Passwords live only in key slots, never in the store."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError
from interview_room.passwords import Guessability, guessability, own_words

if TYPE_CHECKING:
    from collections.abc import Iterable

    from interview_room.store.database import Database

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD_LENGTH = 10
LANGUAGES = ("sq", "en")


class Role(StrEnum):
    OFFICER = "officer"
    SOCIAL_WORKER = "social_worker"
    STATION_ADMIN = "station_admin"


class AccountError(InterviewRoomError):
    """A user could not be added, changed or disabled."""


class InvalidUsername(AccountError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"{username!r} is not a valid username: use 2 to 32 lowercase letters, digits, "
            "dots, dashes or underscores."
        )


class DisplayNameNotAllowed(AccountError):
    def __init__(self) -> None:
        super().__init__(
            "A display name is one to four words of letters (a hyphen, an apostrophe or a dot "
            "inside a word), at most 64 characters: it travels in the anonymous record of a "
            "person who refused storage, where nothing else may."
        )


class DisplayNameLooksTaken(AccountError):
    """The display name reads the same as that of another user of this station (disabled
    users included): exactly, in another script, or with a dot or a hyphen added
    (``display_names.py``). ``holder`` is that user's username."""

    def __init__(self, holder: str) -> None:
        super().__init__(
            f"This display name reads the same as that of user {holder!r}: signatures would"
            " look like theirs. Add a middle name or an initial that tells them apart."
        )
        self.holder = holder


class DisplayNameMixesScripts(AccountError):
    def __init__(self) -> None:
        super().__init__(
            "A display name is written in one alphabet: its letters mix scripts (Latin and"
            " Cyrillic or Greek look-alikes)."
        )


class UsernameTaken(AccountError):
    def __init__(self, username: str) -> None:
        super().__init__(f"The username {username!r} is already used on this workstation.")


class WeakPassword(AccountError):
    def __init__(self) -> None:
        super().__init__(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")


class PasswordTooGuessable(WeakPassword):
    """Long enough, but an attacker who tries the likeliest passwords first finds it soon."""

    def __init__(self, reason: Guessability) -> None:
        AccountError.__init__(
            self,
            f"This password is too easy to guess ({reason.value}): choose a few words that do"
            " not belong together, not a name of the station, the user or the border.",
        )
        self.reason = reason


class UnknownUser(AccountError):
    def __init__(self, username: str) -> None:
        super().__init__(f"There is no active user {username!r} on this workstation.")


class NotPermitted(AccountError):
    """The signed-in user's role does not allow this action."""


class LastAdministrator(AccountError):
    def __init__(self) -> None:
        super().__init__("The last station administrator cannot be disabled.")


def check_password_strength(password: str, own: Iterable[str] = ()) -> None:
    """Refuse a new password that is short (:class:`WeakPassword`) or easy to guess
    (:class:`PasswordTooGuessable`). ``own``: the station's name and code and the user's
    username and display name, which a guesser who knows the station tries first."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword()
    reason = guessability(password, own_words(*own))
    if reason is not None:
        raise PasswordTooGuessable(reason)


def check_username(username: str) -> str:
    name = username.strip().casefold()
    if not USERNAME_PATTERN.match(name):
        raise InvalidUsername(username)
    return name


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: Role
    language: str
    active: bool
    high_contrast: bool | None = None
    """The user's own choice; None: never chosen, the system's preference applies."""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.STATION_ADMIN


_COLUMNS = "id, username, display_name, role, language, active, high_contrast"


def _user(row: tuple[object, ...]) -> User:
    return User(
        id=str(row[0]),
        username=str(row[1]),
        display_name=str(row[2]),
        role=Role(str(row[3])),
        language=str(row[4]),
        active=bool(row[5]),
        high_contrast=None if row[6] is None else bool(row[6]),
    )


class UserDirectory:
    """The users table of one store."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, username: str, display_name: str, role: Role, created_by: str | None) -> User:
        name = check_username(username)
        if self.find(name, include_disabled=True) is not None:
            raise UsernameTaken(name)
        if not display_name.strip():
            raise AccountError("A user needs a display name.")
        from interview_room.sync.record_consent import is_staff_name  # the centre's own rule

        if not is_staff_name(display_name.strip()):
            raise DisplayNameNotAllowed()
        self._check_distinct(display_name.strip())
        user = User(secrets.token_hex(16), name, display_name.strip(), role, "sq", True)
        self._db.execute(
            "INSERT INTO users (id, username, display_name, role, language, active, created_at,"
            " created_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            (user.id, name, user.display_name, role.value, user.language, _now(), created_by),
        )
        return user

    def _check_distinct(self, display_name: str) -> None:
        """Refuse a name that mixes scripts or reads like another user's (attacker 5, N1)."""
        from interview_room.display_names import look_alike, mixes_scripts

        if mixes_scripts(display_name):
            raise DisplayNameMixesScripts()
        others = {
            str(r[0]): str(r[1]) for r in self._db.all("SELECT username, display_name FROM users")
        }
        holder = look_alike(display_name, others)
        if holder is not None:
            raise DisplayNameLooksTaken(holder)

    def find(self, username: str, include_disabled: bool = False) -> User | None:
        row = self._db.one(
            f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username.strip().casefold(),)
        )
        if row is None:
            return None
        user = _user(row)
        return user if user.active or include_disabled else None

    def get(self, user_id: str) -> User:
        row = self._db.one(f"SELECT {_COLUMNS} FROM users WHERE id = ?", (user_id,))
        if row is None:
            raise UnknownUser(user_id)
        return _user(row)

    def all(self) -> list[User]:
        return [_user(r) for r in self._db.all(f"SELECT {_COLUMNS} FROM users ORDER BY username")]

    def active_admins(self) -> int:
        row = self._db.one("SELECT count(*) FROM users WHERE role = 'station_admin' AND active = 1")
        return int(row[0]) if row else 0

    def disable(self, user: User, by: str) -> None:
        self._db.execute(
            "UPDATE users SET active = 0, disabled_at = ?, disabled_by = ? WHERE id = ?",
            (_now(), by, user.id),
        )

    def set_language(self, user: User, language: str) -> User:
        if language not in LANGUAGES:
            raise AccountError(f"Unknown interface language {language!r}.")
        self._db.execute("UPDATE users SET language = ? WHERE id = ?", (language, user.id))
        return self.get(user.id)

    def set_high_contrast(self, user: User, on: bool) -> User:
        self._db.execute("UPDATE users SET high_contrast = ? WHERE id = ?", (int(on), user.id))
        return self.get(user.id)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
