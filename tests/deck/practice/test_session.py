"""The practice controller: a whole practice without a window, checked against the store."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.practice.session import AnsweredCard, Phase, Practice, SetAsideCard
from imperfect_trainer.deck.practice.todays_cards import PracticeCard
from imperfect_trainer.deck.storage.store_errors import CardChangedError
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends
WRITTEN = "I rehearse every sentence before a first session."


def _reviews(store: Store) -> list[tuple[str, int | None, int]]:
    return fetch_rows(store, "SELECT card_id, grade, drill FROM reviews ORDER BY id")


def _journal(store: Store) -> list[tuple[str, str]]:
    return fetch_rows(
        store, "SELECT card_id, text FROM journal_entries WHERE kind = 'reflection' ORDER BY id"
    )


def _queued(practice: Practice) -> list[str]:
    return [item.card_id for item in practice.queue.items]


def _answer(practice: Practice, grade: int, now: dt.datetime) -> None:
    """Answer the card in hand as a person does: show the answer and grade it, or, for a
    reflection, write a few lines."""
    if practice.current_is_reflection:
        practice.write_reflection(WRITTEN, now)
        return
    practice.reveal()
    practice.grade(grade, now)


def _until_a_reflection(practice: Practice, now: dt.datetime = MORNING) -> str:
    """Grade cards 5 until a reflection is in hand; its id."""
    while practice.current is not None and not practice.current_is_reflection:
        _answer(practice, 5, now)
    assert practice.current is not None, "the practice ended before a reflection came"
    return practice.current.id


def _a_card_to_recall(store: Store) -> PracticeCard:
    return next(
        c for c in store.todays_practice(MORNING).cards if c.kind is not CardKind.REFLECTION
    )


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
    _until_a_reflection(practice)
    _answer(practice, 5, MORNING)
    assert not practice.revealed
    with pytest.raises(RuntimeError, match="reveal"):
        practice.grade(5, MORNING)
    _answer(practice, 5, MORNING)
    practice.undo(MORNING)
    assert not practice.revealed
    with pytest.raises(RuntimeError, match="reveal"):
        practice.grade(5, MORNING)
    assert len(_reviews(store)) == 2


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


def test_a_reflection_is_written_never_graded_and_comes_back_in_a_week(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    card_id = _until_a_reflection(practice)
    practice.reveal()
    with pytest.raises(RuntimeError, match="written, not graded"):
        practice.grade(1, MORNING)
    practice.write_reflection(f"  {WRITTEN}  ", MORNING + dt.timedelta(seconds=90))
    assert _reviews(store)[-1] == (card_id, None, 0)
    assert _journal(store) == [(card_id, WRITTEN)]
    assert store.card(card_id).due_day == MORNING.date() + dt.timedelta(days=7)
    assert _current_id(practice) != card_id


def test_blank_writing_is_refused_and_nothing_is_stored(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    card_id = _until_a_reflection(practice)
    answers = _reviews(store)
    with pytest.raises(ValueError, match="nothing written"):
        practice.write_reflection(" \n\t ", MORNING)
    assert _reviews(store) == answers
    assert _journal(store) == []
    assert _current_id(practice) == card_id


def test_a_written_reflection_is_not_repeated_in_the_same_practice(store: Store) -> None:
    practice = Practice.start(store, MORNING, seconds=3600)
    card_id = _until_a_reflection(practice)
    _answer(practice, 5, MORNING)
    seen = []
    while practice.current is not None:
        seen.append(_current_id(practice))
        _answer(practice, 1 if len(seen) % 2 else 5, MORNING)  # misses come back as drills
    assert card_id not in seen
    assert [row for row in _reviews(store) if row[0] == card_id] == [(card_id, None, 0)]


def test_not_today_writes_nothing_and_keeps_the_reflection_for_another_day(
    store: Store,
) -> None:
    practice = Practice.start(store, MORNING, seconds=3600)
    card_id = _until_a_reflection(practice)
    answers = _reviews(store)
    practice.set_aside(MORNING)
    assert _reviews(store) == answers
    assert _journal(store) == []
    assert store.card(card_id).is_new  # still waiting: nothing was decided
    while practice.current is not None:
        assert _current_id(practice) != card_id
        _answer(practice, 5, MORNING)
    later = MORNING + dt.timedelta(hours=2)
    # A practice started afresh (as after quitting and starting the app again) knows it too:
    # it is kept with the collection, not in the practice.
    again = Practice.start(store, later)
    assert card_id not in _queued(again)
    assert store.today.set_aside_on(store.practice_day(later)) == {card_id}
    tomorrow = MORNING + dt.timedelta(days=1)
    assert card_id in _queued(Practice.start(store, tomorrow))


def test_only_a_reflection_can_be_left_for_another_day(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    assert not practice.current_is_reflection
    with pytest.raises(RuntimeError, match="only a reflection"):
        practice.set_aside(MORNING)
    with pytest.raises(RuntimeError, match="graded, not written"):
        practice.write_reflection(WRITTEN, MORNING)


def test_undo_takes_back_a_written_reflection_and_its_journal_entry(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    card_id = _until_a_reflection(practice)
    answers = _reviews(store)
    practice.write_reflection(WRITTEN, MORNING)
    undone = practice.undo(MORNING)
    assert isinstance(undone, AnsweredCard)
    assert undone.reflection == WRITTEN
    assert _current_id(practice) == card_id
    assert _reviews(store) == answers
    assert _journal(store) == []
    assert store.card(card_id).is_new


def test_undo_of_not_today_brings_the_reflection_back(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    card_id = _until_a_reflection(practice)
    practice.set_aside(MORNING)
    undone = practice.undo(MORNING)
    assert isinstance(undone, SetAsideCard)
    assert _current_id(practice) == card_id
    assert card_id not in store.today.set_aside_on(store.practice_day(MORNING))
    practice.write_reflection(WRITTEN, MORNING)
    assert _journal(store) == [(card_id, WRITTEN)]


def _reflections_offered(store: Store) -> list[str]:
    practice = Practice.start(store, MORNING, seconds=3600)
    offered = []
    while practice.current is not None:
        if practice.current_is_reflection:
            offered.append(_current_id(practice))
        _answer(practice, 5, MORNING)
    return offered


def test_a_practice_offers_one_reflection_unless_asked_for_more(store: Store) -> None:
    store.set_setting("new_cards_per_day", 50)
    waiting = store.todays_practice(MORNING, limit=200).cards
    due = [c.id for c in waiting if c.kind is CardKind.REFLECTION]
    assert len(due) >= 3, "the test needs several reflections waiting"
    assert _reflections_offered(store) == due[:1]
    store.set_setting("reflections_per_practice", 2)
    assert _reflections_offered(store) == due[1:3]  # a second practice, the next ones


def test_the_summary_counts_each_card_once_and_reflections_apart(store: Store) -> None:
    practice = Practice.start(store, MORNING, seconds=3600)
    _answer(practice, 5, MORNING)
    _until_a_reflection(practice)
    practice.write_reflection(WRITTEN, MORNING)
    for grade in (0, 3, 2, 4):
        _answer(practice, grade, MORNING)
    summary = practice.summary(MORNING)
    assert summary.reflections_written == 1
    assert summary.cards_graded == 5
    # 3 is a pass that is practised once more today: it counts once, as moved forward
    assert (summary.moved_forward, summary.still_settling, summary.once_more) == (3, 2, 0)
    while practice.current is not None:  # the misses come round again and are passed
        _answer(practice, 4, MORNING)
    summary = practice.summary(MORNING)
    assert summary.moved_forward + summary.still_settling + summary.once_more == (
        summary.cards_graded
    )
    assert summary.cards_done == summary.cards_graded + 1
    assert summary.answers == len(_reviews(store))


def test_answering_every_card_3_meets_each_once_more_at_most_and_goes_on_to_new_cards(
    store: Store,
) -> None:
    ten_days_on = MORNING + dt.timedelta(days=10)
    first = Practice.start(store, MORNING, seconds=3600)
    introduced = []
    while first.current is not None:
        introduced.append(_current_id(first))
        _answer(first, 5, MORNING)
    practice = Practice.start(store, ten_days_on, seconds=3600)
    answers: dict[str, int] = {}
    for _ in range(200):  # bounded: without the rule, a 3 brings the same cards back for ever
        if practice.current is None:
            break
        card_id = _current_id(practice)
        answers[card_id] = answers.get(card_id, 0) + 1
        _answer(practice, 3, ten_days_on)
    assert practice.finished
    assert max(answers.values()) == 2
    assert set(answers) - set(introduced), "no new card was met"
    summary = practice.summary(ten_days_on)
    graded = [c for c in answers if store.card(c).kind is not CardKind.REFLECTION]
    assert summary.repeats == sum(answers[c] - 1 for c in graded)
    assert summary.repeats > 0


def test_cards_missed_in_an_earlier_practice_today_count_once_more(store: Store) -> None:
    first = Practice.start(store, MORNING)
    missed = _current_id(first)
    _answer(first, 1, MORNING)
    first.end(MORNING)
    second = Practice.start(store, MORNING + dt.timedelta(hours=1))
    assert _current_id(second) == missed
    assert second.current_is_drill
    _answer(second, 4, MORNING + dt.timedelta(hours=1))
    summary = second.summary(MORNING + dt.timedelta(hours=1))
    assert (summary.cards_graded, summary.once_more, summary.moved_forward) == (1, 1, 0)


def test_next_intervals_preview_what_each_grade_would_schedule(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    assert practice.next_intervals(MORNING) == {}  # nothing to say before the answer is shown
    practice.reveal()
    assert practice.next_intervals(MORNING) == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1}


def test_a_card_missed_in_a_debrief_shows_on_its_buttons_what_its_answer_stores(
    store: Store,
) -> None:
    card = _a_card_to_recall(store)
    debrief = Practice.start(store, MORNING, card_ids=[card.id], kind="debrief")
    _answer(debrief, 1, MORNING)  # a drill: the new card's schedule is left alone
    debrief.end(MORNING)
    later = MORNING + dt.timedelta(hours=3)
    practice = Practice.start(store, later)
    assert _current_id(practice) == card.id
    assert practice.current_is_drill  # met once more after the morning's miss
    practice.reveal()
    said = practice.next_intervals(later)
    practice.grade(4, later)
    stored = store.card(card.id)
    # Its first scheduling answer: due again in a day, as its button said (not "done today").
    assert stored.due_day == store.practice_day(later) + dt.timedelta(days=1)
    assert said[4] == 1


def test_a_card_answered_elsewhere_after_it_was_shown_is_not_answered_again(
    store: Store,
) -> None:
    practice = Practice.start(store, MORNING)
    card_id = _current_id(practice)
    practice.reveal()
    store.answers.record(card_id, 5, now=MORNING)  # another of the person's computers
    elsewhere = _reviews(store)
    with pytest.raises(CardChangedError):
        practice.grade(2, MORNING)
    assert _reviews(store) == elsewhere
    assert practice.phase is Phase.ANSWER  # still in hand, its buttons worked out again
    # Now a repeat: the schedule stays; a miss still comes back once in this practice.
    assert practice.next_intervals(MORNING) == {0: None, 1: None, 2: None, 3: None, 4: 0, 5: 0}
    practice.grade(2, MORNING)
    assert _reviews(store) == [*elsewhere, (card_id, 2, 1)]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    history=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.booleans()), min_size=0, max_size=6
    ),
    days_later=st.integers(0, 3),
    kind=st.sampled_from(["daily", "debrief"]),
    grade=st.integers(0, 5),
)
def test_what_each_button_says_is_what_its_answer_stores(
    store: Store,
    history: list[tuple[int, int, bool]],
    days_later: int,
    kind: str,
    grade: int,
) -> None:
    card = _a_card_to_recall(store)
    now = MORNING
    for past_grade, gap, in_a_debrief in history:
        now += dt.timedelta(days=gap, minutes=1)
        store.answers.record(card.id, past_grade, now=now, drill_only=in_a_debrief)
    now += dt.timedelta(days=days_later, minutes=1)
    if kind == "daily":
        practice = Practice.start(store, now)
    else:
        practice = Practice.start(store, now, card_ids=[card.id], kind="debrief")
    try:
        in_hand = practice.current
        assume(in_hand is not None and in_hand.kind is not CardKind.REFLECTION)
        assert in_hand is not None
        practice.reveal()
        said = practice.next_intervals(now)[grade]
        practice.grade(grade, now)
        stored = store.card(in_hand.id).schedule
        today = store.practice_day(now)
        result = practice.answered[-1].result
        if said is None or said == 0:
            # A repeat: the schedule stays as it was, and the card is back later or done today.
            assert result.drill
            assert stored.due_day == in_hand.due_day
            back = in_hand.id in {item.card_id for item in practice.queue.items}
            assert back == (said is None)
        else:
            assert not result.drill
            assert stored.due_day == today + dt.timedelta(days=said)
    finally:
        practice.end(now)
        for (review_id,) in fetch_rows(store, "SELECT id FROM reviews ORDER BY id DESC"):
            store.answers.undo(review_id)  # back to the copied collection for the next example


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


def test_todays_practice_counts_the_reflections_it_holds(store: Store) -> None:
    store.set_setting("new_cards_per_day", 50)
    plan = store.todays_practice(MORNING, limit=200)
    assert plan.reflections == sum(card.kind is CardKind.REFLECTION for card in plan.cards)
    assert plan.reflections >= 3
