"""After a practice: what was done, one reflective line, and nothing alarming about what waits.

The closing line fits how the practice went (a return after a break, a practice with misses,
one with something written, a short one, an ordinary one) and changes from day to day and from
one practice to the next; it is chosen from the practice's facts, never at random, and never
scolds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from imperfect_trainer.deck.practice.session import PracticeSummary
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.page_scroll import scroll_page

# A practice under this many minutes is a short one (and said kindly to count).
SHORT_MINUTES = 2


class Went(Enum):
    """How a practice went, as far as its closing line is concerned (first that applies)."""

    NOTHING = "nothing was practised"
    RETURN = "the first practice after a long break"
    MISSES = "some cards were missed"
    WRITTEN = "a reflection was written"
    SHORT = "a short practice"
    ORDINARY = "an ordinary practice"


CLOSING_LINES: dict[Went, tuple[str, ...]] = {
    Went.NOTHING: (
        "Deciding not to, today, is a choice and not a failure.",
        "The cards will be here whenever you are.",
    ),
    Went.RETURN: (
        "Coming back is the skill. Nothing needed catching up.",
        "Welcome back. The cards waited without keeping score.",
        "A pause is part of any real practice; so is picking it up again.",
    ),
    Went.MISSES: (
        "Whatever felt shaky is information, not a verdict.",
        "A miss here is how a card finds where it needs to settle.",
        "Getting it wrong where it is safe to is what practising is for.",
        "Mistakes you can repair are part of a real relationship.",
    ),
    Went.WRITTEN: (
        "What you wrote is for you; it does not need polishing to count.",
        "Putting it into words, even roughly, is already the work.",
        "When this question comes round again, you can see what has changed.",
    ),
    Went.SHORT: (
        "A few minutes is still a practice: small and regular beats big and rare.",
        "Good enough, done today, beats perfect and postponed.",
        "Short counts. You showed up imperfectly, which is the whole exercise.",
    ),
    Went.ORDINARY: (
        "You showed up imperfectly, which is the whole exercise.",
        "Your clients meet a person, not a performance.",
        "A rough session can still be a useful one.",
        "Notice one thing you did well before you close this.",
        "Good enough, done today, beats perfect and postponed.",
    ),
}


@dataclass(frozen=True, slots=True)
class Closing:
    """The practice's facts the closing line is chosen by."""

    summary: PracticeSummary
    day: dt.date
    after_long_break: bool = False


def how_it_went(closing: Closing) -> Went:
    summary = closing.summary
    if summary.cards_done == 0:
        return Went.NOTHING
    if closing.after_long_break:
        return Went.RETURN
    if summary.still_settling:
        return Went.MISSES
    if summary.reflections_written:
        return Went.WRITTEN
    if summary.minutes < SHORT_MINUTES:
        return Went.SHORT
    return Went.ORDINARY


def reflective_line(closing: Closing) -> str:
    """The closing line: one of those that fit how the practice went, turning with the day
    and with the answers given, so two practices rarely end alike."""
    lines = CLOSING_LINES[how_it_went(closing)]
    return lines[(closing.day.toordinal() + closing.summary.answers) % len(lines)]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def time_taken(minutes: float) -> str:
    """How long it took, in words: "in under a minute", "in about 4 minutes"."""
    if minutes < 1:
        return "in under a minute"
    rounded = round(minutes)
    if rounded <= 1:
        return "in about a minute"
    return f"in about {rounded} minutes"


def summary_lines(summary: PracticeSummary) -> tuple[str, str, str]:
    """The title, what was done, and where the cards stand: each card graded is in exactly one
    of the parts, and the parts add up to the cards graded."""
    title = "That was today’s practice." if summary.ended_by_time else "Practice done."
    if summary.cards_done == 0:
        return "Nothing practised this time.", "That is fine too.", ""
    done_parts = []
    if summary.cards_graded:
        done_parts.append(_count(summary.cards_graded, "card", "cards"))
    if summary.reflections_written:
        done_parts.append(_count(summary.reflections_written, "reflection", "reflections"))
    repeats = (
        f", with {_count(summary.repeats, 'repeat', 'repeats')} of cards missed"
        if summary.repeats
        else ""
    )
    done = f"{' and '.join(done_parts)} {time_taken(summary.minutes)}{repeats}."
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
        self.title = widgets.label(role="title", wrap=True)
        self.done = widgets.label(role="lead", wrap=True)
        self.progress = QLabel(wordWrap=True)
        self.waiting = widgets.label(role="muted", wrap=True)
        self.reflection = widgets.label(role="lead", wrap=True)
        self.home_button = widgets.button("Back to home", role="primary")
        self.home_button.setAutoDefault(True)
        self.home_button.setToolTip("Back to today’s page (Enter)")
        self.home_button.clicked.connect(self.home_requested)
        self.hint = widgets.label(
            "Enter returns home · Ctrl+Z undoes the last answer", role="muted", wrap=True
        )

        content = QWidget()
        layout = widgets.reading_column(content)
        layout.setContentsMargins(40, 36, 40, 28)
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
        layout.addWidget(self.hint)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(content))

    def show_summary(
        self, summary: PracticeSummary, day: dt.date, *, after_long_break: bool = False
    ) -> None:
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
        line = reflective_line(Closing(summary, day, after_long_break))
        self.reflection.setText(f"“{line}”")
        self.home_button.setFocus()
