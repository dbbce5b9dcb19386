"""The window's part of a programme's supervision, on the test cluster: a supervisor's window
opens on My trainees (sidebar, Go menu, Ctrl+8) and shows what each trainee shares and nothing
else; a trainee ticks "Share with my supervisor" on a journal entry and a goal by keyboard and
mouse, the supervisor then sees them, and unticking takes them back; the supervisor's report on
a trainee holds only what that trainee shares."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import goals, journal
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.commands import Command, HasCommands
from imperfect_trainer.ui.window.help_dialogs import SHORTCUTS
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.postgres import Programme
from tests.support.window_support import (
    FakeClock,
    ShownWarning,
    click_sidebar,
    open_window,
    unnamed_controls,
    wait_for_trainees,
    with_next_dialog,
)

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def _key(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = CTRL
) -> None:
    qtbot.keyClick(window.focusWidget() or window, key, modifier)


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    """Bring one of two windows to the front: its screen's keys work there only."""
    with qtbot.waitActive(window):
        window.activateWindow()


def _write_entries(programme: Programme, name: str, folder: Path, shared: list[int]) -> None:
    """Two journal entries of their own; the ones numbered in ``shared`` are ticked."""
    with Store.open_server(programme.address(name), folder, now=MORNING) as store:
        for n in range(2):
            entry = journal.add_free_entry(store, f"{name}: entry {n}", MORNING)
            journal.set_shared(store, entry, n in shared)


def _shown_text(window: MainWindow) -> str:
    QApplication.processEvents()
    screen = window.stack.currentWidget()
    assert screen is not None
    return "\n".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())


