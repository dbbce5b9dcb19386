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
from imperfect_trainer.translation import N_, _, ngettext
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
        N_("Deciding not to, today, is a choice and not a failure."),
        N_("The cards will be here whenever you are."),
    ),
    Went.RETURN: (
        N_("Coming back is the skill. Nothing needed catching up."),
        N_("Welcome back. The cards waited without keeping score."),
        N_("A pause is part of any real practice; so is picking it up again."),
    ),
    Went.MISSES: (
        N_("Whatever felt shaky is information, not a verdict."),
        N_("A miss here is how a card finds where it needs to settle."),
        N_("Getting it wrong where it is safe to is what practising is for."),
        N_("Mistakes you can repair are part of a real relationship."),
    ),
    Went.WRITTEN: (
        N_("What you wrote is for you; it does not need polishing to count."),
        N_("Putting it into words, even roughly, is already the work."),
        N_("When this question comes round again, you can see what has changed."),
    ),
    Went.SHORT: (
        N_("A few minutes is still a practice: small and regular beats big and rare."),
        N_("Good enough, done today, beats perfect and postponed."),
        N_("Short counts. You showed up imperfectly, which is the whole exercise."),
    ),
    Went.ORDINARY: (
        N_("You showed up imperfectly, which is the whole exercise."),
        N_("Your clients meet a person, not a performance."),
        N_("A rough session can still be a useful one."),
        N_("Notice one thing you did well before you close this."),
        N_("Good enough, done today, beats perfect and postponed."),
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
    return _(lines[(closing.day.toordinal() + closing.summary.answers) % len(lines)])


def time_taken(minutes: float) -> str:
    """How long it took, in words: "in under a minute", "in about 4 minutes"."""
    if minutes < 1:
        return _("in under a minute")
    rounded = round(minutes)
    if rounded <= 1:
        return _("in about a minute")
    return _("in about {minutes} minutes").format(minutes=rounded)


def summary_lines(summary: PracticeSummary) -> tuple[str, str, str]:
    """The title, what was done, and where the cards stand: each card graded is in exactly one
    of the parts, and the parts add up to the cards graded."""
    title = _("That was today’s practice.") if summary.ended_by_time else _("Practice done.")
    if summary.cards_done == 0:
        return _("Nothing practised this time."), _("That is fine too."), ""
    done_parts = []
    graded, written = summary.cards_graded, summary.reflections_written
    if graded:
        done_parts.append(ngettext("{count} card", "{count} cards", graded).format(count=graded))
    if written:
        done_parts.append(
            ngettext("{count} reflection", "{count} reflections", written).format(count=written)
        )
    repeats = (
        ngettext(
            ", with {count} repeat of cards missed",
            ", with {count} repeats of cards missed",
            summary.repeats,
        ).format(count=summary.repeats)
        if summary.repeats
        else ""
    )
    done = f"{_(' and ').join(done_parts)} {time_taken(summary.minutes)}{repeats}."
    parts = []
    if summary.moved_forward:
        parts.append(_("{count} moved forward").format(count=summary.moved_forward))
    if summary.still_settling:
        parts.append(
            ngettext(
                "{count} still settling, and it will come round again",
                "{count} still settling, and they will come round again",
                summary.still_settling,
            ).format(count=summary.still_settling)
        )
    if summary.once_more:
        parts.append(
            _("{count} practised once more from earlier today").format(count=summary.once_more)
        )
    progress = "; ".join(parts) + "." if parts else ""
    if written:
        kept = ngettext(
            "Your reflection is in your journal.",
            "Your {count} reflections are in your journal.",
            written,
        ).format(count=written)
        progress += (" " if progress else "") + kept
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
        self.home_button = widgets.button(_("Back to home"), role="primary")
        self.home_button.setAutoDefault(True)
        self.home_button.setToolTip(_("Back to today’s page (Enter)"))
        self.home_button.clicked.connect(self.home_requested)
        self.hint = widgets.label(
            _("Enter returns home · Ctrl+Z undoes the last answer"), role="muted", wrap=True
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
            _("What is left simply waits for another day.")
            if summary.waiting
            else _("Nothing else is waiting today.")
        )
        line = reflective_line(Closing(summary, day, after_long_break))
        self.reflection.setText(_("“{line}”").format(line=line))
        self.home_button.setFocus()
