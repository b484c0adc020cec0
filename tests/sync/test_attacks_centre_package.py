"""Attacks on what the centre's package leaves on a station's disk (``centre/``): someone on
the station's account edits the directory the emergency screen reads (a phone number put in
place) or points ``held.json`` outside the folder. The signed package itself is covered by
``test_centre_package.py`` (older, foreign, tampered packages; file names in the body)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from interview_room.center.publish import publish_directory, write_beside
from interview_room.sync.centre_package import PACKAGE_FILE_NAME
from interview_room.sync.centre_package_station import (
    HELD_FILE,
    centre_folder,
    held_package,
    station_directory,
)
from interview_room.sync.sending import exchange_with_folder
from tests.conftest import WorkstationFactory
from tests.sync.test_centre_package import _directory, _enrolled, _hotline_verified

INJECTED = "+355 69 000 0000"


def _apply_directory(workstation: WorkstationFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    session, center = _enrolled(workstation, tmp_path)
    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    stick = tmp_path / "stick"
    stick.mkdir()
    assert write_beside(center, stick) == stick / PACKAGE_FILE_NAME
    visit = exchange_with_folder(session, stick)
    assert visit.package is not None and visit.package.refused is None
    assert _hotline_verified(session)
    return session


def _phones(directory: object) -> str:
    return repr(directory)


def test_a_phone_number_edited_into_the_received_directory_is_not_shown(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = _apply_directory(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    held = held_package(data_dir)
    assert held is not None and held.directory_file is not None
    path = centre_folder(data_dir) / held.directory_file
    document = json.loads(path.read_text("utf-8"))
    hotline = next(e for e in document["emergency"] if e["id"] == "trafficking_hotline")
    original = json.dumps(hotline, ensure_ascii=False)
    hotline["phone"] = INJECTED
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    assert INJECTED in path.read_text("utf-8") and original not in path.read_text("utf-8")

    directory = station_directory(data_dir)

    assert INJECTED not in _phones(directory)
    assert not _hotline_verified(session)  # the shipped directory, not the edited one


def test_a_held_file_pointing_outside_the_centre_folder_is_ignored(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = _apply_directory(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    held_path = centre_folder(data_dir) / HELD_FILE
    raw = json.loads(held_path.read_text("utf-8"))
    outside = tmp_path / "elsewhere.json"
    outside.write_bytes(
        (centre_folder(data_dir) / raw["directory_file"])
        .read_bytes()
        .replace(b"trafficking_hotline", b"trafficking_hotline", 1)
    )
    raw["directory_file"] = str(Path("..") / ".." / ".." / outside.relative_to(tmp_path))
    held_path.write_text(json.dumps(raw), "utf-8")

    assert held_package(data_dir) is None
    assert not _hotline_verified(session)
    raw["directory_file"] = str(outside)  # an absolute path
    held_path.write_text(json.dumps(raw), "utf-8")
    assert held_package(data_dir) is None
