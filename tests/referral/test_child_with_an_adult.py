"""Seventh practitioner's review, finding 5 (⚠ lawyer): a child travelling with an adult who may
be a victim reaches the Child Protection Unit even without the parent's consent, a referral the
law requires. The form carries who the adult is and the adult's immediate needs, the children
among them, never the adult's account, indicators or decision; the parent is told first, as for
every referral made by law; the police report made by law is unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency, as_text
from interview_room.referral.informing import (
    PersonNotToldOfLegalReferral,
    legal_referral_script,
)
from interview_room.referral.recipients import (
    Basis,
    ReferralNeedsConsent,
    recipient_table,
    referral_basis,
)
from interview_room.referral.referrals import Referrals
from interview_room.screening import Answer, SectionKind
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.referral.test_informing import Station
from tests.referral.test_safety_and_new_recipients import ADULT

OFFICER = ("oficer.amal", "synthetic-officer-passphrase")
WORKER = ("punonjes.amal", "synthetic-worker-passphrase")
UNIT = "child_protection_unit"
WITH_HER_CHILD: dict[str, Any] = {
    **ADULT,
    "needs_children_with": "yes",
    "needs_children_count": 1,
    "consent_share_anti_trafficking_police": "no",
}


@pytest.fixture
def officer(workstation: WorkstationFactory) -> Session:
    created = workstation(training=True)
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    created.session.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    created.session.logout()
    return created.workstation.unlock(*OFFICER)


def _decided(
    officer: Session, values: dict[str, Any], decision: str = "potential_victim"
) -> Interview:
    return Station(officer).decided(values, decision)


def _preview(officer: Session, interview: Interview, recipient: str, language: str) -> str:
    document = Referrals(officer).preview(
        interview, recipient=recipient, language=language, urgency=Urgency.IMMEDIATE
    )
    return as_text(document)


def test_the_unit_is_informed_of_the_child_by_law_with_the_parents_needs_only(
    officer: Session,
) -> None:
    mother = _decided(officer, WITH_HER_CHILD)
    assert not mother.presumed_child
    basis = referral_basis(mother, UNIT)
    assert basis.basis is Basis.LAW and basis.duty is not None
    assert basis.duty.basis == "child_protection_accompanying"
    form = _preview(officer, mother, UNIT, "en")
    assert "A child travelling with an adult who may be a victim of trafficking" in form
    assert "Children with the person" in form and "Drita Shembulli-Sf2" in form
    for withheld in ("Indicators", "Decision", "Safety", "Synthetic"):
        assert withheld not in form, withheld
    albanian = _preview(officer, mother, UNIT, "sq")
    assert "Një fëmijë që udhëton me një të rritur" in albanian

    script = legal_referral_script(mother, UNIT, "en")
    assert script is not None and script.name_given and not script.for_child
    assert "about the children with you" in script.words
    assert "this is not a complaint against you" in script.words
    assert "not the rest of what you told us" in script.words
    arabic = legal_referral_script(mother, UNIT, "ar")
    assert arabic is not None and arabic.language == "ar"

    referrals = Referrals(officer)
    with pytest.raises(PersonNotToldOfLegalReferral):
        referrals.create(
            mother,
            recipient=UNIT,
            language="en",
            urgency=Urgency.IMMEDIATE,
            officer_password=OFFICER[1],
        )
    record = referrals.create(
        mother,
        recipient=UNIT,
        language="en",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
        person_told=True,
    )
    assert not record.consented
    worker = officer.workstation.unlock(*WORKER)
    signed = Referrals(worker).countersign(record.id, *WORKER)
    assert signed.fully_signed, "the form printed what its record says (no decision line)"


def test_without_children_an_adult_is_referred_to_the_unit_only_with_consent(
    officer: Session,
) -> None:
    alone = _decided(officer, {**WITH_HER_CHILD, "needs_children_with": "no"})
    with pytest.raises(ReferralNeedsConsent):
        referral_basis(alone, UNIT)


def test_the_police_report_by_law_is_unchanged() -> None:
    police = recipient_table().rule("anti_trafficking_police")
    assert [duty.when for duty in police.duties] == ["trafficking_suspected"]
    unit = recipient_table().rule(UNIT)
    assert [duty.when for duty in unit.duties] == ["presumed_child", "children_with_the_person"]
    assert unit.by_law is unit.duties[0]


# -- eighth practitioner's review, finding 3 (⚠ lawyer): not every family with children --------

KARIM: dict[str, Any] = {
    **WITH_HER_CHILD,
    "needs_children_count": 2,
    "consent_share_child_protection_unit": "no",
}


def test_a_family_in_transit_not_suspected_reaches_the_unit_only_with_consent(
    officer: Session,
) -> None:
    """x06: Karim, Syrian, in transit with two daughters, smuggled; not met; he refuses to
    share with the Unit. No form "required by law" labels the family as possible victims."""
    father = _decided(officer, KARIM, "indicators_not_met")
    with pytest.raises(ReferralNeedsConsent):
        referral_basis(father, UNIT)
    with pytest.raises(ReferralNeedsConsent):
        Referrals(officer).preview(father, recipient=UNIT, language="en", urgency=Urgency.IMMEDIATE)
    assert legal_referral_script(father, UNIT, "en") is None
    agreed = _decided(
        officer, {**KARIM, "consent_share_child_protection_unit": "yes"}, "indicators_not_met"
    )
    assert referral_basis(agreed, UNIT).basis is Basis.CONSENT, "with consent, as before"


def test_a_concern_about_the_children_informs_the_unit_by_law_whatever_the_decision(
    officer: Session,
) -> None:
    father = _decided(officer, {**KARIM, "needs_children_concern": "yes"}, "indicators_not_met")
    basis = referral_basis(father, UNIT)
    assert basis.basis is Basis.LAW and basis.duty is not None
    assert basis.duty.basis == "child_protection_accompanying"
    form = _preview(officer, father, UNIT, "en")
    assert "a concern about the children's needs or safety" in form
    assert "kanë regjistruar një shqetësim" in _preview(officer, father, UNIT, "sq")


# -- eighth practitioner's review, finding 4: no consent without a common language -------------


def test_consents_taken_without_a_common_language_send_no_referral_with_consent(
    officer: Session,
) -> None:
    """x11: the consents were recorded, then the officers found she understood nothing."""
    protocol = ProtocolLibrary().current()
    woman = Interview.begin(officer, protocol, "en")
    recorded: dict[str, str | int] = {
        "obs_apparent_age": "clearly_adult",
        "prep_age": 20,
        "prep_age_doubt": "no",
        "consent_interview": "yes",
        "consent_share_shelter": "yes",
        "consent_share_anti_trafficking_police": "yes",
        "prep_common_language": "no",
    }
    for question_id, value in recorded.items():
        woman.answer(Answer.given(question_id, value))
    woman.go_to(next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION))
    woman.record_decision("not_determined", "No common language; no interpreter reached.")
    for recipient in ("shelter", "anti_trafficking_police"):
        with pytest.raises(ReferralNeedsConsent):
            referral_basis(woman, recipient)
