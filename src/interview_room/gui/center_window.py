"""The central office's view: imported cases by station and status, and the registry.

A centre with users opens on its sign-in page; what follows shows only what the user's role
allows (center/users.py): the statistics role sees counts, never the registry's rows. The
counts by station and status come from the statistics store (center/statistics_store.py), the
one store whose key every role holds; the registry is opened only for the roles that see it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_room.cases.register import CaseStatus
from interview_room.center.audit_witness import StationAuditHead, audit_flags, station_heads
from interview_room.center.registry import OpenRegistry, RegistryOrder, RegistryRow
from interview_room.center.sign_in import CenterWrongPassword
from interview_room.center.statistics_store import status_summary
from interview_room.center.stats import outcome_name
from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.center.users import CenterAction
from interview_room.errors import InterviewRoomError
from interview_room.gui.center_audit_table import CenterAuditTable
from interview_room.gui.messages import describe_error, interface_language, status_name
from interview_room.gui.pages.center_sign_in import CenterSignInPage
from interview_room.gui.table_model import Column, PagedTableModel, RowTableModel
from interview_room.gui.widgets import button, describe, label
from interview_room.store.throttle import UnlockThrottled

if TYPE_CHECKING:
    from interview_room.gui.center_publish_dialog import CenterPublishDialog

StationCount = tuple[str, str, int]
"""(station, status, number of cases): one row of the summary."""

CASE_COLUMN_ORDERS = (
    RegistryOrder.STATION,
    RegistryOrder.CASE_CODE,
    RegistryOrder.STATUS,
    RegistryOrder.OUTCOME,
    RegistryOrder.INTERVIEWED_ON,
    RegistryOrder.RECEIVED_AT,
    RegistryOrder.CONFLICTS,
)
"""What each column of the cases table sorts by, in the order the columns are shown."""
HEADING_LINES = 2
HEADING_PADDING = 16
AUDIT_ROWS_SHOWN = 3
"""The header's padding above and below its words (the style sheet's), and its border."""


class CenterWindow(QMainWindow):
    def __init__(self, center_dir: Path, center: CenterStore | None = None) -> None:
        super().__init__()
        self._center = center or CenterStore(center_dir)
        # Rows are read a page at a time as they are painted; the store sorts them.
        self._registry = OpenRegistry(self._center, RegistryOrder.RECEIVED_AT, descending=True)
        self._outcome_names: dict[str, str] = {}
        self._shows_cases = False
        self._shows_audit = False
        self._shows_center_audit = False
        self._shows_published = False
        self.setWindowTitle(self.tr("Interview Room – central office"))
        self.setMinimumSize(960, 600)
        self._build_registry_tables()
        self._build_audit_table()
        self._arrange_tables()
        refresh = self._build_actions()
        self._lay_out(refresh)
        self.sign_in_page: CenterSignInPage | None = None
        if self._center.needs_sign_in or self._center.needs_first_password:
            page = CenterSignInPage(first_password=self._center.needs_first_password)
            page.sign_in_requested.connect(self._sign_in)
            page.first_password_requested.connect(self._set_first_password)
            self.sign_in_page = page
            self._pages.addWidget(page)
            self._pages.setCurrentWidget(page)
        else:
            self._open_office()

    def _build_registry_tables(self) -> None:
        """The counts by station and status, and the registry's cases (no names)."""
        self.summary_model: RowTableModel[StationCount] = RowTableModel(
            [
                Column(self.tr("Station"), lambda row: row[0]),
                Column(self.tr("Status"), lambda row: self._status(row[1])),
                Column(self.tr("Cases"), lambda row: str(row[2]), sort_key=lambda row: row[2]),
            ]
        )
        self.summary = describe(
            QTableView(),
            self.tr("Cases by station and status"),
            self.tr("How many cases each station has in each status."),
        )
        self.cases_model: PagedTableModel[RegistryRow] = PagedTableModel(
            [
                Column(self.tr("Station"), lambda case: case.station),
                Column(self.tr("Case code"), lambda case: case.case_code),
                Column(self.tr("Status"), lambda case: self._status(case.status)),
                Column(self.tr("Outcome"), lambda case: self._outcome(case.outcome)),
                Column(self.tr("Interviewed on"), lambda case: case.interviewed_on),
                Column(self.tr("Received"), lambda case: case.received_at),
                Column(
                    self.tr("Disputed versions"),
                    lambda case: str(case.conflicts) if case.conflicts else "",
                ),
            ],
            self._registry,
            sort=self._sort_cases,
        )
        self.cases = describe(
            QTableView(),
            self.tr("Imported cases"),
            self.tr(
                "One row per case received: station, case code, status, outcome, interview "
                "date, when it arrived, and how many versions of it are kept aside for a "
                "person to resolve. No names."
            ),
        )
        self.conflicts = label("", "hint")

    def _build_audit_table(self) -> None:
        # Each station's audit log as its bundles carried it (center/audit_witness.py).
        self.audit_model: RowTableModel[StationAuditHead] = RowTableModel(
            [
                Column(self.tr("Station"), lambda head: head.station),
                Column(
                    self.tr("Audit entries"), lambda head: str(head.entries), lambda h: h.entries
                ),
                Column(
                    self.tr("Last bundle"), lambda head: str(head.sequence), lambda h: h.sequence
                ),
                # As the registry's "Received": to the minute, not the raw ISO time.
                Column(
                    self.tr("Received"),
                    lambda head: head.received_at[:16].replace("T", " "),
                    lambda h: h.received_at,
                ),
                Column(
                    self.tr("Contradictions"),
                    lambda head: str(head.flagged) if head.flagged else "",
                    lambda h: h.flagged,
                ),
            ]
        )
        self.audit = describe(
            QTableView(),
            self.tr("Station audit logs"),
            self.tr(
                "For each station, its audit log as its last bundle carried it: how many "
                "entries, and how many of its bundles contradicted an earlier one."
            ),
        )
        self.audit.setModel(self.audit_model)
        self.audit.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit.verticalHeader().hide()
        self.audit.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.audit.setTabKeyNavigation(False)
        self.audit_flags = label("", "error")

    def _arrange_tables(self) -> None:
        """Sorting, read-only rows, and headings with room for two lines."""
        # A click on a column header sorts by it; the registry comes newest first.
        for table, model, sorted_by, order in (
            (self.summary, self.summary_model, 0, Qt.SortOrder.AscendingOrder),
            (self.cases, self.cases_model, 5, Qt.SortOrder.DescendingOrder),
        ):
            # The registry's rows are given to its table only once a role allowing them signs in.
            if model is self.summary_model:
                table.setModel(model)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setSortIndicator(sorted_by, order)
            table.setSortingEnabled(True)
            table.setAlternatingRowColors(True)
            table.setTabKeyNavigation(False)
        # Equal widths clipped the registry's long headings ("Versione të kontestuara"): a
        # heading takes a second line instead, and the header has room for two. (Widths by
        # content would measure every row of a registry not yet shown.)
        # The audit table's too ("Hyrje në regjistrin e auditimit" was cut at both ends).
        for header in (self.cases.horizontalHeader(), self.audit.horizontalHeader()):
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            header.setMinimumHeight(
                HEADING_LINES * header.fontMetrics().lineSpacing() + HEADING_PADDING
            )
        # Room for three stations' rows under that taller heading (it showed one, and a
        # scroll bar, while the cases' table below stood empty).
        self.audit.setMinimumHeight(
            self.audit.horizontalHeader().minimumHeight()
            + AUDIT_ROWS_SHOWN * self.audit.verticalHeader().defaultSectionSize()
            + 2 * self.audit.frameWidth()
        )

    def _build_actions(self) -> QPushButton:
        """The buttons and notes below the tables; returns the refresh button."""
        refresh = button(
            self.tr("Refresh"),
            primary=True,
            description=self.tr("Read the registry again, with the bundles imported since."),
        )
        refresh.clicked.connect(self.refresh)
        self.password_button = button(
            self.tr("Change your password"),
            description=self.tr(
                "Give yourself a new password; the central office's database key changes too."
            ),
        )
        self.password_button.clicked.connect(self.change_password)
        # Issue 16: publishing for the stations, for a role that may (center/users.py).
        self.publish_button = button(
            self.tr("Publish for the stations…"),
            description=self.tr(
                "Check, then publish a new protocol version or directory of services for the "
                "stations."
            ),
        )
        self.publish_button.clicked.connect(self.publish)
        self.publish_button.hide()
        self.published = label("", "hint")
        self.published.hide()
        self._audit_heading = label(self.tr("Station audit logs"), "subheading")
        self._cases_heading = label(self.tr("Imported cases"), "subheading")
        self.signed_in_as = label("", "hint")
        # The centre's own audit log (center/audit_log.py), for those who may read it.
        self.center_audit = label("", "hint")
        self.center_audit.hide()
        self.center_audit_heading = label(self.tr("The central office's audit log"), "subheading")
        self.center_audit_table = CenterAuditTable()
        self.center_audit_heading.hide()
        self.center_audit_table.hide()
        return refresh

    def _lay_out(self, refresh: QPushButton) -> None:
        """One column, headings above their tables; a sign-in page may stack over it."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 16, 24, 16)
        column.addWidget(label(self.tr("Central office"), "heading"))
        column.addWidget(self.signed_in_as)
        column.addWidget(self.published)
        column.addWidget(label(self.tr("Cases by station and status"), "subheading"))
        column.addWidget(self.summary, 1)
        column.addWidget(self._audit_heading)
        column.addWidget(self.audit_flags)
        column.addWidget(self.audit, 1)
        column.addWidget(self._cases_heading)
        column.addWidget(self.conflicts)
        column.addWidget(self.cases, 3)
        column.addWidget(self.center_audit_heading)
        column.addWidget(self.center_audit)
        column.addWidget(self.center_audit_table, 2)
        column.addWidget(refresh)
        column.addWidget(self.publish_button)
        column.addWidget(self.password_button)
        self._pages = QStackedWidget()
        self._pages.addWidget(body)
        self.setCentralWidget(self._pages)

    def _sign_in(self, username: str, password: str) -> None:
        self._try_to_open(lambda: self._center.sign_in(username, password))

    def _set_first_password(self, username: str, display_name: str, password: str) -> None:
        admin = NewCenterUser(username, display_name, password)
        self._try_to_open(lambda: self._center.set_first_password(admin))

    def _try_to_open(self, attempt: Callable[[], object]) -> None:
        page = self.sign_in_page
        assert page is not None
        try:
            attempt()
        except (CenterWrongPassword, UnlockThrottled) as error:
            page.show_error(describe_error(error), error.retry_after_seconds)
            return
        except InterviewRoomError as error:
            page.show_error(describe_error(error))
            return
        page.password.clear()
        page.repeat.clear()
        self._open_office()

    def _open_office(self) -> None:
        """Show what the signed-in user's role allows, and read it."""
        user = self._center.user
        self._shows_cases = user.may(CenterAction.REGISTRY)
        self._shows_audit = self._shows_cases or user.may(CenterAction.MANAGE_USERS)
        self._shows_center_audit = user.may(CenterAction.AUDIT) and not user.unrestricted
        self.publish_button.setVisible(user.may(CenterAction.PUBLISH))
        self._shows_published = self._center.holds_registry_key and (
            user.may(CenterAction.PUBLISH) or user.may(CenterAction.REGISTRY)
        )
        self.published.setVisible(self._shows_published)
        if self._shows_cases:
            self.cases.setModel(self.cases_model)
        for widget in (self._cases_heading, self.cases, self.conflicts):
            widget.setVisible(self._shows_cases)
        for widget in (self._audit_heading, self.audit, self.audit_flags):
            widget.setVisible(self._shows_audit)
        for widget in (self.center_audit_heading, self.center_audit_table):
            widget.setVisible(self._shows_center_audit)
        self.signed_in_as.setText(
            "" if user.unrestricted else self.tr("Signed in: %1").replace("%1", user.display_name)
        )
        self.signed_in_as.setVisible(not user.unrestricted)
        self.password_button.setVisible(not user.unrestricted)
        self._pages.setCurrentIndex(0)
        self.refresh()

    def change_password(self) -> None:
        """The signed-in user's own password (a training centre without users has none)."""
        from interview_room.gui.dialogs.center_password import CenterChangePasswordDialog
        from interview_room.gui.dialogs.common import confirm_done

        dialog = CenterChangePasswordDialog(self._center, self)
        if not dialog.exec():
            return
        confirm_done(
            self,
            self.tr("Password changed"),
            self.tr("Your password is changed; use it from your next sign-in.")
            if not dialog.waiting_for
            else self.tr(
                "Your password is changed. The database key changes at the next sign-in that "
                "finds the central office free: another program has it open now."
            ),
        )

    def publish(self) -> None:
        """Check, then publish, for the stations (gui/center_publish_dialog.py)."""
        self.publish_dialog().exec()

    def publish_dialog(self) -> CenterPublishDialog:
        """The dialog; its publication is shown on this window as soon as it is done."""
        from interview_room.gui.center_publish_dialog import CenterPublishDialog

        dialog = CenterPublishDialog(self._center, self)
        dialog.published.connect(lambda _: self.refresh())  # the line, and the centre's log
        return dialog

    def _show_published(self) -> None:
        """What the stations get now: the package's number and day, its protocol versions and
        its directory's day."""
        from interview_room.center.publish_check import published_now

        try:
            package = published_now(self._center)
        except InterviewRoomError as error:
            self.published.setText(describe_error(error))
            return
        if package is None:
            self.published.setText(self.tr("Nothing is published for the stations yet."))
            return
        protocols = ", ".join(f"{p.id} {p.version}" for p in package.protocols)
        self.published.setText(
            self.tr("Published for the stations: update %1 of %2 · protocols: %3 · directory: %4")
            .replace("%1", str(package.number))
            .replace("%2", package.created_at[:10])
            .replace("%3", protocols or self.tr("those shipped with the program"))
            .replace(
                "%4",
                package.directory.published_on
                if package.directory
                else self.tr("the one shipped with the program"),
            )
        )

    def refresh(self) -> None:
        """Read the registry again; each table keeps the column it is sorted by."""
        if self._pages.currentIndex() != 0:  # nobody is signed in yet
            return
        if self._shows_cases:
            self._registry.refresh()
        self._show_summary()
        if self._shows_published:
            self._show_published()
        if self._shows_audit:
            self._show_audit()
        if self._shows_center_audit:
            self._show_center_audit()
        if self._shows_cases:
            self.cases_model.reset()
            # The newest cases are painted first; the other cases' ids are read just after.
            self.cases.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.cases.viewport() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._read_rest)  # once this paint is done
        return super().eventFilter(watched, event)

    def _read_rest(self) -> None:
        if self._shows_cases and self._registry.read_rest():  # cases arrived or changed
            self._show_summary()
            self.cases_model.reset()

    def _show_summary(self) -> None:
        registry = self._registry
        statistics = self._center.open_statistics()
        try:
            counts = sorted(status_summary(statistics).items())
        finally:
            statistics.close()
        self.summary_model.set_rows([(station, status, n) for (station, status), n in counts])
        if not self._shows_cases:
            self.conflicts.setVisible(False)
            return
        self.conflicts.setText(
            self.tr(
                "Versions kept aside: %n. They do not follow the version held. A person "
                "compares and chooses (interview-room center conflicts).",
                "",
                registry.conflicts,
            )
            if registry.conflicts
            else ""
        )
        self.conflicts.setVisible(self._shows_cases and bool(registry.conflicts))

    def _show_audit(self) -> None:
        """The stations' audit heads, and a sentence for each head that contradicted an
        earlier one (a log shortened or rewritten at the station)."""
        self.audit_model.set_rows(station_heads(self._center))
        flags = [describe_error(notice) for notice in audit_flags(self._center)]
        self.audit_flags.setText("\n".join(flags))
        self.audit_flags.setVisible(bool(flags))

    def _show_center_audit(self) -> None:
        """Whether the centre's own audit log is whole (``interview-room center audit``), and
        its entries, the newest first."""
        verdict = self._center.verify_audit()
        self.center_audit_table.show_entries(
            self._center.audit_entries(), self._center.station_names()
        )
        if verdict.intact:
            self.center_audit.setProperty("role", "hint")
            self.center_audit.setText(
                self.tr("The central office's audit log is whole: %n entries.", "", verdict.entries)
            )
        else:
            self.center_audit.setProperty("role", "error")
            self.center_audit.setText(
                self.tr(
                    "The central office's audit log was changed or shortened outside the app "
                    "(from entry %1 on). Check who can reach the centre's folder: "
                    "interview-room center audit."
                ).replace("%1", str(verdict.first_broken_seq))
            )
        self.center_audit.style().unpolish(self.center_audit)
        self.center_audit.style().polish(self.center_audit)
        self.center_audit.show()

    def _status(self, code: str) -> str:
        return status_name(CaseStatus(code)) if code in set(CaseStatus) else code

    def _outcome(self, code: str) -> str:
        """The outcome in the interface language, as the protocol names it (read once per
        code: rows are painted a page at a time)."""
        if code not in self._outcome_names:
            self._outcome_names[code] = outcome_name(code, interface_language())
        return self._outcome_names[code]

    def _sort_cases(self, column: int, descending: bool) -> bool:
        return self._registry.sort(CASE_COLUMN_ORDERS[column], descending)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._registry.close()  # reopened by a later refresh
        super().closeEvent(event)


def run_center_view(center_dir: Path, language: str | None = None) -> int:
    """Open the central registry in ``language`` (Albanian unless told otherwise)."""
    from interview_room.gui.app import create_application
    from interview_room.gui.i18n import DEFAULT_LANGUAGE, InterfaceLanguage

    app = create_application()
    InterfaceLanguage().switch(language or DEFAULT_LANGUAGE)
    window = CenterWindow(center_dir)
    window.resize(1100, 720)
    window.show()
    return app.exec()
