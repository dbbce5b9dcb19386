"""The deck browser driven like a person would: search, select, act, with the store checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import browser, own_cards
from imperfect_trainer.deck.features.browser import Status
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards import card_table
from imperfect_trainer.ui.cards.card_dialogs import OwnCardDialog
from imperfect_trainer.ui.cards.history_dialog import HistoryDialog
from imperfect_trainer.ui.cards.note_dialog import NoteDialog
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window, unnamed_controls, with_next_dialog

pytestmark = pytest.mark.gui


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    main = open_window(store, FakeClock(MORNING), qtbot)
    qtbot.keyClick(main.focusWidget() or main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main.stack.currentWidget() is main.stack.browser
    return main


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Say Yes to every confirmation, keeping the questions asked."""
    asked: list[str] = []

    def yes(_parent: object, title: str, _text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    return asked


def _select(window: MainWindow, *rows: int) -> list[str]:
    table = window.stack.browser.table
    table.clearSelection()
    for row in rows:
        table.selectionModel().select(
            window.stack.browser.cards.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    return [window.stack.browser.cards.card_id(row) for row in rows]


def _fill_card(dialog: QDialog, qtbot: QtBot, front: str, back: str, tags: str = "") -> None:
    assert isinstance(dialog, OwnCardDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(CardKind.REFRAME.value))
    dialog.front.clear()
    qtbot.keyClicks(dialog.front, front)
    dialog.back.clear()
    qtbot.keyClicks(dialog.back, back)
    qtbot.keyClicks(dialog.tags, tags)
    dialog.save_button.click()


def test_typing_in_search_narrows_the_table_at_once(window: MainWindow, qtbot: QtBot) -> None:
    screen = window.stack.browser
    total = screen.cards.rowCount()
    qtbot.keyClicks(screen.search, "intoxicated")
    assert 0 < screen.cards.rowCount() < total
    assert screen.count.text() == f"{screen.cards.rowCount()} of {total} cards shown"
    screen.search.clear()
    assert screen.cards.rowCount() == total


def test_the_filters_offer_the_decks_kinds_sections_and_tags(window: MainWindow) -> None:
    screen = window.stack.browser
    screen.tag.setCurrentIndex(screen.tag.findData("relapse"))
    rows = [screen.cards.row(r) for r in range(screen.cards.rowCount())]
    assert rows
    assert all("relapse" in row.tags.split() for row in rows)
    screen.kind.setCurrentIndex(screen.kind.findData("practice"))
    assert all(screen.cards.row(r).kind == "practice" for r in range(screen.cards.rowCount()))


def test_suspend_and_unsuspend_the_selected_cards(window: MainWindow, store: Store) -> None:
    ids = _select(window, 0, 1)
    assert window.stack.browser.suspend_button.text() == "Suspend"
    window.stack.browser.suspend_button.click()
    rows = browser.reload_rows(store, ids)
    assert [rows[card_id].suspended for card_id in ids] == [1, 1]
    assert window.stack.browser.suspend_button.text() == "Unsuspend"
    window.stack.browser.suspend_button.click()
    rows = browser.reload_rows(store, ids)
    assert [rows[card_id].suspended for card_id in ids] == [0, 0]


def test_reset_asks_first_and_ctrl_z_puts_the_progress_back(
    window: MainWindow, store: Store, qtbot: QtBot, confirm: list[str]
) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 5, now=MORNING)
    window.stack.browser.refresh(force=True)
    window.stack.browser.select_card(card_id)
    state = store.card(card_id)
    window.stack.browser.reset_button.click()
    assert confirm == ["Start fresh?"]
    assert store.card(card_id).is_new
    assert window.stack.browser.undo_bar.isVisible()
    qtbot.keyClick(window.stack.browser.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.card(card_id) == state
    assert not window.stack.browser.undo_bar.isVisible()


def test_add_a_card_of_your_own_through_the_dialog(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    with_next_dialog(
        lambda dialog: _fill_card(
            dialog, qtbot, "I must have an answer", "I can wonder", "uncertainty"
        )
    )
    window.stack.browser.add_button.click()
    added = [row for row in browser.load_index(store).rows if row.own]
    assert [(row.front, row.tags) for row in added] == [("I must have an answer", "uncertainty")]
    selected = window.stack.browser.selected_rows()
    assert [row.id for row in selected] == [added[0].id]
    assert "My own cards" in [
        window.stack.browser.section.itemText(i)
        for i in range(window.stack.browser.section.count())
    ]


def _refusal(dialog: OwnCardDialog) -> str:
    """What the dialog says is wrong; it stays open, with the cursor on the front."""
    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert dialog.front.hasFocus()
    return dialog.problem.text()


def test_the_dialog_refuses_an_empty_front_and_a_duplicate(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    existing = store.todays_practice(MORNING).cards[0].front
    told: list[str] = []

    def refuse_twice(dialog: QDialog) -> None:
        assert isinstance(dialog, OwnCardDialog)
        assert unnamed_controls(dialog) == []
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.tags.setFocus()
        dialog.save_button.click()
        told.append(_refusal(dialog))
        dialog.tags.setFocus()
        _fill_card(dialog, qtbot, existing.upper(), "a back")
        told.append(_refusal(dialog))

    with_next_dialog(refuse_twice)
    window.stack.browser.add_button.click()
    assert told == [
        "Write something on the front.",
        "A card with this front is already in your deck.",
    ]
    assert not [row for row in browser.load_index(store).rows if row.own]


def test_edit_and_delete_an_own_card(
    window: MainWindow, store: Store, qtbot: QtBot, confirm: list[str]
) -> None:
    card_id = own_cards.add_own_card(
        store, OwnCardDraft(CardKind.SIGN, "Rehearsing the session", "A sign"), MORNING
    )
    window.stack.browser.refresh(force=True)
    window.stack.browser.select_card(card_id)
    assert window.stack.browser.edit_button.isEnabled()
    assert not window.stack.browser.note_button.isEnabled()

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, OwnCardDialog)
        dialog.back.setPlainText("A sign of over-preparation")
        dialog.save_button.click()

    with_next_dialog(edit)
    window.stack.browser.edit_button.click()
    assert store.card(card_id).back == "A sign of over-preparation"

    window.stack.browser.select_card(card_id)
    window.stack.browser.delete_button.click()
    assert confirm == ["Delete your card?"]
    with pytest.raises(KeyError):
        store.card(card_id)
    assert card_id not in [row.id for row in window.stack.browser.cards.rows.index.rows]


def test_a_built_in_card_gets_a_personal_note_not_an_edit(window: MainWindow, store: Store) -> None:
    (card_id,) = _select(window, 0)
    assert not window.stack.browser.edit_button.isEnabled()
    assert not window.stack.browser.delete_button.isEnabled()

    def note(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        assert unnamed_controls(dialog) == []
        dialog.note.setPlainText("Remember Tuesday")
        dialog.save()

    with_next_dialog(note)
    window.stack.browser.note_button.click()
    assert store.card(card_id).personal_note == "Remember Tuesday"


def test_ctrl_enter_saves_the_note_as_it_saves_everywhere_else(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    (card_id,) = _select(window, 0)

    def note(dialog: QDialog) -> None:
        assert isinstance(dialog, NoteDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClicks(dialog.note, "Remember Tuesday")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    with_next_dialog(note)
    window.stack.browser.note_button.click()
    assert store.card(card_id).personal_note == "Remember Tuesday"


def test_the_history_dialog_lists_the_cards_answers(window: MainWindow, store: Store) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 3, now=MORNING)
    window.stack.browser.refresh(force=True)
    window.stack.browser.select_card(card_id)
    rows: list[int] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, HistoryDialog)
        rows.append(dialog.table.rowCount())
        grade = dialog.table.item(0, 1)
        assert grade is not None
        assert grade.text() == "3 · got there with effort"

    with_next_dialog(read)
    window.stack.browser.history_button.click()
    assert rows == [1]


def test_a_hidden_column_stays_hidden_after_a_restart(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    window.stack.browser.show_column(6, False)
    again = open_window(store, FakeClock(MORNING), qtbot)
    again.go(Page.BROWSER)
    assert again.stack.browser.table.isColumnHidden(6)
    assert not again.stack.browser.table.isColumnHidden(5)


def test_the_chosen_card_is_read_in_full_beside_the_table(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 3, now=MORNING)
    own_cards.set_personal_note(store, card.id, "Remember Tuesday", MORNING)
    screen = window.stack.browser
    screen.refresh(force=True)
    screen.select_card(card.id)
    preview = screen.preview
    assert preview.front.text() == card.front
    assert preview.back.text() == card.back
    assert preview.note.text() == "Your note: Remember Tuesday"
    assert preview.history.text() == (
        "Answered once. Last answer today: 3 · got there with effort."
    )
    assert preview.schedule.text().startswith("Comes up tomorrow, 1 day after its last answer.")
    _select(window, 0, 1)
    assert preview.about.text() == "2 cards chosen."
    assert not preview.front.isVisible()


def test_typing_a_word_finds_it_at_a_word_start_in_backs_and_notes_too(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card_id = own_cards.add_own_card(
        store,
        OwnCardDraft(CardKind.REFRAME, "An immaculate plan", "Hindsight makes it look obvious"),
        MORNING,
    )
    screen = window.stack.browser
    screen.refresh(force=True)
    screen.origin.setCurrentIndex(screen.origin.findData("own"))
    qtbot.keyClicks(screen.search, "maculate")
    assert screen.cards.rowCount() == 0  # inside a word is no match
    screen.search.clear()
    qtbot.keyClicks(screen.search, "hindsi")
    assert [screen.cards.card_id(r) for r in range(screen.cards.rowCount())] == [card_id]


def test_the_sort_arrow_always_matches_the_rows(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    screen = window.stack.browser
    header = screen.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(card_table.DUE) + 5, 5),
    )
    assert header.sortIndicatorSection() == card_table.DUE
    first = screen.cards.card_id(0)
    screen.select_card(first)
    screen.suspend_button.click()
    keys = [
        (screen.cards.row(r).suspended, screen.cards.row(r).due or "9999")
        for r in range(screen.cards.rowCount())
    ]
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert keys == sorted(keys, reverse=not ascending)
    assert screen.selected_rows()[0].id == first  # the chosen card moved with its row


def test_the_undo_line_goes_after_a_while_and_on_leaving_the_screen(
    window: MainWindow, store: Store, qtbot: QtBot, confirm: list[str]
) -> None:
    screen = window.stack.browser
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 5, now=MORNING)
    screen.refresh(force=True)
    screen.select_card(card_id)
    screen.reset_button.click()
    assert screen.undo_bar.isVisible()
    window.go(Page.JOURNAL)
    window.go(Page.BROWSER)
    assert not screen.undo_bar.isVisible()
    qtbot.keyClick(screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.card(card_id).is_new  # the offer to undo ended with the line
    screen.select_card(card_id)
    screen.reset_button.click()
    assert screen.undo_bar.isVisible()
    screen.undo_timer.setInterval(10)
    screen.undo_timer.start()
    qtbot.waitUntil(lambda: not screen.undo_bar.isVisible())
    assert screen.saved_progress is None


def test_retired_cards_show_only_under_their_own_filter(window: MainWindow, store: Store) -> None:
    from sqlalchemy import update

    from imperfect_trainer.deck.storage.models import Card

    retired = browser.load_index(store).rows[2].id
    with store.unit_of_work() as session:
        session.execute(update(Card).where(Card.id == retired).values(retired=True))
    screen = window.stack.browser
    screen.refresh(force=True)
    shown = [screen.cards.card_id(r) for r in range(screen.cards.rowCount())]
    assert retired not in shown
    total = screen.cards.rowCount()
    assert screen.count.text() == f"{total} cards"
    screen.status.setCurrentIndex(screen.status.findData(Status.RETIRED.value))
    assert [screen.cards.card_id(r) for r in range(screen.cards.rowCount())] == [retired]
    assert screen.count.text() == "1 retired card"
    assert screen.cards.index(0, card_table.DUE).data() == "retired"
    screen.select_card(retired)
    assert not screen.suspend_button.isEnabled()
    assert "no longer in the deck" in screen.suspend_button.toolTip()
    assert screen.history_button.isEnabled()
