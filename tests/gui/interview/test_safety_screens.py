"""On screen: the emergency numbers beside the immediate-needs and safety questions (the
unconfirmed anti-trafficking line apart, marked), and a presumed child's simpler words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from interview_room.gui.interview.emergency import EmergencyContacts
from interview_room.gui.interview.question_card import QuestionCard
from interview_room.interview.protocols import ProtocolLibrary
from tests.gui.conftest import ADMIN, WindowFactory, sign_in


def test_the_emergency_numbers_are_on_screen_and_the_unconfirmed_one_only_for_staff(
    qtbot: QtBot,
) -> None:
    contacts = EmergencyContacts("sq")
    qtbot.addWidget(contacts)
    shown = contacts.numbers.text()
    for number in ("Policia 129", "Ambulanca 127", "116 111"):
        assert number in shown
    # Fifth review, finding 11: the page is read to the person; the unconfirmed line is for
    # the staff (on hover, and to a screen reader), marked ⚠.
    assert "116 006" not in "\n".join(label.text() for label in contacts.findChildren(QLabel))
    assert contacts.unconfirmed.startswith("⚠ ")
    assert "Linja kombëtare kundër trafikimit 116 006" in contacts.unconfirmed
    assert contacts.toolTip() and "116 006" in contacts.toolTip()
    assert contacts.accessibleName() and "116 006" in contacts.accessibleDescription()


def test_a_presumed_child_reads_the_childs_words(qtbot: QtBot) -> None:
    protocol = ProtocolLibrary().current()
    question = protocol.question("rec_how_started")
    catalog = protocol.catalogs["sq"].texts
    for child, wanted in (
        (True, catalog["question.rec_how_started.person.child"]),
        (False, catalog["question.rec_how_started.person"]),
    ):
        card = QuestionCard(protocol, question, None, "en", "sq", presumed_child=child)
        qtbot.addWidget(card)
        assert wanted in [found.text() for found in card.findChildren(QLabel)], child


def test_a_presumed_child_hears_the_sections_opening_words_in_its_own_words(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    from interview_room.gui.interview.wizard import WizardPage
    from interview_room.interview.interview import Interview
    from interview_room.screening import Answer
    from interview_room.training.scenarios import Path as ScenarioPath
    from interview_room.training.scenarios import scenario_answers

    window = make_window(station_home)
    window.resize(1180, 760)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    protocol = window.protocols.current()
    answers = scenario_answers(ScenarioPath.CHILD, 1)
    child = Interview.begin(session, protocol, "sq", "Drita")
    journey = protocol.section("journey_and_recruitment")
    for section in protocol.sections:
        if section.id == journey.id:
            break
        child.go_to(section)
        for _ in range(3):  # an answer may show follow-ups
            for question in child.visible_questions(section):
                if question.id in answers and question.id not in child.answers:
                    child.answer(Answer.given(question.id, answers[question.id]))
    assert child.presumed_child
    child.go_to(journey)
    window.show_interview(child)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    qtbot.waitExposed(wizard)
    shown = [found.text() for found in wizard.findChildren(QLabel) if found.isVisible()]
    catalog = protocol.catalogs["sq"].texts
    assert catalog["section.journey_and_recruitment.intro.child"] in shown
    assert catalog["section.journey_and_recruitment.intro"] not in shown
