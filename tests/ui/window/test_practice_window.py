"""The practice window driven by keys alone, with the store checked after each step."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.content.cards import (
    JUDGEMENT_WORDS,
    RECALL_WORDS,
    RESPONSE_WORDS,
    CardKind,
    GradeWords,
)
from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.practice.answer_log import AnswerResult
from imperfect_trainer.deck.practice.session import Phase, PracticeSummary
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.practice.practice_view import CLEAR_TO_SET_ASIDE, NOTHING_WRITTEN
from imperfect_trainer.ui.practice.summary_screen import summary_lines
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from imperfect_trainer.ui.window.practice_flow import FlowState
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, ShownWarning, open_window

pytestmark = pytest.mark.gui
# More cards than any practice in these tests holds: the loops below end or fail.
MOST_CARDS = 200


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture
def window(store: Store, clock: FakeClock, qtbot: QtBot) -> MainWindow:
    return open_window(store, clock, qtbot)


def _answers(path: Path) -> list[tuple[str, int | None, int]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT card_id, grade, drill FROM reviews ORDER BY id"
        ).fetchall()


def _journal(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT card_id, text FROM journal_entries WHERE kind = 'reflection' ORDER BY id"
        ).fetchall()


def _front(window: MainWindow) -> str:
    return window.practice_view.front.text()


def _key(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, ctrl: bool = False, alt: bool = False
) -> None:
    target = window.focusWidget() or window
    modifier = Qt.KeyboardModifier.NoModifier
    if ctrl:
        modifier |= Qt.KeyboardModifier.ControlModifier
    if alt:
        modifier |= Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(target, key, modifier)


def _not_today_by_keys(qtbot: QtBot, window: MainWindow) -> None:
    """Alt+N, the "Not today" button's mnemonic: Qt presses the button down and lets it go a
    moment later, as a click the eye can follow."""
    button = window.practice_view.not_today_button
    _key(qtbot, window, Qt.Key.Key_N, alt=True)
    assert button.isDown()
    qtbot.waitUntil(lambda: not button.isDown())


def _reflection_in_hand(window: MainWindow) -> bool:
    return window.flow.phase() is Phase.REFLECTION


def _answer_by_keys(qtbot: QtBot, window: MainWindow, grade: Qt.Key = Qt.Key.Key_5) -> None:
    """Answer the card in hand as a person at the keyboard: write a line for a reflection,
    else show the answer and grade it."""
    if _reflection_in_hand(window):
        qtbot.keyClicks(window.practice_view.answer_box, "A line for today")
        _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    else:
        _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)  # shows the answer on every card
        _key(qtbot, window, grade)


def test_a_whole_practice_by_keyboard_alone(
    window: MainWindow, store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    assert window.stack.currentWidget() is window.home
    assert window.home.start_button.hasFocus()
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.practice_view

    first_front = _front(window)
    _key(qtbot, window, Qt.Key.Key_Space)
    assert window.practice_view.back.isVisible()
    clock.advance(12)
    _key(qtbot, window, Qt.Key.Key_5)
    first_id = _answers(store.path)[0][0]
    assert _answers(store.path) == [(first_id, 5, 0)]
    assert _front(window) != first_front

    assert _reflection_in_hand(window)  # the deck's second card asks for writing
    qtbot.keyClicks(window.practice_view.answer_box, "Notes I never reread")
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    assert [row[1] for row in _answers(store.path)] == [5, None]

    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)  # shows the answer on every kind of card
    _key(qtbot, window, Qt.Key.Key_2)
    assert [row[1] for row in _answers(store.path)] == [5, None, 2]

    _key(qtbot, window, Qt.Key.Key_Z, ctrl=True)
    assert [row[1] for row in _answers(store.path)] == [5, None]
    assert not window.practice_view.back.isVisible()

    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    _key(qtbot, window, Qt.Key.Key_4)
    assert [row[1] for row in _answers(store.path)] == [5, None, 4]

    _key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.done.text() == "2 cards and 1 reflection in under a minute."
    assert window.summary.progress.text() == (
        "2 moved forward. Your reflection is in your journal."
    )
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home
    assert store.stats(MORNING).reviews == 3


def test_the_flow_names_the_screen_shown_at_each_step(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    def where() -> tuple[FlowState | Phase, QWidget | None]:
        # Within a practice, the flow and the view read where it is from the practice.
        at: FlowState | Phase = window.flow.state
        if at is FlowState.PRACTICE:
            at = window.flow.phase()
        return at, window.stack.currentWidget()

    assert where() == (FlowState.HOME, window.home)
    _key(qtbot, window, Qt.Key.Key_Return)
    assert where() == (Phase.FRONT, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    assert where() == (Phase.ANSWER, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_5)
    assert where() == (Phase.REFLECTION, window.practice_view)
    _not_today_by_keys(qtbot, window)
    assert where() == (Phase.FRONT, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_Z, ctrl=True)
    assert where() == (Phase.REFLECTION, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert where() == (FlowState.SUMMARY, window.summary)
    window.go(Page.JOURNAL)
    assert where() == (FlowState.PAGE, window.stack.journal)
    window.go(Page.HOME)
    assert where() == (FlowState.HOME, window.home)


def test_digits_do_nothing_before_the_answer_is_shown(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _key(qtbot, window, Qt.Key.Key_Return)
    _key(qtbot, window, Qt.Key.Key_5)
    assert _answers(store.path) == []


def test_a_missed_card_comes_back_later_in_the_same_practice(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _key(qtbot, window, Qt.Key.Key_Return)
    missed = _front(window)
    _key(qtbot, window, Qt.Key.Key_Space)
    _key(qtbot, window, Qt.Key.Key_1)
    seen = []
    for _ in range(3):
        seen.append(_front(window))
        _answer_by_keys(qtbot, window)
    assert missed not in seen
    assert _front(window) == missed
    assert window.practice_view.kind.text().endswith("once more")


# More than a day's practice holds: a first morning reaches a reflection card well before this.
_MOST_CARDS_BEFORE_A_REFLECTION = 20


def _start_and_answer_until_a_reflection(qtbot: QtBot, window: MainWindow) -> str:
    """Start a practice and grade cards until a reflection is in hand; its id."""
    _key(qtbot, window, Qt.Key.Key_Return)
    for _ in range(_MOST_CARDS_BEFORE_A_REFLECTION):
        assert window.stack.currentWidget() is window.practice_view, (
            "the practice ended before a reflection card came"
        )
        if _reflection_in_hand(window):
            practice = window.flow.practice
            assert practice is not None
            assert practice.current is not None
            return practice.current.id
        _answer_by_keys(qtbot, window)
    pytest.fail(f"no reflection card in the first {_MOST_CARDS_BEFORE_A_REFLECTION} cards")


def test_a_reflection_is_written_and_saved_never_graded(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    view = window.practice_view
    box = view.answer_box
    assert box.hasFocus()
    assert view.guidance.isVisible()
    assert store.card(card_id).back == view.guidance.text()
    assert not any(button.isVisible() for button in view.grade_buttons)
    assert view.save_button.isVisible()
    assert view.not_today_button.isVisible()
    qtbot.keyClicks(box, "I rehearse every sentence")
    _key(qtbot, window, Qt.Key.Key_Space)  # a space is typed, not a reveal
    _key(qtbot, window, Qt.Key.Key_3)  # a digit is typed, not a grade
    assert _answers(store.path)[-1][0] != card_id
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    assert _journal(store.path) == [(card_id, "I rehearse every sentence 3")]
    assert _answers(store.path)[-1] == (card_id, None, 0)
    assert not _reflection_in_hand(window)
    assert store.card(card_id).due_day == MORNING.date() + dt.timedelta(days=7)


def test_saving_an_empty_reflection_says_why_and_stores_nothing(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    answers = _answers(store.path)
    qtbot.keyClicks(window.practice_view.answer_box, "   ")
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    assert _answers(store.path) == answers
    assert window.practice_view.hint.text() == NOTHING_WRITTEN
    assert _reflection_in_hand(window)
    assert window.flow.practice is not None
    assert window.flow.practice.current is not None
    assert window.flow.practice.current.id == card_id


def _offered(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Answer the practice on screen to its end by keys; the cards it offered."""
    offered = []
    for _ in range(MOST_CARDS):
        if window.stack.currentWidget() is not window.practice_view:
            break
        practice = window.flow.practice
        assert practice is not None
        assert practice.current is not None
        offered.append(practice.current.id)
        _answer_by_keys(qtbot, window)
    assert window.stack.currentWidget() is not window.practice_view
    return offered


