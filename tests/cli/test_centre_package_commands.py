"""``interview-room center publish`` and the package's way back on the stick, as scripted from
the command line: real processes, the demo station enrolled with its training centre."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from interview_room.resources import resources_root
from tests.conftest import DemoStation, run_cli


def test_published_directory_travels_on_the_stick_and_status_shows_it(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    center_dir = tmp_path / "center"
    shutil.copytree(demo_station.report["center_dir"], center_dir)
    admin = demo_station.user("station_admin")
    stick = tmp_path / "stick"
    stick.mkdir()

    broken = tmp_path / "broken-protocol"
    shutil.copytree(resources_root() / "protocols" / "screening-v2", broken)
    vectors = broken / "vectors.json"
    vectors.write_text(
        vectors.read_text("utf-8").replace(
            '"outcome": "potential_victim"', '"outcome": "indicators_not_met"', 1
        ),
        "utf-8",
    )
    refused = run_cli("center", "publish", "--center-dir", center_dir, "--protocol", broken)
    assert refused.returncode not in (0, 2) and "Traceback" not in refused.stderr
    assert "test vectors" in refused.stderr
    assert not (center_dir / "published" / "IR-centre-package.json").exists()

    published = run_cli(
        "center",
        "publish",
        "--center-dir",
        center_dir,
        "--directory",
        resources_root() / "directory.json",
    )
    assert published.returncode == 0, published.stderr
    assert published.stdout.startswith("Centre package 1 (directory of ")

    def sync_to_stick() -> str:
        run = run_cli(
            "sync",
            "--data-dir",
            data_dir,
            "--username",
            admin["username"],
            "--password-stdin",
            "--to",
            stick,
            stdin=admin["password"] + "\n",
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    sync_to_stick()
    bundle = next(stick.glob("*.bundle.age"))
    imported = run_cli("center", "import", "--center-dir", center_dir, bundle)
    assert imported.returncode == 0, imported.stderr
    assert (stick / "IR-centre-package.json").exists(), "the package goes back with the receipt"
    # The bundle carried the demo station's revocations: the centre signed package 2 with
    # them (the same directory) before writing it beside the receipt (center/publish.py).
    assert "package 2 was applied" in sync_to_stick()

    status = run_cli(
        "status",
        "--data-dir",
        data_dir,
        "--username",
        admin["username"],
        "--password-stdin",
        stdin=admin["password"] + "\n",
    )
    today = datetime.now(UTC).date().isoformat()
    assert status.returncode == 0, status.stderr
    assert f"Directory of {today}, protocol 2.0.0." in status.stdout
    as_json = run_cli(
        "status",
        "--data-dir",
        data_dir,
        "--username",
        admin["username"],
        "--password-stdin",
        "--json",
        stdin=admin["password"] + "\n",
    )
    report = json.loads(as_json.stdout)
    assert (report["directory_of"], report["protocol"], report["centre_package"]) == (
        today,
        "2.0.0",
        2,
    )


def test_a_withdrawn_protocol_reaches_the_station_and_its_administrator_sees_it(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    center_dir = tmp_path / "center"
    shutil.copytree(demo_station.report["center_dir"], center_dir)
    admin = demo_station.user("station_admin")
    signed_in = ("--username", admin["username"], "--password-stdin")
    stick = tmp_path / "stick"
    stick.mkdir()
    protocol = tmp_path / "protocol-2.1.0"
    shutil.copytree(resources_root() / "protocols" / "screening-v2", protocol)
    for name in ("protocol.json", "vectors.json"):
        path = protocol / name
        path.write_text(
            path.read_text("utf-8").replace('"version": "2.0.0"', '"version": "2.1.0"', 1),
            "utf-8",
        )

    def to_the_station() -> str:
        """The latest package on the stick, then the station's sync with it."""
        package = center_dir / "published" / "IR-centre-package.json"
        shutil.copyfile(package, stick / "IR-centre-package.json")
        run = run_cli(
            "sync",
            "--data-dir",
            data_dir,
            *signed_in,
            "--to",
            stick,
            stdin=admin["password"] + "\n",
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    def status() -> str:
        run = run_cli("status", "--data-dir", data_dir, *signed_in, stdin=admin["password"] + "\n")
        assert run.returncode == 0, run.stderr
        return run.stdout

    publish = ("center", "publish", "--center-dir", center_dir)
    assert run_cli(*publish, "--protocol", protocol).returncode == 0
    to_the_station()
    assert "protocol 2.1.0." in status()

    refused = run_cli(*publish, "--withdraw-protocol", "2.0.0")
    assert refused.returncode not in (0, 2) and "Traceback" not in refused.stderr
    assert "only a version the centre published can be withdrawn" in refused.stderr
    withdrawn = run_cli(*publish, "--withdraw-protocol", "2.1.0")
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert "withdrawn protocol al-border-screening 2.1.0" in withdrawn.stdout
    audit = run_cli("center", "audit", "--center-dir", center_dir, "--json")
    events = [json.loads(line) for line in audit.stdout.splitlines()]
    assert [e["detail"]["withdrawn"] for e in events if e.get("event") == "protocol_withdrawn"] == [
        "2.1.0"
    ]

    assert "withdrawn by the centre: al-border-screening 2.1.0" in to_the_station()
    assert "protocol 2.0.0." in status()
    changes = run_cli(
        "station",
        "package",
        "--changes",
        "--data-dir",
        data_dir,
        *signed_in,
        stdin=admin["password"] + "\n",
    )
    assert changes.returncode == 0, changes.stderr
    assert "Protocol withdrawn: al-border-screening 2.1.0" in changes.stdout
