"""The monthly look at the practice goals: a quiet line on the home screen, not a pop-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from imperfect_trainer.deck.features import goals
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common.operations import run_op
from imperfect_trainer.ui.common.theme import colours
from imperfect_trainer.ui.common.window_context import WindowContext

GOALS_PROMPT = N_(
    "It has been {since} since you looked at your practice goals. "
    '<a href="goals" style="color: {accent}">Look at them</a> when you have a moment.'
)


def time_since_words(days: int) -> str:
    """How long since the goals were looked at, as a person says it: a month, 2 months, a
    year, 3 years (whole months of 30 days; never fewer than one, as the prompt waits a
    month)."""
    months = max(1, days // 30)
    if months < 12:
        return ngettext("a month", "{count} months", months).format(count=months)
    years = max(1, days // 365)
    return ngettext("a year", "{count} years", years).format(count=years)


class GoalsPrompt(QLabel):
    """Shown when the goals are due a look; its link (``linkActivated``) opens them."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("muted")
        self.setWordWrap(True)
        self.setAccessibleName(_("Monthly look at your goals"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.hide()

    def refresh(self) -> None:
        store = self.context.store
        today = store.practice_day(self.context.clock())
        saved = run_op(self, lambda: goals.list_goals(store)) or []
        due = goals.revisit_due(saved, today)
        if due:
            oldest = min(goal.revisited_day for goal in saved)
            since = time_since_words((today - oldest).days)
            accent = colours(self.context.scheme)["accent"]
            self.setText(_(GOALS_PROMPT).format(since=since, accent=accent))
        self.setVisible(due)
