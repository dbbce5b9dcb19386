"""A card's merged answers give the same schedule whatever order they arrived in, and the
rows rewritten from them tell Check Database's replay the same story."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from imperfect_trainer.deck.srs.answer_rules import NEW_CARD, Answer, decide_answer, replay
from imperfect_trainer.deck.sync.answer_replay import MergedAnswer, replay_merged

DAY = dt.date(2026, 11, 23)


def _answer(stamp: int, device: str, grade: int | None, day: int, **flags: bool) -> MergedAnswer:
    return MergedAnswer(
        (f"{stamp:015d}-0000000000", device, f"id-{device}-{stamp}"),
        grade,
        DAY + dt.timedelta(days=day),
        flags.get("drill", False),
        flags.get("fresh_start", False),
    )


# Two computers apart for a week: the laptop on days 0, 1 and 4, the clinic's on 0, 2 and 6
# (a failing grade among them, a reflection, and the laptop's repeat on day 4).
WEEK = [
    _answer(1, "laptop", 4, 0),
    _answer(2, "clinic", 3, 0),
    _answer(3, "laptop", 5, 1),
    _answer(4, "clinic", 1, 2),
    _answer(5, "laptop", None, 4),
    _answer(6, "laptop", 2, 4, drill=True),
    _answer(7, "clinic", 4, 6),
]


def test_every_arrival_order_gives_the_same_schedule() -> None:
    schedules = {
        replay_merged(order).schedule
        for order in itertools.islice(itertools.permutations(WEEK), 0, None, 97)
    }

    assert len(schedules) == 1
    assert schedules.pop().review_count == len(WEEK)


def test_the_same_card_answered_on_two_offline_computers_counts_both_answers() -> None:
    replayed = replay_merged([_answer(2, "clinic", 4, 0), _answer(1, "laptop", 4, 0)])

    assert replayed.schedule.review_count == 2
    # The day's second answer, from the other computer, is a drill as it would be on one.
    assert [answer.drill for _, answer in replayed.answers] == [False, True]
    assert [merged.order[1] for merged, _ in replayed.answers] == ["laptop", "clinic"]


def test_another_computers_first_answer_is_not_taken_for_a_fresh_start() -> None:
    laptop_only = decide_answer(decide_answer(NEW_CARD, 5, DAY).schedule, 5, DAY + _days(6))
    merged = replay_merged([_answer(1, "laptop", 5, 0), _answer(2, "clinic", 5, 6)])

    assert merged.schedule == laptop_only.schedule


def test_a_fresh_start_made_on_one_computer_starts_the_card_again_everywhere() -> None:
    merged = replay_merged(
        [
            _answer(1, "laptop", 5, 0),
            _answer(2, "laptop", 5, 6),
            _answer(3, "clinic", 4, 9, fresh_start=True),
        ]
    )
    fresh = decide_answer(NEW_CARD, 4, DAY + _days(9)).schedule

    assert (merged.schedule.interval_days, merged.schedule.due_day) == (
        fresh.interval_days,
        fresh.due_day,
    )
    assert merged.schedule.review_count == 3


def test_check_databases_replay_of_the_rewritten_rows_reaches_the_same_schedule() -> None:
    for order in itertools.islice(itertools.permutations(WEEK), 0, None, 211):
        replayed = replay_merged(order)
        rows = [
            Answer(a.grade, a.practice_day, a.drill, a.before, a.due_before, a.after, a.due_after)
            for _, a in replayed.answers
        ]
        assert replay(rows) == replayed.schedule


def _days(count: int) -> dt.timedelta:
    return dt.timedelta(days=count)


def _fresh_start(stamp: int, device: str) -> tuple[str, str, str]:
    return (f"{stamp:015d}-0000000000", device, f"fresh-{device}-{stamp}")


def test_a_fresh_start_counts_only_the_answers_after_it_in_clock_order() -> None:
    answers = [_answer(1, "laptop", 5, 0), _answer(3, "clinic", 4, 2), _answer(4, "laptop", 5, 6)]

    replayed = replay_merged(answers, [_fresh_start(2, "laptop")])

    # Two answers after it, from a new card: the clinic's counted first, then the laptop's.
    from_new = replay_merged([_answer(3, "clinic", 4, 2), _answer(4, "laptop", 5, 6)])
    assert replayed.schedule.repetitions == from_new.schedule.repetitions == 2
    assert replayed.schedule.interval_days == from_new.schedule.interval_days
    assert replayed.schedule.introduced_day == DAY + dt.timedelta(days=2)
    # The history stays counted.
    assert (replayed.schedule.review_count, len(replayed.answers)) == (3, 3)


def test_a_fresh_start_after_every_answer_leaves_a_new_card_whatever_the_arrival_order() -> None:
    answers = [_answer(1, "laptop", 5, 0), _answer(2, "clinic", 4, 2)]
    schedules = {
        replay_merged(order, [_fresh_start(3, "laptop")]).schedule
        for order in itertools.permutations(answers)
    }

    assert schedules == {replace(NEW_CARD, review_count=2)}
