"""The check of a show-if condition (or any condition read on the answers): every question it
names exists and is asked before the one it guards, and every value it compares fits."""

from __future__ import annotations

from collections.abc import Mapping

from interview_room.screening.conditions import Condition, comparisons
from interview_room.screening.errors import (
    ProtocolSchemaError,
    ShowIfForwardReference,
    UnknownOptionReference,
    UnknownQuestionReference,
)
from interview_room.screening.protocol import AnswerType, Protocol


def check_show_if(
    protocol: Protocol,
    condition: Condition,
    subject: str,
    index: int,
    position: Mapping[str, int],
    file: str,
) -> None:
    """``index``: position of the question the rule guards (first question, for a section)."""
    for comparison in comparisons(condition):
        target_id = comparison.question_id
        if target_id not in position:
            raise UnknownQuestionReference(
                file, subject, f"show-if refers to the unknown question '{target_id}'"
            )
        if position[target_id] >= index:
            raise ShowIfForwardReference(
                file,
                subject,
                f"show-if refers to question '{target_id}', which is not asked before it",
            )
        target = protocol.question(target_id)
        for value in comparison.values:
            if target.answer_type.has_options:
                if value not in target.options:
                    raise UnknownOptionReference(
                        file,
                        subject,
                        f"show-if compares question '{target_id}' with unknown option {value!r}",
                    )
            elif (target.answer_type is AnswerType.NUMBER) != isinstance(value, int):
                raise ProtocolSchemaError(
                    file,
                    subject,
                    f"show-if compares {target.answer_type} question '{target_id}' with {value!r}",
                )
