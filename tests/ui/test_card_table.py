"""The browser's table model and filter proxy: Qt's model checks, filtering, sorting, updates."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from imperfect_trainer.deck.features import browser
from imperfect_trainer.deck.features.browser import CardFilter, Status
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import card_table
from imperfect_trainer.ui.card_table import CardFilterProxy, CardTableModel, due_text
from tests.support.moments import MORNING

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def model(store: Store) -> CardTableModel:
    cards = CardTableModel()
    cards.set_rows(browser.load_rows(store), TODAY)
    return cards


def _fronts(proxy: CardFilterProxy) -> list[str]:
    return [proxy.index(row, card_table.FRONT).data() for row in range(proxy.rowCount())]


def test_the_model_passes_qts_model_checks(
    model: CardTableModel, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(model, force_py=True)


def test_the_proxy_passes_qts_model_checks_while_filtering_and_sorting(
    model: CardTableModel, qtmodeltester: ModelTester
) -> None:
    proxy = CardFilterProxy(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_filter(CardFilter(text="client"))
    proxy.sort(card_table.DUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy, force_py=True)


def test_a_new_card_shows_new_and_a_dash_for_its_interval(model: CardTableModel) -> None:
    row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert row[card_table.DUE] == "new"
    assert row[card_table.INTERVAL] == "—"
    assert row[card_table.EASINESS] == "2.50"
    assert model.headerData(card_table.EASINESS, Qt.Orientation.Horizontal) == "E-Factor"


def test_due_days_read_as_a_person_says_them_and_never_overdue() -> None:
    assert due_text(None, TODAY) == "new"
    assert due_text("2026-11-01", TODAY) == "today"
    assert due_text("2026-11-24", TODAY) == "tomorrow"
    assert due_text("2026-12-09", TODAY) == "9 Dec"
    assert due_text("2027-01-23", TODAY) == "23 Jan ’27"


def test_typing_narrows_the_rows_and_clearing_brings_them_back(model: CardTableModel) -> None:
    proxy = CardFilterProxy(model)
    total = proxy.rowCount()
    proxy.set_filter(CardFilter(text="Intoxicated"))
    assert 0 < proxy.rowCount() < total
    shown = [model.row(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(proxy.rowCount())]
    assert all("intoxicated" in browser.search_text(row) for row in shown)
    proxy.set_filter(CardFilter())
    assert proxy.rowCount() == total


def test_sorting_a_column_orders_rows_and_column_minus_one_restores_deck_order(
    model: CardTableModel,
) -> None:
    proxy = CardFilterProxy(model)
    deck_order = _fronts(proxy)
    proxy.sort(card_table.FRONT, Qt.SortOrder.AscendingOrder)
    fronts = _fronts(proxy)
    assert fronts == sorted(fronts, key=str.casefold)
    proxy.sort(-1)
    assert _fronts(proxy) == deck_order


def test_a_selected_row_stays_with_its_card_through_a_sort(model: CardTableModel) -> None:
    proxy = CardFilterProxy(model)
    held = QPersistentModelIndex(proxy.index(0, card_table.FRONT))
    front = held.data()
    proxy.sort(card_table.FRONT, Qt.SortOrder.DescendingOrder)
    assert held.isValid()
    assert held.data() == front
    assert held.row() != 0


def test_an_updated_row_refilters_in_place(store: Store, model: CardTableModel) -> None:
    proxy = CardFilterProxy(model)
    proxy.set_filter(CardFilter(status=Status.ACTIVE))
    total = proxy.rowCount()
    first = proxy.card_id(proxy.index(0, 0))
    browser.set_suspended(store, [first], True, MORNING)
    model.update_rows(browser.reload_rows(store, [first]))
    assert proxy.rowCount() == total - 1
    proxy.set_filter(CardFilter(status=Status.SUSPENDED))
    assert proxy.rowCount() == 1
    assert proxy.index(0, card_table.DUE).data() == "suspended"
