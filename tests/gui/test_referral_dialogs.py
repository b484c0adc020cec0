"""Referrals from the case summary: two signers, each with their own password; then the check."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.cases.register import CaseStatus
from interview_room.gui.dialogs.referral_check import VerificationDialog
from interview_room.gui.dialogs.referrals import CountersignDialog, NewReferralDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.screening import Answer
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario, scenario_answers
from interview_room.workstation import Workstation
from tests.external_tools import require_tool
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import on_next_dialog, texts
from tests.gui.modal import on_next_modal, read_and_close_next_message
from tests.referral.attacks import strip_to_revision_of

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")


def _decided_case(home: Path) -> str:
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = Workstation(home).unlock(*OFFICER)
    result = run_scenario(
        officer,
        ProtocolLibrary().current(),
        ScenarioPath.ADULT_POSITIVE,
        "Arta Provaj",
        0,
        worker.id,
    )
    case_id = next(c.id for c in officer.cases.search() if c.code == result.case_code)
    officer.logout()
    return case_id


def _ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_officer_then_social_worker_sign_and_the_check_says_valid(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, tmp_path: Path
) -> None:
    case_id = _decided_case(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    window.resize(1180, 760)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    # The next step after a decision is in view and has focus, however long the case is.
    button = summary.new_referral_button
    assert button is not None
    qtbot.waitUntil(button.isVisible)
    assert button.mapTo(window, button.rect().bottomLeft()).y() <= window.height()
    assert button.hasFocus()
    assert "No referral has been made yet." in texts(summary)

    def countersign(dialog: QDialog) -> None:
        assert isinstance(dialog, CountersignDialog)
        assert dialog.worker.currentData() == WORKER[0], "the case's social worker is proposed"
        dialog.password.setText(WORKER[1])
        _ok(dialog)

    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, NewReferralDialog)
        dialog.recipient.setCurrentIndex(dialog.recipient.findData("responsible_authority"))
        assert "consent given" in dialog.recipient.currentText()
        dialog.password.setText(OFFICER[1])
        on_next_dialog(countersign)
        _ok(dialog)

    on_next_dialog(create)
    assert summary.new_referral_button is not None, "the decided case offers a referral"
    summary.new_referral_button.click()
    qtbot.waitUntil(
        lambda: isinstance(window.page, CaseSummaryPage) and window.page is not summary,
        timeout=10_000,
    )
    refreshed = window.page
    assert isinstance(refreshed, CaseSummaryPage)
    assert "signed by the officer and the social worker" in texts(refreshed)
    # A line says what just happened, and the signed referral is scrolled into view.
    (row,) = refreshed.referral_rows
    number = Referrals(window.session).for_case(case_id)[0].document_number  # type: ignore[arg-type]
    assert refreshed.notice.isVisible() and number in refreshed.notice.text()
    assert "signed by the officer and the social worker" in refreshed.notice.text()
    qtbot.waitUntil(lambda: not row.visibleRegion().isEmpty())
    session = window.session
    assert session is not None
    assert session.cases.get(case_id).status is CaseStatus.REFERRED

    (record,) = Referrals(session).for_case(case_id)
    pdf = Referrals(session).pdf(record.id)
    dialog = VerificationDialog(Referrals(session).verify(pdf), "referral.pdf", window)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = texts(dialog)
    assert shown.count("Valid") >= 2 and "NOT valid" not in shown
    assert "The certificate chain reaches a trusted root" in shown
    assert "Complete and untouched" in shown

    tampered = bytearray(pdf)
    tampered[tampered.index(b"/Title") + 8] ^= 0x01
    bad = VerificationDialog(Referrals(session).verify(bytes(tampered)), "bad.pdf", window)
    qtbot.addWidget(bad)
    bad.show()
    assert "NOT valid" in texts(bad)

    # Issue 13: the countersignature cut off is an incomplete form, said in words.
    stripped = strip_to_revision_of(pdf, "officer")
    incomplete = VerificationDialog(Referrals(session).verify(stripped), "stripped.pdf", window)
    qtbot.addWidget(incomplete)
    incomplete.show()
    assert "Incomplete: a signature is missing" in texts(incomplete)
    assert "The social worker has not signed yet." in texts(incomplete)


# -- issue 11: where exports open, what they say, and the person's language on the form ---------


def _decided_case_in(home: Path, person_language: str) -> str:
    """A decided adult case whose person speaks ``person_language``, made through the core."""
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = Workstation(home).unlock(*OFFICER)
    interview = Interview.begin(
        officer, ProtocolLibrary().current(), person_language, "Arta Provaj", worker.id
    )
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    while True:
        pending = [
            question.id
            for question in interview.visible_questions(interview.current_section)
            if question.id in answers and question.id not in interview.answers
        ]
        if pending:
            interview.answer(Answer.given(pending[0], answers[pending[0]]))
            continue
        following = interview.next_section()
        if following is None:
            break
        interview.go_to(following)
    interview.record_decision("potential_victim", "Synthetic case: unpaid, not free to leave.")
    case_id = interview.case.id
    officer.logout()
    return case_id


def _signed_referral(home: Path) -> str:
    case_id = _decided_case(home)
    officer = Workstation(home).unlock(*OFFICER)
    referrals = Referrals(officer)
    record = referrals.create(
        Interview.resume(officer, case_id, ProtocolLibrary()),
        recipient="responsible_authority",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    referrals.countersign(record.id, *WORKER)
    officer.logout()
    return case_id


def _export(qtbot: QtBot, summary: CaseSummaryPage, target: Path) -> tuple[Path, list[str]]:
    """Press the referral's Export button, say yes, save as ``target`` (a new file); return
    where the file window opened and the messages shown after it."""
    opened_in: list[Path] = []
    said: list[str] = []

    def save(file_window: QFileDialog) -> None:
        opened_in.append(Path(file_window.directory().absolutePath()))
        read_and_close_next_message(said)
        file_window.selectFile(str(target))
        file_window.accept()

    def yes(question: QMessageBox) -> None:
        on_next_modal(QFileDialog, save)
        question.button(QMessageBox.StandardButton.Yes).click()

    on_next_modal(QMessageBox, yes)
    (export,) = [
        b for b in summary.referral_rows[0].findChildren(QPushButton) if "Export" in b.text()
    ]
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)  # returns once every window closed
    assert target.is_file()
    return opened_in[0], said


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with Documents; the program runs from another folder."""
    home = tmp_path / "user"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    return home


