"""Attacker 8 (docs/reviews/attacker-8.md), B5: Latin letters that print like a colleague's
(the IPA alpha, a hooked h) and marks Albanian does not write (a dot below) made a second
staff name read as "Arta Hoxha". Refused now (``display_names.py``); ë and ç still tell two
names apart. Real station store; nothing mocked."""

from __future__ import annotations

import pytest

from interview_room.accounts import DisplayNameLooksTaken, Role
from interview_room.display_names import skeleton
from tests.conftest import WorkstationFactory
from tests.test_attacks5_display_names import PASSWORD


@pytest.mark.parametrize(
    "name",
    [
        "Arta Hox\u0266a",  # ɦ, a hooked h
        "Arta Hoxh\u0251",  # ɑ, the Latin alpha
        "Arta Hoxh\u0250",  # ɐ, a turned a
        "Arta Hox\u1e25a",  # ḥ, a dot below
        "Arta Ho\u1d0fxha",  # ᴏ, a small capital o (after "Arta Hoxha" with one more o)
    ],
    ids=["hooked-h", "latin-alpha", "turned-a", "dot-below", "small-capital-o"],
)
def test_a8_b5_a_latin_look_alike_of_a_colleagues_name_is_refused(
    workstation: WorkstationFactory, name: str
) -> None:
    session = workstation(training=True).session
    session.add_user("arta", "Arta Hoxha", Role.OFFICER, PASSWORD + "-arta")
    session.add_user("arta.o", "Arta Hooxha", Role.OFFICER, PASSWORD + "-artao")
    with pytest.raises(DisplayNameLooksTaken):
        session.add_user("arta2", name, Role.OFFICER, PASSWORD + "-arta2")


def test_a8_b5_albanian_letters_still_tell_names_apart() -> None:
    assert skeleton("Dritë Hoxha") != skeleton("Drite Hoxha")
    assert skeleton("Çela") != skeleton("Cela")
    assert skeleton("ÇELA") == skeleton("çela")
    assert skeleton("Arta Hoxḥa") == skeleton("Arta Hoxha")
    assert skeleton("Ëndrit") != skeleton("Endrit")
