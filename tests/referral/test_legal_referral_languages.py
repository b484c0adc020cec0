"""Issue 12: the words read before a referral the law requires without consent (the child's to
the Child Protection Unit, the police report) exist in the person's languages of the protocol
(ar, fa, fr, sr), machine drafts marked for a certified translator, with every key and
placeholder English has, as many sentences, and for a presumed child the familiar form (tu,
ti, تو) in short sentences; chosen by the interview's person language, never English filling a
gap."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from interview_room.accounts import Role
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import FORM_LANGUAGES, SCRIPT_LANGUAGES
from interview_room.referral.informing import (
    legal_referral_script,
    script_direction,
    script_language,
)
from interview_room.resources import resources_root
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.referral.test_safety_and_new_recipients import ADULT, CHILD
from tests.referral.test_safety_and_new_recipients import decided as decided_by
from tests.screening.test_person_languages import ADULT_FORMS, DRAFT, PERSON_LANGUAGES

FOLDER = resources_root() / "referral"
SCRIPT = "script.legal_referral"
DUTY_RECIPIENTS = ("child_protection_unit", "anti_trafficking_police")


def _texts(language: str) -> dict[str, str]:
    texts: dict[str, str] = json.loads((FOLDER / f"{language}.json").read_text("utf-8"))["texts"]
    return texts


ENGLISH_SCRIPT = {k: v for k, v in _texts("en").items() if k.startswith(SCRIPT)}


def test_the_script_languages_are_the_forms_and_the_persons() -> None:
    assert set(SCRIPT_LANGUAGES) == {*FORM_LANGUAGES, *PERSON_LANGUAGES}
    # Five keys, each with the child's version; and two for a parent only, never read to a
    # child (the Unit told of the children with the person: seventh review, finding 5).
    assert len(ENGLISH_SCRIPT) == 12
    parent_only = {"purpose.child_protection_accompanying", "name_needs_only"}
    assert {k for k in ENGLISH_SCRIPT if f"{k}.child" not in ENGLISH_SCRIPT} == {
        f"{SCRIPT}.{key}" for key in parent_only
    } | {k for k in ENGLISH_SCRIPT if k.endswith(".child")}


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_each_script_stays_a_machine_draft(language: str) -> None:
    document: dict[str, Any] = json.loads((FOLDER / f"{language}.json").read_text("utf-8"))
    assert document["status"] == DRAFT and document["partial"] is True
    assert document["language"] == language
    assert script_direction(language) == ("rtl" if language in ("ar", "fa") else "ltr")


@pytest.mark.parametrize("language", sorted(ADULT_FORMS))
def test_a_child_is_spoken_to_familiarly(language: str) -> None:
    texts = _texts(language)
    child = {k: v for k, v in texts.items() if k.endswith(".child")}
    assert len(child) == 5
    formal = {k: v for k, v in child.items() if ADULT_FORMS[language].search(v)}
    assert formal == {}


@pytest.fixture
def officer(workstation: WorkstationFactory) -> Session:
    created = workstation(training=True)
    created.session.add_user(
        "oficer.mor", "Oficer Shembulli", Role.OFFICER, "synthetic-officer-passphrase"
    )
    created.session.logout()
    return created.workstation.unlock("oficer.mor", "synthetic-officer-passphrase")


def _decided(officer: Session, values: dict[str, Any]) -> Interview:
    class Holder:
        session = officer

    return decided_by(Holder(), ProtocolLibrary().current(), values, "potential_victim")  # type: ignore[arg-type]


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_the_child_and_the_adult_hear_it_in_their_own_language(
    officer: Session, language: str
) -> None:
    texts = _texts(language)
    assert script_language(language, "sq") == language
    child = _decided(officer, {**CHILD, "consent_share_anti_trafficking_police": "no"})
    unit = legal_referral_script(child, "child_protection_unit", language)
    assert unit is not None and unit.language == language and unit.for_child
    assert unit.words.startswith(texts[f"{SCRIPT}.purpose.child_protection.child"])
    assert texts[f"{SCRIPT}.name_given.child"] in unit.words and "{" not in unit.words
    police = legal_referral_script(child, "anti_trafficking_police", language)
    assert police is not None and police.for_child and not police.name_given
    assert texts[f"{SCRIPT}.name_not_given.child"] in police.words

    adult = _decided(officer, {**ADULT, "consent_share_anti_trafficking_police": "no"})
    report = legal_referral_script(adult, "anti_trafficking_police", language)
    assert report is not None and not report.for_child and report.language == language
    assert texts[f"{SCRIPT}.recipient.anti_trafficking_police"] in report.words
    assert texts[f"{SCRIPT}.name_not_given"] in report.words
    assert not re.search(r"[A-Za-z]{4,}", report.words) or language in ("fr", "sr"), (
        "no English left in an Arabic or Persian script"
    )
