#!/usr/bin/env bash
# Writes requirements/*.lock from the ranges in pyproject.toml: every package, transitive ones
# included, pinned to one version with the hashes of its files, for Linux, Windows and macOS
# on Python 3.11 (uv's --universal resolution; a platform-only package carries its marker).
# Never edit a lock by hand: change pyproject.toml (or requirements/*.in) and run this.
#
#   bash scripts/lock.sh              keep every locked version the ranges still allow
#   bash scripts/lock.sh --upgrade    move everything to the newest version allowed
#
#   app.lock     the station: what `bash scripts/dev.sh run` and the frozen build install
#   center.lock  the centre: the station's set plus the receiver's server (extra "center")
#   dev.lock     development and CI: everything, plus the test, lint and build tools
# app.lock and center.lock are resolved within dev.lock, so all three name the same versions.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${VENV:-.venv}
uv=${UV:-$venv/bin/uv}
command -v "$uv" >/dev/null || uv=uv
compile=(
  "$uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes
  --custom-compile-command "bash scripts/lock.sh"
  --constraint requirements/constraints.in
)
"${compile[@]}" "$@" pyproject.toml requirements/build.in --extra center --extra dev \
  -o requirements/dev.lock
"${compile[@]}" pyproject.toml requirements/build.in --constraint requirements/dev.lock \
  -o requirements/app.lock
"${compile[@]}" pyproject.toml requirements/build.in --extra center \
  --constraint requirements/dev.lock -o requirements/center.lock
echo "requirements/app.lock center.lock dev.lock written"
