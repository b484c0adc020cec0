"""Shared set-up for the attacker-6 tests (docs/reviews/attacker-6.md): a centre and two
enrolled stations (real stores, real keys), and a station insider who rewrites its own case
records before they are bundled (it holds the store key and the bundle-signing key, so it can
build any bundle the app could)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.center.store import CenterStore
from interview_room.seen_before.held import check_case
from interview_room.sync import station as sync_station
from tests.seen_before.test_seen_before_end_to_end import OFFICER, _enrolled, _trip


def setup(workstation: Any, tmp_path: Path) -> tuple[CenterStore, Any, Any, Path, Path]:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    hani = workstation(name="hani", code="HAN")
    _enrolled(center, hani, "Han i Hotit", "HAN")
    morine = workstation(name="morine", code="MOR")
    _enrolled(center, morine, "Morinë", "MOR")
    han_stick, mor_stick = tmp_path / "han-stick", tmp_path / "mor-stick"
    _trip(hani.session, center, han_stick)
    _trip(morine.session, center, mor_stick)
    return center, hani, morine, han_stick, mor_stick


def tamper(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[dict[str, Any], str], dict[str, Any]]
) -> None:
    """The insider's edit: every case record this station bundles goes through ``change``."""
    original = sync_station.case_record  # type: ignore[attr-defined]

    def forged(db: Any, case_id: str, station_id: str) -> bytes:
        document = json.loads(original(db, case_id, station_id))
        out = change(document, case_id)
        return json.dumps(out, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    monkeypatch.setattr(sync_station, "case_record", forged)


def checked(created: Any, case_id: str) -> Any:
    officer = created.workstation.unlock(*OFFICER)
    try:
        return check_case(officer, case_id)
    finally:
        officer.logout()


def centre_rows(center: CenterStore) -> list[tuple[Any, ...]]:
    db = center.open()
    try:
        return db.all("SELECT case_code, interviewed_on, key_version FROM seen_before_cases")
    finally:
        db.close()
