"""Where answers are kept, one class per backend behind one small interface (``AnswerStorage``):
a card's schedule read, a decided answer written only if that schedule is still the one it was
decided on, an answer whose reply was lost looked for, an answer taken back, and the sessions
and per-day totals. What to do with these (decide, retry, undo, count) is ``AnswerLog``'s.

Everything runs on the connection kept for what the person waits on, as ``statements``' plain
text for the collection's dialect. Days are written as ISO text and moments as naive UTC text,
exactly as the models' Date and UtcDateTime columns store them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from imperfect_trainer.deck.srs.answer_rules import Answer, Decision, Schedule
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.collection import PlainCursor, Writes
from imperfect_trainer.deck.storage.plain_sql import PlainStatements
from imperfect_trainer.deck.storage.server_errors import ServerEndedSessionError
from imperfect_trainer.deck.storage.stored_values import (
    LOG_COLUMNS,
    day,
    day_or_none,
    day_text,
    prefixed,
    schedule_from_row,
    schedule_row,
    schedule_values,
)

# How an answer is taken back: the schedule before it, from the schedule now, the answer, and
# the day of the card's latest scheduling answer left (``answer_rules.take_back``).
TakeBack = Callable[[Schedule, Answer, dt.date | None], Schedule]
_UNIQUE_VIOLATION = "23505"


@dataclass(frozen=True, slots=True)
class GivenAnswer:
    """One answer as it is logged, besides the schedule it changes."""

    card_id: str
    grade: int | None  # None: a reflection written, not graded
    session_id: int | None
    moment: str  # naive UTC text (``stored_values.moment_text``)
    today: dt.date
    duration_ms: int
    reflection: str  # empty: none written

    def parameters(self, expected: Schedule, decision: Decision) -> dict[str, object]:
        """Every parameter an answer's statements take."""
        answer = decision.answer
        before, after = answer.before, answer.after
        values = (
            self.card_id,
            self.session_id,
            self.moment,
            self.today.isoformat(),
            self.grade,
            max(0, int(self.duration_ms)),
            answer.drill,
            before.repetitions,
            before.easiness_hundredths,
            before.interval,
            day_text(answer.due_before),
            after.repetitions,
            after.easiness_hundredths,
            after.interval,
            day_text(answer.due_after),
            *schedule_row(decision.schedule),
            *schedule_row(expected),
            self.moment,
            self.moment,
            self.reflection,
        )
        return dict(zip(_PARAMETERS, values, strict=True))


# The names of ``GivenAnswer.parameters``, in its order: the log row's columns (``statements``),
# the new schedule, the schedule it replaces, and the reflection's entry.
_PARAMETERS = (
    *LOG_COLUMNS,
    *prefixed("new_"),
    *prefixed("was_"),
    "created_at",
    "updated_at",
    "text",
)


class AnswerStorage(Protocol):
    @property
    def where(self) -> Path | str: ...

    def read_schedule(self, card_id: str) -> Schedule:
        """The card's stored schedule; ``KeyError`` for no such card."""

    def write(self, expected: Schedule, decision: Decision, given: GivenAnswer) -> int | None:
        """Write ``decision`` (its new schedule, its log row, any reflection) and commit, only
        if the stored schedule is still ``expected``: the answer's id, or None when it is not
        (nothing written)."""

    def find(self, card_id: str, moment: str) -> int | None:
        """The id of ``card_id``'s answer logged at ``moment``, if there is one."""

    def take_back(self, review_id: int, rule: TakeBack) -> str:
        """Remove one answer and its journal entry and restore the schedule ``rule`` gives, in
        one transaction; the card's id. ``KeyError`` for no such answer."""

    def start_session(self, kind: str, day: dt.date, moment: str, planned_seconds: int) -> int: ...

    def end_session(self, session_id: int, moment: str) -> None: ...

    def practised_days(self, first: dt.date, last: dt.date) -> set[dt.date]: ...

    def last_practice_day(self) -> dt.date | None: ...

    def totals(self) -> tuple[int, int, int]:
        """Answers, days practised and milliseconds, from the per-day totals."""


class _Connection(Protocol):
    """What the answer storage uses of its collection."""

    @property
    def where(self) -> Path | str: ...

    @property
    def plain_sql(self) -> PlainStatements: ...

    @property
    def writes(self) -> Writes: ...

    def quick_transaction(self) -> AbstractContextManager[PlainCursor]: ...

    def quick_statements(self) -> AbstractContextManager[PlainCursor]: ...


