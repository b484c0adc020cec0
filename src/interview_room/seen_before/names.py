"""Names written different ways reduced to one comparable form (issue 16, "seen before").

The same person's name reaches two border points spelt differently: ë or e, ç or c, Cyrillic or
Latin letters, Arabic and Persian names romanised by different officers (Mohammed, Muhammad,
Mohamed), given name and surname swapped, hyphens, typing slips. Two levels of reduction:

- ``spelling_key``: transliteration and fixed rules only (letters folded, digraphs unified,
  double letters collapsed, y/j → i, and a table of known romanisations). Two different names
  rarely reduce to the same key, so a match on it is treated as strong evidence.
- ``sound_key``: the spelling key with vowels after the first letter dropped and a few
  consonants merged. It forgives a slipped vowel or an unknown romanisation, and so also joins
  different names (Amir and Amar): a match on it is never more than "likely".

Pure functions of text; nothing here is stored or logged.
"""

from __future__ import annotations

import re
import unicodedata

# Serbian, Macedonian and Russian Cyrillic → Latin, one fixed table (what a Serbian passport's
# Latin line would show, with the digraphs written out so the Latin rules below treat both alike).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "ѓ": "gj", "е": "e",
    "ё": "e", "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "й": "i", "ј": "j", "к": "k",
    "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "c", "ќ": "kj", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "ch", "џ": "dz", "ш": "sh", "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "і": "i", "ї": "i", "є": "e",
}  # fmt: skip

# Latin letters that NFKD does not take apart, or that stand for a digraph elsewhere.
LATIN = {
    "š": "sh", "ž": "zh", "č": "ch", "ć": "c", "đ": "dj", "ç": "c", "ß": "ss", "æ": "ae",
    "ø": "o", "œ": "oe", "ł": "l", "ı": "i", "ħ": "h", "ʿ": "", "ʾ": "", "'": "", "’": "",
    "`": "", "ʻ": "",
}  # fmt: skip

# Applied in order to each word after folding to a-z: the same sound written different ways.
_SPELLING_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "h"),  # Khaled / Haled, Khan / Han
    ("gh", "g"),  # Ghulam / Gulam
    ("ph", "f"),
    ("dj", "j"),  # Đorđe / Djordje / Jorje
    ("dzh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("tsh", "ch"),
    # Keyboards without ç, č, š, ž: Çela and Cela, Šarić and Saric are written by the same
    # officers for the same person, so the digraphs fold onto the plain letter.
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "z"),
    ("ou", "u"),  # Youssef / Yusuf
    ("oo", "u"),
    ("ee", "i"),
    ("w", "v"),
    ("q", "k"),
    ("ck", "k"),
    ("x", "ks"),
    ("y", "i"),  # Yusuf / Jusuf / Iusuf
    ("j", "i"),
)

