"""How an interview is written to and read from the encrypted store (tables from migration 2).

Plain functions over a ``Database``; callers hold the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from interview_room.screening import Answer, AnswerStatus, Outcome
from interview_room.store.database import Database


@dataclass(frozen=True)
class Decision:
    """What the officer and social worker decided, beside what the rule suggested."""

    suggested_outcome: str
    decision: str
    reasons: str
    officer_id: str
    social_worker_id: str | None
    decided_at: str

    @property
    def differs_from_suggestion(self) -> bool:
        """Whether the people decided otherwise than the rule suggested. "Potential victim at
        risk" (intercepted before exploitation) agrees with a "potential victim" decision."""
        agreeing = self.suggested_outcome
        if agreeing in {o.value for o in Outcome}:
            agreeing = Outcome(agreeing).decision
        return self.decision != agreeing


@dataclass(frozen=True)
class InterviewEvent:
    at: str
    kind: str
    detail: Mapping[str, Any]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def encode_value(answer: Answer) -> str | None:
    if answer.value is None:
        return None
    value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
    return json.dumps(value, ensure_ascii=False)


def decode_answer(question_id: str, status: str, raw: str | None) -> Answer:
    answer_status = AnswerStatus(status)
    if answer_status is AnswerStatus.ANSWERED and raw is not None:
        value = json.loads(raw)
        return Answer.given(question_id, value if isinstance(value, str | int) else tuple(value))
    if answer_status is AnswerStatus.PREFERS_NOT_TO_ANSWER:
        return Answer.prefers_not_to_answer(question_id)
    return Answer.skipped(question_id)


def save_answer(db: Database, case_id: str, answer: Answer, user_id: str) -> None:
    db.execute(
        "INSERT INTO answers (case_id, question_id, status, value, answered_at, answered_by)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (case_id, question_id) DO UPDATE SET status = excluded.status,"
        " value = excluded.value, answered_at = excluded.answered_at,"
        " answered_by = excluded.answered_by",
        (case_id, answer.question_id, answer.status.value, encode_value(answer), now(), user_id),
    )


def delete_answer(db: Database, case_id: str, question_id: str) -> None:
    db.execute("DELETE FROM answers WHERE case_id = ? AND question_id = ?", (case_id, question_id))


def load_answers(db: Database, case_id: str) -> dict[str, Answer]:
    rows = db.all("SELECT question_id, status, value FROM answers WHERE case_id = ?", (case_id,))
    return {str(r[0]): decode_answer(str(r[0]), str(r[1]), r[2]) for r in rows}


def add_event(
    db: Database,
    case_id: str,
    kind: str,
    user_id: str,
    detail: Mapping[str, object] | None = None,
) -> None:
    db.execute(
        "INSERT INTO interview_events (case_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)",
        (case_id, now(), kind, user_id, json.dumps(detail or {}, ensure_ascii=False)),
    )


def load_events(db: Database, case_id: str) -> list[InterviewEvent]:
    rows = db.all(
        "SELECT at, kind, detail FROM interview_events WHERE case_id = ? ORDER BY id", (case_id,)
    )
    return [InterviewEvent(str(r[0]), str(r[1]), json.loads(str(r[2]))) for r in rows]


def save_decision(
    db: Database, case_id: str, decision: Decision, suggestion: Mapping[str, Any]
) -> None:
    db.execute(
        "INSERT INTO decisions (case_id, suggested_outcome, suggestion, decision, reasons,"
        " officer_id, social_worker_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_id,
            decision.suggested_outcome,
            json.dumps(suggestion, ensure_ascii=False),
            decision.decision,
            decision.reasons,
            decision.officer_id,
            decision.social_worker_id,
            decision.decided_at,
        ),
    )


def load_decision(db: Database, case_id: str) -> Decision | None:
    row = db.one(
        "SELECT suggested_outcome, decision, reasons, officer_id, social_worker_id, decided_at"
        " FROM decisions WHERE case_id = ?",
        (case_id,),
    )
    if row is None:
        return None
    return Decision(
        suggested_outcome=str(row[0]),
        decision=str(row[1]),
        reasons=str(row[2]),
        officer_id=str(row[3]),
        social_worker_id=str(row[4]) if row[4] else None,
        decided_at=str(row[5]),
    )


def load_suggestion(db: Database, case_id: str) -> dict[str, Any] | None:
    row = db.one("SELECT suggestion FROM decisions WHERE case_id = ?", (case_id,))
    return json.loads(str(row[0])) if row else None
