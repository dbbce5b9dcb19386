"""After a hard session: the situations, the note in the journal, and a drill-only practice."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from imperfect_trainer.deck.features import debrief
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING
from tests.support.paths import RESOURCES

pytestmark = pytest.mark.both_backends

DECKS = RESOURCES / "decks"


def _schedules(store: Store) -> list[tuple[object, ...]]:
    """Every card's SM-2 columns (the answer count aside, which a drill does raise)."""
    return fetch_rows(
        store,
        "SELECT card_id, repetitions, easiness_hundredths, interval_days, due_day,"
        " introduced_day, last_review_day, lapses FROM card_states ORDER BY card_id",
    )


def test_every_situation_is_a_tag_of_the_built_in_deck() -> None:
    tags = {
        tag
        for path in DECKS.glob("*.toml")
        for card in tomllib.loads(path.read_text(encoding="utf-8"))["cards"]
        for tag in card.get("tags", [])
    }
    assert {situation.tag for situation in debrief.SITUATIONS} <= tags


def test_a_debrief_is_a_journal_entry_with_its_situations(store: Store) -> None:
    entry = debrief.save_debrief(store, ["rupture", "late-client", "rupture"], "  Hard. ", MORNING)
    assert fetch_rows(
        store, "SELECT kind, text, practice_day FROM journal_entries WHERE id = :id", {"id": entry}
    ) == [("debrief", "Hard.", "2026-11-23")]
    assert sorted(
        fetch_rows(
            store, "SELECT situation FROM debrief_situations WHERE entry_id = :id", {"id": entry}
        )
    ) == [("late-client",), ("rupture",)]


def test_an_unknown_situation_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown situation"):
        debrief.save_debrief(store, ["bad-weather"], "", MORNING)


def test_the_cards_offered_carry_the_situations_tags_best_matches_first(store: Store) -> None:
    cards = debrief.cards_for(store, ["late-client", "intoxicated-client", "dropout-threat"])
    assert 0 < len(cards) <= debrief.DEBRIEF_CARDS
    assert cards[0] == "practice.late-intoxicated-client-threatens-to-quit"
    for card_id in cards:
        tags = set(store.card(card_id).tags)
        assert tags & {"late-client", "intoxicated-client", "dropout-threat"}
    assert debrief.cards_for(store, []) == []


def test_a_card_seen_recently_gives_way_to_one_not_seen(store: Store) -> None:
    first = debrief.cards_for(store, ["rumination"], limit=1)
    store.answer(first[0], 4, now=MORNING)
    assert debrief.cards_for(store, ["rumination"], limit=1) != first


def test_the_debrief_practice_is_all_drill_and_leaves_every_schedule_alone(
    store: Store,
) -> None:
    # Some history first, so there are real schedules to disturb.
    for card in store.todays_practice(MORNING).cards[:4]:
        store.answer(card.id, 4, now=MORNING)
    later = MORNING + dt.timedelta(hours=8)
    entry = debrief.save_debrief(store, ["rumination", "over-preparation"], "", later)
    cards = debrief.cards_for(store, ["rumination", "over-preparation"])
    schedules_before = _schedules(store)
    practice = Practice.start(
        store, later, seconds=debrief.DEBRIEF_SECONDS, card_ids=cards, kind="debrief"
    )
    debrief.attach_practice(store, entry, practice.session_id)
    moment = later
    while not practice.finished:
        moment += dt.timedelta(seconds=15)
        practice.reveal()
        practice.grade(2 if moment.second % 2 else 5, moment)
    assert practice.answered
    assert _schedules(store) == schedules_before
    drills = fetch_rows(
        store,
        "SELECT DISTINCT drill FROM reviews WHERE session_id = :id",
        {"id": practice.session_id},
    )
    linked = fetch_rows(
        store,
        "SELECT s.kind FROM journal_entries j JOIN practice_sessions s ON s.id = j.session_id"
        " WHERE j.id = :id",
        {"id": entry},
    )
    assert drills == [(1,)]
    assert linked == [("debrief",)]
