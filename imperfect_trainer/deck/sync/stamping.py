"""What changed here since the last sync, as this computer's events.

Events are stamped at sync time, in local order, from the clock's state and each row's own
moment (``clock.tick``): every answer given after a computer's last sync orders after
everything it had received by then, and a fresh start orders in its place among them. Nothing
on the answer path changes: the ``reviews`` table already is the answer log, and the side
tables' triggers note what was taken back or deleted.

The history a move from the server copied here (``stamp_moved_history``) is stamped as the
server's own: every id made from what it names (the server, the person, the row, the event's
content) instead of at random, so that two computers of the person's that both copied it (both
moved at the same moment) make the very same events, which the hub keeps once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync import (
    clock,
    local_cards,
    local_fresh_starts,
    local_sessions,
    local_settings,
)
from imperfect_trainer.deck.sync.event_ids import RANDOM_BYTES, event_id_text
from imperfect_trainer.deck.sync.events import ANSWER, FRESH, SEEN, SETTING, UNDO, Event
from imperfect_trainer.deck.sync.local_entries import ENTRY_ROWS, entry_fields, entry_situations
from imperfect_trainer.deck.sync.local_goals import FIELDS as GOAL_FIELDS
from imperfect_trainer.deck.sync.local_goals import GOAL_ROWS, goal_fields
from imperfect_trainer.deck.sync.moments import moment, ms
from imperfect_trainer.deck.sync.stored_events import PAGE, insert_events, roomy_cache
from imperfect_trainer.deck.sync.versioned_rows import CARDS, ENTRIES, GOALS, SESSIONS, Side

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from imperfect_trainer.deck.sync.side_tables import SyncState

RandomBytes = Callable[[int], bytes]
# The moment a moved history's settings are stamped at: none of their own, so just after the
# history (``clock.tick``), the same on every computer that copied it.
_MOVED_AT = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_PAYLOAD_TEXT = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


@dataclass(frozen=True, slots=True)
class MovedHistory:
    """Whose history a move copied here from which server: the device its events are stamped
    as, and what their ids are made from."""

    device: str
    seed: str

    @classmethod
    def of(cls, epoch: str, owner: str) -> MovedHistory:
        """The history of ``owner`` on the hub whose epoch is ``epoch`` (its set-up's own id:
        the same server however its address is spelt, another once it is set up again)."""
        seed = f"{epoch}\n{owner}"
        return cls(str(uuid.uuid5(uuid.NAMESPACE_URL, f"imperfect-trainer-moved:{seed}")), seed)


class _Stamper:
    """Makes this computer's events, each stamped later than the last."""

    def __init__(
        self,
        connection: Connection,
        state: SyncState,
        random: RandomBytes | None,
        moved: MovedHistory | None = None,
    ) -> None:
        self.connection = connection
        self.state = state
        self.clock = state.clock
        self.random = random
        self.moved = moved
        self.made = 0
        self._waiting: list[tuple[Event, int | None]] = []

    def row_uuid(self, kind: str, local_id: int | str) -> str:
        """A new id across computers for the row ``local_id`` (an entry, goal, debrief)."""
        if self.moved is None:
            assert self.random is not None
            return str(uuid.UUID(bytes=self.random(16), version=4))
        return str(uuid.uuid5(uuid.UUID(self.moved.device), f"{kind}:{local_id}"))

    def make(
        self,
        kind: str,
        subject: str,
        payload: dict[str, Any],
        moment_ms: int,
        review_id: int | None,
        text: str | None = None,
    ) -> Event:
        """The event, its payload's text ``text`` when the caller wrote it already."""
        self.clock = clock.tick(self.clock, moment_ms)
        if self.moved is None:
            assert self.random is not None
            identity = event_id_text(self.clock, self.random(RANDOM_BYTES))
            event = Event(identity, self.clock, self.state.device, kind, subject, payload, text)
        else:
            event = self._moved_event(self.moved, kind, subject, payload, text)
        self._waiting.append((event, review_id))
        self.made += 1
        return event

    def _moved_event(
        self,
        moved: MovedHistory,
        kind: str,
        subject: str,
        payload: dict[str, Any],
        text: str | None,
    ) -> Event:
        """An event of the moved history, its id made from all it says (its payload's text
        kept for the writing too: a moved history can be a million events)."""
        text = _PAYLOAD_TEXT(payload) if text is None else text
        content = "\n".join((moved.seed, self.clock.text, kind, subject, text)).encode()
        identity = event_id_text(self.clock, hashlib.sha256(content).digest()[:RANDOM_BYTES])
        return Event(identity, self.clock, moved.device, kind, subject, payload, text)

    def write(self) -> None:
        """The events made so far, into ``sync_events``."""
        insert_events(self.connection, self._waiting, applied=True, uploaded=False)
        self._waiting = []


def stamp_local_changes(
    connection: Connection, state: SyncState, now: dt.datetime, random: RandomBytes
) -> int:
    """Every answer, undo and journal change made here since the last sync, as events (in
    local order). Returns how many were made."""
    return _stamp(_Stamper(connection, state, random), now)


