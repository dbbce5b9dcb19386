"""A trainee who worked on the programme's server with ``--database URL`` is moved, on their
first start, to a collection on this computer joined to that server: every row and its history
copied, nothing left behind or sent twice, the server's rows as they were, wherever the move
was stopped; a supervisor too, remembered here as one."""

from __future__ import annotations

from pathlib import Path

import pytest

from imperfect_trainer.deck import move_over
from imperfect_trainer.deck.features import goals, journal, supervising_here, supervision
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync.joined import hub_of
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

LATER = MORNING.replace(hour=MORNING.hour + 2)


class StoppedError(Exception):
    """The start was stopped here (a kill, a power cut)."""


def _practise_on_server(programme: Programme, name: str, folder: Path) -> list[tuple[object, ...]]:
    """A week of work on the server: answers with reflections, one entry shared, a goal;
    returns its answers as (card, grade, day), in the order given."""
    with Store.open_server(programme.address(name), folder, now=MORNING) as store:
        cards = store.todays_practice(MORNING).cards[:3]
        for n, card in enumerate(cards):
            store.answer(card.id, 4, now=MORNING, reflection=f"{name}: note {n}")
            store.answer(card.id, 2, now=MORNING)
        for entry in journal.entries(store):
            journal.set_shared(store, entry.id, entry.text == f"{name}: note 0")
        goal = goals.add_goal(store, f"{name}: ask for help", MORNING, striving=Striving.HEALTHY)
        goals.set_shared(store, goal, True)
        return _answers(store)


def _answers(store: Store) -> list[tuple[object, ...]]:
    with store.statements() as connection:
        return [
            tuple(str(value) for value in row)  # days as text: SQLite's, PostgreSQL's alike
            for row in connection.exec_driver_sql(
                store.driver_sql("SELECT card_id, grade, practice_day FROM reviews ORDER BY id")
            )
        ]


def _hub_answers(programme: Programme, name: str) -> int:
    with programme.connect(name) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM hub_events WHERE kind = 'answer'"
        ).fetchone()
    return int(count)


