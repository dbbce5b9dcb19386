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

from imperfect_trainer.deck.srs.answer_rules import (
    Answer,
    Decision,
    Schedule,
    decide_answer,
    take_back,
)
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.server_errors import ServerEndedSessionError
from imperfect_trainer.deck.storage.sqlite_collection import SqliteCollection
from imperfect_trainer.deck.storage.store_errors import CardChangedError
from imperfect_trainer.deck.storage.stored_values import (
    day,
    day_or_none,
    moment_text,
    schedule_from_row,
)

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
# On a server: the new schedule, the log row (and the reflection's entry) in one statement that
# commits by itself, written only if the schedule is still the one read. The casts give the
# server the types SELECT cannot take from the columns (INSERT ... VALUES can).
_SERVER_ATTEMPTS = 3
# The schedule, and the id the answer will carry: chosen before the answer is sent, so that a
# retry after a lost reply can find it (the person's own next number, 0008).
_READ_ON_SERVER = _READ.replace(
    " FROM card_states", ", (SELECT coalesce(max(id), 0) + 1 FROM reviews) FROM card_states"
)
_FOUND = "SELECT 1 FROM reviews WHERE id = ? AND card_id = ? AND reviewed_at = ?::timestamp"
_UNIQUE_VIOLATION = "23505"
_WRITES = """
    WITH changed AS (
        UPDATE card_states SET repetitions = ?, easiness_hundredths = ?, interval_days = ?,
            due_day = ?::date, last_review_day = ?::date, introduced_day = ?::date,
            review_count = ?, lapses = ?
        WHERE card_id = ? AND repetitions = ? AND easiness_hundredths = ? AND interval_days = ?
          AND due_day IS NOT DISTINCT FROM ?::date
          AND last_review_day IS NOT DISTINCT FROM ?::date
          AND introduced_day IS NOT DISTINCT FROM ?::date
          AND review_count = ? AND lapses = ?
        RETURNING card_id
    ), logged AS (
        INSERT INTO reviews (id, card_id, session_id, reviewed_at, practice_day, grade,
            duration_ms, drill, repetitions_before, easiness_before, interval_before, due_before,
            repetitions_after, easiness_after, interval_after, due_after)
        SELECT ?::int, card_id, ?::int, ?::timestamp, ?::date, ?::int, ?::int, ?::boolean, ?::int,
            ?::int, ?::int, ?::date, ?::int, ?::int, ?::int, ?::date
        FROM changed
        RETURNING id, card_id
    )"""
