"""The practice screen at the smallest window and the largest text: the longest card and a
reflection hold, the grade buttons stand in full rows, the card's words scroll (by keys too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.content.cards import MAX_BACK, MAX_FRONT, RESPONSE_WORDS, grade_words
from imperfect_trainer.deck.features import own_cards, preferences
from imperfect_trainer.deck.features.reflections import LastWritten
from imperfect_trainer.deck.practice.session import Phase
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.screen_style import apply_appearance
from imperfect_trainer.ui.common.theme import BASE_POINT_SIZE
from imperfect_trainer.ui.practice.grade_buttons import grade_widths, interval_words
from imperfect_trainer.ui.practice.practice_view import (
    LAST_TIME_SHOWN,
    NOTHING_WRITTEN,
    last_time_text,
)
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.collection_rows import fetch_rows
from tests.support.moments import MORNING
from tests.support.text_fit import misfits
from tests.support.window_support import FakeClock, open_window

pytestmark = pytest.mark.gui

# More cards than any practice in these tests holds: the loops below end or fail.
MOST_CARDS = 200

LARGEST_TEXT = preferences.NUMBERS["font_size"].highest
SENTENCE = "When a session goes off plan, notice the urge to fix it at once and wait a moment. "


def _words(length: int) -> str:
    return (SENTENCE * (length // len(SENTENCE) + 1))[:length].rstrip()


@pytest.fixture(autouse=True)
def _usual_text_afterwards(qapp: QApplication) -> Iterator[None]:
    yield
    # Text size is application-wide; later tests start from the usual one.
    apply_appearance(qapp, "system", BASE_POINT_SIZE)


def _window(
    store: Store, qtbot: QtBot, size: tuple[int, int], text: int = LARGEST_TEXT
) -> MainWindow:
    store.set_setting("font_size", text)
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    return window


def _longest_card_shown(window: MainWindow, qtbot: QtBot) -> None:
    """A practice with the longest card a deck allows in hand, its answer shown."""
    window.flow.start_practice()
    view = window.practice_view
    view.show_card("Reframe", _words(MAX_FRONT), RESPONSE_WORDS, drill=False)
    view.show_answer(
        _words(MAX_BACK), "Remember Tuesday's client.", {q: q * 3 or None for q in range(6)}
    )
    _settle()


def _settle() -> None:
    """Let the window lay out what it was given (posted layout requests and timers)."""
    QApplication.processEvents()
    QApplication.processEvents()


def test_the_longest_card_holds_at_800_by_600_with_the_largest_text(
    store: Store, qtbot: QtBot
) -> None:
    window = _window(store, qtbot, (800, 600))
    _longest_card_shown(window, qtbot)
    view = window.practice_view
    bar = view.card_scroll.verticalScrollBar()
    # The card's words scroll inside the card, brought to the back's first line.
    assert 0 < bar.value() < bar.maximum()
    back_top = view.back.mapTo(view.card_scroll.viewport(), view.back.rect().topLeft()).y()
    assert 0 <= back_top < view.card_scroll.viewport().height() // 2
    assert misfits(window) == []
    # Short of room, the six grade buttons stand in one row, digits alone.
    assert len({button.geometry().top() for button in view.grade_buttons}) == 1


def test_the_card_scrolls_by_the_arrow_and_page_keys(store: Store, qtbot: QtBot) -> None:
    window = _window(store, qtbot, (800, 600))
    window.flow.start_practice()
    view = window.practice_view
    view.show_card("Reframe", _words(MAX_FRONT), RESPONSE_WORDS, drill=False)
    _settle()
    bar = view.card_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert bar.value() == bar.singleStep()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert bar.value() == min(bar.maximum(), bar.singleStep() + bar.pageStep())
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert bar.value() == 0
    assert window.flow.phase() is Phase.FRONT  # scrolling shows no answer


def test_a_long_reflection_holds_and_its_box_stays_in_view(store: Store, qtbot: QtBot) -> None:
    window = _window(store, qtbot, (800, 600))
    window.flow.start_practice()
    view = window.practice_view
    last = LastWritten(dt.date(2026, 11, 15), _words(LAST_TIME_SHOWN * 2))
    view.show_reflection(_words(MAX_FRONT), _words(600), last_time_text(last))
    _settle()
    assert view.card_scroll.verticalScrollBar().maximum() > 0
    assert misfits(window) == []
    box = view.answer_box
    assert box.hasFocus()
    assert box.height() >= 3 * box.fontMetrics().lineSpacing()
    bottom = box.mapTo(window, box.rect().bottomLeft()).y()
    assert bottom < window.height()
    assert view.save_button.isVisible()
    assert view.not_today_button.isVisible()
    # Page Down in the box scrolls the question and its guidance; the box keeps the focus.
    bar = view.card_scroll.verticalScrollBar()
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    assert box.hasFocus()


def test_six_grade_buttons_stand_in_one_row_in_a_wide_window(store: Store, qtbot: QtBot) -> None:
    window = _window(store, qtbot, (1200, 760), text=BASE_POINT_SIZE)
    _longest_card_shown(window, qtbot)
    tops = {button.geometry().top() for button in window.practice_view.grade_buttons}
    assert len(tops) == 1
    assert misfits(window) == []


def test_a_reflection_announces_its_question_and_the_box_carries_its_guidance(
    store: Store, qtbot: QtBot, announced: list[str]
) -> None:
    window = open_window(store, FakeClock(MORNING), qtbot)
    flow = window.flow
    flow.start_practice()
    for _ in range(MOST_CARDS):
        if flow.phase() is Phase.REFLECTION:
            break
        flow.reveal()
        flow.grade(5)
    assert flow.phase() is Phase.REFLECTION
    practice = flow.practice
    assert practice is not None
    assert practice.current is not None
    assert announced[-1] == practice.current.front
    box = QAccessible.queryAccessibleInterface(window.practice_view.answer_box)
    assert box is not None
    assert box.text(QAccessible.Text.Name) == "Your answer"
    assert box.text(QAccessible.Text.Description) == practice.current.back
    # What a key could not do is said aloud too, as the focus stays in the box.
    qtbot.keyClick(
        window.practice_view.answer_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert announced[-1] == NOTHING_WRITTEN


def test_a_card_with_a_note_announces_the_note_after_the_back(
    store: Store, qtbot: QtBot, announced: list[str]
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    own_cards.set_personal_note(store, card.id, "Remember Tuesday's client.", MORNING)
    window = open_window(store, FakeClock(MORNING), qtbot)
    window.flow.start_practice()
    window.flow.reveal()
    assert announced == [card.front, card.back, "Your note: Remember Tuesday's client."]


def test_a_grade_button_says_when_the_card_comes_back() -> None:
    assert interval_words(None) == "Comes back later in this practice"
    assert interval_words(0) == "Done for today"
    assert interval_words(1) == "Comes back in 1 day"
    assert interval_words(6) == "Comes back in 6 days"
    assert interval_words(730) == "Comes back in about 2.0 years"


def test_showing_answers_measures_the_grade_words_once_per_text_size(
    store: Store, qtbot: QtBot
) -> None:
    window = _window(store, qtbot, (1024, 700), text=BASE_POINT_SIZE)
    flow, view = window.flow, window.practice_view
    flow.start_practice()
    buttons = list(view.grade_buttons)
    flow.reveal()
    _settle()
    measured = grade_widths.cache_info().misses
    for _ in range(5):
        practice = flow.practice
        assert practice is not None
        if practice.phase is Phase.REFLECTION:
            break
        flow.grade(5)
        flow.reveal()
        _settle()
    # Every card of a kind asks for the widths already measured, on the same six buttons.
    kinds = {card.kind for card in flow.practice.cards.values()} if flow.practice else set()
    assert grade_widths.cache_info().misses - measured <= len(kinds)
    assert view.grade_buttons == buttons


def test_every_cards_back_shows_whole_at_800_by_600_with_the_largest_text(
    store: Store, qtbot: QtBot
) -> None:
    window = _window(store, qtbot, (800, 600))
    window.flow.start_practice()
    view = window.practice_view
    ids = [row[0] for row in fetch_rows(store, "SELECT id FROM cards WHERE kind != 'reflection'")]
    assert len(ids) > 100
    cut = []
    for card_id in ids:
        card = store.card(card_id)
        view.show_card(card.kind.label, card.front, grade_words(card.kind), drill=False)
        view.show_answer(card.back, None, {})
        _settle()
        viewport = view.card_scroll.viewport()
        top = view.back.mapTo(viewport, view.back.rect().topLeft()).y()
        bottom = view.back.mapTo(viewport, view.back.rect().bottomLeft()).y()
        if top < 0 or bottom >= viewport.height():
            cut.append(card_id)
    assert cut == []
    # The grade buttons give up their words for their digits, in one row; the words stay in
    # each button's tooltip and for a screen reader.
    buttons = view.grade_buttons
    assert [button.words.text() for button in buttons] == [str(q) for q in range(6)]
    assert len({button.geometry().top() for button in buttons}) == 1
    assert all(view.words[q] in buttons[q].toolTip() for q in range(6))
