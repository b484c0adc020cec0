"""The frozen build's smaller ICU data library (packaging/trim_icu.py) behaves like Qt's own
for the app's languages: Albanian collation, casing, time-zone names, number formats, word
boundaries in Arabic. The check runs Qt in a child process twice, once with the trimmed library
preloaded (the loader then resolves Qt's libicudata.so.NN to it by soname), and compares."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))
from trim_icu import kept, read_package, symbol_data, trimmed_library, write_package

from tests.external_tools import require_tool

QT_ICU = sorted((Path(__import__("PySide6").__path__[0]) / "Qt" / "lib").glob("libicudata.so.*"))
pytestmark = pytest.mark.skipif(not QT_ICU, reason="Qt ships its own ICU only on Linux")

PROBE = r"""
from PySide6.QtCore import QCollator, QDateTime, QLocale, QTextBoundaryFinder, QTimeZone
words = ["zog", "ëndërr", "çelës", "cep", "dhe", "det", "e", "shtëpi", "sy", "xhep", "llamë"]
for name in ("sq_AL", "en_GB", "sr_Latn_RS", "fr_FR"):
    print(name, sorted(words, key=QCollator(QLocale(name)).sortKey))
for name, text in (("sq", "çelës ëndërr"), ("tr", "i"), ("sr", "šđč")):
    print(QLocale(name).toUpper(text))
when = QDateTime.fromString("2026-03-02T09:30:00Z", "yyyy-MM-ddTHH:mm:sst")
zone = QTimeZone(b"Europe/Tirane")
for name in ("sq", "en", "fr", "ar", "fa"):
    print(name, zone.displayName(when, QTimeZone.NameType.LongName, QLocale(name)))
print(QLocale("fa").toString(12345), QLocale("ar").toString(3.5), QLocale("sq").toString(1234.5))
text = "Përshëndetje botë! مرحبا بالعالم"
finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Word, text)
print([finder.toNextBoundary() for _ in range(8)])
print(len(QTimeZone.availableTimeZoneIds()))
print(any("icudata" in line and "{library}" in line for line in open("/proc/self/maps")))
"""


def _probe(library: Path, preload: Path | None) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("{library}", str(library))],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return done.stdout.splitlines()


def test_the_package_reads_and_writes_back_byte_for_byte() -> None:
    require_tool("nm")
    _, data = symbol_data(QT_ICU[0])

    assert write_package(read_package(data)) == data


def test_only_other_languages_converters_and_dictionaries_are_dropped() -> None:
    assert kept("coll/sq.res") and kept("coll/ucadata.icu") and kept("sr_Latn_RS.res")
    assert kept("zoneinfo64.res") and kept("brkitr/word.brk") and kept("pool.res")
    assert kept("ar.res") and kept("fa_AF.res") and kept("root.res") and kept("res_index.res")
    assert not kept("coll/de.res") and not kept("zh_Hant.res") and not kept("curr/ja.res")
    assert not kept("ibm-1252_P100-2000.cnv") and not kept("brkitr/cjdict.dict")
    assert not kept("translit/root.res") and not kept("unames.icu")


def test_qt_with_the_trimmed_library_answers_as_with_its_own(tmp_path: Path) -> None:
    require_tool("gcc")
    trimmed = trimmed_library(QT_ICU[0], tmp_path)
    assert trimmed is not None

    own = _probe(trimmed, None)
    smaller = _probe(trimmed, trimmed)

    assert own[:-1] == smaller[:-1]
    assert own[-1] == "False" and smaller[-1] == "True"  # the trimmed one was really loaded
    assert trimmed.stat().st_size < QT_ICU[0].stat().st_size / 4
