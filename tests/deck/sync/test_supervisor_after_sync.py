"""A trainee who practises on their own computers: once they sync, their supervisor sees what
they shared and their practice, and nothing they did not share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imperfect_trainer.deck.features import goals, journal, statistics, supervision
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.store import Store
from tests.deck.sync.computers import DAY, HOUR, Computer, gradable_cards, trainee_of
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

SHARED = "I froze when the client cried; next time I will name it."
PRIVATE = "Not for anyone else: I was tired and short with them."
END = MORNING + 4 * DAY


def _overview(
    programme: Programme, supervisor: str, trainee: str, folder: Path
) -> supervision.TraineeOverview:
    with Store.open_server(programme.address(supervisor), folder, now=END) as store:
        return supervision.overview(store, trainee, MORNING.date(), END.date())


def _entry_id(side: Computer, text: str) -> int:
    (entry_id,) = [item.id for item in journal.entries(side.store) if item.text == text]
    return entry_id


def _offline_practice(laptop: Computer, clinic: Computer) -> int:
    """Three days' practice, split between the computers while apart; returns the answers."""
    cards = gradable_cards(laptop.store, MORNING, 4)
    given = 0
    for day in range(3):
        for card_id in cards:
            side = laptop if day % 2 == 0 else clinic
            side.answer(card_id, 4, MORNING + day * DAY + HOUR)
            given += 1
    laptop.write(SHARED, MORNING + HOUR)
    journal.set_shared(laptop.store, _entry_id(laptop, SHARED), True)
    clinic.write(PRIVATE, MORNING + DAY + HOUR)
    return given


def test_the_supervisor_sees_the_shared_entry_and_the_practice_once_both_computers_synced(
    programme: Programme, two_computers: tuple[Computer, Computer], tmp_path: Path
) -> None:
    laptop, clinic = two_computers
    trainee = trainee_of(laptop)
    supervisor = programme.new_supervisor(trainee)
    given = _offline_practice(laptop, clinic)
    assert _overview(programme, supervisor, trainee, tmp_path / "before").journal == ()

    for side in (laptop, clinic, laptop):
        side.sync(END)
    seen = _overview(programme, supervisor, trainee, tmp_path / "after")

    assert [entry.text for entry in seen.journal] == [SHARED]
    assert seen.practised_days == {MORNING.date() + dt.timedelta(days=n) for n in range(3)}
    own = statistics.gather(laptop.store, END.date())
    assert sum(day.answers for day in own.activity.values()) == given
    assert seen.minutes_by_day == {day: activity.minutes for day, activity in own.activity.items()}
    mine = {section.section: section for section in own.sections}
    for section in seen.sections:
        assert (section.cards, section.new, section.settled) == (
            mine[section.section].cards,
            mine[section.section].new,
            mine[section.section].settled,
        )
    assert sum(section.cards - section.new for section in seen.sections) == 4
    stranger = programme.new_supervisor(programme.new_trainee())
    unassigned = _overview(programme, stranger, trainee, tmp_path / "stranger")
    assert (unassigned.journal, unassigned.minutes_by_day, unassigned.sections) == ((), {}, ())


def test_an_entry_unshared_on_the_other_computer_is_gone_from_the_supervisor_after_its_sync(
    programme: Programme, two_computers: tuple[Computer, Computer], tmp_path: Path
) -> None:
    laptop, clinic = two_computers
    trainee = trainee_of(laptop)
    supervisor = programme.new_supervisor(trainee)
    _offline_practice(laptop, clinic)
    for side in (laptop, clinic):
        side.sync(END)

    journal.set_shared(clinic.store, _entry_id(clinic, SHARED), False)
    clinic.sync(END + HOUR)
    # The laptop, which still had it shared, syncs after: it knows the change, and publishes it.
    laptop.sync(END + 2 * HOUR)

    assert _overview(programme, supervisor, trainee, tmp_path / "sup").journal == ()
    assert laptop.texts() == clinic.texts() == sorted([SHARED, PRIVATE])


def test_a_shared_goal_is_seen_and_taken_back_with_its_computers_next_sync(
    programme: Programme, two_computers: tuple[Computer, Computer], tmp_path: Path
) -> None:
    laptop, _ = two_computers
    trainee = trainee_of(laptop)
    supervisor = programme.new_supervisor(trainee)
    goal = goals.add_goal(laptop.store, "Send my notes on time", MORNING, striving=Striving.HEALTHY)
    goals.set_shared(laptop.store, goal, True)
    laptop.sync(END)
    seen = _overview(programme, supervisor, trainee, tmp_path / "seen").goals
    assert [(shared.text, shared.striving) for shared in seen] == [
        ("Send my notes on time", Striving.HEALTHY)
    ]

    goals.set_shared(laptop.store, goal, False)
    laptop.sync(END + HOUR)

    assert _overview(programme, supervisor, trainee, tmp_path / "gone").goals == ()


def test_a_second_publication_of_the_same_collection_writes_nothing(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, _ = two_computers
    laptop.answer(gradable_cards(laptop.store, MORNING, 1)[0], 4, MORNING + HOUR)
    assert laptop.sync(END).published > 0

    assert laptop.sync(END).published == 0


def test_a_trainees_own_psql_cannot_publish_what_the_supervisors_page_could_not_read(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    import psycopg

    laptop, _ = two_computers
    trainee = trainee_of(laptop)
    garbage = [
        ("day", "not a day", '{"answers": 1, "duration_ms": 5}'),
        ("day", "2026-12-01", '{"answers": "many", "duration_ms": 5}'),
        ("entry", "x", '{"kind": "note", "text": "no days"}'),
        ("section", "Core", '{"position": 1, "cards": 2, "new": 1}'),
    ]
    with programme.connect(trainee) as connection:
        for kind, key, payload in garbage:
            with pytest.raises((psycopg.errors.DataError, psycopg.errors.CheckViolation)):
                connection.execute(
                    "INSERT INTO hub_shared (kind, key, position, payload) VALUES (%s, %s, 0, %s)",
                    (kind, key, payload),
                )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("DELETE FROM hub_shared")
