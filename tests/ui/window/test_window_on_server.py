"""The real window on a programme's server: two trainees practise by keyboard, each sees only
their own answers, and a server restarted in the middle of a practice costs no announced
answer (the window says the one in hand was not saved and keeps the card to answer again).
A trainee's or supervisor's --database window opens their collection moved here; a supervisor's
opens with the server away too, on the last look at their trainees kept here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.server_errors import ServerUnreachableError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.collection_trouble import NOT_SAVED
from imperfect_trainer.ui.window import app as app_module
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.collection_rows import fetch_rows, run_sql
from tests.support.moments import MORNING
from tests.support.postgres import Programme
from tests.support.window_support import (
    FakeClock,
    ShownWarning,
    open_window,
    with_next_dialog,
)

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


def _key(qtbot: QtBot, window: MainWindow, key: Qt.Key, ctrl: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def _answer(qtbot: QtBot, window: MainWindow, clock: FakeClock, grade: Qt.Key) -> None:
    _key(qtbot, window, Qt.Key.Key_Return, ctrl=True)  # shows the answer on every kind of card
    clock.advance(10)
    _key(qtbot, window, grade)


def _recall_cards_only(store: Store) -> None:
    # A reflection is written, not graded; these tests are about grades on a server.
    run_sql(store, "UPDATE cards SET suspended = true WHERE kind = 'reflection'")


def _grades(store: Store) -> list[int]:
    return [int(row[0]) for row in fetch_rows(store, "SELECT grade FROM reviews ORDER BY id")]


def test_two_trainees_practise_in_the_window_each_seeing_only_their_own(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    for name, grades in (
        (programme.new_trainee(), [Qt.Key.Key_5, Qt.Key.Key_4, Qt.Key.Key_3]),
        (programme.new_trainee(), [Qt.Key.Key_4]),
    ):
        clock = FakeClock(MORNING)
        with Store.open_server(programme.address(name), tmp_path / name, now=MORNING) as store:
            _recall_cards_only(store)
            window = open_window(store, clock, qtbot)
            _key(qtbot, window, Qt.Key.Key_Return)
            for grade in grades:
                _answer(qtbot, window, clock, grade)
            assert _grades(store) == [int(chr(grade)) for grade in grades]
            window.close()


def test_a_server_restart_mid_practice_loses_no_announced_answer(
    programme: Programme, tmp_path: Path, qtbot: QtBot, warned: list[ShownWarning]
) -> None:
    clock = FakeClock(MORNING)
    address = programme.address(programme.new_trainee())
    with Store.open_server(address, tmp_path, now=MORNING) as store:
        _recall_cards_only(store)
        window = open_window(store, clock, qtbot)
        _key(qtbot, window, Qt.Key.Key_Return)
        _answer(qtbot, window, clock, Qt.Key.Key_5)
        in_hand = window.practice_view.front.text()
        programme.cluster.stop()
        try:
            _answer(qtbot, window, clock, Qt.Key.Key_4)
        finally:
            programme.cluster.start()
        assert len(warned) == 1
        assert NOT_SAVED in warned[0].text
        assert address.where in warned[0].text
        assert window.practice_view.front.text() == in_hand  # the same card, to answer again
        _answer(qtbot, window, clock, Qt.Key.Key_4)
        assert _grades(store) == [5, 4]
        assert window.practice_view.front.text() != in_hand
        window.close()


def test_a_server_that_cannot_confirm_answers_is_told_as_a_server_not_a_disk(
    programme: Programme,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    warned: list[ShownWarning],
) -> None:
    clock = FakeClock(MORNING)
    with Store.open_server(
        programme.address(programme.new_trainee()), tmp_path, now=MORNING
    ) as store:
        _recall_cards_only(store)
        window = open_window(store, clock, qtbot)
        _key(qtbot, window, Qt.Key.Key_Return)
        _answer(qtbot, window, clock, Qt.Key.Key_4)

        def network_gone() -> None:
            # Its flush waits on the network; here the network has just gone quiet.
            raise ServerUnreachableError(store.file.where, "cannot be reached (timed out)")

        monkeypatch.setattr(store.file, "flush_to_disk", network_gone)
        _answer(qtbot, window, clock, Qt.Key.Key_3)
        qtbot.waitUntil(lambda: bool(warned))
        [(title, text)] = warned
        assert title == "The server has not confirmed your last answers"
        assert str(store.file.where) in text
        assert "check your network" in text
        assert "disk" not in text
        assert window.stack.currentWidget() is window.summary
        monkeypatch.undo()  # the network is back
        assert _grades(store) == [4, 3]
        window.close()  # it saves its size: while the store is open, as the app closes them


def test_a_trainees_window_opens_their_collection_moved_here_and_says_why_once(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, str]] = []

    def information(_parent: QWidget, title: str, text: str, *_args: object) -> None:
        told.append((title, text))

    monkeypatch.setattr(QMessageBox, "information", information)
    name = programme.new_trainee()
    url = programme.cluster.url(name, programme.database)
    with Store.open_server(programme.address(name), tmp_path / "before", now=MORNING) as server:
        card = server.todays_practice(MORNING).cards[0]
        server.answer(card.id, 4, now=MORNING)
    opener = app_module._opener(tmp_path, url)
    assert opener.folder.parent == tmp_path / "servers"  # the server's own folder here
    for start in range(2):
        store = app_module.open_or_offer_restore(opener.folder, opener.open)
        assert store is not None
        with store:
            assert not store.on_server
            assert store.data_dir == opener.folder
            assert store.stats(MORNING).reviews == 1
        assert len(told) == 1, start  # told at the first start alone
    assert told[0][0] == "Your collection is on this computer now"
    assert "Nothing on the server was deleted" in told[0][1]
    assert not (tmp_path / DATABASE_NAME).exists()  # never the data folder's own collection


def _share_an_entry(programme: Programme, name: str, folder: Path) -> str:
    text = f"{name}: asked for help"
    with Store.open_server(programme.address(name), folder, now=MORNING) as server:
        card = server.todays_practice(MORNING).cards[0]
        server.answer(card.id, 4, now=MORNING, reflection=text)
        for entry in journal.entries(server):
            journal.set_shared(server, entry.id, True)
    return text


def _texts(root: QWidget) -> str:
    QApplication.processEvents()
    return "\n".join(label.text() for label in root.findChildren(QLabel) if label.isVisible())


def test_a_supervisors_window_opens_offline_on_the_last_look_kept_here(
    programme: Programme, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imperfect_trainer.ui.supervision.trainee_report_dialog import TraineeReportDialog

    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)  # the move, told once
    ada, cleo = programme.new_trainee(), programme.new_trainee()
    adas = _share_an_entry(programme, ada, tmp_path / "ada")
    cleos = _share_an_entry(programme, cleo, tmp_path / "cleo")
    programme.new_supervisor(cleo)  # someone else's trainee
    name = programme.new_supervisor(ada)
    opener = app_module._opener(tmp_path, programme.cluster.url(name, programme.database))
    clock = FakeClock(MORNING)

    def start() -> Store:
        store = app_module.open_or_offer_restore(opener.folder, opener.open)
        assert store is not None
        return store

    with start() as store:
        assert not store.on_server  # their own practice is on this computer now
        window = open_window(store, clock, qtbot)
        screen = window.stack.trainees
        assert window.stack.currentWidget() is screen
        assert screen.chosen() == ada
        assert adas in _texts(screen)
        assert not screen.status.isVisible()
        window.close()

    clock.advance(3 * 3600)
    programme.cluster.stop()  # the laptop on a train
    try:
        with start() as store:
            window = open_window(store, clock, qtbot)
            screen = window.stack.trainees
            assert window.stack.currentWidget() is screen
            assert screen.chosen() == ada
            shown = _texts(screen)
            assert adas in shown
            assert screen.status.text() == (
                f"As of {MORNING:%-d %B, %H:%M} — the server cannot be reached"
            )
            assert cleo not in shown
            assert cleos not in shown

            # The report needs the server now: said in its dialog, calmly; nothing written.
            target = tmp_path / "report.pdf"
            said: list[str] = []

            def write(dialog: QWidget) -> None:
                assert isinstance(dialog, TraineeReportDialog)
                dialog.write_to(target)
                assert dialog.status.text() == f"Reading what {ada} shares…"
                qtbot.waitUntil(lambda: "cannot be reached" in dialog.status.text())
                said.append(dialog.status.text())
                assert dialog.save_button.isEnabled()  # Save PDF… tries again

            with_next_dialog(write)
            window.menus.report.trigger()
            assert len(said) == 1
            assert "Nothing was written" in said[0]
            assert not target.exists()
            window.close()
    finally:
        programme.cluster.start()
    kept = (opener.folder / "my-trainees.json").read_text()
    assert adas in kept
    assert cleo not in kept
