"""The main window: wires the window's parts together and owns nothing else.

- ``page_stack.PageStack`` holds the screens; the pages in ``pages`` are built on first visit;
- ``practice_flow.PracticeFlow`` moves through welcome, home, practice and summary, in a named
  state;
- ``menus`` builds the menu bar; ``sidebar.Sidebar`` offers the pages (Ctrl+1–7, and for a
  supervisor on a programme's server My trainees, Ctrl+8, which is then the first page shown);
- ``goals_prompt``, ``reminder_tray``, ``window_geometry`` and ``screen_style`` are the smaller
  parts: the monthly goals line, the tray, the saved size and the appearance.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QSystemTrayIcon, QWidget

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common.clock import Clock, local_now
from imperfect_trainer.ui.common.collection_trouble import CollectionTrouble
from imperfect_trainer.ui.common.commands import HasCommands
from imperfect_trainer.ui.common.edits import close_anyway
from imperfect_trainer.ui.common.operations import EVERYTHING, ChangeBroadcast, Changes, run_op
from imperfect_trainer.ui.common.screen_style import apply_to_running_app
from imperfect_trainer.ui.common.window_context import WindowContext
from imperfect_trainer.ui.goals.goals_prompt import GoalsPrompt
from imperfect_trainer.ui.practice.practice_view import PracticeView
from imperfect_trainer.ui.practice.summary_screen import SummaryScreen
from imperfect_trainer.ui.practice.welcome_screen import WelcomeScreen
from imperfect_trainer.ui.settings.backups_dialog import BackupsDialog
from imperfect_trainer.ui.window.desktop_notifications import DesktopNotifications
from imperfect_trainer.ui.window.menus import OWN_REPORT, TRAINEE_REPORT, build_menus
from imperfect_trainer.ui.window.page_stack import PageStack
from imperfect_trainer.ui.window.pages import Page, PageLinks, shown_pages
from imperfect_trainer.ui.window.practice_flow import FlowScreens, FlowState, PracticeFlow
from imperfect_trainer.ui.window.reminder_tray import ReminderTray
from imperfect_trainer.ui.window.screen_focus import focus_into
from imperfect_trainer.ui.window.sidebar import Sidebar
from imperfect_trainer.ui.window.window_geometry import geometry_to_keep, restore_geometry
from imperfect_trainer.ui.window.window_sync import joined_sync

# The screen menu's name, with a letter for Alt that the other menus do not use.
MENU_TITLES = {
    Page.BROWSER: N_("&Cards"),
    Page.STATISTICS: N_("&Statistics"),
    Page.JOURNAL: N_("&Journal"),
    Page.DEBRIEF: N_("&After a hard session"),
    Page.GOALS: N_("G&oals"),
    Page.TRAINEES: N_("&My trainees"),
}


def supervising(store: Store) -> bool:
    """Whether the person supervises trainees: asked of a programme's server; for a collection
    moved here from one, as remembered here (the server may be away). A solo clinician's
    first card never waits for SQLAlchemy (which the server's question needs)."""
    if not store.on_server:
        from imperfect_trainer.deck.features.supervising_here import remembered
        from imperfect_trainer.deck.sync.joined import hub_of

        return remembered(store.data_dir) and hub_of(store) is not None
    from imperfect_trainer.deck.features.supervision import supervises

    return supervises(store)


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        *,
        clock: Clock = local_now,
        scheme: str = "system",
        tray_available: bool | None = None,
        notifications: DesktopNotifications | None = None,
        background: bool = False,
        login_arguments: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.store = store
        self.changes = ChangeBroadcast(self)
        self.tray = ReminderTray(
            store,
            clock,
            available=tray_available,
            notifications=notifications,
            background=background,
            parent=self,
        )
        self.context = WindowContext(
            store,
            clock,
            scheme,
            tray_available,
            self.changes,
            supervising=supervising(store),
            reminder_available=self.tray.available,
            login_arguments=login_arguments,
        )
        self.pages = shown_pages(self.context.supervising)
        self._quitting = False
        self.collection_trouble = CollectionTrouble(store, clock, self)
        self.setWindowTitle(_("Imperfect Trainer"))
        self.setMinimumSize(640, 480)
        apply_to_running_app(scheme, preferences.number(store, "font_size"))

        self.links = PageLinks(self)
        self.stack = PageStack(self.context, self.links)
        self.home = self.stack.home
        self.welcome = WelcomeScreen()
        self.practice_view = PracticeView()
        self.summary = SummaryScreen()
        screens = FlowScreens(self.welcome, self.home, self.practice_view, self.summary)
        self.flow = PracticeFlow(self.context, self.stack, screens, self)
        self.sidebar = Sidebar([(page.title, page.shortcut) for page in self.pages])
        self.goals_prompt = GoalsPrompt(self.context)
        self.home.place_above_month(self.goals_prompt)
        self.menus = build_menus(self, self.pages)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._connect()
        restore_geometry(self, store.setting("window_geometry"))
        self.flow.begin()
        self.sync = joined_sync(self.context, self.flow, self.stack, self.home, self)
        self._open_on_trainees()

    def _open_on_trainees(self) -> None:
        """A supervisor's window opens on My trainees (Today, for their own cards, is a key
        away); the first run's welcome comes first all the same."""
        if self.context.supervising and self.flow.state is FlowState.HOME:
            self.go(Page.TRAINEES)

    def _connect(self) -> None:
        flow, links, menus = self.flow, self.links, self.menus
        self.stack.shown.connect(self._screen_shown)
        self.sidebar.page_chosen.connect(lambda row: self.go(self.pages[row]))
        self.sidebar.page_clicked.connect(lambda _row: self._focus_screen())
        # After the flow's own move to home (slots run in the order they were connected).
        self.welcome.continue_requested.connect(self._open_on_trainees)
        flow.home_shown.connect(self.goals_prompt.refresh)
        self.goals_prompt.linkActivated.connect(lambda _link: self.go(Page.GOALS))
        links.page_requested.connect(self.go)
        links.journal_entry_requested.connect(self.open_journal_entry)
        links.home_requested.connect(flow.show_home)
        links.debrief_practice_requested.connect(flow.start_debrief_practice)
        links.goals_revisited.connect(self.goals_prompt.refresh)
        links.appearance_changed.connect(self._appearance_changed)
        links.reminder_changed.connect(self.tray.apply_settings)
        links.trainee_report_requested.connect(self.open_trainee_report)
        menus.backups.triggered.connect(self.open_backups)
        menus.report.triggered.connect(self.open_report)
        menus.quit.triggered.connect(self.quit)
        menus.undo.triggered.connect(self.undo)
        menus.shortcuts.triggered.connect(self.open_shortcuts)
        menus.about.triggered.connect(self.open_about)
        for page, action in menus.pages.items():
            action.triggered.connect(lambda _=False, p=page: self.go(p))
        self.collection_trouble.restored.connect(lambda: self.changes.changed.emit(EVERYTHING))
        self.changes.changed.connect(self._collection_changed)
        self.tray.practice_requested.connect(self._practice_from_reminder)
        self.tray.open_requested.connect(self.bring_forward)
        self.tray.quit_requested.connect(self.quit)

    def go(self, page: Page) -> None:
        """Open a page from the sidebar or its shortcut (never in the middle of a practice)."""
        if self.flow.state.focused or page not in self.pages:
            return
        if page is Page.HOME:
            self.flow.show_home()
        else:
            self.flow.open_page(self.stack.visit(page))

    def _focus_screen(self) -> None:
        """Into the screen shown (``screen_focus``), unless a practice holds the keys."""
        if not self.flow.state.focused:
            focus_into(self.stack.currentWidget())

    def open_journal_entry(self, entry_id: int) -> None:
        """The journal, with one entry chosen (the note a debrief just saved)."""
        self.go(Page.JOURNAL)
        if self.stack.showing(Page.JOURNAL):
            self.stack.journal.choose_entry(entry_id)

    def _screen_shown(self, page: Page | None, focused: bool) -> None:
        # The practice and the first welcome are full-screen moments: no sidebar, no jumping.
        self.sidebar.setVisible(not focused)
        self.menus.enable_pages(not focused)
        self.sidebar.set_current(None if page is None else self.pages.index(page))
        # On My trainees, File ▸ Supervision report… is about the trainee shown.
        about_trainee = page is Page.TRAINEES and self.stack.trainees.chosen() is not None
        self.menus.report.setText(_(TRAINEE_REPORT) if about_trainee else _(OWN_REPORT))
        screen: object = self.stack.currentWidget()
        if page is not None and isinstance(screen, HasCommands):
            self.menus.show_screen_menu(
                _(MENU_TITLES[page]) if page in MENU_TITLES else page.title,
                lambda: (screen.commands, screen.page_menus()),
            )
        else:
            self.menus.show_screen_menu(None, None)

    def undo(self) -> None:
        if self.stack.showing(Page.BROWSER):
            self.stack.browser.undo_reset()
        else:
            self.flow.undo()

    def open_shortcuts(self) -> None:
        from imperfect_trainer.ui.window.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def open_about(self) -> None:
        from imperfect_trainer.ui.window.help_dialogs import AboutDialog

        AboutDialog(str(self.store.data_dir), self).exec()

    def open_backups(self) -> None:
        BackupsDialog(self.store, self).exec()

    def open_report(self) -> None:
        if self.stack.showing(Page.TRAINEES):
            trainee = self.stack.trainees.chosen()
            if trainee is not None:
                self.open_trainee_report(trainee)
                return
        # Imported on demand: the report pulls in PDF drawing the first card never needs.
        from imperfect_trainer.ui.supervision.report_dialog import ReportDialog

        ReportDialog(self.store, self.store.practice_day(self.context.clock()), self).exec()

    def open_trainee_report(self, trainee: str) -> None:
        """A supervisor's report on one trainee: what they share, and their practice."""
        from imperfect_trainer.ui.supervision.trainee_report_dialog import TraineeReportDialog

        today = self.store.practice_day(self.context.clock())
        TraineeReportDialog(self.store, trainee, today, self).exec()

    def bring_forward(self) -> None:
        if not self.flow.practice_open:
            self.flow.show_home()
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _practice_from_reminder(self) -> None:
        self.bring_forward()
        if self.flow.state is FlowState.HOME and self.home.start_button.isEnabled():
            self.flow.start_practice()

    def _appearance_changed(self, scheme: str, point_size: int) -> None:
        self.context.scheme = scheme
        apply_to_running_app(scheme, point_size)
        # The painted parts (month dots, calendar, charts) take the scheme when rendered.
        if self.flow.state is FlowState.HOME:
            self.flow.show_home()
        elif self.stack.showing(Page.STATISTICS):
            self.stack.statistics.refresh(scheme)
        elif self.stack.showing(Page.TRAINEES):
            self.stack.trainees.refresh(scheme)

    def _collection_changed(self, changes: Changes) -> None:
        """A backup replaced the collection: the practice in hand, the reminder and the
        appearance were the old one's (the pages see to themselves)."""
        if not changes.collection:
            return
        self.flow.forget_practice()
        self.tray.apply_settings()
        self._appearance_changed(
            preferences.theme(self.store), preferences.number(self.store, "font_size")
        )

    def quit(self) -> None:
        """Quit for real (Ctrl+Q, the tray's Quit), even when the reminder keeps the app open."""
        self._quitting = True
        hidden = not self.isVisible()
        if not self.close():
            self._quitting = False  # the person chose to stay with unsaved text
            return
        if hidden:
            QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing to the tray keeps the app (and anything unsaved) alive; quitting does not.
        problems = self.stack.keep_edits(closing=self._quitting or not self.tray.keeps_app_open)
        if problems and not close_anyway(self, problems):
            event.ignore()
            return
        self.flow.stop()
        geometry = geometry_to_keep(self)
        run_op(self, lambda: self.store.set_setting("window_geometry", geometry))
        if self.tray.keeps_app_open and not self._quitting:
            # The reminder waits (in the tray, or started at login): closing the window keeps it
            # waiting until Quit.
            event.ignore()
            self.hide()
            return
        if self.sync is not None:
            self.sync.syncs.last_one()
        super().closeEvent(event)
