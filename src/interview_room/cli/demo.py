"""``interview-room demo``: a training deployment with synthetic cases."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from interview_room.cli.common import EXIT_OK
from interview_room.errors import InterviewRoomError


def add_commands(commands: Any) -> None:
    demo = commands.add_parser("demo", help="build a training deployment with synthetic cases")
    demo.add_argument("--data-dir", type=Path, required=True, dest="demo_data_dir")
    demo.add_argument("--export-dir", type=Path, required=True)
    demo.add_argument("--cases", type=int, default=12)
    demo.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
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
