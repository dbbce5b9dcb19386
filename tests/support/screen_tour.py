"""A tour of every screen and dialog of the main window, on a collection that looks lived in.

Used by the test that every text fits at every size (tests/ui/test_every_size.py) and by
``scripts/screen_tour.py``, which saves what the tour shows as screenshots.

``server_tour`` is the part only a programme's server has: a trainee's journal and goals with
their "Share with my supervisor" ticks, and a supervisor's My trainees and report dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialog, QScrollArea, QWidget

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import debrief, goals, journal, own_cards
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.practice.session import Phase
from imperfect_trainer.deck.storage.server_address import ServerAddress
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING

SCHEMES = ("light", "dark")
# Every stop of the tour, in order (the tests name them before the tour runs).
STOPS = (
    "welcome",
    "home",
    "practice-front",
    "practice-answer",
    "practice-reflection",
    "summary",
    "browser",
    "browser-search",
    "browser-preview",
    "statistics",
    "statistics-mastery",
    "statistics-calendar",
    "journal",
    "debrief",
    "debrief-done",
    "goals",
    "settings",
    "settings-backups",
    "own-card",
    "note",
    "history",
    "backups",
    "shortcuts",
    "about",
    "report",
    "report-calendar",
)
# The stops of the server's tour.
SERVER_STOPS = ("journal-shared", "goals-shared", "trainees", "trainees-more", "trainee-report")
Stop = tuple[str, QWidget]


class TourClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@contextmanager
def fill_sample_collection(folder: Path) -> Iterator[tuple[Store, TourClock]]:
    """A collection with five weeks of practice, journal entries, goals and an own card."""
    clock = TourClock(MORNING)
    with Store.open(folder, now=MORNING - dt.timedelta(days=40)) as store:
        fill(store)
        yield store, clock


def fill(store: Store) -> None:
    for days_ago in range(40, 0, -1):
        if days_ago % 3 == 1:
            continue  # gaps are ordinary
        now = MORNING - dt.timedelta(days=days_ago)
        for n, card in enumerate(store.todays_practice(now).cards[:9]):
            now += dt.timedelta(seconds=40)
            reflection = None
            if card.kind is CardKind.REFLECTION:
                reflection = (
                    "I noticed I wanted the session to go exactly to plan, and it didn't. "
                    "The client still came back the week after."
                )
            store.answer(
                card.id,
                (5, 4, 3, 4, 2, 5, 4, 1, 3)[(n + days_ago) % 9],
                now=now,
                duration_ms=25_000 + 3_000 * n,
                reflection=reflection,
            )
    evening = MORNING - dt.timedelta(days=2, hours=-10)
    debrief.save_debrief(
        store,
        ["late-client", "rumination"],
        "Arrived 25 minutes late and I rushed the whole plan. Kept replaying it on the way home.",
        evening,
    )
    goals.add_goal(
        store,
        "Let a session go off-plan when my client needs it, and notice what happens",
        evening,
        striving=Striving.HEALTHY,
        discussed_in_supervision=True,
        note="Good enough: one agenda item, agreed together.",
    )
    goals.add_goal(
        store,
        "Never leave a session without having covered every item I prepared",
        evening,
        striving=Striving.NEVER_ENOUGH,
        discussed_in_supervision=False,
    )
    own_cards.add_own_card(
        store,
        OwnCardDraft(
            CardKind.REFRAME,
            "I should have known the client would cancel",
            "Hindsight makes it look obvious; at the time I had what I had.",
            tags="hindsight",
        ),
        evening,
    )
    first = store.todays_practice(MORNING).cards[0]
    own_cards.set_personal_note(store, first.id, "Remember Tuesday's client.", evening)


def share_some(store: Store) -> None:
    """What a trainee of the sample collection shares: their newest entries and first goal."""
    for entry in journal.entries(store)[:2]:
        journal.set_shared(store, entry.id, True)
    goals.set_shared(store, goals.list_goals(store)[0].id, True)


def open_main_window(
    store: Store,
    clock: TourClock,
    size: tuple[int, int],
    font_size: int,
    scheme: str,
    *,
    welcome_seen: bool = True,
) -> MainWindow:
    """The main window at ``size``, with that text size and colour scheme."""
    store.set_setting("font_size", font_size)
    store.set_setting("theme", scheme)
    store.set_setting("welcome_seen", welcome_seen)
    window = MainWindow(
        store, clock=clock, scheme=str(store.setting("theme")), tray_available=False
    )
    window.resize(*size)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    return window


def tour(
    store: Store, clock: TourClock, size: tuple[int, int], font_size: int, scheme: str
) -> Iterator[Stop]:
    """Every screen and dialog in turn, as (name, the widget showing it); each is left as the
    person would see it until the next step."""
    window = open_main_window(store, clock, size, font_size, scheme, welcome_seen=False)
    try:
        yield from _tour_window(window, store, clock)
    finally:
        _close(window)


def _settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def _grade_until_a_reflection(window: MainWindow, clock: TourClock) -> None:
    """Answer the practice's cards, a few seconds each, until a reflection is in hand."""
    for _ in range(40):
        if window.flow.phase() is Phase.REFLECTION:
            return
        clock.now += dt.timedelta(seconds=20)
        window.flow.reveal()
        window.flow.grade(4)
    raise AssertionError("the tour's practice brought no reflection")


