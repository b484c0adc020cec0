"""What the station may keep of a person: it follows their consent to keeping a record.

Until that consent is asked (immediate needs first; in protocol v1 also the preparation), each
answer is written as it is given, so that a crash loses nothing. Once the person agrees,
everything is kept. When they refuse, prefer not to answer, or the question is skipped, only an
anonymous minimal record is kept: the date and the station (the case row), sex, nationality, an
age band, the outcome, the referrals made, and the consents themselves (so the refusal is
recorded). The name, free text and every other answer are never written, and whatever was
already written is erased. What the interview still needs (the answers for a referral the person
agreed to, the reasons of the decision) lives in memory for the signed-in session only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from interview_room.screening import (
    Answer,
    AnswerType,
    ConsentScope,
    ConsentState,
    Protocol,
)
from interview_room.store.audit import AuditEvent
from interview_room.store.database import Database

if TYPE_CHECKING:
    from interview_room.cases.register import CaseSummary
    from interview_room.workstation import Session


class PersonalData(StrEnum):
    """What the station keeps of one case (``interviews.personal_data``)."""

    PENDING = "pending"
    """The consent to keeping a record has not been asked yet: answers are written."""
    KEPT = "kept"
    """The person agreed: everything is kept."""
    MINIMAL = "minimal"
    """No agreement (refused, prefers not to answer, skipped): the anonymous minimal record."""

    @classmethod
    def for_consent(cls, state: ConsentState) -> PersonalData:
        if state is ConsentState.GIVEN:
            return cls.KEPT
        if state is ConsentState.NOT_ASKED:
            return cls.PENDING
        return cls.MINIMAL


MINIMAL_QUESTIONS = ("prep_sex", "prep_nationality")
"""Answers of the minimal record besides the consents (the same ids in protocols v1 and v2)."""

CONSENT_RECORD_QUESTIONS = (
    "consent_rights_read",
    "consent_guardian",
    "guardian_conflict",
    "consent_unit",
    "consent_guardian_by",
    "consent_child_assent",
    "consent_witness",
)
"""Recorded with the consents: the rights were read, a child's guardian agreed, or the Child
Protection Unit worker decided because the guardian may be involved (issue 12: without these
two the minimal record would show a guardian's "no" and an interview that went on), who
answered for the child, the child's own view, who witnessed. A record from before them simply
holds fewer (the centre's allow-list is this one, per protocol)."""

EVENT_DETAIL_KEPT = frozenset({"requested_by", "decision"})
"""Coded event details the minimal record keeps; anything else (a stop's reason) is dropped."""

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (  # (band, lowest, highest)
    ("0-13", 0, 13),
    ("14-17", 14, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50+", 50, None),
)
CHILD_AGE_UNKNOWN = "child_age_unknown"
ADULT_AGE_UNKNOWN = "adult_age_unknown"
"""No age stated, and not a presumed child: the officers saw a clear adult (protocol v2's
apparent age), as when an adult refuses the interview before being asked their age."""
AGE_UNKNOWN = "unknown"
"""An age that is no age (out of range): kept apart from one never stated."""


def storage_question_id(protocol: Protocol) -> str:
    return protocol.consent_question(ConsentScope.DATA_STORAGE).id


def storage_state(protocol: Protocol, answers: Mapping[str, Answer]) -> ConsentState:
    return ConsentState.of(answers.get(storage_question_id(protocol)))


_MINIMAL_IDS: dict[tuple[str, str, str], frozenset[str]] = {}


def minimal_question_ids(protocol: Protocol) -> frozenset[str]:
    """The answers a minimal record may hold (``_minimal_question_ids``), worked out once per
    protocol version: the centre asks for every record it imports."""
    key = (protocol.id, protocol.version, protocol.content_hash)
    if key not in _MINIMAL_IDS:
        _MINIMAL_IDS[key] = _minimal_question_ids(protocol)
    return _MINIMAL_IDS[key]


def _minimal_question_ids(protocol: Protocol) -> frozenset[str]:
    """The answers a minimal record may hold: sex, nationality, and the consents (the refusal
    among them) with what makes them valid: the rights read, a child's guardian agreeing, the
    witness. Named, not taken by section: protocol v2 asks the age in the consent section, and
    the minimal record keeps only its band, never the age or the doubt about it."""
    consents = {question.id for question in protocol.questions if question.consent is not None}
    named = {
        question_id
        for question_id in (*MINIMAL_QUESTIONS, *CONSENT_RECORD_QUESTIONS)
        if protocol.has_question(question_id)
        and protocol.question(question_id).answer_type is not AnswerType.TEXT
    }
    return frozenset(consents | named)


def age_band(age: object, presumed_child: bool) -> str:
    """The band of a stated age; without one, whether the person is a presumed child (the age
    rule decided it, from the apparent age observed when no age was stated)."""
    if isinstance(age, int) and not isinstance(age, bool) and 0 <= age <= 120:
        for band, low, high in AGE_BANDS:
            if age >= low and (high is None or age <= high):
                return band
    if presumed_child:
        return CHILD_AGE_UNKNOWN
    return ADULT_AGE_UNKNOWN if age is None else AGE_UNKNOWN


@dataclass
class UnstoredCase:
    """What an interview without consent to keeping a record holds in memory only: gone when
    the session ends (sign-out, lock)."""

    person_name: str
    answers: dict[str, Answer] = field(default_factory=dict)
    reasons: str = ""
    suggestion: dict[str, Any] | None = None


def minimal_suggestion(suggestion: Mapping[str, Any]) -> dict[str, Any]:
    """The rule's suggestion without what was derived from the answers (the indicators)."""
    return {key: suggestion[key] for key in ("outcome", "protocol") if key in suggestion}


def keep_only_minimal(db: Database, case_id: str, keep: frozenset[str], band: str) -> None:
    """Erase from the store all of a case that a minimal record may not hold. The caller holds
    the transaction; ``secure_delete`` overwrites what is removed, and checkpointing afterwards
    (:meth:`Database.checkpoint`) empties the write-ahead log of the old pages."""
    held = [
        str(row[0])
        for row in db.all("SELECT question_id FROM answers WHERE case_id = ?", (case_id,))
    ]
    for question_id in held:
        if question_id not in keep:
            db.execute(
                "DELETE FROM answers WHERE case_id = ? AND question_id = ?", (case_id, question_id)
            )
    db.execute("UPDATE cases SET person_name = '' WHERE id = ? AND person_name != ''", (case_id,))
    for event_id, detail in db.all(
        "SELECT id, detail FROM interview_events WHERE case_id = ?", (case_id,)
    ):
        current = json.loads(str(detail))
        kept = {k: v for k, v in current.items() if k in EVENT_DETAIL_KEPT}
        if kept != current:
            db.execute(
                "UPDATE interview_events SET detail = ? WHERE id = ?",
                (json.dumps(kept, ensure_ascii=False), event_id),
            )
    row = db.one("SELECT suggestion FROM decisions WHERE case_id = ?", (case_id,))
    if row is not None:
        db.execute(
            "UPDATE decisions SET reasons = '', suggestion = ? WHERE case_id = ?",
            (json.dumps(minimal_suggestion(json.loads(str(row[0]))), ensure_ascii=False), case_id),
        )
    set_personal_data(db, case_id, PersonalData.MINIMAL, band)


def set_personal_data(
    db: Database, case_id: str, personal_data: PersonalData, band: str | None = None
) -> None:
    db.execute(
        "UPDATE interviews SET personal_data = ?, age_band = ? WHERE case_id = ?"
        " AND (personal_data IS NOT ? OR age_band IS NOT ?)",
        (personal_data.value, band, case_id, personal_data.value, band),
    )


def read_personal_data(db: Database, case_id: str) -> tuple[PersonalData, str | None]:
    row = db.one("SELECT personal_data, age_band FROM interviews WHERE case_id = ?", (case_id,))
    if row is None:
        return PersonalData.PENDING, None
    return PersonalData(str(row[0])), (str(row[1]) if row[1] is not None else None)


class RecordKeeper:
    """Writes one case's answers as far as the consent to keeping a record allows, and moves
    the case between a full and a minimal record when that consent changes.

    ``answers`` is the interview's own dictionary (every answer, written or not); when nothing
    may be kept it is also what the session holds in memory, so a page rebuilt from the store
    (a language switch) gets it back. Every method runs inside the caller's transaction.
    """

    def __init__(
        self,
        session: Session,
        protocol: Protocol,
        case: CaseSummary,
        answers: dict[str, Answer],
    ) -> None:
        self._session = session
        self._db = session.db
        self._protocol = protocol
        self._case_id = case.id
        self._case_code = case.code
        self._answers = answers
        self.state, _band = read_personal_data(session.db, case.id)
        self.memory = session.unstored.get(case.id) if self.state is PersonalData.MINIMAL else None
        self._person_name = case.person_name
        self.erased = False
        """Something was erased in this transaction: checkpoint once it is committed."""

    @classmethod
    def answers_of(cls, session: Session, case_id: str) -> dict[str, Answer] | None:
        """What this session holds in memory for a minimal case (None: nothing, or kept)."""
        memory = session.unstored.get(case_id)
        return memory.answers if memory is not None else None

    @property
    def person_name(self) -> str:
        return self.memory.person_name if self.memory is not None else self._person_name

    def _band(self) -> str:
        from interview_room.screening import presumed_child

        age = self._answers.get(self._protocol.age_rule.age_question)
        value = age.value if age is not None and age.is_answered else None
        return age_band(value, presumed_child(self._protocol, self._answers))

    def write(self, question_id: str) -> None:
        """Store (or, when it is gone from ``answers``, delete) one answer as allowed."""
        wanted = PersonalData.for_consent(storage_state(self._protocol, self._answers))
        if wanted is PersonalData.MINIMAL:
            self._to_minimal()
            if question_id in minimal_question_ids(self._protocol):
                self._write_one(question_id)
            return
        if self.state is PersonalData.MINIMAL:
            self._restore()
        self._write_one(question_id)
        set_personal_data(self._db, self._case_id, wanted)
        self.state = wanted

    def write_after_end(self, question_id: str) -> None:
        """:meth:`write` once the interview has ended: a consent to keeping a record that was
        never asked is no consent (as in :meth:`finish`), so nothing returns to the store."""
        if PersonalData.for_consent(storage_state(self._protocol, self._answers)) is not (
            PersonalData.PENDING
        ):
            self.write(question_id)
            return
        self._to_minimal()
        if question_id in minimal_question_ids(self._protocol):
            self._write_one(question_id)

    def finish(self) -> None:
        """The interview ends: without a consent to keeping a record, only the minimal record
        stays (a consent never asked is no consent)."""
        if self.state is PersonalData.PENDING:
            self._to_minimal()

    def _remembered(self) -> UnstoredCase:
        if self.memory is None:
            self.memory = UnstoredCase(self._person_name, self._answers)
            self._session.unstored[self._case_id] = self.memory
        return self.memory

    def _to_minimal(self) -> None:
        band = self._band()
        self._remembered()
        if self.state is not PersonalData.MINIMAL:
            keep_only_minimal(self._db, self._case_id, minimal_question_ids(self._protocol), band)
            self._session.audit.append(
                AuditEvent.PERSONAL_DATA_PURGED,
                self._session.user.username,
                self._case_code,
                {"cases": 1, "because": "no_consent_to_keep_a_record"},
            )
            self.erased = True
            self.state = PersonalData.MINIMAL
        else:
            set_personal_data(self._db, self._case_id, PersonalData.MINIMAL, band)

    def _restore(self) -> None:
        """The person agreed after all: write what only memory held."""
        from interview_room.interview import interview_store

        for answer in self._answers.values():
            interview_store.save_answer(self._db, self._case_id, answer, self._session.user.id)
        if self.memory is not None:
            self._db.execute(
                "UPDATE cases SET person_name = ? WHERE id = ?",
                (self.memory.person_name, self._case_id),
            )
            self._person_name = self.memory.person_name
        self._session.unstored.pop(self._case_id, None)
        self.memory = None

    def _write_one(self, question_id: str) -> None:
        from interview_room.interview import interview_store

        answer = self._answers.get(question_id)
        if answer is None:
            interview_store.delete_answer(self._db, self._case_id, question_id)
        else:
            interview_store.save_answer(self._db, self._case_id, answer, self._session.user.id)

    def set_person_name(self, name: str) -> None:
        """The name as given: written only where a record may be kept."""
        if self.state is PersonalData.MINIMAL:
            self._remembered().person_name = name
            return
        self._db.execute("UPDATE cases SET person_name = ? WHERE id = ?", (name, self._case_id))
        self._person_name = name

    def event_detail(self, detail: Mapping[str, object]) -> dict[str, object]:
        """What of an event's detail may be written (a minimal record drops free text)."""
        if self.state is PersonalData.MINIMAL:
            return {k: v for k, v in detail.items() if k in EVENT_DETAIL_KEPT}
        return dict(detail)

    def decision_to_store(
        self, reasons: str, suggestion: Mapping[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        """The reasons and suggestion to write; a minimal record keeps them in memory only."""
        if self.state is PersonalData.MINIMAL:
            memory = self._remembered()
            memory.reasons = reasons
            memory.suggestion = dict(suggestion)
            return "", minimal_suggestion(suggestion)
        return reasons, dict(suggestion)
