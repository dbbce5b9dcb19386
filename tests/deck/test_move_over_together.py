"""Two computers of one trainee moving over from the server at the same moment (issue 25): both
copy the server's history, and it still arrives once, on the hub and on both computers, with
the same schedules, whichever of them is stopped or killed on the way and however the two
interleave."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.synchronize import Barrier as BarrierType
from pathlib import Path

import pytest

from imperfect_trainer.deck import move_over
from imperfect_trainer.deck.features import browser, goals, journal, own_cards
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import run
from tests.deck.sync.cards_apart import cards, debrief_with_drills, journal_seen, own_card
from tests.deck.sync.computers import Computer, gradable_cards
from tests.deck.sync.killed_sync import kill_at_write
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

LATER = MORNING.replace(hour=MORNING.hour + 2)
EVENING = MORNING.replace(hour=MORNING.hour + 9)


class StoppedError(Exception):
    """The start was stopped here (a power cut)."""


def _stopped_at(stop_at: str) -> Callable[[str], None]:
    """A move's step hook that stops the start at ``stop_at``."""

    def stop(step: str) -> None:
        if step == stop_at:
            raise StoppedError(step)

    return stop


def _practise_on_server(programme: Programme, name: str, folder: Path) -> list[tuple[str, ...]]:
    """Work on the server, a row of every kind a move copies: answers with reflections, an
    entry shared, a goal, an own card, a note and a suspension, a card started fresh, a debrief
    with its drills, a setting; returns the answers as (card, grade, day) in the order given."""
    with Store.open_server(programme.address(name), folder, now=MORNING) as store:
        server = Computer(store)
        cards = gradable_cards(store, MORNING, 6)
        for n, card in enumerate(cards[:4]):
            store.answer(card, 4, now=MORNING, reflection=f"note {n}")
            store.answer(card, 2 + n % 3, now=MORNING)
        for entry in journal.entries(store):
            journal.set_shared(store, entry.id, entry.text == "note 0")
        goals.add_goal(store, "ask for help", MORNING, striving=Striving.HEALTHY)
        mine = own_card(server, "A late client is still a client", "Start on time.", MORNING)
        store.answer(mine, 5, now=MORNING)
        own_cards.set_personal_note(store, cards[4], "ask in supervision", MORNING)
        browser.set_suspended(store, [cards[5]], True, MORNING)
        browser.reset_progress(store, [cards[0]], MORNING.replace(minute=30))
        store.answer(cards[0], 3, now=MORNING.replace(minute=40))
        debrief_with_drills(server, "rupture", "We talked it through.", MORNING.replace(hour=9))
        store.set_setting("new_cards_per_day", 7)
        return _answers(server)


def _answers(computer: Computer) -> list[tuple[str, ...]]:
    return [
        tuple(str(value) for value in row)
        for row in computer._rows("SELECT card_id, grade, practice_day FROM reviews ORDER BY id")
    ]


def _hub_kinds(programme: Programme, trainee: str) -> dict[str, int]:
    with programme.connect(trainee) as connection:
        rows = connection.execute("SELECT kind, count(*) FROM hub_events GROUP BY kind").fetchall()
    return {str(kind): int(count) for kind, count in rows}


def _open(url: str, folder: Path, step: Callable[[str], None] = lambda _name: None) -> None:
    move_over.open_person(url, folder, LATER, step=step).store.close()


def _move(url: str, folder: Path, both_copied: BarrierType) -> None:
    def step(name: str) -> None:
        if name == "copied":
            both_copied.wait()

    _open(url, folder, step)


def _both_hold_it_once(
    programme: Programme, trainee: str, folders: list[Path], on_server: list[tuple[str, ...]]
) -> None:
    """Both computers synced twice more (each then has what the other sent): every row of the
    server's once on the hub and on each, the same schedules on both."""
    url = programme.cluster.url(trainee, programme.database)
    computers = [Computer(move_over.open_person(url, folder, EVENING).store) for folder in folders]
    try:
        for _ in range(2):
            for one in computers:
                one.sync(EVENING)
        laptop, clinic = computers
        # Each row once: one version of each entry, goal, card, debrief and setting.
        assert _hub_kinds(programme, trainee) == {
            "answer": len(on_server),
            "entry": len(journal_seen(laptop)),
            "goal": 1,
            "card": len(cards(laptop)),
            "session": 1,
            "setting": 1,
        }
        for one in computers:
            assert _answers(one) == on_server
            assert len(one.answer_events()) == len(set(one.answer_events())) == len(on_server)
            assert [goal.text for goal in goals.list_goals(one.store)] == ["ask for help"]
            assert one.store.setting("new_cards_per_day") == 7
        assert sorted(entry[1] for entry in journal_seen(laptop)) == sorted(
            ["We talked it through.", *(f"note {n}" for n in range(4))]
        )
        assert journal_seen(laptop) == journal_seen(clinic)
        assert cards(laptop) == cards(clinic) != []
        assert laptop.schedules() == clinic.schedules() != []
        assert laptop.answer_events() == clinic.answer_events()
        # From now on each computer's own answers reach the other, once.
        card = str(on_server[0][0])
        laptop.answer(card, 5, EVENING)
        laptop.sync(EVENING)
        clinic.sync(EVENING)
        assert _answers(clinic)[-1] == (card, "5", str(EVENING.date()))
        assert laptop.schedules() == clinic.schedules()
        assert _hub_kinds(programme, trainee)["answer"] == len(on_server) + 1
    finally:
        for one in computers:
            one.store.close()


