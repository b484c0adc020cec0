"""Attacker review 7, break 4: the registry's re-key after the split is neither held off by a
statistics user's presence nor cancelled by erasing ``rekey_due`` in ``center.keyring``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_room.center.sign_in import KEYRING_FILE
from interview_room.center.store import DATABASE_FILE
from interview_room.store.rekey import StorePresence
from tests.center.test_center_split import (
    ADMIN,
    STATS,
    _every_sealed_key,
    _format_2_centre,
    _opens,
    _signed_in,
)


def test_a7_erased_rekey_due_does_not_keep_an_old_keyring_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center_dir = tmp_path / "center"
    _format_2_centre(center_dir, monkeypatch)
    old_copy = (center_dir / KEYRING_FILE).read_bytes()  # besa's copy, before the split
    besa = _signed_in(center_dir, STATS)
    receiver = StorePresence(center_dir)  # a registry holder present: the re-key waits
    _signed_in(center_dir, ADMIN).sign_out()  # split; "roles_split" left due
    keyring = center_dir / KEYRING_FILE
    raw = json.loads(keyring.read_bytes())
    assert raw["version"] == 3 and raw["rekey_due"] == "roles_split"
    raw["rekey_due"] = None  # besa can write the folder
    keyring.write_text(json.dumps(raw), "utf-8")
    besa.sign_out()
    receiver.leave()
    for _ in range(2):
        _signed_in(center_dir, ADMIN).sign_out()
    kept = _every_sealed_key(old_copy, center_dir, *STATS)
    # The log (in center.db, out of besa's reach) still says the re-key is due: it is made.
    assert not any(_opens(center_dir / DATABASE_FILE, k) for k in kept)


def test_a7_statistics_presence_does_not_hold_off_the_registrys_rekey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center_dir = tmp_path / "center"
    _format_2_centre(center_dir, monkeypatch)
    old_copy = (center_dir / KEYRING_FILE).read_bytes()
    besa = _signed_in(center_dir, STATS)  # never opens center.db after the split
    for _ in range(2):
        _signed_in(center_dir, ADMIN).sign_out()
    kept = _every_sealed_key(old_copy, center_dir, *STATS)
    opened = any(_opens(center_dir / DATABASE_FILE, k) for k in kept)
    besa.sign_out()
    # FIXED: a presence that holds only the statistics store does not stop the registry's re-key.
    assert not opened


def test_a7_a_statistics_presence_still_holds_off_the_statistics_rekey(tmp_path: Path) -> None:
    """Her connection reads the statistics store: its re-key still waits for her, while the
    registry's, which she no longer opens, is made at once."""
    from tests.center.test_center_split import _centre

    center_dir = tmp_path / "center"
    admin = _centre(center_dir)
    besa = _signed_in(center_dir, STATS)
    admin.change_password(ADMIN[1], "synthetic-new-morine-training-phrase")
    raw = json.loads((center_dir / KEYRING_FILE).read_bytes())
    assert raw["rekey_due"] is None  # the registry's was made
    assert raw["statistics_rekey_due"] == "password_changed"
    besa.open_statistics().close()  # her statistics key still opens her store
    besa.sign_out()
    admin.sign_out()
