#!/usr/bin/env bash
# The real-display walkthrough (scripts/walkthrough.py): Xvfb + openbox, the app driven by
# xdotool from first run to a bundle on a "USB stick", a screenshot per step, then a check of
# what was recorded. Needs the Debian packages xvfb openbox xdotool imagemagick (installed with
# apt-get when run as root). Arguments go to walkthrough.py, e.g.
#   bash scripts/walkthrough.sh --out /tmp/walkthrough-shots
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/interview-room ]; then
  bash scripts/dev.sh run --version >/dev/null  # sets up .venv with the locked versions
fi
exec .venv/bin/python scripts/walkthrough.py "$@"
