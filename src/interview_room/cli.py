"""The command line: the same core as the GUI, for administrators, tests and benchmarks.

``interview-room`` with no sub-command opens the app. Errors are one sentence on stderr and a
non-zero exit code, never a traceback (set INTERVIEW_ROOM_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_path

from interview_room import __version__
from interview_room.errors import InterviewRoomError
from interview_room.files import restrict_umask
from interview_room.store.throttle import UnlockThrottled
from interview_room.workstation import Session, Workstation, WrongPasswordDelayed

if TYPE_CHECKING:
    from interview_room.center.store import CenterStore

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_FILE_ERROR = 74
"""A file or folder could not be read or written (sysexits EX_IOERR)."""
EXIT_USAGE = 2
EXIT_INTERNAL = 70
MAX_CLI_WAIT_SECONDS = 300


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/InterviewRoom on Linux)."""
    return user_data_path("InterviewRoom", appauthor=False)


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
    parser.add_argument("--lang", choices=("sq", "en"), help="interface language (default: sq)")
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

    demo = commands.add_parser("demo", help="build a training deployment with synthetic cases")
    demo.add_argument("--data-dir", type=Path, required=True, dest="demo_data_dir")
    demo.add_argument("--export-dir", type=Path, required=True)
    demo.add_argument("--cases", type=int, default=12)
    demo.add_argument("--json", action="store_true", help="print one JSON object on stdout")

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
    center = commands.add_parser("center", help="the central office's commands")
    center_commands = center.add_subparsers(dest="center_command", metavar="ACTION", required=True)
    init = center_commands.add_parser("init", help="set up a central office")
    init.add_argument("--center-dir", type=Path, required=True)
    enroll = center_commands.add_parser("enroll", help="make a station's enrollment package")
    enroll.add_argument("--center-dir", type=Path, required=True)
    enroll.add_argument("--station", required=True, help="the station's name, e.g. Morinë")
    enroll.add_argument("--code", required=True, help="three letters, e.g. MOR")
    enroll.add_argument("--url", help="the centre's receiver, e.g. https://10.1.2.3:8443")
    enroll.add_argument("--out", type=Path, required=True)
    stats = center_commands.add_parser("stats", help="anonymous statistics (CSV or PDF)")
    stats.add_argument("--center-dir", type=Path, required=True)
    stats.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    stats.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
    stats.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.pdf")
    view = center_commands.add_parser("view", help="open the central registry window")
    view.add_argument("--center-dir", type=Path, required=True)
    serve = center_commands.add_parser("serve", help="receive bundles over HTTPS")
    serve.add_argument("--center-dir", type=Path, required=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    receive = center_commands.add_parser("import", help="verify and import bundles")
    receive.add_argument("--center-dir", type=Path, required=True)
    receive.add_argument("--json", action="store_true", help="last line: one JSON object")
    receive.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    center_check = center_commands.add_parser(
        "check-referral",
        help="check a referral PDF with every certificate and revocation the stations reported",
    )
    center_check.add_argument("--center-dir", type=Path, required=True)
    center_check.add_argument("--json", action="store_true", help="one JSON object per line")
    center_check.add_argument("file", type=Path, metavar="FILE")
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

    join = commands.add_parser(
        "enroll", help="join this station to the central office (administrator)"
    )
    join.add_argument("--data-dir", type=Path, required=True, dest="enroll_data_dir")
    join.add_argument("--username", required=True)
    join.add_argument("--package", type=Path, required=True)
    join.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="standard input: the password, then the package's passphrase, one per line",
    )
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
        "--json", action="store_true", help="one JSON object per signature, per problem, and last"
    )
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
        if args.command == "demo":
            return _demo(args)
        if args.command == "audit":
            return _audit_verify(args)
        if args.command == "center":
            return _center(args)
        if args.command == "enroll":
            return _enroll(args)
        if args.command == "referral":
            return _referral_check(args)
        if args.command == "protocol":
            return _protocol_check(args)
        return _gui(args)
    except InterviewRoomError as error:
        print(f"interview-room: {error}", file=sys.stderr)
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