def stamp_moved_history(connection: Connection, state: SyncState, moved: MovedHistory) -> int:
    """The history a move copied here from the server (the collection just joined), as the
    server's events: the same, ids and all, on every computer that copied the same rows."""
    return _stamp(_Stamper(connection, state, None, moved), _MOVED_AT)


def _stamp(stamper: _Stamper, now: dt.datetime) -> int:
    connection = stamper.connection
    roomy_cache(connection)
    # Each kind written before the next reads: an entry names its answer's event.
    _stamp_answers(stamper)
    stamper.write()
    # After the answers given in them, before the entries that name them.
    _stamp_sessions(stamper, ms(now))
    _stamp_undos(stamper, ms(now))
    stamper.write()
    _stamp_entries(stamper, ms(now))
    _stamp_goals(stamper, ms(now))
    _stamp_cards(stamper, ms(now))
    for key, value in local_settings.changed_here(connection):
        stamper.make(SETTING, key, {"value": value}, ms(now), None)
        local_settings.note_synced(connection, key, value)
    for (kept,) in connection.exec_driver_sql(_SEEN_UNSENT).all():
        stamper.make(SEEN, str(kept), {}, ms(now), None)
    stamper.write()
    connection.exec_driver_sql("UPDATE sync_state SET clock = ?", (stamper.clock.text,))
    return stamper.made


# Added or done with here, and not yet told (nor heard from another computer).
_SEEN_UNSENT = """
    SELECT k.event_id FROM sync_kept_seen AS k
    WHERE NOT EXISTS (
        SELECT 1 FROM sync_events AS e WHERE e.kind = 'seen' AND e.subject = k.event_id)
    ORDER BY k.event_id"""
_UNSTAMPED_ANSWERS = """
    SELECT r.id, r.card_id, r.reviewed_at, r.practice_day, r.grade, r.duration_ms, r.drill,
        r.due_before IS NULL AND NOT r.drill AND EXISTS (
            SELECT 1 FROM reviews AS earlier
            WHERE earlier.card_id = r.card_id AND earlier.id < r.id AND NOT earlier.drill)
        -- A fresh start noted here since the card's last answer is an event of its own.
        AND NOT EXISTS (
            SELECT 1 FROM sync_fresh_starts AS f
            WHERE f.card_id = r.card_id AND f.after_review < r.id AND f.after_review >= (
                SELECT max(earlier.id) FROM reviews AS earlier
                WHERE earlier.card_id = r.card_id AND earlier.id < r.id AND NOT earlier.drill))
    FROM reviews AS r
    WHERE r.id > ? AND NOT EXISTS (SELECT 1 FROM sync_events AS e WHERE e.review_id = r.id)
    ORDER BY r.id LIMIT ?"""


def _stamp_answers(stamper: _Stamper) -> None:
    after = stamper.connection.exec_driver_sql("SELECT stamped FROM sync_state").scalar_one()
    fresh_starts = local_fresh_starts.pending(stamper.connection)
    while rows := stamper.connection.exec_driver_sql(_UNSTAMPED_ANSWERS, (after, PAGE)).all():
        for review_id, card_id, reviewed_at, day, grade, duration_ms, drill, fresh in rows:
            fresh_starts = _stamp_fresh_starts(stamper, fresh_starts, review_id)
            payload = {
                "reviewed_at": str(reviewed_at),
                "practice_day": str(day),
                "grade": grade,
                "duration_ms": int(duration_ms),
                "drill": bool(drill),
                "fresh_start": bool(fresh),
            }
            text = _answer_text(payload)
            stamper.make(ANSWER, card_id, payload, ms(moment(reviewed_at)), review_id, text)
        stamper.write()
        after = int(rows[-1][0])
    _stamp_fresh_starts(stamper, fresh_starts, None)
    stamper.write()
    stamper.connection.exec_driver_sql(
        "UPDATE sync_state SET stamped = (SELECT coalesce(max(id), 0) FROM reviews)"
    )


_ANSWER_FIELDS = 6


def _answer_text(payload: dict[str, Any]) -> str | None:
    """An answer's payload as ``_PAYLOAD_TEXT`` writes it, character for character (a moved
    history's ids are made from it), without its general encoder's cost per call (a first sync
    writes a million); None for a grade it would write otherwise (none given)."""
    grade = payload["grade"]
    # Any other grade, or a field added to the payload one day: the general encoder writes it.
    if type(grade) is not int or len(payload) != _ANSWER_FIELDS:
        return None
    return (
        f'{{"drill":{"true" if payload["drill"] else "false"},'
        f'"duration_ms":{int.__repr__(payload["duration_ms"])},'
        f'"fresh_start":{"true" if payload["fresh_start"] else "false"},'
        f'"grade":{int.__repr__(grade)},'
        f'"practice_day":{encode_basestring_ascii(payload["practice_day"])},'
        f'"reviewed_at":{encode_basestring_ascii(payload["reviewed_at"])}}}'
    )


