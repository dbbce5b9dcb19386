"""Practice order, drill repeats and the time box, without a clock or a database."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.srs.scheduling import (
    DRILL_GAP,
    LONG_BREAK_DAYS,
    PracticeEstimate,
    PracticeQueue,
    QueueItem,
    TimeBox,
    back_after_long_break,
    cards_to_offer,
    estimate_practice,
    estimated_cards,
    practice_day,
)

START = dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.UTC)


def _ids(queue: PracticeQueue) -> list[str]:
    return [item.card_id for item in queue.items]


def test_earlier_misses_come_first_as_drills() -> None:
    queue = PracticeQueue.of(["a", "b", "c"], drill_ids=["b"])
    assert queue.items[0] == QueueItem("b", drill=True)
    assert _ids(queue) == ["b", "a", "c"]


def test_a_missed_card_returns_a_few_cards_later_as_a_drill() -> None:
    queue = PracticeQueue.of(["a", "b", "c", "d", "e"])
    queue.record(2)
    assert _ids(queue) == ["b", "c", "d", "a", "e"]
    assert queue.items[DRILL_GAP] == QueueItem("a", drill=True)


def test_a_card_graded_four_or_better_is_done_for_the_day() -> None:
    queue = PracticeQueue.of(["a", "b"])
    queue.record(4)
    assert _ids(queue) == ["b"]


def test_a_miss_near_the_end_still_comes_back() -> None:
    queue = PracticeQueue.of(["a"])
    queue.record(0)
    assert queue.current == QueueItem("a", drill=True)


def test_a_repeat_missed_again_waits_for_another_practice() -> None:
    queue = PracticeQueue.of(["a"])
    queue.record(3)
    assert queue.current == QueueItem("a", drill=True)
    queue.record(3)
    assert queue.current is None


def test_undo_puts_the_card_back_in_hand_and_drops_its_repeat() -> None:
    queue = PracticeQueue.of(["a", "b", "c", "d", "e"])
    queue.record(1)
    queue.record(5)
    assert queue.undo() == QueueItem("b", drill=False)
    assert queue.undo() == QueueItem("a", drill=False)
    assert _ids(queue) == ["a", "b", "c", "d", "e"]
    assert not queue.can_undo
    assert queue.undo() is None


def test_extending_skips_cards_already_waiting() -> None:
    queue = PracticeQueue.of(["a", "b"])
    queue.extend(["b", "c"])
    assert _ids(queue) == ["a", "b", "c"]


def test_grading_an_empty_queue_is_an_error() -> None:
    with pytest.raises(IndexError):
        PracticeQueue.of([]).record(5)


def test_the_time_box_is_up_after_five_minutes() -> None:
    box = TimeBox(START, seconds=300)
    assert not box.is_up(START + dt.timedelta(seconds=299))
    assert box.is_up(START + dt.timedelta(seconds=300))
    assert box.elapsed_fraction(START + dt.timedelta(seconds=150)) == pytest.approx(0.5)
    assert box.elapsed_fraction(START + dt.timedelta(hours=2)) == 1.0


def test_practice_day_needs_the_persons_local_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        practice_day(dt.datetime(2026, 11, 23, 8, 0))


def test_practice_day_follows_the_rollover_hour() -> None:
    two_am = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.UTC)
    assert practice_day(two_am, rollover_hour=4) == dt.date(2026, 11, 23)
    assert practice_day(two_am, rollover_hour=0) == dt.date(2026, 11, 24)


def test_a_practice_estimate_never_exceeds_what_is_waiting_or_the_time() -> None:
    assert estimated_cards(3) == 3
    assert estimated_cards(500, session_seconds=300) == 10


def test_the_estimate_counts_whole_minutes_at_half_a_minute_a_card() -> None:
    assert estimate_practice(7, session_seconds=300) == PracticeEstimate(cards=7, minutes=4)
    assert estimate_practice(500, session_seconds=600) == PracticeEstimate(cards=20, minutes=10)


def test_the_estimate_says_at_least_a_minute_and_never_more_than_the_practice() -> None:
    assert estimate_practice(1, session_seconds=300) == PracticeEstimate(cards=1, minutes=1)
    assert estimate_practice(0, session_seconds=300) == PracticeEstimate(cards=0, minutes=1)
    assert estimate_practice(500, session_seconds=120) == PracticeEstimate(cards=4, minutes=2)


def test_two_weeks_away_is_a_long_break_and_a_first_practice_is_not() -> None:
    today = dt.date(2026, 11, 23)
    assert LONG_BREAK_DAYS == 14
    assert back_after_long_break(today, today - dt.timedelta(days=14))
    assert back_after_long_break(today, today - dt.timedelta(days=200))
    assert not back_after_long_break(today, today - dt.timedelta(days=13))
    assert not back_after_long_break(today, today)
    assert not back_after_long_break(today, None)


def test_a_practice_offers_every_recall_card_but_only_the_reflections_allowed() -> None:
    assert cards_to_offer(10, reflections=3, reflections_allowed=1) == 8
    assert cards_to_offer(10, reflections=3, reflections_allowed=5) == 10
    # Set aside with "Not today": no longer offered, and not counted in the estimate.
    assert cards_to_offer(10, reflections=3, reflections_allowed=1, set_aside=3) == 7
    assert cards_to_offer(2, reflections=2, reflections_allowed=1, set_aside=2) == 0
