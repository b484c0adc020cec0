"""The screening protocol as values: sections, questions, indicators, decision rule and texts.

Structure lives in ``protocol.json``; every human text lives in ``texts/<lang>.json`` under a
text id derived from the structure (see the protocol folder's README.md). The model holds text
ids, never texts: ask ``text(protocol, lang, text_id)`` for the words in a language.

The fixed terms (answer types, dimensions, outcomes …) live in ``protocol_terms`` and the
decision rule's fields in ``decision_rule``; both are importable from here, as before.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from interview_room.screening.conditions import Condition
from interview_room.screening.decision_rule import (
    AtRiskPath,
    BeforeExploitationRule,
    DecisionRule,
    ExploitationDeclinedRule,
    MostlyDeclinedRule,
    ObservedControl,
    RefusalRule,
    RuleGroup,
    Sign,
    ThresholdClause,
)
from interview_room.screening.errors import TextNotFound
from interview_room.screening.protocol_terms import (
    FALLBACK_LANGUAGE,
    MEANS_AT_DESTINATION,
    REQUIRED_LANGUAGES,
    YES_NO_OPTIONS,
    AnswerType,
    Audience,
    ConsentScope,
    Dimension,
    ExploitationForm,
    IndicatorList,
    Outcome,
    SectionKind,
    Strength,
    TextId,
    applicable_lists,
)

__all__ = [
    "FALLBACK_LANGUAGE",
    "MEANS_AT_DESTINATION",
    "REQUIRED_LANGUAGES",
    "YES_NO_OPTIONS",
    "AgeRule",
    "AnswerType",
    "AtRiskPath",
    "Audience",
    "BeforeExploitationRule",
    "Consent",
    "ConsentScope",
    "DecisionRule",
    "Dimension",
    "ExploitationDeclinedRule",
    "ExploitationForm",
    "FormsRule",
    "Indicator",
    "IndicatorList",
    "MostlyDeclinedRule",
    "ObservedControl",
    "Outcome",
    "Protocol",
    "Question",
    "RefusalRule",
    "RuleGroup",
    "Section",
    "SectionKind",
    "Sign",
    "Strength",
    "TextCatalog",
    "TextId",
    "ThresholdClause",
    "applicable_lists",
    "person_text",
    "section_intro",
    "text",
]


@dataclass(frozen=True)
class Consent:
    """Marks a yes/no question as recording one consent."""

    scope: ConsentScope
    recipient: str | None = None


@dataclass(frozen=True)
class Question:
    """One question, or one observation recorded by the interviewer without asking."""

    id: str
    section_id: str
    answer_type: AnswerType
    options: tuple[str, ...]
    observation: bool
    audience: Audience
    show_if: Condition | None
    indicates: Mapping[str, tuple[str, ...]] = field(hash=False)
    """Answer value (option id, or "yes"/"no") → indicator ids it indicates."""
    person_wording: TextId | None = None
    """Read to the person, in their language. None for observations."""
    person_wording_child: TextId | None = None
    """Simpler words read instead to a presumed child (``question.<id>.person.child``), where
    the texts have them; only for questions after the consent section, when the age is known."""
    guidance: TextId | None = None
    """For the interviewer, in the interviewer's language."""
    consent: Consent | None = None
    indicates_unless: Condition | None = None
    """When this holds (on the answers shown), the answers to this question indicate nothing:
    e.g. a companion who speaks for a young child counts not when the companion is the parent
    whose relationship is recorded. It may name a question asked later."""
    minimum: int | None = None
    maximum: int | None = None

    @property
    def label(self) -> TextId:
        """Short name for the screen and the record, in the interviewer's language."""
        return TextId(f"question.{self.id}.label")

    def option_text(self, option: str) -> TextId:
        if self.answer_type is AnswerType.YES_NO:
            return TextId(f"answer.{option}")
        return TextId(f"question.{self.id}.option.{option}")


