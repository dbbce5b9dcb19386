"""This computer's answers as the events a sync sends: each payload written exactly as the
general JSON encoder writes it (a moved history's ids are made from that text, so two
computers must write it alike), whatever grade, drill or duration the answer had."""

from __future__ import annotations

import datetime as dt
import json
import os

from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import side_tables, stamping
from imperfect_trainer.deck.sync.side_tables import read_state
from tests.support.moments import MORNING

ENCODED = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


def test_every_answers_payload_is_written_as_the_encoder_writes_it(store: Store) -> None:
    cards = [card.id for card in store.todays_practice(MORNING, limit=6).cards]
    with store.file.engine.begin() as connection:
        side_tables.join(connection, "hub", "this")
    for grade, card_id in enumerate(cards):
        store.answer(card_id, grade, now=MORNING, duration_ms=grade * 1_234_567)
    store.answer(cards[0], 4, now=MORNING + dt.timedelta(minutes=5), drill_only=True)

    with store.file.engine.begin() as connection:
        state = read_state(connection)
        assert state is not None
        made = stamping.stamp_local_changes(connection, state, MORNING, os.urandom)
        rows = connection.exec_driver_sql(
            "SELECT payload FROM sync_events WHERE kind = 'answer'"
        ).all()

    assert made == len(rows) == 7
    for (text,) in rows:
        payload = json.loads(text)
        assert text == ENCODED(payload)
        assert set(payload) == {
            "drill", "duration_ms", "fresh_start", "grade", "practice_day", "reviewed_at"
        }  # fmt: skip
    assert sorted(json.loads(text)["grade"] for (text,) in rows) == [0, 1, 2, 3, 4, 4, 5]
