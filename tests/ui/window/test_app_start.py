"""Starting the window: a damaged collection is named and can be restored; one app per folder."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.instance_lock import InstanceLock
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.settings.backups_dialog import BackupsPanel
from imperfect_trainer.ui.window import app as app_module
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


def _collection_with_backup(data_dir: Path) -> Path:
    with Store.open(data_dir, now=MORNING) as store:
        card = store.todays_practice(MORNING).cards[0]
        store.answer(card.id, 5, now=MORNING)
        return store.backup(MORNING)


def test_a_damaged_collection_is_named_and_the_newest_backup_restores_it(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _collection_with_backup(data_dir)
    (data_dir / DATABASE_NAME).write_bytes(b"garbage" * 100)
    shown: list[str] = []

    def click_restore(box: QMessageBox) -> int:
        shown.append(box.text())
        restore = next(b for b in box.buttons() if b.text().startswith("Restore"))
        restore.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    store = app_module.open_or_offer_restore(data_dir)
    assert store is not None
    with store:
        assert store.stats(MORNING).reviews == 1
    assert str(data_dir / DATABASE_NAME) in shown[0]
    assert "has not been changed" in shown[0]
    damaged = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in damaged] == [b"garbage" * 100]


def test_quitting_at_the_damaged_collection_dialog_leaves_the_file_alone(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _collection_with_backup(data_dir)
    (data_dir / DATABASE_NAME).write_bytes(b"garbage" * 100)

    def click_quit(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "Quit").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_quit)
    assert app_module.open_or_offer_restore(data_dir) is None
    assert (data_dir / DATABASE_NAME).read_bytes() == b"garbage" * 100


def test_a_second_start_brings_the_first_window_forward(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    server = QLocalServer()
    name = app_module.server_name(data_dir)
    assert name is not None
    QLocalServer.removeServer(name)
    assert server.listen(name)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    with InstanceLock(data_dir):
        assert app_module.run_app(data_dir) == 0
        qtbot.waitUntil(server.hasPendingConnections)
    server.close()
    assert told == []  # it found the first window instead of complaining


def test_the_second_start_socket_lives_where_only_this_user_can_create_files(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert app_module.server_name(data_dir) == str(data_dir.resolve() / ".instance.socket")
    runtime = Path(tempfile.mkdtemp(prefix="run-"))  # short, as /run/user/1000 is
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = app_module.server_name(data_dir)
    runtime.rmdir()
    assert name is not None
    assert Path(name).parent == runtime
    deep = tmp_path.joinpath(*["a-long-folder-name"] * 8)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert app_module.server_name(deep) is None  # too long for a socket: no forwarding


def test_a_locked_collection_offers_to_try_again_never_a_restore(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _collection_with_backup(data_dir)
    blocker = sqlite3.connect(data_dir / DATABASE_NAME, timeout=0)
    blocker.execute("PRAGMA locking_mode = EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    offered: list[list[str]] = []

    def let_go_and_try_again(box: QMessageBox) -> int:
        offered.append([b.text() for b in box.buttons()])
        blocker.rollback()
        blocker.close()
        next(b for b in box.buttons() if b.text() == "Try again").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", let_go_and_try_again)
    store = app_module.open_or_offer_restore(data_dir)
    assert store is not None
    with store:
        assert store.stats(MORNING).reviews == 1
    assert offered == [["Try again", "Quit"]]
    assert not any(".damaged-" in p.name for p in data_dir.iterdir())


def test_a_second_start_without_a_window_to_raise_says_it_is_already_open(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    with InstanceLock(data_dir):
        assert app_module.run_app(data_dir) == 0
    assert told == ["Imperfect Trainer is already open for this collection."]


def test_the_backups_panel_restores_the_chosen_backup(
    store: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    store.backup(MORNING)
    panel = BackupsPanel(store)
    qtbot.addWidget(panel)
    store.answer(store.todays_practice(MORNING).cards[0].id, 4, now=MORNING)
    assert store.stats(MORNING).reviews == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    # The copy and its checks on a worker, the swap back on the GUI thread.
    qtbot.waitUntil(lambda: panel.list.count() == 2)  # the restored one and the copy before
    assert store.stats(MORNING).reviews == 1
    assert panel.isEnabled()


def test_damage_met_during_use_offers_the_newest_good_backup(
    data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _collection_with_backup(data_dir)
    store = Store.open(data_dir, now=MORNING)
    window = open_window(store, FakeClock(MORNING), qtbot)
    store.file.dispose()
    with sqlite3.connect(backup) as raw:
        answer_pages = [
            row[0] for row in raw.execute("SELECT pageno FROM dbstat WHERE name = 'reviews'")
        ]
    raw.close()
    damaged = bytearray((data_dir / DATABASE_NAME).read_bytes())
    for page in answer_pages:
        damaged[(page - 1) * 4096 + 8 : page * 4096] = b"\xa5" * 4088
    (data_dir / DATABASE_NAME).write_bytes(bytes(damaged))
    offered: list[str] = []

    def restore_it(box: QMessageBox) -> int:
        offered.append(box.text())
        next(b for b in box.buttons() if b.text().startswith("Restore the backup")).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", restore_it)
    assert window.stack.currentWidget() is window.home
    qtbot.keyClick(window.home.start_button, Qt.Key.Key_Return)
    assert str(data_dir / DATABASE_NAME) in offered[0]
    assert "damaged" in offered[0]
    with store:
        assert store.check().healthy
        assert store.stats(MORNING).reviews == 1
    kept = [p for p in data_dir.iterdir() if ".damaged-" in p.name and "-wal" not in p.name]
    assert [p.read_bytes() for p in kept] == [bytes(damaged)]
