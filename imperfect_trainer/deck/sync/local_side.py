"""The computer's side of a sync: its bookkeeping beside the collection, the events it makes
from what changed since the last sync, and the events from the hub merged in.

Nothing on the answer path changes: the ``reviews`` table already is the answer log. Beside it,
in the same SQLite file (made when the collection joins a programme, so a solo clinician's
collection never carries them):

- ``sync_state``: this computer's id, the hub it syncs with, its clock, the hub's epoch and how
  far it has downloaded;
- ``sync_events``: every event this computer knows, its own and the other computers', as sent
  (so it can fill an emptied hub again), linked to the ``reviews`` row an answer is;
- ``sync_entries``: a journal entry's id across computers, and its fields as last synced (a
  difference is a local edit);
- ``sync_kept_texts``: the text of an entry written on another computer while apart, kept
  beside the entry's own text to be shown to the person.

Two triggers notice what the answer path and the journal delete, so that an undo or a deleted
entry becomes an event at the next sync without the window knowing about syncs.

Events are stamped at sync time, in local order, from the clock's state and each row's own
moment (``clock.tick``): every answer given after a computer's last sync orders after
everything it had received by then.

Every function takes the open transaction's connection: a sync's local steps are each one
transaction, so a kill at any point leaves the collection as one of them left it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.srs.answer_rules import NEW_CARD, Answer, Schedule
from imperfect_trainer.deck.sync import clock
from imperfect_trainer.deck.sync.answer_replay import MergedAnswer, replay_merged
from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.entry_merge import EntryVersion, MergedEntry, merge_entry
from imperfect_trainer.deck.sync.event_ids import RANDOM_BYTES, event_id
from imperfect_trainer.deck.sync.events import ANSWER, ENTRY, UNDO, Event

if TYPE_CHECKING:
    from sqlalchemy import Connection

RandomBytes = Callable[[int], bytes]

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
    """CREATE TABLE IF NOT EXISTS sync_kept_texts (
        event_id TEXT PRIMARY KEY,
        entry_uuid TEXT NOT NULL,
        text TEXT NOT NULL,
        device TEXT NOT NULL,
        hlc TEXT NOT NULL
    )""",
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


@dataclass
class Merged:
    """What one batch of the hub's events changed here."""

    answers_added: int = 0
    answers_taken_back: int = 0
    entries_changed: int = 0
    texts_kept: int = 0
    waiting: int = 0
    cards: set[str] = field(default_factory=set)


# ------------------------------------------------------------------------------ joining


def has_tables(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"
    ).first()
    return found is not None


def join(connection: Connection, hub: str, device: str) -> SyncState:
    """Tie the collection to ``hub``; a computer that synced before keeps its id and events."""
    for statement in _TABLES:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(
        "INSERT INTO sync_state (id, device, clock) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
        (device, clock.START.text),
    )
    connection.exec_driver_sql("UPDATE sync_state SET hub = ?", (hub,))
    state = read_state(connection)
    assert state is not None
    return state


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


# ----------------------------------------------------------------- local changes as events


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
        identity = str(event_id(self.clock, self.random(RANDOM_BYTES)))
        event = Event(identity, self.clock, self.state.device, kind, subject, payload)
        self._waiting.append((event, review_id))
        self.made += 1
        return event

    def write(self) -> None:
        """The events made so far, into ``sync_events``."""
        _insert_events(self.connection, self._waiting, applied=True, uploaded=False)
        self._waiting = []


def stamp_local_changes(
    connection: Connection, state: SyncState, now: dt.datetime, random: RandomBytes
) -> int:
    """Every answer, undo and journal change made here since the last sync, as events (in
    local order). Returns how many were made."""
    stamper = _Stamper(connection, state, random)
    # Each kind written before the next reads: an entry names its answer's event.
    _stamp_answers(stamper)
    stamper.write()
    _stamp_undos(stamper, _ms(now))
    stamper.write()
    _stamp_entries(stamper, _ms(now))
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
# Rows read and events written this many at a time: a first sync of a long history is not held
# in memory at once.
_PAGE = 10_000


