"""Home's words for what today holds: the count and minutes said as a person says them."""

from __future__ import annotations

from imperfect_trainer.ui.home_screen import todays_line


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
