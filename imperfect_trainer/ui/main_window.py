"""The main window: the practice flow (welcome, home, practice, summary) and, beside it in a
sidebar, the deck browser, statistics, journal, debrief, goals and settings, each on Ctrl+1–7.

Each screen asks the core what to show; this module only moves between them.
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

from imperfect_trainer.deck.features import debrief, goals, preferences
from imperfect_trainer.deck.srs.practice import Practice
from imperfect_trainer.deck.srs.scheduling import back_after_long_break, estimate_practice
from imperfect_trainer.deck.store import Store, StoreError
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.backups_dialog import BackupsDialog
from imperfect_trainer.ui.clock import Clock, local_now
from imperfect_trainer.ui.collection_trouble import CollectionTrouble
from imperfect_trainer.ui.edits import KeepsEdits, close_anyway
from imperfect_trainer.ui.guard import guarded
from imperfect_trainer.ui.home_screen import HomeScreen
from imperfect_trainer.ui.practice_view import PracticeView
from imperfect_trainer.ui.reminder_tray import ReminderTray
from imperfect_trainer.ui.screen_style import apply_appearance
from imperfect_trainer.ui.sidebar import Sidebar
from imperfect_trainer.ui.summary_screen import SummaryScreen
from imperfect_trainer.ui.theme import colours
from imperfect_trainer.ui.welcome_screen import WelcomeScreen

if TYPE_CHECKING:
    from imperfect_trainer.ui.browser_screen import BrowserScreen
    from imperfect_trainer.ui.debrief_screen import DebriefScreen
    from imperfect_trainer.ui.goals_screen import GoalsScreen
    from imperfect_trainer.ui.journal_screen import JournalScreen
    from imperfect_trainer.ui.settings_screen import SettingsScreen
    from imperfect_trainer.ui.statistics_screen import StatisticsScreen

T = TypeVar("T")


class Page(IntEnum):
    HOME = 0
    BROWSER = 1
    STATISTICS = 2
    JOURNAL = 3
    DEBRIEF = 4
    GOALS = 5
    SETTINGS = 6

    @property
    def label(self) -> str:
        return _PAGE_LABELS[self]

    @property
    def shortcut(self) -> str:
        return f"Ctrl+{self.value + 1}"


_PAGE_LABELS = {
    Page.HOME: "Today",
    Page.BROWSER: "Cards",
    Page.STATISTICS: "Statistics",
    Page.JOURNAL: "Journal",
    Page.DEBRIEF: "After a hard session",
    Page.GOALS: "Goals",
    Page.SETTINGS: "Settings",
}
GOALS_PROMPT = (
    "It has been a month since you looked at your practice goals. "
    '<a href="goals" style="color: {accent}">Look at them</a> when you have a moment.'
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        *,
        clock: Clock = local_now,
        scheme: str = "system",
        tray_available: bool | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.scheme = scheme
        self.practice: Practice | None = None
        self._disk_trouble_said = False
        self._quitting = False
        self.collection_trouble = CollectionTrouble(store, clock, self)
        self.collection_trouble.restored.connect(self._collection_restored)
        self.setWindowTitle("Imperfect Trainer")
        self.setMinimumSize(640, 480)
        self._apply_appearance(scheme, preferences.number(store, "font_size"))

        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.welcome = WelcomeScreen()
        self.home = HomeScreen()
        self.practice_view = PracticeView()
        self.summary = SummaryScreen()
        self.tray_available = tray_available
        # The other screens are built (and their modules imported) on first visit: the first
        # card of the day should not wait for the statistics' charts.
        self.pages: dict[Page, QWidget] = {Page.HOME: self.home}
        self.stack = QStackedWidget()
        for screen in (self.welcome, self.home, self.practice_view, self.summary):
            self.stack.addWidget(screen)
        self.sidebar = Sidebar([(page.label, page.shortcut) for page in Page])
        self.goals_prompt = widgets.label(role="muted", wrap=True)
        self.goals_prompt.setAccessibleName("Monthly look at your goals")
        self.goals_prompt.setTextFormat(Qt.TextFormat.RichText)
        self.goals_prompt.hide()
        self._place_goals_prompt()

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.welcome.continue_requested.connect(self._welcome_done)
        self.home.start_requested.connect(self.start_practice)
        self.practice_view.reveal_requested.connect(self._reveal)
        self.practice_view.grade_chosen.connect(self._grade)
        self.practice_view.end_requested.connect(self._end_practice)
        self.summary.home_requested.connect(self.show_home)
        self.sidebar.page_chosen.connect(lambda index: self.go(Page(index)))
        self.goals_prompt.linkActivated.connect(lambda _link: self.go(Page.GOALS))

        self._build_menus()
        self.tray = ReminderTray(store, clock, available=tray_available, parent=self)
        self.tray.practice_requested.connect(self._practice_from_reminder)
        self.tray.open_requested.connect(self.bring_forward)
        self.tray.quit_requested.connect(self.quit)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)

        self._restore_geometry()
        if self.store.setting("welcome_seen"):
            self.show_home()
        else:
            self._show(self.welcome)
            self.welcome.focus_continue()

    # ----------------------------------------------------------------------------- menus

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        self.backups_action = QAction("&Backups…", self)
        self.backups_action.triggered.connect(self.open_backups)
        file_menu.addAction(self.backups_action)
        self.report_action = QAction("Supervision &report…", self)
        self.report_action.triggered.connect(self.open_report)
        file_menu.addAction(self.report_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._add_action("&Quit", QKeySequence.StandardKey.Quit, self.quit, "Ctrl+Q")
        )
        edit_menu = menus.addMenu("&Edit")
        self.undo_action = self._add_action("&Undo", QKeySequence.StandardKey.Undo, self.undo)
        edit_menu.addAction(self.undo_action)
        go_menu = menus.addMenu("&Go")
        self.page_actions: dict[Page, QAction] = {}
        for page in Page:
            action = QAction(page.label, self)
            action.setShortcut(QKeySequence(page.shortcut))
            action.triggered.connect(lambda _=False, p=page: self.go(p))
            go_menu.addAction(action)
            self.addAction(action)
            self.page_actions[page] = action

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

    def open_backups(self) -> None:
        dialog = BackupsDialog(self.store, self)
        dialog.panel.restored.connect(self._collection_restored)
        dialog.exec()

    def open_report(self) -> None:
        # Imported on demand: the report pulls in PDF drawing the first card never needs.
        from imperfect_trainer.ui.report_dialog import ReportDialog

        ReportDialog(self.store, self.store.practice_day(self.clock()), self).exec()

    # -------------------------------------------------------------------------- screens

    def page(self, page: Page) -> QWidget:
        """The screen for ``page``, built on first use."""
        widget = self.pages.get(page)
        if widget is None:
            widget = self._build_page(page)
            self.pages[page] = widget
            self.stack.addWidget(widget)
        return widget

    def _build_page(self, page: Page) -> QWidget:
        store, clock = self.store, self.clock
        if page is Page.BROWSER:
            from imperfect_trainer.ui.browser_screen import BrowserScreen

            return BrowserScreen(store, clock)
        if page is Page.STATISTICS:
            from imperfect_trainer.ui.statistics_screen import StatisticsScreen

            return StatisticsScreen(store, clock)
        if page is Page.JOURNAL:
            from imperfect_trainer.ui.journal_screen import JournalScreen

            return JournalScreen(store, clock)
        if page is Page.DEBRIEF:
            from imperfect_trainer.ui.debrief_screen import DebriefScreen

            debrief_screen = DebriefScreen(store, clock)
            debrief_screen.practice_requested.connect(self.start_debrief_practice)
            debrief_screen.journal_requested.connect(lambda: self.go(Page.JOURNAL))
            debrief_screen.home_requested.connect(self.show_home)
            return debrief_screen
        if page is Page.GOALS:
            from imperfect_trainer.ui.goals_screen import GoalsScreen

            goals_screen = GoalsScreen(store, clock)
            goals_screen.revisited.connect(self._update_goals_prompt)
            return goals_screen
        from imperfect_trainer.ui.settings_screen import SettingsScreen

        settings = SettingsScreen(store, tray_available=self.tray_available)
        settings.appearance_changed.connect(self._appearance_changed)
        settings.collection_restored.connect(self._collection_restored)
        settings.reminder_changed.connect(self.tray.apply_settings)
        return settings

    def _is_showing(self, page: Page) -> bool:
        return page in self.pages and self.stack.currentWidget() is self.pages[page]

    @property
    def browser(self) -> BrowserScreen:
        return cast("BrowserScreen", self.page(Page.BROWSER))

    @property
    def statistics(self) -> StatisticsScreen:
        return cast("StatisticsScreen", self.page(Page.STATISTICS))

    @property
    def journal(self) -> JournalScreen:
        return cast("JournalScreen", self.page(Page.JOURNAL))

    @property
    def debrief(self) -> DebriefScreen:
        return cast("DebriefScreen", self.page(Page.DEBRIEF))

    @property
    def goals(self) -> GoalsScreen:
        return cast("GoalsScreen", self.page(Page.GOALS))

    @property
    def settings(self) -> SettingsScreen:
        return cast("SettingsScreen", self.page(Page.SETTINGS))

    def _show(self, screen: QWidget) -> None:
        leaving: object = self.stack.currentWidget()
        if leaving is not screen and isinstance(leaving, KeepsEdits):
            leaving.keep_edits(closing=False)
        self.stack.setCurrentWidget(screen)
        # The practice and the first welcome are full-screen moments: no sidebar, no jumping.
        focused = screen in (self.welcome, self.practice_view)
        self.sidebar.setVisible(not focused)
        for action in self.page_actions.values():
            action.setEnabled(not focused)
        current = next((page for page, widget in self.pages.items() if widget is screen), None)
        self.sidebar.set_current(None if current is None else int(current))

    def go(self, page: Page) -> None:
        """Open a screen from the sidebar or its shortcut (never in the middle of a practice)."""
        if self.stack.currentWidget() in (self.welcome, self.practice_view):
            return
        if page is Page.HOME:
            self.show_home()
            return
        screen = self.page(page)
        if page is Page.BROWSER:
            self.browser.refresh()
        elif page is Page.STATISTICS:
            self.statistics.refresh(self.scheme)
        elif page is Page.JOURNAL:
            self.journal.refresh()
        elif page is Page.DEBRIEF:
            self.debrief.open_form()
        elif page is Page.GOALS:
            self.goals.refresh()
        elif page is Page.SETTINGS:
            self.settings.refresh()
        self._show(screen)

    def _welcome_done(self) -> None:
        self._guard(lambda: self.store.set_setting("welcome_seen", True))
        self.show_home()

    def show_home(self) -> None:
        now = self.clock()
        today = self.store.practice_day(now)
        plan = self.store.todays_practice(now, limit=0)
        estimate = estimate_practice(plan.available, int(self.store.setting("session_seconds")))
        last = self.store.last_practice_day()
        self._show(self.home)
        self.home.show_day(
            now,
            today,
            cards=estimate.cards,
            minutes=estimate.minutes,
            after_long_break=back_after_long_break(today, last),
            practised=self.store.practised_days(today.replace(day=1), today),
            scheme=self.scheme,
        )
        self._update_goals_prompt()

    def _place_goals_prompt(self) -> None:
        # On the home screen itself, just above the month: a quiet line, not a pop-up.
        self.home.place_above_month(self.goals_prompt)

    def _update_goals_prompt(self) -> None:
        today = self.store.practice_day(self.clock())
        saved = guarded(self, lambda: goals.list_goals(self.store)) or []
        self.goals_prompt.setText(GOALS_PROMPT.format(accent=colours(self.scheme)["accent"]))
        self.goals_prompt.setVisible(goals.revisit_due(saved, today))

    # ---------------------------------------------------------------------------- practice

    def start_practice(self) -> None:
        practice = self._guard(lambda: Practice.start(self.store, self.clock()))
        if practice is None:
            return
        self.practice = practice
        self._render_practice()

    def start_debrief_practice(self, card_ids: list[str], entry_id: int) -> None:
        """Two minutes with the cards for a debrief's situations; every answer is a drill."""
        now = self.clock()
        practice = self._guard(
            lambda: Practice.start(
                self.store,
                now,
                seconds=debrief.DEBRIEF_SECONDS,
                card_ids=card_ids,
                kind="debrief",
            )
        )
        if practice is None:
            return
        self._guard(lambda: debrief.attach_practice(self.store, entry_id, practice.session_id))
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
            drill=practice.current_is_drill and practice.kind == "daily",
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
        # The answer is committed; it reaches the disk once the next card is on screen.
        QTimer.singleShot(0, self.flush_to_disk)

    def flush_to_disk(self) -> None:
        """Make what was committed durable; if the disk refuses, say so once and stop the
        practice, so that no more answers are built on ones that may not be saved."""
        try:
            self.store.flush_to_disk()
        except StoreError as error:
            if self._disk_trouble_said:
                return
            self._disk_trouble_said = True
            QMessageBox.warning(
                self,
                "Your last answers may not be on disk",
                f"{error}.\n\nThe practice stops here. Close Imperfect Trainer, make sure the "
                "disk is working and has room, then open it again.",
            )
            if self.practice is not None and not self.practice.finished:
                self._end_practice()
        else:
            self._disk_trouble_said = False

    def undo(self) -> None:
        if self._is_showing(Page.BROWSER):
            self.browser.undo_reset()
            return
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
        # Schedules and counts changed: the browser reloads the next time it is opened.
        self._mark_browser_stale()
        if practice.kind == "debrief":
            self.debrief.show_done(len({answer.card.id for answer in practice.answered}))
            self._show(self.debrief)
            return
        now = self.clock()
        self._show(self.summary)
        self.summary.show_summary(practice.summary(now), self.store.practice_day(now))

    def _tick(self) -> None:
        if self.practice is not None and not self.practice.finished:
            self.practice_view.set_time_fraction(self.practice.time_fraction(self.clock()))

    # --------------------------------------------------------------- reminder and settings

    def bring_forward(self) -> None:
        if self.practice is None or self.practice.finished:
            self.show_home()
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _practice_from_reminder(self) -> None:
        self.bring_forward()
        if self.stack.currentWidget() is self.home and self.home.start_button.isEnabled():
            self.start_practice()

    def _apply_appearance(self, scheme: str, point_size: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, scheme, point_size)

    def _appearance_changed(self, scheme: str, point_size: int) -> None:
        self.scheme = scheme
        self._apply_appearance(scheme, point_size)
        # The painted parts (month dots, calendar, charts) take the scheme when rendered.
        if self.stack.currentWidget() is self.home:
            self.show_home()
        elif self._is_showing(Page.STATISTICS):
            self.statistics.refresh(scheme)

    def _mark_browser_stale(self) -> None:
        if Page.BROWSER in self.pages:
            self.browser.stale = True

    def _collection_restored(self) -> None:
        """A backup replaced the collection: everything shown may be different now."""
        self.practice = None
        self._mark_browser_stale()
        if Page.SETTINGS in self.pages:
            self.settings.refresh()
        self.tray.apply_settings()
        self._appearance_changed(
            preferences.theme(self.store), preferences.number(self.store, "font_size")
        )

    # ------------------------------------------------------------------ errors and closing

    def _guard(self, action: Callable[[], T]) -> T | None:
        """Run a store action; if the collection fails, say so plainly (nothing was changed)."""
        return guarded(self, action)

    def _restore_geometry(self) -> None:
        saved = self.store.setting("window_geometry")
        if isinstance(saved, str) and self.restoreGeometry(QByteArray(base64.b64decode(saved))):
            return
        self.resize(1200, 760)

    def quit(self) -> None:
        """Quit for real (Ctrl+Q, the tray's Quit), even when the reminder keeps the app open."""
        self._quitting = True
        hidden = not self.isVisible()
        if not self.close():
            self._quitting = False  # the person chose to stay with unsaved text
            return
        if hidden:
            QApplication.quit()

    def keep_edits(self, closing: bool) -> bool:
        """Save what was typed on every screen; when closing, ask before losing what could not
        be saved. False when the person chose to stay."""
        problems: list[str] = []
        for page, screen in self.pages.items():
            if not isinstance(screen, KeepsEdits):
                continue
            try:
                problems += screen.keep_edits(closing)
            except Exception:
                # A fault in saving must neither trap the person in the window nor let it
                # close over their text: it is told (and logged) like any other, then asked.
                sys.excepthook(*sys.exc_info())
                problems.append(f"An unexpected problem stopped saving on {page.label}.")
        return not problems or close_anyway(self, problems)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing to the tray keeps the app (and anything unsaved) alive; quitting does not.
        if not self.keep_edits(closing=self._quitting or not self.tray.active):
            event.ignore()
            return
        self.ticker.stop()
        if self.practice is not None and not self.practice.finished:
            practice = self.practice
            self._guard(lambda: practice.end(self.clock()))
        geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        self._guard(lambda: self.store.set_setting("window_geometry", geometry))
        if self.tray.active and not self._quitting:
            # The reminder lives in the tray: closing the window keeps it there until Quit.
            event.ignore()
            self.hide()
            return
        super().closeEvent(event)
