"""The Albanian catalog says what the English says: every translation keeps the source's
placeholders (%1, %n), markup, ellipses and shortcut names, fills every plural form, and uses the
interface's own words for the app's main things (zyra qendrore, çelësi i rikuperimit …).

``test_i18n.py`` checks that the catalog is complete and compiled; these check its content, so a
translation that drops "%1" (the number then never shows) or calls the central office something
else on one screen fails here, not in front of an officer."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "translations" / "interview_room_sq.ts"

PLACEHOLDER = re.compile(r"%(?:n|L?\d)")
MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|&[a-z]+;")
KEPT_AS_IS = ("…", "→", "←", "✓", "\n", "Ctrl", "Alt", "Tab", "Enter", "Esc")
"""Marks and key names a translation keeps as many times as its source has them."""
PLURAL_FORMS = 2
"""Albanian has two: one, other."""

GLOSSARY = {
    r"\bcentral office\b": r"\bzyr\w* qendror",
    r"\brecovery key\b": r"\bçelës\w*(?: \w+){0,3} rikuperimit\b",
    r"\bChild Protection Unit\b": r"\bNjësi\w* për Mbrojtjen e Fëmijës\b",
    r"\bNational Referral Mechanism\b": r"\bMekanizm\w* Kombëtar\w* (?:i|të) Referimit\b",
    r"\baudit log\b": r"\bregjistr\w*(?: \w+){0,3} auditimit\b",
    r"\b(?:station's|the) store\b": r"\bdepo\w*",
}
"""English term in a source → the words its translation must use (as DOMAIN.md and the
existing catalog say them)."""


def _messages() -> list[tuple[str, str, list[str], bool]]:
    """(context, source, translated forms, is plural) for every message in the catalog."""
    found = []
    for context in ET.parse(CATALOG).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            plural = message.get("numerus") == "yes"
            forms = (
                [form.text or "" for form in translation.findall("numerusform")]
                if plural
                else [translation.text or ""]
            )
            found.append((name, message.findtext("source") or "", forms, plural))
    return found


MESSAGES = _messages()


def _where(context: str, source: str) -> str:
    return f"{context}: {source[:70]!r}"


def test_the_catalog_has_messages() -> None:
    assert len(MESSAGES) > 500


def test_every_translation_keeps_placeholders_markup_and_marks() -> None:
    wrong = []
    for context, source, forms, _plural in MESSAGES:
        for form in forms:
            if Counter(PLACEHOLDER.findall(form)) != Counter(PLACEHOLDER.findall(source)):
                wrong.append(f"{_where(context, source)} placeholders in {form[:70]!r}")
            if Counter(MARKUP.findall(form)) != Counter(MARKUP.findall(source)):
                wrong.append(f"{_where(context, source)} markup in {form[:70]!r}")
            for mark in KEPT_AS_IS:
                if form.count(mark) != source.count(mark):
                    wrong.append(f"{_where(context, source)} {mark!r} in {form[:70]!r}")
    assert wrong == []


def test_every_plural_has_both_albanian_forms_filled() -> None:
    wrong = [
        _where(context, source)
        for context, source, forms, plural in MESSAGES
        if plural and (len(forms) != PLURAL_FORMS or not all(f.strip() for f in forms))
    ]
    assert wrong == []


def test_no_translation_is_left_in_english() -> None:
    """A translation equal to a whole English sentence was copied, not translated (single words
    such as "PDF", "USB" or a code may stay)."""
    copied = [
        _where(context, source)
        for context, source, forms, _plural in MESSAGES
        for form in forms
        if form == source and len(re.findall(r"[A-Za-z]{2,}", source)) > 2
    ]
    assert copied == []


@pytest.mark.parametrize("english", sorted(GLOSSARY))
def test_the_main_things_have_one_name(english: str) -> None:
    albanian = re.compile(GLOSSARY[english], re.IGNORECASE)
    sources = [m for m in MESSAGES if re.search(english, m[1])]
    assert sources or english.startswith(r"\bNational"), f"no source says {english}"
    wrong = [
        f"{_where(context, source)} → {form[:90]!r}"
        for context, source, forms, _plural in sources
        for form in forms
        if not albanian.search(form)
    ]
    assert wrong == []
