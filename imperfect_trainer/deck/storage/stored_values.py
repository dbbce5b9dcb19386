"""Days and moments as the plain statements read them back: SQLite hands back the ISO text the
models store (a day as "2026-11-23", a moment as UTC without an offset), PostgreSQL a date or a
datetime. Either way the core gets a ``date``, or an aware UTC ``datetime``."""

from __future__ import annotations

import datetime as dt

from imperfect_trainer.deck.srs.answer_rules import Schedule


def day(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def day_or_none(value: str | dt.date | None) -> dt.date | None:
    return None if value is None else day(value)


def moment(value: str | dt.datetime) -> dt.datetime:
    stored = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored.astimezone(dt.UTC)


def moment_text(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


_Day = str | dt.date | None


def schedule_from_row(row: tuple[int, int, int, _Day, _Day, _Day, int, int]) -> Schedule:
    """A ``card_states`` row's schedule columns, in ``_READ``'s order, as a ``Schedule``."""
    repetitions, easiness, interval, due, last, introduced, count, lapses = row
    return Schedule(
        repetitions,
        easiness,
        interval,
        day_or_none(due),
        day_or_none(last),
        day_or_none(introduced),
        count,
        lapses,
    )
