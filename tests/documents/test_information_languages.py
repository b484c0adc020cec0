"""Every language of the information sheet says what the Albanian and English say, sentence
for sentence (third practitioner's review, finding 11): a sentence added to `sq` and `en` only
(the right to seek asylum, "we will ask for a guardian") leaves a person reading Arabic or
Persian with a sheet that still promises what was withdrawn."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from interview_room.documents.information_sheet import render_information_sheet
from interview_room.documents.information_texts import load_information_texts
from tests.external_tools import require_tool

TRANSLATIONS = ("sq", "fr", "sr", "ar", "fa")
SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+|[;\u061b]\s*")
"""A full stop, question mark (Latin or Arabic) or semicolon (Latin or Arabic) ends a sentence."""

LONGER_IN_ALBANIAN = frozenset({"not_in_trouble.body"})
"""The Albanian was written first and says "it is not your fault" twice, in two words."""


def sentences(text: str) -> int:
    return len([part for part in SENTENCE_END.split(text) if part.strip()])


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_language_has_every_key_in_its_own_words(language: str) -> None:
    sheet = load_information_texts(language)
    english = load_information_texts("en")
    borrowed = set(sheet.fallback_keys)
    if language == "sq":
        # The Albanian sheet prints the services' own Albanian names: no labels needed.
        borrowed -= {key for key in borrowed if key.startswith("directory.")}
    assert borrowed == set(), (language, sorted(borrowed))
    assert set(sheet.texts) == set(english.texts)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_language_has_every_sentence_of_the_english(language: str) -> None:
    sheet = load_information_texts(language)
    english = load_information_texts("en")
    differing = {
        key: (sentences(english.texts[key].text), sentences(sheet.texts[key].text))
        for key in english.texts
        if key not in sheet.fallback_keys
        and not (language == "sq" and key in LONGER_IN_ALBANIAN)
        and sentences(english.texts[key].text) != sentences(sheet.texts[key].text)
    }
    assert differing == {}, language


def test_the_sheet_says_what_the_law_shares_without_consent() -> None:
    english = load_information_texts("en")
    confidentiality = english.text("confidentiality.body").text
    assert "only with your consent" not in confidentiality
    assert "people who help you" not in confidentiality
    # Minimisation, as the rights script says it (fourth review, finding 10).
    assert "We share it with your consent, and only as much as is needed." in confidentiality
    assert "The law requires us to inform the Child Protection Unit about a child" in (
        confidentiality
    )
    assert "the police when a crime may have been committed against you" in confidentiality
    assert confidentiality.endswith("we tell you before we do.")
    # Seen before (review 6, finding 11c), on the sheet the person keeps too (review 7, 13).
    assert "the officers there can see that we spoke" in confidentiality
    # Told, not offered: asking for it in front of the adult is the risk (review 4, finding
    # 10); and no contradiction about a parent who may stay (review 7, finding 13).
    children = english.text("children.body").text
    assert children.endswith(
        "We speak with you with the Child Protection Unit, without the adult travelling with "
        "you. If you want your parent with you, tell us."
    )
    assert "will wait outside" not in children
    assert "You can ask to speak without" not in children
    albanian = load_information_texts("sq")
    confidentiality = albanian.text("confidentiality.body").text
    assert "vetëm me pëlqimin tuaj" not in confidentiality
    assert "Ligji na detyron të njoftojmë Njësinë për Mbrojtjen e Fëmijës" in confidentiality
    assert "E ndajmë me pëlqimin tuaj, vetëm aq sa nevojitet." in confidentiality
    assert albanian.text("children.body").text.endswith(
        "Flasim me ju me Njësinë, pa të rriturin shoqërues. Nëse doni prindin me ju, na e thoni."
    )


@pytest.mark.parametrize(
    ("language", "withdrawn"),
    [
        ("fr", "seulement avec votre accord"),
        ("sr", "samo uz Vaš pristanak"),
        ("ar", "سري"),
        ("fa", "محرمانه"),
    ],
)
def test_no_translation_still_promises_consent_only_or_secrecy(
    language: str, withdrawn: str
) -> None:
    assert withdrawn not in load_information_texts(language).text("confidentiality.body").text


@pytest.mark.parametrize(
    ("language", "printed"),
    [
        ("en", "we tell you before we do"),
        ("sq", "jua themi përpara se ta bëjmë"),
        ("fr", "demander l'asile"),
        ("sr", "zatražite azil"),
    ],
)
def test_the_printed_sheet_carries_the_new_words(
    tmp_path: Path, language: str, printed: str
) -> None:
    pdf = tmp_path / f"{language}.pdf"
    pdf.write_bytes(render_information_sheet(language))
    done = subprocess.run(
        [str(require_tool("pdftotext")), str(pdf), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert printed in " ".join(done.stdout.replace("\u00a0", " ").split())
