"""The main window: welcome, home, practice and summary, each asking the core what to show."""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from imperfect_trainer.deck.practice import Practice
from imperfect_trainer.deck.scheduling import SECONDS_PER_CARD, estimated_cards
from imperfect_trainer.deck.store import Store, StoreError
from imperfect_trainer.ui.home_screen import LONG_BREAK_DAYS, HomeScreen
from imperfect_trainer.ui.practice_view import PracticeView
from imperfect_trainer.ui.summary_screen import SummaryScreen
from imperfect_trainer.ui.welcome_screen import WelcomeScreen

Clock = Callable[[], dt.datetime]
T = TypeVar("T")


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class MainWindow(QMainWindow):
    def __init__(self, store: Store, *, clock: Clock = local_now, scheme: str = "system") -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.scheme = scheme
        self.practice: Practice | None = None
        self.setWindowTitle("Imperfect Trainer")
        self.setMinimumSize(640, 480)

        self.welcome = WelcomeScreen()
        self.home = HomeScreen()
        self.practice_view = PracticeView()
        self.summary = SummaryScreen()
        self.stack = QStackedWidget()
        for screen in (self.welcome, self.home, self.practice_view, self.summary):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)

        self.welcome.continue_requested.connect(self._welcome_done)
        self.home.start_requested.connect(self.start_practice)
        self.practice_view.reveal_requested.connect(self._reveal)
        self.practice_view.grade_chosen.connect(self._grade)
        self.practice_view.end_requested.connect(self._end_practice)
        self.summary.home_requested.connect(self.show_home)

        self._add_action("&Quit", QKeySequence.StandardKey.Quit, self.close, "Ctrl+Q")
        self.undo_action = self._add_action(
            "&Undo answer", QKeySequence.StandardKey.Undo, self.undo
        )

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)

        self._restore_geometry()
        if self.store.setting("welcome_seen"):
            self.show_home()
        else:
            self._show(self.welcome)
            self.welcome.focus_continue()

    def _add_action(
        self,
        text: str,
        standard: QKeySequence.StandardKey,
        slot: Callable[[], object],
        extra: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        keys = QKeySequence.keyBindings(standard)
        if extra and QKeySequence(extra) not in keys:
            keys.append(QKeySequence(extra))
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -------------------------------------------------------------------------- screens

    def _show(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)

    def _welcome_done(self) -> None:
        self._guard(lambda: self.store.set_setting("welcome_seen", True))
        self.show_home()

    def show_home(self) -> None:
        now = self.clock()
        today = self.store.practice_day(now)
        plan = self.store.todays_practice(now, limit=0)
        seconds = int(self.store.setting("session_seconds"))
        cards = estimated_cards(plan.available, seconds)
        minutes = min(seconds // 60, max(1, math.ceil(cards * SECONDS_PER_CARD / 60)))
        last = self.store.last_practice_day()
        self._show(self.home)
        self.home.show_day(
            now,
            today,
            cards=cards,
            minutes=minutes,
            after_long_break=last is not None and (today - last).days >= LONG_BREAK_DAYS,
            practised=self.store.practised_days(today.replace(day=1), today),
            scheme=self.scheme,
        )

    def start_practice(self) -> None:
        practice = self._guard(lambda: Practice.start(self.store, self.clock()))
        if practice is None:
            return
        self.practice = practice
        self._render_practice()

    def _render_practice(self) -> None:
        practice = self.practice
        assert practice is not None
        card = practice.current
        if card is None:
            self._show_summary()
            return
        self._show(self.practice_view)
        self.practice_view.show_card(
            card.kind.label,
            card.front,
            typing=practice.needs_typed_answer,
            drill=practice.current_is_drill,
        )
        self._tick()
        self.ticker.start()

    def _reveal(self) -> None:
        practice = self.practice
        if practice is None or practice.current is None:
            return
        practice.reveal()
        card = practice.current
        self.practice_view.show_answer(card.back, card.personal_note, practice.next_intervals())

    def _grade(self, quality: int) -> None:
        practice = self.practice
        if practice is None or not practice.revealed:
            return
        reflection = self.practice_view.typed_answer() or None
        self._guard(lambda: practice.grade(quality, self.clock(), reflection=reflection))
        self._render_practice()

    def undo(self) -> None:
        practice = self.practice
        if practice is None or self.stack.currentWidget() not in (self.practice_view, self.summary):
            return
        undone = self._guard(lambda: practice.undo(self.clock()))
        if undone is None:
            return
        self._render_practice()
        if undone.reflection:
            self.practice_view.answer_box.setPlainText(undone.reflection)

    def _end_practice(self) -> None:
        if self.practice is not None:
            practice = self.practice
            self._guard(lambda: practice.end(self.clock()))
            self._show_summary()

    def _show_summary(self) -> None:
        self.ticker.stop()
        practice = self.practice
        assert practice is not None
        now = self.clock()
        self._show(self.summary)
        self.summary.show_summary(practice.summary(now), self.store.practice_day(now))

    def _tick(self) -> None:
        if self.practice is not None and not self.practice.finished:
            self.practice_view.set_time_fraction(self.practice.time_fraction(self.clock()))

    # ------------------------------------------------------------------ errors and closing

    def _guard(self, action: Callable[[], T]) -> T | None:
        """Run a store action; if the collection fails, say so plainly (nothing was changed)."""
        try:
            return action()
        except StoreError as error:
            QMessageBox.warning(
                self,
                "Imperfect Trainer",
                f"That could not be saved, and nothing was changed.\n\n{error}",
            )
            return None

    def _restore_geometry(self) -> None:
        saved = self.store.setting("window_geometry")
        if isinstance(saved, str) and self.restoreGeometry(QByteArray(base64.b64decode(saved))):
            return
        self.resize(860, 640)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticker.stop()
        if self.practice is not None and not self.practice.finished:
            practice = self.practice
            self._guard(lambda: practice.end(self.clock()))
        geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        self._guard(lambda: self.store.set_setting("window_geometry", geometry))
        super().closeEvent(event)
