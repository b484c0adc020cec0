"""Signing in at the centre from the command line: ``--username`` and a password read from standard
input, as patiently as a person. Shared by ``cli/center.py`` and ``cli/center_seen_before.py``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from interview_room.cli.common import MAX_CLI_WAIT_SECONDS, read_password
from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.center.store import CenterStore
    from interview_room.center.users import CenterAction


def add_centre_sign_in(parser: argparse.ArgumentParser, stdin: str = "the password") -> None:
    """--username and --password-stdin: a password is never an argument."""
    parser.add_argument("--username", help="your centre username (not for a training centre)")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=f"standard input: {stdin}, one per line",
    )


def centre_sign_in(center: CenterStore, args: argparse.Namespace, action: CenterAction) -> None:
    """Sign in with --username and the password's line of standard input, as patiently as a
    person (a running wait is waited out, a wrong password costs its wait), then check that the
    role allows ``action``. A training centre without users needs no sign-in."""
    from interview_room.center.store import CenterSignInRequired

    if args.username is not None:
        if not args.password_stdin:
            raise InterviewRoomError("--username goes with --password-stdin.")
        centre_sign_in_with(center, args.username, read_password())
    elif center.needs_sign_in:
        raise CenterSignInRequired(
            f"Sign in with --username and --password-stdin ({args.center_dir})."
        )
    center.require(action)


def centre_sign_in_with(center: CenterStore, username: str, password: str) -> None:
    """Sign in as patiently as a person: a running wait is waited out, a wrong password costs
    its wait."""
    import time

    from interview_room.center.sign_in import CenterWrongPassword
    from interview_room.store.throttle import UnlockThrottled

    for attempt in range(2):
        try:
            center.sign_in(username, password)
            break
        except UnlockThrottled as throttled:
            if attempt:
                raise
            time.sleep(min(throttled.retry_after_seconds, MAX_CLI_WAIT_SECONDS))
        except CenterWrongPassword as wrong:
            time.sleep(min(wrong.retry_after_seconds, MAX_CLI_WAIT_SECONDS))
            raise
