"""After a practice: what was done, one reflective line, and nothing alarming about what waits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from imperfect_trainer.deck.srs.practice import PracticeSummary
from imperfect_trainer.ui import widgets

REFLECTIVE_LINES = (
    "Good enough, done today, beats perfect and postponed.",
    "You showed up imperfectly, which is the whole exercise.",
    "Whatever felt shaky is information, not a verdict.",
    "Your clients meet a person, not a performance.",
    "A rough session can still be a useful one.",
    "Notice one thing you did well before you close this.",
    "Mistakes you can repair are part of a real relationship.",
)


def reflective_line(day: dt.date) -> str:
    return REFLECTIVE_LINES[day.toordinal() % len(REFLECTIVE_LINES)]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def summary_lines(summary: PracticeSummary) -> tuple[str, str, str]:
    """The title, what was done, and where the cards stand: each card graded is in exactly one
    of the parts, and the parts add up to the cards graded."""
    minutes = max(1, round(summary.minutes))
    title = "That was today’s practice." if summary.ended_by_time else "Practice done."
    if summary.cards_done == 0:
        return "Nothing practised this time.", "That is fine too.", ""
    done_parts = []
    if summary.cards_graded:
        done_parts.append(_count(summary.cards_graded, "card", "cards"))
    if summary.reflections_written:
        done_parts.append(_count(summary.reflections_written, "reflection", "reflections"))
    done = f"{' and '.join(done_parts)} in about {_count(minutes, 'minute', 'minutes')}."
    parts = []
    if summary.moved_forward:
        parts.append(f"{summary.moved_forward} moved forward")
    if summary.still_settling:
        pronoun = "it" if summary.still_settling == 1 else "they"
        parts.append(
            f"{summary.still_settling} still settling, and {pronoun} will come round again"
        )
    if summary.once_more:
        parts.append(f"{summary.once_more} practised once more from earlier today")
    progress = "; ".join(parts) + "." if parts else ""
    if summary.reflections_written:
        kept = (
            "Your reflection is"
            if summary.reflections_written == 1
            else f"Your {summary.reflections_written} reflections are"
        )
        progress += (" " if progress else "") + f"{kept} in your journal."
    return title, done, progress


class SummaryScreen(QWidget):
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = widgets.label(role="title")
        self.done = widgets.label(role="lead", wrap=True)
        self.progress = QLabel(wordWrap=True)
        self.waiting = widgets.label(role="muted", wrap=True)
        self.reflection = widgets.label(role="lead", wrap=True)
        self.home_button = widgets.button("Back to home", role="primary")
        self.home_button.setAutoDefault(True)
        self.home_button.setAccessibleName("Back to home")
        self.home_button.clicked.connect(self.home_requested)

        layout = widgets.reading_column(self)
        layout.setContentsMargins(56, 48, 56, 40)
        layout.setSpacing(14)
        layout.addStretch(1)
        for widget in (self.title, self.done, self.progress, self.waiting):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.reflection)
        layout.addSpacing(16)
        row = QHBoxLayout()
        row.addWidget(self.home_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        layout.addWidget(
            widgets.label("Enter returns home · Ctrl+Z undoes the last answer", role="muted")
        )

    def show_summary(self, summary: PracticeSummary, day: dt.date) -> None:
        title, done, progress = summary_lines(summary)
        self.title.setText(title)
        self.done.setText(done)
        self.progress.setText(progress)
        self.progress.setVisible(bool(progress))
        self.waiting.setText(
            "What is left simply waits for another day."
            if summary.waiting
            else "Nothing else is waiting today."
        )
        self.reflection.setText(f"“{reflective_line(day)}”")
        self.home_button.setFocus()
