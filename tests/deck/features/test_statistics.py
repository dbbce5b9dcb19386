"""The statistics screen's numbers: per day, retention, forecast, mastery and the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import browser, statistics
from imperfect_trainer.deck.features.statistics import SectionMastery
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import run_sql
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def answered(store: Store) -> list[str]:
    """Four cards: two answered two days ago (one of them twice), two answered today."""
    recall = [c for c in store.todays_practice(MORNING).cards if c.kind is not CardKind.REFLECTION]
    a, b, c, d = (card.id for card in recall[:4])
    earlier = MORNING - dt.timedelta(days=2)
    store.answer(a, 5, now=earlier, duration_ms=60_000)
    store.answer(a, 4, now=earlier + dt.timedelta(minutes=1), duration_ms=30_000)  # a drill
    store.answer(d, 5, now=earlier + dt.timedelta(minutes=2), duration_ms=30_000)
    store.answer(b, 2, now=MORNING, duration_ms=20_000)
    store.answer(c, 4, now=MORNING, duration_ms=40_000)
    browser.set_suspended(store, [d], True, MORNING)
    return [a, b, c, d]


def test_answers_and_minutes_are_counted_per_practice_day(
    store: Store, answered: list[str]
) -> None:
    numbers = statistics.gather(store, TODAY)
    two_days_ago = numbers.day(TODAY - dt.timedelta(days=2))
    assert (two_days_ago.answers, two_days_ago.minutes) == (3, 2.0)
    assert numbers.day(TODAY).answers == 2
    assert numbers.day(TODAY - dt.timedelta(days=1)).answers == 0
    assert (numbers.answers, numbers.days_practised) == (5, 2)
    assert numbers.minutes == pytest.approx(3.0)
    assert len(numbers.period_activity) == 30
    assert numbers.period[-1] == TODAY


def test_retention_counts_only_each_days_first_answers(store: Store, answered: list[str]) -> None:
    numbers = statistics.gather(store, TODAY)
    assert numbers.day(TODAY - dt.timedelta(days=2)).retention == 1.0
    assert numbers.day(TODAY).retention == 0.5
    assert numbers.day(TODAY - dt.timedelta(days=1)).retention is None
    assert numbers.retention == 0.75


def test_the_forecast_folds_waiting_cards_into_today_and_leaves_suspended_ones_out(
    store: Store, answered: list[str]
) -> None:
    forecast = statistics.gather(store, TODAY).forecast
    assert len(forecast) == statistics.FORECAST_DAYS
    assert forecast[0] == (TODAY, 1)  # a: due yesterday, simply waiting today; d is suspended
    assert forecast[1] == (TODAY + dt.timedelta(days=1), 2)  # b and c
    assert sum(count for _, count in forecast) == 3


def test_mastery_per_section_tells_new_settling_settled_and_hard(
    store: Store, answered: list[str]
) -> None:
    a, b, *_ = answered
    run_sql(store, "UPDATE card_states SET interval_days = 30 WHERE card_id = :id", {"id": a})
    run_sql(
        store, "UPDATE card_states SET easiness_hundredths = 150 WHERE card_id = :id", {"id": b}
    )
    sections = statistics.gather(store, TODAY).sections
    total = sum(section.cards for section in sections)
    assert total == len(browser.load_index(store).rows)
    assert sum(section.new for section in sections) == total - 4
    assert sum(section.settled for section in sections) == 1
    assert sum(section.hard for section in sections) == 1
    assert sum(section.settling for section in sections) == 3
    first_section = browser.load_index(store).rows[0].section
    assert sections[0].section == first_section


def _hard_count(store: Store, today: dt.date = TODAY) -> int:
    return sum(section.hard for section in statistics.gather(store, today, period_days=7).sections)


def test_hard_leaves_out_reflections_and_cards_just_answered_well(
    store: Store, answered: list[str]
) -> None:
    a, b, c, _ = answered
    reflection = next(
        card for card in store.todays_practice(MORNING).cards if card.kind is CardKind.REFLECTION
    )
    store.answer(reflection.id, 1, now=MORNING)  # graded before reflections had their ladder
    for card_id in (a, b, c, reflection.id):
        run_sql(
            store,
            "UPDATE card_states SET easiness_hundredths = 150 WHERE card_id = :id",
            {"id": card_id},
        )
    # a: 5 two days ago (just answered well); b: 2 today; c: 4 today (answered well)
    assert _hard_count(store) == 1
    # a week on, those answers are outside the period: all three count as hard again
    assert _hard_count(store, TODAY + dt.timedelta(days=7)) == 3


def test_a_written_reflection_is_no_answer_to_measure_retention_on(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    while not practice.current_is_reflection:
        practice.reveal()
        practice.grade(5, MORNING)
    practice.write_reflection("Both can be true.", MORNING)
    day = statistics.gather(store, TODAY).day(TODAY)
    assert day.answers == day.first_answers + 1
    assert day.retention == 1.0


def test_most_settled_and_still_hard_pick_by_share() -> None:
    sections = [
        SectionMastery("Calm", cards=10, new=0, settled=9, hard=0),
        SectionMastery("Halfway", cards=10, new=2, settled=5, hard=1),
        SectionMastery("Tender", cards=4, new=0, settled=0, hard=3),
        SectionMastery("Untouched", cards=5, new=5, settled=0, hard=0),
    ]
    assert [s.section for s in statistics.most_settled(sections)] == ["Calm", "Halfway"]
    assert [s.section for s in statistics.still_hard(sections)] == ["Tender", "Halfway"]


def test_the_calendar_runs_in_whole_weeks_from_a_monday_to_today(
    store: Store, answered: list[str]
) -> None:
    numbers = statistics.gather(store, TODAY, period_days=90)
    days = numbers.calendar
    assert days[0].weekday() == 0
    assert days[-1] == TODAY
    assert (days[-1] - days[0]).days == (statistics.CALENDAR_WEEKS - 1) * 7 + TODAY.weekday()
    assert numbers.practised_days == {TODAY, TODAY - dt.timedelta(days=2)}
    assert len(numbers.period) == 90


def test_a_collection_without_answers_has_empty_statistics(store: Store) -> None:
    numbers = statistics.gather(store, TODAY)
    assert (numbers.answers, numbers.days_practised, numbers.retention) == (0, 0, None)
    assert all(count == 0 for _, count in numbers.forecast)
    assert statistics.most_settled(numbers.sections) == []
