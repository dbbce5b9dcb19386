"""The Cards page's parts and how they sit: the table whose columns fit their words, the
filters, the line offering to undo a reset, and the page that scrolls in a small window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import browser
from imperfect_trainer.deck.features.browser import CardFilter, CardIndex, Origin, Status
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.cards import card_table
from imperfect_trainer.ui.cards.card_table import CardTableModel
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.deck_words import kind_label
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.reflow import FlowRow, ReflowSplitter

# Each column wide enough for its header and for a typical value, in the current font.
_SAMPLES = {
    card_table.KIND: N_("Reflection"),
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
    (N_("Active and suspended"), Status.ALL),
    (N_("Active only"), Status.ACTIVE),
    (N_("Suspended only"), Status.SUSPENDED),
)
RETIRED_WORDS = N_("Retired (history kept)")


class CardTableView(QTableView):
    """The table; each column fits its header and values, the front takes what is left."""

    def __init__(self, model: CardTableModel, hidden_columns: list[str]) -> None:
        super().__init__()
        # Tab leaves the table for the buttons; the arrow keys move between cards.
        self.setTabKeyNavigation(False)
        self.setAccessibleName(_("Cards"))
        self.cards = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # No sort indicator at first: the deck's own order, as written.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column, key in enumerate(card_table.COLUMN_KEYS):
            self.setColumnHidden(column, key in hidden_columns)
        self.fit_columns()

    def columns_menu(self, parent: QWidget, show: Callable[[int, bool], None]) -> QMenu:
        """Which columns to show (the front always stays); also in the menu bar."""
        menu = QMenu(_("&Columns"), parent)
        for column, name in enumerate(map(_, card_table.HEADERS)):
            if column == card_table.FRONT:
                continue
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: show(c, shown))
        return menu

    def sort_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(_("S&ort by"), parent)
        group = QActionGroup(menu)
        header = self.horizontalHeader()
        current = header.sortIndicatorSection() if self.cards.rows.sort_column >= 0 else -1
        for column, name in [(-1, _("The deck’s order")), *enumerate(map(_, card_table.HEADERS))]:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(column == current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=column: self.sort_by(c))
        return menu

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort as a click on the column's header would (column -1: the deck's order)."""
        self.horizontalHeader().setSortIndicator(column, order)
        if column < 0:
            self.cards.sort(-1)

    def hidden_keys(self) -> list[str]:
        return [key for c, key in enumerate(card_table.COLUMN_KEYS) if self.isColumnHidden(c)]

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
            words = _(sample)  # the kind's sample in the window's language
            self.setColumnWidth(column, max(cells.horizontalAdvance(words) + 16, title))
        self.verticalHeader().setDefaultSectionSize(cells.height() + 12)
        # Room for a few cards at least: in a small window the page scrolls instead.
        header_height = header.sizeHint().height()
        self.setMinimumHeight(header_height + 5 * (cells.height() + 12) + 4)
        self.fit_front()

    def fit_front(self) -> None:
        others = sum(self.columnWidth(c) for c in _SAMPLES if not self.isColumnHidden(c))
        least = self.fontMetrics().averageCharWidth() * _FRONT_CHARACTERS
        self.setColumnWidth(card_table.FRONT, max(least, self.viewport().width() - others))


def filter_combo(name: str, *, fixed_words: bool) -> QComboBox:
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


class BrowserFilters:
    """Which cards the table shows: their origin, kind, section, tag and status."""

    def __init__(self) -> None:
        self.origin = filter_combo(_("Show which cards"), fixed_words=True)
        for text, origin in (
            (_("All cards"), Origin.ALL),
            (_("Built-in cards"), Origin.BUILTIN),
            (_("My own cards"), Origin.OWN),
        ):
            self.origin.addItem(text, origin.value)
        self.kind = filter_combo(_("Kind"), fixed_words=True)
        self.section = filter_combo(_("Section"), fixed_words=False)
        self.tag = filter_combo(_("Tag"), fixed_words=False)
        self.status = filter_combo(_("Suspended, active or retired"), fixed_words=True)
        for text, status in _STATUS_WORDS:
            self.status.addItem(_(text), status.value)
        self.combos = (self.origin, self.kind, self.section, self.tag, self.status)

    def wanted(self, text: str) -> CardFilter:
        return CardFilter(
            text=text,
            kind=self.kind.currentData(),
            section=self.section.currentData(),
            tag=self.tag.currentData(),
            status=Status(self.status.currentData()),
            origin=Origin(self.origin.currentData()),
        )

    def offer(self, index: CardIndex) -> None:
        """The kinds, sections and tags the loaded cards have, keeping each choice made."""
        kinds, sections, tags = browser.facets(index.rows)
        for combo, anything, values, labels in (
            (self.kind, _("Any kind"), kinds, [kind_label(k) for k in kinds]),
            (self.section, _("Any section"), sections, sections),
            (self.tag, _("Any tag"), tags, tags),
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
            self.status.addItem(_(RETIRED_WORDS), Status.RETIRED.value)
        elif not index.retired and has_retired:
            self.status.removeItem(self.status.findData(Status.RETIRED.value))


class UndoBar(QWidget):
    """After a reset: what was done and Undo, for a while or until the screen is left."""

    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.line = widgets.label(role="notice", wrap=True)
        self.line.setAccessibleName(_("Reset done"))
        self.button = widgets.button(_("Undo"))
        self.button.setToolTip(_("Undo the reset (Ctrl+Z)"))
        self.button.setAccessibleDescription(_("Undo the reset (Ctrl+Z)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(UNDO_SHOWN_MS)
        self.timer.timeout.connect(self.dismiss)

    def offer(self, done: str) -> None:
        self.line.setText(done)
        self.show()
        self.timer.start()
        announce(self.line, _("{done} Ctrl+Z undoes it.").format(done=done))

    def dismiss(self) -> None:
        self.timer.stop()
        self.hide()
        self.dismissed.emit()


def browser_page(
    heading: tuple[QLabel, QLabel],
    search: tuple[QLineEdit, QPushButton],
    filters: BrowserFilters,
    panes: tuple[CardTableView, QWidget],
    undo_bar: UndoBar,
    buttons: list[QPushButton],
) -> tuple[QScrollArea, ReflowSplitter]:
    """The page from top to bottom: title and count, search and Add, the filters, the table
    beside the card (stacked when narrow), the undo line and the buttons for the chosen cards."""
    top = QHBoxLayout()
    top.addWidget(heading[0])
    top.addStretch(1)
    top.addWidget(heading[1], 0, Qt.AlignmentFlag.AlignBottom)
    search_row = QHBoxLayout()
    search_row.addWidget(search[0], 1)
    search_row.addWidget(search[1])
    filter_row = FlowRow(stretch=True)
    filter_row.add(*filters.combos)
    split = ReflowSplitter(110)
    split.addWidget(panes[0])
    split.addWidget(panes[1])
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    actions = FlowRow()
    actions.add(*buttons)

    content = QWidget()
    layout = QVBoxLayout(content)
    layout.setContentsMargins(0, 0, 8, 0)
    layout.setSpacing(10)
    layout.addLayout(top)
    layout.addLayout(search_row)
    layout.addLayout(filter_row)
    layout.addWidget(split, 1)
    layout.addWidget(undo_bar)
    layout.addLayout(actions)
    # In a small window the page scrolls, the table keeping room for a few cards.
    return scroll_page(content), split
