"""The person's own cards: checks, adding, editing, deleting, and notes on built-in cards."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.features import own_cards
from imperfect_trainer.deck.features.own_cards import NotOwnCardError, OwnCardDraft
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends

DRAFT = OwnCardDraft(
    CardKind.REFRAME,
    "“If the hour felt messy, I failed.”",
    "Messy hours are where much of the work happens.",
    "Rumination, messy client",
)


def _fields(store: Store, draft: OwnCardDraft, editing: str | None = None) -> list[str]:
    return [problem.field for problem in own_cards.problems(store, draft, editing=editing)]


def test_typed_tags_become_deck_tags() -> None:
    assert own_cards.parse_tags("Late client, rumination;  late client\nno-progress") == (
        "late-client",
        "rumination",
        "no-progress",
    )


def test_a_draft_needs_a_front_and_a_back(store: Store) -> None:
    empty = OwnCardDraft(CardKind.REFRAME, "   ", "")
    assert _fields(store, empty) == ["front", "back"]


def test_a_front_already_in_the_deck_is_refused_whatever_its_case_and_spacing(
    store: Store,
) -> None:
    builtin_front = builtin_deck().cards[0].front
    shouting = "  " + "  ".join(builtin_front.upper().split()) + " "
    assert _fields(store, OwnCardDraft(CardKind.REALITY, shouting, "back")) == ["front"]


def test_a_tag_with_odd_characters_is_refused(store: Store) -> None:
    assert _fields(store, OwnCardDraft(CardKind.SIGN, "A new front", "back", "late!")) == ["tags"]


def test_an_added_card_is_own_new_and_in_its_section(store: Store) -> None:
    card_id = own_cards.add_own_card(store, DRAFT, MORNING)
    assert card_id.startswith("own.if-the-hour-felt-messy-i-failed-")
    card = store.card(card_id)
    assert card.is_new
    assert card.section == own_cards.OWN_SECTION
    assert card.tags == ("rumination", "messy-client")
    assert fetch_rows(
        store, "SELECT origin, source FROM cards WHERE id = :id", {"id": card_id}
    ) == [("own", "own")]


def test_editing_keeps_the_schedule_and_does_not_count_itself_as_a_duplicate(
    store: Store,
) -> None:
    card_id = own_cards.add_own_card(store, DRAFT, MORNING)
    store.answer(card_id, 5, now=MORNING)
    state = store.card(card_id).state
    assert _fields(store, DRAFT, editing=card_id) == []
    changed = OwnCardDraft(CardKind.PRACTICE, DRAFT.front, "A kinder back.", "", "Evenings")
    own_cards.update_own_card(store, card_id, changed, MORNING)
    card = store.card(card_id)
    assert (card.kind, card.back, card.section, card.tags) == (
        CardKind.PRACTICE,
        "A kinder back.",
        "Evenings",
        (),
    )
    assert card.state == state
    assert own_cards.own_card_draft(store, card_id) == changed


def test_a_second_card_with_the_same_front_is_refused(store: Store) -> None:
    own_cards.add_own_card(store, DRAFT, MORNING)
    with pytest.raises(ValueError, match="already in your deck"):
        own_cards.add_own_card(store, DRAFT, MORNING)


def test_deleting_an_own_card_takes_its_answers_and_keeps_the_journal_text(
    store: Store,
) -> None:
    card_id = own_cards.add_own_card(
        store, OwnCardDraft(CardKind.REFLECTION, "What went well enough?", "One thing."), MORNING
    )
    store.answer(card_id, 4, now=MORNING, reflection="I stayed with her silence")
    assert own_cards.answers_given(store, [card_id]) == 1
    own_cards.delete_own_cards(store, [card_id])
    assert fetch_rows(store, "SELECT count(*) FROM reviews") == [(0,)]
    assert fetch_rows(store, "SELECT card_id, text FROM journal_entries") == [
        (None, "I stayed with her silence")
    ]
    with pytest.raises(KeyError):
        store.card(card_id)


def test_built_in_cards_are_neither_edited_nor_deleted(store: Store) -> None:
    builtin = builtin_deck().cards[0].id
    with pytest.raises(NotOwnCardError):
        own_cards.update_own_card(store, builtin, DRAFT, MORNING)
    with pytest.raises(NotOwnCardError):
        own_cards.delete_own_cards(store, [builtin])
    assert store.card(builtin).front == builtin_deck().cards[0].front


def test_a_note_longer_than_a_card_keeps_is_refused_whole_not_cut(store: Store) -> None:
    builtin = builtin_deck().cards[0].id
    own_cards.set_personal_note(store, builtin, "Remember Tuesday.", MORNING)
    with pytest.raises(own_cards.NoteTooLongError):
        own_cards.set_personal_note(store, builtin, "x" * (own_cards.MAX_NOTE + 1), MORNING)
    assert store.card(builtin).personal_note == "Remember Tuesday."
    own_cards.set_personal_note(store, builtin, "x" * own_cards.MAX_NOTE, MORNING)
    assert store.card(builtin).personal_note == "x" * own_cards.MAX_NOTE


def test_a_personal_note_rides_on_a_built_in_card_and_can_be_removed(store: Store) -> None:
    builtin = builtin_deck().cards[0].id
    own_cards.set_personal_note(store, builtin, "  Remember Tuesday.  ", MORNING)
    assert store.card(builtin).personal_note == "Remember Tuesday."
    own_cards.set_personal_note(store, builtin, "", MORNING)
    assert store.card(builtin).personal_note is None
