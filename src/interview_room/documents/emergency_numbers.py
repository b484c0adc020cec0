"""The emergency numbers shown on screen to the interviewers, from ``resources/directory.json``.

The same entries as the information sheet's box, named in the interviewers' language. An entry
the central office has not yet confirmed (``"verified": false``) is listed too, marked as such:
the interviewers may try it themselves, while the sheet handed to the person prints only
confirmed numbers (a wrong number given to a frightened person is worse than none).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_room.documents.directory import Directory, load_directory
from interview_room.documents.information_texts import load_information_texts


@dataclass(frozen=True)
class EmergencyNumber:
    id: str
    label: str
    """What to call it in the requested language (police, ambulance, ALO 116 111 …)."""
    phone: str
    confirmed: bool
    """The central office has checked that the number answers."""


def emergency_numbers(
    language: str,
    *,
    directory: Directory | None = None,
    information_dir: Path | None = None,
) -> tuple[EmergencyNumber, ...]:
    """Every emergency entry with a phone number, in the directory's order, labelled in
    ``language`` (the information texts' labels; English where a language lacks one)."""
    texts = load_information_texts(language, information_dir)
    directory = directory if directory is not None else load_directory()
    return tuple(
        EmergencyNumber(entry.id, texts.entry_label(entry).text, entry.phone, entry.verified)
        for entry in directory.emergency
        if entry.phone is not None
    )