def test_a_trainee_is_moved_to_this_computer_with_everything_and_the_server_left_as_it_was(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")

    opened = move_over.open_person(url, tmp_path, LATER)
    with opened.store as store:
        assert not store.on_server
        assert store.data_dir == move_over.server_folder(tmp_path, url)
        assert hub_of(store) == url
        assert _answers(store) == on_server  # every answer, once, in its order
        assert sorted(e.text for e in journal.entries(store)) == [
            f"{trainee}: note {n}" for n in range(3)
        ]
        assert [(g.text, g.shared) for g in goals.list_goals(store)] == [
            (f"{trainee}: ask for help", True)
        ]
    assert opened.moved is not None
    assert not opened.moved.told
    assert _hub_answers(programme, trainee) == len(on_server)
    with Store.open_server(programme.address(trainee), tmp_path / "after", now=LATER) as server:
        assert _answers(server) == on_server  # nothing deleted or changed there

    # The supervisor sees what the first sync published: the shared entry and goal alone.
    supervisor = programme.new_supervisor(trainee)
    with Store.open_server(programme.address(supervisor), tmp_path / "s", now=LATER) as store:
        seen = supervision.overview(store, trainee, MORNING.date(), LATER.date())
    assert [entry.text for entry in seen.journal] == [f"{trainee}: note 0"]
    assert [goal.text for goal in seen.goals] == [f"{trainee}: ask for help"]

    # Told once; from now on --database URL opens it here, with the server away too.
    move_over.told(move_over.server_folder(tmp_path, url))
    programme.cluster.stop()
    try:
        again = move_over.open_person(url, tmp_path, LATER)
    finally:
        programme.cluster.start()
    with again.store as store:
        assert again.moved is None
        assert not store.on_server
        assert _answers(store) == on_server


@pytest.mark.parametrize("stop_at", move_over.STEPS)
def test_a_move_stopped_at_any_step_is_finished_by_the_next_start_with_nothing_twice(
    programme: Programme, tmp_path: Path, stop_at: str
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")

    def stop(step: str) -> None:
        if step == stop_at:
            raise StoppedError(step)

    with pytest.raises(StoppedError):
        move_over.open_person(url, tmp_path, LATER, step=stop)
    opened = move_over.open_person(url, tmp_path, LATER)
    with opened.store as store:
        assert not store.on_server
        assert hub_of(store) == url
        assert _answers(store) == on_server
    assert opened.moved is not None
    assert _hub_answers(programme, trainee) == len(on_server)


def test_a_second_computer_receives_the_history_from_the_server_rather_than_copying_it_again(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")
    move_over.open_person(url, tmp_path / "laptop", LATER).store.close()

    opened = move_over.open_person(url, tmp_path / "clinic", LATER)
    with opened.store as store:
        assert sorted(_answers(store)) == sorted(on_server)
        assert hub_of(store) == url
    assert _hub_answers(programme, trainee) == len(on_server)


def test_a_supervisor_is_moved_too_and_that_they_supervise_is_remembered_here(
    programme: Programme, tmp_path: Path
) -> None:
    supervisor = programme.new_supervisor(programme.new_trainee())
    url = programme.cluster.url(supervisor, programme.database)
    on_server = _practise_on_server(programme, supervisor, tmp_path / "before")
    trainee = programme.new_trainee()
    trainee_url = programme.cluster.url(trainee, programme.database)

    opened = move_over.open_person(url, tmp_path, LATER)
    with opened.store as store:
        assert not store.on_server
        assert hub_of(store) == url
        assert _answers(store) == on_server  # their own practice, here and synced
    assert _hub_answers(programme, supervisor) == len(on_server)
    assert supervising_here.remembered(move_over.server_folder(tmp_path, url))
    move_over.open_person(trainee_url, tmp_path, LATER).store.close()
    assert not supervising_here.remembered(move_over.server_folder(tmp_path, trainee_url))


def test_a_trainee_made_a_supervisor_after_moving_is_one_here_from_the_next_check(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    folder = move_over.server_folder(tmp_path, url)
    move_over.open_person(url, tmp_path, LATER).store.close()
    assert not supervising_here.remembered(folder)

    programme.new_supervisor(programme.new_trainee(), name=trainee)
    programme.cluster.stop()
    try:
        move_over.recheck_supervising(folder, url)  # the server away: nothing changes
        assert not supervising_here.remembered(folder)
    finally:
        programme.cluster.start()
    move_over.recheck_supervising(folder, url)
    assert supervising_here.remembered(folder)


def test_the_commands_of_a_moved_trainee_work_on_this_computer_and_say_why_once(
    programme: Programme, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from imperfect_trainer.cli import main

    trainee = programme.new_trainee()
    url = programme.cluster.url(trainee, programme.database)
    on_server = _practise_on_server(programme, trainee, tmp_path / "before")
    given = ["--data-dir", str(tmp_path), "--database", url]

    # Before the window's first start, the commands work on the server and move no one.
    assert main([*given, "stats", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["reviews"] == len(on_server)
    assert err == ""
    assert move_over.moved(move_over.server_folder(tmp_path, url)) is None

    move_over.open_person(url, tmp_path, LATER).store.close()  # the window's first start
    with Store.open_server(programme.address(trainee), tmp_path / "s", now=LATER) as server:
        card = server.todays_practice(LATER).cards[0]
        server.answer(card.id, 5, now=LATER)  # an older app's answer, left on the server
    assert main([*given, "stats", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["reviews"] == len(on_server)  # this computer's collection
    assert "was moved to this computer" in err
    assert str(move_over.server_folder(tmp_path, url)) in err

    assert main([*given, "export", str(tmp_path / "all.json")]) == 0
    out, err = capsys.readouterr()
    assert "moved" not in err  # said once
    assert len(json.loads((tmp_path / "all.json").read_text())["reviews"]) == len(on_server)

    # sync with --database URL is the moved collection's; the data folder's own is not joined.
    assert main([*given, "sync"]) == 0
    out, _err = capsys.readouterr()
    assert "Synced with" in out
    assert main(["--data-dir", str(tmp_path), "sync"]) != 0
