"""Changing one's own password and the recovery-key reset, through the real dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.gui.dialogs.passwords import ChangePasswordDialog, ResetPasswordDialog
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.keyring import WrongPassword
from interview_room.workstation import Workstation
from tests.gui.conftest import says_password_rule_under


def test_change_password_then_only_the_new_one_opens(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workstation(tmp_path / "s")
    created = ws.create(
        "Morinë", "MOR", "a.admin", "Admin", "fjalekalim-i-vjeter", kdf=MINIMUM_ARGON2
    )
    dialog = ChangePasswordDialog(created.session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText("fjalekalim-i-vjeter")
    dialog.new.setText("another-synthetic-passphrase")
    dialog.again.setText("another-synthetic-passphrase")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    created.session.logout()
    ws.unlock("a.admin", "another-synthetic-passphrase").logout()
    with pytest.raises(WrongPassword):
        Workstation(tmp_path / "s").unlock("a.admin", "fjalekalim-i-vjeter")


def test_reset_with_recovery_key_and_a_wrong_key_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workstation(tmp_path / "s")
    created = ws.create(
        "Morinë", "MOR", "a.admin", "Admin", "fjalekalim-harruar", kdf=MINIMUM_ARGON2
    )
    created.session.logout()
    dialog = ResetPasswordDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.recovery_key.setText("AAAA-" * 12 + "AAAA")
    dialog.username.setText("a.admin")
    dialog.new.setText("another-synthetic-passphrase")
    dialog.again.setText("another-synthetic-passphrase")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.error.isVisible()

    dialog.recovery_key.setText(created.recovery_key.formatted().lower().replace("-", " "))
    with qtbot.waitSignal(dialog.accepted):
        ok.click()
    ws.unlock("a.admin", "another-synthetic-passphrase").logout()


def test_both_password_dialogs_say_the_rule_before_any_try(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workstation(tmp_path / "s")
    created = ws.create(
        "Morinë", "MOR", "a.admin", "Admin", "fjalekalim-i-vjeter", kdf=MINIMUM_ARGON2
    )
    change = ChangePasswordDialog(created.session)
    qtbot.addWidget(change)
    change.show()
    assert says_password_rule_under(change, change.new)
    created.session.logout()
    reset = ResetPasswordDialog(ws)
    qtbot.addWidget(reset)
    reset.show()
    assert says_password_rule_under(reset, reset.new)


def test_the_centre_and_the_station_change_a_password_with_the_same_rows_in_albanian(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """One set of rows (``OwnPasswordDialog``) in both dialogs, read in Albanian from the
    station dialog's translation context; only the explanation of what changes differs."""
    from PySide6.QtWidgets import QLabel

    from interview_room.center.store import CenterStore, NewCenterUser
    from interview_room.gui.dialogs.center_password import CenterChangePasswordDialog
    from interview_room.gui.i18n import InterfaceLanguage

    created = Workstation(tmp_path / "s").create(
        "Morinë", "MOR", "a.admin", "Admin", "synthetic-morine-training-passphrase",
        kdf=MINIMUM_ARGON2,
    )  # fmt: skip
    center = CenterStore(tmp_path / "center")
    center.create(
        admin=NewCenterUser("ana", "Ana Shembulli", "synthetic-morine-training-passphrase"),
        kdf=MINIMUM_ARGON2,
    )
    language = InterfaceLanguage()
    language.switch("sq")
    try:
        station = ChangePasswordDialog(created.session)
        centre = CenterChangePasswordDialog(center, kdf=MINIMUM_ARGON2)
        for dialog in (station, centre):
            qtbot.addWidget(dialog)

        def rows(dialog: ChangePasswordDialog | CenterChangePasswordDialog) -> list[str]:
            items = [dialog.form.itemAt(row, dialog.form.ItemRole.LabelRole) for row in range(
                dialog.form.rowCount())]  # fmt: skip
            labels = [item.widget() for item in items if item is not None]
            return [label.text() for label in labels if isinstance(label, QLabel)]

        assert rows(station) == rows(centre)
        assert rows(station)[:3] == [
            "Fjalëkalimi aktual", "Fjalëkalimi i ri", "Konfirmoni fjalëkalimin e ri"
        ]  # fmt: skip
        assert station.windowTitle() == centre.windowTitle() == "Ndryshoni fjalëkalimin tuaj"
        station.new.setText("synthetic-one-passphrase")
        centre.new.setText("synthetic-one-passphrase")
        for dialog in (station, centre):
            dialog.again.setText("synthetic-other-passphrase")
            assert not dialog.apply()
            assert dialog.error.text() == "Dy fjalëkalimet e reja nuk përputhen."
    finally:
        language.switch("en")
        created.session.logout()
        center.sign_out()
