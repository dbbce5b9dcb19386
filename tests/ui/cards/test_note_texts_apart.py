"""A built-in card's note edited on two computers while apart: its note dialog shows the other
computer's note, to add to this one or be done with; a note too long to keep is said, never cut."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from imperfect_trainer.deck.features.own_cards import MAX_NOTE
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards.note_dialog import NoteDialog
from imperfect_trainer.ui.window.main_window import MainWindow
from tests.support.window_support import (
    in_a_dialog_from_the_cards_screen,
)
from tests.support.written_apart import (
    CARD_NOTE_HERE,
    CARD_NOTE_THERE,
    note_merged_apart,
    on_disk,
)

pytestmark = pytest.mark.gui


def _note(window: MainWindow, card_id: str, act: Callable[[NoteDialog], object]) -> None:
    in_a_dialog_from_the_cards_screen(window, card_id, "note_button", NoteDialog, act)


def test_the_other_computers_note_is_shown_and_added_to_this_one(
    window: MainWindow, store: Store
) -> None:
    card_id = note_merged_apart(store)
    seen: list[str] = []

    def add_it(dialog: NoteDialog) -> None:
        assert dialog.written_apart.isVisibleTo(dialog)
        seen.append(dialog.written_apart.text.text())
        dialog.written_apart.add_button.click()
        seen.append(dialog.note.toPlainText())
        seen.append(dialog.said.text())
        assert not dialog.written_apart.isVisibleTo(dialog)

    _note(window, card_id, add_it)

    assert seen == [
        CARD_NOTE_THERE,
        f"{CARD_NOTE_HERE}\n{CARD_NOTE_THERE}",
        "Added to your note and saved.",
    ]
    # Saved though the dialog was then closed with Cancel; shown no more, kept on disk.
    assert store.card(card_id).personal_note == f"{CARD_NOTE_HERE}\n{CARD_NOTE_THERE}"
    _note(window, card_id, lambda dialog: seen.append(str(dialog.written_apart.isHidden())))
    assert seen[-1] == "True"
    assert on_disk(store) == [CARD_NOTE_THERE]


def test_a_note_too_long_to_keep_is_said_and_nothing_is_cut_or_saved(
    window: MainWindow, store: Store
) -> None:
    card_id = note_merged_apart(store)
    typed = "y" * (MAX_NOTE - 10)
    said: list[str] = []

    def too_long(dialog: NoteDialog) -> None:
        dialog.note.setPlainText(typed)
        dialog.written_apart.add_button.click()
        said.append(dialog.said.text())
        # What was typed stays in the box, whole, and the text apart stays shown.
        assert dialog.note.toPlainText() == typed
        assert dialog.written_apart.isVisibleTo(dialog)
        dialog.note.setPlainText(typed + "z" * 20)
        dialog.save()
        said.append(dialog.said.text())
        assert dialog.isVisible()

    _note(window, card_id, too_long)

    assert "nothing was saved" in said[0]
    assert f"{MAX_NOTE + 10:,}" in said[1]
    assert store.card(card_id).personal_note == CARD_NOTE_HERE
