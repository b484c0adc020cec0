"""What changed with the centre's packages (issue 16): a real centre publishes a directory,
then (after a user was disabled at another station and its bundle imported) a new directory,
a protocol version and the revocations; a real station applies both packages one after the
other, and the differences the administrator sees are exactly these."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from interview_room.accounts import NotPermitted, Role
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_files
from interview_room.center.publish import (
    latest_package,
    publish_directory,
    publish_protocol,
    write_beside,
)
from interview_room.center.store import CenterStore
from interview_room.resources import resources_root
from interview_room.store.certificates import StationCertificates
from interview_room.sync.centre_package_changes import (
    STATES_SETTING,
    EntryState,
    package_changes,
    recent_changes,
)
from interview_room.sync.centre_package_station import apply_package
from interview_room.sync.enrollment import enroll
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session
from tests.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    CreatedStation,
    WorkstationFactory,
    run_cli,
)

OFFICER = ("oficer.kufiri", "synthetic-morine-training-passphrase")
SHIPPED_V2 = resources_root() / "protocols" / "screening-v2"


def _enrolled(center: CenterStore, created: CreatedStation, name: str, code: str) -> None:
    package = make_enrollment(center, station_name=name, station_code=code, url=None)
    enroll(created.session, package.data, package.passphrase)


def _directory(tmp_path: Path, name: str, edit: bool) -> Path:
    document = json.loads((resources_root() / "directory.json").read_text("utf-8"))
    for entry in document["emergency"]:
        if entry["id"] == "trafficking_hotline":
            entry["verified"] = True
    if edit:
        services = document["services"]
        vatra = next(e for e in services if e["id"] == "vatra")
        vatra["phone"], vatra["verified"] = "033 222 111", True
        services[:] = [e for e in services if e["id"] != "tjeter_vizion"]
        services.append(
            {"id": "qendra_sot", "name": "Qendra Sot", "city": "Korçë", "phone": None}
            | {"verified": False}
        )
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _protocol_2_1(tmp_path: Path) -> Path:
    folder = tmp_path / "protocol-2.1.0"
    shutil.copytree(SHIPPED_V2, folder)
    for name in ("protocol.json", "vectors.json"):
        path = folder / name
        text = path.read_text("utf-8").replace('"version": "2.0.0"', '"version": "2.1.0"', 1)
        path.write_text(text, "utf-8")
    return folder


def _apply_latest(session: Session, center: CenterStore) -> None:
    data = latest_package(center)
    assert data is not None
    assert apply_package(session, data).changed


def _disable_officer_and_send(morine: CreatedStation, center: CenterStore, stick: Path) -> str:
    """Morinë's administrator disables the officer; Morinë's bundle reaches the centre.
    Returns the officer's certificate serial (hex)."""
    officer = morine.session.users.find(OFFICER[0])
    assert officer is not None
    certificate = StationCertificates(morine.session.db).current_for(officer.id)
    if certificate is None:  # issued at the officer's first sign-in after enrollment
        morine.workstation.unlock(*OFFICER).logout()
        certificate = StationCertificates(morine.session.db).current_for(officer.id)
    assert certificate is not None
    morine.session.disable_user(OFFICER[0])
    stick.mkdir()
    visit = exchange_with_folder(morine.session, stick)
    assert visit.written is not None
    assert not import_files(center, [visit.written]).refused
    write_beside(center, stick)  # publishes the revocations the centre now holds
    from cryptography import x509

    return f"{x509.load_der_x509_certificate(certificate.certificate_der).serial_number:X}"


@pytest.fixture
def two_packages(workstation: WorkstationFactory, tmp_path: Path) -> tuple[CreatedStation, str]:
    """Han i Hotit applies package 1 (a directory), then the latest package (a new directory,
    protocol 2.1.0 and Morinë's revocation)."""
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    morine = workstation(name="morine", code="MOR")
    _enrolled(center, morine, "Morinë", "MOR")
    morine.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    hani = workstation(name="hani", code="HAN")
    _enrolled(center, hani, "Han i Hotit", "HAN")

    publish_directory(center, _directory(tmp_path, "first", False), date(2027, 1, 12))
    _apply_latest(hani.session, center)
    serial = _disable_officer_and_send(morine, center, tmp_path / "stick")
    publish_directory(center, _directory(tmp_path, "second", True), date(2027, 2, 3))
    publish_protocol(center, _protocol_2_1(tmp_path))
    _apply_latest(hani.session, center)
    return hani, serial


