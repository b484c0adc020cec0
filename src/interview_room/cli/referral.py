"""``interview-room referral check``: check a referral PDF outside the app."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from interview_room.cli.common import EXIT_OK, EXIT_REFUSED


def add_commands(commands: Any) -> None:
    referral = commands.add_parser("referral", help="referral forms")
    referral_commands = referral.add_subparsers(
        dest="referral_command", metavar="COMMAND", required=True
    )
    check = referral_commands.add_parser(
        "check",
        help="check a referral PDF: exit 0 only when it is complete and untouched",
    )
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument(
        "--root",
        type=Path,
        action="append",
        default=[],
        metavar="PEM",
        help="a trusted root certificate (PEM), e.g. the central office's; repeat for more",
    )
    check.add_argument(
        "--crl",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a revocation list (DER or PEM), e.g. the central office's latest; repeat for more",
    )
    check.add_argument(
        "--centre-package",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="the central office's package (IR-centre-package.json, signed by a --root): every"
        " station's revocations in it count",
    )
    check.add_argument(
        "--json", action="store_true", help="one JSON object per signature, per problem, and last"
    )
    check.set_defaults(handler=run_referral_check)


def run_referral_check(args: argparse.Namespace) -> int:
    from interview_room.referral.verification import check_referral_file
    from interview_room.referral.verification_report import report_lines, report_objects

    check = check_referral_file(args.file, args.root, args.crl, args.centre_package)
    if not args.root:
        print(
            "interview-room: no trusted root was given (--root PEM), so no signature is trusted.",
            file=sys.stderr,
        )
    if args.json:
        for item in report_objects(check, args.file.name):
            print(json.dumps(item, ensure_ascii=False))
    else:
        for line in report_lines(check, args.file.name):
            print(line)
    return EXIT_OK if check.valid else EXIT_REFUSED
