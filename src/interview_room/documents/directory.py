"""The directory of help lines and services printed on the information sheet.

``resources/directory.json`` is data the central office keeps. A phone number reaches the
paper only when the entry says ``"verified": true``: a wrong number handed to a frightened
person is worse than none, so unverified entries are printed by name only. An emergency entry
may hold a number the central office has still to confirm (the national anti-trafficking line):
it is shown to the interviewers on screen, marked as such, and never printed. Every refusal is a
``DirectoryError`` naming the file, the entry and the fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from interview_room.errors import InterviewRoomError
from interview_room.resources import read_json_object, resources_root

DIRECTORY_FILE: Final = "directory.json"
SUPPORTED_FORMAT: Final = 1
_ID = re.compile(r"[a-z][a-z0-9_]*")
# Digits in groups separated by single spaces, optionally after "+": "129", "116 111",
# "+355 4 123 4567". Anything else (letters, dashes, "ext.") is refused.
_PHONE = re.compile(r"\+?[0-9]+( [0-9]+)*")
_ENTRY_FIELDS: Final = frozenset({"id", "name", "city", "phone", "verified"})
_LISTS: Final = ("emergency", "services")


class DirectoryError(InterviewRoomError):
    """The directory file cannot be used as it is."""

    def __init__(self, file: str, subject: str, fault: str) -> None:
        self.file = file
        self.subject = subject
        self.fault = fault
        super().__init__(f"{file}, {subject}: {fault}.")


class DirectoryFileMissing(DirectoryError):
    """The directory file does not exist."""


class MalformedDirectory(DirectoryError):
    """The file is not UTF-8 JSON, or its top level does not have the expected shape."""


class InvalidDirectoryEntry(DirectoryError):
    """One entry is wrong; ``entry`` is its id (or its position when the id itself is bad)."""

    def __init__(self, file: str, entry: str, fault: str) -> None:
        self.entry = entry
        super().__init__(file, f"entry '{entry}'", fault)


@dataclass(frozen=True)
class DirectoryEntry:
    """A help line or a service.

    ``name`` is the proper name as it is known in Albania ("Vatra", "ALO 116 111"), printed
    unchanged in every language; the information texts may add a translated label.
    """

    id: str
    name: str | None
    city: str | None
    phone: str | None
    verified: bool

    @property
    def printable_phone(self) -> str | None:
        """The number that may be printed: only a verified one."""
        return self.phone if self.verified else None


@dataclass(frozen=True)
class Directory:
    """Emergency numbers (each with a phone number; the verified ones fill the sheet's box)
    and services (by name, city)."""

    emergency: tuple[DirectoryEntry, ...]
    services: tuple[DirectoryEntry, ...]

    @property
    def printable_emergency(self) -> tuple[DirectoryEntry, ...]:
        """The emergency entries whose number may be printed: the verified ones."""
        return tuple(entry for entry in self.emergency if entry.printable_phone is not None)

    @property
    def entries(self) -> tuple[DirectoryEntry, ...]:
        return self.emergency + self.services


def shipped_directory_file() -> Path:
    """The directory shipped with the program."""
    return resources_root() / DIRECTORY_FILE


def load_directory(path: Path | None = None) -> Directory:
    """Read and validate a directory file (the shipped one by default).

    Raise ``DirectoryFileMissing``, ``MalformedDirectory`` or ``InvalidDirectoryEntry``.
    """
    path = path or shipped_directory_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DirectoryFileMissing(
            path.name, "the file", f"it does not exist in {path.parent}"
        ) from None
    return parse_directory(data, path.name)


def parse_directory(data: bytes, name: str) -> Directory:
    """Validate a directory already read (``name``: its file name, for the error): bytes that
    were checked, e.g. against the hash they are named by, are the bytes used."""
    raw = read_json_object(
        data,
        name,
        fields={"format", *_LISTS},
        format_version=SUPPORTED_FORMAT,
        refuse=MalformedDirectory,
    )
    lists: dict[str, tuple[DirectoryEntry, ...]] = {}
    seen: set[str] = set()
    for list_name in _LISTS:
        items = raw.get(list_name)
        if not isinstance(items, list):
            raise MalformedDirectory(name, f"field '{list_name}'", "it must be a list of entries")
        entries = []
        for position, item in enumerate(items, start=1):
            entry = _entry(name, f"{list_name} #{position}", item)
            if entry.id in seen:
                raise InvalidDirectoryEntry(name, entry.id, "this id is used twice")
            seen.add(entry.id)
            if list_name == "emergency" and entry.phone is None:
                raise InvalidDirectoryEntry(
                    name, entry.id, "an emergency entry needs a phone number"
                )
            entries.append(entry)
        lists[list_name] = tuple(entries)
    directory = Directory(emergency=lists["emergency"], services=lists["services"])
    if not directory.printable_emergency:
        raise MalformedDirectory(
            name, "field 'emergency'", "at least one emergency number must be verified"
        )
    return directory


def _entry(file: str, position: str, item: Any) -> DirectoryEntry:
    if not isinstance(item, dict):
        raise InvalidDirectoryEntry(file, position, "an entry must be a JSON object")
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not _ID.fullmatch(entry_id):
        raise InvalidDirectoryEntry(
            file, position, "'id' must be lower-case letters, digits and '_' (like 'vatra')"
        )
    unknown = sorted(set(item) - _ENTRY_FIELDS)
    if unknown:
        raise InvalidDirectoryEntry(file, entry_id, f"field '{unknown[0]}' is not known")
    missing = sorted(_ENTRY_FIELDS - set(item))
    if missing:
        raise InvalidDirectoryEntry(
            file, entry_id, f"field '{missing[0]}' is missing (write null if unknown)"
        )
    name, city, phone = (
        _optional_text(file, entry_id, item, key) for key in ("name", "city", "phone")
    )
    verified = item["verified"]
    if not isinstance(verified, bool):
        raise InvalidDirectoryEntry(file, entry_id, "'verified' must be true or false")
    if phone is not None and not _PHONE.fullmatch(phone):
        raise InvalidDirectoryEntry(
            file, entry_id, f"phone '{phone}' must be digits separated by single spaces"
        )
    if verified and phone is None:
        raise InvalidDirectoryEntry(
            file, entry_id, "'verified' is true but there is no phone number to verify"
        )
    return DirectoryEntry(id=entry_id, name=name, city=city, phone=phone, verified=verified)


def _optional_text(file: str, entry_id: str, item: dict[str, Any], key: str) -> str | None:
    value = item[key]
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise InvalidDirectoryEntry(
            file, entry_id, f"'{key}' must be null or text without surrounding spaces"
        )
    return value