@dataclass(frozen=True)
class Section:
    id: str
    kind: SectionKind
    audience: Audience
    show_if: Condition | None
    questions: tuple[Question, ...]
    intro: TextId | None
    """Read to the person when the section opens (e.g. the rights script)."""
    guidance: TextId | None
    emergency_contacts: bool = False
    """The emergency numbers (``resources/directory.json``) are shown beside its questions."""
    intro_child: TextId | None = None
    """The intro in a presumed child's own words (``section.<id>.intro.child``): only sections
    of questions, which open after the age rule has been applied."""

    @property
    def title(self) -> TextId:
        return TextId(f"section.{self.id}.title")


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: Dimension | None
    """None for a local sign of the intended purpose, which counts only in the signs of the
    before-exploitation rule (and, for a child, as an indicative answer)."""
    strength: Strength
    lists: frozenset[IndicatorList]
    questionnaire_2005_section: str | None = None
    """Section (A, B or C) of Albania's 2005 screening questionnaire, for reference only."""
    strength_in: Mapping[IndicatorList, Strength] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    """Where a list grades the indicator otherwise than ``strength`` (e.g. strong for children)."""
    sufficient: bool = False
    """A form of exploitation in itself (organ removal, forced marriage …): enough on its own
    to make its dimension positive, whatever the thresholds."""
    context: bool = False
    """A circumstance of vulnerability (poverty, conflict at home, a child working at all …),
    not something done to the person: it counts in its dimension's figures, but a dimension
    positive only through such indicators meets no group of the rule, and for a child context
    alone gives ``child_when_only_context`` (child at risk), not a presumed victim."""
    when: Condition | None = None
    """Format 2: an indicator read from a combination of answers rather than one option:
    counted when this condition holds on the answers shown (e.g. a child, someone else arranged
    the trip, and a job was promised)."""
    instead_of: tuple[str, ...] = ()
    """With ``when``: indicators the same fact, told more fully, replaces (not counted beside
    it, so that one fact is never counted twice)."""
    instead_of_keeps_one_indicator: bool = False
    """The replaced indicators leave the dimensions and signs (what is printed and counted
    there), but a path that asks for one indicator of their group still sees them: a debt owed
    to a recruiter is a recruitment fact, how it binds a destination fact (eighth review,
    finding 1; ⚠ centre)."""

    @property
    def text(self) -> TextId:
        return TextId(f"indicator.{self.id}")

    def strength_for(self, lists: Collection[IndicatorList]) -> Strength:
        """The strength on the lists that apply to the person; where they differ (the form of
        exploitation is not known), the strongest, so that screening errs towards protection."""
        found = [self.strength_in.get(lst, self.strength) for lst in self.lists if lst in lists]
        if not found:
            return self.strength
        order = list(Strength)
        return min(found, key=order.index)


@dataclass(frozen=True)
class FormsRule:
    """The question recording the form(s) of exploitation, and for each of its options the ILO
    list families that apply (forced begging → labour; forced marriage → both …)."""

    question: str
    lists: Mapping[str, frozenset[ExploitationForm]] = field(hash=False)


@dataclass(frozen=True)
class AgeRule:
    age_question: str
    doubt_question: str
    adult_age: int
    apparent_age_question: str | None = None
    """Format 2: the officers' observation of the apparent age, recorded with the immediate
    needs (before the consent), so that it exists when the person refuses the interview."""
    apparent_adult_options: frozenset[str] = frozenset()
    """The options of ``apparent_age_question`` that make an adult when no age was stated."""


@dataclass(frozen=True)
class TextCatalog:
    language: str
    name: str
    """The language's own name for itself (Shqip, English …)."""
    partial: bool
    direction: str
    """"ltr" or "rtl"."""
    texts: Mapping[str, str] = field(hash=False)
    status: str = ""
    """How far the texts are checked ("machine draft, needs review by a certified translator"):
    empty for a reviewed language. The wizard marks a draft's words (seventh review, 6)."""


