"""What changed here since the last sync, as this computer's events.

Events are stamped at sync time, in local order, from the clock's state and each row's own
moment (``clock.tick``): every answer given after a computer's last sync orders after
everything it had received by then. Nothing on the answer path changes: the ``reviews`` table
already is the answer log, and the side tables' triggers note what was taken back or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync import clock, local_settings
from imperfect_trainer.deck.sync.event_ids import RANDOM_BYTES, event_id_text
from imperfect_trainer.deck.sync.events import ANSWER, SETTING, UNDO, Event
from imperfect_trainer.deck.sync.local_entries import ENTRY_ROWS, entry_fields, entry_situations
from imperfect_trainer.deck.sync.local_goals import FIELDS as GOAL_FIELDS
from imperfect_trainer.deck.sync.local_goals import GOAL_ROWS, goal_fields
from imperfect_trainer.deck.sync.moments import moment, ms
from imperfect_trainer.deck.sync.stored_events import PAGE, insert_events, roomy_cache
from imperfect_trainer.deck.sync.versioned_rows import ENTRIES, GOALS, Side

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from imperfect_trainer.deck.sync.side_tables import SyncState

RandomBytes = Callable[[int], bytes]


class _Stamper:
    """Makes this computer's events, each stamped later than the last."""

    def __init__(self, connection: Connection, state: SyncState, random: RandomBytes) -> None:
        self.connection = connection
        self.state = state
        self.clock = state.clock
        self.random = random
        self.made = 0
        self._waiting: list[tuple[Event, int | None]] = []

    def make(
        self,
        kind: str,
        subject: str,
        payload: dict[str, Any],
        moment_ms: int,
        review_id: int | None,
    ) -> Event:
        self.clock = clock.tick(self.clock, moment_ms)
        identity = event_id_text(self.clock, self.random(RANDOM_BYTES))
        event = Event(identity, self.clock, self.state.device, kind, subject, payload)
        self._waiting.append((event, review_id))
        self.made += 1
        return event

    def write(self) -> None:
        """The events made so far, into ``sync_events``."""
        insert_events(self.connection, self._waiting, applied=True, uploaded=False)
        self._waiting = []


def stamp_local_changes(
    connection: Connection, state: SyncState, now: dt.datetime, random: RandomBytes
) -> int:
    """Every answer, undo and journal change made here since the last sync, as events (in
    local order). Returns how many were made."""
    roomy_cache(connection)
    stamper = _Stamper(connection, state, random)
    # Each kind written before the next reads: an entry names its answer's event.
    _stamp_answers(stamper)
    stamper.write()
    _stamp_undos(stamper, ms(now))
    stamper.write()
    _stamp_entries(stamper, ms(now))
    _stamp_goals(stamper, ms(now))
    for key, value in local_settings.changed_here(connection):
        stamper.make(SETTING, key, {"value": value}, ms(now), None)
        local_settings.note_synced(connection, key, value)
    stamper.write()
    connection.exec_driver_sql("UPDATE sync_state SET clock = ?", (stamper.clock.text,))
    return stamper.made


_UNSTAMPED_ANSWERS = """
    SELECT r.id, r.card_id, r.reviewed_at, r.practice_day, r.grade, r.duration_ms, r.drill,
        r.due_before IS NULL AND NOT r.drill AND EXISTS (
            SELECT 1 FROM reviews AS earlier
            WHERE earlier.card_id = r.card_id AND earlier.id < r.id AND NOT earlier.drill)
    FROM reviews AS r
    WHERE r.id > ? AND NOT EXISTS (SELECT 1 FROM sync_events AS e WHERE e.review_id = r.id)
    ORDER BY r.id LIMIT ?"""