def _stamp_answers(stamper: _Stamper) -> None:
    after = stamper.connection.exec_driver_sql("SELECT stamped FROM sync_state").scalar_one()
    while rows := stamper.connection.exec_driver_sql(_UNSTAMPED_ANSWERS, (after, _PAGE)).all():
        for review_id, card_id, reviewed_at, day, grade, duration_ms, drill, fresh in rows:
            payload = {
                "reviewed_at": str(reviewed_at),
                "practice_day": str(day),
                "grade": grade,
                "duration_ms": int(duration_ms),
                "drill": bool(drill),
                "fresh_start": bool(fresh),
            }
            stamper.make(ANSWER, card_id, payload, _ms(_moment(reviewed_at)), review_id)
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


_ENTRY_ROWS = """
    SELECT j.id, j.kind, j.card_id, (SELECT event_id FROM sync_events WHERE review_id =
        j.review_id), j.practice_day, j.created_at, j.updated_at, j.text, j.shared,
        s.entry_uuid, s.synced, s.heads
    FROM journal_entries AS j LEFT JOIN sync_entries AS s ON s.entry_id = j.id"""


def _stamp_entries(stamper: _Stamper, now_ms: int) -> None:
    connection = stamper.connection
    situations = _situations(connection)
    for row in connection.exec_driver_sql(_ENTRY_ROWS + " ORDER BY j.id").all():
        entry_id, entry_uuid, synced, heads = row[0], row[9], row[10], row[11]
        fields = _entry_fields(row[1:9], situations.get(entry_id, []))
        known: dict[str, Any] = json.loads(synced) if synced else {}
        changed = {name: value for name, value in fields.items() if known.get(name) != value}
        if not changed:
            continue
        parents = json.loads(heads) if heads else []
        entry_uuid = entry_uuid or str(uuid.UUID(bytes=stamper.random(16), version=4))
        # Its own moment (a tick saved alone, which keeps it, still stamps after the last).
        moment_ms = _ms(_moment(fields["updated_at"]))
        event = stamper.make(
            ENTRY, entry_uuid, {"changed": changed, "parents": parents}, moment_ms, None
        )
        connection.exec_driver_sql(
            "INSERT INTO sync_entries (entry_uuid, entry_id, synced, heads) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (entry_uuid) DO UPDATE SET synced = excluded.synced,"
            " heads = excluded.heads",
            (entry_uuid, entry_id, json.dumps(fields), json.dumps([event.event_id])),
        )
    gone = connection.exec_driver_sql(
        "SELECT entry_uuid, heads FROM sync_entries WHERE gone = 1"
    ).all()
    for entry_uuid, heads in gone:
        event = stamper.make(
            ENTRY, entry_uuid, {"deleted": True, "parents": json.loads(heads)}, now_ms, None
        )
        connection.exec_driver_sql(
            "UPDATE sync_entries SET gone = 0, heads = ? WHERE entry_uuid = ?",
            (json.dumps([event.event_id]), entry_uuid),
        )


def _situations(connection: Connection, entry_id: int | None = None) -> dict[int, list[str]]:
    """Each entry's debrief situations (or only ``entry_id``'s)."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = connection.exec_driver_sql(
        "SELECT entry_id, situation FROM debrief_situations"
        " WHERE ? IS NULL OR entry_id = ? ORDER BY entry_id, situation",
        (entry_id, entry_id),
    )
    for entry_id, situation in rows:
        found[int(entry_id)].append(str(situation))
    return found


def _entry_fields(row: Sequence[Any], situations: list[str]) -> dict[str, Any]:
    kind, card, answer, day, created, updated, text, shared = row
    return {
        "kind": kind,
        "card": card,
        "answer": answer,
        "practice_day": str(day),
        "created_at": str(created),
        "updated_at": str(updated),
        "text": text,
        "shared": bool(shared),
        "situations": situations,
    }


# ------------------------------------------------------------------------------ uploading


def acknowledged(connection: Connection, device: str) -> int:
    """How many of this computer's events the hub has confirmed."""
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sync_events WHERE device = ? AND uploaded = 1", (device,)
    ).scalar()
    return int(found or 0)


