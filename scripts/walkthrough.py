"""A real-display walkthrough: the app as a user meets it, driven only by keys and clicks.

    bash scripts/walkthrough.sh [--out DIR] [--lang sq|en] [--every-page DIR] [--until STEP]
                                [--keep]
    .venv/bin/python scripts/walkthrough.py            # screenshots: docs/screenshots/walkthrough
    .venv/bin/python scripts/walkthrough.py --lang en --out /tmp/walkthrough-en

``--every-page DIR`` also saves every question page (for review, not for the repository);
``--until STEP`` stops after a step and ``--keep`` leaves the display (its number is printed),
the app and the temporary folder for a look with ``DISPLAY=:N import -window root x.png``.

It starts a virtual X display (Xvfb, 1366x768, the stations' laptops: the app opens maximized)
with a small window manager (openbox), opens ``.venv/bin/interview-room`` with a fresh, empty
HOME (so the first-run page shows, in Albanian, the default; ``--lang en``: in English), and
drives it with ``xdotool`` alone (keys, typing, clicks at window positions):
first run, a real workstation (Morinë, MOR) with its first administrator, the recovery key,
adding a social worker and a border police officer, enrolling with a central office (an
administrator's task), the officer signing in, a whole interview one question at a time on
the current protocol (answers, "prefers not to answer", one skip, one left unanswered,
follow-up questions; the rights read piece by piece, pressed through to the last piece and
opened whole; the person's name through "Person's name…" once they agree to the interview; the
safety and risk questions), a break, locking during the break and unlocking, the
determination, a referral signed by the officer and countersigned by the social worker, and a
bundle written to a folder (a stand-in USB stick) for the central office. Then two more people:
one who hears the rights and says no (``REFUSAL``: the refusal, ending respectfully, the help
panel on the case, the person's yes to a shelter and the shelter's referral), and a girl of 15
(``CHILD``: who supports her before any question, the Child Protection Unit called, the
guardian's yes, who she travels with, the children's wording, "child at risk" and the Child
Protection Unit's referral). A screenshot of each step goes to ``--out`` as ``NN-step.png``.
Before the display starts, the three lists are walked through the protocol's show-if and age
rules, so a list out of step with the protocol fails at once.

Then it checks what was recorded, with the app closed: every answer in the store against what
was given on screen (nothing more, nothing less; the refused interview may keep less, never
anything not given), the person's name on the first case and none on the others, the
decisions, each referral's recipient and two signatures, the audit chain, and that the central
office imports the bundle. It
exits 1 when a step failed (the window went away, a page did not change, a file was not
written, a record differs), 2 when a tool is missing.

Needs the Debian packages ``xvfb openbox xdotool imagemagick`` (run as root, it installs the
missing ones with apt-get) and the project's ``.venv`` (``bash scripts/dev.sh run`` makes it).
Only fictitious people and data. Where it clicks is measured on the maximized window, in both
languages (see ``CLICKS``); everything else goes by the keyboard, as the app's Tab order allows.
Where the keyboard focus is, it reads from the focus ring the style sheet draws (``FOCUS_COLOUR``):
a question that opens with the focus on the page rather than on an answer (its answers below
the fold) is reached with one Tab, which must bring the answer into view, and named in the
log. It stops when the app's translation catalogs are rewritten under it (the app then shows
English).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / ".venv" / "bin" / "interview-room"
DEFAULT_OUT = ROOT / "docs" / "screenshots" / "walkthrough"
CATALOGS = ROOT / "src" / "interview_room" / "gui" / "i18n"
SCREEN = "1366x768x24"
"""The stations' laptops: on a screen this small the app opens maximized (gui/app.py)."""
TOOLS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "import": "imagemagick",
    "compare": "imagemagick",
    "convert": "imagemagick",
}
PACKAGES = "xvfb openbox xdotool imagemagick"
LANGUAGE = "sq"
"""The interface language (``--lang``): Albanian, the default, as a first run shows it."""

# Fictitious people only.
STATION, STATION_CODE = "Morinë", "MOR"
ADMIN_NAME, ADMIN_USER, ADMIN_PASSWORD = "Drita Shembulli", "d.shembulli", "lule-mali-bardhe-7"
WORKER_NAME, WORKER_USER, WORKER_PASSWORD = "Besa Provaj", "b.provaj", "yll-deti-kalter-42"
# The interview and the first signature on a referral are a border police officer's (an
# administrator may not sign one).
OFFICER_NAME, OFFICER_USER, OFFICER_PASSWORD = "Arben Testi", "a.testi", "gur-lumi-gjelber-19"
PERSON_NAME = "Mira Shembulli"
REASONS = "Punë e detyruar: orë të tepërta, pagë më e vogël, dokumentet i mban punëdhënësi."

# Where to click, in window coordinates measured from screenshots of the window maximized on
# the 1366x768 screen (negative numbers count from the right or bottom edge); each point is
# on the button in Albanian and in English.
CLICKS: dict[str, tuple[int, int]] = {
    "home.users": (90, 103),
    "home.sign_out": (-413, 44),
    "home.sync": (850, 103),
    "home.sync_officer": (600, 103),  # an officer has no "Users…" nor "Settings…"
    "wizard.skip": (-213, -57),
    "wizard.person_name": (-713, 109),  # "Person's name…", in the header's second row
}
# Where the question and its answers are (left, top, right, bottom; the same counting).
QUESTION_AREA = (280, 145, -1, -88)
FOCUS_COLOUR = "#c2410c"  # theme.STANDARD.focus: the ring around the focused control

PNA = "<prefers not to answer>"
SKIP = "<skip this question>"
NOTHING = "<move on without an answer>"
KEEP = "<keep what the app filled in>"

