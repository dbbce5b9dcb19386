"""The deck browser: every card in a sortable table, search as you type, filters, the selected
card read in full beside the table, and actions on the selected cards (suspend, reset,
history, and writing or editing the person's own) — each a button, a menu entry and a key."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QHideEvent, QKeySequence, QResizeEvent
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
from imperfect_trainer.ui.cards import card_table
from imperfect_trainer.ui.cards.card_dialogs import NoteDialog, OwnCardDialog
from imperfect_trainer.ui.cards.card_preview import CardPreviewPanel
from imperfect_trainer.ui.cards.card_table import CardTableModel, kind_label
from imperfect_trainer.ui.cards.history_dialog import HistoryDialog
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.operations import (
    EVERYTHING,
    NOTHING,
    SETTINGS,
    Changes,
    op_done,
    run_op,
)
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.reflow import FlowRow, ReflowSplitter
from imperfect_trainer.ui.common.search_field import search_field

HIDDEN_COLUMNS_SETTING = "browser_hidden_columns"
# Each column wide enough for its header and for a typical value, in the current font.
_SAMPLES = {
    card_table.KIND: "Reflection",
    card_table.SECTION: "The Imperfect Ther",
    card_table.TAGS: "late-client",
    card_table.DUE: "23 Dec ’27",
    card_table.INTERVAL: "365 d",
    card_table.EASINESS: "2.50",
    card_table.REVIEWS: "999",
    card_table.LAPSES: "99",
}
_FRONT_CHARACTERS = 18
# How long the "Undo" line stays after a reset.
UNDO_SHOWN_MS = 15_000
_STATUS_WORDS = (
    ("Active and suspended", Status.ALL),
    ("Active only", Status.ACTIVE),
    ("Suspended only", Status.SUSPENDED),
)
RETIRED_WORDS = "Retired (history kept)"


class CardTableView(QTableView):
    """The table; each column fits its header and values, the front takes what is left."""

    def __init__(self) -> None:
        super().__init__()
        # Tab leaves the table for the buttons; the arrow keys move between cards.
        self.setTabKeyNavigation(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_front()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_columns()

    def fit_columns(self) -> None:
        cells = self.fontMetrics()
        header = self.horizontalHeader()
        for column, sample in _SAMPLES.items():
            # The header's own measure: its words, padding and the sort arrow's room.
            title = header.sectionSizeFromContents(column).width()
            self.setColumnWidth(column, max(cells.horizontalAdvance(sample) + 16, title))
        self.verticalHeader().setDefaultSectionSize(cells.height() + 12)
        # Room for a few cards at least: in a small window the page scrolls instead.
        header_height = header.sizeHint().height()
        self.setMinimumHeight(header_height + 5 * (cells.height() + 12) + 4)
        self.fit_front()

    def fit_front(self) -> None:
        others = sum(self.columnWidth(c) for c in _SAMPLES if not self.isColumnHidden(c))
        least = self.fontMetrics().averageCharWidth() * _FRONT_CHARACTERS
        self.setColumnWidth(card_table.FRONT, max(least, self.viewport().width() - others))


def _combo(name: str, *, fixed_words: bool) -> QComboBox:
    """A filter. One with a few fixed choices is as wide as its longest; one whose choices come
    from the cards (sections can be long) keeps to a dozen characters, its choice in the
    tooltip."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    if fixed_words:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    else:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.currentTextChanged.connect(combo.setToolTip)
    return combo


class BrowserScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        # What changed since the cards were loaded and is not shown yet: all, before the first load.
        self.unshown = EVERYTHING
        self.saved_progress: SavedProgress | None = None

        self.title = widgets.label("Cards", role="title")
        self.count = widgets.label(role="muted")
        self.count.setAccessibleName("Cards shown")
        self.search = search_field("Search cards", "Search fronts, backs, notes, sections and tags")
        self.origin = _combo("Show which cards", fixed_words=True)
        for text, origin in (
            ("All cards", Origin.ALL),
            ("Built-in cards", Origin.BUILTIN),
            ("My own cards", Origin.OWN),
        ):
            self.origin.addItem(text, origin.value)
        self.kind = _combo("Kind", fixed_words=True)
        self.section = _combo("Section", fixed_words=False)
        self.tag = _combo("Tag", fixed_words=False)
        self.status = _combo("Suspended, active or retired", fixed_words=True)
        for text, status in _STATUS_WORDS:
            self.status.addItem(text, status.value)

        self.cards = CardTableModel(self)
        self.table = CardTableView()
        self.table.setAccessibleName("Cards")
        self.table.setModel(self.cards)
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
        # No sort indicator at first: the deck's own order, as written.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda: self.columns_menu().exec(self.cursor().pos())
        )
        hidden = store.setting(HIDDEN_COLUMNS_SETTING) or []
        for column, key in enumerate(card_table.COLUMN_KEYS):
            self.table.setColumnHidden(column, key in hidden)
        self.table.fit_columns()
        self.preview = CardPreviewPanel()

        self._build_commands()
        self.add_button = self.add.button()
        self.edit_button = self.edit.button()
        self.note_button = self.note.button()
        self.delete_button = self.delete.button()
        self.suspend_button = self.suspend.button()
        self.reset_button = self.reset.button()
        self.history_button = self.history.button()
        self.undo_line = widgets.label(role="notice", wrap=True)
        self.undo_line.setAccessibleName("Reset done")
        self.undo_button = widgets.button("Undo")
        self.undo_button.setToolTip("Undo the reset (Ctrl+Z)")
        self.undo_button.setAccessibleDescription("Undo the reset (Ctrl+Z)")
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_line, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo_row)
        undo_row.setContentsMargins(0, 0, 0, 0)
        self.undo_bar.hide()
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_SHOWN_MS)
        self.undo_timer.timeout.connect(self.dismiss_undo)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.add_button)
        filters = FlowRow(stretch=True)
        filters.add(self.origin, self.kind, self.section, self.tag, self.status)
        self.split = ReflowSplitter(110)
        self.split.addWidget(self.table)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        actions = FlowRow()
        actions.add(
            self.edit_button,
            self.note_button,
            self.suspend_button,
            self.reset_button,
            self.history_button,
            self.delete_button,
        )

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(actions)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 16, 12)
        # In a small window the page scrolls, the table keeping room for a few cards.
        self.page_scroll = scroll_page(content)
        outer.addWidget(self.page_scroll)

        self.search.textChanged.connect(self._apply_filter)
        for combo in (self.origin, self.kind, self.section, self.tag, self.status):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._open)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.cards.modelReset.connect(self._update_count)
        self.cards.layoutChanged.connect(self._update_count)
        self.undo_button.clicked.connect(self.undo_reset)
        self._selection_changed()

    def _build_commands(self) -> None:
        self.search_command = Command(
            "&Search", "Search the cards", self, keys="Ctrl+F", run=self.focus_search
        )
        self.add = Command(
            "&Add card…", "Write a card of your own", self, keys="Ctrl+N", run=self.add_card
        )
        self.edit = Command(
            "&Edit…", "Change one of your own cards", self, keys="Ctrl+E", run=self.edit_card
        )
        self.note = Command(
            "&Note…",
            "A personal note, shown on the back in practice",
            self,
            keys="Ctrl+Shift+N",
            run=self.edit_note,
        )
        self.suspend = Command(
            "S&uspend",
            "Keep out of practice for now; the schedule is kept",
            self,
            keys="Ctrl+J",
            run=self.toggle_suspended,
        )
        self.reset = Command(
            "&Reset progress…",
            "Start the card fresh, as a new card (its answers stay in the history)",
            self,
            keys="Ctrl+Shift+R",
            run=self.reset_progress,
        )
        self.history = Command(
            "&History…",
            "Every answer given to the card",
            self,
            keys="Ctrl+H",
            run=self.show_history,
        )
        self.delete = Command(
            "&Delete…",
            "Delete your own card and its answers",
            self,
            keys=QKeySequence.StandardKey.Delete,
            run=self.delete_cards,
        )
        self.commands: list[QAction] = [
            self.search_command,
            self.add,
            self.edit,
            self.note,
            self.suspend,
            self.reset,
            self.history,
            self.delete,
        ]

    # ---------------------------------------------------------------------------- loading

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
        index = self.cards.rows.index
        kinds, sections, tags = browser.facets(index.rows)
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
        # Retired cards are offered only when there are some, and only on their own.
        has_retired = self.status.findData(Status.RETIRED.value) >= 0
        if index.retired and not has_retired:
            self.status.addItem(RETIRED_WORDS, Status.RETIRED.value)
        elif not index.retired and has_retired:
            self.status.removeItem(self.status.findData(Status.RETIRED.value))

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
            noun = "retired card" if shown == 1 else "retired cards"
            self.count.setText(f"{shown:,} {noun}")
            return
        total = rows.in_deck
        noun = "card" if total == 1 else "cards"
        self.count.setText(
            f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun} shown"
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
        self._update_commands(rows)
        if len(rows) == 1:
            row = rows[0]
            preview = run_op(self, lambda: browser.card_preview(self.store, row.id))
            if preview is not None:
                self.preview.show_card(row, preview, self.cards.rows.today)
        else:
            self.preview.show_count(len(rows))

    def _update_commands(self, rows: list[BrowserRow]) -> None:
        one = rows[0] if len(rows) == 1 else None
        none = "Choose a card in the table first"
        retired = "Retired cards are no longer in the deck; only their history is kept"
        if one is None:
            one_why = none if not rows else "Choose one card for this"
            self.edit.allow(one_why)
            self.note.allow(one_why)
            self.history.allow(one_why)
        else:
            self.edit.allow(
                None
                if one.own
                else "Cards that come with the app are not edited, so updates can improve "
                f"them: add a note instead ({self.note.keys})"
            )
            self.note.allow(
                retired
                if one.retired
                else None
                if not one.own
                else f"Everything on your own card is yours to edit: use Edit… ({self.edit.keys})"
            )
            self.history.allow(None)
        any_retired = any(row.retired for row in rows)
        for command in (self.suspend, self.reset):
            command.allow(none if not rows else retired if any_retired else None)
        if not rows:
            self.delete.allow(none)
        elif not all(row.own for row in rows):
            self.delete.allow(
                "Only your own cards can be deleted; a built-in card can be suspended instead"
            )
        else:
            self.delete.allow(None)
        all_suspended = bool(rows) and all(row.suspended for row in rows)
        if all_suspended:
            self.suspend.set_words("Uns&uspend", "Bring back into practice, with its schedule")
        else:
            self.suspend.set_words("S&uspend", "Keep out of practice for now; the schedule is kept")
        self.suspend.allow(self.suspend.why_not)

    def _open(self, index: QModelIndex) -> None:
        row = self.cards.row(index.row())
        if row.own:
            self.edit_card()
        elif not row.retired:
            self.edit_note()

    def _context_menu(self) -> None:
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for command in (self.edit, self.note, self.suspend, self.reset, self.history, self.delete):
            if command.isEnabled():
                menu.addAction(command)
        if not menu.isEmpty():
            menu.exec(self.cursor().pos())

    def columns_menu(self) -> QMenu:
        """Which columns to show (the front always stays), and the sort; also in the menu bar."""
        menu = QMenu("&Columns", self)
        for column, name in enumerate(card_table.HEADERS):
            if column == card_table.FRONT:
                continue
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        return menu

    def sort_menu(self) -> QMenu:
        menu = QMenu("S&ort by", self)
        group = QActionGroup(menu)
        header = self.table.horizontalHeader()
        current = header.sortIndicatorSection() if self.cards.rows.sort_column >= 0 else -1
        for column, name in [(-1, "The deck’s order"), *enumerate(card_table.HEADERS)]:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(column == current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=column: self.sort_by(c))
        return menu

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort as a click on the column's header would (column -1: the deck's order)."""
        self.table.horizontalHeader().setSortIndicator(column, order)
        if column < 0:
            self.cards.sort(-1)

    def page_menus(self) -> list[QMenu]:
        return [self.columns_menu(), self.sort_menu()]

    def show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.table.fit_front()
        hidden = [
            key for c, key in enumerate(card_table.COLUMN_KEYS) if self.table.isColumnHidden(c)
        ]
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

    def add_card(self) -> None:
        dialog = OwnCardDialog(self.store, self.clock, self)
        if not dialog.exec() or dialog.card_id is None:
            return
        self.select_card(dialog.card_id)

    def edit_card(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or not rows[0].own:
            return
        card_id = rows[0].id
        OwnCardDialog(self.store, self.clock, self, card_id=card_id).exec()

    def edit_note(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and not rows[0].own and not rows[0].retired:
            card_id = rows[0].id
            NoteDialog(self.store, self.clock, card_id, self).exec()

    def delete_cards(self) -> None:
        rows = self.selected_rows()
        if not rows or not all(row.own for row in rows):
            return
        ids = [row.id for row in rows]
        answers = run_op(self, lambda: own_cards.answers_given(self.store, ids))
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
        op_done(
            self,
            lambda: own_cards.delete_own_cards(self.store, ids),
            Changes.of_cards(ids, schedules=True),
        )

    def toggle_suspended(self) -> None:
        rows = [row for row in self.selected_rows() if not row.retired]
        if not rows:
            return
        suspend = not all(row.suspended for row in rows)
        ids = [row.id for row in rows]
        now = self.clock()
        op_done(
            self,
            lambda: browser.set_suspended(self.store, ids, suspend, now),
            Changes.of_cards(ids, schedules=True),
        )

    def reset_progress(self) -> None:
        rows = [row for row in self.selected_rows() if not row.retired]
        if not rows:
            return
        ids = [row.id for row in rows]
        question = (
            "Start this card fresh? It becomes a new card again; every answer stays in its "
            "history, and you can undo this."
            if len(ids) == 1
            else f"Start these {len(ids)} cards fresh? They become new cards again; every "
            "answer stays in their history, and you can undo this."
        )
        confirmed = QMessageBox.question(self, "Start fresh?", question)
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        saved = run_op(
            self,
            lambda: browser.reset_progress(self.store, ids),
            Changes.of_cards(ids, schedules=True),
        )
        if saved is None:
            return
        self.saved_progress = saved
        done = f"{'One card starts' if len(ids) == 1 else f'{len(ids)} cards start'} fresh."
        self.undo_line.setText(done)
        self.undo_bar.show()
        self.undo_timer.start()
        announce(self.undo_line, f"{done} Ctrl+Z undoes it.")

    def undo_reset(self) -> bool:
        """Put back the progress the last reset took away; False when there is none."""
        saved = self.saved_progress
        if saved is None:
            return False
        if op_done(
            self,
            lambda: browser.restore_progress(self.store, saved),
            Changes.of_cards(saved.card_ids, schedules=True),
        ):
            self.dismiss_undo()
        return True

    def dismiss_undo(self) -> None:
        """The offer to undo a reset ends: after a while, or when the screen is left."""
        self.undo_timer.stop()
        self.saved_progress = None
        self.undo_bar.hide()

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the screen, not the window being minimised.
        if not event.spontaneous():
            self.dismiss_undo()
        super().hideEvent(event)

    def show_history(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        card_id, front = rows[0].id, rows[0].front
        history = run_op(self, lambda: browser.card_history(self.store, card_id))
        if history is not None:
            HistoryDialog(front, history, self).exec()
