"""A small declarative shape check for the protocol's JSON files (no jsonschema dependency).

Shapes are written as data (``Obj``, ``ListOf``, ``MapOf`` …) and one function, ``check``,
walks a parsed document against them, raising a ``ProtocolSchemaError`` (or the matching
``UnknownEnumValue`` subclass) that names the file, the enclosing item and the fault.
Cross-references (does this question exist? is it earlier?) are the loader's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from interview_room.screening.errors import (
    ProtocolSchemaError,
    UnknownAnswerType,
    UnknownDimension,
    UnknownEnumValue,
    UnknownStrength,
)
from interview_room.screening.protocol import (
    AnswerType,
    Audience,
    ConsentScope,
    Dimension,
    ExploitationForm,
    IndicatorList,
    SectionKind,
    Strength,
)

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
TEXT_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")
VERSION_PATTERN = re.compile(r"\d+\.\d+\.\d+")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


class Spec:
    """Base of every shape."""


@dataclass(frozen=True)
class Str(Spec):
    pattern: re.Pattern[str] | None = None
    what: str = "a non-empty string"


@dataclass(frozen=True)
class Int(Spec):
    minimum: int | None = None


@dataclass(frozen=True)
class Bool(Spec):
    pass


@dataclass(frozen=True)
class Choice(Spec):
    """A string from a fixed vocabulary; an outsider raises ``error``."""

    values: tuple[str, ...]
    what: str
    error: type[UnknownEnumValue] = UnknownEnumValue


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0


@dataclass(frozen=True)
class MapOf(Spec):
    """A JSON object used as a map; ``subject`` (e.g. "text") names each entry in errors."""

    key: Str
    value: Spec
    min_items: int = 0
    subject: str | None = None


@dataclass(frozen=True)
class Field:
    spec: Spec
    required: bool = True


@dataclass(frozen=True)
class Obj(Spec):
    """A JSON object with known fields; unknown fields are refused (they are usually typos).

    With a ``subject`` (e.g. "question"), errors inside name the object by its ``id``.
    """

    fields: Mapping[str, Field] = field(default_factory=dict)
    subject: str | None = None


@dataclass(frozen=True)
class Raw(Spec):
    """Anything; parsed and checked elsewhere (show-if rules)."""


def choice(
    enum: type[StrEnum], what: str, error: type[UnknownEnumValue] = UnknownEnumValue
) -> Choice:
    return Choice(tuple(member.value for member in enum), what, error)


def req(spec: Spec) -> Field:
    return Field(spec, required=True)


def opt(spec: Spec) -> Field:
    return Field(spec, required=False)


def _kind_of(value: object) -> str:
    match value:
        case bool():
            return "true/false"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "a list"
        case dict():
            return "an object"
        case None:
            return "null"
    return type(value).__name__  # pragma: no cover


@dataclass(frozen=True)
class _Where:
    file: str
    subject: str
    path: str = ""

    def at(self, step: str) -> _Where:
        joined = (
            f"{self.path}.{step}" if self.path and not step.startswith("[") else self.path + step
        )
        return _Where(self.file, self.subject, joined)

    def fail(self, fault: str, error: type[ProtocolSchemaError] = ProtocolSchemaError) -> None:
        prefix = f"'{self.path}' " if self.path else ""
        raise error(self.file, self.subject, prefix + fault)


def check(value: object, spec: Spec, file: str, subject: str = "top level") -> None:
    """Raise a ``ProtocolSchemaError`` at the first place ``value`` does not fit ``spec``."""
    _check(value, spec, _Where(file, subject))


def _check(value: object, spec: Spec, where: _Where) -> None:
    match spec:
        case Str(pattern, what):
            if not isinstance(value, str) or not value.strip():
                where.fail(f"must be {what}, found {_kind_of(value)}")
            elif pattern is not None and not pattern.fullmatch(value):
                where.fail(f"must be {what}, not {value!r}")
        case Int(minimum):
            if isinstance(value, bool) or not isinstance(value, int):
                where.fail(f"must be a whole number, found {_kind_of(value)}")
            elif minimum is not None and value < minimum:
                where.fail(f"must be at least {minimum}, not {value}")
        case Bool():
            if not isinstance(value, bool):
                where.fail(f"must be true or false, found {_kind_of(value)}")
        case Choice(values, what, error):
            if not isinstance(value, str):
                where.fail(f"must be a {what} (a string), found {_kind_of(value)}")
            elif value not in values:
                where.fail(f"is an unknown {what} {value!r} (known: {', '.join(values)})", error)
        case ListOf(item, min_items):
            if not isinstance(value, list):
                where.fail(f"must be a list, found {_kind_of(value)}")
                return
            if len(value) < min_items:
                where.fail(f"must hold at least {min_items} item(s)")
            for index, element in enumerate(value):
                _check(element, item, where.at(f"[{index}]"))
        case MapOf(key, item, min_items, subject):
            if not isinstance(value, dict):
                where.fail(f"must be an object, found {_kind_of(value)}")
                return
            if len(value) < min_items:
                where.fail(f"must hold at least {min_items} entr(y/ies)")
            for name, element in value.items():
                _check(name, key, where.at(f"[{name!r}]"))
                inner = _Where(where.file, f"{subject} '{name}'") if subject else where.at(name)
                _check(element, item, inner)
        case Obj(fields, subject):
            _check_object(value, fields, subject, where)
        case Raw():
            pass
        case _:  # pragma: no cover
            raise AssertionError(f"unknown spec {spec!r}")


def _check_object(
    value: object, fields: Mapping[str, Field], subject: str | None, where: _Where
) -> None:
    if not isinstance(value, dict):
        where.fail(f"must be an object, found {_kind_of(value)}")
        return
    if subject is not None:
        item_id = value.get("id")
        named = (
            f"{subject} '{item_id}'" if isinstance(item_id, str) else f"{subject} at {where.path}"
        )
        where = _Where(where.file, named)
    for name, spec_field in fields.items():
        if name in value:
            _check(value[name], spec_field.spec, where.at(name))
        elif spec_field.required:
            where.fail(f"the required field '{name}' is missing")
    unknown = sorted(set(value) - set(fields))
    if unknown:
        known = ", ".join(fields)
        where.fail(f"unknown field(s) {', '.join(repr(u) for u in unknown)} (known: {known})")


# --- The shapes of the protocol's files ------------------------------------------------------

ID = Str(ID_PATTERN, "an id (lower-case letters, digits and '_', starting with a letter)")

CONDITION = Raw()

QUESTION = Obj(
    {
        "id": req(ID),
        "answer_type": req(choice(AnswerType, "answer type", UnknownAnswerType)),
        "options": opt(ListOf(ID, min_items=2)),
        "observation": opt(Bool()),
        "audience": opt(choice(Audience, "audience")),
        "show_if": opt(CONDITION),
        "indicates": opt(MapOf(ID, ListOf(ID, min_items=1), min_items=1)),
        # Format 2: when this condition holds, the question's answers indicate nothing.
        "indicates_unless": opt(CONDITION),
        "consent": opt(
            Obj({"scope": req(choice(ConsentScope, "consent scope")), "recipient": opt(ID)})
        ),
        "min": opt(Int()),
        "max": opt(Int()),
    },
    subject="question",
)

SECTION = Obj(
    {
        "id": req(ID),
        "kind": req(choice(SectionKind, "section kind")),
        "audience": opt(choice(Audience, "audience")),
        "show_if": opt(CONDITION),
        # Format 2: the emergency numbers shown on screen beside the section's questions.
        "emergency_contacts": opt(Bool()),
        "questions": req(ListOf(QUESTION, min_items=1)),
    },
    subject="section",
)

INDICATOR = Obj(
    {
        "id": req(ID),
        # Left out only for a local sign of the intended purpose (format 2).
        "dimension": opt(choice(Dimension, "dimension", UnknownDimension)),
        "strength": req(choice(Strength, "strength", UnknownStrength)),
        "lists": req(ListOf(choice(IndicatorList, "indicator list"), min_items=1)),
        "strength_in": opt(
            MapOf(
                Str(ID_PATTERN, "an indicator list such as 'child_labour'"),
                choice(Strength, "strength", UnknownStrength),
                min_items=1,
            )
        ),
        "sufficient": opt(Bool()),
        # Format 2: a circumstance of vulnerability, not something done to the person.
        "context": opt(Bool()),
        # Format 2: read from a combination of answers (a show-if rule), replacing others.
        "when": opt(CONDITION),
        "instead_of": opt(ListOf(ID, min_items=1)),
        "instead_of_keeps_one_indicator": opt(Bool()),
        "questionnaire_2005_section": opt(Choice(("A", "B", "C"), "2005 questionnaire section")),
    },
    subject="indicator",
)

EXPLOITATION_FORMS = Obj(
    {
        "question": req(ID),
        "lists": req(
            MapOf(
                ID,
                ListOf(choice(ExploitationForm, "list family (labour or sexual)"), min_items=1),
                min_items=1,
            )
        ),
    },
    subject="exploitation forms",
)
FORMAT_2_FIELDS = ("exploitation_forms",)
"""Top-level fields a format 1 protocol may not use (with those marked in the rules above).
The decision rule's shape and the whole file's (``PROTOCOL``) are in ``schema_rule``."""

AGE_RULE = Obj(
    {
        "age_question": req(ID),
        "doubt_question": req(ID),
        "adult_age": req(Int(minimum=1)),
        # Format 2: without a stated age, the apparent age observed decides.
        "apparent_age_question": opt(ID),
        "apparent_adult_options": opt(ListOf(ID, min_items=1)),
    },
    subject="age rule",
)

CATALOG = Obj(
    {
        "language": req(Str(LANGUAGE_PATTERN, "a language code like 'sq' or 'en'")),
        "name": req(Str()),
        "partial": opt(Bool()),
        "direction": opt(Choice(("ltr", "rtl"), "text direction")),
        # "reviewed", or "machine draft, needs review by a certified translator".
        "status": opt(Str()),
        "texts": req(
            MapOf(
                Str(TEXT_ID_PATTERN, "a text id like 'question.rec_pay.label'"),
                Str(),
                min_items=1,
                subject="text",
            )
        ),
    }
)
