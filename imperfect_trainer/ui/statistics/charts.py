"""The statistics' charts, painted with QPainter in the app's calm colours on the light and the
dark palette: bars per day, a share per day, and stacked bars per section.

Each chart is one light widget whose numbers are replaced in place (``set_data``) and which
paints itself at the current text size: no chart objects rebuilt on every refresh, as QtCharts
needed, and labels that scale with the font instead of being cut short. A chart takes the
keyboard focus (with a visible ring) so a person tabbing through the screen, or a screen
reader, reaches it and hears its description.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from imperfect_trainer.ui.common.language import short_day
from imperfect_trainer.ui.common.theme import colours, is_dark

# Beside the theme's teal: a warm second colour, distinct from it and never a warning red,
# and a quiet one for what has not started yet.
_EXTRA = {
    "light": {"second": "#b08944", "quiet": "#d3cec4"},
    "dark": {"second": "#d6b47c", "quiet": "#4b5055"},
}
_NICE_STEPS = tuple(base * 10**power for power in range(7) for base in (1, 2, 5))
_PAD = 12
_RADIUS = 12


def palette(scheme: str) -> dict[str, str]:
    return {**colours(scheme), **_EXTRA["dark" if is_dark(scheme) else "light"]}


@dataclass(frozen=True, slots=True)
class Scale:
    """A count axis: from 0 to ``top`` in whole, round steps (1, 2, 5, 10, …), never "1, 1, 1"."""

    top: float
    step: float

    @property
    def ticks(self) -> list[float]:
        return [self.step * n for n in range(round(self.top / self.step) + 1)]


def value_scale(highest: float, *, at_least: float = 1.0) -> Scale:
    # Headroom so the tallest bar never touches the frame; ``at_least`` keeps a quiet day from
    # filling the whole chart (or an empty one from collapsing).
    wanted = max(at_least, highest * 1.15)
    step = next(s for s in _NICE_STEPS if wanted / s <= 5)
    return Scale(math.ceil(wanted / step) * step, step)


def _label(value: float, label_format: str) -> str:
    return label_format % value


class Chart(QWidget):
    """A titled panel with a plot; subclasses draw the plot in ``draw``."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.scheme = "system"
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def describe(self, description: str, scheme: str) -> None:
        self.scheme = scheme
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.updateGeometry()
        self.update()

    def plot_lines(self) -> float:
        """The plot's height, in lines of text."""
        return 7.0

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        height = int(
            _PAD * 2 + self._title_font_metrics().lineSpacing() + 8 + line * self.plot_lines()
        )
        return QSize(line * 20, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 24, self.sizeHint().height())

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _title_font_metrics(self) -> QFontMetrics:
        return QFontMetrics(self._title_font())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = palette(self.scheme)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setBrush(QColor(c["surface"]))
        focused = self.hasFocus()
        painter.setPen(QPen(QColor(c["accent" if focused else "line"]), 2 if focused else 1))
        painter.drawRoundedRect(frame, _RADIUS, _RADIUS)
        painter.setFont(self._title_font())
        painter.setPen(QColor(c["text"]))
        title_height = self._title_font_metrics().lineSpacing()
        inner = frame.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), title_height),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            self._title_font_metrics().elidedText(
                self.title, Qt.TextElideMode.ElideRight, int(inner.width())
            ),
        )
        painter.setFont(self.font())
        self.draw(painter, inner.adjusted(0, title_height + 8, 0, 0), c)
        painter.end()

    def draw(self, painter: QPainter, area: QRectF, c: dict[str, str]) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------- shared drawing

    def _value_gutter(self, scale: Scale, label_format: str) -> float:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(_label(t, label_format)) for t in scale.ticks) + 8

    def _draw_value_axis(
        self, painter: QPainter, plot: QRectF, scale: Scale, label_format: str, c: dict[str, str]
    ) -> None:
        """Grid lines and their labels on the left of ``plot``."""
        line_height = self.fontMetrics().lineSpacing()
        for tick in scale.ticks:
            y = plot.bottom() - plot.height() * tick / scale.top
            painter.setPen(QPen(QColor(c["line"]), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(c["muted"]))
            painter.drawText(
                QRectF(0, y - line_height / 2, plot.left() - 6, line_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                _label(tick, label_format),
            )

    def _draw_day_axis(
        self, painter: QPainter, plot: QRectF, days: Sequence[dt.date], c: dict[str, str]
    ) -> None:
        """Days along the bottom: Mondays, as often as their labels fit side by side."""
        if not days:
            return
        metrics = self.fontMetrics()
        slot = plot.width() / len(days)
        room = (
            metrics.horizontalAdvance(short_day(dt.date(2026, 9, 30)))
            + metrics.averageCharWidth() * 2
        )
        weeks = max(1, math.ceil(room / (slot * 7)))
        mondays = [n for n, day in enumerate(days) if day.weekday() == 0][::weeks]
        painter.setPen(QColor(c["muted"]))
        top = plot.bottom() + 4
        for n in mondays:
            centre = plot.left() + slot * (n + 0.5)
            text = short_day(days[n])
            width = metrics.horizontalAdvance(text)
            left = min(max(centre - width / 2, plot.left() - 4), self.width() - _PAD - width)
            painter.drawText(
                QRectF(left, top, width + 2, metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                text,
            )


class DayBars(Chart):
    """One bar per day."""

    def __init__(
        self,
        title: str,
        *,
        colour: str = "accent",
        label_format: str = "%d",
        at_least: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.colour = colour
        self.label_format = label_format
        self.at_least = at_least
        self.days: list[dt.date] = []
        self.values: list[float] = []

    def set_data(
        self, days: Sequence[dt.date], values: Sequence[float], scheme: str, description: str
    ) -> None:
        self.days, self.values = list(days), list(values)
        self.describe(description, scheme)

    @property
    def scale(self) -> Scale:
        return value_scale(max(self.values, default=0), at_least=self.at_least)

    def draw(self, painter: QPainter, area: QRectF, c: dict[str, str]) -> None:
        scale = self.scale
        axis = self.fontMetrics().lineSpacing() + 6
        plot = QRectF(area).adjusted(self._value_gutter(scale, self.label_format), 4, 0, -axis)
        self._draw_value_axis(painter, plot, scale, self.label_format, c)
        if self.days:
            slot = plot.width() / len(self.days)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c[self.colour]))
            for n, value in enumerate(self.values):
                if value <= 0:
                    continue
                height = plot.height() * value / scale.top
                left = plot.left() + slot * (n + 0.15)
                painter.drawRect(QRectF(left, plot.bottom() - height, slot * 0.7, height))
        self._draw_day_axis(painter, plot, self.days, c)


class ShareLine(Chart):
    """A percentage per day, drawn only on days that have one (the line joins those days)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.days: list[dt.date] = []
        self.shares: list[float | None] = []

    def set_data(
        self,
        days: Sequence[dt.date],
        shares: Sequence[float | None],
        scheme: str,
        description: str,
    ) -> None:
        self.days, self.shares = list(days), list(shares)
        self.describe(description, scheme)

    def draw(self, painter: QPainter, area: QRectF, c: dict[str, str]) -> None:
        scale = Scale(100, 25)
        axis = self.fontMetrics().lineSpacing() + 6
        # A little room above 100%, so a full day's dot is not cut in half.
        plot = QRectF(area).adjusted(self._value_gutter(scale, "%d%%"), 8, 0, -axis)
        self._draw_value_axis(painter, plot, scale, "%d%%", c)
        if self.days:
            slot = plot.width() / len(self.days)
            points = [
                QPointF(plot.left() + slot * (n + 0.5), plot.bottom() - plot.height() * share)
                for n, share in enumerate(self.shares)
                if share is not None
            ]
            painter.setPen(QPen(QColor(c["accent"]), 2))
            for start, end in itertools.pairwise(points):
                painter.drawLine(start, end)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c["accent"]))
            for point in points:
                painter.drawEllipse(point, 3.5, 3.5)
        self._draw_day_axis(painter, plot, self.days, c)


class StackedRows(Chart):
    """One horizontal bar per category, split into named parts (label, colour role, values),
    with a legend below."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.categories: list[str] = []
        self.parts: list[tuple[str, str, list[int]]] = []

    def set_data(
        self,
        categories: Sequence[str],
        parts: Sequence[tuple[str, str, Sequence[int]]],
        scheme: str,
        description: str,
    ) -> None:
        self.categories = list(categories)
        self.parts = [(label, colour, list(values)) for label, colour, values in parts]
        self.describe(description, scheme)

    def plot_lines(self) -> float:
        # A row per category, the axis labels and the legend.
        return len(self.categories) * 1.35 + 3

    def _row_height(self) -> float:
        return self.fontMetrics().lineSpacing() * 1.35

    def draw(self, painter: QPainter, area: QRectF, c: dict[str, str]) -> None:
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        totals = [
            sum(values[n] for _, _, values in self.parts) for n in range(len(self.categories))
        ]
        scale = value_scale(max(totals, default=0))
        widest = max((metrics.horizontalAdvance(text) for text in self.categories), default=0)
        gutter = min(widest + 10, area.width() * 0.45)
        rows = QRectF(area.left() + gutter, area.top(), area.width() - gutter, 0)
        rows.setHeight(self._row_height() * len(self.categories))
        for tick in scale.ticks:
            x = rows.left() + rows.width() * tick / scale.top
            painter.setPen(QPen(QColor(c["line"]), 1))
            painter.drawLine(QPointF(x, rows.top()), QPointF(x, rows.bottom()))
            painter.setPen(QColor(c["muted"]))
            text = _label(tick, "%d")
            width = metrics.horizontalAdvance(text)
            left = min(x - width / 2, area.right() - width)
            painter.drawText(
                QRectF(left, rows.bottom() + 2, width + 2, line),
                int(Qt.AlignmentFlag.AlignLeft),
                text,
            )
        for n, category in enumerate(self.categories):
            top = rows.top() + self._row_height() * n
            painter.setPen(QColor(c["text"]))
            painter.drawText(
                QRectF(area.left(), top, gutter - 10, self._row_height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(gutter - 10)),
            )
            x = rows.left()
            bar = self._row_height() * 0.62
            painter.setPen(Qt.PenStyle.NoPen)
            for _, colour, values in self.parts:
                part = rows.width() * values[n] / scale.top
                painter.setBrush(QColor(c[colour]))
                painter.drawRect(QRectF(x, top + (self._row_height() - bar) / 2, part, bar))
                x += part
        legend = QRectF(area.left(), rows.bottom() + line + 8, area.width(), line)
        self._draw_legend(painter, legend, c)

    def _draw_legend(self, painter: QPainter, band: QRectF, c: dict[str, str]) -> None:
        metrics = self.fontMetrics()
        swatch = metrics.height() * 0.6
        widths = [swatch + 6 + metrics.horizontalAdvance(label) for label, _, _ in self.parts]
        gap = metrics.averageCharWidth() * 2
        x = band.left() + max(0.0, (band.width() - sum(widths) - gap * (len(widths) - 1)) / 2)
        for (label, colour, _), width in zip(self.parts, widths, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c[colour]))
            painter.drawRect(QRectF(x, band.center().y() - swatch / 2, swatch, swatch))
            painter.setPen(QColor(c["text"]))
            painter.drawText(
                QRectF(x + swatch + 6, band.top(), width, band.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            x += width + gap
