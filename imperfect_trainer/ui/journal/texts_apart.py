"""Beside an entry: its text written on another computer while apart (the common panel), added
to the entry with the editor's text saved first, or done with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.translation import N_
from imperfect_trainer.ui.common import texts_apart
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.operations import run_op

ALSO_WRITTEN = texts_apart.ALSO_WRITTEN
WRITTEN_HERE = N_(
    "Written on this computer while apart; the entry now holds the later text from another "
    "computer:"
)
WORDING = texts_apart.Wording(
    N_("Add it to this entry"), N_("Add this text to the end of your entry"), WRITTEN_HERE
)


def _nothing_chosen() -> JournalItem | None:
    return None


class TextsApart(texts_apart.TextsApart):
    """Hidden while the entry has none."""

    # The entry as it is saved now, and when it was saved (None: its text was not changed).
    changed = Signal(JournalItem, object)

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(store, WORDING, parent)
        self.clock = clock
        # The entry shown, its editor's text saved first (None when that could not be saved).
        self.entry: Callable[[], JournalItem | None] = _nothing_chosen
        self.add = self._add_to_entry
        self.seen.connect(self._seen)

    def show_for(self, item: JournalItem | None) -> None:
        self.show_texts(item.written_apart if item is not None else ())

    def _add_to_entry(self, other: TextApart) -> bool:
        item = self.entry()
        if item is None:
            return False
        now = self.clock()
        text = run_op(self, lambda: journal.add_text_apart(self.store, item.id, other.key, now))
        if text is None:
            return False
        self.changed.emit(replace(journal.without(item, other), text=text, updated_at=now), now)
        return True

    def _seen(self, other: TextApart) -> None:
        item = self.entry()
        if item is not None:
            self.changed.emit(journal.without(item, other), None)