# Known romanisations of Arabic, Persian and Pashto names, written as the rules above leave them
# (so "Mohammed" arrives here as "mohamed"): variant → one chosen form.
ROMANISATIONS = {
    **dict.fromkeys(
        ("mohamed", "muhamed", "mohamad", "muhamad", "mahamed", "mohd", "mehmed", "mohammad",
         "mouhamed", "muhamet", "mehmet"),
        "muhamad",
    ),
    **dict.fromkeys(("husein", "husain", "hussain", "husaen", "hosein", "hossein", "hosain",
                     "hussien", "husien", "husaiin", "husaiyn", "husayn", "husaiyin"), "husein"),
    **dict.fromkeys(("hasan", "hassan", "hasen", "hasn"), "hasan"),
    **dict.fromkeys(("iusuf", "iusef", "iusof", "iosef", "iusif", "iosif", "iusuff"), "iusuf"),
    **dict.fromkeys(("ahmed", "ahmad", "ahmet", "ahamed", "ahmat"), "ahmad"),
    **dict.fromkeys(("mahmud", "mahmood", "mahmut", "mahmod"), "mahmud"),
    **dict.fromkeys(("mustafa", "mostafa", "mustapha", "moustafa", "mustafe"), "mustafa"),
    **dict.fromkeys(("omar", "umar", "omer", "umer"), "umar"),
    **dict.fromkeys(("osman", "usman", "othman", "uthman", "otman", "utman"), "usman"),
    **dict.fromkeys(("ibrahim", "ebrahim", "ibraim", "ibrahem"), "ibrahim"),
    **dict.fromkeys(("ismail", "esmail", "ismael", "ismaiil", "ismaeel"), "ismail"),
    **dict.fromkeys(("abdalah", "abdulah", "abdallah", "abdullah", "abdelah"), "abdalah"),
    **dict.fromkeys(("ali", "aly", "alii"), "ali"),
    **dict.fromkeys(("fatima", "fatime", "fatma", "fatimah", "fatema"), "fatima"),
    **dict.fromkeys(("aisa", "aise", "aica", "aesa", "aiesa", "aisah"), "aisa"),
    **dict.fromkeys(("halid", "haled", "halit"), "halid"),
    **dict.fromkeys(("iakub", "iakup", "iacub", "iakob", "iaqub"), "iakub"),
    **dict.fromkeys(("rahman", "rehman", "rahmon"), "rahman"),
    **dict.fromkeys(("reza", "riza", "rida", "redha", "ridha"), "reza"),
    **dict.fromkeys(("mohsen", "muhsin", "mohsin", "muhsen"), "muhsin"),
    **dict.fromkeys(("nur", "noor", "nour"), "nur"),
}  # fmt: skip

# Attached prefixes written as separate words, hyphenated or joined: "Abd al-Rahman",
# "Abdul Rahman", "Abdelrahman" all become "abdalrahman". Articles standing alone are dropped.
_ABD = re.compile(r"\babd(?:\s*(?:al|el|ul|ol|ur|ar|er|as|an|ad|az|ash))?\s+(?=[a-z])")
_ABD_JOINED = re.compile(r"\babd(?:al|el|ul|ol|ur|ar|er|as|an|ad|az|ash)(?=[a-z]{3})")
_ARTICLES = frozenset({"al", "el", "ul", "ol", "ad", "ed", "as", "es", "ash", "ar", "an", "az"})
_LINKS = frozenset({"bin", "ben", "ibn", "bint", "binti", "ould", "oglu", "ogli", "veled"})
# What the letter-by-letter folding does to ASCII text, in one pass: only the apostrophes in
# LATIN change (an ASCII letter has no marks to drop and no Cyrillic to transliterate).
_ASCII_FOLDS = str.maketrans({k: v for k, v in LATIN.items() if k.isascii()})
_NOT_A_TO_Z = re.compile(r"[^a-z]+")
_DOUBLES = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aiu])h$")
_VOWELS_AND_H = re.compile(r"[aeiouh]")


