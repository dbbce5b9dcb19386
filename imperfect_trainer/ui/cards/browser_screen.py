"""The deck browser: every card in a sortable table, search as you type, filters, the selected
card read in full beside the table, and actions on the selected cards (suspend, reset,
history, and writing or editing the person's own) — each a button, a menu entry and a key.

The page's parts and their places are ``browser_layout``, its commands ``browser_commands``
and what they do ``browser_actions``; this loads, filters and chooses the cards.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QApplication, QMenu, QVBoxLayout, QWidget

from imperfect_trainer.deck.features import browser, card_history
from imperfect_trainer.deck.features.browser import BrowserRow, CardFilter, SavedProgress, Status
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _, ngettext
from imperfect_trainer.ui.cards.browser_actions import BrowserActions
from imperfect_trainer.ui.cards.browser_commands import BrowserCommands
from imperfect_trainer.ui.cards.browser_layout import (
    BrowserFilters,
    CardTableView,
    UndoBar,
    browser_page,
)
from imperfect_trainer.ui.cards.card_preview import CardPreviewPanel
from imperfect_trainer.ui.cards.card_table import CardTableModel
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.language import number
from imperfect_trainer.ui.common.operations import (
    EVERYTHING,
    NOTHING,
    SETTINGS,
    Changes,
    op_done,
    run_op,
)
from imperfect_trainer.ui.common.search_field import search_field

HIDDEN_COLUMNS_SETTING = "browser_hidden_columns"


class BrowserScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        # What changed since the cards were loaded and is not shown yet: all, before the first.
        self.unshown = EVERYTHING
        self.title = widgets.label(_("Cards"), role="title")
        self.count = widgets.label(role="muted")
        self.count.setAccessibleName(_("Cards shown"))
        self.search = search_field(
            _("Search cards"), _("Search fronts, backs, notes, sections and tags")
        )
        self.filters = BrowserFilters()
        self.origin, self.kind, self.section, self.tag, self.status = self.filters.combos
        self.cards = CardTableModel(self)
        self.table = CardTableView(self.cards, store.setting(HIDDEN_COLUMNS_SETTING) or [])
        self.preview = CardPreviewPanel()
        self.undo_bar = UndoBar()
        self.undo_timer = self.undo_bar.timer
        self.card_actions = BrowserActions(self, self, self.undo_bar)
        self.screen_commands = BrowserCommands(self, self.focus_search, self.card_actions)
        self.commands = self.screen_commands.all
        self.add_button = self.screen_commands.add.button()
        buttons = [command.button() for command in self.screen_commands.on_chosen]
        self.edit_button, self.note_button, self.suspend_button = buttons[:3]
        self.reset_button, self.history_button, self.delete_button = buttons[3:]
        self.page_scroll, self.split = browser_page(
            (self.title, self.count),
            (self.search, self.add_button),
            self.filters,
            (self.table, self.preview),
            self.undo_bar,
            buttons,
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 16, 12)
        outer.addWidget(self.page_scroll)
        self._connect()
        self._selection_changed()

    def _connect(self) -> None:
        self.search.textChanged.connect(self._apply_filter)
        for combo in self.filters.combos:
            combo.currentIndexChanged.connect(self._apply_filter)
        self.table.horizontalHeader().customContextMenuRequested.connect(
            lambda: self.table.columns_menu(self, self.show_column).exec(self.cursor().pos())
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._open)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.cards.modelReset.connect(self._update_count)
        self.cards.layoutChanged.connect(self._update_count)

    @property
    def saved_progress(self) -> SavedProgress | None:
        return self.card_actions.saved_progress

    def undo_reset(self) -> bool:
        """Put back the progress the last reset took away (Ctrl+Z); False when there is none."""
        return self.card_actions.undo_reset()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen, not the window being minimised, ends the offer to undo a reset.
        if not event.spontaneous():
            self.undo_bar.dismiss()
        super().hideEvent(event)

    def show_changes(self, changes: Changes) -> None:
        """What an operation changed: the cards it names are shown again at once; any other
        change to the cards reloads them now if they are on screen, else on the next visit."""
        if not changes.any_card:
            return
        if changes.card_ids and not changes.collection and not self.unshown.any_card:
            self._refresh_cards(sorted(changes.card_ids))
            return
        self.unshown |= changes
        if self.isVisible():
            self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        """Load the cards when something may have changed since they were last loaded."""
        if not (self.unshown.any_card or force):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            index = run_op(self, lambda: browser.load_index(self.store))
        finally:
            QApplication.restoreOverrideCursor()
        if index is None:
            return
        self.unshown = NOTHING
        chosen = [row.id for row in self.selected_rows()]
        self.cards.set_index(index, self.store.practice_day(self.clock()))
        self._fill_filters()
        self._apply_filter()
        for card_id in chosen[:1]:
            self.select_card(card_id)

    def _fill_filters(self) -> None:
        self.filters.offer(self.cards.rows.index)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ---------------------------------------------------------------------------- filter

    def current_filter(self) -> CardFilter:
        return self.filters.wanted(self.search.text())

    def _apply_filter(self) -> None:
        chosen = [row.id for row in self.selected_rows()]
        self.cards.set_filter(self.current_filter())
        # The selection goes with the reset; a card still shown stays chosen.
        for card_id in chosen[:1]:
            self.select_card(card_id, scroll=False)
        self._update_count()
        self._selection_changed()

    def _update_count(self) -> None:
        rows = self.cards.rows
        shown = len(rows.shown)
        if rows.wanted.status is Status.RETIRED:
            self.count.setText(
                ngettext("{count} retired card", "{count} retired cards", shown).format(
                    count=number(shown)
                )
            )
            return
        total = rows.in_deck
        self.count.setText(
            ngettext("{count} card", "{count} cards", total).format(count=number(total))
            if shown == total
            else ngettext(
                "{shown} of {count} card shown", "{shown} of {count} cards shown", total
            ).format(shown=number(shown), count=number(total))
        )

    # -------------------------------------------------------------------------- selection

    def selected_rows(self) -> list[BrowserRow]:
        return [self.cards.row(index.row()) for index in self.table.selectionModel().selectedRows()]

    def select_card(self, card_id: str, *, scroll: bool = True) -> None:
        """Select a card and scroll to it, if the filter shows it."""
        index = self.cards.index_of(card_id)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            if scroll:
                self.table.scrollTo(index)

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.screen_commands.allow_for(rows)
        if len(rows) == 1:
            row = rows[0]
            preview = run_op(self, lambda: card_history.card_preview(self.store, row.id))
            if preview is not None:
                self.preview.show_card(row, preview, self.cards.rows.today)
        else:
            self.preview.show_count(len(rows))

    def _open(self, index: QModelIndex) -> None:
        row = self.cards.row(index.row())
        if row.own:
            self.card_actions.edit_card()
        elif not row.retired:
            self.card_actions.edit_note()

    def _context_menu(self) -> None:
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for command in self.screen_commands.on_chosen:
            if command.isEnabled():
                menu.addAction(command)
        if not menu.isEmpty():
            menu.exec(self.cursor().pos())

    def page_menus(self) -> list[QMenu]:
        return [self.table.columns_menu(self, self.show_column), self.table.sort_menu(self)]

    def show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.table.fit_front()
        hidden = self.table.hidden_keys()
        op_done(self, lambda: self.store.set_setting(HIDDEN_COLUMNS_SETTING, hidden), SETTINGS)

    def _refresh_cards(self, card_ids: Sequence[str]) -> None:
        """Show these cards as they are now; those that can no longer be read were deleted."""
        fresh = run_op(self, lambda: browser.fresh_cards(self.store, card_ids))
        if fresh is None:
            return
        gone = set(card_ids) - {row.id for row, _text in fresh}
        if gone:
            self.cards.remove_ids(sorted(gone))
        if fresh:
            self.cards.update_cards(fresh)
        self._fill_filters()
        if gone:
            self._apply_filter()
            return
        self._update_count()
        self._selection_changed()

    # ---------------------------------------------------------------------------- actions