def test_export_opens_in_documents_then_where_the_user_saved_last(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, tmp_path: Path, user_home: Path
) -> None:
    case_id = _signed_referral(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    usb = tmp_path / "usb"
    usb.mkdir()

    opened_in, _ = _export(qtbot, summary, usb / "first.pdf")
    assert opened_in == user_home / "Documents"
    opened_in, _ = _export(qtbot, summary, usb / "second.pdf")
    assert opened_in == usb, "the second export opens where the first was saved"


def test_export_says_what_was_saved_and_where(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, tmp_path: Path, user_home: Path
) -> None:
    case_id = _signed_referral(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)

    target = tmp_path / "referral.pdf"
    _, said = _export(qtbot, summary, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert len(said) == 1
    assert "was saved as" in said[0] and str(target) in said[0]


@pytest.mark.parametrize(("form", "named"), [("sq", "Arabisht"), ("en", "Arabic")])
def test_the_persons_language_is_named_in_the_language_of_the_form(
    qtbot: QtBot,
    make_window: WindowFactory,
    station_home: Path,
    tmp_path: Path,
    form: str,
    named: str,
) -> None:
    case_id = _decided_case_in(station_home, "ar")
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)

    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, NewReferralDialog)
        dialog.form_language.setCurrentIndex(dialog.form_language.findData(form))
        dialog.password.setFocus()
        qtbot.keyClicks(dialog.password, OFFICER[1])
        on_next_modal(CountersignDialog, lambda later: later.reject())
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    on_next_dialog(create)
    qtbot.mouseClick(summary.new_referral_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None
    (record,) = Referrals(session).for_case(case_id)
    require_tool("pdftotext")
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(Referrals(session).pdf(record.id))
    printed = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert named in printed
    line = next(line for line in printed.splitlines() if named in line)
    assert ("Gjuha e personit" if form == "sq" else "Language of the person") in line
    assert "العربية" not in printed


def test_an_administrator_is_told_before_filling_in_a_referral_that_an_officer_signs_first(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Seen: an administrator ran an interview, filled in the referral form and was refused at
    the end ("Only a border police officer…")."""
    case_id = _decided_case(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    assert summary.new_referral_button is not None
    assert not summary.new_referral_button.isEnabled()
    assert "signed first by a border police officer" in texts(summary)


def test_a_childs_form_warns_calmly_while_the_duty_telephone_is_not_set(
    qtbot: QtBot, station_home: Path
) -> None:
    """Eighth practitioner's review, finding 8: the form then says to call the Border Police at
    the station, never an administrator's set-up words; the officer is told before signing."""
    from interview_room.gui.dialogs.referrals import NewReferralDialog as Dialog
    from tests.gui.test_referral_telling import _choose, _officer_with

    officer, child = _officer_with(station_home, ScenarioPath.CHILD, 0)
    dialog = Dialog(officer, child, "en", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _choose(dialog, "child_protection_unit")
    assert dialog.phone_warning.isVisible()
    assert "duty telephone is not set" in dialog.phone_warning.text()
    printed = dialog.preview.toPlainText()
    assert "Për t'u rikontaktuar: Policia Kufitare," in printed  # the form's default: sq
    assert "administrator" not in printed and "cilësimet" not in printed
    dialog.reject()
    officer.logout()

    admin = Workstation(station_home).unlock(*ADMIN)
    admin.set_duty_phone("+355 69 000 0000")
    admin.logout()
    officer = Workstation(station_home).unlock(*OFFICER)
    again = Dialog(officer, Interview.resume(officer, child.case.id, ProtocolLibrary()), "en", None)
    qtbot.addWidget(again)
    again.show()
    _choose(again, "child_protection_unit")
    assert not again.phone_warning.isVisible()
    assert "telefoni i shërbimit +355 69 000 0000" in again.preview.toPlainText()
    officer.logout()
