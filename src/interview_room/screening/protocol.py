"""The screening protocol as values: sections, questions, indicators, decision rule and texts.

Structure lives in ``protocol.json``; every human text lives in ``texts/<lang>.json`` under a
text id derived from the structure (see the protocol folder's README.md). The model holds text
ids, never texts: ask ``text(protocol, lang, text_id)`` for the words in a language.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import NewType

from interview_room.screening.conditions import Condition
from interview_room.screening.errors import TextNotFound

TextId = NewType("TextId", str)

REQUIRED_LANGUAGES = ("sq", "en")
"""Languages that must be complete. Albanian first: it is the interface's first language."""
FALLBACK_LANGUAGE = "en"
"""Where a partial language's missing texts come from."""


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"

    @property
    def has_options(self) -> bool:
        return self in (AnswerType.YES_NO, AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE)


YES_NO_OPTIONS = ("yes", "no")


class Dimension(StrEnum):
    """The six dimensions of the ILO/EC 2009 operational indicators, in their usual order."""

    DECEPTIVE_RECRUITMENT = "deceptive_recruitment"
    COERCIVE_RECRUITMENT = "coercive_recruitment"
    RECRUITMENT_BY_ABUSE_OF_VULNERABILITY = "recruitment_by_abuse_of_vulnerability"
    EXPLOITATION = "exploitation"
    COERCION_AT_DESTINATION = "coercion_at_destination"
    ABUSE_OF_VULNERABILITY_AT_DESTINATION = "abuse_of_vulnerability_at_destination"


MEANS_AT_DESTINATION = frozenset(
    {Dimension.COERCION_AT_DESTINATION, Dimension.ABUSE_OF_VULNERABILITY_AT_DESTINATION}
)
"""The "means" dimensions a child's rule must never require."""


class Strength(StrEnum):
    """From strongest to weakest."""

    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


class ExploitationForm(StrEnum):
    """The two families of ILO/EC lists. A protocol maps its own forms of exploitation (forced
    begging, forced marriage …) onto these in ``exploitation_forms``."""

    LABOUR = "labour"
    SEXUAL = "sexual"


class IndicatorList(StrEnum):
    """The four ILO/EC lists an indicator may belong to."""

    ADULT_LABOUR = "adult_labour"
    ADULT_SEXUAL = "adult_sexual"
    CHILD_LABOUR = "child_labour"
    CHILD_SEXUAL = "child_sexual"

    @property
    def for_child(self) -> bool:
        return self in (IndicatorList.CHILD_LABOUR, IndicatorList.CHILD_SEXUAL)

    @property
    def form(self) -> ExploitationForm:
        labour = (IndicatorList.ADULT_LABOUR, IndicatorList.CHILD_LABOUR)
        return ExploitationForm.LABOUR if self in labour else ExploitationForm.SEXUAL


def applicable_lists(
    presumed_child: bool, forms: frozenset[ExploitationForm] | None = None
) -> frozenset[IndicatorList]:
    """The lists that apply to a person; unknown forms (None or empty) mean both forms."""
    wanted = forms or frozenset(ExploitationForm)
    return frozenset(
        lst for lst in IndicatorList if lst.for_child == presumed_child and lst.form in wanted
    )


class Audience(StrEnum):
    ALL = "all"
    ADULT_ONLY = "adult_only"
    CHILD_ONLY = "child_only"

    def includes(self, presumed_child: bool) -> bool:
        if self is Audience.ALL:
            return True
        return (self is Audience.CHILD_ONLY) == presumed_child


class SectionKind(StrEnum):
    """What a section is for. Sections must appear in this order (kinds may repeat only for
    ``questions``): immediate needs first, consent before any case question, determination last.
    """

    IMMEDIATE_NEEDS = "immediate_needs"
    PREPARATION = "preparation"
    CONSENT = "consent"
    QUESTIONS = "questions"
    DETERMINATION = "determination"