def _tour_window(window: MainWindow, store: Store, clock: TourClock) -> Iterator[Stop]:
    _settle()
    yield "welcome", window
    window.welcome.continue_button.click()
    _settle()
    yield "home", window

    window.home.start_button.click()
    _settle()
    yield "practice-front", window
    window.flow.reveal()
    _settle()
    yield "practice-answer", window
    _grade_until_a_reflection(window, clock)
    window.practice_view.answer_box.setPlainText(
        "Mostly the fear that a client will think I don't know what I'm doing."
    )
    _settle()
    yield "practice-reflection", window
    window.flow.end_practice()
    _settle()
    yield "summary", window

    window.go(Page.BROWSER)
    browser = window.stack.browser
    _settle()
    yield "browser", window
    browser.search.setText("session")
    browser.table.selectRow(0)
    _settle()
    yield "browser-search", window
    browser.page_scroll.ensureWidgetVisible(browser.preview)
    _settle()
    yield "browser-preview", window
    browser.search.clear()

    window.go(Page.STATISTICS)
    _settle()
    yield "statistics", window
    scroll = window.stack.statistics.page_scroll
    _settle()
    scroll.ensureWidgetVisible(window.stack.statistics.sections_chart)
    _settle()
    yield "statistics-mastery", window
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    _settle()
    yield "statistics-calendar", window

    window.go(Page.JOURNAL)
    _settle()
    yield "journal", window

    window.go(Page.DEBRIEF)
    screen = window.stack.debrief
    screen.checks["late-client"].setChecked(True)
    _settle()
    yield "debrief", window
    screen.show_done(3)
    _settle()
    yield "debrief-done", window
    screen.start_over()

    window.go(Page.GOALS)
    _settle()
    yield "goals", window

    window.go(Page.SETTINGS)
    _settle()
    yield "settings", window
    settings = window.stack.settings
    settings_scroll = settings.findChild(QScrollArea)
    assert settings_scroll is not None
    # To the foot of the page: the backups and their buttons.
    settings_scroll.verticalScrollBar().setValue(settings_scroll.verticalScrollBar().maximum())
    _settle()
    yield "settings-backups", window

    yield from _dialogs(window, store)


def _dialog(dialog: QDialog, name: str) -> Iterator[Stop]:
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    _settle()
    try:
        yield name, dialog
    finally:
        dialog.close()
        dialog.deleteLater()
        _settle()


def _dialogs(window: MainWindow, store: Store) -> Iterator[Stop]:
    from imperfect_trainer.deck.features.card_history import card_history
    from imperfect_trainer.ui.cards.card_dialogs import OwnCardDialog
    from imperfect_trainer.ui.cards.history_dialog import HistoryDialog
    from imperfect_trainer.ui.cards.note_dialog import NoteDialog
    from imperfect_trainer.ui.settings.backups_dialog import BackupsDialog
    from imperfect_trainer.ui.supervision.report_dialog import ReportDialog
    from imperfect_trainer.ui.window.help_dialogs import AboutDialog, ShortcutsDialog

    clock = window.context.clock
    card = store.todays_practice(clock()).cards[0]
    yield from _dialog(OwnCardDialog(store, clock, window), "own-card")
    yield from _dialog(NoteDialog(store, clock, card.id, window), "note")
    history = card_history(store, card.id)
    yield from _dialog(HistoryDialog(card.front, history, window), "history")
    yield from _dialog(BackupsDialog(store, window), "backups")
    yield from _dialog(ShortcutsDialog(window), "shortcuts")
    yield from _dialog(AboutDialog(str(store.data_dir), window), "about")
    report = ReportDialog(store, store.practice_day(clock()), window)
    for stop in _dialog(report, "report"):
        yield stop
        edit = report.first
        # The arrow at the right end opens the month (Qt offers no key for it).
        QTest.mouseClick(
            edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2)
        )
        _settle()
        popup = next(
            (
                calendar.window()
                for calendar in report.findChildren(QCalendarWidget)
                if calendar.isVisible()
            ),
            None,
        )
        if popup is not None:
            yield "report-calendar", popup
            popup.hide()


def server_tour(
    trainee: ServerAddress,
    supervisor: ServerAddress,
    folder: Path,
    clock: TourClock,
    size: tuple[int, int],
    font_size: int,
    scheme: str,
) -> Iterator[Stop]:
    """A trainee's journal and goals with what they share ticked (a sample collection, with
    ``share_some``), then their supervisor's window: My trainees and the report dialog."""
    with Store.open_server(trainee, folder / "trainee", now=clock()) as store:
        window = open_main_window(store, clock, size, font_size, scheme)
        try:
            window.go(Page.JOURNAL)
            _settle()
            yield "journal-shared", window
            window.go(Page.GOALS)
            _settle()
            yield "goals-shared", window
        finally:
            _close(window)
    with Store.open_server(supervisor, folder / "supervisor", now=clock()) as store:
        window = open_main_window(store, clock, size, font_size, scheme)
        try:
            screen = window.stack.trainees
            # Its look comes back from a worker: 20 s at most, or the tour fails.
            for _ in range(1000):
                if not screen.looks.looking:
                    break
                QTest.qWait(20)
            assert not screen.looks.looking
            _settle()
            yield "trainees", window
            screen.page_scroll.ensureWidgetVisible(screen.journal)
            _settle()
            yield "trainees-more", window
            from imperfect_trainer.ui.supervision.trainee_report_dialog import TraineeReportDialog

            chosen = screen.chosen()
            assert chosen is not None
            today = store.practice_day(clock())
            yield from _dialog(TraineeReportDialog(store, chosen, today, window), "trainee-report")
        finally:
            _close(window)


def _close(window: MainWindow) -> None:
    # Hidden, not closed: closing would ask about a form left half filled.
    window.flow.stop()
    window.hide()
    window.deleteLater()
    QApplication.processEvents()