_ANSWER = _WRITES + " SELECT id FROM logged"
_ANSWER_WITH_REFLECTION = (
    _WRITES
    + """, entry AS (
        INSERT INTO journal_entries (kind, card_id, review_id, session_id, practice_day,
            created_at, updated_at, text)
        SELECT 'reflection', card_id, id, ?::int, ?::date, ?::timestamp, ?::timestamp, ?::text
        FROM logged
    )
    SELECT id FROM logged"""
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
    schedule: Schedule


@dataclass(frozen=True, slots=True)
class _Written:
    """What one answer writes besides its schedule: its log row and its reflection's entry."""

    card_id: str
    grade: int | None
    session_id: int | None
    moment: str
    today: dt.date
    duration_ms: int

    def log_row(self, answer: Answer) -> tuple[object, ...]:
        """``_LOG``'s parameters."""
        return (
            self.card_id,
            self.session_id,
            self.moment,
            self.today.isoformat(),
            self.grade,
            max(0, int(self.duration_ms)),
            answer.drill,
            *_state_row(answer.before, answer.due_before),
            *_state_row(answer.after, answer.due_after),
        )

    def entry_row(self, text: str) -> tuple[object, ...]:
        """``_REFLECTION``'s parameters after the card and the review."""
        return (self.session_id, self.today.isoformat(), self.moment, self.moment, text)

    def result(self, review_id: int, decision: Decision) -> AnswerResult:
        answer = decision.answer
        return AnswerResult(
            review_id,
            self.card_id,
            self.grade,
            answer.drill,
            answer.after,
            decision.schedule.due_day,
            decision.schedule,
        )


@dataclass(frozen=True, slots=True)
class AnswerTotals:
    answers: int
    days_practised: int
    minutes_practised: float


@dataclass(frozen=True, slots=True)
class _Unconfirmed:
    """An answer sent to the server whose reply never came: it may have been committed."""

    review_id: int
    card_id: str
    moment: str
    result: AnswerResult


class AnswerLog:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._unconfirmed: _Unconfirmed | None = None

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
        expected: Schedule | None = None,
    ) -> AnswerResult:
        """Record one answer, committed before returning (see ``answer_rules`` for what it
        changes). With ``expected`` (the schedule the card was shown with, on which its buttons
        said what each grade does) it is written only if the stored schedule is still that one,
        else ``CardChangedError`` and nothing is written."""
        today = self.store.practice_day(now)
        written = _Written(card_id, grade, session_id, moment_text(now), today, duration_ms)
        text = reflection.strip() if reflection else ""
        if self.store.on_server:
            return self._record_on_server(written, drill_only, text, expected)
        with self.store.quick_transaction() as cursor:
            row = cursor.execute(_READ, (card_id,)).fetchone()
            if row is None:
                raise KeyError(card_id)
            stored = schedule_from_row(row)
            if expected is not None and stored != expected:
                raise _changed(self.store, card_id)
            decision = decide_answer(stored, grade, today, drill_only=drill_only)
            self.store.mark_written()
            cursor.execute(_UPDATE, (*_schedule_row(decision.schedule), card_id))
            review_id = int(cursor.execute(_LOG, written.log_row(decision.answer)).fetchone()[0])
            if text:
                cursor.execute(_REFLECTION, (card_id, review_id, *written.entry_row(text)))
        return written.result(review_id, decision)

    def _record_on_server(
        self, written: _Written, drill_only: bool, text: str, expected: Schedule | None
    ) -> AnswerResult:
        """The same answer in two round trips instead of five: the schedule is read, then one
        statement writes the new schedule, the log row and the reflection, and commits, if the
        schedule is still the one read (else it is read again: another of the person's
        sessions answered the card in between). With ``expected``, a card whose schedule is no
        longer that one is not answered (``CardChangedError``). An answer whose reply was lost is
        looked for first: found, it is done, and the card is not answered twice."""
        done = self._confirmed(written.card_id)
        if done is not None:
            return done
        try:
            before, review_id = self._schedule_on_server(written.card_id)
        except ServerEndedSessionError:
            # The server ended the kept connection just as it was checked. Nothing was written,
            # so the read is made again, on a new connection (not after a network timeout: that
            # would only make the person wait twice). A failed write is not repeated here: it
            # may have been committed, which the next answer finds out (``_confirmed``).
            before, review_id = self._schedule_on_server(written.card_id)
        if expected is not None and before != expected:
            raise _changed(self.store, written.card_id)
        statement = _ANSWER_WITH_REFLECTION if text else _ANSWER
        with self.store.quick_statements() as cursor:
            for _ in range(_SERVER_ATTEMPTS):
                decision = decide_answer(
                    before, written.grade, written.today, drill_only=drill_only
                )
                self.store.mark_written()
                parameters = (
                    *_schedule_row(decision.schedule),
                    written.card_id,
                    *_schedule_row(before),
                    review_id,
                    # The log row's card is the one the update returned.
                    *written.log_row(decision.answer)[1:],
                    *(written.entry_row(text) if text else ()),
                )
                try:
                    logged = cursor.execute(statement, parameters).fetchone()
                except Exception as error:
                    if getattr(error, "sqlstate", None) != _UNIQUE_VIOLATION:
                        result = written.result(review_id, decision)
                        self._unconfirmed = _Unconfirmed(
                            review_id, written.card_id, written.moment, result
                        )
                        raise
                    # The person's other computer took this number meanwhile.
                    logged = None
                if logged is not None:
                    return written.result(int(logged[0]), decision)
                # The card changed since it was read, or only its answer's number was taken by
                # the person's other computer: read both again.
                before, review_id = self._schedule_on_server(written.card_id)
                if expected is not None and before != expected:
                    raise _changed(self.store, written.card_id)
        raise RuntimeError(f"card {written.card_id} kept changing while it was answered")

    def _confirmed(self, card_id: str) -> AnswerResult | None:
        """The answer to ``card_id`` whose reply was lost, if the server has it. Any earlier
        answer still unconfirmed is forgotten once the server could be asked."""
        unconfirmed = self._unconfirmed
        if unconfirmed is None:
            return None
        with self.store.quick_statements() as cursor:
            found = cursor.execute(
                _FOUND, (unconfirmed.review_id, unconfirmed.card_id, unconfirmed.moment)
            ).fetchone()
        self._unconfirmed = None
        return unconfirmed.result if found and unconfirmed.card_id == card_id else None

    def _schedule_on_server(self, card_id: str) -> tuple[Schedule, int]:
        """The card's schedule, and the id its answer is to carry."""
        with self.store.quick_statements() as cursor:
            row = cursor.execute(_READ_ON_SERVER, (card_id,)).fetchone()
        if row is None:
            raise KeyError(card_id)
        return schedule_from_row(row[:8]), int(row[8])

    def undo(self, review_id: int) -> str:
        """Take back one answer: the card's schedule, the log row and its journal entry, exactly.
        Returns the card's id."""
        with self.store.quick_transaction() as cursor:
            logged = cursor.execute(_LOGGED, (review_id,)).fetchone()
            if logged is None:
                raise KeyError(review_id)
            card_id = str(logged[0])
            answer = _logged_answer(logged[1:])
            schedule = schedule_from_row(cursor.execute(_READ, (card_id,)).fetchone())
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


def _changed(store: Store, card_id: str) -> CardChangedError:
    where = store.path if isinstance(store.file, SqliteCollection) else store.file.where
    return CardChangedError(where, f"card {card_id} was answered elsewhere after it was shown")


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
