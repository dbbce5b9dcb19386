"""The answers a person gives: recorded (decided by ``answer_rules``, then written in one
transaction), taken back, and counted; and the practice sessions they belong to.

Recording is the one action waited on after every card, so it runs its four statements on the
connection kept for that (``Store.quick_transaction``), BEGIN and COMMIT included; everything
else here is ordinary ORM queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update

from imperfect_trainer.deck.srs.answer_rules import Answer, Schedule, decide_answer, take_back
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.models import (
    CardState,
    JournalEntry,
    PracticeDay,
    PracticeSession,
    Review,
)

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

# Days are stored as ISO text and moments as naive UTC text, exactly as the models' Date and
# UtcDateTime store them.
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
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
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
                    int(answer.drill),
                    *_state_row(answer.before, answer.due_before),
                    *_state_row(answer.after, answer.due_after),
                ),
            )
            review_id = int(cursor.lastrowid or 0)
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
        with self.store.unit_of_work() as session:
            logged = session.get(Review, review_id)
            if logged is None:
                raise KeyError(review_id)
            state = session.get(CardState, logged.card_id)
            assert state is not None  # a review's card always has a state (foreign key)
            session.execute(delete(JournalEntry).where(JournalEntry.review_id == review_id))
            session.delete(logged)
            session.flush()
            last_day = session.scalar(
                select(func.max(Review.practice_day)).where(
                    Review.card_id == logged.card_id, Review.drill.is_(False)
                )
            )
            before = take_back(schedule_of(state), logged_answer(logged), last_day)
            for name, value in _schedule_fields(before).items():
                setattr(state, name, value)
            return logged.card_id

    def start_session(self, now: dt.datetime, *, kind: str = "daily") -> int:
        with self.store.unit_of_work() as session:
            practice = PracticeSession(
                kind=kind,
                practice_day=self.store.practice_day(now),
                started_at=now,
                planned_seconds=int(self.store.setting("session_seconds")),
            )
            session.add(practice)
            session.flush()
            return practice.id

    def end_session(self, session_id: int, now: dt.datetime) -> None:
        with self.store.unit_of_work() as session:
            session.execute(
                update(PracticeSession).where(PracticeSession.id == session_id).values(ended_at=now)
            )

    def practised_days(self, first: dt.date, last: dt.date) -> set[dt.date]:
        """The days between ``first`` and ``last`` (inclusive) with at least one answer."""
        with self.store.unit_of_work() as session:
            return set(
                session.scalars(
                    select(Review.practice_day)
                    .where(Review.practice_day.between(first, last))
                    .distinct()
                )
            )

    def last_practice_day(self) -> dt.date | None:
        with self.store.unit_of_work() as session:
            return session.scalar(select(func.max(Review.practice_day)))

    def totals(self) -> AnswerTotals:
        """Answers, days and minutes, from the per-day totals the schema keeps (one row a day,
        no pass over the whole log)."""
        with self.store.unit_of_work() as session:
            answers, days, total_ms = session.execute(
                select(
                    func.coalesce(func.sum(PracticeDay.answers), 0),
                    func.count(),
                    func.coalesce(func.sum(PracticeDay.duration_ms), 0),
                )
            ).one()
        return AnswerTotals(int(answers), int(days), total_ms / 60_000)


def schedule_of(state: CardState) -> Schedule:
    return Schedule(
        repetitions=state.repetitions,
        easiness_hundredths=state.easiness_hundredths,
        interval_days=state.interval_days,
        due_day=state.due_day,
        last_review_day=state.last_review_day,
        introduced_day=state.introduced_day,
        review_count=state.review_count,
        lapses=state.lapses,
    )


def logged_answer(review: Review) -> Answer:
    return Answer(
        grade=review.grade,
        practice_day=review.practice_day,
        drill=review.drill,
        before=Sm2State.from_hundredths(
            review.repetitions_before, review.easiness_before, review.interval_before
        ),
        due_before=review.due_before,
        after=Sm2State.from_hundredths(
            review.repetitions_after, review.easiness_after, review.interval_after
        ),
        due_after=review.due_after,
    )


def moment_text(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _schedule_fields(schedule: Schedule) -> dict[str, object]:
    return {
        "repetitions": schedule.repetitions,
        "easiness_hundredths": schedule.easiness_hundredths,
        "interval_days": schedule.interval_days,
        "due_day": schedule.due_day,
        "last_review_day": schedule.last_review_day,
        "introduced_day": schedule.introduced_day,
        "review_count": schedule.review_count,
        "lapses": schedule.lapses,
    }


def _schedule(row: tuple[int, int, int, str | None, str | None, str | None, int, int]) -> Schedule:
    repetitions, easiness, interval, due, last, introduced, count, lapses = row
    return Schedule(
        repetitions, easiness, interval, _day(due), _day(last), _day(introduced), count, lapses
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


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _day_text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
