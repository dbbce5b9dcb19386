"""The answers to cards that have none here yet (a first sync's every card) logged with their
states decided beforehand: each such card's arriving answers replayed in merged order
(``answer_replay``) and each written once, at the number and with the states the general way
(logged in arrival order, then ``card_replay`` rewriting the rows) leaves it with.

The arriving answers are numbered first (``temp.sync_logging``, in the order they were kept).
A card's answers take its numbers in merged order: the first in merged order the card's
smallest number, and so on, as ``card_replay`` rewrites them. The answers are read in one pass
and written twenty thousand at a time (a first sync's million answers are never all in
memory)."""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync import card_arrivals, card_replay, local_fresh_starts, moments
from imperfect_trainer.deck.sync.answer_replay import MergedAnswer, replay_merged

if TYPE_CHECKING:
    from sqlalchemy import Connection

# The numbered answers' cards with no answer here (all their rows are these answers).
_UNANSWERED_HERE = """
    INSERT INTO temp.sync_touched (card_id)
    SELECT DISTINCT l.card_id FROM temp.sync_logging AS l
    WHERE NOT EXISTS (SELECT 1 FROM reviews AS r WHERE r.card_id = l.card_id)"""
# Their answers, card by card, read in one pass over the kept events in the order they lie
# (CROSS JOIN keeps that order; looked up card by card, a first sync's events would be read
# from all over the file for every few thousand cards), then sorted.
_ANSWERS = """
    SELECT l.card_id, l.review_id, l.event_row, e.hlc, e.device, e.event_id,
        json_extract(e.payload, '$.reviewed_at'), json_extract(e.payload, '$.practice_day'),
        json_extract(e.payload, '$.grade'), json_extract(e.payload, '$.duration_ms'),
        json_extract(e.payload, '$.drill'), json_extract(e.payload, '$.fresh_start')
    FROM temp.sync_logging AS l CROSS JOIN sync_events AS e ON e.rowid = l.event_row
    WHERE +l.card_id IN (SELECT card_id FROM temp.sync_touched)
    ORDER BY l.card_id, l.review_id"""
_COLUMNS = """id, card_id, reviewed_at, practice_day, grade, duration_ms, drill,
    repetitions_before, easiness_before, interval_before, due_before,
    repetitions_after, easiness_after, interval_after, due_after"""
# The decided rows wait here with their events (a card's numbers are spread over the whole
# batch), then go into the log in number order: at its end, page after page, never between
# rows already written.
_DECIDED = (
    "CREATE TEMP TABLE IF NOT EXISTS sync_decided (id INTEGER PRIMARY KEY,"
    f" {_COLUMNS.removeprefix('id, ')}, event_row INTEGER NOT NULL)"
)
_KEEP = f"INSERT INTO temp.sync_decided ({_COLUMNS}, event_row) VALUES ({', '.join('?' * 16)})"
_LOG = f"INSERT INTO reviews ({_COLUMNS}) SELECT {_COLUMNS} FROM temp.sync_decided ORDER BY id"
_LINK = """
    UPDATE sync_events SET applied = 1, review_id = d.id
    FROM temp.sync_decided AS d WHERE sync_events.rowid = d.event_row"""
_PLACED = """
    UPDATE temp.sync_logging SET placed = 1
    WHERE card_id IN (SELECT card_id FROM temp.sync_touched)"""
# Decided rows written this many at a time (never a first sync's million in memory).
_AT_ONCE = 20_000


def log_decided(connection: Connection) -> set[str]:
    """The numbered answers of every card with no answer here logged with their merged
    states and linked to their events, the card's schedule written, and the answers marked
    placed in ``temp.sync_logging``. Returns those cards (replayed already)."""
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS sync_touched (card_id TEXT PRIMARY KEY)"
    )
    connection.exec_driver_sql(_DECIDED)
    connection.exec_driver_sql("DELETE FROM temp.sync_decided")
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")
    connection.exec_driver_sql(_UNANSWERED_HERE)
    fresh_starts = local_fresh_starts.standing(connection)
    logged: list[tuple[Any, ...]] = []
    schedules: list[tuple[object, ...]] = []
    for card_id, card_rows in groupby(connection.exec_driver_sql(_ANSWERS), key=itemgetter(0)):
        schedules.append(_decide(card_id, list(card_rows), fresh_starts.get(card_id, []), logged))
        if len(logged) >= _AT_ONCE:
            _keep(connection, logged, schedules)
    _keep(connection, logged, schedules)
    connection.exec_driver_sql(_PLACED)
    connection.exec_driver_sql(_LOG)
    connection.exec_driver_sql(_LINK)
    cards = {str(card_id) for (card_id,) in connection.exec_driver_sql(
        "SELECT card_id FROM temp.sync_touched"
    )}  # fmt: skip
    connection.exec_driver_sql("DELETE FROM temp.sync_decided")
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")
    return cards


def _keep(
    connection: Connection, logged: list[tuple[Any, ...]], schedules: list[tuple[object, ...]]
) -> None:
    """The rows decided so far kept, the schedules written; both lists emptied."""
    if logged:
        connection.exec_driver_sql(_KEEP, logged)
    if schedules:
        # A card that arrived in this merge has no schedule row yet (only a waiting one).
        connection.exec_driver_sql(card_arrivals.DECIDED, schedules)
        connection.exec_driver_sql(card_replay.SCHEDULE, schedules)
    logged.clear()
    schedules.clear()


def _decide(
    card_id: str,
    rows: list[Any],
    fresh_starts: list[tuple[str, str, str]],
    logged: list[tuple[Any, ...]],
) -> tuple[object, ...]:
    """The card's answers as ``card_replay`` leaves them (their rows, each with its event,
    into ``logged``), and its schedule's row."""
    numbers = [row[1] for row in rows]
    # In merged order, as the replay takes them (no two answers share an event id).
    rows.sort(key=_MERGED_ORDER)
    replayed = replay_merged(
        (
            MergedAnswer((stamp, device, identity), grade, moments.day(day), bool(drill),
                         bool(fresh_start))
            for stamp, device, identity, _, day, grade, _, drill, fresh_start in (
                row[3:] for row in rows
            )
        ),
        fresh_starts,
    )  # fmt: skip
    for number, row, (_, decided) in zip(numbers, rows, replayed.answers, strict=True):
        reviewed_at, day, grade, duration_ms = row[6:10]
        logged.append(
            (number, card_id, reviewed_at, day, grade, duration_ms,
             *card_replay.answer_row(decided), row[2])
        )  # fmt: skip
    return (*card_replay.schedule_row(replayed.schedule), card_id)


_MERGED_ORDER = itemgetter(3, 4, 5)
