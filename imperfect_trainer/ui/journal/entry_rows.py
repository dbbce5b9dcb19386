"""The journal's list of entries: one row per entry, newest first, each found by its id."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.ui.journal.journal_layout import heading, list_text


def fill(rows: QListWidget, items: list[JournalItem], today: dt.date) -> None:
    """One row for each of ``items``, without telling the list's listeners."""
    rows.blockSignals(True)
    rows.clear()
    for item in items:
        row = QListWidgetItem(list_text(item, today))
        row.setData(Qt.ItemDataRole.UserRole, item.id)
        row.setToolTip(heading(item))
        rows.addItem(row)
    rows.blockSignals(False)


def row_of(items: list[JournalItem], entry_id: int) -> int:
    """The row of the entry ``entry_id``; -1 when it is not listed."""
    return next((row for row, item in enumerate(items) if item.id == entry_id), -1)


def show_changed(
    rows: QListWidget, items: list[JournalItem], changed: JournalItem, today: dt.date
) -> None:
    """An entry as saved (its text, its sharing) in its row, when it is listed."""
    row = row_of(items, changed.id)
    if row >= 0:
        items[row] = changed
        rows.item(row).setText(list_text(changed, today))
