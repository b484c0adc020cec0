"""The statistics' words come from resources/statistics in both languages, each text id in
both, and a gap in one language is refused by name rather than printed as a hole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interview_room.center.stats import Dimension
from interview_room.center.stats_words import statistics_folder, statistics_words, words
from interview_room.resources import ResourceFileInvalid


def test_every_dimension_has_a_title_in_both_languages() -> None:
    for dimension in Dimension:
        sq, en = words(f"dimension.{dimension.value}")
        assert sq and en and sq != en


def test_both_languages_have_every_text_id() -> None:
    ids = [
        set(json.loads((statistics_folder() / f"{language}.json").read_text("utf-8"))["texts"])
        for language in ("sq", "en")
    ]
    assert ids[0] == ids[1]
    assert set(statistics_words()) == ids[0]
    assert words("report.page") == ("Faqja {page} nga {pages}", "Page {page} of {pages}")


def test_a_text_missing_in_one_language_is_refused(tmp_path: Path) -> None:
    for language in ("sq", "en"):
        shutil.copy(statistics_folder() / f"{language}.json", tmp_path)
    english = json.loads((tmp_path / "en.json").read_text("utf-8"))
    del english["texts"]["report.withheld"]
    (tmp_path / "en.json").write_text(json.dumps(english, ensure_ascii=False), "utf-8")
    with pytest.raises(ResourceFileInvalid) as refused:
        statistics_words(tmp_path)
    assert refused.value.file == "en.json"
    assert refused.value.subject == "text 'report.withheld'"


def test_a_file_in_the_wrong_language_is_refused(tmp_path: Path) -> None:
    shutil.copy(statistics_folder() / "en.json", tmp_path / "sq.json")
    shutil.copy(statistics_folder() / "en.json", tmp_path)
    with pytest.raises(ResourceFileInvalid, match=r"sq\.json, field 'language'"):
        statistics_words(tmp_path)
