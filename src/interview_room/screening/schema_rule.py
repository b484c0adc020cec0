"""The shape of ``protocol.json``'s decision rule (thresholds, the before-exploitation rule, the
refusal, declined, language and pause rules) and of the whole file (``PROTOCOL``), on the
primitives of ``schema``; ``loader`` checks a parsed file against ``PROTOCOL``.
"""

from __future__ import annotations

import re

from interview_room.screening.errors import UnknownDimension, UnknownStrength
from interview_room.screening.protocol import Dimension, Strength
from interview_room.screening.schema import (
    AGE_RULE,
    CONDITION,
    EXPLOITATION_FORMS,
    ID,
    INDICATOR,
    SECTION,
    VERSION_PATTERN,
    Bool,
    Choice,
    Int,
    ListOf,
    MapOf,
    Obj,
    Str,
    choice,
    opt,
    req,
)

THRESHOLD_KEY = Str(
    re.compile(r"[a-z]+(_or_[a-z]+)*"), "strengths such as 'strong' or 'medium_or_weak'"
)
THRESHOLDS = ListOf(MapOf(THRESHOLD_KEY, Int(minimum=1), min_items=1), min_items=1)

AT_RISK_PATH = Obj(
    {
        "signs": req(ListOf(ID, min_items=1)),
        "groups": opt(ListOf(ID, min_items=1)),
        "one_indicator_in": opt(ListOf(ID, min_items=1)),
        "all_declined": opt(ListOf(ID, min_items=1)),
        # Fifth review, finding 4: journey harm that is the smuggling itself.
        "not_counting": opt(ListOf(ID, min_items=1)),
        # Fourth review, finding 4: e.g. only when the person was heard apart.
        "only_when": opt(CONDITION),
        # Fourth review, finding 7: the officers' own observations, however coached the story.
        "observed": opt(
            Obj(
                {
                    "at_least": req(Int(minimum=1)),
                    "of": req(ListOf(ID, min_items=1)),
                    # Fifth review, finding 3: more than demeanour.
                    "one_of": opt(ListOf(ID, min_items=1)),
                },
                subject="observed",
            )
        ),
    },
    subject="at-risk path",
)

BEFORE_EXPLOITATION = Obj(
    {
        # One of the two: "requires" (every group met and any sign positive) or "paths".
        "requires": opt(ListOf(ID, min_items=1)),
        "paths": opt(ListOf(AT_RISK_PATH, min_items=1)),
        "signs": req(
            ListOf(
                Obj(
                    {
                        "id": req(ID),
                        "indicators": req(ListOf(ID, min_items=1)),
                        "positive_when_any": req(THRESHOLDS),
                        "grades": opt(MapOf(ID, choice(Strength, "strength", UnknownStrength))),
                    },
                    subject="sign",
                ),
                min_items=1,
            )
        ),
    },
    subject="before-exploitation rule",
)


PAUSED = Obj(
    {"reason": req(ID), "when": req(CONDITION), "observations": opt(ListOf(ID, min_items=1))},
    subject="case-questions-paused rule",
)


def _observed_values(subject: str, *, printed: bool = False) -> Obj:
    """An observation with one of ``values`` (``printed``: and the observations printed)."""
    fields = {"question": req(ID), "values": req(ListOf(ID, min_items=1))}
    if printed:
        fields["observations"] = opt(ListOf(ID, min_items=1))
    return Obj(fields, subject=subject)


DECISION_RULE = Obj(
    {
        "dimension_positive_when_any": req(THRESHOLDS),
        "groups": req(
            ListOf(
                Obj(
                    {
                        "id": req(ID),
                        "dimensions": req(
                            ListOf(choice(Dimension, "dimension", UnknownDimension), min_items=1)
                        ),
                    },
                    subject="rule group",
                ),
                min_items=1,
            )
        ),
        "adult_requires": req(ListOf(ID, min_items=1)),
        "child_requires": req(ListOf(ID, min_items=1)),
        # Format 2: the Albanian rule for children, and interception before exploitation.
        "child_when_any_indicator": opt(
            Choice(("potential_victim", "child_at_risk"), "outcome for a child")
        ),
        "before_exploitation": opt(BEFORE_EXPLOITATION),
        "adult_requires_with_exploitation_in_itself": opt(ListOf(ID, min_items=1)),
        "adult_with_exploitation_in_itself_one_indicator_in": opt(ListOf(ID, min_items=1)),
        "adult_ilo_combination": opt(ListOf(ID, min_items=1)),
        "adult_with_exploitation_one_strong_in": opt(ListOf(ID, min_items=1)),
        "adult_with_two_strong_means_in": opt(ListOf(ID, min_items=1)),
        "when_interview_refused": opt(
            Obj(
                {
                    "observations": req(ListOf(ID, min_items=1)),
                    # Fourth review, finding 6: a guardian's "no", a child's "does not agree".
                    "also_when": opt(CONDITION),
                    # Sixth review, finding 1: who refused, named on the refusal line.
                    "refused_by": opt(
                        ListOf(
                            Obj(
                                {"when": req(CONDITION), "by": req(ID)},
                                subject="interview-refused rule's 'refused_by'",
                            ),
                            min_items=1,
                        )
                    ),
                },
                subject="interview-refused rule",
            )
        ),
        "adult_with_exploitation_declined": opt(
            Obj(
                {
                    "strong_in": req(ListOf(ID, min_items=1)),
                    "one_indicator_in": req(ListOf(ID, min_items=1)),
                    "questions": req(ListOf(ID, min_items=1)),
                    # Fourth review, finding 3: declining the recruitment questions as well.
                    "or_declined": opt(ListOf(ID, min_items=1)),
                },
                subject="exploitation-declined rule",
            )
        ),
        "child_when_only_context": opt(
            Choice(("child_at_risk", "indicators_not_met"), "outcome for a child")
        ),
        "both_list_families": opt(Bool()),
        # Fifth review, finding 6: not determined when most questions were declined.
        "when_mostly_declined": opt(
            Obj(
                {
                    "sections": req(ListOf(ID, min_items=1)),
                    "at_least_percent": req(Int(minimum=1)),
                    # Sixth review, finding 6: what the officers saw, printed on the line.
                    "observations": opt(ListOf(ID, min_items=1)),
                },
                subject="mostly-declined rule",
            )
        ),
        # Reviews 6 (finding 4) and 7 (finding 8): never heard apart; no common language.
        "when_not_heard_apart": opt(_observed_values("not-heard-apart rule")),
        "when_no_common_language": opt(_observed_values("no-common-language rule", printed=True)),
        # Review 8 (finding 2): the case questions waited (an interpreter known, the conflict).
        "when_case_questions_paused": opt(ListOf(PAUSED, min_items=1)),
    },
    subject="decision rule",
)

PROTOCOL = Obj(
    {
        "format": req(Int(minimum=1)),
        "id": req(Str(re.compile(r"[a-z][a-z0-9-]*"), "a protocol id like 'al-border-screening'")),
        "version": req(Str(VERSION_PATTERN, "a version like '1.0.0'")),
        "referral_recipients": req(ListOf(ID, min_items=1)),
        "age_rule": req(AGE_RULE),
        "decision_rule": req(DECISION_RULE),
        "exploitation_forms": opt(EXPLOITATION_FORMS),
        "indicators": req(ListOf(INDICATOR, min_items=1)),
        "sections": req(ListOf(SECTION, min_items=1)),
    }
)
