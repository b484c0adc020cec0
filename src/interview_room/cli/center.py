"""``interview-room center …``: the central office's commands.

Each command signs in with ``--username`` and the password on standard input (a training centre
created without users needs neither) and checks that the user's role allows it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_room.cli import center_seen_before
from interview_room.cli.center_sign_in import (
    add_centre_sign_in,
    centre_sign_in,
    centre_sign_in_with,
)
from interview_room.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    error_sentence,
    read_password,
)
from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.center.referral_records import ReceivedReferral
    from interview_room.center.store import CenterStore

ROLES = ("center_admin", "registry", "statistics")


def add_commands(commands: Any) -> None:
    center = commands.add_parser("center", help="the central office's commands")
    center.set_defaults(handler=run_center)
    center_commands = center.add_subparsers(dest="center_command", metavar="ACTION", required=True)
    init = center_commands.add_parser(
        "init",
        help="set up a central office with its first administrator (or --training without)",
    )
    init.add_argument("--center-dir", type=Path, required=True)
    init.add_argument(
        "--training", action="store_true", help="a training centre (synthetic data only)"
    )
    init.add_argument("--display-name", help="the first administrator's name, as shown")
    add_centre_sign_in(init, "the first administrator's new password")
    first = center_commands.add_parser(
        "set-password",
        help="a centre from before sign-in: become its first administrator; the plain key"
        " file is then removed",
    )
    first.add_argument("--center-dir", type=Path, required=True)
    first.add_argument("--display-name", required=True)
    add_centre_sign_in(first, "your new password")
    users = center_commands.add_parser("users", help="list the centre's users (administrator)")
    users.add_argument("--center-dir", type=Path, required=True)
    add_centre_sign_in(users)
    add_user = center_commands.add_parser("add-user", help="give a user a password and a role")
    add_user.add_argument("--center-dir", type=Path, required=True)
    add_user.add_argument("--new-user", required=True, metavar="USERNAME")
    add_user.add_argument("--display-name", required=True)
    add_user.add_argument("--role", required=True, choices=ROLES)
    add_centre_sign_in(add_user, "your password, then the new user's password")
    change = center_commands.add_parser(
        "change-password",
        help="change your own password (the database key changes, so an old copy of"
        " center.keyring with the old password opens nothing)",
    )
    change.add_argument("--center-dir", type=Path, required=True)
    add_centre_sign_in(change, "your current password, then the new one")
    remove_user = center_commands.add_parser("remove-user", help="take a user's password away")
    remove_user.add_argument("--center-dir", type=Path, required=True)
    remove_user.add_argument("--user", required=True, metavar="USERNAME")
    add_centre_sign_in(remove_user)
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
    add_centre_sign_in(publish)
    audit = center_commands.add_parser(
        "audit",
        help="verify the centre's own audit log and print its entries (administrator)",
    )
    audit.add_argument("--center-dir", type=Path, required=True)
    audit.add_argument("--json", action="store_true", help="one JSON object per line")
    audit.add_argument("--verify-only", action="store_true", help="print only the verdict")
    add_centre_sign_in(audit)
    receive = center_commands.add_parser("import", help="verify and import bundles")
    receive.add_argument("--center-dir", type=Path, required=True)
    receive.add_argument("--json", action="store_true", help="last line: one JSON object")
    receive.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    add_centre_sign_in(receive)
    center_check = center_commands.add_parser(
        "check-referral",
        help="check a referral PDF with every certificate and revocation the stations reported",
    )
    center_check.add_argument("--center-dir", type=Path, required=True)
    center_check.add_argument("--json", action="store_true", help="one JSON object per line")
    center_check.add_argument("file", type=Path, metavar="FILE")
    add_centre_sign_in(center_check)
    disputes = center_commands.add_parser(
        "conflicts", help="versions kept aside for a person to resolve, and reused bundle numbers"
    )
    disputes.add_argument("--center-dir", type=Path, required=True)
    disputes.add_argument("--json", action="store_true", help="print one JSON object")
    disputes.add_argument(
        "--resolve", type=int, metavar="NUMBER", help="resolve this conflict (with --use)"
    )
    disputes.add_argument(
        "--use",
        choices=("incoming", "held"),
        help="incoming: the version kept aside becomes the held one; held: keep the held one",
    )
    add_centre_sign_in(disputes)
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
        return _set_up(center, args)
    if args.center_command == "change-password":
        return _change_password(center, args)
    if args.center_command in ACTIONS:
        centre_sign_in(center, args, CenterAction(ACTIONS[args.center_command]))
    if args.center_command in ("users", "add-user", "remove-user"):
        return _users(center, args)
    if args.center_command == "revoke":
        center.revoke_station(args.station_id)
        print(f"Station {args.station_id} is revoked: its bundles are refused from now on.")
        return EXIT_OK
    if args.center_command == "check-referral":
        return _check_referral(center, args)
    if args.center_command == "enroll":
        from interview_room.center.enrollment import make_enrollment
        from interview_room.files import atomic_write_bytes

        package = make_enrollment(
            center, station_name=args.station, station_code=args.code.upper(), url=args.url
        )
        atomic_write_bytes(args.out, package.data)
        print(f"Enrollment package for {args.station}: {args.out}")
        print(f"One-time passphrase (give it separately): {package.passphrase}")
        return EXIT_OK
    if args.center_command == "stats":
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
        return _conflicts(center, args)
    if args.center_command == "audit":
        return _audit(center, args)
    if args.center_command == "publish":
        from interview_room.center.publish import publish_directory, publish_protocol

        if args.protocol is not None:
            published = publish_protocol(center, args.protocol)
        else:
            published = publish_directory(center, args.directory)  # both logged
        print(f"Centre package {published.number} ({published.what}): {published.path}")
        return EXIT_OK
    return _import(center, args)


def _set_up(center: CenterStore, args: argparse.Namespace) -> int:
    """``init`` (a new centre) and ``set-password`` (a centre from before sign-in)."""
    from interview_room.center.store import NewCenterUser

    admin = None
    if args.username is not None:
        if not args.password_stdin:
            raise InterviewRoomError("--username goes with --password-stdin.")
        admin = NewCenterUser(args.username, args.display_name or args.username, read_password())
    if args.center_command == "set-password":
        if admin is None:
            raise InterviewRoomError("set-password needs --username and --password-stdin.")
        center.set_first_password(admin)
        print(
            f"{admin.username} is the first administrator of the central office in"
            f" {args.center_dir}; the plain key file is removed."
        )
        return EXIT_OK
    keys = center.create(training=args.training, admin=admin)
    print(f"Central office ready in {args.center_dir}")
    print(f"  age recipient: {keys.age_recipient}")
    return EXIT_OK


def _users(center: CenterStore, args: argparse.Namespace) -> int:
    from interview_room.center.store import NewCenterUser
    from interview_room.center.users import CenterRole

    if args.center_command == "add-user":
        user = center.add_user(
            NewCenterUser(args.new_user, args.display_name, read_password(), CenterRole(args.role))
        )
        print(f"{user.username} ({user.role.value}) can now sign in.")
    elif args.center_command == "remove-user":
        rekeyed = center.remove_user(args.user)
        print(f"{args.user} can no longer sign in.")
        if not rekeyed.done:
            # An old copy of the keyring still opens the store until the key changes.
            print(
                "The database key changes at the next sign-in that finds the centre free"
                f" (waiting for: {', '.join(rekeyed.waiting_for)})."
            )
    else:
        for user in center.users():
            print(f"{user.username}\t{user.role.value}\t{user.display_name}")
    return EXIT_OK


def _change_password(center: CenterStore, args: argparse.Namespace) -> int:
    """Sign in with the current password (the first line), then set the second line as the
    new one; every user may change their own."""
    from interview_room.center.store import CenterSignInRequired

    if args.username is None or not args.password_stdin:
        raise CenterSignInRequired("change-password needs --username and --password-stdin.")
    current = read_password()
    new = read_password()
    centre_sign_in_with(center, args.username, current)
    rekeyed = center.change_password(current, new)
    print(f"The password of {center.user.username} is changed.")
    if not rekeyed.done:
        print(
            "The database key changes at the next sign-in that finds the centre free"
            f" (waiting for: {', '.join(rekeyed.waiting_for)})."
        )
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


def _import(center: CenterStore, args: argparse.Namespace) -> int:
    from interview_room.center.importer import import_files

    run = import_files(center, list(args.bundles))
    from interview_room.center.publish import write_beside

    for folder in sorted({path.parent for path in args.bundles}):
        write_beside(center, folder)  # the centre's package goes back with the receipts
    for result in run.results:
        print(
            f"{result.file_name}: {result.imported} imported, {result.unchanged} unchanged;"
            f" receipt {result.receipt_name}"
        )
        if result.conflicts:
            print(
                f"{result.file_name}: {result.conflicts} version(s) kept aside for a person to"
                " resolve: interview-room center conflicts",
                file=sys.stderr,
            )
        if result.reused_number:
            print(
                f"{result.file_name}: bundle {result.sequence} of station {result.station_id}"
                " was received before with other content (see center conflicts)",
                file=sys.stderr,
            )
        if result.audit_notice is not None:
            print(
                f"{result.file_name}: {error_sentence(result.audit_notice, args.lang)}",
                file=sys.stderr,
            )
    for name, reason in run.refused:
        print(f"{name}: refused and quarantined: {reason}", file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                {
                    "imported": run.imported,
                    "unchanged": run.unchanged,
                    "conflicts": sum(result.conflicts for result in run.results),
                    "bundles": len(run.results),
                    "refused": [{"file": name, "reason": reason} for name, reason in run.refused],
                }
            )
        )
    return EXIT_REFUSED if run.refused else EXIT_OK


def _audit_flags(center: CenterStore, language: str | None) -> None:
    """Each station audit head that contradicted an earlier one (center/audit_witness.py), in
    the --lang language (English without): the figures include that station's bundles."""
    from interview_room.center.audit_witness import audit_flags

    if not center.holds_registry_key:  # the statistics role: the heads are in the registry
        return
    for notice in audit_flags(center):
        print(f"interview-room: {error_sentence(notice, language)}", file=sys.stderr)