def test_not_today_writes_nothing_and_the_reflection_waits_for_another_day(
    window: MainWindow, store: Store, qtbot: QtBot, clock: FakeClock
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    answers = _answers(store.path)
    _not_today_by_keys(qtbot, window)
    assert _answers(store.path) == answers
    assert _journal(store.path) == []
    assert store.card(card_id).is_new
    for _ in range(MOST_CARDS):
        if window.stack.currentWidget() is not window.practice_view:
            break
        assert not _reflection_in_hand(window)  # one reflection a practice: it was this one
        _answer_by_keys(qtbot, window)
    assert window.stack.currentWidget() is not window.practice_view
    _key(qtbot, window, Qt.Key.Key_Return)  # back home
    clock.advance(3600)
    _key(qtbot, window, Qt.Key.Key_Return)  # a second practice the same day
    assert card_id not in _offered(qtbot, window)


def test_not_today_lasts_the_practice_day_after_the_app_is_started_again(
    window: MainWindow, store: Store, qtbot: QtBot, clock: FakeClock
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    _not_today_by_keys(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_Q, ctrl=True)  # quit
    clock.advance(600)
    again = open_window(store, clock, qtbot)
    _key(qtbot, again, Qt.Key.Key_Return)  # start practice, the same day
    assert card_id not in _offered(qtbot, again)


def test_not_today_waits_for_an_empty_box_so_nothing_written_is_lost(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    view = window.practice_view
    qtbot.keyClicks(view.answer_box, "Half a thought")
    _not_today_by_keys(qtbot, window)
    assert _reflection_in_hand(window)
    assert view.answer_box.toPlainText() == "Half a thought"
    assert view.hint.text() == CLEAR_TO_SET_ASIDE
    view.answer_box.selectAll()
    _key(qtbot, window, Qt.Key.Key_Delete)
    _not_today_by_keys(qtbot, window)
    assert not _reflection_in_hand(window)
    assert card_id not in {row[0] for row in _answers(store.path)}


def test_what_was_written_last_time_is_shown_with_its_date(
    store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind is CardKind.REFLECTION)
    eight_days_ago = MORNING - dt.timedelta(days=8)
    store.answers.record(card.id, None, now=eight_days_ago, reflection="Over-preparing, mostly.")
    window = open_window(store, clock, qtbot)
    assert _start_and_answer_until_a_reflection(qtbot, window) == card.id
    last_time = window.practice_view.last_time
    assert last_time.isVisible()
    assert last_time.text() == (
        "Last time, on 15 November 2026, you wrote: “Over-preparing, mostly.”"
    )
    assert window.practice_view.answer_box.toPlainText() == ""


def test_a_first_reflection_shows_no_last_time(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _start_and_answer_until_a_reflection(qtbot, window)
    assert not window.practice_view.last_time.isVisible()


def test_a_practice_offers_one_reflection_unless_more_are_asked_for(
    store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    store.set_setting("new_cards_per_day", 50)
    store.set_setting("session_seconds", 30 * 60)

    def reflections_in_a_practice(window: MainWindow) -> int:
        _key(qtbot, window, Qt.Key.Key_Return)
        count = 0
        for _ in range(MOST_CARDS):
            if window.stack.currentWidget() is not window.practice_view:
                break
            count += _reflection_in_hand(window)
            _answer_by_keys(qtbot, window)
        assert window.stack.currentWidget() is not window.practice_view
        _key(qtbot, window, Qt.Key.Key_Return)
        return count

    window = open_window(store, clock, qtbot)
    assert reflections_in_a_practice(window) == 1
    window.go(Page.SETTINGS)
    window.stack.settings.reflections.setValue(3)
    # The next day brings the deck's next fifty cards, with reflections enough among them.
    clock.advance(24 * 3600)
    window.go(Page.HOME)
    assert reflections_in_a_practice(window) == 3


def test_undo_of_a_written_reflection_restores_the_text_and_removes_the_entry(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _start_and_answer_until_a_reflection(qtbot, window)
    qtbot.keyClicks(window.practice_view.answer_box, "Perfect is not the goal")
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    _key(qtbot, window, Qt.Key.Key_Z, ctrl=True)
    assert _journal(store.path) == []
    assert _reflection_in_hand(window)
    assert window.practice_view.answer_box.toPlainText() == "Perfect is not the goal"


def test_ending_the_practice_keeps_what_was_being_written(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    qtbot.keyClicks(window.practice_view.answer_box, "Unfinished, and that is fine")
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert _journal(store.path) == [(card_id, "Unfinished, and that is fine")]
    assert "1 reflection" in window.summary.done.text()


def test_writing_the_collection_refuses_stays_on_screen_until_it_is_kept(
    window: MainWindow,
    store: Store,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    warned: list[ShownWarning],
) -> None:
    card_id = _start_and_answer_until_a_reflection(qtbot, window)
    record = store.answers.record

    def full_disk(*args: Any, **kwargs: Any) -> AnswerResult:
        raise StoreError(store.path, "the disk is full")

    monkeypatch.setattr(store.answers, "record", full_disk)
    qtbot.keyClicks(window.practice_view.answer_box, "Not lost on a full disk")
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert len(warned) == 2
    assert all("the disk is full" in message.text.lower() for message in warned)
    assert _reflection_in_hand(window)
    assert window.practice_view.answer_box.toPlainText() == "Not lost on a full disk"

    monkeypatch.setattr(store.answers, "record", record)
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert _journal(store.path) == [(card_id, "Not lost on a full disk")]


def test_a_card_answered_elsewhere_while_shown_is_not_answered_and_its_buttons_say_so_anew(
    window: MainWindow, store: Store, qtbot: QtBot, warned: list[ShownWarning]
) -> None:
    _key(qtbot, window, Qt.Key.Key_Return)
    _key(qtbot, window, Qt.Key.Key_Space)
    view = window.practice_view
    assert view.grade_buttons[4].words.text().startswith("4 · 1 d")  # a new card's first answer
    practice = window.flow.practice
    assert practice is not None
    assert practice.current is not None
    card_id = practice.current.id
    store.answers.record(card_id, 5, now=MORNING)  # on the person's other computer
    _key(qtbot, window, Qt.Key.Key_4)
    assert [message.title for message in warned] == ["Imperfect Trainer"]
    assert "answered elsewhere" in warned[0].text
    assert _answers(store.path) == [(card_id, 5, 0)]  # nothing written over it
    # Still in hand: the buttons now say what an answer does today, a repeat.
    assert window.flow.phase() is Phase.ANSWER
    assert view.grade_buttons[4].words.text().startswith("4 · done today")
    _key(qtbot, window, Qt.Key.Key_4)
    assert _answers(store.path) == [(card_id, 5, 0), (card_id, 4, 1)]


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (CardKind.REALITY, RECALL_WORDS),
        (CardKind.DISCERN, JUDGEMENT_WORDS),
        (CardKind.PRACTICE, RESPONSE_WORDS),
        (CardKind.REFRAME, RESPONSE_WORDS),
        (CardKind.SIGN, RESPONSE_WORDS),
    ],
)
def test_the_grade_buttons_are_worded_for_the_kind_of_card(
    window: MainWindow, store: Store, qtbot: QtBot, kind: CardKind, words: GradeWords
) -> None:
    # Enough new cards that every kind turns up, wherever the deck puts its first of a kind.
    store.set_setting("new_cards_per_day", _MOST_CARDS_BEFORE_A_REFLECTION)
    _key(qtbot, window, Qt.Key.Key_Return)
    for _ in range(_MOST_CARDS_BEFORE_A_REFLECTION):
        practice = window.flow.practice
        assert practice is not None
        assert practice.current is not None
        if practice.current.kind is kind:
            break
        _answer_by_keys(qtbot, window)
    else:
        pytest.fail(f"no {kind.label} card in the first {_MOST_CARDS_BEFORE_A_REFLECTION}")
    _key(qtbot, window, Qt.Key.Key_Space)
    for grade, button in enumerate(window.practice_view.grade_buttons):
        assert button.words.text().split("\n")[1] == words[grade]
        assert button.accessibleName() == f"Grade {grade}: {words[grade]}"
    assert words.judges in window.practice_view.hint.text()


def test_the_time_box_ends_the_practice_after_the_card_in_hand(
    window: MainWindow, store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    _key(qtbot, window, Qt.Key.Key_Return)
    clock.advance(301)
    window.flow.ticker.timeout.emit()
    assert window.practice_view.time_bar.value() == window.practice_view.time_bar.maximum()
    assert window.stack.currentWidget() is window.practice_view  # the card in hand is finished
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    _key(qtbot, window, Qt.Key.Key_4)
    assert window.stack.currentWidget() is window.summary
    assert "today’s practice" in window.summary.title.text()
    assert len(_answers(store.path)) == 1


def test_home_after_a_month_away_offers_five_minutes_without_counting_overdue(
    store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    for card in store.todays_practice(MORNING).cards:
        store.answer(card.id, 5, now=MORNING)
    store.set_setting("welcome_seen", True)
    clock.advance(30 * 24 * 3600)
    main = MainWindow(store, clock=clock)
    qtbot.addWidget(main)
    text = main.home.today.text()
    assert text.startswith("Welcome back — five minutes is plenty.")
    assert "Today’s practice: 5 minutes, about 10 cards — more if they come quickly." in text
    assert "overdue" not in text.lower()
    assert main.home.start_button.isEnabled()


def test_the_first_run_welcome_continues_with_enter_and_is_not_shown_again(
    store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    main = MainWindow(store, clock=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert main.stack.currentWidget() is main.welcome
    shown = main.welcome.grades.texts()
    for words in (RECALL_WORDS, RESPONSE_WORDS, JUDGEMENT_WORDS):
        assert words.judges in shown
        assert all(words[grade] in shown for grade in range(6))
    _key(qtbot, main, Qt.Key.Key_Return)
    assert main.stack.currentWidget() is main.home
    again = MainWindow(store, clock=clock)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.home


def _summary(**parts: int) -> PracticeSummary:
    counts = {"moved_forward": 0, "still_settling": 0, "once_more": 0, "reflections_written": 0}
    counts |= parts
    repeats = counts.pop("repeats", 0)
    graded = counts["moved_forward"] + counts["still_settling"] + counts["once_more"]
    return PracticeSummary(
        cards_graded=graded,
        answers=graded + counts["reflections_written"],
        minutes=4.6,
        waiting=0,
        ended_by_time=False,
        repeats=repeats,
        **counts,
    )


@pytest.mark.parametrize(
    ("parts", "done", "progress"),
    [
        (
            {"moved_forward": 3, "still_settling": 1, "reflections_written": 1},
            "4 cards and 1 reflection in about 5 minutes.",
            "3 moved forward; 1 still settling, and it will come round again. "
            "Your reflection is in your journal.",
        ),
        (
            {"still_settling": 2, "once_more": 1},
            "3 cards in about 5 minutes.",
            "2 still settling, and they will come round again; "
            "1 practised once more from earlier today.",
        ),
        (
            {"reflections_written": 2},
            "2 reflections in about 5 minutes.",
            "Your 2 reflections are in your journal.",
        ),
        (
            {"moved_forward": 4, "repeats": 4},
            "4 cards in about 5 minutes, with 4 repeats of cards missed.",
            "4 moved forward.",
        ),
    ],
)
def test_the_summary_says_each_card_once(parts: dict[str, int], done: str, progress: str) -> None:
    _, said_done, said_progress = summary_lines(_summary(**parts))
    assert (said_done, said_progress) == (done, progress)


def test_closing_mid_practice_keeps_every_answer_and_the_window_size(
    window: MainWindow, store: Store, qtbot: QtBot, clock: FakeClock
) -> None:
    _key(qtbot, window, Qt.Key.Key_Return)
    _key(qtbot, window, Qt.Key.Key_Space)
    _key(qtbot, window, Qt.Key.Key_4)
    window.resize(700, 560)
    _key(qtbot, window, Qt.Key.Key_Q, ctrl=True)
    assert not window.isVisible()
    assert len(_answers(store.path)) == 1
    reopened = MainWindow(store, clock=clock)
    qtbot.addWidget(reopened)
    assert (reopened.width(), reopened.height()) == (700, 560)


def test_each_answer_is_flushed_to_disk_after_the_next_card_shows(
    window: MainWindow, store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[str] = []
    monkeypatch.setattr(store, "flush_to_disk", lambda: flushed.append(_front(window)))
    _key(qtbot, window, Qt.Key.Key_Return)
    _key(qtbot, window, Qt.Key.Key_Space)
    _key(qtbot, window, Qt.Key.Key_5)
    next_front = _front(window)
    qtbot.waitUntil(lambda: bool(flushed))
    assert flushed == [next_front]


def test_a_practice_closed_to_the_tray_takes_no_grade_when_the_window_is_shown_again(
    store: Store, clock: FakeClock, qtbot: QtBot
) -> None:
    preferences.set_reminder(store, True, dt.time(19, 0))
    window = open_window(store, clock, qtbot, tray=True)
    _key(qtbot, window, Qt.Key.Key_Return)
    _key(qtbot, window, Qt.Key.Key_Space)
    window.close()
    assert not window.isVisible()
    window.showNormal()  # as a second start of the app does
    _key(qtbot, window, Qt.Key.Key_4)
    assert _answers(store.path) == []
    _key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
