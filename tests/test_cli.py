"""The command line as an administrator uses it: real processes, real stores, one-sentence
errors and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_room import __version__
from interview_room.store.database import Database
from interview_room.workstation import Workstation
from tests.conftest import CliRun, DemoStation, run_cli


def _assert_one_sentence_error(run: CliRun) -> None:
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert "Traceback" not in run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("interview-room: ")


def _verify(data_dir: Path, username: str, password: str) -> CliRun:
    return run_cli(
        "audit",
        "verify",
        "--data-dir",
        data_dir,
        "--username",
        username,
        "--password-stdin",
        stdin=password + "\n",
    )


def test_version() -> None:
    run = run_cli("--version")
    assert run.returncode == 0
    assert __version__ in run.stdout


def test_audit_verify_with_the_right_password(demo_station: DemoStation, tmp_path: Path) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    admin = demo_station.user("station_admin")

    run = _verify(data_dir, admin["username"], admin["password"])

    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Audit log intact: ")
    assert run.stderr == ""


def test_audit_verify_names_a_changed_entry(demo_station: DemoStation, tmp_path: Path) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    officer = demo_station.user("officer")
    session = Workstation(data_dir).unlock(officer["username"], officer["password"])
    with session.db.transaction():
        session.db.execute("UPDATE audit_log SET actor = 'someone.else' WHERE seq = 3")
    session.lock()

    admin = demo_station.user("station_admin")
    run = _verify(data_dir, admin["username"], admin["password"])

    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == ["Audit log broken at entry 3: entry 3 was changed."]


def test_audit_verify_with_a_wrong_password(demo_station: DemoStation, tmp_path: Path) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    admin = demo_station.user("station_admin")

    run = _verify(data_dir, admin["username"], admin["password"] + "-wrong")

    _assert_one_sentence_error(run)
    assert run.stderr.strip() == "interview-room: The username or password is wrong."
    # The security delay after a wrong password is paid by scripts too.
    assert run.seconds >= 1.0
    assert admin["password"] not in run.stderr


def test_audit_verify_of_an_unknown_user_says_the_same(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    run = _verify(data_dir, "nobody.here", "some-password-guess")
    _assert_one_sentence_error(run)
    assert run.stderr.strip() == "interview-room: The username or password is wrong."


def test_export_dir_inside_data_dir_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    run = run_cli("demo", "--data-dir", data_dir, "--export-dir", data_dir / "out", "--json")

    _assert_one_sentence_error(run)
    assert run.stdout == ""
    assert not data_dir.exists()


def test_demo_refuses_an_existing_workstation(demo_station: DemoStation, tmp_path: Path) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    before = (data_dir / "keyring.json").read_bytes()
    run = run_cli("demo", "--data-dir", data_dir, "--export-dir", tmp_path / "export")
    _assert_one_sentence_error(run)
    assert (data_dir / "keyring.json").read_bytes() == before


def test_damaged_keyring_is_one_sentence(demo_station: DemoStation, tmp_path: Path) -> None:
    data_dir = demo_station.copy(tmp_path / "data")
    keyring = data_dir / "keyring.json"
    keyring.write_bytes(keyring.read_bytes()[:100])
    run = _verify(data_dir, "admin.trajnim", "any-password-at-all")
    _assert_one_sentence_error(run)
    assert "damaged" in run.stderr


@pytest.mark.parametrize(
    "setup",
    ["missing", "keyring-is-a-folder"],
)
def test_errors_never_print_tracebacks(tmp_path: Path, setup: str) -> None:
    data_dir = tmp_path / "data"
    if setup == "keyring-is-a-folder":  # an unexpected OS error: the last line of defence
        (data_dir / "keyring.json").mkdir(parents=True)
    run = _verify(data_dir, "admin.trajnim", "any-password-at-all")
    _assert_one_sentence_error(run)


def test_negative_case_count_is_refused(tmp_path: Path) -> None:
    run = run_cli(
        "demo", "--data-dir", tmp_path / "d", "--export-dir", tmp_path / "e", "--cases", "-1"
    )
    _assert_one_sentence_error(run)
    assert not (tmp_path / "d").exists()


def test_usage_errors_show_usage_not_a_traceback(tmp_path: Path) -> None:
    run = run_cli("audit", "verify", "--data-dir", tmp_path)
    assert run.returncode == 2
    assert "usage:" in run.stderr
    assert "Traceback" not in run.stderr


def test_demo_json_is_parseable_and_matches_the_station(demo_station: DemoStation) -> None:
    report = json.loads(demo_station.run.stdout)
    assert Workstation(Path(report["data_dir"])).describe().code == "TRN"


def test_audit_verify_reports_removed_newest_entries(
    demo_station: DemoStation, tmp_path: Path
) -> None:
    """Cutting the newest entries is still reported although verifying logs in first."""
    data_dir = demo_station.copy(tmp_path / "data")
    officer = demo_station.user("officer")
    session = Workstation(data_dir).unlock(officer["username"], officer["password"])
    database_key = session.keys.database_key
    session.lock()
    db = Database.open(data_dir / "station.db", database_key)
    with db.transaction():
        db.execute("DELETE FROM audit_log WHERE seq >= (SELECT max(seq) - 1 FROM audit_log)")
    db.close()

    admin = demo_station.user("station_admin")
    run = _verify(data_dir, admin["username"], admin["password"])

    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("Audit log broken at entry ")


def test_quit_after_opens_the_window_then_closes_it(tmp_path: Path) -> None:
    """What CI's smoke run of `bash scripts/dev.sh run` relies on: the real window comes up on
    a fresh data folder (the first-run screen) and the app ends by itself with exit code 0."""
    run = run_cli("--data-dir", tmp_path / "pc", "--lang", "en", "--quit-after", "0.5")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "the window came up: FirstRunPage" in run.stdout
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "pc" / "station.db").exists(), "nothing is set up by looking"


def test_quit_after_refuses_a_negative_time(tmp_path: Path) -> None:
    run = run_cli("--data-dir", tmp_path / "pc", "--quit-after", "-1")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_writing_into_a_folder_that_is_not_there_says_so_in_one_sentence(
    tmp_path: Path,
) -> None:
    """Seen: `center enroll --out missing/dir/file` ended in "unexpected internal error"."""
    assert (
        run_cli("center", "init", "--training", "--center-dir", tmp_path / "center").returncode == 0
    )
    missing = tmp_path / "not-there" / "dir"
    run = run_cli(
        "center",
        "enroll",
        "--center-dir",
        tmp_path / "center",
        "--station",
        "Morinë",
        "--code",
        "MOR",
        "--out",
        missing / "morine.enrollment.age",
    )
    assert run.returncode == 74
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert str(missing) in run.stderr and "unexpected" not in run.stderr
    assert not list(tmp_path.rglob("*.tmp"))