@pytest.mark.postgres
def test_a_supervisors_window_opens_on_my_trainees_showing_only_what_is_shared(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    ada, ben = programme.new_trainee(), programme.new_trainee()
    _write_entries(programme, ada, tmp_path / "ada", shared=[0])
    _write_entries(programme, ben, tmp_path / "ben", shared=[0, 1])  # not this supervisor's
    supervisor = programme.new_supervisor(ada)

    with Store.open_server(programme.address(supervisor), tmp_path / "sup", now=MORNING) as store:
        window = open_window(store, FakeClock(MORNING), qtbot)
        # The first page shown, last in the sidebar and in Go, marked as the one shown.
        assert window.stack.showing(Page.TRAINEES)
        names = [window.sidebar.list.item(r).text() for r in range(window.sidebar.list.count())]
        assert names[-1] == "My trainees"
        assert window.sidebar.current == len(names) - 1
        go = window.menus.pages[Page.TRAINEES]
        assert (go.text(), go.shortcut().toString()) == ("My trainees", "Ctrl+8")
        assert window.menus.screen.title() == "&My trainees"
        assert window.menus.report.text() == "Supervision &report on this trainee…"

        shown = _shown_text(window)
        assert f"{ada}: entry 0" in shown
        assert f"{ada}: entry 1" not in shown  # kept to herself
        assert ben not in shown  # someone else's trainee, sharing everything

        # Their own practice is a key away, and My trainees comes back by key and by click.
        _key(qtbot, window, Qt.Key.Key_1)
        assert window.stack.currentWidget() is window.home
        assert window.menus.report.text() == "Supervision &report…"
        _key(qtbot, window, Qt.Key.Key_8)
        assert window.stack.showing(Page.TRAINEES)
        _key(qtbot, window, Qt.Key.Key_4)
        click_sidebar(qtbot, window, Page.TRAINEES)
        assert window.stack.showing(Page.TRAINEES)
        window.close()


@pytest.mark.postgres
def test_a_trainee_shares_an_entry_and_a_goal_and_takes_them_back(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    trainee = programme.new_trainee()
    _write_entries(programme, trainee, tmp_path / "t", shared=[])
    supervisor = programme.new_supervisor(trainee)
    clock = FakeClock(MORNING + dt.timedelta(hours=1))
    with (
        Store.open_server(programme.address(trainee), tmp_path / "t", now=MORNING) as own,
        Store.open_server(programme.address(supervisor), tmp_path / "s", now=MORNING) as theirs,
    ):
        seeing = open_window(theirs, clock, qtbot)
        assert "Nothing shared yet." in seeing.stack.trainees.entry_labels()
        window = open_window(own, clock, qtbot)
        assert Page.TRAINEES not in window.pages  # a trainee supervises no one

        # The journal, by keys: the newest entry is chosen, Ctrl+H shares it.
        _key(qtbot, window, Qt.Key.Key_4)
        screen = window.stack.journal
        assert "supervisor sees only the entries you tick" in screen.privacy.text()
        screen.list.setFocus()
        chosen = screen.current()
        assert chosen is not None
        assert not screen.share_box.isChecked()
        _key(qtbot, window, Qt.Key.Key_H)
        assert screen.share_box.isChecked()
        assert screen.list.item(screen.list.currentRow()).text().startswith("Shared · ")
        assert [e.text for e in journal.entries(own) if e.shared] == [chosen.text]

        # A goal, typed and shared with a click on its tick before it was ever saved.
        _key(qtbot, window, Qt.Key.Key_6)
        editor = window.stack.goals.editors[0]
        qtbot.keyClicks(editor.text, "Send my notes on time, not perfect")
        editor.striving.button(list(Striving).index(Striving.HEALTHY)).click()
        qtbot.mouseClick(editor.share_box, Qt.MouseButton.LeftButton)
        (goal,) = goals.list_goals(own)
        assert (goal.text, goal.striving, goal.shared) == (
            "Send my notes on time, not perfect",
            Striving.HEALTHY,
            True,
        )

        # The supervisor looks again (F5) and sees both.
        _activate(qtbot, seeing)
        qtbot.keyClick(seeing.stack.trainees, Qt.Key.Key_F5)
        wait_for_trainees(qtbot, seeing.stack.trainees)
        assert seeing.stack.trainees.entry_labels()[0].endswith(chosen.text)
        assert "Send my notes on time, not perfect" in _shown_text(seeing)

        # Both taken back: the goal from the Goals menu's list, the entry by its tick.
        _activate(qtbot, window)
        window.menus.fill_screen_menu()
        shared_menu = window.menus.screen.actions()[-1].menu()
        assert isinstance(shared_menu, QMenu)
        (goal_entry,) = shared_menu.actions()
        assert goal_entry.isChecked()
        goal_entry.trigger()
        assert not editor.share_box.isChecked()
        _key(qtbot, window, Qt.Key.Key_4)
        qtbot.mouseClick(screen.share_box, Qt.MouseButton.LeftButton)
        assert not screen.share_box.isChecked()
        assert not any(e.shared for e in journal.entries(own))

        _activate(qtbot, seeing)
        qtbot.keyClick(seeing.stack.trainees, Qt.Key.Key_F5)
        wait_for_trainees(qtbot, seeing.stack.trainees)
        assert seeing.stack.trainees.entry_labels() == ["Nothing shared yet."]
        assert "Send my notes on time" not in _shown_text(seeing)
        window.close()
        seeing.close()


@pytest.mark.postgres
def test_sharing_a_new_entry_keeps_it_first_and_an_empty_one_cannot_be_shared(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    with Store.open_server(
        programme.address(programme.new_trainee()), tmp_path, now=MORNING
    ) as store:
        window = open_window(store, FakeClock(MORNING), qtbot)
        _key(qtbot, window, Qt.Key.Key_4)
        screen = window.stack.journal
        _key(qtbot, window, Qt.Key.Key_N)
        assert not screen.share_box.isEnabled()
        assert screen.share.why_not == screen.share.toolTip()
        assert "empty entry" in screen.share.toolTip()
        qtbot.keyClicks(screen.editor, "Asked for help today")
        assert screen.share_box.isEnabled()
        _key(qtbot, window, Qt.Key.Key_H)
        assert [(e.text, e.shared) for e in journal.entries(store)] == [
            ("Asked for help today", True)
        ]
        assert screen.list.item(0).text().startswith("Shared · ")
        assert screen.editor.toPlainText() == "Asked for help today"
        window.close()


@pytest.mark.postgres
def test_a_share_the_server_refuses_is_said_and_the_tick_stays_as_it_was(
    programme: Programme, tmp_path: Path, qtbot: QtBot, warned: list[ShownWarning]
) -> None:
    trainee = programme.new_trainee()
    _write_entries(programme, trainee, tmp_path, shared=[])
    with Store.open_server(programme.address(trainee), tmp_path, now=MORNING) as store:
        window = open_window(store, FakeClock(MORNING), qtbot)
        _key(qtbot, window, Qt.Key.Key_4)
        screen = window.stack.journal
        programme.cluster.stop()
        try:
            qtbot.mouseClick(screen.share_box, Qt.MouseButton.LeftButton)
        finally:
            programme.cluster.start()
        assert len(warned) == 1
        assert not screen.share_box.isChecked()
        assert not screen.share.isChecked()
        assert not any(e.shared for e in journal.entries(store))
        window.close()


@pytest.mark.postgres
def test_the_supervisors_report_on_a_trainee_holds_only_what_they_share(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    from imperfect_trainer.ui.supervision.trainee_report_dialog import TraineeReportDialog

    trainee = programme.new_trainee()
    _write_entries(programme, trainee, tmp_path / "t", shared=[1])
    supervisor = programme.new_supervisor(trainee)
    with Store.open_server(programme.address(supervisor), tmp_path / "s", now=MORNING) as store:
        window = open_window(store, FakeClock(MORNING), qtbot)
        opened: list[QDialog] = []
        target = tmp_path / "report.pdf"

        def write(dialog: QDialog) -> None:
            opened.append(dialog)
            assert isinstance(dialog, TraineeReportDialog)
            with qtbot.waitSignal(dialog.accepted):  # closed once the file is written
                dialog.write_to(target)

        with_next_dialog(write)
        _key(qtbot, window, Qt.Key.Key_P)  # the My trainees menu's Ctrl+P
        assert len(opened) == 1
        assert opened[0].windowTitle() == f"Supervision report on {trainee}"
        assert target.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

        # File ▸ Supervision report… on this page is the same report.
        with_next_dialog(opened.append)
        window.menus.report.trigger()
        assert isinstance(opened[-1], TraineeReportDialog)
        window.close()


@pytest.mark.postgres
def test_on_a_server_every_command_is_in_its_menu_and_the_help_and_every_control_named(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    listed = {where: {keys for _, keys in entries} for where, entries in SHORTCUTS}
    assert "Ctrl+8" in listed["Everywhere"]
    trainee = programme.new_trainee()
    _write_entries(programme, trainee, tmp_path / "t", shared=[0])
    supervisor = programme.new_supervisor(trainee)
    for person in (trainee, supervisor):
        with Store.open_server(programme.address(person), tmp_path / person, now=MORNING) as store:
            window = open_window(store, FakeClock(MORNING), qtbot)
            for page in window.pages:
                window.go(page)
                QApplication.processEvents()  # what a page shows just after it is drawn, too
                screen: object = window.stack.page(page)
                if not isinstance(screen, HasCommands):
                    continue
                window.menus.fill_screen_menu()
                for command in screen.commands:
                    assert isinstance(command, Command)
                    assert command in window.menus.screen.actions()
                    assert command.keys in listed[page.title], (page.title, command.text())
                    assert command.toolTip() == (
                        command.why_not or f"{command.about} ({command.keys})"
                    )
            # A supervisor is a person of the programme too: their own entries and goals share.
            assert window.stack.journal.share in window.stack.journal.commands
            assert window.stack.goals.share in window.stack.goals.commands
            assert unnamed_controls(window) == []
            window.close()


def test_a_solo_window_offers_neither_my_trainees_nor_share_ticks(
    store: Store, qtbot: QtBot
) -> None:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind.value == "reflection")
    store.answer(card.id, 4, now=MORNING, reflection="Only mine")
    goals.add_goal(store, "A goal of my own", MORNING)
    window = open_window(store, FakeClock(MORNING), qtbot)
    names = [window.sidebar.list.item(r).text() for r in range(window.sidebar.list.count())]
    assert "My trainees" not in names
    assert Page.TRAINEES not in window.menus.pages
    assert window.stack.currentWidget() is window.home

    _key(qtbot, window, Qt.Key.Key_4)
    screen = window.stack.journal
    assert not screen.share_place.isVisible()
    assert screen.share not in screen.commands
    screen.list.setFocus()
    _key(qtbot, window, Qt.Key.Key_H)
    assert not any(e.shared for e in journal.entries(store))

    _key(qtbot, window, Qt.Key.Key_6)
    goals_screen = window.stack.goals
    assert not goals_screen.editors[0].share_place.isVisible()
    assert goals_screen.page_menus() == []
    goals_screen.editors[0].text.setFocus()
    _key(qtbot, window, Qt.Key.Key_H)
    assert not any(g.shared for g in goals.list_goals(store))
    window.close()
