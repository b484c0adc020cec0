"""Checks of a protocol's texts: every ``texts/<lang>.json`` names its language, uses only the
text ids the protocol has, with the placeholders each needs, and a complete language has every
text (Albanian and English must be complete)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from interview_room.screening import schema
from interview_room.screening.errors import (
    MissingTranslation,
    OrphanText,
    ProtocolSchemaError,
    TextPlaceholderMismatch,
)
from interview_room.screening.protocol import REQUIRED_LANGUAGES, Protocol, TextCatalog
from interview_room.screening.text_ids import TEMPLATES, placeholders, text_needs


def check_catalogs(protocol: Protocol, files: Mapping[str, object]) -> dict[str, TextCatalog]:
    """Check every ``texts/<lang>.json`` against the protocol and return catalogs by language."""
    needs = text_needs(protocol)
    allowed = needs.required.keys() | needs.optional.keys()
    catalogs: dict[str, TextCatalog] = {}
    for file, raw in files.items():
        schema.check(raw, schema.CATALOG, file)
        assert isinstance(raw, dict)
        language = raw["language"]
        if file != f"texts/{language}.json":
            raise ProtocolSchemaError(
                file, "top level", f"'language' is '{language}' but the file name says otherwise"
            )
        partial = raw.get("partial", False)
        if partial and language in REQUIRED_LANGUAGES:
            raise ProtocolSchemaError(
                file, "top level", f"'{language}' must be complete, so it cannot be 'partial'"
            )
        texts: dict[str, str] = raw["texts"]
        for text_id in texts:
            if text_id not in allowed:
                raise OrphanText(
                    file,
                    _owner_of_unknown(protocol, text_id),
                    f"the text id '{text_id}' is used by no part of the protocol",
                )
        for text_id, expected in TEMPLATES.items():
            if text_id in texts:
                _check_placeholders(file, text_id, texts[text_id], expected)
        catalogs[language] = TextCatalog(
            language=language,
            name=raw["name"],
            partial=partial,
            direction=raw.get("direction", "ltr"),
            texts=MappingProxyType(dict(texts)),
            status=str(raw.get("status", "")),
        )
    complete = [c for c in catalogs.values() if not c.partial]
    optional_present = sorted({t for c in complete for t in c.texts if t in needs.optional})
    wanted = [*needs.required, *optional_present]
    order = {language: index for index, language in enumerate(REQUIRED_LANGUAGES)}
    for catalog in sorted(complete, key=lambda c: (order.get(c.language, len(order)), c.language)):
        hint = "" if catalog.language in REQUIRED_LANGUAGES else _PARTIAL_HINT
        for text_id in wanted:
            if text_id not in catalog.texts:
                raise MissingTranslation(
                    f"texts/{catalog.language}.json",
                    needs.owner(text_id),
                    f"the text '{text_id}' is missing{hint}",
                )
    return catalogs


_PARTIAL_HINT = (
    ' (a language other than Albanian and English may declare "partial": true '
    "to fall back to English)"
)


def _owner_of_unknown(protocol: Protocol, text_id: str) -> str:
    parts = text_id.split(".")
    if len(parts) >= 2 and parts[0] == "question" and protocol.has_question(parts[1]):
        return f"question '{parts[1]}'"
    return f"text '{text_id}'"


def _check_placeholders(file: str, text_id: str, template: str, expected: frozenset[str]) -> None:
    try:
        found = placeholders(template)
    except ValueError as error:
        raise TextPlaceholderMismatch(
            file, f"text '{text_id}'", f"the braces are malformed ({error})"
        ) from None
    if found != expected:
        want = ", ".join(f"{{{p}}}" for p in sorted(expected)) or "none"
        have = ", ".join(f"{{{p}}}" for p in sorted(found)) or "none"
        raise TextPlaceholderMismatch(
            file, f"text '{text_id}'", f"it must use the placeholders {want}, not {have}"
        )
