"""Moments and days as the collection stores them, and as the clock counts them."""

from __future__ import annotations

import datetime as dt


def ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def moment(text: object) -> dt.datetime:
    stored = dt.datetime.fromisoformat(str(text))
    return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored


def day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def day_text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
