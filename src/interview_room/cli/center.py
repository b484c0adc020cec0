"""``interview-room center …``: the central office's commands.

Each command signs in with ``--username`` and the password on standard input (a training centre
created without users needs neither) and checks that the user's role allows it. The users'
commands are in ``center_users.py``, the registry's records in ``center_registry.py``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_room.cli import center_registry, center_seen_before, center_users
from interview_room.cli.center_sign_in import add_centre_sign_in, centre_sign_in
from interview_room.cli.common import EXIT_OK, EXIT_REFUSED, error_sentence
from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.center.store import CenterStore


def add_commands(commands: Any) -> None:
    center = commands.add_parser("center", help="the central office's commands")
    center.set_defaults(handler=run_center)
    center_commands = center.add_subparsers(dest="center_command", metavar="ACTION", required=True)
    center_users.add_commands(center_commands)
    revoke = center_commands.add_parser("revoke", help="refuse a station's bundles from now on")
    revoke.add_argument("--center-dir", type=Path, required=True)
    revoke.add_argument("--station-id", required=True)
    add_centre_sign_in(revoke)
    enroll = center_commands.add_parser("enroll", help="make a station's enrollment package")
    enroll.add_argument("--center-dir", type=Path, required=True)
    enroll.add_argument("--station", required=True, help="the station's name, e.g. Morinë")
    enroll.add_argument("--code", required=True, help="three letters, e.g. MOR")
    enroll.add_argument("--url", help="the centre's receiver, e.g. https://10.1.2.3:8443")
    enroll.add_argument("--out", type=Path, required=True)
    add_centre_sign_in(enroll)
    stats = center_commands.add_parser("stats", help="anonymous statistics (CSV or PDF)")
    stats.add_argument("--center-dir", type=Path, required=True)
    stats.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    stats.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    stats.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.pdf")
    add_centre_sign_in(stats)
    view = center_commands.add_parser(
        "view", help="open the central office window (it asks you to sign in)"
    )
    view.add_argument("--center-dir", type=Path, required=True)
    serve = center_commands.add_parser("serve", help="receive bundles over HTTPS")
    serve.add_argument("--center-dir", type=Path, required=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    add_centre_sign_in(serve)
    publish = center_commands.add_parser(
        "publish", help="sign and publish a protocol version or the directory for the stations"
    )
    publish.add_argument("--center-dir", type=Path, required=True)
    what = publish.add_mutually_exclusive_group(required=True)
    what.add_argument("--protocol", type=Path, metavar="DIR", help="a protocol folder")
    what.add_argument("--directory", type=Path, metavar="FILE", help="a directory.json")
    what.add_argument(
        "--withdraw-protocol",
        metavar="VERSION",
        help="no station starts a new interview with this published version again",
    )
    add_centre_sign_in(publish)
    audit = center_commands.add_parser(
        "audit",
        help="verify the centre's own audit log and print its entries (administrator)",
    )
    audit.add_argument("--center-dir", type=Path, required=True)
    audit.add_argument("--json", action="store_true", help="one JSON object per line")
    audit.add_argument("--verify-only", action="store_true", help="print only the verdict")
    add_centre_sign_in(audit)
    center_registry.add_commands(center_commands)
    # Issue 16 hook: "center seen-before rotate|status" (cli/center_seen_before.py).
    center_seen_before.add_commands(center_commands)


ACTIONS = {
    "enroll": "enroll",
    "revoke": "revoke",
    "users": "manage_users",
    "add-user": "manage_users",
    "remove-user": "manage_users",
    "import": "import",
    "serve": "import",
    "stats": "statistics",
    "check-referral": "registry",
    "conflicts": "registry",
    "publish": "publish",
    "audit": "audit",
}
"""The action each command needs (center/users.py): its role is checked before it runs."""


def run_center(args: argparse.Namespace) -> int:
    from interview_room.center.store import CenterStore
    from interview_room.center.users import CenterAction

    center = CenterStore(args.center_dir)
    if args.center_command in ("init", "set-password"):
        return center_users.set_up(center, args)
    if args.center_command == "change-password":
        return center_users.change_password(center, args)
    if args.center_command in ACTIONS:
        centre_sign_in(center, args, CenterAction(ACTIONS[args.center_command]))
    if args.center_command in ("users", "add-user", "remove-user"):
        return center_users.manage_users(center, args)
    if args.center_command == "revoke":
        center.revoke_station(args.station_id)
        print(f"Station {args.station_id} is revoked: its bundles are refused from now on.")
        return EXIT_OK
    if args.center_command == "check-referral":
        return center_registry.check_referral(center, args)
    if args.center_command == "enroll":
        return _enroll(center, args)
    if args.center_command == "stats":
        return _stats(center, args)
    if args.center_command == "view":
        from interview_room.gui.center_window import run_center_view

        if not center.exists():
            raise InterviewRoomError(f"No central office is set up in {args.center_dir}.")
        return run_center_view(args.center_dir, args.lang)  # it asks for the password itself
    if args.center_command == "serve":
        from interview_room.center.receiver_stack import require_receiver_stack

        require_receiver_stack()  # a station's install has no server stack
        from interview_room.center.receiver import serve

        serve(center, args.host, args.port)
        return EXIT_OK
    if args.center_command == "conflicts":
        return center_registry.conflicts(center, args)
    if args.center_command == "audit":
        return _audit(center, args)
    if args.center_command == "publish":
        return _publish(center, args)
    return center_registry.import_bundles(center, args)


def _enroll(center: CenterStore, args: argparse.Namespace) -> int:
    """A station's enrollment package, and the passphrase that opens it."""
    from interview_room.center.enrollment import make_enrollment
    from interview_room.files import atomic_write_bytes

    package = make_enrollment(
        center, station_name=args.station, station_code=args.code.upper(), url=args.url
    )
    atomic_write_bytes(args.out, package.data)
    print(f"Enrollment package for {args.station}: {args.out}")
    print(f"One-time passphrase (give it separately): {package.passphrase}")
    return EXIT_OK


