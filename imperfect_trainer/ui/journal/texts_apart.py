"""Beside an entry: the text of it written on another computer while apart, which the sync
kept rather than drop, with "Add it to this entry" (saved as an edit of the entry, which then
syncs) and "Done with it" (shown no more; it stays on disk). One is shown at a time, the
oldest first, with how many more there are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.operations import op_done, run_op
from imperfect_trainer.ui.common.reflow import FlowRow

ALSO_WRITTEN = N_("Also written on another computer while apart:")
ADD_IT = N_("Add it to this entry")
DONE_WITH_IT = N_("Done with it")
WRITTEN_HERE = N_(
    "Written on this computer while apart; the entry now holds the later text from another "
    "computer:"
)


def _nothing_chosen() -> JournalItem | None:
    return None


class TextsApart(QFrame):
    """Hidden while the entry has none."""

    # The entry as it is saved now, and when it was saved (None: its text was not changed).
    changed = Signal(JournalItem, object)

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.clock = store, clock
        # The entry shown, its editor's text saved first (None when that could not be saved).
        self.entry: Callable[[], JournalItem | None] = _nothing_chosen
        self.setObjectName("panel")
        self.heading = widgets.label(_(ALSO_WRITTEN), role="muted", wrap=True)
        self.text = widgets.WholeTextLabel()
        self.text.setWordWrap(True)
        # What was typed, as typed: never read as markup.
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName(_("Text written on another computer"))
        self.more = widgets.label(role="muted", wrap=True)
        self.add_button = widgets.button(_(ADD_IT))
        self.add_button.setToolTip(_("Add this text to the end of your entry"))
        self.done_button = widgets.button(_(DONE_WITH_IT))
        self.done_button.setToolTip(
            _("Show it here no more; it stays in your collection, nothing is deleted")
        )
        self.add_button.clicked.connect(self.add_it)
        self.done_button.clicked.connect(self.done_with_it)
        buttons = FlowRow(spacing=12)
        buttons.add(self.add_button, self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.more)
        layout.addLayout(buttons)
        self.hide()

    def show_for(self, item: JournalItem | None) -> None:
        texts = item.written_apart if item is not None else ()
        self.setVisible(bool(texts))
        self.text.setText(texts[0].text if texts else "")
        self.heading.setText(_(WRITTEN_HERE) if texts and texts[0].here else _(ALSO_WRITTEN))
        later = len(texts) - 1
        self.more.setText(
            ngettext("One more after this one.", "{count} more after this one.", later).format(
                count=later
            )
        )
        self.more.setVisible(later > 0)

    def add_it(self) -> None:
        item = self.entry()
        if item is None or not item.written_apart:
            return
        key, now = item.written_apart[0].key, self.clock()
        text = run_op(self, lambda: journal.add_text_apart(self.store, item.id, key, now))
        if text is not None:
            self._shown_no_more(replace(item, text=text, updated_at=now), now)

    def done_with_it(self) -> None:
        item = self.entry()
        if item is None or not item.written_apart:
            return
        key = item.written_apart[0].key
        if op_done(self, lambda: journal.done_with_text_apart(self.store, key)):
            self._shown_no_more(item, None)

    def _shown_no_more(self, item: JournalItem, saved: dt.datetime | None) -> None:
        item = replace(item, written_apart=item.written_apart[1:])
        self.show_for(item)
        self.changed.emit(item, saved)
