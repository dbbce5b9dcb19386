"""Beside a journal entry, a goal or an own card: its text written on another computer while
apart, which the sync kept rather than drop, with "Add it to this entry" (or goal, or card:
saved as an edit of it, which then syncs) and "Done with it" (shown no more; it stays on disk).
One is shown at a time, the oldest first, with how many more there are."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import texts_apart
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.operations import op_done
from imperfect_trainer.ui.common.reflow import FlowRow

ALSO_WRITTEN = N_("Also written on another computer while apart:")
DONE_WITH_IT = N_("Done with it")


@dataclass(frozen=True, slots=True)
class Wording:
    """What the panel says of the thing it stands beside (all marked for translation with N_,
    translated when shown)."""

    add: str  # "Add it to this entry"
    add_tip: str
    # Over a text written here and replaced by the later one from another computer.
    written_here: str
    # Where a text was written, by field, when the thing has more than one (a card's front).
    fields: Mapping[str, str] = field(default_factory=dict)


def _not_added(_other: TextApart) -> bool:
    return False


class TextsApart(QFrame):
    """Hidden while there are none."""

    # The text done with: shown here no more, and still on disk.
    seen = Signal(TextApart)

    def __init__(self, store: Store, wording: Wording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.wording = store, wording
        self.texts: tuple[TextApart, ...] = ()
        # Adds the text to the thing shown, saved as an edit; False when it could not (the
        # owner has said why, and the text stays shown).
        self.add: Callable[[TextApart], bool] = _not_added
        self.setObjectName("panel")
        self.heading = widgets.label(_(ALSO_WRITTEN), role="muted", wrap=True)
        self.where = widgets.label(role="muted", wrap=True)
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
        self.add_button = widgets.button(_(wording.add))
        self.add_button.setToolTip(_(wording.add_tip))
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
        layout.addWidget(self.where)
        layout.addWidget(self.text)
        layout.addWidget(self.more)
        layout.addLayout(buttons)
        self.hide()

    def show_texts(self, texts: tuple[TextApart, ...]) -> None:
        self.texts = texts
        self.setVisible(bool(texts))
        first = texts[0] if texts else None
        self.text.setText(first.text if first else "")
        here = first is not None and first.here
        self.heading.setText(_(self.wording.written_here) if here else _(ALSO_WRITTEN))
        where = self.wording.fields.get(first.field, "") if first else ""
        self.where.setText(_(where) if where else "")
        self.where.setVisible(bool(where))
        later = len(texts) - 1
        self.more.setText(
            ngettext("One more after this one.", "{count} more after this one.", later).format(
                count=later
            )
        )
        self.more.setVisible(later > 0)

    def add_it(self) -> None:
        if self.texts and self.add(self.texts[0]):
            self.show_texts(self.texts[1:])

    def done_with_it(self) -> None:
        if not self.texts:
            return
        other = self.texts[0]
        if op_done(self, lambda: texts_apart.done_with(self.store, other.key)):
            self.show_texts(self.texts[1:])
            self.seen.emit(other)
