"""The answers a person gives: recorded (decided by ``answer_rules``, then written in one
transaction), taken back, and counted; and the practice sessions they belong to.

Everything here is waited on (the answer after every card, the session and the day's counts
before the first card), so it runs as plain statements on the connection kept for that
(``Store.quick_transaction``), BEGIN and COMMIT included, without SQLAlchemy. Days are stored
as ISO text and moments as naive UTC text, exactly as the models' Date and UtcDateTime columns
store them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.srs.answer_rules import Answer, Schedule, decide_answer, take_back
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.stored_values import day, day_or_none

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

_READ = (
    "SELECT repetitions, easiness_hundredths, interval_days, due_day, last_review_day,"
    " introduced_day, review_count, lapses FROM card_states WHERE card_id = ?"
)
_UPDATE = (
    "UPDATE card_states SET repetitions = ?, easiness_hundredths = ?, interval_days = ?,"
    " due_day = ?, last_review_day = ?, introduced_day = ?, review_count = ?, lapses = ?"
    " WHERE card_id = ?"
)
_LOG = (
    "INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade, duration_ms,"
    " drill, repetitions_before, easiness_before, interval_before, due_before,"
    " repetitions_after, easiness_after, interval_after, due_after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)
_LOGGED = (
    "SELECT card_id, grade, practice_day, drill, repetitions_before, easiness_before,"
    " interval_before, due_before, repetitions_after, easiness_after, interval_after, due_after"
    " FROM reviews WHERE id = ?"
)
_LAST_SCHEDULING_DAY = "SELECT max(practice_day) FROM reviews WHERE card_id = ? AND NOT drill"
_REFLECTION = (
    "INSERT INTO journal_entries (kind, card_id, review_id, session_id, practice_day,"
    " created_at, updated_at, text) VALUES ('reflection', ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class AnswerResult:
    review_id: int
    card_id: str
    grade: int | None  # None: a reflection written, not graded
    drill: bool
    state: Sm2State
    due_day: dt.date | None


@dataclass(frozen=True, slots=True)
class AnswerTotals:
    answers: int
    days_practised: int
    minutes_practised: float


class AnswerLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(
        self,
        card_id: str,
        grade: int | None,
        *,
        now: dt.datetime,
        session_id: int | None = None,
        duration_ms: int = 0,
        drill_only: bool = False,
        reflection: str | None = None,
    ) -> AnswerResult:
        """Record one answer, committed before returning (see ``answer_rules`` for what it
        changes)."""
        today = self.store.practice_day(now)
        moment = moment_text(now)
        with self.store.quick_transaction() as cursor:
            row = cursor.execute(_READ, (card_id,)).fetchone()
            if row is None:
                raise KeyError(card_id)
            decision = decide_answer(_schedule(row), grade, today, drill_only=drill_only)
            after, answer = decision.schedule, decision.answer
            self.store.mark_written()
            cursor.execute(_UPDATE, (*_schedule_row(after), card_id))
            cursor.execute(
                _LOG,
                (
                    card_id,
                    session_id,
                    moment,
                    today.isoformat(),
                    grade,
                    max(0, int(duration_ms)),
                    answer.drill,
                    *_state_row(answer.before, answer.due_before),
                    *_state_row(answer.after, answer.due_after),
                ),
            )
            review_id = int(cursor.fetchone()[0])
            if reflection and reflection.strip():
                text = reflection.strip()
                cursor.execute(
                    _REFLECTION,
                    (card_id, review_id, session_id, today.isoformat(), moment, moment, text),
                )
        return AnswerResult(review_id, card_id, grade, answer.drill, answer.after, after.due_day)

    def undo(self, review_id: int) -> str:
        """Take back one answer: the card's schedule, the log row and its journal entry, exactly.
        Returns the card's id."""
        with self.store.quick_transaction() as cursor:
            logged = cursor.execute(_LOGGED, (review_id,)).fetchone()
            if logged is None:
                raise KeyError(review_id)
            card_id = str(logged[0])
            answer = _logged_answer(logged[1:])
            schedule = _schedule(cursor.execute(_READ, (card_id,)).fetchone())
            self.store.mark_written()
            cursor.execute("DELETE FROM journal_entries WHERE review_id = ?", (review_id,))
            cursor.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            last_day = cursor.execute(_LAST_SCHEDULING_DAY, (card_id,)).fetchone()[0]
            before = take_back(schedule, answer, day_or_none(last_day))
            cursor.execute(_UPDATE, (*_schedule_row(before), card_id))
        return card_id

    def start_session(self, now: dt.datetime, *, kind: str = "daily") -> int:
        with self.store.quick_transaction() as cursor:
            self.store.mark_written()
            cursor.execute(
                "INSERT INTO practice_sessions (kind, practice_day, started_at, planned_seconds)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                (
                    kind,
                    self.store.practice_day(now).isoformat(),
                    moment_text(now),
                    int(self.store.setting("session_seconds")),
                ),
            )
            return int(cursor.fetchone()[0])

    def end_session(self, session_id: int, now: dt.datetime) -> None:
        with self.store.quick_transaction() as cursor:
            self.store.mark_written()
            cursor.execute(
                "UPDATE practice_sessions SET ended_at = ? WHERE id = ?",
                (moment_text(now), session_id),
            )

    def practised_days(self, first: dt.date, last: dt.date) -> set[dt.date]:
        """The days between ``first`` and ``last`` (inclusive) with at least one answer (from
        the per-day totals)."""
        with self.store.quick_transaction() as cursor:
            rows = cursor.execute(
                "SELECT day FROM practice_days WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchall()
        return {day(value) for (value,) in rows}

    def last_practice_day(self) -> dt.date | None:
        with self.store.quick_transaction() as cursor:
            (last,) = cursor.execute("SELECT max(day) FROM practice_days").fetchone()
        return day_or_none(last)

    def totals(self) -> AnswerTotals:
        """Answers, days and minutes, from the per-day totals the schema keeps (one row a day,
        no pass over the whole log)."""
        with self.store.quick_transaction() as cursor:
            answers, days, total_ms = cursor.execute(
                "SELECT coalesce(sum(answers), 0), count(*), coalesce(sum(duration_ms), 0)"
                " FROM practice_days"
            ).fetchone()
        return AnswerTotals(int(answers), int(days), total_ms / 60_000)


def _logged_answer(row: tuple[Any, ...]) -> Answer:
    grade, practice_day, drill, reps_before, ease_before, interval_before, due_before = row[:7]
    reps_after, ease_after, interval_after, due_after = row[7:]
    return Answer(
        grade=grade,
        practice_day=day(practice_day),
        drill=bool(drill),
        before=Sm2State.from_hundredths(reps_before, ease_before, interval_before),
        due_before=day_or_none(due_before),
        after=Sm2State.from_hundredths(reps_after, ease_after, interval_after),
        due_after=day_or_none(due_after),
    )


def moment_text(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


_Day = str | dt.date | None


def _schedule(row: tuple[int, int, int, _Day, _Day, _Day, int, int]) -> Schedule:
    repetitions, easiness, interval, due, last, introduced, count, lapses = row
    return Schedule(
        repetitions,
        easiness,
        interval,
        day_or_none(due),
        day_or_none(last),
        day_or_none(introduced),
        count,
        lapses,
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


def _state_row(state: Sm2State, due: dt.date | None) -> tuple[object, ...]:
    return (state.repetitions, state.easiness_hundredths, state.interval, _day_text(due))


def _day_text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
