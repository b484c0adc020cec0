"""The central office's users and what each role may do.

A centre user exists only as a key slot in ``center.keyring`` (``center/keyring.py``): the role
is bound into the slot's authenticated data, so a role edited in the file opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from interview_room.errors import InterviewRoomError


class CenterRole(StrEnum):
    CENTER_ADMIN = "center_admin"
    """Users, station enrollment, bundle import and reception, revocation."""
    REGISTRY = "registry"
    """Bundle import and reception, the registry, conflicts, referral checks."""
    STATISTICS = "statistics"
    """Anonymous statistics only: never a name, a case code or a case's content."""


class CenterStoreKind(StrEnum):
    """The centre's two SQLCipher stores, each under a key of its own (issue 13, item 3)."""

    REGISTRY = "registry"
    """``center.db``: the records, the registry, the stations, the centre's keys, its log."""
    STATISTICS = "statistics"
    """``center-statistics.db``: coded columns and counts only (``statistics_store.py``)."""


STORES_OF_ROLE: dict[CenterRole, tuple[CenterStoreKind, ...]] = {
    CenterRole.CENTER_ADMIN: (CenterStoreKind.REGISTRY, CenterStoreKind.STATISTICS),
    CenterRole.REGISTRY: (CenterStoreKind.REGISTRY, CenterStoreKind.STATISTICS),
    CenterRole.STATISTICS: (CenterStoreKind.STATISTICS,),
}
"""Whose slot holds which store's key once the centre is split. Administrators hold the
registry's key: they import, enroll, publish and read the centre's log, all kept in
``center.db`` (the window still shows them no case, as before; docs/THREAT_MODEL.md)."""


class CenterAction(StrEnum):
    MANAGE_USERS = "manage_users"
    ENROLL = "enroll"
    REVOKE = "revoke"
    IMPORT = "import"
    REGISTRY = "registry"
    """See cases one by one: the registry window, conflicts, referral checks."""
    STATISTICS = "statistics"
    PUBLISH = "publish"
    """Sign and publish a protocol version or the directory for the stations."""
    AUDIT = "audit"
    """Read and verify the centre's own audit log (usernames and events, nothing about a
    person)."""


PERMISSIONS: dict[CenterRole, frozenset[CenterAction]] = {
    CenterRole.CENTER_ADMIN: frozenset(
        {
            CenterAction.MANAGE_USERS,
            CenterAction.ENROLL,
            CenterAction.REVOKE,
            CenterAction.IMPORT,
            CenterAction.STATISTICS,
            CenterAction.PUBLISH,
            CenterAction.AUDIT,
        }
    ),
    CenterRole.REGISTRY: frozenset(
        {CenterAction.IMPORT, CenterAction.REGISTRY, CenterAction.STATISTICS}
    ),
    CenterRole.STATISTICS: frozenset({CenterAction.STATISTICS}),
}
"""What each role may do. The administrator does not read the registry: who may see cases one
by one is a separate role (docs/decisions/0010-centre-sign-in.md)."""


class CenterUserError(InterviewRoomError):
    """A centre user could not be added or disabled."""


class CenterActionRefused(InterviewRoomError):
    """The signed-in centre user's role does not allow this action."""

    def __init__(self, role: CenterRole, action: CenterAction) -> None:
        super().__init__(f"The role {role.value} may not do this ({action.value}).")
        self.role = role
        self.action = action


class CenterUsernameTaken(CenterUserError):
    def __init__(self, username: str) -> None:
        super().__init__(f"The username {username!r} is already used at this central office.")


class CenterUnknownUser(CenterUserError):
    def __init__(self, username: str) -> None:
        super().__init__(f"There is no user {username!r} at this central office.")


class CenterLastAdministrator(CenterUserError):
    def __init__(self) -> None:
        super().__init__("The central office's last administrator cannot be disabled.")


@dataclass(frozen=True)
class CenterUser:
    username: str
    display_name: str
    role: CenterRole
    unrestricted: bool = False
    """Only the stand-in user of a training centre that has no users (synthetic data): every
    action is allowed, so demos and tests run without signing in."""

    def may(self, action: CenterAction) -> bool:
        return self.unrestricted or action in PERMISSIONS[self.role]

    def require(self, action: CenterAction) -> None:
        """Raise :class:`CenterActionRefused` unless this user's role allows ``action``."""
        if not self.may(action):
            raise CenterActionRefused(self.role, action)


TRAINING_STAND_IN = CenterUser("training", "Training", CenterRole.CENTER_ADMIN, unrestricted=True)
