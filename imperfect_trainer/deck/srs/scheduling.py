"""Shaping a practice: which day it is, the order of cards, drill repeats, the time box, and
the ladder that brings reflections back.

All pure: "now" is always handed in, so every rule is tested without a clock or a database.

**Why reflections sit outside SM-2.** SM-2 schedules *recall*: a grade says how well an answer
came back, and the next interval grows or shrinks with it, so that the answer is met again just
before it would be forgotten. A reflection card ("Which cost of perfectionism shows up most in my
work?") has no answer to recall; it is a prompt to write, and what is written is new each time.
Grading it 0–5 would judge the person's honesty as if it were memory ("wrong, but it rang a
bell"), and SM-2 would then bring a question back the next day because the writing felt hard,
or push it out for years because it came easily. So a reflection is never graded: it is answered
in writing (or set aside for today), and comes back on a fixed ladder of widening intervals
(``REFLECTION_LADDER_DAYS``): a week, a month, then every three months, long enough for the
answer to have changed. SM-2 stays exactly Wozniak's for every card that is recalled.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

DEFAULT_ROLLOVER_HOUR = 4
DEFAULT_SESSION_SECONDS = 5 * 60
DEFAULT_NEW_CARDS_PER_DAY = 8
# A card graded below this comes back later in the same practice (Wozniak's same-day rule).
DRILL_BELOW_GRADE = 4
# Cards shown between a miss and its repeat: long enough to be a real recall, short enough to
# come round inside five minutes.
DRILL_GAP = 3
# A rough pace for estimating "about 5 minutes, 9 cards": reading, recalling and grading.
SECONDS_PER_CARD = 30
# A written reflection waits for the next rung above its last interval, then stays on the top one.
REFLECTION_LADDER_DAYS = (7, 30, 90)
# Reflections one practice offers unless the person asks for more (Settings).
DEFAULT_REFLECTIONS_PER_PRACTICE = 1
# Back after this many days away, the person is welcomed back (and never told what is "overdue").
LONG_BREAK_DAYS = 14


def practice_day(now: dt.datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> dt.date:
    """The practice day ``now`` belongs to: a late-night session still counts for the evening."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (the person's local time)")
    return (now - dt.timedelta(hours=rollover_hour)).date()


def due_day_after(day: dt.date, interval_days: int) -> dt.date:
    return day + dt.timedelta(days=interval_days)


def next_reflection_interval(interval_days: int) -> int:
    """Days until a reflection written now comes back: the first rung of the ladder above the
    interval it had (a card with a longer one, from before reflections had their ladder, goes
    to the top rung)."""
    return next(
        (rung for rung in REFLECTION_LADDER_DAYS if rung > interval_days),
        REFLECTION_LADDER_DAYS[-1],
    )


