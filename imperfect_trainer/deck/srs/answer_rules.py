"""What one answer does to a card, decided before anything is written (Anki's ``build_answer``).

Pure functions, state in and state out: the store reads a card's schedule, asks
``decide_answer`` what the answer changes, and writes exactly that in one transaction. Undo is
the same decision taken back from the log row, and ``replay`` runs a card's whole answer log
through the same rules, which is what Check Database compares the stored schedule against (and
what a second storage backend, or a future sync, needs to agree on).

The rules, in one place:

* The day's first answer for a card moves its SM-2 schedule (``sm2.review``); later answers
  that day are drill repeats (Wozniak's same-day rule): logged, schedule unchanged. So is every
  answer of a practice that asks for drills only (the two minutes after a debrief).
* A lapse is a failing grade (below ``sm2.PASSING_QUALITY``) on a card that was already
  scheduled; a new card's first failure is not a lapse.
* A card is *introduced* on the day of its first scheduling answer.
* A reflection written instead of graded (``grade`` None, ``decide_reflection``) is not passed
  through SM-2 (``scheduling`` says why): it moves the card up the reflection ladder
  (``scheduling.next_reflection_interval``), keeps its E-Factor and is never a lapse. The same
  day rule holds: a second one that day, or one in a drills-only practice, is logged as a drill
  and leaves the schedule alone. The log keeps the grade empty, so undo and ``replay`` take the
  same path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from imperfect_trainer.deck.srs import scheduling
from imperfect_trainer.deck.srs.sm2 import (
    PASSING_QUALITY,
    START_EASINESS_HUNDREDTHS,
    Sm2State,
    due_in_days,
    review,
)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A card's stored schedule, as the rules see it. ``Schedule()`` is a card never answered."""

    repetitions: int = 0
    easiness_hundredths: int = START_EASINESS_HUNDREDTHS
    interval_days: int = 0
    due_day: dt.date | None = None
    last_review_day: dt.date | None = None
    introduced_day: dt.date | None = None
    review_count: int = 0
    lapses: int = 0

    @property
    def sm2(self) -> Sm2State:
        return Sm2State.from_hundredths(
            self.repetitions, self.easiness_hundredths, self.interval_days
        )

    @property
    def is_new(self) -> bool:
        return self.due_day is None


NEW_CARD = Schedule()


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer as the log keeps it: enough to take it back, or to replay it. ``grade`` is
    None for a reflection written instead of graded."""

    grade: int | None
    practice_day: dt.date
    drill: bool
    before: Sm2State
    due_before: dt.date | None
    after: Sm2State
    due_after: dt.date | None


@dataclass(frozen=True, slots=True)
class Decision:
    """What an answer changes: the schedule to store and the row to log."""

    schedule: Schedule
    answer: Answer


def decide_answer(
    schedule: Schedule, grade: int | None, today: dt.date, *, drill_only: bool = False
) -> Decision:
    """The schedule after ``grade`` on ``today``, and the log row recording it. ``grade`` None
    is a reflection written, not graded (``decide_reflection``)."""
    if grade is None:
        return decide_reflection(schedule, today, drill_only=drill_only)
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 5:
        raise ValueError(f"grade must be 0-5, got {grade!r}")
    before = schedule.sm2
    if drill_only or schedule.last_review_day == today:
        return _decide(schedule, grade, before, None, today)
    return _decide(schedule, grade, before, review(before, grade), today)


def decide_reflection(schedule: Schedule, today: dt.date, *, drill_only: bool = False) -> Decision:
    """The schedule after a reflection is written on ``today``: the next rung of the ladder,
    the E-Factor as it was."""
    before = schedule.sm2
    if drill_only or schedule.last_review_day == today:
        return _decide(schedule, None, before, None, today)
    interval = scheduling.next_reflection_interval(schedule.interval_days)
    after = Sm2State.from_hundredths(
        schedule.repetitions + 1, schedule.easiness_hundredths, interval
    )
    return _decide(schedule, None, before, after, today)


def _decide(
    schedule: Schedule,
    grade: int | None,
    before: Sm2State,
    moved: Sm2State | None,
    today: dt.date,
) -> Decision:
    """The answer's decision, given the state a scheduling answer moves the card to (None for
    a drill, which leaves it where it was)."""
    if moved is None:
        after = before
        after_schedule = replace(schedule, review_count=schedule.review_count + 1)
    else:
        after = moved
        after_schedule = Schedule(
            repetitions=after.repetitions,
            easiness_hundredths=after.easiness_hundredths,
            interval_days=after.interval,
            due_day=scheduling.due_day_after(today, due_in_days(after)),
            last_review_day=today,
            introduced_day=schedule.introduced_day or today,
            review_count=schedule.review_count + 1,
            lapses=schedule.lapses + _lapse(grade, schedule.due_day),
        )
    answer = Answer(
        grade=grade,
        practice_day=today,
        drill=moved is None,
        before=before,
        due_before=schedule.due_day,
        after=after,
        due_after=after_schedule.due_day,
    )
    return Decision(after_schedule, answer)


def take_back(schedule: Schedule, answer: Answer, last_review_day: dt.date | None) -> Schedule:
    """The schedule as it was before ``answer``. ``last_review_day`` is the day of the latest
    scheduling answer left in the log once this one is gone (None if there is none)."""
    if answer.drill:
        return replace(schedule, review_count=schedule.review_count - 1)
    return Schedule(
        repetitions=answer.before.repetitions,
        easiness_hundredths=answer.before.easiness_hundredths,
        interval_days=answer.before.interval,
        due_day=answer.due_before,
        last_review_day=last_review_day,
        introduced_day=None if answer.due_before is None else schedule.introduced_day,
        review_count=schedule.review_count - 1,
        lapses=schedule.lapses - _lapse(answer.grade, answer.due_before),
    )


def replay(answers: Iterable[Answer]) -> Schedule:
    """The schedule a card's answers (oldest first) lead to from a new card.

    "Start this card fresh" keeps a card's answers but makes it new again; an answer whose
    state before is a new card's, after scheduling answers, marks such a fresh start and the
    replay starts again there, keeping the counts (they describe the whole history).
    """
    schedule = NEW_CARD
    for answer in answers:
        fresh_start = not answer.drill and answer.due_before is None and not schedule.is_new
        if fresh_start:
            schedule = replace(NEW_CARD, review_count=schedule.review_count, lapses=schedule.lapses)
        schedule = decide_answer(
            schedule, answer.grade, answer.practice_day, drill_only=answer.drill
        ).schedule
    return schedule


def _lapse(grade: int | None, due_before: dt.date | None) -> int:
    """A written reflection (no grade) is never a lapse."""
    return int(grade is not None and grade < PASSING_QUALITY and due_before is not None)
