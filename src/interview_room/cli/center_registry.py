"""``interview-room center import|conflicts|check-referral``: the registry's records (bundles
verified and imported, the versions kept aside for a person, a referral PDF checked against
what the stations sent)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_room.cli.center_sign_in import add_centre_sign_in
from interview_room.cli.common import EXIT_OK, EXIT_REFUSED, error_sentence
from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.center.referral_records import ReceivedReferral
    from interview_room.center.store import CenterStore


def add_commands(center_commands: Any) -> None:
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


def import_bundles(center: CenterStore, args: argparse.Namespace) -> int:
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


def conflicts(center: CenterStore, args: argparse.Namespace) -> int:
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


def check_referral(center: CenterStore, args: argparse.Namespace) -> int:
    from interview_room.center.certificates import (
        check_referral_at_center,
        received_referral_at_center,
    )
    from interview_room.referral.verification import MAX_REFERRAL_BYTES
    from interview_room.referral.verification_report import report_lines, report_objects
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
