"""Minimum necessary per recipient: what each recipient's referral may carry, and on what basis.

``resources/referral/recipients.json`` maps each recipient of the protocol to a kind, and each
kind to the field groups its referral carries with the person's consent to share with it; a kind
may also name a legal duty that requires a referral without that consent (a child to the Child
Protection Unit; an offence reported to the police), with the groups that duty needs. Without
consent and without a duty there is no referral. ``resources/referral/README.md`` says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError
from interview_room.resources import read_json_file, resources_root
from interview_room.screening import ConsentScope, ConsentState

if TYPE_CHECKING:
    from interview_room.interview.interview import Interview

GROUPS = (
    "outcome",
    "identity",
    "identity_reduced",
    "interpreter",
    "child",
    "needs",
    "safety",
    "health",
    "indicators",
    "decision",
    "consents",
)
"""Field groups in the order a form prints them (the referral's own details always come first).
``interpreter`` is no section of its own: it lets the person's section name the interpreter.
``identity_reduced`` is the person's section with name, sex, age and language only (health)."""
NOT_SUSPECTED = frozenset({"indicators_not_met", "not_determined", "child_at_risk"})
"""Decisions that are no suspicion of an offence. *Child at risk* is by definition no indicator
of trafficking (context only): the Child Protection Unit is informed by law, the police are not."""


class ReferralNeedsConsent(InterviewRoomError):
    """The person did not agree to share with this recipient (refused, skipped, not asked, or
    prefers not to answer), and no law requires the referral: it cannot be made."""


class RecipientTableInvalid(InterviewRoomError):
    """``recipients.json`` is not what this program reads."""


class Basis(StrEnum):
    CONSENT = "consent"
    LAW = "law"


DUTY_WHEN = ("presumed_child", "children_with_the_person", "trafficking_suspected")
"""When a legal duty applies: the person is a presumed child; the person (not a presumed child)
has children with them and either the people's decision suspects trafficking or the officers
recorded a concern about the children (seventh practitioner's review, finding 5; eighth,
finding 3: a family in transit, not suspected, is no case for the Unit without consent); the
people's decision suspects an offence."""
CHILDREN_WITH_THE_PERSON_QUESTION = "needs_children_with"
CHILDREN_CONCERN_QUESTION = "needs_children_concern"
"""Protocol v2: the officers' observation that the children's needs or safety concern them."""


@dataclass(frozen=True)
class LegalDuty:
    when: str
    """One of ``DUTY_WHEN``."""
    basis: str
    """The wording's key: ``legal_basis.<basis>`` in the form's language file."""
    groups: tuple[str, ...]
    interviewers_named: bool = True
    """False: the form names neither interviewer (the police report made by law, finding 9 of
    the second practitioner's review: the police can find the case from the station and date
    anyway, and need not learn who talked with the person)."""
    date_as_month: bool = False
    """True: the form gives the month of the interview, not the day."""
    health_data: bool = True
    """False: no health data on the form (a special category, without consent): the
    indicators name a vulnerability without saying which (seventh review, finding 13)."""


@dataclass(frozen=True)
class RecipientRule:
    kind: str
    with_consent: tuple[str, ...]
    duties: tuple[LegalDuty, ...] = ()
    """The legal duties that require a referral without consent, in the order they are tried:
    the first that applies decides what the form carries."""

    @property
    def by_law(self) -> LegalDuty | None:
        """The first legal duty (the one for the person themselves), or None."""
        return self.duties[0] if self.duties else None


TABLE_FIELDS = frozenset(
    {
        "format",
        "about",
        "groups",
        "health_questions",
        "safety_questions",
        "child_questions",
        "recipients",
        "kinds",
    }
)
"""The top-level fields ``recipients.json`` may have (``about`` and ``groups`` explain it to a
reader; this program reads the rest)."""

UNLISTED = RecipientRule("unlisted", ("outcome",))
"""A recipient the table does not name: the outcome only, until the centre decides more."""


@dataclass(frozen=True)
class RecipientTable:
    rules: Mapping[str, RecipientRule]
    health_questions: tuple[str, ...]
    safety_questions: tuple[str, ...] = ()
    """The ``safety`` group: risks, the safety plan, the person's own view of their safety and
    needs (protocol v2 on)."""
    child_questions: tuple[str, ...] = ()
    """The ``child`` group, printed for a presumed child only (protocol v2 on)."""

    def rule(self, recipient: str) -> RecipientRule:
        return self.rules.get(recipient, UNLISTED)


def _groups(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(g in GROUPS for g in raw):
        raise RecipientTableInvalid(f"recipients.json: {where} must list groups of {GROUPS}.")
    return tuple(g for g in GROUPS if g in raw)


def _flag(duty: Mapping[str, object], name: str, default: bool, kind: str) -> bool:
    value = duty.get(name, default)
    if not isinstance(value, bool):
        raise RecipientTableInvalid(f"recipients.json: {kind!r} by law: {name} is true or false.")
    return value


def _duty(duty: Mapping[str, object], kind: str) -> LegalDuty:
    if duty.get("when") not in DUTY_WHEN:
        raise RecipientTableInvalid(f"recipients.json: {kind!r} has an unknown legal duty.")
    return LegalDuty(
        str(duty["when"]),
        str(duty["basis"]),
        _groups(duty["groups"], f"{kind!r} by law"),
        _flag(duty, "interviewers_named", True, kind),
        _flag(duty, "date_as_month", False, kind),
        _flag(duty, "health_data", True, kind),
    )


@cache
def recipient_table(folder: Path | None = None) -> RecipientTable:
    """The table in ``folder`` (default: the shipped ``resources/referral``)."""
    path = (folder or resources_root() / "referral") / "recipients.json"
    raw = read_json_file(
        path,
        fields=TABLE_FIELDS,
        required={"kinds", "recipients", "health_questions"},
        format_version=1,
        refuse=lambda file, place, fault: RecipientTableInvalid(f"{file}, {place}: {fault}."),
    )
    kinds: dict[str, RecipientRule] = {}
    for kind, spec in raw["kinds"].items():
        duties = spec.get("by_law", [])
        # One duty as an object, several as a list (the Unit: a child, a child with the person).
        listed = duties if isinstance(duties, list) else [duties]
        kinds[kind] = RecipientRule(
            kind,
            _groups(spec["with_consent"], f"kind {kind!r}"),
            tuple(_duty(duty, kind) for duty in listed),
        )
    rules = {recipient: kinds[kind] for recipient, kind in raw["recipients"].items()}
    return RecipientTable(
        rules,
        tuple(str(q) for q in raw["health_questions"]),
        tuple(str(q) for q in raw.get("safety_questions", ())),
        tuple(str(q) for q in raw.get("child_questions", ())),
    )


@dataclass(frozen=True)
class ReferralBasis:
    """Why a referral to one recipient may be made, and what it then carries."""

    basis: Basis
    groups: tuple[str, ...]
    legal_basis: str | None = None
    """With ``Basis.LAW``: the wording's key (``legal_basis.<name>``)."""
    duty: LegalDuty | None = None
    """With ``Basis.LAW``: the duty that requires the referral."""

    @property
    def consented(self) -> bool:
        return self.basis is Basis.CONSENT

    @property
    def interviewers_named(self) -> bool:
        return self.duty is None or self.duty.interviewers_named

    @property
    def date_as_month(self) -> bool:
        return self.duty is not None and self.duty.date_as_month

    @property
    def health_data(self) -> bool:
        return self.duty is None or self.duty.health_data


def duty_applies(duty: LegalDuty, interview: Interview) -> bool:
    if duty.when == "presumed_child":
        return interview.presumed_child
    if duty.when == "children_with_the_person":
        if interview.presumed_child or not _is_yes(interview, CHILDREN_WITH_THE_PERSON_QUESTION):
            return False
        return _is_yes(interview, CHILDREN_CONCERN_QUESTION) or trafficking_suspected(interview)
    return trafficking_suspected(interview)


def trafficking_suspected(interview: Interview) -> bool:
    """The people's decision suspects an offence (not one of ``NOT_SUSPECTED``)."""
    decision = interview.decision()
    return decision is not None and decision.decision not in NOT_SUSPECTED


def _is_yes(interview: Interview, question_id: str) -> bool:
    answer = interview.answers.get(question_id)
    return answer is not None and answer.is_answered and answer.value == "yes"


def referral_basis(
    interview: Interview, recipient: str, table: RecipientTable | None = None
) -> ReferralBasis:
    """The person's consent to share with ``recipient`` (only "yes" counts), else the legal
    duty that requires the referral; raise :class:`ReferralNeedsConsent` when neither holds."""
    rule = (table or recipient_table()).rule(recipient)
    given = interview.consent_state(ConsentScope.SHARING, recipient) is ConsentState.GIVEN
    # A consent taken with no common language, or through a known interpreter, is not
    # informed: no referral "with consent" goes out on it (eighth review, finding 4).
    if given and not interview.consents_held_by_the_language:
        return ReferralBasis(Basis.CONSENT, rule.with_consent)
    for duty in rule.duties:
        if duty_applies(duty, interview):
            return ReferralBasis(Basis.LAW, duty.groups, f"legal_basis.{duty.basis}", duty)
    raise ReferralNeedsConsent(
        f"The person did not agree to share with {recipient}, and no law requires the referral."
    )


def possible_basis(
    interview: Interview, recipient: str, table: RecipientTable | None = None
) -> ReferralBasis | None:
    """:func:`referral_basis`, or None where no referral can be made."""
    try:
        return referral_basis(interview, recipient, table)
    except ReferralNeedsConsent:
        return None
