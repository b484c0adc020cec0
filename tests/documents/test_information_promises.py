"""The information sheet makes no promise the staff cannot keep (practitioner's review,
finding 11; WHO 2003, principle 3): "It is not your fault" in every language, never "You are
not in trouble"; "You can ask for this help", never "You can get this help now"."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interview_room.documents.information_sheet import render_information_sheet
from interview_room.documents.information_texts import (
    available_languages,
    load_information_texts,
)
from tests.external_tools import require_tool

LANGUAGES = ("sq", "en", "fr", "sr", "ar", "fa")
WITHDRAWN = (
    "You are not in trouble",
    "not in trouble",
    "get this help now",
    "Vous n'avez pas d'ennuis",
    "recevoir cette aide dès maintenant",
    "Niste u nevolji",
    "možete dobiti odmah",
    "أنت لست في مشكلة",
    "لن تقع في مشكلة",
    "يمكنك أن تحصل على هذه المساعدة الآن",
    "شما در دردسر نیستید",
    "به دردسر نمی‌افتید",
    "همین حالا این کمک‌ها را بگیرید",
    "mund ta merrni që tani",
)
"""The promises as each language made them before the review."""


def test_every_shipped_language_is_checked() -> None:
    assert set(available_languages()) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_language_promises_what_the_staff_cannot_keep(language: str) -> None:
    sheet = load_information_texts(language)
    for key in ("not_in_trouble.heading", "not_in_trouble.body", "services.intro"):
        assert key not in sheet.fallback_keys, (language, key)  # each says it in its own words
        words = sheet.text(key).text
        for promise in WITHDRAWN:
            assert promise not in words, (language, key, promise)


def test_the_english_says_it_is_not_your_fault_and_help_can_be_asked_for() -> None:
    sheet = load_information_texts("en")
    assert sheet.text("not_in_trouble.heading").text == "It is not your fault"
    assert sheet.text("not_in_trouble.body").text.startswith(
        "What others did to you is not your fault."
    )
    assert sheet.text("services.intro").text.startswith("You can ask for this help.")
    albanian = load_information_texts("sq")
    assert albanian.text("not_in_trouble.heading").text == "Nuk është faji juaj"
    assert albanian.text("services.intro").text.startswith("Këtë ndihmë mund ta kërkoni.")


def test_the_printed_english_sheet_says_so(tmp_path: Path) -> None:
    pdf = tmp_path / "en.pdf"
    pdf.write_bytes(render_information_sheet("en"))
    done = subprocess.run(
        [str(require_tool("pdftotext")), str(pdf), "-"], capture_output=True, text=True, check=True
    )
    printed = " ".join(done.stdout.split())
    assert "It is not your fault" in printed and "You can ask for this help." in printed
    assert "trouble" not in printed and "get this help now" not in printed