# The interview, question by question, in the order the wizard shows them for these answers
# (protocol v2: follow-ups appear as the next question; nothing about the person before the
# rights and the consent). An adult's labour-exploitation story, with two "prefers not to
# answer", one skip and one question left unanswered. Values are option ids, typed text or
# numbers. The third item names the screenshot taken after answering (None: no screenshot).
# ``check_order`` walks this list through the protocol's show-if rules before the display
# starts, so a list out of step with the protocol fails at once, not half-way through.
INTERVIEW: list[tuple[str, Any, str | None]] = [
    ("needs_medical", "no", "immediate-needs"),
    ("needs_basic", ["water", "rest"], None),
    ("needs_feels_safe", "unsure", None),
    ("obs_apparent_age", "clearly_adult", None),
    ("obs_companion_control", "no", None),
    ("safety_threat_at_crossing", "no_one", "threat-at-crossing"),
    ("needs_children_with", "no", None),
    ("needs_actions_taken", ["food_water_given", "rest_arranged"], None),
    ("prep_location", KEEP, "preparation-filled-in"),
    ("prep_date", KEEP, None),
    ("prep_officer", KEEP, None),
    ("prep_social_worker_service", KEEP, None),
    ("prep_social_worker_name", KEEP, "social-worker-filled-in"),
    ("prep_language", "shqip", "typed-text"),
    ("prep_interpreter", "no", None),
    ("prep_common_language", "yes", None),
    ("prep_gender_preference", "woman", None),
    ("prep_gender_preference_met", "yes", None),
    ("obs_asked_apart", "apart", "asked-apart"),
    ("consent_rights_read", "yes", "rights-read"),
    ("consent_interview", "yes", "consent-interview"),
    ("prep_age", 27, "age"),
    ("prep_age_doubt", "no", None),
    ("consent_storage", "yes", None),
    ("consent_share_responsible_authority", "yes", None),
    ("consent_share_state_social_service", "yes", None),
    ("consent_share_shelter", "yes", None),
    ("consent_share_child_protection_unit", "yes", None),
    ("consent_share_health_services", "yes", None),
    ("consent_share_anti_trafficking_police", "yes", None),
    ("consent_share_asylum_migration_authority", "no", None),
    ("consent_witness", ["social_worker"], None),
    ("safety_danger_on_return", ["people_owed_money"], "safety-and-risk"),
    ("safety_family_threatened", "does_not_know", None),
    ("safety_what_feels_safe", ["away_from_companion", "safe_place_to_stay"], None),
    ("safety_own_words", "Ka frikë nga njerëzit që i kanë borxh.", None),
    ("safety_plan", "Strehëz me punonjësen sociale sot.", "safety-plan"),
    ("prep_sex", "female", "about-the-person"),
    ("prep_nationality", "kosovo", "long-list"),
    ("journey_direction", "in_transit", "direction-of-travel"),
    ("rec_how_started", "offer_from_someone", None),
    ("rec_who_arranged", "acquaintance", None),
    ("rec_promised", ["a_job", "wages"], None),
    ("rec_reality_differed", ["wages", "working_conditions"], "reality-differed"),
    ("rec_what_awaits", ["details_unknown", "work_off_debt"], "what-awaits"),
    ("rec_agreement", PNA, "prefers-not-to-answer"),
    ("rec_journey_paid_by", "recruiter_or_employer", None),
    ("rec_hardship_before", ["no_money_or_work", "debts"], None),
    ("rec_harm_during_journey", SKIP, None),
    ("rec_control_during_journey", "others", "after-skip"),
    ("exploitation_forms", ["labour"], "forms-of-exploitation"),
    ("obs_stayed_at_destination", "stayed_or_worked", None),
    ("work_did_work", "yes", "worked-yes"),
    ("work_kind", ["agriculture"], "worked-follow-up"),
    ("work_hours", "more_than_twelve", None),
    ("work_days_off", "no", None),
    ("work_pay", "less_than_agreed", None),
    ("work_conditions", ["no_breaks_or_food"], None),
    ("work_could_refuse", "never_dared", None),
    ("living_conditions", ["arranged_by_employer", "crowded_or_unsanitary"], None),
    ("obs_exhaustion", "yes", None),
    ("ctl_free_to_leave", "only_accompanied", None),
    ("ctl_contact", "monitored", None),
    ("ctl_harm", ["threats"], None),
    ("ctl_authorities", PNA, None),
    ("ctl_told_what_to_say", NOTHING, "left-unanswered"),
    ("obs_acted_against_others", "no", None),
    ("obs_fear_or_coaching", "no", None),
    ("obs_signs_of_violence", "no", None),
    ("doc_where_now", "held_by_someone_else", None),
    ("doc_who_holds", "employer_at_destination", None),
    ("doc_held_at_destination", "by_employer", None),
    ("obs_documents_held_by_companion", "no", None),
    ("debt_owed", "to_recruiter_or_employer", None),
    ("debt_how_it_works", ["kept_growing_or_unclear", "cannot_leave_until_paid"], None),
    ("fam_threats", ["none"], None),
    ("fam_situation", ["family_depends_on_earnings"], None),
    ("fam_unknown_place", "place_only", None),
    ("obs_vulnerability", ["signs_of_trauma"], None),
    # The break (F3), the lock (Ctrl+L) and the unlock come on the first "needs" question.
    ("need_services", ["safe_place_to_stay", "medical_care", "legal_advice"], None),
    ("need_safe_to_return", "unsure", None),
    ("need_reflection_explained", "yes", None),
    ("need_anything_else", "Dëshiron të flasë me motrën.", "last-question"),
]
# The interview the station's common question: the immediate needs and the preparation as in
# every interview, the rights read piece by piece, and then the person says no. Help follows:
# the help panel on the case, the person's yes to a shelter referral, the referral signed.
REFUSAL: list[tuple[str, Any, str | None]] = [
    ("needs_medical", "no", None),
    ("needs_basic", ["food", "warm_clothes"], None),
    ("needs_feels_safe", "not_safe", None),
    ("obs_apparent_age", "clearly_adult", "refusal-apparent-age"),
    ("obs_companion_control", "yes", None),
    ("safety_threat_at_crossing", "companion_here", None),
    ("needs_children_with", "no", None),
    ("needs_actions_taken", ["food_water_given", "separated_from_companion"], None),
    ("prep_location", KEEP, None),
    ("prep_date", KEEP, None),
    ("prep_officer", KEEP, None),
    ("prep_social_worker_service", KEEP, None),
    ("prep_social_worker_name", KEEP, None),
    ("prep_language", "shqip", None),
    ("prep_interpreter", "no", None),
    ("prep_common_language", "yes", None),
    ("prep_gender_preference", "no_preference", None),
    ("obs_asked_apart", "apart", None),
    ("consent_rights_read", "yes", None),
    ("consent_interview", "no", "refusal-consent-no"),
]
# A girl of 15 (a presumed child): before any question about her, who supports her (her legal
# guardian and the Child Protection Unit, both present: she travels with an adult, so the case
# questions wait for the unit in the room) and the guardian's yes; then who she travels with,
# in the children's wording; the determination "child at risk" and the Child Protection
# Unit's referral (required by law).
CHILD_AGE = 15
CHILD: list[tuple[str, Any, str | None]] = [
    ("needs_medical", "no", None),
    ("needs_basic", ["food", "rest"], None),
    ("needs_feels_safe", "unsure", None),
    ("obs_apparent_age", "could_be_under_18", None),
    ("obs_companion_control", "yes", None),
    ("safety_threat_at_crossing", "not_known", None),
    ("needs_children_with", "no", None),
    ("needs_actions_taken", ["food_water_given", "child_protection_unit_informed"], None),
    ("prep_location", KEEP, None),
    ("prep_date", KEEP, None),
    ("prep_officer", KEEP, None),
    ("prep_social_worker_service", KEEP, None),
    ("prep_social_worker_name", KEEP, None),
    ("prep_language", "shqip", None),
    ("prep_interpreter", "no", None),
    ("prep_common_language", "yes", None),
    ("prep_gender_preference", "woman", None),
    ("prep_gender_preference_met", "yes", None),
    ("obs_asked_apart", "apart", None),
    ("consent_rights_read", "yes", None),
    ("consent_interview", "yes", None),
    ("prep_age", CHILD_AGE, "child-age"),
    ("prep_age_doubt", "no", "child-presumed"),
    ("prep_child_support", "both", "child-support"),
    ("guardian_conflict", "no", "child-guardian-conflict"),
    ("consent_guardian", "yes", "child-guardian-consent"),
    ("consent_guardian_by", "both", None),
    ("consent_child_assent", "agrees", "child-assent"),
    ("consent_storage", "yes", None),
    ("consent_share_responsible_authority", "yes", None),
    ("consent_share_state_social_service", "yes", None),
    ("consent_share_shelter", "no", None),
    ("consent_share_child_protection_unit", "yes", None),
    ("consent_share_health_services", "yes", None),
    ("consent_share_anti_trafficking_police", "yes", None),
    ("consent_share_asylum_migration_authority", "no", None),
    ("consent_witness", ["social_worker"], None),
    ("child_travelling_with", "other_adult", "child-travelling-with"),
    ("child_adult_relationship", "employer_or_recruiter", "child-adult-relationship"),
    ("child_adult_papers", "none", None),
    ("child_status", "unaccompanied", "child-status"),
    ("safety_danger_on_return", ["does_not_know"], "child-safety"),
    ("safety_family_threatened", "not_in_danger", None),
    ("safety_what_feels_safe", ["contact_family"], None),
    ("safety_own_words", "Dua të flas me nënën.", None),
    ("safety_plan", "Njësia për Mbrojtjen e Fëmijës vjen sot.", None),
    ("prep_sex", "female", None),
    ("prep_nationality", "albania", None),
    ("journey_direction", "leaving_albania", None),
    ("rec_how_started", "offer_from_someone", "child-wording"),
    ("rec_who_arranged", "online_contact", None),
    ("rec_promised", ["a_job"], None),
    ("rec_reality_differed", NOTHING, None),
    ("rec_what_awaits", ["details_unknown"], None),
    ("rec_journey_paid_by", "someone_else", None),
    ("rec_hardship_before", ["family_problems"], None),
    ("rec_harm_during_journey", ["none"], None),
    ("rec_control_during_journey", "others", None),
    ("exploitation_forms", ["not_known_yet"], None),
    # Still on her way out: no questions about work and living at a destination.
    ("obs_stayed_at_destination", "still_travelling", "child-still-travelling"),
    ("ctl_told_what_to_say", "yes", None),
    ("obs_fear_or_coaching", "yes", None),
    ("obs_signs_of_violence", "no", None),
    ("doc_where_now", "held_by_someone_else", None),
    ("doc_who_holds", "recruiter_since_journey", None),
    ("obs_documents_held_by_companion", "yes", None),
    ("debt_owed", "no", None),
    ("fam_threats", ["none"], None),
    ("fam_situation", ["none"], None),
    ("obs_vulnerability", ["none"], None),
    ("need_services", ["safe_place_to_stay", "contact_family"], None),
    ("need_safe_to_return", "unsure", None),
    ("need_reflection_explained", "yes", None),
    ("need_anything_else", NOTHING, None),
]
CHILD_DECISION = "child_at_risk"
CHILD_REASONS = "Fëmijë e pashoqëruar me një punëdhënës; dokumentet i mban rekrutuesi."
BREAK_AT = "need_services"
RIGHTS_READ = "consent_rights_read"
PERSON_LANGUAGE = "sq"  # chosen in the start dialog (Shqip, the first)
# "Person's name…" is offered once the person has agreed to the interview: the name is asked
# right after that answer, before "Next".
NAME_AFTER = "consent_interview"
DECISION = "potential_victim"


