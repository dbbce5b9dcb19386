"""Days and moments as the plain statements read them back: SQLite hands back the ISO text the
models store (a day as "2026-11-23", a moment as UTC without an offset), PostgreSQL a date or a
datetime. Either way the core gets a ``date``, or an aware UTC ``datetime``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

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


# A schedule's columns in ``card_states`` are named as ``Schedule``'s fields, in that order: every
# statement that reads or writes a schedule names them from here, and rows come back so.
SCHEDULE_COLUMNS = tuple(field.name for field in fields(Schedule))


def schedule_from_row(row: Sequence[Any]) -> Schedule:
    """A row's schedule columns, in ``SCHEDULE_COLUMNS``' order, as a ``Schedule``."""
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


def schedule_values(schedule: Schedule, prefix: str) -> dict[str, object]:
    """``schedule`` as a statement's parameters, each column's name after ``prefix``, days as
    the ISO text the models store."""
    values: dict[str, object] = {}
    for name in SCHEDULE_COLUMNS:
        value = getattr(schedule, name)
        values[prefix + name] = value.isoformat() if isinstance(value, dt.date) else value
    return values


def day_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
