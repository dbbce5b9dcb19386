"""A report's period and its practice figures: the days and the time said once, in words a
person uses, whichever screen or page shows them."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.features.report_period import (
    Period,
    practice_figures,
    time_in_words,
)

DEC = {n: dt.date(2026, 12, n) for n in range(1, 32)}


def test_days_outside_the_period_are_not_counted() -> None:
    minutes = {DEC[1]: 2.0, DEC[3]: 0.4, DEC[4]: 9.0, dt.date(2026, 11, 30): 5.0}
    figures = practice_figures(minutes, Period(DEC[1], DEC[3]))
    assert (figures.days_practised, figures.minutes) == (2, 2.4)
    assert figures.days_words == "2 of 3 days"
    assert figures.time_words == "about 2 minutes"


def test_a_few_seconds_are_under_a_minute_never_zero() -> None:
    assert time_in_words(0.4) == "under a minute"
    assert time_in_words(0.6) == "about 1 minute"
    assert time_in_words(12.4) == "about 12 minutes"
    figures = practice_figures({DEC[2]: 0.2}, Period(DEC[2], DEC[2]))
    assert (figures.days_words, figures.time_words) == ("1 of 1 day", "under a minute")
    assert practice_figures({}, Period(DEC[1], DEC[3])).time_words == "none"


def test_the_default_period_is_the_last_thirty_days_up_to_today() -> None:
    period = Period.ending(DEC[4])
    assert (period.first, period.last, period.days) == (dt.date(2026, 11, 5), DEC[4], 30)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match=r"ends \(2026-12-01\) before it starts \(2026-12-03\)"):
        Period(DEC[3], DEC[1])


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (DEC[1], DEC[3], "1 to 3 December 2026"),
        (dt.date(2026, 11, 28), DEC[3], "28 November to 3 December 2026"),
        (dt.date(2025, 12, 30), dt.date(2026, 1, 2), "30 December 2025 to 2 January 2026"),
        (DEC[4], DEC[4], "4 December 2026"),
    ],
)
def test_the_period_in_words(first: dt.date, last: dt.date, words: str) -> None:
    assert Period(first, last).words() == words
