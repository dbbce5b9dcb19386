"""A card's answers as the preview says them, in the window's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from imperfect_trainer.deck.features import card_history
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards.card_preview import history_words
from imperfect_trainer.ui.common.language import apply_language
from tests.support.moments import MORNING


def test_a_cards_history_reads_as_a_sentence(store: Store) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    today = MORNING.date()
    assert history_words([], today) == ("Not answered yet: it has not come up in a practice.")
    store.answer(card_id, 2, now=MORNING - dt.timedelta(days=3))
    store.answer(card_id, 4, now=MORNING - dt.timedelta(days=3, minutes=-2))
    store.answer(card_id, 3, now=MORNING)
    words = history_words(card_history.card_history(store, card_id), today)
    assert words == (
        "Answered 3 times since 20 Nov; 2 of those moved its schedule (the day’s first "
        "answer). Last answer today: 3 · got there with effort."
    )


def test_answers_all_given_today_are_said_as_today(store: Store) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 2, now=MORNING)
    store.answer(card_id, 4, now=MORNING + dt.timedelta(minutes=2))
    words = history_words(card_history.card_history(store, card_id), MORNING.date())
    assert words.startswith("Answered twice today;")


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "de")
    yield
    apply_language(qapp, "en")


def test_a_cards_history_reads_as_a_german_sentence(store: Store, german: None) -> None:
    card_id = store.todays_practice(MORNING).cards[0].id
    store.answer(card_id, 2, now=MORNING - dt.timedelta(days=3))
    store.answer(card_id, 3, now=MORNING)
    words = history_words(card_history.card_history(store, card_id), MORNING.date())
    assert words == (
        "Seit 20. Nov. zweimal beantwortet. Letzte Antwort: heute, 3 · mit Mühe darauf gekommen."
    )
