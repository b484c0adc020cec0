"""A station's set-up from the command line: ``interview-room station setup`` (first run,
optionally enrolled at once) and ``interview-room enroll`` (join the central office later).

Passwords and passphrases come from standard input, one per line, never from arguments.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interview_room.cli.common import (
    EXIT_OK,
    add_sign_in,
    add_station_data_dir,
    read_password,
    sign_in,
    station_data_dir,
    unlock_patiently,
)
from interview_room.workstation import Workstation


def add_commands(commands: Any) -> None:
    station = commands.add_parser("station", help="set up this station (administrator)")
    station_commands = station.add_subparsers(
        dest="station_command", metavar="ACTION", required=True
    )
    setup = station_commands.add_parser(
        "setup",
        help="first run: create the station and its first administrator, and with --package"
        " enroll it with the central office",
    )
    add_station_data_dir(setup)
    setup.add_argument("--station", required=True, help="the station's name, e.g. Morinë")
    setup.add_argument("--code", required=True, help="three letters, e.g. MOR")
    setup.add_argument("--username", required=True, help="the first administrator's username")
    setup.add_argument(
        "--display-name", required=True, help="the first administrator's name, as shown"
    )
    setup.add_argument(
        "--package", type=Path, help="the enrollment package from the central office"
    )
    setup.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="standard input: the administrator's new password, then (with --package) the"
        " package's one-time passphrase, one per line",
    )
    setup.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    setup.set_defaults(handler=run_station_setup)

    package = station_commands.add_parser(
        "package",
        help="what the central office's packages applied here changed (administrator)",
    )
    add_station_data_dir(package)
    package.add_argument(
        "--changes",
        action="store_true",
        required=True,
        help="the package applied last and the one before: protocols added, directory"
        " entries added, removed or changed, revocations added (counts, serials)",
    )
    add_sign_in(package)
    package.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    package.set_defaults(handler=run_package_changes)

    join = commands.add_parser(
        "enroll", help="join this station to the central office (administrator)"
    )
    join.add_argument("--data-dir", type=Path, required=True, dest="enroll_data_dir")
    join.add_argument("--package", type=Path, required=True)
    add_sign_in(join, "standard input: the password, then the package's passphrase, one per line")
    join.set_defaults(handler=run_enroll)


def run_station_setup(args: argparse.Namespace) -> int:
    from interview_room.station_setup import StationSetupRequest, set_up_station

    data_dir = station_data_dir(args)
    password = read_password()
    passphrase = read_password() if args.package is not None else ""
    created = set_up_station(
        Workstation(data_dir),
        StationSetupRequest(
            station_name=args.station,
            station_code=args.code,
            admin_display_name=args.display_name,
            admin_username=args.username,
            admin_password=password,
            enrollment_package=args.package,
            enrollment_passphrase=passphrase,
        ),
    )
    session = created.session
    try:
        enrolled_as = None
        if args.package is not None:
            from interview_room.sync.station import StationSync

            enrolled_as = StationSync(session).station_id
        station = session.station
    finally:
        session.logout()
    recovery_key = created.recovery_key.formatted()
    if args.json:
        print(
            json.dumps(
                {
                    "data_dir": str(data_dir.resolve()),
                    "station": station.name,
                    "code": station.code,
                    "administrator": args.username,
                    "enrolled_as": enrolled_as,
                    "recovery_key": recovery_key,
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    print(f"Station {station.name} ({station.code}) is set up in {data_dir}.")
    if enrolled_as is not None:
        print(f"Enrolled with the central office as station {enrolled_as}.")
    print(
        "Recovery key (shown only this once: print it, keep it locked away, never with the"
        " computer):"
    )
    print(f"  {recovery_key}")
    return EXIT_OK


def run_enroll(args: argparse.Namespace) -> int:
    from interview_room.sync.enrollment import enroll_from_file

    password = read_password()
    passphrase = read_password()
    session = unlock_patiently(Workstation(args.enroll_data_dir), args.username, password)
    try:
        station_id = enroll_from_file(session, args.package, passphrase)
    finally:
        session.logout()
    print(f"Enrolled with the central office as station {station_id}.")
    return EXIT_OK


def run_package_changes(args: argparse.Namespace) -> int:
    from interview_room.sync.centre_holdings import holdings, holdings_sentence
    from interview_room.sync.centre_package_changes import changes_text, package_changes

    session = sign_in(args)
    try:
        changes = package_changes(session)
        held = holdings(session.workstation.data_dir, session.db)
    finally:
        session.logout()
    if args.json:
        document = {"holds": held.as_json(), "changes": [c.as_json() for c in changes]}
        print(json.dumps(document, ensure_ascii=False))
        return EXIT_OK
    print(holdings_sentence(held))
    if not changes:
        print("No package from the central office has been applied here since this was kept.")
    for change in changes:
        print("\n".join(changes_text(change)))
    return EXIT_OK
