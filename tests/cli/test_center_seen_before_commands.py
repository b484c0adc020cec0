"""``interview-room center seen-before rotate|status`` as an administrator scripts them (issue 16):
real processes, a real centre with password sign-in; only the administrator rotates the key,
the rotation is in the centre's audit log, and status counts the index per station."""

from __future__ import annotations

import json
from pathlib import Path

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.enrollment import make_enrollment
from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.center.users import CenterRole
from interview_room.store.kdf import MINIMUM_ARGON2
from tests.conftest import run_cli

ADMIN_PASSWORD = "synthetic-morine-training-passphrase"
REGISTRY_PASSWORD = "synthetic-qafe-thane-registry-passphrase"


def _centre(center_dir: Path) -> CenterStore:
    center = CenterStore(center_dir)
    center.create(admin=NewCenterUser("ana", "Ana Shembulli", ADMIN_PASSWORD), kdf=MINIMUM_ARGON2)
    center.add_user(
        NewCenterUser("dritan", "Dritan Regjistri", REGISTRY_PASSWORD, CenterRole.REGISTRY),
        kdf=MINIMUM_ARGON2,
    )
    make_enrollment(center, station_name="Han i Hotit", station_code="HAN", url=None)
    db = center.open()
    try:
        station = str(db.all("SELECT station_id FROM stations")[0][0])
        with db.transaction():  # one kept case as the importer indexes it (synthetic tokens)
            db.execute(
                "INSERT INTO seen_before_keys (version, secret, created_at) VALUES (1, ?, ?)",
                (bytes(32), "2026-12-01T09:00:00+00:00"),
            )
            db.execute(
                "INSERT INTO seen_before_cases (record_id, station_id, key_version, tokens,"
                " case_code, interviewed_on, outcome, recipients) VALUES"
                " ('r1', ?, 1, ?, 'HAN-2026-0042', '2026-10-03', 'potential_victim', '[]')",
                (station, json.dumps(["00" * 32])),
            )
    finally:
        db.close()
    return center


def _as(username: str, password: str, *args: str | Path) -> tuple[int, str, str]:
    run = run_cli(
        "--lang", "en", "center", "seen-before", *args, "--username", username,
        "--password-stdin", stdin=password + "\n",
    )  # fmt: skip
    return run.returncode, run.stdout, run.stderr


def test_the_administrator_rotates_and_status_shows_version_2(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    code, out, err = _as("ana", ADMIN_PASSWORD, "rotate", "--center-dir", center_dir)
    assert code == 0, err
    assert out.startswith("Seen-before key version 2 is current.")

    code, out, err = _as("ana", ADMIN_PASSWORD, "status", "--center-dir", center_dir, "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["current_key_version"] == 2
    assert [(k["version"], k["entries"]) for k in status["keys"]] == [(1, 1), (2, 0)]
    assert (status["entries"], status["cases"]) == (1, 1)
    assert status["stations"] == {"Han i Hotit": 1}
    assert "00" * 32 not in out  # counts, never a token or a key

    code, text, _ = _as("ana", ADMIN_PASSWORD, "status", "--center-dir", center_dir)
    assert "Current key version: 2" in text and "Han i Hotit: 1 cases" in text

    admin = CenterStore(center_dir)
    admin.sign_in("ana", ADMIN_PASSWORD)
    rotated = [
        e for e in admin.audit_entries() if e.event == CenterAuditEvent.SEEN_BEFORE_KEY_ROTATED
    ]
    assert len(rotated) == 1 and rotated[0].actor == "ana"
    assert json.loads(rotated[0].detail) == {"key_version": 2}
    assert admin.verify_audit().intact


def test_a_user_who_is_not_an_administrator_is_refused(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre(center_dir)
    for action in ("rotate", "status"):
        code, out, err = _as("dritan", REGISTRY_PASSWORD, action, "--center-dir", center_dir)
        assert code == 1 and out == ""
        assert "role" in err and "Traceback" not in err
    nobody = run_cli("center", "seen-before", "rotate", "--center-dir", center_dir)
    assert nobody.returncode == 1 and "--password-stdin" in nobody.stderr
    admin = CenterStore(center_dir)
    admin.sign_in("ana", ADMIN_PASSWORD)
    db = admin.open()
    try:
        assert db.all("SELECT max(version) FROM seen_before_keys") == [(1,)]  # nothing rotated
    finally:
        db.close()
