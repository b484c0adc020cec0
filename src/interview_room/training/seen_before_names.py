"""Synthetic people written many ways, for measuring "seen before" matching (issue 16).

Each synthetic person is a random combination of common given names and surnames of one origin
(Albanian, Kosovar, Serbian, Syrian and other Arabic, Iranian, Afghan) with a random birth date:
nobody real. The person is written once as the earlier record and then again as later records
the way another officer might write them: another romanisation (the written forms below are
collected by hand and independently of the matcher's own table, so the measure is not
flattered), with or without ë, ç, š, ž, č, ć, đ, in Cyrillic, in capitals, given name and
surname swapped, hyphens for spaces, "Al-" dropped, typing slips, a date of birth missing or a
year of birth guessed one off. Some people are made as relatives of another (same surname,
nationality, a near birth year): the different people a matcher most easily confuses.

Deterministic: the same seed gives the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from interview_room.seen_before.tokens import PersonDetails

# Each name: its written forms, the first the most usual. Names of several words keep the space.
Forms = tuple[str, ...]

ALBANIAN_GIVEN: tuple[Forms, ...] = (
    ("Arbën", "Arben"), ("Ardit",), ("Besnik",), ("Blerina",), ("Dritan",), ("Elona",),
    ("Ermal",), ("Flutura",), ("Gëzim", "Gezim"), ("Hysen", "Hysën"), ("Ilirjana",),
    ("Jonida",), ("Klodian", "Klodjan"), ("Lindita",), ("Qëndrim", "Qendrim"), ("Rrezarta",),
    ("Shpëtim", "Shpetim"), ("Valbona",), ("Xhevdet",), ("Zamira",), ("Fatmir",), ("Agim",),
    ("Mimoza",), ("Kujtim",), ("Lulzim",), ("Vjollca", "Violca"), ("Dashamir",), ("Erjona",),
)  # fmt: skip
ALBANIAN_SURNAMES: tuple[Forms, ...] = (
    ("Hoxha", "Hoxhaj"), ("Çela", "Cela"), ("Shehu",), ("Dervishi", "Dervish"), ("Gashi",),
    ("Krasniqi",), ("Berisha",), ("Thaçi", "Thaqi"), ("Kelmendi",), ("Hysaj",), ("Leka",),
    ("Muça", "Muca"), ("Bajrami", "Bajram"), ("Rexhepi", "Rexhaj"), ("Zeqiri",), ("Lleshi",),
    ("Marku",), ("Gjoka",), ("Prençi", "Prenci"), ("Kastrati",), ("Hasani",), ("Morina",),
    ("Shala",), ("Sala",), ("Duka",), ("Hoti",), ("Bytyçi", "Bytyqi"), ("Ymeri", "Imeri"),
)  # fmt: skip
SERBIAN_GIVEN: tuple[Forms, ...] = (
    ("Đorđe", "Djordje"), ("Miloš",), ("Nikola",), ("Jelena",), ("Dragana",), ("Milica",),
    ("Stefan",), ("Nemanja",), ("Živko",), ("Ljiljana",), ("Dušan",), ("Snežana",), ("Vuk",),
    ("Željko",), ("Branislav",), ("Jovana",), ("Marija",), ("Marko",), ("Milan",), ("Ivana",),
)  # fmt: skip
SERBIAN_SURNAMES: tuple[Forms, ...] = (
    ("Jovanović",), ("Petrović",), ("Nikolić",), ("Marković",), ("Đorđević", "Djordjević"),
    ("Stojanović",), ("Ilić",), ("Stanković",), ("Pavlović",), ("Živković",), ("Tomić",),
    ("Šarić",), ("Kovačević",), ("Popović",), ("Lukić",), ("Đukić", "Djukić"), ("Savić",),
    ("Ristić",), ("Mitić",), ("Simić",),
)  # fmt: skip
ARABIC_GIVEN: tuple[Forms, ...] = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad", "Mohamud"),
    ("Ahmad", "Ahmed", "Ahmet"), ("Hussein", "Husein", "Husayn", "Hussain", "Husain"),
    ("Youssef", "Yusuf", "Yousef", "Jusuf", "Yossef", "Yousif"), ("Khaled", "Khalid", "Haled"),
    ("Omar", "Umar", "Omer"), ("Abdul Rahman", "Abd al-Rahman", "Abdelrahman", "Abdurrahman"),
    ("Abdullah", "Abdallah", "Abdulla", "Abd Allah"), ("Ibrahim", "Ebrahim", "Ibraheem"),
    ("Mustafa", "Mostafa", "Moustafa", "Mustapha"), ("Fatima", "Fatma", "Fatimah"),
    ("Aisha", "Aysha", "Aicha", "Ayesha"), ("Layla", "Leila", "Laila", "Leyla"),
    ("Mariam", "Maryam", "Meryem", "Mariyam"), ("Zainab", "Zeinab", "Zaynab"),
    ("Hamza", "Hamzah"), ("Tariq", "Tarek", "Tarik"), ("Bilal",), ("Samir", "Sameer"),
    ("Nour", "Noor", "Nur"), ("Rania",), ("Yasmin", "Yasmine", "Jasmin"), ("Amir", "Ameer"),
    ("Amar", "Ammar"), ("Karim", "Kareem"), ("Walid", "Waleed"), ("Rami",), ("Hala",),
)  # fmt: skip
ARABIC_SURNAMES: tuple[Forms, ...] = (
    ("Al-Hassan", "Alhassan", "el-Hassan", "Hassan", "Al Hasan"),
    ("Al-Khatib", "Khatib", "el-Khatib", "Al Chatib"), ("Haddad", "Hadad", "Al-Haddad"),
    ("Al-Ahmad", "Ahmad", "al Ahmed"), ("Darwish", "Darwich", "Derwish"),
    ("Al-Masri", "Masri", "el-Masry"), ("Najjar", "Al-Najjar", "Nadjar"),
    ("Othman", "Osman", "Uthman"), ("Saleh", "Salih"), ("Khoury", "Khouri", "Khuri"),
    ("Al-Shami", "Shami", "Al Chami"), ("Suleiman", "Sulaiman", "Sleiman", "Suleyman"),
    ("Qasim", "Kassem", "Qassem", "Kasim"), ("Hamdan",), ("Yassin", "Yasin", "Yaseen"),
    ("Mansour", "Mansur", "Mansoor"), ("Abboud", "Aboud", "Abbud"), ("Hijazi", "Hegazi"),
)  # fmt: skip
PERSIAN_GIVEN: tuple[Forms, ...] = (
    ("Reza", "Riza"), ("Mohsen", "Muhsin", "Mohsin"), ("Hossein", "Hosein", "Husain"),
    ("Ali",), ("Mehdi", "Mahdi", "Mehdy"), ("Amir",), ("Fatemeh", "Fateme", "Fatima"),
    ("Zahra", "Zahraa", "Sahra"), ("Maryam", "Mariam"), ("Kaveh", "Kaweh"), ("Parisa",),
    ("Dariush", "Daryoush", "Dariusz"), ("Farhad",), ("Shirin", "Chirine"), ("Javad", "Jawad"),
    ("Hamid",), ("Navid",), ("Arash",), ("Saeed", "Said", "Saied"), ("Nasrin",),
)  # fmt: skip
PERSIAN_SURNAMES: tuple[Forms, ...] = (
    ("Hosseini", "Husseini", "Hoseini", "Hosseyni"), ("Mohammadi", "Muhammadi", "Mohamadi"),
    ("Karimi", "Kerimi"), ("Rezaei", "Rezai", "Rezaie", "Rezayi"), ("Ahmadi",),
    ("Jafari", "Jaafari", "Dschafari"), ("Rahimi",), ("Moradi", "Muradi"),
    ("Ghasemi", "Qasemi", "Ghassemi", "Kasemi"), ("Sadeghi", "Sadeqi", "Sadegi"),
    ("Heidari", "Haidari", "Haydari"), ("Kazemi", "Qazemi", "Kazimi"), ("Najafi",),
    ("Mousavi", "Musavi", "Moosavi", "Musawi"), ("Tehrani",), ("Shirazi",),
)  # fmt: skip
AFGHAN_GIVEN: tuple[Forms, ...] = (
    ("Gul Ahmad", "Gulahmad", "Gul Ahmed"), ("Abdul Wahid", "Abdulwahid", "Abd al-Wahid"),
    ("Ahmad Shah", "Ahmadshah"), ("Ghulam Sakhi", "Gulam Sakhi"),
    ("Najibullah", "Najibulla", "Nadjibullah"), ("Zabihullah", "Zabiullah", "Zabihulla"),
    ("Hamidullah", "Hamidulla"), ("Khalil", "Kalil", "Halil"), ("Rahmatullah", "Rahmatulla"),
    ("Wahida", "Vahida"), ("Farishta", "Fereshteh", "Fereshta"), ("Shabana",),
    ("Mohammad Nabi", "Muhammad Nabi"), ("Sayed", "Said", "Sayyed"), ("Jawid", "Javid"),
    ("Mirwais", "Mirways"), ("Habiba",), ("Nasir", "Naseer"),
)  # fmt: skip
AFGHAN_SURNAMES: tuple[Forms, ...] = (
    ("Ahmadzai", "Ahmadzay", "Ahmedzai"), ("Popalzai",), ("Noori", "Nuri", "Nouri"),
    ("Stanikzai", "Stanekzai"), ("Sultani", "Soltani"), ("Karimi",), ("Hotak", "Hotaki"),
    ("Safi", "Saafi"), ("Mohmand",), ("Wardak", "Vardak"), ("Amiri",), ("Rahimi",),
    ("Sadat", "Saadat"), ("Zazai",), ("Barakzai",), ("Niazi", "Nyazi"), ("Samadi",),
)  # fmt: skip


@dataclass(frozen=True)
class Origin:
    name: str
    given: tuple[Forms, ...]
    surnames: tuple[Forms, ...]
    nationalities: tuple[str, ...]
    share: float


ORIGINS = (
    Origin("albanian", ALBANIAN_GIVEN, ALBANIAN_SURNAMES, ("albania",), 0.15),
    Origin("kosovar", ALBANIAN_GIVEN, ALBANIAN_SURNAMES, ("kosovo",), 0.10),
    Origin("serbian", SERBIAN_GIVEN, SERBIAN_SURNAMES, ("serbia",), 0.10),
    Origin("arabic", ARABIC_GIVEN, ARABIC_SURNAMES, ("syria", "iraq", "morocco"), 0.30),
    Origin("persian", PERSIAN_GIVEN, PERSIAN_SURNAMES, ("iran",), 0.10),
    Origin("afghan", AFGHAN_GIVEN, AFGHAN_SURNAMES, ("afghanistan", "pakistan"), 0.25),
)

_SERBIAN_CYRILLIC = (
    ("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("dj", "ђ"), ("a", "а"), ("b", "б"), ("v", "в"),
    ("g", "г"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("ž", "ж"), ("z", "з"), ("i", "и"),
    ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("ć", "ћ"), ("u", "у"), ("f", "ф"), ("h", "х"),
    ("c", "ц"), ("č", "ч"), ("š", "ш"),
)  # fmt: skip
_PLAIN = str.maketrans(
    {"ë": "e", "Ë": "E", "ç": "c", "Ç": "C", "š": "s", "Š": "S", "ž": "z", "Ž": "Z", "č": "c",
     "Č": "C", "ć": "c", "Ć": "C", "đ": "dj", "Đ": "Dj"}
)  # fmt: skip
_KEYBOARD_NEIGHBOURS = {
    "a": "sq", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "wa", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "xa",
}  # fmt: skip


@dataclass(frozen=True)
class WrittenRecord:
    """One way a person was written down, and how it differs from the earlier record."""

    details: PersonDetails
    changes: tuple[str, ...]


@dataclass(frozen=True)
class SyntheticPerson:
    person_id: int
    origin: str
    relative_of: int | None
    earlier: WrittenRecord
    later: tuple[WrittenRecord, ...]
    """The same person written again, as another station might (at least one)."""
    family: tuple[str, int]
    """Origin and surname chosen: people with the same family, birth year and nationality are
    the different people a matcher most easily takes for one."""
    given_choice: int
    """The given name chosen: two people with the same given name, family, year and
    nationality are namesakes, whom no name-based matching can tell apart."""


def _to_cyrillic(text: str) -> str:
    out, i, lower = [], 0, text.lower()
    while i < len(lower):
        for latin, cyr in _SERBIAN_CYRILLIC:
            if lower.startswith(latin, i):
                out.append(cyr.upper() if text[i].isupper() else cyr)
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _typo(rng: random.Random, text: str) -> str:
    positions = [i for i, c in enumerate(text) if c.isalpha() and c.isascii()]
    if len(positions) < 3:
        return text
    i = rng.choice(positions[1:])  # the first letter is the one people get right
    c = text[i].lower()
    kind = rng.choice(("neighbour", "drop", "double", "swap"))
    if kind == "neighbour":
        return text[:i] + rng.choice(_KEYBOARD_NEIGHBOURS.get(c, "e")) + text[i + 1 :]
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    if kind == "double":
        return text[:i] + text[i] + text[i:]
    if i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]


def _rewrite(
    rng: random.Random, origin: str, given: Forms, surname: Forms, earlier: PersonDetails
) -> WrittenRecord:
    changes: list[str] = []
    g, s = rng.choice(given), rng.choice(surname)
    if g != earlier.given_names or s != earlier.surname:
        changes.append("romanisation")
    if origin in ("albanian", "kosovar", "serbian") and rng.random() < 0.5:
        g, s = g.translate(_PLAIN), s.translate(_PLAIN)
        changes.append("no diacritics")
    if origin == "serbian" and rng.random() < 0.3:
        g, s = _to_cyrillic(g), _to_cyrillic(s)
        changes.append("cyrillic")
    if " " in g and rng.random() < 0.3:
        g = g.replace(" ", rng.choice(("-", "")))
        changes.append("hyphen")
    if rng.random() < 0.25:
        g, s = g.upper(), s.upper()
        changes.append("capitals")
    if rng.random() < 0.2:
        if rng.random() < 0.5:
            g = _typo(rng, g)
        else:
            s = _typo(rng, s)
        changes.append("typo")
    if rng.random() < 0.12:
        g, s = s, g
        changes.append("swapped")
    birth_year, birth_date = earlier.birth_year, earlier.birth_date
    roll = rng.random()
    if roll < 0.05:
        birth_year, birth_date = birth_year + rng.choice((-1, 1)), None
        changes.append("year off by one")
    elif roll < 0.35 and birth_date is not None:
        birth_date = None
        changes.append("year only")
    details = PersonDetails(g, s, earlier.nationality, birth_year, birth_date)
    return WrittenRecord(details, tuple(changes) or ("same",))


def synthetic_people(
    count: int, later_per_person: int = 2, seed: int = 16
) -> list[SyntheticPerson]:
    """``count`` synthetic people, each with an earlier record and ``later_per_person``
    rewritten ones. About one in five is a relative of an earlier person: same surname and
    nationality, birth year the same or within two, another given name."""
    rng = random.Random(seed)
    people: list[SyntheticPerson] = []
    chosen: list[tuple[Origin, int, int, str, int]] = []  # origin, given, surname, nat, year
    origins = [o for o in ORIGINS]
    weights = [o.share for o in ORIGINS]
    for person_id in range(count):
        relative_of: int | None = None
        if chosen and rng.random() < 0.2:
            relative_of = rng.randrange(len(chosen))
            origin, kin_given, s_index, nationality, kin_year = chosen[relative_of]
            year = kin_year + rng.choice((0, 0, 0, -1, 1, -2, 2))
            g_index = rng.choice([i for i in range(len(origin.given)) if i != kin_given])
        else:
            origin = rng.choices(origins, weights)[0]
            g_index = rng.randrange(len(origin.given))
            s_index = rng.randrange(len(origin.surnames))
            nationality = rng.choice(origin.nationalities)
            year = rng.randint(1960, 2012)
        chosen.append((origin, g_index, s_index, nationality, year))
        given, surname = origin.given[g_index], origin.surnames[s_index]
        born = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        earlier_details = PersonDetails(
            rng.choice(given), rng.choice(surname), nationality, year,
            born if rng.random() < 0.7 else None,
        )  # fmt: skip
        later = tuple(
            _rewrite(rng, origin.name, given, surname, earlier_details)
            for _ in range(later_per_person)
        )
        people.append(
            SyntheticPerson(
                person_id, origin.name, relative_of, WrittenRecord(earlier_details, ("earlier",)),
                later, (origin.name, s_index), g_index,
            )
        )  # fmt: skip
    return people
