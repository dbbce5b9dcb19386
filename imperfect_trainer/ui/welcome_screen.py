"""First run: the five-minute idea and what the grades mean. Enter continues."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from imperfect_trainer.deck.srs.practice import GRADE_LABELS
from imperfect_trainer.ui import widgets

WELCOME_TEXT = (
    "This is a practice against perfectionism, so it asks little of you: about five minutes a "
    "day. Each card shows a pattern, a reality check, a reframe or a question. Think of your "
    "answer, show the card's back, and say honestly how it went. When the five minutes are up, "
    "whatever is left simply waits. A missed day costs nothing."
)


class WelcomeScreen(QWidget):
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grades = "<br>".join(f"<b>{q}</b> — {label}" for q, label in GRADE_LABELS.items())
        self.continue_button = widgets.button("Continue", role="primary")
        self.continue_button.setAutoDefault(True)
        self.continue_button.setAccessibleName("Continue")
        self.continue_button.clicked.connect(self.continue_requested)

        layout = widgets.reading_column(self)
        layout.setContentsMargins(56, 40, 56, 36)
        layout.setSpacing(14)
        layout.addStretch(1)
        layout.addWidget(widgets.label("Welcome to Imperfect Trainer", role="title"))
        layout.addWidget(widgets.label(WELCOME_TEXT, role="lead", wrap=True))
        layout.addWidget(widgets.label("The grades, 0 to 5 (keys 0–5):", role="muted"))
        layout.addWidget(QLabel(grades))
        layout.addWidget(
            widgets.label(
                "A card graded below 4 comes back later in the same practice until it feels "
                "solid; those repeats never change its schedule.",
                role="muted",
                wrap=True,
            )
        )
        layout.addSpacing(10)
        row = QHBoxLayout()
        row.addWidget(self.continue_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def focus_continue(self) -> None:
        self.continue_button.setFocus()
