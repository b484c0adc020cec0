"""The check the centre's window runs before it publishes (``center/publish_check.py``): the
same checks ``publish_protocol`` makes, nothing written; and every refusal the publish path
can raise has its sentence in Albanian and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_room.center.access import CenterMissing
from interview_room.center.publish import (
    ProtocolAlreadyPublished,
    ProtocolVectorsFail,
    PublishedFileTooLarge,
    latest_package,
    publish_protocol,
)
from interview_room.center.publish_check import check_directory_file, check_protocol_folder
from interview_room.center.store import CenterStore
from interview_room.center.users import CenterActionRefused
from interview_room.documents.directory import (
    DirectoryFileMissing,
    InvalidDirectoryEntry,
    MalformedDirectory,
)
from interview_room.error_sentences import find_sentence
from interview_room.resources import ResourceFileInvalid
from interview_room.screening.errors import ProtocolError
from interview_room.screening.protocol import Outcome
from interview_room.screening.vectors import VectorsInvalid
from interview_room.sync.centre_package import (
    CentrePackageDamaged,
    CentrePackageFromAnotherCentre,
    CentrePackageSignatureInvalid,
)
from interview_room.sync.protocol_floor import ProtocolBelowFloor, ProtocolVectorsDropped
from tests.sync.test_centre_package import _directory, _protocol_version

PUBLISH_REFUSALS = (
    ProtocolVectorsFail,
    ProtocolAlreadyPublished,
    PublishedFileTooLarge,
    ProtocolBelowFloor,
    ProtocolVectorsDropped,
    ProtocolError,
    VectorsInvalid,
    DirectoryFileMissing,
    MalformedDirectory,
    InvalidDirectoryEntry,
    ResourceFileInvalid,
    CenterMissing,
    CenterActionRefused,
    CentrePackageDamaged,
    CentrePackageFromAnotherCentre,
    CentrePackageSignatureInvalid,
)
"""What ``publish_protocol``, ``publish_directory`` and their check can raise (besides
``OSError``, worded too)."""


@pytest.fixture
def center(tmp_path: Path) -> CenterStore:
    store = CenterStore(tmp_path / "center")
    store.create(training=True)
    return store


@pytest.mark.parametrize("refusal", PUBLISH_REFUSALS, ids=lambda k: k.__name__)
def test_every_refusal_of_publishing_has_a_sentence(refusal: type[Exception]) -> None:
    error = refusal.__new__(refusal)
    Exception.__init__(error, "detail")
    for name, value in (("failed", ("a",)), ("vectors", ("a",)), ("protocol", "p 1")):
        setattr(error, name, value)
    for language in ("sq", "en"):
        assert find_sentence(error, language), f"{refusal.__name__} has no {language} sentence"


def test_a_broken_vector_is_named_and_nothing_is_written(
    center: CenterStore, tmp_path: Path
) -> None:
    folder = _protocol_version(tmp_path, "2.1.0", break_a_vector=True)
    found = check_protocol_folder(center, folder)
    assert not found.passed and isinstance(found.refusal, ProtocolVectorsFail)
    assert found.protocol == "al-border-screening 2.1.0" and found.vectors > 100
    assert [(f.id, f.expected, f.got) for f in found.failed] == [
        ("adult_sexual_returning_boyfriend", Outcome.INDICATORS_NOT_MET, Outcome.POTENTIAL_VICTIM)
    ]
    assert latest_package(center) is None


def test_a_good_protocol_passes_then_is_refused_once_published(
    center: CenterStore, tmp_path: Path
) -> None:
    folder = _protocol_version(tmp_path, "2.1.0")
    found = check_protocol_folder(center, folder)
    assert found.passed and not found.failed, found.refusal
    assert latest_package(center) is None  # a check publishes nothing
    publish_protocol(center, folder)
    again = check_protocol_folder(center, folder)
    assert isinstance(again.refusal, ProtocolAlreadyPublished)


def test_a_directory_file_is_checked(tmp_path: Path) -> None:
    good = check_directory_file(_directory(tmp_path, True))
    assert good.passed and good.services > 0
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"emergency": "none"}), "utf-8")
    assert not check_directory_file(broken).passed
    assert isinstance(check_directory_file(tmp_path / "absent.json").refusal, DirectoryFileMissing)
