"""Check Database: what it finds in a collection, and what repair rebuilds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.features.browser import reset_progress
from imperfect_trainer.deck.storage.models import (
    CardState,
)
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import run_sql, sections_counted_card_by_card, sections_kept
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def test_a_healthy_collection_passes_its_check(store: Store) -> None:
    report = store.check()
    assert report.healthy, report.line()
    assert "healthy" in report.line()


def test_the_check_finds_an_easiness_below_the_floor(store: Store) -> None:
    run_sql(
        store,
        "UPDATE card_states SET easiness_hundredths = 120"
        " WHERE card_id = (SELECT min(card_id) FROM card_states)",
    )
    report = store.check()
    assert not report.healthy
    assert "E-Factors below 1.3" in report.line()


def test_the_check_finds_and_recounts_section_totals_out_of_step(store: Store) -> None:
    run_sql(
        store,
        "UPDATE section_totals SET settled = settled + 3 WHERE section = :section",
        {"section": builtin_deck().cards[0].section},
    )
    run_sql(
        store,
        "INSERT INTO section_totals (section, cards, new_cards, settled, hard)"
        " VALUES ('Gone', 2, 2, 0, 0)",
    )
    report = store.check()
    assert not report.healthy
    assert "2 sections whose statistics totals are out of step" in report.line()
    assert store.safety.repair(NEXT_MORNING) == ["2 sections' statistics totals counted again"]
    assert sections_kept(store) == sections_counted_card_by_card(store)
    assert store.check().healthy


def test_the_check_replays_written_reflections_and_repairs_their_schedule(store: Store) -> None:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind is CardKind.REFLECTION)
    store.answer(card.id, 2, now=MORNING)  # graded, as before reflections had their ladder
    for days in (1, 8, 38):
        store.answers.record(card.id, None, now=MORNING + dt.timedelta(days=days), reflection="x")
    right = store.card(card.id)
    assert right.state.interval == 90
    assert store.check().healthy
    with store.unit_of_work() as session:
        session.execute(
            update(CardState).where(CardState.card_id == card.id).values(interval_days=6)
        )
    assert store.check().problems == ("1 schedules that their own answers do not lead to",)
    assert store.safety.repair(NEXT_MORNING) == ["1 schedules rebuilt from their answers"]
    assert store.card(card.id) == right


def test_the_check_finds_a_schedule_its_answers_do_not_lead_to_and_repair_rebuilds_it(
    store: Store,
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    store.answer(card.id, 4, now=NEXT_MORNING)
    right = store.card(card.id)
    with store.unit_of_work() as session:
        session.execute(
            update(CardState).where(CardState.card_id == card.id).values(interval_days=400)
        )
    report = store.check()
    assert report.problems == ("1 schedules that their own answers do not lead to",)
    assert store.safety.repair(NEXT_MORNING) == ["1 schedules rebuilt from their answers"]
    assert store.card(card.id) == right
    assert store.check().healthy


def test_a_card_started_fresh_after_its_answers_is_healthy(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    reset_progress(store, [card.id], MORNING)
    assert store.check().healthy
    store.answer(card.id, 3, now=NEXT_MORNING)
    assert store.check().healthy
