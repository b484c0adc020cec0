"""What a referral form must say first, and how it names some indicators (seventh
practitioner's review, findings 4, 12 and 13).

- The alert on top of page 1: for a presumed child whose accompanying adult may be involved,
  on **every** form (a health service, the police report made by law too), never a row on
  page 2: the one line a receiver must act on.
- The call-back line: whom the receiver calls (the station's duty telephone).
- Indicator names as the form prints them: a labour wording where the sexual form of
  exploitation is not recorded (a domestic worker is not "forced … to take clients"), and no
  health data on a form made by law without consent (a vulnerability, not specified).
"""

from __future__ import annotations

from collections.abc import Mapping

from interview_room.interview.interview import Interview
from interview_room.interview.safeguards import guardian_may_be_involved
from interview_room.screening import ExploitationForm, IndicatorAssessment, text

ALERT_ADULT_MAY_BE_INVOLVED = "alert.adult_may_be_involved"
NOT_SEXUAL_WORDING = "indicator.not_sexual."
"""``indicator.not_sexual.<id>`` in the form's words: the name without sexual exploitation."""
BY_LAW_WORDING = "indicator.by_law."
"""``indicator.by_law.<id>`` in the form's words: the name without health data."""


def form_alert(interview: Interview, labels: Mapping[str, str]) -> str:
    """The alert printed on top of page 1 of every form of this case, or "" for none."""
    if interview.presumed_child and guardian_may_be_involved(interview.protocol, interview.answers):
        return labels[ALERT_ADULT_MAY_BE_INVOLVED]
    return ""


def call_back(station_name: str, duty_phone: str, labels: Mapping[str, str]) -> str:
    """Whom the receiver calls back: the station and its duty telephone, or the station's
    Border Police with no number. Never a set-up instruction: the form goes outside (eighth
    practitioner's review, finding 8); the dialog warns the officer before signing instead."""
    if not duty_phone:
        return labels["value.call_back_not_set"].format(station=station_name)
    return labels["format.call_back"].format(station=station_name, phone=duty_phone)


def indicator_names(
    assessment: IndicatorAssessment,
    interview: Interview,
    language: str,
    labels: Mapping[str, str],
    *,
    by_law: bool,
) -> dict[str, str]:
    """The counted indicators' names as this form prints them, by id (the protocol's name
    unless the form's words have another for this case)."""
    recorded = assessment.exploitation_forms  # as recorded: the rule may count both lists
    sexual = not recorded or (ExploitationForm.SEXUAL in interview.protocol.list_families(recorded))
    names: dict[str, str] = {}
    for indicator_id in assessment.indicator_ids:
        name = text(interview.protocol, language, interview.protocol.indicator(indicator_id).text)
        if by_law and f"{BY_LAW_WORDING}{indicator_id}" in labels:
            name = labels[f"{BY_LAW_WORDING}{indicator_id}"]
        elif not sexual and f"{NOT_SEXUAL_WORDING}{indicator_id}" in labels:
            name = labels[f"{NOT_SEXUAL_WORDING}{indicator_id}"]
        names[indicator_id] = name
    return names


def renamed(line: str, original: Mapping[str, str], names: Mapping[str, str]) -> str:
    """``line`` (the rule in words) with each indicator's protocol name put as the form
    names it."""
    for indicator_id, name in names.items():
        before = original.get(indicator_id)
        if before and before != name:
            line = line.replace(before, name)
    return line
