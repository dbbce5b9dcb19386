"""The shipped deck merged into a collection without losing its history; own cards added."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import Deck, builtin_deck
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def _deck_with(deck: Deck, cards: tuple[CardContent, ...]) -> Deck:
    return dataclasses.replace(deck, cards=cards, fingerprint=deck.fingerprint + "-changed")


def test_a_new_app_version_merges_its_deck_without_losing_history(data_dir: Path) -> None:
    shipped = builtin_deck()
    with Store.open(data_dir, now=MORNING, deck=shipped) as store:
        kept, dropped = shipped.cards[0], shipped.cards[1]
        store.answer(kept.id, 5, now=MORNING)
        store.answer(dropped.id, 4, now=MORNING)

    reworded = dataclasses.replace(kept, back="Clearer wording of the same idea.")
    extra = dataclasses.replace(kept, id="reframe.a-brand-new-card", kind=CardKind.REFRAME)
    next_version = _deck_with(shipped, (reworded, extra, *shipped.cards[2:]))
    with Store.open(data_dir, now=NEXT_MORNING, deck=next_version) as store:
        assert store.last_merge.added == 1
        assert store.last_merge.updated == 1
        assert store.last_merge.retired == 1
        assert store.card(kept.id).back == "Clearer wording of the same idea."
        assert store.card(kept.id).state.repetitions == 1
        assert store.stats(NEXT_MORNING).cards == len(shipped.cards)
        assert store.stats(NEXT_MORNING).reviews == 2  # the retired card's answer is kept
        assert dropped.id not in {c.id for c in store.todays_practice(NEXT_MORNING).cards}


def test_an_unchanged_deck_is_not_merged_again(data_dir: Path) -> None:
    Store.open(data_dir, now=MORNING).close()
    with Store.open(data_dir, now=MORNING) as store:
        assert store.last_merge.added == store.last_merge.updated == 0


def test_own_cards_are_added_after_the_builtin_deck_and_practised_as_new(store: Store) -> None:
    own = [
        CardContent(
            f"own.phrase-{n}", CardKind.REFRAME, "own", "My own cards", f"front {n}", "back", ()
        )
        for n in range(3)
    ]
    assert store.add_cards(own, MORNING) == 3
    assert store.stats(MORNING).cards == len(builtin_deck().cards) + 3
    assert store.card("own.phrase-2").front == "front 2"
    assert store.card("own.phrase-0").is_new


def test_a_new_collection_holds_the_whole_builtin_deck(store: Store) -> None:
    practice = store.todays_practice(MORNING)
    assert store.stats(MORNING).cards == len(builtin_deck().cards)
    assert practice.due_count == 0
    assert practice.new_count == 8
    assert [card.is_new for card in practice.cards] == [True] * 8
