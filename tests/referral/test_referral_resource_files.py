"""The referral's own resource files (the recipients table, the form wording per language) pass
the one JSON-resource check (``resources.read_json_file``): a broken copy is refused with the
loader's typed error naming the file, the place and the fault, never a bare JSON exception."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.referral.form_words import form_labels
from interview_room.referral.recipients import RecipientTableInvalid, recipient_table
from interview_room.resources import ResourceFileInvalid, resources_root

SHIPPED = resources_root() / "referral"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "referral"
    shutil.copytree(SHIPPED, folder)
    return folder


def _table(folder: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((folder / "recipients.json").read_text("utf-8"))
    return loaded


def test_the_shipped_files_pass_the_check() -> None:
    assert recipient_table(SHIPPED).rule("shelter").kind != "unlisted"
    for language in ("sq", "en", "ar", "fa", "fr", "sr"):
        assert form_labels(language, SHIPPED)["field.recipient"]


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda t: t.update(extra_field=1), "field 'extra_field'"),
        (lambda t: t.pop("recipients"), "field 'recipients'"),
        (lambda t: t.update(format=2), "field 'format'"),
    ],
    ids=["unknown field", "missing field", "other format"],
)
def test_a_recipients_table_out_of_shape_is_refused_by_name(
    tmp_path: Path, change: object, place: str
) -> None:
    folder = _copy(tmp_path)
    table = _table(folder)
    assert callable(change)
    change(table)
    (folder / "recipients.json").write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(RecipientTableInvalid, match=f"recipients.json, {place}"):
        recipient_table(folder)


def test_a_recipients_table_with_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    text = (folder / "recipients.json").read_text("utf-8")
    # The second "recipients" would silently win in a plain json.loads.
    twice = text.rstrip().removesuffix("}") + ', "recipients": {}}'
    (folder / "recipients.json").write_text(twice, encoding="utf-8")
    with pytest.raises(RecipientTableInvalid, match="key 'recipients': it is written twice"):
        recipient_table(folder)


def test_a_form_wording_file_that_is_not_json_is_refused_by_name(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "fr.json").write_text('{"language": "fr",', encoding="utf-8")
    with pytest.raises(ResourceFileInvalid, match=r"fr\.json, line 1, column \d+: malformed JSON"):
        form_labels("fr", folder)
    (folder / "fr.json").write_text(
        json.dumps({"language": "fr", "name": "Français", "texts": ["not", "a", "map"]}),
        encoding="utf-8",
    )
    with pytest.raises(ResourceFileInvalid, match=r"fr\.json, field 'texts'"):
        form_labels("fr", folder)
    (folder / "en.json").unlink()
    with pytest.raises(ResourceFileInvalid, match=r"en\.json, the file: it does not exist"):
        form_labels("sq", folder)
