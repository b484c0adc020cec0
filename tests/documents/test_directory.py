"""The directory of help lines: the shipped file, and refusals that name the entry at fault."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from interview_room.documents.directory import (
    DirectoryError,
    DirectoryFileMissing,
    InvalidDirectoryEntry,
    MalformedDirectory,
    load_directory,
)
from interview_room.errors import InterviewRoomError

VALID: dict[str, Any] = {
    "format": 1,
    "emergency": [
        {"id": "police", "name": None, "city": None, "phone": "129", "verified": True},
    ],
    "services": [
        {"id": "vatra", "name": "Vatra", "city": "Vlorë", "phone": None, "verified": False},
        {
            "id": "shelter",
            "name": "Shelter",
            "city": "Tiranë",
            "phone": "000 111",
            "verified": False,
        },
    ],
}


def write(tmp_path: Path, data: Any, name: str = "directory.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def with_service(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    data["services"][0].update(changes)
    return data


def test_the_shipped_directory_has_the_three_emergency_numbers_verified() -> None:
    directory = load_directory()
    numbers = {entry.id: entry.printable_phone for entry in directory.printable_emergency}
    assert numbers == {"police": "129", "ambulance": "127", "child_helpline": "116 111"}
    # The national anti-trafficking line is listed for the interviewers, never printed until
    # the central office confirms that it still answers.
    hotline = next(e for e in directory.emergency if e.id == "trafficking_hotline")
    assert (hotline.phone, hotline.verified, hotline.printable_phone) == ("116 006", False, None)


def test_the_shipped_directory_lists_the_services_by_name_without_unchecked_numbers() -> None:
    directory = load_directory()
    services = {entry.id: entry for entry in directory.services}
    assert set(services) == {
        "national_reception_centre",
        "vatra",
        "tjeter_vizion",
        "different_and_equal",
        "state_social_service_kukes",
        "state_social_service_shkoder",
    }
    assert services["vatra"].city == "Vlorë"
    assert services["state_social_service_kukes"].city == "Kukës"
    assert services["state_social_service_shkoder"].city == "Shkodër"
    # Nobody has checked these numbers: the shipped file must not even hold a guess.
    for entry in directory.services:
        if not entry.verified:
            assert entry.phone is None, entry.id


def test_an_unverified_number_is_kept_but_never_printable(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path, VALID))
    shelter = directory.services[1]
    assert shelter.phone == "000 111"
    assert shelter.printable_phone is None


@pytest.mark.parametrize(
    ("entry_changes", "fault"),
    [
        ({"verified": True}, "'verified' is true but there is no phone number"),
        ({"phone": "04-222-333", "verified": True}, "must be digits separated by single spaces"),
        ({"phone": "call 129"}, "must be digits separated by single spaces"),
        ({"verified": "yes"}, "'verified' must be true or false"),
        ({"name": ""}, "'name' must be null or text"),
        ({"city": 42}, "'city' must be null or text"),
        ({"website": "https://example.org"}, "field 'website' is not known"),
    ],
)
def test_a_bad_entry_is_refused_naming_file_and_entry(
    tmp_path: Path, entry_changes: dict[str, Any], fault: str
) -> None:
    path = write(tmp_path, with_service(**entry_changes), "central-office.json")
    with pytest.raises(InvalidDirectoryEntry) as raised:
        load_directory(path)
    error = raised.value
    assert isinstance(error, InterviewRoomError)
    assert error.file == "central-office.json"
    assert error.entry == "vatra"
    assert str(error).startswith("central-office.json, entry 'vatra': ")
    assert fault in str(error)


def test_a_missing_field_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["services"][0]["phone"]
    with pytest.raises(InvalidDirectoryEntry, match=r"entry 'vatra': field 'phone' is missing"):
        load_directory(write(tmp_path, data))


def test_a_bad_id_is_reported_by_position(tmp_path: Path) -> None:
    with pytest.raises(InvalidDirectoryEntry) as raised:
        load_directory(write(tmp_path, with_service(id="Vatra Vlorë")))
    assert raised.value.entry == "services #1"


def test_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["services"][1]["id"] = "police"
    with pytest.raises(InvalidDirectoryEntry, match=r"entry 'police': this id is used twice"):
        load_directory(write(tmp_path, data))


def test_an_emergency_entry_needs_a_number_and_one_must_be_verified(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["emergency"][0]["phone"] = None
    data["emergency"][0]["verified"] = False
    with pytest.raises(InvalidDirectoryEntry, match=r"entry 'police': .*needs a phone number"):
        load_directory(write(tmp_path, data))
    data = copy.deepcopy(VALID)
    for entry in data["emergency"]:
        entry["verified"] = False
    with pytest.raises(MalformedDirectory, match=r"at least one emergency number"):
        load_directory(write(tmp_path, data))


def test_an_unverified_emergency_number_is_listed_but_never_printable(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["emergency"].append(
        {"id": "hotline", "name": None, "city": None, "phone": "116 006", "verified": False}
    )
    directory = load_directory(write(tmp_path, data))
    assert "hotline" in {entry.id for entry in directory.emergency}
    assert "hotline" not in {entry.id for entry in directory.printable_emergency}


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "directory.json"
    path.write_text('{\n  "format": 1,\n  "emergency": [,]\n}', encoding="utf-8")
    with pytest.raises(MalformedDirectory, match=r"directory.json, line 3, column"):
        load_directory(path)


@pytest.mark.parametrize(
    ("data", "subject"),
    [
        ([], "the top level"),
        ({**VALID, "format": 2}, "field 'format'"),
        ({**VALID, "notes": "x"}, "field 'notes'"),
        ({"format": 1, "emergency": []}, "field 'services'"),
    ],
)
def test_a_wrong_top_level_is_refused(tmp_path: Path, data: Any, subject: str) -> None:
    with pytest.raises(MalformedDirectory) as raised:
        load_directory(write(tmp_path, data))
    assert raised.value.subject == subject


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DirectoryFileMissing) as raised:
        load_directory(tmp_path / "directory.json")
    assert isinstance(raised.value, DirectoryError)
