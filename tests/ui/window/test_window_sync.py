"""A joined collection's window syncs by itself and says so quietly at the foot of home; a
hub that cannot be reached changes nothing about the practice, and a close never waits long
for it. A solo clinician's window has no sync at all."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.practice.session import Phase
from imperfect_trainer.deck.storage import postgres_collection
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import run
from imperfect_trainer.ui.common.operations import Changes
from imperfect_trainer.ui.window import background_sync
from imperfect_trainer.ui.window.background_sync import SyncOutcome
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.practice_flow import FlowState
from imperfect_trainer.ui.window.sync_line import NOT_SYNCED, OFFLINE, SYNCING, SyncLine
from imperfect_trainer.ui.window.window_sync import WindowSync
from tests.deck.sync.computers import Computer, computer, gradable_cards, hub_events
from tests.support.moments import MORNING
from tests.support.postgres import Programme
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui
SYNC_WAIT_MS = 30_000
# More cards than a practice in these tests holds: the loop ends or fails.
MOST_CARDS = 50


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture(autouse=True)
def _sync_on_open_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's sync on open waits for it to settle; here it goes at once."""
    monkeypatch.setattr(background_sync, "OPEN_DELAY_MS", 0)


def _syncing(window: MainWindow) -> WindowSync:
    assert window.sync is not None
    return window.sync


def _settled(qtbot: QtBot, window: MainWindow) -> str:
    """The sync line once the sync on open has come back (it may have, before the window was
    shown)."""
    line = _syncing(window).line
    qtbot.waitUntil(lambda: line.text() != SYNCING, timeout=SYNC_WAIT_MS)
    return line.text()


def _synced(qtbot: QtBot, window: MainWindow) -> SyncOutcome:
    """The outcome of the next sync to come back (start it after calling this, or within a
    call that does not run the event loop)."""
    with qtbot.waitSignal(_syncing(window).syncs.finished, timeout=SYNC_WAIT_MS) as heard:
        pass
    outcome = heard.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def _answer_one_card(window: MainWindow) -> None:
    """Grade one card of the practice in hand (reflections are left for another day)."""
    flow = window.flow
    for _ in range(MOST_CARDS):
        if flow.phase() is Phase.REFLECTION:
            flow.set_aside()
            continue
        flow.reveal()
        flow.grade(4)
        return
    raise AssertionError("no card to grade in the practice")


def _answers_logged(store: Store) -> int:
    with store.quick_transaction() as cursor:
        (count,) = cursor.execute("SELECT count(*) FROM reviews").fetchone()
    return int(count)


@pytest.fixture
def silent_hub(tmp_path: Path) -> Iterator[socket.socket]:
    """A socket where a PostgreSQL server would listen that takes connections and never
    answers (a network that swallows packets); closing it ends any wait on it."""
    folder = tmp_path / "silent"
    folder.mkdir()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / ".s.PGSQL.5432"))
    listener.listen(8)
    with listener:
        yield listener


def _joined(data_dir: Path, new_collection: Path, hub_folder: Path) -> Store:
    shutil.copytree(new_collection, data_dir)
    store = Store.open(data_dir, now=MORNING)
    run.join(store, f"postgresql://trainee@/trainer?host={hub_folder}")
    return store


def test_a_solo_window_shows_no_sync_line(store: Store, clock: FakeClock, qtbot: QtBot) -> None:
    window = open_window(store, clock, qtbot)
    assert window.sync is None
    assert window.home.findChildren(SyncLine) == []


@pytest.fixture
def laptop(programme: Programme, new_collection: Path, tmp_path: Path) -> Iterator[Computer]:
    trainee = programme.new_trainee()
    side = computer(new_collection, tmp_path / "laptop", programme, trainee, MORNING)
    try:
        yield side
    finally:
        side.store.close()


def _trainee(side: Computer) -> str:
    hub = run.joined_hub(side.store)
    assert hub is not None
    return hub.split("//", 1)[1].split("@", 1)[0]


@pytest.mark.postgres
def test_a_joined_window_syncs_on_open_and_says_when(
    programme: Programme, laptop: Computer, clock: FakeClock, qtbot: QtBot
) -> None:
    (card,) = gradable_cards(laptop.store, MORNING, 1)
    laptop.answer(card, 4, MORNING)
    window = open_window(laptop.store, clock, qtbot)
    line = _syncing(window).line
    assert _settled(qtbot, window) == line.accessibleName() == "Synced just now", line.toolTip()
    assert line.isVisible()
    assert "answer" in {kind for _, kind in hub_events(programme, _trainee(laptop))}

    clock.advance(3 * 60)
    line.ticker.timeout.emit()
    assert line.text() == line.accessibleName() == "Synced 3 minutes ago"
    window.close()


