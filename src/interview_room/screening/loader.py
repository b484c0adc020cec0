"""Loading a protocol folder: read, check shape, check meaning, check texts, hash.

Every refusal is a typed ``ProtocolError`` naming the file, the item and the fault; the first
fault in document order is reported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from interview_room.resources import JsonRefusals, read_json_file, resources_root
from interview_room.screening import schema, schema_rule
from interview_room.screening.building import ProtocolBuilder
from interview_room.screening.errors import (
    DuplicateId,
    MalformedJson,
    ProtocolFileMissing,
    ProtocolSchemaError,
    UnsupportedProtocolFormat,
)
from interview_room.screening.protocol import (
    FALLBACK_LANGUAGE,
    REQUIRED_LANGUAGES,
    Protocol,
    SectionKind,
    TextCatalog,
    TextId,
)
from interview_room.screening.validation import check_catalogs, check_structure

PROTOCOL_FILE = "protocol.json"
TEXTS_DIR = "texts"
SUPPORTED_FORMATS = (1, 2)
"""Format 2 adds the forms of exploitation, list-specific strengths, signs of intended
exploitation without an ILO dimension, the before-exploitation rule and the Albanian rule for
children; format 1 may use none of them."""
SHIPPED_PROTOCOL = "screening-v2"
"""The newest protocol shipped: what new interviews use. Older folders stay for old ones."""


def shipped_protocol_dir() -> Path:
    """The folder of the newest protocol shipped with the program."""
    return resources_root() / "protocols" / SHIPPED_PROTOCOL


def load_protocol(directory: Path) -> Protocol:
    """Load and fully validate the protocol in ``directory``; raise a ``ProtocolError`` if any
    file is missing, malformed, inconsistent or incompletely translated.
    """
    raw = read_protocol_file(directory, PROTOCOL_FILE)
    schema.check(raw, schema_rule.PROTOCOL, PROTOCOL_FILE)
    if raw["format"] not in SUPPORTED_FORMATS:
        readable = " and ".join(str(f) for f in SUPPORTED_FORMATS)
        raise UnsupportedProtocolFormat(
            PROTOCOL_FILE,
            f"format {raw['format']}",
            f"this program reads formats {readable} only",
        )
    if raw["format"] == 1:
        _refuse_format_2_features(raw)
    structure = ProtocolBuilder(PROTOCOL_FILE).protocol(raw)
    check_structure(structure, PROTOCOL_FILE)

    catalog_files = _read_catalogs(directory)
    catalogs = check_catalogs(structure, catalog_files)
    content_hash = _content_hash(raw, catalog_files)
    return _attach_texts(structure, catalogs, content_hash)


def _refuse_format_2_features(raw: dict[str, Any]) -> None:
    def refuse(subject: str, feature: str) -> None:
        raise UnsupportedProtocolFormat(PROTOCOL_FILE, subject, f'{feature} needs "format": 2')

    if "exploitation_forms" in raw:
        refuse("top level", "'exploitation_forms'")
    for name in ("apparent_age_question", "apparent_adult_options"):
        if name in raw["age_rule"]:
            refuse("age rule", f"'{name}'")
    for name in (
        "child_when_any_indicator",
        "before_exploitation",
        "adult_requires_with_exploitation_in_itself",
        "adult_with_exploitation_in_itself_one_indicator_in",
        "adult_ilo_combination",
        "adult_with_exploitation_one_strong_in",
        "adult_with_exploitation_declined",
        "when_interview_refused",
        "child_when_only_context",
        "both_list_families",
        "when_mostly_declined",
        "when_not_heard_apart",
        "when_case_questions_paused",
    ):
        if name in raw["decision_rule"]:
            refuse("decision rule", f"'{name}'")
    for section in raw["sections"]:
        if "emergency_contacts" in section:
            refuse(f"section '{section['id']}'", "'emergency_contacts'")
    for section in raw["sections"]:
        for question in section["questions"]:
            if "indicates_unless" in question:
                refuse(f"question '{question['id']}'", "'indicates_unless'")
    for indicator in raw["indicators"]:
        for name in (
            "strength_in",
            "sufficient",
            "context",
            "when",
            "instead_of",
            "instead_of_keeps_one_indicator",
        ):
            if name in indicator:
                refuse(f"indicator '{indicator['id']}'", f"'{name}'")
        if "dimension" not in indicator:
            refuse(f"indicator '{indicator['id']}'", "an indicator without a 'dimension'")


# --- Reading -----------------------------------------------------------------------------------


# The shared check of every JSON resource (resources.read_json_file), with the protocol's errors.
_REFUSALS = JsonRefusals(
    missing=ProtocolFileMissing,
    malformed=MalformedJson,
    key_twice=DuplicateId,
    other=ProtocolSchemaError,
)


def read_protocol_file(directory: Path, name: str) -> dict[str, Any]:
    """Parse the JSON file ``name`` in ``directory`` as strictly as the protocol's own files
    (UTF-8, an object, no duplicate keys, no NaN); refusals name the file and the line."""
    return read_json_file(directory / name, name=name, refuse=_REFUSALS)


def _read_catalogs(directory: Path) -> dict[str, object]:
    """``texts/<lang>.json`` files by their relative name, sorted; Albanian and English needed."""
    texts_dir = directory / TEXTS_DIR
    names = sorted(p.name for p in texts_dir.glob("*.json")) if texts_dir.is_dir() else []
    for language in REQUIRED_LANGUAGES:
        if f"{language}.json" not in names:
            raise ProtocolFileMissing(
                f"{TEXTS_DIR}/{language}.json",
                "the protocol folder",
                f"the {language} texts are required and the file does not exist in {texts_dir}",
            )
    return {f"{TEXTS_DIR}/{n}": read_protocol_file(directory, f"{TEXTS_DIR}/{n}") for n in names}


def _canonical(document: object) -> bytes:
    # Whitespace, key order and line endings (a Windows checkout) do not change the hash.
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _content_hash(protocol: object, catalogs: Mapping[str, object]) -> str:
    # The structure and the two languages every record is kept in (sq, en): adding a language
    # for the person later must not orphan the interviews started before it.
    digest = hashlib.sha256()
    required = {f"{language}.json" for language in REQUIRED_LANGUAGES}
    kept = sorted((name, doc) for name, doc in catalogs.items() if Path(name).name in required)
    for name, document in [(PROTOCOL_FILE, protocol), *kept]:
        blob = _canonical(document)
        digest.update(f"{name}\n{len(blob)}\n".encode())
        digest.update(blob)
    return digest.hexdigest()


def _attach_texts(
    structure: Protocol, catalogs: dict[str, TextCatalog], content_hash: str
) -> Protocol:
    english = catalogs[FALLBACK_LANGUAGE].texts

    def optional(text_id: str) -> TextId | None:
        return TextId(text_id) if text_id in english else None

    sections = []
    for section in structure.sections:
        # A child's own words only where the age rule has been applied (after the consent).
        child_words = section.kind is SectionKind.QUESTIONS
        questions = tuple(
            replace(
                q,
                person_wording=None if q.observation else TextId(f"question.{q.id}.person"),
                person_wording_child=optional(f"question.{q.id}.person.child")
                if child_words and not q.observation
                else None,
                guidance=optional(f"question.{q.id}.guidance"),
            )
            for q in section.questions
        )
        sections.append(
            replace(
                section,
                questions=questions,
                intro=optional(f"section.{section.id}.intro"),
                intro_child=optional(f"section.{section.id}.intro.child") if child_words else None,
                guidance=optional(f"section.{section.id}.guidance"),
            )
        )
    ordered = [*REQUIRED_LANGUAGES, *sorted(set(catalogs) - set(REQUIRED_LANGUAGES))]
    return replace(
        structure,
        content_hash=content_hash,
        languages=tuple(ordered),
        sections=tuple(sections),
        catalogs=MappingProxyType({lang: catalogs[lang] for lang in ordered}),
    )
