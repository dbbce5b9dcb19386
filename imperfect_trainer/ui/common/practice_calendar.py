"""The practised days of the last half year as a calm grid: a filled dot for a practised day,
an outline for any other. It counts nothing in a row; a gap is just a day.

Its labels take the current text size, and in a narrow window it shows the most recent weeks
that fit (the description still speaks of the whole half year)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from imperfect_trainer.translation import _, ngettext
from imperfect_trainer.ui.common.language import short_month, weekday_short
from imperfect_trainer.ui.common.theme import colours, style_day_mark

LABELLED_WEEKDAYS = (0, 2, 4)  # Monday, Wednesday, Friday, as wall calendars do
FEWEST_WEEKS = 8


class PracticeCalendar(QWidget):
    GAP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[dt.date] = []
        self._practised: set[dt.date] = set()
        self._scheme = "system"
        self.setAccessibleName(_("Calendar of practised days"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_days(self, days: list[dt.date], practised: set[dt.date], scheme: str) -> None:
        """``days`` run from a Monday to today, oldest first."""
        self._days, self._practised, self._scheme = days, practised & set(days), scheme
        count = len(self._practised)
        self.setAccessibleDescription(
            ngettext(
                "Practised on {count} of the last {days} day",
                "Practised on {count} of the last {days} days",
                len(days),
            ).format(count=count, days=len(days))
            if days
            else _("No days to show")
        )
        self.updateGeometry()
        self.update()

    # The grid's measures follow the font: a cell about two thirds of a line of text.

    @property
    def cell(self) -> int:
        return max(12, round(self.fontMetrics().height() * 0.62))

    @property
    def pitch(self) -> int:
        return self.cell + self.GAP

    @property
    def gutter(self) -> int:
        metrics = self.fontMetrics()
        names = (weekday_short(weekday) for weekday in LABELLED_WEEKDAYS)
        return max(metrics.horizontalAdvance(name) for name in names) + 10

    @property
    def label_height(self) -> int:
        return self.fontMetrics().lineSpacing() + 2

    def _weeks(self) -> int:
        return (len(self._days) + 6) // 7

    def _width_for(self, weeks: int) -> int:
        # Room after the last column for a month's name that starts there ("Dec", not "De").
        metrics = self.fontMetrics()
        month = max(metrics.horizontalAdvance(short_month(m)) for m in range(1, 13))
        return self.gutter + weeks * self.pitch + max(0, month - self.pitch)

    def weeks_shown(self) -> int:
        """As many of the latest weeks as the width allows."""
        weeks = self._weeks()
        while weeks > FEWEST_WEEKS and self._width_for(weeks) > self.width():
            weeks -= 1
        return weeks

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self._weeks()), self.label_height + 7 * self.pitch)

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self._width_for(min(FEWEST_WEEKS, self._weeks())), self.label_height + 7 * self.pitch
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._days:
            return
        c = colours(self._scheme)
        pitch, cell, gutter, label_height = self.pitch, self.cell, self.gutter, self.label_height
        shown_from = (self._weeks() - self.weeks_shown()) * 7
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(c["muted"]))
        for weekday in LABELLED_WEEKDAYS:
            painter.drawText(
                QRectF(0, label_height + weekday * pitch, gutter - 6, pitch),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                weekday_short(weekday),
            )
        month_shown = None
        free_from = 0.0  # where the last month's name ends: names never overlap
        metrics = self.fontMetrics()
        for index, day in enumerate(self._days[shown_from:]):
            week, weekday = divmod(index, 7)
            x = gutter + week * pitch
            starts_month = day.day <= 7 or index == 0
            if weekday == 0 and day.month != month_shown and starts_month and x >= free_from:
                month_shown = day.month
                free_from = x + metrics.horizontalAdvance(short_month(day.month)) + self.GAP
                painter.setPen(QColor(c["muted"]))
                painter.drawText(
                    QRectF(x, 0, self.width() - x, label_height),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    short_month(day.month),
                )
            rect = QRectF(x + 1, label_height + weekday * pitch + 1, cell, cell)
            style_day_mark(painter, day in self._practised, self._scheme)
            painter.drawRoundedRect(rect, 4, 4)
        painter.end()