class PlainAnswers:
    """The statements both backends share; ``write`` is each backend's own."""

    def __init__(self, collection: _Connection) -> None:
        self._collection = collection

    @property
    def where(self) -> Path | str:
        return self._collection.where

    def read_schedule(self, card_id: str) -> Schedule:
        with self._collection.quick_statements() as cursor:
            row = cursor.execute(self._collection.plain_sql.read_schedule, {"card_id": card_id})
            found = row.fetchone()
        if found is None:
            raise KeyError(card_id)
        return schedule_from_row(found)

    def find(self, card_id: str, moment: str) -> int | None:
        with self._collection.quick_statements() as cursor:
            parameters = {"card_id": card_id, "reviewed_at": moment}
            found = cursor.execute(self._collection.plain_sql.find_answer, parameters).fetchone()
        return None if found is None else int(found[0])

    def take_back(self, review_id: int, rule: TakeBack) -> str:
        sql = self._collection.plain_sql
        with self._collection.quick_transaction() as cursor:
            logged = cursor.execute(sql.logged_answer, {"review_id": review_id}).fetchone()
            if logged is None:
                raise KeyError(review_id)
            card_id = str(logged[0])
            answer = _logged_answer(logged[1:])
            now = cursor.execute(sql.read_schedule, {"card_id": card_id}).fetchone()
            self._collection.writes.note()
            cursor.execute(sql.forget_reflection, {"review_id": review_id})
            cursor.execute(sql.forget_answer, {"review_id": review_id})
            last = cursor.execute(sql.last_scheduling_day, {"card_id": card_id}).fetchone()[0]
            before = rule(schedule_from_row(now), answer, day_or_none(last))
            cursor.execute(
                sql.write_schedule, {"card_id": card_id, **schedule_values(before, "new_")}
            )
        return card_id

    def start_session(self, kind: str, day: dt.date, moment: str, planned_seconds: int) -> int:
        with self._collection.quick_transaction() as cursor:
            self._collection.writes.note()
            row = cursor.execute(
                self._collection.plain_sql.start_session,
                {
                    "kind": kind,
                    "practice_day": day.isoformat(),
                    "started_at": moment,
                    "planned_seconds": planned_seconds,
                },
            ).fetchone()
        return int(row[0])

    def end_session(self, session_id: int, moment: str) -> None:
        with self._collection.quick_transaction() as cursor:
            self._collection.writes.note()
            parameters = {"session_id": session_id, "ended_at": moment}
            cursor.execute(self._collection.plain_sql.end_session, parameters)

    def practised_days(self, first: dt.date, last: dt.date) -> set[dt.date]:
        with self._collection.quick_statements() as cursor:
            parameters = {"first": first.isoformat(), "last": last.isoformat()}
            rows = cursor.execute(self._collection.plain_sql.practised_days, parameters).fetchall()
        return {day(value) for (value,) in rows}

    def last_practice_day(self) -> dt.date | None:
        with self._collection.quick_statements() as cursor:
            (last,) = cursor.execute(self._collection.plain_sql.last_practice_day).fetchone()
        return day_or_none(last)

    def totals(self) -> tuple[int, int, int]:
        with self._collection.quick_statements() as cursor:
            answers, days, total_ms = cursor.execute(
                self._collection.plain_sql.answer_totals
            ).fetchone()
        return int(answers), int(days), int(total_ms)


class LocalAnswers(PlainAnswers):
    """On SQLite: the guarded update, the log row and any reflection in one transaction."""

    def write(self, expected: Schedule, decision: Decision, given: GivenAnswer) -> int | None:
        sql = self._collection.plain_sql
        parameters = given.parameters(expected, decision)
        with self._collection.quick_transaction() as cursor:
            self._collection.writes.note()
            if cursor.execute(sql.write_schedule_if_unchanged, parameters).rowcount != 1:
                return None
            review_id = int(cursor.execute(sql.log_answer, parameters).fetchone()[0])
            if given.reflection:
                cursor.execute(sql.log_reflection, {**parameters, "review_id": review_id})
        return review_id


class ServerAnswers(PlainAnswers):
    """On a server, an answer is two round trips on the kept connection: the schedule read,
    then one statement that writes it all and commits by itself (``statements``)."""

    def read_schedule(self, card_id: str) -> Schedule:
        try:
            return super().read_schedule(card_id)
        except ServerEndedSessionError:
            # The server ended the kept connection just as it was checked. Nothing was
            # written, so the read is made again, on a new connection (not after a network
            # timeout: that would only make the person wait twice).
            return super().read_schedule(card_id)

    def write(self, expected: Schedule, decision: Decision, given: GivenAnswer) -> int | None:
        sql = self._collection.plain_sql
        statement = (
            sql.answer_with_reflection_on_server if given.reflection else sql.answer_on_server
        )
        with self._collection.quick_statements() as cursor:
            self._collection.writes.note()
            try:
                logged = cursor.execute(statement, given.parameters(expected, decision)).fetchone()
            except Exception as error:
                if getattr(error, "sqlstate", None) == _UNIQUE_VIOLATION:
                    # The person's other computer took this answer's number meanwhile.
                    return None
                raise
        return None if logged is None else int(logged[0])


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
