"""My trainees: a supervisor, in the real widget on the test cluster, sees each assigned
trainee's shared entries and goals and their practice, and nothing a trainee kept or took back."""

from __future__ import annotations

import datetime as dt
import re
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import goals, journal, statistics, supervision
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.features.report_data import trainee_report
from imperfect_trainer.deck.features.report_period import Period
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.supervision.report_pdf import write_report_pdf
from imperfect_trainer.ui.supervision.trainees_screen import PERIOD_DAYS, TraineesScreen
from tests.support.moments import MORNING
from tests.support.pdf_pages import page_texts
from tests.support.postgres import Programme
from tests.support.window_support import FakeClock, wait_for_trainees

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


def _practise(programme: Programme, name: str, folder: Path, share: list[str]) -> None:
    with Store.open_server(programme.address(name), folder, now=MORNING) as store:
        for n, card in enumerate(store.todays_practice(MORNING).cards[:2]):
            text = f"{name}: entry {n}"
            store.answer(card.id, 4, now=MORNING, duration_ms=90_000, reflection=text)
        for entry in journal.entries(store):
            journal.set_shared(store, entry.id, entry.text in share)
        goal = goals.add_goal(
            store, f"{name}: send notes on time", MORNING, striving=Striving.HEALTHY
        )
        goals.set_shared(store, goal, bool(share))


def _texts(screen: TraineesScreen) -> str:
    """What the screen shows, once the labels just put in are on screen."""
    QApplication.processEvents()
    return "\n".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())


