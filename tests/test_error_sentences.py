"""No refusal reaches a person unworded: every exception class under src/ has a sentence in
Albanian and English (``resources/errors/sentences.json``), or is listed below with the reason it
never reaches a person, or shares its parent's sentence on purpose."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest

import interview_room
from interview_room.accounts import PasswordTooGuessable
from interview_room.error_sentences import (
    UNEXPECTED,
    ErrorCatalogInvalid,
    catalog_path,
    error_sentence,
    find_sentence,
    load_catalog,
    worded_class,
)
from interview_room.errors import InterviewRoomError
from interview_room.passwords import Guessability
from interview_room.store.throttle import UnlockThrottled
from interview_room.sync.network import CenterUnreachable
from interview_room.workstation import WrongPasswordDelayed

PACKAGE = Path(interview_room.__file__).resolve().parent

NEVER_REACH_A_PERSON: dict[str, str] = {
    "InterviewRoomError": "the base class; raised itself only by the command line for a misuse "
    "of its own options, which it prints as written (English, like its --help)",
    "ErrorCatalogInvalid": "the sentence catalog itself is broken: a packaging fault these tests "
    "catch; a person is told the catalog-free 'something went wrong' sentence",
    "_BodyTooSlow": "internal to the centre's receiver, which answers it with an HTTP refusal",
    "_BodyNotSigned": "internal to the centre's receiver, which answers it with an HTTP refusal",
    "FormatViolation": "internal to the sync package: its public functions turn it into their "
    "typed, worded refusal",
    "AuditDetailNotAllowed": "a programming error (code about to log content), caught by tests",
    "UnknownDirection": "directions come from information files already checked against "
    "DIRECTIONS (InformationFileInvalid): a programming error",
    "TextNotFound": "a caller asked for a text id its own protocol lacks: a programming error "
    "(every text a screen needs is checked when the protocol loads)",
    "UnknownIndicator": "a caller named an indicator its own protocol lacks: a programming error",
    "MalformedCondition": "raised while a protocol loads and turned by the loader into a worded "
    "ProtocolSchemaError with its file and item",
    "SyncError": "an abstract base, never raised itself (checked below)",
    "BundleError": "an abstract base, never raised itself (checked below)",
    "NetworkSyncError": "an abstract base, never raised itself (checked below)",
    "StatisticsError": "an abstract base, never raised itself (checked below)",
}
"""Classes that can never reach a person, each with the reason."""

ABSTRACT = ("SyncError", "BundleError", "NetworkSyncError", "StatisticsError")

_AUTHORING = (
    "an authoring fault in a shipped file, read by whoever prepares a release; the parent's "
    "sentence carries the file, item and fault ({detail})"
)
SHARE_PARENT_SENTENCE: dict[str, str] = {
    name: _AUTHORING
    for name in (
        # ProtocolError: the protocol folder (interview-room protocol check)
        "ProtocolFileMissing",
        "MalformedJson",
        "UnsupportedProtocolFormat",
        "ProtocolSchemaError",
        "UnknownEnumValue",
        "UnknownAnswerType",
        "UnknownDimension",
        "UnknownStrength",
        "DuplicateId",
        "UnknownReference",
        "UnknownQuestionReference",
        "ShowIfForwardReference",
        "UnknownIndicatorReference",
        "UnknownOptionReference",
        "InvalidProtocolStructure",
        "InvalidDecisionRule",
        "MissingTranslation",
        "OrphanText",
        "TextPlaceholderMismatch",
        "VectorsInvalid",
        # DirectoryError: resources/directory.json
        "DirectoryFileMissing",
        "MalformedDirectory",
        "InvalidDirectoryEntry",
        # InformationError: resources/information/*.json
        "InformationFileInvalid",
        "GlyphsMissing",
    )
}
"""Classes worded by their nearest worded parent on purpose, each with the reason."""

BUILTIN_RAISES: dict[str, str] = {
    "AssertionError": "an unreachable branch (exhaustive match)",
    "KeyError": "a lookup of an id or dimension the caller took from the same protocol",
    "NotImplementedError": "an abstract method",
    "RuntimeError": "the self-test's own failure, reported by the self-test as a failed step",
    "TypeError": "a wrong type inside a record the centre already verified",
    "ValueError": "an argument out of range that no front end passes (attempts < 1, a "
    "negative count)",
    "FileNotFoundError": "a missing translation catalog: worded through OSError",
}
"""Builtin exceptions raised under src/: programming errors, told as 'something went wrong'."""


def _modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages([str(PACKAGE)], "interview_room.")
        if not info.name.endswith("__main__")
    ]
    for name in names:
        importlib.import_module(name)
    return names


def _defined_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for name in _modules():
        for obj in vars(importlib.import_module(name)).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__.startswith("interview_room")
            ):
                assert found.setdefault(obj.__name__, obj) is obj, (
                    f"two exception classes are named {obj.__name__}: the catalog keys by name"
                )
    return found


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in PACKAGE.rglob("*.py")]


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_every_exception_class_that_can_reach_a_person_is_worded_in_both_languages() -> None:
    unworded = sorted(
        name
        for name, klass in _defined_exceptions().items()
        if name not in NEVER_REACH_A_PERSON
        and name not in SHARE_PARENT_SENTENCE
        and worded_class(klass) is not klass
    )
    assert unworded == [], (
        "add a sentence in Albanian and English to resources/errors/sentences.json for: "
        + ", ".join(unworded)
    )


def test_the_lists_name_real_classes_and_shared_sentences_have_a_worded_parent() -> None:
    classes = _defined_exceptions()
    assert sorted(set(NEVER_REACH_A_PERSON) - set(classes)) == []
    for name in SHARE_PARENT_SENTENCE:
        parent = worded_class(classes[name])
        assert parent is not None and parent is not classes[name], name
        assert "{detail}" in load_catalog()[parent.__name__]["sq"], name


def test_abstract_bases_are_never_raised_themselves() -> None:
    constructed = {
        _name(node.func)
        for _, tree in _trees()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    assert [name for name in ABSTRACT if name in constructed] == []


def test_every_catalog_entry_words_an_existing_class() -> None:
    classes = _defined_exceptions()
    stale = sorted(
        key
        for key in load_catalog()
        if key not in classes and key != UNEXPECTED and not hasattr(builtins, key)
    )
    assert stale == []


def test_the_source_defines_no_exception_class_the_import_walk_missed() -> None:
    """Classes in the GUI, or inside functions, are found from the source text."""
    known = set(_defined_exceptions())
    exception_like = known | {n for n in dir(builtins) if n.endswith(("Error", "Exception"))}
    missed = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ClassDef)
                and node.name not in known
                and any(_name(base) in exception_like for base in node.bases)
            ):
                missed.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert missed == []


def test_builtin_exceptions_raised_under_src_are_the_known_programming_errors() -> None:
    raised = set()
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and node.exc is not None:
                target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                name = _name(target)
                if name is not None and isinstance(getattr(builtins, name, None), type):
                    raised.add(name)
    assert sorted(raised - set(BUILTIN_RAISES)) == [], "word it, or raise a typed refusal"


_ENGLISH = re.compile(r"\b(the|and|is|not|was|this|with|to|of|or)\b")


@pytest.mark.parametrize("key", sorted(load_catalog()))
def test_each_sentence_is_whole_and_albanian_is_not_english(key: str) -> None:
    entry = load_catalog()[key]
    pairs = [entry] + [entry[v] for v in ("admin", "one") if v in entry]
    pairs += list(entry.get("cases", {}).values())
    for pair in pairs:
        for language in ("sq", "en"):
            sentence = pair[language]
            assert sentence[0].isupper() and sentence.rstrip().endswith((".", "…")), sentence
            assert "  " not in sentence and "\n" not in sentence, sentence
        without_detail = pair["sq"].replace("{detail}", "")
        assert pair["sq"] != pair["en"]
        # Command words (interview-room center init) are not Albanian or English.
        assert _ENGLISH.findall(re.sub(r"interview-room [a-z -]+", "", without_detail)) == []


def test_waiting_is_counted_in_whole_seconds_with_the_singular_for_one() -> None:
    assert "prisni 1 sekondë para" in error_sentence(UnlockThrottled(0.2), "sq")
    assert "prisni 5 sekonda para" in error_sentence(UnlockThrottled(4.01), "sq")
    assert "wait 1 second before" in error_sentence(WrongPasswordDelayed(1.0), "en")
    assert "wait 30 seconds before" in error_sentence(WrongPasswordDelayed(30.0), "en")
    assert "pas 1 përpjekjeje" in error_sentence(CenterUnreachable(1, "timeout"), "sq")
    assert "after 4 attempts" in error_sentence(CenterUnreachable(4, "timeout"), "en")


def test_a_guessable_password_is_told_why_for_every_reason() -> None:
    told = {error_sentence(PasswordTooGuessable(reason), "sq") for reason in Guessability}
    assert len(told) == len(Guessability)
    assert all("Zgjidhni tri ose katër fjalë" in sentence for sentence in told)


def test_an_administrator_is_told_what_to_do_where_others_are_sent_to_one() -> None:
    from interview_room.store.certificates import NoSigningKey

    error = NoSigningKey("no certificate")
    assert "pyeteni" in error_sentence(error, "sq")
    assert "Përdoruesit…" in error_sentence(error, "sq", admin=True)
    assert error_sentence(ValueError("x"), "en") != error_sentence(ValueError("x"), "en", True)


def test_a_file_problem_is_worded_and_an_unworded_refusal_falls_back_calmly() -> None:
    assert "disku" in error_sentence(PermissionError(13, "denied"), "sq")
    bare = InterviewRoomError("--cases must be zero or more.")
    assert find_sentence(bare, "sq") is None
    assert error_sentence(bare, "sq").startswith("Diçka nuk shkoi mirë")
    assert error_sentence(KeyError("x"), "fr").startswith("Something went wrong")


def test_an_authoring_fault_keeps_its_file_item_and_fault() -> None:
    from interview_room.screening.errors import MalformedJson

    sentence = error_sentence(MalformedJson("protocol.json", 3, 7, "Expecting value"), "sq")
    assert "protocol.json, line 3, column 7: Expecting value" in sentence
    assert sentence.startswith("Protokolli i intervistës nuk mund të ngarkohet")


def test_a_malformed_catalog_is_refused(tmp_path: Path) -> None:
    good = json.loads(catalog_path().read_text(encoding="utf-8"))
    broken = tmp_path / "sentences.json"
    good["sentences"]["WrongPassword"]["sq"] = "Prisni {seconds} sekonda."
    broken.write_text(json.dumps(good), encoding="utf-8")
    with pytest.raises(ErrorCatalogInvalid, match="placeholders differ"):
        load_catalog(broken)
    del good["sentences"]["WrongPassword"]["sq"]
    broken.write_text(json.dumps(good), encoding="utf-8")
    with pytest.raises(ErrorCatalogInvalid, match="no 'sq' sentence"):
        load_catalog(broken)


def test_the_command_line_prints_the_catalog_sentence_without_loading_qt(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from interview_room.cli import main\n"
        "rc = main(['--lang', 'sq', 'center', 'stats', '--center-dir', sys.argv[1],"
        " '--from', '2025-01-01', '--to', '2025-01-31', '--out', sys.argv[2]])\n"
        "print(rc, 'PySide6' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "no-centre"), str(tmp_path / "s.csv")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["1", "False"]
    assert run.stderr == (
        "interview-room: Në këtë dosje nuk është krijuar asnjë zyrë qendrore. Kontrolloni "
        "dosjen, ose krijoni një me interview-room center init.\n"
    )
