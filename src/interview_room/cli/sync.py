"""Sending to the central office from the command line: ``interview-room sync --to DIR``
(a USB stick or folder: receipts read, then a bundle written), ``sync --network`` (as the
window does in the background) and ``status`` (pending, last sent, last receipt, centre
reached)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from interview_room.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    add_sign_in,
    add_station_data_dir,
    sign_in,
)

if TYPE_CHECKING:
    from pathlib import Path

    from interview_room.sync.sending import SyncOverview
    from interview_room.workstation import Session

MAX_ATTEMPTS = 20


def _attempts(text: str) -> int:
    try:
        attempts = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= attempts <= MAX_ATTEMPTS:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_ATTEMPTS} attempts")
    return attempts


def add_commands(commands: Any) -> None:
    from pathlib import Path

    sync = commands.add_parser(
        "sync", help="send to the central office: by USB stick or folder, or over the network"
    )
    add_station_data_dir(sync)
    add_sign_in(sync)
    way = sync.add_mutually_exclusive_group(required=True)
    way.add_argument(
        "--to",
        type=Path,
        metavar="DIR",
        dest="folder",
        help="a USB stick or folder: read the receipts there, then write a bundle there",
    )
    way.add_argument(
        "--network", action="store_true", help="send to the central office's receiver (HTTPS)"
    )
    sync.add_argument(
        "--attempts",
        type=_attempts,
        default=5,
        help="with --network: tries before giving up (default 5, with growing waits)",
    )
    sync.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    sync.set_defaults(handler=run_sync)

    status = commands.add_parser(
        "status", help="what waits to be sent, what was sent, and the central office's answers"
    )
    add_station_data_dir(status)
    add_sign_in(status)
    status.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    status.set_defaults(handler=run_status)


def run_sync(args: argparse.Namespace) -> int:
    session = sign_in(args)
    try:
        if args.folder is not None:
            return _through_folder(session, args.folder, args.json)
        return _over_network(session, args.attempts, args.json)
    finally:
        session.logout()


def _through_folder(session: Session, folder: Path, as_json: bool) -> int:
    from interview_room.sync.centre_package_station import outcome_sentence
    from interview_room.sync.sending import exchange_with_folder, sync_overview

    exchange = exchange_with_folder(session, folder)
    receipts, written = exchange.receipts, exchange.written
    pending = sync_overview(session).pending
    if as_json:
        print(
            json.dumps(
                {
                    "confirmed": receipts.confirmed,
                    "conflicts": receipts.conflicts,
                    "refused": [
                        {"file": name, "reason": reason} for name, reason in receipts.refused
                    ],
                    "written": str(written.resolve()) if written is not None else None,
                    "pending": pending,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"{receipts.confirmed} case(s) confirmed by the central office.")
        print(f"Written and checked: {written}" if written is not None else "Nothing new to send.")
        if exchange.package is not None:
            print(outcome_sentence(exchange.package))
    for name, reason in receipts.refused:
        print(f"interview-room: {name} was not read: {reason}", file=sys.stderr)
    if receipts.conflicts:
        print(_conflict_sentence(receipts.conflicts), file=sys.stderr)
    return EXIT_REFUSED if receipts.refused else EXIT_OK


def _over_network(session: Session, attempts: int, as_json: bool) -> int:
    from interview_room.sync.sending import send_over_network

    sent = send_over_network(session, attempts=attempts)
    upload = sent.upload
    if as_json:
        print(
            json.dumps(
                {
                    "bundle": upload.sent_sequence,
                    "records": upload.records,
                    "confirmed": upload.confirmed,
                    "attempts": upload.attempts,
                    "purged": sent.purged,
                }
            )
        )
    elif upload.sent_sequence is None:
        print("Nothing new to send.")
    else:
        print(
            f"Bundle {upload.sent_sequence} sent ({upload.records} case(s)); the central office"
            f" confirmed {upload.confirmed}."
        )
    if sent.package is not None and not as_json:
        from interview_room.sync.centre_package_station import outcome_sentence

        print(outcome_sentence(sent.package))
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from interview_room.sync.centre_holdings import holdings, holdings_sentence
    from interview_room.sync.sending import sync_overview

    session = sign_in(args)
    try:
        overview = sync_overview(session)
        station = session.station
        held = holdings(session.workstation.data_dir, session.db)
    finally:
        session.logout()
    if args.json:
        print(
            json.dumps(
                {
                    "station": station.name,
                    "code": station.code,
                    **overview.as_json(),
                    **held.as_json(),
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    print("\n".join([*_status_lines(overview), holdings_sentence(held) + "."]))
    return EXIT_OK


def _when(moment: str | None) -> str:
    return moment[:16].replace("T", " ") + " UTC" if moment else "never"


def _status_lines(overview: SyncOverview) -> list[str]:
    if not overview.linked:
        return [
            "This station is not enrolled with a central office yet"
            " (interview-room enroll, or station setup --package)."
        ]
    lines = [
        f"Waiting to be sent: {overview.pending} case(s).",
        f"Last bundle: {_when(overview.last_bundle_at)}; last receipt:"
        f" {_when(overview.last_receipt_at)}.",
    ]
    if not overview.has_url:
        lines.append("Network: none (enrolled without the central office's address): USB only.")
    elif overview.center_problem is not None:
        lines.append(
            f"Central office last reached: {_when(overview.center_reached_at)}; the last try"
            f" ({_when(overview.center_tried_at)}) failed: {overview.center_problem}."
        )
    else:
        lines.append(f"Central office last reached: {_when(overview.center_reached_at)}.")
    if overview.conflicts:
        lines.append(_conflict_sentence(overview.conflicts))
    return lines


def _conflict_sentence(cases: int) -> str:
    return (
        f"{cases} case(s): the central office holds other content than this station; they are"
        " kept here, not marked sent and not deleted: tell the central office."
    )
