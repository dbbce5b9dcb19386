"""The browser's table model: Qt's model checks, filtering, sorting that always matches its
arrow, cards changed and added in their sorted place."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.features import browser
from imperfect_trainer.deck.features.browser import CardFilter, Status
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards import card_table
from imperfect_trainer.ui.cards.card_table import CardTableModel, due_text
from tests.support.moments import MORNING

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def model(store: Store) -> CardTableModel:
    cards = CardTableModel()
    cards.set_index(browser.load_index(store), TODAY)
    return cards


def _column(model: CardTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_model_passes_qts_model_checks_while_filtering_and_sorting(
    model: CardTableModel, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_filter(CardFilter(text="client"))
    model.sort(card_table.DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_a_new_card_shows_new_and_a_dash_for_its_spacing(model: CardTableModel) -> None:
    row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert row[card_table.DUE] == "new"
    assert row[card_table.INTERVAL] == "—"
    assert row[card_table.EASINESS] == "2.50"


def test_headers_are_in_the_persons_words_with_the_sm2_term_in_the_tooltip(
    model: CardTableModel,
) -> None:
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(c, horizontal) for c in range(model.columnCount())]
    assert "E-Factor" not in headers
    assert "Lapses" not in headers
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.headerData(card_table.EASINESS, horizontal) == "Ease"
    assert "E-Factor" in model.headerData(card_table.EASINESS, horizontal, tip)
    assert model.headerData(card_table.LAPSES, horizontal) == "Slips"
    assert "lapses" in model.headerData(card_table.LAPSES, horizontal, tip)


def test_due_days_read_as_a_person_says_them_and_never_overdue() -> None:
    assert due_text(None, TODAY) == "new"
    assert due_text("2026-11-01", TODAY) == "today"
    assert due_text("2026-11-24", TODAY) == "tomorrow"
    assert due_text("2026-12-09", TODAY) == "9 Dec"
    assert due_text("2027-01-23", TODAY) == "23 Jan ’27"


def test_typing_narrows_the_rows_and_clearing_brings_them_back(model: CardTableModel) -> None:
    total = model.rowCount()
    model.set_filter(CardFilter(text="Intox"))
    model.set_filter(CardFilter(text="Intoxicated"))
    assert 0 < model.rowCount() < total
    shown = [model.row(r) for r in range(model.rowCount())]
    assert all(
        "intoxicated" in browser.searchable(row.front, row.section, row.tags) for row in shown
    )
    model.set_filter(CardFilter())
    assert model.rowCount() == total


def test_sorting_a_column_orders_rows_and_column_minus_one_restores_deck_order(
    model: CardTableModel,
) -> None:
    deck_order = _column(model, card_table.FRONT)
    model.sort(card_table.FRONT, Qt.SortOrder.AscendingOrder)
    fronts = _column(model, card_table.FRONT)
    assert fronts == sorted(fronts, key=str.casefold)
    model.sort(-1)
    assert _column(model, card_table.FRONT) == deck_order


def test_a_sort_stays_through_a_search(model: CardTableModel) -> None:
    model.sort(card_table.FRONT, Qt.SortOrder.DescendingOrder)
    model.set_filter(CardFilter(text="client"))
    fronts = _column(model, card_table.FRONT)
    assert len(fronts) > 2
    assert fronts == sorted(fronts, key=str.casefold, reverse=True)


def test_a_selected_row_stays_with_its_card_through_a_sort(model: CardTableModel) -> None:
    held = QPersistentModelIndex(model.index(0, card_table.FRONT))
    front = held.data()
    model.sort(card_table.FRONT, Qt.SortOrder.DescendingOrder)
    assert held.isValid()
    assert held.data() == front
    assert held.row() != 0


def test_a_changed_card_moves_to_its_sorted_place_and_leaves_a_filter_it_no_longer_passes(
    store: Store, model: CardTableModel
) -> None:
    model.sort(card_table.DUE, Qt.SortOrder.AscendingOrder)
    model.set_filter(CardFilter(status=Status.ACTIVE))
    total = model.rowCount()
    first = model.card_id(0)
    browser.set_suspended(store, [first], True, MORNING)
    model.update_cards(browser.fresh_cards(store, [first]))
    assert model.rowCount() == total - 1
    model.set_filter(CardFilter())
    # Suspended cards are not coming up at all: they sort after every date, as the cell says.
    assert model.index(model.rowCount() - 1, card_table.DUE).data() == "suspended"
    assert model.card_id(model.rowCount() - 1) == first
    model.set_filter(CardFilter(status=Status.SUSPENDED))
    assert model.rowCount() == 1


def test_a_new_card_lands_in_its_sorted_place(store: Store, model: CardTableModel) -> None:
    model.sort(card_table.FRONT, Qt.SortOrder.AscendingOrder)
    store.add_cards(
        [CardContent("own.aaa", CardKind.REFRAME, "own", "Mine", "AAA first of all", "b", ())],
        MORNING,
    )
    model.update_cards(browser.fresh_cards(store, ["own.aaa"]))
    fronts = _column(model, card_table.FRONT)
    assert fronts == sorted(fronts, key=str.casefold)
    place = fronts.index("AAA first of all")
    assert model.card_id(place) == "own.aaa"
    assert place < len(fronts) - 1  # not simply put at the end
