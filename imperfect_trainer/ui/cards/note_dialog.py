"""A built-in card's note: the card's text, read-only, the person's own note on it, and the note
as written on another computer while apart, to add to this one or be done with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from imperfect_trainer.deck.features import own_cards
from imperfect_trainer.deck.features.own_cards import MAX_NOTE
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.operations import Changes, op_done
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.texts_apart import TextsApart, Wording

APART = Wording(
    N_("Add it to this note"),
    N_("Add this text to the end of your note, and save it"),
    N_(
        "Written on this computer while apart; the note now holds the later text from another "
        "computer:"
    ),
)


class NoteDialog(QDialog):
    """A built-in card's text, read-only, and the person's own note on it."""

    def __init__(
        self, store: Store, clock: Clock, card_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.card_id = card_id
        self.setWindowTitle(_("Your note on this card"))
        card = store.card(card_id)
        front = widgets.label(card.front, role="lead", wrap=True)
        back = QLabel(card.back)
        back.setWordWrap(True)
        for side in (front, back):
            side.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The card's words scroll when they are longer than the screen has room for.
        card_text = QWidget()
        sides = QVBoxLayout(card_text)
        sides.setContentsMargins(0, 0, 8, 0)
        sides.addWidget(front)
        sides.addWidget(back)
        sides.addStretch(1)
        self.written_apart = TextsApart(store, APART, self)
        self.written_apart.add = self._add_apart
        self.note = widgets.text_box(
            _("Your note"), _("A word to yourself, shown on the back when this card comes up"), 3
        )
        self.note.setPlainText(card.personal_note or "")
        # Why the note was not saved, or what was added to it.
        self.said = widgets.label(role="muted", wrap=True)
        self.said.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(scroll_page(card_text), 1)
        layout.addWidget(self.written_apart)
        layout.addWidget(widgets.label(_("Your note"), role="heading"))
        layout.addWidget(self.note)
        layout.addWidget(self.said)
        layout.addWidget(
            widgets.label(
                _(
                    "Cards that come with the app are not edited, so updates can improve them; "
                    "your note stays with the card."
                ),
                role="muted",
                wrap=True,
            )
        )
        layout.addWidget(buttons)
        self.written_apart.show_texts(own_cards.note_written_apart(store, card_id))
        widgets.save_on_ctrl_enter(self, self.save)
        self.note.setFocus()
        widgets.fit_to_text(self, 56)

    def _add_apart(self, other: TextApart) -> bool:
        """The text added to the end of the note as the box holds it, and saved (the dialog
        stays open: the person sees what was added)."""
        note = own_cards.with_note_apart(self.note.toPlainText(), other)
        if self._too_long(note):
            return False
        now = self.clock()
        if not op_done(
            self,
            lambda: own_cards.add_note_apart(self.store, self.card_id, note, other.key, now),
            Changes.of_cards([self.card_id]),
        ):
            return False
        self.note.setPlainText(note)
        self._say(_("Added to your note and saved."))
        return True

    def save(self) -> None:
        text = self.note.toPlainText()
        if self._too_long(text):
            return
        now = self.clock()
        if op_done(
            self,
            lambda: own_cards.set_personal_note(self.store, self.card_id, text, now),
            Changes.of_cards([self.card_id]),
        ):
            self.accept()

    def _too_long(self, note: str) -> bool:
        """Whether ``note`` is longer than a card keeps; if so it is said, and nothing is cut
        or saved."""
        length = len(note.strip())
        if length <= MAX_NOTE:
            return False
        self._say(
            _(
                "This note would be {length} characters; a card keeps {most}. Shorten it "
                "(or copy what you want to keep elsewhere) to save; nothing was saved."
            ).format(length=f"{length:,}", most=f"{MAX_NOTE:,}")
        )
        self.note.setFocus()
        return True

    def _say(self, text: str) -> None:
        self.said.setText(text)
        self.said.show()
