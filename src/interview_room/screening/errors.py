"""Typed refusals of the screening core.

A protocol refusal always says, in one sentence, which FILE, which item (question, section,
indicator, text id …) and what FAULT, so that the central office can fix a protocol without
reading code: ``protocol.json, question 'rec_pay': show-if refers to unknown question 'x'.``
"""

from __future__ import annotations

from interview_room.errors import InterviewRoomError


class ProtocolError(InterviewRoomError):
    """A protocol folder that cannot be loaded as it is."""

    def __init__(self, file: str, subject: str, fault: str) -> None:
        self.file = file
        self.subject = subject
        self.fault = fault
        super().__init__(f"{file}, {subject}: {fault}.")


class ProtocolFileMissing(ProtocolError):
    """A required file (protocol.json, texts/sq.json, texts/en.json) does not exist."""


class MalformedJson(ProtocolError):
    """A file is not valid JSON (the subject names the line and column) or not UTF-8."""

    def __init__(self, file: str, line: int, column: int, fault: str) -> None:
        self.line = line
        self.column = column
        super().__init__(file, f"line {line}, column {column}", fault)


class UnsupportedProtocolFormat(ProtocolError):
    """The protocol declares a format version this program does not know."""


class ProtocolSchemaError(ProtocolError):
    """A value has the wrong shape: missing or unknown field, wrong type, malformed id."""


class UnknownEnumValue(ProtocolSchemaError):
    """A field holds a value outside its fixed vocabulary (kind, audience, list …)."""


class UnknownAnswerType(UnknownEnumValue):
    """A question's ``answer_type`` is not one of the six answer types."""


class UnknownDimension(UnknownEnumValue):
    """An indicator or rule names a dimension outside the six ILO dimensions."""


class UnknownStrength(UnknownEnumValue):
    """An indicator or threshold names a strength other than strong, medium or weak."""


class DuplicateId(ProtocolError):
    """The same id (or JSON key) appears twice where ids must be unique."""


class UnknownReference(ProtocolError):
    """An id refers to something the protocol does not define."""


class UnknownQuestionReference(UnknownReference):
    """A show-if rule or the age rule names a question that does not exist."""


class ShowIfForwardReference(ProtocolError):
    """A show-if rule depends on the question itself or on one asked later."""


class UnknownIndicatorReference(UnknownReference):
    """An answer links to an indicator that is not defined."""


class UnknownOptionReference(UnknownReference):
    """An indicator link or show-if rule names an option the question does not offer."""


class InvalidProtocolStructure(ProtocolError):
    """The protocol is well formed but breaks a rule of the interview (order, consents …)."""


class InvalidDecisionRule(ProtocolError):
    """The decision rule cannot be applied as written (e.g. a child rule requiring the means)."""


class MissingTranslation(ProtocolError):
    """A complete language lacks a text that the protocol needs."""


class OrphanText(ProtocolError):
    """A catalog holds a text id that no part of the protocol uses (usually a typo)."""


class TextPlaceholderMismatch(ProtocolError):
    """A translation's ``{placeholders}`` differ from the English original's."""


class TextNotFound(InterviewRoomError):
    """A caller asked for a text id that no catalog of the protocol holds."""

    def __init__(self, text_id: str, language: str) -> None:
        self.text_id = text_id
        self.language = language
        super().__init__(f"No text '{text_id}' in '{language}' or in English.")


class InvalidAnswer(InterviewRoomError):
    """An answer does not fit its question (wrong type, unknown option, out of range)."""

    def __init__(self, question_id: str, fault: str) -> None:
        self.question_id = question_id
        self.fault = fault
        super().__init__(f"Question '{question_id}': {fault}.")


class MalformedCondition(InterviewRoomError):
    """A show-if rule is not written in the show-if language; the loader adds file and item."""


class UnknownIndicator(InterviewRoomError):
    """A caller named an indicator the protocol does not define."""

    def __init__(self, indicator_id: str) -> None:
        self.indicator_id = indicator_id
        super().__init__(f"The protocol defines no indicator '{indicator_id}'.")
