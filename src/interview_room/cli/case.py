"""``interview-room case seen-before CASE_CODE``: whether the person of a case was interviewed
before at any border point (issue 16), the same check as the interview's "Parë më parë?"."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from interview_room.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    add_sign_in,
    add_station_data_dir,
    sign_in,
)


def add_commands(commands: Any) -> None:
    case = commands.add_parser("case", help="one case's checks")
    actions = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    seen = actions.add_parser(
        "seen-before", help="was the person interviewed before at any border point?"
    )
    seen.add_argument("case_code", metavar="CASE_CODE")
    add_station_data_dir(seen)
    add_sign_in(seen)
    typed = seen.add_mutually_exclusive_group()
    typed.add_argument(
        "--details-stdin",
        action="store_true",
        help="record the person's details first, read from standard input after the password:"
        " given names, surname, and the year of birth or YYYY-MM-DD, one a line (never"
        " arguments: they would show in the process list and the shell's history); the name"
        " must be the case's person's (a changed birth is recorded in the audit log)",
    )
    typed.add_argument(
        "--probe",
        action="store_true",
        help="check details read from standard input as for --details-stdin, with the case's"
        " nationality, and store nothing: the case's details stay as they are",
    )
    seen.add_argument(
        "--correct-case-name",
        action="store_true",
        help="with --details-stdin: this is the person of the case, and the case's name becomes"
        " the name read (recorded in the audit log)",
    )
    seen.set_defaults(handler=run_seen_before)


def _read_details() -> tuple[str, str, int, date | None]:
    """Given names, surname, year and date of birth (None: the year only), one a line on
    standard input (asked on standard error at a terminal). Raises ValueError."""
    lines = []
    for prompt in ("Emrat / Given names: ", "Mbiemri / Surname: ", "Lindja / Birth: "):
        if sys.stdin.isatty():
            print(prompt, end="", file=sys.stderr, flush=True)
        lines.append(sys.stdin.readline().strip())
    given, surname, birth = lines
    born = date.fromisoformat(birth) if len(birth) == 10 else None
    year = born.year if born else int(birth)
    if not (given or surname) or not 1900 <= year <= date.today().year:
        raise ValueError("the details do not read")
    return given, surname, year, born


def run_seen_before(args: argparse.Namespace) -> int:
    from interview_room.interview.interview_store import load_decision
    from interview_room.seen_before.held import check_case, check_details, record_details
    from interview_room.seen_before.wording import check_text

    language = args.lang or "sq"
    if args.correct_case_name and not args.details_stdin:
        print("--correct-case-name goes with --details-stdin.", file=sys.stderr)
        return EXIT_REFUSED
    session = sign_in(args)
    try:
        found = [c for c in session.cases.search() if c.code == args.case_code]
        if not found:
            print(f"No case {args.case_code} at this station.", file=sys.stderr)
            return EXIT_REFUSED
        case_id = found[0].id
        typed: tuple[str, str, int, date | None] = ("", "", 0, None)
        if args.details_stdin or args.probe:
            try:
                typed = _read_details()
            except ValueError:
                print("The details do not read: three lines, the birth a year or YYYY-MM-DD.",
                      file=sys.stderr)  # fmt: skip
                return EXIT_REFUSED
        if args.details_stdin:
            with session.db.transaction():
                record_details(session, case_id, *typed, correct_case_name=args.correct_case_name)
        # A probe stores nothing (attacker 8, B1); otherwise the case's recorded details.
        check = (
            check_details(session, case_id, typed) if args.probe else check_case(session, case_id)
        )
        # As on the screen: the earlier decision only once today's is recorded.
        decided = load_decision(session.db, case_id) is not None
    finally:
        session.logout()
    for paragraph in check_text(check.matches, language, decided=decided):
        print(paragraph.replace("\n", " — "))
    return EXIT_OK
