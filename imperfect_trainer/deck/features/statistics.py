"""The numbers behind the statistics screen: the activity, aggregated in one pass over the
period's answers, and the mastery per section, read from the totals the triggers keep.

Nothing here counts consecutive days: the app keeps no streak, so a missed day never shows as
a loss. Every query groups in SQL, so a million answers never reach Python one by one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    case,
    false,
    func,
    or_,
    select,
    text,
    union,
)

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.storage.models import (
    HARD_EASINESS,
    HARD_LAPSES,
    SETTLED_DAYS,
    Card,
    CardState,
    PracticeDay,
    Review,
    SectionTotal,
    parked,
)
from imperfect_trainer.deck.storage.stored_values import day
from imperfect_trainer.deck.store import Store

# A card hard by SM-2's numbers (models.HARD_EASINESS, HARD_LAPSES) is not counted as hard if
# its latest graded answer in the period looked at was this or better: it was just answered
# well, whatever its E-Factor and lapses still carry from before.
ANSWERED_WELL = 4
PASSING_GRADE = 3
FORECAST_DAYS = 30
CALENDAR_WEEKS = 26


@dataclass(frozen=True, slots=True)
class DayActivity:
    day: dt.date
    answers: int
    minutes: float
    # The day's first graded answer for each card (drills and written reflections left out):
    # what retention is measured on.
    first_answers: int
    first_answers_passed: int

    @property
    def retention(self) -> float | None:
        return self.first_answers_passed / self.first_answers if self.first_answers else None


@dataclass(frozen=True, slots=True)
class SectionMastery:
    """A section's cards: new, settling, settled; and ``hard``, those that keep feeling hard
    (``is_hard``), leaving out reflections and cards just answered well (``answered_well``)."""

    section: str
    cards: int
    new: int
    settled: int
    hard: int

    @property
    def settling(self) -> int:
        return self.cards - self.new - self.settled

    @property
    def settled_share(self) -> float:
        return self.settled / self.cards if self.cards else 0.0


@dataclass(frozen=True, slots=True)
class Activity:
    """What was practised: the chosen period day by day, the practised days of the calendar,
    and what is coming up. Quick to gather: the first screenful of the statistics."""

    today: dt.date
    period_days: int
    activity: dict[dt.date, DayActivity]  # the period's days with answers
    forecast: list[tuple[dt.date, int]]
    practised_days: frozenset[dt.date]  # within the calendar's half year

    @property
    def period(self) -> list[dt.date]:
        """The days of the chosen period, oldest first, ending today."""
        return [self.today - dt.timedelta(days=n) for n in range(self.period_days - 1, -1, -1)]

    def day(self, day: dt.date) -> DayActivity:
        return self.activity.get(day) or DayActivity(day, 0, 0.0, 0, 0)

    @property
    def period_activity(self) -> list[DayActivity]:
        return [self.day(day) for day in self.period]

    @property
    def calendar(self) -> list[dt.date]:
        """The calendar's days: whole weeks (Monday first) up to the one holding today."""
        first = calendar_start(self.today)
        return [first + dt.timedelta(days=n) for n in range((self.today - first).days + 1)]

    @property
    def answers(self) -> int:
        return sum(a.answers for a in self.period_activity)

    @property
    def minutes(self) -> float:
        return sum(a.minutes for a in self.period_activity)

    @property
    def days_practised(self) -> int:
        return sum(1 for a in self.period_activity if a.answers)

    @property
    def retention(self) -> float | None:
        """Share of the period's first answers graded 3 or higher (None before any answer)."""
        first = sum(a.first_answers for a in self.period_activity)
        passed = sum(a.first_answers_passed for a in self.period_activity)
        return passed / first if first else None


@dataclass(frozen=True, slots=True)
class Statistics(Activity):
    """Everything the statistics screen shows: the activity, and the mastery per section."""

    sections: list[SectionMastery]


def calendar_start(today: dt.date) -> dt.date:
    """The Monday the calendar's half year starts on."""
    return today - dt.timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)


# Due days in the order of ix_card_states_due (no sorting), and the same for the few suspended
# or retired cards, which the forecast leaves out: both read indexes only.
_DUE = text("SELECT due_day, count(*) FROM card_states WHERE due_day <= :horizon GROUP BY due_day")


def _parked_due(horizon: dt.date) -> Select[Any, int]:
    return (
        select(CardState.due_day, func.count())
        .where(
            CardState.due_day <= horizon,
            CardState.card_id.in_(select(Card.id).where(parked(Card.__table__))),
        )
        .group_by(CardState.due_day)
    )


def is_hard() -> ColumnElement[bool]:
    """A card answered before that has not settled and has a low E-Factor or two lapses."""
    return and_(
        CardState.interval_days < SETTLED_DAYS,
        or_(
            CardState.easiness_hundredths < HARD_EASINESS,
            CardState.lapses >= HARD_LAPSES,
        ),
    )


def answered_well(first: dt.date, last: dt.date) -> Select[str]:
    """The cards whose latest graded answer from ``first`` to ``last`` (the day's first answer:
    repeats and written reflections left out) was graded ``ANSWERED_WELL`` or better."""
    latest = (
        select(func.max(Review.id).label("review_id"))
        .where(
            Review.practice_day.between(first, last),
            Review.drill.is_(False),
            Review.grade.is_not(None),
        )
        .group_by(Review.card_id)
        .subquery()
    )
    return (
        select(Review.card_id)
        .join(latest, Review.id == latest.c.review_id)
        .where(Review.grade >= ANSWERED_WELL)
    )


