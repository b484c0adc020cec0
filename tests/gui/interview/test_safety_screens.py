"""On screen: the emergency numbers beside the immediate-needs and safety questions (the
unconfirmed anti-trafficking line apart, marked), and a presumed child's simpler words."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from interview_room.gui.interview.emergency import EmergencyContacts
from interview_room.gui.interview.question_card import QuestionCard
from interview_room.interview.protocols import ProtocolLibrary


def test_the_emergency_numbers_are_on_screen_and_the_unconfirmed_one_is_marked(
    qtbot: QtBot,
) -> None:
    contacts = EmergencyContacts("sq")
    qtbot.addWidget(contacts)
    shown = contacts.numbers.text()
    for number in ("Policia 129", "Ambulanca 127", "116 111"):
        assert number in shown
    assert "116 006" not in shown, "not among the confirmed numbers"
    assert contacts.unconfirmed is not None
    assert "Linja kombëtare kundër trafikimit 116 006" in contacts.unconfirmed.text()
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
