"""Synthetic people for training and tests. Every surname says "example" or "training".

The names are built so nobody could mistake them for a real person: the family names are
Albanian words for *example*, *exercise*, *test* and *training*.
"""

from __future__ import annotations

import random

GIVEN_NAMES = (
    "Arta",
    "Besnik",
    "Drita",
    "Erion",
    "Fjolla",
    "Gëzim",
    "Hana",
    "Ilir",
    "Jeta",
    "Kushtrim",
    "Lule",
    "Mirela",
    "Nora",
    "Orges",
    "Pranvera",
    "Qëndresa",
    "Rina",
    "Sokol",
    "Teuta",
    "Valon",
    "Amina",
    "Farid",
    "Leyla",
    "Omid",
    "Samira",
    "Yusuf",
    "Milica",
    "Stefan",
    "Zara",
    "Karim",
)
FICTITIOUS_FAMILY_NAMES = ("Shembulli", "Ushtrimi", "Provaj", "Trajnimi", "Testaj", "Modeli")


def synthetic_names(count: int, seed: int = 2026) -> list[str]:
    """``count`` distinct fictitious full names, the same for the same seed."""
    rng = random.Random(seed)
    pairs = [(g, f) for f in FICTITIOUS_FAMILY_NAMES for g in GIVEN_NAMES]
    rng.shuffle(pairs)
    names: list[str] = []
    for index in range(count):
        given, family = pairs[index % len(pairs)]
        suffix = "" if index < len(pairs) else f" {index // len(pairs) + 1}"
        names.append(f"{given} {family}{suffix}")
    return names
