"""The deck browser's table: a model over the loaded rows, and a proxy that filters and sorts.

Rows are kept in load order (``loaded``) and never move; ``order`` is the permutation shown.
The proxy's filter is a mask over ``loaded`` computed in one pass per change (features/browser.py),
so ``filterAcceptsRow`` is two list lookups. Sorting permutes ``order`` with Python's sort on a
key per column: QSortFilterProxyModel's own sort would call back into Python for every one of
the ~1.7 million comparisons that 100,000 rows take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import browser
from imperfect_trainer.deck.features.browser import BrowserRow, CardFilter

ModelIndex = QModelIndex | QPersistentModelIndex

KIND, FRONT, SECTION, TAGS, DUE, INTERVAL, EASINESS, REVIEWS, LAPSES = range(9)
HEADERS = ("Kind", "Front", "Section", "Tags", "Due", "Interval", "E-Factor", "Answers", "Lapses")
HEADER_TIPS = (
    "The kind of card",
    "What the card asks",
    "The part of the reading the card comes from",
    "Situations and themes",
    "When the card comes up next",
    "Days between its last two answers",
    "How easy the card has felt (SM-2), from 1.30 up",
    "Answers given, repeats included",
    "Times it slipped after being learned",
)
_NUMERIC = {INTERVAL, EASINESS, REVIEWS, LAPSES}
CARD_ID_ROLE = Qt.ItemDataRole.UserRole
_NEW_LAST = "9999-12-31"  # new cards have no due day; they sort after every date


def kind_label(kind: str) -> str:
    try:
        return CardKind(kind).label
    except ValueError:
        return kind


def due_text(due: str | None, today: dt.date) -> str:
    """A due day as a person says it; a day already past is simply "today" (no overdue)."""
    if due is None:
        return "new"
    day = dt.date.fromisoformat(due)
    if day <= today:
        return "today"
    if day == today + dt.timedelta(days=1):
        return "tomorrow"
    if day.year == today.year:
        return f"{day.day} {day:%b}"
    return f"{day.day} {day:%b} ’{day:%y}"


_SORT_KEYS: dict[int, Callable[[BrowserRow], Any]] = {
    KIND: lambda row: kind_label(row.kind),
    FRONT: lambda row: row.front.casefold(),
    SECTION: lambda row: row.section.casefold(),
    TAGS: lambda row: row.tags,
    DUE: lambda row: row.due or _NEW_LAST,
    INTERVAL: lambda row: row.interval,
    EASINESS: lambda row: row.easiness,
    REVIEWS: lambda row: row.reviews,
    LAPSES: lambda row: row.lapses,
}


class CardRows:
    """The loaded rows and the shown order, as a plain Python object.

    Kept off the Qt objects on purpose: every attribute read on a PySide object goes through
    its wrapper and costs about half a microsecond, which a filter reading two per row for
    100,000 rows turns into a tenth of a second.
    """

    def __init__(self) -> None:
        self.loaded: list[BrowserRow] = []
        self.texts: list[str] = []
        self.order: list[int] = []
        self.position: dict[str, int] = {}
        # Bumped whenever ``loaded`` changes, so a filter knows its mask is out of date.
        self.generation = 0
        self.today = dt.date.today()

    def replace(self, rows: list[BrowserRow], today: dt.date) -> None:
        self.loaded = rows
        self.texts = [browser.search_text(row) for row in rows]
        self.order = list(range(len(rows)))
        self.position = {row.id: n for n, row in enumerate(rows)}
        self.today = today
        self.generation += 1

    def update(self, fresh: dict[str, BrowserRow]) -> list[int]:
        """Put fresh rows in place of their old selves; returns the shown rows touched."""
        serials = [self.position[card_id] for card_id in fresh if card_id in self.position]
        for serial in serials:
            row = fresh[self.loaded[serial].id]
            self.loaded[serial] = row
            self.texts[serial] = browser.search_text(row)
        self.generation += 1
        wanted = set(serials)
        return [n for n, serial in enumerate(self.order) if serial in wanted]

    def append(self, rows: Sequence[BrowserRow]) -> None:
        for row in rows:
            serial = len(self.loaded)
            self.loaded.append(row)
            self.texts.append(browser.search_text(row))
            self.order.append(serial)
            self.position[row.id] = serial
        self.generation += 1

    def shown(self, shown_row: int) -> BrowserRow:
        return self.loaded[self.order[shown_row]]

    def sort(self, column: int, descending: bool) -> None:
        key = _SORT_KEYS.get(column)
        if key is None:
            self.order.sort()
            return
        loaded = self.loaded
        self.order.sort(key=lambda serial: key(loaded[serial]), reverse=descending)


class CardTableModel(QAbstractTableModel):
    """Every loaded card, one row each; ``set_rows`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = CardRows()

    # ------------------------------------------------------------------------ contents

    def set_rows(self, rows: list[BrowserRow], today: dt.date) -> None:
        self.beginResetModel()
        self.rows.replace(rows, today)
        self.endResetModel()

    def update_rows(self, fresh: dict[str, BrowserRow]) -> None:
        """Replace some cards' rows in place (after suspending, resetting, editing)."""
        touched = self.rows.update(fresh)
        if touched:
            # One signal over the span touched; views repaint only what is visible.
            last_column = len(HEADERS) - 1
            self.dataChanged.emit(
                self.index(min(touched), 0), self.index(max(touched), last_column), []
            )

    def append_rows(self, rows: Sequence[BrowserRow]) -> None:
        """Add new cards (the person's own) at the end."""
        if not rows:
            return
        first = len(self.rows.order)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.append(rows)
        self.endInsertRows()

    def remove_ids(self, card_ids: Sequence[str]) -> None:
        gone = set(card_ids)
        kept = [row for row in self.rows.loaded if row.id not in gone]
        self.set_rows(kept, self.rows.today)

    def row(self, shown_row: int) -> BrowserRow:
        return self.rows.shown(shown_row)

    def index_of(self, card_id: str) -> QModelIndex:
        """Where a card is shown (an invalid index for a card not loaded)."""
        serial = self.rows.position.get(card_id)
        if serial is None:
            return QModelIndex()
        return self.index(self.rows.order.index(serial), 0)

    # ---------------------------------------------------------------- the model's interface

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows.order)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows.shown(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == FRONT:
            return row.front
        if role == CARD_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.suspended:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _text(self, row: BrowserRow, column: int) -> str:
        if column == KIND:
            return kind_label(row.kind)
        if column == FRONT:
            return " ".join(row.front.split())
        if column == SECTION:
            return row.section
        if column == TAGS:
            return ", ".join(row.tags.split())
        if column == DUE:
            # A suspended card is not coming up at all; its schedule is kept for later.
            if row.suspended:
                return "suspended"
            return due_text(row.due, self.rows.today)
        if column == INTERVAL:
            return f"{row.interval} d" if row.due else "—"
        if column == EASINESS:
            return f"{row.easiness / 100:.2f}"
        if column == REVIEWS:
            return str(row.reviews)
        return str(row.lapses)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the shown order by a column; column -1 is the deck's own order."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        serials = [self.rows.order[index.row()] for index in persistent]
        self.rows.sort(column, descending=order == Qt.SortOrder.DescendingOrder)
        if persistent:
            shown = {serial: n for n, serial in enumerate(self.rows.order)}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(shown[serial], index.column())
                    for serial, index in zip(serials, persistent, strict=True)
                ],
            )
        self.layoutChanged.emit()


class _Filter:
    """The proxy's filter state, a plain object for the same reason as ``CardRows``."""

    def __init__(self, rows: CardRows) -> None:
        self.rows = rows
        self.wanted = CardFilter()
        self.mask: bytearray | None = None
        self.generation = -1

    def refresh(self) -> None:
        self.mask = browser.matching(self.rows.loaded, self.rows.texts, self.wanted)
        self.generation = self.rows.generation


class CardFilterProxy(QSortFilterProxyModel):
    """Shows the rows that pass a ``CardFilter``; sorting is handed to the source model."""

    def __init__(self, cards: CardTableModel) -> None:
        super().__init__()
        self.cards = cards
        self._filter = _Filter(cards.rows)
        self.setSourceModel(cards)

    @property
    def wanted(self) -> CardFilter:
        return self._filter.wanted

    def set_filter(self, wanted: CardFilter) -> None:
        self._filter.wanted = wanted
        self._filter.generation = -1
        # One layout change rather than Qt's row-by-row removals and insertions: when a
        # keystroke thins 100,000 rows into scattered runs, those come to thousands of
        # signals and cost several times the filtering itself.
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        # Called once per row: kept to plain-object reads, no further calls.
        state = self._filter
        if state.generation != state.rows.generation:
            state.refresh()
        mask = state.mask
        return mask is None or mask[state.rows.order[source_row]] == 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.cards.sort(column, order)

    def card_id(self, index: QModelIndex) -> str:
        return str(index.siblingAtColumn(0).data(CARD_ID_ROLE))
