"""A report's period and the practice figures it shows, worked out once from the days'
minutes, so the supervisor's screen and the PDF say the same thing in the same words.

Pure: the period's days and the minutes practised on each come in, the figures go out; today
is passed in, never read from the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class Period:
    """The days a report looks at, both ends included."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the period ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def ending(cls, today: dt.date, days: int = DEFAULT_DAYS) -> Period:
        """The ``days`` days up to and including ``today``."""
        return cls(today - dt.timedelta(days=days - 1), today)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def holds(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def words(self) -> str:
        """'1 to 3 December 2026', '28 November to 3 December 2026', or across years."""
        first, last = self.first, self.last
        if first == last:
            return f"{last.day} {last:%B %Y}"
        if first.year != last.year:
            return f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
        if first.month != last.month:
            return f"{first.day} {first:%B} to {last.day} {last:%B %Y}"
        return f"{first.day} to {last.day} {last:%B %Y}"


@dataclass(frozen=True, slots=True)
class PracticeFigures:
    """What was practised in a period: on how many of its days, and for how long."""

    period: Period
    days_practised: int
    minutes: float

    @property
    def days_words(self) -> str:
        """'2 days of 3', said the same on the screen and in the PDF."""
        return f"{self.days_practised} of {_days(self.period.days)}"

    @property
    def time_words(self) -> str:
        return time_in_words(self.minutes) if self.days_practised else "none"


def practice_figures(minutes_by_day: Mapping[dt.date, float], period: Period) -> PracticeFigures:
    """The period's practised days (a day with any answer) and their minutes; days outside the
    period are left out, whatever the caller read."""
    inside = [minutes for day, minutes in minutes_by_day.items() if period.holds(day)]
    return PracticeFigures(period, len(inside), sum(inside))


def time_in_words(minutes: float) -> str:
    """Minutes as a person says them: a few seconds are 'under a minute', never '0'."""
    whole = round(minutes)
    if whole < 1:
        return "under a minute"
    return f"about {whole} minute{'s' if whole != 1 else ''}"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"