def waiting_upload(connection: Connection, limit: int) -> list[Event]:
    rows = connection.exec_driver_sql(
        "SELECT event_id, hlc, device, kind, subject, payload FROM sync_events"
        " WHERE uploaded = 0 ORDER BY hlc LIMIT ?",
        (limit,),
    ).all()
    return [
        Event(identity, Hlc.parse(stamp), device, kind, subject, json.loads(payload))
        for identity, stamp, device, kind, subject, payload in rows
    ]


def mark_uploaded(connection: Connection, event_ids: Sequence[str]) -> None:
    if not event_ids:
        return
    connection.exec_driver_sql(
        "UPDATE sync_events SET uploaded = 1 WHERE event_id = ?",
        [(identity,) for identity in event_ids],
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


# ---------------------------------------------------------------------------- downloading


def stage_events(
    connection: Connection,
    events: Sequence[Event],
    position: int,
    last_event: str | None,
    now: dt.datetime,
) -> int:
    """The hub's ``events`` (up to ``position``) kept here, to be merged by ``merge_staged``,
    with the new position and the clock moved past them: one transaction per batch. Returns
    how many were new here."""
    state = read_state(connection)
    assert state is not None
    known = _known(connection, [event.event_id for event in events])
    fresh = [event for event in events if event.event_id not in known]
    _insert_events(connection, [(event, None) for event in fresh], applied=False, uploaded=True)
    # Events of this computer found on the hub (sent, then the reply lost) are confirmed.
    mark_uploaded(connection, sorted(known))
    stamp = state.clock
    for event in fresh:
        stamp = clock.receive(stamp, event.hlc, _ms(now))
    connection.exec_driver_sql(
        "UPDATE sync_state SET clock = ?, downloaded = ?, downloaded_event = ?",
        (stamp.text, position, last_event),
    )
    return len(fresh)


def merge_staged(connection: Connection) -> Merged:
    """Every event kept but not yet merged, merged in one transaction: undone answers taken
    back, new answers logged, every touched card's schedule replayed from its merged answers,
    every touched entry merged from its versions. A card's schedule is replayed once however
    many batches brought its answers."""
    merged = Merged()
    undos = connection.exec_driver_sql(
        "SELECT answer FROM sync_events WHERE applied = 0 AND kind = 'undo' ORDER BY hlc"
    ).all()
    for (answer_id,) in undos:
        _take_back(connection, str(answer_id), merged)
    _log_waiting_answers(connection, merged)
    replay_cards(connection, sorted(merged.cards))
    entries = connection.exec_driver_sql(
        "SELECT DISTINCT subject FROM sync_events WHERE applied = 0 AND kind = 'entry'"
        " ORDER BY subject"
    ).all()
    for (entry_uuid,) in entries:
        _merge_entry(connection, str(entry_uuid), merged)
    connection.exec_driver_sql(
        "UPDATE sync_events SET applied = 1 WHERE applied = 0 AND kind IN ('undo', 'entry')"
    )
    return merged


def _known(connection: Connection, event_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f"SELECT event_id FROM sync_events WHERE event_id IN ({marks})", tuple(chunk)
        )
        found.update(str(row[0]) for row in rows)
    return found


def _insert_events(
    connection: Connection,
    events: Sequence[tuple[Event, int | None]],
    *,
    applied: bool,
    uploaded: bool,
) -> None:
    """``events``, each with the ``reviews`` row it is (for an answer made here)."""
    if not events:
        return
    connection.exec_driver_sql(
        "INSERT INTO sync_events (event_id, hlc, device, kind, subject, payload, review_id,"
        " answer, applied, uploaded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (event.event_id, event.hlc.text, event.device, event.kind, event.subject,
             event.payload_text(), review_id,
             event.payload.get("answer") if event.kind == UNDO else None, applied, uploaded)
            for event, review_id in events
        ],
    )  # fmt: skip


