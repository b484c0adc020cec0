"""The command line: the same core as the GUI, for administrators, tests and benchmarks.

``interview-room`` with no sub-command opens the app. Each command group lives in its own
module (``station``, ``sync``, ``center`` …) and calls the core's use-cases, never Qt (the
window, ``center view``, and ``--lang`` wording of an error load it when asked). Errors are one
sentence on stderr and a non-zero exit code, never a traceback (set INTERVIEW_ROOM_DEBUG=1 to
see one).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from interview_room import __version__
from interview_room.cli import audit, case, center, demo, protocol, referral, station, sync
from interview_room.cli.common import (
    EXIT_FILE_ERROR,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_REFUSED,
    default_data_dir,
    error_sentence,
)
from interview_room.errors import InterviewRoomError
from interview_room.files import restrict_umask

__all__ = [
    "EXIT_FILE_ERROR",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_REFUSED",
    "build_parser",
    "default_data_dir",
    "main",
]


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= seconds <= 3600:
        raise argparse.ArgumentTypeError("the seconds must be between 0 and 3600")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-room",
        description="Interview Room: trauma-informed screening and referral at the border.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="the station's data folder")
    parser.add_argument(
        "--lang",
        choices=("sq", "en"),
        help="interface language (default: sq); for commands, the language of error sentences",
    )
    parser.add_argument(
        "--high-contrast",
        action="store_true",
        help="white and yellow on black (also: INTERVIEW_ROOM_HIGH_CONTRAST=1, or the system's"
        " high-contrast setting)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end with synthetic data, then exit",
    )
    parser.add_argument(
        "--quit-after",
        type=_seconds,
        metavar="SECONDS",
        help="open the window, say whether it came up, and close it after SECONDS (a smoke test)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (demo, audit, case, center, protocol, station, sync, referral):
        group.add_commands(commands)
    return parser


def quiet_libraries() -> None:
    """Libraries log with tracebacks that can carry signers' names: keep only real errors."""
    for name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    restrict_umask()
    quiet_libraries()
    args = build_parser().parse_args(argv)
    try:
        if args.self_test:
            from interview_room.self_test import run_self_test

            return EXIT_OK if run_self_test() else EXIT_REFUSED
        if args.command is None:
            return _gui(args)
        code: int = args.handler(args)
        return code
    except InterviewRoomError as error:
        print(f"interview-room: {error_sentence(error, args.lang)}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # a folder that is not there, a full or read-only drive
        where = f" {error.filename}" if error.filename else ""
        print(
            f"interview-room: cannot use{where}: {error.strerror or error}. Check that the "
            "folder exists and can be written to, then try again.",
            file=sys.stderr,
        )
        return EXIT_FILE_ERROR
    except Exception as error:  # the last line of defence: one sentence, no traceback
        if os.environ.get("INTERVIEW_ROOM_DEBUG"):
            raise
        print(
            f"interview-room: unexpected internal error ({type(error).__name__}); "
            "set INTERVIEW_ROOM_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _gui(args: argparse.Namespace) -> int:
    from interview_room.gui.app import run_gui  # Qt is loaded only when a window is wanted

    return run_gui(
        args.data_dir or default_data_dir(), args.lang, args.high_contrast, args.quit_after
    )
