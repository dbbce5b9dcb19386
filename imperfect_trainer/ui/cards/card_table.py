"""The deck browser's table: one model that filters and sorts the loaded cards itself.

The cards stay in load order in a ``CardIndex`` (features/browser.py) and never move. ``order``
is every card's place in the sort chosen, ``shown`` the ones passing the filter, in that order.
A keystroke asks ``browser.matching`` once (over the cards the last keystroke kept, when typing
on) and resets the model once: no proxy calls back into Python for each of 100,000 rows, and
sorting is Python's sort on a key per column, computed once per sort.
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
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from imperfect_trainer.deck.features import browser
from imperfect_trainer.deck.features.browser import BrowserRow, CardFilter, CardIndex
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common.deck_words import kind_label
from imperfect_trainer.ui.common.language import day_text, short_day

ModelIndex = QModelIndex | QPersistentModelIndex

KIND, FRONT, SECTION, TAGS, DUE, INTERVAL, EASINESS, REVIEWS, LAPSES = range(9)
# The person's words; the SM-2 term, where there is one, is in the tooltip.
HEADERS = (
    N_("Kind"),
    N_("Front"),
    N_("Section"),
    N_("Tags"),
    N_("Due"),
    N_("Spacing"),
    N_("Ease"),
    N_("Answers"),
    N_("Slips"),
)
HEADER_TIPS = (
    N_("The kind of card"),
    N_("What the card asks"),
    N_("The part of the reading the card comes from"),
    N_("Situations and themes"),
    N_("When the card comes up next (SM-2’s due date)"),
    N_("Days from its last answer to the next time it comes up (SM-2’s interval)"),
    N_(
        "How easy the card has felt: every card starts at 2.50, the lowest is 1.30 "
        "(SM-2’s E-Factor)"
    ),
    N_("Answers given, repeats included"),
    N_(
        "Times it slipped after being learned: a grade below 3 once it was coming up at "
        "longer intervals (SM-2’s lapses)"
    ),
)
# What a hidden column is remembered by in the settings: its first names, kept stable.
COLUMN_KEYS = (
    "Kind",
    "Front",
    "Section",
    "Tags",
    "Due",
    "Interval",
    "E-Factor",
    "Answers",
    "Lapses",
)
NUMERIC = frozenset({INTERVAL, EASINESS, REVIEWS, LAPSES})
CARD_ID_ROLE = Qt.ItemDataRole.UserRole
_NEW_LAST = "9999-12-31"  # new cards have no due day; they sort after every date


def due_text(due: str | None, today: dt.date) -> str:
    """A due day as a person says it; a day already past is simply "today" (no overdue)."""
    if due is None:
        return _("new")
    day = dt.date.fromisoformat(due)
    if day <= today:
        return _("today")
    if day == today + dt.timedelta(days=1):
        return _("tomorrow")
    if day.year == today.year:
        return short_day(day)
    return day_text(day, _("d MMM ’yy"))


def _due_key(row: BrowserRow) -> tuple[int, str]:
    # Suspended and retired cards are not coming up: after every date, as the cell says.
    return (row.suspended or row.retired, row.due or _NEW_LAST)


_SORT_KEYS: dict[int, Callable[[BrowserRow], Any]] = {
    KIND: lambda row: kind_label(row.kind),
    FRONT: lambda row: row.front.casefold(),
    SECTION: lambda row: row.section.casefold(),
    TAGS: lambda row: row.tags,
    DUE: _due_key,
    INTERVAL: lambda row: row.interval,
    EASINESS: lambda row: row.easiness,
    REVIEWS: lambda row: row.reviews,
    LAPSES: lambda row: row.lapses,
}


class CardRows:
    """The loaded cards, their sorted order and the ones shown, as a plain Python object.

    Kept off the Qt objects on purpose: every attribute read on a PySide object goes through
    its wrapper and costs about half a microsecond, which 100,000 rows turn into a pause.
    """

    def __init__(self) -> None:
        self.index = CardIndex([], [])
        self.order: list[int] = []
        self.shown: list[int] = []
        self.wanted = CardFilter()
        self.sort_column = -1  # -1: the deck's own order
        self.descending = False
        self.today = dt.date.today()

    def replace(self, index: CardIndex, today: dt.date) -> None:
        self.index, self.today = index, today
        self.resort()
        self.refilter()

    def resort(self) -> None:
        """Every card's place in the chosen sort; equal keys keep the deck's order."""
        count = len(self.index)
        key = _SORT_KEYS.get(self.sort_column)
        if key is None:
            self.order = list(range(count))
            if self.descending:
                self.order.reverse()
            return
        keys = list(map(key, self.index.rows))
        self.order = sorted(range(count), key=keys.__getitem__, reverse=self.descending)

    def refilter(self, wanted: CardFilter | None = None) -> None:
        """Show the cards passing ``wanted``, in the sorted order; without it, look through
        every card again for the filter in place (the cards or their order changed)."""
        among = self.order
        if wanted is None:
            wanted = self.wanted
        elif wanted.narrows(self.wanted):
            among = self.shown  # typing on: only the cards the last keystroke kept
        if wanted == CardFilter() and not self.index.retired:
            self.shown = list(self.order)
        else:
            self.shown = browser.matching(self.index, wanted, among)
        self.wanted = wanted

    def row(self, shown_row: int) -> BrowserRow:
        return self.index.rows[self.shown[shown_row]]

    @property
    def in_deck(self) -> int:
        """Cards in the deck: every loaded card but the retired ones."""
        return len(self.index) - self.index.retired


class CardTableModel(QAbstractTableModel):
    """The cards passing the filter, one row each, in the sort chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = CardRows()

    # ------------------------------------------------------------------------ contents

    def set_index(self, index: CardIndex, today: dt.date) -> None:
        """Every card anew (the filter and sort stay as chosen)."""
        self.beginResetModel()
        self.rows.replace(index, today)
        self.endResetModel()

    def set_filter(self, wanted: CardFilter) -> None:
        if wanted == self.rows.wanted:
            return
        # One reset rather than row-by-row removals: a keystroke that thins 100,000 rows into
        # scattered runs would send thousands of signals, costing more than the filtering.
        self.beginResetModel()
        self.rows.refilter(wanted)
        self.endResetModel()

    def update_cards(self, fresh: Sequence[tuple[BrowserRow, str]]) -> None:
        """Cards changed (suspended, reset, edited, added): they move to their sorted place and
        leave the table if the filter no longer lets them through."""
        index = self.rows.index
        new = [card for card in fresh if index.position(card[0].id) is None]
        index.update(fresh)
        if new:
            index.extend([row for row, _ in new], [back for _, back in new])
        self._relayout()

    def remove_ids(self, card_ids: Sequence[str]) -> None:
        self.beginResetModel()
        self.rows.replace(self.rows.index.without(set(card_ids)), self.rows.today)
        self.endResetModel()

    def _relayout(self) -> None:
        """Sort and filter again, keeping selected rows with their cards."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self.rows.shown[index.row()] for index in persistent]
        self.rows.resort()
        self.rows.refilter()
        if persistent:
            places = {serial: n for n, serial in enumerate(self.rows.shown)}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(places[serial], index.column())
                    if serial in places
                    else QModelIndex()
                    for serial, index in zip(held, persistent, strict=True)
                ],
            )
        self.layoutChanged.emit()

    def row(self, shown_row: int) -> BrowserRow:
        return self.rows.row(shown_row)

    def card_id(self, shown_row: int) -> str:
        return self.rows.row(shown_row).id

    def index_of(self, card_id: str) -> QModelIndex:
        """Where a card is shown (an invalid index when it is not)."""
        serial = self.rows.index.position(card_id)
        if serial is None:
            return QModelIndex()
        try:
            return self.index(self.rows.shown.index(serial), 0)
        except ValueError:
            return QModelIndex()

    # ---------------------------------------------------------------- the model's interface

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows.shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows.row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == FRONT:
            return row.front
        if role == CARD_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.suspended or row.retired:
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
            # Not coming up at all; the schedule is kept (for a suspended card, for later).
            if row.retired:
                return "retired"
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
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(HEADER_TIPS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the shown cards by a column; column -1 is the deck's own order."""
        self.rows.sort_column = column
        self.rows.descending = order == Qt.SortOrder.DescendingOrder
        self._relayout()
