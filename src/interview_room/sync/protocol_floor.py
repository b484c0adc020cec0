"""What a protocol from the centre must keep, beyond its own test vectors (attacker 4, V1).

A protocol's ``vectors.json`` is chosen by whoever publishes it, so vectors that agree with a
harmful rule prove nothing. Two checks do not depend on the publisher's choice; the station runs
them before it applies a received protocol (``centre_package_station.py``) and the centre before
it publishes one (``center/publish.py``):

- **The floor** (``resources/protocols/floor-vectors.json``): a few invariant cases copied by
  id from the shipped ``vectors.json`` (adult sexual exploitation with violence, a child made
  to beg with the money taken: potential victim; a seasonal worker with a contract: not met;
  a refusal: not determined; a clearly young person: presumed child...). Each is run with the
  new protocol's rule; only the outcome and the presumed child are judged. A protocol without a
  question they use fails the floor.
- **The meaning** (attacker 5, P1 and P3): the floor also pins the age rule (``age_rule``,
  with boundary cases in ``age_cases``: 17, 18, a doubt, the apparent-age paths) and, in
  Albanian and English, the SHA-256 of every text of every question the floor uses
  (``texts``: labels, options, what is read to the person, guidance). Officers answer by
  words: a protocol that keeps the ids but swaps "Clearly a child" and "Clearly an adult" is
  below the floor. A new option's label may be added; any other rewording of these questions
  needs a new floor, shipped in a program release (``python -m
  interview_room.sync.protocol_floor`` rewrites the pins from the shipped protocol).
- **Continuity**: the new version's vectors keep every vector id of the newest earlier version
  of the same protocol held (shipped, received, or published), with the same answers and the
  same expectation, unless the vector says why it changed (``changed_because``). A vector is
  never dropped, and its outcome and presumed child never change, reason or not: that needs a
  program release (attacker 5, P3: a reason is a string anyone who signs can write).

docs/CENTRE_PACKAGE.md describes both.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes
from interview_room.resources import ResourceFileInvalid, read_json_file, resources_root
from interview_room.screening.answers import Answer
from interview_room.screening.errors import ProtocolError
from interview_room.screening.flow import presumed_child
from interview_room.screening.loader import load_protocol
from interview_room.screening.protocol import AgeRule, Protocol
from interview_room.screening.vectors import VECTORS_FILE, load_vectors, run_vector

FLOOR_FILE = "floor-vectors.json"
_FLOOR_FIELDS = frozenset(
    {"about", "protocol", "version", "vectors", "age_rule", "age_cases", "texts"}
)
PINNED_LANGUAGES = ("sq", "en")
"""The languages whose texts of the floor's questions are pinned: those the officers read."""


class ProtocolBelowFloor(InterviewRoomError):
    """A protocol fails the floor of invariant cases every protocol must satisfy (or lacks a
    question they use): it is neither published nor applied. ``protocol`` names the version,
    ``failed`` the ids of the floor cases it fails."""

    def __init__(self, protocol: str, failed: tuple[str, ...]) -> None:
        super().__init__(
            f"Protocol {protocol} fails {len(failed)} of the invariant cases every protocol must"
            f" satisfy: {', '.join(failed)}."
        )
        self.protocol = protocol
        self.failed = failed


class ProtocolVectorsDropped(InterviewRoomError):
    """A new protocol version drops a test vector of the version before it, or changes one's
    answers or expectation without saying why (``changed_because``). ``protocol`` names the
    version, ``earlier`` the version compared with, ``vectors`` the ids concerned."""

    def __init__(self, protocol: str, earlier: str, vectors: tuple[str, ...]) -> None:
        super().__init__(
            f"Protocol {protocol} drops or silently changes {len(vectors)} test vector(s) of"
            f" version {earlier}: {', '.join(vectors)}."
        )
        self.protocol = protocol
        self.earlier = earlier
        self.vectors = vectors


def floor_path() -> Path:
    return resources_root() / "protocols" / FLOOR_FILE


def _read_floor(path: Path) -> dict[str, Any]:
    """The floor file, through the one resource check (``ResourceFileInvalid`` when it
    fails)."""
    raw = read_json_file(
        path, fields=_FLOOR_FIELDS, required={"vectors", "age_rule", "age_cases", "texts"}
    )
    if not isinstance(raw["vectors"], list) or not all(
        isinstance(item, dict) and "id" in item for item in raw["vectors"]
    ):
        raise ResourceFileInvalid(path.name, "field 'vectors'", "it must list cases with an id")
    if not isinstance(raw["age_rule"], dict) or not isinstance(raw["age_cases"], list):
        raise ResourceFileInvalid(path.name, "field 'age_rule'", "it must pin the age rule")
    texts = raw["texts"]
    if not isinstance(texts, dict) or set(texts) != set(PINNED_LANGUAGES):
        raise ResourceFileInvalid(path.name, "field 'texts'", "it must pin sq and en")
    return raw


