"""The hub's events downloaded: kept here per batch (``stage_events``), then merged in one
transaction (``merge_staged``): undone answers taken back, cards made, edited or deleted
elsewhere merged, the other computers' answers logged, every touched card (answered, undone
or started fresh) replayed once, every touched journal entry, debrief's practice and goal
merged, each setting's latest value written, the texts written apart done with elsewhere shown
here no more."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from imperfect_trainer.deck.sync import (
    answer_arrivals,
    card_arrivals,
    card_replay,
    clock,
    local_entries,
    local_goals,
    local_sessions,
    local_settings,
)
from imperfect_trainer.deck.sync.moments import ms
from imperfect_trainer.deck.sync.side_tables import read_state
from imperfect_trainer.deck.sync.stored_events import (
    insert_events,
    known,
    mark_uploaded,
    roomy_cache,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from imperfect_trainer.deck.sync.events import Event


@dataclass
class Merged:
    """What one batch of the hub's events changed here."""

    answers_added: int = 0
    answers_taken_back: int = 0
    entries_changed: int = 0
    goals_changed: int = 0
    cards_changed: int = 0
    settings_changed: int = 0
    texts_kept: int = 0
    waiting: int = 0
    cards: set[str] = field(default_factory=set)


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
    roomy_cache(connection)
    present = known(connection, [event.event_id for event in events])
    fresh = [event for event in events if event.event_id not in present]
    insert_events(connection, [(event, None) for event in fresh], applied=False, uploaded=True)
    # Events of this computer found on the hub (sent, then the reply lost) are confirmed.
    mark_uploaded(connection, sorted(present))
    stamp = clock.receive_all(state.clock, (event.hlc for event in fresh), ms(now))
    connection.exec_driver_sql(
        "UPDATE sync_state SET clock = ?, downloaded = ?, downloaded_event = ?",
        (stamp.text, position, last_event),
    )
    return len(fresh)


def merge_staged(connection: Connection) -> Merged:
    """Every event kept but not yet merged, merged in one transaction: undone answers taken
    back, new answers logged, every touched card's schedule replayed from its merged answers,
    every touched entry and goal merged from its versions. A card's schedule is replayed once
    however many batches brought its answers."""
    merged = Merged()
    roomy_cache(connection)
    undos = connection.exec_driver_sql(
        "SELECT answer FROM sync_events WHERE applied = 0 AND kind = 'undo' ORDER BY hlc"
    ).all()
    for (answer_id,) in undos:
        _take_back(connection, str(answer_id), merged)
    # Before the answers: those to a card that arrives now are logged with it.
    card = card_arrivals.merge_cards(connection, _staged_subjects(connection, "card"))
    merged.cards_changed += card.changed
    merged.texts_kept += card.texts_kept
    # A fresh start, or the taking back of one, touches its card (an undo's subject is it).
    merged.cards.update(_staged_subjects(connection, "fresh"))
    merged.cards.update(_staged_subjects(connection, "undo"))
    _log_waiting_answers(connection, merged)
    card_arrivals.add_states(connection)
    for session_uuid in _staged_subjects(connection, "session"):
        local_sessions.merge_versions(connection, session_uuid)
    card_replay.replay_cards(connection, sorted(merged.cards))
    for entry_uuid in _staged_subjects(connection, "entry"):
        entry = local_entries.merge_versions(connection, entry_uuid)
        merged.entries_changed += entry.changed
        merged.texts_kept += entry.texts_kept
    for goal_uuid in _staged_subjects(connection, "goal"):
        goal = local_goals.merge_versions(connection, goal_uuid)
        merged.goals_changed += goal.changed
        merged.texts_kept += goal.texts_kept
    for key in _staged_subjects(connection, "setting"):
        merged.settings_changed += local_settings.merge_key(connection, key)
    connection.exec_driver_sql(_SEEN_ELSEWHERE)
    connection.exec_driver_sql(
        "UPDATE sync_events SET applied = 1 WHERE applied = 0"
        " AND kind IN ('undo', 'entry', 'goal', 'setting', 'card', 'fresh', 'session', 'seen')"
    )
    return merged


