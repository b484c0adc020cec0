"""Attacker 5 (docs/reviews/attacker-5.md), N1: a second user given a colleague's display name,
exactly, in another script or with a dot added, so that their signatures read as the
colleague's. Refused now (``display_names.py``), and the referral check names each signer's
username and station beside the name. Real station store; nothing mocked."""

from __future__ import annotations

import pytest

from interview_room.accounts import (
    DisplayNameLooksTaken,
    DisplayNameMixesScripts,
    Role,
)
from interview_room.display_names import skeleton
from interview_room.error_sentences import error_sentence
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification_report import report_lines
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME, WorkstationFactory
from tests.sync.test_centre_package_revocations import OFFICER, WORKER, _signed_referral

PASSWORD = "synthetic-morine-training-passphrase"


@pytest.mark.parametrize(
    "name",
    [
        "Arta Hoxha",  # the same
        "arta hoxha",  # another case
        "\u0410rta Hoxha",  # a Cyrillic А: mixes scripts
        "Arta Hoxha.",  # a dot added
        "Arta-Hoxha",
        "\u0391rta Hoxha",  # a Greek Alpha
        "\uff21rta Hoxha",  # a fullwidth A, folded by NFKC
    ],
    ids=["same", "case", "cyrillic-a", "dot", "hyphen", "greek", "fullwidth"],
)
def test_a5_n1_a_name_that_reads_as_a_colleagues_is_refused(
    workstation: WorkstationFactory, name: str
) -> None:
    session = workstation(training=True).session
    session.add_user("arta", "Arta Hoxha", Role.OFFICER, PASSWORD + "-arta")
    arta = session.users.find("arta")
    assert arta is not None
    session.users.disable(arta, session.user.username)  # a disabled user's name still counts
    with pytest.raises((DisplayNameLooksTaken, DisplayNameMixesScripts)) as refused:
        session.add_user("arta2", name, Role.OFFICER, PASSWORD + "-arta2")
    if isinstance(refused.value, DisplayNameLooksTaken):
        assert refused.value.holder == "arta"
    assert error_sentence(refused.value, "sq") and error_sentence(refused.value, "en")
    assert session.users.find("arta2", include_disabled=True) is None


def test_a5_n1_distinct_names_and_diacritics_are_accepted(
    workstation: WorkstationFactory,
) -> None:
    session = workstation(training=True).session
    session.add_user("arta", "Arta Hoxha", Role.OFFICER, PASSWORD + "-arta")
    session.add_user("arta.b", "Arta B. Hoxha", Role.OFFICER, PASSWORD + "-artab")
    session.add_user("drita", "Dritë Hoxha", Role.OFFICER, PASSWORD + "-drita")
    session.add_user("drita2", "Drite Hoxha", Role.OFFICER, PASSWORD + "-drite")
    session.add_user("nina", "Нина Петрова", Role.SOCIAL_WORKER, PASSWORD + "-nina")
    assert skeleton("Arta Hoxha") != skeleton("Arta B. Hoxha")
    assert skeleton("Ilir Kola") == skeleton("llir Kola")
    assert skeleton("Marko") == skeleton("rnarko")
    assert skeleton("EMA KOCA") == skeleton("\u0415\u041c\u0410 \u041a\u041e\u0421\u0410")


def test_a5_n1_the_referral_check_names_username_and_station(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(name="morine", code="MOR")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    created.session.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    created.session.logout()
    pdf = _signed_referral(created)
    admin = created.workstation.unlock(ADMIN_USERNAME, ADMIN_PASSWORD)
    check = Referrals(admin).verify(pdf)
    officer = next(s for s in check.signatures if s.field_name == "officer")
    assert officer.signer_username == OFFICER[0] and officer.signer_station == "MOR"
    lines = report_lines(check, "form.pdf")
    assert any(f"Oficer Shembulli ({OFFICER[0]}, MOR)" in line for line in lines), lines
