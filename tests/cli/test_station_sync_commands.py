"""The station's commands as an administrator scripts them over a remote shell: set-up, sync
by folder and by network, status. Real processes, real stores, a real receiver; every error is
one sentence and a non-zero exit code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from interview_room.center.store import CenterStore
from tests.center.test_receiver import Receiver, free_port
from tests.conftest import CliRun, DemoStation, run_cli

PASSWORD = "synthetic-morine-training-passphrase"
RECOVERY_KEY = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){12}$")


def _one_sentence_error(run: CliRun) -> str:
    assert run.returncode not in (0, 2), run.stdout + run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("interview-room: ")
    return lines[0].removeprefix("interview-room: ")


def _signed_in(command: str, data_dir: Path, username: str, *args: str | Path) -> list[str | Path]:
    return [command, "--data-dir", data_dir, "--username", username, "--password-stdin", *args]


def _setup(data_dir: Path, *args: str | Path, stdin: str = PASSWORD + "\n") -> CliRun:
    return run_cli(
        "station",
        "setup",
        "--data-dir",
        data_dir,
        "--station",
        "Morinë (sintetik)",
        "--code",
        "MOR",
        "--username",
        "a.shembulli",
        "--display-name",
        "Arta Shembulli",
        "--password-stdin",
        *args,
        stdin=stdin,
    )


def _enrollment_package(center_dir: Path, out: Path, url: str | None = None) -> str:
    """A package made with ``center enroll``; returns its one-time passphrase."""
    if not (center_dir / "center.db").exists():
        assert run_cli("center", "init", "--training", "--center-dir", center_dir).returncode == 0
    extra: list[str | Path] = ["--url", url] if url else []
    run = run_cli(
        "center",
        "enroll",
        "--center-dir",
        center_dir,
        "--station",
        "Morinë",
        "--code",
        "MOR",
        "--out",
        out,
        *extra,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.rsplit(": ", 1)[1].strip()


def test_round_trip_from_the_command_line_alone(demo_station: DemoStation, tmp_path: Path) -> None:
    """demo → sync --to DIR → center import → receipt in DIR → sync --to DIR → nothing pending."""
    data_dir = demo_station.copy(tmp_path / "data")
    center_dir = tmp_path / "center"
    shutil.copytree(demo_station.report["center_dir"], center_dir)
    admin = demo_station.user("station_admin")
    stick = tmp_path / "stick"
    stick.mkdir()

    def sync_to_stick() -> dict[str, object]:
        run = run_cli(
            *_signed_in("sync", data_dir, admin["username"], "--to", stick, "--json"),
            stdin=admin["password"] + "\n",
        )
        assert run.returncode == 0, run.stderr
        return dict(json.loads(run.stdout))

    first = sync_to_stick()
    assert first["confirmed"] == 0 and first["pending"] == len(demo_station.report["cases"])
    bundle = Path(str(first["written"]))
    assert bundle.parent == stick.resolve() and bundle.name.endswith(".bundle.age")

    imported = run_cli("center", "import", "--center-dir", center_dir, bundle, "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout.splitlines()[-1])["imported"] == first["pending"]
    receipts = list(stick.glob("*.receipt.json"))
    assert len(receipts) == 1, "the centre wrote its receipt beside the bundle"

    second = sync_to_stick()
    assert second == {
        "confirmed": first["pending"],
        "conflicts": 0,
        "refused": [],
        "written": None,
        "pending": 0,
    }

    status = run_cli(
        *_signed_in("status", data_dir, admin["username"], "--json"),
        stdin=admin["password"] + "\n",
    )
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["pending"] == 0 and report["conflicts"] == 0
    assert report["last_sent"] is not None and report["last_receipt"] is not None
    assert report["code"] == "TRN" and report["linked"] is True


def test_sync_names_a_refused_receipt_and_exits_non_zero(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    admin = demo_station.user("station_admin")
    stick = tmp_path / "stick"
    stick.mkdir()
    station_id = next(demo_station.export_dir.glob("usb/*.bundle.age")).name.split("-")[1]
    forged = stick / f"IR-{station_id}-00000001.receipt.json"
    forged.write_text('{"not": "a receipt"}')

    run = run_cli(
        *_signed_in("sync", data_dir, admin["username"], "--to", stick),
        stdin=admin["password"] + "\n",
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert forged.name in run.stderr
    assert "Written and checked:" in run.stdout, "the bundle is still written"


def test_sync_and_status_error_paths(demo_station: DemoStation, tmp_path: Path) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    admin = demo_station.user("station_admin")
    sign_in = admin["password"] + "\n"

    missing = tmp_path / "no-stick-here"
    run = run_cli(*_signed_in("sync", data_dir, admin["username"], "--to", missing), stdin=sign_in)
    assert str(missing) in _one_sentence_error(run)
    assert not missing.exists()

    # The demo's centre gave no network address: USB only, said in the person's language.
    run = run_cli(*_signed_in("sync", data_dir, admin["username"], "--network"), stdin=sign_in)
    assert "USB" in _one_sentence_error(run)

    wrong = admin["password"] + "-wrong\n"
    run = run_cli("--lang", "sq", *_signed_in("status", data_dir, admin["username"]), stdin=wrong)
    assert _one_sentence_error(run) == "Emri i përdoruesit ose fjalëkalimi nuk është i saktë."
    run = run_cli("--lang", "en", *_signed_in("status", data_dir, admin["username"]), stdin=wrong)
    assert _one_sentence_error(run) == "The username or password is not right."
    assert admin["password"] not in run.stderr

    both = run_cli(
        *_signed_in("sync", data_dir, admin["username"], "--to", tmp_path, "--network"),
        stdin=sign_in,
    )
    assert both.returncode == 2 and "usage:" in both.stderr


def test_station_setup_then_not_enrolled_status_and_sync_refusal(tmp_path: Path) -> None:
    data_dir = tmp_path / "pc"
    run = _setup(data_dir, "--json")
    assert run.returncode == 0, run.stderr
    made = json.loads(run.stdout)
    assert (made["code"], made["administrator"], made["enrolled_as"]) == (
        "MOR",
        "a.shembulli",
        None,
    )
    assert RECOVERY_KEY.match(made["recovery_key"]), made["recovery_key"]
    assert PASSWORD not in run.stdout

    status = run_cli(*_signed_in("status", data_dir, "a.shembulli"), stdin=PASSWORD + "\n")
    assert status.returncode == 0, status.stderr
    assert "not enrolled" in status.stdout

    sync = run_cli(
        *_signed_in("sync", data_dir, "a.shembulli", "--to", tmp_path), stdin=PASSWORD + "\n"
    )
    assert "not linked" in _one_sentence_error(sync)

    again = _setup(data_dir)
    assert "already holds a workstation" in _one_sentence_error(again)


@pytest.mark.parametrize(
    ("problem", "stdin", "expected"),
    [
        ("weak password", "aaaaaaaaaaaa\n", "password"),
        ("missing package", PASSWORD + "\nANY\n", "cannot be read"),
        ("wrong passphrase", PASSWORD + "\nWRONG-WRONG-WRONG\n", "passphrase"),
    ],
)
def test_station_setup_refusals_leave_nothing_made(
    tmp_path: Path, problem: str, stdin: str, expected: str
) -> None:
    data_dir = tmp_path / "pc"
    args: list[str | Path] = ["--lang", "en"] if problem == "wrong passphrase" else []
    if problem == "missing package":
        setup_args: list[str | Path] = ["--package", tmp_path / "not-there.age"]
    elif problem == "wrong passphrase":
        _enrollment_package(tmp_path / "center", tmp_path / "morine.age")
        setup_args = ["--package", tmp_path / "morine.age"]
    else:
        setup_args = []
    run = run_cli(
        *args,
        "station",
        "setup",
        "--data-dir",
        data_dir,
        "--station",
        "Morinë (sintetik)",
        "--code",
        "MOR",
        "--username",
        "a.shembulli",
        "--display-name",
        "Arta Shembulli",
        "--password-stdin",
        *setup_args,
        stdin=stdin,
    )
    assert expected in _one_sentence_error(run)
    assert not data_dir.exists(), "nothing is made before every check has passed"


def test_setup_with_a_package_then_network_sync_and_status(tmp_path: Path) -> None:
    """station setup --package, then sync --network to a real receiver on 127.0.0.1: the
    centre is reached only once it runs, and status says so."""
    port = free_port()
    center_dir = tmp_path / "center"
    passphrase = _enrollment_package(
        center_dir, tmp_path / "morine.age", url=f"https://127.0.0.1:{port}"
    )
    data_dir = tmp_path / "pc"
    made = _setup(
        data_dir,
        "--package",
        tmp_path / "morine.age",
        "--json",
        stdin=f"{PASSWORD}\n{passphrase}\n",
    )
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["enrolled_as"]

    def network() -> CliRun:
        return run_cli(
            *_signed_in("sync", data_dir, "a.shembulli", "--network", "--attempts", "1"),
            stdin=PASSWORD + "\n",
        )

    def status() -> dict[str, object]:
        run = run_cli(
            *_signed_in("status", data_dir, "a.shembulli", "--json"), stdin=PASSWORD + "\n"
        )
        assert run.returncode == 0, run.stderr
        return dict(json.loads(run.stdout))

    assert "could not be reached" in _one_sentence_error(network())
    unreached = status()
    assert unreached["center_problem"] == "CenterUnreachable"
    assert unreached["center_reached"] is None and unreached["center_tried"] is not None

    server = Receiver.start(
        CenterStore(center_dir), port, tmp_path / "receiver.log", plain_serve=True
    )
    try:
        server.wait_ready()
        sent = network()
    finally:
        server.stop()
    assert sent.returncode == 0, sent.stderr
    reached = status()
    assert reached["center_problem"] is None and reached["center_reached"] is not None
    assert reached["network"] is True and reached["pending"] == 0
