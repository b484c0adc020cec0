"""Issue 13, blind countersignature: the social worker's dialog shows the stored form itself,
page by page, refuses a form put in its place, and signs exactly what it showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.documents.pdf_pages import page_texts
from interview_room.error_sentences import error_sentence
from interview_room.gui.dialogs.referrals import CountersignDialog
from interview_room.gui.form_pages import FormPagesView
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.countersigning import (
    FormChangedSinceShown,
    FormDiffersFromRecord,
)
from interview_room.referral.referrals import ReferralRecord, Referrals
from interview_room.signing.pki import der_to_pem
from interview_room.store.certificates import StationCertificates
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session, Workstation
from tests.external_tools import require_tool, run_tool
from tests.gui.conftest import ADMIN

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")


class Desk:
    """A decided case with a referral the officer signed, on a real store."""

    def __init__(self, home: Path) -> None:
        admin = Workstation(home).unlock(*ADMIN)
        admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
        worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
        admin.logout()
        self.worker_id = worker.id
        self.session: Session = Workstation(home).unlock(*OFFICER)
        result = run_scenario(
            self.session,
            ProtocolLibrary().current(),
            ScenarioPath.ADULT_POSITIVE,
            "Arta Provaj",
            0,
            worker.id,
        )
        self.case_id = next(c.id for c in self.session.cases.search() if c.code == result.case_code)
        self.referral = self.make("responsible_authority")

    def make(self, recipient: str) -> ReferralRecord:
        return Referrals(self.session).create(
            Interview.resume(self.session, self.case_id, ProtocolLibrary()),
            recipient=recipient,
            language="sq",
            urgency=Urgency.IMMEDIATE,
            officer_password=OFFICER[1],
        )

    def stored(self) -> bytes:
        return Referrals(self.session).pdf(self.referral.id)

    def store(self, pdf: bytes) -> None:
        """The insider with the database key puts another PDF in the referral's place."""
        self.session.db.execute(
            "UPDATE referrals SET pdf = ? WHERE id = ?", (pdf, self.referral.id)
        )

    def dialog(self, qtbot: QtBot) -> CountersignDialog:
        dialog = CountersignDialog(
            self.session, Referrals(self.session).get(self.referral.id), self.worker_id, None
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog


@pytest.fixture
def desk(station_home: Path) -> Desk:
    return Desk(station_home)


def _sign_button(dialog: QDialog) -> object:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


def test_the_dialog_shows_every_page_of_the_stored_form(qtbot: QtBot, desk: Desk) -> None:
    stored = desk.stored()
    dialog = desk.dialog(qtbot)
    pages = dialog.pages
    assert isinstance(pages, FormPagesView) and pages.isVisible()
    assert dialog.shown is not None and dialog.shown.pdf == stored
    words = page_texts(stored)
    assert pages.page_count == len(words) >= 2
    for number, (caption, picture, text) in enumerate(
        zip(pages.captions, pages.pictures, words, strict=True), start=1
    ):
        assert caption.text() == f"Page {number} of {len(words)}"
        # Screen readers hear the page's own words, read from the stored bytes.
        assert picture.accessibleDescription() == " ".join(text.split())
        image = picture.pixmap().toImage()
        assert image.width() >= 400, "a page is drawn about as wide as the window"
        dark = sum(
            image.pixelColor(x, y).lightness() < 100
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        )
        assert dark > 100, "the page has words drawn on it"
    assert desk.referral.document_number in pages.pictures[0].accessibleDescription()
    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "certified by Oficer Shembulli" in said

    # The keyboard starts on the pages, scrolls them, makes them larger, then goes on to sign.
    qtbot.waitUntil(pages.hasFocus)
    bar = pages.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(pages, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(pages, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    width = pages.pictures[0].width()
    qtbot.keyClick(pages, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pages.pictures[0].width() > width
    qtbot.keyClick(pages, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert pages.pictures[0].width() == width
    qtbot.keyClick(pages, Qt.Key.Key_Tab)
    assert isinstance(dialog.focusWidget(), QComboBox)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.password


def test_a_form_put_in_the_referrals_place_is_not_shown_and_cannot_be_signed(
    qtbot: QtBot, desk: Desk
) -> None:
    other = Referrals(desk.session).pdf(desk.make("state_social_service").id)
    desk.store(other)
    InterfaceLanguage().switch("sq")
    dialog = desk.dialog(qtbot)
    assert dialog.pages is None and dialog.shown is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == error_sentence(FormDiffersFromRecord("x"), "sq")
    assert not _sign_button(dialog).isEnabled()  # type: ignore[attr-defined]
    assert not dialog.password.isEnabled()
    assert Referrals(desk.session).get(desk.referral.id).social_worker_signed_by is None
    assert desk.stored() == other


def test_a_form_changed_after_the_dialog_opened_is_refused_at_signing(
    qtbot: QtBot, desk: Desk
) -> None:
    dialog = desk.dialog(qtbot)
    assert dialog.pages is not None
    # While she reads, the insider puts another form he certified in its place.
    desk.store(Referrals(desk.session).pdf(desk.make("responsible_authority").id))
    dialog.password.setText(WORKER[1])
    _sign_button(dialog).click()  # type: ignore[attr-defined]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == error_sentence(FormChangedSinceShown("x"), "en")
    assert not _sign_button(dialog).isEnabled()  # type: ignore[attr-defined]
    assert Referrals(desk.session).get(desk.referral.id).social_worker_signed_by is None


def test_signing_adds_the_social_workers_signature_to_the_bytes_shown(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    dialog = desk.dialog(qtbot)
    assert dialog.shown is not None
    shown = dialog.shown.pdf
    dialog.password.setText(WORKER[1])
    _sign_button(dialog).click()  # type: ignore[attr-defined]
    assert dialog.result() == QDialog.DialogCode.Accepted
    record = Referrals(desk.session).get(desk.referral.id)
    assert record.social_worker_signed_by == desk.worker_id
    signed = desk.stored()
    assert signed[: len(shown)] == shown

    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed)
    root = tmp_path / "root.pem"
    root.write_bytes(der_to_pem(StationCertificates(desk.session.db).trust_anchors()[0]))
    nss = tmp_path / "nss"
    nss.mkdir()
    certutil = require_tool("certutil")
    run_tool(certutil, "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool(certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(root))
    report = run_tool(require_tool("pdfsig"), "-nssdir", f"sql:{nss}", str(pdf)).stdout
    assert report.count("Signature is Valid.") == 2
    assert report.count("Certificate is Trusted.") == 2
    checked = run_tool(require_tool("qpdf"), "--check", str(pdf))
    assert checked.returncode == 0, checked.stdout + checked.stderr
