"""What a person is told when the core refuses: one catalog for the GUI and the command line.

``resources/errors/sentences.json`` holds, for each typed refusal (keyed by its class name), a
sentence in Albanian and in English that says what happened and what to do. Exception messages
(``str(error)``) stay plain English for logs; people read the catalog's words. A refusal whose
class has no entry of its own takes its nearest worded parent's; a test fails on any class that
can reach a person with neither (``tests/test_error_sentences.py``).

An entry is ``{"sq": …, "en": …}``, optionally with
- ``"admin": {"sq", "en"}``: said to a station administrator where others are sent to one;
- ``"by": ATTRIBUTE, "cases": {VALUE: {"sq", "en"}}``: a sentence per value of the error's
  attribute (an enumeration such as ``PasswordTooGuessable.reason``);
- ``"count": ATTRIBUTE, "one": {"sq", "en"}``: the wording when that number is 1.

Placeholders name the error's attributes (``{retry_after_seconds}``; numbers are rounded up to
whole ones); ``{detail}`` is the English message itself, used only for authoring faults (a
protocol or directory file) where the file, item and fault are what the reader needs.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from interview_room.errors import InterviewRoomError
from interview_room.resources import read_json_file, resources_root

LANGUAGES = ("sq", "en")
UNEXPECTED = "unexpected"
"""The catalog's entry for a failure no class words: nothing was changed, who to tell."""
_SPECIAL_KEYS = frozenset({UNEXPECTED})
_VARIANT_KEYS = ("admin", "one")


class ErrorCatalogInvalid(InterviewRoomError):
    """The shipped sentence catalog is malformed (a packaging fault the tests catch)."""


def _catalog_invalid(file: str, subject: str, fault: str) -> ErrorCatalogInvalid:
    return ErrorCatalogInvalid(f"{file}, {subject}: {fault}.")


def catalog_path() -> Path:
    return resources_root() / "errors" / "sentences.json"


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(field for _, field, _, _ in string.Formatter().parse(text) if field)


def _check_pair(key: str, pair: object) -> Mapping[str, str]:
    if not isinstance(pair, dict) or set(pair) - {"sq", "en"}:
        raise ErrorCatalogInvalid(f"sentences.json, {key}: expected 'sq' and 'en' only.")
    for language in LANGUAGES:
        if not isinstance(pair.get(language), str) or not pair[language].strip():
            raise ErrorCatalogInvalid(f"sentences.json, {key}: no '{language}' sentence.")
    if _placeholders(pair["sq"]) != _placeholders(pair["en"]):
        raise ErrorCatalogInvalid(f"sentences.json, {key}: 'sq' and 'en' placeholders differ.")
    return pair


def _check_entry(key: str, entry: object) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise ErrorCatalogInvalid(f"sentences.json, {key}: an entry is an object.")
    unknown = set(entry) - {"sq", "en", "admin", "one", "count", "by", "cases"}
    if unknown:
        raise ErrorCatalogInvalid(f"sentences.json, {key}: unknown field {sorted(unknown)[0]!r}.")
    _check_pair(key, {language: entry.get(language) for language in LANGUAGES})
    for variant in _VARIANT_KEYS:
        if variant in entry:
            _check_pair(f"{key}.{variant}", entry[variant])
    if ("one" in entry) != ("count" in entry):
        raise ErrorCatalogInvalid(f"sentences.json, {key}: 'one' and 'count' go together.")
    if ("by" in entry) != ("cases" in entry) or not isinstance(entry.get("cases", {}), dict):
        raise ErrorCatalogInvalid(f"sentences.json, {key}: 'by' and 'cases' go together.")
    for value, pair in entry.get("cases", {}).items():
        _check_pair(f"{key}.cases.{value}", pair)
    return entry


@cache
def load_catalog(path: Path | None = None) -> Mapping[str, Mapping[str, Any]]:
    """Every entry of the catalog, checked: both languages, the same placeholders."""
    source = path or catalog_path()
    document = read_json_file(
        source, fields={"about", "sentences"}, required={"sentences"}, refuse=_catalog_invalid
    )
    entries = document["sentences"]
    if not isinstance(entries, dict) or UNEXPECTED not in entries:
        raise ErrorCatalogInvalid(f"{source}: 'sentences' lacks the '{UNEXPECTED}' entry.")
    return {key: _check_entry(key, entry) for key, entry in entries.items()}


def worded_class(error_class: type[BaseException]) -> type[BaseException] | None:
    """The class whose entry words ``error_class``: itself or its nearest worded parent. The
    bare base ``InterviewRoomError`` (and ``Exception`` above it) words nothing."""
    catalog = load_catalog()
    for klass in error_class.__mro__:
        if klass in (InterviewRoomError, Exception, BaseException, object):
            return None
        if klass.__name__ in catalog and klass.__name__ not in _SPECIAL_KEYS:
            return klass
    return None


def _value(error: BaseException, field: str) -> object:
    if field == "detail":
        return str(error).rstrip(".")
    value = getattr(error, field)
    if isinstance(value, float):
        return max(1, math.ceil(value))
    return value


def _fill(text: str, error: BaseException) -> str:
    return text.format_map({field: _value(error, field) for field in _placeholders(text)})


def _choose(entry: Mapping[str, Any], error: BaseException, language: str, admin: bool) -> str:
    if "by" in entry:
        value = getattr(error, entry["by"], None)
        key = value.value if isinstance(value, Enum) else str(value)
        case = entry["cases"].get(key)
        if case is not None:
            return str(case[language])
    if "count" in entry and _value(error, entry["count"]) == 1:
        return str(entry["one"][language])
    if admin and "admin" in entry:
        return str(entry["admin"][language])
    return str(entry[language])


def find_sentence(error: BaseException, language: str, admin: bool = False) -> str | None:
    """The catalog's sentence for ``error`` in ``language`` ("sq" or "en"), or None when its
    class is not worded. ``admin``: the reader is a station administrator, told what to do
    where others are sent to one."""
    klass = worded_class(type(error))
    if klass is None:
        return None
    language = language if language in LANGUAGES else "en"
    entry = load_catalog()[klass.__name__]
    return _fill(_choose(entry, error, language, admin), error)


def error_sentence(error: BaseException, language: str, admin: bool = False) -> str:
    """Always a sentence: the catalog's for ``error``, or the calm "nothing was changed" one."""
    found = find_sentence(error, language, admin)
    if found is not None:
        return found
    language = language if language in LANGUAGES else "en"
    return _choose(load_catalog()[UNEXPECTED], error, language, admin)