def _take_back(connection: Connection, answer_id: str, merged: Merged) -> None:
    target = connection.exec_driver_sql(
        "SELECT review_id, subject FROM sync_events WHERE event_id = ? AND kind = 'answer'",
        (answer_id,),
    ).first()
    if target is None or target[0] is None:
        return  # not here (yet): its answer, when it comes, is found undone
    # Unlinked first, so the deletion trigger does not take it for an undo made here.
    connection.exec_driver_sql(
        "UPDATE sync_events SET review_id = NULL WHERE event_id = ?", (answer_id,)
    )
    connection.exec_driver_sql("DELETE FROM reviews WHERE id = ?", (target[0],))
    merged.answers_taken_back += 1
    merged.cards.add(str(target[1]))


# In the order they were kept (the hub's); the replay puts each card's in clock order.
_WAITING_ANSWERS = """
    SELECT e.rowid, e.event_id, e.subject, e.payload,
        EXISTS (SELECT 1 FROM sync_events AS u WHERE u.answer = e.event_id)
    FROM sync_events AS e
    WHERE e.applied = 0 AND e.kind = 'answer' AND e.rowid > ?
    ORDER BY e.rowid LIMIT ?"""
_INSERT_ANSWER = (
    "INSERT INTO reviews (id, card_id, reviewed_at, practice_day, grade, duration_ms, drill,"
    " repetitions_before, easiness_before, interval_before, due_before,"
    " repetitions_after, easiness_after, interval_after, due_after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 250, 0, NULL, 0, 250, 0, NULL)"
)


def _log_waiting_answers(connection: Connection, merged: Merged) -> None:
    """Answers from other computers into the log (their states before and after are the
    replay's to write), unless undone already; one for a card not here waits for it. Each
    takes the next number, as an answer given here would."""
    cards = {str(row[0]) for row in connection.exec_driver_sql("SELECT id FROM cards")}
    last_id = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM reviews").scalar_one()
    after = 0
    merged.waiting = 0
    while page := connection.exec_driver_sql(_WAITING_ANSWERS, (after, _PAGE)).all():
        rows: list[tuple[object, ...]] = []
        links: list[tuple[int | None, str]] = []
        for _, identity, card_id, payload_text, undone in page:
            if undone:
                links.append((None, identity))
                continue
            if card_id not in cards:
                merged.waiting += 1
                continue
            payload = json.loads(payload_text)
            last_id += 1
            rows.append(
                (last_id, card_id, payload["reviewed_at"], payload["practice_day"],
                 payload["grade"], payload["duration_ms"], payload["drill"])
            )  # fmt: skip
            links.append((last_id, identity))
            merged.answers_added += 1
            merged.cards.add(card_id)
        if rows:
            connection.exec_driver_sql(_INSERT_ANSWER, rows)
        if links:
            connection.exec_driver_sql(
                "UPDATE sync_events SET applied = 1, review_id = ? WHERE event_id = ?", links
            )
        after = int(page[-1][0])


# ------------------------------------------------------------------------------ replaying


_CARD_ROWS = """
    SELECT r.card_id, r.id, r.session_id, r.reviewed_at, r.practice_day, r.grade,
        r.duration_ms, r.drill, r.repetitions_before, r.easiness_before, r.interval_before,
        r.due_before, r.repetitions_after, r.easiness_after, r.interval_after, r.due_after,
        e.event_id, e.hlc, e.device, e.payload
    FROM temp.sync_touched AS t JOIN reviews AS r ON r.card_id = t.card_id
    LEFT JOIN sync_events AS e ON e.review_id = r.id
    ORDER BY r.card_id, r.id"""
