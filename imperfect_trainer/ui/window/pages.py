"""The window's pages in one place: each one's key, title, shortcut, how it is built and what
it does each time it is opened. The sidebar, the Go menu and the page stack all read this list,
through ``shown_pages``: My trainees is a supervisor's alone (on a programme's server).

A page's module is imported when the page is first opened: the first card of the day should not
wait for the statistics' charts. What a page asks of the window (open another page, practise a
debrief's cards, …) goes through ``PageLinks``, which the window connects once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common.window_context import WindowContext
from imperfect_trainer.ui.practice.home_screen import HomeScreen

if TYPE_CHECKING:
    from imperfect_trainer.ui.cards.browser_screen import BrowserScreen
    from imperfect_trainer.ui.goals.goals_screen import GoalsScreen
    from imperfect_trainer.ui.journal.journal_screen import JournalScreen
    from imperfect_trainer.ui.practice.debrief_screen import DebriefScreen
    from imperfect_trainer.ui.settings.settings_screen import SettingsScreen
    from imperfect_trainer.ui.statistics.statistics_screen import StatisticsScreen
    from imperfect_trainer.ui.supervision.trainees_screen import TraineesScreen

S = TypeVar("S", bound=QWidget)


class Page(IntEnum):
    """The pages, in the sidebar's order; page n opens with Ctrl+n."""

    HOME = 0
    BROWSER = 1
    STATISTICS = 2
    JOURNAL = 3
    DEBRIEF = 4
    GOALS = 5
    SETTINGS = 6
    TRAINEES = 7  # a supervisor's only: see ``shown_pages``

    @property
    def title(self) -> str:
        return _(PAGES[self].title)

    @property
    def shortcut(self) -> str:
        return f"Ctrl+{self.value + 1}"


def shown_pages(supervising: bool) -> tuple[Page, ...]:
    """The pages this window offers, in the sidebar's order: My trainees for a supervisor only
    (a trainee or a solo clinician never sees it)."""
    return tuple(page for page in Page if supervising or page is not Page.TRAINEES)


class PageLinks(QObject):
    """What pages ask of the window, wherever they were built."""

    page_requested = Signal(object)  # a Page
    journal_entry_requested = Signal(int)  # the journal, with this entry chosen
    home_requested = Signal()
    # card ids, the debrief's journal entry (None: the debrief was not kept, having no note)
    debrief_practice_requested = Signal(list, object)
    goals_revisited = Signal()
    appearance_changed = Signal(str, int)  # colour scheme, text size
    reminder_changed = Signal()
    trainee_report_requested = Signal(str)  # a supervisor's report on this trainee


@dataclass(frozen=True, slots=True)
class PageSpec(Generic[S]):
    title: str
    build: Callable[[WindowContext, PageLinks], S]
    # Each time the page is opened, before it is shown: show what is in the collection now.
    visit: Callable[[S, WindowContext], None]


PAGES: dict[Page, PageSpec[Any]] = {}


def _register(
    page: Page,
    title: str,
    build: Callable[[WindowContext, PageLinks], S],
    visit: Callable[[S, WindowContext], None],
) -> None:
    PAGES[page] = PageSpec(title, build, visit)


def _home(_context: WindowContext, _links: PageLinks) -> HomeScreen:
    return HomeScreen()


def _browser(context: WindowContext, _links: PageLinks) -> BrowserScreen:
    from imperfect_trainer.ui.cards.browser_screen import BrowserScreen

    return BrowserScreen(context.store, context.clock)


def _statistics(context: WindowContext, _links: PageLinks) -> StatisticsScreen:
    from imperfect_trainer.ui.statistics.statistics_screen import StatisticsScreen

    return StatisticsScreen(context.store, context.clock)


def _journal(context: WindowContext, _links: PageLinks) -> JournalScreen:
    from imperfect_trainer.ui.journal.journal_screen import JournalScreen

    return JournalScreen(context.store, context.clock)


def _debrief(context: WindowContext, links: PageLinks) -> DebriefScreen:
    from imperfect_trainer.ui.practice.debrief_screen import DebriefScreen

    screen = DebriefScreen(context.store, context.clock)
    screen.practice_requested.connect(links.debrief_practice_requested)
    screen.journal_requested.connect(links.journal_entry_requested)
    screen.home_requested.connect(links.home_requested)
    return screen


def _goals(context: WindowContext, links: PageLinks) -> GoalsScreen:
    from imperfect_trainer.ui.goals.goals_screen import GoalsScreen

    screen = GoalsScreen(context.store, context.clock)
    screen.revisited.connect(links.goals_revisited)
    return screen


def _settings(context: WindowContext, links: PageLinks) -> SettingsScreen:
    from imperfect_trainer.ui.settings.settings_screen import SettingsScreen

    screen = SettingsScreen(
        context.store,
        can_remind=context.reminder_available,
        login_arguments=context.login_arguments,
    )
    screen.appearance_changed.connect(links.appearance_changed)
    screen.reminder_changed.connect(links.reminder_changed)
    return screen


def _trainees(context: WindowContext, links: PageLinks) -> TraineesScreen:
    from imperfect_trainer.ui.supervision.trainees_screen import TraineesScreen

    screen = TraineesScreen(context.store, context.clock)
    screen.report_requested.connect(links.trainee_report_requested)
    return screen


# Home is built at start and opened through the practice flow, which works out what today holds.
_register(Page.HOME, N_("Today"), _home, lambda _screen, _context: None)
_register(Page.BROWSER, N_("Cards"), _browser, lambda screen, _context: screen.refresh())
_register(
    Page.STATISTICS,
    N_("Statistics"),
    _statistics,
    lambda screen, context: screen.refresh(context.scheme),
)
_register(Page.JOURNAL, N_("Journal"), _journal, lambda screen, _context: screen.refresh())
_register(
    Page.DEBRIEF, N_("After a hard session"), _debrief, lambda screen, _context: screen.open_form()
)
_register(Page.GOALS, N_("Goals"), _goals, lambda screen, _context: screen.refresh())
_register(Page.SETTINGS, N_("Settings"), _settings, lambda screen, _context: screen.refresh())
_register(
    Page.TRAINEES,
    N_("My trainees"),
    _trainees,
    lambda screen, context: screen.refresh(context.scheme),
)
