"""When two staff display names read the same (attacker 5, N1).

A user's display name is the common name of their signing certificate and what the form prints
as the signer. An administrator who gives a second user a colleague's name, exactly, in another
script ("Аrta" with a Cyrillic А) or with a dot added, makes that user's signatures read as the
colleague's. ``UserDirectory.add`` therefore refuses a name whose *skeleton* equals the skeleton
of any user's name at the station, disabled users included, and a name that mixes scripts.

The skeleton follows UTS #39 in spirit, for the scripts a border station meets: NFKC, the
Cyrillic and Greek letters that look like Latin ones mapped to those, "rn" read as "m" and a
capital I as an l, casefolded, and only the letters kept (spaces, hyphens, apostrophes and dots
do not tell two names apart on paper). Latin letters that print like a plain one (the IPA
alpha "ɑ", the hooked "ɦ", small capitals "ᴏ"; ``_LATIN_LOOK_ALIKE``, taken from the Latin-to-
Latin lines of UTS #39 ``confusables.txt`` and the letters that read the same at a form's size)
are mapped to it, and marks are dropped except those Albanian spelling writes: "Dritë" and
"Drite", "Çela" and "Cela" are two names, but "Hoxḥa" (a dot below) reads as "Hoxha"
(attacker 8, B5). A mark on another letter is folded too (ü as u): two staff names told apart
only by it are refused, which costs an administrator a middle initial at most.
"""

from __future__ import annotations

import unicodedata

_LOOK_ALIKE = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "l", "Ј": "J", "Ү": "Y",
        "Ԛ": "Q", "Ԝ": "W", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y",
        "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
        "ӏ": "l", "Ӏ": "l", "ү": "y", "ь": "b",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "l", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "α": "a", "ι": "i",
        "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x",
        # Latin look-alikes within Latin
        "ı": "i", "I": "l",
    }
)  # fmt: skip


# Latin letters, after casefolding, that print like a plain Latin letter (UTS #39 confusables,
# Latin to Latin, and letters that differ only by a hook, a bar or a tail at a form's size).
_LATIN_LOOK_ALIKE = str.maketrans(
    {
        "ɑ": "a", "ɐ": "a", "ɒ": "a", "ᴀ": "a", "ʙ": "b", "ɓ": "b", "ƀ": "b", "ᴄ": "c",
        "ƈ": "c", "ɕ": "c", "ᴅ": "d", "ɗ": "d", "ɖ": "d", "đ": "d", "ᴇ": "e", "ɛ": "e",
        "ə": "e", "ǝ": "e", "ꜰ": "f", "ƒ": "f", "ɡ": "g", "ɢ": "g", "ɠ": "g", "ǥ": "g",
        "ʜ": "h", "ɦ": "h", "ɧ": "h", "ħ": "h", "ɪ": "i", "ɩ": "i", "ɨ": "i", "ı": "i",
        "ᴊ": "j", "ȷ": "j", "ʝ": "j", "ɉ": "j", "ᴋ": "k", "ƙ": "k", "ʟ": "l", "ɫ": "l",
        "ɭ": "l", "ƚ": "l", "ł": "l", "ᴍ": "m", "ɱ": "m", "ɴ": "n", "ɲ": "n", "ɳ": "n",
        "ᴏ": "o", "ɵ": "o", "ø": "o", "ᴘ": "p", "ƥ": "p", "ʀ": "r", "ɾ": "r", "ɽ": "r",
        "ɍ": "r", "ꜱ": "s", "ʂ": "s", "ᴛ": "t", "ƭ": "t", "ʈ": "t", "ŧ": "t", "ᴜ": "u",
        "ʉ": "u", "ʋ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ƴ": "y", "ɏ": "y", "ᴢ": "z",
        "ƶ": "z", "ʐ": "z", "ʑ": "z",
    }
)  # fmt: skip

_ALBANIAN_MARKS = {"e": "\u0308", "c": "\u0327"}
"""The only marks Albanian spelling writes: ë and ç (capitals casefolded before)."""


def _without_foreign_marks(text: str) -> str:
    """``text`` with every combining mark dropped but the diaeresis of ë and the cedilla of
    ç: "Hoxḥa" → "Hoxha", "Dritë" stays."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(char) or (kept and _ALBANIAN_MARKS.get(kept[-1]) == char):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def skeleton(name: str) -> str:
    """What ``name`` looks like on paper, for comparison only (never shown or stored)."""
    mapped = unicodedata.normalize("NFKC", name).translate(_LOOK_ALIKE).casefold()
    mapped = _without_foreign_marks(mapped).translate(_LATIN_LOOK_ALIKE)
    letters = "".join(char for char in mapped if char.isalpha())
    return letters.replace("rn", "m")


def _script(char: str) -> str | None:
    """The script of a letter, by the first word of its Unicode name (LATIN, CYRILLIC …)."""
    if not char.isalpha():
        return None
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def mixes_scripts(name: str) -> bool:
    """Whether the letters of ``name`` come from more than one script."""
    scripts = {_script(char) for char in unicodedata.normalize("NFKC", name)}
    scripts.discard(None)
    return len(scripts) > 1


def look_alike(name: str, others: dict[str, str]) -> str | None:
    """The username of a user in ``others`` (username → display name) whose display name reads
    the same as ``name``; None when none does."""
    mine = skeleton(name)
    for username, other in sorted(others.items()):
        if skeleton(other) == mine:
            return username
    return None
