"""The window in German (chosen in Settings, or by the locale): today's page, the practice and
its grades speak German, dates and numbers follow the German locale, and the cards themselves
stay English, as the Settings note says."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QTableView,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.features import own_cards, preferences
from imperfect_trainer.deck.features.report_period import Period, PracticeFigures
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.commands import words_of
from imperfect_trainer.ui.common.language import apply_language, locale_for, long_day
from imperfect_trainer.ui.supervision.report_html import days_words, period_words, time_words
from imperfect_trainer.ui.window.main_window import MainWindow
from imperfect_trainer.ui.window.pages import Page
from tests.support.moments import MORNING
from tests.support.paths import REPO
from tests.support.screen_tour import TourClock, fill, tour
from tests.support.window_support import FakeClock, click_sidebar, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    assert apply_language(qapp, "de") == "de"
    yield
    apply_language(qapp, "en")


@pytest.fixture
def window(store: Store, qtbot: QtBot, german: None) -> MainWindow:
    return open_window(store, FakeClock(MORNING), qtbot)


def test_todays_page_greets_and_offers_the_practice_in_german(window: MainWindow) -> None:
    home = window.home
    assert home.greeting.text() == "Guten Morgen."
    assert home.today.text().startswith("Heutige Übung: etwa ")
    assert home.start_button.text() == "Übung beginnen"
    assert window.sidebar.names[:3] == ["Heute", "Karten", "Statistik"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:3] == ["&Datei", "&Bearbeiten", "&Wechseln"]


def test_a_card_is_graded_in_german_while_its_words_stay_english(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    window.home.start_button.click()
    view = window.practice_view
    assert window.stack.currentWidget() is view
    assert view.hint.text() == "Leertaste oder Eingabe zeigt die Antwort · Esc beendet"
    practice = window.flow.practice
    assert practice is not None
    assert practice.current is not None
    assert view.front.text() == practice.current.front  # the deck's own words, in English
    window.flow.reveal()
    words = " ".join(button.words.text() for button in view.grade_buttons)
    assert "nicht gewusst" in words or "nichts kam" in words or "konnte nicht urteilen" in words
    assert "Bewerten Sie" in view.hint.text()


def test_dates_and_numbers_follow_the_german_locale(german: None) -> None:
    assert long_day(dt.date(2026, 12, 4)) == "4. Dezember 2026"


def test_the_language_chosen_in_settings_is_kept_for_the_next_start(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    click_sidebar(qtbot, window, Page.SETTINGS)
    settings = window.stack.settings
    choice = settings.language
    assert "nächsten Start" in settings.language_note.text()
    assert "englisch" in settings.language_note.text()
    choice.setCurrentIndex(choice.findData("de"))
    assert preferences.language(store) == "de"
    choice.setCurrentIndex(choice.findData("en"))
    assert preferences.language(store) == "en"


@pytest.mark.parametrize(
    ("system", "language", "shown"),
    [
        ("de_CH", "en", "en_CH"),
        ("de_DE", "en", "en_DE"),
        ("de_AT", "de", "de_AT"),
        ("C", "de", "de_DE"),
        ("C", "en", "C"),
    ],
)
def test_the_chosen_language_keeps_the_regions_paper_and_numbers(
    system: str, language: str, shown: str
) -> None:
    assert locale_for(language, QLocale(system)).name() == shown


def _english_still_shown(root: QWidget, english: set[str]) -> set[str]:
    """The words a German screen shows that are the English of a translated message."""
    shown: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            shown.append(words_of(widget.text()))
        if isinstance(widget, QComboBox):
            shown += [widget.itemText(index) for index in range(widget.count())]
        if isinstance(widget, QTableView | QTableWidget):
            model = widget.model()
            shown += [
                str(model.headerData(column, Qt.Orientation.Horizontal))
                for column in range(model.columnCount(QModelIndex()))
            ]
    return {text for text in shown if text in english}


def test_no_screen_of_the_german_window_is_left_in_english(
    qapp: QApplication, tmp_path: Path, german: None
) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import translations
    finally:
        sys.path.remove(str(REPO / "scripts"))
    english = {
        words_of(message.msgid)
        for message in translations.read_po(translations.po_path("de")).values()
        if message.context is None and message.translations[0] != message.msgid
    }
    # The own cards' section as the core stores it, with the cards' own English.
    english.discard(own_cards.OWN_SECTION)
    left: dict[str, set[str]] = {}
    with Store.open(tmp_path / "data", now=MORNING) as store:
        fill(store)
        for name, screen in tour(store, TourClock(MORNING), (1200, 760), 11, "light"):
            if found := _english_still_shown(screen, english):
                left[name] = found
    assert left == {}


def test_a_reports_period_and_practice_read_in_german(german: None) -> None:
    period = Period(dt.date(2026, 11, 28), dt.date(2026, 12, 3))
    figures = PracticeFigures(period, 2, 0.4)

    assert period_words(period) == "28. November bis 3. Dezember 2026"
    assert period_words(Period(dt.date(2026, 12, 1), dt.date(2026, 12, 3))) == (
        "1. bis 3. Dezember 2026"
    )
    assert (days_words(figures), time_words(figures)) == (
        "2 von 6 Tagen",
        "weniger als eine Minute",
    )


def test_in_english_a_reports_period_reads_as_the_command_line_prints_it() -> None:
    for first in (dt.date(2026, 12, 3), dt.date(2026, 12, 1), dt.date(2026, 11, 28)):
        period = Period(first, dt.date(2026, 12, 3))
        assert period_words(period) == period.words()
    assert period_words(Period(dt.date(2025, 12, 30), dt.date(2026, 1, 2))) == (
        "30 December 2025 to 2 January 2026"
    )
