"""The statistics screen with real answers: summary, charts, period switch, no streak anywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui


def _answer_on(store: Store, days_ago: int, grades: list[int]) -> None:
    moment = MORNING - dt.timedelta(days=days_ago)
    for card, grade in zip(store.todays_practice(moment).cards, grades, strict=False):
        store.answer(card.id, grade, now=moment, duration_ms=30_000)


def test_the_screen_summarises_the_period_and_draws_every_chart(store: Store, qtbot: QtBot) -> None:
    _answer_on(store, 40, [5, 4])
    _answer_on(store, 3, [4, 2, 5, 3])
    _answer_on(store, 0, [5, 1])
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.STATISTICS)
    screen = window.stack.statistics
    assert screen.summary.text() == (
        "In the last 30 days you practised on 2 days: 6 answers, about 3 minutes."
    )
    assert screen.retention.text() == "67% of the day’s first answers were graded 3 or higher."
    titles = [chart.accessibleName() for chart in screen.all_charts]
    assert titles == [
        "Answers per day",
        "Minutes per day",
        "First answers graded 3 or higher",
        "Cards coming up, next 30 days",
        "Cards per section",
    ]
    assert screen.numbers is not None
    calendar_days = len(screen.numbers.calendar)
    assert screen.calendar.accessibleDescription() == (
        f"Practised on 3 of the last {calendar_days} days"
    )

    assert screen.answers_chart.accessibleDescription() == "6 answers in the last 30 days"
    charts_before = screen.all_charts
    screen.periods.setCurrentIndex(1)
    assert screen.summary.text().startswith("In the last 90 days you practised on 3 days: 8")
    assert len(screen.answers_chart.values) == 90
    assert screen.answers_chart.values[-1] == 2
    assert screen.all_charts == charts_before  # updated in place, not rebuilt


def test_no_word_on_the_screen_counts_days_in_a_row(store: Store, qtbot: QtBot) -> None:
    for days_ago in range(5):
        _answer_on(store, days_ago, [4])
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.STATISTICS)
    texts = " ".join(label.text() for label in window.stack.statistics.findChildren(QLabel)).lower()
    assert "streak" not in texts
    assert "in a row" in texts  # only to say that nothing counts them


def test_a_new_collection_gets_a_kind_empty_summary(store: Store, qtbot: QtBot) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.go(Page.STATISTICS)
    assert window.stack.statistics.summary.text().startswith(
        "In the last 30 days there were no answers"
    )
    assert not window.stack.statistics.retention.isVisible()
