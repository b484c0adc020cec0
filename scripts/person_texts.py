"""List the words read to the person that a language of the protocol still lacks.

    .venv/bin/python scripts/person_texts.py                      # the current protocol
    .venv/bin/python scripts/person_texts.py --protocol DIR --english

For each language: the person-facing text ids (``screening.text_ids.person_text_ids``) missing
or empty, and those whose ``{placeholders}`` differ from English; ``--english`` prints the
English words beside each missing id, for the translator. Exit 1 when anything is missing
(tests/screening/test_person_languages.py holds the shipped protocol to none). The words read
before a referral made by law (``resources/referral/<lang>.json``, ``script.legal_referral…``)
are checked the same way for each language of the protocol but Albanian (issue 12).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interview_room.resources import resources_root
from interview_room.screening import load_protocol, shipped_protocol_dir
from interview_room.screening.text_ids import person_text_ids, placeholders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", type=Path, default=shipped_protocol_dir())
    parser.add_argument("--english", action="store_true", help="print the English words too")
    args = parser.parse_args(argv)
    protocol = load_protocol(args.protocol)
    ids = person_text_ids(protocol)
    english = protocol.catalogs["en"].texts
    print(f"{protocol.id} {protocol.version}: {len(ids)} texts read to the person")
    incomplete = False
    for language in protocol.languages:
        texts = protocol.catalogs[language].texts
        missing = [t for t in ids if not texts.get(t, "").strip()]
        differ = [
            t
            for t in ids
            if t not in missing and placeholders(texts[t]) != placeholders(english[t])
        ]
        incomplete = incomplete or bool(missing or differ)
        print(f"{language}: {len(missing)} missing, {len(differ)} with other placeholders")
        for text_id in missing:
            print(f"  missing {text_id}")
            if args.english:
                print(f"    en: {english[text_id]}")
        for text_id in differ:
            print(f"  placeholders differ {text_id}")
    for language in protocol.languages:
        missing = _referral_script_gaps(language)
        incomplete = incomplete or bool(missing)
        print(f"{language} legal-referral words: {len(missing)} missing or differing")
        for text_id in missing:
            print(f"  missing {text_id}")
    return 1 if incomplete else 0


def _referral_script_gaps(language: str) -> list[str]:
    """The legal-referral words English has that ``language`` lacks or gives other
    placeholders (no file at all: every one of them)."""
    folder = resources_root() / "referral"
    english = json.loads((folder / "en.json").read_text(encoding="utf-8"))["texts"]
    wanted = [k for k in english if k.startswith("script.legal_referral")]
    path = folder / f"{language}.json"
    if not path.exists():
        return wanted
    texts = json.loads(path.read_text(encoding="utf-8"))["texts"]
    return [
        k
        for k in wanted
        if not texts.get(k, "").strip() or placeholders(texts[k]) != placeholders(english[k])
    ]


if __name__ == "__main__":
    sys.exit(main())
