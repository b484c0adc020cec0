"""The words of the anonymous statistics in Albanian and English: each table's title, the names
of the categories no protocol names (unknown, other, consent refused, …) and the PDF report's
own wording, from ``resources/statistics/<lang>.json``. Read once, through the one resource
check; every text id must be in both files."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from interview_room.resources import ResourceFileInvalid, read_json_file, resources_root

LANGUAGES = ("sq", "en")
"""The report's languages, in the order it prints them."""

FILE_FIELDS = frozenset({"language", "name", "texts"})
"""The top-level fields of a statistics wording file."""


def statistics_folder() -> Path:
    return resources_root() / "statistics"


@cache
def statistics_words(folder: Path | None = None) -> Mapping[str, tuple[str, str]]:
    """Every text id with its (Albanian, English) words. Refuses (:class:`ResourceFileInvalid`)
    a missing or malformed file, and a text id that one language has and the other lacks."""
    root = folder or statistics_folder()
    sq, en = (_texts(root / f"{language}.json", language) for language in LANGUAGES)
    for text_id in sorted(set(sq) ^ set(en)):
        lacking = "en.json" if text_id in sq else "sq.json"
        fault = "it is missing (the other language has it)"
        raise ResourceFileInvalid(lacking, f"text '{text_id}'", fault)
    return {text_id: (sq[text_id], en[text_id]) for text_id in sq}


def words(text_id: str) -> tuple[str, str]:
    """The (Albanian, English) words of ``text_id``."""
    return statistics_words()[text_id]


def word(text_id: str, language: str) -> str:
    """The words of ``text_id`` in ``language`` ("sq"; anything else: English)."""
    return words(text_id)[0 if language == "sq" else 1]


def _texts(path: Path, language: str) -> Mapping[str, str]:
    raw = read_json_file(path, fields=FILE_FIELDS, required=FILE_FIELDS)
    if raw["language"] != language:
        raise ResourceFileInvalid(path.name, "field 'language'", f"it must be '{language}'")
    texts = raw["texts"]
    if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
        raise ResourceFileInvalid(path.name, "field 'texts'", "it must map text ids to words")
    return texts
