"""Enrollment through the command line: the centre makes a package, the station joins with the
one-time passphrase, and from then on its referrals chain to the centre's root and its bundles
import at the centre."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.store.certificates import StationCertificates
from interview_room.sync.enrollment import EnrollmentInvalid, enroll
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Workstation
from tests.conftest import ADMIN_PASSWORD, CreatedStation, WorkstationFactory, run_cli

WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
OFFICER = ("oficer.mor", "synthetic-officer-passphrase")


def _make_package(tmp_path: Path) -> tuple[Path, Path, str]:
    center = tmp_path / "center"
    assert run_cli("center", "init", "--training", "--center-dir", center).returncode == 0
    package = tmp_path / "morine.enrollment.age"
    made = run_cli(
        "center",
        "enroll",
        "--center-dir",
        center,
        "--station",
        "Morinë",
        "--code",
        "MOR",
        "--out",
        package,
    )
    assert made.returncode == 0, made.stderr
    found = re.search(r"passphrase \(give it separately\): (\S+)", made.stdout)
    assert found is not None
    return center, package, found.group(1)


def test_enrolled_station_signs_under_the_central_root_and_syncs(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    created: CreatedStation = workstation()
    admin = created.session
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.logout()
    center, package, passphrase = _make_package(tmp_path)

    wrong = run_cli(
        "enroll",
        "--data-dir",
        created.data_dir,
        "--username",
        created.admin_username,
        "--package",
        package,
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\nAAAA-BBBB-CCCC\n",
    )
    assert wrong.returncode != 0 and "passphrase" in wrong.stderr
    joined = run_cli(
        "enroll",
        "--data-dir",
        created.data_dir,
        "--username",
        created.admin_username,
        "--package",
        package,
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n{passphrase}\n",
    )
    assert joined.returncode == 0, joined.stderr

    session = Workstation(created.data_dir).unlock(*OFFICER)
    certificates = StationCertificates(session.db)
    assert not certificates.root_is_training()
    result = run_scenario(
        session,
        ProtocolLibrary().current(),
        ScenarioPath.ADULT_POSITIVE,
        "Hana Provaj",
        0,
        worker.id,
    )
    case = next(c for c in session.cases.search() if c.code == result.case_code)
    referrals = Referrals(session)
    record = referrals.create(
        Interview.resume(session, case.id, ProtocolLibrary()),
        recipient="shelter",
        language="en",
        urgency=Urgency.ROUTINE,
        officer_password=OFFICER[1],
    )
    record = referrals.countersign(record.id, *WORKER)
    check = referrals.verify(referrals.pdf(record.id))
    assert check.valid, "both signatures chain to the central root"

    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = StationSync(session).write_to_folder(usb)
    assert bundle is not None
    imported = run_cli("center", "import", "--center-dir", center, "--json", bundle)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout.strip().splitlines()[-1])["imported"] == 1
    assert StationSync(session).receive_from_folder(usb) == 1
    session.logout()


def test_a_package_opens_only_with_its_passphrase(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    created = workstation()
    _, package, _ = _make_package(tmp_path)
    with pytest.raises(EnrollmentInvalid):
        enroll(created.session, package.read_bytes(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    with pytest.raises(EnrollmentInvalid):
        enroll(created.session, b"not a package at all", "ZZZZ")
