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
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.commands import Command
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.language import long_day, moment_text
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.practice_calendar import PracticeCalendar
from imperfect_trainer.ui.common.reflow import FlowRow
from imperfect_trainer.ui.supervision.report_html import days_words, time_words
from imperfect_trainer.ui.supervision.trainee_looks import Days, Look, TraineeLooks

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


def shown_blocks(overview: TraineeOverview) -> list[tuple[str, str]]:
    """The sections', goals' and journal's blocks of text shown of a trainee, each with what
    it says when empty."""
    sections = "\n".join(
        _("{section}: {settled} of {cards} settled, {new} not met yet").format(
            section=progress.section,
            settled=progress.settled,
            cards=progress.cards,
            new=progress.new,
        )
        for progress in overview.sections
    )
    goals = "\n\n".join(
        f"{goal.text}\n{check_line(goal)}" + (f"\n{goal.note}" if goal.note else "")
        for goal in overview.goals
    )
    journal = "\n\n".join(
        f"{long_day(entry.practice_day)}\n{entry.text}" for entry in overview.journal
    )
    return [
        (sections, _("No practice yet.")),
        (goals, _("Nothing shared yet.")),
        (journal, _("Nothing shared yet.")),
    ]


class TraineesScreen(QWidget):
    report_requested = Signal(str)  # a supervision report on this trainee
    looked = Signal()  # a look came back and is shown, from the server or kept here

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
        self.looks = TraineeLooks(store, self)
        self.looks.found.connect(self._found)
        self.looks.unreachable.connect(self._unreachable)
        # How current the page is: "Looking…", or the time of a look kept here.
        self.status = widgets.label(role="muted", wrap=True)
        self.status.setAccessibleName(_("How current this is"))
        self.status.setVisible(False)
        self.report_button = self.report.button()

        self.names = QListWidget()
        self.names.setAccessibleName(_("Trainees"))
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.currentTextChanged.connect(self._chose)
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
        content = self.content = QWidget()
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
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        # Nothing shown until the first look comes back (or says the server is away).
        for waiting in (self.empty, self.names, self.details):
            waiting.setVisible(False)
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
        """Look again: the list of trainees and the one shown, read off the GUI thread."""
        self.scheme = scheme
        self._say(_("Looking…"))
        self.looks.look(self.chosen_name(), self._period())

    def chosen_name(self) -> str | None:
        item = self.names.currentItem()
        return item.text() if item is not None else None

    def _period(self) -> Days:
        today = self.store.practice_day(self.clock())
        calendar_start = today - dt.timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
        return Days(min(calendar_start, today - dt.timedelta(days=PERIOD_DAYS - 1)), today)

    def _chose(self, trainee: str) -> None:
        if trainee:
            self._say(_("Looking…"))
            self.looks.look_at(trainee, self._period())

    def _found(self, look: Look) -> None:
        self._say("")
        if look.names is not None:
            self._list(look.names)
        if look.overview is not None:
            self._show(look.overview)
        self.looks.remember(look, self.clock())
        self._came_in()

    def _unreachable(self, error: StoreError) -> None:
        """The last look kept here, marked with its time, or a calm word that there is none."""
        kept = self.looks.last_look()
        if self.names.count() == 0 and kept.trainees:
            self._list(list(kept.trainees))
        trainee = self.chosen_name()
        seen = kept.views.get(trainee) if trainee is not None else None
        if seen is not None:
            self._show(seen.overview)
            self._say(
                _("As of {moment} — the server cannot be reached").format(
                    moment=moment_text(seen.at, _("d MMMM, HH:mm"))
                )
            )
        elif trainee is not None and self.name.text() != trainee:
            self.details.setVisible(False)
            self._say(
                _(
                    "The server cannot be reached, and nothing of {trainee} was shown here "
                    "before. F5 looks again."
                ).format(trainee=trainee)
            )
        else:
            self._say(
                _("The server cannot be reached ({problem}). F5 looks again.").format(
                    problem=error.problem
                )
            )
        self._came_in()

    def _came_in(self) -> None:
        # New texts on a page already on screen: its content is laid out afresh at once, or
        # a wrapped label keeps the height its old text had until the window is resized.
        self.content.adjustSize()
        self.looked.emit()

    def _say(self, words: str) -> None:
        self.status.setText(words)
        self.status.setVisible(bool(words))

    def _list(self, names: list[str]) -> None:
        chosen = self.chosen_name()
        self.names.blockSignals(True)
        self.names.clear()
        self.names.addItems(names)
        if names:
            self.names.setCurrentRow(names.index(chosen) if chosen in names else 0)
        self.names.blockSignals(False)
        self._fit_names()
        self.empty.setVisible(not names)
        self.names.setVisible(bool(names))
        self.details.setVisible(bool(names))
        self.report.allow(None if names else _("No trainees are assigned to you yet"))

    def _show(self, overview: TraineeOverview) -> None:
        if overview.name != self.chosen_name():
            return  # another trainee was chosen meanwhile: their look follows
        self.details.setVisible(True)
        today = self.store.practice_day(self.clock())
        calendar_start = today - dt.timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
        self.name.setText(overview.name)
        self.practice.setText(practice_line(overview, today))
        days = [
            calendar_start + dt.timedelta(days=n) for n in range((today - calendar_start).days + 1)
        ]
        self.calendar.set_days(days, overview.practised_days, self.scheme)
        for block, (text, when_empty) in zip(
            (self.sections, self.goals, self.journal), shown_blocks(overview), strict=True
        ):
            block.setText(text or when_empty)

    @staticmethod
    def _block(name: str) -> QLabel:
        block = widgets.label(wrap=True)
        block.setTextFormat(Qt.TextFormat.PlainText)  # a trainee's words, never markup
        block.setAccessibleName(name)
        block.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return block

    def entry_labels(self) -> list[str]:
        """The journal entries shown, each as its text (for tests and screen readers alike)."""
        return self.journal.text().split("\n\n")