def never_still_hard(first: dt.date, last: dt.date) -> CompoundSelect[tuple[str]]:
    """The cards not to count as still hard, whatever their E-Factor and lapses: reflections
    (written, never graded now) and the cards answered well from ``first`` to ``last``. Few
    cards, found from the log and a small partial index (``ix_cards_reflections``)."""
    return union(
        answered_well(first, last),
        select(Card.id).where(Card.kind == CardKind.REFLECTION.value),
    )


def gather_activity(store: Store, today: dt.date, *, period_days: int = 30) -> Activity:
    """The period day by day, the calendar's practised days and the forecast, in one read."""
    first = today - dt.timedelta(days=period_days - 1)
    horizon = today + dt.timedelta(days=FORECAST_DAYS - 1)
    # The day's first answers that were graded: a written reflection has no grade to count.
    graded = and_(Review.drill.is_(False), Review.grade.is_not(None))
    activity_query = (
        select(
            Review.practice_day,
            func.count(),
            func.sum(Review.duration_ms),
            func.sum(case((graded, 1), else_=0)),
            func.sum(case((and_(graded, Review.grade >= PASSING_GRADE), 1), else_=0)),
        )
        .where(Review.practice_day.between(first, today))
        .group_by(Review.practice_day)
    )
    # The calendar reads the per-day totals the triggers keep, not the log itself.
    days_query = select(PracticeDay.day).where(
        PracticeDay.day.between(calendar_start(today), today), PracticeDay.answers > 0
    )
    with store.unit_of_work() as session:
        activity = {
            day: DayActivity(day, answers, (ms or 0) / 60_000, firsts or 0, passed or 0)
            for day, answers, ms, firsts, passed in session.execute(activity_query)
        }
        practised = frozenset(session.scalars(days_query))
        due = {"horizon": horizon.isoformat()}
        counts: dict[dt.date, int] = {
            day(due_day): count for due_day, count in session.execute(_DUE, due)
        }
        for due_day, left_out in session.execute(_parked_due(horizon)):
            counts[day(due_day)] -= left_out
    # Cards whose day has passed are simply waiting today: there is no "overdue" pile.
    due_counts: dict[dt.date, int] = {}
    for due_day, count in counts.items():
        when = max(due_day, today)
        due_counts[when] = due_counts.get(when, 0) + count
    forecast = [
        (day, due_counts.get(day, 0))
        for day in (today + dt.timedelta(days=n) for n in range(FORECAST_DAYS))
    ]
    return Activity(today, period_days, activity, forecast, practised)


def gather_mastery(store: Store, today: dt.date, *, period_days: int = 30) -> list[SectionMastery]:
    """Cards per section, in deck order: new, settling, settled, and how many feel hard (not
    counting the ones answered well in the ``period_days`` up to ``today``)."""
    # The triggers of migration 0006 keep each section's counts (SETTLED_DAYS, HARD_EASINESS
    # and HARD_LAPSES are written into them); each section's first card orders them.
    first_card = (
        select(func.min(Card.position))
        .where(Card.section == SectionTotal.section, Card.retired == false())
        .scalar_subquery()
    )
    totals_query = select(
        SectionTotal.section,
        SectionTotal.cards,
        SectionTotal.new_cards,
        SectionTotal.settled,
        SectionTotal.hard,
    ).order_by(first_card)
    # Hard by SM-2's numbers but not to count as hard: few cards, so apart from the totals.
    not_hard = never_still_hard(today - dt.timedelta(days=period_days - 1), today)
    not_hard_query = (
        select(Card.section, func.count())
        .select_from(Card)
        .join(CardState, CardState.card_id == Card.id)
        .where(Card.id.in_(not_hard), Card.retired.is_(False), is_hard())
        .group_by(Card.section)
    )
    with store.unit_of_work() as session:
        rows = session.execute(totals_query).all()
        eased = {section: int(count) for section, count in session.execute(not_hard_query)}
    return [
        SectionMastery(section, cards, new, settled, hard - eased.get(section, 0))
        for section, cards, new, settled, hard in rows
    ]


def gather(store: Store, today: dt.date, *, period_days: int = 30) -> Statistics:
    """Everything the statistics screen shows."""
    activity = gather_activity(store, today, period_days=period_days)
    return Statistics(
        activity.today,
        activity.period_days,
        activity.activity,
        activity.forecast,
        activity.practised_days,
        gather_mastery(store, today, period_days=period_days),
    )


def most_settled(sections: list[SectionMastery], count: int = 3) -> list[SectionMastery]:
    """The sections whose ideas are most settled (by share of settled cards)."""
    settled = [s for s in sections if s.settled]
    return sorted(settled, key=lambda s: (-s.settled_share, -s.settled))[:count]


def still_hard(sections: list[SectionMastery], count: int = 3) -> list[SectionMastery]:
    """The sections with the most cards that keep feeling hard."""
    hard = [s for s in sections if s.hard]
    return sorted(hard, key=lambda s: (-s.hard / s.cards, -s.hard))[:count]