@dataclass(frozen=True)
class Protocol:
    id: str
    version: str
    content_hash: str
    """sha256 (hex) of protocol.json and every texts/*.json, canonicalised (README.md)."""
    languages: tuple[str, ...]
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    decision_rule: DecisionRule
    age_rule: AgeRule
    referral_recipients: tuple[str, ...]
    catalogs: Mapping[str, TextCatalog] = field(repr=False, hash=False)
    exploitation_forms: FormsRule | None = None

    def list_families(self, forms: Collection[str] | None) -> frozenset[ExploitationForm]:
        """The ILO list families for the recorded form(s) of exploitation; both when none is
        known (or a form is not mapped)."""
        families: set[ExploitationForm] = set()
        mapped = self.exploitation_forms.lists if self.exploitation_forms else {}
        for form in forms or ():
            if form in mapped:
                families |= mapped[form]
            elif form in set(ExploitationForm):
                families.add(ExploitationForm(form))
            else:
                families |= set(ExploitationForm)
        return frozenset(families) or frozenset(ExploitationForm)

    @property
    def title(self) -> TextId:
        return TextId("protocol.title")

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question in interview order."""
        return tuple(q for section in self.sections for q in section.questions)

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def _indicators_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def indicator(self, indicator_id: str) -> Indicator:
        return self._indicators_by_id[indicator_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions_by_id

    def has_indicator(self, indicator_id: str) -> bool:
        return indicator_id in self._indicators_by_id

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def consent_question(self, scope: ConsentScope, recipient: str | None = None) -> Question:
        """The yes/no question recording one consent (sharing: with ``recipient``)."""
        question = self._consent_questions.get(Consent(scope, recipient))
        if question is None:
            raise KeyError(f"{scope}:{recipient}")
        return question

    @cached_property
    def _consent_questions(self) -> dict[Consent, Question]:
        """Asked for every record the centre imports: built once."""
        found: dict[Consent, Question] = {}
        for question in self.questions:
            if question.consent is not None:
                found.setdefault(question.consent, question)
        return found

    def recipient_text(self, recipient: str) -> TextId:
        return TextId(f"recipient.{recipient}")


def text(protocol: Protocol, lang: str, text_id: str) -> str:
    """The text in ``lang``; falls back to English when ``lang`` lacks it or is unknown."""
    for language in (lang, FALLBACK_LANGUAGE):
        catalog = protocol.catalogs.get(language)
        if catalog is not None and text_id in catalog.texts:
            return catalog.texts[text_id]
    raise TextNotFound(text_id, lang)


def _child_words(protocol: Protocol, lang: str, text_id: TextId | None) -> str | None:
    """``text_id`` in ``lang`` when that language's catalog has it (never a child's words in
    another language; English only for a language with no catalog at all)."""
    if text_id is None:
        return None
    catalog = protocol.catalogs.get(lang) or protocol.catalogs.get(FALLBACK_LANGUAGE)
    if catalog is not None and text_id in catalog.texts:
        return catalog.texts[text_id]
    return None


def section_intro(
    protocol: Protocol, lang: str, section: Section, presumed_child: bool
) -> str | None:
    """The words read to the person when ``section`` opens, in ``lang``: a presumed child's own
    words ("ti" in Albanian) where that language has them, else the section's usual intro."""
    if presumed_child and (child := _child_words(protocol, lang, section.intro_child)):
        return child
    if section.intro is None:
        return None
    return text(protocol, lang, section.intro)


def person_text(
    protocol: Protocol, lang: str, question: Question, presumed_child: bool
) -> str | None:
    """The words read to the person in ``lang`` (None for an observation): a presumed child's
    own simpler words where that language has them; otherwise the question's usual words in
    that language (never a child's words in another language)."""
    if presumed_child and (child := _child_words(protocol, lang, question.person_wording_child)):
        return child
    if question.person_wording is None:
        return None
    return text(protocol, lang, question.person_wording)
