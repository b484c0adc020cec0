"""Seen before: whether a person was interviewed earlier at any border point (issue 16).

A station turns the person's name, birth and nationality into keyed tokens (``tokens``), after
reducing the name so transliterations and slips still meet (``names``), and looks them up in
the index of earlier interviews the centre distributes (``matcher``). Nothing about the person
leaves this package but tokens. No Qt here.
"""

from interview_room.seen_before.errors import (
    BirthYearImplausible,
    NameNotComparable,
    SeenBeforeError,
    SeenBeforeKeyInvalid,
)
from interview_room.seen_before.matcher import (
    EarlierInterview,
    MatchStrength,
    SeenBeforeIndex,
    SeenBeforeMatch,
)
from interview_room.seen_before.tokens import (
    PersonDetails,
    PersonToken,
    SeenBeforeKey,
    TokenKind,
    lookup_tokens,
    person_tokens,
)

__all__ = [
    "BirthYearImplausible",
    "EarlierInterview",
    "MatchStrength",
    "NameNotComparable",
    "PersonDetails",
    "PersonToken",
    "SeenBeforeError",
    "SeenBeforeIndex",
    "SeenBeforeKey",
    "SeenBeforeKeyInvalid",
    "SeenBeforeMatch",
    "TokenKind",
    "lookup_tokens",
    "person_tokens",
]
