"""Days and moments as the plain statements read them back: SQLite hands back the ISO text the
models store (a day as "2026-11-23", a moment as UTC without an offset), PostgreSQL a date or a
datetime. Either way the core gets a ``date``, or an aware UTC ``datetime``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter
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
# An answer's log row in ``reviews``: what it was, and the states before and after it.
LOGGED_STATES = (
    "repetitions_before",
    "easiness_before",
    "interval_before",
    "due_before",
    "repetitions_after",
    "easiness_after",
    "interval_after",
    "due_after",
)
LOG_COLUMNS = (
    "card_id",
    "session_id",
    "reviewed_at",
    "practice_day",
    "grade",
    "duration_ms",
    "drill",
    *LOGGED_STATES,
)


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
    """``schedule`` as a statement's parameters, each column's name after ``prefix``."""
    return dict(zip(prefixed(prefix), schedule_row(schedule), strict=True))


def schedule_row(schedule: Schedule) -> list[object]:
    """``schedule``'s values in ``SCHEDULE_COLUMNS``' order, days as the ISO text the models
    store."""
    values = list(_schedule_fields(schedule))
    for position in _DAY_POSITIONS:
        if (value := values[position]) is not None:
            values[position] = value.isoformat()
    return values


# Read twice an answer: one C call each rather than a loop of getattr. The days are the fields
# typed as dates.
_schedule_fields = attrgetter(*SCHEDULE_COLUMNS)
_DAY_POSITIONS = tuple(n for n, field in enumerate(fields(Schedule)) if "date" in str(field.type))


@cache
def prefixed(prefix: str) -> tuple[str, ...]:
    """The schedule's column names, each after ``prefix``."""
    return tuple(prefix + name for name in SCHEDULE_COLUMNS)


def day_text(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
