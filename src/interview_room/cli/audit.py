"""``interview-room audit verify``: check the audit log's hash chain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from interview_room.cli.common import EXIT_OK, EXIT_REFUSED, read_password, unlock_patiently
from interview_room.workstation import Workstation


def add_commands(commands: Any) -> None:
    audit = commands.add_parser("audit", help="check the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_commands.add_parser("verify", help="verify the audit log's hash chain")
    verify.add_argument("--data-dir", type=Path, required=True, dest="audit_data_dir")
    verify.add_argument("--username", required=True)
    verify.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from the first line of standard input",
    )
    verify.set_defaults(handler=run_audit_verify)


def run_audit_verify(args: argparse.Namespace) -> int:
    session = unlock_patiently(Workstation(args.audit_data_dir), args.username, read_password())
    try:
        result = session.verify_audit()
    finally:
        session.logout()
    if result.intact:
        print(f"Audit log intact: {result.entries} entries.")
        return EXIT_OK
    print(
        f"Audit log broken at entry {result.first_broken_seq}: {result.problem}.", file=sys.stderr
    )
    return EXIT_REFUSED
