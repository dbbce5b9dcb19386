"""The journal: reflections typed in practice and notes after hard sessions, newest first, to
search, reread, edit or delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
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

from imperfect_trainer.deck import journal
from imperfect_trainer.deck.debrief import situation_label
from imperfect_trainer.deck.journal import JournalItem
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.guard import attempt, guarded
from imperfect_trainer.ui.search_field import search_field

PRIVACY_NOTE = (
    "A private place, kept only on this computer. Please leave out client names and anything "
    "that could identify someone."
)
_PREVIEW = 90


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
        self.delete_button = widgets.button("Delete…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
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
        self.list.currentRowChanged.connect(self._show_entry)
        self.editor.textChanged.connect(self._update_buttons)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self._show_entry(-1)

    def refresh(self) -> None:
        chosen = self.current()
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

    def _show_entry(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        self.detail.setEnabled(item is not None)
        if item is None:
            self.entry_heading.setText("No entry chosen" if self.items else "")
            self.entry_context.setText("")
            self.editor.setPlainText("")
        else:
            self.entry_heading.setText(heading(item))
            self.entry_context.setText(context(item))
            self.editor.setPlainText(item.text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current()
        self.save_button.setEnabled(
            item is not None and self.editor.toPlainText().strip() != item.text
        )
        self.delete_button.setEnabled(item is not None)

    def save(self) -> None:
        item = self.current()
        if item is None:
            return
        text = self.editor.toPlainText()
        now = self.clock()
        if attempt(self, lambda: journal.update_text(self.store, item.id, text, now)):
            self.refresh()

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
            self.refresh()
