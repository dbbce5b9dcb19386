"""The answers to cards that have none here yet (a first sync's every card) logged with their
states decided beforehand: each such card's arriving answers replayed in merged order
(``answer_replay``) and each written once, at the number and with the states the general way
(logged in arrival order, then ``card_replay`` rewriting the rows) leaves it with.

The arriving answers are numbered first (``temp.sync_logging``, in the order they were kept).
A card's answers take its numbers in merged order: the first in merged order the card's
smallest number, and so on, as ``card_replay`` rewrites them. The cards go a few thousand at
a time (a first sync's million answers are never all in memory)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync import card_replay, local_fresh_starts, moments
from imperfect_trainer.deck.sync.answer_replay import MergedAnswer, replay_merged

if TYPE_CHECKING:
    from sqlalchemy import Connection

# The numbered answers' cards with no answer here (all their rows are these answers).
_UNANSWERED_HERE = """
    SELECT DISTINCT l.card_id FROM temp.sync_logging AS l
    WHERE NOT EXISTS (SELECT 1 FROM reviews AS r WHERE r.card_id = l.card_id)
    ORDER BY l.card_id"""
_ANSWERS = """
    SELECT l.card_id, l.review_id, l.event_row, e.hlc, e.device, e.event_id,
        json_extract(e.payload, '$.reviewed_at'), json_extract(e.payload, '$.practice_day'),
        json_extract(e.payload, '$.grade'), json_extract(e.payload, '$.duration_ms'),
        json_extract(e.payload, '$.drill'), json_extract(e.payload, '$.fresh_start')
    FROM temp.sync_touched AS t JOIN temp.sync_logging AS l ON l.card_id = t.card_id
    JOIN sync_events AS e ON e.rowid = l.event_row
    ORDER BY l.card_id, l.review_id"""
_COLUMNS = """id, card_id, reviewed_at, practice_day, grade, duration_ms, drill,
    repetitions_before, easiness_before, interval_before, due_before,
    repetitions_after, easiness_after, interval_after, due_after"""
# The decided rows wait here (a card's numbers are spread over the whole batch), then go into
# the log in number order: at its end, page after page, never between rows already written.
_DECIDED = f"CREATE TEMP TABLE IF NOT EXISTS sync_decided ({_COLUMNS}, PRIMARY KEY (id))"
_KEEP = f"INSERT INTO temp.sync_decided ({_COLUMNS}) VALUES ({', '.join('?' * 15)})"
_LOG = f"INSERT INTO reviews ({_COLUMNS}) SELECT {_COLUMNS} FROM temp.sync_decided ORDER BY id"
_PLACE = "UPDATE temp.sync_logging SET review_id = ?, placed = 1 WHERE event_row = ?"
_CARDS_AT_ONCE = 2000


def log_decided(connection: Connection) -> set[str]:
    """The numbered answers of every card with no answer here logged with their merged
    states, the card's schedule written, and each answer's number in ``temp.sync_logging``
    marked placed. Returns those cards (replayed already)."""
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS sync_touched (card_id TEXT PRIMARY KEY)"
    )
    connection.exec_driver_sql(_DECIDED)
    connection.exec_driver_sql("DELETE FROM temp.sync_decided")
    cards = [str(card_id) for (card_id,) in connection.exec_driver_sql(_UNANSWERED_HERE)]
    for start in range(0, len(cards), _CARDS_AT_ONCE):
        _decide_some(connection, cards[start : start + _CARDS_AT_ONCE])
    connection.exec_driver_sql(_LOG)
    connection.exec_driver_sql("DELETE FROM temp.sync_decided")
    return set(cards)


def _decide_some(connection: Connection, card_ids: Sequence[str]) -> None:
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")
    connection.exec_driver_sql(
        "INSERT INTO temp.sync_touched (card_id) VALUES (?)", [(card_id,) for card_id in card_ids]
    )
    fresh_starts = local_fresh_starts.standing(connection)
    logged: list[tuple[Any, ...]] = []
    placed: list[tuple[int, int]] = []
    schedules: list[tuple[object, ...]] = []
    rows = connection.exec_driver_sql(_ANSWERS).all()
    for card_id, card_rows in groupby(rows, key=lambda row: str(row[0])):
        schedules.append(
            _decide(card_id, list(card_rows), fresh_starts.get(card_id, []), logged, placed)
        )
    connection.exec_driver_sql(_KEEP, logged)
    connection.exec_driver_sql(_PLACE, placed)
    connection.exec_driver_sql(card_replay.SCHEDULE, schedules)
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")


def _decide(
    card_id: str,
    rows: list[Any],
    fresh_starts: list[tuple[str, str, str]],
    logged: list[tuple[Any, ...]],
    placed: list[tuple[int, int]],
) -> tuple[object, ...]:
    """The card's answers as ``card_replay`` leaves them (their rows into ``logged``, each
    event's number into ``placed``), and its schedule's row."""
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
             *card_replay.answer_row(decided))
        )  # fmt: skip
        placed.append((number, row[2]))
    return (*card_replay.schedule_row(replayed.schedule), card_id)


_MERGED_ORDER = itemgetter(3, 4, 5)
