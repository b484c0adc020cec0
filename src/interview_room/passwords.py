"""How guessable a new password is: zxcvbn's estimate, told the station's own words.

zxcvbn (Dropbox's estimator, the pure-Python port) finds repeats, runs, keyboard rows, dates,
common passwords and words, and the words it is given, and estimates how many guesses an
attacker who tries the likeliest first would need. It knows English, not Albanian, nor the
names everyone at a border station would try first; those are passed as its ``user_inputs``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from enum import StrEnum

MIN_SCORE = 3
"""zxcvbn's 0–4 scale; 3 is "safely unguessable" (≥ 10^8 guesses) for a throttled sign-in and
a hard offline attack on a slow hash such as our Argon2id slots."""
MAX_CHECKED_CHARACTERS = 72
"""zxcvbn refuses longer input (its cost grows fast with length); a longer passphrase is rated
by its first 72 characters, which is already far more than an attacker can search."""

MIN_OTHER_LETTERS = 4
"""Letters a password needs besides the station's and the user's own words."""

STATION_WORDS = (
    "interview room",
    "interview",
    "room",
    "interview-room",
    "dhoma e intervistës",
    "intervista",
    "fjalëkalim",
    "fjalëkalimi",
    "kufi",
    "kufiri",
    "kufitare",
    "policia",
    "policia kufitare",
    "policia e shtetit",
    "polici",
    "oficer",
    "punonjës social",
    "punonjës",
    "stacion",
    "stacioni",
    "trajnim",
    "trajnimi",
    "morinë",
    "han i hotit",
    "hotit",
    "kukës",
    "shkodër",
    "shqipëri",
    "shqipëria",
    "albania",
    "tiranë",
    "kosova",
    "mali i zi",
    "trafikim",
    "viktimë",
    "referim",
    "admin",
    "administrator",
)
"""Words anyone who has been inside the station would try first: the app, the border, the
crossings, the roles, and "password" in Albanian."""

_WORD_SPLIT = re.compile(r"[^\w]+|_")
_evaluating = threading.Lock()
"""zxcvbn keeps the ``user_inputs`` of a call in a module-level dictionary: one at a time."""


class Guessability(StrEnum):
    """Why a password is too easy to guess (what zxcvbn found that carries the estimate)."""

    OWN_WORDS = "own_words"
    """The station's or the user's name, or a word from ``STATION_WORDS``."""
    REPEAT = "repeat"
    """A character or a group repeated: ``aaaaaaaaaa``, ten spaces, ``abcabcabc``."""
    SEQUENCE = "sequence"
    """A run or a keyboard row: ``1234567890``, ``abcdef``, ``qwertyuiop``."""
    COMMON = "common"
    """A common password, word, name or date."""
    SIMPLE = "simple"
    """Nothing in particular, just too few guesses."""


def own_words(*texts: str) -> tuple[str, ...]:
    """The station's and the user's own words for :func:`guessability`: each text as typed,
    without spaces and punctuation, its words, and each of those without Albanian diacritics
    (``Han i Hotit`` gives ``han i hotit``, ``hanihotit``, ``han``, ``hotit`` …)."""
    words: list[str] = []
    for text in texts:
        lowered = text.strip().casefold()
        if not lowered:
            continue
        parts = [p for p in _WORD_SPLIT.split(lowered) if len(p) >= 3]
        for word in (lowered, "".join(_WORD_SPLIT.split(lowered)), *parts):
            for variant in (word, _plain(word)):
                if variant and variant not in words:
                    words.append(variant)
    return tuple(words)


def guessability(password: str, own: Iterable[str] = ()) -> Guessability | None:
    """None when ``password`` scores at least :data:`MIN_SCORE` with zxcvbn, told the
    station's words and ``own`` (see :func:`own_words`); else what makes it guessable."""
    # Imported at first use: its word lists cost ~0.1 s, which the login screen must not pay.
    from zxcvbn import zxcvbn

    inputs = [*own, *own_words(*STATION_WORDS)]
    if _only_known_words(password, inputs):
        return Guessability.OWN_WORDS
    with _evaluating:
        result = zxcvbn(password[:MAX_CHECKED_CHARACTERS], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    matches = result["sequence"]
    if any(m.get("dictionary_name") == "user_inputs" for m in matches):
        return Guessability.OWN_WORDS
    if not matches:
        return Guessability.SIMPLE
    longest = max(matches, key=lambda m: m["j"] - m["i"])
    pattern = longest["pattern"]
    if pattern == "repeat":
        return Guessability.REPEAT
    if pattern in ("sequence", "spatial"):
        return Guessability.SEQUENCE
    if pattern in ("dictionary", "date", "regex"):
        return Guessability.COMMON
    return Guessability.SIMPLE


def _only_known_words(password: str, words: Iterable[str]) -> bool:
    """True when ``password`` is the station's or the user's words with little else: digits,
    punctuation and fewer than :data:`MIN_OTHER_LETTERS` other letters (``Kufi-Morinë-2025``,
    ``fjalekalim-i-ri``). zxcvbn prices each piece apart and rates such joins highly, but a
    guesser who knows the station tries exactly these first."""
    rest = _plain(password.casefold())
    found = False
    for word in sorted({_plain(w) for w in words if len(w) >= 3}, key=len, reverse=True):
        if word in rest:
            found = True
            rest = rest.replace(word, " ")
    return found and sum(ch.isalpha() for ch in rest) < MIN_OTHER_LETTERS


def _plain(text: str) -> str:
    """``text`` without diacritics (ë → e, ç → c)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
