"""Withdrawing a published protocol version from the centre's publish dialog (issue 13): the
administrator picks it from the versions published and not withdrawn, each with its day, reads
what it means, checks, confirms, and the next package lists it withdrawn; the last version of a
protocol is refused with the command line's words, in Albanian and in English."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interview_room.center.publish import latest_package, publish_protocol
from interview_room.center.publish_withdraw import ProtocolWithdrawalRefused
from interview_room.error_sentences import error_sentence
from interview_room.gui.center_publish_dialog import CenterPublishDialog
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.sync.centre_package import CentrePackage, read_package
from tests.center.two_users import ADMIN
from tests.gui.test_center_publish_dialog import _centre, _ok, _press_ok, _window
from tests.sync.test_centre_package import _protocol_version


def _package(window: CenterWindow) -> CentrePackage:
    data = latest_package(window._center)
    assert data is not None
    return read_package(data, window._center.keys().root_certificate_der).package


def _withdraw_dialog(qtbot: QtBot, window: CenterWindow) -> CenterPublishDialog:
    dialog = window.publish_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.withdraw_choice, Qt.MouseButton.LeftButton)
    assert dialog.withdrawal.isVisible() and not dialog.path.isVisible()
    return dialog


def _other_protocol(tmp_path: Path) -> Path:
    """A protocol id the program does not ship, in one version only."""
    folder = _protocol_version(tmp_path, "1.0.0")
    for name in ("protocol.json", "vectors.json"):
        path = folder / name
        path.write_text(
            path.read_text("utf-8").replace('"al-border-screening"', '"al-other-screening"'),
            "utf-8",
        )
    return folder


def test_a_version_is_checked_confirmed_and_withdrawn(qtbot: QtBot, tmp_path: Path) -> None:
    _centre(tmp_path / "center")
    window = _window(qtbot, tmp_path / "center", ADMIN)
    publish_protocol(window._center, _protocol_version(tmp_path, "2.1.0"))
    dialog = _withdraw_dialog(qtbot, window)
    combo = dialog.withdrawal.versions
    today = date.today().isoformat()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        f"al-border-screening 2.1.0, published on {today}"
    ]
    assert "interviews begun with it keep their questions" in dialog.withdrawal.meaning.text()
    assert _ok(dialog).text() == "Withdraw…"

    _press_ok(qtbot, dialog)  # the check: nothing signed yet
    assert "can be withdrawn; nothing is withdrawn yet" in dialog.found.text()
    assert _package(window).number == 1
    assert _ok(dialog).text() == "Withdraw it"

    _press_ok(qtbot, dialog)
    assert dialog.publication is not None and dialog.publication.number == 2
    assert "Update 2 was published: protocol 2.1.0 withdrawn." in dialog.found.text()
    package = _package(window)
    assert package.protocols == ()
    assert [(w.id, w.version) for w in package.withdrawn] == [("al-border-screening", "2.1.0")]
    logged = [e for e in window._center.audit_entries() if e.event == "protocol_withdrawn"]
    assert [json.loads(e.detail) for e in logged] == [
        {"number": 2, "protocol_id": "al-border-screening", "withdrawn": "2.1.0"}
    ]
    assert "update 2 of" in window.published.text()
    assert "2.1.0" not in window.published.text()
    dialog.close()

    again = _withdraw_dialog(qtbot, window)  # nothing left to withdraw
    assert again.withdrawal.versions.count() == 0 and not _ok(again).isEnabled()
    assert "nothing to withdraw" in again.withdrawal.meaning.text()
    again.close()
    window.close()
    window._center.sign_out()


@pytest.mark.parametrize("language", ["sq", "en"])
def test_the_last_version_of_a_protocol_is_refused_with_the_words(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    InterfaceLanguage().switch(language)
    _centre(tmp_path / "center")
    window = _window(qtbot, tmp_path / "center", ADMIN)
    publish_protocol(window._center, _protocol_version(tmp_path, "2.1.0"))
    publish_protocol(window._center, _other_protocol(tmp_path / "other"))
    dialog = _withdraw_dialog(qtbot, window)
    combo = dialog.withdrawal.versions
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert len(texts) == 2 and texts[0].startswith("al-border-screening 2.1.0")
    assert combo.currentIndex() == 1  # the newest first
    assert texts[1].startswith("al-other-screening 1.0.0")
    for _ in range(2):  # pressed again, it checks again: never signs
        _press_ok(qtbot, dialog)
        assert dialog.error.isVisible()
        assert dialog.error.text() == error_sentence(
            ProtocolWithdrawalRefused("al-other-screening 1.0.0", "last"), language
        )
        assert ("versioni i fundit" if language == "sq" else "last version") in (
            dialog.error.text()
        )
    assert _package(window).number == 2 and _package(window).withdrawn == ()
    # Another choice, with the keyboard: the refusal goes at the next check, of that one.
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentIndex() == 0 and _ok(dialog).text() == dialog.tr("Withdraw…")
    _press_ok(qtbot, dialog)
    assert not dialog.error.isVisible() and _package(window).number == 2
    dialog.close()
    window.close()
    window._center.sign_out()
