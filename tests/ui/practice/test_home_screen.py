"""Home's words for what today holds: the count and minutes said as a person says them, and
what a practice then serves."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.practice.session import Phase
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.practice.home_screen import todays_line
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.practice_flow import FlowState
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

# More cards than any practice in these tests holds: the loops below end or fail.
MOST_CARDS = 200


def test_one_minute_and_one_card_are_said_in_the_singular() -> None:
    assert todays_line(1, 1, after_long_break=False) == "Today’s practice: about 1 minute, 1 card."
    assert todays_line(7, 5, after_long_break=False) == (
        "Today’s practice: about 5 minutes, 7 cards."
    )


def test_a_time_boxed_practice_says_more_cards_may_come() -> None:
    """The practice is five minutes, not a number of cards: a quick one brings more."""
    assert todays_line(10, 5, after_long_break=False, more_waiting=True) == (
        "Today’s practice: 5 minutes, about 10 cards — more if they come quickly."
    )


def _practise_quickly(window: MainWindow, clock: FakeClock, seconds_a_card: int) -> int:
    """Practise from home to the summary, each card answered in ``seconds_a_card``; how many
    cards the practice served."""
    flow = window.flow
    flow.start_practice()
    served = 0
    for _ in range(MOST_CARDS):
        if flow.state is FlowState.SUMMARY:
            break
        served += 1
        clock.advance(seconds_a_card)
        if flow.phase() is Phase.REFLECTION:
            flow.write_reflection("A line for today")
        else:
            flow.reveal()
            flow.grade(5)
    assert flow.state is FlowState.SUMMARY
    return served


@pytest.mark.gui
def test_home_says_a_quick_practice_brings_more_cards_and_it_does(
    store: Store, qtbot: QtBot
) -> None:
    """The estimate is what five minutes usually hold; the practice is the five minutes."""
    store.set_setting("new_cards_per_day", 50)
    clock = FakeClock(MORNING)
    window = open_window(store, clock, qtbot)
    assert window.home.today.text() == (
        "Today’s practice: 5 minutes, about 10 cards — more if they come quickly."
    )
    assert _practise_quickly(window, clock, seconds_a_card=10) > 10


@pytest.mark.gui
def test_home_says_the_cards_a_practice_will_hold_when_no_more_wait(
    store: Store, qtbot: QtBot
) -> None:
    clock = FakeClock(MORNING)
    window = open_window(store, clock, qtbot)
    text = window.home.today.text()
    assert "more if they come quickly" not in text
    said = int(text.split(", ")[1].split()[0])  # "Today’s practice: about 5 minutes, 9 cards."
    assert _practise_quickly(window, clock, seconds_a_card=10) == said
