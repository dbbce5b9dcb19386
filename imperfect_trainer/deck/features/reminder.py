"""When to send the one daily reminder ("Five minutes for yourself?").

The decision is pure, with "now" handed in: at or after the chosen time, on a practice day not
yet practised and not yet reminded. The thin functions below read and record those facts.
"""

from __future__ import annotations

import datetime as dt

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.settings_registry import REMINDER_LAST_DAY
from imperfect_trainer.deck.store import Store

MESSAGE_TITLE = "Imperfect Trainer"
MESSAGE = "Five minutes for yourself?"
# The words for opening the app from the notification (where a desktop shows them at all).
OPEN_WORDS = "Open"


def reminder_due(
    now: dt.datetime,
    at: dt.time,
    *,
    today: dt.date,
    rollover_hour: int,
    practised_today: bool,
    last_reminded: dt.date | None,
) -> bool:
    """Whether to remind now. ``today`` is the practice day of ``now`` (rollover applied)."""
    if practised_today or last_reminded == today:
        return False
    # A time before the rollover hour (say 1:00, with days turning at 4:00) is the small hours
    # after the practice day's calendar date, not its early morning.
    calendar_day = today + dt.timedelta(days=1) if at.hour < rollover_hour else today
    return now >= dt.datetime.combine(calendar_day, at, tzinfo=now.tzinfo)


def should_remind(store: Store, now: dt.datetime) -> bool:
    """The decision above, with the facts read from the collection and the settings."""
    if not preferences.reminder_enabled(store):
        return False
    today = store.practice_day(now)
    last = REMINDER_LAST_DAY.of(store)
    return reminder_due(
        now,
        preferences.reminder_time(store),
        today=today,
        rollover_hour=store.rollover_hour,
        practised_today=bool(store.answers.practised_days(today, today)),
        last_reminded=dt.date.fromisoformat(last) if last is not None else None,
    )


def mark_reminded(store: Store, now: dt.datetime) -> None:
    """Record that today's reminder was shown, so a restart does not show it again."""
    store.set_setting(REMINDER_LAST_DAY.key, store.practice_day(now).isoformat())
