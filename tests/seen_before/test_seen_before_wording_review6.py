"""Sixth practitioner's review, finding 11: how an earlier interview is said. "Interviewed on"
(never "Seen on", which reads like a watch-list); the earlier decision and referral only once
today's decision is chosen (anchoring); a weak match never shows another person's outcome or
referral, only that a possible earlier interview exists and to ask the centre; and the app's
own Albanian for "not determined"."""

from __future__ import annotations

from datetime import date

import pytest

from interview_room.seen_before.held import ShownMatch
from interview_room.seen_before.matcher import EarlierInterview, MatchStrength
from interview_room.seen_before.wording import check_text, match_line

EARLIER = EarlierInterview(
    case_code="HAN-2026-0042",
    station="Han i Hotit",
    interviewed_on=date(2026, 10, 3),
    outcome="potential_victim",
    recipients=("shelter",),
)


def _match(strength: MatchStrength, outcome: str = "potential_victim") -> ShownMatch:
    earlier = EarlierInterview(
        EARLIER.case_code, EARLIER.station, EARLIER.interviewed_on, outcome, EARLIER.recipients
    )
    return ShownMatch(earlier=earlier, strength=strength, here=False)


@pytest.mark.parametrize("strength", [MatchStrength.STRONG, MatchStrength.LIKELY])
def test_before_todays_decision_only_where_and_when(strength: MatchStrength) -> None:
    said = "\n".join(check_text([_match(strength)], "en", decided=False))
    assert "Interviewed on 2026-10-03 at Han i Hotit (HAN-2026-0042)" in said
    assert "potential victim" not in said and "shelter" not in said
    assert "Do not make the person tell again" in said
    assert "shown only once today's decision has been chosen" in said
    sq = "\n".join(check_text([_match(strength)], "sq", decided=False))
    assert "Intervistuar më 2026-10-03 në Han i Hotit" in sq and "Parë" not in sq
    assert "viktimë" not in sq and "strehëz" not in sq


def test_after_todays_decision_the_earlier_one_with_a_warning() -> None:
    said = "\n".join(check_text([_match(MatchStrength.STRONG)], "en", decided=True))
    assert (
        "Interviewed on 2026-10-03 at Han i Hotit (HAN-2026-0042): officers' decision then: "
        "potential victim, referral sent to the shelter"
    ) in said
    assert "An earlier decision does not decide today's" in said


@pytest.mark.parametrize("decided", [False, True])
def test_a_weak_match_shows_no_outcome_and_no_recipient(decided: bool) -> None:
    match = _match(MatchStrength.POSSIBLE)
    assert match_line(match, "en", decided=decided) == (
        "A possible earlier interview at Han i Hotit on 2026-10-03 (HAN-2026-0042): ask the centre"
    )
    sq = "\n".join(check_text([match], "sq", decided=decided))
    assert "pyesni qendrën" in sq
    assert "viktimë" not in sq and "strehëz" not in sq and "vendim" not in sq


def test_not_determined_is_said_as_the_app_says_it() -> None:
    line = match_line(_match(MatchStrength.STRONG, "not_determined"), "sq", decided=True)
    assert "nuk u përcaktua" in line and "pa vendim" not in line
