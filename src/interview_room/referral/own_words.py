"""The person's own words about their safety (``safety_own_words``): free text a recipient's
form carries in its safety section, which the officer reads before signing and may leave out
(WHO 2003, principle 5: confidentiality; second practitioner's review, finding 13)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview_room.referral.recipients import RecipientTable, possible_basis

if TYPE_CHECKING:
    from interview_room.interview.interview import Interview

OWN_WORDS_QUESTION = "safety_own_words"


def own_words_for(
    interview: Interview, recipient: str, table: RecipientTable | None = None
) -> str | None:
    """The person's own words about their safety as ``recipient``'s form would print them,
    or None when it would not (not asked, not given, or no safety section for it): shown to
    the officer, who may leave them out (WHO 2003, principle 5; review 2, finding 13)."""
    basis = possible_basis(interview, recipient, table)
    answer = interview.answers.get(OWN_WORDS_QUESTION)
    protocol = interview.protocol
    if basis is None or "safety" not in basis.groups or answer is None or not answer.is_answered:
        return None
    shown = {q.id for s in protocol.sections for q in interview.visible_questions(s)}
    return str(answer.value) if OWN_WORDS_QUESTION in shown and str(answer.value) else None
