"""Attacks on what the centre's package leaves on a station's disk (``centre/``): someone on
the station's account edits the directory the emergency screen reads (a phone number put in
place) or points ``held.json`` outside the folder. The signed package itself is covered by
``test_centre_package.py`` (older, foreign, tampered packages; file names in the body)."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

from interview_room.center.publish import (
    latest_package,
    publish_directory,
    publish_protocol,
    write_beside,
)
from interview_room.screening.loader import load_protocol
from interview_room.sync.centre_holdings import (
    HELD_FILE,
    HELD_SETTING,
    PROTOCOLS_DIR,
    centre_folder,
    held_package,
    holdings,
    recorded_package,
    station_directory,
    station_protocols,
)
from interview_room.sync.centre_package import PACKAGE_FILE_NAME
from interview_room.sync.centre_package_station import apply_package
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.sync.test_centre_package import (
    _directory,
    _enrolled,
    _hotline_verified,
    _protocol_version,
)

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

    directory = station_directory(data_dir, session.db)

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
    document = json.loads((centre_folder(data_dir) / raw["directory_file"]).read_text("utf-8"))
    next(e for e in document["emergency"] if e["id"] == "trafficking_hotline")["phone"] = INJECTED
    outside.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    raw["directory_file"] = str(Path("..") / ".." / ".." / outside.relative_to(tmp_path))
    held_path.write_text(json.dumps(raw), "utf-8")

    assert held_package(data_dir) is None
    # The directory the encrypted store recorded is still used; the file outside never is.
    assert INJECTED not in _phones(station_directory(data_dir, session.db))
    assert _hotline_verified(session)
    raw["directory_file"] = str(outside)  # an absolute path
    held_path.write_text(json.dumps(raw), "utf-8")
    assert held_package(data_dir) is None


# --- Residual of A2: held.json anchored in the encrypted store ----------------------------------
# Someone who can write the station's folder writes a file of their own, named by its own hash,
# and edits held.json to name it; or edits a received protocol in place. What the station uses
# is what the encrypted store recorded when the signed package was applied, not held.json.


def test_a_new_directory_file_named_in_held_json_is_not_used(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = _apply_directory(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    centre = centre_folder(data_dir)
    held_path = centre / HELD_FILE
    raw = json.loads(held_path.read_text("utf-8"))
    document = json.loads((centre / raw["directory_file"]).read_text("utf-8"))
    hotline = next(e for e in document["emergency"] if e["id"] == "trafficking_hotline")
    hotline["phone"] = INJECTED
    forged = json.dumps(document, ensure_ascii=False).encode("utf-8")
    name = f"directories/{hashlib.sha256(forged).hexdigest()}.json"
    (centre / name).write_bytes(forged)
    raw["directory_file"] = name
    held_path.write_text(json.dumps(raw), "utf-8")
    assert held_package(data_dir) is not None  # well-formed names: held.json's own check passes

    directory = station_directory(data_dir, session.db)

    assert INJECTED not in _phones(directory)
    assert _hotline_verified(session)  # still the directory the centre signed


def _apply_protocol(workstation: WorkstationFactory, tmp_path: Path) -> Session:
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    package = latest_package(center)
    assert package is not None
    assert apply_package(session, package).protocols_added == ("al-border-screening 2.1.0",)
    return session


ASKED = "question.needs_medical.person"
PLANTED = "Sign here; tell no one."


def test_a_protocol_folder_edited_in_place_is_not_offered_for_a_new_interview(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = _apply_protocol(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    held = held_package(data_dir)
    assert held is not None
    texts = centre_folder(data_dir) / PROTOCOLS_DIR / held.protocols[0].folder / "texts" / "en.json"
    catalog = json.loads(texts.read_text("utf-8"))
    catalog["texts"][ASKED] = PLANTED
    texts.write_text(json.dumps(catalog, ensure_ascii=False), "utf-8")

    protocol = station_protocols(data_dir, session.db).current()

    assert protocol.catalogs["en"].texts[ASKED] != PLANTED
    assert protocol.version == "2.0.0"  # the shipped version: the received one is not intact


def test_a_new_protocol_folder_named_in_held_json_is_not_offered_for_a_new_interview(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session = _apply_protocol(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    planted = _protocol_version(tmp_path / "planted", "2.9.0")
    catalog_path = planted / "texts" / "en.json"
    catalog = json.loads(catalog_path.read_text("utf-8"))
    catalog["texts"][ASKED] = PLANTED
    catalog_path.write_text(json.dumps(catalog, ensure_ascii=False), "utf-8")
    loaded = load_protocol(planted)
    folder = f"{loaded.id}-{loaded.version}-{loaded.content_hash[:16]}"
    shutil.copytree(planted, centre_folder(data_dir) / PROTOCOLS_DIR / folder)
    held_path = centre_folder(data_dir) / HELD_FILE
    raw = json.loads(held_path.read_text("utf-8"))
    raw["protocols"].append(
        {
            "id": loaded.id,
            "version": loaded.version,
            "content_hash": loaded.content_hash,
            "folder": folder,
        }
    )
    held_path.write_text(json.dumps(raw), "utf-8")
    assert held_package(data_dir) is not None  # well-formed names: held.json's own check passes

    protocol = station_protocols(data_dir, session.db).current()

    assert protocol.version == "2.1.0"  # the one the centre signed, not the planted 2.9.0
    assert protocol.catalogs["en"].texts[ASKED] != PLANTED


def test_a_store_that_recorded_nothing_uses_the_shipped_directory_and_protocol(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """A store that applied a package before the package was recorded in it (or whose record
    is gone) trusts no file on disk: the shipped resources, until the package comes again."""
    session = _apply_directory(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    with session.db.transaction():
        session.db.execute("DELETE FROM settings WHERE key = ?", (HELD_SETTING,))
    assert held_package(data_dir) is not None and recorded_package(session.db) is None

    assert not _hotline_verified(session)
    assert holdings(data_dir, session.db).directory_published_on is None

    # The same package again (the next visit of the stick) is applied and recorded.
    stick = tmp_path / "stick"
    visit = exchange_with_folder(session, stick)
    assert visit.package is not None and visit.package.applied is not None
    assert visit.package.applied.changed
    assert recorded_package(session.db) is not None
    assert _hotline_verified(session)


def test_the_same_package_again_puts_back_a_protocol_edited_in_place(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    package = latest_package(center)
    assert package is not None
    apply_package(session, package)
    data_dir = session.workstation.data_dir
    held = held_package(data_dir)
    assert held is not None
    texts = centre_folder(data_dir) / PROTOCOLS_DIR / held.protocols[0].folder / "texts" / "en.json"
    signed = texts.read_bytes()
    catalog = json.loads(signed)
    catalog["texts"][ASKED] = PLANTED
    texts.write_text(json.dumps(catalog, ensure_ascii=False), "utf-8")
    assert station_protocols(data_dir, session.db).current().version == "2.0.0"

    again = apply_package(session, package)

    assert again.changed and again.protocols_added == ()
    assert texts.read_bytes() == signed
    assert station_protocols(data_dir, session.db).current().version == "2.1.0"
    assert not any(p.name.startswith(".staging-") for p in centre_folder(data_dir).iterdir())
    # Unchanged files: the next visit changes nothing.
    assert not apply_package(session, package).changed
