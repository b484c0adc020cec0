"""The central office's own audit log as an administrator reads it: one row per entry, the
newest first, with the time, the user, the event and the station in words, and the entry's
numbers (``center/audit_log.py``). Entries hold usernames, station ids, codes and numbers,
never anything about a person; the chain's hashes are checked, not shown."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.users import CenterRole
from interview_room.gui.table_model import Column, RowTableModel
from interview_room.gui.widgets import describe
from interview_room.store.audit import AuditEntry

STATION_EVENTS = frozenset(
    {
        CenterAuditEvent.STATION_ENROLLED.value,
        CenterAuditEvent.STATION_REVOKED.value,
        CenterAuditEvent.BUNDLE_IMPORTED.value,
        CenterAuditEvent.REVOCATION_LIST_REFUSED.value,
    }
)
"""Events whose subject is a station; the others name a user, if anything."""
TIME_COLUMN = 0


class CenterAuditTable(QTableView):
    """The centre's audit entries, newest first; read-only. A click on the time heading
    turns the order round."""

    def __init__(self) -> None:
        super().__init__()
        self._station_names: Mapping[str, str] = {}
        self.entries_model: RowTableModel[AuditEntry] = RowTableModel(
            [
                Column(self.tr("Time (UTC)"), lambda entry: _time(entry.at), lambda e: e.seq),
                Column(self.tr("User"), lambda entry: entry.actor or ""),
                Column(self.tr("Event"), lambda entry: self.event_name(entry.event)),
                Column(self.tr("Station"), self.station),
                Column(self.tr("Details"), self.details),
            ]
        )
        describe(
            self,
            self.tr("The central office's audit log"),
            self.tr(
                "One row per entry, the newest first: when, which user, what was done, at "
                "which station, and its numbers. Nothing about a person."
            ),
        )
        self.setModel(self.entries_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setSortIndicator(TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)

    def show_entries(self, entries: Sequence[AuditEntry], station_names: Mapping[str, str]) -> None:
        """Show ``entries`` in the order the table is sorted by (the newest first at start),
        each station by its name in ``station_names`` (by id)."""
        self._station_names = station_names
        self.entries_model.set_rows(entries)

    def station(self, entry: AuditEntry) -> str:
        """The station an entry is about, by name ("Morinë (MOR)"; its id if unknown)."""
        if entry.event not in STATION_EVENTS or not entry.subject:
            return ""
        return self._station_names.get(entry.subject, entry.subject)

    def event_name(self, event: str) -> str:
        """The event in the interface language (a code the app does not know stays a code)."""
        names = {
            CenterAuditEvent.CENTER_CREATED: self.tr("Central office set up"),
            CenterAuditEvent.FIRST_PASSWORD_SET: self.tr("First password set"),
            CenterAuditEvent.SIGN_IN: self.tr("Signed in"),
            CenterAuditEvent.SIGN_IN_FAILED: self.tr("Failed sign-in"),
            CenterAuditEvent.FAILED_SIGN_INS_UNLISTED: self.tr("Failed sign-ins, counted only"),
            CenterAuditEvent.FAILED_SIGN_INS_REMOVED: self.tr(
                "Record of failed sign-ins removed outside the app"
            ),
            CenterAuditEvent.FAILED_SIGN_INS_TAKEN: self.tr("Failed sign-ins recorded"),
            CenterAuditEvent.USER_ADDED: self.tr("User added"),
            CenterAuditEvent.USER_REMOVED: self.tr("User removed"),
            CenterAuditEvent.PASSWORD_CHANGED: self.tr("Password changed"),
            CenterAuditEvent.SLOT_UNEXPLAINED: self.tr("Key slot no entry explains, taken away"),
            CenterAuditEvent.STORE_REKEYED: self.tr("Database key changed"),
            CenterAuditEvent.STORE_REKEY_DUE: self.tr("Database key change waiting"),
            CenterAuditEvent.STATION_ENROLLED: self.tr("Station enrolled"),
            CenterAuditEvent.STATION_REVOKED: self.tr("Station revoked"),
            CenterAuditEvent.BUNDLE_IMPORTED: self.tr("Bundle imported"),
            CenterAuditEvent.STATISTICS_EXPORTED: self.tr("Statistics exported"),
            CenterAuditEvent.PACKAGE_PUBLISHED: self.tr("Centre package published"),
            CenterAuditEvent.PROTOCOL_WITHDRAWN: self.tr("Protocol version withdrawn"),
            CenterAuditEvent.SEEN_BEFORE_KEY_ROTATED: self.tr("Seen-before key changed"),
            CenterAuditEvent.SEEN_BEFORE_SECTION_TRIMMED: self.tr(
                "Old seen-before key versions left out of the package"
            ),
            CenterAuditEvent.STATISTICS_STORE_REBUILT: self.tr(
                "Statistics store built again from the registry"
            ),
            CenterAuditEvent.OUTBOX_ENTRIES_REFUSED: self.tr(
                "Statistics users' entries not taken into the log"
            ),
            CenterAuditEvent.REVOCATION_LIST_REFUSED: self.tr(
                "A station's revocation list not kept"
            ),
        }
        known = {event.value: name for event, name in names.items()}
        return known.get(event, event)

    def details(self, entry: AuditEntry) -> str:
        """The entry's user named as its subject and its numbers, in words; the journal's
        hashes are left out (the chain is checked, not read)."""
        try:
            detail = json.loads(entry.detail)
        except ValueError:
            detail = {}
        if not isinstance(detail, dict):
            detail = {}
        parts: list[str] = []
        if entry.subject and entry.event not in STATION_EVENTS:
            parts.append(self.tr("user %1").replace("%1", entry.subject))
        for key, value in detail.items():
            if key == "failures_hash":
                continue
            part = self._detail(str(key), value)
            if part:
                parts.append(part)
        return "; ".join(parts)

    def _detail(self, key: str, value: object) -> str:
        text = str(value)
        words = self._value_words()
        if key == "at":
            text = _time(text)
        if key in words:
            return words[key].replace("%1", text)
        if key == "attempted":
            if value == "unknown":
                return self.tr("a username the centre does not have")
            return self.tr("username tried: %1").replace("%1", text)
        if key == "role":
            return self._role(text)
        if key == "reason":
            return self._reason(text)
        if key == "store":  # which of the centre's two keys (center/key_split.py)
            return {
                "registry": self.tr("the registry's key"),
                "statistics": self.tr("the statistics key"),
            }.get(text, text)
        if key == "training":
            return self.tr("training") if value is True else ""
        if key == "protocol":
            return self.tr("a protocol") if value is True else self.tr("the directory")
        return f"{key}: {text}"

    def _value_words(self) -> dict[str, str]:
        """The words around a detail's value (``%1``), by the detail's key."""
        return {
            "bundle": self.tr("bundle no. %1"),
            "imported": self.tr("%1 records stored"),
            "failures": self.tr("failed sign-ins so far: %1"),
            "n": self.tr("failed sign-in no. %1"),
            "at": self.tr("tried at %1"),
            "count": self.tr("%1 failed sign-ins"),
            "recorded": self.tr("%1 recorded before"),
            "found": self.tr("%1 found now"),
            "waiting": self.tr("%1 other programs have the store open"),
            "from": self.tr("from %1"),
            "to": self.tr("to %1"),
            "format": self.tr("format %1"),
            "number": self.tr("package no. %1"),
            "protocol_id": self.tr("protocol %1"),
            "withdrawn": self.tr("version %1 withdrawn"),
            "revocations": self.tr("%1 revoked certificates"),
            "key_version": self.tr("key version %1"),
            "bytes": self.tr("%1 bytes"),
            "position": self.tr("list no. %1 in the bundle"),
        }

    def _reason(self, code: str) -> str:
        return {
            "due": self.tr("a change left waiting earlier"),
            "user_removed": self.tr("after a user was removed"),
            "password_changed": self.tr("after a password change"),
            "roles_split": self.tr("when the registry and the statistics were given separate keys"),
            "oversize": self.tr("larger than a station's list can be"),
            "number_from_the_future": self.tr("numbered as if made in the future"),
            "more_entries_than_certificates": self.tr(
                "more entries than the station has certificates"
            ),
            "drops_a_serial": self.tr("it leaves out a certificate the list kept here revokes"),
            # Why the statistics store was built again (center/key_split.py).
            "unreadable": self.tr("it could not be read or followed"),
            "schema": self.tr("a table, index or trigger the app did not make"),
            "counts": self.tr("its counts differed from the registry's"),
            "status_counts": self.tr("its counts by status differed from its rows"),
            "rows": self.tr("coded rows or monthly counts changed outside the app"),
            "unsealed": self.tr(
                "no seal of the registry's for it (a store from before, or put back)"
            ),
        }.get(code, code)

    def _role(self, code: str) -> str:
        return {
            CenterRole.CENTER_ADMIN.value: self.tr("role: administrator"),
            CenterRole.REGISTRY.value: self.tr("role: registry"),
            CenterRole.STATISTICS.value: self.tr("role: statistics only"),
        }.get(code, code)


def _time(moment: str) -> str:
    """``2026-12-07T15:39:32.123+00:00`` as ``2026-12-07 15:39:32`` (the log keeps UTC)."""
    return moment[:19].replace("T", " ")