def test_two_packages_applied_one_after_the_other_show_exactly_what_each_changed(
    two_packages: tuple[CreatedStation, str],
) -> None:
    hani, serial = two_packages
    last, before = package_changes(hani.session)
    assert before.previous is None and before.directory_before is None
    assert before.directory_after == "2027-01-12"
    assert before.protocols_added == () and before.revoked_serials == ()
    assert (before.user_certificates_revoked, before.stations_revoked) == (0, 0)
    (hotline,) = before.entries
    assert hotline.kind == "changed"
    assert hotline.before is not None and hotline.after is not None
    assert (hotline.before.id, hotline.before.verified, hotline.after.verified) == (
        "trafficking_hotline",
        False,
        True,
    )

    assert (last.previous, last.directory_before, last.directory_after) == (
        before.number,
        "2027-01-12",
        "2027-02-03",
    )
    (protocol,) = last.protocols_added
    assert (protocol.id, protocol.version) == ("al-border-screening", "2.1.0")
    assert protocol.changes == ("What changed from version 1 (issue 12)",)
    assert {vector for vector, _ in protocol.changed_because} >= {
        "declined_answers_count_for_nothing"
    }
    assert all(because.strip() for _, because in protocol.changed_because)
    changes = {
        (c.kind, entry.id) for c in last.entries if (entry := c.after or c.before) is not None
    }
    assert changes == {
        ("changed", "vatra"),
        ("removed", "tjeter_vizion"),
        ("added", "qendra_sot"),
    }
    vatra = next(c for c in last.entries if c.kind == "changed")
    assert vatra.after == EntryState("services", "vatra", "Vatra", "Vlorë", "033 222 111", True)
    assert last.revoked_serials == (("MOR – Morinë", (serial,)),)
    assert (last.user_certificates_revoked, last.stations_revoked) == (1, 0)
    document = last.as_json()
    assert document["revocations"] == {
        "user_certificates": 1,
        "stations": 0,
        "by_station": [{"station": "MOR – Morinë", "serials": [serial]}],
        "no_longer_revoked_by_station": [],
    }
    assert "Oficer" not in json.dumps(document, ensure_ascii=False)


def test_the_states_are_kept_in_the_encrypted_store_only_and_only_for_administrators(
    two_packages: tuple[CreatedStation, str],
) -> None:
    hani, _ = two_packages
    row = hani.session.db.one("SELECT value FROM settings WHERE key = ?", (STATES_SETTING,))
    assert row is not None and len(json.loads(str(row[0]))) == 3
    data_dir = hani.workstation.data_dir
    for path in data_dir.rglob("*"):
        if path.is_file() and path.suffix in {".json", ".txt"}:
            assert b"Qendra Sot" not in path.read_bytes() or "directories" in path.parts
    hani.session.add_user("oficere.dy", "Oficere Dy", Role.OFFICER, OFFICER[1])
    officer = hani.workstation.unlock("oficere.dy", OFFICER[1])
    try:
        with pytest.raises(NotPermitted):
            package_changes(officer)
    finally:
        officer.logout()
    assert len(recent_changes(hani.session.db)) == 2


def test_the_command_prints_the_changes_for_an_administrator_and_refuses_an_officer(
    two_packages: tuple[CreatedStation, str],
) -> None:
    hani, serial = two_packages
    data_dir = hani.workstation.data_dir
    hani.session.add_user("oficere.dy", "Oficere Dy", Role.OFFICER, OFFICER[1])
    base = ("station", "package", "--changes", "--data-dir", data_dir, "--password-stdin")
    admin = ("--username", ADMIN_USERNAME)

    run = run_cli(*base, *admin, "--json", stdin=ADMIN_PASSWORD + "\n")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert set(document) == {"holds", "changes"}
    assert document["holds"]["directory_of"] == "2027-02-03"
    last, before = document["changes"]
    assert set(last) == {
        "number",
        "created_at",
        "previous",
        "directory",
        "protocols_added",
        "protocols_removed",
        "protocols_withdrawn",
        "revocations",
    }
    assert before["previous"] is None and last["previous"] == before["number"]
    assert [p["version"] for p in last["protocols_added"]] == ["2.1.0"]
    assert {
        (e["change"], (e["after"] or e["before"])["id"]) for e in last["directory"]["entries"]
    } == {
        ("changed", "vatra"),
        ("removed", "tjeter_vizion"),
        ("added", "qendra_sot"),
    }
    assert last["revocations"]["by_station"] == [{"station": "MOR – Morinë", "serials": [serial]}]

    text = run_cli(*base, *admin, stdin=ADMIN_PASSWORD + "\n")
    assert text.returncode == 0, text.stderr
    assert "Protocol added: al-border-screening 2.1.0" in text.stdout
    assert "Directory entry added: Qendra Sot, Korçë" in text.stdout
    assert "Revocations added: 1 user certificate(s), 0 station(s)" in text.stdout
    assert f"MOR – Morinë: 1 serial(s) {serial}" in text.stdout

    refused = run_cli(*base, "--username", "oficere.dy", "--json", stdin=OFFICER[1] + "\n")
    assert refused.returncode == 1 and refused.stdout == ""
    assert "administrator" in refused.stderr
    wrong = run_cli(*base, *admin, stdin="not-the-password\n")
    assert wrong.returncode == 1