def _demo(args: argparse.Namespace) -> int:
    from interview_room.training.deployment import build_training_deployment

    if args.cases < 0:
        raise InterviewRoomError("--cases must be zero or more.")
    deployment = build_training_deployment(args.demo_data_dir, args.export_dir, cases=args.cases)
    if args.json:
        print(
            json.dumps(
                {
                    "data_dir": str(deployment.data_dir.resolve()),
                    "export_dir": str(deployment.export_dir.resolve()),
                    "users": [
                        {"username": u.username, "password": u.password, "role": u.role.value}
                        for u in deployment.users
                    ],
                    "sample_names": list(deployment.sample_names),
                    "root_ca_pem": str(deployment.root_ca_pem.resolve()),
                    "referral_pdfs": [str(p.resolve()) for p in deployment.referral_pdfs],
                    "center_dir": str(deployment.center_dir.resolve()),
                    "center_identity": str(deployment.center_identity.resolve()),
                    "bundle": str(deployment.bundle.resolve()) if deployment.bundle else None,
                    # What each case consented to: a case whose storage was refused shows no
                    # name or free text in the bundle (decrypt it with age and look).
                    "cases": [
                        {
                            "code": case.code,
                            "name": case.name,
                            "child": case.child,
                            "storage_consent": case.storage_consent,
                            "recipients_consented": list(case.recipients_consented),
                        }
                        for case in deployment.cases
                    ],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"Training workstation ready in {deployment.data_dir}")
        for user in deployment.users:
            print(f"  {user.role.value:14} {user.username:18} {user.password}")
    return EXIT_OK


def _center(args: argparse.Namespace) -> int:
    from interview_room.center.importer import import_files
    from interview_room.center.store import CenterStore

    center = CenterStore(args.center_dir)
    if args.center_command == "check-referral":
        return _center_check_referral(center, args)
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

        from interview_room.center.stats import compute_statistics, write_report

        try:
            start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
        except ValueError:
            raise InterviewRoomError("--from and --to are days written YYYY-MM-DD.") from None
        statistics = compute_statistics(center, start=start, end=end)
        write_report(statistics, args.out)
        print(f"Anonymous statistics for {start} to {end}: {args.out}")
        return EXIT_OK
    if args.center_command == "view":
        from interview_room.gui.center_window import run_center_view

        if not center.exists():
            raise InterviewRoomError(f"No central office is set up in {args.center_dir}.")
        return run_center_view(args.center_dir)
    if args.center_command == "serve":
        from interview_room.center.receiver import serve

        serve(args.center_dir, args.host, args.port)
        return EXIT_OK
    if args.center_command == "init":
        keys = center.create()
        print(f"Central office ready in {args.center_dir}")
        print(f"  age recipient: {keys.age_recipient}")
        return EXIT_OK
    if args.center_command == "conflicts":
        return _center_conflicts(center, args)
    run = import_files(center, list(args.bundles))
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


def _protocol_check(args: argparse.Namespace) -> int:
    from interview_room.screening import shipped_protocol_dir
    from interview_room.screening.vectors import check_protocol

    report = check_protocol(args.protocol_dir or shipped_protocol_dir(), args.vectors)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK if report.all_passed else EXIT_REFUSED


def _center_conflicts(center: CenterStore, args: argparse.Namespace) -> int:
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


def _enroll(args: argparse.Namespace) -> int:
    from interview_room.sync.enrollment import enroll

    password = _read_password()
    passphrase = _read_password()
    session = _unlock_patiently(Workstation(args.enroll_data_dir), args.username, password)
    try:
        station_id = enroll(session, args.package.read_bytes(), passphrase)
    finally:
        session.logout()
    print(f"Enrolled with the central office as station {station_id}.")
    return EXIT_OK


def _referral_check(args: argparse.Namespace) -> int:
    from interview_room.referral.verification import (
        check_referral_file,
        report_lines,
        report_objects,
    )

    check = check_referral_file(args.file, args.root, args.crl)
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


def _center_check_referral(center: CenterStore, args: argparse.Namespace) -> int:
    from interview_room.center.certificates import check_referral_at_center
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
    if args.json:
        for item in report_objects(check, args.file.name):
            print(json.dumps(item, ensure_ascii=False))
    else:
        for line in report_lines(check, args.file.name):
            print(line)
    return EXIT_OK if check.valid else EXIT_REFUSED


def _read_password() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _unlock_patiently(workstation: Workstation, username: str, password: str) -> Session:
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


def _audit_verify(args: argparse.Namespace) -> int:
    session = _unlock_patiently(Workstation(args.audit_data_dir), args.username, _read_password())
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