def _stamp_answers(stamper: _Stamper) -> None:
    after = stamper.connection.exec_driver_sql("SELECT stamped FROM sync_state").scalar_one()
    while rows := stamper.connection.exec_driver_sql(_UNSTAMPED_ANSWERS, (after, PAGE)).all():
        for review_id, card_id, reviewed_at, day, grade, duration_ms, drill, fresh in rows:
            payload = {
                "reviewed_at": str(reviewed_at),
                "practice_day": str(day),
                "grade": grade,
                "duration_ms": int(duration_ms),
                "drill": bool(drill),
                "fresh_start": bool(fresh),
            }
            stamper.make(ANSWER, card_id, payload, ms(moment(reviewed_at)), review_id)
        stamper.write()
        after = int(rows[-1][0])
    stamper.connection.exec_driver_sql(
        "UPDATE sync_state SET stamped = (SELECT coalesce(max(id), 0) FROM reviews)"
    )


_TAKEN_BACK_HERE = """
    SELECT a.event_id, a.subject FROM sync_events AS a
    WHERE a.kind = 'answer' AND a.review_id IS NULL AND a.applied = 1
      AND NOT EXISTS (SELECT 1 FROM sync_events AS u WHERE u.answer = a.event_id)
    ORDER BY a.hlc, a.device, a.event_id"""


def _stamp_undos(stamper: _Stamper, now_ms: int) -> None:
    for answer_id, card_id in stamper.connection.exec_driver_sql(_TAKEN_BACK_HERE).all():
        stamper.make(UNDO, card_id, {"answer": answer_id}, now_ms, None)


def _stamp_entries(stamper: _Stamper, now_ms: int) -> None:
    situations = entry_situations(stamper.connection)
    rows = stamper.connection.exec_driver_sql(ENTRY_ROWS + " ORDER BY j.id").all()
    versions = [
        (row[0], row[9], row[10], row[11], entry_fields(row[1:9], situations.get(row[0], [])))
        for row in rows
    ]
    _stamp_versions(stamper, ENTRIES, versions, now_ms)


def _stamp_goals(stamper: _Stamper, now_ms: int) -> None:
    rows = stamper.connection.exec_driver_sql(GOAL_ROWS + " ORDER BY g.id").all()
    end = 1 + len(GOAL_FIELDS)
    versions = [(row[0], *row[end:], goal_fields(row[1:end])) for row in rows]
    _stamp_versions(stamper, GOALS, versions, now_ms)


def _stamp_versions(
    stamper: _Stamper, side: Side, rows: Sequence[Sequence[Any]], now_ms: int
) -> None:
    """A version of each row changed since the last sync (local id, id across computers, fields
    as last synced, heads, fields now), and a deletion of each row deleted here."""
    connection = stamper.connection
    for local_id, row_uuid, synced, heads, fields in rows:
        known: dict[str, Any] = json.loads(synced) if synced else {}
        changed = {name: value for name, value in fields.items() if known.get(name) != value}
        if not changed:
            continue
        parents = json.loads(heads) if heads else []
        row_uuid = row_uuid or str(uuid.UUID(bytes=stamper.random(16), version=4))
        # Its own moment (a tick saved alone, which keeps it, still stamps after the last).
        moment_ms = ms(moment(fields["updated_at"]))
        event = stamper.make(
            side.kind, row_uuid, {"changed": changed, "parents": parents}, moment_ms, None
        )
        side.keep_mapping(
            connection, row_uuid, local_id, json.dumps(fields), json.dumps([event.event_id])
        )
    gone = connection.exec_driver_sql(
        f"SELECT {side.uuid_column}, heads FROM {side.table} WHERE gone = 1"
    ).all()
    for row_uuid, heads in gone:
        event = stamper.make(
            side.kind, row_uuid, {"deleted": True, "parents": json.loads(heads)}, now_ms, None
        )
        connection.exec_driver_sql(
            f"UPDATE {side.table} SET gone = 0, heads = ? WHERE {side.uuid_column} = ?",
            (json.dumps([event.event_id]), row_uuid),
        )