# A text written apart added or done with on another computer is shown here no more either.
_SEEN_ELSEWHERE = """
    INSERT INTO sync_kept_seen (event_id)
    SELECT DISTINCT subject FROM sync_events WHERE applied = 0 AND kind = 'seen'
    ON CONFLICT (event_id) DO NOTHING"""


def _staged_subjects(connection: Connection, kind: str) -> list[str]:
    rows = connection.exec_driver_sql(
        "SELECT DISTINCT subject FROM sync_events WHERE applied = 0 AND kind = ? ORDER BY subject",
        (kind,),
    )
    return [str(subject) for (subject,) in rows]


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


# The answers to log, numbered in the order they were kept (the hub's; the replay puts each
# card's in clock order): those whose card is here and that no undo takes back. All of it in
# SQLite, which reads each payload's fields itself (a first sync logs a million answers).
_NUMBER_ANSWERS = """
    INSERT INTO temp.sync_logging (event_row, review_id, card_id)
    SELECT e.rowid, ? + row_number() OVER (ORDER BY e.rowid), e.subject
    FROM sync_events AS e JOIN cards AS c ON c.id = e.subject
    WHERE e.applied = 0 AND e.kind = 'answer'"""
_LOG_ANSWERS = """
    INSERT INTO reviews (id, card_id, reviewed_at, practice_day, grade, duration_ms, drill,
        repetitions_before, easiness_before, interval_before, due_before,
        repetitions_after, easiness_after, interval_after, due_after)
    SELECT l.review_id, e.subject, json_extract(e.payload, '$.reviewed_at'),
        json_extract(e.payload, '$.practice_day'), json_extract(e.payload, '$.grade'),
        json_extract(e.payload, '$.duration_ms'), json_extract(e.payload, '$.drill'),
        0, 250, 0, NULL, 0, 250, 0, NULL
    FROM temp.sync_logging AS l JOIN sync_events AS e ON e.rowid = l.event_row
    WHERE l.placed = 0
    ORDER BY l.review_id"""
_LINK_ANSWERS = """
    UPDATE sync_events SET applied = 1, review_id = (
        SELECT l.review_id FROM temp.sync_logging AS l WHERE l.event_row = sync_events.rowid)
    WHERE rowid IN (SELECT event_row FROM temp.sync_logging WHERE placed = 0)"""


def _log_waiting_answers(connection: Connection, merged: Merged) -> None:
    """Answers from other computers into the log, unless undone already; one for a card not
    here waits for it. Each takes the next number, as an answer given here would. A card with
    no answer here gets its answers with their states decided (``answer_arrivals``); any
    other's are logged as they came, their states and order the replay's to write."""
    connection.exec_driver_sql(
        "UPDATE sync_events SET applied = 1, review_id = NULL"
        " WHERE applied = 0 AND kind = 'answer'"
        " AND EXISTS (SELECT 1 FROM sync_events AS u WHERE u.answer = sync_events.event_id)"
    )
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS sync_logging (event_row INTEGER PRIMARY KEY,"
        " review_id INTEGER NOT NULL, card_id TEXT NOT NULL, placed INTEGER NOT NULL DEFAULT 0)"
    )
    connection.exec_driver_sql("DELETE FROM temp.sync_logging")
    last_id = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM reviews").scalar_one()
    connection.exec_driver_sql(_NUMBER_ANSWERS, (last_id,))
    logged = connection.exec_driver_sql("SELECT count(*) FROM temp.sync_logging").scalar_one()
    merged.answers_added += logged
    if logged:
        replayed = answer_arrivals.log_decided(connection)
        merged.cards.difference_update(replayed)
        connection.exec_driver_sql(_LOG_ANSWERS)
        connection.exec_driver_sql(_LINK_ANSWERS)
        merged.cards.update(
            str(card_id)
            for (card_id,) in connection.exec_driver_sql(
                "SELECT DISTINCT card_id FROM temp.sync_logging WHERE placed = 0"
            )
        )
    connection.exec_driver_sql("DELETE FROM temp.sync_logging")
    merged.waiting = connection.exec_driver_sql(
        "SELECT count(*) FROM sync_events WHERE applied = 0 AND kind = 'answer'"
    ).scalar_one()
