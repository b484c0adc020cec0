"""The words of the information sheet: one JSON file per language, English as the fallback.

``resources/information/<lang>.json`` holds a language's texts, its writing direction and its
review status; ``values.json`` beside them holds facts shared by every language (the length of
the reflection period). A folder given by the caller is searched before the shipped one, so a
reviewed or new language can be tried without touching the shipped files. Every refusal is an
``InformationError`` naming the file, the item and the fault.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

from interview_room.documents.directory import DirectoryEntry
from interview_room.documents.rtl import DIRECTIONS, Direction
from interview_room.errors import InterviewRoomError
from interview_room.resources import read_json_file, resources_root

FALLBACK_LANGUAGE: Final = "en"
VALUES_FILE: Final = "values.json"
REVIEWED: Final = "reviewed"
MACHINE_DRAFT: Final = "machine draft, needs review by a certified translator"
MACHINE_DRAFT_NOTE_EN: Final = "Machine draft – needs review by a certified translator"

# The free services, listed in this order.
SERVICE_KEYS: Final[tuple[str, ...]] = (
    "services.accommodation",
    "services.medical",
    "services.psychological",
    "services.legal",
    "services.interpreter",
    "services.family",
    "services.return",
)

# Every key the sheet prints, in the order it prints them. English must have them all.
SHEET_KEYS: Final[tuple[str, ...]] = (
    "title",
    "intro",
    "intro.keep",
    "help_now.heading",
    "help_now.body",
    "not_in_trouble.heading",
    "not_in_trouble.body",
    "voluntary.heading",
    "voluntary.body",
    "reflection.heading",
    "reflection.body",
    "services.heading",
    "services.intro",
    *SERVICE_KEYS,
    "confidentiality.heading",
    "confidentiality.body",
    "children.heading",
    "children.body",
    "organisations.heading",
    "organisations.body",
    "social_worker.label",
    "footer.station",
    "footer.date",
    "machine_draft_note",
)
# Labels of directory entries (``directory.<entry id>``) are optional: without one, the
# entry's own name is printed.
DIRECTORY_LABEL_PREFIX: Final = "directory."
_PLACEHOLDERS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "reflection.body": frozenset({"reflection_period_days"}),
        "footer.station": frozenset({"station"}),
        "footer.date": frozenset({"date"}),
    }
)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_DIRECTORY_KEY = re.compile(r"directory\.[a-z][a-z0-9_]*")
_BRACES = re.compile(r"\{([^{}]*)\}")
_FILE_FIELDS: Final = frozenset({"language", "name", "direction", "status", "texts"})


class InformationError(InterviewRoomError):
    """The information texts cannot be used as they are."""

    def __init__(self, file: str, subject: str, fault: str) -> None:
        self.file = file
        self.subject = subject
        self.fault = fault
        super().__init__(f"{file}, {subject}: {fault}.")


class UnknownInformationLanguage(InformationError):
    """No information file exists for the requested language."""

    def __init__(self, language: str, available: tuple[str, ...]) -> None:
        self.language = language
        self.available = available
        listed = ", ".join(available) or "none"
        super().__init__(
            f"{language}.json", f"language '{language}'", f"no such sheet (available: {listed})"
        )


class InformationFileInvalid(InformationError):
    """A file is malformed, has a wrong field, an unknown text key or a bad placeholder."""


class GlyphsMissing(InformationError):
    """The embedded font cannot draw some characters of a text: it would print empty boxes."""


@dataclass(frozen=True)
class Text:
    """One text as the sheet prints it, with the direction of the file it came from (an
    English fallback inside an Arabic sheet is still laid out left to right)."""

    text: str
    direction: Direction
    file: str
    key: str


@dataclass(frozen=True)
class InformationTexts:
    """The sheet's words in one language, English filling any gap key by key."""

    language: str
    name: str
    direction: Direction
    machine_draft: bool
    reflection_period_days: int
    texts: Mapping[str, Text]
    fallback_keys: frozenset[str]

    def text(self, key: str, **values: str) -> Text:
        """The text for ``key`` with its placeholders (``{station}`` …) filled in."""
        found = self.texts[key]
        known = {"reflection_period_days": str(self.reflection_period_days), **values}
        filled = _BRACES.sub(lambda match: known[match.group(1)], found.text)
        return Text(filled, found.direction, found.file, found.key)

    def entry_label(self, entry: DirectoryEntry) -> Text:
        """What to call a directory entry: the label in this language, else the entry's own
        (Albanian) name, else the English label."""
        key = DIRECTORY_LABEL_PREFIX + entry.id
        found = self.texts.get(key)
        if found is not None and key not in self.fallback_keys:
            return found
        if entry.name is not None:
            return Text(entry.name, "ltr", "directory.json", f"entry '{entry.id}'")
        if found is not None:
            return found
        raise InformationFileInvalid(
            f"{FALLBACK_LANGUAGE}.json",
            f"text '{key}'",
            f"directory entry '{entry.id}' has no name, so English needs a label for it",
        )


def shipped_information_dir() -> Path:
    """The folder of the information sheets shipped with the program."""
    return resources_root() / "information"


