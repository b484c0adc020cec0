"""Telling the person about a referral the law requires without their consent.

The rights script promises: "if the law obliges us to share something, we will tell you
clearly" (second practitioner's review, finding 10). Before the officer signs such a referral
(the child's to the Child Protection Unit, the police report), the app gives the words to read
and the officer confirms that the person was told; :meth:`Referrals.create` refuses without it.
The name clause follows what that recipient's form carries (the ``identity`` group or its
reduced form, which also names the person).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from interview_room.errors import InterviewRoomError
from interview_room.interview.interview import Interview
from interview_room.interview.personal_data import PersonalData
from interview_room.referral.content import FORM_LANGUAGES, SCRIPT_LANGUAGES, form_labels
from interview_room.referral.recipients import Basis, RecipientTable, possible_basis
from interview_room.resources import resources_root
from interview_room.screening import ConsentScope, ConsentState, text


class PersonNotToldOfLegalReferral(InterviewRoomError):
    """A referral the law requires without the person's consent is signed only once the
    officer confirms that the person was told about it."""


@dataclass(frozen=True)
class LegalReferralScript:
    """What the interviewer reads to the person before a referral made by law."""

    recipient: str
    language: str
    duty: str
    """The duty's wording key (``child_protection``, ``police_report``)."""
    name_given: bool
    """Whether the form carries the person's name (``identity`` or ``identity_reduced``)."""
    words: str
    for_child: bool = False
    """Read to a presumed child: short sentences, *ti* in Albanian (the ``.child`` keys)."""


def script_language(person_language: str, fallback: str) -> str:
    """The person's language when the script exists in it (``SCRIPT_LANGUAGES``: Albanian,
    English, Arabic, Persian, French, Serbian), else ``fallback`` (the interpreter puts it
    into the person's language)."""
    return person_language if person_language in SCRIPT_LANGUAGES else fallback


@cache
def script_words(language: str) -> Mapping[str, str]:
    """The words read before a referral made by law, in ``language``: the form's wording for
    Albanian and English, else the language's own file alone (``resources/referral/ar.json``…),
    never English filling a gap, as with every text read to the person."""
    if language in FORM_LANGUAGES:
        return form_labels(language)
    path = resources_root() / "referral" / f"{language}.json"
    texts: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["texts"]
    return texts


def script_direction(language: str) -> str:
    """``rtl`` for a language written right to left (Arabic, Persian), else ``ltr``: how a
    screen lays out the words read to the person."""
    if language in FORM_LANGUAGES:
        return "ltr"
    path = resources_root() / "referral" / f"{language}.json"
    return str(json.loads(path.read_text(encoding="utf-8")).get("direction", "ltr"))


def legal_referral_script(
    interview: Interview,
    recipient: str,
    language: str,
    table: RecipientTable | None = None,
) -> LegalReferralScript | None:
    """The words to read to the person in ``language`` (one of ``SCRIPT_LANGUAGES``, else
    English) before a referral to ``recipient`` that the law requires without their consent;
    None when the referral rests on their consent or cannot be made at all. A presumed child
    hears the child's version, as the questions do (``question.<id>.person.child``), where the
    wording has one."""
    basis = possible_basis(interview, recipient, table)
    if basis is None or basis.basis is not Basis.LAW or basis.duty is None:
        return None
    language = script_language(language, "en")
    labels = script_words(language)
    name_given = bool({"identity", "identity_reduced"} & set(basis.groups))
    # The Unit told of the children with the person: the name and the needs, not the story.
    clause = "given" if "identity" in basis.groups else "needs_only" if name_given else "not_given"
    keys = (
        "script.legal_referral",
        f"script.legal_referral.purpose.{basis.duty.basis}",
        f"script.legal_referral.name_{clause}",
    )
    for_child = interview.presumed_child and all(f"{key}.child" in labels for key in keys)
    lead, purpose, name = (labels[f"{key}.child" if for_child else key] for key in keys)
    # The child's lead names the service inside the duty's own sentence (in the dative in
    # Albanian), so it has no {recipient}; format() ignores the unused name.
    words = lead.format(
        recipient=labels.get(f"script.legal_referral.recipient.{recipient}")
        or text(interview.protocol, language, f"recipient.{recipient}"),
        purpose=purpose,
        name=name,
    )
    return LegalReferralScript(
        recipient, language, basis.duty.basis, name_given, words, for_child=for_child
    )


def agreed_referrals_held_in_memory(interview: Interview) -> tuple[str, ...]:
    """The recipients the person agreed to share with, when no record of them is kept: what
    the referrals would carry lives in this session's memory only and is gone at sign-out or
    lock (``UnstoredCase``), so they are signed before leaving the screen (second practitioner's
    review, finding 12). Empty when a record is kept or nothing was agreed."""
    if interview.personal_data is not PersonalData.MINIMAL:
        return ()
    return tuple(
        recipient
        for recipient, state in interview.sharing_consent_states().items()
        if state is ConsentState.GIVEN
    )


def storage_refused(interview: Interview) -> bool:
    """The person said no to keeping a record (not merely never asked, as after a refusal)."""
    return interview.consent_state(ConsentScope.DATA_STORAGE) is ConsentState.REFUSED