def _stamp_fresh_starts(
    stamper: _Stamper, waiting: list[local_fresh_starts.Pending], before: int | None
) -> list[local_fresh_starts.Pending]:
    """The fresh starts noted before answer row ``before`` (all, if None), stamped in their
    place; returns those still waiting."""
    if not waiting:
        return waiting  # as nearly always: asked once for every answer
    due = [one for one in waiting if before is None or one.after_review < before]
    for one in due:
        event = stamper.make(FRESH, one.card_id, {"at": one.at}, ms(moment(one.at)), None)
        local_fresh_starts.note_stamped(stamper.connection, one.row_id, event.event_id)
    return waiting[len(due) :]


_TAKEN_BACK_HERE = """
    SELECT a.event_id, a.subject FROM sync_events AS a
    WHERE a.kind = 'answer' AND a.review_id IS NULL AND a.applied = 1
      AND NOT EXISTS (SELECT 1 FROM sync_events AS u WHERE u.answer = a.event_id)
    ORDER BY a.hlc, a.device, a.event_id"""


def _stamp_undos(stamper: _Stamper, now_ms: int) -> None:
    for answer_id, card_id in stamper.connection.exec_driver_sql(_TAKEN_BACK_HERE).all():
        stamper.make(UNDO, card_id, {"answer": answer_id}, now_ms, None)
    for fresh_id, card_id in local_fresh_starts.taken_back_unsent(stamper.connection):
        stamper.make(UNDO, card_id, {"answer": fresh_id}, now_ms, None)


def _stamp_entries(stamper: _Stamper, now_ms: int) -> None:
    situations = entry_situations(stamper.connection)
    rows = stamper.connection.exec_driver_sql(ENTRY_ROWS + " ORDER BY j.id").all()
    versions = []
    for row in rows:
        fields = entry_fields(row[1:9], situations.get(row[0], []), row[12])
        versions.append((row[0], row[9], row[10], row[11], fields, fields["updated_at"]))
    _stamp_versions(stamper, ENTRIES, versions, now_ms)


def _stamp_goals(stamper: _Stamper, now_ms: int) -> None:
    rows = stamper.connection.exec_driver_sql(GOAL_ROWS + " ORDER BY g.id").all()
    end = 1 + len(GOAL_FIELDS)
    versions = []
    for row in rows:
        fields = goal_fields(row[1:end])
        versions.append((row[0], *row[end:], fields, fields["updated_at"]))
    _stamp_versions(stamper, GOALS, versions, now_ms)


def _stamp_sessions(stamper: _Stamper, now_ms: int) -> None:
    rows = stamper.connection.exec_driver_sql(local_sessions.SESSION_ROWS + " ORDER BY p.id").all()
    end = 1 + len(local_sessions.FIELDS)
    versions = []
    for row in rows:
        fields = local_sessions.session_fields(stamper.connection, row[0], row[1:end])
        versions.append((row[0], *row[end:], fields, fields["ended_at"] or fields["started_at"]))
    _stamp_versions(stamper, SESSIONS, versions, now_ms)


def _stamp_cards(stamper: _Stamper, now_ms: int) -> None:
    rows = stamper.connection.exec_driver_sql(local_cards.CARD_ROWS + " ORDER BY c.id").all()
    end = 1 + len(local_cards.FIELDS)
    updated = local_cards.FIELDS.index("updated_at") + 1
    unsynced = json.dumps(local_cards.built_in_unsynced())
    versions = []
    for row in rows:
        card_key, synced, heads = row[end:]
        fields = local_cards.card_fields(row[1:end])
        if synced is None and "origin" not in fields:
            synced = unsynced
        versions.append((row[0], card_key or row[0], synced, heads, fields, row[updated]))
    _stamp_versions(stamper, CARDS, versions, now_ms)


def _stamp_versions(
    stamper: _Stamper, side: Side, rows: Sequence[Sequence[Any]], now_ms: int
) -> None:
    """A version of each row changed since the last sync (local id, id across computers, fields
    as last synced, heads, fields now, the moment of its change), and a deletion of each row
    deleted here."""
    connection = stamper.connection
    # Written together: a first sync maps every own card at once.
    mappings: list[tuple[str, int | str | None, str, str]] = []
    for local_id, row_uuid, synced, heads, fields, changed_at in rows:
        known: dict[str, Any] = json.loads(synced) if synced else {}
        changed = {name: value for name, value in fields.items() if known.get(name) != value}
        if not changed:
            continue
        parents = json.loads(heads) if heads else []
        row_uuid = row_uuid or stamper.row_uuid(side.kind, local_id)
        # Its own moment (a tick saved alone, which keeps it, still stamps after the last).
        moment_ms = ms(moment(changed_at))
        event = stamper.make(
            side.kind, row_uuid, {"changed": changed, "parents": parents}, moment_ms, None
        )
        mappings.append((row_uuid, local_id, json.dumps(fields), json.dumps([event.event_id])))
    side.keep_mappings(connection, mappings)
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
