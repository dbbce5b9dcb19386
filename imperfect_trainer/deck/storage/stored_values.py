"""Days and moments as the plain statements read them back: SQLite hands back the ISO text the
models store (a day as "2026-11-23", a moment as UTC without an offset), PostgreSQL a date or a
datetime. Either way the core gets a ``date``, or an aware UTC ``datetime``."""

from __future__ import annotations

import datetime as dt


def day(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def day_or_none(value: str | dt.date | None) -> dt.date | None:
    return None if value is None else day(value)


def moment(value: str | dt.datetime) -> dt.datetime:
    stored = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored.astimezone(dt.UTC)
