"""The rule that decides which version the centre holds (``center/versions.py``), as
properties: an honest station is never in conflict, whatever bundles are lost or arrive late;
a version that does not follow is never stored."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_room.center.versions import Held, Problem, Verdict, judge
from interview_room.sync.bundle import MAX_PREVIOUS, BundleRecord

SETTINGS = settings(max_examples=300, derandomize=True, deadline=None)


def _content(version: int, salt: str = "") -> bytes:
    return f'{{"case":"SYN","salt":"{salt}","v":{version}}}'.encode()


def _hash(version: int, salt: str = "") -> str:
    return hashlib.sha256(_content(version, salt)).hexdigest()


class Centre:
    """The centre's side of the rule, kept in dicts: held version, history, conflicts."""

    def __init__(self) -> None:
        self.held: Held | None = None
        self.history: dict[int, str] = {}
        self.conflicts: list[Problem] = []

    def receive(self, record: BundleRecord, sequence: int) -> Verdict:
        judgement = judge(self.held, self.history, record, sequence)
        if judgement.verdict in (Verdict.NEW, Verdict.UPDATE):
            self.held = Held(record.version, record.content_hash, sequence)
            self.history.update(judgement.history)
        elif judgement.verdict is Verdict.CONFLICT:
            assert judgement.problem is not None
            self.conflicts.append(judgement.problem)
        return judgement.verdict


@SETTINGS
@given(
    st.lists(st.booleans(), min_size=1, max_size=40),  # per export: did the content change?
    st.data(),
)
def test_an_honest_station_is_never_in_conflict_whatever_is_lost_or_late(
    changes: list[bool], data: st.DataObject
) -> None:
    # The station: each export with a change makes the next version; its bundle carries the
    # latest version naming every earlier hash (nothing confirmed: no receipt came back).
    version = 0
    bundles: list[tuple[int, BundleRecord]] = []
    for sequence, changed in enumerate(changes, start=1):
        if changed or version == 0:
            version += 1
        previous = tuple(_hash(v) for v in range(version - 1, 0, -1))[:MAX_PREVIOUS]
        bundles.append((sequence, BundleRecord("case", "c", version, _content(version), previous)))
    delivered = data.draw(st.permutations(bundles).flatmap(lambda b: st.just(b[: len(b) // 2 + 1])))
    centre = Centre()
    for sequence, record in delivered:
        centre.receive(record, sequence)
    assert centre.conflicts == []
    assert centre.held is not None
    # The held version is the newest that arrived after every older one it could follow.
    assert centre.held.version <= max(record.version for _, record in delivered)


@SETTINGS
@given(st.integers(1, 50), st.integers(2, 2**53 - 1), st.integers(0, MAX_PREVIOUS))
def test_a_version_that_does_not_follow_is_never_stored(
    held_version: int, jump: int, named: int
) -> None:
    centre = Centre()
    centre.held = Held(held_version, _hash(held_version), 1)
    target = held_version + jump
    if target > 2**53 - 1:
        return
    # Forged: names `named` hashes, none of which is the held version's.
    previous = tuple(_hash(v, "forged") for v in range(target - 1, max(0, target - 1 - named), -1))
    verdict = centre.receive(
        BundleRecord("case", "c", target, _content(target, "forged"), previous), 2
    )
    assert verdict is Verdict.CONFLICT
    assert centre.held == Held(held_version, _hash(held_version), 1)


def test_each_problem_is_named() -> None:
    centre = Centre()
    assert centre.receive(BundleRecord("case", "c", 5, b"x"), 1) is Verdict.CONFLICT
    assert centre.receive(BundleRecord("case", "c", 1, _content(1)), 2) is Verdict.NEW
    assert centre.receive(BundleRecord("case", "c", 1, b"other"), 3) is Verdict.CONFLICT
    assert centre.receive(BundleRecord("case", "c", 2, _content(2)), 4) is Verdict.UPDATE
    assert centre.receive(BundleRecord("case", "c", 1, _content(1)), 5) is Verdict.CONFLICT
    assert centre.receive(BundleRecord("case", "c", 1, _content(1)), 3) is Verdict.STALE
    assert centre.receive(BundleRecord("case", "c", 1, b"older"), 3) is Verdict.CONFLICT
    assert centre.receive(BundleRecord("case", "c", 4, _content(4)), 6) is Verdict.CONFLICT
    assert centre.conflicts == [
        Problem.NO_FIRST_VERSION,
        Problem.OTHER_CONTENT,
        Problem.OLDER_AFTER_NEWER,
        Problem.OLDER_OTHER_CONTENT,
        Problem.DOES_NOT_FOLLOW,
    ]
