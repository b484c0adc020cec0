"""What every command shares: exit codes, the data folder, passwords from standard input,
unlocking as patiently as a person, and errors worded for a person."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_path

from interview_room.store.throttle import UnlockThrottled
from interview_room.workstation import Session, Workstation, WrongPasswordDelayed

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_FILE_ERROR = 74
"""A file or folder could not be read or written (sysexits EX_IOERR)."""
EXIT_INTERNAL = 70
MAX_CLI_WAIT_SECONDS = 300


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/InterviewRoom on Linux)."""
    return user_data_path("InterviewRoom", appauthor=False)


def station_data_dir(args: argparse.Namespace) -> Path:
    """The command's own --data-dir, else the one given before the command, else the
    platform's default (where the window keeps the station)."""
    chosen: Path | None = getattr(args, "station_data_dir", None) or args.data_dir
    return chosen or default_data_dir()


def add_station_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        dest="station_data_dir",
        metavar="DIR",
        help="the station's data folder (default: the one the window uses)",
    )


def add_sign_in(parser: argparse.ArgumentParser, stdin_help: str | None = None) -> None:
    """--username and --password-stdin: a password is never an argument (it would show in the
    process list and the shell's history)."""
    parser.add_argument("--username", required=True)
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help=stdin_help or "read the password from the first line of standard input",
    )


def read_password() -> str:
    """The next line of standard input, without its line ending."""
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def unlock_patiently(workstation: Workstation, username: str, password: str) -> Session:
    """Unlock as a person would: wait out a running delay, and pay the delay after a failure.

    Scripts are slowed exactly like people, so guessing from the command line gains nothing.
    """
    for _ in range(2):
        try:
            return workstation.unlock(username, password)
        except UnlockThrottled as throttled:
            time.sleep(min(throttled.retry_after_seconds, MAX_CLI_WAIT_SECONDS))
        except WrongPasswordDelayed as wrong:
            time.sleep(min(wrong.retry_after_seconds, MAX_CLI_WAIT_SECONDS))
            raise
    raise UnlockThrottled(workstation.keyring_file.read().retry_after(username, datetime.now(UTC)))


def sign_in(args: argparse.Namespace) -> Session:
    """Unlock the command's station with --username and the password on standard input."""
    return unlock_patiently(Workstation(station_data_dir(args)), args.username, read_password())


def error_sentence(error: BaseException, language: str | None) -> str:
    """One line for a typed refusal. With --lang, the sentence the window shows for it (in
    Albanian or English, from the core's catalog: no Qt is loaded); without, or for a refusal
    the catalog does not word, the core's own English sentence, which names what was refused."""
    if language is not None:
        from interview_room.error_sentences import ErrorCatalogInvalid, find_sentence
        from interview_room.store.keyring import WrongPassword

        if isinstance(error, WrongPasswordDelayed):
            # The command line has already waited the delay out: no "please wait" to tell.
            error = WrongPassword()
        try:
            worded = find_sentence(error, language, admin=True)
        except ErrorCatalogInvalid:  # a broken catalog must not hide the refusal
            worded = None
        if worded is not None:
            return " ".join(worded.split())
    return " ".join(str(error).split())
