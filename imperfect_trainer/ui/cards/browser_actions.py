"""What the Cards page's commands do to the chosen cards: write or edit an own card, a note,
suspend, start fresh (with undo), show the history, delete. Each is one operation; the page
shows the result when it hears what changed."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from imperfect_trainer.deck.features import browser, card_history, own_cards
from imperfect_trainer.deck.features.browser import BrowserRow, SavedProgress
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _, ngettext
from imperfect_trainer.ui.cards.browser_layout import UndoBar
from imperfect_trainer.ui.cards.card_dialogs import OwnCardDialog
from imperfect_trainer.ui.cards.history_dialog import HistoryDialog
from imperfect_trainer.ui.cards.note_dialog import NoteDialog
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.operations import Changes, op_done, run_op


class ChosenCards(Protocol):
    """The page the actions work on: its collection, its clock and the cards chosen."""

    store: Store
    clock: Clock

    def selected_rows(self) -> list[BrowserRow]: ...

    def select_card(self, card_id: str, *, scroll: bool = True) -> None: ...


class BrowserActions:
    def __init__(self, page: ChosenCards, parent: QWidget, undo_bar: UndoBar) -> None:
        self.page = page
        self.parent = parent
        self.undo_bar = undo_bar
        # The progress the last reset took away, while its undo is offered.
        self.saved_progress: SavedProgress | None = None
        undo_bar.dismissed.connect(self._forget_saved)
        undo_bar.button.clicked.connect(self.undo_reset)

    def add_card(self) -> None:
        dialog = OwnCardDialog(self.page.store, self.page.clock, self.parent)
        if dialog.exec() and dialog.card_id is not None:
            self.page.select_card(dialog.card_id)

    def edit_card(self) -> None:
        rows = self.page.selected_rows()
        if len(rows) == 1 and rows[0].own:
            OwnCardDialog(self.page.store, self.page.clock, self.parent, card_id=rows[0].id).exec()

    def edit_note(self) -> None:
        rows = self.page.selected_rows()
        if len(rows) == 1 and not rows[0].own and not rows[0].retired:
            NoteDialog(self.page.store, self.page.clock, rows[0].id, self.parent).exec()

    def delete_cards(self) -> None:
        rows = self.page.selected_rows()
        if not rows or not all(row.own for row in rows):
            return
        ids = [row.id for row in rows]
        store = self.page.store
        answers = run_op(self.parent, lambda: own_cards.answers_given(store, ids))
        if answers is None:
            return
        question = ngettext(
            "Delete this card of yours?", "Delete these {count} cards of yours?", len(ids)
        ).format(count=len(ids))
        if answers:
            question += " " + ngettext(
                "Its {count} answer goes with it.", "Its {count} answers go with it.", answers
            ).format(count=answers)
        confirmed = QMessageBox.question(
            self.parent,
            _("Delete your card?") if len(ids) == 1 else _("Delete your cards?"),
            question + " " + _("Anything you wrote in the journal stays."),
        )
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        op_done(
            self.parent,
            lambda: own_cards.delete_own_cards(store, ids),
            Changes.of_cards(ids, schedules=True),
        )

    def toggle_suspended(self) -> None:
        rows = [row for row in self.page.selected_rows() if not row.retired]
        if not rows:
            return
        suspend = not all(row.suspended for row in rows)
        ids = [row.id for row in rows]
        store, now = self.page.store, self.page.clock()
        op_done(
            self.parent,
            lambda: browser.set_suspended(store, ids, suspend, now),
            Changes.of_cards(ids, schedules=True),
        )

    def reset_progress(self) -> None:
        rows = [row for row in self.page.selected_rows() if not row.retired]
        if not rows:
            return
        ids = [row.id for row in rows]
        question = ngettext(
            "Start this card fresh? It becomes a new card again; every answer stays in its "
            "history, and you can undo this.",
            "Start these {count} cards fresh? They become new cards again; every answer stays "
            "in their history, and you can undo this.",
            len(ids),
        ).format(count=len(ids))
        confirmed = QMessageBox.question(self.parent, _("Start fresh?"), question)
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        store, now = self.page.store, self.page.clock()
        saved = run_op(
            self.parent,
            lambda: browser.reset_progress(store, ids, now),
            Changes.of_cards(ids, schedules=True),
        )
        if saved is None:
            return
        self.saved_progress = saved
        self.undo_bar.offer(
            ngettext("One card starts fresh.", "{count} cards start fresh.", len(ids)).format(
                count=len(ids)
            )
        )

    def undo_reset(self) -> bool:
        """Put back the progress the last reset took away; False when there is none."""
        saved = self.saved_progress
        if saved is None:
            return False
        store = self.page.store
        if op_done(
            self.parent,
            lambda: browser.restore_progress(store, saved),
            Changes.of_cards(saved.card_ids, schedules=True),
        ):
            self.undo_bar.dismiss()
        return True

    def _forget_saved(self) -> None:
        self.saved_progress = None

    def show_history(self) -> None:
        rows = self.page.selected_rows()
        if len(rows) != 1:
            return
        card_id, front = rows[0].id, rows[0].front
        history = run_op(self.parent, lambda: card_history.card_history(self.page.store, card_id))
        if history is not None:
            HistoryDialog(front, history, self.parent).exec()
