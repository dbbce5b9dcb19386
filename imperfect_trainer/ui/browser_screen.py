"""The deck browser: every card in a sortable table, search as you type, filters, and actions
on the selected cards (suspend, reset, history, and writing or editing the person's own)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import browser, own_cards
from imperfect_trainer.deck.features.browser import (
    BrowserRow,
    CardFilter,
    Origin,
    SavedProgress,
    Status,
)
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import card_table, widgets
from imperfect_trainer.ui.card_dialogs import NoteDialog, OwnCardDialog
from imperfect_trainer.ui.card_table import CardFilterProxy, CardTableModel, kind_label
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.guard import attempt, guarded
from imperfect_trainer.ui.history_dialog import HistoryDialog
from imperfect_trainer.ui.search_field import search_field

# Compact, so the front keeps most of the width; every column can be widened by dragging.
_WIDTHS = {
    card_table.KIND: 92,
    card_table.SECTION: 120,
    card_table.TAGS: 104,
    card_table.DUE: 82,
    card_table.INTERVAL: 68,
    card_table.EASINESS: 70,
    card_table.REVIEWS: 72,
    card_table.LAPSES: 60,
}
_FRONT_MIN = 220
HIDDEN_COLUMNS_SETTING = "browser_hidden_columns"


class CardTableView(QTableView):
    """The table; the front column takes whatever width the others leave."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_front()

    def fit_front(self) -> None:
        others = sum(self.columnWidth(c) for c in _WIDTHS if not self.isColumnHidden(c))
        self.setColumnWidth(card_table.FRONT, max(_FRONT_MIN, self.viewport().width() - others))


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


class BrowserScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.stale = True
        self.saved_progress: SavedProgress | None = None

        self.title = widgets.label("Cards", role="title")
        self.count = widgets.label(role="muted")
        self.search = search_field("Search cards", "Search fronts, sections and tags")
        self.origin = _combo("Show which cards")
        for text, origin in (
            ("All cards", Origin.ALL),
            ("Built-in cards", Origin.BUILTIN),
            ("My own cards", Origin.OWN),
        ):
            self.origin.addItem(text, origin.value)
        self.kind = _combo("Kind")
        self.section = _combo("Section")
        self.tag = _combo("Tag")
        self.status = _combo("Suspended or active")
        for text, status in (
            ("Active and suspended", Status.ALL),
            ("Active only", Status.ACTIVE),
            ("Suspended only", Status.SUSPENDED),
        ):
            self.status.addItem(text, status.value)

        self.cards = CardTableModel(self)
        self.proxy = CardFilterProxy(self.cards)
        self.table = CardTableView()
        self.table.setAccessibleName("Cards")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in _WIDTHS.items():
            self.table.setColumnWidth(column, width)
        # No sort indicator at first: the deck's own order, as written.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        hidden = store.setting(HIDDEN_COLUMNS_SETTING) or []
        for column, name in enumerate(card_table.HEADERS):
            self.table.setColumnHidden(column, name in hidden)

        self.add_button = widgets.button("Add card…")
        self.edit_button = widgets.button("Edit…")
        self.note_button = widgets.button("Note…")
        self.delete_button = widgets.button("Delete…")
        self.suspend_button = widgets.button("Suspend")
        self.reset_button = widgets.button("Reset progress…")
        self.history_button = widgets.button("History…")
        self.add_button.setToolTip("Write your own card (Ctrl+N)")
        self.note_button.setToolTip("A personal note, shown on the back in practice")
        self.undo_line = widgets.label(role="notice")
        self.undo_button = widgets.button("Undo")
        self.undo_button.setToolTip("Undo the reset (Ctrl+Z)")
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_line, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo_row)
        undo_row.setContentsMargins(0, 0, 0, 0)
        self.undo_bar.hide()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.origin)
        filters = QHBoxLayout()
        for combo in (self.kind, self.section, self.tag, self.status):
            filters.addWidget(combo, 1)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.note_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.suspend_button, self.reset_button, self.history_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(actions)

        self.search.textChanged.connect(self._apply_filter)
        for combo in (self.origin, self.kind, self.section, self.tag, self.status):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(self._open)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.add_button.clicked.connect(self.add_card)
        self.edit_button.clicked.connect(self.edit_card)
        self.note_button.clicked.connect(self.edit_note)
        self.delete_button.clicked.connect(self.delete_cards)
        self.suspend_button.clicked.connect(self.toggle_suspended)
        self.reset_button.clicked.connect(self.reset_progress)
        self.history_button.clicked.connect(self.show_history)
        self.undo_button.clicked.connect(self.undo_reset)
        self._shortcut("Ctrl+F", self.focus_search)
        self._shortcut("Ctrl+N", self.add_card)
        self._shortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.delete_cards)
        self._update_buttons()

    def _shortcut(self, keys: str | QKeySequence, slot: object) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)

    # ---------------------------------------------------------------------------- loading

    def refresh(self, *, force: bool = False) -> None:
        """Load the cards when something may have changed since they were last loaded."""
        if not (self.stale or force):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = guarded(self, lambda: browser.load_rows(self.store))
        finally:
            QApplication.restoreOverrideCursor()
        if rows is None:
            return
        self.stale = False
        self.cards.set_rows(rows, self.store.practice_day(self.clock()))
        self._fill_filters(rows)
        self._apply_filter()

    def _fill_filters(self, rows: Sequence[BrowserRow]) -> None:
        kinds, sections, tags = browser.facets(rows)
        for combo, anything, values, labels in (
            (self.kind, "Any kind", kinds, [kind_label(k) for k in kinds]),
            (self.section, "Any section", sections, sections),
            (self.tag, "Any tag", tags, tags),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for value, text in zip(values, labels, strict=True):
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ---------------------------------------------------------------------------- filter

    def current_filter(self) -> CardFilter:
        return CardFilter(
            text=self.search.text(),
            kind=self.kind.currentData(),
            section=self.section.currentData(),
            tag=self.tag.currentData(),
            status=Status(self.status.currentData()),
            origin=Origin(self.origin.currentData()),
        )

    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.current_filter())
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        total = self.cards.rowCount()
        shown = self.proxy.rowCount()
        noun = "card" if total == 1 else "cards"
        self.count.setText(
            f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun} shown"
        )

    # -------------------------------------------------------------------------- selection

    def selected_rows(self) -> list[BrowserRow]:
        return [
            self.cards.row(self.proxy.mapToSource(index).row())
            for index in self.table.selectionModel().selectedRows()
        ]

    def select_card(self, card_id: str) -> None:
        """Select a card and scroll to it, if the filter shows it."""
        index = self.proxy.mapFromSource(self.cards.index_of(card_id))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        own = bool(rows) and all(row.own for row in rows)
        self.edit_button.setEnabled(one is not None and bool(one.own))
        self.note_button.setEnabled(one is not None and not one.own)
        self.delete_button.setEnabled(own)
        self.suspend_button.setEnabled(bool(rows))
        self.reset_button.setEnabled(bool(rows))
        self.history_button.setEnabled(one is not None)
        all_suspended = bool(rows) and all(row.suspended for row in rows)
        self.suspend_button.setText("Unsuspend" if all_suspended else "Suspend")
        self.suspend_button.setAccessibleName(self.suspend_button.text())

    def _open(self, index: QModelIndex) -> None:
        row = self.cards.row(self.proxy.mapToSource(index).row())
        if row.own:
            self.edit_card()
        else:
            self.edit_note()

    def _context_menu(self) -> None:
        menu = QMenu(self)
        for button in (
            self.edit_button,
            self.note_button,
            self.suspend_button,
            self.reset_button,
            self.history_button,
            self.delete_button,
        ):
            if button.isEnabled():
                menu.addAction(button.text(), button.click)
        if not menu.isEmpty():
            menu.exec(self.cursor().pos())

    def _column_menu(self) -> None:
        """Right-click on the header: choose the columns (the front always stays)."""
        menu = QMenu(self)
        for column, name in enumerate(card_table.HEADERS):
            if column == card_table.FRONT:
                continue
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        menu.exec(self.cursor().pos())

    def show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.table.fit_front()
        hidden = [n for c, n in enumerate(card_table.HEADERS) if self.table.isColumnHidden(c)]
        attempt(self, lambda: self.store.set_setting(HIDDEN_COLUMNS_SETTING, hidden))

    def _refresh_rows(self, card_ids: Sequence[str]) -> None:
        fresh = guarded(self, lambda: browser.reload_rows(self.store, card_ids))
        if fresh is not None:
            self.cards.update_rows(fresh)
            self._update_count()
            self._update_buttons()

    # ---------------------------------------------------------------------------- actions

    def add_card(self) -> None:
        dialog = OwnCardDialog(self.store, self.clock, self)
        if not dialog.exec() or dialog.card_id is None:
            return
        card_id = dialog.card_id
        fresh = guarded(self, lambda: browser.reload_rows(self.store, [card_id]))
        if fresh:
            self.cards.append_rows(list(fresh.values()))
            self._fill_filters(self.cards.rows.loaded)
            self.select_card(card_id)
            self._update_count()

    def edit_card(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or not rows[0].own:
            return
        card_id = rows[0].id
        if OwnCardDialog(self.store, self.clock, self, card_id=card_id).exec():
            self._refresh_rows([card_id])
            self._fill_filters(self.cards.rows.loaded)

    def edit_note(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and not rows[0].own:
            NoteDialog(self.store, self.clock, rows[0].id, self).exec()

    def delete_cards(self) -> None:
        rows = self.selected_rows()
        if not rows or not all(row.own for row in rows):
            return
        ids = [row.id for row in rows]
        answers = guarded(self, lambda: own_cards.answers_given(self.store, ids))
        if answers is None:
            return
        cards = "this card of yours" if len(ids) == 1 else f"these {len(ids)} cards of yours"
        history = (
            f" Its {answers} answer{'s' if answers != 1 else ''} go with it." if answers else ""
        )
        confirmed = QMessageBox.question(
            self,
            "Delete your card?" if len(ids) == 1 else "Delete your cards?",
            f"Delete {cards}?{history} Anything you wrote in the journal stays.",
        )
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        if attempt(self, lambda: own_cards.delete_own_cards(self.store, ids)):
            self.cards.remove_ids(ids)
            self._fill_filters(self.cards.rows.loaded)
            self._apply_filter()

    def toggle_suspended(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        suspend = not all(row.suspended for row in rows)
        ids = [row.id for row in rows]
        now = self.clock()
        if attempt(self, lambda: browser.set_suspended(self.store, ids, suspend, now)):
            self._refresh_rows(ids)

    def reset_progress(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        ids = [row.id for row in rows]
        cards = "this card" if len(ids) == 1 else f"these {len(ids)} cards"
        confirmed = QMessageBox.question(
            self,
            "Start fresh?",
            f"Start {cards} fresh? They become new cards again; every answer stays in the "
            "history, and you can undo this.",
        )
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        saved = guarded(self, lambda: browser.reset_progress(self.store, ids))
        if saved is None:
            return
        self.saved_progress = saved
        self._refresh_rows(ids)
        self.undo_line.setText(
            f"{'One card starts' if len(ids) == 1 else f'{len(ids)} cards start'} fresh."
        )
        self.undo_bar.show()

    def undo_reset(self) -> bool:
        """Put back the progress the last reset took away; False when there is none."""
        saved = self.saved_progress
        if saved is None:
            return False
        if not attempt(self, lambda: browser.restore_progress(self.store, saved)):
            return True
        self.saved_progress = None
        self.undo_bar.hide()
        self._refresh_rows(saved.card_ids)
        return True

    def show_history(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        card_id, front = rows[0].id, rows[0].front
        history = guarded(self, lambda: browser.card_history(self.store, card_id))
        if history is not None:
            HistoryDialog(front, history, self).exec()
