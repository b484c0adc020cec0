"""A guessable password is refused in words that say why and what to choose instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from interview_room.accounts import PasswordTooGuessable
from interview_room.gui.dialogs.passwords import ChangePasswordDialog
from interview_room.gui.dialogs.users import AddUserDialog
from interview_room.gui.messages import describe_error
from interview_room.passwords import Guessability
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN

ADVICE = "Choose three or four words that do not belong together"
FALLBACK = "Something went wrong"


def test_each_reason_has_its_own_sentence_and_the_same_advice() -> None:
    texts = [describe_error(PasswordTooGuessable(reason)) for reason in Guessability]
    assert len(set(texts)) == len(Guessability)
    for text in texts:
        assert ADVICE in text
        assert FALLBACK not in text


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaa", "repeats a character"),
        ("oficer.mor2026", "a name or word anyone here would try first"),
    ],
)
def test_add_user_explains_a_guessable_password(
    qtbot: QtBot, station_home: Path, password: str, why: str
) -> None:
    session = Workstation(station_home).unlock(*ADMIN)
    dialog = AddUserDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.display_name.setText("Oficer Shembulli")
    dialog.username.setText("oficer.mor")
    dialog.password.setText(password)
    dialog.again.setText(password)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.isVisible()
    assert why in dialog.error.text()
    assert ADVICE in dialog.error.text()
    assert session.users.find("oficer.mor") is None
    # The dialog grew for the error: the rule above it is still read whole, not clipped.
    for words in (dialog.error, *(w for w in dialog.findChildren(QLabel) if w.wordWrap())):
        if words.isVisible():
            assert words.height() >= words.heightForWidth(words.width()), words.text()
    session.logout()


def test_change_password_explains_a_guessable_password(qtbot: QtBot, station_home: Path) -> None:
    session = Workstation(station_home).unlock(*ADMIN)
    dialog = ChangePasswordDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(ADMIN[1])
    dialog.new.setText("1234567890")
    dialog.again.setText("1234567890")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.isVisible()
    assert "common password" in dialog.error.text()
    session.logout()
    Workstation(station_home).unlock(*ADMIN).logout()  # the old password still opens
