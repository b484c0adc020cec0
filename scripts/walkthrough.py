"""A real-display walkthrough: the app as a user meets it, driven only by keys and clicks.

    bash scripts/walkthrough.sh [--out DIR] [--every-page DIR] [--until STEP] [--keep]
    .venv/bin/python scripts/walkthrough.py            # screenshots: docs/screenshots/walkthrough

``--every-page DIR`` also saves every question page (for review, not for the repository);
``--until STEP`` stops after a step and ``--keep`` leaves the display (its number is printed),
the app and the temporary folder for a look with ``DISPLAY=:N import -window root x.png``.

It starts a virtual X display (Xvfb, 1400x900) with a small window manager (openbox), opens
``.venv/bin/interview-room`` with a fresh, empty HOME (so the first-run page shows, in Albanian,
the default), and drives it with ``xdotool`` alone (keys, typing, clicks at window positions):
first run, a real workstation (Morinë, MOR) with its first administrator, the recovery key,
adding a social worker and a border police officer, enrolling with a central office (an
administrator's task), the officer signing in, a whole interview one question at a time on
the current protocol (answers, "prefers not to answer", one skip, one left unanswered,
follow-up questions; the person's name through "Person's name…" once they agree to the
interview), a break, locking during the break and unlocking, the determination, a
referral signed by the officer and countersigned by the social worker, and a bundle written to
a folder (a stand-in USB stick) for the central office. A screenshot of each step goes to
``--out`` as ``NN-step.png``. Before the display starts, ``INTERVIEW`` is walked through the
protocol's show-if rules, so a list out of step with the protocol fails at once.

Then it checks what was recorded, with the app closed: every answer in the store against what
was given on screen (nothing more, nothing less), the person's name on the case, the
referral's two signatures, the audit chain, and that the central office imports the bundle. It
exits 1 when a step failed (the window went away, a page did not change, a file was not
written, a record differs), 2 when a tool is missing.

Needs the Debian packages ``xvfb openbox xdotool imagemagick`` (run as root, it installs the
missing ones with apt-get) and the project's ``.venv`` (``bash scripts/dev.sh run`` makes it).
Only fictitious people and data. Where it clicks is measured on the default window size
(1180x760, see ``CLICKS``); everything else goes by the keyboard, as the app's Tab order allows.
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
SCREEN = "1400x900x24"
WINDOW_SIZE = (1180, 760)
TOOLS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "import": "imagemagick",
    "compare": "imagemagick",
    "convert": "imagemagick",
}
PACKAGES = "xvfb openbox xdotool imagemagick"

# Fictitious people only.
STATION, STATION_CODE = "Morinë", "MOR"
ADMIN_NAME, ADMIN_USER, ADMIN_PASSWORD = "Drita Shembulli", "d.shembulli", "lule-mali-bardhe-7"
WORKER_NAME, WORKER_USER, WORKER_PASSWORD = "Besa Provaj", "b.provaj", "yll-deti-kalter-42"
# The interview and the first signature on a referral are a border police officer's (an
# administrator may not sign one).
OFFICER_NAME, OFFICER_USER, OFFICER_PASSWORD = "Arben Testi", "a.testi", "gur-lumi-gjelber-19"
PERSON_NAME = "Mira Shembulli"
REASONS = "Punë e detyruar: orë të tepërta, pagë më e vogël, dokumentet i mban punëdhënësi."

# Where to click, in window coordinates measured from screenshots of the default 1180x760
# window (negative numbers count from the right or bottom edge).
CLICKS: dict[str, tuple[int, int]] = {
    "home.users": (90, 103),
    "home.sign_out": (770, 44),
    "home.sync": (885, 103),
    "home.sync_officer": (607, 103),  # an officer has no "Users…" nor "Settings…"
    "wizard.skip": (-246, -57),
    "wizard.person_name": (-750, 109),  # "Person's name…", in the header's second row
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
    ("obs_companion_control", "no", None),
    ("needs_children_with", "no", None),
    ("needs_actions_taken", ["food_water_given", "rest_arranged"], None),
    ("prep_location", KEEP, "preparation-filled-in"),
    ("prep_date", KEEP, None),
    ("prep_officer", KEEP, None),
    ("prep_social_worker_service", KEEP, None),
    ("prep_social_worker_name", KEEP, "social-worker-filled-in"),
    ("prep_language", "shqip", "typed-text"),
    ("prep_interpreter", "no", None),
    ("prep_gender_preference", "woman", None),
    ("prep_gender_preference_met", "yes", None),
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
    ("consent_witness", ["social_worker"], None),
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
    ("ctl_against_others", "no", None),
    ("obs_fear_or_coaching", "no", None),
    ("obs_signs_of_violence", "no", None),
    ("doc_where_now", "held_by_someone_else", None),
    ("doc_who_holds", "employer_at_destination", None),
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
BREAK_AT = "need_services"
# "Person's name…" is offered once the person has agreed to the interview: the name is asked
# right after that answer, before "Next".
NAME_AFTER = "consent_interview"
DECISION = "potential_victim"


def window_title(context: str, source: str, language: str = "sq") -> str:
    """A dialog's title as the app shows it: its translation in translations/*.ts (the
    English source where there is none)."""
    from xml.etree import ElementTree

    catalog = ROOT / "translations" / f"interview_room_{language}.ts"
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
            return text(protocol, "sq", question.option_text(option))

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
        self.app: subprocess.Popen[bytes] | None = None
        self.protocol: Any = None
        self.catalogs = catalog_stamps()
        # Questions that opened with the focus on the page, not on an answer.
        self.page_focused: list[str] = []

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
                if name != wanted:
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
            [str(APP)],
            env=env,
            cwd=self.places.home,
            stdout=(self.places.work / "app.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        found = self.x.run("search", "--sync", "--onlyvisible", "--name", "^Interview Room$")
        self.main = int(found.splitlines()[-1])
        self.pause(2.0)
        if self.x.window_size(self.main) != WINDOW_SIZE:
            raise StepFailed(f"the window is {self.x.window_size(self.main)}, not {WINDOW_SIZE}")
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
        width, height = WINDOW_SIZE
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

    def next_question(self, question_id: str) -> None:
        self.press_and_wait(f"{question_id}: Next (Alt+Right)", "alt+Right")

    def interview(self) -> None:
        for question_id, value, step in INTERVIEW:
            self.alive()
            if question_id == BREAK_AT:
                self.break_and_lock()
            self.page_shot(question_id)
            self.answer(question_id, value)
            if step is not None:
                self.shot(f"q-{step}")
            if question_id == NAME_AFTER:
                self.person_name()
            if value != SKIP:  # the skip moves on by itself
                self.next_question(question_id)
        self.shot("determination")

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

    def determination(self) -> None:
        from interview_room.interview.interview import DECISIONS

        # The decision sits under the program's suggestion: the page has the focus until Tab
        # brings the first decision into view. Then arrows move, Space chooses; Tab to the
        # reasons.
        self.reach_first_answer("determination")
        self.x.key(*(["Down"] * DECISIONS.index(DECISION)), "space", "Tab")
        self.x.type(REASONS)
        self.x.key("Tab")  # → "Record the decision and finish"
        self.shot("determination-filled")
        self.press_and_wait("record the decision", "space")
        self.shot("case-summary")

    def referral(self) -> None:
        # After the decision the case summary opens with the focus on "New referral…", in
        # the footer (the next step stays in view however long the case is).
        self.x.key("space")
        new_referral = self.dialog("NewReferralDialog", "New referral")
        # Recipient, language, urgency, what the recipient will receive → the password.
        self.x.key("Tab", "Tab", "Tab", "Tab")
        self.x.type(OFFICER_PASSWORD)
        self.shot("new-referral")
        self.x.key("Return")
        countersign = self.dialog(
            "CountersignDialog", "Sign as social worker", timeout=60, over=[new_referral]
        )
        self.shot("countersign")
        self.x.key("Tab")  # social worker (the case's) → their password
        self.x.type(WORKER_PASSWORD)
        self.x.key("Return")
        self.back_to_main(f"countersign ({countersign})", timeout=60)
        self.pause(1.5)
        # The summary opens again with a notice of what was signed, the new referral's row
        # scrolled into view, and the focus on "Back to the case list".
        self.shot("case-summary-signed")
        self.press_and_wait("back to the case list", "space")
        self.shot("case-list")

    def make_center(self) -> str:
        """A central office and its enrollment package for this station, made with the
        command line as the central office would; returns the one-time passphrase."""
        places = self.places
        for command in (
            ["center", "init", "--center-dir", str(places.center)],
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
        self.message_box("enrolled", over=[sync, enroll])
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
            ("close", self.close_app),
        ]
        for name, step in steps:
            self.log(f"== {name}")
            step()
            if name == until:
                self.log(f"stopped after {name} (--until)")
                break
        for question_id in self.page_focused:
            self.log(
                f"note: {question_id} opened with the focus on the page (its answers below the "
                "fold); one Tab brought the first answer into view"
            )


# -- checking what was recorded ----------------------------------------------------------------


def expected_answers(protocol: Any) -> dict[str, Any]:
    from datetime import date

    from interview_room.screening import Answer

    expected: dict[str, Any] = {}
    for question_id, value, _step in INTERVIEW:
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

    expected[DECISION_QUESTION] = Answer.given(DECISION_QUESTION, DECISION)
    expected[REASONS_QUESTION] = Answer.given(REASONS_QUESTION, REASONS)
    return expected


def check_order(protocol: Any) -> None:
    """Fail unless INTERVIEW lists the questions as the wizard shows them for its answers:
    "Next" goes to the next question shown in the section, else to the first one shown in
    the next section shown (the same show-if and age rules, from the core)."""
    from interview_room.screening import SectionKind
    from interview_room.screening.flow import presumed_child, visible_question_ids

    expected = expected_answers(protocol)
    keep = {question_id for question_id, value, _step in INTERVIEW if value == KEEP}
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
    for question_id, _value, _step in INTERVIEW:
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
    if place is not None:
        left = sections[place[0]].questions[place[1]].id
        raise StepFailed(f"INTERVIEW ends before the wizard's last question ({left!r} is next)")


def check_records(places: Places) -> list[str]:
    """Problems in what the store holds, compared with what was given on screen."""
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.referral.referrals import Referrals
    from interview_room.workstation import Workstation

    problems: list[str] = []
    session = Workstation(places.data).unlock(OFFICER_USER, OFFICER_PASSWORD)
    try:
        cases = session.cases.search()
        if len(cases) != 1:
            return [f"expected one case, found {len(cases)}"]
        if cases[0].person_name != PERSON_NAME:
            problems.append(
                f"person's name: given {PERSON_NAME!r}, recorded {cases[0].person_name!r}"
            )
        library = ProtocolLibrary()
        interview = Interview.resume(session, cases[0].id, library)
        recorded = dict(interview.answers)
        expected = expected_answers(interview.protocol)
        for question_id, answer in expected.items():
            got = recorded.pop(question_id, None)
            if got != answer:
                problems.append(f"{question_id}: given {answer}, recorded {got}")
        for question_id, answer in recorded.items():
            problems.append(f"{question_id}: recorded {answer} but nothing was given")
        if interview.outcome is None or interview.decision() is None:
            problems.append("no decision recorded")
        kinds = [event.kind for event in interview.events()]
        for kind in ("started", "break_started", "break_ended", "finished"):
            if kind not in kinds:
                problems.append(f"no '{kind}' event (events: {kinds})")
        referrals = Referrals(session).for_case(cases[0].id)
        if len(referrals) != 1 or not referrals[0].fully_signed:
            problems.append(f"expected one referral signed twice, found {referrals}")
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
    parser.add_argument("--until", help="stop after this step (start, setup, recovery, …)")
    parser.add_argument(
        "--keep", action="store_true", help="leave the display, the app and the temp folder"
    )
    args = parser.parse_args(argv)
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
