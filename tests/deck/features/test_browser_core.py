"""The deck browser's data, without widgets: rows, the filter, suspend, reset and undo, history."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.features import browser
from imperfect_trainer.deck.features.browser import CardFilter, Origin, Status
from imperfect_trainer.deck.srs.practice import Practice
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def _own(count: int, start: int = 0) -> list[CardContent]:
    return [
        CardContent(
            f"own.card-{n}",
            CardKind.REFRAME,
            "own",
            "My own cards",
            f"Front number {n}",
            "back",
            ("mine",),
        )
        for n in range(start, start + count)
    ]


def _filtered(store: Store, wanted: CardFilter) -> list[str]:
    rows = browser.load_rows(store)
    mask = browser.matching(rows, [browser.search_text(row) for row in rows], wanted)
    return [row.id for n, row in enumerate(rows) if mask is None or mask[n]]


def test_every_card_of_the_deck_is_a_row_in_deck_order(store: Store) -> None:
    rows = browser.load_rows(store)
    assert [row.id for row in rows] == [card.id for card in builtin_deck().cards]
    first = rows[0]
    assert first.due is None
    assert (first.interval, first.easiness, first.reviews) == (0, 250, 0)
    assert first.suspended == 0
    assert first.own == 0


def test_an_empty_filter_lets_every_row_through_without_a_mask(store: Store) -> None:
    rows = browser.load_rows(store)
    assert browser.matching(rows, [browser.search_text(r) for r in rows], CardFilter()) is None


def test_search_needs_every_word_in_any_case(store: Store) -> None:
    store.add_cards(_own(3), MORNING)
    assert _filtered(store, CardFilter(text="FRONT 1")) == ["own.card-1"]
    assert _filtered(store, CardFilter(text="number front")) == [f"own.card-{n}" for n in range(3)]
    assert _filtered(store, CardFilter(text="front nowhere")) == []


def test_filters_by_kind_section_tag_status_and_origin_combine(store: Store) -> None:
    store.add_cards(_own(2), MORNING)
    browser.set_suspended(store, ["own.card-1"], True, MORNING)
    own = CardFilter(origin=Origin.OWN)
    assert _filtered(store, own) == ["own.card-0", "own.card-1"]
    assert _filtered(store, CardFilter(origin=Origin.OWN, status=Status.ACTIVE)) == ["own.card-0"]
    assert _filtered(store, CardFilter(status=Status.SUSPENDED)) == ["own.card-1"]
    assert _filtered(store, CardFilter(section="My own cards", tag="mine")) == [
        "own.card-0",
        "own.card-1",
    ]
    reframes = _filtered(store, CardFilter(kind="reframe", origin=Origin.BUILTIN))
    assert reframes
    assert not any(card_id.startswith("own.") for card_id in reframes)


def test_a_tag_filter_matches_whole_tags_only(store: Store) -> None:
    tagged = _filtered(store, CardFilter(tag="goals"))
    rows = {row.id: row for row in browser.load_rows(store)}
    assert tagged
    assert all("goals" in rows[card_id].tags.split() for card_id in tagged)
    assert _filtered(store, CardFilter(tag="goal")) == []


def test_facets_list_kinds_and_sections_in_deck_order_and_tags_sorted(store: Store) -> None:
    kinds, sections, tags = browser.facets(browser.load_rows(store))
    deck = builtin_deck()
    assert sections == list(dict.fromkeys(card.section for card in deck.cards))
    assert kinds == list(dict.fromkeys(card.kind.value for card in deck.cards))
    assert tags == sorted({tag for card in deck.cards for tag in card.tags})


def test_a_suspended_card_leaves_practice_and_comes_back_with_its_schedule(store: Store) -> None:
    first = store.todays_practice(MORNING).cards[0].id
    store.answer(first, 5, now=MORNING)
    state = store.card(first).state
    browser.set_suspended(store, [first], True, MORNING)
    later = MORNING + dt.timedelta(days=30)
    assert first not in [card.id for card in store.todays_practice(later).cards]
    browser.set_suspended(store, [first], False, MORNING)
    assert store.card(first).state == state
    assert first in [card.id for card in store.todays_practice(later).cards]


def test_suspending_thousands_of_cards_at_once_works(store: Store) -> None:
    store.add_cards(_own(2500), MORNING)
    ids = [f"own.card-{n}" for n in range(2500)]
    browser.set_suspended(store, ids, True, MORNING)
    rows = browser.reload_rows(store, ids)
    assert len(rows) == 2500
    assert all(row.suspended == 1 for row in rows.values())


def test_reset_makes_a_card_new_and_undo_restores_it_exactly(store: Store) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 5, now=MORNING)
    store.answer(card_id, 4, now=MORNING + dt.timedelta(days=1))
    before = fetch_rows(store, "SELECT * FROM card_states WHERE card_id = :id", {"id": card_id})
    saved = browser.reset_progress(store, [card_id])
    card = store.card(card_id)
    assert card.is_new
    assert card.state.repetitions == 0
    assert store.stats(MORNING).reviews == 2  # the history stays
    browser.restore_progress(store, saved)
    after = fetch_rows(store, "SELECT * FROM card_states WHERE card_id = :id", {"id": card_id})
    assert after == before


def test_the_history_lists_every_answer_newest_first_with_drills_marked(store: Store) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 2, now=MORNING)
    store.answer(card_id, 4, now=MORNING + dt.timedelta(minutes=2))
    practice = Practice.start(
        store, MORNING + dt.timedelta(hours=3), card_ids=[card_id], kind="debrief"
    )
    practice.reveal()
    practice.grade(5, MORNING + dt.timedelta(hours=3, seconds=20))
    history = browser.card_history(store, card_id)
    assert [(entry.grade, entry.drill, entry.session_kind) for entry in history] == [
        (5, True, "debrief"),
        (4, True, None),
        (2, False, None),
    ]
    assert history[-1].interval_after == 1
