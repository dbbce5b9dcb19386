"""The practice window driven by keys alone, with the store checked after each step."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.main_window import MainWindow
from imperfect_trainer.ui.pages import Page
from imperfect_trainer.ui.practice_flow import FlowState
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture
def window(store: Store, clock: FakeClock, qtbot: QtBot) -> MainWindow:
    store.set_setting("welcome_seen", True)
    main = MainWindow(store, clock=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _answers(path: Path) -> list[tuple[str, int, int]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT card_id, grade, drill FROM reviews ORDER BY id"
        ).fetchall()


def _front(window: MainWindow) -> str:
    return window.practice_view.front.text()


def _key(qtbot: QtBot, window: MainWindow, key: Qt.Key, ctrl: bool = False) -> None:
    target = window.focusWidget() or window
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(target, key, modifier)


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

    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)  # shows the answer on every kind of card
    _key(qtbot, window, Qt.Key.Key_2)
    assert [row[1] for row in _answers(store.path)] == [5, 2]

    _key(qtbot, window, Qt.Key.Key_Z, ctrl=True)
    assert [row[1] for row in _answers(store.path)] == [5]
    assert not window.practice_view.back.isVisible()

    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    _key(qtbot, window, Qt.Key.Key_4)
    assert [row[1] for row in _answers(store.path)] == [5, 4]

    _key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert "2 cards" in window.summary.done.text()
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.home
    assert store.stats(MORNING).reviews == 2


def test_the_flow_names_the_screen_shown_at_each_step(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    def where() -> tuple[FlowState, QWidget | None]:
        return window.flow.state, window.stack.currentWidget()

    assert where() == (FlowState.HOME, window.home)
    _key(qtbot, window, Qt.Key.Key_Return)
    assert where() == (FlowState.PRACTICE_FRONT, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    assert where() == (FlowState.PRACTICE_ANSWER, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_5)
    assert where() == (FlowState.PRACTICE_FRONT, window.practice_view)
    _key(qtbot, window, Qt.Key.Key_Z, ctrl=True)
    assert where() == (FlowState.PRACTICE_FRONT, window.practice_view)
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
        # reflection cards need Ctrl+Enter; every card accepts it
        _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
        _key(qtbot, window, Qt.Key.Key_5)
    assert missed not in seen
    assert _front(window) == missed
    assert window.practice_view.kind.text().endswith("once more")


# More than a day's practice holds: a first morning reaches a reflection card well before this.
_MOST_CARDS_BEFORE_A_REFLECTION = 20


def _start_and_answer_until_a_reflection(qtbot: QtBot, window: MainWindow) -> None:
    _key(qtbot, window, Qt.Key.Key_Return)
    for _ in range(_MOST_CARDS_BEFORE_A_REFLECTION):
        assert window.stack.currentWidget() is window.practice_view, (
            "the practice ended before a reflection card came"
        )
        if window.practice_view.answer_box.isVisible():
            return
        _key(qtbot, window, Qt.Key.Key_Space)
        _key(qtbot, window, Qt.Key.Key_5)
    pytest.fail(f"no reflection card in the first {_MOST_CARDS_BEFORE_A_REFLECTION} cards")


def test_a_typed_reflection_is_stored_with_its_card(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _start_and_answer_until_a_reflection(qtbot, window)
    box = window.practice_view.answer_box
    assert box.hasFocus()
    qtbot.keyClicks(box, "I rehearse every sentence")
    _key(qtbot, window, Qt.Key.Key_Space)  # a space is typed, not a reveal
    assert not window.practice_view.back.isVisible()
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    assert window.practice_view.back.isVisible()
    _key(qtbot, window, Qt.Key.Key_2)
    with sqlite3.connect(store.path) as connection:
        rows = connection.execute("SELECT kind, text FROM journal_entries").fetchall()
    assert rows == [("reflection", "I rehearse every sentence")]


def test_undo_of_a_reflection_restores_the_typed_text_and_removes_the_entry(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _start_and_answer_until_a_reflection(qtbot, window)
    qtbot.keyClicks(window.practice_view.answer_box, "Perfect is not the goal")
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)
    _key(qtbot, window, Qt.Key.Key_3)
    _key(qtbot, window, Qt.Key.Key_Z, ctrl=True)
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("SELECT count(*) FROM journal_entries").fetchone() == (0,)
    assert window.practice_view.answer_box.toPlainText() == "Perfect is not the goal"


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
    assert "about 5 minutes" in text
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
    _key(qtbot, main, Qt.Key.Key_Return)
    assert main.stack.currentWidget() is main.home
    again = MainWindow(store, clock=clock)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.home


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
