"""Making, co-signing and exporting referral forms (checking one: ``referral_check.py``).

Each signature needs its signer's own password, typed at this PC; the second signature is a
social worker's. Exporting writes the signed PDF where the user chooses, and is audited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from interview_room.accounts import Role
from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import (
    FormDialog,
    ask,
    busy_cursor,
    choose_save_path,
    confirm_done,
    inform,
)
from interview_room.gui.dialogs.own_words import OwnWordsChoice
from interview_room.gui.form_pages import FormPagesView
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import describe, label, line_edit
from interview_room.interview.interview import Interview
from interview_room.referral.content import FORM_LANGUAGES, Urgency, as_text
from interview_room.referral.countersigning import FormChangedSinceShown, FormToCountersign
from interview_room.referral.informing import (
    agreed_referrals_held_in_memory,
    legal_referral_script,
    script_language,
    storage_refused,
)
from interview_room.referral.recipients import possible_basis
from interview_room.referral.referrals import ReferralRecord, Referrals
from interview_room.screening import text
from interview_room.workstation import Session

translate = QCoreApplication.translate
PREVIEW_LINES = 14
PREVIEW_WIDTH = 900
"""Lines of the referral's words shown at least; the dialog gives the preview more when the
screen has room."""
PREVIEW_LINES_AT_LEAST = 5
"""Lines of the preview kept on a small screen, when everything else must fit too."""
FRAME_ALLOWANCE = 40
"""Pixels kept for the window manager's title bar and frame below the screen's height."""


def unstored_warning_words(interview: Interview) -> str:
    """Said where a referral the person agreed to is made while no record of them is kept
    (second practitioner's review, finding 12)."""
    if storage_refused(interview):
        return translate(
            "ReferralActions",
            "Storage refused: sign the referrals the person agreed to before leaving this "
            "screen — nothing is kept after.",
        )
    return translate(
        "ReferralActions",
        "No record is kept: sign the referrals the person agreed to before leaving this "
        "screen — nothing is kept after.",
    )


class NewReferralDialog(FormDialog):
    """Recipient, language and urgency, then the officer's password for the first signature."""

    def __init__(
        self, session: Session, interview: Interview, language: str, parent: QWidget | None
    ) -> None:
        super().__init__(
            self.tr("New referral"),
            self.tr(
                "Each recipient receives only what it needs: with the person's consent, or where "
                "a law requires it (the form then names the law). Below is exactly what it will "
                "receive."
            ),
            parent,
        )
        self._session = session
        self._interview = interview
        self.created: ReferralRecord | None = None
        self._make_choices(interview, language)
        self.password = line_edit(
            self.tr("Your password, to sign"),
            password=True,
            description=self.tr("Your own password: it signs the form in your name."),
        )
        self.preview = describe(
            QPlainTextEdit(),
            self.tr("What the recipient will receive"),
            self.tr("Every section and line printed on this recipient's form, before you sign."),
        )
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setMinimumHeight(self.preview.fontMetrics().lineSpacing() * PREVIEW_LINES)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.describe_ok(
            self.tr("Make the referral form and sign it as the officer."), self.tr("Sign")
        )
        self.form.addRow(self.tr("Referred to"), self.recipient)
        self.form.addRow(self.tr("Language of the form"), self.form_language)
        self.form.addRow(self.tr("Urgency"), self.urgency)
        # The form's words take the dialog's whole width and the height left, to be read
        # before signing (beside the labels they had half the width and a dozen lines).
        self.form.addRow(label(self.tr("What the recipient will receive"), "question-title"))
        self.form.addRow(self.preview)
        self.own_words = OwnWordsChoice()  # free text: read, and left out if need be
        self.own_words.changed.connect(self.show_preview)
        self.form.addRow(self.own_words)
        self._add_warnings(interview)
        self._add_telling()
        for choice in (self.recipient, self.form_language, self.urgency):
            choice.currentIndexChanged.connect(self.show_preview)
        self.show_preview()
        self.form.addRow(
            self.tr("Your password, to sign as %1").replace("%1", session.user.display_name),
            self.password,
        )
        # Wide and tall enough to read the form comfortably, within the screen.
        available = self.screen().availableGeometry()
        self.resize(min(PREVIEW_WIDTH, available.width() - 40), self.height())
        self._fit_to_screen()

    def _make_choices(self, interview: Interview, language: str) -> None:
        """The recipient (with the basis for each), the form's language and the urgency."""
        protocol = interview.protocol
        self.recipient = describe(
            QComboBox(),
            self.tr("Referred to"),
            self.tr("Who receives the referral, and whether the person agreed to share with them."),
        )
        for recipient in protocol.referral_recipients:
            basis = possible_basis(interview, recipient)
            if basis is None:
                note = self.tr("no consent: no referral")
            elif basis.consented:
                note = self.tr("consent given")
            else:
                note = self.tr("required by law, without consent")
            name = text(protocol, language, f"recipient.{recipient}")
            self.recipient.addItem(f"{name} — {note}", recipient)
        self.form_language = describe(
            QComboBox(),
            self.tr("Language of the form"),
            self.tr("The language the referral form is printed in."),
        )
        for code, name in (("sq", "Shqip"), ("en", "English")):
            if code in FORM_LANGUAGES:
                self.form_language.addItem(name, code)
        self.urgency = describe(
            QComboBox(),
            self.tr("Urgency"),
            self.tr("How soon the recipient must act on the referral."),
        )
        for urgency, words in (
            (Urgency.IMMEDIATE, self.tr("Immediate")),
            (Urgency.WITHIN_24_HOURS, self.tr("Within 24 hours")),
            (Urgency.ROUTINE, self.tr("Routine")),
        ):
            self.urgency.addItem(words, urgency.value)

    def _add_warnings(self, interview: Interview) -> None:
        """What is lost without a record kept, and a form with no duty telephone to print."""
        # Without a record kept, what the person said lives in memory until the session ends:
        # a referral they agreed to is lost unless signed now (second review, finding 12).
        self.unstored_warning = label(unstored_warning_words(interview), "error")
        self.form.addRow(self.unstored_warning)
        # A child's form or one made by law tells its receiver whom to call back: said calmly
        # before signing when there is no number to print (eighth review, finding 8).
        self.phone_warning = label(
            self.tr(
                "The station's duty telephone is not set: this form will tell the recipient to "
                "call the Border Police at this station, with no number. If you can, ask an "
                "administrator to add it in the station settings before you sign."
            ),
            "notice",
        )
        self.form.addRow(self.phone_warning)

    def _fit_to_screen(self) -> None:
        """As tall as the screen allows: the preview gives up lines (down to
        ``PREVIEW_LINES_AT_LEAST``, it scrolls) when the person's own words and the words read
        by law are shown too, so the password and the Sign button stay on a 1366x768 screen."""
        layout = self.layout()
        if layout is None:
            return
        available = self.screen().availableGeometry()
        limit = available.height() - FRAME_ALLOWANCE
        line = self.preview.fontMetrics().lineSpacing()
        self.preview.setMinimumHeight(line * PREVIEW_LINES)
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else (layout.totalSizeHint().height())
        )
        if needed > limit:
            self.preview.setMinimumHeight(
                max(line * PREVIEW_LINES_AT_LEAST, line * PREVIEW_LINES - (needed - limit))
            )
            layout.activate()
            needed = min(needed, limit)
        self.resize(self.width(), min(limit, max(needed, int(available.height() * 0.9))))

    def _add_telling(self) -> None:
        """Where the law requires the referral without consent, the words to read to the person
        and the tick that they were told: the rights script promised to say so (second review,
        finding 10). Signing waits for the tick; the signature records it."""
        self.telling = QWidget()
        column = QVBoxLayout(self.telling)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            label(
                self.tr(
                    "Required by law, without the person's consent: read this to the person "
                    "before you sign (through the interpreter, if there is one)"
                ),
                "question-title",
            )
        )
        self.script = label("", "person")
        self.script.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.script)
        self.told = describe(
            QCheckBox(self.tr("The person was told")),
            self.tr("The person was told"),
            self.tr(
                "Tick once you have read the words above to the person: the referral can then "
                "be signed, and the audit log records that they were told."
            ),
        )
        self.told.toggled.connect(self._update_sign)
        column.addWidget(self.told)
        self.form.addRow(self.telling)

    def _show_telling(self) -> None:
        recipient = str(self.recipient.currentData())
        language = script_language(
            self._interview.person_language, str(self.form_language.currentData())
        )
        script = legal_referral_script(self._interview, recipient, language)
        if script is None or script.words != self.script.text():
            self.told.setChecked(False)  # other words: told again
        self.telling.setVisible(script is not None)
        self.script.setText("" if script is None else script.words)
        self.unstored_warning.setVisible(
            recipient in agreed_referrals_held_in_memory(self._interview)
        )
        self.phone_warning.setVisible(self._call_back_has_no_number(recipient))
        self._update_sign()

    def _call_back_has_no_number(self, recipient: str) -> bool:
        """No duty telephone is set, and the form is a presumed child's or made by law."""
        if self._session.settings().duty_phone:
            return False
        basis = possible_basis(self._interview, recipient)
        by_law = basis is not None and not basis.consented
        return self._interview.presumed_child or by_law

    @property
    def telling_needed(self) -> bool:
        return bool(self.script.text())

    def _update_sign(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            not self.telling_needed or self.told.isChecked()
        )

    def show_preview(self) -> None:
        """The form's words for the chosen recipient and language, as they will be printed."""
        self._show_telling()
        self.own_words.show_for(self._interview, str(self.recipient.currentData()))
        if self.isVisible():  # other blocks shown: the preview gives up lines to fit
            self._fit_to_screen()
        try:
            document = Referrals(self._session).preview(
                self._interview,
                recipient=str(self.recipient.currentData()),
                language=str(self.form_language.currentData()),
                urgency=Urgency(str(self.urgency.currentData())),
                leave_out_own_words=self.own_words.left_out,
            )
        except InterviewRoomError as error:
            self.preview.setPlainText(describe_error(error, admin=self._session.user.is_admin))
            return
        self.preview.setPlainText(as_text(document))

    def apply(self) -> bool:
        try:
            self.created = Referrals(self._session).create(
                self._interview,
                recipient=str(self.recipient.currentData()),
                language=str(self.form_language.currentData()),
                urgency=Urgency(str(self.urgency.currentData())),
                officer_password=self.password.text(),
                person_told=self.telling_needed and self.told.isChecked(),
                leave_out_own_words=self.own_words.left_out,
            )
        except InterviewRoomError as error:
            self.password.clear()
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            return False
        return True


