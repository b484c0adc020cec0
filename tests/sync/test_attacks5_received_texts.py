"""Attacker 5 (docs/reviews/attacker-5.md), P2: a received protocol's ar/fa/fr/sr texts, which
the content hash does not cover, edited in place in the data folder (no password needed).

The store now records each received file's SHA-256 when the package is applied
(``centre_holdings.HeldProtocol.files``); a folder with a file changed, added or removed is
neither offered to a new interview nor reopened, and the same package applied again puts the
signed files back. Real centre, real station, real signed packages; nothing mocked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.center.publish import publish_protocol, write_beside
from interview_room.interview.protocols import ProtocolUnavailable, _load_one
from interview_room.sync.centre_holdings import centre_folder, station_protocols
from interview_room.sync.sending import exchange_with_folder
from tests.conftest import WorkstationFactory
from tests.sync.test_centre_package import _enrolled, _protocol_version

KEY = "question.consent_interview.person"
PLANTED = "PLANTED: you must answer every question or you will be detained."


def _edit_fa(folder: Path) -> None:
    path = folder / "texts" / "fa.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["texts"][KEY] = PLANTED
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def _plant_language(folder: Path) -> None:
    shutil.copy(folder / "texts" / "fr.json", folder / "texts" / "it.json")


@pytest.mark.parametrize("tamper", [_edit_fa, _plant_language], ids=["fa-edited", "planted"])
def test_a5_p2_a_received_folder_changed_in_place_is_not_used(
    workstation: WorkstationFactory, tmp_path: Path, tamper: object
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    stick = tmp_path / "stick"
    stick.mkdir()
    write_beside(center, stick)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None and outcome.refused is None
    data_dir = session.workstation.data_dir
    before = station_protocols(data_dir, session.db).current()
    assert before.version == "2.1.0" and before.catalogs["fa"].texts.get(KEY) != PLANTED
    received = next((centre_folder(data_dir) / "protocols").iterdir())
    assert callable(tamper)
    tamper(received)
    _load_one.cache_clear()  # the next start of the program
    library = station_protocols(data_dir, session.db)
    assert library.current().version == "2.0.0"  # the shipped version, not the edited one
    with pytest.raises(ProtocolUnavailable):
        library.find(before.id, before.version, before.content_hash)
    # The same package again puts the signed files back.
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None
    assert outcome.refused is None, outcome.refused
    _load_one.cache_clear()
    again = station_protocols(data_dir, session.db).current()
    assert again.version == "2.1.0" and again.catalogs["fa"].texts.get(KEY) != PLANTED
    assert not (received / "texts" / "it.json").exists()
