"""The journal screen: entries listed newest first, searched, edited and deleted (after asking)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck import debrief, journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.journal_screen import PRIVACY_NOTE
from imperfect_trainer.ui.main_window import MainWindow, Page
from tests.conftest import MORNING
from tests.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


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
    items = window.journal.list
    return [items.item(row).text().split("\n")[1] for row in range(items.count())]


def test_the_journal_lists_newest_first_under_a_privacy_reminder(window: MainWindow) -> None:
    assert window.journal.privacy.text() == PRIVACY_NOTE
    assert "client names" in PRIVACY_NOTE
    assert _listed(window) == ["Twenty minutes late", "I rehearse every sentence"]
    assert "The client arrived late" in window.journal.entry_context.text()


def test_searching_keeps_the_matching_entries(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.journal.search, "rehearse")
    assert _listed(window) == ["I rehearse every sentence"]
    window.journal.search.clear()
    assert len(_listed(window)) == 2


def test_an_edit_is_saved_to_the_store(window: MainWindow, store: Store, qtbot: QtBot) -> None:
    screen = window.journal
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
    window.journal.delete_button.click()
    assert len(journal.entries(store)) == 2
    window.journal.delete_button.click()
    assert [item.text for item in journal.entries(store)] == ["I rehearse every sentence"]
    assert _listed(window) == ["I rehearse every sentence"]