# A row that moved (another answer now at its number) is written whole; one whose answer
# stayed only gets its states, which leaves the per-day totals' trigger alone.
_REWRITE = (
    "UPDATE reviews SET session_id = ?, reviewed_at = ?, practice_day = ?, grade = ?,"
    " duration_ms = ?, drill = ?, repetitions_before = ?, easiness_before = ?,"
    " interval_before = ?, due_before = ?, repetitions_after = ?, easiness_after = ?,"
    " interval_after = ?, due_after = ? WHERE id = ?"
)
_RESTATE = (
    "UPDATE reviews SET drill = ?, repetitions_before = ?, easiness_before = ?,"
    " interval_before = ?, due_before = ?, repetitions_after = ?, easiness_after = ?,"
    " interval_after = ?, due_after = ? WHERE id = ?"
)
_SCHEDULE = (
    "UPDATE card_states SET repetitions = ?, easiness_hundredths = ?, interval_days = ?,"
    " due_day = ?, last_review_day = ?, introduced_day = ?, review_count = ?, lapses = ?"
    " WHERE card_id = ?"
)
# Answers made here but not yet stamped order after every stamped one, in local order.
_UNSTAMPED = "~"


@dataclass
class _Rewrites:
    whole: list[tuple[object, ...]] = field(default_factory=list)
    states: list[tuple[object, ...]] = field(default_factory=list)
    moved: dict[int, int] = field(default_factory=dict)
    schedules: list[tuple[object, ...]] = field(default_factory=list)


def replay_cards(connection: Connection, card_ids: Iterable[str]) -> None:
    """Each card's schedule from its merged answers, written with its log rows: the rows, in
    the card's own id order, tell the answers in merged order, each with the states the merged
    replay gave it (Check Database replays rows in id order; undo takes back a row's states).
    All the cards' rows are read in one pass and written in a few statements."""
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS sync_touched (card_id TEXT PRIMARY KEY)"
    )
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")
    touched = [(card_id,) for card_id in card_ids]
    if not touched:
        return
    connection.exec_driver_sql("INSERT INTO temp.sync_touched (card_id) VALUES (?)", touched)
    rewrites = _Rewrites()
    rows = connection.exec_driver_sql(_CARD_ROWS)
    answered = set()
    for card_id, card_rows in groupby(rows, key=lambda row: str(row[0])):
        _replay_one(card_id, [tuple(row[1:]) for row in card_rows], rewrites)
        answered.add(card_id)
    # A card whose every answer was taken back is new again.
    for (card_id,) in touched:
        if card_id not in answered:
            rewrites.schedules.append((*_schedule_row(NEW_CARD), card_id))
    if rewrites.whole:
        connection.exec_driver_sql(_REWRITE, rewrites.whole)
    if rewrites.states:
        connection.exec_driver_sql(_RESTATE, rewrites.states)
    if rewrites.moved:
        _follow_moved_answers(connection, rewrites.moved)
    connection.exec_driver_sql(_SCHEDULE, rewrites.schedules)
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")


def _replay_one(card_id: str, rows: list[tuple[Any, ...]], rewrites: _Rewrites) -> None:
    answers: dict[int, tuple[MergedAnswer, tuple[Any, ...]]] = {}
    stored: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        review_id, session_id, reviewed_at, day, grade, duration_ms, drill = row[:7]
        identity, stamp, device, payload_text = row[15:]
        stored[review_id] = _as_stored(row[1:15])
        if identity is None:
            merged_answer = MergedAnswer(
                (_UNSTAMPED, "", f"{review_id:020d}"), grade, _day(day), bool(drill)
            )
        else:
            payload = json.loads(payload_text)
            merged_answer = MergedAnswer(
                (stamp, device, identity),
                payload["grade"],
                _day(payload["practice_day"]),
                payload["drill"],
                payload["fresh_start"],
            )
        answers[review_id] = (merged_answer, (session_id, reviewed_at, day, grade, duration_ms))
    replayed = replay_merged(answer for answer, _ in answers.values())
    by_answer = {id(answer): review_id for review_id, (answer, _) in answers.items()}
    for target, (merged_answer, decided) in zip(sorted(answers), replayed.answers, strict=True):
        source = by_answer[id(merged_answer)]
        states = _answer_row(decided)
        values = _as_stored((*answers[source][1], *states))
        if values == stored[target]:
            continue
        if source != target:
            rewrites.moved[source] = target
            rewrites.whole.append((*values, target))
        else:
            rewrites.states.append((*states, target))
    rewrites.schedules.append((*_schedule_row(replayed.schedule), card_id))


