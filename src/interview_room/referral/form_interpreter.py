"""The interpreter as a form names it: who interpreted (only where the recipient's groups include
``interpreter``), and, where the person knew an interpreter, that the first one was replaced,
never who they were (seventh practitioner's review, finding 7: in a diaspora the interpreter may
be the link to the recruiter, and the receiving service must know who may have heard the first
part of the interview)."""

from __future__ import annotations

from interview_room.interview.interpreting import (
    INTERPRETER_KNOWN_QUESTION,
    INTERPRETER_REPLACED_QUESTION,
)
from interview_room.referral.form_words import FormWords


def interpreting(words: FormWords, named: bool) -> str:
    """The interpreter line's value: the interpreter's name (``named``) or only that one took
    part, or that none did; where the person knew an interpreter, with what became of it (on
    a form that names the interpreter)."""
    labels = words.labels
    interpreter = words.answers.get("prep_interpreter")
    if interpreter is None or interpreter.value != "yes":
        return labels["value.no_interpreter"]
    if not named:
        return labels["value.interpreter_not_named"]
    who = words.answered("prep_interpreter_name")
    known = words.answers.get(INTERPRETER_KNOWN_QUESTION)
    if known is None or not known.is_answered or known.value != "yes":
        return who
    replaced = words.answers.get(INTERPRETER_REPLACED_QUESTION)
    if replaced is not None and replaced.is_answered and replaced.value == "yes":
        return f"{who}. {labels['value.interpreter_replaced']}"
    return f"{who}. {labels['value.interpreter_known_not_replaced']}"
