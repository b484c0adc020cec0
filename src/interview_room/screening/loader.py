"""Loading a protocol folder: read, check shape, check meaning, check texts, hash.

Every refusal is a typed ``ProtocolError`` naming the file, the item and the fault; the first
fault in document order is reported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from interview_room.resources import resources_root
from interview_room.screening import schema
from interview_room.screening.conditions import Condition, parse_condition
from interview_room.screening.errors import (
    DuplicateId,
    MalformedCondition,
    MalformedJson,
    ProtocolFileMissing,
    ProtocolSchemaError,
    UnknownEnumValue,
    UnknownStrength,
    UnsupportedProtocolFormat,
)
from interview_room.screening.protocol import (
    FALLBACK_LANGUAGE,
    REQUIRED_LANGUAGES,
    YES_NO_OPTIONS,
    AgeRule,
    AnswerType,
    AtRiskPath,
    Audience,
    BeforeExploitationRule,
    Consent,
    ConsentScope,
    DecisionRule,
    Dimension,
    ExploitationDeclinedRule,
    ExploitationForm,
    FormsRule,
    Indicator,
    IndicatorList,
    ObservedControl,
    Outcome,
    Protocol,
    Question,
    RefusalRule,
    RuleGroup,
    Section,
    SectionKind,
    Sign,
    Strength,
    TextCatalog,
    TextId,
    ThresholdClause,
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
    raw = _read_json(directory, PROTOCOL_FILE)
    schema.check(raw, schema.PROTOCOL, PROTOCOL_FILE)
    assert isinstance(raw, dict)  # guaranteed by the schema check
    if raw["format"] not in SUPPORTED_FORMATS:
        readable = " and ".join(str(f) for f in SUPPORTED_FORMATS)
        raise UnsupportedProtocolFormat(
            PROTOCOL_FILE,
            f"format {raw['format']}",
            f"this program reads formats {readable} only",
        )
    if raw["format"] == 1:
        _refuse_format_2_features(raw)
    structure = _Builder(PROTOCOL_FILE).protocol(raw)
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
        for name in ("strength_in", "sufficient", "context", "when", "instead_of"):
            if name in indicator:
                refuse(f"indicator '{indicator['id']}'", f"'{name}'")
        if "dimension" not in indicator:
            refuse(f"indicator '{indicator['id']}'", "an indicator without a 'dimension'")


# --- Reading -----------------------------------------------------------------------------------


def read_protocol_file(directory: Path, name: str) -> object:
    """Parse the JSON file ``name`` in ``directory`` as strictly as the protocol's own files
    (UTF-8, no duplicate keys, no NaN); refusals name the file and the line."""
    return _read_json(directory, name)


def _read_json(directory: Path, name: str) -> object:
    path = directory / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProtocolFileMissing(
            name, "the protocol folder", f"the file does not exist in {directory}"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - data.rfind(b"\n", 0, error.start)
        raise MalformedJson(name, line, column, "the file is not UTF-8 text") from None
    try:
        return json.loads(
            text,
            object_pairs_hook=lambda pairs: _unique_keys(name, pairs),
            parse_constant=lambda constant: _no_constant(name, constant),
        )
    except json.JSONDecodeError as error:
        raise MalformedJson(
            name, error.lineno, error.colno, f"malformed JSON: {error.msg}"
        ) from None


def _unique_keys(name: str, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateId(name, f"key '{key}'", "it appears twice in the same JSON object")
        result[key] = value
    return result


def _no_constant(name: str, constant: str) -> None:
    raise ProtocolSchemaError(name, "top level", f"{constant} is not allowed in a protocol file")


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
    return {f"{TEXTS_DIR}/{n}": _read_json(directory, f"{TEXTS_DIR}/{n}") for n in names}


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


# --- Building the model from checked JSON ------------------------------------------------------


class _Builder:
    """Turns shape-checked JSON into model values, refusing duplicate ids on the way."""

    def __init__(self, file: str) -> None:
        self.file = file

    def unique(self, ids: Iterable[str], what: str, owner: str | None = None) -> None:
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                subject = owner or f"{what} '{item_id}'"
                raise DuplicateId(self.file, subject, f"the {what} id '{item_id}' is used twice")
            seen.add(item_id)

    def protocol(self, raw: dict[str, Any]) -> Protocol:
        self.unique((s["id"] for s in raw["sections"]), "section")
        self.unique((q["id"] for s in raw["sections"] for q in s["questions"]), "question")
        self.unique((i["id"] for i in raw["indicators"]), "indicator")
        self.unique(raw["referral_recipients"], "referral recipient")
        age = raw["age_rule"]
        return Protocol(
            id=raw["id"],
            version=raw["version"],
            content_hash="",
            languages=(),
            sections=tuple(self.section(s) for s in raw["sections"]),
            indicators=tuple(self.indicator(i) for i in raw["indicators"]),
            decision_rule=self.decision_rule(raw["decision_rule"]),
            age_rule=AgeRule(
                age["age_question"],
                age["doubt_question"],
                age["adult_age"],
                apparent_age_question=age.get("apparent_age_question"),
                apparent_adult_options=frozenset(age.get("apparent_adult_options", ())),
            ),
            referral_recipients=tuple(raw["referral_recipients"]),
            catalogs=MappingProxyType({}),
            exploitation_forms=self.forms(raw.get("exploitation_forms")),
        )

    def forms(self, raw: dict[str, Any] | None) -> FormsRule | None:
        if raw is None:
            return None
        return FormsRule(
            question=raw["question"],
            lists=MappingProxyType(
                {
                    form: frozenset(ExploitationForm(name) for name in families)
                    for form, families in raw["lists"].items()
                }
            ),
        )

    def condition(self, raw: object, subject: str) -> Condition:
        try:
            return parse_condition(raw)
        except MalformedCondition as error:
            raise ProtocolSchemaError(
                self.file, subject, f"'show_if' is malformed: {error}"
            ) from None

    def section(self, raw: dict[str, Any]) -> Section:
        subject = f"section '{raw['id']}'"
        show_if = raw.get("show_if")
        return Section(
            id=raw["id"],
            kind=SectionKind(raw["kind"]),
            audience=Audience(raw.get("audience", Audience.ALL)),
            show_if=None if show_if is None else self.condition(show_if, subject),
            questions=tuple(self.question(q, raw["id"]) for q in raw["questions"]),
            intro=None,
            guidance=None,
            emergency_contacts=raw.get("emergency_contacts", False),
        )

    def question(self, raw: dict[str, Any], section_id: str) -> Question:
        subject = f"question '{raw['id']}'"
        answer_type = AnswerType(raw["answer_type"])
        options: tuple[str, ...] = tuple(raw.get("options", ()))
        if answer_type is AnswerType.YES_NO:
            # Options on text, number or date questions are refused in validation.
            if "options" in raw:
                raise ProtocolSchemaError(
                    self.file, subject, "a yes_no question has the options 'yes' and 'no' built in"
                )
            options = YES_NO_OPTIONS
        self.unique(options, "option", owner=subject)
        consent = raw.get("consent")
        show_if = raw.get("show_if")
        unless = raw.get("indicates_unless")
        indicates = raw.get("indicates", {})
        for ids in indicates.values():
            self.unique(ids, "indicator", owner=subject)
        return Question(
            id=raw["id"],
            section_id=section_id,
            answer_type=answer_type,
            options=options,
            observation=raw.get("observation", False),
            audience=Audience(raw.get("audience", Audience.ALL)),
            show_if=None if show_if is None else self.condition(show_if, subject),
            indicates=MappingProxyType({k: tuple(v) for k, v in indicates.items()}),
            consent=None
            if consent is None
            else Consent(ConsentScope(consent["scope"]), consent.get("recipient")),
            minimum=raw.get("min"),
            maximum=raw.get("max"),
            indicates_unless=None if unless is None else self.condition(unless, subject),
        )

    def indicator(self, raw: dict[str, Any]) -> Indicator:
        subject = f"indicator '{raw['id']}'"
        self.unique(raw["lists"], "list", owner=subject)
        lists = frozenset(IndicatorList(name) for name in raw["lists"])
        strength_in: dict[IndicatorList, Strength] = {}
        for name, strength in raw.get("strength_in", {}).items():
            if name not in {lst.value for lst in IndicatorList}:
                known = ", ".join(lst.value for lst in IndicatorList)
                raise UnknownEnumValue(
                    self.file, subject, f"'strength_in' names an unknown list {name!r} ({known})"
                )
            if IndicatorList(name) not in lists:
                raise ProtocolSchemaError(
                    self.file, subject, f"'strength_in' grades it on '{name}', not one of its lists"
                )
            strength_in[IndicatorList(name)] = Strength(strength)
        dimension = raw.get("dimension")
        return Indicator(
            id=raw["id"],
            dimension=None if dimension is None else Dimension(dimension),
            strength=Strength(raw["strength"]),
            lists=lists,
            questionnaire_2005_section=raw.get("questionnaire_2005_section"),
            strength_in=MappingProxyType(strength_in),
            sufficient=raw.get("sufficient", False),
            context=raw.get("context", False),
            when=None if "when" not in raw else self.condition(raw["when"], subject),
            instead_of=tuple(raw.get("instead_of", ())),
        )

    def thresholds(self, raw: list[dict[str, int]], subject: str) -> tuple[ThresholdClause, ...]:
        clauses = []
        for clause in raw:
            requirements = []
            for key, minimum in clause.items():
                strengths = frozenset(self.strength(part, subject) for part in key.split("_or_"))
                requirements.append((strengths, minimum))
            clauses.append(ThresholdClause(tuple(requirements)))
        return tuple(clauses)

    def decision_rule(self, raw: dict[str, Any]) -> DecisionRule:
        subject = "decision rule"
        self.unique((g["id"] for g in raw["groups"]), "rule group")
        groups = tuple(
            RuleGroup(g["id"], tuple(Dimension(d) for d in g["dimensions"])) for g in raw["groups"]
        )
        before = raw.get("before_exploitation")
        before_rule = None
        if before is not None:
            self.unique((s["id"] for s in before["signs"]), "sign")
            signs = []
            for sign in before["signs"]:
                self.unique(sign["indicators"], "indicator", owner=f"sign '{sign['id']}'")
                grades = {i: Strength(g) for i, g in sign.get("grades", {}).items()}
                if not set(grades) <= set(sign["indicators"]):
                    raise ProtocolSchemaError(
                        self.file, f"sign '{sign['id']}'", "'grades' names an indicator not in it"
                    )
                signs.append(
                    Sign(
                        sign["id"],
                        tuple(sign["indicators"]),
                        self.thresholds(sign["positive_when_any"], f"sign '{sign['id']}'"),
                        MappingProxyType(grades),
                    )
                )
            if ("requires" in before) == ("paths" in before):
                raise ProtocolSchemaError(
                    self.file,
                    "before-exploitation rule",
                    "it needs exactly one of 'requires' and 'paths'",
                )
            paths = tuple(
                AtRiskPath(
                    tuple(p["signs"]),
                    tuple(p.get("groups", ())),
                    tuple(p.get("one_indicator_in", ())),
                    tuple(p.get("all_declined", ())),
                    None
                    if (seen := p.get("observed")) is None
                    else ObservedControl(seen["at_least"], tuple(seen["of"])),
                )
                for p in before.get("paths", ())
            )
            before_rule = BeforeExploitationRule(
                tuple(before.get("requires", ())), tuple(signs), paths
            )
        return DecisionRule(
            thresholds=self.thresholds(raw["dimension_positive_when_any"], subject),
            groups=groups,
            adult_requires=tuple(raw["adult_requires"]),
            child_requires=tuple(raw["child_requires"]),
            child_when_any_indicator=Outcome(
                raw.get("child_when_any_indicator", Outcome.CHILD_AT_RISK.value)
            ),
            before_exploitation=before_rule,
            adult_requires_in_itself=None
            if "adult_requires_with_exploitation_in_itself" not in raw
            else tuple(raw["adult_requires_with_exploitation_in_itself"]),
            adult_in_itself_one_indicator_in=_tuple_or_none(
                raw.get("adult_with_exploitation_in_itself_one_indicator_in")
            ),
            adult_ilo_combination=_tuple_or_none(raw.get("adult_ilo_combination")),
            adult_exploitation_one_strong_in=_tuple_or_none(
                raw.get("adult_with_exploitation_one_strong_in")
            ),
            when_interview_refused=None
            if (refused := raw.get("when_interview_refused")) is None
            else RefusalRule(
                tuple(refused["observations"]),
                None
                if "also_when" not in refused
                else self.condition(refused["also_when"], "interview-refused rule"),
            ),
            adult_exploitation_declined=None
            if (declined := raw.get("adult_with_exploitation_declined")) is None
            else ExploitationDeclinedRule(
                tuple(declined["strong_in"]),
                tuple(declined["one_indicator_in"]),
                tuple(declined["questions"]),
                tuple(declined.get("or_declined", ())),
            ),
            child_when_only_context=None
            if "child_when_only_context" not in raw
            else Outcome(raw["child_when_only_context"]),
            both_list_families=raw.get("both_list_families", False),
        )

    def strength(self, name: str, subject: str) -> Strength:
        try:
            return Strength(name)
        except ValueError:
            known = ", ".join(s.value for s in Strength)
            field_name = (
                "positive_when_any" if subject.startswith("sign") else "dimension_positive_when_any"
            )
            raise UnknownStrength(
                self.file,
                subject,
                f"'{field_name}' names an unknown strength {name!r} (known: {known})",
            ) from None


def _tuple_or_none(raw: list[str] | None) -> tuple[str, ...] | None:
    return None if raw is None else tuple(raw)
