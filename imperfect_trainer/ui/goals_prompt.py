"""The monthly look at the practice goals: a quiet line on the home screen, not a pop-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from imperfect_trainer.deck.features import goals
from imperfect_trainer.ui.guard import guarded
from imperfect_trainer.ui.theme import colours
from imperfect_trainer.ui.window_context import WindowContext

GOALS_PROMPT = (
    "It has been a month since you looked at your practice goals. "
    '<a href="goals" style="color: {accent}">Look at them</a> when you have a moment.'
)


class GoalsPrompt(QLabel):
    """Shown when the goals are due a look; its link (``linkActivated``) opens them."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("muted")
        self.setWordWrap(True)
        self.setAccessibleName("Monthly look at your goals")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.hide()

    def refresh(self) -> None:
        store = self.context.store
        today = store.practice_day(self.context.clock())
        saved = guarded(self, lambda: goals.list_goals(store)) or []
        self.setText(GOALS_PROMPT.format(accent=colours(self.context.scheme)["accent"]))
        self.setVisible(goals.revisit_due(saved, today))
