"""Today's cards: which come, in what order, and how many are counted."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import run_sql
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def test_new_cards_stop_at_the_daily_limit(store: Store) -> None:
    for card in store.todays_practice(MORNING).cards:
        store.answer(card.id, 5, now=MORNING)
    assert store.todays_practice(MORNING).new_count == 0
    assert store.todays_practice(NEXT_MORNING).new_count == 8


def test_due_cards_come_most_overdue_first_then_hardest(store: Store) -> None:
    cards = store.todays_practice(MORNING).cards[:3]
    store.answer(cards[0].id, 5, now=MORNING)  # due the next day, easy
    store.answer(cards[1].id, 3, now=MORNING)  # due the next day, harder
    store.answer(cards[2].id, 5, now=MORNING - dt.timedelta(days=3))  # overdue longest
    later = store.todays_practice(MORNING + dt.timedelta(days=2))
    assert [card.id for card in later.cards[:3]] == [cards[2].id, cards[1].id, cards[0].id]


def test_a_long_break_still_offers_a_normal_practice(store: Store) -> None:
    for card in store.todays_practice(MORNING).cards:
        store.answer(card.id, 5, now=MORNING)
    after_a_month = store.todays_practice(MORNING + dt.timedelta(days=30))
    assert after_a_month.due_count == 8
    assert after_a_month.cards[0].id  # something to practise straight away


def test_the_day_rolls_over_at_four_in_the_morning(store: Store) -> None:
    late_evening = dt.datetime(2026, 11, 23, 23, 50, tzinfo=MORNING.tzinfo)
    after_midnight = late_evening + dt.timedelta(hours=3)
    assert store.practice_day(after_midnight) == late_evening.date()
    assert store.practice_day(after_midnight + dt.timedelta(hours=2)) == dt.date(2026, 11, 24)


def test_retired_and_suspended_cards_are_left_out_of_every_count(store: Store) -> None:
    own = [
        CardContent(f"fact.own-{i}", CardKind.FACT, "own", "Mine", "front", "back", ())
        for i in range(4)
    ]
    store.add_cards(own, MORNING)
    run_sql(store, "UPDATE card_states SET due_day = '2026-11-01'")
    run_sql(store, "UPDATE cards SET retired = TRUE WHERE id = 'fact.own-0'")
    run_sql(store, "UPDATE cards SET suspended = TRUE WHERE id = 'fact.own-1'")
    total = len(builtin_deck().cards) + 2
    assert store.todays_practice(MORNING).due_count == total
    assert store.stats(MORNING).due_today == total
    assert store.stats(MORNING).cards == total
    assert {"fact.own-0", "fact.own-1"}.isdisjoint(
        c.id for c in store.todays_practice(MORNING).cards
    )
