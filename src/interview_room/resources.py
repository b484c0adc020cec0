"""Where the files shipped with Interview Room (protocols, fonts, catalogs) live on disk, and the
one check every JSON resource file passes before its own loader reads it.

``read_json_object`` is that check, for the information texts, the directory of services, the
error sentences, the protocol floor, the referral recipients table and the referral form's
wording: UTF-8 text (a byte-order mark allowed), JSON, an object
at the top, no key written twice, only the fields the file may have and those it must, and the
format this program reads. Each loader passes its own typed error (``MalformedDirectory``,
``InformationFileInvalid``, …: it is called with the file, the place and the fault), so a
person reads that loader's sentence; ``ResourceFileInvalid`` when it has none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from interview_room.errors import InterviewRoomError

_PACKAGE_DIR = Path(__file__).resolve().parent

Refusal = Callable[[str, str, str], Exception]
"""Makes a loader's typed error from the file's name, the place in it and the fault."""


class ResourceFileInvalid(InterviewRoomError):
    """A JSON resource file cannot be used as it is (names the file, the place and the fault)."""

    def __init__(self, file: str, subject: str, fault: str) -> None:
        self.file = file
        self.subject = subject
        self.fault = fault
        super().__init__(f"{file}, {subject}: {fault}.")


def resources_root() -> Path:
    """Return the folder holding the shipped resources.

    An installed or frozen build copies them into ``interview_room/_resources``; that copy wins
    when present. Otherwise the source checkout's ``resources/`` folder (beside ``src/``) is used.
    """
    installed = _PACKAGE_DIR / "_resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parents[1] / "resources"


def read_json_object(
    data: bytes,
    file: str,
    *,
    fields: Collection[str] | None = None,
    required: Collection[str] = (),
    format_version: int | None = None,
    refuse: Refusal = ResourceFileInvalid,
) -> dict[str, Any]:
    """The top-level object of a JSON resource file whose bytes are ``data`` (``file``: its
    name, for the error), checked as the module says. ``fields``: every top-level field it may
    have (None: any); ``required``: those it must; ``format_version``: the value its
    ``"format"`` field must have. Raises ``refuse(file, place, fault)``."""
    try:
        raw = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_once(file, refuse))
    except UnicodeDecodeError:
        raise refuse(file, "the file", "it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise refuse(
            file, f"line {error.lineno}, column {error.colno}", f"malformed JSON: {error.msg}"
        ) from None
    if not isinstance(raw, dict):
        raise refuse(file, "the top level", "it must be a JSON object")
    allowed = set(raw) if fields is None else set(fields)
    for field in sorted((set(raw) - allowed) | (set(required) - set(raw))):
        fault = "this field is not known" if field in raw else "this field is missing"
        raise refuse(file, f"field '{field}'", fault)
    if format_version is not None and raw.get("format") != format_version:
        raise refuse(file, "field 'format'", f"this program reads format {format_version} only")
    return raw


def read_json_file(
    path: Path,
    *,
    fields: Collection[str] | None = None,
    required: Collection[str] = (),
    format_version: int | None = None,
    refuse: Refusal = ResourceFileInvalid,
) -> dict[str, Any]:
    """:func:`read_json_object` of the file at ``path``; a missing or unreadable file is
    refused the same way."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise refuse(path.name, "the file", f"it does not exist in {path.parent}") from None
    except OSError as error:
        raise refuse(path.name, "the file", f"it cannot be read ({error.strerror})") from None
    return read_json_object(
        data,
        path.name,
        fields=fields,
        required=required,
        format_version=format_version,
        refuse=refuse,
    )


def _once(file: str, refuse: Refusal) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    # Python's json keeps the last of two equal keys without a word: an edited copy and the
    # one read would differ silently.
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                raise refuse(file, f"key '{key}'", "it is written twice")
            found[key] = value
        return found

    return pairs