def estimated_cards(available: int, session_seconds: int = DEFAULT_SESSION_SECONDS) -> int:
    """How many cards a practice is likely to hold: what is waiting, or what fits the time."""
    return min(available, max(1, session_seconds // SECONDS_PER_CARD))


@dataclass(frozen=True, slots=True)
class PracticeEstimate:
    """What today's practice holds, as the home screen says it: "about 4 minutes, 7 cards"."""

    cards: int
    minutes: int


def cards_to_offer(
    available: int, reflections: int, reflections_allowed: int, set_aside: int = 0
) -> int:
    """How many of today's ``available`` cards a practice will take in: every recall card, and
    of the ``reflections`` among them at most ``reflections_allowed``, less those set aside
    with "Not today"."""
    offered_reflections = min(reflections_allowed, max(0, reflections - set_aside))
    return available - reflections + offered_reflections


def estimate_practice(
    available: int, session_seconds: int = DEFAULT_SESSION_SECONDS
) -> PracticeEstimate:
    """The likely cards and whole minutes (at least one, at most the practice's length)."""
    cards = estimated_cards(available, session_seconds)
    minutes = min(session_seconds // 60, max(1, math.ceil(cards * SECONDS_PER_CARD / 60)))
    return PracticeEstimate(cards, minutes)


def back_after_long_break(today: dt.date, last_practised: dt.date | None) -> bool:
    """Whether ``today`` (the practice day of "now") ends a long break; a first practice
    ever is not a return."""
    return last_practised is not None and (today - last_practised).days >= LONG_BREAK_DAYS


def comes_back(grade: int | None, *, drill: bool) -> bool:
    """Whether a card answered ``grade`` comes back later in the same practice: a miss does,
    once (a repeat, ``drill``, does not come back again)."""
    return grade is not None and grade < DRILL_BELOW_GRADE and not drill


@dataclass(frozen=True, slots=True)
class QueueItem:
    card_id: str
    drill: bool


@dataclass(slots=True)
class _Step:
    item: QueueItem
    repeat_inserted_at: int | None


@dataclass(slots=True)
class PracticeQueue:
    """The cards of one practice in order, with misses coming back ``DRILL_GAP`` cards later.

    ``drill_ids`` are cards missed earlier today; they come first, as drills. Then ``card_ids``
    (due cards, then new ones) in the order given. A card comes back once more at most: a
    repeat that is missed again waits for another practice (Wozniak's step 7 has no end for
    someone who keeps answering 3, and the person would meet the same few cards for the whole
    practice).
    """

    items: list[QueueItem] = field(default_factory=list)
    _history: list[_Step] = field(default_factory=list)

    @classmethod
    def of(cls, card_ids: list[str], drill_ids: list[str] | None = None) -> PracticeQueue:
        drills = [QueueItem(card_id, drill=True) for card_id in drill_ids or []]
        seen = {item.card_id for item in drills}
        rest = [QueueItem(card_id, drill=False) for card_id in card_ids if card_id not in seen]
        return cls(drills + rest)

    @property
    def current(self) -> QueueItem | None:
        return self.items[0] if self.items else None

    def __len__(self) -> int:
        return len(self.items)

    def extend(self, card_ids: list[str], drill_ids: list[str] | None = None) -> None:
        """Add cards fetched later, skipping any already waiting in the queue."""
        waiting = {item.card_id for item in self.items}
        for item in PracticeQueue.of(card_ids, drill_ids).items:
            if item.card_id not in waiting:
                self.items.append(item)
                waiting.add(item.card_id)

    def record(self, grade: int | None) -> QueueItem:
        """Take the current card off the queue after it was answered; re-queue it if missed,
        unless it was already a repeat. A reflection written (``grade`` None) is done for this
        practice, as is a card set aside (``set_aside``)."""
        if not self.items:
            raise IndexError("the practice queue is empty")
        item = self.items.pop(0)
        inserted_at: int | None = None
        if comes_back(grade, drill=item.drill):
            inserted_at = min(DRILL_GAP, len(self.items))
            self.items.insert(inserted_at, QueueItem(item.card_id, drill=True))
        self._history.append(_Step(item, inserted_at))
        return item

    def set_aside(self) -> QueueItem:
        """Take the current card off the queue unanswered ("Not today"); undo puts it back."""
        return self.record(None)

    def undo(self) -> QueueItem | None:
        """Put the last answered (or set aside) card back in hand, removing the repeat its grade
        had queued."""
        if not self._history:
            return None
        step = self._history.pop()
        if step.repeat_inserted_at is not None:
            del self.items[step.repeat_inserted_at]
        self.items.insert(0, step.item)
        return step.item

    @property
    def can_undo(self) -> bool:
        return bool(self._history)


@dataclass(frozen=True, slots=True)
class TimeBox:
    """The practice's length. It ends after the card in hand once time is up; nothing is lost."""

    started_at: dt.datetime
    seconds: int = DEFAULT_SESSION_SECONDS

    def elapsed_fraction(self, now: dt.datetime) -> float:
        return min(1.0, max(0.0, (now - self.started_at).total_seconds() / self.seconds))

    def is_up(self, now: dt.datetime) -> bool:
        return (now - self.started_at).total_seconds() >= self.seconds
