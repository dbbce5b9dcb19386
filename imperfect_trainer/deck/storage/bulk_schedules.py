"""Many cards' schedules set at once, by card id, as one statement per batch of cards.

A statement per card would be simplest, but on PostgreSQL the per-section totals' triggers run
once per statement and each run updates a section's row again: within one transaction, that
row's versions pile up, and tens of thousands of single-card updates take minutes. One UPDATE
joined to a list of the new values runs the triggers once per batch on both databases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache

from sqlalchemy import Connection

from imperfect_trainer.deck.storage.batches import chunked

# Nine values a card at most: well under SQLite's 32,766 bound values a statement.
_CARDS_PER_STATEMENT = 900
_DAYS = frozenset({"due_day", "last_review_day", "introduced_day"})
_NUMBERS = frozenset(
    {"repetitions", "easiness_hundredths", "interval_days", "review_count", "lapses"}
)


def set_schedules(connection: Connection, schedules: Sequence[Mapping[str, object]]) -> None:
    """Give each card (``card_id``) the other columns of its mapping: whole numbers, and days
    as dates or None. Every mapping names the same columns."""
    if not schedules:
        return
    names = tuple(schedules[0])
    for batch in chunked(schedules, _CARDS_PER_STATEMENT):
        statement = _update_of(names, len(batch), connection.dialect.name)
        values = [_stored(row[name]) for row in batch for name in names]
        connection.exec_driver_sql(statement, tuple(values))


def _stored(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


# A full batch's statement, and the last few partial ones (each up to ~50 kB of text).
@lru_cache(maxsize=8)
def _update_of(names: tuple[str, ...], cards: int, dialect: str) -> str:
    """The statement for ``cards`` cards, written by hand: SQLAlchemy compiles a list of values
    afresh every time (a fifth of a second for 900 cards). Each value is cast, because a VALUES
    list gives PostgreSQL no column to take types from; SQLite keeps days as text."""
    mark = "%s" if dialect == "postgresql" else "?"
    day = mark if dialect == "sqlite" else f"CAST({mark} AS DATE)"
    number = f"CAST({mark} AS INTEGER)"
    cast = {"card_id": mark} | dict.fromkeys(_DAYS, day) | dict.fromkeys(_NUMBERS, number)
    row = ", ".join(cast[name] for name in names)
    changes = ", ".join(f"{name} = given.{name}" for name in names if name != "card_id")
    return (
        f"WITH given ({', '.join(names)}) AS (VALUES {', '.join([f'({row})'] * cards)})"
        f" UPDATE card_states SET {changes} FROM given WHERE card_states.card_id = given.card_id"
    )
