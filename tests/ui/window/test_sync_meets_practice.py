"""The window's background sync meeting what the person does meanwhile: Start pressed while the
sync merges another computer's answers starts the practice once the merge is over, with the
cards as the other computer left them, and every answer is kept without a "Not saved" dialog;
a backup restored while a sync runs leaves the restored collection whole, and the next sync
brings back everything the programme's server holds."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.practice.session import Phase
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.sync import downloads, hub_side
from imperfect_trainer.deck.sync.downloads import Merged
from imperfect_trainer.ui.common.operations import EVERYTHING, op_done
from imperfect_trainer.ui.window import background_sync
from imperfect_trainer.ui.window.background_sync import SyncOutcome
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.sync_line import SYNCING
from tests.deck.sync.computers import Computer, computer, gradable_cards
from tests.support.moments import MORNING
from tests.support.postgres import Programme
from tests.support.window_support import FakeClock, open_window

pytestmark = [pytest.mark.gui, pytest.mark.postgres]
SYNC_WAIT_MS = 30_000
MOST_CARDS = 50


@pytest.fixture(autouse=True)
def _sync_on_open_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background_sync, "OPEN_DELAY_MS", 0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every dialog the window would have put up about something not saved."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(str(args[1:])))
    return said


@pytest.fixture
def laptop_and_clinic(
    programme: Programme, new_collection: Path, tmp_path: Path
) -> Iterator[tuple[Computer, Computer]]:
    trainee = programme.new_trainee()
    laptop = computer(new_collection, tmp_path / "laptop", programme, trainee, MORNING)
    clinic = computer(new_collection, tmp_path / "clinic", programme, trainee, MORNING)
    try:
        yield laptop, clinic
    finally:
        laptop.store.close()
        clinic.store.close()


class _Held:
    """A step of the window's sync, on the sync's thread, held until released (or 30 s)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def hold(self) -> None:
        self.reached.set()
        self.release.wait(SYNC_WAIT_MS / 1000)


def _hold_the_merge(monkeypatch: pytest.MonkeyPatch) -> _Held:
    """The merge of other computers' answers, written and not yet committed, held: the sync
    has the collection's write lock and has rewritten the answered cards' schedules."""
    held = _Held()
    real = downloads.merge_staged

    def merge_then_hold(connection: object) -> Merged:
        merged = real(connection)  # type: ignore[arg-type]
        if merged.answers_added:
            held.hold()
        return merged

    monkeypatch.setattr(downloads, "merge_staged", merge_then_hold)
    return held


def _outcome(qtbot: QtBot, window: MainWindow) -> SyncOutcome:
    assert window.sync is not None
    with qtbot.waitSignal(window.sync.syncs.finished, timeout=SYNC_WAIT_MS) as heard:
        pass
    outcome = heard.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def _grade_one_card(window: MainWindow) -> str:
    """Grade the card in hand (reflections are set aside); returns its id."""
    flow = window.flow
    for _ in range(MOST_CARDS):
        practice = flow.practice
        assert practice is not None
        assert practice.current is not None
        if flow.phase() is Phase.REFLECTION:
            flow.set_aside()
            continue
        card_id = practice.current.id
        flow.reveal()
        flow.grade(4)
        return card_id
    raise AssertionError("no card to grade in the practice")