class Outcome(StrEnum):
    """What the software may suggest. People decide; the decision is recorded apart."""

    POTENTIAL_VICTIM = "potential_victim"
    CHILD_AT_RISK = "child_at_risk"
    INDICATORS_NOT_MET = "indicators_not_met"
    POTENTIAL_VICTIM_AT_RISK = "potential_victim_at_risk"
    """An adult intercepted before exploitation: recruitment positive, and strong signs of the
    intended exploitation or of control now (a protocol's ``before_exploitation`` rule)."""
    NOT_DETERMINED = "not_determined"
    """The interview was refused: nothing was asked, so nothing is "not met" (a protocol's
    ``when_interview_refused`` rule). The same id as the people's decision."""

    @property
    def decision(self) -> str:
        """The people's decision that agrees with this suggestion: in law a person recruited
        for exploitation is a potential victim whether or not the exploitation has begun."""
        if self is Outcome.POTENTIAL_VICTIM_AT_RISK:
            return Outcome.POTENTIAL_VICTIM.value
        return self.value


class ConsentScope(StrEnum):
    """Consents are recorded separately for each of these (sharing: once per recipient)."""

    INTERVIEW = "interview"
    DATA_STORAGE = "data_storage"
    SHARING = "sharing"


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
class ThresholdClause:
    """Minimum counts that together make a dimension positive, e.g. 1 strong + 1 medium-or-weak.

    Each requirement is (strengths, minimum): indicators of any of those strengths count
    towards the minimum.
    """

    requirements: tuple[tuple[frozenset[Strength], int], ...]

    def met_by(self, counts: Mapping[Strength, int]) -> bool:
        return all(
            sum(counts.get(strength, 0) for strength in strengths) >= minimum
            for strengths, minimum in self.requirements
        )


@dataclass(frozen=True)
class RuleGroup:
    """A named set of dimensions; a group is met when any of its dimensions is positive."""

    id: str
    dimensions: tuple[Dimension, ...]

    @property
    def text(self) -> TextId:
        return TextId(f"rule.group.{self.id}")


@dataclass(frozen=True)
class Sign:
    """A named set of indicators with its own thresholds, read across dimensions (e.g. the
    signs of control now: documents held by a companion, a coached story, a debt)."""

    id: str
    indicators: tuple[str, ...]
    thresholds: tuple[ThresholdClause, ...]
    grades: Mapping[str, Strength] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """Where the sign grades an indicator otherwise than its dimension does (e.g. documents
    held by the companion: strong as control now). A local choice, never an ILO grade."""

    @property
    def text(self) -> TextId:
        return TextId(f"rule.sign.{self.id}")


@dataclass(frozen=True)
class AtRiskPath:
    """One way to *potential victim at risk*: every sign in ``signs`` positive, every group in
    ``groups`` met and, with ``one_indicator_in``, at least one counted indicator (not context,
    not among the path's signs) of those groups' dimensions."""

    signs: tuple[str, ...]
    groups: tuple[str, ...] = ()
    one_indicator_in: tuple[str, ...] = ()
    all_declined: tuple[str, ...] = ()
    """Questions that, wherever shown, were all declined (the person prefers not to answer;
    at least one shown): the path then needs no group (e.g. control now with the recruitment
    questions declined, rather than answered "no")."""
    observed: ObservedControl | None = None
    """The officers' own observations: at least so many of them indicating (on the person's
    lists, their ``indicates_unless`` applied): the path then needs no group, so a story
    coached answer by answer does not hide the control (fourth review, finding 7)."""


@dataclass(frozen=True)
class ObservedControl:
    """At least ``at_least`` of the observations ``of`` recorded with an answer that counts."""

    at_least: int
    of: tuple[str, ...]


