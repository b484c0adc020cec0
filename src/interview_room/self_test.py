"""`interview-room --self-test`: prove on this machine, in a few seconds, that the whole chain
works before the first real interview: an encrypted store, a synthetic interview, a doubly
signed referral that checks as valid, and a bundle that a centre imports and confirms.

Everything happens in a private temporary folder that is removed at the end, whatever happens.
Only synthetic data is used.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview_room.files import private_dir

PASSWORD = "self-test-admin-passphrase"
WORKER_PASSWORD = "self-test-worker-passphrase"
OFFICER_PASSWORD = "self-test-officer-passphrase"


@dataclass
class SelfTest:
    """The steps share what earlier steps made."""

    folder: Path
    made: dict[str, Any] = field(default_factory=dict)

    def store(self) -> str:
        from interview_room.store.kdf import MINIMUM_ARGON2
        from interview_room.workstation import Workstation

        created = Workstation(self.folder / "station").create(
            "Vetëtestim",
            "TST",
            "admin.test",
            "Admin Vetëtestimi",
            PASSWORD,
            training=True,
            kdf=MINIMUM_ARGON2,
        )
        session = created.session
        head = (self.folder / "station" / "station.db").read_bytes()[:16]
        if head.startswith(b"SQLite format 3"):
            raise RuntimeError("the store is not encrypted")
        self.made["session"] = session
        return "encrypted store opened with a key slot"

    def interview(self) -> str:
        from interview_room.accounts import Role
        from interview_room.interview.protocols import ProtocolLibrary
        from interview_room.training.scenarios import Path as ScenarioPath
        from interview_room.training.scenarios import run_scenario
        from interview_room.workstation import Workstation

        admin = self.made["session"]
        worker = admin.add_user(
            "punonjes.test", "Punonjëse Vetëtestimi", Role.SOCIAL_WORKER, WORKER_PASSWORD
        )
        # Only a border police officer makes and certifies a referral (not the administrator).
        admin.add_user("oficer.test", "Oficer Vetëtestimi", Role.OFFICER, OFFICER_PASSWORD)
        admin.logout()
        session = Workstation(self.folder / "station").unlock("oficer.test", OFFICER_PASSWORD)
        self.made["session"] = session
        result = run_scenario(
            session,
            ProtocolLibrary().current(),
            ScenarioPath.ADULT_POSITIVE,
            "Vetë Testimi",
            0,
            worker.id,
        )
        self.made["case"] = next(c for c in session.cases.search() if c.code == result.case_code)
        return f"synthetic interview {result.case_code} saved and decided"

    def referral(self) -> str:
        from interview_room.interview.interview import Interview
        from interview_room.interview.protocols import ProtocolLibrary
        from interview_room.referral.content import Urgency
        from interview_room.referral.referrals import Referrals

        session = self.made["session"]
        referrals = Referrals(session)
        record = referrals.create(
            Interview.resume(session, self.made["case"].id, ProtocolLibrary()),
            recipient="responsible_authority",
            language="sq",
            urgency=Urgency.ROUTINE,
            officer_password=OFFICER_PASSWORD,
        )
        record = referrals.countersign(record.id, "punonjes.test", WORKER_PASSWORD)
        check = referrals.verify(referrals.pdf(record.id))
        if not check.valid or len(check.signatures) != 2:
            raise RuntimeError("the signed referral does not check as valid")
        return "referral rendered, signed twice and checked"

    def bundle(self) -> str:
        from interview_room.center.enrollment import make_enrollment
        from interview_room.center.importer import import_files
        from interview_room.center.store import CenterStore
        from interview_room.sync.enrollment import enroll
        from interview_room.sync.station import StationSync
        from interview_room.workstation import Workstation

        self.made["session"].logout()
        session = Workstation(self.folder / "station").unlock("admin.test", PASSWORD)
        self.made["session"] = session
        center = CenterStore(self.folder / "center")
        center.create(training=True)
        package = make_enrollment(center, station_name="Vetëtestim", station_code="TST", url=None)
        enroll(session, package.data, package.passphrase)
        drive = private_dir(self.folder / "usb")
        sync = StationSync(session)
        written = sync.write_to_folder(drive)
        if written is None:
            raise RuntimeError("no bundle was written")
        run = import_files(center, [written])
        if run.refused or run.imported != 1:
            raise RuntimeError("the centre did not import the bundle")
        if sync.receive_from_folder(drive) != 1:
            raise RuntimeError("the receipt did not confirm the case")
        self.made["center"] = center
        return "bundle written, imported by a centre and confirmed by its receipt"

    def statistics(self) -> str:
        """The centre's anonymous statistics of the bundle just imported, as the PDF report:
        its words come from resources/statistics (a frozen build must carry them)."""
        from datetime import date, timedelta

        from interview_room.center.stats import compute_statistics
        from interview_room.center.stats_pdf import pdf_bytes

        today = date.today()  # the Albanian day of the interview is within a day of this PC's
        report = compute_statistics(
            self.made["center"], start=today - timedelta(days=1), end=today + timedelta(days=1)
        )
        if not pdf_bytes(report).startswith(b"%PDF"):
            raise RuntimeError("the statistics report was not made")
        return "anonymous statistics counted and written as a PDF report"


def run_self_test(report: Callable[[str], None] = print) -> bool:
    """Run every step in order; report one line each; return True when all passed."""
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="interview-room-self-test-"))
    test = SelfTest(private_dir(folder))
    steps = (
        ("store", test.store),
        ("interview", test.interview),
        ("referral", test.referral),
        ("bundle", test.bundle),
        ("statistics", test.statistics),
    )
    ok = True
    try:
        for name, step in steps:
            try:
                report(f"ok      {name}: {step()}")
            except Exception as error:  # the self-test names what failed, never a traceback
                report(f"FAILED  {name}: {type(error).__name__}: {error}")
                ok = False
                break
    finally:
        session = test.made.get("session")
        if session is not None and session.is_open:
            session.logout()
        shutil.rmtree(folder, ignore_errors=True)
    removed = not folder.exists()
    report(f"{'ok' if removed else 'FAILED'}      clean-up: the temporary folder was removed")
    seconds = time.monotonic() - started
    report(f"self-test {'passed' if ok and removed else 'FAILED'} in {seconds:.1f} s")
    return ok and removed
