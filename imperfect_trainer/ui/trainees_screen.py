"""My trainees: for a supervisor on a programme's server, each assigned trainee's practised
days (quiet dots, never a streak), how settled each section of the deck is, and the goals and
journal entries the trainee chose to share. Nothing here can change a trainee's collection."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import supervision
from imperfect_trainer.deck.features.statistics import CALENDAR_WEEKS
from imperfect_trainer.deck.features.supervision import TraineeOverview
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.clock import Clock
from imperfect_trainer.ui.guard import guarded
from imperfect_trainer.ui.page_scroll import scroll_page
from imperfect_trainer.ui.practice_calendar import PracticeCalendar

PERIOD_DAYS = 30


def practice_line(overview: TraineeOverview, today: dt.date) -> str:
    first = today - dt.timedelta(days=PERIOD_DAYS - 1)
    days = overview.days_between(first, today)
    if not days:
        return f"No practice in the last {PERIOD_DAYS} days."
    minutes = max(1, round(overview.minutes_between(first, today)))
    return (
        f"Practised on {days} day{'s' if days != 1 else ''} of the last {PERIOD_DAYS}, "
        f"about {minutes} minute{'s' if minutes != 1 else ''} in all."
    )


def check_line(goal: supervision.SharedGoal) -> str:
    """The seed's check beside a goal, in words."""
    striving = goal.striving.label if goal.striving else "Not answered yet"
    if goal.discussed_in_supervision is None:
        return f"{striving}."
    talked = "talked through" if goal.discussed_in_supervision else "not yet talked through"
    return f"{striving}; {talked} in supervision."


class TraineesScreen(QWidget):
    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.scheme = "system"

        self.names = QListWidget()
        self.names.setAccessibleName("Trainees")
        self.names.setMaximumWidth(220)
        self.names.currentTextChanged.connect(self._show)
        self.empty = widgets.label(
            "No trainees are assigned to you yet. The programme's administrator adds them "
            "with: server add-supervisor.",
            role="notice",
            wrap=True,
        )
        self.name = widgets.label(role="heading")
        self.practice = widgets.label(wrap=True)
        self.calendar = PracticeCalendar()
        # One label each, its text replaced on every look: nothing to lay out anew.
        self.sections = self._block("Sections")
        self.goals = self._block("Shared goals")
        self.journal = self._block("Shared journal entries")

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(10)
        inner.addWidget(self.name)
        inner.addWidget(self.practice)
        inner.addWidget(self.calendar, 0, Qt.AlignmentFlag.AlignLeft)
        # What the trainee chose to share comes first; the deck's long list of sections last.
        inner.addWidget(widgets.label("Goals they shared", role="heading"))
        inner.addWidget(self.goals)
        inner.addWidget(widgets.label("Journal entries they shared", role="heading"))
        inner.addWidget(self.journal)
        inner.addWidget(widgets.label("How settled each section is", role="heading"))
        inner.addWidget(self.sections)
        inner.addStretch(1)
        self.details = scroll_page(content)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.names)
        body.addWidget(self.details, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(widgets.label("My trainees", role="title"))
        layout.addWidget(
            widgets.label(
                "What each trainee chose to share with you, and how their practice is going.",
                role="muted",
                wrap=True,
            )
        )
        layout.addWidget(self.empty)
        layout.addLayout(body, 1)

    def refresh(self, scheme: str) -> None:
        self.scheme = scheme
        names = guarded(self, lambda: supervision.trainees(self.store))
        if names is None:
            return
        chosen = self.names.currentItem().text() if self.names.currentItem() else None
        self.names.blockSignals(True)
        self.names.clear()
        self.names.addItems(names)
        self.names.blockSignals(False)
        self.empty.setVisible(not names)
        self.names.setVisible(bool(names))
        self.details.setVisible(bool(names))
        if names:
            self.names.setCurrentRow(names.index(chosen) if chosen in names else 0)
            self._show(self.names.currentItem().text())

    def _show(self, trainee: str) -> None:
        if not trainee:
            return
        today = self.store.practice_day(self.clock())
        calendar_start = today - dt.timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
        period_start = today - dt.timedelta(days=PERIOD_DAYS - 1)
        overview = guarded(
            self,
            lambda: supervision.overview(
                self.store, trainee, min(calendar_start, period_start), today
            ),
        )
        if overview is None:
            return
        self.name.setText(trainee)
        self.practice.setText(practice_line(overview, today))
        days = [
            calendar_start + dt.timedelta(days=n) for n in range((today - calendar_start).days + 1)
        ]
        self.calendar.set_days(days, overview.practised_days, self.scheme)
        self._fill(
            self.sections,
            [
                f"{progress.section}: {progress.settled} of {progress.cards} settled, "
                f"{progress.new} not met yet"
                for progress in overview.sections
            ],
            "No practice yet.",
            between="\n",
        )
        self._fill(
            self.goals,
            [
                f"{goal.text}\n{check_line(goal)}" + (f"\n{goal.note}" if goal.note else "")
                for goal in overview.goals
            ],
            "Nothing shared yet.",
        )
        self._fill(
            self.journal,
            [f"{entry.practice_day:%d %B %Y}\n{entry.text}" for entry in overview.journal],
            "Nothing shared yet.",
        )

    @staticmethod
    def _block(name: str) -> QLabel:
        block = widgets.label(wrap=True)
        block.setTextFormat(Qt.TextFormat.PlainText)  # a trainee's words, never markup
        block.setAccessibleName(name)
        block.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return block

    @staticmethod
    def _fill(block: QLabel, items: list[str], when_empty: str, between: str = "\n\n") -> None:
        block.setText(between.join(items) if items else when_empty)

    def entry_labels(self) -> list[str]:
        """The journal entries shown, each as its text (for tests and screen readers alike)."""
        return self.journal.text().split("\n\n")
