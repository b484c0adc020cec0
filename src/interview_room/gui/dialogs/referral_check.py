"""Checking a referral PDF at the station: the file chosen, its signatures verified with the
station's certificates and the revocations it holds, and the verdict shown with what is wrong
and, for each signature, who signed and whether it holds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from interview_room.errors import InterviewRoomError
from interview_room.gui.dialogs.common import choose_open_path, inform
from interview_room.gui.messages import describe_error
from interview_room.gui.widgets import button, label
from interview_room.referral.referrals import Referrals
from interview_room.referral.verification import (
    ProblemKind,
    ReferralCheck,
    ReferralProblem,
    ReferralStatus,
)
from interview_room.signing.pdf_signatures import ChangesAfter
from interview_room.workstation import Session

translate = QCoreApplication.translate


class VerificationDialog(QDialog):
    """The verdict on a referral PDF (complete and untouched, incomplete, or not valid), what
    is wrong with it, and for each signature: who signed, whether it holds, whether anything
    changed after it, and whether the chain reaches a trusted root."""

    def __init__(self, result: ReferralCheck, file_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check a referral"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(label(file_name, "subheading"))
        layout.addWidget(
            label(self._verdict(result.status), "question-title" if result.valid else "error")
        )
        for problem in result.problems:
            layout.addWidget(label("• " + self._problem(problem), "error"))
        if not result.signatures:
            layout.addWidget(label(self.tr("This PDF has no digital signature."), "error"))
        for check in result.signatures:
            verdict = self.tr("Valid") if result.signature_valid(check) else self.tr("NOT valid")
            layout.addWidget(
                label(
                    self.tr("%1 — %2").replace("%1", check.signer_label).replace("%2", verdict),
                    "question-title" if check.valid else "error",
                )
            )
            facts = [
                self.tr("Signed: %1").replace(
                    "%1",
                    check.signing_time.strftime("%Y-%m-%d %H:%M UTC")
                    if check.signing_time
                    else "—",
                ),
                self.tr("The signature matches the document")
                if check.intact
                else self.tr("The document was changed after this signature"),
                self.tr("The certificate chain reaches a trusted root")
                if check.trusted
                else self.tr("The certificate chain does not reach a trusted root"),
            ]
            if check.revoked:
                facts.append(self.tr("The signer's certificate was revoked"))
            if check.changes_after is ChangesAfter.ONLY_LATER_SIGNATURES:
                facts.append(self.tr("After it, only a further signature was added"))
            elif check.changes_after is ChangesAfter.ONLY_VALIDATION_DATA:
                facts.append(self.tr("After it, only certificates and revocation lists were added"))
            elif check.changes_after is ChangesAfter.OTHER_CHANGES:
                facts.append(self.tr("After it, the content was changed"))
            for fact in facts:
                layout.addWidget(label("• " + fact, "hint"))
        close = button(
            self.tr("Close"), primary=True, description=self.tr("Close the result of the check.")
        )
        close.clicked.connect(self.accept)
        layout.addWidget(close)

    def _verdict(self, status: ReferralStatus) -> str:
        return {
            ReferralStatus.VALID: self.tr(
                "Complete and untouched: signed by the officer and the social worker"
            ),
            ReferralStatus.INCOMPLETE: self.tr("Incomplete: a signature is missing"),
            ReferralStatus.INVALID: self.tr("NOT valid: do not rely on this referral"),
        }[status]

    def _problem(self, problem: ReferralProblem) -> str:
        officer = problem.field == "officer"
        sentences = {
            ProblemKind.NOT_SIGNED: self.tr("The border police officer has not signed."),
            ProblemKind.NOT_COUNTERSIGNED: self.tr("The social worker has not signed yet."),
            ProblemKind.FIELDS_DIFFER: self.tr(
                "The form's signature fields are not exactly the officer's and the social worker's."
            ),
            ProblemKind.OTHER_FORM_FIELDS: self.tr(
                "The form has fields that a referral never has."
            ),
            ProblemKind.UNEXPECTED_SIGNATURE: self.tr(
                "The form carries a signature that is not part of a referral, or signatures"
                " in the wrong order."
            ),
            ProblemKind.NOT_CERTIFIED: self.tr(
                "The officer's signature does not certify the form."
            ),
            ProblemKind.WRONG_ROLE: self.tr(
                "The officer's field is signed with a certificate that is not a border police"
                " officer's."
            )
            if officer
            else self.tr(
                "The social worker's field is signed with a certificate that is not a social"
                " worker's."
            ),
            ProblemKind.NOT_INTACT: self.tr(
                "A signature does not match the document: the signed content was altered."
            ),
            ProblemKind.NOT_TRUSTED: self.tr(
                "A signer's certificate does not reach a trusted root."
            ),
            ProblemKind.REVOKED: self.tr("A signer's certificate has been revoked."),
            ProblemKind.REVOCATIONS_UNCHECKED: self.tr(
                "The revocations from the central office held at this station cannot be read,"
                " so whether a signer has been revoked cannot be checked."
            ),
            ProblemKind.CHANGED_AFTER: self.tr(
                "The document was changed after it was signed (fields, annotations, page"
                " content or pages)."
            ),
        }
        return sentences[problem.kind]


def check_referral_file(session: Session, parent: QWidget) -> None:
    title = translate("ReferralActions", "Check a referral")
    chosen = choose_open_path(parent, title, "PDF (*.pdf)")
    if chosen is None:
        return
    try:
        result = Referrals(session).verify(chosen.read_bytes())
    except (InterviewRoomError, OSError) as error:
        inform(parent, title, describe_error(error, admin=session.user.is_admin))
        return
    VerificationDialog(result, chosen.name, parent).exec()
