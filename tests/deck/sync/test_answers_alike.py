"""Answers alike in every field but their ids (a copy of an answer written into the hub by
hand, or a history sent twice under other ids) are each an answer of their own: merged in any
order, every one is logged once, linked to its own event, and the sync goes on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import downloads, side_tables
from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.event_ids import RANDOM_BYTES, event_id_text
from imperfect_trainer.deck.sync.events import Event
from imperfect_trainer.deck.sync.stored_events import insert_events
from tests.support.moments import MORNING

OTHER = "0a3f6c1e-0000-4000-8000-000000000002"
START_MS = 1_770_000_000_000


def _drill(card_id: str, wall_ms: int, fill: int, grade: int) -> Event:
    """A drill's answer (it leaves the card's states as they were) at ``wall_ms``."""
    stamp = Hlc(START_MS + wall_ms)
    payload = {
        "grade": grade,
        "practice_day": "2026-02-01",
        "reviewed_at": "2026-02-01 08:00:00.000000",
        "duration_ms": 2000,
        "drill": True,
        "fresh_start": False,
    }
    return Event(
        event_id_text(stamp, bytes([fill]) * RANDOM_BYTES), stamp, OTHER, "answer", card_id,
        payload,
    )  # fmt: skip


def _merge(store: Store, events: list[Event]) -> downloads.Merged:
    with store.file.engine.begin() as connection:
        insert_events(connection, [(event, None) for event in events],
                      applied=False, uploaded=True)  # fmt: skip
        return downloads.merge_staged(connection)


def _logged(folder: Path, card_id: str) -> list[str]:
    """The card's answers' events, in the log's order."""
    with sqlite3.connect(folder / DATABASE_NAME) as database:
        rows = database.execute(
            "SELECT e.event_id FROM reviews AS r JOIN sync_events AS e ON e.review_id = r.id"
            " WHERE r.card_id = ? ORDER BY r.id",
            (card_id,),
        ).fetchall()
    return [str(event_id) for (event_id,) in rows]


def test_an_answer_arriving_before_two_alike_puts_all_three_in_clock_order_once(
    store: Store, data_dir: Path
) -> None:
    card = store.todays_practice(MORNING, limit=1).cards[0].id
    with store.file.engine.begin() as connection:
        side_tables.join(connection, "hub", "this")
    first, copy = _drill(card, 20, 1, 3), _drill(card, 30, 2, 3)
    _merge(store, [first, copy])
    earlier = _drill(card, 10, 3, 5)

    merged = _merge(store, [earlier])

    assert merged.answers_added == 1
    assert _logged(data_dir, card) == [earlier.event_id, first.event_id, copy.event_id]
    assert store.check().healthy
