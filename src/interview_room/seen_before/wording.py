"""How a seen-before match is said, in Albanian first and English (the command line; the
screen words the same through Qt's catalog, ``gui/interview/seen_before_panel.py``).

A match is a possibility to confirm with the person, never a fact about them.
"""

from __future__ import annotations

from collections.abc import Sequence

from interview_room.seen_before.held import ShownMatch
from interview_room.seen_before.matcher import MatchStrength

OUTCOMES = {
    "sq": {
        "potential_victim": "viktimë e mundshme",
        "child_at_risk": "fëmijë në rrezik",
        "indicators_not_met": "treguesit nuk u plotësuan",
        "potential_victim_at_risk": "viktimë e mundshme në rrezik shfrytëzimi",
        "not_determined": "nuk u përcaktua",
    },
    "en": {
        "potential_victim": "potential victim",
        "child_at_risk": "child at risk",
        "indicators_not_met": "indicators not met",
        "potential_victim_at_risk": "potential victim at risk of exploitation",
        "not_determined": "not determined",
    },
}
RECIPIENTS = {
    "sq": {
        "responsible_authority": "autoritetin përgjegjës",
        "state_social_service": "shërbimin social shtetëror",
        "shelter": "strehëz",
        "child_protection_unit": "njësinë për mbrojtjen e fëmijës",
        "health_services": "shërbimet shëndetësore",
        "anti_trafficking_police": "policinë kundër trafikimit",
        "asylum_migration_authority": "autoritetin e azilit dhe migracionit",
    },
    "en": {
        "responsible_authority": "the responsible authority",
        "state_social_service": "the state social service",
        "shelter": "the shelter",
        "child_protection_unit": "the child protection unit",
        "health_services": "health services",
        "anti_trafficking_police": "the anti-trafficking police",
        "asylum_migration_authority": "the asylum and migration authority",
    },
}
STRENGTHS = {
    "sq": {
        MatchStrength.STRONG: "përputhje e fortë: mundësi për ta konfirmuar me personin",
        MatchStrength.LIKELY: "përputhje e mundshme: për ta konfirmuar me personin",
        MatchStrength.POSSIBLE: "përputhje e dobët: ndoshta person tjetër, konfirmojeni",
    },
    "en": {
        MatchStrength.STRONG: "strong match: a possibility to confirm with the person",
        MatchStrength.LIKELY: "likely match: to confirm with the person",
        MatchStrength.POSSIBLE: "weak match: perhaps someone else, confirm it",
    },
}
GUIDANCE = {
    "sq": (
        "Mos e bëni personin të tregojë sërish atë që ka thënë.",
        "Kërkoni referimin e mëparshëm nga qendra nëpërmjet kanalit të zakonshëm.",
    ),
    "en": (
        "Do not make the person tell again what they have already said.",
        "Ask the centre for the earlier referral through the usual channel.",
    ),
}
SCREEN_GUIDANCE = {
    "sq": (
        "Mos e lexoni me zë një rezultat të mëparshëm dhe mos e tregoni ku mund ta shohin "
        "shoqëruesi ose përkthyesi; pyeteni personin vetëm nëse ka folur më parë me punonjës si "
        "ne."
    ),
    "en": (
        "Never read an earlier result aloud or where the companion or interpreter can see it; "
        "ask the person only whether they have spoken with officers like us before."
    ),
}
"""Who sees the screen (sixth practitioner's review, finding 11e)."""
DECIDE_FIRST = {
    "sq": "Vendimi i mëparshëm shfaqet vetëm pasi të jetë zgjedhur vendimi i sotëm.",
    "en": "The earlier decision is shown only once today's decision has been chosen.",
}
EARLIER_DOES_NOT_DECIDE = {
    "sq": (
        "Një vendim i mëparshëm nuk vendos për atë të sotëm: faktet ndryshojnë dhe ritrafikimi "
        "ndodh shpesh."
    ),
    "en": "An earlier decision does not decide today's; facts change and re-trafficking is common.",
}
"""Before today's decision the earlier one is not shown (anchoring, sixth practitioner's
review, finding 11a); once shown, with this sentence."""
NONE_FOUND = {
    "sq": "Nuk u gjet asnjë intervistë e mëparshme.",
    "en": "No earlier interview found.",
}
HERE = {"sq": " (në këtë stacion)", "en": " (at this station)"}
UNKNOWN = {"sq": "e panjohur", "en": "unknown"}
"""What an id outside the closed lists is shown as: never its raw text (attacker 6, F1)."""


def match_line(match: ShownMatch, language: str = "sq", *, decided: bool = False) -> str:
    """ "Intervistuar më 2026-10-03 në Han i Hotit (HAN-2026-0042)"; once today's decision is
    chosen (``decided``) with ": vendimi i punonjësve atëherë: viktimë e mundshme, referim i
    dërguar në strehëz" (or in English). A weak match says only that a possible earlier
    interview exists and to ask the centre: never another person's outcome or referral
    (sixth practitioner's review, finding 11)."""
    lang = language if language in OUTCOMES else "sq"
    earlier = match.earlier
    on = earlier.interviewed_on.isoformat()
    here = HERE[lang] if match.here else ""
    if match.strength is MatchStrength.POSSIBLE:
        if lang == "sq":
            return (
                f"Një intervistë e mëparshme e mundshme në {earlier.station}{here} më {on}"
                f" ({earlier.case_code}): pyesni qendrën"
            )
        return (
            f"A possible earlier interview at {earlier.station}{here} on {on}"
            f" ({earlier.case_code}): ask the centre"
        )
    outcome = OUTCOMES[lang].get(earlier.outcome, UNKNOWN[lang])
    names = ", ".join(RECIPIENTS[lang].get(r, UNKNOWN[lang]) for r in earlier.recipients)
    if lang == "sq":
        line = f"Intervistuar më {on} në {earlier.station}{here} ({earlier.case_code})"
        if not decided:
            return line
        line += f": vendimi i punonjësve atëherë: {outcome}"
        return line + (f", referim i dërguar në {names}" if names else "")
    line = f"Interviewed on {on} at {earlier.station}{here} ({earlier.case_code})"
    if not decided:
        return line
    line += f": officers' decision then: {outcome}"
    return line + (f", referral sent to {names}" if names else "")


def check_text(matches: Sequence[ShownMatch], language: str = "sq", *, decided: bool) -> list[str]:
    """What the screen and the command line say of a check, one paragraph an item: each match
    with its strength, then the guidance, and whether the earlier decision is shown yet."""
    lang = language if language in OUTCOMES else "sq"
    if not matches:
        return [NONE_FOUND[lang]]
    lines = [f"{match_line(m, lang, decided=decided)}\n{strength_line(m, lang)}" for m in matches]
    lines += [*GUIDANCE[lang], SCREEN_GUIDANCE[lang]]
    shows_an_outcome = any(m.strength is not MatchStrength.POSSIBLE for m in matches)
    if shows_an_outcome:
        lines.append(EARLIER_DOES_NOT_DECIDE[lang] if decided else DECIDE_FIRST[lang])
    return lines


def strength_line(match: ShownMatch, language: str = "sq") -> str:
    return STRENGTHS[language if language in STRENGTHS else "sq"][match.strength]