@pytest.mark.postgres
def test_answers_from_another_computer_appear_after_the_periodic_sync(
    programme: Programme,
    laptop: Computer,
    new_collection: Path,
    tmp_path: Path,
    clock: FakeClock,
    qtbot: QtBot,
) -> None:
    clinic = computer(new_collection, tmp_path / "clinic", programme, _trainee(laptop), MORNING)
    try:
        window = open_window(laptop.store, clock, qtbot)
        assert _settled(qtbot, window) == "Synced just now"
        before = _answers_logged(laptop.store)
        for card in gradable_cards(clinic.store, MORNING, 2):
            clinic.answer(card, 5, MORNING + dt.timedelta(minutes=1))
        clinic.sync(MORNING + dt.timedelta(minutes=2))
        heard: list[Changes] = []
        window.changes.changed.connect(heard.append)

        clock.advance(5 * 60)
        _syncing(window).syncs.timer.timeout.emit()
        outcome = _synced(qtbot, window)

        assert outcome.report is not None
        assert outcome.report.answers_added == 2
        assert _answers_logged(laptop.store) == before + 2
        assert [changes.schedules for changes in heard] == [True]
        assert window.flow.state is FlowState.HOME
        window.close()
    finally:
        clinic.store.close()


def test_an_unreachable_hub_says_offline_and_the_practice_goes_on(
    data_dir: Path, new_collection: Path, tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    store = _joined(data_dir, new_collection, tmp_path / "no-server-here")
    try:
        window = open_window(store, clock, qtbot)
        syncing = _syncing(window)
        assert _settled(qtbot, window) == syncing.line.accessibleName() == OFFLINE
        assert syncing.line.accessibleDescription()  # why, for whoever asks

        before = _answers_logged(store)
        window.flow.start_practice()
        _answer_one_card(window)
        assert _answers_logged(store) == before + 1
        # A sync falling due during the practice waits for its end, then runs.
        started: list[object] = []
        syncing.syncs.started.connect(lambda: started.append(window.flow.state))
        syncing.syncs.timer.timeout.emit()
        assert started == []
        with qtbot.waitSignal(syncing.syncs.started, timeout=SYNC_WAIT_MS):
            window.flow.end_practice()
        assert started == [FlowState.SUMMARY]
        assert _synced(qtbot, window).error is not None
        window.close()
    finally:
        store.close()


def test_closing_with_a_silent_hub_does_not_wait_for_it(
    data_dir: Path,
    new_collection: Path,
    silent_hub: socket.socket,
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The sync still waits on the hub when the window closes, however slow the machine: only
    # closing the hub's socket ends its wait, not the 10 s a connection is given.
    monkeypatch.setattr(postgres_collection, "CONNECT_TIMEOUT_SECONDS", 600)
    store = _joined(data_dir, new_collection, Path(silent_hub.getsockname()).parent)
    try:
        window = open_window(store, clock, qtbot)
        syncs = _syncing(window).syncs
        qtbot.waitUntil(lambda: syncs.running, timeout=SYNC_WAIT_MS)
        worker = syncs.worker
        assert worker is not None
        assert worker.is_alive()  # waiting on a server that never answers
        syncs.close_wait = 0.05
        window.close()
        assert not window.isVisible()
        assert worker.is_alive()  # the close went on without it
        silent_hub.close()
        worker.join(SYNC_WAIT_MS / 1000)
        assert not worker.is_alive()
    finally:
        store.close()


def test_a_fault_of_the_app_in_a_sync_is_told_once_and_syncing_stops(
    data_dir: Path, new_collection: Path, tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    store = _joined(data_dir, new_collection, tmp_path / "no-server-here")
    try:
        window = open_window(store, clock, qtbot)
        syncs = _syncing(window).syncs
        assert _settled(qtbot, window) == OFFLINE

        def broken(_folder: Path, _now: dt.datetime) -> SyncOutcome:
            raise RuntimeError("a fault of the app's")

        syncs.work = broken
        with qtbot.captureExceptions() as raised:
            syncs.timer.timeout.emit()
            _synced(qtbot, window)
        assert [type(error) for _, error, _ in raised] == [RuntimeError]
        assert _syncing(window).line.text() == NOT_SYNCED
        assert not syncs.timer.isActive()
        started: list[bool] = []
        syncs.started.connect(lambda: started.append(True))
        window.close()
        assert started == []  # not even on the way out
    finally:
        store.close()


def test_a_sync_asked_for_while_one_runs_follows_it(
    data_dir: Path, new_collection: Path, tmp_path: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    store = _joined(data_dir, new_collection, tmp_path / "no-server-here")
    try:
        window = open_window(store, clock, qtbot)
        syncs = _syncing(window).syncs
        assert _settled(qtbot, window) == OFFLINE
        release = threading.Event()
        ran: list[dt.datetime] = []

        def held(_folder: Path, now: dt.datetime) -> SyncOutcome:
            ran.append(now)
            release.wait(SYNC_WAIT_MS / 1000)
            return SyncOutcome(now)

        syncs.work = held
        syncs.sync_now()
        clock.advance(60)
        syncs.sync_now()  # a practice ended meanwhile, say: its answers must go too
        syncs.sync_now()
        release.set()
        qtbot.waitUntil(lambda: len(ran) == 2 and not syncs.running, timeout=SYNC_WAIT_MS)
        assert ran == [MORNING, MORNING + dt.timedelta(seconds=60)]
        window.close()
    finally:
        store.close()