def available_languages(information_dir: Path | None = None) -> tuple[str, ...]:
    """Codes of every language a sheet can be printed in, sorted."""
    codes = {
        path.stem
        for folder in _search_path(information_dir)
        if folder.is_dir()
        for path in folder.glob("*.json")
        if _LANGUAGE_CODE.fullmatch(path.stem)
    }
    return tuple(sorted(codes))


def load_information_texts(language: str, information_dir: Path | None = None) -> InformationTexts:
    """Load and check the texts for ``language`` (and English for the gaps).

    ``information_dir`` is searched before the shipped folder, file by file. Raise
    ``UnknownInformationLanguage`` or ``InformationFileInvalid``.
    """
    # The code becomes a file name: only plain ISO 639 codes, never a path.
    if not _LANGUAGE_CODE.fullmatch(language):
        raise UnknownInformationLanguage(language, available_languages(information_dir))
    path = _find(f"{language}.json", information_dir)
    if path is None:
        raise UnknownInformationLanguage(language, available_languages(information_dir))
    own = _read_language_file(path, language)
    fallback = own
    if language != FALLBACK_LANGUAGE:
        fallback_path = _find(f"{FALLBACK_LANGUAGE}.json", information_dir)
        if fallback_path is None:
            raise InformationFileInvalid(
                f"{FALLBACK_LANGUAGE}.json", "the file", "the English fallback does not exist"
            )
        fallback = _read_language_file(fallback_path, FALLBACK_LANGUAGE)
    missing = [key for key in SHEET_KEYS if key not in fallback.texts]
    if missing:
        raise InformationFileInvalid(
            fallback.file, f"text '{missing[0]}'", "English is the fallback and needs every text"
        )
    texts = dict(fallback.texts)
    texts.update(own.texts)
    fallback_keys = frozenset(key for key in texts if key not in own.texts)
    return InformationTexts(
        language=language,
        name=own.name,
        direction=own.direction,
        machine_draft=own.machine_draft,
        reflection_period_days=_reflection_period_days(information_dir),
        texts=MappingProxyType(texts),
        fallback_keys=fallback_keys,
    )


# --- Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _LanguageFile:
    file: str
    name: str
    direction: Direction
    machine_draft: bool
    texts: Mapping[str, Text]


def _search_path(information_dir: Path | None) -> tuple[Path, ...]:
    shipped = shipped_information_dir()
    if information_dir is None or information_dir.resolve() == shipped.resolve():
        return (shipped,)
    return (information_dir, shipped)


def _find(name: str, information_dir: Path | None) -> Path | None:
    for folder in _search_path(information_dir):
        if (folder / name).is_file():
            return folder / name
    return None


def _read_language_file(path: Path, language: str) -> _LanguageFile:
    file = path.name
    raw = read_json_file(
        path, fields=_FILE_FIELDS, required=_FILE_FIELDS, refuse=InformationFileInvalid
    )
    if raw["language"] != language:
        raise InformationFileInvalid(
            file, "field 'language'", f"it must be '{language}', the file's name"
        )
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        raise InformationFileInvalid(file, "field 'name'", "it must be the language's own name")
    direction = raw["direction"]
    if direction not in DIRECTIONS:
        raise InformationFileInvalid(file, "field 'direction'", "it must be 'ltr' or 'rtl'")
    status = raw["status"]
    if status not in (REVIEWED, MACHINE_DRAFT):
        raise InformationFileInvalid(
            file, "field 'status'", f"it must be '{REVIEWED}' or '{MACHINE_DRAFT}'"
        )
    texts = raw["texts"]
    if not isinstance(texts, dict):
        raise InformationFileInvalid(file, "field 'texts'", "it must be a JSON object")
    checked = {
        key: Text(_check_text(file, key, value), direction, file, key)
        for key, value in texts.items()
    }
    return _LanguageFile(file, name, direction, status == MACHINE_DRAFT, MappingProxyType(checked))


def _check_text(file: str, key: str, value: object) -> str:
    subject = f"text '{key}'"
    if key not in SHEET_KEYS and not _DIRECTORY_KEY.fullmatch(key):
        raise InformationFileInvalid(file, subject, "this text key is not known")
    if not isinstance(value, str) or not value.strip():
        raise InformationFileInvalid(file, subject, "it must be non-empty text")
    allowed = _PLACEHOLDERS.get(key, frozenset())
    used = set(_BRACES.findall(value))
    for placeholder in sorted(used - allowed):
        raise InformationFileInvalid(
            file, subject, f"placeholder '{{{placeholder}}}' is not known here"
        )
    for placeholder in sorted(allowed - used):
        raise InformationFileInvalid(file, subject, f"placeholder '{{{placeholder}}}' is missing")
    if "{" in _BRACES.sub("", value) or "}" in _BRACES.sub("", value):
        raise InformationFileInvalid(file, subject, "a '{' or '}' is not paired")
    return value


def _reflection_period_days(information_dir: Path | None) -> int:
    path = _find(VALUES_FILE, information_dir)
    if path is None:
        raise InformationFileInvalid(VALUES_FILE, "the file", "it does not exist")
    raw = read_json_file(path, refuse=InformationFileInvalid)
    days = raw.get("reflection_period_days")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise InformationFileInvalid(
            VALUES_FILE, "field 'reflection_period_days'", "it must be a whole number of days"
        )
    return days
