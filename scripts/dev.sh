#!/usr/bin/env bash
# One entry point for a fresh Linux machine with Python 3.11:
#   bash scripts/dev.sh run  [interview-room arguments]   set up, then open the app
#   bash scripts/dev.sh test [pytest arguments]           set up, then lint, type-check and test
#   bash scripts/dev.sh center [center arguments]         set up the centre, then `center ...`
# Set-up is a virtualenv in .venv (or $VENV) with the locked versions from requirements/
# (written by scripts/lock.sh, every file checked against its hash); it is redone only when a
# lock file or pyproject.toml changes. `run` installs the station's set (app.lock), `center`
# adds the receiver's server (center.lock), `test` installs everything (dev.lock).
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=${VENV:-.venv}
lock=requirements/app.lock
[ "${1:-}" = "test" ] && lock=requirements/dev.lock
[ "${1:-}" = "center" ] && lock=requirements/center.lock

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
name=$(basename "$lock" .lock)
stamp="$venv/.installed-$name-$(cat "$lock" requirements/app.lock pyproject.toml setup.py | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
  # The lock files pin setuptools and wheel too: the editable install below builds without
  # isolation, and a new venv's own setuptools cannot (no bdist_wheel).
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  rm -f "$venv"/.installed-"$name"-*
  touch "$stamp"
fi

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    # Qt's X11 platform plugin needs the system's xcb libraries (since Qt 6.5 libxcb-cursor0,
    # which a fresh Debian machine lacks: without it the window never opens). Installed here
    # when missing and we may; otherwise named in one sentence.
    if [ "$(uname -s)" = Linux ] && [ -z "${QT_QPA_PLATFORM:-}" ] && command -v ldconfig >/dev/null \
      && ! ldconfig -p | grep -q 'libxcb-cursor\.so\.0'; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== installing Qt's X11 libraries"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
          libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 >/dev/null
      else
        echo "The window needs Qt's X11 libraries (Debian: apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0)" >&2
      fi
    fi
    exec "$venv/bin/interview-room" "$@"
    ;;
  center)
    exec "$venv/bin/interview-room" center "$@"
    ;;
  test)
    # Independent checkers of the signed PDFs and bundles (poppler's pdfsig, qpdf, NSS's
    # certutil, age), and gcc/nm for the frozen build's smaller ICU data library.
    missing=""
    for tool in pdfsig pdftotext pdffonts pdftoppm qpdf certutil openssl age gcc nm; do
      command -v "$tool" >/dev/null || missing="$missing $tool"
    done
    if [ -n "$missing" ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== installing the checkers:$missing"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
          poppler-utils qpdf libnss3-tools openssl age gcc binutils >/dev/null
      else
        echo "The checks need:$missing (Debian: apt-get install poppler-utils qpdf libnss3-tools openssl age gcc binutils)" >&2
      fi
    fi
    export QT_QPA_PLATFORM=offscreen
    echo "== ruff"; "$venv/bin/ruff" check src tests scripts benchmarks packaging reliability harness
    "$venv/bin/ruff" format --check src tests scripts benchmarks packaging reliability harness
    echo "== mypy"; "$venv/bin/mypy"
    # Every shipped protocol version against its own test vectors (exit 1 names the failures).
    echo "== protocol vectors"
    for folder in resources/protocols/*/; do
      "$venv/bin/interview-room" protocol check --protocol "$folder"
    done
    # On every core (pytest-xdist), one test file per worker so module fixtures are built once;
    # the longest files start first (tests/conftest.py: LONGEST_FIRST, SPREAD_OVER_WORKERS);
    # `-n 0` in the arguments runs in one process (e.g. to debug one test).
    echo "== pytest"
    exec "$venv/bin/python" -m pytest -p no:cacheprovider -n auto --dist loadfile "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh run|test|center [arguments]" >&2
    exit 2
    ;;
esac