def _stats(center: CenterStore, args: argparse.Namespace) -> int:
    """The anonymous statistics for the days asked, as CSV or PDF."""
    from datetime import date

    from interview_room.center.stats_report import export_statistics

    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        raise InterviewRoomError("--from and --to are days written YYYY-MM-DD.") from None
    export_statistics(center, start, end, args.out)  # logged in the centre's audit log
    print(f"Anonymous statistics for {start} to {end}: {args.out}")
    _audit_flags(center, args.lang)
    return EXIT_OK


def _publish(center: CenterStore, args: argparse.Namespace) -> int:
    """A protocol version or the directory, signed for the stations, or a protocol version
    withdrawn."""
    from interview_room.center.publish import publish_directory, publish_protocol
    from interview_room.center.publish_withdraw import withdraw_protocol

    if args.protocol is not None:
        published = publish_protocol(center, args.protocol)
    elif args.withdraw_protocol is not None:
        published = withdraw_protocol(center, args.withdraw_protocol)  # logged
    else:
        published = publish_directory(center, args.directory)  # both logged
    print(f"Centre package {published.number} ({published.what}): {published.path}")
    return EXIT_OK


def _audit(center: CenterStore, args: argparse.Namespace) -> int:
    """The centre's audit log: the verdict of its hash chain, and (unless --verify-only) its
    entries, which name centre users, stations and events, never a person."""
    verdict = center.verify_audit()
    if not args.verify_only:
        for entry in center.audit_entries():
            if args.json:
                print(
                    json.dumps(
                        {
                            "seq": entry.seq,
                            "at": entry.at,
                            "actor": entry.actor,
                            "event": entry.event,
                            "subject": entry.subject,
                            "detail": json.loads(entry.detail),
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                detail = " ".join(f"{k}={v}" for k, v in json.loads(entry.detail).items())
                print(
                    f"{entry.seq}\t{entry.at}\t{entry.actor or '-'}\t{entry.event}"
                    f"\t{entry.subject or '-'}\t{detail}"
                )
    if args.json:
        print(
            json.dumps(
                {
                    "kind": "verdict",
                    "intact": verdict.intact,
                    "entries": verdict.entries,
                    "first_broken": verdict.first_broken_seq,
                    "problem": verdict.problem,
                }
            )
        )
    if verdict.intact:
        if not args.json:
            print(f"Centre audit log intact: {verdict.entries} entries.")
        return EXIT_OK
    print(
        f"Centre audit log broken at entry {verdict.first_broken_seq}: {verdict.problem}.",
        file=sys.stderr,
    )
    return EXIT_REFUSED


def _audit_flags(center: CenterStore, language: str | None) -> None:
    """Each station audit head that contradicted an earlier one (center/audit_witness.py), in
    the --lang language (English without): the figures include that station's bundles."""
    from interview_room.center.audit_witness import audit_flags

    if not center.holds_registry_key:  # the statistics role: the heads are in the registry
        return
    for notice in audit_flags(center):
        print(f"interview-room: {error_sentence(notice, language)}", file=sys.stderr)
