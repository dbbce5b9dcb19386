"""After a hard session, end to end: the form, two minutes of drill, the closing words, the
journal entry, and every schedule exactly as it was."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import debrief, journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.practice.debrief_screen import done_text
from imperfect_trainer.ui.window.pages import Page
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window, with_next_dialog

pytestmark = pytest.mark.gui

# More cards than any practice in these tests holds: the loops below end or fail.
MOST_CARDS = 200


def _schedules(store: Store) -> list[tuple[object, ...]]:
    with sqlite3.connect(store.path) as connection:
        return connection.execute(
            "SELECT card_id, repetitions, easiness_hundredths, interval_days, due_day,"
            " introduced_day, last_review_day, lapses FROM card_states ORDER BY card_id"
        ).fetchall()


def test_a_debrief_then_two_minutes_of_drill_leave_every_schedule_alone(
    store: Store, qtbot: QtBot
) -> None:
    for card in store.todays_practice(MORNING).cards[:5]:
        store.answer(card.id, 4, now=MORNING)
    clock = FakeClock(MORNING.replace(hour=17))
    window = open_window(store, clock, qtbot)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    screen = window.stack.debrief
    assert window.stack.currentWidget() is screen
    assert not screen.practise_button.isEnabled()
    screen.checks["late-client"].click()
    screen.checks["rumination"].click()
    qtbot.keyClicks(screen.note, "I kept trying to rescue the plan")
    before = _schedules(store)

    screen.practise_button.click()
    assert window.stack.currentWidget() is window.practice_view
    assert not window.practice_view.kind.text().endswith("once more")
    answered = 0
    for _ in range(MOST_CARDS):
        if window.stack.currentWidget() is not window.practice_view:
            break
        clock.advance(20)
        qtbot.keyClick(window.practice_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.practice_view, Qt.Key.Key_4)
        answered += 1
    assert window.stack.currentWidget() is screen
    assert "their schedules are unchanged" in screen.done_line.text()
    assert _schedules(store) == before

    with sqlite3.connect(store.path) as connection:
        kinds = connection.execute(
            "SELECT DISTINCT r.drill, s.kind FROM reviews r JOIN practice_sessions s"
            " ON s.id = r.session_id WHERE s.kind = 'debrief'"
        ).fetchall()
    assert kinds == [(1, "debrief")]
    entry = journal.entries(store)[0]
    assert (entry.kind, entry.text, entry.situations) == (
        "debrief",
        "I kept trying to rescue the plan",
        ("late-client", "rumination"),
    )
    assert len(entry.practised) == answered

    screen.journal_button.click()
    assert window.stack.currentWidget() is window.stack.journal
    assert "Afterwards you practised" in window.stack.journal.entry_context.text()


def test_open_the_journal_chooses_the_note_just_written(store: Store, qtbot: QtBot) -> None:
    for minutes in (1, 2):  # two older entries, so the newest is not simply the first
        debrief.save_debrief(
            store, ["relapse"], f"Older note {minutes}", MORNING - dt.timedelta(days=minutes)
        )
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.JOURNAL)
    window.stack.journal.list.setCurrentRow(1)
    qtbot.keyClicks(window.stack.journal.search, "older")
    window.go(Page.DEBRIEF)
    screen = window.stack.debrief
    screen.checks["rupture"].click()
    qtbot.keyClicks(screen.note, "We found our way back")
    screen.save_button.click()
    screen.journal_button.click()
    journal_screen = window.stack.journal
    assert window.stack.currentWidget() is journal_screen
    shown = journal_screen.current()
    assert shown is not None
    assert shown.text == "We found our way back"
    assert journal_screen.editor.toPlainText() == "We found our way back"


def test_a_debrief_without_a_note_makes_no_journal_entry_and_claims_none(
    store: Store, qtbot: QtBot
) -> None:
    clock = FakeClock(MORNING.replace(hour=17))
    window = open_window(store, clock, qtbot)
    window.go(Page.DEBRIEF)
    screen = window.stack.debrief
    screen.checks["late-client"].click()
    assert not screen.save_button.isEnabled()
    assert "Write a few words" in screen.save_button.toolTip()
    screen.practise_button.click()
    for _ in range(MOST_CARDS):
        if window.stack.currentWidget() is not window.practice_view:
            break
        clock.advance(20)
        qtbot.keyClick(window.practice_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.practice_view, Qt.Key.Key_4)
    assert window.stack.currentWidget() is screen
    assert "journal" not in screen.done_line.text()
    assert screen.done_line.text().startswith("You went through")
    assert not screen.journal_button.isVisible()
    assert journal.entries(store) == []
    # Not even an empty entry the journal would never show.
    assert fetch_rows(store, "SELECT count(*) FROM journal_entries") == [(0,)]


def test_one_card_practised_after_a_debrief_is_said_as_one() -> None:
    assert done_text(1, wrote_note=False) == "You went through 1 card; its schedule is unchanged."


def test_a_debrief_can_be_saved_without_practising(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.DEBRIEF)
    screen = window.stack.debrief
    assert not screen.save_button.isEnabled()
    qtbot.keyClicks(screen.note, "Just needed to write it down")
    screen.save_button.click()
    assert screen.done_line.text() == "Your note is in the journal."
    assert [item.text for item in journal.entries(store)] == ["Just needed to write it down"]
    screen.home_button.click()
    assert window.stack.currentWidget() is window.home
    window.go(Page.DEBRIEF)
    assert screen.note.toPlainText() == ""


def test_a_note_not_yet_saved_waits_across_screens_and_closing_asks_first(
    store: Store, qtbot: QtBot
) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    screen = window.stack.debrief
    screen.checks["late-client"].click()
    screen.note.setFocus()
    qtbot.keyClicks(screen.note, "Still shaking a little")
    qtbot.keyClick(screen.note, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.home
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert screen.note.toPlainText() == "Still shaking a little"
    assert screen.chosen() == ["late-client"]

    asked: list[str] = []

    def stay(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.informativeText())
        next(b for b in dialog.buttons() if b.text() == "Stay").click()

    with_next_dialog(stay)
    window.close()
    assert "What you wrote after a hard session is not saved yet." in asked[0]
    assert window.isVisible()
    screen.save_button.click()
    assert [item.text for item in journal.entries(store)] == ["Still shaking a little"]
    window.close()
    assert not window.isVisible()
