"""The stack of screens: the practice's own (welcome, practice, summary) and the pages, each page
built on its first visit from the catalogue in ``pages``.

Showing a screen saves what was typed on the one left behind (typed text is never thrown away by
switching screens) and says which page is now shown, so the sidebar and menus can follow.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from imperfect_trainer.translation import _
from imperfect_trainer.ui.common.edits import KeepsEdits
from imperfect_trainer.ui.common.operations import ShowsChanges
from imperfect_trainer.ui.common.window_context import WindowContext
from imperfect_trainer.ui.practice.home_screen import HomeScreen
from imperfect_trainer.ui.window.pages import PAGES, Page, PageLinks

if TYPE_CHECKING:
    from imperfect_trainer.ui.cards.browser_screen import BrowserScreen
    from imperfect_trainer.ui.goals.goals_screen import GoalsScreen
    from imperfect_trainer.ui.journal.journal_screen import JournalScreen
    from imperfect_trainer.ui.practice.debrief_screen import DebriefScreen
    from imperfect_trainer.ui.settings.settings_screen import SettingsScreen
    from imperfect_trainer.ui.statistics.statistics_screen import StatisticsScreen
    from imperfect_trainer.ui.supervision.trainees_screen import TraineesScreen


class PageStack(QStackedWidget):
    # The page now shown (None: a screen of the practice's own) and whether it is a focused
    # moment (the welcome, a practice card): no sidebar, no jumping to other pages.
    shown = Signal(object, bool)

    def __init__(self, context: WindowContext, links: PageLinks) -> None:
        super().__init__()
        self.context = context
        self.links = links
        self.built: dict[Page, QWidget] = {}

    def page(self, page: Page) -> QWidget:
        """The screen for ``page``, built on first use."""
        widget = self.built.get(page)
        if widget is None:
            widget = PAGES[page].build(self.context, self.links)
            if isinstance(widget, ShowsChanges):
                self.context.changes.changed.connect(widget.show_changes)
            if page is Page.TRAINEES:
                cast("TraineesScreen", widget).looked.connect(self._trainees_looked)
            self.built[page] = widget
            self.addWidget(widget)
        return widget

    def visit(self, page: Page) -> QWidget:
        """The screen for ``page``, showing what is in the collection now (not yet shown)."""
        widget = self.page(page)
        PAGES[page].visit(widget, self.context)
        return widget

    def show_screen(self, screen: QWidget, *, focused: bool) -> None:
        leaving: object = self.currentWidget()
        if leaving is not screen and isinstance(leaving, KeepsEdits):
            leaving.keep_edits(closing=False)
        self.setCurrentWidget(screen)
        page = next((page for page, widget in self.built.items() if widget is screen), None)
        self.shown.emit(page, focused)

    def _trainees_looked(self) -> None:
        # My trainees reads the server on a worker: who is shown (which File ▸ Supervision
        # report… is about) is known once its look is back, so the window hears it again.
        if self.showing(Page.TRAINEES):
            self.shown.emit(Page.TRAINEES, False)

    def showing(self, page: Page) -> bool:
        return page in self.built and self.currentWidget() is self.built[page]

    def keep_edits(self, closing: bool) -> list[str]:
        """Save what was typed on every page; what could not be kept, in the person's words."""
        problems: list[str] = []
        for page, screen in self.built.items():
            if not isinstance(screen, KeepsEdits):
                continue
            try:
                problems += screen.keep_edits(closing)
            except Exception:
                # A fault in saving must neither trap the person in the window nor let it
                # close over their text: it is told (and logged) like any other, then asked.
                sys.excepthook(*sys.exc_info())
                problems.append(
                    _("An unexpected problem stopped saving on {page}.").format(page=page.title)
                )
        return problems

    @property
    def home(self) -> HomeScreen:
        return cast(HomeScreen, self.page(Page.HOME))

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

    @property
    def trainees(self) -> TraineesScreen:
        return cast("TraineesScreen", self.page(Page.TRAINEES))
