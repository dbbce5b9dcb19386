"""An own card edited on two computers while apart: its editor shows the other computer's front
and back, each to add to the side it was written on or be done with; nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import own_cards
from imperfect_trainer.deck.features.own_cards import OwnCardDraft
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards.card_dialogs import APART, OwnCardDialog
from imperfect_trainer.ui.common.texts_apart import ALSO_WRITTEN
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.window_support import (
    in_a_dialog_from_the_cards_screen,
)
from tests.support.written_apart import (
    BACK_HERE,
    BACK_THERE,
    FRONT_HERE,
    FRONT_THERE,
    LATER,
    card_merged_apart,
    on_disk,
)

pytestmark = pytest.mark.gui


def _edit(window: MainWindow, card_id: str, act: Callable[[OwnCardDialog], object]) -> None:
    in_a_dialog_from_the_cards_screen(window, card_id, "edit_button", OwnCardDialog, act)


def test_the_other_computers_front_then_back_are_shown_in_the_cards_editor(
    window: MainWindow, store: Store
) -> None:
    card_id = card_merged_apart(store)
    seen: list[tuple[str, str, str, bool]] = []

    def look(dialog: OwnCardDialog) -> None:
        panel = dialog.written_apart
        assert panel.isVisible()
        assert panel.heading.text() == ALSO_WRITTEN
        assert (dialog.front.toPlainText(), dialog.back.toPlainText()) == (FRONT_HERE, BACK_HERE)
        seen.append((panel.where.text(), panel.text.text(), panel.more.text(), True))

    _edit(window, card_id, look)
    assert seen == [(APART.fields["front"], FRONT_THERE, "One more after this one.", True)]


def test_add_it_appends_each_to_its_side_and_saves_the_card(
    window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    card_id = card_merged_apart(store)

    def add_both(dialog: OwnCardDialog) -> None:
        qtbot.keyClicks(dialog.tags, "silence")
        dialog.written_apart.add_button.click()
        assert dialog.front.toPlainText() == f"{FRONT_HERE}\n\n{FRONT_THERE}"
        assert dialog.added.text() == "Added to the front and saved."
        assert dialog.written_apart.where.text() == APART.fields["back"]
        assert dialog.written_apart.text.text() == BACK_THERE
        dialog.written_apart.add_button.click()
        assert dialog.back.toPlainText() == f"{BACK_HERE}\n\n{BACK_THERE}"
        assert dialog.added.text() == "Added to the back and saved."
        assert not dialog.written_apart.isVisible()

    _edit(window, card_id, add_both)
    card = store.card(card_id)
    assert (card.front, card.back) == (
        f"{FRONT_HERE}\n\n{FRONT_THERE}",
        f"{BACK_HERE}\n\n{BACK_THERE}",
    )
    # What else was typed in the editor is saved with it.
    assert card.tags == ("silence",)
    assert own_cards.written_apart(store, card_id) == ()
    assert sorted(on_disk(store)) == sorted([FRONT_THERE, BACK_THERE])


def test_a_card_that_cannot_be_saved_with_it_says_why_and_stays_as_it_was(
    window: MainWindow, store: Store
) -> None:
    card_id = card_merged_apart(store)
    # Another card's front is what the two fronts make together.
    own_cards.add_own_card(
        store, OwnCardDraft(CardKind.FACT, f"{FRONT_HERE} {FRONT_THERE}", "Taken"), LATER
    )
    problems: list[str] = []

    def add(dialog: OwnCardDialog) -> None:
        dialog.written_apart.add_button.click()
        problems.append(dialog.problem.text())
        assert dialog.written_apart.isVisible()
        assert dialog.written_apart.text.text() == FRONT_THERE
        assert not dialog.added.isVisible()

    _edit(window, card_id, add)
    assert problems == ["A card with this front is already in your deck."]
    assert store.card(card_id).front == FRONT_HERE
    assert own_cards.written_apart(store, card_id)[0].text == FRONT_THERE


def test_done_with_it_hides_it_keeps_it_on_disk_and_leaves_the_card(
    window: MainWindow, store: Store
) -> None:
    card_id = card_merged_apart(store)

    def done_with_both(dialog: OwnCardDialog) -> None:
        dialog.written_apart.done_button.click()
        dialog.written_apart.done_button.click()
        assert not dialog.written_apart.isVisible()

    _edit(window, card_id, done_with_both)
    card = store.card(card_id)
    assert (card.front, card.back) == (FRONT_HERE, BACK_HERE)
    assert sorted(on_disk(store)) == sorted([FRONT_THERE, BACK_THERE])
    shown: list[bool] = []
    _edit(window, card_id, lambda dialog: shown.append(dialog.written_apart.isVisible()))
    assert shown == [False]


def test_a_card_never_synced_shows_nothing_written_apart(window: MainWindow, store: Store) -> None:
    card_id = own_cards.add_own_card(store, OwnCardDraft(CardKind.FACT, "Front", "Back"), LATER)
    shown: list[bool] = []
    _edit(window, card_id, lambda dialog: shown.append(dialog.written_apart.isVisible()))
    assert shown == [False]
