"""What the person last wrote for a reflection card, shown beside the question when it comes
back. Read as one plain statement on the store's kept connection: a practice's first card may
be a reflection, and the first card does not wait for SQLAlchemy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imperfect_trainer.deck.storage.stored_values import day

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store


@dataclass(frozen=True, slots=True)
class LastWritten:
    """What the person last wrote for a reflection card, and on which practice day."""

    day: dt.date
    text: str


def last_written(store: Store, card_id: str) -> LastWritten | None:
    """The newest reflection written for ``card_id`` that is still in the journal (None if
    there is none: never written, or every entry deleted)."""
    with store.quick_transaction() as cursor:
        row = cursor.execute(store.plain_sql.last_reflection, {"card_id": card_id}).fetchone()
    return None if row is None else LastWritten(day(row[0]), row[1])
