"""The summary's words: the time taken said as a person says it, and a closing line that fits
how the practice went, changes from one practice to the next, and never scolds."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.practice.session import PracticeSummary
from imperfect_trainer.deck.srs.scheduling import LONG_BREAK_DAYS
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.practice.summary_screen import (
    CLOSING_LINES,
    Closing,
    Went,
    how_it_went,
    reflective_line,
    summary_lines,
    time_taken,
)
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock, open_window

DAY = dt.date(2026, 11, 23)


def _summary(
    *,
    moved_forward: int = 0,
    still_settling: int = 0,
    reflections_written: int = 0,
    minutes: float = 4.6,
) -> PracticeSummary:
    graded = moved_forward + still_settling
    return PracticeSummary(
        cards_graded=graded,
        reflections_written=reflections_written,
        answers=graded + reflections_written,
        minutes=minutes,
        moved_forward=moved_forward,
        still_settling=still_settling,
        once_more=0,
        waiting=0,
        ended_by_time=False,
    )


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (0.3, "in under a minute"),
        (1.0, "in about a minute"),
        (1.4, "in about a minute"),
        (1.6, "in about 2 minutes"),
        (4.6, "in about 5 minutes"),
    ],
)
def test_the_time_taken_is_said_as_a_person_says_it(minutes: float, said: str) -> None:
    assert time_taken(minutes) == said
    _title, done, _progress = summary_lines(_summary(moved_forward=1, minutes=minutes))
    assert done == f"1 card {said}."
    assert "1 minutes" not in done


@pytest.mark.parametrize(
    ("closing", "went"),
    [
        (Closing(_summary(), DAY), Went.NOTHING),
        (Closing(_summary(moved_forward=3, still_settling=2), DAY, True), Went.RETURN),
        (
            Closing(_summary(moved_forward=3, still_settling=2, reflections_written=1), DAY),
            Went.MISSES,
        ),
        (Closing(_summary(moved_forward=6, reflections_written=1), DAY), Went.WRITTEN),
        (Closing(_summary(moved_forward=2, minutes=1.2), DAY), Went.SHORT),
        (Closing(_summary(moved_forward=9), DAY), Went.ORDINARY),
    ],
)
def test_the_closing_line_fits_how_the_practice_went(closing: Closing, went: Went) -> None:
    assert how_it_went(closing) is went
    assert reflective_line(closing) in CLOSING_LINES[went]


def test_the_closing_line_changes_from_day_to_day_and_practice_to_practice() -> None:
    days = {
        reflective_line(Closing(_summary(moved_forward=9), DAY + dt.timedelta(n))) for n in range(5)
    }
    assert days == set(CLOSING_LINES[Went.ORDINARY])
    same_day = {reflective_line(Closing(_summary(moved_forward=n), DAY)) for n in range(5, 10)}
    assert len(same_day) == len(CLOSING_LINES[Went.ORDINARY])
    # The same practice's facts always give the same line.
    again = Closing(_summary(moved_forward=9), DAY)
    assert reflective_line(again) == reflective_line(Closing(_summary(moved_forward=9), DAY))


def test_no_closing_line_scolds() -> None:
    harsh = ("should", "must", "failed", "behind", "overdue", "streak", "lazy", "again?")
    for lines in CLOSING_LINES.values():
        assert lines
        for line in lines:
            assert not any(word in line.lower() for word in harsh), line


@pytest.mark.gui
def test_the_first_practice_after_a_long_break_closes_with_a_welcome_back(
    store: Store, qtbot: QtBot
) -> None:
    before = MORNING - dt.timedelta(days=LONG_BREAK_DAYS + 1)
    card = store.todays_practice(before).cards[0]
    store.answer(card.id, 5, now=before)
    clock = FakeClock(MORNING)
    window = open_window(store, clock, qtbot)
    assert window.home.today.text().startswith("Welcome back")
    window.flow.start_practice()
    window.flow.reveal()
    window.flow.grade(2)  # a miss, too: the return is what the line speaks to
    qtbot.keyClick(window.practice_view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.reflection.text().strip("“”") in CLOSING_LINES[Went.RETURN]
    # The next practice the same day is no return.
    qtbot.keyClick(window.summary.home_button, Qt.Key.Key_Return)
    window.flow.start_practice()
    window.flow.reveal()
    window.flow.grade(2)
    window.flow.end_practice()
    assert window.summary.reflection.text().strip("“”") not in CLOSING_LINES[Went.RETURN]
