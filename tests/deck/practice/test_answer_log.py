"""The answer log: every answer committed before the call returns, undone exactly, built on
an answer given meanwhile elsewhere and never logged twice (the last on storage in memory)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imperfect_trainer.deck.practice.answer_log import AnswerLog
from imperfect_trainer.deck.srs.answer_rules import Decision, Schedule
from imperfect_trainer.deck.srs.scheduling import practice_day
from imperfect_trainer.deck.storage.answer_storage import AnswerStorage, GivenAnswer
from imperfect_trainer.deck.storage.models import CardState
from imperfect_trainer.deck.storage.server_errors import ServerUnreachableError
from imperfect_trainer.deck.storage.store_errors import CardChangedError
from imperfect_trainer.deck.storage.stored_values import moment_text
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows, store_rows
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def _state_row(store: Store, card_id: str) -> dict[str, Any]:
    """The card's schedule row by column name, as SQLite holds it (days as ISO text), on
    either backend."""
    columns = list(CardState.__table__.columns.keys())
    rows = fetch_rows(
        store,
        f"SELECT {', '.join(columns)} FROM card_states WHERE card_id = :id",
        {"id": card_id},
    )
    assert len(rows) == 1
    values = (v.isoformat() if isinstance(v, dt.date) else v for v in rows[0])
    return dict(zip(columns, values, strict=True))


def _count(store: Store, table: str) -> int:
    return int(str(fetch_rows(store, f"SELECT count(*) FROM {table}")[0][0]))


def test_an_answer_is_on_disk_before_the_call_returns(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    result = store.answer(card.id, 5, now=MORNING, duration_ms=4200)
    # Read with a separate connection: what a crash right now would leave behind.
    row = _state_row(store, card.id)
    schedule = (
        row["repetitions"],
        row["easiness_hundredths"],
        row["interval_days"],
        row["due_day"],
    )
    assert schedule == (1, 260, 1, (MORNING.date() + dt.timedelta(days=1)).isoformat())
    assert result.due_day == MORNING.date() + dt.timedelta(days=1)
    assert _count(store, "reviews") == 1


def test_a_missed_card_comes_back_today_as_a_drill_that_leaves_the_schedule_alone(
    store: Store,
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    first = store.answer(card.id, 2, now=MORNING)
    assert not first.drill
    assert store.todays_practice(MORNING).drill_ids == [card.id]
    state_after_first = _state_row(store, card.id)

    repeat = store.answer(card.id, 3, now=MORNING + dt.timedelta(minutes=1))
    assert repeat.drill
    assert store.todays_practice(MORNING).drill_ids == [card.id]
    store.answer(card.id, 4, now=MORNING + dt.timedelta(minutes=2))
    assert store.todays_practice(MORNING).drill_ids == []
    # Drills change only the answer count, never the SM-2 state.
    after_drills = _state_row(store, card.id)
    assert after_drills == {
        **state_after_first,
        "review_count": state_after_first["review_count"] + 2,
    }


def test_undo_restores_the_state_the_log_and_the_journal_exactly(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 4, now=MORNING)
    before = _state_row(store, card.id)
    reviews_before = _count(store, "reviews")

    later = NEXT_MORNING + dt.timedelta(days=1)
    result = store.answer(card.id, 1, now=later, reflection="I froze, and that is allowed.")
    assert _count(store, "journal_entries") == 1
    assert _state_row(store, card.id) != before

    store.answers.undo(result.review_id)
    assert _state_row(store, card.id) == before
    assert _count(store, "reviews") == reviews_before
    assert _count(store, "journal_entries") == 0


def test_undoing_a_first_answer_makes_the_card_new_again(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    untouched = _state_row(store, card.id)
    result = store.answer(card.id, 5, now=MORNING)
    store.answers.undo(result.review_id)
    assert _state_row(store, card.id) == untouched
    assert store.todays_practice(MORNING).new_count == 8


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # A grade, or None: a reflection written instead (with its text).
    steps=st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 5)), st.integers(0, 2)),
        min_size=1,
        max_size=6,
    ),
    last_grade=st.one_of(st.none(), st.integers(0, 5)),
    reflection=st.sampled_from([None, "", "It went better than I feared."]),
)
def test_an_answer_and_its_undo_leave_every_row_as_it_was(
    store: Store,
    steps: list[tuple[int | None, int]],
    last_grade: int | None,
    reflection: str | None,
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    now = MORNING
    for grade, days_later in steps:
        now += dt.timedelta(days=days_later, minutes=1)
        store.answers.record(card.id, grade, now=now, reflection=_written(grade))
    before = store_rows(store)
    answered = store.answers.record(
        card.id, last_grade, now=now, reflection=reflection or _written(last_grade)
    )
    store.answers.undo(answered.review_id)
    assert store_rows(store) == before
    for review_id in _review_ids(store):
        store.answers.undo(review_id)  # back to the copied collection for the next example


def _written(grade: int | None) -> str | None:
    return "Both can be true at once." if grade is None else None


def _review_ids(store: Store) -> list[int]:
    return [
        int(str(row[0])) for row in fetch_rows(store, "SELECT id FROM reviews ORDER BY id DESC")
    ]


class _AnswersInMemory:
    """Answer storage without a database: schedules in a dict, answers in a list. The person's
    other computer can answer a card between this session's read and its write
    (``answered_elsewhere``), and a write can be committed with its reply lost (``lose_reply``)."""

    where = "memory"

    def __init__(self, card_id: str) -> None:
        self.schedules = {card_id: Schedule()}
        self.logged: list[tuple[str, str]] = []
        self.answered_elsewhere = 0
        self.lose_reply = False

    def read_schedule(self, card_id: str) -> Schedule:
        return self.schedules[card_id]

    def write(self, expected: Schedule, decision: Decision, given: GivenAnswer) -> int | None:
        if self.answered_elsewhere:
            self.answered_elsewhere -= 1
            stored = self.schedules[given.card_id]
            self.schedules[given.card_id] = replace(stored, review_count=stored.review_count + 1)
        if self.schedules[given.card_id] != expected:
            return None
        self.schedules[given.card_id] = decision.schedule
        self.logged.append((given.card_id, given.moment))
        if self.lose_reply:
            self.lose_reply = False
            raise ServerUnreachableError("memory", "the reply never came")
        return len(self.logged)

    def find(self, card_id: str, moment: str) -> int | None:
        found = [n for n, row in enumerate(self.logged, 1) if row == (card_id, moment)]
        return found[0] if found else None


class _Morning:
    def practice_day(self, now: dt.datetime) -> dt.date:
        return practice_day(now)

    def setting(self, key: str) -> object:
        raise KeyError(key)


def _log_in_memory(storage: _AnswersInMemory) -> AnswerLog:
    return AnswerLog(cast(AnswerStorage, storage), _Morning())


def test_an_answer_given_meanwhile_elsewhere_is_read_and_decided_again() -> None:
    storage = _AnswersInMemory("fact.one")
    storage.answered_elsewhere = 1
    result = _log_in_memory(storage).record("fact.one", 4, now=MORNING)
    assert storage.logged == [("fact.one", moment_text(MORNING))]
    # Built on the other computer's answer (its review counted), not over it.
    assert result.schedule.review_count == 2
    assert storage.schedules["fact.one"] == result.schedule


def test_a_card_that_keeps_changing_is_not_answered() -> None:
    storage = _AnswersInMemory("fact.one")
    storage.answered_elsewhere = 3
    with pytest.raises(RuntimeError, match="kept changing"):
        _log_in_memory(storage).record("fact.one", 4, now=MORNING)
    assert storage.logged == []


def test_a_card_changed_since_it_was_shown_is_refused_without_writing() -> None:
    storage = _AnswersInMemory("fact.one")
    shown = storage.schedules["fact.one"]
    storage.schedules["fact.one"] = replace(shown, review_count=7)
    with pytest.raises(CardChangedError):
        _log_in_memory(storage).record("fact.one", 4, now=MORNING, expected=shown)
    assert storage.logged == []


def test_an_answer_whose_reply_was_lost_is_found_done_when_given_again() -> None:
    storage = _AnswersInMemory("fact.one")
    log = _log_in_memory(storage)
    storage.lose_reply = True
    with pytest.raises(ServerUnreachableError):
        log.record("fact.one", 4, now=MORNING)
    again = log.record("fact.one", 4, now=MORNING + dt.timedelta(seconds=20))
    assert storage.logged == [("fact.one", moment_text(MORNING))]
    assert again.review_id == 1
    assert again.schedule == storage.schedules["fact.one"]
