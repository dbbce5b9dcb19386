"""The practised days of the last half year as a calm grid: a filled dot for a practised day,
an outline for any other. It counts nothing in a row; a gap is just a day."""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from imperfect_trainer.ui.theme import colours, style_day_mark


class PracticeCalendar(QWidget):
    CELL = 14
    GAP = 4
    LABEL_HEIGHT = 18
    GUTTER = 44  # weekday names on the left
    LABELLED_WEEKDAYS = (0, 2, 4)  # Monday, Wednesday, Friday, as wall calendars do

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[dt.date] = []
        self._practised: set[dt.date] = set()
        self._scheme = "system"
        self.setAccessibleName("Calendar of practised days")

    def set_days(self, days: list[dt.date], practised: set[dt.date], scheme: str) -> None:
        """``days`` run from a Monday to today, oldest first."""
        self._days, self._practised, self._scheme = days, practised & set(days), scheme
        count = len(self._practised)
        self.setAccessibleDescription(
            f"Practised on {count} of the last {len(days)} days" if days else "No days to show"
        )
        self.updateGeometry()
        self.update()

    def _weeks(self) -> int:
        return (len(self._days) + 6) // 7

    def sizeHint(self) -> QSize:
        pitch = self.CELL + self.GAP
        return QSize(self.GUTTER + self._weeks() * pitch, self.LABEL_HEIGHT + 7 * pitch)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._days:
            return
        c = colours(self._scheme)
        pitch = self.CELL + self.GAP
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(c["muted"]))
        for weekday in self.LABELLED_WEEKDAYS:
            painter.drawText(
                QRectF(0, self.LABEL_HEIGHT + weekday * pitch, self.GUTTER - 6, pitch),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                calendar.day_abbr[weekday],
            )
        month_shown = None
        for index, day in enumerate(self._days):
            week, weekday = divmod(index, 7)
            x = self.GUTTER + week * pitch
            if weekday == 0 and day.month != month_shown and (day.day <= 7 or index == 0):
                month_shown = day.month
                painter.setPen(QColor(c["muted"]))
                painter.drawText(
                    QRectF(x, 0, pitch * 4, self.LABEL_HEIGHT),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    f"{day:%b}",
                )
            rect = QRectF(x + 1, self.LABEL_HEIGHT + weekday * pitch + 1, self.CELL, self.CELL)
            style_day_mark(painter, day in self._practised, self._scheme)
            painter.drawRoundedRect(rect, 4, 4)
        painter.end()
