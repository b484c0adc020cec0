"""The person hears and reads their own language, never English in its place (issue 12).

Every text read to the person (``person_text_ids``: the scripts, each section's opening words,
each question put to the person, a presumed child's own words, the service named in the rights)
that English has must be in each language offered to the person, with English's placeholders.
There is no allow-list: a new question for the person needs its words in ar, fa, fr and sr too
(machine drafts, marked for a certified translator, until one reviews them).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from interview_room.interview.rights_script import PeopleInTheRoom, fill_names
from interview_room.resources import resources_root
from interview_room.screening import load_protocol, shipped_protocol_dir
from interview_room.screening.protocol import Audience, Protocol
from interview_room.screening.text_ids import person_text_ids, placeholders

PROTOCOL = load_protocol(shipped_protocol_dir())
PERSON_LANGUAGES = ("ar", "fa", "fr", "sr")
RIGHTS = "section.rights_and_consent.intro"
DRAFT = "machine draft, needs review by a certified translator"


def missing_person_texts(protocol: Protocol, language: str) -> list[str]:
    """Words read to the person that English has and ``language`` lacks (or leaves empty)."""
    texts = protocol.catalogs[language].texts
    return [t for t in person_text_ids(protocol) if not texts.get(t, "").strip()]


def test_every_language_of_the_protocol_is_checked() -> None:
    assert set(PROTOCOL.languages) == {"sq", "en", *PERSON_LANGUAGES}


def test_the_person_facing_texts_include_what_the_last_rounds_added() -> None:
    ids = set(person_text_ids(PROTOCOL))
    for text_id in (
        RIGHTS,
        "script.here_and_now",
        "script.consent_refused",
        "question.consent_child_assent.person",
        "question.doc_held_at_destination.person",
        "question.doc_held_at_destination.person.child",
        "section.safety_and_risk.intro.child",
        "question.child_travelling_with.person",
        "question.consent_share_asylum_migration_authority.person",
        "question.prep_social_worker_service.option.ngo",
    ):
        assert text_id in ids, text_id
    # What the interviewers read or record themselves is not for the person.
    assert "question.obs_apparent_age.person" not in ids
    assert not any(t.endswith((".label", ".guidance")) for t in ids)
    assert "question.prep_social_worker_service.option.not_present" not in ids


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_no_words_for_the_person_fall_back_to_english(language: str) -> None:
    assert missing_person_texts(PROTOCOL, language) == []


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_placeholders_match_english(language: str) -> None:
    english = PROTOCOL.catalogs["en"].texts
    texts = PROTOCOL.catalogs[language].texts
    differ = [
        t for t in person_text_ids(PROTOCOL) if placeholders(texts[t]) != placeholders(english[t])
    ]
    assert differ == []


SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+|[;\u061b]\s*")
"""As the information sheet's test counts them (tests/documents/test_information_languages.py)."""


def _sentences(text: str) -> int:
    return len([part for part in SENTENCE_END.split(text) if part.strip()])


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_every_text_has_as_many_sentences_as_the_english(language: str) -> None:
    """Not more, not less: a sentence added in English (a right, a withdrawn promise) shows up
    as a missing sentence until the language has it too."""
    english = PROTOCOL.catalogs["en"].texts
    texts = PROTOCOL.catalogs[language].texts
    differing = {
        t: (_sentences(english[t]), _sentences(texts[t]))
        for t in person_text_ids(PROTOCOL)
        if _sentences(english[t]) != _sentences(texts[t])
    }
    assert differing == {}


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_each_language_stays_a_machine_draft(language: str) -> None:
    path = shipped_protocol_dir() / "texts" / f"{language}.json"
    assert json.loads(path.read_text(encoding="utf-8"))["status"] == DRAFT


