"""``interview-room protocol check``: load a protocol folder and run its test vectors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interview_room.cli.common import EXIT_OK, EXIT_REFUSED


def add_commands(commands: Any) -> None:
    protocol = commands.add_parser("protocol", help="check a screening protocol version")
    protocol_commands = protocol.add_subparsers(
        dest="protocol_command", metavar="ACTION", required=True
    )
    check = protocol_commands.add_parser(
        "check", help="load a protocol folder and run its test vectors (exit 1 if any fails)"
    )
    check.add_argument(
        "--protocol",
        type=Path,
        dest="protocol_dir",
        help="the protocol folder (default: the newest protocol shipped)",
    )
    check.add_argument(
        "--vectors", type=Path, help="the vectors file (default: vectors.json in the folder)"
    )
    check.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    check.set_defaults(handler=run_protocol_check)


def run_protocol_check(args: argparse.Namespace) -> int:
    from interview_room.screening import shipped_protocol_dir
    from interview_room.screening.vectors import check_protocol

    report = check_protocol(args.protocol_dir or shipped_protocol_dir(), args.vectors)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK if report.all_passed else EXIT_REFUSED