def floor_case_count(path: Path | None = None) -> int:
    return len(_read_floor(path or floor_path())["vectors"])


def check_floor(protocol: Protocol, path: Path | None = None) -> None:
    """Run the floor cases with ``protocol``'s rule, compare its age rule and its sq/en texts
    of the floor's questions with the pinned ones; raise ``ProtocolBelowFloor`` naming each
    case that gives another outcome or presumed child than it expects (or cannot be run with
    this protocol), and each pinned value that differs."""
    floor = _read_floor(path or floor_path())
    named = f"{protocol.id} {protocol.version}"
    failed = [
        *_failed_cases(protocol, floor["vectors"], named),
        *_age_rule_differences(protocol, floor["age_rule"], floor["age_cases"]),
        *_text_differences(protocol, floor["texts"]),
    ]
    if failed:
        raise ProtocolBelowFloor(named, tuple(failed))


def _failed_cases(protocol: Protocol, cases: list[Any], named: str) -> list[str]:
    ids = tuple(str(item["id"]) for item in cases)
    body = {"protocol": protocol.id, "version": protocol.version, "vectors": cases}
    with tempfile.TemporaryDirectory(prefix="ir-floor-") as folder:
        file = Path(folder) / FLOOR_FILE
        file.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
        try:
            vectors = load_vectors(file, protocol)
        except ProtocolError:  # a question, an option or a sign the floor uses is missing
            raise ProtocolBelowFloor(named, ids) from None
    failed = []
    for vector in vectors:
        result = run_vector(protocol, vector)
        expected = vector.expected
        if result.outcome is not expected.outcome or (
            expected.presumed_child is not None
            and result.presumed_child is not expected.presumed_child
        ):
            failed.append(vector.id)
    return failed


def age_rule_pin(rule: AgeRule) -> dict[str, Any]:
    return {
        "age_question": rule.age_question,
        "doubt_question": rule.doubt_question,
        "adult_age": rule.adult_age,
        "apparent_age_question": rule.apparent_age_question,
        "apparent_adult_options": sorted(rule.apparent_adult_options),
    }


def _age_rule_differences(
    protocol: Protocol, pinned: dict[str, Any], cases: list[Any]
) -> list[str]:
    """``age_rule.<field>`` for each field that differs from the pin, ``age_case <about>`` for
    each boundary case whose presumed child differs (17, 18, a doubt, the apparent age)."""
    held = age_rule_pin(protocol.age_rule)
    failed = [f"age_rule.{name}" for name in sorted(pinned) if held.get(name) != pinned[name]]
    for case in cases:
        answers = {
            question: Answer.given(question, value) for question, value in case["answers"].items()
        }
        if presumed_child(protocol, answers) is not case["presumed_child"]:
            failed.append(f"age_case {case['about']}")
    return failed


def floor_questions(path: Path | None = None) -> tuple[str, ...]:
    """The questions the floor uses: those its cases answer and those of its age rule."""
    floor = _read_floor(path or floor_path())
    used = {question for case in floor["vectors"] for question in case["answers"]}
    rule = floor["age_rule"]
    used |= {rule["age_question"], rule["doubt_question"], rule["apparent_age_question"]}
    return tuple(sorted(question for question in used if isinstance(question, str)))


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _question_of(text_id: str, questions: frozenset[str] | None) -> str | None:
    """The question ``text_id`` belongs to, when it is one of ``questions`` (None: any)."""
    parts = text_id.split(".")
    if len(parts) >= 3 and parts[0] == "question" and (questions is None or parts[1] in questions):
        return parts[1]
    return None


