"""The selected card in full beside the cards table: both sides, the person's note, when it
comes up, and its history in words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from imperfect_trainer.deck.features import browser, card_history
from imperfect_trainer.deck.features.browser import BrowserRow
from imperfect_trainer.deck.features.card_history import CardPreview
from imperfect_trainer.ui.cards.card_table import due_text, kind_label
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.page_scroll import scroll_page

NOTHING_CHOSEN = "Choose a card in the table to read it here in full."


def schedule_words(row: BrowserRow, today: dt.date) -> str:
    """When the card comes up and how it has felt, in words (the SM-2 terms in brackets)."""
    if row.retired:
        coming = "Retired: a deck update took it out; its answers are kept."
    elif row.suspended:
        coming = "Suspended: it stays out of practice, its schedule kept for later."
    elif row.due is None:
        coming = "New: it has not come up yet."
    else:
        when = due_text(row.due, today)
        on = "" if when in ("today", "tomorrow") else "on "
        days = "day" if row.interval == 1 else "days"
        coming = f"Comes up {on}{when}, {row.interval} {days} after its last answer."
    ease = f" Ease {row.easiness / 100:.2f} (E-Factor; every card starts at 2.50)."
    slips = f" It slipped {browser.times(row.lapses)} after being learned." if row.lapses else ""
    return coming + (ease if row.due is not None else "") + slips


def _text(role: str = "") -> QLabel:
    label = widgets.label(role=role, wrap=True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CardPreviewPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setAccessibleName("The chosen card")
        self.about = _text("muted")
        self.front = _text("lead")
        self.front.setAccessibleName("Front")
        self.back = _text()
        self.back.setAccessibleName("Back")
        self.note = _text("note")
        self.note.setAccessibleName("Your note")
        self.schedule = _text("muted")
        self.schedule.setAccessibleName("When it comes up")
        self.history = _text("muted")
        self.history.setAccessibleName("Its answers")
        self.rule = widgets.frame("rule")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(8)
        for widget in (self.about, self.front, self.rule, self.back, self.note):
            column.addWidget(widget)
        column.addSpacing(4)
        column.addWidget(self.schedule)
        column.addWidget(self.history)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_page(content))
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.show_count(0)

    def _parts(self, shown: bool) -> None:
        for widget in (self.front, self.rule, self.back, self.schedule, self.history):
            widget.setVisible(shown)

    def show_count(self, count: int) -> None:
        """No card, or several, chosen."""
        self._parts(False)
        self.note.hide()
        self.about.setText(NOTHING_CHOSEN if count == 0 else f"{count:,} cards chosen.")

    def show_card(self, row: BrowserRow, card: CardPreview, today: dt.date) -> None:
        self._parts(True)
        own = "your own card" if row.own else "built in"
        self.about.setText(f"{kind_label(row.kind)} · {row.section} · {own}")
        self.front.setText(card.front)
        self.back.setText(card.back)
        self.note.setText(f"Your note: {card.note}")
        self.note.setVisible(bool(card.note))
        self.schedule.setText(schedule_words(row, today))
        self.history.setText(card_history.history_in_words(card.history, today))
