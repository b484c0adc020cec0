"""How well "seen before" finds a person written differently, and how often it joins two
different people (issue 16).

Synthetic people (``interview_room.training.seen_before_names``) are each written once as an
earlier interview, whose tokens go into the index, and then again the ways another officer
might write them; each later record is looked up. Prints:

- recall: the share of later records whose own earlier interview is found, at each strength
  (strong; likely or better; possible or better), overall and per kind of change;
- false matches per 10,000 pairs of different people, at each strength, overall and among the
  hardest pairs (same surname, birth year and nationality: relatives);
- the time one lookup takes (tokens made from the details, then the index read) against an
  index of 50,000 tokens.

Asserts nothing. Usage:
``.venv/bin/python benchmarks/seen_before.py [--people N] [--later N] [--lookups N] [--json]``
(~10 s with the defaults: 6,000 people written 12,000 more ways).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter, defaultdict
from datetime import date

from interview_room.seen_before import (
    EarlierInterview,
    MatchStrength,
    SeenBeforeIndex,
    SeenBeforeKey,
    lookup_tokens,
    person_tokens,
)
from interview_room.training.seen_before_names import SyntheticPerson, synthetic_people

TODAY = date(2026, 12, 7)
KEY = SeenBeforeKey(1, bytes(range(32)))  # synthetic, benchmark only
STATIONS = ("Han i Hotit", "Morinë", "Kakavijë", "Qafë Thanë")
LEVELS = (MatchStrength.STRONG, MatchStrength.LIKELY, MatchStrength.POSSIBLE)


def _earlier(person: SyntheticPerson) -> EarlierInterview:
    return EarlierInterview(
        case_code=f"SYN-2026-{person.person_id:05d}",
        station=STATIONS[person.person_id % len(STATIONS)],
        interviewed_on=date(2026, 1, 1),
        outcome="potential_victim",
        recipients=("shelter",),
    )


def build_index(people: list[SyntheticPerson], limit: int | None = None) -> SeenBeforeIndex:
    entries = [
        (token.value, _earlier(person))
        for person in people
        for token in person_tokens(person.earlier.details, KEY, TODAY)
    ]
    return SeenBeforeIndex.from_entries(KEY.version, entries[:limit])


def _namesakes(one: SyntheticPerson, other: SyntheticPerson) -> bool:
    """Two different people given the same name and nationality, born within a year: no
    matcher that sees only these details can tell them apart."""
    a, b = one.earlier.details, other.earlier.details
    return (one.family, one.given_choice, a.nationality) == (
        other.family,
        other.given_choice,
        b.nationality,
    ) and abs(a.birth_year - b.birth_year) <= 1


def measure_matching(people: list[SyntheticPerson]) -> dict[str, float]:
    index = build_index(people)
    by_code = {_earlier(p).case_code: p for p in people}
    found: Counter[MatchStrength] = Counter()
    per_change: dict[str, Counter[MatchStrength]] = defaultdict(Counter)
    per_change_total: Counter[str] = Counter()
    false_matches: Counter[MatchStrength] = Counter()
    hard_false: Counter[MatchStrength] = Counter()
    namesake_false: Counter[MatchStrength] = Counter()
    families: Counter[tuple[tuple[str, int], int, str]] = Counter(
        (p.family, p.earlier.details.birth_year, p.earlier.details.nationality) for p in people
    )
    looked_up = hard_pairs = 0
    for person in people:
        own = _earlier(person).case_code
        family = (
            person.family,
            person.earlier.details.birth_year,
            person.earlier.details.nationality,
        )
        for record in person.later:
            looked_up += 1
            hard_pairs += families[family] - 1
            best: MatchStrength | None = None
            for match in index.matches(lookup_tokens(record.details, KEY, TODAY)):
                if match.earlier.case_code == own:
                    best = match.strength
                    continue
                other = by_code[match.earlier.case_code]
                namesake = _namesakes(person, other)
                for level in LEVELS:
                    if match.strength >= level:
                        false_matches[level] += 1
                        namesake_false[level] += namesake
                        if (other.family, other.earlier.details.birth_year,
                                other.earlier.details.nationality) == family:  # fmt: skip
                            hard_false[level] += 1
            for change in record.changes:
                per_change_total[change] += 1
            for level in LEVELS:
                if best is not None and best >= level:
                    found[level] += 1
                    for change in record.changes:
                        per_change[change][level] += 1
    pairs = looked_up * (len(people) - 1)
    figures: dict[str, float] = {"later_records": looked_up, "different_people_pairs": pairs}
    for level in LEVELS:
        name = level.name.lower()
        figures[f"recall_{name}"] = found[level] / looked_up
        figures[f"false_per_10000_pairs_{name}"] = false_matches[level] / pairs * 10_000
        figures[f"false_matches_{name}"] = false_matches[level]
        figures[f"false_matches_namesakes_{name}"] = namesake_false[level]
        figures[f"relatives_false_per_10000_pairs_{name}"] = (
            hard_false[level] / hard_pairs * 10_000 if hard_pairs else 0.0
        )
        for change, total in per_change_total.items():
            figures[f"recall_{name}_{change.replace(' ', '_')}"] = per_change[change][level] / total
    figures["relatives_pairs"] = hard_pairs
    return figures


def measure_lookup(lookups: int) -> dict[str, float]:
    people = synthetic_people(13_000, later_per_person=1, seed=61)
    index = build_index(people, limit=50_000)
    entries = index.entry_count()
    queries = [p.later[0].details for p in people[:lookups]]
    times = []
    for details in queries:
        start = time.perf_counter()
        index.matches(lookup_tokens(details, KEY, TODAY))
        times.append(time.perf_counter() - start)
    return {
        "index_token_entries": entries,
        "index_distinct_tokens": len(index),
        "lookup_median_us": statistics.median(times) * 1e6,
        "lookup_p99_us": sorted(times)[int(len(times) * 0.99)] * 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=6_000)
    parser.add_argument("--later", type=int, default=2, help="later records per person")
    parser.add_argument("--lookups", type=int, default=2_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    people = synthetic_people(args.people, later_per_person=args.later)
    figures = {**measure_matching(people), **measure_lookup(args.lookups)}
    if args.json:
        print(json.dumps({f"seen_before_{k}": v for k, v in figures.items()}, indent=1))
        return
    print(f"{args.people:,} synthetic people, {figures['later_records']:,.0f} later records")
    print(
        "at least   recall   false/10,000 pairs  false matches (of them namesakes)"
        "  relatives: false/10,000 pairs"
    )
    for level in LEVELS:
        n = level.name.lower()
        print(
            f"{n:<9} {figures[f'recall_{n}']:7.1%}   {figures[f'false_per_10000_pairs_{n}']:12.4f}"
            f"        {figures[f'false_matches_{n}']:>6,.0f}"
            f" ({figures[f'false_matches_namesakes_{n}']:>6,.0f})"
            f"           {figures[f'relatives_false_per_10000_pairs_{n}']:12.1f}"
        )
    print(f"relatives pairs (same surname, year, nationality): {figures['relatives_pairs']:,.0f}")
    print("\nrecall per change (strong / likely+ / possible+):")
    changes = sorted(
        {k.split("recall_strong_", 1)[1] for k in figures if k.startswith("recall_strong_")}
    )
    for change in changes:
        row = " / ".join(f"{figures[f'recall_{lv.name.lower()}_{change}']:6.1%}" for lv in LEVELS)
        print(f"  {change:<18} {row}")
    print(
        f"\nlookup against {figures['index_token_entries']:,.0f} token entries "
        f"({figures['index_distinct_tokens']:,.0f} distinct): median "
        f"{figures['lookup_median_us']:.0f} µs, p99 {figures['lookup_p99_us']:.0f} µs"
    )


if __name__ == "__main__":
    main()
