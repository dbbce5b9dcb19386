"""My practice goals on screen: writing them with the check, three at most, the monthly look."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck import goals
from imperfect_trainer.deck.goals import Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.main_window import Page
from tests.conftest import MORNING
from tests.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


def test_write_a_goal_with_its_check_and_add_up_to_three(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.GOALS)
    screen = window.goals
    editor = screen.editors[0]
    qtbot.keyClicks(editor.text, "Let a session go off-plan")
    editor.striving.button(list(Striving).index(Striving.NEVER_ENOUGH)).click()
    editor.discussed.button(0).click()
    assert "supervision" in editor.reply.text()
    editor.save_button.click()
    (saved,) = goals.list_goals(store)
    assert (saved.text, saved.striving, saved.discussed_in_supervision) == (
        "Let a session go off-plan",
        Striving.NEVER_ENOUGH,
        False,
    )
    for text in ("Rest on Sundays", "Ask for help sooner"):
        screen.add_button.click()
        qtbot.keyClicks(screen.editors[-1].text, text)
        screen.editors[-1].save_button.click()
    assert [goal.text for goal in goals.list_goals(store)] == [
        "Let a session go off-plan",
        "Rest on Sundays",
        "Ask for help sooner",
    ]
    assert not screen.add_button.isEnabled()


def test_home_suggests_a_look_after_a_month_and_rests_after_it(store: Store, qtbot: QtBot) -> None:
    goals.add_goal(store, "Rest on Sundays", MORNING)
    clock = FakeClock(MORNING + dt.timedelta(days=31))
    window = open_window(store, clock, qtbot)
    assert window.goals_prompt.isVisible()
    window.goals_prompt.linkActivated.emit("goals")
    assert window.stack.currentWidget() is window.goals
    window.goals.looked_button.click()
    window.show_home()
    assert not window.goals_prompt.isVisible()


def test_no_look_is_suggested_without_goals(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING + dt.timedelta(days=90)), qtbot)
    assert not window.goals_prompt.isVisible()
