"""The deck browser's data, without widgets: rows, the filter, suspend, reset and undo, history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.features import browser, own_cards
from imperfect_trainer.deck.features.browser import CardFilter, Origin, Status
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows, run_sql
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
    index = browser.load_index(store)
    return [index.rows[n].id for n in browser.matching(index, wanted, range(len(index)))]


def _rows(store: Store) -> list[browser.BrowserRow]:
    return browser.load_index(store).rows


def test_every_card_of_the_deck_is_a_row_in_deck_order(store: Store) -> None:
    rows = _rows(store)
    assert [row.id for row in rows] == [card.id for card in builtin_deck().cards]
    first = rows[0]
    assert first.due is None
    assert (first.interval, first.easiness, first.reviews) == (0, 250, 0)
    assert first.suspended == 0
    assert first.own == 0


def test_an_empty_filter_lets_every_card_of_the_deck_through(store: Store) -> None:
    index = browser.load_index(store)
    assert browser.matching(index, CardFilter(), range(len(index))) == list(range(len(index)))


def test_search_needs_every_word_in_any_case(store: Store) -> None:
    store.add_cards(_own(3), MORNING)
    assert _filtered(store, CardFilter(text="FRONT 1")) == ["own.card-1"]
    assert _filtered(store, CardFilter(text="number front")) == [f"own.card-{n}" for n in range(3)]
    assert _filtered(store, CardFilter(text="front nowhere")) == []


def _card(card_id: str, front: str, back: str = "back") -> CardContent:
    return CardContent(card_id, CardKind.REFRAME, "own", "My own cards", front, back, ("mine",))


def test_search_matches_whole_words_and_word_starts_only(store: Store) -> None:
    store.add_cards(
        [
            _card("own.immaculate", "An immaculate session plan"),
            _card("own.late", "The client came (late) again"),
            _card("own.later", "Later, I let it go"),
        ],
        MORNING,
    )
    mine = CardFilter(text="late", origin=Origin.OWN)
    assert _filtered(store, mine) == ["own.late", "own.later"]
    assert _filtered(store, CardFilter(text="maculate", origin=Origin.OWN)) == []
    assert _filtered(store, CardFilter(text="immac", origin=Origin.OWN)) == ["own.immaculate"]


def test_search_looks_through_backs_and_personal_notes_too(store: Store) -> None:
    store.add_cards([_card("own.plain", "A front", back="Hindsight bias at work")], MORNING)
    assert _filtered(store, CardFilter(text="hindsight bias", origin=Origin.OWN)) == ["own.plain"]
    built_in = _rows(store)[0].id
    own_cards.set_personal_note(store, built_in, "Tuesday’s supervision", MORNING)
    assert _filtered(store, CardFilter(text="tuesday")) == [built_in]


def test_typing_on_narrows_the_last_result_and_gives_what_a_fresh_search_gives(
    store: Store,
) -> None:
    store.add_cards(_own(30), MORNING)
    index = browser.load_index(store)
    everyone = list(range(len(index)))
    earlier = CardFilter(text="front num")
    kept = browser.matching(index, earlier, everyone)
    for typed in ("front numb", "front number", "front number 1", "front number 12"):
        wanted = CardFilter(text=typed)
        assert wanted.narrows(earlier)
        kept = browser.matching(index, wanted, kept)
        assert kept == browser.matching(index, wanted, everyone)
        earlier = wanted
    assert [index.rows[n].id for n in kept] == ["own.card-12"]
    assert not CardFilter(text="front number 1").narrows(CardFilter(text="front number 12"))
    assert not CardFilter(text="front", kind="fact").narrows(CardFilter(text="fro"))


def test_retired_cards_show_only_when_asked_for(store: Store) -> None:
    retired = _rows(store)[0].id
    with store.unit_of_work() as session:
        session.execute(update(Card).where(Card.id == retired).values(retired=True))
    index = browser.load_index(store)
    assert index.retired == 1
    assert retired not in _filtered(store, CardFilter())
    assert retired not in _filtered(store, CardFilter(status=Status.SUSPENDED))
    assert _filtered(store, CardFilter(status=Status.RETIRED)) == [retired]
    counts = browser.deck_counts(store)
    assert (counts.retired, counts.in_practice) == (1, counts.cards - 1)


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
    rows = {row.id: row for row in _rows(store)}
    assert tagged
    assert all("goals" in rows[card_id].tags.split() for card_id in tagged)
    assert _filtered(store, CardFilter(tag="goal")) == []


def test_facets_list_kinds_and_sections_in_deck_order_and_tags_sorted(store: Store) -> None:
    kinds, sections, tags = browser.facets(_rows(store))
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
    saved = browser.reset_progress(store, [card_id], MORNING)
    card = store.card(card_id)
    assert card.is_new
    assert card.state.repetitions == 0
    assert store.stats(MORNING).reviews == 2  # the history stays
    browser.restore_progress(store, saved)
    after = fetch_rows(store, "SELECT * FROM card_states WHERE card_id = :id", {"id": card_id})
    assert after == before


def test_undoing_a_reset_of_many_cards_restores_every_schedule_exactly(store: Store) -> None:
    store.add_cards(_own(1000), MORNING)
    # The first 900 are new (no days at all), the last fifty were practised.
    run_sql(
        store,
        "UPDATE card_states SET repetitions = 2, easiness_hundredths = 230, interval_days = 6,"
        " due_day = '2026-12-20', introduced_day = '2026-11-01', last_review_day = '2026-12-14',"
        " review_count = 3, lapses = 1 WHERE card_id IN ("
        + ", ".join(f"'own.card-{n}'" for n in range(950, 1000))
        + ")",
    )
    everything = "SELECT * FROM card_states ORDER BY card_id"
    before = fetch_rows(store, everything)
    totals = fetch_rows(store, "SELECT * FROM section_totals ORDER BY section")
    saved = browser.reset_progress(store, [f"own.card-{n}" for n in range(1000)], MORNING)
    assert fetch_rows(store, everything) != before
    browser.restore_progress(store, saved)
    assert fetch_rows(store, everything) == before
    assert fetch_rows(store, "SELECT * FROM section_totals ORDER BY section") == totals


def test_check_counts_are_split_into_practised_suspended_and_retired(store: Store) -> None:
    first, second = (row.id for row in _rows(store)[:2])
    browser.set_suspended(store, [second, first], True, MORNING)
    counts = browser.deck_counts(store)
    assert counts.suspended == (first, second)  # in deck order
    assert counts.in_practice == store.stats(MORNING).cards


def test_check_says_which_cards_are_suspended_so_its_count_matches_stats(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imperfect_trainer.cli import main

    with Store.open(data_dir, now=MORNING) as store:
        suspended = _rows(store)[3].id
        browser.set_suspended(store, [suspended], True, MORNING)
        in_practice = store.stats(MORNING).cards
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("healthy:")
    assert line.endswith(
        f"({in_practice + 1} cards, 0 answers); {in_practice} in practice, 1 suspended "
        f"({suspended})"
    )
