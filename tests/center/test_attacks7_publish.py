"""Attacker review 7, break 5: publishing signs exactly the bytes it checked, and the window
publishes what its Check read or refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.center import publish as publish_module
from interview_room.center.publish import latest_package, publish_protocol
from interview_room.center.publish_snapshot import ProtocolFolderChanged
from interview_room.center.store import CenterStore
from interview_room.center.users import CenterActionRefused
from interview_room.screening.vectors import check_protocol
from interview_room.sync.centre_package import read_package
from interview_room.sync.protocol_floor import check_continuity
from tests.center.test_center_split import ADMIN, REGISTRY, STATS, _centre, _import, _signed_in
from tests.sync.test_centre_package import _protocol_version


def _split_centre_with_cases(center_dir: Path) -> None:
    admin = _centre(center_dir)
    _import(admin, "MOR", range(0, 12))
    admin.sign_out()


def test_a7_publish_signs_the_files_it_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    good = _protocol_version(tmp_path, "2.1.0")
    broken = _protocol_version(tmp_path / "b", "2.1.0", break_a_vector=True)
    real_continuity = check_continuity

    def writer_races(folder: Path, held: object) -> None:  # another process writes meanwhile
        real_continuity(folder, held)  # type: ignore[arg-type]
        shutil.copyfile(broken / "vectors.json", good / "vectors.json")

    monkeypatch.setattr(publish_module, "check_continuity", writer_races)
    publish_protocol(center, good)
    data = latest_package(center)
    assert data is not None
    package = read_package(data, center.keys().root_certificate_der).package
    published = package.protocol("al-border-screening", "2.1.0")
    assert published is not None
    out = tmp_path / "shipped"
    (out / "texts").mkdir(parents=True)
    for name, content in published.files:
        (out / name).write_bytes(content)
    # FIXED: the bytes signed are the bytes whose vectors were run.
    assert check_protocol(out).all_passed


def test_a7_held_registry_and_statistics_roles_cannot_publish(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _split_centre_with_cases(center_dir)
    folder = _protocol_version(tmp_path, "2.1.0")
    for user in (REGISTRY, STATS):
        signed_in = _signed_in(center_dir, user)
        with pytest.raises((CenterActionRefused, Exception)) as refused:
            publish_protocol(signed_in, folder)
        assert not isinstance(refused.value, AssertionError)
        signed_in.sign_out()
    admin = _signed_in(center_dir, ADMIN)
    assert latest_package(admin) is None
    admin.sign_out()


def test_a7_window_publishes_what_the_person_checked(tmp_path: Path) -> None:
    """The dialog: Check (check_protocol_folder) then Publish (publish_protocol on the same path).
    Between the two, someone rewrites a question's Albanian text (no vector covers texts)."""
    from interview_room.center.publish_check import check_protocol_folder

    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    folder = _protocol_version(tmp_path, "2.1.0")
    sq = folder / "texts" / "sq.json"
    checked_bytes = sq.read_bytes()
    found = check_protocol_folder(center, folder)
    assert found.passed and len(found.sha256) == 64
    document = json.loads(checked_bytes)
    first = next(iter(document["texts"]))
    document["texts"][first] = "Teksti i ndryshuar pas kontrollit (sintetik)"
    sq.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(ProtocolFolderChanged):
        publish_protocol(center, folder, found.sha256)  # what the window's Publish step calls
    assert latest_package(center) is None
    sq.write_bytes(checked_bytes)  # put back as checked: published
    publish_protocol(center, folder, found.sha256)
    data = latest_package(center)
    assert data is not None
    package = read_package(data, center.keys().root_certificate_der).package
    published = package.protocol("al-border-screening", "2.1.0")
    assert published is not None
    assert dict(published.files)["texts/sq.json"] == checked_bytes
