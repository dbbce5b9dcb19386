"""One card's answers: the history newest first, with repeats and debriefs marked (the window
says it in a sentence: tests/ui/cards)."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.features import card_history
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def test_the_history_lists_every_answer_newest_first_with_drills_marked(store: Store) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 2, now=MORNING)
    store.answer(card_id, 4, now=MORNING + dt.timedelta(minutes=2))
    practice = Practice.start(
        store, MORNING + dt.timedelta(hours=3), card_ids=[card_id], kind="debrief"
    )
    practice.reveal()
    practice.grade(5, MORNING + dt.timedelta(hours=3, seconds=20))
    history = card_history.card_history(store, card_id)
    assert [(entry.grade, entry.drill, entry.session_kind) for entry in history] == [
        (5, True, "debrief"),
        (4, True, None),
        (2, False, None),
    ]
    assert history[-1].interval_after == 1
