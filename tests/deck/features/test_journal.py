"""The journal: reflections and debriefs together, newest first, searchable, editable, deletable."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.features import debrief, journal, report_data
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def _reflect(store: Store, text: str, when: dt.datetime) -> str:
    card = next(c for c in store.todays_practice(when).cards if c.kind.value == "reflection")
    store.answer(card.id, 4, now=when, reflection=text)
    return card.front


def test_reflections_and_debriefs_come_newest_first(store: Store) -> None:
    front = _reflect(store, "I rehearse every sentence", MORNING)
    debrief.save_debrief(store, ["rupture"], "It went badly", MORNING + dt.timedelta(hours=2))
    items = journal.entries(store)
    assert [(item.kind, item.text) for item in items] == [
        ("debrief", "It went badly"),
        ("reflection", "I rehearse every sentence"),
    ]
    assert items[0].situations == ("rupture",)
    assert items[1].card_front == front


def test_a_debrief_shows_the_cards_practised_after_it(store: Store) -> None:
    entry = debrief.save_debrief(store, ["relapse"], "Back to old habits", MORNING)
    cards = debrief.cards_for(store, ["relapse"], limit=2)
    practice = Practice.start(store, MORNING, card_ids=cards, kind="debrief")
    debrief.attach_practice(store, entry, practice.session_id)
    practice.reveal()
    practice.grade(4, MORNING + dt.timedelta(seconds=20))
    practice.reveal()
    practice.grade(5, MORNING + dt.timedelta(seconds=40))
    (item,) = journal.entries(store)
    assert [card.grade for card in item.practised] == [4, 5]
    assert item.practised[0].front == store.card(cards[0]).front


def test_search_finds_words_in_the_text_the_card_and_the_situations(store: Store) -> None:
    _reflect(store, "Perfect is not the goal", MORNING)
    debrief.save_debrief(store, ["late-client"], "Twenty minutes late", MORNING)
    assert [item.kind for item in journal.entries(store, "PERFECT goal")] == ["reflection"]
    assert [item.kind for item in journal.entries(store, "arrived late")] == ["debrief"]
    assert journal.entries(store, "nothing like this") == []


def test_an_entry_can_be_edited_and_deleted(store: Store) -> None:
    _reflect(store, "First draft", MORNING)
    (item,) = journal.entries(store)
    later = MORNING + dt.timedelta(hours=1)
    journal.update_text(store, item.id, "  Second thoughts ", later)
    (edited,) = journal.entries(store)
    assert (edited.text, edited.updated_at, edited.created_at) == (
        "Second thoughts",
        later,
        item.created_at,
    )
    journal.delete_entry(store, item.id)
    assert journal.entries(store) == []
    assert store.stats(MORNING).reviews == 1  # the answer it came from stays


def test_an_entry_is_shared_only_when_ticked_and_can_be_taken_back(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 3, now=MORNING, reflection="I let the session end on time.")
    entry = journal.entries(store)[0]
    assert not entry.shared  # nothing is shared until the person says so
    journal.set_shared(store, entry.id, True)
    assert journal.entries(store)[0].shared
    journal.set_shared(store, entry.id, False)
    assert not journal.entries(store)[0].shared


def test_a_debrief_without_a_note_is_no_journal_entry(store: Store) -> None:
    debrief.save_debrief(store, ["relapse"], "  ", MORNING)
    assert journal.entries(store) == []
    assert report_data.journal_choices(store, MORNING.date(), MORNING.date()) == []


def test_a_free_entry_is_written_listed_and_searched_like_the_others(store: Store) -> None:
    _reflect(store, "On a card", MORNING)
    later = MORNING + dt.timedelta(hours=2)
    entry_id = journal.add_free_entry(store, "  Supervision went well today ", later)
    items = journal.entries(store)
    assert [(item.id, item.kind, item.text) for item in items[:1]] == [
        (entry_id, journal.FREE_ENTRY, "Supervision went well today")
    ]
    assert items[0].card_front is None
    assert [item.id for item in journal.entries(store, "supervision")] == [entry_id]
    with pytest.raises(ValueError, match="needs some words"):
        journal.add_free_entry(store, "   ", later)
    assert len(journal.entries(store)) == 2
