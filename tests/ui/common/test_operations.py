"""Window operations: a failure is told once and changes nothing, what changed reaches the page
that shows it without a reload by hand, and a slow operation on a worker leaves the window
answering."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import browser, own_cards
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.storage.store_errors import DiskFullError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.operations import (
    Changes,
    Failure,
    op_done,
    run_in_background,
    run_op,
)
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, ShownWarning, click_sidebar, open_window

pytestmark = pytest.mark.gui

DRAFT = OwnCardDraft(CardKind.REFRAME, "I must have an answer", "I can wonder")
# A worker that is never let go fails the test rather than hang it.
LONGEST_WAIT_S = 10


@pytest.fixture
def window(store: Store, qtbot: QtBot) -> MainWindow:
    return open_window(store, FakeClock(MORNING), qtbot)


@pytest.fixture
def heard(window: MainWindow) -> list[Changes]:
    """Every change the window was told of, in order."""
    changes: list[Changes] = []
    window.changes.changed.connect(changes.append)
    return changes


def _own_fronts(store: Store) -> list[str]:
    return [row.front for row in browser.load_index(store).rows if row.own]


def _shown_fronts(window: MainWindow) -> list[str]:
    cards = window.stack.browser.cards
    return [cards.row(n).front for n in range(cards.rowCount())]


def test_a_failed_operation_is_told_once_and_changes_nothing(
    window: MainWindow,
    store: Store,
    heard: list[Changes],
    warned: list[ShownWarning],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    click_sidebar(qtbot, window, Page.BROWSER)
    shown = _shown_fronts(window)

    def disk_full(*_args: object) -> None:
        raise DiskFullError(store.path, "could not be written (the disk is full)")

    monkeypatch.setattr(store, "add_cards", disk_full)
    added = run_op(
        window.stack.browser,
        lambda: own_cards.add_own_card(store, DRAFT, MORNING),
        lambda card_id: Changes.of_cards([card_id]),
    )
    assert added is None
    assert len(warned) == 1
    assert "the disk is full" in warned[0].text
    assert heard == []
    assert _own_fronts(store) == []
    assert _shown_fronts(window) == shown


def test_an_own_card_added_anywhere_shows_in_cards_without_a_reload(
    window: MainWindow, store: Store, heard: list[Changes], qtbot: QtBot
) -> None:
    click_sidebar(qtbot, window, Page.BROWSER)
    assert DRAFT.front not in _shown_fronts(window)
    # From another part of the window: the Cards page is not asked, it hears what changed.
    assert op_done(
        window.sidebar,
        lambda: own_cards.add_own_card(store, DRAFT, MORNING),
        Changes(cards=True),
    )
    assert heard == [Changes(cards=True)]
    assert DRAFT.front in _shown_fronts(window)


def test_cards_changed_while_the_page_is_hidden_are_shown_on_the_next_visit(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    click_sidebar(qtbot, window, Page.BROWSER)
    click_sidebar(qtbot, window, Page.STATISTICS)
    card_id = window.stack.browser.cards.card_id(0)
    assert op_done(
        window.stack.statistics,
        lambda: browser.set_suspended(store, [card_id], True, MORNING),
        Changes(schedules=True),
    )
    click_sidebar(qtbot, window, Page.BROWSER)
    shown = window.stack.browser.cards
    assert shown.row(shown.index_of(card_id).row()).suspended


def test_the_window_answers_while_a_slow_operation_runs_on_a_worker(
    window: MainWindow, heard: list[Changes], qtbot: QtBot
) -> None:
    release = threading.Event()
    screen = window.stack.currentWidget()
    assert isinstance(screen, QWidget)

    def slow() -> str:
        assert release.wait(LONGEST_WAIT_S)
        return "written"

    operation = run_in_background(screen, slow, Changes(settings=True))
    busy = QApplication.overrideCursor()
    assert busy is not None
    assert busy.shape() == Qt.CursorShape.BusyCursor
    assert not screen.isEnabled()  # no second Save while the first is being written
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the event loop runs while the worker waits
    assert heard == []

    results: list[object] = []
    operation.finished.connect(results.append)
    with qtbot.waitSignal(operation.finished):
        release.set()
    assert results == ["written"]
    assert heard == [Changes(settings=True)]
    assert screen.isEnabled()
    assert QApplication.overrideCursor() is None


def test_a_slow_operation_that_fails_is_told_once_and_the_window_is_given_back(
    window: MainWindow, heard: list[Changes], warned: list[ShownWarning], qtbot: QtBot
) -> None:
    screen = window.stack.currentWidget()
    assert isinstance(screen, QWidget)

    def refused() -> None:
        raise OSError(28, "No space left on device")

    failure = Failure("Supervision report", "No report was written.", (OSError,))
    operation = run_in_background(screen, refused, Changes(settings=True), failure=failure)
    with qtbot.waitSignal(operation.failed):
        pass
    assert warned == [
        ShownWarning(
            "Supervision report", "No report was written.\n\n[Errno 28] No space left on device"
        )
    ]
    assert heard == []
    assert screen.isEnabled()
    assert QApplication.overrideCursor() is None


def test_an_unexpected_error_on_a_worker_is_raised_where_the_error_boundary_hears_it(
    window: MainWindow, heard: list[Changes], qtbot: QtBot
) -> None:
    screen = window.stack.currentWidget()
    assert isinstance(screen, QWidget)

    def broken() -> None:
        raise KeyError("a bug")

    operation = run_in_background(screen, broken, Changes(settings=True))
    with qtbot.capture_exceptions() as raised, qtbot.waitSignal(operation.failed):
        pass
    assert [type(error) for _kind, error, _trace in raised] == [KeyError]
    assert heard == []
    assert screen.isEnabled()


def test_changes_to_named_cards_stay_named_only_while_every_part_names_them() -> None:
    one, other = Changes.of_cards(["a"]), Changes.of_cards(["b"], schedules=True)
    assert one | other == Changes(cards=True, schedules=True, card_ids=frozenset({"a", "b"}))
    assert (one | Changes(cards=True)).card_ids == frozenset()
    assert (one | Changes(journal=True)).card_ids == frozenset({"a"})
    assert not Changes()
    assert Changes(goals=True)