def test_two_computers_moving_at_the_same_moment_bring_the_history_once(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")
    # Two processes, as two computers are; neither goes on until both have copied (both saw
    # no history on the hub).
    spawn = multiprocessing.get_context("spawn")
    both_copied = spawn.Barrier(2, timeout=60)
    folders = [tmp_path / "laptop", tmp_path / "clinic"]
    moves = [spawn.Process(target=_move, args=(url, folder, both_copied)) for folder in folders]
    for move in moves:
        move.start()
    for move in moves:
        move.join(timeout=120)
    assert [move.exitcode for move in moves] == [0, 0]
    _both_hold_it_once(programme, trainee, folders, on_server)


@pytest.mark.parametrize("stop_at", move_over.STEPS)
def test_a_move_stopped_while_the_other_computer_moved_brings_nothing_twice(
    programme: Programme, tmp_path: Path, stop_at: str
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")

    with pytest.raises(StoppedError):
        _open(url, tmp_path / "laptop", _stopped_at(stop_at))
    _open(url, tmp_path / "clinic")  # the whole move, while the laptop was stopped
    _open(url, tmp_path / "laptop")
    _both_hold_it_once(programme, trainee, [tmp_path / "laptop", tmp_path / "clinic"], on_server)


def test_a_move_joined_by_the_first_release_and_stopped_is_finished_with_nothing_twice(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")

    with pytest.raises(StoppedError):
        _open(url, tmp_path / "laptop", _stopped_at("copied"))
    # 0.1.0 joined without stamping the copied history; stopped before its first sync.
    with Store.open(move_over.server_folder(tmp_path / "laptop", url), now=LATER) as store:
        run.join(store, url)
    _open(url, tmp_path / "clinic")
    _open(url, tmp_path / "laptop")
    _both_hold_it_once(programme, trainee, [tmp_path / "laptop", tmp_path / "clinic"], on_server)


def test_a_move_stopped_after_joining_is_finished_by_a_start_without_the_server(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")

    with pytest.raises(StoppedError):
        _open(url, tmp_path / "laptop", _stopped_at("joined"))
    programme.cluster.stop()
    try:
        opened = move_over.open_person(url, tmp_path / "laptop", LATER)
    finally:
        programme.cluster.start()
    with opened.store as store:
        assert _answers(Computer(store)) == on_server
    assert opened.moved is not None
    _open(url, tmp_path / "clinic")
    _both_hold_it_once(programme, trainee, [tmp_path / "laptop", tmp_path / "clinic"], on_server)


@pytest.mark.faults
# Writes 1-13 are the join with its history stamped (one transaction), 14-21 the first sync's
# local steps, 23 the hub's insert (killed before it commits), 24 its mark here, 25 the read,
# 31 the supervisor's view, 32 the last.
@pytest.mark.parametrize("kill_at", [1, 7, 13, 14, 23, 24, 25, 31, 32])
def test_a_move_killed_while_the_other_computer_moved_brings_nothing_twice(
    programme: Programme, tmp_path: Path, kill_at: int
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")
    kill_at_write(
        kill_at,
        """
        import datetime as dt, sys
        from pathlib import Path
        from imperfect_trainer.deck import move_over
        at = dt.datetime.fromisoformat(sys.argv[3])
        move_over.open_person(sys.argv[1], Path(sys.argv[2]), at)
        """,
        url,
        str(tmp_path / "laptop"),
        LATER.isoformat(),
    )
    _open(url, tmp_path / "clinic")
    _open(url, tmp_path / "laptop")
    _both_hold_it_once(programme, trainee, [tmp_path / "laptop", tmp_path / "clinic"], on_server)
