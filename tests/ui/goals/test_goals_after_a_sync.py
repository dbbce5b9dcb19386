"""More than three goals after a sync brought two computers' goals together: every one shown,
a kind word instead of a refusal, and nothing being written thrown away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.collection_rows import run_sql
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui

LAPTOPS = ("Rest on Sundays", "Ask for help sooner")
CLINICS = ("Leave at six", "Send my notes on time")


def _synced_in(store: Store, texts: tuple[str, ...]) -> None:
    """Goals written as a sync writes another computer's (no limit: they were made apart)."""
    for position, text in enumerate(texts, start=10):
        run_sql(
            store,
            "INSERT INTO goals (position, text, note, created_at, updated_at, revisited_day,"
            " shared) VALUES (:position, :text, '', :moment, :moment, :day, 0)",
            {
                "position": position,
                "text": text,
                "moment": MORNING.replace(tzinfo=None),
                "day": MORNING.date(),
            },
        )


def _goals_screen(store: Store, qtbot: QtBot) -> MainWindow:
    window = open_window(store, FakeClock(MORNING), qtbot)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.stack.goals
    return window


def test_four_goals_from_two_computers_are_all_shown_with_a_kind_word(
    store: Store, qtbot: QtBot
) -> None:
    for text in LAPTOPS:
        goals.add_goal(store, text, MORNING)
    _synced_in(store, CLINICS)

    screen = _goals_screen(store, qtbot).stack.goals

    assert [editor.text.toPlainText() for editor in screen.editors] == [*LAPTOPS, *CLINICS]
    assert screen.too_many.isVisible()
    assert "brought 4 goals together" in screen.too_many.text()
    assert "Nothing is removed for you" in screen.too_many.text()
    assert not screen.add_button.isEnabled()


def test_a_goal_being_written_when_a_sync_fills_the_three_stays_and_says_why_it_waits(
    store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    goals.add_goal(store, LAPTOPS[0], MORNING)
    screen = _goals_screen(store, qtbot).stack.goals
    screen.add_button.click()
    writing = screen.editors[-1]
    writing.text.setFocus()
    qtbot.keyClicks(writing.text, "See the client, not the checklist")

    _synced_in(store, CLINICS)
    screen.refresh()

    assert [editor.text.toPlainText() for editor in screen.editors] == [
        LAPTOPS[0],
        *CLINICS,
        "See the client, not the checklist",
    ]
    screen.editors[-1].save_button.click()
    assert "three goals are plenty" in screen.editors[-1].status.text()
    assert screen.editors[-1].text.toPlainText() == "See the client, not the checklist"
    assert len(goals.list_goals(store)) == 3
    # One let go, the one being written saves.
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    screen.editors[0].remove_button.click()
    screen.editors[-1].save_button.click()
    assert [goal.text for goal in goals.list_goals(store)] == [
        *CLINICS,
        "See the client, not the checklist",
    ]