def _conflicts(center: CenterStore, args: argparse.Namespace) -> int:
    """List the open conflicts and reused bundle numbers, or resolve one conflict."""
    from interview_room.center.conflicts import (
        Resolution,
        load_conflicts,
        load_reused_numbers,
        resolve_conflict,
    )

    if (args.resolve is None) != (args.use is None):
        raise InterviewRoomError("--resolve NUMBER and --use incoming|held go together.")
    if args.resolve is not None:
        done = resolve_conflict(center, args.resolve, Resolution(args.use))
        print(f"Conflict {done.number} resolved: {args.use} version kept.")
        return EXIT_OK
    conflicts = load_conflicts(center)
    reused = load_reused_numbers(center)
    if args.json:
        print(
            json.dumps(
                {
                    "conflicts": [
                        {
                            "number": c.number,
                            "station": c.station_id,
                            "kind": c.kind,
                            "id": c.record_id,
                            "version": c.version,
                            "sha256": c.content_hash,
                            "held_version": c.held_version,
                            "held_sha256": c.held_hash,
                            "bundle": c.bundle_sequence,
                            "received_at": c.received_at,
                            "problem": c.problem.value,
                        }
                        for c in conflicts
                    ],
                    "reused_numbers": [
                        {"station": r.station_id, "bundle": r.sequence, "at": r.received_at}
                        for r in reused
                    ],
                }
            )
        )
        return EXIT_OK
    for conflict in conflicts:
        print(f"{conflict.number}: {conflict.reason}")
    for number in reused:
        print(number.reason)
    if not conflicts and not reused:
        print("No conflicts to resolve.")
    return EXIT_OK