def test_start_pressed_while_a_sync_merges_starts_after_the_merge_and_keeps_every_answer(
    laptop_and_clinic: tuple[Computer, Computer],
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    laptop, clinic = laptop_and_clinic
    # The cards the laptop's practice would start with, answered on the clinic's computer.
    answered_there = gradable_cards(clinic.store, MORNING, 3)
    for card_id in answered_there:
        clinic.answer(card_id, 5, MORNING)
    clinic.sync(MORNING)
    merge = _hold_the_merge(monkeypatch)
    before = laptop.answers_logged()

    window = open_window(laptop.store, clock, qtbot)
    qtbot.waitUntil(merge.reached.is_set, timeout=SYNC_WAIT_MS)
    window.flow.start_practice()  # Start, while the sync holds its merge
    merge.release.set()
    assert _outcome(qtbot, window).synced
    assert warnings == []
    assert window.flow.practice_open
    graded = [_grade_one_card(window) for _ in range(2)]

    assert warnings == []
    assert not set(graded) & set(answered_there)  # due later now, as the clinic left them
    assert laptop.answers_logged() == before + len(answered_there) + len(graded)
    window.flow.end_practice()
    window.close()


def test_a_sync_running_when_the_practice_starts_leaves_its_merge_to_the_next_sync(
    laptop_and_clinic: tuple[Computer, Computer],
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    laptop, clinic = laptop_and_clinic
    answered_there = gradable_cards(clinic.store, MORNING, 2)
    for card_id in answered_there:
        clinic.answer(card_id, 5, MORNING)
    clinic.sync(MORNING)
    download = _Held()
    real_download = hub_side.download

    def held_download(*args: object) -> hub_side.Downloaded:
        download.hold()
        return real_download(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(hub_side, "download", held_download)
    before = laptop.answers_logged()

    window = open_window(laptop.store, clock, qtbot)
    qtbot.waitUntil(download.reached.is_set, timeout=SYNC_WAIT_MS)
    window.flow.start_practice()  # the sync is on the network: the practice starts at once
    assert window.flow.practice_open
    download.release.set()
    assert _outcome(qtbot, window).synced
    _grade_one_card(window)

    assert warnings == []
    assert laptop.answers_logged() == before + 1  # the clinic's answers wait for the practice
    monkeypatch.undo()
    window.flow.end_practice()  # the practice over: the sync that follows merges them
    assert _outcome(qtbot, window).synced
    assert laptop.answers_logged() == before + 1 + len(answered_there)
    window.close()


def test_a_backup_restored_while_a_sync_runs_loses_nothing_the_server_holds(
    laptop_and_clinic: tuple[Computer, Computer],
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    warnings: list[str],
) -> None:
    laptop, clinic = laptop_and_clinic
    backup = laptop.store.backup(MORNING)
    kept = tmp_path / "kept-backup.sqlite3"
    shutil.copy2(backup, kept)
    # After the backup: answers here, synced; then answers on the clinic's computer.
    for card_id in gradable_cards(laptop.store, MORNING, 2):
        laptop.answer(card_id, 4, MORNING + dt.timedelta(minutes=1))
    laptop.sync(MORNING + dt.timedelta(minutes=2))
    for card_id in gradable_cards(clinic.store, MORNING, 3):
        clinic.answer(card_id, 5, MORNING + dt.timedelta(minutes=3))
    clinic.sync(MORNING + dt.timedelta(minutes=4))
    expected = sorted(clinic.answer_events())
    merge = _hold_the_merge(monkeypatch)

    clock.advance(5 * 60)
    window = open_window(laptop.store, clock, qtbot)
    qtbot.waitUntil(merge.reached.is_set, timeout=SYNC_WAIT_MS)
    restored = op_done(window, lambda: laptop.store.restore(kept, clock()), EVERYTHING)
    merge.release.set()
    _outcome(qtbot, window)  # the sync under way: whatever it says, it wrote nothing here
    assert restored
    monkeypatch.undo()
    clock.advance(60)
    assert window.sync is not None
    window.sync.syncs.sync_now()
    assert _outcome(qtbot, window).synced

    assert warnings == []
    assert sorted(laptop.answer_events()) == expected  # each once, none lost
    assert laptop.answers_logged() == len(expected)
    assert laptop.schedules() == clinic.schedules()
    assert window.sync.line.text() != SYNCING
    window.close()


def test_start_pressed_while_a_merge_fails_still_opens_the_practice(
    laptop_and_clinic: tuple[Computer, Computer],
    clock: FakeClock,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    laptop, clinic = laptop_and_clinic
    for card_id in gradable_cards(clinic.store, MORNING, 2):
        clinic.answer(card_id, 5, MORNING)
    clinic.sync(MORNING)
    merge = _Held()

    def merge_that_fails(connection: object) -> Merged:
        merge.hold()
        raise StoreError(laptop.store.data_dir, "could not be written (a test's fault)")

    monkeypatch.setattr(downloads, "merge_staged", merge_that_fails)
    window = open_window(laptop.store, clock, qtbot)
    qtbot.waitUntil(merge.reached.is_set, timeout=SYNC_WAIT_MS)
    window.flow.start_practice()
    merge.release.set()

    assert _outcome(qtbot, window).error is not None
    assert window.flow.practice_open
    _grade_one_card(window)
    assert warnings == []
    window.close()
