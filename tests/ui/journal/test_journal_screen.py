"""The journal screen: entries listed newest first, searched, edited and deleted (after asking)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import debrief, journal
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.journal.journal_layout import PRIVACY_NOTE, SAVED_AS_YOU_WRITE
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


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind.value == "reflection")
    store.answer(card.id, 4, now=MORNING, reflection="I rehearse every sentence")
    debrief.save_debrief(
        store, ["late-client"], "Twenty minutes late", MORNING + dt.timedelta(hours=1)
    )
    main = open_window(store, FakeClock(MORNING + dt.timedelta(hours=2)), qtbot)
    main.go(Page.JOURNAL)
    return main


def _listed(window: MainWindow) -> list[str]:
    items = window.stack.journal.list
    return [items.item(row).text().split("\n")[1] for row in range(items.count())]


def test_the_journal_lists_newest_first_under_a_privacy_reminder(window: MainWindow) -> None:
    assert window.stack.journal.privacy.text() == PRIVACY_NOTE
    assert "client names" in PRIVACY_NOTE
    assert _listed(window) == ["Twenty minutes late", "I rehearse every sentence"]
    assert "The client arrived late" in window.stack.journal.entry_context.text()


def test_searching_keeps_the_matching_entries(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.stack.journal.search, "rehearse")
    assert _listed(window) == ["I rehearse every sentence"]
    window.stack.journal.search.clear()
    assert len(_listed(window)) == 2


def test_an_edit_is_saved_to_the_store(window: MainWindow, store: Store, qtbot: QtBot) -> None:
    screen = window.stack.journal
    screen.list.setCurrentRow(1)
    assert not screen.save_button.isEnabled()
    screen.editor.selectAll()
    qtbot.keyClicks(screen.editor, "I prepare less now")
    screen.save_button.click()
    texts = [item.text for item in journal.entries(store)]
    assert texts == ["Twenty minutes late", "I prepare less now"]
    shown = screen.current()
    assert shown is not None
    assert shown.text == "I prepare less now"


def test_deleting_asks_first_and_keeps_the_entry_on_no(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: next(answers))
    window.stack.journal.delete_button.click()
    assert len(journal.entries(store)) == 2
    window.stack.journal.delete_button.click()
    assert [item.text for item in journal.entries(store)] == ["I rehearse every sentence"]
    assert _listed(window) == ["I rehearse every sentence"]


def _edit_first_entry(window: MainWindow, qtbot: QtBot, text: str) -> None:
    screen = window.stack.journal
    screen.list.setCurrentRow(0)
    screen.editor.setFocus()
    screen.editor.selectAll()
    qtbot.keyClicks(screen.editor, text)


def _saved_texts(store: Store) -> list[str]:
    return [item.text for item in journal.entries(store)]


@pytest.mark.parametrize(
    "leave",
    [
        pytest.param(
            lambda qtbot, window: click_sidebar(qtbot, window, Page.GOALS),
            id="sidebar",
        ),
        pytest.param(
            lambda qtbot, window: qtbot.keyClick(
                window.stack.journal.editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier
            ),
            id="ctrl-1",
        ),
        pytest.param(
            lambda qtbot, window: qtbot.keyClick(
                window.stack.journal.editor, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier
            ),
            id="ctrl-7",
        ),
    ],
)
def test_an_edit_is_kept_when_leaving_the_screen(
    window: MainWindow, store: Store, qtbot: QtBot, leave: Callable[[QtBot, MainWindow], None]
) -> None:
    _edit_first_entry(window, qtbot, "Late, and I stayed kind")
    assert window.stack.journal.status.text() == "Saving when you pause…"
    leave(qtbot, window)
    assert window.stack.currentWidget() is not window.stack.journal
    assert _saved_texts(store) == ["Late, and I stayed kind", "I rehearse every sentence"]
    _ctrl(qtbot, window, Qt.Key.Key_4)
    assert window.stack.journal.editor.toPlainText() == "Late, and I stayed kind"
    assert _listed(window)[0] == "Late, and I stayed kind"


def test_an_edit_is_kept_on_ctrl_q(window: MainWindow, store: Store, qtbot: QtBot) -> None:
    _edit_first_entry(window, qtbot, "Written just before quitting")
    qtbot.keyClick(window.stack.journal.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert _saved_texts(store)[0] == "Written just before quitting"


def test_an_edit_is_kept_when_the_window_is_closed(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    _edit_first_entry(window, qtbot, "Written just before closing")
    window.close()
    assert _saved_texts(store)[0] == "Written just before closing"


def test_an_edit_saves_itself_after_a_pause_and_says_when(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.journal
    assert screen.status.text() == SAVED_AS_YOU_WRITE
    _edit_first_entry(window, qtbot, "A pause, then saved")
    assert screen.save_button.isEnabled()
    qtbot.waitUntil(lambda: screen.status.text() == "✓ Saved at 10:30")
    assert _saved_texts(store)[0] == "A pause, then saved"
    assert not screen.save_button.isEnabled()
    assert screen.editor.hasFocus()  # saving did not take the cursor away
    qtbot.keyClicks(screen.editor, " and more")
    assert screen.status.text() == "Saving when you pause…"


def test_choosing_another_entry_or_searching_keeps_the_edit(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.journal
    _edit_first_entry(window, qtbot, "Kept on choosing another")
    qtbot.keyClick(screen.list, Qt.Key.Key_Down)
    assert screen.editor.toPlainText() == "I rehearse every sentence"
    assert _saved_texts(store)[0] == "Kept on choosing another"
    screen.editor.selectAll()
    qtbot.keyClicks(screen.editor, "Kept on searching")
    qtbot.keyClicks(screen.search, "kept")
    assert _saved_texts(store)[1] == "Kept on searching"
    assert sorted(_listed(window)) == ["Kept on choosing another", "Kept on searching"]


def test_an_edit_the_collection_refuses_stays_and_closing_asks_first(
    window: MainWindow, store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full = True
    update_text = journal.update_text

    def full_disk(*args: Any) -> None:
        if disk_full:
            raise StoreError(store.path, "the disk is full")
        update_text(*args)

    monkeypatch.setattr(journal, "update_text", full_disk)
    _edit_first_entry(window, qtbot, "Not lost on a full disk")
    click_sidebar(qtbot, window, Page.GOALS)
    click_sidebar(qtbot, window, Page.JOURNAL)
    assert window.stack.journal.editor.toPlainText() == "Not lost on a full disk"
    assert window.stack.journal.status.text().startswith("Not saved: the disk is full.")

    asked: list[str] = []

    def stay(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.informativeText())
        next(b for b in dialog.buttons() if b.text() == "Stay").click()

    with_next_dialog(stay)
    qtbot.keyClick(window.stack.journal.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert "the disk is full" in asked[0]
    assert window.isVisible()
    assert window.stack.journal.editor.toPlainText() == "Not lost on a full disk"

    disk_full = False
    with qtbot.waitActive(window):  # a desktop gives the window back its focus after a dialog
        window.activateWindow()
    qtbot.keyClick(window.stack.journal.editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert _saved_texts(store)[0] == "Not lost on a full disk"


def test_a_free_entry_is_kept_once_it_has_words(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.journal
    screen.new_button.click()
    assert screen.editor.hasFocus()
    assert screen.entry_heading.text() == "A new entry"
    assert not screen.idle.isActive()  # nothing written, nothing to keep
    assert len(journal.entries(store)) == 2
    qtbot.keyClicks(screen.editor, "Noticed I let the session breathe")
    qtbot.waitUntil(lambda: screen.status.text() == "✓ Saved at 10:30")
    items = journal.entries(store)
    assert (items[0].kind, items[0].text) == (
        journal.FREE_ENTRY,
        "Noticed I let the session breathe",
    )
    assert screen.list.currentRow() == 0
    assert screen.editor.hasFocus()
    assert _listed(window)[0] == "Noticed I let the session breathe"


def test_an_empty_new_entry_leaves_nothing_when_another_is_chosen(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.journal
    screen.new_button.click()
    qtbot.keyClick(screen.list, Qt.Key.Key_Down)
    window.go(Page.GOALS)
    assert len(journal.entries(store)) == 2


def test_the_privacy_note_does_not_look_like_a_text_field(window: MainWindow) -> None:
    """It sits on the page's own background, without the frame an entry field has."""
    from PySide6.QtGui import QPalette

    note = window.stack.journal.privacy.grab().toImage()
    page = window.palette().color(QPalette.ColorRole.Window)
    middle = note.pixelColor(note.width() - 4, note.height() // 2)
    assert middle == page
    field = window.stack.journal.search.grab().toImage()
    assert field.pixelColor(field.width() - 6, field.height() // 2) != page
