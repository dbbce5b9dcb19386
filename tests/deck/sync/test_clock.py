"""The hybrid logical clock: every stamp later than everything seen, whatever the wall says."""

from __future__ import annotations

import random

import pytest

from imperfect_trainer.deck.sync.clock import AHEAD_LIMIT_MS, START, Hlc, receive, receive_all, tick

HOUR = 3_600_000
YEAR = 365 * 24 * HOUR
NOON = 1_796_000_000_000


def test_a_stamp_follows_the_wall_clock_when_it_moves_forward() -> None:
    assert tick(Hlc(NOON), NOON + 5) == Hlc(NOON + 5, 0)


@pytest.mark.parametrize("back", [1, HOUR, 24 * HOUR, YEAR])
def test_a_wall_clock_set_back_never_makes_an_earlier_stamp(back: int) -> None:
    stamps = [tick(Hlc(NOON), NOON)]
    for physical in (NOON - back, NOON - back + 1, NOON - back):
        stamps.append(tick(stamps[-1], physical))

    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
    assert all(stamp.wall_ms == NOON for stamp in stamps)


@pytest.mark.parametrize("ahead", [1, HOUR, 24 * HOUR])
def test_an_event_made_after_receiving_one_from_a_clock_ahead_orders_after_it(ahead: int) -> None:
    remote = tick(START, NOON + ahead)
    here = receive(tick(START, NOON), remote, NOON)

    assert tick(here, NOON + 1) > remote


@pytest.mark.parametrize("ahead", [24 * HOUR + 1, 30 * 24 * HOUR, YEAR])
def test_a_stamp_from_a_clock_more_than_a_day_ahead_moves_this_clock_a_day_ahead_at_most(
    ahead: int,
) -> None:
    here = receive(tick(START, NOON), tick(START, NOON + ahead), NOON)

    assert here.wall_ms == NOON + AHEAD_LIMIT_MS
    # A day later by this computer's own clock, its stamps follow its clock again.
    assert tick(here, NOON + AHEAD_LIMIT_MS + HOUR) == Hlc(NOON + AHEAD_LIMIT_MS + HOUR, 0)


def test_receiving_keeps_the_counter_moving_when_both_clocks_agree() -> None:
    assert receive(Hlc(NOON, 3), Hlc(NOON, 7), NOON) == Hlc(NOON, 8)
    assert receive(Hlc(NOON, 3), Hlc(NOON - 1, 9), NOON - 5) == Hlc(NOON, 4)
    assert receive(Hlc(NOON, 3), Hlc(NOON, 1), NOON + 1) == Hlc(NOON + 1, 0)


def test_a_stamp_as_text_sorts_as_the_stamps_do() -> None:
    stamps = [Hlc(9, 0), Hlc(10, 0), Hlc(10, 2), Hlc(10, 11), Hlc(NOON, 0), Hlc(NOON + YEAR, 3)]

    assert sorted(stamp.text for stamp in reversed(stamps)) == [stamp.text for stamp in stamps]
    assert [Hlc.parse(stamp.text) for stamp in stamps] == stamps


@pytest.mark.parametrize("text", ["", "12-3", "0000000000000x1-0000000000", "1796000000000"])
def test_text_that_is_no_stamp_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a clock stamp"):
        Hlc.parse(text)


@pytest.mark.parametrize("seed", range(5))
def test_stamps_received_together_move_the_clock_as_each_received_in_turn(seed: int) -> None:
    chance = random.Random(seed)
    # Stamps around now: behind, equal (counters racing), ahead, and more than a day ahead.
    near = [
        NOON - HOUR,
        NOON - 1,
        NOON,
        NOON + 1,
        NOON + HOUR,
        NOON + AHEAD_LIMIT_MS + 1,
        NOON + YEAR,
    ]
    remotes = [Hlc(chance.choice(near), chance.randrange(4)) for _ in range(200)]
    start = Hlc(chance.choice(near[:5]), chance.randrange(4))
    one_by_one = start
    for remote in remotes:
        one_by_one = receive(one_by_one, remote, NOON)

    assert receive_all(start, remotes, NOON) == one_by_one
    assert receive_all(start, [], NOON) == start
