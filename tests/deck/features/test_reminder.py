"""When the one daily reminder is due, decided with an injected clock."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.features import preferences, reminder
from imperfect_trainer.deck.store import Store
from tests.support.moments import LOCAL, MORNING

pytestmark = pytest.mark.both_backends

EVENING = dt.time(19, 0)
DAY = dt.date(2026, 11, 23)


def _at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LOCAL)


def _due(
    now: dt.datetime,
    *,
    at: dt.time = EVENING,
    practised_today: bool = False,
    last_reminded: dt.date | None = None,
) -> bool:
    return reminder.reminder_due(
        now,
        at,
        today=DAY,
        rollover_hour=4,
        practised_today=practised_today,
        last_reminded=last_reminded,
    )


def test_the_reminder_waits_for_the_chosen_time() -> None:
    assert not _due(_at(18, 59))
    assert _due(_at(19, 0))
    assert _due(_at(23, 30))


def test_no_reminder_on_a_day_already_practised_or_already_reminded() -> None:
    assert not _due(_at(20), practised_today=True)
    assert not _due(_at(20), last_reminded=DAY)
    assert _due(_at(20), last_reminded=DAY - dt.timedelta(days=1))


def test_a_time_in_the_small_hours_belongs_to_the_night_after_the_practice_day() -> None:
    one_am = dt.time(1, 0)
    assert not _due(_at(22), at=one_am)
    assert _due(_at(1, 30, DAY + dt.timedelta(days=1)), at=one_am)


def test_the_store_facts_decide_and_a_shown_reminder_is_not_shown_again(store: Store) -> None:
    evening = MORNING.replace(hour=19, minute=30)
    assert not reminder.should_remind(store, evening)  # switched off by default
    preferences.set_reminder(store, True, EVENING)
    assert not reminder.should_remind(store, MORNING)
    assert reminder.should_remind(store, evening)
    reminder.mark_reminded(store, evening)
    assert not reminder.should_remind(store, evening + dt.timedelta(minutes=5))
    assert reminder.should_remind(store, evening + dt.timedelta(days=1))


def test_practising_today_silences_the_reminder(store: Store) -> None:
    preferences.set_reminder(store, True, EVENING)
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 4, now=MORNING)
    assert not reminder.should_remind(store, MORNING.replace(hour=20))


def test_days_missed_bring_one_reminder_a_day_never_more_and_never_a_tally() -> None:
    """A week away is not owed seven reminders: each day asks once, in the same words."""
    shown: list[dt.date] = []
    last: dt.date | None = None
    for days_later in range(7):
        day = DAY + dt.timedelta(days=days_later)
        for hour in (18, 19, 21, 23):
            now = _at(hour, day=day)
            if reminder.reminder_due(
                now,
                EVENING,
                today=day,
                rollover_hour=4,
                practised_today=False,
                last_reminded=last,
            ):
                shown.append(day)
                last = day
    assert shown == [DAY + dt.timedelta(days=n) for n in range(7)]
    assert reminder.MESSAGE == "Five minutes for yourself?"