def _check_referral(center: CenterStore, args: argparse.Namespace) -> int:
    from interview_room.center.certificates import (
        check_referral_at_center,
        received_referral_at_center,
    )
    from interview_room.referral.verification import (
        MAX_REFERRAL_BYTES,
        report_lines,
        report_objects,
    )
    from interview_room.signing.errors import PdfUnreadable

    try:
        if not args.file.is_file() or args.file.stat().st_size > MAX_REFERRAL_BYTES:
            raise PdfUnreadable(f"{args.file} is not a referral form that can be read.")
        pdf = args.file.read_bytes()
    except OSError as error:
        raise PdfUnreadable(f"{args.file} cannot be read.") from error
    check = check_referral_at_center(center, pdf)
    received = received_referral_at_center(center, pdf)
    if args.json:
        objects = report_objects(check, args.file.name)
        if received is not None:  # before the verdict, which stays last
            objects.insert(len(objects) - 1, _received_object(received))
        for item in objects:
            print(json.dumps(item, ensure_ascii=False))
    else:
        for line in report_lines(check, args.file.name):
            print(line)
        print(
            f"centre: {received.sentence()}"
            if received is not None
            else "centre: no station has sent this form's hash to the centre"
        )
    return EXIT_OK if check.valid else EXIT_REFUSED


def _received_object(received: ReceivedReferral) -> dict[str, object]:
    return {
        "kind": "received",
        "station": received.station_id,
        "case": received.case_code,
        "referral": received.referral_id,
        "sha256": received.pdf_sha256,
        "whole_file": received.whole_file,
        "received_at": received.received_at.isoformat(),
        "officer_signed_at": received.officer_signed_at,
        "social_worker_signed_at": received.social_worker_signed_at,
    }