def _as_stored(values: Sequence[object]) -> tuple[object, ...]:
    """Values as SQLite compares them (a flag is 0 or 1)."""
    return tuple(int(value) if isinstance(value, bool) else value for value in values)


def _follow_moved_answers(connection: Connection, moved: dict[int, int]) -> None:
    """An answer's links (its event, its reflection's entry) follow it to its new row."""
    cases = " ".join(f"WHEN {int(source)} THEN {int(target)}" for source, target in moved.items())
    sources = ", ".join(str(int(source)) for source in moved)
    # Through a value no row has, so the unique review ids never meet half-way.
    connection.exec_driver_sql(
        f"UPDATE sync_events SET review_id = -review_id WHERE review_id IN ({sources})"
    )
    connection.exec_driver_sql(
        f"UPDATE sync_events SET review_id = CASE -review_id {cases} END"
        f" WHERE review_id IN ({', '.join(str(-int(source)) for source in moved)})"
    )
    connection.exec_driver_sql(
        f"UPDATE journal_entries SET review_id = CASE review_id {cases} END"
        f" WHERE review_id IN ({sources})"
    )


def _answer_row(answer: Answer) -> tuple[object, ...]:
    return (
        answer.drill,
        answer.before.repetitions,
        answer.before.easiness_hundredths,
        answer.before.interval,
        _day_text(answer.due_before),
        answer.after.repetitions,
        answer.after.easiness_hundredths,
        answer.after.interval,
        _day_text(answer.due_after),
    )


def _schedule_row(schedule: Schedule) -> tuple[object, ...]:
    return (
        schedule.repetitions,
        schedule.easiness_hundredths,
        schedule.interval_days,
        _day_text(schedule.due_day),
        _day_text(schedule.last_review_day),
        _day_text(schedule.introduced_day),
        schedule.review_count,
        schedule.lapses,
    )


# -------------------------------------------------------------------------------- entries


def _merge_entry(connection: Connection, entry_uuid: str, merged: Merged) -> None:
    versions = [
        _version(identity, stamp, device, json.loads(payload))
        for identity, stamp, device, payload in connection.exec_driver_sql(
            "SELECT event_id, hlc, device, payload FROM sync_events"
            " WHERE kind = 'entry' AND subject = ?",
            (entry_uuid,),
        )
    ]
    result = merge_entry(versions)
    stamps = {version.event_id: version.order for version in versions}
    for kept in result.kept_texts:
        stamp, device, _ = stamps[kept.event_id]
        added = connection.exec_driver_sql(
            "INSERT INTO sync_kept_texts (event_id, entry_uuid, text, device, hlc)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (kept.event_id, entry_uuid, kept.text, device, stamp),
        )
        merged.texts_kept += added.rowcount
    mapped = connection.exec_driver_sql(
        "SELECT entry_id FROM sync_entries WHERE entry_uuid = ?", (entry_uuid,)
    ).first()
    entry_id = None if mapped is None else mapped[0]
    heads = json.dumps(sorted(result.heads))
    if result.deleted or "kind" not in result.fields:
        if entry_id is not None:
            # Unlinked first, so the deletion trigger does not take it for a local one.
            connection.exec_driver_sql(
                "UPDATE sync_entries SET entry_id = NULL WHERE entry_uuid = ?", (entry_uuid,)
            )
            connection.exec_driver_sql("DELETE FROM journal_entries WHERE id = ?", (entry_id,))
            merged.entries_changed += 1
        synced = json.dumps(dict(result.fields))
        _keep_mapping(connection, entry_uuid, None, synced, heads)
        return
    entry_id = _write_entry(connection, entry_id, result)
    merged.entries_changed += 1
    # The entry as this computer reads it back (a card or answer it lacks left empty), so the
    # next sync finds no change in what it could not store.
    row = connection.exec_driver_sql(_ENTRY_ROWS + " WHERE j.id = ?", (entry_id,)).one()
    local = _entry_fields(row[1:9], _situations(connection, entry_id).get(entry_id, []))
    _keep_mapping(connection, entry_uuid, entry_id, json.dumps(local), heads)