def test_a_supervisor_sees_only_what_their_trainees_shared(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    ada, ben, other = (programme.new_trainee() for _ in range(3))
    _practise(programme, ada, tmp_path / "ada", share=[f"{ada}: entry 0"])
    _practise(programme, ben, tmp_path / "ben", share=[])
    _practise(programme, other, tmp_path / "other", share=[f"{other}: entry 0"])
    supervisor = programme.new_supervisor(ada, ben)

    with Store.open_server(programme.address(supervisor), tmp_path / "sup", now=MORNING) as store:
        screen = TraineesScreen(store, FakeClock(MORNING))
        qtbot.addWidget(screen)
        screen.resize(1100, 760)
        screen.show()
        screen.refresh("light")
        wait_for_trainees(qtbot, screen)
        names = [screen.names.item(i).text() for i in range(screen.names.count())]
        assert names == sorted([ada, ben])
        screen.names.setCurrentRow(names.index(ada))
        wait_for_trainees(qtbot, screen)
        shown = _texts(screen)
        assert f"{ada}: entry 0" in shown
        assert f"{ada}: entry 1" not in shown  # kept to herself
        assert f"{ada}: send notes on time" in shown
        assert "Healthy striving" in shown
        assert "Days practised: 1 of 30 days. Time practising: about 3 minutes." in shown
        assert other not in shown

        screen.names.setFocus()
        qtbot.keyClick(screen.names, Qt.Key.Key_Down if names[0] == ada else Qt.Key.Key_Up)
        wait_for_trainees(qtbot, screen)
        shown = _texts(screen)
        assert f"{ben}: entry" not in shown
        assert screen.entry_labels() == ["Nothing shared yet."]
        assert "Days practised: 1 of 30 days" in shown  # the summary is always there

        # Ada takes her entry back: it is gone from the supervisor's screen at the next look.
        with Store.open_server(programme.address(ada), tmp_path / "ada", now=MORNING) as own:
            for entry in journal.entries(own):
                journal.set_shared(own, entry.id, False)
        screen.names.setCurrentRow(names.index(ada))
        wait_for_trainees(qtbot, screen)
        screen.refresh("light")
        wait_for_trainees(qtbot, screen)
        assert screen.entry_labels() == ["Nothing shared yet."]


def test_someone_with_no_trainees_is_told_how_they_get_some(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    with Store.open_server(
        programme.address(programme.new_trainee()), tmp_path, now=MORNING
    ) as store:
        screen = TraineesScreen(store, FakeClock(MORNING))
        qtbot.addWidget(screen)
        screen.show()
        screen.refresh("light")
        wait_for_trainees(qtbot, screen)
        assert screen.empty.isVisible()
        assert "add-supervisor" in screen.empty.text()
        assert not screen.names.isVisible()


def test_the_supervisors_mastery_is_the_trainees_own_statistics(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    later = MORNING + dt.timedelta(days=40)
    with Store.open_server(programme.address(trainee), tmp_path / "t", now=MORNING) as store:
        for card in store.todays_practice(MORNING).cards[:5]:
            store.answer(card.id, 5, now=MORNING)
        own = statistics.gather(store, later.date()).sections
    supervisor = programme.new_supervisor(trainee)
    with Store.open_server(programme.address(supervisor), tmp_path / "s", now=MORNING) as store:
        seen = supervision.overview(store, trainee, MORNING.date(), later.date()).sections
    assert [(s.section, s.cards, s.new, s.settled) for s in seen] == [
        (s.section, s.cards, s.new, s.settled) for s in own
    ]


def test_the_screen_and_the_report_on_a_trainee_give_the_same_figures_in_the_same_words(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    """24 seconds of practice: 'under a minute' on the screen and in the PDF alike, where
    they once said 'about 1 minute in all' and 'Minutes of practice 0'."""
    trainee = programme.new_trainee()
    with Store.open_server(programme.address(trainee), tmp_path / "t", now=MORNING) as store:
        card = store.todays_practice(MORNING).cards[0]
        store.answer(card.id, 4, now=MORNING, duration_ms=24_000)
        old = MORNING - dt.timedelta(days=PERIOD_DAYS)  # the day before the period
        store.answer(card.id, 4, now=old, duration_ms=600_000)
    supervisor = programme.new_supervisor(trainee)
    with Store.open_server(programme.address(supervisor), tmp_path / "s", now=MORNING) as store:
        screen = TraineesScreen(store, FakeClock(MORNING))
        qtbot.addWidget(screen)
        screen.show()
        screen.refresh("light")
        wait_for_trainees(qtbot, screen)
        on_screen = screen.practice.text()
        assert on_screen == "Days practised: 1 of 30 days. Time practising: under a minute."
        period = Period.ending(MORNING.date())
        target = tmp_path / "report.pdf"
        write_report_pdf(trainee_report(store, trainee, period.first, period.last), target)
    in_pdf = " ".join(" ".join(page_texts(target)).split())
    for label, value in re.findall(r"(Days practised|Time practising): ([^.]+)\.", on_screen):
        assert f"{label} {value}" in in_pdf


def test_with_the_server_away_the_last_look_is_read_here_marked_with_its_time(
    programme: Programme, tmp_path: Path, qtbot: QtBot
) -> None:
    from sqlalchemy import create_engine

    from imperfect_trainer.deck.features.supervision_cache import FILE_NAME
    from imperfect_trainer.deck.storage.programme import remove_person

    ada, ben, cleo = (programme.new_trainee() for _ in range(3))
    for name in (ada, ben, cleo):
        _practise(programme, name, tmp_path / name, share=[f"{name}: entry 0"])
    supervisor = programme.new_supervisor(ada, ben)
    programme.new_supervisor(cleo)  # someone else's trainee
    clock = FakeClock(MORNING)

    with Store.open_server(programme.address(supervisor), tmp_path / "sup", now=MORNING) as store:
        screen = TraineesScreen(store, clock)
        qtbot.addWidget(screen)
        screen.resize(1100, 760)
        screen.show()
        screen.refresh("light")
        assert screen.status.isVisible()
        assert screen.status.text() == "Looking…"
        wait_for_trainees(qtbot, screen)
        assert not screen.status.isVisible()
        first = screen.chosen_name()
        assert first == min(ada, ben)
        never_opened = max(ada, ben)
        kept = store.data_dir / FILE_NAME
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600

        clock.advance(3 * 3600)
        programme.cluster.stop()
        try:
            screen.refresh("light")
            wait_for_trainees(qtbot, screen)
            shown = _texts(screen)
            assert f"{first}: entry 0" in shown
            assert f"{first}: send notes on time" in shown
            assert "Days practised: 1 of 30 days" in shown
            assert screen.status.text() == (
                f"As of {MORNING:%-d %B, %H:%M} — the server cannot be reached"
            )

            # A trainee never opened here: nothing of theirs was kept, and it says so calmly.
            screen.names.setCurrentRow(screen.names.count() - 1)
            wait_for_trainees(qtbot, screen)
            assert f"nothing of {never_opened} was shown here before" in screen.status.text()
            assert f"{never_opened}: entry" not in _texts(screen)
            assert screen.isEnabled()
        finally:
            programme.cluster.start()

        file = kept.read_text()
        assert f"{first}: entry 0" in file
        assert f"{first}: entry 1" not in file  # never shared, never shown
        assert never_opened not in file.replace(f'"{never_opened}"', "")  # only the name
        assert cleo not in file

        # The programme takes the first trainee out: the next look forgets them here too.
        owner = create_engine(programme.owner_address().url)
        try:
            remove_person(owner, programme.database, first)
        finally:
            owner.dispose()
        screen.refresh("light")
        wait_for_trainees(qtbot, screen)
        assert first not in kept.read_text()
        assert [screen.names.item(i).text() for i in range(screen.names.count())] == [never_opened]