def window_title(context: str, source: str, language: str | None = None) -> str:
    """A dialog's title as the app shows it: its translation in translations/*.ts (the
    English source where there is none)."""
    from xml.etree import ElementTree

    language = language or LANGUAGE
    catalog = ROOT / "translations" / f"interview_room_{language}.ts"
    if not catalog.exists():
        return source  # English: the source words
    for element in ElementTree.parse(catalog).getroot().iter("context"):
        if element.findtext("name") != context:
            continue
        for message in element.iter("message"):
            if message.findtext("source") == source:
                return (message.findtext("translation") or "").strip() or source
    return source


def catalog_stamps() -> dict[str, tuple[int, int]]:
    return {
        path.name: (path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(CATALOGS.glob("*.qm"))
    }


def choice_layout(protocol: Any, question: Any) -> tuple[int, int, bool]:
    """How a question's choices stand on its card, by the card's own rules: ``columns`` of
    ``rows`` (read down the first column), and whether yes/no stand in a row."""
    from interview_room.gui.interview.question_card import QuestionCard
    from interview_room.screening import text

    class Card:
        """What QuestionCard's layout rules read, without a window."""

        def __init__(self) -> None:
            self.question = question

        def _option_text(self, option: str) -> str:
            return text(protocol, LANGUAGE, question.option_text(option))

        def tr(self, source: str) -> str:
            return window_title("QuestionCard", source)

    card: Any = Card()
    in_a_row = bool(QuestionCard._side_by_side(card))
    columns = QuestionCard._columns(card)
    return columns, -(-len(question.options) // columns), in_a_row


class StepFailed(Exception):
    """A step clearly did not do what it should; the walkthrough stops here."""


# -- tools and the display ---------------------------------------------------------------------


def ensure_tools() -> None:
    """The X tools (installed with apt-get when run as root) and the project's venv."""
    if not APP.exists():
        sys.exit(f"walkthrough: {APP} is missing; run `bash scripts/dev.sh run` once first")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        packages = sorted({TOOLS[tool] for tool in missing})
        print(f"== installing {' '.join(packages)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)
        missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(
            f"walkthrough: missing {', '.join(missing)}; install the Debian packages "
            f"{PACKAGES} (apt-get install {PACKAGES})",
            file=sys.stderr,
        )
        sys.exit(2)


class Display:
    """Xvfb on a free display number, and openbox on it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.processes: list[subprocess.Popen[bytes]] = []
        self.name = ""

    def start(self) -> dict[str, str]:
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "xvfb.log").open("wb"),
        )
        os.close(write)
        self.processes.append(xvfb)
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n"):
            if time.monotonic() > deadline or xvfb.poll() is not None:
                raise StepFailed("Xvfb did not start (see xvfb.log)")
            number += os.read(read, 16)
        os.close(read)
        self.name = ":" + number.decode().strip()
        env = {**os.environ, "DISPLAY": self.name}
        env.pop("WAYLAND_DISPLAY", None)
        self.processes.append(
            subprocess.Popen(
                ["openbox"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(self.workdir / "openbox.log").open("wb"),
            )
        )
        time.sleep(1.0)
        return env

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()


class X:
    """xdotool and ImageMagick on the virtual display."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        if check and done.returncode != 0:
            raise StepFailed(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def key(self, *keys: str) -> None:
        for key in keys:
            self.run("key", "--clearmodifiers", key)
            time.sleep(0.08)

    def type(self, text: str) -> None:
        # A character the keymap lacks (ë, ç) is typed by binding it to a spare key for a
        # moment: the binding is undone --delay ms after the key, and an app that reads the
        # key later (a loaded machine; the first ë, when Qt reloads the keymap) got nothing.
        for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]", text):
            self.run("type", "--delay", "40" if run.isascii() else "400", run)
        time.sleep(0.2)

    def active(self) -> int:
        out = self.run("getactivewindow", check=False)
        return int(out) if out.isdigit() else 0

    def window_name(self, window: int) -> str:
        return self.run("getwindowname", str(window), check=False)

    def window_size(self, window: int) -> tuple[int, int]:
        out = self.run("getwindowgeometry", "--shell", str(window))
        values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        return int(values["WIDTH"]), int(values["HEIGHT"])

    def click(self, window: int, x: int, y: int, double: bool = False) -> None:
        width, height = self.window_size(window)
        x, y = (x if x >= 0 else width + x), (y if y >= 0 else height + y)
        self.run("mousemove", "--window", str(window), str(x), str(y))
        time.sleep(0.15)
        self.run("click", *(["--repeat", "2", "--delay", "120"] if double else []), "1")
        # The pointer leaves the window (openbox gives focus on click, not on hover): a button
        # left under it keeps its hover border, which looks like focus in later screenshots.
        self.run("mousemove", "0", "0")
        time.sleep(0.3)

    def grab(self, window: int, path: Path) -> Path:
        """What is on screen over ``window`` (dialogs on top of it included)."""
        done = subprocess.run(
            ["import", "-screen", "-window", str(window), str(path)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0 or not path.exists():
            raise StepFailed(f"no screenshot of window {window}: {done.stderr.strip()}")
        return path

    def focus_ring(self, grab: Path) -> tuple[int, int, int, int] | None:
        """Where the keyboard focus ring is drawn in a grab of the window (x, y, width,
        height), or None when no control shows one (the style sheet draws every focused
        control's border in FOCUS_COLOUR; nothing else in the standard look has that colour)."""
        done = subprocess.run(
            [
                *("convert", str(grab), "-fuzz", "6%", "-fill", "black", "+opaque", FOCUS_COLOUR),
                *("-fill", "white", "-opaque", FOCUS_COLOUR),
                *("-format", "%@ %[fx:mean*w*h]", "info:"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        found = re.fullmatch(r"(\d+)x(\d+)\+(\d+)\+(\d+) (\d+)", done.stdout.strip())
        if found is None or int(found.group(5)) < 40:
            return None
        width, height, x, y = (int(found.group(i)) for i in range(1, 5))
        return x, y, width, height

    def difference(self, first: Path, second: Path) -> int:
        """How many pixels differ (a blinking text cursor is a few dozen)."""
        done = subprocess.run(
            ["compare", "-metric", "AE", "-fuzz", "5%", str(first), str(second), "null:"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        try:
            return int(float(done.stderr.split()[0]))
        except (IndexError, ValueError):
            return 10**9  # different sizes: certainly different


# -- the walk ----------------------------------------------------------------------------------


@dataclass
class Places:
    work: Path
    home: Path
    data: Path
    usb: Path
    center: Path
    package: Path
    shots: Path


class Walkthrough:
    def __init__(self, x: X, places: Places, out: Path, every_page: Path | None) -> None:
        self.x = x
        self.places = places
        self.out = out
        self.every_page = every_page
        self.count = 0
        self.page_count = 0
        self.main = 0
        self.size = (0, 0)
        self.app: subprocess.Popen[bytes] | None = None
        self.protocol: Any = None
        self.catalogs = catalog_stamps()
        self.whole_script = False
        # Questions that opened with the focus on the page, not on an answer.
        self.page_focused: list[str] = []
        # Titles shown in English in the Albanian interface (a catalog not yet compiled).
        self.untranslated: list[str] = []

    # -- plumbing ------------------------------------------------------------------------------

    def log(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)

    def alive(self) -> None:
        if self.app is None or self.app.poll() is not None:
            log = (self.places.work / "app.log").read_text(errors="replace")[-2000:]
            raise StepFailed(f"the app is gone (exit code {self.app and self.app.poll()}):\n{log}")
        if self.main and not self.x.window_name(self.main):
            raise StepFailed("the app's window is gone")

    def pause(self, seconds: float = 0.5) -> None:
        time.sleep(seconds)
        self.alive()

    def grab(self, name: str = "now") -> Path:
        self.alive()
        return self.x.grab(self.main, self.places.shots / f"{name}.png")

    def shot(self, step: str, settle: float = 0.4) -> None:
        """Save a screenshot of the main window (and any dialog over it) as NN-step.png."""
        time.sleep(settle)
        self.count += 1
        target = self.out / f"{self.count:02d}-{step}.png"
        grabbed = self.x.grab(self.main, self.places.shots / f"step-{self.count:02d}.png")
        # 256 colours: the words stay sharp and the file is less than half the size.
        subprocess.run(
            ["convert", str(grabbed), "-colors", "256", f"PNG8:{target}"], check=True, timeout=60
        )
        self.log(f"screenshot {target.name}")
        self.catalogs_unchanged()

    def catalogs_unchanged(self) -> None:
        """Qt maps a translation catalog's file into memory: when the file is rewritten in
        place while the app runs (scripts/update_translations.py in this tree), the running
        app loses its Albanian and every screenshot after that is in English."""
        if catalog_stamps() != self.catalogs:
            raise StepFailed(
                f"{CATALOGS.relative_to(ROOT)}/*.qm were rewritten while the app ran (by "
                "scripts/update_translations.py?): it shows English from then on; run again"
            )

    def page_shot(self, question_id: str) -> None:
        if self.every_page is None:
            return
        self.page_count += 1
        self.x.grab(self.main, self.every_page / f"{self.page_count:03d}-{question_id}.png")

    def until_changed(self, before: Path, what: str, timeout: float = 45.0) -> None:
        """Wait until the window looks clearly different from ``before``; else fail."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.3)
            if self.x.difference(before, self.grab()) > 600:
                time.sleep(0.3)
                return
        raise StepFailed(f"{what}: the window did not change within {timeout:.0f} s")

    def settled(self, unlike: Path) -> bool:
        """The window is still (for a second) and clearly unlike ``unlike``."""
        first = self.grab("first")
        time.sleep(1.0)
        second = self.grab("second")
        return self.x.difference(first, second) < 600 and self.x.difference(unlike, second) > 600

    def press_and_wait(self, what: str, *keys: str, timeout: float = 45.0) -> None:
        before = self.grab("before")
        self.x.key(*keys)
        self.until_changed(before, what, timeout)

    def dialog(
        self,
        context: str,
        source: str,
        timeout: float = 30.0,
        over: Sequence[int] = (),
    ) -> int:
        """The dialog that should now be open over the main window (and over ``over``):
        its title is ``source`` (translated) from the catalog's ``context``."""
        wanted = window_title(context, source)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pause(0.3)
            active = self.x.active()
            if active and active != self.main and active not in over:
                time.sleep(0.4)
                name = self.x.window_name(active)
                self.log(f"dialog open: {name!r}")
                if name == source != wanted:
                    # A title newer than the compiled catalog (the lead compiles it).
                    self.untranslated.append(f"window title {source!r}")
                elif name != wanted:
                    raise StepFailed(f"expected the window {wanted!r}, but {name!r} opened")
                return active
        raise StepFailed(f"{source}: no window {wanted!r} opened")

    def message_box(self, what: str, timeout: float = 30.0, over: Sequence[int] = ()) -> int:
        """A message box (its title is not checked) over the main window and ``over``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pause(0.3)
            active = self.x.active()
            if active and active != self.main and active not in over:
                time.sleep(0.4)
                self.log(f"message open: {self.x.window_name(active)!r}")
                return active
        raise StepFailed(f"{what}: no message appeared")

    def until_active(self, window: int, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while self.x.active() != window:
            if time.monotonic() > deadline:
                name = self.x.window_name(self.x.active())
                raise StepFailed(f"{what}: still in {name!r} after {timeout:.0f} s")
            self.pause(0.3)
        time.sleep(0.3)

    def back_to_main(self, what: str, timeout: float = 30.0) -> None:
        self.until_active(self.main, what, timeout)

    def click(self, place: str, double: bool = False) -> None:
        x, y = CLICKS[place]
        self.x.click(self.main, x, y, double)

    # -- steps -------------------------------------------------------------------------------

    def start_app(self) -> None:
        env = {
            **self.x.env,
            "HOME": str(self.places.home),
            "XDG_RUNTIME_DIR": str(self.places.home / "runtime"),
            "QT_QPA_PLATFORM": "xcb",
        }
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "QT_SCALE_FACTOR"):
            env.pop(name, None)
        (self.places.home / "runtime").mkdir(mode=0o700)
        (self.places.home / "Documents").mkdir()
        self.app = subprocess.Popen(
            [str(APP), *([] if LANGUAGE == "sq" else ["--lang", LANGUAGE])],
            env=env,
            cwd=self.places.home,
            stdout=(self.places.work / "app.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        found = self.x.run("search", "--sync", "--onlyvisible", "--name", "^Interview Room$")
        self.main = int(found.splitlines()[-1])
        self.pause(2.0)
        # Maximized on this small screen: as wide as the screen, a title bar less than as high.
        self.size = self.x.window_size(self.main)
        screen_width = int(SCREEN.split("x")[0])
        if self.size[0] != screen_width:
            raise StepFailed(f"the window is {self.size}, not maximized on a {SCREEN} screen")
        self.log(f"app window {self.main} on {self.x.env['DISPLAY']}")
        if self.x.active() != self.main:
            self.x.run("windowactivate", "--sync", str(self.main))

    def first_run_and_setup(self) -> None:
        self.shot("first-run")
        # Keyboard focus starts on "Set up this workstation"; Space presses it.
        self.press_and_wait("first run: set up", "space")
        self.shot("setup-empty")
        # Tab order: station name (Morinë already chosen), code (MOR), full name, username,
        # password, password again; Return in the last one creates the workstation.
        self.x.key("Tab", "Tab")
        self.x.type(ADMIN_NAME)
        self.x.key("Tab")
        self.x.type(ADMIN_USER)
        self.x.key("Tab")
        self.x.type(ADMIN_PASSWORD)
        self.x.key("Tab")
        self.x.type(ADMIN_PASSWORD)
        self.shot("setup-filled")
        filled = self.places.shots / f"step-{self.count:02d}.png"
        self.x.key("Return")
        self.shot("setup-creating", settle=0.05)  # the busy page, if creating takes a moment
        # Done when the workstation's files exist and the (animated) busy page has made way
        # for a still one.
        deadline = time.monotonic() + 90
        while True:
            if time.monotonic() > deadline:
                raise StepFailed("set-up: no recovery key page after 90 s")
            self.pause(0.5)
            if (self.places.data / "keyring.json").exists() and self.settled(filled):
                break
        self.shot("recovery-key")

    def recovery_key(self) -> None:
        # Focus is on "Print…"; the check box is reached by Shift+Tab from there.
        self.x.key("shift+Tab", "space")
        self.shot("recovery-key-kept")
        self.x.key("Tab", "Tab")  # → Print… → Continue
        self.press_and_wait("recovery key: continue", "space")
        self.shot("home-first-time")

    def add_users(self) -> None:
        self.click("home.users")
        users = self.dialog("UsersDialog", "Users of this workstation")
        self.shot("users")
        self.x.key("Tab")  # from the table to "Add a user…" (the focus comes back to it)
        # Role: a border police officer first in the list, then a social worker.
        for name, username, password, role, step in (
            (WORKER_NAME, WORKER_USER, WORKER_PASSWORD, 1, "social-worker"),
            (OFFICER_NAME, OFFICER_USER, OFFICER_PASSWORD, 0, "officer"),
        ):
            self.x.key("space")
            self.dialog("AddUserDialog", "Add a user", over=[users])
            self.x.type(name)
            self.x.key("Tab")
            self.x.type(username)
            self.x.key("Tab", *(["Down"] * role), "Tab")
            self.x.type(password)
            self.x.key("Tab")
            self.x.type(password)
            self.shot(f"add-{step}")
            self.x.key("Return")
            self.until_active(users, f"Add a user ({username}): OK")
        self.shot("users-added")
        self.x.key("Escape")
        self.back_to_main("users: close")

    def sign_out_and_in(self) -> None:
        """The administrator signs out; the officer who will interview signs in."""
        before = self.grab("before")
        self.click("home.sign_out")
        self.until_changed(before, "sign out")
        self.shot("sign-in")
        self.x.type(OFFICER_USER)
        self.x.key("Return")  # to the password
        self.x.type(OFFICER_PASSWORD)
        self.shot("sign-in-filled")
        self.press_and_wait("sign in", "Return", timeout=90)
        time.sleep(1.0)
        self.shot("home")

    def start_interview(self) -> None:
        self.x.key("ctrl+n")
        self.dialog("StartInterviewDialog", "New interview")
        # Language (Shqip) and the social worker (the only one is chosen); nothing about the
        # person: the name is asked after the consent ("Person's name…").
        self.shot("new-interview")
        self.x.key("Return")
        self.back_to_main("new interview: start")
        self.pause(1.0)

    def where(self, ring: tuple[int, int, int, int] | None) -> str:
        """Where a focus ring is: question, header, footer, elsewhere, or nowhere (none)."""
        if ring is None:
            return "nowhere"
        left, top, right, bottom = QUESTION_AREA
        width, height = self.size
        x, y, w, h = ring
        if y + h <= top:
            return "header"
        if y >= height + bottom:
            return "footer"
        if x >= left and x + w <= width + right:
            return "question"
        return "elsewhere"

    def reach_first_answer(self, question_id: str) -> None:
        """A question opens with the focus on its first answer, in view. Where the answers
        are below the fold (under a long text read to the person, or the decision under the
        suggestion) the app gives the focus to the page instead; one Tab, as a keyboard user
        would press, then goes to the first answer and scrolls it into view. Each such
        question is noted for the report."""
        self.pause(0.6)  # the page checks once it is shown whether the answer is in view
        place = self.where(self.x.focus_ring(self.grab("focus")))
        if place != "question":
            self.pause(1.5)
            place = self.where(self.x.focus_ring(self.grab("focus")))
        if place == "question":
            return
        if place != "nowhere":
            raise StepFailed(f"{question_id}: the focus opened in the {place}, not on the page")
        self.x.key("Tab")
        self.pause(0.4)
        place = self.where(self.x.focus_ring(self.grab("focus")))
        if place != "question":
            raise StepFailed(
                f"{question_id}: Tab from the page went to the {place}, not to the first "
                "answer in view"
            )
        self.page_focused.append(question_id)
        self.log(f"{question_id}: focus on the page; Tab to the first answer, in view")

    def answer(self, question_id: str, value: Any) -> None:
        """Give ``value`` with the keyboard (a click for the skip) on the question shown."""
        from interview_room.screening import AnswerType

        question = self.protocol.question(question_id)
        kind = question.answer_type
        options = list(question.options)
        if value in (KEEP, NOTHING):
            return
        if value == SKIP:
            before = self.grab("before")
            self.click("wizard.skip")
            self.until_changed(before, f"{question_id}: skip")
            return
        if question_id == RIGHTS_READ:
            self.read_rights()
        else:
            self.reach_first_answer(question_id)
        if kind in (AnswerType.YES_NO, AnswerType.SINGLE_CHOICE):
            # Focus is on the first choice; arrows move it to the nearest choice that way
            # (nothing is chosen on the way), Space chooses. Short yes/no sit in a row; other
            # choices in a column, or in columns read down the first one, with "prefers not
            # to answer" under them all.
            _columns, rows, in_a_row = choice_layout(self.protocol, question)
            if in_a_row:
                index = len(options) if value == PNA else options.index(value)
                moves = ["Right"] * index
            elif value == PNA:
                moves = ["Down"] * rows
            else:
                index = options.index(value)
                moves = ["Right"] * (index // rows) + ["Down"] * (index % rows)
            self.x.key(*moves, "space")
        elif kind is AnswerType.MULTI_CHOICE:
            chosen = [len(options)] if value == PNA else [options.index(v) for v in value]
            at = 0
            for index in sorted(chosen):
                self.x.key(*(["Tab"] * (index - at)), "space")
                at = index
        elif value == PNA:  # text or number: Tab to "Prefers not to answer", Space
            self.x.key("Tab", "space")
        else:
            self.x.type(str(value))
        time.sleep(0.3)

    def read_rights(self) -> None:
        """The rights, read in short pieces: the keyboard starts on "Next piece", Space shows
        the next one until the last, where the focus stays on the piece (pressing on must
        never tick "rights read"). Then "Whole script…" opens and closes, and one more Tab
        reaches the answer."""
        from interview_room.gui.interview.rights_pieces import script_pieces
        from interview_room.screening import SectionKind, text

        section = next(s for s in self.protocol.sections if s.kind is SectionKind.CONSENT)
        assert section.intro is not None
        pieces = script_pieces(text(self.protocol, PERSON_LANGUAGE, section.intro))
        self.pause(0.6)
        first = self.x.focus_ring(self.grab("focus"))
        if self.where(first) != "question":
            raise StepFailed(f"the rights: the focus opened in the {self.where(first)}")
        if self.whole_script:
            self.shot("rights-first-piece")
        for number in range(2, len(pieces) + 1):
            self.press_and_wait(f"the rights: piece {number} of {len(pieces)}", "space")
            self.page_shot(f"rights-piece-{number}")
        if self.whole_script:
            self.shot("rights-last-piece")
        # Pressing on at the last piece changes nothing and answers nothing.
        before = self.grab("before")
        self.x.key("space", "Next")
        time.sleep(0.6)
        if self.x.difference(before, self.grab()) > 600:
            raise StepFailed("the rights: Space at the last piece changed the page")
        self.x.key("Tab", "Tab")  # the piece → "← Previous piece" → "Whole script…"
        if self.whole_script:
            self.x.key("space")
            whole = self.dialog("WholeScriptDialog", "The rights, whole script")
            self.shot("rights-whole-script")
            self.x.key("Escape")
            self.back_to_main(f"the rights: close the whole script ({whole})")
        self.x.key("Tab")  # "Whole script…" → the first answer
        self.pause(0.4)
        place = self.where(self.x.focus_ring(self.grab("focus")))
        if place != "question":
            raise StepFailed(f"the rights: Tab after the whole script went to the {place}")

    def next_question(self, question_id: str) -> None:
        self.press_and_wait(f"{question_id}: Next (Alt+Right)", "alt+Right")

    def interview(self) -> None:
        self.questions(INTERVIEW, adult=True)
        self.shot("determination")

    def questions(self, steps: list[tuple[str, Any, str | None]], adult: bool = False) -> None:
        """Answer ``steps`` one page at a time; the adult's interview also takes the break,
        the whole script of the rights and the person's name."""
        self.whole_script = adult
        for question_id, value, step in steps:
            self.alive()
            if adult and question_id == BREAK_AT:
                self.break_and_lock()
            self.page_shot(question_id)
            self.answer(question_id, value)
            if step is not None:
                self.shot(f"q-{step}")
            if adult and question_id == NAME_AFTER:
                self.person_name()
            if value != SKIP:  # the skip moves on by itself
                self.next_question(question_id)

    def person_name(self) -> None:
        """The name, as the person gives it, through "Person's name…" in the header (enabled
        only after the consent to the interview); the dialog opens in its one field."""
        self.click("wizard.person_name")
        self.dialog("PersonNameDialog", "The person's name")
        self.x.type(PERSON_NAME)
        self.shot("person-name")
        self.x.key("Return")
        self.back_to_main("person's name: record")
        self.pause(0.5)

    def break_and_lock(self) -> None:
        self.press_and_wait("break (F3)", "F3")
        self.shot("break")
        self.press_and_wait("lock (Ctrl+L)", "ctrl+l")
        self.shot("locked")
        self.x.type(OFFICER_PASSWORD)
        self.press_and_wait("unlock", "Return", timeout=90)
        time.sleep(1.0)
        self.shot("unlocked-still-on-break")
        self.press_and_wait("continue after the break", "space")
        self.shot("continued")

    def determination(
        self, decision: str = DECISION, reasons: str = REASONS, prefix: str = ""
    ) -> None:
        from interview_room.interview.interview import DECISIONS

        # The decision sits under the program's suggestion: the page has the focus until Tab
        # brings the first decision into view. Then arrows move, Space chooses; Tab to the
        # reasons.
        self.reach_first_answer("determination")
        self.x.key(*(["Down"] * DECISIONS.index(decision)), "space", "Tab")
        self.x.type(reasons)
        self.x.key("Tab")  # → "Record the decision and finish"
        self.shot(f"{prefix}determination-filled")
        self.press_and_wait("record the decision", "space")
        self.shot(f"{prefix}case-summary")

    def referral(self) -> None:
        # After the decision the case summary opens with the focus on "New referral…", in
        # the footer (the next step stays in view however long the case is).
        self.x.key("space")
        self.sign_referral()

    def sign_referral(
        self, recipient: str | None = None, prefix: str = "", own_words: bool = True
    ) -> None:
        """In "New referral" (the recipient chosen, or the one offered first), the officer
        signs with their password and the case's social worker countersigns. ``own_words``:
        the person's own words about their safety were recorded, so the form shows them with
        "Leave these words out of the form" before the password."""
        new_referral = self.dialog("NewReferralDialog", "New referral")
        if recipient is not None:
            index = list(self.protocol.referral_recipients).index(recipient)
            self.x.key("Home", *(["Down"] * index))
        # Recipient, language, urgency, what the recipient will receive (the person's own words
        # left in) → the password.
        self.x.key(*(["Tab"] * (5 if own_words else 4)))
        self.x.type(OFFICER_PASSWORD)
        self.shot(f"{prefix}new-referral")
        self.x.key("Return")
        countersign = self.dialog(
            "CountersignDialog", "Sign as social worker", timeout=60, over=[new_referral]
        )
        # The focus is on the stored form's pages: the social worker reads them (Page Down),
        # then Tab → the social worker (the case's) → their password.
        self.shot(f"{prefix}countersign")
        self.x.key(*(["Next"] * 6))
        self.shot(f"{prefix}countersign-read")
        self.x.key("Tab", "Tab")
        self.x.type(WORKER_PASSWORD)
        self.x.key("Return")
        self.back_to_main(f"countersign ({countersign})", timeout=60)
        self.pause(1.5)
        # The summary opens again with a notice of what was signed, the new referral's row
        # scrolled into view, and the focus on "Back to the case list".
        self.shot(f"{prefix}case-summary-signed")
        self.press_and_wait("back to the case list", "space")
        self.shot(f"{prefix}case-list")

    def new_interview(self) -> None:
        self.x.key("ctrl+n")
        self.dialog("StartInterviewDialog", "New interview")
        self.x.key("Return")
        self.back_to_main("new interview: start")
        self.pause(1.0)

    def refusal(self) -> None:
        """The person hears their rights and says no to the interview; help follows without
        it: the help panel on the case, the person's yes to a shelter, the shelter's referral."""
        self.new_interview()
        self.questions(REFUSAL)  # the last "Next" after the "no" shows the refusal
        self.shot("refusal")
        # The focus is on "← Back to the consent questions"; the deliberate last step is
        # "End the interview respectfully", one Tab away.
        self.x.key("Tab")
        self.shot("refusal-end-focused")
        self.press_and_wait("end the interview respectfully", "space")
        self.shot("refusal-ended")
        # The focus is on "Help for the person now →": the case opens at the help panel.
        self.press_and_wait("help for the person now", "space")
        self.pause(1.0)
        self.shot("refusal-help-panel")
        # "Immediate needs…" has the focus; → "Information sheet…" → "Referral to a shelter…".
        self.x.key("Tab", "Tab", "space")
        consent = self.dialog("HelpWithoutInterview", "Consent to a shelter referral")
        self.x.key("space")  # yes, the first answer
        self.shot("refusal-shelter-consent")
        self.x.key("Tab", "space")  # → "Done"
        self.log(f"shelter consent given ({consent})")
        self.sign_referral(prefix="refusal-", own_words=False)

    def child(self) -> None:
        """A girl of 15: the children's path, the determination "child at risk" and the Child
        Protection Unit's referral."""
        self.new_interview()
        self.questions(CHILD)
        self.shot("child-determination")
        self.determination(CHILD_DECISION, CHILD_REASONS, prefix="child-")
        self.x.key("space")  # "New referral…"
        self.sign_referral(recipient="child_protection_unit", prefix="child-")

    def make_center(self) -> str:
        """A central office and its enrollment package for this station, made with the
        command line as the central office would; returns the one-time passphrase."""
        places = self.places
        for command in (
            ["center", "init", "--training", "--center-dir", str(places.center)],
            [
                *("center", "enroll", "--center-dir", str(places.center)),
                *("--station", STATION, "--code", STATION_CODE, "--out", str(places.package)),
            ],
        ):
            done = subprocess.run([str(APP), *command], capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                raise StepFailed(f"interview-room {' '.join(command[:2])}: {done.stderr}")
        found = re.search(r"passphrase[^:]*:\s*(\S+)", done.stdout)
        if found is None:
            raise StepFailed(f"no passphrase in: {done.stdout}")
        return found.group(1)

    def enroll(self) -> None:
        """The administrator links the new station to the central office (only an
        administrator may), before handing it over to the officers."""
        passphrase = self.make_center()
        self.click("home.sync")
        sync = self.dialog("SyncDialog", "Send to the central office")
        self.shot("sync-not-enrolled")
        # Drive → "Choose a folder…" → "Enroll with the central office…" (the others are off).
        self.x.key("Tab", "Tab", "space")
        enroll = self.dialog("EnrollDialog", "Enroll with the central office", over=[sync])
        self.x.type(str(self.places.package))
        self.x.key("Tab", "Tab")  # → "Choose…" → the passphrase
        self.x.type(passphrase)
        self.shot("enroll")
        self.x.key("Return")
        try:
            self.message_box("enrolled", timeout=20, over=[sync, enroll])
        except StepFailed:
            # On a loaded machine a held Return repeats and closes the message at once; the
            # enrollment itself is checked at the end (the central office imports the bundle).
            self.until_active(sync, "enrolled: no message and the sync window not back")
            self.log("note: the 'enrolled' message closed before it was seen")
        else:
            self.shot("enrolled")
            self.x.key("Return")
            self.until_active(sync, "enrolled: OK")
        self.shot("sync-enrolled")  # "Enroll…" is no longer offered
        self.x.key("Escape")
        self.back_to_main("sync: close")

    def sync(self) -> None:
        """The officer writes the bundle to a folder standing in for a USB stick."""
        self.places.usb.mkdir()
        self.click("home.sync_officer")
        self.dialog("SyncDialog", "Send to the central office")
        # The focus starts in the drive; then → Choose… → Read receipts → Write.
        self.x.type(str(self.places.usb))
        self.x.key("Tab", "Tab", "Tab")
        self.shot("sync-drive-chosen")
        self.x.key("space")
        deadline = time.monotonic() + 60
        while not any(self.places.usb.iterdir()):
            if time.monotonic() > deadline:
                raise StepFailed(f"sync: nothing written to {self.places.usb} after 60 s")
            self.pause(0.5)
        self.pause(1.0)
        self.shot("sync-written")
        self.x.key("Escape")
        self.back_to_main("sync: close")
        self.shot("home-after-sync")

    def close_app(self) -> None:
        self.x.run("windowactivate", "--sync", str(self.main), check=False)
        self.x.key("alt+F4")
        assert self.app is not None
        try:
            self.app.wait(30)
        except subprocess.TimeoutExpired as timeout:
            raise StepFailed("the app did not close after Alt+F4") from timeout

    def run(self, until: str | None) -> None:
        from interview_room.interview.protocols import ProtocolLibrary

        self.protocol = ProtocolLibrary().current()
        check_order(self.protocol)
        check_order(self.protocol, REFUSAL, ends=False)
        check_order(self.protocol, CHILD)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("start", self.start_app),
            ("setup", self.first_run_and_setup),
            ("recovery", self.recovery_key),
            ("users", self.add_users),
            ("enroll", self.enroll),
            ("sign-in", self.sign_out_and_in),
            ("new-interview", self.start_interview),
            ("interview", self.interview),
            ("determination", self.determination),
            ("referral", self.referral),
            ("sync", self.sync),
            ("refusal", self.refusal),
            ("child", self.child),
            ("close", self.close_app),
        ]
        for name, step in steps:
            self.log(f"== {name}")
            step()
            if name == until:
                self.log(f"stopped after {name} (--until)")
                break
        for title in sorted(set(self.untranslated)):
            self.log(f"note: {title} shows in English (its catalog is not compiled yet)")
        for question_id in self.page_focused:
            self.log(
                f"note: {question_id} opened with the focus on the page (its answers below the "
                "fold); one Tab brought the first answer into view"
            )


# -- checking what was recorded ----------------------------------------------------------------


def expected_answers(
    protocol: Any,
    steps: list[tuple[str, Any, str | None]] | None = None,
    decision: tuple[str, str] | None = (DECISION, REASONS),
) -> dict[str, Any]:
    """What the store should hold after ``steps`` (INTERVIEW) and ``decision``."""
    from datetime import date

    from interview_room.screening import Answer

    expected: dict[str, Any] = {}
    for question_id, value, _step in INTERVIEW if steps is None else steps:
        if value == NOTHING:
            continue
        if value == KEEP:
            known = {
                "prep_location": "morine",
                "prep_date": date.today().isoformat(),
                "prep_officer": OFFICER_NAME,
                # The social worker chosen in the start dialog (a user of this station
                # works for the State Social Service).
                "prep_social_worker_service": "state_social_service",
                "prep_social_worker_name": WORKER_NAME,
            }
            expected[question_id] = Answer.given(question_id, known[question_id])
        elif value == PNA:
            expected[question_id] = Answer.prefers_not_to_answer(question_id)
        elif value == SKIP:
            expected[question_id] = Answer.skipped(question_id)
        else:
            expected[question_id] = Answer.given(question_id, value)
    from interview_room.gui.interview.decision import DECISION_QUESTION, REASONS_QUESTION

    if decision is not None:
        expected[DECISION_QUESTION] = Answer.given(DECISION_QUESTION, decision[0])
        expected[REASONS_QUESTION] = Answer.given(REASONS_QUESTION, decision[1])
    return expected


def check_order(
    protocol: Any, steps: list[tuple[str, Any, str | None]] | None = None, ends: bool = True
) -> None:
    """Fail unless INTERVIEW lists the questions as the wizard shows them for its answers:
    "Next" goes to the next question shown in the section, else to the first one shown in
    the next section shown (the same show-if and age rules, from the core)."""
    from interview_room.screening import SectionKind
    from interview_room.screening.flow import presumed_child, visible_question_ids

    steps = INTERVIEW if steps is None else steps
    expected = expected_answers(protocol, steps)
    keep = {question_id for question_id, value, _step in steps if value == KEEP}
    answers = {question_id: a for question_id, a in expected.items() if question_id in keep}
    sections = [s for s in protocol.sections if s.kind is not SectionKind.DETERMINATION]

    def shown_after(position: tuple[int, int]) -> tuple[int, int] | None:
        shown = visible_question_ids(protocol, answers, presumed_child(protocol, answers))
        section, question = position
        for s in range(section, len(sections)):
            questions = sections[s].questions
            start = question + 1 if s == section else 0
            for q in range(start, len(questions)):
                if questions[q].id in shown:
                    return s, q
        return None

    place = shown_after((0, -1))
    for question_id, _value, _step in steps:
        at = None if place is None else sections[place[0]].questions[place[1]].id
        if at != question_id:
            raise StepFailed(
                f"INTERVIEW is out of step with protocol {protocol.id} {protocol.version}: "
                f"the wizard shows {at!r} where the list has {question_id!r}"
            )
        if question_id in expected:
            answers[question_id] = expected[question_id]
        assert place is not None
        place = shown_after(place)
    if place is not None and ends:
        left = sections[place[0]].questions[place[1]].id
        raise StepFailed(f"INTERVIEW ends before the wizard's last question ({left!r} is next)")


def check_records(places: Places) -> list[str]:
    """Problems in what the store holds, compared with what was given on screen."""
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.referral.referrals import Referrals
    from interview_room.screening import Answer
    from interview_room.workstation import Workstation

    problems: list[str] = []
    session = Workstation(places.data).unlock(OFFICER_USER, OFFICER_PASSWORD)
    try:
        cases = sorted(session.cases.search(), key=lambda case: case.code)
        if len(cases) != 3:
            return [f"expected three cases (adult, refusal, child), found {len(cases)}"]
        adult, refused, child = cases
        if adult.person_name != PERSON_NAME:
            problems.append(f"person's name: given {PERSON_NAME!r}, recorded {adult.person_name!r}")
        for case in (refused, child):
            if case.person_name:
                problems.append(f"{case.code}: a name nobody gave: {case.person_name!r}")
        library = ProtocolLibrary()
        protocol = library.current()
        # The refused interview keeps only what it may (no consent to keeping a record was
        # asked): whatever it holds must be what was given, the shelter's yes included.
        given_refused = expected_answers(protocol, REFUSAL, decision=None)
        given_refused["consent_share_shelter"] = Answer.given("consent_share_shelter", "yes")
        for case, expected, exact, decision, events, recipient in (
            (
                adult,
                expected_answers(protocol),
                True,
                DECISION,
                ("started", "break_started", "break_ended", "finished"),
                str(protocol.referral_recipients[0]),
            ),
            (refused, given_refused, False, None, ("started", "consent_refused"), "shelter"),
            (
                child,
                expected_answers(protocol, CHILD, (CHILD_DECISION, CHILD_REASONS)),
                True,
                CHILD_DECISION,
                ("started", "finished"),
                "child_protection_unit",
            ),
        ):
            interview = Interview.resume(session, case.id, library)
            recorded = dict(interview.answers)
            print(f"{case.code}: {len(recorded)} answers recorded, outcome {interview.outcome}")
            for question_id, answer in expected.items():
                got = recorded.pop(question_id, None)
                if got != answer and (exact or got is not None):
                    problems.append(f"{case.code} {question_id}: given {answer}, recorded {got}")
            for question_id, answer in recorded.items():
                problems.append(
                    f"{case.code} {question_id}: recorded {answer} but nothing was given"
                )
            found = interview.decision()
            if decision is not None and (found is None or found.decision != decision):
                problems.append(f"{case.code}: decision {decision!r} not recorded ({found})")
            kinds = [event.kind for event in interview.events()]
            for kind in events:
                if kind not in kinds:
                    problems.append(f"{case.code}: no '{kind}' event (events: {kinds})")
            referrals = Referrals(session).for_case(case.id)
            if (
                len(referrals) != 1
                or not referrals[0].fully_signed
                or referrals[0].recipient != recipient
            ):
                problems.append(
                    f"{case.code}: expected one referral to {recipient} signed twice, "
                    f"found {referrals}"
                )
    finally:
        session.logout()
    problems += check_with_command_line(places)
    return problems


def check_with_command_line(places: Places) -> list[str]:
    """The audit chain holds, and the central office takes the bundle from the "USB stick"."""
    problems: list[str] = []
    audit = subprocess.run(
        [
            *(str(APP), "audit", "verify", "--data-dir", str(places.data)),
            *("--username", ADMIN_USER, "--password-stdin"),
        ],
        input=ADMIN_PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(f"audit: {(audit.stdout + audit.stderr).strip()}")
    if audit.returncode != 0:
        problems.append(f"audit verify failed: {audit.stderr.strip()}")
    bundles = sorted(path for path in places.usb.rglob("*") if path.is_file())
    if not bundles:
        return [*problems, f"no bundle in {places.usb}"]
    received = subprocess.run(
        [str(APP), "center", "import", "--center-dir", str(places.center), "--json"]
        + [str(path) for path in bundles],
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(f"central office: {(received.stdout + received.stderr).strip()}")
    if received.returncode != 0 or '"imported": 1' not in received.stdout:
        problems.append("the central office did not import exactly one case from the bundle")
    return problems


# -- main --------------------------------------------------------------------------------------


@contextmanager
def workplace(keep: bool) -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="walkthrough-"))
    try:
        yield work
    finally:
        if keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="screenshots folder")
    parser.add_argument(
        "--every-page", type=Path, help="also save every question page here (for review)"
    )
    parser.add_argument(
        "--lang", choices=("sq", "en"), default="sq", help="interface language (default: sq)"
    )
    parser.add_argument("--until", help="stop after this step (start, setup, recovery, …)")
    parser.add_argument(
        "--keep", action="store_true", help="leave the display, the app and the temp folder"
    )
    args = parser.parse_args(argv)
    global LANGUAGE
    LANGUAGE = args.lang
    ensure_tools()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9][0-9]-*.png"):
        old.unlink()
    if args.every_page is not None:
        args.every_page.mkdir(parents=True, exist_ok=True)
    with workplace(args.keep) as work:
        home = work / "home"
        home.mkdir()
        places = Places(
            work=work,
            home=home,
            data=home / ".local" / "share" / "InterviewRoom",
            usb=work / "usb",
            center=work / "center",
            package=work / "MOR.enrollment",
            shots=work / "grabs",
        )
        places.shots.mkdir()
        display = Display(work)
        walk: Walkthrough | None = None
        try:
            walk = Walkthrough(X(display.start()), places, out, args.every_page)
            walk.run(args.until)
            if args.until is None:
                problems = check_records(places)
                if problems:
                    print("walkthrough: what was recorded differs:", file=sys.stderr)
                    for problem in problems:
                        print(f"  {problem}", file=sys.stderr)
                    return 1
        except (StepFailed, subprocess.TimeoutExpired) as failure:
            print(f"walkthrough: FAILED: {failure}", file=sys.stderr)
            if walk is not None and walk.main:
                with suppress(StepFailed):
                    walk.shot("FAILED")
            if args.keep:
                print(f"the display {display.name} is kept; screenshots in {out}")
                return 1
            return 1
        finally:
            if not args.keep:
                if walk is not None and walk.app is not None and walk.app.poll() is None:
                    walk.app.terminate()
                    walk.app.wait(10)
                display.stop()
    print(f"walkthrough: all steps done; screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
