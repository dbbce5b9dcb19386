"""A goal edited on two computers while apart: the goals screen shows the other computer's text
and note beside the goal, to add to it or be done with; nothing typed is lost either way."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.texts_apart import ALSO_WRITTEN
from imperfect_trainer.ui.goals.goal_editor import APART, GoalEditor
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window
from tests.support.written_apart import (
    GOAL_HERE,
    GOAL_THERE,
    LATER,
    NOTE_HERE,
    NOTE_THERE,
    goal_merged_apart,
    on_disk,
)

pytestmark = pytest.mark.gui

NOW = LATER + dt.timedelta(hours=1)


def _goals_page(store: Store, qtbot: QtBot, now: dt.datetime = NOW) -> MainWindow:
    window = open_window(store, FakeClock(now), qtbot)
    window.go(Page.GOALS)
    return window


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    goal_merged_apart(store)
    goals.add_goal(store, "Rest on Sundays", MORNING + dt.timedelta(days=1))
    return _goals_page(store, qtbot)


def _editors(window: MainWindow) -> tuple[GoalEditor, GoalEditor]:
    first, second = window.stack.goals.editors
    return first, second


def _goal(store: Store, text: str) -> goals.Goal:
    (goal,) = [goal for goal in goals.list_goals(store) if goal.text.startswith(text)]
    return goal


def test_the_other_computers_text_and_note_are_shown_beside_the_goal(
    window: MainWindow,
) -> None:
    apart, other = _editors(window)
    assert apart.text.toPlainText() == GOAL_HERE
    panel = apart.written_apart
    assert panel.isVisible()
    assert panel.heading.text() == ALSO_WRITTEN
    assert panel.text.text() == GOAL_THERE
    assert panel.more.isVisible()
    assert panel.more.text() == "One more after this one."
    assert panel.add_button.text() == "Add it to this goal"
    assert not other.written_apart.isVisible()


def test_add_it_appends_the_text_then_the_note_and_saves_the_goal(
    window: MainWindow, store: Store
) -> None:
    apart, _ = _editors(window)
    apart.written_apart.add_button.click()
    both = f"{GOAL_HERE}\n\n{GOAL_THERE}"
    assert apart.text.toPlainText() == both
    assert not apart.dirty()
    assert _goal(store, GOAL_HERE).text == both
    assert _goal(store, GOAL_HERE).updated_at == NOW
    # Then the note written there, said to be the note, and added to the note.
    assert apart.written_apart.text.text() == NOTE_THERE
    assert apart.written_apart.where.isVisible()
    assert apart.written_apart.where.text() == APART.fields["note"]
    assert not apart.written_apart.more.isVisible()
    apart.written_apart.add_button.click()
    assert apart.note.text() == f"{NOTE_HERE} {NOTE_THERE}"
    assert _goal(store, GOAL_HERE).note == f"{NOTE_HERE} {NOTE_THERE}"
    assert not apart.written_apart.isVisible()
    assert goals.written_apart(store) == {}
    # The kept copies stay where the sync put them.
    assert on_disk(store) == [GOAL_THERE, NOTE_THERE]


def test_add_it_keeps_what_was_just_typed_too(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    apart, _ = _editors(window)
    apart.text.moveCursor(apart.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(apart.text, " (not Fridays)")
    apart.written_apart.add_button.click()
    both = f"{GOAL_HERE} (not Fridays)\n\n{GOAL_THERE}"
    assert apart.text.toPlainText() == both
    assert _goal(store, GOAL_HERE).text == both


def test_a_goal_too_long_with_it_says_so_and_changes_nothing(store: Store, qtbot: QtBot) -> None:
    goal_id = goal_merged_apart(store)
    long_goal = "Leave at six, " + "and rest well, " * 31
    goals.update_goal(
        store, goal_id, long_goal, LATER, striving=None, discussed_in_supervision=None
    )
    (apart,) = _goals_page(store, qtbot).stack.goals.editors
    apart.written_apart.add_button.click()
    assert "longer than a goal fits (500 characters)" in apart.status.text()
    assert apart.written_apart.isVisible()
    assert apart.written_apart.text.text() == GOAL_THERE
    assert apart.text.toPlainText() == long_goal.strip()
    assert _goal(store, "Leave at six").text == long_goal.strip()


def test_done_with_it_hides_the_text_and_keeps_it_on_disk(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    apart, _ = _editors(window)
    apart.written_apart.done_button.click()
    apart.written_apart.done_button.click()
    assert not apart.written_apart.isVisible()
    assert apart.text.toPlainText() == GOAL_HERE
    assert on_disk(store) == [GOAL_THERE, NOTE_THERE]
    # Opened again, the goals screen still does not show them; the goal is as it was.
    again = _goals_page(store, qtbot, NOW + dt.timedelta(hours=1))
    first, _ = _editors(again)
    assert not first.written_apart.isVisible()
    assert (_goal(store, GOAL_HERE).text, _goal(store, GOAL_HERE).note) == (GOAL_HERE, NOTE_HERE)


def test_a_text_written_here_and_replaced_by_the_later_one_says_so(
    store: Store, qtbot: QtBot
) -> None:
    goal_merged_apart(store, device="clinic")
    (apart,) = _goals_page(store, qtbot).stack.goals.editors
    assert apart.written_apart.heading.text() == APART.written_here
    assert apart.written_apart.text.text() == GOAL_THERE
