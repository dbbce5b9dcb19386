"""Home: a warm greeting, what today holds, Start practice, and a quiet row of practised days."""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QWidget

from imperfect_trainer.translation import _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.language import month_name
from imperfect_trainer.ui.common.theme import colours, style_day_mark
from imperfect_trainer.ui.practice.todays_outlook import TodaysOutlook


def greeting(now: dt.datetime) -> str:
    if now.hour < 12:
        return _("Good morning.")
    if now.hour < 18:
        return _("Good afternoon.")
    return _("Good evening.")


def todays_line(
    cards: int, minutes: int, *, after_long_break: bool, more_waiting: bool = False
) -> str:
    """What today's practice holds; ``more_waiting``: more cards wait than the estimate, so a
    quick practice brings more of them (the practice is a time box, not a number of cards)."""
    if cards == 0:
        return _("Nothing is waiting today. Rest is part of the practice too.")
    card_words = ngettext("{count} card", "{count} cards", cards).format(count=cards)
    minute_words = ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    if more_waiting:
        line = _("Today’s practice: {minutes}, about {cards} — more if they come quickly.").format(
            minutes=minute_words, cards=card_words
        )
    else:
        line = _("Today’s practice: about {minutes}, {cards}.").format(
            minutes=minute_words, cards=card_words
        )
    if after_long_break:
        return _("Welcome back — five minutes is plenty.") + " " + line
    return line


class MonthDots(QWidget):
    """The month as a row of dots: filled on practised days, plain otherwise — never red."""

    DOT = 12
    GAP = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today()
        self._practised: set[dt.date] = set()
        self._scheme = "system"
        self.setAccessibleName(_("Days practised this month"))

    def set_month(self, today: dt.date, practised: set[dt.date], scheme: str) -> None:
        self._today, self._practised, self._scheme = today, practised, scheme
        days = len(practised)
        self.setAccessibleDescription(
            ngettext(
                "{month}: practised on {days} day so far",
                "{month}: practised on {days} days so far",
                days,
            ).format(month=month_name(today.month), days=days)
        )
        self.updateGeometry()
        self.update()

    def _days(self) -> int:
        return calendar.monthrange(self._today.year, self._today.month)[1]

    def sizeHint(self) -> QSize:
        return QSize(self._days() * (self.DOT + self.GAP), self.DOT + 8)

    def minimumSizeHint(self) -> QSize:
        # In a narrow window the dots come closer and smaller rather than running off the edge.
        return QSize(self._days() * 10, self.DOT + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = colours(self._scheme)
        pitch = min(float(self.DOT + self.GAP), (self.width() - 4) / self._days())
        dot = min(float(self.DOT), pitch * 0.7)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in range(self._days()):
            day = self._today.replace(day=index + 1)
            rect = QRectF(index * pitch + 3, 4 + (self.DOT - dot) / 2, dot, dot)
            style_day_mark(painter, day in self._practised, self._scheme)
            painter.drawEllipse(rect)
            if day == self._today:
                painter.setPen(QPen(QColor(c["muted"]), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect.adjusted(-3, -3, 3, 3))
        painter.end()


class HomeScreen(QWidget):
    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.greeting = widgets.label(role="title", wrap=True)
        self.today = widgets.label(role="lead", wrap=True)
        self.start_button = widgets.button(_("Start practice"), role="primary")
        self.start_button.setAutoDefault(True)
        self.start_button.setAccessibleName(_("Start practice"))
        self.start_button.setToolTip(_("Start today’s practice (Enter)"))
        self.start_button.clicked.connect(self.start_requested)
        self.month_label = widgets.label(role="muted")
        self.month = MonthDots()
        self.hint = widgets.label(_("Enter starts · F1 lists every key"), role="muted", wrap=True)

        layout = self.column = widgets.reading_column(self)
        layout.setContentsMargins(56, 48, 56, 40)
        layout.setSpacing(18)
        layout.addStretch(1)
        layout.addWidget(self.greeting)
        layout.addWidget(self.today)
        layout.addSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        layout.addWidget(self.month_label)
        layout.addWidget(self.month)
        layout.addSpacing(6)
        layout.addWidget(self.hint)

    def show_day(self, now: dt.datetime, outlook: TodaysOutlook, scheme: str) -> None:
        today, cards = outlook.today, outlook.cards
        self.greeting.setText(greeting(now))
        self.today.setText(
            todays_line(
                cards,
                outlook.minutes,
                after_long_break=outlook.after_long_break,
                more_waiting=outlook.more_waiting,
            )
        )
        self.start_button.setEnabled(cards > 0)
        self.start_button.setToolTip(
            _("Start today’s practice (Enter)")
            if cards > 0
            else _("Nothing is waiting today; the next cards come up on their own day")
        )
        self.month_label.setText(month_name(today.month))
        self.month.set_month(today, outlook.practised, scheme)
        if cards > 0:
            self.start_button.setFocus()

    def place_at_foot(self, widget: QWidget) -> None:
        """A quiet line of the window's (how syncing goes) under the hint."""
        self.column.addWidget(widget)

    def place_above_month(self, widget: QWidget) -> None:
        """A quiet line of the window's (the goals prompt) just above the month row."""
        self.column.insertWidget(self.column.indexOf(self.month_label), widget)
