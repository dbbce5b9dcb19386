"""The answer rules, decided before anything is written: first answers move SM-2, repeats are
drills, lapses and introductions are counted, written reflections climb their own ladder, undo
takes an answer back exactly, and a card's log replays to its schedule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imperfect_trainer.deck.srs.answer_rules import (
    NEW_CARD,
    Answer,
    Schedule,
    decide_answer,
    decide_reflection,
    replay,
    take_back,
)
from imperfect_trainer.deck.srs.scheduling import next_reflection_interval
from imperfect_trainer.deck.srs.sm2 import review

DAY = dt.date(2026, 11, 23)


def test_the_first_answer_of_a_day_moves_the_schedule_and_introduces_a_new_card() -> None:
    decision = decide_answer(NEW_CARD, 4, DAY)
    after = decision.schedule
    assert not decision.answer.drill
    assert (after.repetitions, after.interval_days, after.due_day) == (1, 1, DAY + dt.timedelta(1))
    assert after.easiness_hundredths == review(NEW_CARD.sm2, 4).easiness_hundredths
    assert after.introduced_day == after.last_review_day == DAY
    assert (after.review_count, after.lapses) == (1, 0)


def test_a_second_answer_the_same_day_is_a_drill_that_changes_only_the_count() -> None:
    first = decide_answer(NEW_CARD, 2, DAY).schedule
    repeat = decide_answer(first, 5, DAY)
    assert repeat.answer.drill
    assert repeat.schedule == replace(first, review_count=2)


def test_a_practice_of_drills_only_never_moves_the_schedule() -> None:
    decision = decide_answer(NEW_CARD, 5, DAY, drill_only=True)
    assert decision.answer.drill
    assert decision.schedule.is_new


def test_a_failing_grade_is_a_lapse_only_for_a_card_already_scheduled() -> None:
    new_failure = decide_answer(NEW_CARD, 1, DAY).schedule
    assert new_failure.lapses == 0
    later_failure = decide_answer(new_failure, 2, DAY + dt.timedelta(days=1)).schedule
    assert later_failure.lapses == 1
    assert later_failure.introduced_day == DAY


@pytest.mark.parametrize("grade", [-1, 6, 2.5, True])
def test_a_grade_outside_zero_to_five_is_refused(grade: object) -> None:
    with pytest.raises(ValueError, match="grade must be 0-5"):
        decide_answer(NEW_CARD, grade, DAY)  # type: ignore[arg-type]


def test_written_reflections_climb_a_week_a_month_then_three_months() -> None:
    schedule, day, waits = NEW_CARD, DAY, []
    for _ in range(5):
        schedule = decide_answer(schedule, None, day).schedule
        assert schedule.due_day is not None
        waits.append((schedule.due_day - day).days)
        day = schedule.due_day
    assert waits == [7, 30, 90, 90, 90]
    assert schedule.easiness_hundredths == NEW_CARD.easiness_hundredths
    assert (schedule.review_count, schedule.lapses, schedule.introduced_day) == (5, 0, DAY)


def test_a_reflection_answered_in_writing_is_never_a_lapse_and_keeps_its_e_factor() -> None:
    graded_before = decide_answer(NEW_CARD, 1, DAY).schedule  # from before the ladder
    written = decide_reflection(graded_before, DAY + dt.timedelta(days=1))
    assert written.answer.grade is None
    assert written.schedule.lapses == graded_before.lapses
    assert written.schedule.easiness_hundredths == graded_before.easiness_hundredths
    assert written.schedule.interval_days == 7


@pytest.mark.parametrize(
    ("interval", "next_wait"), [(0, 7), (1, 7), (6, 7), (7, 30), (15, 30), (30, 90), (400, 90)]
)
def test_the_ladder_takes_the_next_rung_above_the_interval_a_card_had(
    interval: int, next_wait: int
) -> None:
    assert next_reflection_interval(interval) == next_wait


def test_a_second_reflection_the_same_day_or_in_a_debrief_is_a_drill() -> None:
    first = decide_answer(NEW_CARD, None, DAY).schedule
    again = decide_answer(first, None, DAY)
    assert again.answer.drill
    assert again.schedule == replace(first, review_count=2)
    in_debrief = decide_answer(NEW_CARD, None, DAY, drill_only=True)
    assert in_debrief.answer.drill
    assert in_debrief.schedule.is_new


# A grade 0-5, or None: a reflection written instead of graded.
answers = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(0, 5)), st.integers(0, 3), st.booleans()),
    min_size=1,
    max_size=25,
)


def _history(steps: list[tuple[int | None, int, bool]]) -> tuple[list[Schedule], list[Answer]]:
    """Schedules after each answer (index 0: new) and the logged answers, days moving on."""
    schedules: list[Schedule] = [NEW_CARD]
    logged: list[Answer] = []
    day = DAY
    for grade, days_later, drill_only in steps:
        day += dt.timedelta(days=days_later)
        decision = decide_answer(schedules[-1], grade, day, drill_only=drill_only)
        schedules.append(decision.schedule)
        logged.append(decision.answer)
    return schedules, logged


@settings(max_examples=300)
@given(answers)
def test_taking_back_the_last_answer_gives_exactly_the_schedule_before_it(
    steps: list[tuple[int | None, int, bool]],
) -> None:
    schedules, logged = _history(steps)
    earlier_days = [answer.practice_day for answer in logged[:-1] if not answer.drill]
    restored = take_back(schedules[-1], logged[-1], max(earlier_days, default=None))
    assert restored == schedules[-2]


@settings(max_examples=300)
@given(answers)
def test_a_cards_log_replays_to_its_schedule(steps: list[tuple[int | None, int, bool]]) -> None:
    schedules, logged = _history(steps)
    assert replay(logged) == schedules[-1]


def test_replay_starts_again_where_a_card_was_started_fresh() -> None:
    _, logged = _history([(5, 0, False), (4, 1, False)])
    fresh = Schedule(review_count=2)
    after_fresh_start = decide_answer(fresh, 3, DAY + dt.timedelta(days=2))
    replayed = replay([*logged, after_fresh_start.answer])
    assert replayed == after_fresh_start.schedule


def test_a_log_mixing_grades_and_written_reflections_replays_exactly() -> None:
    """A reflection card graded under SM-2 before the ladder, then written for: replay takes
    each answer down its own path and lands on the stored schedule."""
    schedules, logged = _history([(4, 0, False), (2, 1, False), (None, 1, False), (None, 7, False)])
    assert [answer.grade for answer in logged] == [4, 2, None, None]
    assert replay(logged) == schedules[-1]
    assert schedules[-1].interval_days == 30
    assert schedules[-1].lapses == 1  # the failing grade, not the writing
    restored = take_back(schedules[-1], logged[-1], logged[-2].practice_day)
    assert restored == schedules[-2]
