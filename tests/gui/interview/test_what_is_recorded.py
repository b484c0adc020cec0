"""What is recorded is exactly what was said: the interview screen as an officer really uses it,
at the default window size, with clicks at widget positions and typing (issue 11)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.lock import LockPage
from interview_room.gui.window import AppWindow
from interview_room.interview import interview_store
from interview_room.interview.interview import Interview
from interview_room.referral.content import Urgency, build_referral
from interview_room.screening import Answer, AnswerStatus
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import (
    answer_card,
    on_next_dialog,
    show_question,
    start_interview,
    texts,
    walk_to,
)

DEFAULT_SIZE = (1180, 760)


def _start(qtbot: QtBot, window: AppWindow, language: str = "en") -> WizardPage:
    window.resize(*DEFAULT_SIZE)
    return start_interview(qtbot, window, language)


def _click_at(qtbot: QtBot, window: QWidget, point: QPoint) -> QWidget:
    """Click whatever is under ``point`` (window coordinates), as a mouse would."""
    target = window.childAt(point)
    assert target is not None, f"nothing under {point}"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
    return target


def _centre(window: QWidget, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def _option(wizard: WizardPage, value: str) -> QAbstractButton:
    card = wizard.card
    assert card is not None and card.group is not None
    for button in card.group.buttons():
        if button.property("option") == value:
            return button
    raise AssertionError(value)


def _stored(window: AppWindow, case_id: str) -> dict[str, Answer]:
    """The answers as a second reader of the store sees them now."""
    session = window.session
    assert session is not None
    return interview_store.load_answers(session.db, case_id)


def _to_work(qtbot: QtBot, wizard: WizardPage) -> None:
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    walk_to(qtbot, wizard, answers, "journey_and_recruitment")
    wizard.next_button.click()
    assert wizard.card is not None and wizard.card.question.id == "work_did_work"


def test_a_click_never_lands_on_something_that_appeared_under_the_pointer(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Seen on a real display: "worked: yes" inserted follow-ups under the pointer, and the next
    clicks, aimed at where the options had been, ticked "Agriculture" and "Factory"."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    _to_work(qtbot, wizard)
    case_id = wizard.interview.case.id
    before = dict(_stored(window, case_id))

    card = wizard.card
    assert card is not None and card.group is not None
    places = {b.property("option"): _centre(window, b) for b in card.group.buttons()}
    under = {option: window.childAt(point) for option, point in places.items()}
    _click_at(qtbot, window, places["yes"])
    # Two more clicks where "no" and "prefers not" were: the same controls are still there.
    for option in ("no", "yes"):
        assert window.childAt(places[option]) is under[option], "the page moved under the pointer"
        _click_at(qtbot, window, places[option])
    for option, point in places.items():
        assert window.childAt(point) is under[option]

    stored = _stored(window, case_id)
    assert {k: v for k, v in stored.items() if k not in before} == {
        "work_did_work": Answer.given("work_did_work", "yes")
    }, "only the question on screen got an answer, and only the last one clicked"
    assert wizard.card is card, "follow-up questions wait for an explicit Next"

    _click_at(qtbot, window, _centre(window, wizard.next_button))
    assert wizard.card is not None and wizard.card.question.id == "work_kind"
    assert "work_kind" not in _stored(window, case_id), "a new question starts unanswered"


def test_the_section_list_never_shifts_rows_while_answering(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    # An age under 18 shows the children's questions (and may show a section): not until moved.
    show_question(wizard, "prep_age")
    rows = [wizard.nav.visualItemRect(wizard.nav.item(i)) for i in range(wizard.nav.count())]
    assert wizard.card is not None
    answer_card(wizard.card, 12)
    after = [wizard.nav.visualItemRect(wizard.nav.item(i)) for i in range(wizard.nav.count())]
    assert after == rows


def test_typed_text_is_saved_while_typing_and_on_every_way_out(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    case_id = wizard.interview.case.id
    show_question(wizard, "prep_language")
    card = wizard.card
    assert card is not None and card.field is not None
    qtbot.mouseClick(card.field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(card.field, "shqip, pak italisht")
    assert card.field.hasFocus(), "still typing: focus never left the field"
    qtbot.waitUntil(
        lambda: (
            _stored(window, case_id).get("prep_language")
            == Answer.given("prep_language", "shqip, pak italisht")
        ),
        timeout=3_000,
    )

    # Typing, then the window is closed at once: nothing typed is lost.
    qtbot.keyClicks(card.field, " dhe anglisht")
    window.close()
    session = Workstation(station_home).unlock(*ADMIN)
    try:
        saved = interview_store.load_answers(session.db, case_id)
    finally:
        session.logout()
    assert saved["prep_language"] == Answer.given(
        "prep_language", "shqip, pak italisht dhe anglisht"
    )


@pytest.mark.parametrize("way_out", ["lock", "sign_out", "next", "break", "close"])
def test_typed_text_survives_each_way_out(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, way_out: str
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    case_id = wizard.interview.case.id
    show_question(wizard, "prep_age")
    card = wizard.card
    assert card is not None and card.field is not None
    card.field.setFocus()
    qtbot.keyClicks(card.field, "34")
    {
        "lock": window.lock,
        "sign_out": window.sign_out,
        "next": wizard.next_button.click,
        "break": wizard.break_button.click,
        "close": wizard.close_button.click,
    }[way_out]()
    session = Workstation(station_home).unlock(*ADMIN)
    try:
        saved = interview_store.load_answers(session.db, case_id)
    finally:
        session.logout()
    assert saved["prep_age"] == Answer.given("prep_age", 34)


def test_the_decisions_reasons_are_kept_as_they_are_written(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    walk_to(qtbot, wizard, scenario_answers(ScenarioPath.ADULT_POSITIVE), "needs")
    wizard.next_button.click()
    panel = wizard.decision_panel
    assert panel is not None
    panel.choose("potential_victim")
    panel.reasons.setFocus()
    qtbot.keyClicks(panel.reasons, "Synthetic reasons, half written")
    case_id = wizard.interview.case.id
    window.close()

    session = Workstation(station_home).unlock(*ADMIN)
    try:
        saved = interview_store.load_answers(session.db, case_id)
    finally:
        session.logout()
    assert saved["det_reasons"].value == "Synthetic reasons, half written"
    assert saved["det_decision"].value == "potential_victim"


def test_prefers_not_to_answer_on_a_consent_reaches_the_summary_and_the_referral(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    answers["consent_storage"] = "prefers_not"
    answers.pop("consent_share_shelter")
    walk_to(qtbot, wizard, answers, "needs")
    wizard.next_button.click()
    panel = wizard.decision_panel
    assert panel is not None
    panel.choose("potential_victim")
    panel.reasons.setPlainText("Synthetic reasons.")
    panel.finish_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, CaseSummaryPage), timeout=5_000)

    session = window.session
    assert session is not None
    (case,) = session.cases.search()
    window.open_case(case.id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    shown = texts(summary)
    assert "Storing the data: prefers not to answer" in shown
    assert "Sharing with Shelter: not asked" in shown or "shelter" in shown.lower()

    interview = Interview.resume(session, case.id, window.protocols)
    for language, words in (("en", "prefers not to answer"), ("sq", "preferon të mos përgjigjet")):
        document = build_referral(
            interview,
            recipient="responsible_authority",
            language=language,
            urgency=Urgency.ROUTINE,
            station_name="Morinë",
            training=False,
            document_number="REF-TEST",
            officer_name="Oficer Shembulli",
            social_worker_name="",
        )
        storage_label = document.labels["consent.data_storage"]
        lines = [line for section in document.sections for line in section.lines]
        assert [line.value for line in lines if line.label == storage_label] == [words]


def test_next_never_marks_questions_skipped_and_the_decision_lists_what_was_not_asked(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    first = wizard.interview.current_section
    # Only the first question answered, the second skipped, then Next past the rest.
    assert wizard.card is not None
    answer_card(wizard.card, "no")
    wizard.next_button.click()
    wizard.skip_button.click()
    while wizard.interview.current_section.id == first.id:
        wizard.next_button.click()
    progress = wizard.interview.progress(first)
    assert (progress.answered, progress.skipped) == (1, 1)
    assert progress.not_asked == progress.shown - 2
    row = [wizard.nav.item(i).text() for i in range(wizard.nav.count())]
    assert "◐" in row[0] and "1 of" in row[0] and "skipped: 1" in row[0], row
    assert not any(line.startswith("✓") for line in row)
    stored = _stored(window, wizard.interview.case.id)
    assert [a for a in stored.values() if a.status is AnswerStatus.SKIPPED] == [
        Answer.skipped(wizard.interview.visible_questions(first)[1].id)
    ]

    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    for question in first.questions:
        answers.pop(question.id, None)
    walk_to(qtbot, wizard, answers, "needs")
    wizard.next_button.click()
    assert wizard.decision_panel is not None
    assert wizard.card is None and not wizard.skip_button.isVisible()
    assert not wizard.next_button.isEnabled(), "nothing after the decision"
    listed = texts(wizard.decision_panel)
    assert "Not asked" in listed
    assert "Skipped on purpose: 1" in listed


@pytest.mark.parametrize(
    ("person_language", "size"),
    [("sq", DEFAULT_SIZE), ("ar", DEFAULT_SIZE), ("fa", DEFAULT_SIZE), ("sq", (900, 620))],
)
@pytest.mark.usefixtures("real_look")
def test_every_question_fits_the_window_without_sideways_scrolling(
    qtbot: QtBot,
    make_window: WindowFactory,
    station_home: Path,
    person_language: str,
    size: tuple[int, int],
) -> None:
    """At the default size and at the smallest the window allows (what 1800x1240 pixels show
    at 200 % scaling), in Albanian and in the right-to-left languages."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window, person_language)
    window.resize(*size)
    QApplication.processEvents()
    assert window.size().toTuple() == size
    interview = wizard.interview
    for answer in (
        Answer.given("consent_interview", "yes"),
        Answer.given("prep_age", 15),
        Answer.given("prep_child_support", "child_protection_unit"),
        Answer.given("consent_guardian", "yes"),
        Answer.given("consent_child_assent", "agrees"),
        Answer.given("work_did_work", "yes"),
        Answer.given("work_kind", ["begging"]),
    ):
        interview.answer(answer)
    for section in interview.protocol.sections:
        if section.kind.value == "determination":
            continue
        interview.go_to(section)
        for question in section.questions:
            wizard.show_section(question.id)
            QApplication.processEvents()
            area = wizard.question_area
            content = area.widget()
            assert content is not None
            assert content.minimumSizeHint().width() <= area.viewport().width(), question.id
            assert not area.horizontalScrollBar().isVisible()
            assert window.minimumSizeHint().width() <= size[0]


