"""Where the files shipped with Interview Room (protocols, fonts, catalogs) live on disk, and the
one check every JSON resource file passes before its own loader reads it.

``read_json_object`` is that check, for the information texts, the directory of services, the
error sentences, the protocol floor, the referral recipients table and the referral form's
wording, and of the screening protocols' files: UTF-8 text (a byte-order mark allowed), JSON
without NaN or Infinity, an object at the top, no key written twice, only the fields the file
may have and those it must, and the format this program reads. Each loader passes its own typed
error (``MalformedDirectory``, ``InformationFileInvalid``, …: it is called with the file, the
place and the fault), so a person reads that loader's sentence; ``ResourceFileInvalid`` when it
has none. A loader with a typed error for each kind of fault passes ``JsonRefusals``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_room.errors import InterviewRoomError

_PACKAGE_DIR = Path(__file__).resolve().parent

Refusal = Callable[[str, str, str], Exception]
"""Makes a loader's typed error from the file's name, the place in it and the fault."""

LocatedRefusal = Callable[[str, int, int, str], Exception]
"""Makes a loader's typed error from the file's name, the line, the column and the fault."""


class ResourceFileInvalid(InterviewRoomError):
    """A JSON resource file cannot be used as it is (names the file, the place and the fault)."""

    def __init__(self, file: str, subject: str, fault: str) -> None:
        self.file = file
        self.subject = subject
        self.fault = fault
        super().__init__(f"{file}, {subject}: {fault}.")


@dataclass(frozen=True)
class JsonRefusals:
    """A loader's own typed error for each kind of fault the reader finds."""

    missing: Refusal
    """The file does not exist."""
    malformed: LocatedRefusal
    """Not UTF-8 text, or malformed JSON, at a line and column."""
    key_twice: Refusal
    """A key written twice in one object."""
    other: Refusal
    """Anything else: unreadable, NaN, not an object, a field or the format."""

    @classmethod
    def of(cls, refuse: Refusal | JsonRefusals) -> JsonRefusals:
        """``refuse`` itself, or one error for every fault (the line and column as the place)."""
        if isinstance(refuse, JsonRefusals):
            return refuse

        def at(file: str, line: int, column: int, fault: str) -> Exception:
            return refuse(file, f"line {line}, column {column}", fault)

        return cls(missing=refuse, malformed=at, key_twice=refuse, other=refuse)


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
    refuse: Refusal | JsonRefusals = ResourceFileInvalid,
) -> dict[str, Any]:
    """The top-level object of a JSON resource file whose bytes are ``data`` (``file``: its
    name, for the error), checked as the module says. ``fields``: every top-level field it may
    have (None: any); ``required``: those it must; ``format_version``: the value its
    ``"format"`` field must have. Raises ``refuse(file, place, fault)``."""
    refusals = JsonRefusals.of(refuse)
    try:
        raw = json.loads(
            data.decode("utf-8-sig"),
            object_pairs_hook=_once(file, refusals.key_twice),
            parse_constant=_no_constant(file, refusals.other),
        )
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        raise refusals.malformed(file, line, column, "it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        fault = f"malformed JSON: {error.msg}"
        raise refusals.malformed(file, error.lineno, error.colno, fault) from None
    if not isinstance(raw, dict):
        raise refusals.other(file, "the top level", "it must be a JSON object")
    allowed = set(raw) if fields is None else set(fields)
    for field in sorted((set(raw) - allowed) | (set(required) - set(raw))):
        fault = "this field is not known" if field in raw else "this field is missing"
        raise refusals.other(file, f"field '{field}'", fault)
    if format_version is not None and raw.get("format") != format_version:
        fault = f"this program reads format {format_version} only"
        raise refusals.other(file, "field 'format'", fault)
    return raw


def read_json_file(
    path: Path,
    *,
    name: str | None = None,
    fields: Collection[str] | None = None,
    required: Collection[str] = (),
    format_version: int | None = None,
    refuse: Refusal | JsonRefusals = ResourceFileInvalid,
) -> dict[str, Any]:
    """:func:`read_json_object` of the file at ``path``; a missing or unreadable file is
    refused the same way. ``name``: the file's name in a refusal (default: its own)."""
    file = path.name if name is None else name
    refusals = JsonRefusals.of(refuse)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise refusals.missing(file, "the file", f"it does not exist in {path.parent}") from None
    except OSError as error:
        fault = f"it cannot be read ({error.strerror})"
        raise refusals.other(file, "the file", fault) from None
    return read_json_object(
        data,
        file,
        fields=fields,
        required=required,
        format_version=format_version,
        refuse=refusals,
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


def _no_constant(file: str, refuse: Refusal) -> Callable[[str], Any]:
    # Python's json reads NaN and Infinity, which JSON itself does not allow.
    def constant(word: str) -> Any:
        raise refuse(file, "the file", f"{word} is not allowed in JSON")

    return constant
