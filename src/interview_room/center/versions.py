"""Which version of a record the centre keeps: the rule of docs/BUNDLE_FORMAT.md ("Versions of
a record"), as a pure function.

A version is stored only when it moves by one from the version the centre holds, step by step
along the hashes its station names for the versions in between (``BundleRecord.previous``).
Anything else that is not already held is a **conflict**: kept aside, with its content, for a
person to resolve, never stored over the held version and never silently dropped. So a forged
version 2^53−1 (it cannot name 2^53−2 versions before it) stays aside and the station's next
real version is stored; and a forged next version, once held, makes every later version of the
real station a conflict instead of being overwritten by it or overwriting it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from interview_room.sync.bundle import BundleRecord


class Verdict(Enum):
    NEW = "new"
    """The centre held nothing of this record: stored."""
    UPDATE = "update"
    """Moves by one (or through the named versions) from the held one: stored."""
    UNCHANGED = "unchanged"
    """The version held, with the same content."""
    STALE = "stale"
    """An older version than the one held, from an older bundle: nothing to do."""
    CONFLICT = "conflict"
    """Kept aside for a person; the held version stays."""


class Problem(Enum):
    """Why a version is a conflict; each has its sentence in :func:`describe`."""

    OTHER_CONTENT = "other_content"
    OLDER_OTHER_CONTENT = "older_other_content"
    OLDER_AFTER_NEWER = "older_after_newer"
    DOES_NOT_FOLLOW = "does_not_follow"
    NO_FIRST_VERSION = "no_first_version"


_SENTENCES = {
    Problem.OTHER_CONTENT: "the centre holds this version with other content",
    Problem.OLDER_OTHER_CONTENT: "the centre held this older version with other content",
    Problem.OLDER_AFTER_NEWER: (
        "the station sent an older version after the centre stored a newer one from it"
    ),
    Problem.DOES_NOT_FOLLOW: "it does not follow, one version at a time, from the version held",
    Problem.NO_FIRST_VERSION: "it does not lead back, one version at a time, to version 1",
}


def describe(problem: Problem) -> str:
    """The reason, completing "Version N of record R is kept aside because …"."""
    return _SENTENCES[problem]


@dataclass(frozen=True)
class Held:
    """What the centre holds of a record: the current version and the bundle it came in
    (``None`` for records imported before bundle numbers were kept)."""

    version: int
    content_hash: str
    bundle_sequence: int | None


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    problem: Problem | None = None
    history: tuple[tuple[int, str], ...] = ()
    """(version, hash) pairs the centre learns: the stored version and those it names."""


def judge(
    held: Held | None, history: Mapping[int, str], record: BundleRecord, sequence: int
) -> Judgement:
    """What to do with ``record``, sent in bundle ``sequence`` of the station that owns it,
    given what the centre holds and the hashes it knows for earlier versions (``history``)."""
    version, digest, previous = record.version, record.content_hash, record.previous
    if held is None:
        # Version 1, or a version naming every one before it (the first bundles were lost).
        if version == 1 or len(previous) == version - 1:
            named = tuple((version - 1 - i, h) for i, h in enumerate(previous))
            return Judgement(Verdict.NEW, history=((version, digest), *named))
        return Judgement(Verdict.CONFLICT, Problem.NO_FIRST_VERSION)
    if version == held.version:
        if digest == held.content_hash:
            return Judgement(Verdict.UNCHANGED)
        return Judgement(Verdict.CONFLICT, Problem.OTHER_CONTENT)
    if version < held.version:
        known = history.get(version)
        if known is not None and known != digest:
            return Judgement(Verdict.CONFLICT, Problem.OLDER_OTHER_CONTENT)
        if held.bundle_sequence is not None and sequence > held.bundle_sequence:
            # A station never sends an older version than one it sent before: this one does
            # not have the version the centre holds under its name.
            return Judgement(Verdict.CONFLICT, Problem.OLDER_AFTER_NEWER)
        return Judgement(Verdict.STALE)
    steps = version - held.version
    if not previous:
        # Format 1, or versions made before stations kept hashes: one step only.
        if steps == 1:
            return Judgement(Verdict.UPDATE, history=((version, digest),))
        return Judgement(Verdict.CONFLICT, Problem.DOES_NOT_FOLLOW)
    if len(previous) >= steps and previous[steps - 1] == held.content_hash:
        named = tuple((version - 1 - i, previous[i]) for i in range(steps - 1))
        return Judgement(Verdict.UPDATE, history=((version, digest), *named))
    return Judgement(Verdict.CONFLICT, Problem.DOES_NOT_FOLLOW)
