"""My practice goals on screen: writing them with the check, three at most, the monthly look."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import goals
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.choices import WrappedChoice
from imperfect_trainer.ui.goals.goal_editor import (
    NEEDS_WORDS,
    SAVED_AS_YOU_WRITE,
    TOO_LONG,
    GoalEditor,
)
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import (
    FakeClock,
    click_sidebar,
    open_window,
    with_next_dialog,
)

pytestmark = pytest.mark.gui


def _ctrl(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)


def test_write_a_goal_with_its_check_and_add_up_to_three(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.GOALS)
    screen = window.stack.goals
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
    assert window.stack.currentWidget() is window.stack.goals
    window.stack.goals.looked_button.click()
    window.flow.show_home()
    assert not window.goals_prompt.isVisible()


def test_the_look_suggested_says_how_long_it_has_really_been(store: Store, qtbot: QtBot) -> None:
    goals.add_goal(store, "Rest on Sundays", MORNING)
    window = open_window(store, FakeClock(MORNING + dt.timedelta(days=61)), qtbot)
    assert window.goals_prompt.isVisible()
    assert "It has been 2 months since" in window.goals_prompt.text()


def test_the_last_look_today_is_said_as_today(store: Store, qtbot: QtBot) -> None:
    goals.add_goal(store, "Rest on Sundays", MORNING)
    window = open_window(store, FakeClock(MORNING + dt.timedelta(hours=1)), qtbot)
    window.go(Page.GOALS)
    assert window.stack.goals.last_look.text() == "Last looked at today."


def test_no_look_is_suggested_without_goals(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING + dt.timedelta(days=90)), qtbot)
    assert not window.goals_prompt.isVisible()


def _goals_screen(store: Store, qtbot: QtBot) -> MainWindow:
    window = open_window(store, FakeClock(MORNING), qtbot)
    _ctrl(qtbot, window, Qt.Key.Key_6)
    assert window.stack.currentWidget() is window.stack.goals
    return window


def _type_into(qtbot: QtBot, editor: GoalEditor, text: str) -> None:
    editor.text.setFocus()
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, text)


def _pick(qtbot: QtBot, editor: GoalEditor, striving: Striving) -> None:
    radio = editor.striving.button(list(Striving).index(striving))
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def test_a_goal_being_written_is_kept_on_switching_screens(store: Store, qtbot: QtBot) -> None:
    window = _goals_screen(store, qtbot)
    _type_into(qtbot, window.stack.goals.editors[0], "Rest on Sundays")
    _pick(qtbot, window.stack.goals.editors[0], Striving.UNSURE)
    click_sidebar(qtbot, window, Page.JOURNAL)
    (saved,) = goals.list_goals(store)
    assert (saved.text, saved.striving) == ("Rest on Sundays", Striving.UNSURE)
    _ctrl(qtbot, window, Qt.Key.Key_6)
    (editor,) = window.stack.goals.editors
    assert editor.text.toPlainText() == "Rest on Sundays"
    assert editor.status.text() == SAVED_AS_YOU_WRITE


def test_a_check_chosen_before_any_words_waits_for_them_across_screens(
    store: Store, qtbot: QtBot
) -> None:
    window = _goals_screen(store, qtbot)
    _pick(qtbot, window.stack.goals.editors[0], Striving.NEVER_ENOUGH)
    assert window.stack.goals.editors[0].status.text() == NEEDS_WORDS
    _ctrl(qtbot, window, Qt.Key.Key_2)
    _ctrl(qtbot, window, Qt.Key.Key_6)
    (editor,) = window.stack.goals.editors
    assert editor.chosen_striving() is Striving.NEVER_ENOUGH
    assert goals.list_goals(store) == []
    _type_into(qtbot, editor, "Ask for help sooner")
    editor.save_button.click()
    assert [goal.striving for goal in goals.list_goals(store)] == [Striving.NEVER_ENOUGH]


def test_removing_or_saving_one_goal_keeps_unsaved_edits_on_another(
    store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in ("Rest on Sundays", "Ask for help sooner", "Leave at six"):
        goals.add_goal(store, text, MORNING)
    window = _goals_screen(store, qtbot)
    first, second, third = window.stack.goals.editors
    _type_into(qtbot, second, "Ask for help the same day")
    _type_into(qtbot, third, "Leave at six, most days")
    third.save_button.click()
    assert second.text.toPlainText() == "Ask for help the same day"
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    first.remove_button.click()
    assert [goal.text for goal in goals.list_goals(store)] == [
        "Ask for help sooner",
        "Leave at six, most days",
    ]
    kept = window.stack.goals.editors[0]
    assert kept.heading.text() == "Goal 1"
    assert kept.text.toPlainText() == "Ask for help the same day"
    assert kept.status.text() == "Saving when you pause…"


def test_the_word_back_on_the_check_is_no_save_and_leaves_save_in_place(
    store: Store, qtbot: QtBot
) -> None:
    window = _goals_screen(store, qtbot)
    editor = window.stack.goals.editors[0]
    _type_into(qtbot, editor, "Let a session go off-plan")
    before = editor.save_button.mapTo(window, QPoint(0, 0))
    _pick(qtbot, editor, Striving.HEALTHY)
    qtbot.mouseClick(editor.discussed.button(0), Qt.MouseButton.LeftButton)
    assert editor.reply.isVisible()
    assert "Perhaps bring it to your next supervision" in editor.reply.text()
    assert editor.save_button.mapTo(window, QPoint(0, 0)) == before
    assert "Saved" not in editor.reply.text()
    assert editor.status.text() == "Saving when you pause…"
    assert goals.list_goals(store) == []
    qtbot.waitUntil(lambda: editor.status.text() == "✓ Saved at 08:30")
    assert [goal.text for goal in goals.list_goals(store)] == ["Let a session go off-plan"]


def test_a_goal_refuses_text_past_the_limit_and_says_why(store: Store, qtbot: QtBot) -> None:
    window = _goals_screen(store, qtbot)
    editor = window.stack.goals.editors[0]
    assert not editor.too_long.isVisible()
    _type_into(qtbot, editor, "a" * (goals.MAX_GOAL_TEXT - 3) + "bcdef")
    assert editor.text.toPlainText() == "a" * (goals.MAX_GOAL_TEXT - 3) + "bcd"
    assert editor.too_long.isVisible()
    assert editor.too_long.text() == TOO_LONG.format(count=goals.MAX_GOAL_TEXT)
    editor.text.moveCursor(QTextCursor.MoveOperation.Start)
    QApplication.clipboard().setText("pasted ")
    qtbot.keyClick(editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.text.toPlainText().endswith("bcd")  # what was there stays; the paste does not
    assert len(editor.text.toPlainText()) == goals.MAX_GOAL_TEXT
    editor.save_button.click()
    assert len(goals.list_goals(store)[0].text) == goals.MAX_GOAL_TEXT
    editor.text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.text, Qt.Key.Key_Backspace)
    assert not editor.too_long.isVisible()


def test_saving_a_goal_without_words_says_so_and_keeps_the_check(
    store: Store, qtbot: QtBot
) -> None:
    window = _goals_screen(store, qtbot)
    editor = window.stack.goals.editors[0]
    _pick(qtbot, editor, Striving.HEALTHY)
    editor.save_button.click()
    assert editor.status.text() == "Not saved: a goal needs a few words. It is still here."
    assert editor.text.hasFocus()
    assert editor.chosen_striving() is Striving.HEALTHY
    qtbot.keyClicks(editor.text, "Rest on Sundays")
    editor.save_button.click()
    assert editor.status.text() == "✓ Saved at 08:30"


def test_ctrl_q_saves_a_goal_being_written(store: Store, qtbot: QtBot) -> None:
    window = _goals_screen(store, qtbot)
    _type_into(qtbot, window.stack.goals.editors[0], "Rest on Sundays")
    qtbot.keyClick(
        window.stack.goals.editors[0].text, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )
    assert not window.isVisible()
    assert [goal.text for goal in goals.list_goals(store)] == ["Rest on Sundays"]


def test_closing_asks_before_losing_a_goal_that_cannot_be_saved(store: Store, qtbot: QtBot) -> None:
    window = _goals_screen(store, qtbot)
    editor = window.stack.goals.editors[0]
    _pick(qtbot, editor, Striving.UNSURE)
    asked: list[str] = []

    def answer(choice: str) -> Callable[[QDialog], None]:
        def act(dialog: QDialog) -> None:
            assert isinstance(dialog, QMessageBox)
            asked.append(dialog.informativeText())
            next(b for b in dialog.buttons() if b.text() == choice).click()

        return act

    with_next_dialog(answer("Stay"))
    window.close()
    assert window.isVisible()
    assert "Goal 1 has no words yet" in asked[0]
    assert editor.chosen_striving() is Striving.UNSURE
    with_next_dialog(answer("Close and lose it"))
    window.close()
    assert not window.isVisible()


def test_once_talked_through_the_word_back_no_longer_sends_it_to_supervision(
    store: Store, qtbot: QtBot
) -> None:
    window = _goals_screen(store, qtbot)
    editor = window.stack.goals.editors[0]
    _type_into(qtbot, editor, "Never a session without a full plan")
    _pick(qtbot, editor, Striving.NEVER_ENOUGH)
    assert editor.reply.text().startswith("Worth taking to supervision")
    qtbot.mouseClick(editor.discussed.button(1), Qt.MouseButton.LeftButton)  # "Yes"
    assert "Worth taking to supervision" not in editor.reply.text()
    assert editor.reply.text().startswith("You have talked it through")


def test_the_words_of_a_choice_tick_it_too(store: Store, qtbot: QtBot) -> None:
    """Its words wrap at a large text size, so they are a label beside the button: a click on
    them chooses it, as a click on a radio button's own words would."""
    window = _goals_screen(store, qtbot)
    editor = window.stack.goals.editors[0]
    _type_into(qtbot, editor, "Fewer notes after sessions")
    radio = editor.striving.button(list(Striving).index(Striving.UNSURE))
    words = next(
        choice.words for choice in editor.findChildren(WrappedChoice) if choice.button is radio
    )
    assert words.text() == Striving.UNSURE.label
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert radio.isChecked()
    assert editor.chosen_striving() is Striving.UNSURE


def test_a_fourth_goal_is_refused_with_the_reason_in_the_tooltip(
    store: Store, qtbot: QtBot
) -> None:
    window = _goals_screen(store, qtbot)
    screen = window.stack.goals
    screen.add_button.click()
    screen.add_button.click()
    assert len(screen.editors) == 3
    assert not screen.add_button.isEnabled()
    assert screen.add_button.toolTip() == "Three goals are plenty: remove one to write another"
    for number, editor in enumerate(screen.editors, start=1):
        _type_into(qtbot, editor, f"Goal number {number}")  # so closing has nothing to ask
