"""An entry edited on two computers while apart: the Journal shows the other computer's text
beside it, to add to the entry or be done with; nothing typed is lost either way."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.journal.journal_screen import JournalScreen
from imperfect_trainer.ui.journal.texts_apart import ALSO_WRITTEN, WRITTEN_HERE
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window
from tests.support.written_apart import HERE, LATER, THERE, merged_apart, on_disk

pytestmark = pytest.mark.gui


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    merged_apart(store)
    journal.add_free_entry(store, "Nothing else happened here", MORNING + dt.timedelta(days=1))
    main = open_window(store, FakeClock(LATER + dt.timedelta(hours=1)), qtbot)
    main.go(Page.JOURNAL)
    return main


def _choose(screen: JournalScreen, text: str) -> None:
    (row,) = [row for row, item in enumerate(screen.items) if item.text.startswith(text)]
    screen.list.setCurrentRow(row)


def test_the_other_computers_text_is_shown_beside_the_entry(window: MainWindow) -> None:
    screen = window.stack.journal
    _choose(screen, HERE)
    assert screen.editor.toPlainText() == HERE
    assert screen.written_apart.isVisible()
    assert screen.written_apart.heading.text() == ALSO_WRITTEN
    assert screen.written_apart.text.text() == THERE
    assert screen.written_apart.text.textInteractionFlags() & (
        screen.written_apart.text.textInteractionFlags().TextSelectableByMouse
    )
    _choose(screen, "Nothing else")
    assert not screen.written_apart.isVisible()


def test_add_it_appends_the_text_and_saves_the_entry(window: MainWindow, store: Store) -> None:
    screen = window.stack.journal
    _choose(screen, HERE)
    screen.written_apart.add_button.click()
    both = f"{HERE}\n\n{THERE}"
    assert screen.editor.toPlainText() == both
    assert not screen.written_apart.isVisible()
    assert not screen.unsaved()
    (saved,) = [item for item in journal.entries(store) if item.text.startswith(HERE)]
    assert saved.text == both
    assert saved.updated_at == LATER + dt.timedelta(hours=1)
    assert saved.written_apart == ()
    # The kept copy stays where the sync put it.
    assert on_disk(store) == [THERE]


def test_add_it_keeps_what_was_just_typed_too(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.journal
    _choose(screen, HERE)
    screen.editor.moveCursor(screen.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(screen.editor, " We laughed.")
    screen.written_apart.add_button.click()
    both = f"{HERE} We laughed.\n\n{THERE}"
    assert screen.editor.toPlainText() == both
    assert [item.text for item in journal.entries(store) if item.text.startswith(HERE)] == [both]


def test_done_with_it_hides_the_text_and_keeps_iton_disk(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.journal
    _choose(screen, HERE)
    screen.written_apart.done_button.click()
    assert not screen.written_apart.isVisible()
    assert screen.editor.toPlainText() == HERE
    _choose(screen, "Nothing else")
    _choose(screen, HERE)
    assert not screen.written_apart.isVisible()
    assert on_disk(store) == [THERE]
    # Opened again, the journal still does not show it; the entry is as it was.
    again = open_window(store, FakeClock(LATER + dt.timedelta(hours=2)), qtbot)
    again.go(Page.JOURNAL)
    _choose(again.stack.journal, HERE)
    assert not again.stack.journal.written_apart.isVisible()
    assert [item.text for item in journal.entries(store) if item.text.startswith(HERE)] == [HERE]


def test_a_text_written_here_and_replaced_by_the_later_one_says_so(
    store: Store, qtbot: QtBot
) -> None:
    merged_apart(store, device="clinic")
    window = open_window(store, FakeClock(LATER + dt.timedelta(hours=1)), qtbot)
    window.go(Page.JOURNAL)
    screen = window.stack.journal
    _choose(screen, HERE)
    assert screen.written_apart.heading.text() == WRITTEN_HERE
    assert screen.written_apart.text.text() == THERE
