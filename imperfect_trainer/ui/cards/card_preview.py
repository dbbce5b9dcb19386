"""The selected card in full beside the cards table: both sides, the person's note, when it
comes up, and its history in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from imperfect_trainer.deck.features.browser import BrowserRow
from imperfect_trainer.deck.features.card_history import CardPreview, HistoryEntry
from imperfect_trainer.deck.practice.session import GRADE_LABELS
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.cards.card_table import due_text
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.deck_words import deck_word, kind_label
from imperfect_trainer.ui.common.language import day_words, number
from imperfect_trainer.ui.common.page_scroll import scroll_page

NOTHING_CHOSEN = N_("Choose a card in the table to read it here in full.")


def schedule_words(row: BrowserRow, today: dt.date) -> str:
    """When the card comes up and how it has felt, in words (the SM-2 terms in brackets)."""
    if row.retired:
        coming = _("Retired: a deck update took it out; its answers are kept.")
    elif row.suspended:
        coming = _("Suspended: it stays out of practice, its schedule kept for later.")
    elif row.due is None:
        coming = _("New: it has not come up yet.")
    else:
        day = dt.date.fromisoformat(row.due)
        when = due_text(row.due, today)
        if day > today + dt.timedelta(days=1):
            when = _("on {day}").format(day=when)
        coming = ngettext(
            "Comes up {when}, {count} day after its last answer.",
            "Comes up {when}, {count} days after its last answer.",
            row.interval,
        ).format(when=when, count=row.interval)
    ease = " " + _("Ease {ease} (E-Factor; every card starts at 2.50).").format(
        ease=QLocale().toString(row.easiness / 100, "f", 2)
    )
    slips = ""
    if row.lapses == 2:
        slips = " " + _("It slipped twice after being learned.")
    elif row.lapses:
        slips = " " + ngettext(
            "It slipped once after being learned.",
            "It slipped {count} times after being learned.",
            row.lapses,
        ).format(count=row.lapses)
    return coming + (ease if row.due is not None else "") + slips


def _answered(history: Sequence[HistoryEntry], today: dt.date) -> str:
    count, first = len(history), history[-1].practice_day
    if count == 1:
        return _("Answered once")
    if first == today:  # all of them today: not "since today"
        if count == 2:
            return _("Answered twice today")
        return _("Answered {count} times today").format(count=count)
    since = day_words(first, today)
    if count == 2:
        return _("Answered twice since {day}").format(day=since)
    return _("Answered {count} times since {day}").format(count=count, day=since)


def history_words(history: Sequence[HistoryEntry], today: dt.date) -> str:
    """A card's answers (newest first, as ``card_history`` gives them) in a sentence or two."""
    if not history:
        return _("Not answered yet: it has not come up in a practice.")
    last = history[0]
    answered = _answered(history, today)
    counted = sum(1 for entry in history if not entry.drill)
    if counted != len(history):
        answered += ngettext(
            "; {counted} of those moved its schedule (the day’s first answer)",
            "; {counted} of those moved its schedule (the day’s first answer)",
            counted,
        ).format(counted=counted)
    what = (
        _("written (a reflection)")
        if last.grade is None
        else f"{last.grade} · {deck_word(GRADE_LABELS[last.grade])}"
    )
    return _("{answered}. Last answer {day}: {what}.").format(
        answered=answered, day=day_words(last.practice_day, today), what=what
    )


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
        self.setAccessibleName(_("The chosen card"))
        self.about = _text("muted")
        self.front = _text("lead")
        self.front.setAccessibleName(_("Front"))
        self.back = _text()
        self.back.setAccessibleName(_("Back"))
        self.note = _text("note")
        self.note.setAccessibleName(_("Your note"))
        self.schedule = _text("muted")
        self.schedule.setAccessibleName(_("When it comes up"))
        self.history = _text("muted")
        self.history.setAccessibleName(_("Its answers"))
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
        self.about.setText(
            _(NOTHING_CHOSEN)
            if count == 0
            else ngettext("{count} card chosen.", "{count} cards chosen.", count).format(
                count=number(count)
            )
        )

    def show_card(self, row: BrowserRow, card: CardPreview, today: dt.date) -> None:
        self._parts(True)
        own = _("your own card") if row.own else _("built in")
        self.about.setText(f"{kind_label(row.kind)} · {row.section} · {own}")
        self.front.setText(card.front)
        self.back.setText(card.back)
        self.note.setText(_("Your note: {note}").format(note=card.note))
        self.note.setVisible(bool(card.note))
        self.schedule.setText(schedule_words(row, today))
        self.history.setText(history_words(card.history, today))