def test_unlocking_during_a_break_gives_back_the_whole_page(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    wizard.break_button.click()
    began = wizard.interview.break_started_at()
    assert began is not None
    since = datetime.fromisoformat(began).astimezone().strftime("%H:%M")
    sections = wizard.nav.count()
    assert sections > 0

    window.lock()
    lock = window.page
    assert isinstance(lock, LockPage)
    lock.password.setText(ADMIN[1])
    lock.unlock_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, WizardPage), timeout=10_000)
    again = window.page
    assert isinstance(again, WizardPage)
    assert again.views.currentWidget() is again.pause_view
    assert again.nav.count() == sections, "the section list is there during the break"
    assert f"Since {since}" in texts(again), "the break began when it began, not at unlock"
    assert window.statusBar().isVisible() and window.sync_status.text()
    again.continue_button.click()
    assert again.card is not None


def test_what_the_officer_records_is_filled_in_and_has_no_prefers_not(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    wizard = _start(qtbot, window)
    interview = wizard.interview
    answers = interview.answers
    assert answers["prep_officer"].value == session.user.display_name
    assert answers["prep_date"].value == datetime.now().date().isoformat()
    wizard.go_to(interview.protocol.section("preparation"))
    wizard.show_section("prep_officer")
    assert "The app fills this in" in texts(wizard), "what the app filled in says so"
    wizard.show_section("prep_interpreter")
    assert "The app fills this in" not in texts(wizard)
    interview.answer(Answer.given("prep_social_worker_service", "ngo"))
    interview.answer(Answer.given("prep_interpreter", "yes"))
    checked = []
    for section_id in ("immediate_needs", "preparation", "rights_and_consent"):
        wizard.go_to(interview.protocol.section(section_id))
        for question in interview.visible_questions(interview.current_section):
            wizard.show_section(question.id)
            assert wizard.card is not None
            if question.observation:
                assert wizard.card.prefers_not is None, question.id
                assert "Prefers not to answer" not in texts(wizard.card), question.id
                checked.append(question.id)
            else:
                assert wizard.card.prefers_not is not None, question.id
    assert {"prep_location", "prep_date", "prep_officer", "needs_actions_taken"} <= set(checked)
    assert wizard.skip_button.isVisible(), "what was not observed is skipped, on purpose"


def test_words_for_the_person_run_right_to_left_where_the_person_reads(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window, "ar")
    script = wizard.interview.protocol.catalogs["ar"].texts["script.break"]
    wizard.break_button.click()
    (words,) = [w for w in wizard.pause_view.findChildren(QLabel) if w.text() == script]
    assert words.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert words.alignment() & Qt.AlignmentFlag.AlignRight
    assert words.alignment() & Qt.AlignmentFlag.AlignAbsolute, "right edge, not mirrored back"


@pytest.mark.usefixtures("real_look")
def test_focus_never_rests_on_an_answer_out_of_view(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a long text read to the person, the first answer can be below the fold (on a real
    display at the default size the rights did it, before they came in pieces): a key pressed
    there would record an answer nobody saw, so the page itself takes focus. A shorter window
    and the largest words for the person make it happen here."""
    monkeypatch.setattr(WizardPage, "person_point_size", WizardPage.person_point_size)
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window, "sq")
    window.resize(DEFAULT_SIZE[0], window.minimumSize().height())
    interview = wizard.interview
    viewport = wizard.question_area.viewport()
    page_focused = []
    for section in interview.visible_sections():
        if section.kind.value == "determination":
            continue
        wizard.go_to(section)
        for question in interview.visible_questions(interview.current_section):
            wizard.show_section(question.id)
            focus = QApplication.focusWidget()
            assert focus is not None, question.id
            if question.id == "consent_rights_read":
                # Issue 12: the rights come in pieces; the keyboard starts on "Next piece" (or
                # on the page when even that is below the fold), never on the answer.
                rights = wizard.rights
                assert rights is not None
                assert focus in (rights.next_button, wizard.question_area), focus
            if focus is wizard.question_area:
                page_focused.append(question.id)
                continue
            top_left = focus.mapTo(viewport, QPoint(0, 0))
            assert viewport.rect().contains(top_left), question.id
            assert top_left.y() + focus.height() <= viewport.height(), question.id
    wizard.resize_person_text(max(WizardPage.PERSON_SIZES) - WizardPage.person_point_size)
    wizard.go_to(interview.protocol.sections[0])
    page_focused = []
    for question in interview.visible_questions(interview.current_section):
        wizard.show_section(question.id)
        if QApplication.focusWidget() is wizard.question_area:
            page_focused.append(question.id)
    assert page_focused, "a page with its first answer below the fold holds the focus itself"
    first = page_focused[0]
    wizard.show_section(first)
    before = dict(interview.answers)
    qtbot.keyClick(wizard.question_area, Qt.Key.Key_Space)
    qtbot.keyClick(wizard.question_area, Qt.Key.Key_PageDown)
    assert interview.answers == before

    # Seen on a real display: Tab went Back, Skip, Next, then to "yes" below the fold, and
    # Space recorded it unseen. Tab from the page goes to the answer, scrolled into view.
    wizard.show_section(first)
    assert wizard.question_area.hasFocus()
    qtbot.keyClick(wizard.question_area, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None and wizard.card is not None and wizard.card.isAncestorOf(focus)
    top_left = focus.mapTo(viewport, QPoint(0, 0))
    assert top_left.y() >= 0 and top_left.y() + focus.height() <= viewport.height()

    # Opened again (a resumed interview) on the rights: the page starts at the top, with the
    # words to read, not scrolled down to the answer.
    wizard.go_to(interview.protocol.section("rights_and_consent"))
    window.open_case(interview.case.id)
    reopened = window.page
    assert isinstance(reopened, WizardPage) and reopened is not wizard
    qtbot.wait(50)
    assert reopened.question_area.verticalScrollBar().value() == 0
    wizard = reopened
    interview = wizard.interview
    viewport = wizard.question_area.viewport()

    # The decision: focus on a decision out of view would choose it unseen.
    determination = next(s for s in interview.protocol.sections if s.kind.value == "determination")
    wizard.go_to(determination)
    focus = QApplication.focusWidget()
    assert focus is not None
    if focus is not wizard.question_area:
        top_left = focus.mapTo(viewport, QPoint(0, 0))
        assert top_left.y() >= 0 and top_left.y() + focus.height() <= viewport.height()


@pytest.mark.usefixtures("real_look")
def test_a_long_list_of_short_choices_is_seen_whole_in_columns(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Sixteen nationalities in one column needed scrolling at the default size: columns, read
    down the first, and the last choice can be clicked without scrolling."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window, "sq")
    interview = wizard.interview
    interview.answer(Answer.given("consent_interview", "yes"))
    # From protocol v2 the nationality is asked after the consent, of an adult (a presumed
    # child waits for a guardian or the Child Protection Unit).
    interview.answer(Answer.given("prep_age", 30))
    interview.answer(Answer.given("prep_age_doubt", "no"))
    (section,) = [
        s for s in interview.protocol.sections if "prep_nationality" in {q.id for q in s.questions}
    ]
    wizard.go_to(section)
    wizard.show_section("prep_nationality")
    card = wizard.card
    assert card is not None and card.group is not None
    buttons = [b for b in card.group.buttons() if b is not card.prefers_not]
    assert len(buttons) > 8
    # Down the first column, then the next: the second choice is under the first, and the
    # first column's last one is followed by the top of the second column.
    assert buttons[1].y() > buttons[0].y() and buttons[1].x() == buttons[0].x()
    column_starts = [b for b in buttons if b.y() == buttons[0].y()]
    assert len(column_starts) >= 2
    second = buttons.index(column_starts[1])
    assert buttons[second - 1].x() == buttons[0].x() and buttons[second].x() > buttons[0].x()
    viewport = wizard.question_area.viewport()
    for choice in [*buttons, card.prefers_not]:
        assert choice is not None
        bottom = choice.mapTo(viewport, choice.rect().bottomLeft()).y()
        assert bottom <= viewport.height(), choice.text()
    last = buttons[-1]
    # On its words (a radio button answers to its circle and words, not the empty row).
    _click_at(qtbot, window, last.mapTo(window, QPoint(30, last.height() // 2)))
    assert wizard.interview.answers["prep_nationality"].value == last.property("option")


def test_a_refused_record_is_said_under_the_answer_and_a_guardians_no_ends_respectfully(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    interview = wizard.interview
    interview.answer(Answer.given("consent_interview", "yes"))
    interview.answer(Answer.given("prep_age", 30))
    show_question(wizard, "consent_storage")
    note = wizard.storage_note
    assert note is not None and note.text() == ""
    _option(wizard, "no").click()
    assert "No record will be kept" in note.text()
    _option(wizard, "yes").click()
    assert note.text() == ""

    # A child whose guardian says no: the same respectful end as the person's own no.
    wizard.close_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, HomePage))
    child = _start(qtbot, window)
    child.interview.answer(Answer.given("consent_interview", "yes"))
    child.interview.answer(Answer.given("prep_age", 15))
    child.interview.answer(Answer.given("prep_child_support", "child_protection_unit"))
    show_question(child, "consent_guardian")
    _option(child, "no").click()
    child.next_button.click()
    # Only the Unit is present: its "no", never "the guardian" (issue 12).
    assert "The Child Protection Unit worker does not agree to the interview" in texts(child)


def test_the_name_is_asked_only_after_the_rights_and_the_consent(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Nothing about the person, not even the name, before the rights and the consent."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    interview = wizard.interview
    assert interview.person_name == ""
    assert not wizard.name_button.isEnabled()
    show_question(wizard, "consent_interview")
    _option(wizard, "yes").click()
    assert wizard.name_button.isEnabled()

    def give(dialog: QDialog) -> None:
        dialog.name.setText("Arta Provaj")  # type: ignore[attr-defined]
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]

    on_next_dialog(give)
    wizard.name_button.click()
    assert interview.person_name == "Arta Provaj"

    # A "no" to the interview: the name is not asked.
    _option(wizard, "no").click()
    assert not wizard.name_button.isEnabled()


def test_an_adult_age_before_the_doubt_question_is_not_called_a_presumed_child(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Seen: typing 27 turned the badge into "Presumed child", as if 27 made a child."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    interview = wizard.interview
    interview.answer(Answer.given("consent_interview", "yes"))
    show_question(wizard, "prep_age")
    assert wizard.card is not None and wizard.card.field is not None
    qtbot.keyClicks(wizard.card.field, "27")
    wizard.flush()
    assert interview.answers["prep_age"].value == 27
    assert "Adult age given" in wizard.child_badge.text()
    assert "Presumed child" not in wizard.child_badge.text()
    interview.answer(Answer.given("prep_age_doubt", "no"))
    wizard.next_button.click()
    assert wizard.child_badge.isHidden()


def test_only_what_is_seen_says_do_not_ask(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Seen: the sex "as the person says it" was tagged "Observe and record: do not ask"."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window)
    for answer in (
        Answer.given("consent_interview", "yes"),
        Answer.given("prep_age", 30),
        Answer.given("prep_age_doubt", "no"),
    ):
        wizard.interview.answer(answer)
    show_question(wizard, "prep_sex")
    assert wizard.card is not None and wizard.card.question.id == "prep_sex"
    assert "do not ask" not in texts(wizard)
    assert "Recorded by the interviewers" in texts(wizard)
    show_question(wizard, "obs_companion_control")
    assert "Observe and record: do not ask" in texts(wizard)


@pytest.mark.usefixtures("real_look")
def test_thirteen_differences_are_seen_without_scrolling(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Seen: one 42-character choice kept 13 choices in one column, running below the fold."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = _start(qtbot, window, "sq")
    for answer in (
        Answer.given("consent_interview", "yes"),
        Answer.given("prep_age", 30),
        Answer.given("prep_age_doubt", "no"),
        Answer.given("rec_promised", ["a_job"]),
    ):
        wizard.interview.answer(answer)
    show_question(wizard, "rec_reality_differed")
    card = wizard.card
    assert card is not None and card.question.id == "rec_reality_differed"
    boxes = list(card.boxes.values())
    assert len(boxes) > 8 and len({box.x() for box in boxes}) == 2
    viewport = wizard.question_area.viewport()
    for box in boxes:
        assert box.mapTo(viewport, box.rect().bottomLeft()).y() <= viewport.height(), box.text()
