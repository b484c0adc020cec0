"""The protocol's fixed terms: answer types, the ILO/EC dimensions, strengths, list families and
lists, audiences, section kinds, the outcomes the rule may suggest, the consents, and the
languages every protocol must have. Text ids name words; ``protocol.text`` gives them."""

from __future__ import annotations

from enum import StrEnum
from typing import NewType

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
