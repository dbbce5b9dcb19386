"""A trainee practising on two computers apart, then syncing through the programme's server:
every answer once on both and on the hub, the same schedules, both texts of an entry kept."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.sync import run
from imperfect_trainer.deck.sync.clock import AHEAD_LIMIT_MS
from tests.deck.sync.computers import (
    Computer,
    a_week_apart,
    assert_the_same_everywhere,
    gradable_cards,
    hub_events,
    trainee_of,
)
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
YEAR = dt.timedelta(days=365)


@pytest.mark.parametrize("two_computers", [dt.timedelta(), HOUR, -DAY, YEAR], indirect=True)
@pytest.mark.parametrize("laptop_first", [True, False])
def test_a_week_on_two_computers_apart_syncs_to_the_same_collection_on_both(
    programme: Programme, two_computers: tuple[Computer, Computer], laptop_first: bool
) -> None:
    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    end = MORNING + 8 * DAY
    order = [laptop, clinic] if laptop_first else [clinic, laptop]

    for side in order * 2:
        side.sync(end)

    assert_the_same_everywhere(laptop, clinic, given)
    trainee = trainee_of(laptop)
    on_hub = [identity for identity, kind in hub_events(programme, trainee) if kind == "answer"]
    assert sorted(on_hub) == laptop.answer_events()
    # The entry edited on both: one text in the entry, the other kept beside it, on both.
    for side in (laptop, clinic):
        texts = side.texts()
        assert len(texts) == 1
        assert sorted([*texts, *side.kept_texts()]) == [
            "Late again. One apology was enough.",
            "Late again; the client was kind about it.",
        ]
    assert laptop.texts() == clinic.texts()


def test_a_second_computer_joining_with_an_empty_collection_receives_the_history(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, clinic = two_computers
    for day in range(3):
        for card_id in gradable_cards(laptop.store, MORNING + day * DAY, 4):
            laptop.answer(card_id, 4, MORNING + day * DAY)
    laptop.write("A week of practice.", MORNING)

    sent = laptop.sync(MORNING + 3 * DAY).sent
    received = clinic.sync(MORNING + 3 * DAY)

    assert received.received == sent == laptop.answers_logged() + 1
    assert clinic.answer_events() == laptop.answer_events()
    assert clinic.schedules() == laptop.schedules()
    assert clinic.texts() == ["A week of practice."]


def test_an_answer_taken_back_after_it_synced_is_taken_back_on_the_other_computer(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, clinic = two_computers
    first, second = gradable_cards(laptop.store, MORNING, 2)
    laptop.answer(first, 4, MORNING)
    taken_back = laptop.answer(second, 1, MORNING)
    laptop.sync(MORNING)
    clinic.sync(MORNING)
    assert clinic.answers_logged() == 2

    laptop.store.answers.undo(taken_back)
    laptop.sync(MORNING + HOUR)
    report = clinic.sync(MORNING + HOUR)

    assert report.answers_taken_back == 1
    assert clinic.answer_events() == laptop.answer_events()
    assert clinic.answers_logged() == 1
    assert clinic.schedules() == laptop.schedules()


def test_syncing_twice_with_nothing_new_sends_and_receives_nothing(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    laptop.answer(gradable_cards(laptop.store, MORNING, 1)[0], 5, MORNING)
    laptop.sync(MORNING)
    clinic.sync(MORNING)

    again = [laptop.sync(MORNING + HOUR), clinic.sync(MORNING + HOUR)]

    assert [(report.sent, report.received) for report in again] == [(0, 0), (0, 0)]


def test_leaving_keeps_everything_here_and_sync_then_asks_to_join(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, _ = two_computers
    laptop.answer(gradable_cards(laptop.store, MORNING, 1)[0], 5, MORNING)
    laptop.sync(MORNING)

    assert run.leave(laptop.store) is not None
    with pytest.raises(run.NotJoinedError, match="not tied to a programme"):
        laptop.sync(MORNING)
    assert laptop.answers_logged() == 1


def test_a_reflection_written_on_one_computer_arrives_with_its_answer_on_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    with laptop.store.file.engine.connect() as connection:
        (card_id,) = connection.exec_driver_sql(
            "SELECT id FROM cards WHERE kind = 'reflection' ORDER BY position LIMIT 1"
        ).one()
    laptop.store.answers.record(
        card_id, None, now=MORNING, reflection="I noticed the urge to redo it."
    )

    laptop.sync(MORNING)
    clinic.sync(MORNING)

    assert clinic.texts() == ["I noticed the urge to redo it."]
    with clinic.store.file.engine.connect() as connection:
        linked = connection.exec_driver_sql(
            "SELECT r.card_id, r.grade FROM journal_entries AS j JOIN reviews AS r"
            " ON r.id = j.review_id"
        ).all()
    assert [tuple(row) for row in linked] == [(card_id, None)]
    assert clinic.schedules() == laptop.schedules()


def test_an_entry_deleted_on_one_computer_and_edited_on_the_other_is_kept_with_the_edit(
    two_computers: tuple[Computer, Computer],
) -> None:
    from imperfect_trainer.deck.features import journal

    laptop, clinic = two_computers
    laptop.write("Supervision went well.", MORNING)
    laptop.sync(MORNING)
    clinic.sync(MORNING)
    (entry_id,) = [item.id for item in journal.entries(laptop.store)]
    journal.delete_entry(laptop.store, entry_id)
    clinic.edit("Supervision went well.", "Supervision went well; I asked for help.", MORNING)

    for side in (laptop, clinic, laptop):
        side.sync(MORNING + HOUR)

    assert laptop.texts() == clinic.texts() == ["Supervision went well; I asked for help."]


def test_an_entry_deleted_on_one_computer_is_deleted_on_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    from imperfect_trainer.deck.features import journal

    laptop, clinic = two_computers
    laptop.write("Not worth keeping.", MORNING)
    laptop.sync(MORNING)
    clinic.sync(MORNING)
    (entry_id,) = [item.id for item in journal.entries(clinic.store)]

    journal.delete_entry(clinic.store, entry_id)
    clinic.sync(MORNING + HOUR)
    laptop.sync(MORNING + HOUR)

    assert laptop.texts() == clinic.texts() == []


def test_a_reflection_on_an_own_card_the_other_computer_lacks_waits_and_changes_nothing(
    two_computers: tuple[Computer, Computer],
) -> None:
    from imperfect_trainer.deck.content.cards import OWN_SOURCE, CardContent, CardKind

    laptop, clinic = two_computers
    card = CardContent(
        "own-late-again", CardKind.REFLECTION, OWN_SOURCE, "Mine", "Late again?", "Notice.", ()
    )
    laptop.store.add_cards([card], MORNING)
    laptop.store.answers.record(card.id, None, now=MORNING, reflection="Noticed, not fixed.")
    laptop.sync(MORNING)

    first = clinic.sync(MORNING)
    again = clinic.sync(MORNING + HOUR)
    laptop.sync(MORNING + HOUR)

    assert (first.waiting, clinic.answers_logged(), clinic.texts()) == (
        1,
        0,
        ["Noticed, not fixed."],
    )
    assert (again.sent, again.received) == (0, 0)
    with laptop.store.file.engine.connect() as connection:
        linked = connection.exec_driver_sql(
            "SELECT card_id, review_id IS NOT NULL FROM journal_entries"
        ).all()
    assert [tuple(row) for row in linked] == [(card.id, 1)]


def test_an_answer_given_the_number_of_one_taken_back_is_still_sent(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    first, second = gradable_cards(laptop.store, MORNING, 2)
    taken_back = laptop.answer(first, 2, MORNING)
    laptop.sync(MORNING)
    laptop.store.answers.undo(taken_back)

    again = laptop.answer(second, 5, MORNING + HOUR)
    laptop.sync(MORNING + HOUR)
    clinic.sync(MORNING + HOUR)

    assert again == taken_back  # SQLite gives the freed number to the next answer
    assert clinic.answer_events() == laptop.answer_events()
    assert len(clinic.answer_events()) == 1
    assert clinic.schedules() == laptop.schedules()


@pytest.mark.parametrize("two_computers", [YEAR], indirect=True)
def test_a_computer_a_year_ahead_drags_the_others_stamps_a_day_ahead_at_most(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    first, second = gradable_cards(laptop.store, MORNING, 2)
    clinic.answer(first, 5, MORNING + HOUR)
    clinic.sync(MORNING + HOUR)
    laptop.sync(MORNING + 2 * HOUR)

    laptop.answer(second, 4, MORNING + 3 * HOUR)
    laptop.sync(MORNING + 3 * HOUR)
    clinic.sync(MORNING + 3 * HOUR)

    (stamp,) = laptop.answer_stamps(second)
    laptop_clock_ms = int((MORNING + 3 * HOUR).timestamp() * 1000)
    assert stamp.wall_ms <= laptop_clock_ms + AHEAD_LIMIT_MS
    # The clinic's answer keeps its own stamp, so both computers still order it the same.
    assert clinic.answer_events() == laptop.answer_events()
    assert clinic.schedules() == laptop.schedules()
