"""Breaks in an interview: taken and ended at any time, each one an event with its time."""

from __future__ import annotations

from interview_room.interview import interview_store
from interview_room.interview.interview_state import InterviewState
from interview_room.store.audit import AuditEvent


class InterviewBreaks(InterviewState):
    """A break is an event (``break_started``/``break_ended``); while on one, nothing changes."""

    def events(self) -> list[interview_store.InterviewEvent]:
        """Every break, stop, resumption and ending, oldest first."""
        return interview_store.load_events(self._session.db, self.case.id)

    def break_started_at(self) -> str | None:
        """When the break now going on began (UTC, ISO 8601), or None when not on a break."""
        if not self.on_break:
            return None
        starts = [event.at for event in self.events() if event.kind == "break_started"]
        return starts[-1] if starts else None

    def start_break(self) -> None:
        self._require_open(allow_break=True)
        if self.on_break:
            return
        with self._session.db.transaction():
            self._event(self._session, self.case.id, "break_started")
            self._session.audit.append(
                AuditEvent.INTERVIEW_PAUSED, self._session.user.username, self.case.code
            )
        self.on_break = True

    def end_break(self) -> None:
        if not self.on_break:
            return
        with self._session.db.transaction():
            self._event(self._session, self.case.id, "break_ended")
            self._session.audit.append(
                AuditEvent.INTERVIEW_CONTINUED, self._session.user.username, self.case.code
            )
        self.on_break = False
