"""The journal: reflections typed in practice and notes after hard sessions, newest first, to
search, reread, edit or delete.

An edit is saved into the entry itself when the person pauses, chooses another entry, searches,
leaves the screen or closes the window; the line beside Save says which it is. If the collection
refuses it, the text stays in the editor (and closing asks first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.debrief import situation_label
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.edits import AUTOSAVE_MS, SaveStatus
from imperfect_trainer.ui.guard import attempt, guarded
from imperfect_trainer.ui.search_field import search_field

PRIVACY_NOTE = (
    "A private place, kept only on this computer. Please leave out client names and anything "
    "that could identify someone."
)
_PREVIEW = 90
SAVED_AS_YOU_WRITE = "Your changes are saved as you write."


def heading(item: JournalItem) -> str:
    when = item.created_at.astimezone()
    kind = "After a hard session" if item.kind == "debrief" else "Reflection"
    return f"{when:%a %d %b %Y, %H:%M} · {kind}"


def preview(item: JournalItem) -> str:
    text = " ".join(item.text.split()) or ", ".join(situation_label(t) for t in item.situations)
    text = text or "(no note)"
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1].rstrip() + "…"


def context(item: JournalItem) -> str:
    """What the entry was about: the card it answered, or a debrief's situations and practice."""
    if item.kind != "debrief":
        return f"On the card: {item.card_front}" if item.card_front else "On a card since deleted"
    parts = []
    if item.situations:
        parts.append("What happened: " + "; ".join(situation_label(t) for t in item.situations))
    if item.practised:
        count = len({card.front for card in item.practised})
        parts.append(
            f"Afterwards you practised {count} card{'s' if count != 1 else ''} for a couple of "
            "minutes (their schedules were left as they were)."
        )
    return "\n".join(parts)


class JournalScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.items: list[JournalItem] = []
        # The entry in the editor, as it is saved; the editor may hold more.
        self.shown: JournalItem | None = None
        self._saved_at: dt.datetime | None = None

        self.title = widgets.label("Journal", role="title")
        self.privacy = widgets.label(PRIVACY_NOTE, role="notice", wrap=True)
        self.privacy.setAccessibleName("Privacy reminder")
        self.search = search_field("Search the journal", "Search your entries")
        self.list = QListWidget()
        self.list.setAccessibleName("Journal entries, newest first")
        # Two unwrapped lines per entry, cut with "…": wrapped items in a list resize unevenly.
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = widgets.label(
            "Nothing here yet. What you type on reflection cards, and notes after a hard "
            "session, will appear here.",
            role="muted",
            wrap=True,
        )

        self.entry_heading = widgets.label(role="heading")
        self.entry_context = widgets.label(role="muted", wrap=True)
        self.entry_context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Entry text")
        self.editor.setTabChangesFocus(True)
        self.save_button = widgets.button("Save changes", role="primary")
        self.status = SaveStatus()
        self.delete_button = widgets.button("Delete…")
        buttons = QHBoxLayout()
        buttons.setSpacing(14)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.delete_button)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(AUTOSAVE_MS)
        self.detail = widgets.frame("panel")
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(20, 16, 20, 16)
        detail_layout.setSpacing(10)
        detail_layout.addWidget(self.entry_heading)
        detail_layout.addWidget(self.entry_context)
        detail_layout.addWidget(self.editor, 1)
        detail_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 520])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.privacy)
        layout.addWidget(self.search)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.refresh)
        self.list.currentRowChanged.connect(self._choose)
        self.editor.textChanged.connect(self._edited)
        self.idle.timeout.connect(self._save_edit)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self._show_entry(-1)

    def refresh(self) -> None:
        if self._save_edit() is not None:
            return  # the unsaved text stays on screen, and its status says why
        chosen = self.shown
        items = guarded(self, lambda: journal.entries(self.store, self.search.text()))
        if items is None:
            return
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            entry = QListWidgetItem(f"{heading(item)}\n{preview(item)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        ids = [item.id for item in items]
        row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self.list.setCurrentRow(row if items else -1)
        self._show_entry(self.list.currentRow())
        nothing_at_all = not items and not self.search.text()
        self.empty.setVisible(nothing_at_all)

    def current(self) -> JournalItem | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _row(self, entry_id: int) -> int:
        return next((row for row, item in enumerate(self.items) if item.id == entry_id), -1)

    def _choose(self, row: int) -> None:
        held = self.shown
        if self._save_edit() is not None and held is not None and self._row(held.id) >= 0:
            # The edit could not be saved: the entry holding it stays in view.
            self.list.blockSignals(True)
            self.list.setCurrentRow(self._row(held.id))
            self.list.blockSignals(False)
            return
        self._show_entry(row)

    def _show_entry(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        self.idle.stop()
        self.shown = item
        self._saved_at = None
        self.detail.setEnabled(item is not None)
        if item is None:
            self.entry_heading.setText("No entry chosen" if self.items else "")
            self.entry_context.setText("")
            self.editor.setPlainText("")
        else:
            self.entry_heading.setText(heading(item))
            self.entry_context.setText(context(item))
            self.editor.setPlainText(item.text)
        self._edited()

    def unsaved(self) -> bool:
        """Whether the editor holds text the entry does not (yet)."""
        return self.shown is not None and self.editor.toPlainText().strip() != self.shown.text

    def _edited(self) -> None:
        dirty = self.unsaved()
        self.save_button.setEnabled(dirty)
        self.delete_button.setEnabled(self.shown is not None)
        if dirty:
            self.status.show_unsaved()
            self.idle.start()
        elif self.shown is None:
            self.status.clear()
        elif self._saved_at is not None:
            self.status.show_saved(self._saved_at)
        else:
            self.status.show_unsaved(SAVED_AS_YOU_WRITE)

    def _save_edit(self) -> str | None:
        """Save the editor's text into its entry; returns what went wrong, if anything."""
        item = self.shown
        self.idle.stop()
        if item is None or not self.unsaved():
            return None
        text, now = self.editor.toPlainText(), self.clock()
        try:
            journal.update_text(self.store, item.id, text, now)
        except StoreError as error:
            self.status.show_problem(f"Not saved: {error.problem}. Your text is still here.")
            return f"Your edit to the journal entry of {heading(item)}: {error.problem}."
        saved = replace(item, text=text.strip(), updated_at=now)
        self.shown, self._saved_at = saved, now
        row = self._row(item.id)
        if row >= 0:
            self.items[row] = saved
            self.list.item(row).setText(f"{heading(saved)}\n{preview(saved)}")
        self._edited()
        return None

    def keep_edits(self, closing: bool) -> list[str]:
        problem = self._save_edit()
        return [problem] if problem is not None and closing else []

    def save(self) -> None:
        problem = self._save_edit()
        if problem is not None:
            QMessageBox.warning(self, "Imperfect Trainer", f"That could not be saved.\n\n{problem}")

    def delete(self) -> None:
        item = self.current()
        if item is None:
            return
        confirmed = QMessageBox.question(
            self,
            "Delete this entry?",
            "Delete this journal entry? The answers it came from stay in your history.",
        )
        if confirmed != QMessageBox.StandardButton.Yes:
            return
        if attempt(self, lambda: journal.delete_entry(self.store, item.id)):
            self.shown = None  # its edit, if any, went with it
            self.refresh()