def fold_letters(text: str) -> str:
    """Lower-case a-z and spaces only: Cyrillic transliterated, diacritics and marks dropped,
    hyphens, dots and apostrophes turned into word breaks."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    if lowered.isascii():  # most names: the same result without a step per letter
        ascii_only = _NOT_A_TO_Z.sub(" ", lowered.translate(_ASCII_FOLDS))
        return " ".join(ascii_only.split())
    out: list[str] = []
    for char in lowered:
        if char in CYRILLIC:
            out.append(CYRILLIC[char])
        elif char in LATIN:
            out.append(LATIN[char])
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    ascii_only = _NOT_A_TO_Z.sub(" ", "".join(out))
    return " ".join(ascii_only.split())


def _collapse_doubles(word: str) -> str:
    return _DOUBLES.sub(_one_letter, word)  # a function: a template costs more per call


def _one_letter(run: re.Match[str]) -> str:
    return run.group(1)


def _fold_vowels(word: str) -> str:
    # Arabic has three vowels and Persian and Pashto six, which officers write with any of
    # a, e, i, o, u, ai, ei: Nasir / Naser, Mansur / Mansor, Zainab / Zeinab, Husseini /
    # Hosseini. Inside a word e is folded onto i, o onto u and ai onto i; the first letter
    # stays, so Umar and Omar meet through the table, not here.
    head, tail = word[:1], word[1:]
    tail = tail.replace("e", "i").replace("o", "u").replace("ai", "i")
    tail = _FINAL_H.sub("", tail)  # Fatemeh / Fateme, Rahmatullah / Rahmatulla
    return _collapse_doubles(head + tail)


def spelling_word(word: str) -> str:
    """One folded word reduced by the fixed rules, the romanisation table and vowel folding."""
    word = _collapse_doubles(word)
    for written, said in _SPELLING_RULES:
        word = word.replace(written, said)
    word = _collapse_doubles(word)
    return _fold_vowels(ROMANISATIONS.get(word, word))


def _joined_prefixes(folded: str) -> str:
    if "abd" not in folded:  # both patterns begin with it
        return folded
    folded = _ABD.sub("abdal", folded)
    return _ABD_JOINED.sub("abdal", folded)


def spelling_words(part: str) -> tuple[str, ...]:
    """The words of one part of a name (given names or surname), each reduced; articles and
    "son of" links left out, since officers write them or not."""
    words = _joined_prefixes(fold_letters(part)).split()
    kept = [w for w in words if w not in _ARTICLES and w not in _LINKS]
    reduced = (spelling_word(w) for w in (kept or words))
    return tuple(w for w in reduced if w)


_SOUND_RULES: tuple[tuple[str, str], ...] = (
    ("th", "t"),
    ("dh", "d"),
    ("z", "s"),
    ("c", "s"),  # Albanian and Serbian c (ts) and ch/ç/č all near s
    ("k", "g"),
    ("p", "b"),
    ("v", "b"),
    ("f", "b"),
    ("d", "t"),
)


def sound_word(word: str) -> str:
    """A spelling-reduced word as a consonant skeleton: first letter kept, later vowels and h
    dropped, near consonants merged. Deliberately coarse."""
    if not word:
        return word
    skeleton = word
    for written, said in _SOUND_RULES:
        skeleton = skeleton.replace(written, said)
    head, tail = skeleton[0], skeleton[1:]
    if head in "aeiou":
        head = "a"  # Omar / Umar / Amar begin alike
    tail = _VOWELS_AND_H.sub("", tail)
    return _collapse_doubles(head + tail)


def _joined_runs(words: tuple[str, ...]) -> set[str]:
    """Every run of consecutive words joined ("ahmad sah karimi" → "ahmadsah", "sahkarimi" …):
    tokens join each part's words, so "Ahmad Shah" and "Ahmadshah" are one part."""
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def name_agrees(person_name: str, given_names: str, surname: str) -> bool:
    """Whether the given names and the surname, reduced as the tokens reduce them, are each
    words of ``person_name`` (the case's own name), in any order: the seen-before details
    then name the case's person, not someone else (attacker 8, B1). Used by the station before
    it records details and by the centre before it indexes a record."""
    return parts_agree(person_name, reduced_part(given_names), reduced_part(surname))


def reduced_part(part: str) -> str:
    """One part of a name (the given names, or the surname) as tokens compare it: its words
    reduced by spelling and joined ("Ahmad Shah" and "Ahmadshah" alike)."""
    return "".join(spelling_words(part))


def parts_agree(person_name: str, given: str, family: str) -> bool:
    """``name_agrees`` for parts already reduced by :func:`reduced_part` (so a caller that
    also makes tokens reduces each name once: ``tokens.tokens_naming``)."""
    runs = _joined_runs(spelling_words(person_name))
    return bool(given and family) and given in runs and family in runs