class CountersignDialog(FormDialog):
    """The social worker reads the stored form, page by page, and signs it second with their
    own password.

    What is shown is the stored PDF itself, the bytes she signs, not words rebuilt from the
    record: a form that lacks its officer's valid certification, or that does not say what the
    referral's record says, is refused before it is shown (``referral/countersigning.py``),
    and a form that changes in the store after it was shown is refused at signing."""

    def __init__(
        self,
        session: Session,
        referral: ReferralRecord,
        suggested_user_id: str | None,
        parent: QWidget | None,
    ) -> None:
        # Checked before anything is shown: a form that is not its officer's certified form
        # for this referral is neither shown nor signable.
        shown: FormToCountersign | None = None
        refusal: Exception | None = None
        try:
            with busy_cursor():
                shown = Referrals(session).form_to_countersign(referral.id)
        except (InterviewRoomError, OSError) as error:
            refusal = error
        super().__init__(
            translate("CountersignDialog", "Sign as social worker"),
            translate(
                "CountersignDialog",
                "Read the form below: it is the very file you sign, page by page. Then the social"
                " worker types their own password. The officer's signature stays.",
            )
            if shown is not None
            else translate(
                "CountersignDialog",
                "The form stored for this referral is not shown and cannot be signed: nothing"
                " was signed.",
            ),
            parent,
        )
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._session = session
        self._referral = referral
        self.shown = shown
        self.pages: FormPagesView | None = None
        if shown is not None:
            try:
                with busy_cursor():
                    self.pages = FormPagesView(shown.pdf)
            except (InterviewRoomError, OSError) as error:
                refusal = error
        if refusal is not None:
            self.shown = None
            self.show_error(describe_error(refusal, admin=session.user.is_admin))
        self._make_signer(session, suggested_user_id)
        self.describe_ok(self.tr("Add the social worker's signature to the form."), self.tr("Sign"))
        if self.shown is None or self.pages is None:
            self._cannot_sign()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).hide()
            for unused in (self.worker, self.password):  # owned by the dialog, never shown
                unused.setParent(self)
                unused.hide()
        else:
            self._show_form(referral, self.shown, self.pages)

    def _make_signer(self, session: Session, suggested_user_id: str | None) -> None:
        """The social worker who signs second, and their password."""
        self.worker = describe(
            QComboBox(),
            self.tr("Social worker"),
            self.tr("The social worker who signs second."),
        )
        for user in session.users.all():
            if user.active and user.role is Role.SOCIAL_WORKER:
                self.worker.addItem(user.display_name, user.username)
                if user.id == suggested_user_id:
                    self.worker.setCurrentIndex(self.worker.count() - 1)
        self.password = line_edit(
            self.tr("Social worker's password"),
            password=True,
            description=self.tr("Typed by the social worker: it signs the form in their name."),
        )

    def _show_form(
        self, referral: ReferralRecord, shown: FormToCountersign, pages: FormPagesView
    ) -> None:
        """The certified form's pages, then who signs and their password."""
        self.form.addRow(
            label(
                self.tr("The form %1, certified by %2: read every page before you sign")
                .replace("%1", referral.document_number)
                .replace("%2", shown.officer_signer),
                "question-title",
            )
        )
        pages.setMinimumHeight(320)
        self.form.addRow(pages)
        self.form.addRow(self.tr("Social worker"), self.worker)
        self.form.addRow(self.tr("Social worker's password"), self.password)
        available = self.screen().availableGeometry()
        self.resize(
            min(PREVIEW_WIDTH, available.width() - 40),
            max(self.sizeHint().height(), int(available.height() * 0.9)),
        )

    def _cannot_sign(self) -> None:
        """Nothing here may be signed: only Cancel is left."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.worker.setEnabled(False)
        self.password.setEnabled(False)

    def apply(self) -> bool:
        if self.shown is None:
            return False
        if self.worker.count() == 0:
            self.show_error(self.tr("There is no social worker on this workstation."))
            return False
        try:
            Referrals(self._session).countersign(
                self._referral.id,
                str(self.worker.currentData()),
                self.password.text(),
                shown=self.shown,
            )
        except InterviewRoomError as error:
            self.password.clear()
            self.show_error(describe_error(error, admin=self._session.user.is_admin))
            if isinstance(error, FormChangedSinceShown):
                self._cannot_sign()
            return False
        return True


def export_referral(session: Session, referral: ReferralRecord, parent: QWidget) -> Path | None:
    """Ask where to save the signed PDF, warn that it holds personal data, write it (audited),
    and say where it went."""
    title = translate("ReferralActions", "Export the referral")
    if not ask(
        parent,
        title,
        translate(
            "ReferralActions",
            "The PDF holds the person's data. Save it only where the referral must go (the "
            "official USB stick), and delete copies you no longer need.",
        ),
    ):
        return None
    chosen = choose_save_path(parent, title, f"{referral.document_number}.pdf", "PDF (*.pdf)")
    if chosen is None:
        return None
    try:
        written = Referrals(session).export(referral.id, chosen)
    except (InterviewRoomError, OSError) as error:
        inform(parent, title, describe_error(error, admin=session.user.is_admin))
        return None
    confirm_done(
        parent,
        translate("ReferralActions", "Referral exported"),
        translate("ReferralActions", "The signed referral %1 was saved as:\n%2")
        .replace("%1", referral.document_number)
        .replace("%2", str(written)),
    )
    return written