def _version(identity: str, stamp: str, device: str, payload: dict[str, Any]) -> EntryVersion:
    return EntryVersion(
        identity,
        (stamp, device, identity),
        frozenset(payload["parents"]),
        payload.get("changed", {}),
        bool(payload.get("deleted", False)),
    )


def _full(result: MergedEntry) -> dict[str, Any]:
    defaults: dict[str, Any] = {"card": None, "answer": None, "shared": False, "situations": []}
    return {**defaults, **result.fields}


def _write_entry(connection: Connection, entry_id: int | None, result: MergedEntry) -> int:
    fields = _full(result)
    review_id = None
    if fields["answer"] is not None:
        review_id = connection.exec_driver_sql(
            "SELECT review_id FROM sync_events WHERE event_id = ?", (fields["answer"],)
        ).scalar()
    card = fields["card"]
    if (
        card is not None
        and connection.exec_driver_sql("SELECT 1 FROM cards WHERE id = ?", (card,)).first() is None
    ):
        card = None
    values = (
        fields["kind"], card, review_id, fields["practice_day"], fields["created_at"],
        fields["updated_at"], fields["text"], fields["shared"],
    )  # fmt: skip
    exists = (
        entry_id is not None
        and connection.exec_driver_sql(
            "SELECT 1 FROM journal_entries WHERE id = ?", (entry_id,)
        ).first()
    )
    if exists:
        connection.exec_driver_sql(
            "UPDATE journal_entries SET kind = ?, card_id = ?, review_id = ?, practice_day = ?,"
            " created_at = ?, updated_at = ?, text = ?, shared = ? WHERE id = ?",
            (*values, entry_id),
        )
    else:
        entry_id = connection.exec_driver_sql(
            "INSERT INTO journal_entries (kind, card_id, review_id, practice_day, created_at,"
            " updated_at, text, shared) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            values,
        ).scalar()
    assert entry_id is not None
    connection.exec_driver_sql("DELETE FROM debrief_situations WHERE entry_id = ?", (entry_id,))
    for situation in dict.fromkeys(fields["situations"]):
        connection.exec_driver_sql(
            "INSERT INTO debrief_situations (entry_id, situation) VALUES (?, ?)",
            (entry_id, situation),
        )
    return int(entry_id)


def _keep_mapping(
    connection: Connection, entry_uuid: str, entry_id: int | None, synced: str, heads: str
) -> None:
    connection.exec_driver_sql(
        "INSERT INTO sync_entries (entry_uuid, entry_id, synced, heads) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (entry_uuid) DO UPDATE SET entry_id = excluded.entry_id,"
        " synced = excluded.synced, heads = excluded.heads, gone = 0",
        (entry_uuid, entry_id, synced, heads),
    )


def kept_texts(connection: Connection) -> list[tuple[str, str]]:
    """The texts written on another computer while apart, kept beside their entries: (the
    entry's id across computers, the text)."""
    if not has_tables(connection):
        return []
    rows = connection.exec_driver_sql(
        "SELECT entry_uuid, text FROM sync_kept_texts ORDER BY hlc, event_id"
    )
    return [(str(entry), str(text)) for entry, text in rows]


# ------------------------------------------------------------------------------ in common


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _moment(text: object) -> dt.datetime:
    stored = dt.datetime.fromisoformat(str(text))
    return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _day_text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
