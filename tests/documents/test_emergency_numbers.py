"""The emergency numbers the interviewers see on screen: every emergency entry of the shipped
directory, named in their language; the unconfirmed national anti-trafficking line marked so
(and, by the sheet's own tests, never printed)."""

from __future__ import annotations

from interview_room.documents.emergency_numbers import emergency_numbers


def test_the_interviewers_see_every_emergency_number_in_their_language() -> None:
    albanian = {n.id: n for n in emergency_numbers("sq")}
    assert [n.phone for n in albanian.values()] == ["129", "127", "116 111", "116 006"]
    assert albanian["police"].label == "Policia" and albanian["police"].confirmed
    hotline = albanian["trafficking_hotline"]
    assert hotline.label == "Linja kombëtare kundër trafikimit"
    assert not hotline.confirmed, "the central office has not yet confirmed it answers"
    english = {n.id: n.label for n in emergency_numbers("en")}
    assert english["trafficking_hotline"] == "National anti-trafficking line"
    assert english["ambulance"] == "Ambulance"
