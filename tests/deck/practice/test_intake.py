"""Which cards a practice takes in: reflections left for today and beyond the allowance stay
out, a card met once more stays met, and a practice of chosen cards asks today for no more."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.practice.intake import Intake
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.practice.todays_cards import PracticeCard
from imperfect_trainer.deck.srs.scheduling import PracticeQueue
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def _intake(store: Store, *, allowed: int = 1, tops_up: bool = True) -> Intake:
    return Intake(store.today, store.settings, {}, PracticeQueue(), allowed, tops_up=tops_up)


def _queued(intake: Intake) -> list[str]:
    return [item.card_id for item in intake.queue.items]


def _reflections(store: Store) -> list[str]:
    store.set_setting("new_cards_per_day", 50)
    waiting = store.todays_practice(MORNING, limit=200).cards
    due = [card.id for card in waiting if card.kind is CardKind.REFLECTION]
    assert len(due) >= 3, "the test needs several reflections waiting"
    return due


def test_no_more_reflections_come_in_than_the_person_allows(store: Store) -> None:
    due = _reflections(store)
    intake = _intake(store, allowed=2)
    intake.take_in_today(store.todays_practice(MORNING, limit=200), set(), MORNING)
    intake.top_up(set(), MORNING)
    assert [card_id for card_id in _queued(intake) if card_id in due] == due[:2]


def test_a_reflection_left_for_today_stays_out_until_tomorrow(store: Store) -> None:
    first = _reflections(store)[0]
    store.today.set_aside(first, store.practice_day(MORNING))
    today = _intake(store, allowed=3)
    today.take_in_today(store.todays_practice(MORNING, limit=200), set(), MORNING)
    assert first not in _queued(today)
    tomorrow = MORNING + dt.timedelta(days=1)
    next_day = _intake(store, allowed=3)
    next_day.take_in_today(store.todays_practice(tomorrow, limit=200), set(), tomorrow)
    assert first in _queued(next_day)


def test_a_card_missed_earlier_today_and_met_since_is_not_met_once_more(store: Store) -> None:
    first = Practice.start(store, MORNING)
    missed: PracticeCard | None = first.current
    assert missed is not None
    first.reveal()
    first.grade(1, MORNING)
    first.end(MORNING)
    later = MORNING + dt.timedelta(hours=1)
    assert store.todays_practice(later).drill_ids == [missed.id]
    met = _intake(store)
    met.take_in_today(store.todays_practice(later), {missed.id}, later)
    assert missed.id not in _queued(met)
    not_met = _intake(store)
    not_met.take_in_today(store.todays_practice(later), set(), later)
    assert _queued(not_met)[0] == missed.id


def test_a_practice_of_chosen_cards_asks_today_for_no_more(store: Store) -> None:
    chosen = store.todays_practice(MORNING).cards[:2]
    intake = _intake(store, tops_up=False)
    intake.take_in(chosen, [], [card.id for card in chosen], MORNING)
    intake.top_up(set(), MORNING)
    assert _queued(intake) == [card.id for card in chosen]
    topped_up = _intake(store)  # today's practice asks for more
    topped_up.top_up(set(), MORNING)
    assert len(_queued(topped_up)) > len(chosen)
