"""The "Seen before?" action inside the interview, clicked for real (issue 16): it appears once
the person agrees to a record being kept, opens the panel prefilled from the case (the name
split as the app writes it, the nationality answered, the age saying no year) and finds the
earlier interview at Han i Hotit; opening it records no answer. Synthetic people only."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from harness.wizard import answer_card
from interview_room.accounts import Role
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.interview.seen_before_action import SeenBeforeDialog
from interview_room.gui.interview.seen_before_panel import NO_YEAR
from interview_room.gui.interview.wizard import WizardPage
from interview_room.interview.interview import Interview
from interview_room.interview.interview_store import load_answers
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer
from interview_room.seen_before import EarlierInterview, PersonDetails, SeenBeforeKey, person_tokens
from interview_room.seen_before.held import store_section
from interview_room.seen_before.prefill import split_name
from interview_room.sync.centre_package_seen import IndexedInterview, SeenBeforeSection
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.gui.interview.helpers import show_question

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
SHOTS = Path("/tmp/shots_c2")


def _officer(workstation: WorkstationFactory, with_index: bool = True) -> Session:
    created = workstation(name="morine", code="MOR")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    if with_index:
        key = SeenBeforeKey(1, secrets.token_bytes(32))
        earlier = PersonDetails("Mohammed", "Al-Hussein Shembulli", "syria", 1990)
        tokens = person_tokens(earlier, key, datetime.now(UTC).date())
        summary = EarlierInterview(
            "HAN-2026-0042", "Han i Hotit", date(2026, 10, 3), "potential_victim", ("shelter",)
        )
        section = SeenBeforeSection(
            (key,), (IndexedInterview(1, tuple(t.value for t in tokens), summary),)
        )
        with created.session.db.transaction():
            store_section(created.session.db, section)
    return created.workstation.unlock(*OFFICER)


def _wizard_at_storage_consent(qtbot: QtBot, officer: Session) -> WizardPage:
    interview = Interview.begin(
        officer, ProtocolLibrary().current(), "en", "Mohammed Al-Hussein-Shembulli"
    )
    for answer in (
        Answer.given("consent_rights_read", "yes"),
        Answer.given("consent_interview", "yes"),
        Answer.given("prep_age", 36),
    ):
        interview.answer(answer)
    wizard = WizardPage(interview, "en")
    qtbot.addWidget(wizard)
    wizard.resize(1180, 760)
    wizard.show()
    show_question(wizard, "consent_storage")
    return wizard


def _open(qtbot: QtBot, wizard: WizardPage) -> SeenBeforeDialog:
    qtbot.mouseClick(wizard.seen_before, Qt.MouseButton.LeftButton)
    dialog = wizard.seen_before.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_check_appears_after_storage_consent_and_opens_prefilled_recording_nothing(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    InterfaceLanguage().switch("en")
    officer = _officer(workstation)
    wizard = _wizard_at_storage_consent(qtbot, officer)
    case_id = wizard.interview.case.id
    assert not wizard.seen_before.isVisible()  # no consent to keep a record yet
    assert wizard.card is not None
    answer_card(wizard.card, "yes")
    assert wizard.seen_before.isVisible() and wizard.seen_before.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert wizard.grab().save(str(SHOTS / "wizard-with-seen-before-en.png"))

    stored = load_answers(officer.db, case_id)
    dialog = _open(qtbot, wizard)
    panel = dialog.panel
    assert load_answers(officer.db, case_id) == stored  # opening recorded no answer
    assert officer.db.all("SELECT count(*) FROM seen_before_details") == [(0,)]
    assert (panel.given_names.text(), panel.surname.text()) == (
        "Mohammed",
        "Al-Hussein-Shembulli",
    )
    assert panel.birth_year.value() == NO_YEAR and "(36)" in panel.year_note.text()
    assert panel.nationality.currentData() == ""  # asked later, in "About the person"
    assert not panel.check_button.isEnabled()

    panel.birth_year.setValue(1990)
    panel.nationality.setCurrentIndex(panel.nationality.findData("syria"))
    with qtbot.waitSignal(panel.checked) as signal:
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert signal.args == [1]
    assert "Interviewed on 2026-10-03 at Han i Hotit (HAN-2026-0042)" in panel.result.text()
    assert "Do not make the person tell again" in panel.result.text()
    # Before today's decision: no earlier decision, no referral (review 6, finding 11a).
    assert "potential victim" not in panel.result.text()
    assert "shelter" not in panel.result.text()
    assert "shown only once today's decision has been chosen" in panel.result.text()
    qtbot.waitUntil(lambda: panel.result.height() >= panel.result.heightForWidth(panel.width()))
    assert dialog.grab().save(str(SHOTS / "seen-before-dialog-en.png"))
    answers = load_answers(officer.db, case_id)
    assert "prep_nationality" not in answers  # chosen for the check only, never stored
    assert answers == stored


def test_reopened_after_a_check_it_is_prefilled_enough_to_check_at_once(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    InterfaceLanguage().switch("sq")
    officer = _officer(workstation)
    wizard = _wizard_at_storage_consent(qtbot, officer)
    assert wizard.card is not None
    answer_card(wizard.card, "yes")
    wizard.interview.answer(Answer.given("prep_nationality", "syria"))
    first = _open(qtbot, wizard).panel
    first.birth_year.setValue(1990)
    with qtbot.waitSignal(first.checked):
        first.check_button.click()
    wizard.seen_before.dialog.reject()  # type: ignore[union-attr]

    panel = _open(qtbot, wizard).panel
    assert panel.birth_year.value() == 1990 and panel.year_note.text() == ""
    assert panel.nationality.currentData() == "syria"
    with qtbot.waitSignal(panel.checked) as signal:
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert signal.args == [1]
    assert "Intervistuar më 2026-10-03 në Han i Hotit (HAN-2026-0042)" in panel.result.text()
    wizard.resize(900, 620)
    qtbot.waitUntil(lambda: panel.result.height() >= panel.result.heightForWidth(panel.width()))
    assert wizard.grab().save(str(SHOTS / "wizard-with-seen-before-sq-900.png"))
    assert wizard.seen_before.dialog.grab().save(str(SHOTS / "seen-before-dialog-sq.png"))  # type: ignore[union-attr]
    InterfaceLanguage().switch("en")


def test_not_offered_without_storage_consent_or_without_a_key(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    InterfaceLanguage().switch("en")
    refused = _wizard_at_storage_consent(qtbot, _officer(workstation))
    assert refused.card is not None
    answer_card(refused.card, "no")
    assert not refused.seen_before.isVisible()
    refused.seen_before.open_check()  # even asked directly, nothing opens
    assert refused.seen_before.dialog is None


def test_not_offered_at_a_station_without_the_centre_key(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    wizard = _wizard_at_storage_consent(qtbot, _officer(workstation, with_index=False))
    assert wizard.card is not None
    answer_card(wizard.card, "yes")
    assert not wizard.seen_before.isVisible()


def test_the_name_is_split_as_the_app_writes_it() -> None:
    assert split_name("Arben Shembulli") == ("Arben", "Shembulli")
    assert split_name("  Ahmad Shah  Ushtrimi ") == ("Ahmad Shah", "Ushtrimi")
    assert split_name("Zara") == ("Zara", "")
    assert split_name("") == ("", "")
