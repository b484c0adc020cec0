"""One check for every JSON resource file (``resources.read_json_object``): a malformed file of
each kind is refused with its loader's typed error, which a person reads in Albanian and
English with the file, the place and the fault."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.documents.directory import MalformedDirectory, parse_directory
from interview_room.documents.information_texts import (
    InformationFileInvalid,
    load_information_texts,
)
from interview_room.error_sentences import (
    UNEXPECTED,
    ErrorCatalogInvalid,
    error_sentence,
    find_sentence,
    load_catalog,
)
from interview_room.resources import ResourceFileInvalid, read_json_file, read_json_object
from interview_room.screening.errors import (
    DuplicateId,
    MalformedJson,
    ProtocolFileMissing,
    ProtocolSchemaError,
)
from interview_room.screening.loader import load_protocol
from interview_room.sync.protocol_floor import floor_case_count, floor_path


def _worded(error: BaseException) -> None:
    """The error has its own sentence in both languages, carrying the file and the fault."""
    detail = str(error).rstrip(".")
    for language in ("sq", "en"):
        sentence = find_sentence(error, language)
        assert sentence is not None, (type(error).__name__, language)
        assert detail in sentence
    assert find_sentence(error, "sq") != find_sentence(error, "en")


def test_the_check_refuses_each_fault_and_names_the_place() -> None:
    faults = {
        b"\xff\xfe{}": ("line 1, column 1", "not UTF-8"),
        b'{"format": 1,}': ("line 1, column 14", "malformed JSON"),
        b"[1, 2]": ("the top level", "a JSON object"),
        b'{"format": 1, "extra": 2}': ("field 'extra'", "not known"),
        b'{"about": ""}': ("field 'format'", "missing"),
        b'{"format": 2}': ("field 'format'", "format 1 only"),
        b'{"format": 1, "a": {"b": 1, "b": 2}}': ("key 'b'", "written twice"),
        b'{"format": 1, "a": NaN}': ("the file", "NaN is not allowed"),
    }
    for data, (place, fault) in faults.items():
        with pytest.raises(ResourceFileInvalid) as refused:
            read_json_object(
                data, "x.json", fields={"about", "format", "a"}, required={"format"},
                format_version=1,
            )  # fmt: skip
        assert refused.value.file == "x.json" and refused.value.subject == place, data
        assert fault in refused.value.fault, data
    # A byte-order mark is allowed (Notepad writes one).
    assert read_json_object(b'\xef\xbb\xbf{"format": 1}', "x.json", format_version=1) == {
        "format": 1
    }


def test_a_missing_file_is_refused_the_same_way(tmp_path: Path) -> None:
    with pytest.raises(ResourceFileInvalid, match="does not exist"):
        read_json_file(tmp_path / "gone.json")


def test_a_malformed_directory_is_a_worded_malformed_directory() -> None:
    with pytest.raises(MalformedDirectory) as refused:
        parse_directory(b'{"format": 1, "emergency": [], "emergency": []}', "directory.json")
    assert refused.value.subject == "key 'emergency'"
    _worded(refused.value)


def test_a_malformed_information_file_is_a_worded_information_file_invalid(
    tmp_path: Path,
) -> None:
    (tmp_path / "en.json").write_text('{"language": "en", "name": "English",', "utf-8")
    with pytest.raises(InformationFileInvalid) as refused:
        load_information_texts("en", tmp_path)
    assert refused.value.file == "en.json" and "malformed JSON" in refused.value.fault
    _worded(refused.value)
    (tmp_path / "en.json").write_text('{"language": "en", "name": "English"}', "utf-8")
    with pytest.raises(InformationFileInvalid, match="field 'direction': this field is missing"):
        load_information_texts("en", tmp_path)


def test_a_malformed_protocol_floor_is_a_worded_resource_file_invalid(tmp_path: Path) -> None:
    shipped = json.loads(floor_path().read_text("utf-8"))
    floor = tmp_path / "floor-vectors.json"
    floor.write_text(json.dumps({**shipped, "vectors": 3}), "utf-8")
    with pytest.raises(ResourceFileInvalid) as refused:
        floor_case_count(floor)
    assert refused.value.subject == "field 'vectors'"
    _worded(refused.value)
    floor.write_text(json.dumps({**shipped, "note": ""}), "utf-8")
    with pytest.raises(ResourceFileInvalid, match="field 'note': this field is not known"):
        floor_case_count(floor)
    assert floor_case_count() == len(shipped["vectors"]), "the shipped floor passes"


def test_a_protocol_file_passes_the_same_check_with_the_protocols_typed_errors(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "protocol"
    shutil.copytree(Path(__file__).parent / "screening" / "fixtures" / "minimal", folder)
    protocol = folder / "protocol.json"
    good = protocol.read_bytes()
    protocol.write_bytes(good.replace(b"{", b"{\n\xff", 1))
    with pytest.raises(MalformedJson) as refused:
        load_protocol(folder)
    assert (refused.value.file, refused.value.line, refused.value.column) == ("protocol.json", 2, 1)
    _worded(refused.value)
    protocol.write_bytes(good.replace(b"{", b'{"format": NaN, ', 1))
    with pytest.raises(ProtocolSchemaError, match="NaN is not allowed"):
        load_protocol(folder)
    protocol.write_bytes(good.replace(b"{", b'{"id": "x", ', 1))
    with pytest.raises(DuplicateId, match="key 'id': it is written twice"):
        load_protocol(folder)
    protocol.write_bytes(b"[]")
    with pytest.raises(ProtocolSchemaError, match="the top level: it must be a JSON object"):
        load_protocol(folder)
    protocol.unlink()
    with pytest.raises(ProtocolFileMissing, match=r"protocol\.json, the file: it does not exist"):
        load_protocol(folder)


def test_a_malformed_error_catalog_is_refused_and_a_person_is_told_the_calm_sentence(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "sentences.json"
    catalog.write_text('{"sentences": {}, "sentences": {}}', "utf-8")
    with pytest.raises(ErrorCatalogInvalid, match="key 'sentences': it is written twice") as bad:
        load_catalog(catalog)
    # The catalog itself is what is broken: no sentence of its own (a packaging fault the
    # tests catch); the shipped catalog's calm sentence is said instead.
    assert find_sentence(bad.value, "sq") is None
    shipped = load_catalog()[UNEXPECTED]
    for language in ("sq", "en"):
        assert error_sentence(bad.value, language) == shipped[language]
