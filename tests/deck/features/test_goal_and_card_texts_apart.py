"""A goal's and an own card's texts written apart, as the goals screen and the card's editor
read them: listed with the goal or card, added where they were written as an edit, done with,
and never deleted from disk by either."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import goals, own_cards
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import texts_apart
from tests.support.written_apart import (
    BACK_HERE,
    BACK_THERE,
    CARD_NOTE_HERE,
    CARD_NOTE_THERE,
    FRONT_HERE,
    FRONT_THERE,
    GOAL_HERE,
    GOAL_THERE,
    LATER,
    NOTE_HERE,
    NOTE_THERE,
    card_merged_apart,
    goal_merged_apart,
    note_merged_apart,
    on_disk,
)

NOW = LATER + dt.timedelta(hours=2)


def _goal(store: Store, goal_id: int) -> goals.Goal:
    (goal,) = [goal for goal in goals.list_goals(store) if goal.id == goal_id]
    return goal


def test_a_solo_collection_has_no_goal_or_card_texts_apart(store: Store) -> None:
    goals.add_goal(store, GOAL_HERE, LATER)
    card_id = own_cards.add_own_card(store, OwnCardDraft(CardKind.FACT, "Front", "Back"), LATER)
    assert goals.written_apart(store) == {}
    assert own_cards.written_apart(store, card_id) == ()


def test_a_goals_text_and_note_written_apart_are_listed_with_it(store: Store) -> None:
    goal_id = goal_merged_apart(store)
    listed = goals.written_apart(store)[goal_id]
    assert [(other.field, other.text, other.here) for other in listed] == [
        ("text", GOAL_THERE, False),
        ("note", NOTE_THERE, False),
    ]


def test_adding_them_saves_each_into_its_own_field_as_an_edit(store: Store) -> None:
    goal_id = goal_merged_apart(store)
    text, note = goals.written_apart(store)[goal_id]
    goals.add_text_apart(store, goal_id, text.key, NOW)
    goals.add_text_apart(store, goal_id, note.key, NOW)
    goal = _goal(store, goal_id)
    assert goal.text == f"{GOAL_HERE}\n\n{GOAL_THERE}"
    # The note is one line.
    assert goal.note == f"{NOTE_HERE} {NOTE_THERE}"
    assert (goal.updated_at, goal.revisited_day) == (NOW, store.practice_day(NOW))
    assert goals.written_apart(store) == {}
    assert on_disk(store) == [GOAL_THERE, NOTE_THERE]


def test_a_goal_too_long_with_it_is_left_as_it_was(store: Store) -> None:
    goal_id = goal_merged_apart(store)
    long_goal = "Leave at six " + "and rest " * 50
    goals.update_goal(store, goal_id, long_goal[:480], LATER, striving=None,
                      discussed_in_supervision=None, note=NOTE_HERE)  # fmt: skip
    text = goals.written_apart(store)[goal_id][0]
    with pytest.raises(ValueError, match="a goal fits 500 characters"):
        goals.add_text_apart(store, goal_id, text.key, NOW)
    assert _goal(store, goal_id).text == long_goal[:480].strip()
    assert goals.written_apart(store)[goal_id][0] == text


def test_adding_it_to_a_goal_removed_meanwhile_changes_nothing(store: Store) -> None:
    goal_id = goal_merged_apart(store)
    key = goals.written_apart(store)[goal_id][0].key
    goals.delete_goal(store, goal_id)
    assert goals.add_text_apart(store, goal_id, key, NOW) is None
    assert on_disk(store) == [GOAL_THERE, NOTE_THERE]


def test_done_with_a_goals_text_hides_it_and_keeps_it(store: Store) -> None:
    goal_id = goal_merged_apart(store)
    text, note = goals.written_apart(store)[goal_id]
    texts_apart.done_with(store, text.key)
    assert goals.written_apart(store)[goal_id] == (note,)
    assert _goal(store, goal_id).text == GOAL_HERE
    assert on_disk(store) == [GOAL_THERE, NOTE_THERE]


def test_an_own_cards_front_and_back_written_apart_are_listed_with_it(store: Store) -> None:
    card_id = card_merged_apart(store)
    listed = own_cards.written_apart(store, card_id)
    assert [(other.field, other.text) for other in listed] == [
        ("front", FRONT_THERE),
        ("back", BACK_THERE),
    ]


def test_each_is_added_to_the_side_it_was_written_on_and_saved(store: Store) -> None:
    card_id = card_merged_apart(store)
    front, back = own_cards.written_apart(store, card_id)
    draft = own_cards.with_text_apart(own_cards.own_card_draft(store, card_id), back)
    assert (draft.front, draft.back) == (FRONT_HERE, f"{BACK_HERE}\n\n{BACK_THERE}")
    # Added already (and not saved yet): not added twice.
    assert own_cards.with_text_apart(draft, back) == draft
    own_cards.add_text_apart(store, card_id, draft, back.key, NOW)
    card = store.card(card_id)
    assert (card.front, card.back) == (FRONT_HERE, f"{BACK_HERE}\n\n{BACK_THERE}")
    assert own_cards.written_apart(store, card_id) == (front,)
    draft = own_cards.with_text_apart(own_cards.own_card_draft(store, card_id), front)
    assert draft.front == f"{FRONT_HERE}\n\n{FRONT_THERE}"
    assert sorted(on_disk(store)) == sorted([FRONT_THERE, BACK_THERE])


def test_a_card_that_cannot_be_saved_so_is_left_as_it_was(store: Store) -> None:
    card_id = card_merged_apart(store)
    front, _ = own_cards.written_apart(store, card_id)
    draft = own_cards.with_text_apart(own_cards.own_card_draft(store, card_id), front)
    too_long = OwnCardDraft(draft.kind, draft.front + "!" * 500, draft.back)
    with pytest.raises(ValueError, match="front"):
        own_cards.add_text_apart(store, card_id, too_long, front.key, NOW)
    assert store.card(card_id).front == FRONT_HERE
    assert own_cards.written_apart(store, card_id)[0] == front


def test_a_cards_note_written_apart_is_added_to_its_note_and_saved(store: Store) -> None:
    card_id = note_merged_apart(store)
    (other,) = own_cards.note_written_apart(store, card_id)
    assert other.text == CARD_NOTE_THERE

    note = own_cards.with_note_apart(store.card(card_id).personal_note or "", other)
    own_cards.add_note_apart(store, card_id, note, other.key, NOW)

    assert store.card(card_id).personal_note == f"{CARD_NOTE_HERE}\n{CARD_NOTE_THERE}"
    assert own_cards.note_written_apart(store, card_id) == ()
    assert on_disk(store) == [CARD_NOTE_THERE]


def test_a_cards_note_too_long_with_it_is_left_as_it_was_and_still_shown(store: Store) -> None:
    card_id = note_merged_apart(store)
    (other,) = own_cards.note_written_apart(store, card_id)
    long_note = "x" * (own_cards.MAX_NOTE - 5)

    with pytest.raises(own_cards.NoteTooLongError):
        own_cards.add_note_apart(
            store, card_id, own_cards.with_note_apart(long_note, other), other.key, NOW
        )

    assert store.card(card_id).personal_note == CARD_NOTE_HERE
    assert own_cards.note_written_apart(store, card_id) == (other,)
