"""Matching a person's tokens against the centre's index of earlier interviews.

The index holds, per token, the earlier interviews it was made for: case code, station, date,
outcome and the recipients referred to, and nothing else (what the centre distributes, and only
for cases whose storage consent was given). A match is that summary and a strength; no name,
no token and nothing the person said is in it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from interview_room.seen_before.tokens import PersonToken, TokenKind

CASE_CODE = re.compile(r"([A-Z0-9][A-Z0-9-]{0,15})-[0-9]{4}-[0-9]{4,9}")
"""A station's case code: its station code, the year, a number (``record_consent._CASE_CODE``)."""


def case_station(case_code: str) -> str | None:
    """The station code a case code carries, as parsed (codes hold "-": "HAN-2-2026-0007" is
    HAN-2's, never HAN's; attacker 8, B4); None when it is not a case code."""
    shape = CASE_CODE.fullmatch(case_code)
    return None if shape is None else shape.group(1)


class MatchStrength(IntEnum):
    """How sure a match is; higher is surer. Shown to the interviewers with the match."""

    POSSIBLE = 1
    """Only one part of the name (by sound), the other part's initial, year and nationality;
    or the whole name by sound with the year one off."""
    LIKELY = 2
    """The whole name by sound, or both parts with the other's initial, with year and
    nationality; or the whole name by spelling with the year one off: the same person spelt
    differently, or a different person with a near name."""
    STRONG = 3
    """The whole name after spelling rules, year (or date) and nationality."""


@dataclass(frozen=True)
class EarlierInterview:
    """The summary of an earlier interview that the centre distributes with its tokens."""

    case_code: str
    station: str
    interviewed_on: date
    outcome: str
    """The people's decision id (``Outcome.decision``), e.g. "potential_victim"."""
    recipients: tuple[str, ...]
    """Ids of the referral recipients the person was referred to."""


@dataclass(frozen=True)
class SeenBeforeMatch:
    earlier: EarlierInterview
    strength: MatchStrength
    agreed_on: frozenset[TokenKind]
    """Which kinds of token agreed (for the benchmark and for explaining the strength)."""


def _strength(
    kinds: frozenset[TokenKind], part_hits: int, shifted: frozenset[TokenKind]
) -> MatchStrength:
    if TokenKind.NAME_DATE in kinds or TokenKind.NAME_YEAR in kinds:
        return MatchStrength.STRONG
    if TokenKind.SOUND_YEAR in kinds or part_hits >= 2 or TokenKind.NAME_YEAR in shifted:
        return MatchStrength.LIKELY
    return MatchStrength.POSSIBLE


class SeenBeforeIndex:
    """Token → earlier interviews, for one key version. Lookups are dictionary reads."""

    def __init__(self, key_version: int) -> None:
        self.key_version = key_version
        self._by_token: dict[bytes, list[EarlierInterview]] = defaultdict(list)

    def add(self, token: bytes, earlier: EarlierInterview) -> None:
        held = self._by_token[token]
        if earlier not in held:  # the same entry sent twice counts once
            held.append(earlier)

    @classmethod
    def from_entries(
        cls, key_version: int, entries: Iterable[tuple[bytes, EarlierInterview]]
    ) -> SeenBeforeIndex:
        index = cls(key_version)
        for token, earlier in entries:
            index.add(token, earlier)
        return index

    def __len__(self) -> int:
        """Distinct tokens held."""
        return len(self._by_token)

    def entry_count(self) -> int:
        """(token, earlier interview) pairs held."""
        return sum(len(earlier) for earlier in self._by_token.values())

    def matches(
        self, tokens: Iterable[PersonToken], at_least: MatchStrength = MatchStrength.POSSIBLE
    ) -> tuple[SeenBeforeMatch, ...]:
        """Earlier interviews the person's tokens meet, surest first, then newest first. Tokens
        under another key version are ignored (they can never meet this index's)."""
        kinds: Mapping[EarlierInterview, set[TokenKind]] = defaultdict(set)
        shifted: Mapping[EarlierInterview, set[TokenKind]] = defaultdict(set)
        parts: Mapping[EarlierInterview, set[bytes]] = defaultdict(set)
        for token in tokens:
            if token.key_version != self.key_version:
                continue
            for earlier in self._by_token.get(token.value, ()):
                (shifted if token.year_shift else kinds)[earlier].add(token.kind)
                if token.kind is TokenKind.SURNAME_GIVEN_INITIAL:
                    parts[earlier].add(token.value)
        found = [
            SeenBeforeMatch(
                earlier,
                _strength(
                    frozenset(kinds[earlier]), len(parts[earlier]), frozenset(shifted[earlier])
                ),
                frozenset(kinds[earlier] | shifted[earlier]),
            )
            for earlier in {*kinds, *shifted}
        ]
        kept = [m for m in found if m.strength >= at_least]
        kept.sort(
            key=lambda m: (-m.strength, -m.earlier.interviewed_on.toordinal(), m.earlier.case_code)
        )
        return tuple(kept)
