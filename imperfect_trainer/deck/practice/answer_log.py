"""The answers a person gives: recorded (decided by ``answer_rules``, then written), taken back,
and counted; and the practice sessions they belong to.

This is the policy; where answers are kept is the collection's ``AnswerStorage`` (one per
backend, ``storage/answer_storage``). An answer is decided on the schedule read, and written
only if the stored schedule is still that one: else it is read and decided again (another of
the person's sessions answered the card in between), or, when the caller named the schedule
the card was shown with (``expected``), refused with ``CardChangedError``. An answer whose
write failed may still have been committed (a server whose reply never came): the next answer
first looks for it, and the same card answered again is found done instead of logged twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from imperfect_trainer.deck.srs.answer_rules import Decision, Schedule, decide_answer, take_back
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.answer_storage import AnswerStorage, GivenAnswer
from imperfect_trainer.deck.storage.store_errors import CardChangedError
from imperfect_trainer.deck.storage.stored_values import moment_text

# Reads and decisions for one answer while the person's other sessions keep changing its card.
_ATTEMPTS = 3


class Calendar(Protocol):
    """What the answers ask of the person's settings."""

    def practice_day(self, now: dt.datetime) -> dt.date: ...

    def setting(self, key: str) -> Any: ...


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
class AnswerTotals:
    answers: int
    days_practised: int
    minutes_practised: float


@dataclass(frozen=True, slots=True)
class _Unconfirmed:
    """An answer whose write failed: it may have been committed all the same."""

    given: GivenAnswer
    decision: Decision


class AnswerLog:
    def __init__(self, storage: AnswerStorage, calendar: Calendar) -> None:
        self.storage = storage
        self.calendar = calendar
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
        done = self._confirmed(card_id)
        if done is not None:
            return done
        today = self.calendar.practice_day(now)
        text = reflection.strip() if reflection else ""
        given = GivenAnswer(card_id, grade, session_id, moment_text(now), today, duration_ms, text)
        for _ in range(_ATTEMPTS):
            stored = self.storage.read_schedule(card_id)
            if expected is not None and stored != expected:
                raise CardChangedError(
                    self.storage.where, f"card {card_id} was answered elsewhere after it was shown"
                )
            decision = decide_answer(stored, grade, today, drill_only=drill_only)
            try:
                review_id = self.storage.write(stored, decision, given)
            except Exception:
                self._unconfirmed = _Unconfirmed(given, decision)
                raise
            if review_id is not None:
                return _result(review_id, given, decision)
        raise RuntimeError(f"card {card_id} kept changing while it was answered")

    def _confirmed(self, card_id: str) -> AnswerResult | None:
        """The answer to ``card_id`` whose write failed, if it was committed all the same. Any
        earlier answer still unconfirmed is forgotten once the storage could be asked."""
        unconfirmed = self._unconfirmed
        if unconfirmed is None:
            return None
        given = unconfirmed.given
        found = self.storage.find(given.card_id, given.moment)
        self._unconfirmed = None
        if found is None or given.card_id != card_id:
            return None
        return _result(found, given, unconfirmed.decision)

    def undo(self, review_id: int) -> str:
        """Take back one answer: the card's schedule, the log row and its journal entry, exactly.
        Returns the card's id."""
        return self.storage.take_back(review_id, take_back)

    def start_session(self, now: dt.datetime, *, kind: str = "daily") -> int:
        return self.storage.start_session(
            kind,
            self.calendar.practice_day(now),
            moment_text(now),
            int(self.calendar.setting("session_seconds")),
        )

    def end_session(self, session_id: int, now: dt.datetime) -> None:
        self.storage.end_session(session_id, moment_text(now))

    def practised_days(self, first: dt.date, last: dt.date) -> set[dt.date]:
        """The days between ``first`` and ``last`` (inclusive) with at least one answer (from
        the per-day totals)."""
        return self.storage.practised_days(first, last)

    def last_practice_day(self) -> dt.date | None:
        return self.storage.last_practice_day()

    def totals(self) -> AnswerTotals:
        """Answers, days and minutes, from the per-day totals the schema keeps (one row a day,
        no pass over the whole log)."""
        answers, days, total_ms = self.storage.totals()
        return AnswerTotals(answers, days, total_ms / 60_000)


def _result(review_id: int, given: GivenAnswer, decision: Decision) -> AnswerResult:
    answer = decision.answer
    return AnswerResult(
        review_id,
        given.card_id,
        given.grade,
        answer.drill,
        answer.after,
        decision.schedule.due_day,
        decision.schedule,
    )
