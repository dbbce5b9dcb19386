"""The numbers behind the statistics screen, each aggregated by SQLite in one pass.

Nothing here counts consecutive days: the app keeps no streak, so a missed day never shows as
a loss. Every query groups in SQL, so a million answers never reach Python one by one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    case,
    func,
    or_,
    select,
    text,
    union,
)

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.storage.models import Card, CardState, Review
from imperfect_trainer.deck.store import Store

# A card whose interval has reached three weeks is "settled" (Anki calls this mature).
SETTLED_DAYS = 21
# A card answered before that still has an E-Factor below this, or has lapsed twice, is "hard".
HARD_EASINESS = 200
HARD_LAPSES = 2
# ... unless its latest graded answer in the period looked at was this or better: it was just
# answered well, whatever its E-Factor and lapses still carry from before.
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
class Statistics:
    today: dt.date
    period_days: int
    activity: dict[dt.date, DayActivity]
    forecast: list[tuple[dt.date, int]]
    sections: list[SectionMastery]

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
        last_monday = self.today - dt.timedelta(days=self.today.weekday())
        first = last_monday - dt.timedelta(weeks=CALENDAR_WEEKS - 1)
        return [first + dt.timedelta(days=n) for n in range((self.today - first).days + 1)]

    @property
    def practised_days(self) -> set[dt.date]:
        return {day for day, activity in self.activity.items() if activity.answers}

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


# One pass over the deck for the forecast and the mastery per section. On SQLite it walks
# card_states in table order and finds each card in the covering index ix_cards_stats (CROSS
# JOIN fixes that order), which at 100,000 cards is several times faster than any plan touching
# the cards table. Written in SQL both SQLite and PostgreSQL read the same way (CASE, not the
# two-argument max() that only SQLite has).
_DECK_PASS = text(
    """
    SELECT c.section, min(c.position),
           CASE WHEN c.suspended OR s.due_day > :horizon THEN NULL
                WHEN s.due_day < :today THEN :today
                ELSE s.due_day END AS due,
           count(*),
           count(s.due_day),
           sum(CASE WHEN s.interval_days >= :settled THEN 1 ELSE 0 END),
           sum(CASE WHEN s.interval_days < :settled
                    AND (s.easiness_hundredths < :hard_easiness OR s.lapses >= :hard_lapses)
               THEN 1 ELSE 0 END)
    FROM card_states AS s CROSS JOIN cards AS c
    WHERE c.id = s.card_id AND NOT c.retired
    GROUP BY c.section, due
    """
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


def gather(store: Store, today: dt.date, *, period_days: int = 30) -> Statistics:
    """Everything the statistics screen shows, in one read transaction."""
    calendar_start = today - dt.timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
    first = min(today - dt.timedelta(days=period_days - 1), calendar_start)
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
    parameters = {
        "today": today.isoformat(),
        "horizon": horizon.isoformat(),
        "settled": SETTLED_DAYS,
        "hard_easiness": HARD_EASINESS,
        "hard_lapses": HARD_LAPSES,
    }
    # Hard by SM-2's numbers but not to count as hard: few cards, so apart from the deck pass.
    not_hard = never_still_hard(today - dt.timedelta(days=period_days - 1), today)
    not_hard_query = (
        select(Card.section, func.count())
        .select_from(Card)
        .join(CardState, CardState.card_id == Card.id)
        .where(Card.id.in_(not_hard), Card.retired.is_(False), is_hard())
        .group_by(Card.section)
    )
    with store.unit_of_work() as session:
        activity = {
            day: DayActivity(day, answers, (ms or 0) / 60_000, firsts or 0, passed or 0)
            for day, answers, ms, firsts, passed in session.execute(activity_query)
        }
        deck = session.execute(_DECK_PASS, parameters).all()
        eased = {section: int(count) for section, count in session.execute(not_hard_query)}

    due_counts: dict[dt.date, int] = {}
    sections: dict[str, list[int]] = {}
    for section, position, due, cards, introduced, settled, hard in deck:
        totals = sections.setdefault(section, [position, 0, 0, 0, 0])
        totals[0] = min(totals[0], position)
        for index, value in enumerate((cards, cards - introduced, settled, hard), start=1):
            totals[index] += value
        # Cards whose day has passed are simply waiting today (the CASE above folds them into
        # today): there is no "overdue" pile. Suspended and new cards have no due day here.
        if due is not None:
            day = due if isinstance(due, dt.date) else dt.date.fromisoformat(due)
            due_counts[day] = due_counts.get(day, 0) + cards
    forecast = [
        (day, due_counts.get(day, 0))
        for day in (today + dt.timedelta(days=n) for n in range(FORECAST_DAYS))
    ]
    for section, count in eased.items():
        sections[section][4] -= count
    mastery = [
        SectionMastery(section, cards, new, settled, hard)
        for section, (_, cards, new, settled, hard) in sorted(
            sections.items(), key=lambda item: item[1][0]
        )
    ]
    return Statistics(today, period_days, activity, forecast, mastery)


def most_settled(sections: list[SectionMastery], count: int = 3) -> list[SectionMastery]:
    """The sections whose ideas are most settled (by share of settled cards)."""
    settled = [s for s in sections if s.settled]
    return sorted(settled, key=lambda s: (-s.settled_share, -s.settled))[:count]


def still_hard(sections: list[SectionMastery], count: int = 3) -> list[SectionMastery]:
    """The sections with the most cards that keep feeling hard."""
    hard = [s for s in sections if s.hard]
    return sorted(hard, key=lambda s: (-s.hard / s.cards, -s.hard))[:count]