def text_pins(protocol: Protocol, questions: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """For each pinned language, the SHA-256 of each of ``protocol``'s texts of
    ``questions`` (``question.<id>.*``)."""
    wanted = frozenset(questions)
    return {
        language: {
            text_id: _text_hash(text)
            for text_id, text in sorted(protocol.catalogs[language].texts.items())
            if _question_of(text_id, wanted) is not None
        }
        for language in PINNED_LANGUAGES
    }


def _text_differences(protocol: Protocol, pinned: dict[str, dict[str, str]]) -> list[str]:
    """``text <language> <id>`` for each pinned text that differs or is missing, and for each
    text of a pinned question that the pin does not know, other than a new option's label."""
    failed = []
    for language in PINNED_LANGUAGES:
        pins = pinned[language]
        questions = frozenset(
            question for text_id in pins if (question := _question_of(text_id, None)) is not None
        )
        catalog = protocol.catalogs.get(language)
        texts = catalog.texts if catalog is not None else {}
        for text_id, digest in sorted(pins.items()):
            text = texts.get(text_id)
            if text is None or _text_hash(text) != digest:
                failed.append(f"text {language} {text_id}")
        for text_id in sorted(texts):
            if text_id in pins or _question_of(text_id, questions) is None:
                continue
            if text_id.split(".")[2] != "option":
                failed.append(f"text {language} {text_id}")
    return failed


def _vectors_by_id(folder: Path) -> dict[str, dict[str, Any]]:
    # The vectors file's own schema is screening/vectors.py's; only its top level here.
    raw = read_json_file(folder / VECTORS_FILE, required={"vectors"})
    common = raw.get("common", {})
    return {
        str(item["id"]): {
            "answers": {**common, **item["answers"]},
            "expect": item["expect"],
            "changed_because": item.get("changed_because"),
        }
        for item in raw["vectors"]
    }


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def newest_earlier(protocol: Protocol, folders: Iterable[Path]) -> tuple[Protocol, Path] | None:
    """The newest version of ``protocol``'s id below its version among ``folders`` (each a
    protocol folder that loads; one that does not is passed over)."""
    earlier: list[tuple[Protocol, Path]] = []
    for folder in folders:
        try:
            held = load_protocol(folder)
        except ProtocolError:
            continue
        if held.id == protocol.id and _version_key(held.version) < _version_key(protocol.version):
            earlier.append((held, folder))
    if not earlier:
        return None
    return max(earlier, key=lambda pair: _version_key(pair[0].version))


def _judged(expect: Any) -> tuple[object, object]:
    """What a reason (``changed_because``) cannot change: the outcome and the presumed child."""
    if not isinstance(expect, dict):
        return (None, None)
    return (expect.get("outcome"), expect.get("presumed_child"))


def check_continuity(folder: Path, held_folders: Iterable[Path]) -> None:
    """Raise ``ProtocolVectorsDropped`` when the protocol in ``folder`` drops a vector id of
    the newest earlier version among ``held_folders``, changes a kept vector's answers or
    expectation without a ``changed_because`` note, or changes its outcome or presumed child
    at all."""
    protocol = load_protocol(folder)
    found = newest_earlier(protocol, held_folders)
    if found is None:
        return
    earlier, earlier_folder = found
    try:
        before = _vectors_by_id(earlier_folder)
    except (ResourceFileInvalid, ValueError, KeyError, TypeError):
        return  # the earlier version carries no readable vectors: nothing to keep
    now = _vectors_by_id(folder)
    concerned = []
    for vector_id, old in before.items():
        new = now.get(vector_id)
        if new is None:
            concerned.append(vector_id)  # a vector is never dropped
            continue
        said = isinstance(new["changed_because"], str) and new["changed_because"].strip()
        if (new["answers"], new["expect"]) != (old["answers"], old["expect"]) and not said:
            concerned.append(vector_id)
        elif _judged(new["expect"]) != _judged(old["expect"]):
            concerned.append(vector_id)  # a reason may refine dimensions, never the outcome
    if concerned:
        raise ProtocolVectorsDropped(
            f"{protocol.id} {protocol.version}", earlier.version, tuple(sorted(concerned))
        )


def shipped_protocol_folders() -> tuple[Path, ...]:
    root = resources_root() / "protocols"
    return tuple(sorted(path.parent for path in root.glob("*/protocol.json")))


def refresh_pins(protocol_folder: Path, path: Path | None = None) -> None:
    """Rewrite the floor's ``texts`` from the protocol in ``protocol_folder`` (a program
    release that deliberately rewords a question of the floor; never a received protocol)."""
    file = path or floor_path()
    floor = _read_floor(file)
    protocol = load_protocol(protocol_folder)
    floor["texts"] = text_pins(protocol, floor_questions(file))
    text = json.dumps(floor, ensure_ascii=False, indent=1) + "\n"
    atomic_write_bytes(file, text.encode("utf-8"))


if __name__ == "__main__":  # python -m interview_room.sync.protocol_floor [protocol folder]
    shipped = resources_root() / "protocols" / "screening-v2"
    refresh_pins(Path(sys.argv[1]) if len(sys.argv) > 1 else shipped)
