"""My trainees: for a supervisor on a programme's server, each assigned trainee's practised
days (quiet dots, never a streak), how settled each section of the deck is, and the goals and
journal entries the trainee chose to share. Nothing here can change a trainee's collection.

Its commands (the My trainees menu): a supervision report on the trainee shown (a PDF of the
same summary, File ▸ Supervision report… too), and a fresh look at what they share now."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import supervision
from imperfect_trainer.deck.features.report_period import DEFAULT_DAYS, Period, practice_figures
from imperfect_trainer.deck.features.statistics import CALENDAR_WEEKS
from imperfect_trainer.deck.features.supervision import TraineeOverview
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.language import long_day
from imperfect_trainer.ui.common.operations import run_op
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.practice_calendar import PracticeCalendar
from imperfect_trainer.ui.common.reflow import FlowRow
from imperfect_trainer.ui.supervision.report_html import days_words, time_words

PERIOD_DAYS = DEFAULT_DAYS  # as a report's period starts
SIDE_BY_SIDE_CHARACTERS = 50
NAMES_SHOWN = 8  # rows of names before the list scrolls


def practice_line(overview: TraineeOverview, today: dt.date) -> str:
    """The last ``PERIOD_DAYS`` days' practice, in the words and figures a report on the same
    period prints (``report_period``)."""
    figures = practice_figures(overview.minutes_by_day, Period.ending(today, PERIOD_DAYS))
    if not figures.days_practised:
        return _("No practice in the last {days} days.").format(days=PERIOD_DAYS)
    return _("Days practised: {days}. Time practising: {time}.").format(
        days=days_words(figures), time=time_words(figures)
    )


def check_line(goal: supervision.SharedGoal) -> str:
    """The seed's check beside a goal, in words."""
    striving = deck_word(goal.striving.label) if goal.striving else _("Not answered yet")
    if goal.discussed_in_supervision is None:
        return f"{striving}."
    if goal.discussed_in_supervision:
        return _("{striving}; talked through in supervision.").format(striving=striving)
    return _("{striving}; not yet talked through in supervision.").format(striving=striving)


class TraineesScreen(QWidget):
    report_requested = Signal(str)  # a supervision report on this trainee

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.scheme = "system"
        self.report = Command(
            _("Supervision &report…"),
            _("A PDF of what this trainee shares with you, for a period you choose"),
            self,
            keys=_("Ctrl+P"),
            run=self._ask_report,
        )
        self.look_again = Command(
            _("&Look again"),
            _("Show what your trainees share now (it is read afresh each time you open the page)"),
            self,
            keys=_("F5"),
            run=lambda: self.refresh(self.scheme),
        )
        self.commands: list[QAction] = [self.report, self.look_again]
        self.report_button = self.report.button()

        self.names = QListWidget()
        self.names.setAccessibleName(_("Trainees"))
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.currentTextChanged.connect(self._show)
        self.empty = widgets.label(
            _(
                "No trainees are assigned to you yet. The programme's administrator adds them "
                "with: server add-supervisor."
            ),
            role="notice",
            wrap=True,
        )
        self.name = widgets.label(role="heading", wrap=True)
        self.practice = widgets.label(wrap=True)
        self.calendar = PracticeCalendar()
        # One label each, its text replaced on every look: nothing to lay out anew.
        self.sections = self._block(_("Sections"))
        self.goals = self._block(_("Shared goals"))
        self.journal = self._block(_("Shared journal entries"))

        self.details = QWidget()
        inner = QVBoxLayout(self.details)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        heading = FlowRow(spacing=12)
        heading.add(self.name, self.report_button, grow=self.name)
        inner.addLayout(heading)
        inner.addWidget(self.practice)
        inner.addWidget(self.calendar)
        # What the trainee chose to share comes first; the deck's long list of sections last.
        for title, block in (
            (_("Goals they shared"), self.goals),
            (_("Journal entries they shared"), self.journal),
            (_("How settled each section is"), self.sections),
        ):
            inner.addWidget(widgets.label(title, role="heading", wrap=True))
            inner.addWidget(block)

        # The names beside what is shown of one trainee, or above it when the window is narrow
        # (``resizeEvent``); the whole page scrolls as one.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(16)
        self.body.addWidget(self.names, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(self.details, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(12)
        layout.addWidget(widgets.label(_("My trainees"), role="title", wrap=True))
        layout.addWidget(
            widgets.label(
                _("What each trainee chose to share with you, and how their practice is going."),
                role="muted",
                wrap=True,
            )
        )
        layout.addWidget(self.empty)
        layout.addLayout(self.body)
        layout.addStretch(1)
        self.page_scroll = scroll_page(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 28, 24, 12)
        outer.addWidget(self.page_scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side only when what is shown of a trainee keeps a comfortable line length.
        room = event.size().width() - self.names.width() - 80
        wide = room >= self.fontMetrics().averageCharWidth() * SIDE_BY_SIDE_CHARACTERS
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    def _fit_names(self) -> None:
        """The list as wide as the longest name and as tall as its names (a few at most)."""
        metrics = self.names.fontMetrics()
        names = [self.names.item(row).text() for row in range(self.names.count())]
        frame = 2 * self.names.frameWidth()
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        self.names.setFixedWidth(
            min(max(widest + 40, metrics.averageCharWidth() * 14), metrics.averageCharWidth() * 40)
            + frame
        )
        row = max(self.names.sizeHintForRow(0), metrics.lineSpacing())
        self.names.setFixedHeight(row * min(max(len(names), 1), NAMES_SHOWN) + frame)

    def page_menus(self) -> list[QMenu]:
        return []

    def chosen(self) -> str | None:
        """The trainee shown, if any."""
        item = self.names.currentItem()
        return item.text() if item is not None and not self.names.isHidden() else None

    def _ask_report(self) -> None:
        trainee = self.chosen()
        if trainee is not None:
            self.report_requested.emit(trainee)

    def refresh(self, scheme: str) -> None:
        self.scheme = scheme
        names = run_op(self, lambda: supervision.trainees(self.store))
        if names is None:
            return
        chosen = self.names.currentItem().text() if self.names.currentItem() else None
        self.names.blockSignals(True)
        self.names.clear()
        self.names.addItems(names)
        self.names.blockSignals(False)
        self._fit_names()
        self.empty.setVisible(not names)
        self.names.setVisible(bool(names))
        self.details.setVisible(bool(names))
        self.report.allow(None if names else _("No trainees are assigned to you yet"))
        if names:
            self.names.setCurrentRow(names.index(chosen) if chosen in names else 0)
            self._show(self.names.currentItem().text())

    def _show(self, trainee: str) -> None:
        if not trainee:
            return
        today = self.store.practice_day(self.clock())
        calendar_start = today - dt.timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
        period_start = today - dt.timedelta(days=PERIOD_DAYS - 1)
        overview = run_op(
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
                _("{section}: {settled} of {cards} settled, {new} not met yet").format(
                    section=progress.section,
                    settled=progress.settled,
                    cards=progress.cards,
                    new=progress.new,
                )
                for progress in overview.sections
            ],
            _("No practice yet."),
            between="\n",
        )
        self._fill(
            self.goals,
            [
                f"{goal.text}\n{check_line(goal)}" + (f"\n{goal.note}" if goal.note else "")
                for goal in overview.goals
            ],
            _("Nothing shared yet."),
        )
        self._fill(
            self.journal,
            [f"{long_day(entry.practice_day)}\n{entry.text}" for entry in overview.journal],
            _("Nothing shared yet."),
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
