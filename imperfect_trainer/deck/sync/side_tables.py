"""The computer's bookkeeping beside its collection, made when it joins a programme (so a solo
clinician's collection never carries it), in the same SQLite file:

- ``sync_state``: this computer's id, the hub it syncs with, its clock, the hub's epoch and how
  far it has downloaded;
- ``sync_events``: every event this computer knows, its own and the other computers', as sent
  (so it can fill an emptied hub again), linked to the ``reviews`` row an answer is;
- ``sync_entries``: a journal entry's id across computers, and its fields as last synced (a
  difference is a local edit);
- ``sync_goals``: the same for goals;
- ``sync_cards``: the same for cards (an own card's every field, a built-in card's note and
  suspension), keyed by the card's own id, which is the same on every computer;
- ``sync_sessions``: the same for debriefs' practices;
- ``sync_fresh_starts``: each "Start this card fresh" made here, in the log's order (the answer
  row it came after), and its event once stamped;
- ``sync_settings``: each synced setting's value as last synced;
- ``sync_kept_texts``: the text of an entry or goal written on another computer while apart,
  kept beside its own text to be shown to the person;
- ``sync_kept_seen``: the kept texts the person added to their own or was done with, here or on
  another computer (a ``seen`` event tells the others), no longer shown (the texts stay).

Triggers notice what the answer path, the journal, the goals and the own cards delete, so
that an undo or a deleted entry, goal or card becomes an event at the next sync without the
window knowing about syncs.
Tables added by a later version are made by the next sync (``make_tables``).

Every function takes the open transaction's connection: a sync's local steps are each one
transaction, so a kill at any point leaves the collection as one of them left it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imperfect_trainer.deck.sync import clock
from imperfect_trainer.deck.sync.clock import Hlc

if TYPE_CHECKING:
    from sqlalchemy import Connection

_TABLES = (
    """CREATE TABLE IF NOT EXISTS sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        device TEXT NOT NULL,
        hub TEXT,
        clock TEXT NOT NULL,
        epoch TEXT,
        downloaded INTEGER NOT NULL DEFAULT 0,
        downloaded_event TEXT,
        last_sync TEXT,
        -- Every answer up to this row id is an event: a sync reads only the rows after it.
        stamped INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS sync_events (
        event_id TEXT PRIMARY KEY,
        hlc TEXT NOT NULL,
        device TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        payload TEXT NOT NULL,
        review_id INTEGER UNIQUE,
        -- An undo: the answer it takes back.
        answer TEXT,
        -- 0: kept from the hub, not merged yet (or an answer waiting for its card here).
        applied INTEGER NOT NULL DEFAULT 1,
        uploaded INTEGER NOT NULL DEFAULT 0
    )""",
    # Partial indexes: each covers the few rows a sync looks for (entries' versions, events not
    # yet sent, undos), so a first sync of a long history does not keep five indexes of it.
    "CREATE INDEX IF NOT EXISTS ix_sync_events_entry ON sync_events (subject) WHERE kind = 'entry'",
    "CREATE INDEX IF NOT EXISTS ix_sync_events_unsent ON sync_events (hlc) WHERE uploaded = 0",
    "CREATE INDEX IF NOT EXISTS ix_sync_events_answer ON sync_events (answer)"
    " WHERE answer IS NOT NULL",
    # Only the few events kept but not merged yet.
    "CREATE INDEX IF NOT EXISTS ix_sync_events_staged ON sync_events (kind) WHERE applied = 0",
    """CREATE TABLE IF NOT EXISTS sync_entries (
        entry_uuid TEXT PRIMARY KEY,
        entry_id INTEGER UNIQUE,
        synced TEXT NOT NULL,
        heads TEXT NOT NULL,
        -- 1: deleted here since the last sync (the trigger), its deletion not yet an event.
        gone INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS sync_goals (
        goal_uuid TEXT PRIMARY KEY,
        goal_id INTEGER UNIQUE,
        synced TEXT NOT NULL,
        heads TEXT NOT NULL,
        gone INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS sync_cards (
        card_key TEXT PRIMARY KEY,
        card_id TEXT UNIQUE,
        synced TEXT NOT NULL,
        heads TEXT NOT NULL,
        gone INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS sync_sessions (
        session_uuid TEXT PRIMARY KEY,
        session_id INTEGER UNIQUE,
        synced TEXT NOT NULL,
        heads TEXT NOT NULL,
        gone INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE IF NOT EXISTS sync_fresh_starts (
        id INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL,
        -- The log's last answer row when the card was started fresh: its place among answers.
        after_review INTEGER NOT NULL,
        at TEXT NOT NULL,
        -- Its event, once stamped; then 1 while its taking back (undo) is not yet an event.
        event_id TEXT,
        taken_back INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS ix_sync_fresh_starts_card ON sync_fresh_starts (card_id)",
    # A card's versions and fresh starts, read per touched card.
    "CREATE INDEX IF NOT EXISTS ix_sync_events_card ON sync_events (subject) WHERE kind = 'card'",
    "CREATE INDEX IF NOT EXISTS ix_sync_events_fresh ON sync_events (subject) WHERE kind = 'fresh'",
    """CREATE TABLE IF NOT EXISTS sync_settings (
        key TEXT PRIMARY KEY,
        synced TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS sync_kept_texts (
        event_id TEXT PRIMARY KEY,
        -- The entry's or goal's id across computers.
        entry_uuid TEXT NOT NULL,
        text TEXT NOT NULL,
        device TEXT NOT NULL,
        hlc TEXT NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS sync_kept_seen (event_id TEXT PRIMARY KEY)",
    # Which of those the other computers have been told of (sent or received).
    "CREATE INDEX IF NOT EXISTS ix_sync_events_seen ON sync_events (subject) WHERE kind = 'seen'",
    # An answer taken back (undo, or its card deleted): its event loses its row; the next sync
    # turns that into an undo event. Its row id may be given to the next answer, which must
    # then still be found new.
    """CREATE TRIGGER IF NOT EXISTS sync_answer_taken_back AFTER DELETE ON reviews BEGIN
        UPDATE sync_events SET review_id = NULL WHERE review_id = OLD.id;
        UPDATE sync_state SET stamped = OLD.id - 1 WHERE stamped >= OLD.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS sync_entry_deleted AFTER DELETE ON journal_entries BEGIN
        UPDATE sync_entries SET entry_id = NULL, gone = 1 WHERE entry_id = OLD.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS sync_goal_deleted AFTER DELETE ON goals BEGIN
        UPDATE sync_goals SET goal_id = NULL, gone = 1 WHERE goal_id = OLD.id;
    END""",
    # Built-in cards leave with the shipped deck on every computer alike: only own cards' go.
    """CREATE TRIGGER IF NOT EXISTS sync_own_card_deleted AFTER DELETE ON cards
    WHEN OLD.origin = 'own' BEGIN
        UPDATE sync_cards SET card_id = NULL, gone = 1 WHERE card_id = OLD.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS sync_session_deleted AFTER DELETE ON practice_sessions BEGIN
        UPDATE sync_sessions SET session_id = NULL, gone = 1 WHERE session_id = OLD.id;
    END""",
)


@dataclass(frozen=True, slots=True)
class SyncState:
    device: str
    hub: str | None
    clock: Hlc
    epoch: str | None
    downloaded: int
    downloaded_event: str | None
    last_sync: str | None


def has_tables(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
    ).first()
    return found is not None


def join(connection: Connection, hub: str, device: str) -> SyncState:
    """Tie the collection to ``hub``; a computer that synced before keeps its id and events."""
    make_tables(connection)
    connection.exec_driver_sql(
        "INSERT INTO sync_state (id, device, clock) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
        (device, clock.START.text),
    )
    connection.exec_driver_sql("UPDATE sync_state SET hub = ?", (hub,))
    state = read_state(connection)
    assert state is not None
    return state


def make_tables(connection: Connection) -> None:
    for statement in _TABLES:
        connection.exec_driver_sql(statement)


def leave(connection: Connection) -> str | None:
    """Untie the collection; returns the hub it was tied to. Its events stay, so joining the
    same hub again sends nothing twice."""
    state = read_state(connection)
    if state is None or state.hub is None:
        return None
    connection.exec_driver_sql("UPDATE sync_state SET hub = NULL")
    return state.hub


def read_state(connection: Connection) -> SyncState | None:
    if not has_tables(connection):
        return None
    row = connection.exec_driver_sql(
        "SELECT device, hub, clock, epoch, downloaded, downloaded_event, last_sync FROM sync_state"
    ).first()
    if row is None:
        return None
    device, hub, stamp, epoch, downloaded, downloaded_event, last_sync = row
    return SyncState(
        device, hub, Hlc.parse(stamp), epoch, int(downloaded), downloaded_event, last_sync
    )


def start_again_with(connection: Connection, epoch: str) -> None:
    """The hub lost events it had confirmed (emptied, restored, replaced): send it everything
    this computer holds, and read it from its start. Nothing here is deleted."""
    connection.exec_driver_sql("UPDATE sync_events SET uploaded = 0")
    connection.exec_driver_sql(
        "UPDATE sync_state SET epoch = ?, downloaded = 0, downloaded_event = NULL", (epoch,)
    )


def note_epoch(connection: Connection, epoch: str) -> None:
    connection.exec_driver_sql("UPDATE sync_state SET epoch = ?", (epoch,))


def note_synced(connection: Connection, now: dt.datetime) -> None:
    connection.exec_driver_sql(
        "UPDATE sync_state SET last_sync = ?", (now.astimezone(dt.UTC).isoformat(),)
    )
