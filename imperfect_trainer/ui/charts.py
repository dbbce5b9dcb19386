"""QtCharts built in the app's calm colours, readable on the light and the dark palette."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy

from imperfect_trainer.ui.theme import colours, is_dark

# Beside the theme's teal: a warm second colour, distinct from it and never a warning red,
# and a quiet one for what has not started yet.
_EXTRA = {
    "light": {"second": "#b08944", "quiet": "#d3cec4"},
    "dark": {"second": "#d6b47c", "quiet": "#4b5055"},
}


def palette(scheme: str) -> dict[str, str]:
    return {**colours(scheme), **_EXTRA["dark" if is_dark(scheme) else "light"]}


def _chart(title: str, c: dict[str, str]) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleBrush(QBrush(QColor(c["text"])))
    font = QFont(chart.titleFont())
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setBackgroundBrush(QBrush(QColor(c["surface"])))
    chart.setBackgroundPen(QPen(QColor(c["line"])))
    chart.setBackgroundRoundness(12)
    chart.setMargins(QMargins(6, 6, 10, 6))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setLabelColor(QColor(c["text"]))
    chart.legend().hide()
    return chart


def _style_axis(axis: QAbstractAxis, c: dict[str, str], *, grid: bool) -> None:
    axis.setLabelsBrush(QBrush(QColor(c["muted"])))
    axis.setLinePen(QPen(QColor(c["line"])))
    axis.setGridLineVisible(grid)
    axis.setGridLinePen(QPen(QColor(c["line"]), 1))
    axis.setTitleBrush(QBrush(QColor(c["muted"])))


def _value_axis(
    top: float, c: dict[str, str], *, label_format: str = "%d", at_least: float = 1.0
) -> QValueAxis:
    """A count axis with whole, round steps (1, 2, 5, 10, …), so labels never read "1, 1, 1"."""
    axis = QValueAxis()
    # Headroom so the tallest bar never touches the frame; ``at_least`` keeps a quiet day from
    # filling the whole chart (or an empty one from collapsing).
    wanted = max(at_least, top * 1.15)
    step = next(s for s in _NICE_STEPS if wanted / s <= 5)
    axis.setRange(0, math.ceil(wanted / step) * step)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat(label_format)
    _style_axis(axis, c, grid=True)
    return axis


_NICE_STEPS = tuple(base * 10**power for power in range(7) for base in (1, 2, 5))


def _day_axis(days: Sequence[dt.date], c: dict[str, str]) -> QCategoryAxis:
    """Days along the bottom, labelled once a week (Mondays) so 90 days stay legible."""
    axis = QCategoryAxis()
    axis.setRange(-0.5, len(days) - 0.5)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = 1 if len(days) <= 31 else 2
    mondays = [n for n, day in enumerate(days) if day.weekday() == 0]
    for n in mondays[::step]:
        axis.append(f"{days[n].day} {days[n]:%b}", n)
    _style_axis(axis, c, grid=False)
    return axis


def _view(chart: QChart, height: int, name: str) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    view.setFixedHeight(height)
    view.setAccessibleName(name)
    view.setStyleSheet("background: transparent")
    return view


def day_bars(
    title: str,
    days: Sequence[dt.date],
    values: Sequence[float],
    scheme: str,
    *,
    colour: str = "accent",
    label_format: str = "%d",
    at_least: float = 1.0,
    description: str = "",
) -> QChartView:
    """One bar per day."""
    c = palette(scheme)
    chart = _chart(title, c)
    bars = QBarSet(title)
    bars.append(list(values))
    bars.setColor(QColor(c[colour]))
    bars.setBorderColor(QColor(c[colour]))
    series = QBarSeries()
    series.setBarWidth(0.7)
    series.append(bars)
    chart.addSeries(series)
    x = _day_axis(days, c)
    y = _value_axis(max(values, default=0), c, label_format=label_format, at_least=at_least)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    view = _view(chart, 230, title)
    view.setAccessibleDescription(description)
    return view


def share_line(
    title: str,
    days: Sequence[dt.date],
    shares: Sequence[float | None],
    scheme: str,
    *,
    description: str = "",
) -> QChartView:
    """A percentage per day, drawn only on days that have one (no line through empty days)."""
    c = palette(scheme)
    chart = _chart(title, c)
    line = QLineSeries()
    dots = QScatterSeries()
    line.setPen(QPen(QColor(c["accent"]), 2))
    dots.setColor(QColor(c["accent"]))
    dots.setBorderColor(QColor(c["accent"]))
    dots.setMarkerSize(7)
    for n, share in enumerate(shares):
        if share is not None:
            point = QPointF(n, share * 100)
            line.append(point)
            dots.append(point)
    x = _day_axis(days, c)
    y = QValueAxis()
    # Ticks every 25% with a little room above 100%, so a full day's dot is not cut in half.
    y.setRange(0, 106)
    y.setTickType(QValueAxis.TickType.TicksDynamic)
    y.setTickAnchor(0)
    y.setTickInterval(25)
    y.setLabelFormat("%d%%")
    _style_axis(y, c, grid=True)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for series in (line, dots):
        chart.addSeries(series)
        series.attachAxis(x)
        series.attachAxis(y)
    view = _view(chart, 230, title)
    view.setAccessibleDescription(description)
    return view


def stacked_rows(
    title: str,
    categories: Sequence[str],
    parts: Sequence[tuple[str, str, Sequence[int]]],
    scheme: str,
    *,
    description: str = "",
) -> QChartView:
    """One horizontal bar per category, split into named parts (label, colour role, values)."""
    c = palette(scheme)
    chart = _chart(title, c)
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.62)
    # A horizontal chart puts its first category at the bottom; reversed, the list reads
    # top-down in the deck's order.
    for label, colour, values in parts:
        bars = QBarSet(label)
        bars.append(list(reversed(values)))
        bars.setColor(QColor(c[colour]))
        bars.setBorderColor(QColor(c["surface"]))
        series.append(bars)
    chart.addSeries(series)
    y = QBarCategoryAxis()
    y.append(list(reversed(categories)))
    y.setTruncateLabels(False)
    _style_axis(y, c, grid=False)
    y.setLabelsBrush(QBrush(QColor(c["text"])))
    totals = [sum(values[n] for _, _, values in parts) for n in range(len(categories))]
    x = _value_axis(max(totals, default=0), c)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y)
    series.attachAxis(x)
    chart.legend().show()
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = _view(chart, 120 + 26 * len(categories), title)
    view.setAccessibleDescription(description)
    return view
