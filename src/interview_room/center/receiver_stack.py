"""Whether the centre's server stack is installed here.

Starlette and uvicorn come with the ``center`` extra (``requirements/center.lock``,
``bash scripts/dev.sh center``) and are left out of a station's install and of the frozen
station build, so ``center serve`` checks for them before importing the receiver.
"""

from __future__ import annotations

import importlib

from interview_room.errors import InterviewRoomError

SERVER_PACKAGES = ("starlette", "uvicorn")


class ReceiverNotInstalled(InterviewRoomError):
    """The receiver was asked to run where the centre's server stack is not installed."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__(
            f"The centre's receiver needs {', '.join(missing)}, which this installation does "
            "not include (the 'center' extra: requirements/center.lock)."
        )


def missing_server_packages() -> tuple[str, ...]:
    """The server packages that cannot be imported here (empty when all can)."""
    missing = []
    for name in SERVER_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return tuple(missing)


def require_receiver_stack() -> None:
    """Raise :class:`ReceiverNotInstalled` unless Starlette and uvicorn can be imported."""
    missing = missing_server_packages()
    if missing:
        raise ReceiverNotInstalled(missing)
