"""``interview-room center seen-before rotate|status``: the centre's "seen before" key (issue 16).

``rotate`` makes a new key version current (a station lost, someone who held the key left, or
yearly; docs/THREAT_MODEL.md "Seen before"), written in the centre's audit log; the stations
receive it with the next centre package and re-send their cases' tokens under it. ``status``
shows the key versions, the entries in the index and each station's share: counts only,
never a key or a token. Both are the administrator's (the publishing role: the key goes out in
the package) and sign in like every ``center`` command, the password on standard input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview_room.cli.center_sign_in import add_centre_sign_in, centre_sign_in
from interview_room.cli.common import EXIT_OK

if TYPE_CHECKING:
    from interview_room.center.seen_before_status import SeenBeforeStatus
    from interview_room.center.store import CenterStore

ACTION = "publish"
"""The centre action both commands need (``center/users.py``): the administrator's."""


def add_commands(center_commands: Any) -> None:
    seen = center_commands.add_parser(
        "seen-before", help='the "seen before" key and index (issue 16)'
    )
    actions = seen.add_subparsers(dest="seen_before_command", metavar="ACTION", required=True)
    rotate = actions.add_parser(
        "rotate", help="make a new key version current (the stations get it with the next package)"
    )
    status = actions.add_parser("status", help="key versions, entries in the index, per station")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    for parser in (rotate, status):
        parser.add_argument("--center-dir", type=Path, required=True)
        add_centre_sign_in(parser)
        parser.set_defaults(handler=run_seen_before)


def run_seen_before(args: argparse.Namespace) -> int:
    from interview_room.center.store import CenterStore
    from interview_room.center.users import CenterAction

    center = CenterStore(args.center_dir)
    centre_sign_in(center, args, CenterAction(ACTION))
    if args.seen_before_command == "rotate":
        return _rotate(center)
    return _status(center, args.json)


def _rotate(center: CenterStore) -> int:
    from interview_room.center import seen_before
    from interview_room.center.audit_log import CenterAuditEvent

    db = center.open()
    try:
        key = seen_before.rotate_key(db)
    finally:
        db.close()
    center.record(CenterAuditEvent.SEEN_BEFORE_KEY_ROTATED, detail={"key_version": key.version})
    print(
        f"Seen-before key version {key.version} is current. The stations receive it with the "
        "next centre package and send their cases' tokens again under it; until then both "
        "versions are matched."
    )
    return EXIT_OK


def _status(center: CenterStore, as_json: bool) -> int:
    from interview_room.center.seen_before_status import index_status

    db = center.open()
    try:
        status = index_status(db)
    finally:
        db.close()
    print(json.dumps(_as_dict(status), ensure_ascii=False) if as_json else _as_text(status))
    return EXIT_OK


def _as_dict(status: SeenBeforeStatus) -> dict[str, object]:
    return {
        "current_key_version": status.current_version,
        "keys": [
            {"version": k.version, "created_at": k.created_at, "entries": k.entries, "sent": k.sent}
            for k in status.keys
        ],
        "entries": status.entries,
        "cases": status.cases,
        "stations": {name: count for name, count in status.per_station},
    }


def _as_text(status: SeenBeforeStatus) -> str:
    if not status.keys:
        lines = ["No seen-before key yet: the first is made with the next centre package."]
    else:
        lines = [f"Current key version: {status.current_version}"]
        lines += [
            f"  version {k.version}, made {k.created_at}: {k.entries} entries"
            + ("" if k.sent else " (left out of the packages: a station reads the newest only)")
            for k in status.keys
        ]
    lines.append(f"Entries in the index: {status.entries} ({status.cases} cases)")
    lines += [f"  {name}: {count} cases" for name, count in status.per_station]
    return "\n".join(lines)
