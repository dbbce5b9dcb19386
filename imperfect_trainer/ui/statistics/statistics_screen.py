"""Statistics: answers and minutes per day, retention, what is coming, which ideas are settled,
and the practised days. Every number is about practice done; none counts days in a row."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTabBar, QVBoxLayout, QWidget

from imperfect_trainer.deck.features import statistics
from imperfect_trainer.deck.features.statistics import Activity, SectionMastery
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.language import number
from imperfect_trainer.ui.common.operations import run_op
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.practice_calendar import PracticeCalendar
from imperfect_trainer.ui.common.reflow import FlowRow
from imperfect_trainer.ui.statistics import charts

PERIODS = (30, 90)


def summary_lines(numbers: Activity) -> tuple[str, str]:
    period = numbers.period_days
    if not numbers.answers:
        return (
            _(
                "In the last {period} days there were no answers. Whenever you come back, "
                "five minutes is plenty."
            ).format(period=period),
            "",
        )
    days = numbers.days_practised
    minutes = max(1, round(numbers.minutes))
    first = _("In the last {period} days you practised on {days}: {answers}, about {minutes}.")
    first = first.format(
        period=period,
        days=ngettext("{count} day", "{count} days", days).format(count=days),
        answers=ngettext("{count} answer", "{count} answers", numbers.answers).format(
            count=number(numbers.answers)
        ),
        minutes=ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes),
    )
    retention = numbers.retention
    second = (
        _("{percent}% of the day’s first answers were graded 3 or higher.").format(
            percent=round(retention * 100)
        )
        if retention is not None
        else ""
    )
    return first, second


def mastery_lines(sections: list[SectionMastery]) -> tuple[str, str]:
    settled = statistics.most_settled(sections)
    hard = statistics.still_hard(sections)
    first = (
        _("Most settled: {sections}.").format(sections="; ".join(s.section for s in settled))
        if settled
        else _("Nothing has settled yet: a card settles once it waits three weeks between answers.")
    )
    second = (
        _("Still feeling hard: {sections}.").format(sections="; ".join(s.section for s in hard))
        if hard
        else _("No section stands out as hard.")
    )
    return first, second


class StatisticsScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.scheme = "system"
        self.period_days = PERIODS[0]
        self.numbers: Activity | None = None
        self.sections: list[SectionMastery] = []
        self.mastery_timer = QTimer(self)
        self.mastery_timer.setSingleShot(True)
        self.mastery_timer.setInterval(0)
        self.mastery_timer.timeout.connect(self.show_mastery)

        self.title = widgets.label(_("Statistics"), role="title")
        # The periods as tabs: a screen reader hears "30 days, tab, selected", and the arrow
        # keys move between them.
        self.periods = QTabBar()
        self.periods.setObjectName("periods")
        self.periods.setAccessibleName(_("Period shown"))
        self.periods.setDrawBase(False)
        self.periods.setExpanding(False)
        for days in PERIODS:
            tab = self.periods.addTab(_("{days} days").format(days=days))
            self.periods.setTabToolTip(
                tab,
                _("The last {days} days ({keys})").format(days=days, keys=f"Alt+{str(days)[0]}"),
            )
        self.periods.currentChanged.connect(lambda tab: self.set_period(PERIODS[tab]))
        self.period_commands: list[QAction] = []
        for tab, days in enumerate(PERIODS):
            command = Command(
                _("The last {days} days").format(days=days),
                _("Show the last {days} days").format(days=days),
                self,
                keys=f"Alt+{str(days)[0]}",
                run=partial(self.periods.setCurrentIndex, tab),
            )
            self.period_commands.append(command)
        self.commands: list[QAction] = list(self.period_commands)
        self.summary = widgets.label(role="lead", wrap=True)
        self.retention = widgets.label(wrap=True)
        self.settled_line = widgets.label(wrap=True)
        self.hard_line = widgets.label(wrap=True)
        self.calendar = PracticeCalendar()

        self.answers_chart = charts.DayBars(_("Answers per day"))
        # The scale of one practice, so a short day is a short bar, not a full one.
        self.minutes_chart = charts.DayBars(
            _("Minutes per day"), colour="second", label_format="%.0f", at_least=5
        )
        self.retention_chart = charts.ShareLine(_("First answers graded 3 or higher"))
        self.forecast_chart = charts.DayBars(_("Cards coming up, next 30 days"))
        self.sections_chart = charts.StackedRows(_("Cards per section"))
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(self.summary)
        inner.addWidget(self.retention)
        for chart in (
            self.answers_chart,
            self.minutes_chart,
            self.retention_chart,
            self.forecast_chart,
        ):
            inner.addWidget(chart)
        inner.addWidget(widgets.label(_("Which ideas are settled"), role="heading", wrap=True))
        inner.addWidget(self.settled_line)
        inner.addWidget(self.hard_line)
        inner.addWidget(self.sections_chart)
        inner.addWidget(widgets.label(_("Days you practised"), role="heading", wrap=True))
        inner.addWidget(self.calendar)
        inner.addWidget(
            widgets.label(
                _(
                    "A filled square is a day with practice. Gaps are ordinary: nothing here "
                    "counts days in a row."
                ),
                role="muted",
                wrap=True,
            )
        )
        inner.addStretch(1)
        scroll = self.page_scroll = scroll_page(content)

        top = FlowRow(spacing=12)
        top.add(self.title, self.periods)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    @property
    def all_charts(self) -> list[charts.Chart]:
        return [
            self.answers_chart,
            self.minutes_chart,
            self.retention_chart,
            self.forecast_chart,
            self.sections_chart,
        ]

    def page_menus(self) -> list[QMenu]:
        return []

    def set_period(self, days: int) -> None:
        if days == self.period_days:
            return
        self.period_days = days
        self.periods.setCurrentIndex(PERIODS.index(days))
        # The mastery does not depend on the period: only the activity is asked for again.
        self._show_activity()

    def refresh(self, scheme: str) -> None:
        """Show the numbers now: the activity at once, the mastery per section (a pass over
        every card, below the first screenful) as soon as the first screenful is drawn."""
        self.scheme = scheme
        if self._show_activity():
            self.mastery_timer.start()

    def _show_activity(self) -> bool:
        today = self.store.practice_day(self.clock())
        numbers = run_op(
            self,
            lambda: statistics.gather_activity(self.store, today, period_days=self.period_days),
        )
        if numbers is None:
            return False
        self.numbers = numbers
        first, second = summary_lines(numbers)
        self.summary.setText(first)
        self.retention.setText(second)
        self.retention.setVisible(bool(second))
        self._draw_activity(numbers)
        self.calendar.set_days(numbers.calendar, set(numbers.practised_days), self.scheme)
        return True

    def show_mastery(self) -> None:
        """The mastery per section: its two lines and its chart."""
        self.mastery_timer.stop()
        today = self.store.practice_day(self.clock())
        sections = run_op(
            self,
            lambda: statistics.gather_mastery(self.store, today, period_days=self.period_days),
        )
        if sections is None:
            return
        self.sections = sections
        settled, hard = mastery_lines(sections)
        self.settled_line.setText(settled)
        self.hard_line.setText(hard)
        self.sections_chart.set_data(
            [s.section for s in sections],
            [
                (_("Settled"), "accent", [s.settled for s in sections]),
                (_("Settling"), "second", [s.settling for s in sections]),
                (_("Not met yet"), "quiet", [s.new for s in sections]),
            ],
            self.scheme,
            f"{settled} {hard}",
        )

    def _draw_activity(self, numbers: Activity) -> None:
        days = numbers.period
        activity = numbers.period_activity
        scheme = self.scheme
        self.answers_chart.set_data(
            days,
            [a.answers for a in activity],
            scheme,
            ngettext(
                "{count} answer in the last {days} days",
                "{count} answers in the last {days} days",
                numbers.answers,
            ).format(count=number(numbers.answers), days=numbers.period_days),
        )
        minutes = round(numbers.minutes)
        self.minutes_chart.set_data(
            days,
            [a.minutes for a in activity],
            scheme,
            ngettext("About {count} minute in all", "About {count} minutes in all", minutes).format(
                count=minutes
            ),
        )
        self.retention_chart.set_data(
            days,
            [a.retention for a in activity],
            scheme,
            self.retention.text() or _("No first answers in this period"),
        )
        due = [count for _day, count in numbers.forecast]
        self.forecast_chart.set_data(
            [day for day, _count in numbers.forecast],
            due,
            scheme,
            ngettext(
                "{count} card comes up in the next 30 days; {today} are waiting today",
                "{count} cards come up in the next 30 days; {today} are waiting today",
                sum(due),
            ).format(count=number(sum(due)), today=due[0]),
        )
