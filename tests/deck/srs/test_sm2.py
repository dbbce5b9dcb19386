"""SM-2 scheduling, checked against Wozniak's rules worked by hand and against an exact reference.

The worked examples below were computed on paper from the rules in Wozniak (1990), as settled in
the module docstring: EF' = EF + 0.1 - (5-q)(0.08 + (5-q)0.02) after every grade, never below 1.3;
intervals 1, 6, then ceil(previous interval x the E-Factor from *before* this grade); a grade below
3 restarts the repetitions at interval 1 and keeps the lowered E-Factor.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imperfect_trainer.deck.srs.sm2 import MAX_INTERVAL_DAYS, Sm2State, due_in_days, review

grades = st.integers(min_value=0, max_value=5)
passing_grades = st.integers(min_value=3, max_value=5)
failing_grades = st.integers(min_value=0, max_value=2)
histories = st.lists(grades, max_size=40)


def replay(history: Iterable[int], start: Sm2State | None = None) -> list[Sm2State]:
    """Every state a card passes through while being graded ``history`` in order."""
    state = Sm2State() if start is None else start
    states: list[Sm2State] = []
    for quality in history:
        state = review(state, quality)
        states.append(state)
    return states


def intervals(history: Iterable[int]) -> list[int]:
    return [state.interval for state in replay(history)]


# --- An independent reference: Wozniak's rules in exact rational arithmetic. -------------------


@dataclasses.dataclass(frozen=True)
class ExactState:
    repetitions: int = 0
    easiness: Fraction = Fraction(5, 2)
    interval: int = 0


def exact_review(state: ExactState, quality: int) -> ExactState:
    miss = 5 - quality
    change = Fraction(1, 10) - miss * (Fraction(8, 100) + miss * Fraction(2, 100))
    easiness = max(Fraction(13, 10), state.easiness + change)
    if quality < 3:
        return ExactState(0, easiness, 1)
    repetitions = state.repetitions + 1
    if repetitions == 1:
        interval = 1
    elif repetitions == 2:
        interval = 6
    else:
        interval = math.ceil(state.interval * state.easiness)
    return ExactState(repetitions, easiness, interval)


# --- A naive float implementation, only to show the drift that exact arithmetic avoids. ---------


def float_intervals_and_easiness(history: Iterable[int]) -> tuple[list[int], float]:
    repetitions, easiness, interval = 0, 2.5, 0
    seen: list[int] = []
    for quality in history:
        before = easiness
        easiness = max(1.3, easiness + (0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02)))
        if quality < 3:
            repetitions, interval = 0, 1
        else:
            repetitions += 1
            if repetitions == 1:
                interval = 1
            elif repetitions == 2:
                interval = 6
            else:
                interval = math.ceil(interval * before)
        seen.append(interval)
    return seen, easiness


# --- Worked examples. --------------------------------------------------------------------------


def test_a_new_card_has_no_repetitions_default_easiness_and_no_interval() -> None:
    card = Sm2State()

    assert card.repetitions == 0
    assert card.easiness == Decimal("2.5")
    assert card.interval == 0
    assert due_in_days(card) == 0


def test_three_good_grades_give_one_day_six_days_then_six_times_unchanged_easiness() -> None:
    # Grade 4 leaves the E-Factor at 2.5, so the third interval is ceil(6 x 2.5) = 15.
    states = replay([4, 4, 4])

    assert [s.interval for s in states] == [1, 6, 15]
    assert [s.repetitions for s in states] == [1, 2, 3]
    assert all(s.easiness == Decimal("2.5") for s in states)


def test_perfect_grades_grow_the_interval_by_the_easiness_reached_before_the_grade() -> None:
    # EF after each 5: 2.6, 2.7, 2.8, 2.9. Third interval: ceil(6 x 2.7) = ceil(16.2) = 17;
    # fourth: ceil(17 x 2.8) = ceil(47.6) = 48.
    states = replay([5, 5, 5, 5])

    assert [s.interval for s in states] == [1, 6, 17, 48]
    assert [s.easiness for s in states] == [Decimal(v) for v in ("2.6", "2.7", "2.8", "2.9")]


def test_grade_three_passes_but_makes_the_card_harder() -> None:
    # EF: 2.5 - 0.14 = 2.36, 2.22, then third interval ceil(6 x 2.22) = ceil(13.32) = 14.
    states = replay([3, 3, 3])

    assert [s.interval for s in states] == [1, 6, 14]
    assert [s.easiness for s in states] == [Decimal(v) for v in ("2.36", "2.22", "2.08")]


@pytest.mark.parametrize(
    ("quality", "easiness_after_one_grade"),
    [
        (0, "1.70"),  # -0.80
        (1, "1.96"),  # -0.54
        (2, "2.18"),  # -0.32
        (3, "2.36"),  # -0.14
        (4, "2.50"),  # unchanged
        (5, "2.60"),  # +0.10
    ],
)
def test_every_grade_moves_the_easiness_by_wozniaks_step(
    quality: int, easiness_after_one_grade: str
) -> None:
    assert review(Sm2State(), quality).easiness == Decimal(easiness_after_one_grade)


def test_easiness_never_drops_below_one_point_three() -> None:
    # 2.5 - 0.8 = 1.7; 1.7 - 0.8 = 0.9 is floored to 1.3; further blackouts keep it there.
    states = replay([0, 0, 0, 1, 2, 3])

    assert [s.easiness for s in states] == [Decimal("1.7")] + [Decimal("1.3")] * 5


def test_failed_grade_restarts_repetitions_but_keeps_lowered_easiness() -> None:
    # 5, 5, 5 reach EF 2.8 and interval 17; a 2 costs 0.32 -> 2.48 and sends the card back to day 1.
    failed = replay([5, 5, 5, 2])[-1]

    assert failed.repetitions == 0
    assert failed.interval == 1
    assert failed.easiness == Decimal("2.48")


def test_relearning_after_a_failure_climbs_again_from_one_and_six_days() -> None:
    # After the lapse (EF 2.48): 5 -> 1 day (EF 2.58), 5 -> 6 days (EF 2.68),
    # 5 -> ceil(6 x 2.68) = ceil(16.08) = 17 days.
    after_lapse = replay([5, 5, 5, 2, 5, 5, 5])[-3:]

    assert [s.interval for s in after_lapse] == [1, 6, 17]
    assert [s.repetitions for s in after_lapse] == [1, 2, 3]


def test_easiness_that_returns_to_two_and_a_half_schedules_fifteen_days_not_sixteen() -> None:
    # Eight perfect grades take the E-Factor to 3.3; a blackout takes it back to exactly 2.5.
    # Three grades of 4 then give 1, 6 and ceil(6 x 2.5) = 15 days.
    history = [5] * 8 + [0, 4, 4, 4]

    float_intervals, float_easiness = float_intervals_and_easiness(history)
    assert float_easiness != 2.5, "the float reference no longer drifts; pick another history"
    assert float_intervals[-1] == 16  # ceil(6 x 2.500000000000001)

    final = replay(history)[-1]
    assert final.easiness == Decimal("2.5")
    assert final.interval == 15


@pytest.mark.parametrize("quality", [6, -1, 100])
def test_grades_outside_zero_to_five_are_rejected(quality: int) -> None:
    with pytest.raises(ValueError, match="quality must be from 0 to 5"):
        review(Sm2State(), quality)


@pytest.mark.parametrize("quality", [True, False, 2.0, "3", None])
def test_grades_that_are_not_whole_numbers_are_rejected(quality: object) -> None:
    with pytest.raises(TypeError, match="quality must be an int"):
        review(Sm2State(), quality)  # type: ignore[arg-type]


def test_due_date_is_capped_but_a_short_interval_is_kept_as_is() -> None:
    assert due_in_days(Sm2State(repetitions=3, interval=15)) == 15
    assert due_in_days(Sm2State(repetitions=3, interval=MAX_INTERVAL_DAYS)) == MAX_INTERVAL_DAYS
    assert due_in_days(Sm2State(repetitions=30, interval=MAX_INTERVAL_DAYS + 1)) == (
        MAX_INTERVAL_DAYS
    )


def test_a_long_run_of_perfect_grades_is_due_within_the_cap_though_its_interval_keeps_growing() -> (
    None
):
    states = replay([5] * 20)

    assert states[-1].interval > MAX_INTERVAL_DAYS
    assert due_in_days(states[-1]) == MAX_INTERVAL_DAYS
    assert all(due_in_days(s) == min(s.interval, MAX_INTERVAL_DAYS) for s in states)


@pytest.mark.parametrize("easiness", [Decimal("2.505"), Decimal("1.29"), Decimal("0")])
def test_a_state_with_an_impossible_easiness_is_refused(easiness: Decimal) -> None:
    with pytest.raises(ValueError, match="easiness must be"):
        Sm2State(easiness=easiness)


# --- Properties over random grade histories. ---------------------------------------------------


@given(histories)
def test_every_step_matches_an_exact_rational_reference(history: list[int]) -> None:
    state, reference = Sm2State(), ExactState()
    for quality in history:
        state = review(state, quality)
        reference = exact_review(reference, quality)
        assert state.repetitions == reference.repetitions
        assert Fraction(state.easiness) == reference.easiness
        assert state.interval == reference.interval


@given(histories)
def test_easiness_stays_at_least_one_point_three_in_whole_hundredths(history: list[int]) -> None:
    for state in replay(history):
        assert state.easiness >= Decimal("1.3")
        assert state.easiness == state.easiness.quantize(Decimal("0.01"))


@given(histories, passing_grades)
def test_passing_after_the_second_repetition_never_shortens_the_interval(
    history: list[int], quality: int
) -> None:
    states = replay(history)
    before = states[-1] if states else Sm2State()
    after = review(before, quality)

    assert after.repetitions == before.repetitions + 1
    if before.repetitions >= 2:
        assert after.interval >= before.interval
    if before.repetitions >= 1:
        assert after.interval >= 6


@given(histories, failing_grades)
def test_a_failing_grade_always_sends_the_card_back_to_day_one(
    history: list[int], quality: int
) -> None:
    states = replay(history)
    before = states[-1] if states else Sm2State()
    after = review(before, quality)

    assert after.repetitions == 0
    assert after.interval == 1
    assert after.easiness <= before.easiness


@settings(max_examples=50)
@given(histories, grades)
def test_review_is_pure(history: list[int], quality: int) -> None:
    states = replay(history)
    state = states[-1] if states else Sm2State()
    snapshot = dataclasses.replace(state)

    first = review(state, quality)
    second = review(state, quality)

    assert first == second
    assert state == snapshot