def _pieces(language: str) -> list[str]:
    return PROTOCOL.catalogs[language].texts[RIGHTS].split("\n\n")


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_the_rights_are_read_in_the_same_named_pieces_as_in_english(language: str) -> None:
    english = _pieces("en")
    pieces = _pieces(language)
    assert len(pieces) == len(english) == 7
    asks = [piece.rstrip().endswith(("?", "؟")) for piece in pieces]
    assert asks == [piece.endswith("?") for piece in english], "Explain again after the same"
    assert placeholders(pieces[0]) == {"officer", "social_worker", "service", "interpreter"}


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_the_rights_name_the_people_in_the_room_in_the_persons_language(language: str) -> None:
    service = PROTOCOL.catalogs[language].texts[
        "question.prep_social_worker_service.option.state_social_service"
    ]
    everyone = PeopleInTheRoom("Arben Shembulli", "Ana Shembulli", service, "Besa Shembulli")
    first = fill_names(PROTOCOL.catalogs[language].texts[RIGHTS], everyone).split("\n\n")[0]
    for name in ("Arben Shembulli", "Ana Shembulli", service, "Besa Shembulli"):
        assert name in first
    # Only the officer: the sentences about the social worker and the interpreter go whole.
    alone = fill_names(PROTOCOL.catalogs[language].texts[RIGHTS], PeopleInTheRoom("Arben"))
    first_alone = alone.split("\n\n")[0]
    assert "Arben" in first_alone and "{" not in alone
    assert len(re.findall(r"[.!?؟](?:\s|$)", first_alone)) == 2


# A presumed child is spoken to as "ti" in Albanian: "tu" in French, "ti" in Serbian, "تو" in
# Persian (Arabic has no such form: short, plain sentences).
ADULT_FORMS = {
    "fr": re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE),
    "sr": re.compile(r"\b(Vi|Vam|Vas|Vaš\w*|ste|biste|ćete)\b"),
    # شما, or a verb in the second person plural (…ید; not the third person singular …آید).
    "fa": re.compile(r"شما|\S+(?<!آ)ید(?=[\s؟،.:]|$)"),
}


def _child_text_ids(protocol: Protocol) -> list[str]:
    ids: list[str] = []
    for section in protocol.sections:
        child_section = section.audience is Audience.CHILD_ONLY
        if section.intro_child is not None:
            ids.append(section.intro_child)
        elif child_section and section.intro is not None:
            ids.append(section.intro)
        for question in section.questions:
            if question.person_wording_child is not None:
                ids.append(question.person_wording_child)
            elif question.person_wording is not None and (
                child_section or question.audience is Audience.CHILD_ONLY
            ):
                ids.append(question.person_wording)
    return ids


@pytest.mark.parametrize("language", sorted(ADULT_FORMS))
def test_a_child_is_spoken_to_as_a_child(language: str) -> None:
    ids = _child_text_ids(PROTOCOL)
    assert "question.consent_child_assent.person" in ids
    assert "section.child_and_companion.intro" in ids
    assert len(ids) >= 40
    texts = PROTOCOL.catalogs[language].texts
    formal = [t for t in ids if ADULT_FORMS[language].search(texts[t])]
    assert formal == []


def test_a_missing_person_text_is_found(tmp_path: Path) -> None:
    """The check itself: a French catalog losing one question's words is caught, while the
    loader still accepts it (a partial language falls back to English)."""
    folder = tmp_path / "protocol"
    shutil.copytree(shipped_protocol_dir(), folder)
    path = folder / "texts" / "fr.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["texts"]["question.safety_own_words.person.child"]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    protocol = load_protocol(folder)
    assert missing_person_texts(protocol, "fr") == ["question.safety_own_words.person.child"]
    assert missing_person_texts(protocol, "sr") == []


# Issue 12: the words read before a referral the law requires without consent
# (``resources/referral/<lang>.json``, ``script.legal_referral…``) are read to the person too.
REFERRAL_WORDS = resources_root() / "referral"


def missing_referral_script(language: str) -> list[str]:
    """The legal-referral words English has that ``language`` lacks, leaves empty, or gives
    other placeholders or another number of sentences (``scripts/person_texts.py`` too)."""
    english = json.loads((REFERRAL_WORDS / "en.json").read_text("utf-8"))["texts"]
    texts = json.loads((REFERRAL_WORDS / f"{language}.json").read_text("utf-8"))["texts"]
    wanted = [k for k in english if k.startswith("script.legal_referral")]
    return [
        k
        for k in wanted
        if not texts.get(k, "").strip()
        or placeholders(texts[k]) != placeholders(english[k])
        or _sentences(texts[k]) != _sentences(english[k])
    ]


@pytest.mark.parametrize("language", PERSON_LANGUAGES)
def test_the_legal_referral_words_are_in_every_persons_language(language: str) -> None:
    assert missing_referral_script(language) == []
    texts = json.loads((REFERRAL_WORDS / f"{language}.json").read_text("utf-8"))["texts"]
    for recipient in ("child_protection_unit", "anti_trafficking_police"):
        assert texts.get(f"script.legal_referral.recipient.{recipient}", "").strip()
