"""Own cards, notes, suspensions, debriefs and "Start this card fresh" on two computers of one
trainee apart, then synced: the same cards, schedules, journal and texts on both, nothing
twice, no text lost."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck.features import browser, own_cards
from tests.deck.sync.cards_apart import (
    FIRST_BACK,
    SHARED_FRONT,
    apart,
    cards,
    edit_back,
    journal_seen,
    own_card,
)
from tests.deck.sync.computers import (
    DAY,
    HOUR,
    Computer,
    assert_the_same_everywhere,
    gradable_cards,
    hub_events,
    trainee_of,
)
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres


def test_cards_debriefs_and_a_fresh_start_made_apart_end_the_same_on_both_computers(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, clinic = two_computers
    reset_card, given = apart(laptop, clinic)

    for side in (laptop, clinic, laptop):
        side.sync(MORNING + 2 * DAY)

    assert_the_same_everywhere(laptop, clinic, given)
    assert cards(laptop) == cards(clinic)
    fronts = [str(row[3]) for row in cards(laptop)]
    assert sorted(fronts) == sorted(
        [SHARED_FRONT, "A late client is still a client", "Relapse is part of recovery"]
    )
    # The back edited on both while apart: the later one on the card, the other kept beside.
    (shared,) = [row for row in cards(clinic) if row[3] == SHARED_FRONT]
    assert shared[4] == "Silence is an intervention too."
    assert laptop.kept_texts() == clinic.kept_texts() == ["Let it sit; count to five."]
    # Both debriefs, each with the cards drilled after it, in both journals.
    assert journal_seen(laptop) == journal_seen(clinic)
    debriefs = [entry for entry in journal_seen(laptop) if entry[0] == "debrief"]
    assert [entry[1] for entry in debriefs] == ["Back to old habits.", "We talked it through."]
    assert all(len(entry[3]) == 2 for entry in debriefs)
    # The clinic's answer came after the laptop's fresh start: it counts from a new card.
    schedule = laptop.store.card(reset_card).schedule
    assert (schedule.repetitions, schedule.review_count) == (1, 2)
    on_hub = [identity for identity, _ in hub_events(programme, trainee_of(laptop))]
    assert len(on_hub) == len(set(on_hub))


def test_a_fresh_start_after_the_other_computers_answers_leaves_the_card_new_on_both(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    (card_id,) = gradable_cards(laptop.store, MORNING, 1)
    laptop.answer(card_id, 5, MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)

    clinic.answer(card_id, 4, MORNING + DAY)
    browser.reset_progress(laptop.store, [card_id], MORNING + DAY + 2 * HOUR)
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + 2 * DAY)

    for side in (laptop, clinic):
        card = side.store.card(card_id)
        assert card.is_new
        assert card.schedule.review_count == 2  # the history stays
    assert laptop.schedules() == clinic.schedules()


def test_answers_on_both_computers_after_a_fresh_start_count_in_clock_order_after_it(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    (card_id,) = gradable_cards(laptop.store, MORNING, 1)
    laptop.answer(card_id, 5, MORNING)
    laptop.answer(card_id, 5, MORNING + 7 * DAY)
    for side in (laptop, clinic):
        side.sync(MORNING + 7 * DAY + HOUR)

    # Fresh on the laptop, answered on the clinic's computer the next day and on the laptop
    # the day after (which knew nothing of the clinic's answer).
    browser.reset_progress(laptop.store, [card_id], MORNING + 8 * DAY)
    clinic.answer(card_id, 4, MORNING + 9 * DAY)
    laptop.answer(card_id, 5, MORNING + 10 * DAY)
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + 11 * DAY)

    # Two answers from a new card, neither set aside by the fresh start.
    for side in (laptop, clinic):
        schedule = side.store.card(card_id).schedule
        assert (schedule.repetitions, schedule.review_count) == (2, 4)
    assert laptop.schedules() == clinic.schedules()
    assert laptop.store.check().healthy


def test_a_fresh_start_taken_back_after_a_sync_is_taken_back_on_the_other_computer(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    (card_id,) = gradable_cards(laptop.store, MORNING, 1)
    laptop.answer(card_id, 5, MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)
    saved = browser.reset_progress(laptop.store, [card_id], MORNING + 2 * HOUR)
    for side in (laptop, clinic):
        side.sync(MORNING + 3 * HOUR)
    assert clinic.store.card(card_id).is_new

    browser.restore_progress(laptop.store, saved)
    for side in (laptop, clinic):
        side.sync(MORNING + 4 * HOUR)

    assert not clinic.store.card(card_id).is_new
    assert laptop.schedules() == clinic.schedules()


def test_an_own_card_answered_on_one_computer_arrives_with_its_answers_on_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    card_id = own_card(laptop, SHARED_FRONT, FIRST_BACK, MORNING)
    laptop.answer(card_id, 5, MORNING + HOUR)
    laptop.answer(card_id, 4, MORNING + DAY)

    laptop.sync(MORNING + DAY)
    report = clinic.sync(MORNING + DAY)

    assert report.cards_changed == 1
    assert report.waiting == 0
    assert clinic.store.card(card_id).back == FIRST_BACK
    assert_the_same_everywhere(laptop, clinic, 2)


def test_an_own_card_deleted_on_one_computer_goes_with_its_answers_from_the_other(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    card_id = own_card(laptop, SHARED_FRONT, FIRST_BACK, MORNING)
    laptop.answer(card_id, 5, MORNING + HOUR)
    for side in (laptop, clinic):
        side.sync(MORNING + 2 * HOUR)

    own_cards.delete_own_cards(clinic.store, [card_id])
    for side in (clinic, laptop, clinic):
        side.sync(MORNING + DAY)

    assert cards(laptop) == cards(clinic) == []
    assert_the_same_everywhere(laptop, clinic, 0)


def test_an_own_card_deleted_on_one_computer_and_edited_on_the_other_stays_with_the_edit(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    card_id = own_card(laptop, SHARED_FRONT, FIRST_BACK, MORNING)
    for side in (laptop, clinic):
        side.sync(MORNING + HOUR)

    own_cards.delete_own_cards(laptop.store, [card_id])
    edit_back(clinic, card_id, "Kept: written while the laptop deleted it.", MORNING + 2 * HOUR)
    for side in (laptop, clinic, laptop):
        side.sync(MORNING + DAY)

    assert cards(laptop) == cards(clinic)
    assert [row[4] for row in cards(laptop)] == ["Kept: written while the laptop deleted it."]


def test_a_built_in_cards_note_and_suspension_reach_the_other_computer(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    first, second = gradable_cards(laptop.store, MORNING, 2)
    own_cards.set_personal_note(laptop.store, first, "Ask my supervisor", MORNING)
    browser.set_suspended(clinic.store, [second], True, MORNING + HOUR)

    for side in (laptop, clinic, laptop):
        side.sync(MORNING + DAY)

    assert cards(laptop) == cards(clinic)
    assert [(row[0], row[9], row[10]) for row in cards(laptop)] == sorted(
        [(first, 0, "Ask my supervisor"), (second, 1, None)]
    )
