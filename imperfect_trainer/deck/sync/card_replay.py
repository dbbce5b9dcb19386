"""Cards replayed from their merged answers: each touched card's schedule, and its log rows
rewritten so that, in id order, they tell the merged order with the merged states."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.srs.answer_rules import NEW_CARD, Answer, Schedule
from imperfect_trainer.deck.sync import local_fresh_starts, moments
from imperfect_trainer.deck.sync.answer_replay import MergedAnswer, OrderKey, replay_merged

if TYPE_CHECKING:
    from sqlalchemy import Connection


_CARD_ROWS = """
    SELECT r.card_id, r.id, r.session_id, r.reviewed_at, r.practice_day, r.grade,
        r.duration_ms, r.drill, r.repetitions_before, r.easiness_before, r.interval_before,
        r.due_before, r.repetitions_after, r.easiness_after, r.interval_after, r.due_after,
        e.event_id, e.hlc, e.device, json_extract(e.payload, '$.grade'),
        json_extract(e.payload, '$.practice_day'), json_extract(e.payload, '$.drill'),
        json_extract(e.payload, '$.fresh_start')
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
SCHEDULE = (
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
    The cards go a few thousand at a time: their rows read in one pass, written in a few
    statements (a first sync's million answers are never all in memory)."""
    connection.exec_driver_sql(
        "CREATE TEMP TABLE IF NOT EXISTS sync_touched (card_id TEXT PRIMARY KEY)"
    )
    touched = list(card_ids)
    for start in range(0, len(touched), _CARDS_AT_ONCE):
        _replay_some(connection, touched[start : start + _CARDS_AT_ONCE])


_CARDS_AT_ONCE = 2000


def _replay_some(connection: Connection, card_ids: Sequence[str]) -> None:
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")
    connection.exec_driver_sql(
        "INSERT INTO temp.sync_touched (card_id) VALUES (?)", [(card_id,) for card_id in card_ids]
    )
    rewrites = _Rewrites()
    fresh_starts = local_fresh_starts.standing(connection)
    rows = connection.exec_driver_sql(_CARD_ROWS).all()
    answered = set()
    for card_id, card_rows in groupby(rows, key=lambda row: str(row[0])):
        fresh = fresh_starts.get(card_id, [])
        _replay_one(card_id, [tuple(row[1:]) for row in card_rows], rewrites, fresh)
        answered.add(card_id)
    # A card whose every answer was taken back is new again.
    for card_id in card_ids:
        if card_id not in answered:
            rewrites.schedules.append((*schedule_row(NEW_CARD), card_id))
    if rewrites.whole:
        connection.exec_driver_sql(_REWRITE, rewrites.whole)
    if rewrites.states:
        connection.exec_driver_sql(_RESTATE, rewrites.states)
    if rewrites.moved:
        _follow_moved_answers(connection, rewrites.moved)
    connection.exec_driver_sql(SCHEDULE, rewrites.schedules)
    connection.exec_driver_sql("DELETE FROM temp.sync_touched")


def _replay_one(
    card_id: str, rows: list[tuple[Any, ...]], rewrites: _Rewrites, fresh_starts: list[OrderKey]
) -> None:
    answers: dict[int, tuple[MergedAnswer, tuple[Any, ...]]] = {}
    stored: dict[int, tuple[Any, ...]] = {}
    for row in rows:
        review_id, session_id, reviewed_at, day, grade, duration_ms, drill = row[:7]
        identity, stamp, device, given_grade, given_day, given_drill, fresh_start = row[15:]
        stored[review_id] = row[1:15]
        if identity is None:
            merged_answer = MergedAnswer(
                (_UNSTAMPED, "", f"{review_id:020d}"), grade, moments.day(day), bool(drill)
            )
        else:
            # The answer as its event tells it (SQLite reads the payload's fields itself).
            merged_answer = MergedAnswer(
                (stamp, device, identity),
                given_grade,
                moments.day(given_day),
                bool(given_drill),
                bool(fresh_start),
            )
        answers[review_id] = (merged_answer, (session_id, reviewed_at, day, grade, duration_ms))
    replayed = replay_merged((answer for answer, _ in answers.values()), fresh_starts)
    by_answer = {id(answer): review_id for review_id, (answer, _) in answers.items()}
    for target, (merged_answer, decided) in zip(sorted(answers), replayed.answers, strict=True):
        source = by_answer[id(merged_answer)]
        states = answer_row(decided)
        values = answers[source][1] + states
        if source != target:
            # Its links move even when the row it lands on already reads the same (an answer
            # alike in every field but its id): each event keeps a row of its own.
            rewrites.moved[source] = target
            if values != stored[target]:
                rewrites.whole.append((*values, target))
        elif values != stored[target]:
            rewrites.states.append((*states, target))
    rewrites.schedules.append((*schedule_row(replayed.schedule), card_id))


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


def answer_row(answer: Answer) -> tuple[object, ...]:
    """The states as SQLite keeps them (a flag as 0 or 1), so an unchanged row compares equal."""
    return (
        int(answer.drill),
        answer.before.repetitions,
        answer.before.easiness_hundredths,
        answer.before.interval,
        moments.day_text(answer.due_before),
        answer.after.repetitions,
        answer.after.easiness_hundredths,
        answer.after.interval,
        moments.day_text(answer.due_after),
    )


def schedule_row(schedule: Schedule) -> tuple[object, ...]:
    return (
        schedule.repetitions,
        schedule.easiness_hundredths,
        schedule.interval_days,
        moments.day_text(schedule.due_day),
        moments.day_text(schedule.last_review_day),
        moments.day_text(schedule.introduced_day),
        schedule.review_count,
        schedule.lapses,
    )
