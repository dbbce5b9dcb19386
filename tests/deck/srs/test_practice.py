"""The practice controller: a whole practice without a window, checked against the store."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.srs.practice import Practice
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def _reviews(store: Store) -> list[tuple[str, int, int]]:
    return fetch_rows(store, "SELECT card_id, grade, drill FROM reviews ORDER BY id")


def _answer(
    practice: Practice, grade: int, now: dt.datetime, *, reflection: str | None = None
) -> None:
    """Show the answer, then grade it, as a person does."""
    practice.reveal()
    practice.grade(grade, now, reflection=reflection)


def _current_id(practice: Practice) -> str:
    card = practice.current
    assert card is not None, "the practice has no card in hand"
    return card.id


def test_each_grade_is_stored_before_the_next_card_is_offered(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    first = practice.current
    assert first is not None
    _answer(practice, 5, MORNING + dt.timedelta(seconds=20))
    assert _reviews(store) == [(first.id, 5, 0)]
    assert _current_id(practice) != first.id


def test_a_card_is_graded_only_after_its_answer_is_shown(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    card_id = _current_id(practice)
    with pytest.raises(RuntimeError, match="reveal the card before grading"):
        practice.grade(5, MORNING)
    assert _reviews(store) == []
    assert _current_id(practice) == card_id
    assert store.card(card_id).is_new
    _answer(practice, 5, MORNING)
    assert _reviews(store) == [(card_id, 5, 0)]


def test_the_next_card_and_an_undone_one_wait_to_be_revealed(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    _answer(practice, 5, MORNING)
    assert not practice.revealed
    with pytest.raises(RuntimeError, match="reveal"):
        practice.grade(5, MORNING)
    practice.reveal()
    practice.undo(MORNING)
    assert not practice.revealed
    with pytest.raises(RuntimeError, match="reveal"):
        practice.grade(5, MORNING)
    assert len(_reviews(store)) == 0


def test_an_ended_practice_has_no_answer_left_to_grade(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    practice.reveal()
    practice.end(MORNING)
    assert not practice.revealed
    with pytest.raises(RuntimeError, match="no card in hand"):
        practice.grade(4, MORNING)
    assert _reviews(store) == []


def test_a_missed_card_returns_three_cards_later_as_a_drill(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    missed = practice.current
    assert missed is not None
    _answer(practice, 1, MORNING)
    for _ in range(3):
        assert _current_id(practice) != missed.id
        _answer(practice, 5, MORNING)
    assert _current_id(practice) == missed.id
    assert practice.current_is_drill
    state_before_drill = store.card(missed.id).state
    _answer(practice, 4, MORNING)
    assert store.card(missed.id).state == state_before_drill
    assert _reviews(store)[-1] == (missed.id, 4, 1)


def test_the_time_box_ends_the_practice_after_the_card_in_hand(store: Store) -> None:
    practice = Practice.start(store, MORNING, seconds=60)
    _answer(practice, 5, MORNING + dt.timedelta(seconds=30))
    assert not practice.finished
    _answer(practice, 5, MORNING + dt.timedelta(seconds=61))
    assert practice.finished
    assert practice.current is None
    summary = practice.summary(MORNING + dt.timedelta(seconds=61))
    assert summary.ended_by_time
    assert summary.cards_done == 2
    assert summary.waiting > 0


def test_undo_walks_back_to_the_start_of_the_practice(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    order = []
    for grade in (5, 2, 4):
        assert practice.current is not None
        order.append(practice.current.id)
        _answer(practice, grade, MORNING)
    for expected in reversed(order):
        undone = practice.undo(MORNING)
        assert undone is not None
        assert undone.card.id == expected
        assert _current_id(practice) == expected
    assert practice.undo(MORNING) is None
    assert _reviews(store) == []
    assert all(store.card(card_id).is_new for card_id in order)


def test_undo_after_the_time_box_reopens_the_practice(store: Store) -> None:
    practice = Practice.start(store, MORNING, seconds=10)
    _answer(practice, 5, MORNING + dt.timedelta(seconds=11))
    assert practice.finished
    practice.undo(MORNING + dt.timedelta(seconds=12))
    assert not practice.finished
    assert practice.current is not None


def test_a_reflection_answer_is_kept_in_the_journal_even_with_a_low_grade(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    while practice.current is not None and not practice.needs_typed_answer:
        _answer(practice, 5, MORNING)
    assert practice.current is not None
    assert practice.current.kind is CardKind.REFLECTION
    card_id = practice.current.id
    _answer(practice, 1, MORNING, reflection="  I replay sessions at night.  ")
    rows = fetch_rows(store, "SELECT card_id, kind, text FROM journal_entries")
    assert rows == [(card_id, "reflection", "I replay sessions at night.")]


def test_next_intervals_preview_what_each_grade_would_schedule(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    assert practice.next_intervals() == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1}


def test_a_debrief_practice_is_all_drill_and_leaves_schedules_alone(store: Store) -> None:
    ids = [card.id for card in store.todays_practice(MORNING).cards[:2]]
    practice = Practice.start(store, MORNING, card_ids=ids, kind="debrief")
    for _ in ids:
        _answer(practice, 5, MORNING)
    assert practice.finished
    assert [row[2] for row in _reviews(store)] == [1, 1]
    assert all(store.card(card_id).is_new for card_id in ids)


def test_a_day_with_nothing_waiting_ends_at_once(store: Store) -> None:
    store.set_setting("new_cards_per_day", 0)
    practice = Practice.start(store, MORNING)
    assert practice.finished
    assert practice.summary(MORNING).cards_done == 0
