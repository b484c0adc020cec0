"""A training deployment: built by the real command, usable at once, and nothing in clear."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.cases.register import CaseStatus
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.training.deployment import (
    ExportInsideDataDir,
    build_training_deployment,
    generate_password,
)
from interview_room.training.synthetic import FICTITIOUS_FAMILY_NAMES
from interview_room.workstation import Workstation
from tests.conftest import DemoStation
from tests.external_tools import require_tool, run_tool


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_demo_prints_one_json_object(demo_station: DemoStation) -> None:
    lines = demo_station.run.stdout.strip().splitlines()
    assert len(lines) == 1
    report = demo_station.report
    assert isinstance(report, dict)
    assert Path(report["data_dir"]) == demo_station.data_dir.resolve()
    assert demo_station.run.stderr == ""


def test_demo_reports_three_users_with_roles(demo_station: DemoStation) -> None:
    users = demo_station.report["users"]
    assert sorted(u["role"] for u in users) == sorted(role.value for role in Role)
    for user in users:
        assert set(user) == {"username", "password", "role"}
        assert len(user["password"]) >= 10
    assert len({u["username"] for u in users}) == 3


def test_demo_sample_names_are_plainly_fictitious(demo_station: DemoStation) -> None:
    names = demo_station.report["sample_names"]
    assert len(names) == 12
    assert len(set(names)) == 12
    assert all(name.split()[1] in FICTITIOUS_FAMILY_NAMES for name in names)


def test_demo_leaves_no_sqlite_file_in_clear(demo_station: DemoStation) -> None:
    found = _files_under(demo_station.data_dir)
    assert {p.name for p in found} >= {"station.db", "keyring.json"}
    for path in found:
        assert not path.read_bytes().startswith(b"SQLite format 3"), path


def test_demo_leaves_no_sample_name_in_clear(demo_station: DemoStation) -> None:
    names = [n.encode("utf-8") for n in demo_station.report["sample_names"]]
    given_names = {n.split(b" ")[0] + b" " for n in names}
    # The export folder holds only what was handed out on purpose: the training root and the
    # signed referrals (which carry what the person agreed to share with the recipient).
    handed_out = {
        p.relative_to(demo_station.export_dir).as_posix()
        for p in _files_under(demo_station.export_dir)
    }
    expected = {"training-root-ca.pem", "center-identity.txt"} | {
        Path(p).relative_to(demo_station.export_dir).as_posix()
        for p in [*demo_station.report["referral_pdfs"], demo_station.report["bundle"]]
    }
    center = {name for name in handed_out if name.startswith("center/")}
    assert center == {"center/center.db", "center/center.key"}
    assert handed_out - center == expected
    scanned = [*_files_under(demo_station.data_dir), *_files_under(demo_station.tmpdir)]
    for path in scanned:
        data = path.read_bytes()
        for needle in (*names, *given_names):
            assert needle not in data, f"{needle!r} in clear in {path}"


def test_demo_files_are_private(demo_station: DemoStation) -> None:
    assert stat.S_IMODE(os.stat(demo_station.data_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(demo_station.export_dir).st_mode) == 0o700
    for path in _files_under(demo_station.data_dir):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_demo_station_opens_with_its_cases(demo_station: DemoStation, tmp_path: Path) -> None:
    workstation = Workstation(demo_station.copy(tmp_path / "data"))
    assert workstation.describe().training
    admin = demo_station.user("station_admin")
    session = workstation.unlock(admin["username"], admin["password"])
    try:
        cases = session.cases.search()
        listed = demo_station.report["cases"]
        assert sorted(c["name"] for c in listed) == sorted(demo_station.report["sample_names"])
        # A person who did not agree to a record keeps no name at the station.
        refused = {c["code"] for c in listed if c["storage_consent"] == "refused"}
        assert refused, "the demo has a case whose storage was refused"
        assert {c.code: c.person_name for c in cases} == {
            c["code"]: "" if c["code"] in refused else c["name"] for c in listed
        }
        assert all(c.code.startswith("TRN-") for c in cases)
        assert all(c.officer and c.social_worker for c in cases)
        # Every path of the screening is there: finished and declined (completed), stopped
        # (incomplete) and left in the middle (draft).
        assert {c.status.value for c in cases} == {"completed", "incomplete", "draft", "referred"}
        assert session.verify_audit().intact
        events = [e.event for e in session.audit.entries()]
        assert "training_data_created" in events
    finally:
        session.lock()


def test_build_in_process_with_fixed_time(tmp_path: Path) -> None:
    now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    deployment = build_training_deployment(
        tmp_path / "data", tmp_path / "export", cases=3, kdf=MINIMUM_ARGON2, now=now
    )
    assert len(deployment.sample_names) == 3
    assert deployment.export_dir.is_dir()

    officer = next(u for u in deployment.users if u.role is Role.OFFICER)
    session = Workstation(deployment.data_dir).unlock(officer.username, officer.password)
    try:
        cases = session.cases.search()
        assert [c.code for c in cases] == ["TRN-2026-0001", "TRN-2026-0002", "TRN-2026-0003"]
        assert cases[0].started_at == "2026-03-02T09:30:00+00:00"
        assert cases[0].status is CaseStatus.REFERRED  # the demo refers its first decided case
        assert [p.name for p in deployment.referral_pdfs] == [
            "TRN-2026-0001-R1-sq.pdf",
            "TRN-2026-0002-R1-en.pdf",
        ]
    finally:
        session.lock()


def test_build_with_no_cases(tmp_path: Path) -> None:
    deployment = build_training_deployment(
        tmp_path / "data", tmp_path / "export", cases=0, kdf=MINIMUM_ARGON2
    )
    assert deployment.sample_names == ()
    assert deployment.referral_pdfs == ()
    assert deployment.root_ca_pem.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")


@pytest.mark.parametrize("inside", [".", "export", "a/b/export"])
def test_export_inside_data_dir_is_refused(tmp_path: Path, inside: str) -> None:
    data_dir = tmp_path / "data"
    with pytest.raises(ExportInsideDataDir):
        build_training_deployment(data_dir, data_dir / inside, cases=1, kdf=MINIMUM_ARGON2)
    assert not data_dir.exists()


def test_export_beside_a_similarly_named_data_dir_is_allowed(tmp_path: Path) -> None:
    # "data-export" starts with "data" but is not inside it.
    deployment = build_training_deployment(
        tmp_path / "data", tmp_path / "data-export", cases=0, kdf=MINIMUM_ARGON2
    )
    assert deployment.export_dir.is_dir()


def test_generated_passwords_meet_the_rule_and_differ() -> None:
    passwords = {generate_password() for _ in range(20)}
    assert len(passwords) > 1
    assert all(len(p) >= 10 for p in passwords)


def test_an_albanian_demo_referral_gives_the_reasons_in_albanian(
    demo_station: DemoStation,
) -> None:
    """The officers' own words (the decision's reasons) are printed as written: in a training
    case they are Albanian, as the officers write them, not English on an Albanian form."""
    require_tool("pdftotext")
    albanian = [p for p in demo_station.report["referral_pdfs"] if p.endswith("-sq.pdf")]
    assert albanian
    for pdf in albanian:
        words = " ".join(run_tool("pdftotext", pdf, "-").stdout.split())
        assert "Rast trajnimi sintetik" in words, pdf
        assert "Synthetic" not in words, pdf
