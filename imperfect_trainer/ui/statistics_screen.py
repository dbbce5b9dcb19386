"""Statistics: answers and minutes per day, retention, what is coming, which ideas are settled,
and the practised days. Every number is about practice done; none counts days in a row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import statistics
from imperfect_trainer.deck.features.statistics import Statistics
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import charts, widgets
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.guard import guarded
from imperfect_trainer.ui.page_scroll import scroll_page
from imperfect_trainer.ui.practice_calendar import PracticeCalendar

PERIODS = (30, 90)
_SECTION_LABEL = 38


def short(text: str, limit: int = _SECTION_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_lines(numbers: Statistics) -> tuple[str, str]:
    period = f"In the last {numbers.period_days} days"
    if not numbers.answers:
        return (
            f"{period} there were no answers. Whenever you come back, five minutes is plenty.",
            "",
        )
    days = numbers.days_practised
    minutes = max(1, round(numbers.minutes))
    first = (
        f"{period} you practised on {days} day{'s' if days != 1 else ''}: "
        f"{numbers.answers:,} answer{'s' if numbers.answers != 1 else ''}, "
        f"about {minutes} minute{'s' if minutes != 1 else ''}."
    )
    retention = numbers.retention
    second = (
        f"{round(retention * 100)}% of the day’s first answers were graded 3 or higher."
        if retention is not None
        else ""
    )
    return first, second


def mastery_lines(numbers: Statistics) -> tuple[str, str]:
    settled = statistics.most_settled(numbers.sections)
    hard = statistics.still_hard(numbers.sections)
    first = (
        "Most settled: " + "; ".join(s.section for s in settled) + "."
        if settled
        else "Nothing has settled yet: a card settles once it waits three weeks between answers."
    )
    second = (
        "Still feeling hard: " + "; ".join(s.section for s in hard) + "."
        if hard
        else "No section stands out as hard."
    )
    return first, second


class StatisticsScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.scheme = "system"
        self.period_days = PERIODS[0]
        self.numbers: Statistics | None = None

        self.title = widgets.label("Statistics", role="title")
        self.period_group = QButtonGroup(self)
        period_row = QHBoxLayout()
        period_row.setSpacing(6)
        for days in PERIODS:
            button = widgets.button(f"{days} days", role="segment")
            button.setCheckable(True)
            button.setAccessibleName(f"Show the last {days} days")
            self.period_group.addButton(button, days)
            period_row.addWidget(button)
        self.period_group.button(self.period_days).setChecked(True)
        self.period_group.idClicked.connect(self.set_period)
        self.summary = widgets.label(role="lead", wrap=True)
        self.retention = widgets.label(wrap=True)
        self.settled_line = widgets.label(wrap=True)
        self.hard_line = widgets.label(wrap=True)
        self.calendar = PracticeCalendar()

        self.charts = QVBoxLayout()
        self.charts.setSpacing(14)
        self.mastery_chart = QVBoxLayout()
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(self.summary)
        inner.addWidget(self.retention)
        inner.addLayout(self.charts)
        inner.addWidget(widgets.label("Which ideas are settled", role="heading"))
        inner.addWidget(self.settled_line)
        inner.addWidget(self.hard_line)
        inner.addLayout(self.mastery_chart)
        inner.addWidget(widgets.label("Days you practised", role="heading"))
        inner.addWidget(self.calendar, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(
            widgets.label(
                "A filled square is a day with practice. Gaps are ordinary: nothing here "
                "counts days in a row.",
                role="muted",
                wrap=True,
            )
        )
        inner.addStretch(1)
        scroll = scroll_page(content)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addLayout(period_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def set_period(self, days: int) -> None:
        self.period_days = days
        self.period_group.button(days).setChecked(True)
        self.refresh(self.scheme)

    def refresh(self, scheme: str) -> None:
        self.scheme = scheme
        today = self.store.practice_day(self.clock())
        numbers = guarded(
            self, lambda: statistics.gather(self.store, today, period_days=self.period_days)
        )
        if numbers is None:
            return
        self.numbers = numbers
        first, second = summary_lines(numbers)
        self.summary.setText(first)
        self.retention.setText(second)
        self.retention.setVisible(bool(second))
        settled, hard = mastery_lines(numbers)
        self.settled_line.setText(settled)
        self.hard_line.setText(hard)
        self._draw_charts(numbers)
        self.calendar.set_days(numbers.calendar, numbers.practised_days, scheme)

    def _draw_charts(self, numbers: Statistics) -> None:
        for layout in (self.charts, self.mastery_chart):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    # Out of the screen at once (no lingering child), freed by Qt later.
                    widget.setParent(None)
                    widget.deleteLater()
        days = numbers.period
        activity = numbers.period_activity
        forecast_days = [day for day, _ in numbers.forecast]
        self.charts.addWidget(
            charts.day_bars(
                "Answers per day",
                days,
                [a.answers for a in activity],
                self.scheme,
                description=f"{numbers.answers} answers in the last {numbers.period_days} days",
            )
        )
        self.charts.addWidget(
            charts.day_bars(
                "Minutes per day",
                days,
                [a.minutes for a in activity],
                self.scheme,
                colour="second",
                label_format="%.0f",
                # The scale of one practice, so a short day is a short bar, not a full one.
                at_least=5,
                description=f"About {round(numbers.minutes)} minutes in all",
            )
        )
        self.charts.addWidget(
            charts.share_line(
                "First answers graded 3 or higher",
                days,
                [a.retention for a in activity],
                self.scheme,
                description=self.retention.text(),
            )
        )
        due = [count for _, count in numbers.forecast]
        self.charts.addWidget(
            charts.day_bars(
                "Cards coming up, next 30 days",
                forecast_days,
                due,
                self.scheme,
                description=f"{sum(due)} cards come up in the next 30 days; "
                f"{due[0]} are waiting today",
            )
        )
        sections = numbers.sections
        self.mastery_chart.addWidget(
            charts.stacked_rows(
                "Cards per section",
                [short(s.section) for s in sections],
                [
                    ("Settled", "accent", [s.settled for s in sections]),
                    ("Settling", "second", [s.settling for s in sections]),
                    ("Not met yet", "quiet", [s.new for s in sections]),
                ],
                self.scheme,
                description=self.settled_line.text() + " " + self.hard_line.text(),
            )
        )
