"""The rights say who we are, by name (second practitioner's review, finding 16): the officer,
the social worker and their service, the interpreter, as written in Preparation; a sentence
about someone who is not in the room is left out whole."""

from __future__ import annotations

import pytest

from interview_room.interview.protocols import ProtocolLibrary
from interview_room.interview.rights_script import PeopleInTheRoom, fill_names, people_in_the_room
from interview_room.screening import Answer, text

RIGHTS = "section.rights_and_consent.intro"
EVERYONE = PeopleInTheRoom(
    officer="Inspektor Arben Shembulli",
    social_worker="Ana Shembulli, Vatra",
    service="Non-governmental organisation",
    interpreter="Besa Shembulli",
)


def _script(language: str) -> str:
    return text(ProtocolLibrary().current(), language, RIGHTS)


def test_everyone_in_the_room_is_named_in_the_first_piece() -> None:
    filled = fill_names(_script("en"), EVERYONE)
    first = filled.split("\n\n")[0]
    assert first == (
        "Before we talk, I want to explain who we are and what your rights are. "
        "I am Inspektor Arben Shembulli, from the Border Police. "
        "This is Ana Shembulli, Vatra, a social worker (Non-governmental organisation). "
        "Besa Shembulli will interpret for us: what we say into your language, and what you "
        "say into ours."
    )
    assert filled.count("\n\n") == _script("en").count("\n\n"), "paragraphs kept"
    assert "{" not in filled


def test_a_sentence_about_someone_absent_is_left_out_whole() -> None:
    alone = fill_names(_script("sq"), PeopleInTheRoom(officer="Oficer Shembulli"))
    first = alone.split("\n\n")[0]
    assert first == (
        "Para se të flasim, dua t'ju shpjegoj kush jemi dhe cilat janë të drejtat tuaja. "
        "Unë jam Oficer Shembulli, nga Policia Kufitare."
    )
    assert "përkthejë" not in alone and "shërbimi social" not in alone and "{" not in alone
    # No name at all: the opening sentence stays, the rest of the script is unchanged.
    nobody = fill_names(_script("sq"), PeopleInTheRoom())
    assert nobody.split("\n\n")[1:] == _script("sq").split("\n\n")[1:]
    # A social worker's name without the service (or the other way round) names nobody.
    half = fill_names(_script("en"), PeopleInTheRoom(social_worker="Ana Shembulli"))
    assert "Ana Shembulli" not in half


def test_a_name_is_put_in_as_typed() -> None:
    odd = fill_names("I am {officer}. Next.", PeopleInTheRoom(officer="{service} Shembulli"))
    assert odd == "I am {service} Shembulli. Next."


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {
                "prep_officer": "Oficer Shembulli",
                "prep_social_worker_service": "state_social_service",
                "prep_social_worker_name": "Ana Shembulli",
                "prep_interpreter": "yes",
                "prep_interpreter_name": "Besa Shembulli",
            },
            PeopleInTheRoom(
                "Oficer Shembulli", "Ana Shembulli", "Shërbimi Social Shtetëror", "Besa Shembulli"
            ),
        ),
        (
            # Changed in Preparation afterwards: the old names are not read out.
            {
                "prep_officer": "  ",
                "prep_social_worker_service": "not_present",
                "prep_social_worker_name": "Ana Shembulli",
                "prep_interpreter": "no",
                "prep_interpreter_name": "Besa Shembulli",
            },
            PeopleInTheRoom(),
        ),
    ],
)
def test_the_people_come_from_preparation(answers: dict[str, str], expected: object) -> None:
    protocol = ProtocolLibrary().current()
    given = {qid: Answer.given(qid, value) for qid, value in answers.items()}
    assert people_in_the_room(protocol, given, "sq") == expected


def test_a_skipped_name_names_nobody() -> None:
    protocol = ProtocolLibrary().current()
    given = {"prep_officer": Answer.skipped("prep_officer")}
    assert people_in_the_room(protocol, given, "en").officer is None


@pytest.mark.parametrize(
    ("language", "told", "offered"),
    [
        (
            "en",
            "We speak with each person on their own. The adult travelling with you will wait "
            "outside.",
            "You can ask to speak without",
        ),
        (
            "sq",
            "Flasim me secilin person veçmas. I rrituri që udhëton me ju do të presë jashtë.",
            "Mund të kërkoni të flisni pa të rriturin",
        ),
    ],
)
def test_being_seen_apart_is_told_not_offered(language: str, told: str, offered: str) -> None:
    """Asking for it in front of the adult is the riskiest thing a controlled person can do
    (fourth practitioner's review, finding 10); the minimisation stays said."""
    script = _script(language)
    assert told in script and offered not in script
    minimum = {"en": "only as much as they need", "sq": "vetëm aq sa u nevojitet"}[language]
    assert minimum in script


@pytest.mark.parametrize("language", ["fr", "sr", "ar", "fa"])
def test_every_language_tells_the_person_they_are_seen_apart(language: str) -> None:
    told = {
        "fr": "L'adulte qui voyage avec vous attend dehors.",
        "sr": "Odrasla osoba sa kojom putujete čeka napolju.",
        "ar": "سينتظر الشخص البالغ الذي تسافر معه في الخارج.",
        "fa": "بزرگسالی که با او سفر می‌کنید بیرون منتظر می‌ماند.",
    }[language]
    assert told in _script(language)


def test_the_two_pieces_that_matter_most_are_checked_by_teach_back() -> None:
    protocol = ProtocolLibrary().current()
    section = protocol.section("rights_and_consent")
    assert section.guidance is not None
    english = text(protocol, "en", section.guidance)
    assert "in their own words what happens if they do not want to answer" in english
    assert "who we must inform and when" in english
    albanian = text(protocol, "sq", section.guidance)
    assert "me fjalët e veta çfarë ndodh nëse nuk do të përgjigjet" in albanian