@dataclass(frozen=True)
class BeforeExploitationRule:
    """For an adult who does not meet the full rule: any of ``paths`` met suggests *potential
    victim at risk* (intercepted before exploitation). ``requires`` (older form): every group
    met and any sign positive, i.e. one path per sign."""

    requires: tuple[str, ...]
    signs: tuple[Sign, ...]
    paths: tuple[AtRiskPath, ...] = ()

    @property
    def all_paths(self) -> tuple[AtRiskPath, ...]:
        older = (
            tuple(AtRiskPath((s.id,), self.requires) for s in self.signs) if self.requires else ()
        )
        return older + self.paths


@dataclass(frozen=True)
class ExploitationDeclinedRule:
    """For an adult whose exploitation could not be recorded because the person declined most
    of ``questions`` (more than half of those shown): a dimension of ``strong_in`` met with a
    counted strong indicator (not context), and one counted indicator (not context) of
    ``one_indicator_in``, suggest *potential victim* (third practitioner's review, finding 3)."""

    strong_in: tuple[str, ...]
    one_indicator_in: tuple[str, ...]
    questions: tuple[str, ...]
    or_declined: tuple[str, ...] = ()
    """More than half of these (shown) declined stands for the ``one_indicator_in`` indicator:
    declining the recruitment questions too must not lower the result (fourth review,
    finding 3)."""


@dataclass(frozen=True)
class RefusalRule:
    """When the interview consent is not "yes", the suggestion is *not determined – interview
    refused*, printing what the officers recorded in ``observations`` (e.g. a companion who
    controls the person, someone at the crossing now)."""

    observations: tuple[str, ...]
    also_when: Condition | None = None
    """Other refusals that end the interview (a guardian's "no", a child's "does not agree"),
    read on the answers shown to the person (fourth review, finding 6)."""


@dataclass(frozen=True)
class DecisionRule:
    """The suggestion rule, kept in protocol.json so the central office can change it."""

    thresholds: tuple[ThresholdClause, ...]
    groups: tuple[RuleGroup, ...]
    adult_requires: tuple[str, ...]
    child_requires: tuple[str, ...]
    child_when_any_indicator: Outcome = Outcome.CHILD_AT_RISK
    """What a child with any counted indicator but the child rule not met is suggested. The
    Albanian rule (any indicative answer) makes it ``potential_victim``."""
    before_exploitation: BeforeExploitationRule | None = None
    adult_requires_in_itself: tuple[str, ...] | None = None
    """For an adult with a counted indicator that is exploitation in itself (``sufficient``):
    the groups that then suffice (the means at destination need not be shown)."""
    adult_in_itself_one_indicator_in: tuple[str, ...] | None = None
    """For an adult with a counted ``sufficient`` indicator: one counted indicator (not
    context) of these groups' dimensions is then enough (format 2)."""
    adult_exploitation_one_strong_in: tuple[str, ...] | None = None
    """For an adult with exploitation positive: one counted indicator (not context) graded
    strong in these groups' dimensions is then a means enough (format 2; e.g. debt bondage at
    destination, a practice similar to slavery, 1956 Supplementary Convention art. 1(a))."""
    adult_exploitation_declined: ExploitationDeclinedRule | None = None
    when_interview_refused: RefusalRule | None = None
    """Format 2: suggest *not determined* when the interview was refused (else the rule runs
    on the observations alone, as in format 1)."""
    """For an adult who declined the questions about the exploitation (format 2)."""
    adult_ilo_combination: tuple[str, ...] | None = None
    """The ILO/EC combination (recruitment, exploitation, means at destination): not required,
    named in the explanation when met."""
    child_when_only_context: Outcome | None = None
    """What a child whose only counted indicators are ``context`` ones is suggested (None: as
    ``child_when_any_indicator``)."""
    both_list_families: bool = False
    """Count every indicator at its strongest grade over both list families (labour, sexual)
    of the person's age group, whatever form of exploitation is recorded: the form, recorded
    mid-interview, is for the referral and the statistics and must not flip the suggestion."""

    def group(self, group_id: str) -> RuleGroup:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)


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
